"""The breakdown table of the dashboard: progress per kabupaten, village or officer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desasadar_gui.services.dashboard import ProgressRow
from desasadar_gui.ui.kit.charts import fmt_int, fmt_pct
from desasadar_gui.ui.kit.table_model import RIGHT, Column, ColumnTableModel

COL_NAME, COL_COUNTED, COL_TARGET, COL_PROGRESS, COL_ACTIVE, COL_PROSPECTS = range(6)
# What the breakdown counts: per kabupaten, per village or per officer.
SCOPE_KABUPATEN, SCOPE_VILLAGE, SCOPE_OFFICER = range(3)

RATIO_ROLE = Qt.ItemDataRole.UserRole  # the progress column's delegate draws these two
EXPECTED_ROLE = Qt.ItemDataRole.UserRole + 1


def _name_key(row: ProgressRow) -> str:
    return (row.label or "~").casefold()


class ProgressTableModel(ColumnTableModel[ProgressRow]):
    """Rows of progress (kabupaten, villages or officers); sorted in Python (a few
    thousand rows at most)."""

    default_sort = (COL_COUNTED, Qt.SortOrder.DescendingOrder)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._expected: float | None = None
        self._empty_label = ""

    def columns(self) -> tuple[Column, ...]:
        def number(header, tip, value, display=fmt_int) -> Column:
            return Column(
                header, value, display, align=RIGHT, header_align=RIGHT, header_tip=tip,
                sort_key=value,
            )  # fmt: skip

        return (
            Column(
                lambda: self.tr("Nama"),
                lambda r: r.label or self._empty_label,
                tooltip=_name_tip,
                sort_key=_name_key,
            ),
            number(
                lambda: self.tr("Terdaftar"),
                lambda: self.tr(
                    "Peserta yang mendaftar tahun ini (terdaftar, aktif atau tidak aktif)"
                ),
                lambda r: r.counted,
            ),  # fmt: skip
            Column(
                lambda: self.tr("Target"),
                lambda r: r.target,
                lambda target: fmt_int(target) if target else "–",
                align=RIGHT,
                header_align=RIGHT,
                header_tip=lambda: self.tr("Target tahun ini"),
                sort_key=lambda r: r.target or 0,
            ),
            Column(
                lambda: self.tr("Capaian"),
                lambda r: r.ratio,
                fmt_pct,
                header_tip=lambda: self.tr(
                    "Terdaftar dibanding target; garis tegak: capaian "
                    "yang seharusnya sudah dicapai hari ini"
                ),
                tooltip=self._progress_tip,
                sort_key=lambda r: r.ratio if r.ratio is not None else -1,
                roles={RATIO_ROLE: lambda r: r.ratio, EXPECTED_ROLE: lambda r: self._expected},
            ),  # fmt: skip
            number(
                lambda: self.tr("Aktif"),
                lambda: self.tr("Dari yang terdaftar tahun ini, yang kini aktif membayar iuran"),
                lambda r: r.active,
            ),
            number(
                lambda: self.tr("Prospek"),
                lambda: self.tr("Orang yang belum mendaftar (semua tahun)"),
                lambda r: r.prospects,
            ),
        )

    def tie_breaks(self) -> tuple[tuple[Any, bool], ...]:
        return ((_name_key, False),)

    def set_rows(  # type: ignore[override]
        self, rows: list[ProgressRow], expected: float | None, empty_label: str
    ) -> None:
        self._expected = expected
        self._empty_label = empty_label
        super().set_rows(rows)

    def _progress_tip(self, row: ProgressRow) -> str | None:
        if not row.target:
            return None
        return (
            self.tr("%1 dari %2; kurang %3")
            .replace("%1", fmt_int(row.counted))
            .replace("%2", fmt_int(row.target))
            .replace("%3", fmt_int(row.remaining))
        )


def _name_tip(row: ProgressRow) -> str | None:
    if row.kabupaten and row.kabupaten != row.label:
        return f"{row.label} — {row.kabupaten}"
    return None
