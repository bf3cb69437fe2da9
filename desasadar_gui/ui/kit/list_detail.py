"""The layout the list tabs share: a row of filters, the table, a row of actions, and
(for villages and sessions) a detail panel beside them, behind a splitter.

    filters = hbox(search_label, (search_edit, 2), kabupaten_combo, spacing=FILTER_SPACING)
    actions = hbox(add_button, edit_button, STRETCH, count_label)
    self.splitter = list_and_detail(self, filters, self.table, actions, self.detail,
                                    name="villagesSplitter", sizes=(975, 375))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

FILTER_SPACING = 6
TAB_MARGINS = (8, 8, 8, 4)


def _stack(layout: QVBoxLayout, filters: QHBoxLayout, table: QWidget, actions: QHBoxLayout) -> None:
    layout.addLayout(filters)
    layout.addWidget(table, 1)
    layout.addLayout(actions)


def list_only(owner: QWidget, filters: QHBoxLayout, table: QWidget, actions: QHBoxLayout) -> None:
    """Filters above the table, actions below it, filling ``owner``."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(*TAB_MARGINS)
    _stack(layout, filters, table, actions)


def list_and_detail(
    owner: QWidget,
    filters: QHBoxLayout,
    table: QWidget,
    actions: QHBoxLayout,
    detail: QWidget,
    *,
    name: str,
    sizes: Sequence[int],
) -> QSplitter:
    """The list (filters, table, actions) on the left, ``detail`` on the right; the
    list takes the extra width and cannot be collapsed. Returns the splitter."""
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    _stack(left_layout, filters, table, actions)

    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName(name)
    splitter.addWidget(left)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 0)
    splitter.setCollapsible(0, False)
    splitter.setSizes(list(sizes))

    layout = QVBoxLayout(owner)
    layout.setContentsMargins(*TAB_MARGINS)
    layout.addWidget(splitter)
    return splitter


def debounced_search(
    owner: QObject, edit: QLineEdit, msecs: int, apply: Callable[[], None]
) -> QTimer:
    """``apply`` once typing in ``edit`` pauses for ``msecs``, or at once on Enter."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(apply)
    edit.textChanged.connect(timer.start)
    edit.returnPressed.connect(apply)
    return timer


def set_filter_widgets(
    combos: Sequence[tuple[QComboBox, object]], search_edit: QLineEdit, search: str = ""
) -> None:
    """Put each filter combo on the item holding its value (the first, *Semua*, when
    none does) and the search box on ``search``, without a reload per widget: the
    caller applies the filters once afterwards."""
    for combo, value in combos:
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        combo.blockSignals(False)
    search_edit.blockSignals(True)
    search_edit.setText(search)
    search_edit.blockSignals(False)


def row_shortcuts(table: QWidget, delete: Callable[[], None], open_: Callable[[], None]) -> None:
    """Delete removes the current row, Return/Enter opens it (while the table has focus)."""
    for key, slot in (
        (QKeySequence(QKeySequence.StandardKey.Delete), delete),
        (QKeySequence(Qt.Key.Key_Return), open_),
        (QKeySequence(Qt.Key.Key_Enter), open_),
    ):
        shortcut = QShortcut(key, table, slot)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
