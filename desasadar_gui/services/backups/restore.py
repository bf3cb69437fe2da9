"""Listing the backups of a database, checking that a file is a usable Desa Sadar
database, and restoring one (keeping a pre-restore copy of what it replaces)."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desasadar_gui.db import cipher
from desasadar_gui.db.backup_files import (
    DAMAGED,
    PRE_RESTORE,
    backup_files,
    backups_dir,
    kind_label,
    new_backup_path,
    take_backup_file,
)
from desasadar_gui.db.engine import backup_sqlite
from desasadar_gui.errors import UserError
from desasadar_gui.files import fsync_dir
from desasadar_gui.services import oserrors
from desasadar_gui.services.backups.taking import _plain, rotate
from desasadar_gui.services.integrity import (
    DAMAGED_FILE,
    EMPTY,
    FOREIGN,
    LOCKED,
    MISSING,
    NOT_SQLITE,
    TOO_NEW,
    FileCheck,
    inspect_database_file,
)

log = logging.getLogger("desasadar.backups")

SIDECARS = ("-wal", "-shm", "-journal")
# Why a backup cannot be opened to count its rows (the count is then left out).
_UNREADABLE: tuple[type[Exception], ...] = (*cipher.DB_OR_KEY_ERRORS, OSError)


class BackupRefusedError(UserError):
    """A file offered for restore is not a usable Desa Sadar database."""


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
    except _UNREADABLE:
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
            raise _still_open()
    finally:
        con.close()


def _still_open() -> UserError:
    return UserError(
        "Basis data masih dibuka oleh jendela atau program lain; tutup dulu lalu "
        "coba lagi. Tidak ada yang diubah.",
        "The database is still open in another window or program; close it and "
        "try again. Nothing was changed.",
    )


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
    except cipher.DB_OR_OS_ERRORS as exc:
        if oserrors.classify(exc, db_path) == oserrors.LOCKED:  # by code, never wording
            raise _still_open() from exc
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
