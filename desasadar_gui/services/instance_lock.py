"""One copy of the app per database file, whatever path leads to it.

A second window (or a command-line import) on the same file while the first one works
would interleave edits and revisions; two writers through two *different paths* to the
same file (a hard link in another folder, a symlink) are worse: SQLite names its -wal
and -shm files after the path, so each writer gets its own WAL and the file ends up
"database disk image is malformed".

So the lock is keyed by **file identity**, not by path: the pair (device, file number)
that ``os.stat`` reports (``st_dev``/``st_ino``; on Windows the volume serial number and
the NTFS file ID, which Python fills in from ``GetFileInformationByHandle``). All paths
to one file, hard links and symlinks included, give the same pair. Two OS locks
(``oslock.py``: ``fcntl.flock`` / ``msvcrt.locking``) are taken, both dropped by the
operating system when the process ends however it ends, so a lock never goes stale:

- ``<data folder>/locks/<device>-<file number>.lock``: the identity lock;
- ``<db, symlinks resolved>.lock`` beside the database: the same file opened by another
  user account (another data folder) on the same machine or over a network share; its
  text records who holds it (pid, host) for the message and for support.

Why not lock the database file itself: on Windows such locks are mandatory, and a lock
on any byte SQLite reads would break SQLite's own reads; on some BSDs ``flock`` and
SQLite's ``fcntl`` locks interact. Lock files keep clear of SQLite entirely.

A database file that does not exist yet has no identity: the identity lock is taken
once the file is created (:meth:`InstanceLock.refresh_identity`, called by
``Database.open``), and again after a restore replaced the file (new file number).
Lock files are never deleted, since deleting a lock file while another process waits on
it breaks the lock.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from desasadar_gui.errors import UserError
from desasadar_gui.oslock import OPEN_FLAGS, try_lock, unlock
from desasadar_gui.paths import data_dir
from desasadar_gui.services.oserrors import describe_os_error

log = logging.getLogger("desasadar.instance_lock")

LOCK_SUFFIX = ".lock"
LOCKS_FOLDER = "locks"


class InstanceLockedError(UserError):
    pass


def _resolved(db_path: Path | str) -> Path:
    try:
        return Path(db_path).expanduser().resolve()
    except OSError:
        return Path(db_path).absolute()


def lock_path(db_path: Path | str) -> Path:
    """The lock file beside the database (symlinks resolved: beside the real file)."""
    db_path = _resolved(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def file_identity(db_path: Path | str) -> tuple[int, int] | None:
    """(device, file number) of the file ``db_path`` leads to, or None if there is none."""
    try:
        st = os.stat(db_path)  # follows symlinks
    except OSError:
        return None
    if not st.st_ino:  # a file system that has no file numbers (some network shares)
        return None
    return st.st_dev, st.st_ino


def identity_lock_path(identity: tuple[int, int]) -> Path:
    folder = data_dir() / LOCKS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{identity[0]:x}-{identity[1]:x}{LOCK_SUFFIX}"


def _locked_error(db_path: Path | str, holder: str) -> InstanceLockedError:
    log.info("database already open elsewhere (%s)", holder or "unknown holder")
    name = Path(db_path).name
    return InstanceLockedError(
        f"Basis data ini sedang dibuka di jendela Desa Sadar lain (berkas "
        f"'{name}'). Tutup jendela itu dulu, lalu coba lagi. "
        "Tidak ada data yang berubah.",
        f"This database is already open in another Desa Sadar window (file "
        f"'{name}'). Close that window first, then try again. "
        "Nothing was changed.",
    )


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip("\0\n ")
    except OSError:
        return ""
    return text.splitlines()[0][:120] if text else ""


def _take(path: Path, db_path: Path | str) -> int:
    """An exclusive OS lock on the file at ``path``; its descriptor, or an error."""
    try:
        fd = os.open(path, OPEN_FLAGS, 0o644)
    except OSError as exc:
        raise describe_os_error(exc) from exc
    try:
        locked = try_lock(fd)
    except OSError as exc:
        os.close(fd)
        raise describe_os_error(exc) from exc
    if not locked:
        os.close(fd)
        raise _locked_error(db_path, _holder(path))
    try:
        # Who holds it, for support. On Windows the locked byte is byte 0; writing
        # from byte 1 on keeps clear of it.
        note = f"pid {os.getpid()} on {socket.gethostname()}\n".encode()
        offset = 1 if os.name == "nt" else 0
        os.lseek(fd, offset, os.SEEK_SET)
        os.write(fd, note)
        os.ftruncate(fd, offset + len(note))
    except OSError:
        pass  # the note is a courtesy; the lock is what matters
    return fd


def _drop(fd: int) -> None:
    try:
        unlock(fd)
    except OSError:
        pass  # closing the descriptor releases it anyway
    finally:
        os.close(fd)


class InstanceLock:
    """Held while the database is in use; release with :meth:`release` or ``with``."""

    def __init__(self, path: Path, fd: int, db_path: Path) -> None:
        self.path = path
        self.db_path = db_path
        self._fd: int | None = fd
        self.identity: tuple[int, int] | None = None
        self._identity_fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def refresh_identity(self, db_path: Path | str | None = None) -> None:
        """Lock the identity of the file the path leads to now (first creation, or a
        restore that replaced the file). Raises :class:`InstanceLockedError` if another
        copy of the app holds that file under some other path."""
        if self._fd is None:
            return
        identity = file_identity(db_path or self.db_path)
        if identity == self.identity:
            return
        fd = None
        if identity is not None:
            try:
                fd = _take(identity_lock_path(identity), db_path or self.db_path)
            except InstanceLockedError:
                raise
            except UserError as exc:
                # The data folder cannot hold lock files (full or read-only disk): the
                # path lock still stands; the database itself reports what it can do.
                log.warning("identity lock not taken: %s", type(exc).__name__)
                fd = None
        old, self._identity_fd = self._identity_fd, fd
        self.identity = identity if fd is not None else None
        if old is not None:
            _drop(old)

    def release(self) -> None:
        for attr in ("_identity_fd", "_fd"):
            fd = getattr(self, attr, None)
            setattr(self, attr, None)
            if fd is not None:
                _drop(fd)
        self.identity = None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # a forgotten lock must not outlive its owner object
        self.release()


def acquire_instance_lock(db_path: Path | str) -> InstanceLock:
    """Take the lock for the file ``db_path`` leads to, or raise :class:`InstanceLockedError`.

    A folder that cannot be written (read-only USB stick) gives the plain read-only
    message instead; the database could not be worked on there anyway.
    """
    beside = lock_path(db_path)
    fd = _take(beside, db_path)
    lock = InstanceLock(beside, fd, Path(db_path))
    try:
        lock.refresh_identity()
    except BaseException:
        lock.release()
        raise
    return lock
