"""One helper for long work off the GUI thread, with progress and cancel.

The work function is plain core code: it receives ``progress(done, total)`` and
``cancelled()`` callables, must not touch widgets, and raises ``errors.Cancelled`` when
it stopped on a cancel. Each piece of work opens its own database session through the
services it calls. Widgets use :mod:`operations`, built on this.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desasadar_gui.errors import Cancelled

log = logging.getLogger("desasadar.ui.background")


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
        self.finished_running = False
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
        finally:
            self.finished_running = True


def _is_expected(exc: BaseException) -> bool:
    from desasadar_gui.errors import UserError

    return isinstance(exc, (UserError, OSError))


_running: dict[int, BackgroundTask] = {}
# Finished tasks, freed a little later on the GUI thread: never inside their own signal's
# slot, and never while the worker thread may still be returning from run(). Without
# this every task lived forever (its signal connections referred back to it).
_retired: list[tuple[float, BackgroundTask]] = []
RETIRE_SECONDS = 1.0


def _free_retired(wait: float = RETIRE_SECONDS) -> None:
    now = time.monotonic()
    keep = []
    for at, task in _retired:
        if task.finished_running and now - at >= wait:
            # QThreadPool.start() gave C++ a reference to the Python object; with
            # autoDelete off nobody returned it. Deleting the C++ side does.
            shiboken6.delete(task)
        else:
            keep.append((at, task))
    _retired[:] = keep


def run_in_background(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> BackgroundTask:
    """Run ``fn(progress=, cancelled=)`` in the thread pool; callbacks run on the GUI thread."""
    _free_retired()
    task = BackgroundTask(fn)
    key = id(task)
    _running[key] = task

    def finish(callback: Callable[..., None] | None, *args: Any) -> None:
        # Only the key here: a closure holding the task would keep it alive for good.
        done = _running.pop(key, None)
        if done is not None:
            _retired.append((time.monotonic(), done))
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
    finished = (pool or QThreadPool.globalInstance()).waitForDone(msecs)
    if finished:  # every run() has returned: finished tasks can go now
        _free_retired(wait=0.0)
    return finished
