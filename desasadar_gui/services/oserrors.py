"""Plain-language messages for file-system and database-file failures, in ONE place.

Disk full, read-only folder, a file on a removed USB stick, a database locked by
another program, a damaged file: :func:`describe_os_error` and :func:`describe_db_error`
turn the low-level error into a :class:`UserError`; anything they do not recognise
returns ``None`` from :func:`describe_db_error` (a bug: log it, show the log path).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from desasadar_gui.errors import UserError

_NOTHING_LOST_ID = (
    "Perubahan yang sedang disimpan dibatalkan; data yang sudah tersimpan tetap aman."
)
_NOTHING_LOST_EN = "The change being saved was cancelled; data saved before is safe."


class DiskFullError(UserError):
    pass


class ReadOnlyError(UserError):
    pass


class DeviceGoneError(UserError):
    pass


class DatabaseLockedError(UserError):
    pass


class DatabaseDamagedError(UserError):
    pass


def _disk_full() -> DiskFullError:
    return DiskFullError(
        "Disk penuh: kosongkan ruang (hapus berkas yang tidak perlu) lalu coba lagi. "
        + _NOTHING_LOST_ID,
        "The disk is full: free some space (delete files you do not need) and try again. "
        + _NOTHING_LOST_EN,
    )


def _read_only(name: str) -> ReadOnlyError:
    where_id = f" '{name}'" if name else ""
    return ReadOnlyError(
        f"Tidak bisa menulis ke{where_id}: folder atau flashdisk hanya-baca, atau tidak ada "
        "izin. Pilih folder lain atau buka kunci flashdisk. " + _NOTHING_LOST_ID,
        f"Cannot write to{where_id or ' the file'}: the folder or USB stick is read-only, "
        "or there is no permission. Choose another folder or unlock the USB stick. "
        + _NOTHING_LOST_EN,
    )


def _device_gone(name: str) -> DeviceGoneError:
    where = f" '{name}'" if name else ""
    return DeviceGoneError(
        f"Gagal membaca/menulis{where}: perangkat bermasalah atau flashdisk dicabut. "
        "Pasang kembali flashdisk lalu buka ulang aplikasi. " + _NOTHING_LOST_ID,
        f"Reading or writing{where} failed: a device error, or the USB stick was removed. "
        "Put the USB stick back and restart the app. " + _NOTHING_LOST_EN,
    )


def describe_os_error(exc: OSError) -> UserError:
    name = str(exc.filename or "")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return _disk_full()
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _read_only(name)
    if exc.errno == errno.ENOENT:
        return UserError(
            f"Berkas atau folder '{name}' tidak ditemukan (mungkin flashdisk sudah dicabut).",
            f"The file or folder '{name}' was not found (the USB stick may have been removed).",
        )
    if exc.errno in (errno.EIO, errno.ENXIO, errno.ENODEV):
        return _device_gone(name)
    return UserError(
        f"Operasi berkas gagal: {exc.strerror or exc}",
        f"A file operation failed: {exc.strerror or exc}",
    )


def _sqlite_error(exc: BaseException) -> BaseException:
    """The DBAPI error inside a SQLAlchemy wrapper, else ``exc`` itself."""
    return getattr(exc, "orig", None) or exc


def describe_db_error(exc: BaseException, db_path: Path | str | None = None) -> UserError | None:
    """A plain message for a known database-file failure, or ``None`` for a bug."""
    if isinstance(exc, UserError):
        return exc
    inner = _sqlite_error(exc)
    if isinstance(inner, OSError):
        return describe_os_error(inner)
    if not isinstance(inner, sqlite3.Error):
        return None
    name = Path(db_path).name if db_path else ""
    text = str(inner).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return _disk_full()
    if "readonly" in text or "read-only" in text:
        return _read_only(str(db_path or ""))
    if "disk i/o error" in text:
        return _device_gone(str(db_path or ""))
    if "unable to open database file" in text:
        return _device_gone(str(db_path or ""))
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            f"Basis data '{name}' sedang dipakai program lain. Tutup program itu lalu coba "
            "lagi. " + _NOTHING_LOST_ID,
            f"The database '{name}' is in use by another program. Close it and try again. "
            + _NOTHING_LOST_EN,
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseDamagedError(
            f"Berkas basis data '{name}' rusak. Tutup aplikasi lalu buka lagi untuk "
            "memulihkan cadangan terakhir; jangan hapus berkasnya.",
            f"The database file '{name}' is damaged. Close the app and open it again to "
            "restore the latest backup; do not delete the file.",
        )
    return None
