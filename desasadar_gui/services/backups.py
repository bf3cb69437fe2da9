"""Backups of the local database: taking, rotating, listing, checking, restoring.

Copies are consistent snapshots made with SQLite's backup API (never a file copy of a
live database), written under a temporary name, flushed and renamed, into the
database's own backups folder (``db/backup_files.py`` knows where and how they are
named). They are taken:

- before every import (``backup_before_import``, called at the start of the import's
  apply step), kind ``pre-import``;
- before every schema upgrade (``db/migrate.py``), kind ``pre-upgrade``;
- once a day when the app closes (``daily_backup_if_due``), kind ``daily``;
- before a restore replaces the file (``restore_backup``), kind ``pre-restore``;
- when the officer asks (GUI button, ``desasadar backup``), kind ``manual``.

Rotation keeps the newest N of each automatic kind (:class:`BackupPolicy`, stored in
the database's settings); manual copies and copies of damaged files are never removed
automatically.

A restore never opens the database itself: the caller closes its :class:`Database`
first (and keeps holding the instance lock), calls :func:`restore_backup`, then opens
the file again.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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
    MISSING,
    NOT_SQLITE,
    TOO_NEW,
    FileCheck,
    inspect_database_file,
)
from desasadar_gui.services.oserrors import describe_db_error

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
    "RestoreResult",
    "backup_before_import",
    "backups_dir",
    "daily_backup_if_due",
    "kind_label",
    "list_backups",
    "load_policy",
    "restore_backup",
    "rotate",
    "save_policy",
    "take_backup",
    "validate_backup_file",
]

SETTING_KEEP_DAILY = "backup.keep_daily"
SETTING_KEEP_PRE_IMPORT = "backup.keep_pre_import"
SIDECARS = ("-wal", "-shm", "-journal")


class BackupRefusedError(UserError):
    """A file offered for restore is not a usable Desa Sadar database."""


@dataclass(frozen=True)
class BackupPolicy:
    """How many copies of each automatic kind to keep (newest first)."""

    keep_daily: int = 7
    keep_pre_import: int = 10
    keep_pre_upgrade: int = 5
    keep_pre_restore: int = 5

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
    with db.read_session() as s:
        values = {
            key: s.get(Setting, key) for key in (SETTING_KEEP_DAILY, SETTING_KEEP_PRE_IMPORT)
        }

    def number(key: str, fallback: int) -> int:
        row = values[key]
        try:
            return max(1, int(row.value)) if row is not None else fallback
        except ValueError:
            return fallback

    return BackupPolicy(
        keep_daily=number(SETTING_KEEP_DAILY, default.keep_daily),
        keep_pre_import=number(SETTING_KEEP_PRE_IMPORT, default.keep_pre_import),
    )


def save_policy(db: Database, keep_daily: int, keep_pre_import: int) -> BackupPolicy:
    if keep_daily < 1 or keep_pre_import < 1:
        raise UserError(
            "Jumlah cadangan yang disimpan minimal 1.",
            "At least 1 backup of each kind must be kept.",
        )
    with db.session() as s:
        s.merge(Setting(key=SETTING_KEEP_DAILY, value=str(int(keep_daily))))
        s.merge(Setting(key=SETTING_KEEP_PRE_IMPORT, value=str(int(keep_pre_import))))
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
    return error if error is not None else UserError(
        f"Cadangan tidak bisa dibuat: {exc}", f"The backup could not be made: {exc}"
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
    except (sqlite3.Error, OSError) as exc:
        log.warning("backup (%s) failed: %s", kind, exc.__class__.__name__)
        raise _plain(exc, target or path) from exc
    log.info("backup taken: %s (%d bytes)", copy.name, copy.stat().st_size)
    return copy


STALE_PART_SECONDS = 3600


def _remove_stale_parts(db_path: Path) -> None:
    """Half-written copies left by a power cut during a backup (never a finished one)."""
    folder = backups_dir(db_path, create=False)
    if not folder.is_dir():
        return
    now = time.time()
    for part in folder.glob("*.part*"):
        try:
            if now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
        except OSError:
            pass


def rotate(db_or_path: Database | Path | str, policy: BackupPolicy | None = None) -> list[Path]:
    """Remove the oldest automatic copies beyond the policy; returns what was removed."""
    if policy is None:
        policy = load_policy(db_or_path) if isinstance(db_or_path, Database) else BackupPolicy()
    removed: list[Path] = []
    _remove_stale_parts(_db_path(db_or_path))
    by_kind: dict[str, list[BackupFile]] = {}
    for backup in backup_files(_db_path(db_or_path)):  # newest first
        by_kind.setdefault(backup.kind, []).append(backup)
    for kind, copies in by_kind.items():
        keep = policy.keep_for(kind)
        if keep is None:
            continue
        for old in copies[keep:]:
            try:
                old.path.unlink()
                removed.append(old.path)
            except OSError as exc:  # a locked or vanished copy is not worth failing for
                log.warning("could not remove old backup %s: %s", old.path.name, exc)
    if removed:
        log.info("rotated away %d old backup(s)", len(removed))
    return removed


def backup_before_import(db: Database) -> Path | None:
    """Called at the start of an import's apply step: a pre-import copy, then rotation.

    Raises a plain :class:`UserError` (disk full...) if the copy cannot be made: the
    import must then not go ahead. (``None`` for a database without a file.)
    """
    if db.path is None:
        return None
    copy = take_backup(db, PRE_IMPORT)
    rotate(db)
    return copy


def daily_backup_if_due(db: Database, now: datetime | None = None) -> Path | None:
    """Take today's daily copy if none exists yet (called when the app closes)."""
    today = (now or datetime.now()).date()
    path = _db_path(db)
    if any(b.kind == DAILY and b.taken_at.date() == today for b in backup_files(path)):
        return None
    copy = take_backup(db, DAILY)
    rotate(db)
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
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None, None
    try:
        live = "SELECT count(*) FROM {} WHERE deleted_at IS NULL"
        people = con.execute(live.format("participants")).fetchone()[0]
        villages = con.execute(live.format("villages")).fetchone()[0]
        return int(people), int(villages)
    except sqlite3.Error:
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
        shutil.copyfile(sidecar, str(target) + sidecar.name[len(path.name):])
    fsync_dir(target.parent)
    log.warning("kept a raw copy of the damaged database: %s", target.name)
    return target


def _settle_current(path: Path) -> None:
    """Fold the -wal into the main file and leave it with no sidecars.

    A stale -wal beside a replaced file would be replayed into it. Switching to the
    rollback journal needs every other connection closed, so this also proves that no
    window or command still has the file open.
    """
    con = sqlite3.connect(path, timeout=2.0)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise sqlite3.OperationalError("database is locked")
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
    previous: Path | None = None
    try:
        if db_path.exists():
            current = inspect_database_file(db_path)
            if current.ok or current.status in (FOREIGN, TOO_NEW):
                previous = take_backup_file(db_path, PRE_RESTORE)
                _settle_current(db_path)
            else:
                previous = _raw_copy_of_damaged(db_path)
                for sidecar in _sidecars(db_path):
                    sidecar.unlink()
        backup_sqlite(backup_path, db_path)
        for sidecar in _sidecars(db_path):  # none expected; never pair old ones with new data
            sidecar.unlink()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise UserError(
                "Basis data masih dibuka oleh jendela atau program lain; tutup dulu lalu "
                "coba lagi. Tidak ada yang diubah.",
                "The database is still open in another window or program; close it and "
                "try again. Nothing was changed.",
            ) from exc
        raise _plain(exc, db_path) from exc
    except OSError as exc:
        raise _plain(exc, db_path) from exc
    log.info(
        "restored database from %s (previous file kept as %s)",
        backup_path.name,
        previous.name if previous else "-",
    )
    if previous is not None and previous.parent == backups_dir(db_path, create=False):
        rotate(db_path)
    return RestoreResult(backup_path, previous)
