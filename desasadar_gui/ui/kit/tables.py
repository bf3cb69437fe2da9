"""Table views as the screens show them, read-only and selected by whole rows.

``make_table``: the lists of the tabs (one row at a time unless ``single`` is off,
alternating colours, one line per row). ``make_log_table``: short lists in dialogs
(backups, history, sync logs and previews) whose columns fit their contents.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ROW_HEIGHT = 24


def _read_only_rows(model: QAbstractItemModel, name: str | None, single: bool) -> QTableView:
    table = QTableView()
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
