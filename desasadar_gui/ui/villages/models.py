"""The villages table: a thin model over rows the service filtered and sorted in SQL.

Villages are at most a few thousand, so the model holds one light frozen row per
village and asks ``fetch`` again when the filter or the sort order changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desasadar_gui.domain import display
from desasadar_gui.domain.enums import VillageKind, VillageStatus
from desasadar_gui.services.village_queries import SORT_KEYS, VillageListRow, VillageQuery
from desasadar_gui.ui.kit.i18n import enum_label, language
from desasadar_gui.ui.kit.table_model import LEFT, RIGHT, Column, ColumnTableModel

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


def _dmy(row: VillageListRow) -> str:
    return display.short_date(row.launch_date)


class VillageTableModel(ColumnTableModel[VillageListRow]):
    def __init__(self, fetch: Callable[[VillageQuery], list[VillageListRow]], parent=None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._query = VillageQuery()

    def columns(self) -> tuple[Column, ...]:
        return (
            Column(lambda: self.tr("Jenis"), lambda r: enum_label(VillageKind, r.kind), align=LEFT),
            Column(lambda: self.tr("Nama"), lambda r: r.name, align=LEFT),
            Column(lambda: self.tr("Kecamatan"), lambda r: r.kecamatan, align=LEFT),
            Column(lambda: self.tr("Kabupaten/Kota"), lambda r: r.kabupaten, align=LEFT),
            Column(
                lambda: self.tr("Status"),
                lambda r: enum_label(VillageStatus, r.status),
                align=LEFT,
                foreground=self._status_brush,
            ),
            Column(lambda: self.tr("Diluncurkan"), _dmy, align=RIGHT),
            Column(
                lambda: self.tr("Perangkat"),
                lambda r: f"{r.officials_registered}/{r.officials_required}",
                align=RIGHT,
                header_tip=lambda: self.tr("Perangkat desa terdaftar / jabatan yang wajib terisi"),
                tooltip=self._officials_tip,
                foreground=self._officials_brush,
            ),
            Column(
                lambda: self.tr("Peserta"),
                lambda r: display.count(r.participants, language()),
                align=RIGHT,
            ),
        )

    def row_roles(self) -> dict[int, Callable[[VillageListRow], Any]]:
        return {ID_ROLE: lambda r: r.id, ROW_ROLE: lambda r: r}

    @staticmethod
    def _status_brush(row: VillageListRow) -> QBrush | None:
        return QBrush(_LAUNCHED) if row.status == VillageStatus.LAUNCHED.value else None

    @staticmethod
    def _officials_brush(row: VillageListRow) -> QBrush | None:
        missing = row.officials_registered < row.officials_required
        return QBrush(_MISSING_OFFICIALS) if missing else None

    def _officials_tip(self, row: VillageListRow) -> str:
        missing = row.officials_required - row.officials_registered
        if missing > 0:
            return self.tr("%n jabatan belum terisi", "", missing)
        return self.tr("Semua jabatan wajib sudah terisi")

    # -- loading ------------------------------------------------------------------

    @property
    def query(self) -> VillageQuery:
        return self._query

    def set_query(self, query: VillageQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        self.set_rows(self._fetch(self._query))

    def row_of(self, village_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == village_id:
                return i
        return -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by SQL: ask again with the column's sort key."""
        if not 0 <= column < COLUMN_COUNT:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort_key=SORT_KEYS[column], descending=descending))
