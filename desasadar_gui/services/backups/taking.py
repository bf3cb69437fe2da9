"""Taking backups (consistent snapshots through SQLite's backup API), making room on
the disk for automatic ones, and rotating old copies by the policy."""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from desasadar_gui.db import cipher
from desasadar_gui.db.backup_files import (
    DAILY,
    DAMAGED,
    KINDS,
    MANUAL,
    PRE_IMPORT,
    PRE_RESTORE,
    PRE_UPGRADE,
    BackupFile,
    backup_files,
    backups_dir,
    kind_label,
    new_backup_path,
    take_backup_file,
)
from desasadar_gui.errors import UserError
from desasadar_gui.services.backups.policy import MIB, BackupPolicy, load_policy
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import (
    FullCheckResult,
    full_check,
)
from desasadar_gui.services.oserrors import DiskFullError, describe_db_error

log = logging.getLogger("desasadar.backups")

# An automatic copy is only started with room for it and this much to spare, so that a
# backup never fills the disk the database itself needs to go on working.
FREE_SPACE_MARGIN = 64 * MIB

# Which automatic copies give way first when the total size is over the cap: the
# oldest pre-import copies (one per import, the most numerous and least needed once
# the import is known good), then old daily, pre-restore and pre-upgrade copies.
# Manual copies and copies of damaged files are never removed automatically.
PRUNE_ORDER = (PRE_IMPORT, DAILY, PRE_RESTORE, PRE_UPGRADE)


def _db_path(db_or_path: Database | Path | str) -> Path:
    if isinstance(db_or_path, Database):
        if db_or_path.on_server:
            from desasadar_gui.services.server_database import file_only_error

            raise file_only_error("Cadangan berkas", "A file backup")
        if db_or_path.path is None:
            raise ValueError("an in-memory database has no file to back up")
        return db_or_path.path
    return Path(db_or_path)


def _plain(exc: BaseException, path: Path) -> UserError:
    error = describe_db_error(exc, path)
    return (
        error
        if error is not None
        else UserError(f"Cadangan tidak bisa dibuat: {exc}", f"The backup could not be made: {exc}")
    )


def take_backup(
    db_or_path: Database | Path | str, kind: str = MANUAL, out: Path | str | None = None
) -> Path:
    """A consistent copy of the database; into its backups folder unless ``out`` is given.

    ``out`` may be a folder (the usual name is used inside it) or a file name. A full
    disk or a read-only target raises a plain :class:`UserError`; no partial copy is
    left behind and the database is not touched.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind: {kind}")
    path = _db_path(db_or_path)
    if not path.is_file():
        raise UserError(
            f"Berkas basis data '{path}' tidak ditemukan; tidak ada yang dicadangkan.",
            f"The database file '{path}' was not found; nothing was backed up.",
        )
    target: Path | None = None
    if out is not None:
        out = Path(out)
        target = new_backup_path(out, kind) if out.is_dir() else out
    try:
        copy = take_backup_file(path, kind, target)
    except cipher.DB_OR_OS_ERRORS as exc:
        log.warning("backup (%s) failed: %s", kind, exc.__class__.__name__)
        raise _plain(exc, target or path) from exc
    log.info("backup taken: %s (%d bytes)", copy.name, copy.stat().st_size)
    from desasadar_gui.services.processing import BACKUP, record_at_path

    record_at_path(path, BACKUP, copy, note=kind)
    return copy


def remove_stale_parts(db_path: Path | str) -> int:
    """Half-written copies in the backups folder of ``db_path`` that no running process
    is writing (a kill or a power cut during a backup): they hold personal data and are
    never needed. Called at start-up and before each rotation; returns how many."""
    from desasadar_gui.scratch import claimed_by_live_processes

    folder = backups_dir(db_path, create=False)
    if not folder.is_dir():
        return 0
    live = {p.absolute() for p in claimed_by_live_processes()}
    removed = 0
    for part in folder.glob("*.part*"):
        if part.absolute() in live:
            continue
        try:
            part.unlink()
            removed += 1
        except OSError:
            pass
    if removed:
        log.info("removed %d half-written backup file(s)", removed)
    return removed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _prune_for_size(path: Path, policy: BackupPolicy, keep: Path | None) -> list[Path]:
    """Remove automatic copies (PRUNE_ORDER, oldest first) while all copies together
    are over ``policy.max_total_bytes``. The newest copy of each kind stays, and so does
    ``keep`` (the copy just taken)."""
    copies = backup_files(path)  # newest first
    total = sum(_size(b.path) for b in copies)
    removed: list[Path] = []
    if total <= policy.max_total_bytes:
        return removed
    for kind in PRUNE_ORDER:
        of_kind = [b for b in copies if b.kind == kind]
        for old in reversed(of_kind[1:]):  # oldest first; never the newest of a kind
            if total <= policy.max_total_bytes:
                return removed
            if keep is not None and old.path == keep:
                continue
            size = _size(old.path)
            try:
                old.path.unlink()
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", old.path.name, exc)
                continue
            total -= size
            removed.append(old.path)
    if total > policy.max_total_bytes:
        log.info("backups still over the size limit (%d MB): manual or newest copies", total // MIB)
    return removed


def rotate(
    db_or_path: Database | Path | str,
    policy: BackupPolicy | None = None,
    keep: Path | None = None,
) -> list[Path]:
    """Remove the oldest automatic copies beyond the policy (count per kind, then the
    total size cap); returns what was removed."""
    if policy is None:
        policy = load_policy(db_or_path) if isinstance(db_or_path, Database) else BackupPolicy()
    removed: list[Path] = []
    path = _db_path(db_or_path)
    remove_stale_parts(path)
    by_kind: dict[str, list[BackupFile]] = {}
    everything = backup_files(path)  # newest first
    for backup in everything:
        by_kind.setdefault(backup.kind, []).append(backup)
    # Age counts back from the newest copy (about now for an app in use), so a laptop
    # left in a drawer for months does not lose its copies on the first start.
    newest = everything[0].taken_at if everything else datetime.now()
    too_old = newest - timedelta(days=policy.max_age_days)
    for kind, copies in by_kind.items():
        count = policy.keep_for(kind)
        if count is None:
            continue
        expired = copies[count:] + [c for c in copies[1:count] if c.taken_at < too_old]
        for old in expired:
            try:
                old.path.unlink()
                removed.append(old.path)
            except OSError as exc:  # a locked or vanished copy is not worth failing for
                log.warning("could not remove old backup %s: %s", old.path.name, exc)
    removed += _prune_for_size(path, policy, keep)
    if removed:
        log.info("rotated away %d old backup(s)", len(removed))
    return removed


def _database_size(path: Path) -> int:
    return _size(path) + _size(Path(str(path) + "-wal"))


def _make_room(db: Database, kind: str) -> None:
    """Before an automatic copy: room for it on the backups disk, pruning the oldest
    automatic copies (pre-import first) if needed; a plain disk-full message if even
    that is not enough (nothing has been written yet)."""
    path = _db_path(db)
    folder = backups_dir(path)
    needed = _database_size(path) + FREE_SPACE_MARGIN

    def free() -> int:
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            return needed  # cannot tell: let the copy itself find out

    if free() >= needed:
        return
    for prune_kind in PRUNE_ORDER:
        for old in reversed([b for b in backup_files(path) if b.kind == prune_kind]):
            if free() >= needed:
                return
            try:
                old.path.unlink()
                log.info("removed old backup %s to make room", old.path.name)
            except OSError:
                continue
    if free() < needed:
        log.warning("no room for a %s backup (%d MB needed)", kind, needed // MIB)
        raise DiskFullError(
            f"Disk penuh: tidak ada ruang untuk salinan pengaman ({kind_label(kind, 'id')}, "
            f"perlu sekitar {needed // MIB + 1} MB). Kosongkan ruang lalu coba lagi. "
            "Tidak ada yang diubah.",
            f"The disk is full: there is no room for the safety copy ({kind_label(kind, 'en')}, "
            f"about {needed // MIB + 1} MB needed). Free some space and try again. "
            "Nothing was changed.",
        )


def backup_before_import(db: Database) -> Path | None:
    """Called at the start of an import's apply step: a pre-import copy, then rotation.

    A copy is taken before every import, even when one was taken a moment ago: it is the
    only way back from an import, and telling "nothing changed since" reliably (WAL
    files, the 2-second file times of FAT sticks) is not worth that risk. What keeps the
    disk from filling is the total size cap (oldest pre-import copies go first) and the
    free-space check before the copy. Raises a plain :class:`UserError` (disk full...)
    if the copy cannot be made: the import must then not go ahead. (``None`` for a
    database without a file.)
    """
    if db.path is None:
        return None
    _make_room(db, PRE_IMPORT)
    copy = take_backup(db, PRE_IMPORT)
    rotate(db, keep=copy)
    return copy


class DailyBackupDamagedError(UserError):
    """The daily copy failed the full integrity check (so the database has the damage)."""

    def __init__(self, text_id: str, text_en: str, check: FullCheckResult) -> None:
        super().__init__(text_id, text_en)
        self.check = check


def daily_backup_if_due(db: Database, now: datetime | None = None) -> Path | None:
    """Take today's daily copy if none exists yet (called when the app closes).

    The copy gets the FULL integrity check (``integrity.full_check``; it is a file of
    its own, so checking it does not hold up the database). A copy that fails it is
    renamed to kind "damaged" (never offered as a good backup, never pushing the good
    daily copies out) and :class:`DailyBackupDamagedError` tells the officer.
    """
    if db.on_server:
        return None  # the server's own backups (pg_dump) keep a server database
    today = (now or datetime.now()).date()
    path = _db_path(db)
    if any(b.kind == DAILY and b.taken_at.date() == today for b in backup_files(path)):
        return None
    _make_room(db, DAILY)
    copy = take_backup(db, DAILY)
    check = full_check(copy)
    if not check.ok and check.readable:
        damaged = new_backup_path(copy.parent, DAMAGED)
        os.replace(copy, damaged)
        raise DailyBackupDamagedError(
            check.message("id").replace(copy.name, path.name),
            check.message("en").replace(copy.name, path.name),
            check,
        )
    rotate(db, keep=copy)
    return copy
