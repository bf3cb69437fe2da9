"""Stopping a read whose answer nobody wants any more (the officer typed on).

SQLite first: a progress handler on the connection asks ``cancelled()`` every
:data:`STEPS_BETWEEN_CHECKS` virtual-machine steps (about a millisecond of work; each
check takes the GIL, so not much more often) and aborts the statement when it says
yes: a stale count over half a million rows stops at once instead of holding the one
worker thread. Other dialects run the statement to its end (a server would use its own
statement timeout or cancel request here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desasadar_gui.errors import Cancelled

STEPS_BETWEEN_CHECKS = 50_000


@contextmanager
def interruptible(s: Session, cancelled: Callable[[], bool] | None) -> Iterator[None]:
    if cancelled is None or s.bind is None or s.bind.dialect.name != "sqlite":
        yield
        return
    if cancelled():
        raise Cancelled
    raw = s.connection().connection.driver_connection
    assert raw is not None  # a live connection: its DBAPI connection is there
    raw.set_progress_handler(lambda: 1 if cancelled() else 0, STEPS_BETWEEN_CHECKS)
    try:
        yield
    except OperationalError as exc:
        if cancelled():
            raise Cancelled from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)
