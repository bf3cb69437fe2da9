"""Plain-language messages for file-system and database-file failures, in ONE place.

Every path that touches a file (opening the database, a save, an import's apply step, a
backup, a restore, an export) sends its low-level error through :func:`classify`, which
looks at error *codes* only (SQLite's ``sqlite_errorcode``, ``errno``, Windows'
``winerror``), never at message text, which differs between SQLite builds and
languages. Each class of failure gets its own message:

============  ====================================================  ======================
kind          from                                                  class
============  ====================================================  ======================
disk-full     SQLITE_FULL, ENOSPC/EDQUOT, ERROR_DISK_FULL           :class:`DiskFullError`
read-only     SQLITE_READONLY*, SQLITE_PERM, EROFS/EACCES/EPERM,    :class:`ReadOnlyError`
              ERROR_WRITE_PROTECT; SQLITE_CANTOPEN in a folder
              that cannot be written
io            SQLITE_IOERR*, EIO, ERROR_CRC/READ_FAULT/...          :class:`IOFailureError`
gone          ENODEV/ENXIO/ESTALE, ERROR_NOT_READY/DEV_NOT_EXIST;   :class:`DeviceGoneError`
              any of the above when the file's folder has vanished
locked        SQLITE_BUSY/SQLITE_LOCKED, sharing violations         :class:`DatabaseLockedError`
corrupt       SQLITE_CORRUPT*, SQLITE_NOTADB                        :class:`DatabaseDamagedError`
============  ====================================================  ======================

:func:`describe_db_error` returns ``None`` for anything else (a bug: log it, show where
the log is); :func:`plain_error` never does (a bug becomes a message naming the log).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from desasadar_gui.db.cipher import DB_ERRORS
from desasadar_gui.errors import UserError

_NOTHING_LOST_ID = (
    "Perubahan yang sedang disimpan dibatalkan; data yang sudah tersimpan tetap aman."
)
_NOTHING_LOST_EN = "The change being saved was cancelled; data saved before is safe."

# -- the kinds -----------------------------------------------------------------------

DISK_FULL = "disk-full"
READ_ONLY = "read-only"
IO_ERROR = "io"
DEVICE_GONE = "gone"
LOCKED = "locked"
CORRUPT = "corrupt"
NOT_FOUND = "not-found"
CANT_OPEN = "cant-open"

# SQLite primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
_SQLITE_KINDS = {
    SQLITE_FULL: DISK_FULL,
    SQLITE_READONLY: READ_ONLY,
    SQLITE_PERM: READ_ONLY,
    SQLITE_IOERR: IO_ERROR,
    SQLITE_BUSY: LOCKED,
    SQLITE_LOCKED: LOCKED,
    SQLITE_CORRUPT: CORRUPT,
    SQLITE_NOTADB: CORRUPT,
    SQLITE_CANTOPEN: CANT_OPEN,
}

_ERRNO_KINDS = {
    errno.ENOSPC: DISK_FULL,
    getattr(errno, "EDQUOT", -1001): DISK_FULL,
    getattr(errno, "EFBIG", -1002): DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.EIO: IO_ERROR,
    errno.ENXIO: DEVICE_GONE,
    errno.ENODEV: DEVICE_GONE,
    getattr(errno, "ESTALE", -1003): DEVICE_GONE,
    getattr(errno, "ENOMEDIUM", -1004): DEVICE_GONE,
    errno.ENOENT: NOT_FOUND,
}
# Windows system error codes (OSError.winerror), where errno alone is too coarse.
_WINERROR_KINDS = {
    19: READ_ONLY,  # ERROR_WRITE_PROTECT: the stick's lock switch
    21: DEVICE_GONE,  # ERROR_NOT_READY
    55: DEVICE_GONE,  # ERROR_DEV_NOT_EXIST
    433: DEVICE_GONE,  # ERROR_NO_SUCH_DEVICE
    1617: DEVICE_GONE,  # ERROR_DEVICE_REMOVED
    23: IO_ERROR,  # ERROR_CRC
    25: IO_ERROR,  # ERROR_SEEK
    29: IO_ERROR,  # ERROR_WRITE_FAULT
    30: IO_ERROR,  # ERROR_READ_FAULT
    31: IO_ERROR,  # ERROR_GEN_FAILURE
    1117: IO_ERROR,  # ERROR_IO_DEVICE
    32: LOCKED,  # ERROR_SHARING_VIOLATION
    33: LOCKED,  # ERROR_LOCK_VIOLATION
    39: DISK_FULL,  # ERROR_HANDLE_DISK_FULL
    112: DISK_FULL,  # ERROR_DISK_FULL
}


class DiskFullError(UserError):
    pass


class ReadOnlyError(UserError):
    pass


class IOFailureError(UserError):
    """Reading or writing failed on the device (bad sector, loose or failing stick)."""


class DeviceGoneError(IOFailureError):
    """The device or folder holding the file is no longer there (stick removed)."""


class DatabaseLockedError(UserError):
    pass


class DatabaseDamagedError(UserError):
    pass


class FileNotFoundUserError(UserError):
    pass


class CannotOpenError(UserError):
    pass


class UnexpectedError(UserError):
    """A bug, told plainly: the details are in the log file."""


def _unwrap(exc: BaseException) -> BaseException:
    """The DBAPI or OS error inside a SQLAlchemy wrapper, else ``exc`` itself."""
    inner = getattr(exc, "orig", None)
    return inner if isinstance(inner, BaseException) else exc


def _folder_state(path: Path | None) -> str | None:
    """For an error that does not say why: is the folder gone, or not writable?"""
    if path is None:
        return None
    folder = path if path.is_dir() else path.parent
    try:
        if not folder.exists():
            return DEVICE_GONE
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return READ_ONLY
        if not os.access(folder, os.W_OK):
            return READ_ONLY
        if path.exists() and not path.is_dir() and not os.access(path, os.W_OK):
            return READ_ONLY
    except OSError:
        return DEVICE_GONE
    return None


# Below this much free space, an I/O error while writing is taken for a full disk.
FULL_DISK_BYTES = 256 * 1024


def _volume_full(path: Path | None) -> bool:
    if path is None:
        return False
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < FULL_DISK_BYTES
    except OSError:
        return False


def writable(path: Path | str) -> bool:
    """Can this process write to the existing file at ``path`` (asked without writing)?"""
    path = Path(path)
    try:
        if hasattr(os, "statvfs") and os.statvfs(path).f_flag & os.ST_RDONLY:
            return False
        return os.access(path, os.W_OK)
    except OSError:
        return False


def classify(exc: BaseException, path: Path | str | None = None) -> str | None:
    """The kind of a file or database failure (see the module table), or ``None``."""
    inner = _unwrap(exc)
    where = Path(path) if path else None
    if isinstance(inner, OSError):
        if where is None and inner.filename:
            where = Path(str(inner.filename))
        kind = _WINERROR_KINDS.get(getattr(inner, "winerror", None) or -1)
        kind = kind or _ERRNO_KINDS.get(inner.errno or -1)
        if kind in (NOT_FOUND, IO_ERROR) and _folder_state(where) == DEVICE_GONE:
            return DEVICE_GONE
        return kind
    if isinstance(inner, DB_ERRORS):
        code = getattr(inner, "sqlite_errorcode", None)
        if code is None:
            return None
        kind = _SQLITE_KINDS.get(code & 0xFF)
        if kind in (IO_ERROR, CANT_OPEN) and _volume_full(where):
            # SQLite reports ENOSPC while growing its -shm or -wal file as an I/O error
            # (SQLITE_IOERR_SHMSIZE, _WRITE...): the free space says what it really was.
            return DISK_FULL
        if kind in (CANT_OPEN, IO_ERROR, READ_ONLY):
            # SQLite says "cannot open" for a missing folder, a folder it may not
            # write its journal into and a missing device alike: look at the folder.
            state = _folder_state(where)
            if state == DEVICE_GONE or (state == READ_ONLY and kind == CANT_OPEN):
                return state
        return kind
    return None


# -- the messages ----------------------------------------------------------------------


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
        f"Tidak bisa menulis ke{where_id}: folder, berkas atau flashdisk hanya-baca "
        "(terkunci), atau tidak ada izin. Pilih folder lain atau buka kunci flashdisk. "
        + _NOTHING_LOST_ID,
        f"Cannot write to{where_id or ' the file'}: the folder, file or USB stick is "
        "read-only (write-protected), or there is no permission. Choose another folder or "
        "unlock the USB stick. " + _NOTHING_LOST_EN,
    )


def _io_error(name: str) -> IOFailureError:
    where = f" '{name}'" if name else ""
    return IOFailureError(
        f"Gagal membaca/menulis{where}: kesalahan perangkat (disk atau flashdisk "
        "bermasalah, atau tercabut sebentar). Periksa perangkatnya, lalu buka ulang "
        "aplikasi. " + _NOTHING_LOST_ID,
        f"Reading or writing{where} failed: a device error (the disk or USB stick is "
        "failing, or came loose). Check the device, then restart the app. " + _NOTHING_LOST_EN,
    )


def _device_gone(name: str) -> DeviceGoneError:
    where = f" '{name}'" if name else ""
    return DeviceGoneError(
        f"Gagal membaca/menulis{where}: perangkat tidak ada lagi (flashdisk dicabut?). "
        "Pasang kembali flashdisk lalu buka ulang aplikasi. " + _NOTHING_LOST_ID,
        f"Reading or writing{where} failed: the device is gone (USB stick removed?). "
        "Put the USB stick back and restart the app. " + _NOTHING_LOST_EN,
    )


def _locked(name: str) -> DatabaseLockedError:
    return DatabaseLockedError(
        f"Berkas '{name}' sedang dipakai program lain. Tutup program itu lalu coba "
        "lagi. " + _NOTHING_LOST_ID,
        f"The file '{name}' is in use by another program. Close it and try again. "
        + _NOTHING_LOST_EN,
    )


def _damaged(name: str) -> DatabaseDamagedError:
    return DatabaseDamagedError(
        f"Berkas basis data '{name}' rusak. Tutup aplikasi lalu buka lagi untuk "
        "memulihkan cadangan terakhir; jangan hapus berkasnya.",
        f"The database file '{name}' is damaged. Close the app and open it again to "
        "restore the latest backup; do not delete the file.",
    )


def _not_found(name: str) -> FileNotFoundUserError:
    return FileNotFoundUserError(
        f"Berkas atau folder '{name}' tidak ditemukan (mungkin flashdisk sudah dicabut).",
        f"The file or folder '{name}' was not found (the USB stick may have been removed).",
    )


def _cant_open(name: str) -> CannotOpenError:
    return CannotOpenError(
        f"Berkas '{name}' tidak bisa dibuka. Periksa lokasi dan izin berkasnya, lalu coba "
        "lagi. Tidak ada yang diubah.",
        f"The file '{name}' cannot be opened. Check its location and permissions, then "
        "try again. Nothing was changed.",
    )


def message_for(kind: str, path: Path | str | None = None) -> UserError:
    """The plain message for a kind from :func:`classify`."""
    full = str(path or "")
    name = Path(full).name if full else ""
    return {
        DISK_FULL: lambda: _disk_full(),
        READ_ONLY: lambda: _read_only(full),
        IO_ERROR: lambda: _io_error(full),
        DEVICE_GONE: lambda: _device_gone(full),
        LOCKED: lambda: _locked(name),
        CORRUPT: lambda: _damaged(name),
        NOT_FOUND: lambda: _not_found(full),
        CANT_OPEN: lambda: _cant_open(full),
    }[kind]()


def describe_os_error(exc: OSError) -> UserError:
    """A plain message for any ``OSError`` (a generic one when its kind is unknown)."""
    kind = classify(exc)
    if kind is not None:
        return message_for(kind, exc.filename or None)
    return UserError(
        f"Operasi berkas gagal: {exc.strerror or exc}",
        f"A file operation failed: {exc.strerror or exc}",
    )


def describe_db_error(exc: BaseException, db_path: Path | str | None = None) -> UserError | None:
    """A plain message for a known database-file or file-system failure, else ``None``.

    Accepts SQLAlchemy errors (the DBAPI error inside is used), ``sqlite3`` errors and
    plain ``OSError``. ``None`` means a bug: the caller logs it with its traceback.
    """
    if isinstance(exc, UserError):
        return exc
    inner = _unwrap(exc)
    if isinstance(inner, OSError):
        where = db_path if db_path and not inner.filename else inner.filename
        kind = classify(inner, where)
        return message_for(kind, where) if kind else describe_os_error(inner)
    kind = classify(inner, db_path)
    return message_for(kind, db_path) if kind is not None else None


def plain_error(exc: BaseException, path: Path | str | None = None) -> UserError:
    """Like :func:`describe_db_error`, but never ``None``: a bug becomes a plain message
    that names the log file (the caller still logs the traceback)."""
    known = describe_db_error(exc, path)
    if known is not None:
        return known
    from desasadar_gui.logs import log_file_path

    log_path = log_file_path()
    return UnexpectedError(
        "Terjadi kesalahan tak terduga; tidak ada data yang hilang. Rinciannya dicatat di "
        f"{log_path}; kirim berkas itu ke petugas TI.",
        "An unexpected error occurred; no data was lost. The details are in "
        f"{log_path}; send that file to IT staff.",
    )
