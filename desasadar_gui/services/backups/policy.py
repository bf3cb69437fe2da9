"""How many backups of each kind to keep and how much disk they may take together:
the :class:`BackupPolicy`, stored in the database's settings."""

from __future__ import annotations

from dataclasses import dataclass

from desasadar_gui.db.backup_files import (
    DAILY,
    PRE_IMPORT,
    PRE_RESTORE,
    PRE_UPGRADE,
)
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.settings import read_counts, write_counts

SETTING_KEEP_DAILY = "backup.keep_daily"
SETTING_KEEP_PRE_IMPORT = "backup.keep_pre_import"
SETTING_MAX_TOTAL_MB = "backup.max_total_mb"
SETTING_MAX_AGE_DAYS = "backup.max_age_days"
DEFAULT_MAX_AGE_DAYS = 90
MIB = 1024 * 1024
DEFAULT_MAX_TOTAL_MB = 2048


@dataclass(frozen=True)
class BackupPolicy:
    """How many copies of each automatic kind to keep (newest first), and how much
    disk all copies of one database may take together (``max_total_bytes``)."""

    keep_daily: int = 7
    keep_pre_import: int = 10
    keep_pre_upgrade: int = 5
    keep_pre_restore: int = 5
    max_total_bytes: int = DEFAULT_MAX_TOTAL_MB * MIB
    # Automatic copies this much older than the newest copy are removed (they hold
    # personal data since changed or erased); the newest of each kind is always kept.
    max_age_days: int = DEFAULT_MAX_AGE_DAYS

    def keep_for(self, kind: str) -> int | None:
        """How many to keep; ``None``: never removed automatically (manual, damaged)."""
        return {
            DAILY: self.keep_daily,
            PRE_IMPORT: self.keep_pre_import,
            PRE_UPGRADE: self.keep_pre_upgrade,
            PRE_RESTORE: self.keep_pre_restore,
        }.get(kind)


def load_policy(db: Database) -> BackupPolicy:
    """The policy stored in this database's settings (defaults where unset or invalid)."""
    default = BackupPolicy()
    n = read_counts(
        db,
        {
            SETTING_KEEP_DAILY: default.keep_daily,
            SETTING_KEEP_PRE_IMPORT: default.keep_pre_import,
            SETTING_MAX_TOTAL_MB: DEFAULT_MAX_TOTAL_MB,
            SETTING_MAX_AGE_DAYS: DEFAULT_MAX_AGE_DAYS,
        },
    )
    return BackupPolicy(
        keep_daily=n[SETTING_KEEP_DAILY],
        keep_pre_import=n[SETTING_KEEP_PRE_IMPORT],
        max_total_bytes=n[SETTING_MAX_TOTAL_MB] * MIB,
        max_age_days=n[SETTING_MAX_AGE_DAYS],
    )


def save_policy(
    db: Database, keep_daily: int, keep_pre_import: int, max_total_mb: int | None = None
) -> BackupPolicy:
    if keep_daily < 1 or keep_pre_import < 1:
        raise UserError(
            "Jumlah cadangan yang disimpan minimal 1.",
            "At least 1 backup of each kind must be kept.",
        )
    if max_total_mb is not None and max_total_mb < 1:
        raise UserError(
            "Batas ukuran semua cadangan minimal 1 MB.",
            "The size limit for all backups must be at least 1 MB.",
        )
    pairs = [(SETTING_KEEP_DAILY, keep_daily), (SETTING_KEEP_PRE_IMPORT, keep_pre_import)]
    if max_total_mb is not None:
        pairs.append((SETTING_MAX_TOTAL_MB, max_total_mb))
    write_counts(db, pairs)
    return load_policy(db)
