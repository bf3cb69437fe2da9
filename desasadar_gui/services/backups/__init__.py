"""Backups of the local database: taking, rotating, listing, checking, restoring.

Copies are consistent snapshots made with SQLite's backup API (never a file copy of a
live database), written under a temporary name, flushed and renamed, into the
database's own backups folder (``db/backup_files.py`` knows where and how they are
named). They are taken:

- before every import (``backup_before_import``, called at the start of the import's
  apply step), kind ``pre-import``;
- before every schema upgrade (``db/migrate.py``), kind ``pre-upgrade``;
- once a day when the app closes (``daily_backup_if_due``), kind ``daily``, checked in
  full (``integrity.full_check``);
- before a restore replaces the file (``restore_backup``), kind ``pre-restore``;
- when the officer asks (GUI button, ``desasadar backup``), kind ``manual``.

Rotation keeps the newest N of each automatic kind and all copies of one database
under a total size (:class:`BackupPolicy`, stored in the database's settings; default
2 GiB, ``backup.max_total_mb``): over the cap the oldest pre-import copies go first,
then old daily, pre-restore and pre-upgrade copies, never the newest of a kind. Before
an automatic copy there must be room for it on the disk (old automatic copies are
pruned to make room, else a plain disk-full message and nothing is written). Manual
copies and copies of damaged files are never removed automatically. Half-written
``.part`` files of a killed backup are removed at the next start.

A restore never opens the database itself: the caller closes its :class:`Database`
first (and keeps holding the instance lock), calls :func:`restore_backup`, then opens
the file again.
The package, by concern: ``policy`` (what to keep), ``taking`` (taking and rotating)
and ``restore`` (listing, checking and restoring).
"""

from desasadar_gui.db.backup_files import (
    DAILY,
    DAMAGED,
    KINDS,
    MANUAL,
    PRE_IMPORT,
    PRE_RESTORE,
    PRE_UPGRADE,
    backups_dir,
    kind_label,
)
from desasadar_gui.services.backups.policy import BackupPolicy, load_policy, save_policy
from desasadar_gui.services.backups.restore import (
    BackupInfo,
    BackupRefusedError,
    RestoreResult,
    list_backups,
    restore_backup,
    validate_backup_file,
)
from desasadar_gui.services.backups.taking import (
    DailyBackupDamagedError,
    backup_before_import,
    daily_backup_if_due,
    remove_stale_parts,
    rotate,
    take_backup,
)

__all__ = [
    "DAILY",
    "DAMAGED",
    "KINDS",
    "MANUAL",
    "PRE_IMPORT",
    "PRE_RESTORE",
    "PRE_UPGRADE",
    "BackupInfo",
    "BackupPolicy",
    "BackupRefusedError",
    "DailyBackupDamagedError",
    "RestoreResult",
    "backup_before_import",
    "backups_dir",
    "daily_backup_if_due",
    "kind_label",
    "list_backups",
    "remove_stale_parts",
    "load_policy",
    "restore_backup",
    "rotate",
    "save_policy",
    "take_backup",
    "validate_backup_file",
]
