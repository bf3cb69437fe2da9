"""Stopping a read whose answer nobody wants any more (the officer typed on).

SQLite first: a progress handler on the connection asks ``cancelled()`` every
:data:`STEPS_BETWEEN_CHECKS` virtual-machine steps (about a millisecond of work; each
check takes the GIL, so not much more often) and aborts the statement when it says
yes: a stale count over half a million rows stops at once instead of holding the one
worker thread.

PostgreSQL: a watcher thread asks ``cancelled()`` every :data:`SERVER_POLL_SECONDS`
while the block runs and, at a yes, sends the server a cancel request for the
connection's running statement (``Connection.cancel_safe``); the statement fails with
``query_canceled`` and the block raises :class:`Cancelled`. The connection stays usable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desasadar_gui.errors import Cancelled

STEPS_BETWEEN_CHECKS = 50_000
SERVER_POLL_SECONDS = 0.02


@contextmanager
def interruptible(s: Session, cancelled: Callable[[], bool] | None) -> Iterator[None]:
    if cancelled is None or s.bind is None:
        yield
        return
    if s.bind.dialect.name == "postgresql":
        with _server_cancel(s, cancelled):
            yield
        return
    if s.bind.dialect.name != "sqlite":
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


@contextmanager
def _server_cancel(s: Session, cancelled: Callable[[], bool]) -> Iterator[None]:
    """PostgreSQL: a cancel request to the server once ``cancelled()`` says yes."""
    import threading

    from sqlalchemy.exc import DBAPIError

    if cancelled():
        raise Cancelled
    raw = s.connection().connection.driver_connection
    assert raw is not None
    done = threading.Event()
    sent = threading.Event()

    def watch() -> None:
        while not done.wait(SERVER_POLL_SECONDS):
            if cancelled():
                sent.set()
                cancel = getattr(raw, "cancel_safe", None) or raw.cancel
                cancel()
                return

    watcher = threading.Thread(target=watch, name="query-cancel", daemon=True)
    watcher.start()
    try:
        yield
    except DBAPIError as exc:
        if sent.is_set() or cancelled():
            s.rollback()  # the transaction of the cancelled statement is aborted
            raise Cancelled from exc
        raise
    finally:
        done.set()
        watcher.join()
    if sent.is_set():
        raise Cancelled  # the answer came in just as the cancel went out: nobody wants it
