"""Schema upgrades at start-up, with a safety net, that a power cut cannot brick.

- Before any upgrade of an existing database a consistent copy is taken into its
  backups folder (kind ``pre-upgrade``, see ``db/backup_files.py``).
- The whole upgrade, every migration and the new ``alembic_version``, runs in ONE
  SQLite transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``; SQLite's DDL is
  transactional). Python's sqlite3 module normally commits before each DDL statement,
  so an older version of the app left, after a kill during ``CREATE INDEX``, a file at
  the old revision with some new indexes committed ("index ... already exists" at every
  later start). Now a kill rolls the whole upgrade back and the next start redoes it.
- Every migration is also safe to run again over a half-applied copy of itself (such
  files exist in the field): start-up detects the objects of a later revision
  (:func:`half_applied_objects`), logs them, and the upgrade finishes the job.
- If the upgrade still fails, :class:`UpgradeFailedError` says so in plain words and
  names the pre-upgrade backup to restore (the GUI offers it; the CLI prints it).
- A database stamped by a newer version of the app is refused untouched; a SQLite file
  that is not ours is refused too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from desasadar_gui.db import cipher
from desasadar_gui.db.backup_files import (
    PRE_UPGRADE,
    BackupFile,
    backup_files,
    parse_backup_name,
    take_backup_file,
)
from desasadar_gui.db.engine import BUSY_TIMEOUT_MS, keyed_engine, server_engine
from desasadar_gui.errors import UserError
from desasadar_gui.kill_points import pause_if_asked

log = logging.getLogger("desasadar.migrate")

# What a failing upgrade raises (rolled back, then reported with the backup to restore).
_UPGRADE_FAILURES: tuple[type[Exception], ...] = (
    SQLAlchemyError,
    *cipher.DB_OR_OS_ERRORS,
    RuntimeError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Tests only: a hook called at named points of the upgrade (see tests/test_upgrade_kill.py).
_HOOK_ENV = "DESASADAR_UPGRADE_HOOK"


class DatabaseTooNewError(UserError):
    pass


class NotOurDatabaseError(UserError):
    pass


class UpgradeFailedError(UserError):
    """The schema upgrade could not be completed; the file is at its old revision (the
    transaction was rolled back). ``backup_path`` is the copy to restore (the copy
    taken just before, or an older one that is known to upgrade), if any."""

    def __init__(self, text_id: str, text_en: str, backup_path: Path | None) -> None:
        super().__init__(text_id, text_en)
        self.backup_path = backup_path
        self.path: Path | None = None  # the database file (set by Database.open)

    @property
    def latest_backup(self) -> BackupFile | None:
        """The copy to offer, as the restore dialog shows it."""
        return parse_backup_name(self.backup_path) if self.backup_path else None


def foreign_file_error() -> NotOurDatabaseError:
    return NotOurDatabaseError(
        "Berkas ini adalah basis data SQLite, tetapi bukan milik Desa Sadar. "
        "Pilih berkas basis data Desa Sadar yang lain; berkas ini tidak diubah.",
        "This file is a SQLite database, but not a Desa Sadar one. "
        "Choose another Desa Sadar database file; this file was not changed.",
    )


def too_new_error() -> DatabaseTooNewError:
    return DatabaseTooNewError(
        "Basis data ini dibuat oleh versi Desa Sadar yang lebih baru. "
        "Perbarui aplikasi sebelum membukanya; berkas tidak diubah.",
        "This database was made by a newer version of Desa Sadar. "
        "Update the app before opening it; the file was not changed.",
    )


def upgrade_failed_error(backup: Path | None) -> UpgradeFailedError:
    if backup is not None:
        return UpgradeFailedError(
            "Pembaruan struktur basis data tidak bisa diselesaikan; basis data tetap "
            "seperti sebelumnya dan tidak dibuka. Pulihkan cadangan yang dibuat tepat "
            f"sebelum pembaruan: {backup}",
            "The database's structure could not be upgraded; the database is as it was "
            f"and was not opened. Restore the backup taken just before the upgrade: {backup}",
            backup,
        )
    return UpgradeFailedError(
        "Pembaruan struktur basis data tidak bisa diselesaikan; basis data tetap seperti "
        "sebelumnya dan tidak dibuka. Serahkan berkasnya ke supervisor atau petugas TI.",
        "The database's structure could not be upgraded; the database is as it was and "
        "was not opened. Hand the file to a supervisor or IT staff.",
        None,
    )


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None
    # Objects of a later revision that were already there (a half-applied upgrade by
    # an older version of the app), finished by this upgrade.
    finished_half_applied: tuple[str, ...] = ()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def transactional_engine(url: object) -> Engine:
    """An engine on which a transaction covers DDL too (SQLAlchemy's pysqlite recipe).

    The driver is told to leave transactions alone (``isolation_level=None``) and every
    SQLAlchemy transaction starts with ``BEGIN IMMEDIATE``: CREATE INDEX, ALTER TABLE and
    the version stamp commit together or not at all. Foreign keys are off while the
    schema changes (table copies in batch mode would otherwise cascade) and checked
    before the commit. An encrypted file is opened with its unlocked key.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)  # type: ignore[arg-type]
    if parsed.get_backend_name() != "sqlite":
        # PostgreSQL's DDL is transactional as it is: one plain transaction.
        return server_engine(parsed.render_as_string(hide_password=False), poolclass=NullPool)
    database = make_url(url).database  # type: ignore[arg-type]
    key = cipher.key_for_file(database) if database and database != ":memory:" else None
    engine = keyed_engine(url, key, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def foreign_key_problems(conn) -> list:  # noqa: ANN001
    """Rows breaking a foreign key after the upgrade (SQLite checks them off during the
    schema change; PostgreSQL enforces them on every statement: nothing to check)."""
    if conn.dialect.name != "sqlite":
        return []
    return conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()


def _schema_names(conn) -> set[str]:  # noqa: ANN001
    rows = conn.exec_driver_sql(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {f"{kind}:{name}" for kind, name in rows}


def expected_schema_names(revision: str) -> set[str]:
    """The schema objects a database at ``revision`` has (built in memory)."""
    engine = transactional_engine("sqlite://")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            return _schema_names(conn)
    finally:
        engine.dispose()


def half_applied_objects(engine: Engine, current: str) -> tuple[str, ...]:
    """Objects present in the file that a database at ``current`` should not have yet
    (left by an upgrade of an older app version that was cut off), sorted."""
    if engine.dialect.name != "sqlite":
        return ()
    with engine.connect() as conn:
        present = _schema_names(conn)
    return tuple(sorted(present - expected_schema_names(current)))


def _hook(point: str) -> None:
    """Test hook: DESASADAR_UPGRADE_HOOK=<point>:<seconds> pauses there."""
    pause_if_asked(_HOOK_ENV, "upgrade", point)


def _after_each_migration(*_args: object, **_kw: object) -> None:
    """Alembic's ``on_version_apply``: the test hook's point between two migrations."""
    _hook("after-migration")


def _unchanged_pre_upgrade_copy(db_path: Path) -> Path | None:
    """The pre-upgrade copy of an earlier start whose upgrade did not complete, if the
    file has not changed since: a start after a failed or killed upgrade reuses it
    instead of filling the disk with one more copy each time."""
    wal = Path(str(db_path) + "-wal")
    try:
        changed = db_path.stat().st_mtime
        if wal.exists() and wal.stat().st_size > 0:  # frames not yet in the main file
            changed = max(changed, wal.stat().st_mtime)
    except OSError:
        return None
    for copy in backup_files(db_path):
        if copy.kind != PRE_UPGRADE:
            continue
        try:
            fresh = copy.path.stat().st_mtime >= changed
        except OSError:
            return None
        return copy.path if fresh else None  # only the newest one counts
    return None


def upgrade_database(engine: Engine, db_path: Path | None) -> UpgradeResult:
    """Bring the database to the newest schema, backing it up first when it holds data."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = head_revision()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
    if current is None and tables - {"alembic_version"}:
        raise foreign_file_error()
    if current is not None and current not in {s.revision for s in script.walk_revisions()}:
        raise too_new_error()
    if current == head:
        return UpgradeResult(current, head, None)
    backup = None
    if current is not None and db_path is not None and Path(db_path).exists():
        backup = _unchanged_pre_upgrade_copy(Path(db_path)) or take_backup_file(
            db_path, PRE_UPGRADE
        )
    _hook("after-backup")
    leftovers: tuple[str, ...] = ()
    if current is not None:
        leftovers = half_applied_objects(engine, current)
        if leftovers:
            log.warning(
                "half-applied upgrade found at revision %s (%d objects of a later "
                "revision); finishing it",
                current,
                len(leftovers),
            )
    log.info("upgrading database schema %s -> %s", current or "(new)", head)
    migrating = transactional_engine(engine.url)
    try:
        with migrating.begin() as conn:
            cfg.attributes["connection"] = conn
            cfg.attributes["on_version_apply"] = _after_each_migration
            command.upgrade(cfg, "head")
            _hook("before-commit")
            problems = foreign_key_problems(conn)
            if problems:
                raise RuntimeError(f"foreign key check failed: {len(problems)} rows")
    except UserError:
        raise
    except _UPGRADE_FAILURES as exc:
        # services/database.py turns a full disk, a read-only file... (the cause) into
        # its own message; anything else is reported with the backup to restore.
        log.error("schema upgrade failed (%s); rolled back", type(exc).__name__, exc_info=exc)
        raise upgrade_failed_error(backup) from exc
    finally:
        migrating.dispose()
    _hook("after-commit")
    return UpgradeResult(current, head, backup, leftovers)
