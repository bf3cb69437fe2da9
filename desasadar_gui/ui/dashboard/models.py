"""The breakdown table of the dashboard: progress per kabupaten, village or officer."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desasadar_gui.services.dashboard import ProgressRow
from desasadar_gui.ui.kit.charts import fmt_int, fmt_pct

COL_NAME, COL_COUNTED, COL_TARGET, COL_PROGRESS, COL_ACTIVE, COL_PROSPECTS = range(6)
# What the breakdown counts: per kabupaten, per village or per officer.
SCOPE_KABUPATEN, SCOPE_VILLAGE, SCOPE_OFFICER = range(3)


class ProgressTableModel(QAbstractTableModel):
    """Rows of progress (kabupaten, villages or officers); sorted in Python (a few
    thousand rows at most)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ProgressRow] = []
        self._expected: float | None = None
        self._empty_label = ""
        self._sort = (COL_COUNTED, Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: list[ProgressRow], expected: float | None, empty_label: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._expected = expected
        self._empty_label = empty_label
        self._apply_sort()
        self.endResetModel()

    def rows(self) -> list[ProgressRow]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Nama"), self.tr("Terdaftar"), self.tr("Target"), self.tr("Capaian"),
                self.tr("Aktif"), self.tr("Prospek"),
            )[section]  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and section not in (COL_NAME, COL_PROGRESS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                None,
                self.tr("Peserta yang mendaftar tahun ini (terdaftar, aktif atau tidak aktif)"),
                self.tr("Target tahun ini"),
                self.tr("Terdaftar dibanding target; garis tegak: capaian yang seharusnya "
                        "sudah dicapai hari ini"),
                self.tr("Dari yang terdaftar tahun ini, yang kini aktif membayar iuran"),
                self.tr("Orang yang belum mendaftar (semua tahun)"),
            )[section]  # fmt: skip
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return row.label or self._empty_label
            if col == COL_COUNTED:
                return fmt_int(row.counted)
            if col == COL_TARGET:
                return fmt_int(row.target) if row.target else "–"
            if col == COL_PROGRESS:
                return fmt_pct(row.ratio)
            if col == COL_ACTIVE:
                return fmt_int(row.active)
            if col == COL_PROSPECTS:
                return fmt_int(row.prospects)
        if role == Qt.ItemDataRole.UserRole and col == COL_PROGRESS:
            return row.ratio
        if role == Qt.ItemDataRole.UserRole + 1 and col == COL_PROGRESS:
            return self._expected
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (COL_NAME, COL_PROGRESS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME and row.kabupaten:
            if row.kabupaten != row.label:
                return f"{row.label} — {row.kabupaten}"
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_PROGRESS and row.target:
            return (
                self.tr("%1 dari %2; kurang %3")
                .replace("%1", fmt_int(row.counted))
                .replace("%2", fmt_int(row.target))
                .replace("%3", fmt_int(row.remaining))
            )
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        keys = {
            COL_NAME: lambda r: (r.label or "~").casefold(),
            COL_COUNTED: lambda r: r.counted,
            COL_TARGET: lambda r: r.target or 0,
            COL_PROGRESS: lambda r: r.ratio if r.ratio is not None else -1,
            COL_ACTIVE: lambda r: r.active,
            COL_PROSPECTS: lambda r: r.prospects,
        }
        self._rows.sort(key=lambda r: (r.label or "~").casefold())
        self._rows.sort(key=keys.get(column, keys[COL_COUNTED]),
                        reverse=order == Qt.SortOrder.DescendingOrder)  # fmt: skip
