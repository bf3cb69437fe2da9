"""Writing a file the user will see: whole or not at all.

:func:`replaced_when_done` is the one way the app writes an export, an error workbook,
a printout, a PDF or a key file: the content goes to a ``.part`` file beside the target
(same folder, so the final rename is atomic even on a USB stick), which is claimed for
the cleanup of a killed process (``scratch.claimed``: a half-written copy holding NIKs
never stays behind), and is renamed over the target only when the block ends without an
error. On any error, a cancel included, the ``.part`` is removed and the target is as
it was. ``durable`` also forces the data and the rename to disk (files whose loss would
lock the user out, like the key file).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desasadar_gui.scratch import claimed


def fsync_file(path: Path | str) -> None:
    """Force a file's contents to disk (a rename is only as durable as what it names)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path | str) -> None:
    """Make a rename in ``path`` durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def part_path(target: Path) -> Path:
    """The temporary name beside ``target`` (hidden on POSIX, removable after a kill)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")


@contextmanager
def replaced_when_done(target: Path | str, *, durable: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write; rename it over ``target`` if the block succeeds."""
    target = Path(target)
    part = part_path(target)
    with claimed(part):
        try:
            yield part
            if durable:
                fsync_file(part)
            os.replace(part, target)
            if durable:
                fsync_dir(target.parent)
        finally:
            part.unlink(missing_ok=True)


__all__ = ["fsync_dir", "fsync_file", "part_path", "replaced_when_done"]
