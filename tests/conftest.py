"""Shared fixtures: offscreen Qt, an isolated data folder, fast databases.

The schema is migrated once per test run into a template file; each test gets a copy
(migrating takes far longer than copying a file).

Both engines: a module marked ``pytestmark = pytest.mark.both_engines`` runs each of
its tests that use ``db`` twice, ``[sqlite]`` and ``[postgresql]``. The PostgreSQL
run uses a real server started for the session (``tests/pg_cluster.py``) and a fresh
database per test, cloned from a template migrated once by the app's own migrations
(``CREATE DATABASE ... TEMPLATE``, a few tens of milliseconds). A test about files
(damaged file, file lock, backups, encryption) is marked ``sqlite_only(reason)`` and
runs once. ``pg_url`` gives a fresh server database's URL to tests that open it
themselves. No server binaries: the PostgreSQL runs are skipped with that reason,
unless ``DESASADAR_REQUIRE_PG=1`` (CI), where they fail.
"""

from __future__ import annotations

import gc
import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import: GUI tests run with no display, everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DESASADAR_LANG", "id")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_REGIONS = SHARED / "data" / "regions"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user's data folder, settings or database."""
    home = tmp_path_factory.mktemp("user data")
    monkeypatch.setenv("DESASADAR_DATA_DIR", str(home))
    monkeypatch.delenv("DESASADAR_DB", raising=False)
    yield


@pytest.fixture(autouse=True)
def _fresh_keys(monkeypatch: pytest.MonkeyPatch):
    """No data key survives a test; the passphrase KDF is cheap in tests (the real cost,
    128 MiB and half a second per unlock, is measured in benchmarks, not paid 200 times).
    Subprocesses (the CLI, the frozen app) keep the real cost."""
    from desasadar_gui.db import cipher, keyfile

    cipher.KEYRING.clear()
    monkeypatch.setattr(keyfile, "DEFAULT_KDF", keyfile.KdfParams(n=2**12))
    monkeypatch.delenv("DESASADAR_PASSPHRASE", raising=False)
    monkeypatch.delenv("DESASADAR_NEW_PASSPHRASE", raising=False)
    yield
    cipher.KEYRING.clear()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Schema only: each copy gets its own device id when first opened, like a new laptop.
    from desasadar_gui.db.engine import make_engine
    from desasadar_gui.db.migrate import upgrade_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(path)
    upgrade_database(engine, path)
    engine.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """A fresh, migrated database file in a folder with a space and a non-ASCII letter."""
    folder = tmp_path / "data désa"
    folder.mkdir()
    path = folder / "desa sadar.sqlite"
    shutil.copyfile(template_db, path)
    return path


ENGINES = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_engines: run the module's tests using `db` on SQLite and PostgreSQL"
    )
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a test about files, run on SQLite only (says why)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("both_engines") is None:
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    metafunc.parametrize("db_engine", ENGINES, indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """The engine this test runs on: "sqlite" unless parametrised (see both_engines)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator:
    """The PostgreSQL server of this test run (started on first use)."""
    import pg_cluster as cluster_module

    try:
        cluster = cluster_module.start_cluster()
    except FileNotFoundError as exc:
        if os.environ.get("DESASADAR_REQUIRE_PG") == "1":
            pytest.fail(f"DESASADAR_REQUIRE_PG=1 but {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {exc} (install Debian 'postgresql')")
    yield cluster
    cluster.cleanup()


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:  # noqa: ANN001
    """The name of a server database migrated once by the app's own migrations."""
    import pg_cluster as cluster_module
    from sqlalchemy import create_engine, text

    from desasadar_gui.db.engine import server_engine
    from desasadar_gui.db.migrate import upgrade_database

    admin = create_engine(pg_cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {cluster_module.TEMPLATE}"))
    admin.dispose()
    engine = server_engine(pg_cluster.url(cluster_module.TEMPLATE))
    upgrade_database(engine, None)
    engine.dispose()
    return cluster_module.TEMPLATE


_pg_counter = iter(range(1, 10**9))
# Test databases are dropped this many tests later, not at once: like a test's SQLite
# file in its tmp folder, a database stays usable for a while after its test (a window
# of that test not yet collected may still refresh itself); the disk stays bounded.
PG_KEEP = 30
_pg_kept: list[str] = []


@pytest.fixture
def pg_new_database(pg_cluster, pg_template: str) -> Iterator:  # noqa: ANN001
    """``pg_new_database()``: the URL of one more fresh, migrated server database (a
    new laptop's empty file); as many as the test wants, each dropped later."""
    from sqlalchemy import create_engine, text

    admin = create_engine(pg_cluster.url("postgres"), isolation_level="AUTOCOMMIT")

    def new() -> str:
        name = f"test_{os.getpid()}_{next(_pg_counter)}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {pg_template}"))
        _pg_kept.append(name)
        return pg_cluster.url(name)

    try:
        yield new
        # A test's engine left to the garbage collector (a window not yet collected)
        # holds open server connections, and psycopg warns when it finds one, in
        # whichever later test the collector happens to run: collect it here, at the
        # end of its own test, without the warning (SQLite's driver gives none).
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message=r".*psycopg.*deleted while still open", category=ResourceWarning
            )
            gc.collect()
        with admin.connect() as conn:
            while len(_pg_kept) > PG_KEEP:
                old = _pg_kept.pop(0)
                conn.execute(text(f"DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
    finally:
        admin.dispose()


@pytest.fixture
def pg_url(pg_new_database) -> str:  # noqa: ANN001
    """The URL of a fresh, migrated database on the test server (dropped later)."""
    return pg_new_database()


_pg_filled: dict[str, str] = {}


@pytest.fixture
def pg_clone(pg_cluster, pg_template: str):  # noqa: ANN001, ANN201
    """``pg_clone(key, fill)``: the URL of a fresh server database holding what
    ``fill(Database)`` writes; ``fill`` runs once per session and key (into a template
    database), each call clones that template (as a module's demo file is copied)."""
    from sqlalchemy import create_engine, text

    from desasadar_gui.services.database import Database

    admin = create_engine(pg_cluster.url("postgres"), isolation_level="AUTOCOMMIT")

    def clone(key: str, fill) -> str:  # noqa: ANN001
        template = _pg_filled.get(key)
        if template is None:
            template = f"filled_{key}"
            with admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {template} TEMPLATE {pg_template}"))
            with Database.open(pg_cluster.url(template)) as database:
                fill(database)
            _pg_filled[key] = template
        name = f"test_{os.getpid()}_{next(_pg_counter)}"
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
        _pg_kept.append(name)
        return pg_cluster.url(name)

    yield clone
    admin.dispose()


@pytest.fixture
def db_target(request: pytest.FixtureRequest, db_engine: str) -> Path | str:
    """What ``db`` opens: a file path (SQLite) or a server URL (PostgreSQL)."""
    if db_engine == "postgresql":
        return request.getfixturevalue("pg_url")
    return request.getfixturevalue("db_path")


@pytest.fixture
def db(db_target: Path | str) -> Iterator:
    from desasadar_gui.services.database import Database

    database = Database.open(db_target)
    database.set_officer("Petugas Uji", "KC Jambi")
    yield database
    database.close()


@pytest.fixture
def shared_regions() -> Path:
    if not SHARED_REGIONS.is_dir():
        pytest.skip(f"shared region data not found at {SHARED_REGIONS}")
    return SHARED_REGIONS


PASSPHRASE = "kopi tubruk di pasar angso duo"


@pytest.fixture
def encrypted_db_path(db_path: Path) -> Iterator[Path]:
    """``db_path`` encrypted with :data:`PASSPHRASE` (the key unlocked); the recovery
    key is on ``encrypted_db_path.recovery_key`` via the module attribute below."""
    from desasadar_gui.services import security

    prepared = security.prepare_key(PASSPHRASE)
    security.encrypt_database(db_path, prepared)
    RECOVERY_KEYS[db_path] = prepared.recovery_key
    yield db_path


RECOVERY_KEYS: dict[Path, str] = {}


@pytest.fixture
def encrypted_db(encrypted_db_path: Path) -> Iterator:
    from desasadar_gui.services.database import Database

    database = Database.open(encrypted_db_path)
    database.set_officer("Petugas Uji", "KC Jambi")
    yield database
    database.close()


# -- GUI hygiene ----------------------------------------------------------------------

_DIALOG_STATICS = {
    "QMessageBox": ("warning", "information", "question", "critical", "about"),
    "QFileDialog": (
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
    ),
}


@pytest.fixture(autouse=True)
def _gui_hygiene(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """For GUI tests (those using ``qtbot`` or ``qapp``): fail a test that lets a message
    box or file dialog really open (tests patch ``ui.kit.messages``), that leaves
    background operations running, or that leaves a window or dialog open."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from desasadar_gui.ui.kit import background, operations

    opened: list[str] = []

    def refusing(owner: str, name: str):
        answers = {
            "question": QMessageBox.StandardButton.No,
            "getOpenFileName": ("", ""),
            "getOpenFileNames": ([], ""),
            "getSaveFileName": ("", ""),
            "getExistingDirectory": "",
        }

        def refuse(*args, **kwargs):
            texts = [a for a in args if isinstance(a, str)]
            opened.append(f"{owner}.{name}({', '.join(texts)[:200]})")
            return answers.get(name, QMessageBox.StandardButton.Ok)

        return staticmethod(refuse)

    for owner, names in _DIALOG_STATICS.items():
        cls = QMessageBox if owner == "QMessageBox" else QFileDialog
        for name in names:
            monkeypatch.setattr(cls, name, refusing(owner, name))

    def refuse_exec(self, *args, **kwargs):
        opened.append(f"QMessageBox.exec({self.text()[:200]})")
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", refuse_exec)
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    app = QApplication.instance()
    still_running = len(background._running)
    if still_running:
        background.wait_for_all()
        app.processEvents()
    operations._latest.clear()
    left_open = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    names = [f"{type(w).__name__}({w.objectName() or w.windowTitle()})" for w in left_open]
    for widget in left_open:
        widget.close()
    problems = []
    if opened:
        problems.append("a dialog opened un-patched: " + "; ".join(opened))
    if still_running:
        problems.append(f"{still_running} background operation(s) still running at teardown")
    if names:
        problems.append("windows left open: " + ", ".join(names))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(autouse=True)
def _laptops_on_server(request: pytest.FixtureRequest) -> Iterator[None]:
    """In a ``both_engines`` module, the PostgreSQL run makes every ``new_laptop`` of
    ``sync_helpers`` a fresh server database (the sync tests build their laptops so)."""
    if getattr(getattr(request, "node", None), "callspec", None) is None or (
        request.node.callspec.params.get("db_engine") != "postgresql"
    ):
        yield
        return
    import sync_helpers

    sync_helpers.server_laptop = request.getfixturevalue("pg_new_database")
    try:
        yield
    finally:
        sync_helpers.server_laptop = None
