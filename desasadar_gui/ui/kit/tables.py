"""Table views as the screens show them, read-only and selected by whole rows.

``make_table``: the lists of the tabs (one row at a time unless ``single`` is off,
alternating colours, one line per row). ``make_log_table``: short lists in dialogs
(backups, history, sync logs and previews) whose columns fit their contents.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROW_HEIGHT = 24

# Keys that move the current row. Qt moves without selecting when Ctrl is held
# (Ctrl+End, Ctrl+Home): the row looks current but the buttons that act on the
# selected row stay off. Here a move always selects the row it lands on.
_MOVES = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
_SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class RowTable(QTableView):
    """A table of whole rows where every keyboard move selects the row it reaches."""

    def selectionCommand(self, index: QModelIndex, event: QEvent | None = None):  # noqa: N802
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _MOVES
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and index.isValid()
        ):
            return _SELECT_ROW
        return super().selectionCommand(index, event)

    def moveCursor(self, action, modifiers):  # noqa: ANN001, N802
        # With no current row Qt answers every move with the first cell, so Ctrl+End in
        # a list nobody clicked yet went to the top: start from the first row instead.
        model = self.model()
        if not self.currentIndex().isValid() and model is not None and model.rowCount() > 0:
            self.selectionModel().setCurrentIndex(
                model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        return super().moveCursor(action, modifiers)


def follow_current_row(
    table: QTableView,
    on_moved: Callable[[QModelIndex, QModelIndex], None],
    on_arrived: Callable[[], None],
) -> None:
    """``on_moved(current, previous)`` when the current row changes; ``on_arrived()``
    when the model's data for the current row comes in later (a paged model reads a far
    row, such as the one Ctrl+End lands on, after the move), so the buttons that need
    the row's record follow either way."""
    table.selectionModel().currentRowChanged.connect(on_moved)

    def arrived(top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        current = table.currentIndex()
        if current.isValid() and top.row() <= current.row() <= bottom.row():
            on_arrived()

    table.model().dataChanged.connect(arrived)


def _read_only_rows(model: QAbstractItemModel, name: str | None, single: bool) -> QTableView:
    table = RowTable()
    if name:
        table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


def make_table(model: QAbstractItemModel, name: str, *, single: bool = True) -> QTableView:
    table = _read_only_rows(model, name, single)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.horizontalHeader().setHighlightSections(False)
    return table


def select_row(table: QTableView, row: int, column: int = 0, scroll: bool = True) -> None:
    """Make ``row`` the current, only selected row (and bring it into view)."""
    index = table.model().index(row, column)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    if scroll:
        table.scrollTo(index)


def make_log_table(
    model: QAbstractItemModel, name: str | None = None, *, single: bool = False
) -> QTableView:
    table = _read_only_rows(model, name, single)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table
