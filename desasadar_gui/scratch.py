"""Scratch files in one place, owned by the process that made them, never left behind.

Import staging databases and export parts hold full personal data (NIKs, names,
phones). They never go to the system TEMP folder, where a lost laptop's finder would
look first and where nothing cleans up after a kill: every temporary file of the app
lives in ``<data folder>/scratch/<prefix>-<pid>-<random>/``. Each such folder holds an
``owner.lock`` file that its process keeps locked (an OS lock, dropped by the OS when
the process dies however it dies). :func:`clean_stale` removes every folder whose lock
is free: called when the app or a command starts, it clears what a power cut or a
SIGKILL left. :func:`scratch_folder` removes its folder when the work ends.

No Qt and no database here: every layer may use it.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desasadar_gui.oslock import OPEN_FLAGS, try_lock, unlock
from desasadar_gui.paths import data_dir

log = logging.getLogger("desasadar.scratch")

SCRATCH = "scratch"
OWNER = "owner.lock"
# A folder without an owner file is one being created right now, or a leftover of a
# kill between mkdir and open: only the second kind is ever this old.
ORPHAN_SECONDS = 600


def scratch_root() -> Path:
    root = data_dir() / SCRATCH
    root.mkdir(parents=True, exist_ok=True)
    return root


class ScratchFolder:
    """A folder of this process's own; :meth:`remove` deletes it and everything in it."""

    def __init__(self, prefix: str) -> None:
        name = f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = scratch_root() / name
        self.path.mkdir()
        self._fd: int | None = os.open(self.path / OWNER, OPEN_FLAGS, 0o600)
        try_lock(self._fd)

    def remove(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                unlock(fd)
            except OSError:
                pass
            os.close(fd)
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> ScratchFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def __del__(self) -> None:  # a forgotten folder must not outlive its owner object
        try:
            self.remove()
        except Exception:  # at interpreter shutdown; clean_stale() removes it next time
            pass


@contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A fresh scratch folder for the block; removed when the block ends."""
    folder = ScratchFolder(prefix)
    try:
        yield folder.path
    finally:
        folder.remove()


_session: ScratchFolder | None = None
PARTS = "parts.lst"


def track_part(path: Path | str) -> None:
    """Note a half-written file that must sit beside its target (a ``.part`` renamed
    into place when complete, e.g. on a USB stick): if this process is killed before it
    is renamed or removed, :func:`clean_stale` removes it at the next start."""
    global _session
    if _session is None:
        _session = ScratchFolder("session")
    with (_session.path / PARTS).open("a", encoding="utf-8") as fh:
        fh.write(f"{Path(path).resolve()}\n")


def _remove_parts(folder: Path) -> None:
    try:
        lines = (folder / PARTS).read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        path = Path(line.strip())
        if line.strip() and ".part" in path.name:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass


def _owner_gone(folder: Path) -> bool:
    owner = folder / OWNER
    if not owner.exists():
        try:
            return time.time() - folder.stat().st_mtime > ORPHAN_SECONDS
        except OSError:
            return False
    try:
        fd = os.open(owner, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if try_lock(fd):
            unlock(fd)
            return True
        return False
    except OSError:
        return False
    finally:
        os.close(fd)


def clean_stale(root: Path | None = None) -> int:
    """Remove scratch folders whose process is gone; returns how many were removed."""
    try:
        root = root or scratch_root()
        entries = list(root.iterdir())
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        if entry.is_dir():
            if _owner_gone(entry):
                _remove_parts(entry)
                shutil.rmtree(entry, ignore_errors=True)
                removed += not entry.exists()
        else:  # a loose file: nothing of ours writes one here
            try:
                entry.unlink()
                removed += 1
            except OSError:
                pass
    if removed:
        log.info("removed %d stale scratch folder(s)", removed)
    return removed
