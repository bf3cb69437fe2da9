"""The last line of defence: an unexpected error is logged and shown with the log's path.

``install_excepthook(parent_getter)`` replaces ``sys.excepthook`` (exceptions escaping
Qt slots and the main thread) and ``threading.excepthook`` (worker threads: logged
only, since widgets belong to the GUI thread). Expected errors that escaped their
handler (a ``UserError``: disk full, read-only folder...) are shown with their
plain message instead; anything the database layer recognises is translated first.
The traceback goes to the log through the privacy filter (``logs.PrivacyFilter``), so
no NIK or name in an exception message reaches the file.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from desasadar_gui.logs import setup_logging
from desasadar_gui.services.oserrors import describe_db_error
from desasadar_gui.ui.kit import messages

log = logging.getLogger("desasadar.crash")

ParentGetter = Callable[[], QWidget | None]


class _Hook:
    def __init__(self, parent_getter: ParentGetter, log_path: Path) -> None:
        self.parent_getter = parent_getter
        self.log_path = log_path
        self.showing = False
        self.previous = sys.excepthook
        self.previous_thread = threading.excepthook

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        # A UserError as is; disk full, read-only, locked... translated; else a bug.
        expected = describe_db_error(exc)
        if expected is not None:
            log.warning("expected error reached the top level: %s", type(exc).__name__)
        else:
            log.error("unexpected error", exc_info=(kind, exc, tb))
        if QApplication.instance() is None or self.showing:
            return  # no GUI yet, or a dialog is already up (no cascade of boxes)
        self.showing = True
        try:
            parent = self._parent()
            if expected is not None:
                messages.show_user_error(parent, expected)
            else:
                messages.show_unexpected_error(parent, str(self.log_path))
        finally:
            self.showing = False

    def _parent(self) -> QWidget | None:
        try:
            return self.parent_getter()
        except Exception:
            return None

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not None and issubclass(args.exc_type, SystemExit):
            return
        log.error(
            "unexpected error in thread %s",
            getattr(args.thread, "name", "?"),
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]
        )


_installed: _Hook | None = None


def install_excepthook(parent_getter: ParentGetter | None = None) -> Callable[[], None]:
    """Install the hooks; returns a function that puts the previous ones back (tests)."""
    global _installed
    log_path = setup_logging()
    hook = _Hook(parent_getter or QApplication.activeWindow, log_path)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    _installed = hook

    def uninstall() -> None:
        global _installed
        sys.excepthook = hook.previous
        threading.excepthook = hook.previous_thread
        _installed = None

    return uninstall
