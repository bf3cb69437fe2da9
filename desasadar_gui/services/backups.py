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
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
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
from desasadar_gui.db.engine import backup_sqlite, fsync_dir
from desasadar_gui.db.models import Setting
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import (
    DAMAGED_FILE,
    EMPTY,
    FOREIGN,
    LOCKED,
    MISSING,
    NOT_SQLITE,
    TOO_NEW,
    FileCheck,
    FullCheckResult,
    full_check,
    inspect_database_file,
)
from desasadar_gui.services.oserrors import DiskFullError, describe_db_error

log = logging.getLogger("desasadar.backups")

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

SETTING_KEEP_DAILY = "backup.keep_daily"
SETTING_KEEP_PRE_IMPORT = "backup.keep_pre_import"
SETTING_MAX_TOTAL_MB = "backup.max_total_mb"
SETTING_MAX_AGE_DAYS = "backup.max_age_days"
DEFAULT_MAX_AGE_DAYS = 90
SIDECARS = ("-wal", "-shm", "-journal")
MIB = 1024 * 1024
DEFAULT_MAX_TOTAL_MB = 2048
# An automatic copy is only started with room for it and this much to spare, so that a
# backup never fills the disk the database itself needs to go on working.
FREE_SPACE_MARGIN = 64 * MIB

# Which automatic copies give way first when the total size is over the cap: the
# oldest pre-import copies (one per import, the most numerous and least needed once
# the import is known good), then old daily, pre-restore and pre-upgrade copies.
# Manual copies and copies of damaged files are never removed automatically.
PRUNE_ORDER = (PRE_IMPORT, DAILY, PRE_RESTORE, PRE_UPGRADE)


class BackupRefusedError(UserError):
    """A file offered for restore is not a usable Desa Sadar database."""


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


_SETTINGS = (
    SETTING_KEEP_DAILY,
    SETTING_KEEP_PRE_IMPORT,
    SETTING_MAX_TOTAL_MB,
    SETTING_MAX_AGE_DAYS,
)


def load_policy(db: Database) -> BackupPolicy:
    """The policy stored in this database's settings (defaults where unset or invalid)."""
    default = BackupPolicy()
    with db.read_session() as s:
        values = {key: s.get(Setting, key) for key in _SETTINGS}

    def number(key: str, fallback: int) -> int:
        row = values[key]
        try:
            return max(1, int(row.value)) if row is not None else fallback
        except ValueError:
            return fallback

    return BackupPolicy(
        keep_daily=number(SETTING_KEEP_DAILY, default.keep_daily),
        keep_pre_import=number(SETTING_KEEP_PRE_IMPORT, default.keep_pre_import),
        max_total_bytes=number(SETTING_MAX_TOTAL_MB, DEFAULT_MAX_TOTAL_MB) * MIB,
        max_age_days=number(SETTING_MAX_AGE_DAYS, DEFAULT_MAX_AGE_DAYS),
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
    with db.session() as s:
        s.merge(Setting(key=SETTING_KEEP_DAILY, value=str(int(keep_daily))))
        s.merge(Setting(key=SETTING_KEEP_PRE_IMPORT, value=str(int(keep_pre_import))))
        if max_total_mb is not None:
            s.merge(Setting(key=SETTING_MAX_TOTAL_MB, value=str(int(max_total_mb))))
    return load_policy(db)


# -- taking and rotating --------------------------------------------------------------


def _db_path(db_or_path: Database | Path | str) -> Path:
    if isinstance(db_or_path, Database):
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
    except (*cipher.DB_ERRORS, OSError) as exc:
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


# -- listing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime
    size: int
    participants: int | None = None
    villages: int | None = None

    def label(self, lang: str = "id") -> str:
        return kind_label(self.kind, lang)


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        con = cipher.connect(path, mode="ro")
    except (*cipher.DB_ERRORS, cipher.EncryptedFileError, OSError):
        return None, None
    try:
        live = "SELECT count(*) FROM {} WHERE deleted_at IS NULL"
        people = con.execute(live.format("participants")).fetchone()[0]
        villages = con.execute(live.format("villages")).fetchone()[0]
        return int(people), int(villages)
    except cipher.DB_ERRORS:
        return None, None
    finally:
        con.close()


def list_backups(db_path: Path | str, with_counts: bool = False) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first. ``with_counts`` opens each copy
    (read-only) to count live participants and villages; slower, run it off the GUI thread."""
    infos = []
    for b in backup_files(db_path):
        try:
            size = b.path.stat().st_size
        except OSError:
            continue
        people, villages = _counts(b.path) if with_counts else (None, None)
        infos.append(BackupInfo(b.path, b.kind, b.taken_at, size, people, villages))
    return infos


# -- checking and restoring ------------------------------------------------------------


def validate_backup_file(path: Path | str) -> FileCheck:
    """Make sure ``path`` is a healthy Desa Sadar database this version can open.

    Raises :class:`BackupRefusedError` with a plain message otherwise (not a database,
    a SQLite file of another program, damaged, from a newer version, unreadable).
    """
    path = Path(path)
    check = inspect_database_file(path)
    name = path.name
    if check.ok:
        return check
    log.info("restore refused: %s (%s)", check.status, check.detail[:200])
    if check.status == MISSING:
        raise BackupRefusedError(
            f"Berkas '{path}' tidak ditemukan.", f"The file '{path}' was not found."
        )
    if check.status in (NOT_SQLITE, EMPTY):
        raise BackupRefusedError(
            f"'{name}' bukan berkas basis data Desa Sadar (isinya bukan basis data). "
            "Tidak ada yang diubah.",
            f"'{name}' is not a Desa Sadar database file (it is not a database). "
            "Nothing was changed.",
        )
    if check.status == FOREIGN:
        raise BackupRefusedError(
            f"'{name}' adalah basis data SQLite, tetapi bukan milik Desa Sadar. "
            "Tidak ada yang diubah.",
            f"'{name}' is a SQLite database, but not a Desa Sadar one. Nothing was changed.",
        )
    if check.status == DAMAGED_FILE:
        raise BackupRefusedError(
            f"Cadangan '{name}' rusak dan tidak bisa dipakai. Pilih cadangan lain. "
            "Tidak ada yang diubah.",
            f"The backup '{name}' is damaged and cannot be used. Choose another backup. "
            "Nothing was changed.",
        )
    if check.status == LOCKED:
        raise BackupRefusedError(
            f"Cadangan '{name}' terenkripsi dengan kata sandi yang belum dibuka (basis data "
            "atau laptop lain), jadi tidak bisa dipakai di sini. Tidak ada yang diubah.",
            f"The backup '{name}' is encrypted with a passphrase that is not unlocked "
            "(another database or laptop), so it cannot be used here. Nothing was changed.",
        )
    if check.status == TOO_NEW:
        raise BackupRefusedError(
            f"'{name}' dibuat oleh versi Desa Sadar yang lebih baru. Perbarui aplikasi "
            "dulu. Tidak ada yang diubah.",
            f"'{name}' was made by a newer version of Desa Sadar. Update the app first. "
            "Nothing was changed.",
        )
    raise BackupRefusedError(
        f"Berkas '{name}' tidak bisa dibaca (izin, atau flashdisk dicabut?). "
        "Tidak ada yang diubah.",
        f"The file '{name}' cannot be read (permissions, or USB stick removed?). "
        "Nothing was changed.",
    )


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    # The copy of the file that was replaced: a pre-restore backup of a healthy file,
    # or a raw copy (kind "damaged") of a file SQLite could no longer read.
    previous_copy: Path | None


def _sidecars(path: Path) -> list[Path]:
    return [Path(str(path) + s) for s in SIDECARS if Path(str(path) + s).exists()]


def _raw_copy_of_damaged(path: Path) -> Path:
    """A byte copy of a damaged file and its sidecars (the backup API may not read it)."""
    target = new_backup_path(backups_dir(path), DAMAGED)
    part = Path(str(target) + ".part")
    shutil.copyfile(path, part)
    os.replace(part, target)
    for sidecar in _sidecars(path):
        shutil.copyfile(sidecar, str(target) + sidecar.name[len(path.name) :])
    fsync_dir(target.parent)
    log.warning("kept a raw copy of the damaged database: %s", target.name)
    return target


def _settle_current(path: Path) -> None:
    """Fold the -wal into the main file and leave it with no sidecars.

    A stale -wal beside a replaced file would be replayed into it. Switching to the
    rollback journal needs every other connection closed, so this also proves that no
    window or command still has the file open.
    """
    con = cipher.connect(path, timeout=2.0)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise cipher.dbapi.OperationalError("database is locked")
    finally:
        con.close()


def restore_backup(db_path: Path | str, backup_path: Path | str) -> RestoreResult:
    """Replace the database at ``db_path`` with the backup at ``backup_path``.

    The backup is checked first (refused with a plain message if unusable). The current
    file is kept as a pre-restore backup (or a raw "damaged" copy if SQLite can no
    longer read it), then replaced atomically: the backup is copied with the backup API
    into a temporary file beside the target, flushed, and renamed over it. The caller
    must have closed its own :class:`Database` on the file (the instance lock may stay).
    """
    db_path = Path(db_path)
    backup_path = Path(backup_path)
    if backup_path.exists() and db_path.exists() and backup_path.samefile(db_path):
        raise BackupRefusedError(
            "Berkas cadangan sama dengan basis data yang sedang dipakai.",
            "The backup file is the database in use itself.",
        )
    validate_backup_file(backup_path)
    # The restored file keeps the database's own key: a plain backup restored into an
    # encrypted database is encrypted on the way in, never left plain.
    from desasadar_gui.db.keyfile import database_key

    key = database_key(db_path)
    if key is None:
        key = cipher.key_for_file(backup_path)
    previous: Path | None = None
    current_ok = False
    from desasadar_gui.services.erasure_copies import carry_over_erasures, erasures_of_file

    erased = []
    try:
        if db_path.exists():
            current = inspect_database_file(db_path)
            if current.ok:
                erased = erasures_of_file(db_path)
            if current.ok or current.status in (FOREIGN, TOO_NEW):
                previous = take_backup_file(db_path, PRE_RESTORE)
                current_ok = current.ok
                _settle_current(db_path)
            else:
                previous = _raw_copy_of_damaged(db_path)
                for sidecar in _sidecars(db_path):
                    sidecar.unlink()
        backup_sqlite(backup_path, db_path, key)
        for sidecar in _sidecars(db_path):  # none expected; never pair old ones with new data
            sidecar.unlink()
    except cipher.dbapi.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise UserError(
                "Basis data masih dibuka oleh jendela atau program lain; tutup dulu lalu "
                "coba lagi. Tidak ada yang diubah.",
                "The database is still open in another window or program; close it and "
                "try again. Nothing was changed.",
            ) from exc
        raise _plain(exc, db_path) from exc
    except (*cipher.DB_ERRORS, OSError) as exc:
        raise _plain(exc, db_path) from exc
    log.info(
        "restored database from %s (previous file kept as %s)",
        backup_path.name,
        previous.name if previous else "-",
    )
    if previous is not None and previous.parent == backups_dir(db_path, create=False):
        rotate(db_path)
    from desasadar_gui.services.processing import RESTORE, carry_over, record_at_path

    if previous is not None and current_ok:
        carry_over(previous, db_path)
    record_at_path(db_path, RESTORE, backup_path)
    # Last: an erased person must not come back with an older copy (raises a plain
    # message if that fails; the restore itself is done).
    carry_over_erasures(erased, db_path)
    return RestoreResult(backup_path, previous)
