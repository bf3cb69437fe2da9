"""One read-only table model driven by a list of :class:`Column` descriptions.

A screen's model says what its columns are, not how Qt asks for them::

    class BackupTableModel(ColumnTableModel[BackupInfo]):
        def columns(self):
            return (
                Column(lambda: self.tr("Waktu"), lambda r: r.taken_at, time_text),
                Column(lambda: self.tr("Ukuran"), lambda r: r.size, size_text, align=RIGHT),
            )

Headers are callables, asked each time the view paints them, so a language switch
(followed by :meth:`ColumnTableModel.retranslate`) shows the new titles; ``self.tr``
inside the model's class keeps each string in that class's translation context.

Rows are held in Python (hundreds or a few thousand); :meth:`ColumnTableModel.sort`
sorts them by the column's ``sort_key`` when one is given. Models that page from SQL
keep their own row storage and override ``rowCount``/``row_at``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
Getter = Callable[[Any], Any]

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FONT = int(Qt.ItemDataRole.FontRole)


def plain_text(value: Any) -> str:
    """The default display formatter: the value as text, nothing for None."""
    return "" if value is None else str(value)


def _row_itself(row: Any) -> Any:
    return row


@dataclass(frozen=True)
class Column:
    """What one column shows.

    ``value`` reads the cell's value from a row, ``display`` turns it into the text
    shown (``DisplayRole``); ``align`` is the cells' alignment, ``header_align`` the
    header's. The optional role getters take the row and return the tooltip, brush,
    font... or None. ``roles`` adds per-column getters for other roles (e.g. a
    delegate's data), ``sort_key`` orders the rows when the view sorts by the column.
    """

    header: Callable[[], str]
    value: Getter = _row_itself
    display: Callable[[Any], Any] = plain_text
    align: int | None = None
    header_align: int | None = None
    header_tip: Callable[[], str | None] | None = None
    tooltip: Getter | None = None
    foreground: Getter | None = None
    background: Getter | None = None
    font: Getter | None = None
    sort_key: Getter | None = None
    roles: Mapping[int, Getter] = field(default_factory=dict)
    _getters: dict[int, Getter] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        getters = {int(role): getter for role, getter in self.roles.items()}
        for role, getter in (
            (TOOLTIP, self.tooltip),
            (FOREGROUND, self.foreground),
            (BACKGROUND, self.background),
            (FONT, self.font),
        ):
            if getter is not None:
                getters[role] = getter
        object.__setattr__(self, "_getters", getters)

    def text(self, row: Any) -> Any:
        return self.display(self.value(row))

    def cell(self, row: Any, role: int) -> Any:
        """The cell's data for ``role`` (an int)."""
        if role == DISPLAY:
            return self.text(row)
        if role == ALIGN:
            return self.align
        getter = self._getters.get(role)
        return getter(row) if getter is not None else None

    def header_data(self, role: int) -> Any:
        if role == DISPLAY:
            return self.header()
        if role == TOOLTIP:
            return self.header_tip() if self.header_tip is not None else None
        if role == ALIGN:
            return self.header_align
        return None


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """Rows of one kind, shown through the columns :meth:`columns` describes.

    ``row_roles`` answers roles that concern the whole row (its id, the row itself),
    whatever the column. ``default_sort`` (a column, an order) is applied to every new
    list of rows when the model sorts in Python; ``tie_breaks`` are (key, reverse)
    pairs sorted by first, so equal keys keep a stable order.
    """

    default_sort: tuple[int, Qt.SortOrder] | None = None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._columns: tuple[Column, ...] = tuple(self.columns())
        self._row_roles: dict[int, Getter] = {
            int(role): getter for role, getter in self.row_roles().items()
        }
        self._sort = self.default_sort

    # -- what a subclass describes ------------------------------------------------

    def columns(self) -> Sequence[Column]:
        raise NotImplementedError

    def row_roles(self) -> Mapping[int, Getter]:
        return {}

    def tie_breaks(self) -> Sequence[tuple[Getter, bool]]:
        return ()

    # -- contents -----------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply_sort()
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[R]:
        return list(self._rows)

    def column(self, section: int) -> Column:
        return self._columns[section]

    def retranslate(self) -> None:
        """Headers and texts follow the interface language."""
        last = len(self._columns) - 1
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, last))

    # -- Qt interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        return self._columns[section].header_data(int(role))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        role = int(role)
        getter = self._row_roles.get(role)
        if getter is not None:
            return getter(row)
        return self._columns[index.column()].cell(row, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        if not 0 <= column < len(self._columns) and self.default_sort is not None:
            column = self.default_sort[0]
        key = self._columns[column].sort_key if 0 <= column < len(self._columns) else None
        if key is None:
            return
        for tie_key, reverse in self.tie_breaks():
            self._rows.sort(key=tie_key, reverse=reverse)
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
