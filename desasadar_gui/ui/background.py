"""One helper for long work off the GUI thread, with progress and cancel.

The work function is plain core code: it receives ``progress(done, total)`` and
``cancelled()`` callables and must not touch widgets. Each piece of work opens its own
database session through the services it calls.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("desasadar.ui.background")


class Cancelled(Exception):
    """Raised by work that noticed ``cancelled()``; reported as a cancel, not an error."""


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class BackgroundTask(QRunnable):
    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancel = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel = True

    def is_cancelled(self) -> bool:
        return self._cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(
                progress=lambda done, total: self.signals.progress.emit(int(done), int(total)),
                cancelled=self.is_cancelled,
            )
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported on the GUI thread, which decides what to show
            if not _is_expected(exc):
                log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def _is_expected(exc: BaseException) -> bool:
    from desasadar_gui.errors import UserError

    return isinstance(exc, (UserError, OSError))


_running: set[BackgroundTask] = set()


def run_in_background(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> BackgroundTask:
    """Run ``fn(progress=, cancelled=)`` in the thread pool; callbacks run on the GUI thread."""
    task = BackgroundTask(fn)
    _running.add(task)

    def finish(callback: Callable[..., None] | None, *args: Any) -> None:
        _running.discard(task)
        if callback is not None:
            callback(*args)

    task.signals.done.connect(lambda result: finish(on_done, result))
    task.signals.failed.connect(lambda exc: finish(on_error, exc))
    task.signals.cancelled.connect(lambda: finish(on_cancelled))
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_all(pool: QThreadPool | None = None, msecs: int = 30000) -> bool:
    """For shutdown and tests: wait until background work has finished."""
    return (pool or QThreadPool.globalInstance()).waitForDone(msecs)
