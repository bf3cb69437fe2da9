"""Ask before a form with typed changes is thrown away (Esc, *Batal*, the window's close
button); an untouched form closes at once."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desasadar_gui.ui.kit import messages


def input_values(root: QWidget) -> tuple[object, ...]:
    """What the officer can change in ``root``: every text, choice, tick and date."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):  # also the text of editable combos and dates
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append(widget.currentIndex())
        elif isinstance(widget, QDateTimeEdit):
            values.append(widget.dateTime())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


class AsksBeforeDiscarding:
    """Mixin for a form dialog, listed before the Qt class:
    ``class X(AsksBeforeDiscarding, QDialog)``. The form calls :meth:`mark_clean` once
    filled (and after a save that keeps it open); :meth:`reject` then asks
    ``messages.ask_discard`` when something was changed since. ``close()`` from code is
    the caller's decision and does not ask; :meth:`discard` closes without asking."""

    _clean_values: tuple[object, ...] | None = None
    _closing_from_code = False

    def mark_clean(self) -> None:
        self._clean_values = input_values(self)  # type: ignore[arg-type]

    def has_changes(self) -> bool:
        return self._clean_values is not None and (
            input_values(self) != self._clean_values  # type: ignore[arg-type]
        )

    def reject(self) -> None:
        if not self._closing_from_code and self.has_changes():
            if not messages.ask_discard(self):  # type: ignore[arg-type]
                return
        super().reject()  # type: ignore[misc]

    def discard(self) -> None:
        """Close without asking (the officer chose to leave, e.g. to open another record)."""
        self._clean_values = None
        super().reject()  # type: ignore[misc]

    def closeEvent(self, event: QCloseEvent) -> None:
        # QDialog's closeEvent calls reject(): ask only when the officer closed the window.
        self._closing_from_code = not event.spontaneous()
        try:
            super().closeEvent(event)  # type: ignore[misc]
        finally:
            self._closing_from_code = False
