"""The idle lock: after N minutes without keyboard or mouse input, every window of the
app hides its data behind a cover and the passphrase is asked again.

Nothing is closed: a half-filled form stays open (and keeps what was typed) under its
cover, a running import goes on; after unlocking everything is as it was. The data key
stays in memory while locked (the protection is against someone picking up an
unattended, unlocked laptop; a laptop that is off or lost is protected by the
encryption itself).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

log = logging.getLogger("desasadar.idle_lock")

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class Cover(QFrame):
    """An opaque sheet over a window's contents while the app is locked."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#idleCover { background: #37474f; } QLabel { color: white; }")
        label = QLabel(self.tr("Terkunci"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(0, 0, 20000, 20000)
        self.raise_()
        self.show()


class IdleLock(QObject):
    """Locks the app after ``minutes`` without input (0: never)."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, db_path: Path, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.dialog = None
        self._covers: list[Cover] = []
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        if self.minutes == 0:
            self.timer.stop()
        elif not self.is_locked:
            self.timer.start(self.minutes * 60_000)

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT and self.minutes and not self.is_locked:
            self.timer.start(self.minutes * 60_000)
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        from desasadar_gui.ui.safety.passphrase import UnlockDialog

        log.info("locked after %d minutes without input", self.minutes)
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, Cover) and w.objectName() != "UnlockDialog"
        ]
        self._covers = [Cover(w) for w in windows]
        dialog = UnlockDialog(self.db_path, idle_lock=True)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._unlocked)
        dialog.rejected.connect(self._quit)
        self.dialog = dialog
        dialog.show()
        self.locked.emit()

    def _unlocked(self) -> None:
        for cover in self._covers:
            cover.deleteLater()
        self._covers = []
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if self.minutes:
            self.timer.start(self.minutes * 60_000)
        log.info("unlocked")
        self.unlocked.emit()

    def _quit(self) -> None:
        # "Close the app" from the lock screen: closing windows asks no questions of a
        # locked user; unsaved input of open forms is not saved.
        log.info("app closed from the lock screen")
        app = QApplication.instance()
        if app is not None:
            app.closeAllWindows()
            app.quit()
