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

import atexit
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
            except (OSError, ImportError):  # ImportError: at interpreter shutdown
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


# -- half-written files elsewhere (".part" beside a target) ------------------------------

CLAIMS = "claims"
CLAIM_SUFFIX = ".claim"
_claims_folder: ScratchFolder | None = None


def _claims() -> ScratchFolder:
    """This process's folder of claims, made on first use and kept while it lives."""
    global _claims_folder
    if _claims_folder is None or not _claims_folder.path.is_dir():
        _claims_folder = ScratchFolder(CLAIMS)
        atexit.register(_claims_folder.remove)  # before the interpreter winds down
    return _claims_folder


@contextmanager
def claimed(*paths: Path) -> Iterator[None]:
    """Claim half-written files that must live beside their target (a ``.part`` file on
    a USB stick, renamed over the target when complete) while the block runs.

    The claim is a note in this process's scratch folder. If the process is killed, the
    next start (:func:`clean_stale`) finds the note of a dead process and removes the
    files it names, so a half-written copy holding NIKs never stays behind. Only names
    ending in ``.part`` (or a ``.part``'s journal) are ever removed that way.
    """
    note = _claims().path / f"{uuid.uuid4().hex}{CLAIM_SUFFIX}"
    try:
        note.write_text("\n".join(str(Path(p).absolute()) for p in paths), encoding="utf-8")
    except OSError:  # the claim is a safety net; the work itself may still succeed
        note = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if note is not None:
            note.unlink(missing_ok=True)


def _is_part(path: Path) -> bool:
    name = path.name
    return name.endswith(".part") or name.endswith(".part-journal")


def claimed_by_live_processes(root: Path | None = None) -> set[Path]:
    """The files claimed right now by running processes (never to be removed)."""
    live: set[Path] = set()
    try:
        folders = [f for f in (root or scratch_root()).iterdir() if f.is_dir()]
    except OSError:
        return live
    for folder in folders:
        if not folder.name.startswith(CLAIMS + "-") or _owner_gone(folder):
            continue
        live.update(_claimed_paths(folder))
    return live


def _claimed_paths(folder: Path) -> list[Path]:
    paths = []
    for note in folder.glob(f"*{CLAIM_SUFFIX}"):
        try:
            paths += [Path(line) for line in note.read_text(encoding="utf-8").splitlines() if line]
        except OSError:
            continue
    return paths


def _remove_claimed(folder: Path) -> None:
    """A dead process's claims: remove the half-written files they name."""
    for path in _claimed_paths(folder):
        if _is_part(path):
            try:
                path.unlink(missing_ok=True)
                log.info("removed a half-written file left by a killed process")
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
                _remove_claimed(entry)
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
