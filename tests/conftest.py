"""Shared fixtures: offscreen Qt, an isolated data folder, fast databases.

The schema is migrated once per test run into a template file; each test gets a copy
(migrating takes far longer than copying a file).
"""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture
def db(db_path: Path) -> Iterator:
    from desasadar_gui.services.database import Database

    database = Database.open(db_path)
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
