"""Schema upgrades at start-up, with a safety net.

Before any upgrade of an existing database a consistent copy is taken into its
backups folder (kind ``pre-upgrade``, see ``db/backup_files.py``);
a database stamped by a newer version of the app is refused untouched; a SQLite
file that is not ours is refused too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from desasadar_gui.db.backup_files import PRE_UPGRADE, take_backup_file
from desasadar_gui.errors import UserError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseTooNewError(UserError):
    pass


class NotOurDatabaseError(UserError):
    pass


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None


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


def upgrade_database(engine: Engine, db_path: Path | None) -> UpgradeResult:
    """Bring the database to the newest schema, backing it up first when it holds data."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = head_revision()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
    if current is None and tables - {"alembic_version"}:
        raise NotOurDatabaseError(
            "Berkas ini adalah basis data SQLite, tetapi bukan milik Desa Sadar. "
            "Pilih berkas basis data Desa Sadar yang lain.",
            "This file is a SQLite database, but not a Desa Sadar one. "
            "Choose another Desa Sadar database file.",
        )
    if current is not None and current not in {s.revision for s in script.walk_revisions()}:
        raise DatabaseTooNewError(
            "Basis data ini dibuat oleh versi Desa Sadar yang lebih baru. "
            "Perbarui aplikasi sebelum membukanya; berkas tidak diubah.",
            "This database was made by a newer version of Desa Sadar. "
            "Update the app before opening it; the file was not changed.",
        )
    if current == head:
        return UpgradeResult(current, head, None)
    backup = None
    if current is not None and db_path is not None and Path(db_path).exists():
        backup = take_backup_file(db_path, PRE_UPGRADE)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(current, head, backup)
