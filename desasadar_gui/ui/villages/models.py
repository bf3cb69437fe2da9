"""The villages table: a thin model over rows the service filtered and sorted in SQL.

Villages are at most a few thousand, so the model holds one light frozen row per
village and asks ``fetch`` again when the filter or the sort order changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desasadar_gui.domain.enums import VillageKind, VillageStatus
from desasadar_gui.services.village_queries import SORT_KEYS, VillageListRow, VillageQuery
from desasadar_gui.ui.kit.i18n import language

COL_KIND = 0
COL_NAME = 1
COL_KECAMATAN = 2
COL_KABUPATEN = 3
COL_STATUS = 4
COL_LAUNCH_DATE = 5
COL_OFFICIALS = 6
COL_PARTICIPANTS = 7
COLUMN_COUNT = 8

assert len(SORT_KEYS) == COLUMN_COUNT  # one SQL sort key per column, in column order

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

_MISSING_OFFICIALS = QColor("#b45309")  # amber: positions still unregistered
_LAUNCHED = QColor("#166534")

Index = QModelIndex | QPersistentModelIndex


def _label(enum: type, code: str) -> str:
    try:
        return enum(code).label(language())
    except ValueError:
        return code


class VillageTableModel(QAbstractTableModel):
    def __init__(self, fetch: Callable[[VillageQuery], list[VillageListRow]], parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._query = VillageQuery()
        self._rows: list[VillageListRow] = []

    # -- loading ------------------------------------------------------------------

    @property
    def query(self) -> VillageQuery:
        return self._query

    def set_query(self, query: VillageQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        rows = self._fetch(self._query)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        """Headers and enum labels follow the interface language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1)
            )

    def row_at(self, row: int) -> VillageListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, village_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == village_id:
                return i
        return -1

    # -- Qt interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_OFFICIALS:
            return self.tr("Perangkat desa terdaftar / jabatan yang wajib terisi")
        return None

    def _headers(self) -> tuple[str, ...]:
        return (
            self.tr("Jenis"),
            self.tr("Nama"),
            self.tr("Kecamatan"),
            self.tr("Kabupaten/Kota"),
            self.tr("Status"),
            self.tr("Diluncurkan"),
            self.tr("Perangkat"),
            self.tr("Peserta"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (COL_OFFICIALS, COL_PARTICIPANTS, COL_LAUNCH_DATE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_OFFICIALS and row.officials_registered < row.officials_required:
                return QBrush(_MISSING_OFFICIALS)
            if col == COL_STATUS and row.status == VillageStatus.LAUNCHED.value:
                return QBrush(_LAUNCHED)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_OFFICIALS:
            missing = row.officials_required - row.officials_registered
            if missing > 0:
                return self.tr("%n jabatan belum terisi", "", missing)
            return self.tr("Semua jabatan wajib sudah terisi")
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: VillageListRow, col: int) -> str | None:
        if col == COL_KIND:
            return _label(VillageKind, row.kind)
        if col == COL_NAME:
            return row.name
        if col == COL_KECAMATAN:
            return row.kecamatan
        if col == COL_KABUPATEN:
            return row.kabupaten
        if col == COL_STATUS:
            return _label(VillageStatus, row.status)
        if col == COL_LAUNCH_DATE:
            return row.launch_date.strftime("%d/%m/%Y") if row.launch_date else ""
        if col == COL_OFFICIALS:
            return f"{row.officials_registered}/{row.officials_required}"
        if col == COL_PARTICIPANTS:
            return QLocale().toString(row.participants)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by SQL: ask again with the column's sort key."""
        if not 0 <= column < COLUMN_COUNT:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort_key=SORT_KEYS[column], descending=descending))
