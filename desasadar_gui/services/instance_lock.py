"""One copy of the app per database file.

A second window (or a command-line import) on the same file while the first one
works would interleave edits and revisions. The lock is an OS lock on a small file
beside the database, ``<db>.lock``: ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows. The operating system drops it when the process ends, however it ends (power
cut, kill -9, crash), so there is never a stale lock to clean up. The file itself
stays and records who holds it (pid, host) for the message and for support; it is
never deleted, since deleting a lock file while another process waits on it breaks
the lock.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
from pathlib import Path

from desasadar_gui.errors import UserError
from desasadar_gui.services.oserrors import describe_os_error

log = logging.getLogger("desasadar.instance_lock")

LOCK_SUFFIX = ".lock"


class InstanceLockedError(UserError):
    pass


def lock_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """Held while the database is in use; release with :meth:`release` or ``with``."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        except OSError:
            pass  # closing the descriptor releases it anyway
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # a forgotten lock must not outlive its owner object
        self.release()


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return text.splitlines()[0][:120] if text else ""


def acquire_instance_lock(db_path: Path | str) -> InstanceLock:
    """Take the lock for ``db_path`` or raise :class:`InstanceLockedError`.

    A folder that cannot be written (read-only USB stick) gives the plain read-only
    message instead; the database could not be worked on there anyway.
    """
    path = lock_path(db_path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise describe_os_error(exc) from exc
    try:
        locked = _try_lock(fd)
    except OSError as exc:
        os.close(fd)
        raise describe_os_error(exc) from exc
    if not locked:
        os.close(fd)
        holder = _holder(path)
        log.info("database already open elsewhere (%s)", holder or "unknown holder")
        raise InstanceLockedError(
            f"Basis data ini sedang dibuka di jendela Desa Sadar lain (berkas "
            f"'{Path(db_path).name}'). Tutup jendela itu dulu, lalu coba lagi. "
            "Tidak ada data yang berubah.",
            f"This database is already open in another Desa Sadar window (file "
            f"'{Path(db_path).name}'). Close that window first, then try again. "
            "Nothing was changed.",
        )
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
    return InstanceLock(path, fd)
