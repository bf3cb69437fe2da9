"""Work for the officer, in the shape of anki's ``CollectionOp`` / ``QueryOp``.

:func:`run_operation` runs plain core work in the thread pool. The work receives
``progress(done, total)`` and ``cancelled()`` callables, must not touch widgets, and
raises :class:`desasadar_gui.errors.Cancelled` when it noticed a cancel. Around it:

- an **owner** (a widget, or a model): the parent of every dialog; once it was closed
  or deleted, nothing is shown and no callback runs (a change is still announced);
- an optional **progress dialog**, built here only, shown after a short delay;
- **cancel**: the dialog's button or :meth:`Operation.cancel`;
- **latest wins per key**: a new operation with the same owner and key supersedes the
  older one, which is cancelled and whose answer is dropped;
- **change notification**: on success the changed kinds go to the data bus;
- ONE default failure path, :func:`messages.show_exception`.

:func:`run_change` is the same failure path and notification for a change made on the
GUI thread (a form save, a delete).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from desasadar_gui.errors import Cancelled
from desasadar_gui.services.oserrors import describe_db_error
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import BackgroundTask, run_in_background
from desasadar_gui.ui.kit.context import UiContext

log = logging.getLogger("desasadar.ui.operations")

T = TypeVar("T")

PROGRESS_DELAY_MS = 300

# (id of the owner, key) -> the operation that currently answers for that key.
_latest: dict[tuple[int, Hashable], Operation] = {}


def _parent_widget(owner: QObject | None) -> QWidget | None:
    return owner if isinstance(owner, QWidget) else None


def owner_gone(owner: QObject | None) -> bool:
    """True once ``owner`` was deleted, or (a widget) its window was shown and closed."""
    if owner is None:
        return False
    if not shiboken6.isValid(owner):
        return True
    widget = _parent_widget(owner)
    if widget is None:
        return False
    window = widget.window()
    return window.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide) and (
        window.isHidden()
    )


def progress_dialog(
    parent: QWidget | None,
    label: str,
    *,
    title: str | None = None,
    cancellable: bool = True,
    modality: Qt.WindowModality = Qt.WindowModality.WindowModal,
    object_name: str = "",
) -> QProgressDialog:
    """The one progress dialog: busy until a total is known, shown after a short delay."""
    dialog = QProgressDialog(label, QCoreApplication.translate("operations", "Batal"), 0, 0, parent)
    if object_name:
        dialog.setObjectName(object_name)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title or QCoreApplication.translate("operations", "Desa Sadar"))
    dialog.setWindowModality(modality)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


class Operation:
    """A running piece of work; :func:`run_operation` makes one."""

    def __init__(self, owner: QObject | None, key: Hashable | None) -> None:
        self.owner = owner
        self.key = None if key is None else (id(owner), key)
        self.task: BackgroundTask | None = None
        self.dialog: QProgressDialog | None = None
        self.superseded = False
        self.finished = False
        self.handlers = _Handlers()

    def cancel(self) -> None:
        """Ask the work to stop; it ends as cancelled once it notices."""
        if self.task is not None:
            self.task.cancel()

    def is_cancelled(self) -> bool:
        return self.task is not None and self.task.is_cancelled()

    def supersede(self) -> None:
        self.superseded = True
        self.cancel()
        self._close_dialog()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()
            dialog.deleteLater()

    def _finish(self) -> bool:
        """Tidy up; True when the outcome is still wanted (current and owner there)."""
        self.finished = True
        self._close_dialog()
        if self.key is not None and _latest.get(self.key) is self:
            del _latest[self.key]
        return not self.superseded and not owner_gone(self.owner)

    # -- the outcomes, on the GUI thread (see run_operation for what each callback is)

    def _advance(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))
        on_progress = self.handlers.on_progress
        if on_progress is not None and not self.superseded and not owner_gone(self.owner):
            on_progress(done, total)

    def _wanted(self) -> bool:
        """Finish; run ``on_finished`` and say True when the outcome is still wanted."""
        if not self._finish():
            return False
        if self.handlers.on_finished is not None:
            self.handlers.on_finished()
        return True

    def _succeeded(self, result: Any) -> None:
        h = self.handlers
        wanted = self._finish()
        if h.changes is not None and h.ctx is not None:
            h.ctx.bus.notify(*h.changes)  # the data changed, whoever still looks
        if not wanted:
            return
        if h.on_finished is not None:
            h.on_finished()
        if h.on_success is not None:
            h.on_success(result)

    def _failed(self, exc: BaseException) -> None:
        if not self._wanted():
            return
        if self.handlers.on_failure is not None and self.handlers.on_failure(exc):
            return
        messages.show_exception(self.handlers.parent, exc)

    def _cancelled(self) -> None:
        if self._wanted() and self.handlers.on_cancelled is not None:
            self.handlers.on_cancelled()


@dataclass
class _Handlers:
    """What :func:`run_operation` calls back (all on the GUI thread)."""

    on_success: Callable[[Any], None] | None = None
    on_failure: Callable[[BaseException], bool | None] | None = None
    on_cancelled: Callable[[], None] | None = None
    on_finished: Callable[[], None] | None = None
    on_progress: Callable[[int, int], None] | None = None
    ctx: UiContext | None = None
    changes: Iterable[str] | None = None
    parent: QWidget | None = None


def run_operation(
    owner: QObject | None,
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], T],
    *,
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], bool | None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_finished: Callable[[], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    progress: str | None = None,
    progress_title: str | None = None,
    cancellable: bool = True,
    modality: Qt.WindowModality = Qt.WindowModality.WindowModal,
    progress_name: str = "",
    key: Hashable | None = None,
    ctx: UiContext | None = None,
    changes: Iterable[str] | None = None,
    parent: QWidget | None = None,
    pool: QThreadPool | None = None,
) -> Operation:
    """Run ``work(progress, cancelled)`` off the GUI thread; callbacks run on it.

    ``progress``: the label of a progress dialog (none without it). ``changes``: the
    kinds announced on ``ctx.bus`` after success (an empty tuple: everything).
    ``on_failure`` sees an error first and returns True when it dealt with it; else
    :func:`messages.show_exception` shows it. ``on_finished`` runs after any outcome
    that is still wanted (to re-enable buttons), before the outcome's own callback.
    ``parent``: the dialogs' parent when it is not the owner (work that must always
    report back has no owner).
    """
    op = Operation(owner, key)
    parent = parent or _parent_widget(owner)
    op.handlers = _Handlers(
        on_success, on_failure, on_cancelled, on_finished, on_progress, ctx, changes, parent
    )
    if op.key is not None:
        older = _latest.get(op.key)
        if older is not None:
            older.supersede()
        _latest[op.key] = op
    if progress is not None:
        op.dialog = progress_dialog(
            parent,
            progress,
            title=progress_title,
            cancellable=cancellable,
            modality=modality,
            object_name=progress_name,
        )
    op.task = run_in_background(work, op._succeeded, op._failed, op._advance, op._cancelled, pool)
    if op.dialog is not None:
        op.dialog.canceled.connect(op.cancel)
    return op


def run_and_wait(
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], T],
    *,
    parent: QWidget | None = None,
    progress: str | None = None,
    progress_title: str | None = None,
    modality: Qt.WindowModality = Qt.WindowModality.ApplicationModal,
    pool: QThreadPool | None = None,
) -> T:
    """Run ``work`` in the pool behind a progress dialog that cannot be cancelled, and
    wait for it in a local event loop (the window keeps painting, the cursor shows it
    is busy). Returns its result or raises its error, for a caller that cannot go on
    without it (start-up, a swap of the database file)."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    def failed(exc: BaseException) -> bool:
        finished("error", exc)
        return True  # raised again below

    run_operation(
        None,  # no owner: the outcome is always wanted
        work,
        on_success=lambda result: finished("result", result),
        on_failure=failed,
        on_cancelled=lambda: finished("error", Cancelled()),
        progress=progress,
        progress_title=progress_title,
        cancellable=False,
        modality=modality,
        parent=parent,
        pool=pool,
    )
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if not outcome:
            loop.exec()
    finally:
        QGuiApplication.restoreOverrideCursor()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def running(owner: QObject | None, key: Hashable) -> Operation | None:
    """The operation currently answering for ``key`` of ``owner``, if any."""
    return _latest.get((id(owner), key))


@dataclass
class Outcome(Generic[T]):
    """What :func:`run_change` did: ``ok`` and, when ok, the function's value."""

    ok: bool
    value: T | None = None


def run_change(
    owner: QWidget | None,
    ctx: UiContext | None,
    fn: Callable[[], T],
    *,
    changed: Iterable[str] | None = (),
    on_failure: Callable[[BaseException], bool | None] | None = None,
) -> Outcome[T]:
    """Make a change on the GUI thread: on success announce ``changed`` on the bus (an
    empty tuple: everything; ``None``: nothing), on an expected failure (a refusal, a
    full disk, a locked file) show its plain message. A bug is not caught: the
    excepthook logs it and shows where the log is."""
    try:
        value = fn()
    except Cancelled:
        return Outcome(False)
    except Exception as exc:
        if describe_db_error(exc) is None:
            raise
        if on_failure is None or not on_failure(exc):
            messages.show_exception(owner, exc)
        return Outcome(False)
    if changed is not None and ctx is not None:
        ctx.bus.notify(*changed)
    return Outcome(True, value)


__all__ = [
    "Operation",
    "Outcome",
    "owner_gone",
    "progress_dialog",
    "run_and_wait",
    "run_change",
    "run_operation",
    "running",
]
