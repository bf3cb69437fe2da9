"""The "Ringkasan" tab: progress of a year against its targets, at a glance.

All figures come from :func:`desasadar_gui.services.dashboard.compute_dashboard`
(SQL aggregates, run off the GUI thread); this module only lays them out: headline
cards, registrations per month, progress per kabupaten / village / officer, the
village pipeline with officials coverage, and the occupation and programme mixes.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QMarginsF,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import Occupation, Programme, VillageStatus
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.problems import format_date
from desasadar_gui.errors import UserError
from desasadar_gui.services.dashboard import (
    Dashboard,
    ProgressRow,
    compute_dashboard,
    dashboard_years,
    month_name,
)
from desasadar_gui.services.printouts import write_dashboard_xlsx
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import run_in_background
from desasadar_gui.ui.kit.charts import (
    AMBER,
    GREEN,
    GREY,
    BarChart,
    HBarChart,
    ProgressDelegate,
    ProgressMeter,
    SegmentBar,
    fmt_int,
    fmt_pct,
)
from desasadar_gui.ui.kit.context import (
    ATTENDANCE,
    PARTICIPANTS,
    SESSIONS,
    TARGETS,
    VILLAGES,
    UiContext,
)
from desasadar_gui.ui.kit.i18n import language

_WATCHED = frozenset({PARTICIPANTS, VILLAGES, SESSIONS, ATTENDANCE, TARGETS})

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid #d5dbe1; border-radius: 6px; }
QLabel#cardTitle { color: #1f4e79; font-weight: bold; }
QLabel#kpiValue { color: #1f2933; }
QLabel#kpiNote { color: #5f6b7a; }
QPushButton#scopeKabupaten, QPushButton#scopeVillage, QPushButton#scopeOfficer {
    background: palette(base); color: #1f4e79; border: 1px solid #b8c4d0;
    padding: 3px 12px; }
QPushButton#scopeKabupaten { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QPushButton#scopeOfficer { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
QPushButton#scopeKabupaten:checked, QPushButton#scopeVillage:checked,
QPushButton#scopeOfficer:checked { background: #1f6fb2; color: white; border-color: #1f6fb2; }
QTableView#breakdownTable QHeaderView::section {
    background: #eef2f6; color: #1f2933; border: none; border-bottom: 1px solid #d5dbe1;
    padding: 3px 4px; }
"""


def _quiet_pdf_gradients():
    """A message handler that drops one harmless warning while painting widgets into a
    PDF (the platform style's gradients become solid fills), passing on the rest."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, message):
        if "unable to create a gradient" in message:
            return
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    return lambda: qInstallMessageHandler(previous)


def _label(enum: type, code: str | None) -> str:
    if not code:
        return ""
    try:
        return enum(code).label(language())
    except ValueError:
        return code


def expected_ratio(year: int, as_of: date) -> float:
    """The share of the year gone by on ``as_of`` (the pace a target needs)."""
    today = date.today()
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    start = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - start).days
    return min(1.0, ((as_of - start).days + 1) / days)


class Card(QFrame):
    """A white rounded panel with a title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 9, 12, 10)
        self.body.setSpacing(5)
        self.body.addWidget(self.title)


class KpiCard(Card):
    """A headline figure: title, big number, a note under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("…")
        self.value.setObjectName("kpiValue")
        font = QFont(self.value.font())
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel()
        self.note.setObjectName("kpiNote")
        self.note.setWordWrap(True)
        self.body.addWidget(self.value)
        self.body.addWidget(self.note)
        self.body.addStretch(1)


# -- the breakdown table -----------------------------------------------------------------

COL_NAME, COL_COUNTED, COL_TARGET, COL_PROGRESS, COL_ACTIVE, COL_PROSPECTS = range(6)


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


# -- the tab --------------------------------------------------------------------------------

SCOPE_KABUPATEN, SCOPE_VILLAGE, SCOPE_OFFICER = range(3)


class DashboardTab(QWidget):
    """Figures are computed in the background; ``loaded`` is emitted once they show."""

    loaded = Signal()

    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("DashboardTab")
        self.data: Dashboard | None = None
        self._generation = 0
        # Figures are computed when the tab is first shown (not at start-up: the
        # aggregates cost CPU a laptop needs elsewhere), and again after changes.
        self._dirty = True
        self._loading = False

        # Top bar.
        self.year_label = QLabel()
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("dashboardYear")
        self.year_label.setBuddy(self.year_combo)
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setStyleSheet("color: palette(dark);")
        self.targets_button = QPushButton()
        self.targets_button.setObjectName("targetsButton")
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportDashboardButton")
        self.targets_button.clicked.connect(self.edit_targets)
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.year_label)
        top.addWidget(self.year_combo)
        top.addSpacing(12)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.targets_button)
        top.addWidget(self.export_button)

        # Headline cards.
        self.progress_card = KpiCard()
        self.progress_meter = ProgressMeter()
        self.progress_card.body.insertWidget(2, self.progress_meter)
        self.active_card = KpiCard()
        self.prospects_card = KpiCard()
        self.villages_card = KpiCard()

        # Registrations per month.
        self.months_card = Card()
        self.months_chart = BarChart()
        self.months_chart.setObjectName("monthsChart")
        self.months_card.body.addWidget(self.months_chart, 1)

        # Breakdown.
        self.breakdown_card = Card()
        self.scope_buttons = [QPushButton() for _ in range(3)]
        self.scope_group = QButtonGroup(self)
        scope_row = QHBoxLayout()
        scope_row.setSpacing(0)
        for i, button in enumerate(self.scope_buttons):
            button.setCheckable(True)
            button.setObjectName(("scopeKabupaten", "scopeVillage", "scopeOfficer")[i])
            self.scope_group.addButton(button, i)
            scope_row.addWidget(button)
        self.scope_buttons[SCOPE_KABUPATEN].setChecked(True)
        scope_row.addStretch(1)
        self.scope_group.idClicked.connect(lambda _id: self._show_breakdown())
        title_row = QHBoxLayout()
        title_row.addWidget(self.breakdown_card.title)
        title_row.addStretch(1)
        title_row.addLayout(scope_row)
        self.breakdown_card.body.insertLayout(0, title_row)
        self.breakdown_model = ProgressTableModel(self)
        self.breakdown_table = QTableView()
        self.breakdown_table.setObjectName("breakdownTable")
        self.breakdown_table.setModel(self.breakdown_model)
        self.breakdown_table.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self))
        self.breakdown_table.verticalHeader().hide()
        self.breakdown_table.verticalHeader().setDefaultSectionSize(24)
        self.breakdown_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.breakdown_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.breakdown_table.setAlternatingRowColors(True)
        self.breakdown_table.setWordWrap(False)
        self.breakdown_table.setShowGrid(False)
        self.breakdown_table.setSortingEnabled(True)
        self.breakdown_table.sortByColumn(COL_COUNTED, Qt.SortOrder.DescendingOrder)
        header = self.breakdown_table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_COUNTED, 86), (COL_TARGET, 64), (COL_PROGRESS, 118),
                              (COL_ACTIVE, 64), (COL_PROSPECTS, 64)):  # fmt: skip
            header.resizeSection(column, width)
        self.breakdown_card.body.addWidget(self.breakdown_table, 1)

        # Village pipeline and officials.
        self.pipeline_card = Card()
        self.pipeline_bar = SegmentBar()
        self.pipeline_bar.setObjectName("pipelineBar")
        self.officials_label = QLabel()
        self.officials_label.setObjectName("officialsLabel")
        self.officials_label.setWordWrap(True)
        self.officials_meter = ProgressMeter()
        self.sessions_label = QLabel()
        self.sessions_label.setObjectName("kpiNote")
        self.pipeline_card.body.addWidget(self.pipeline_bar)
        self.pipeline_card.body.addSpacing(4)
        self.pipeline_card.body.addWidget(self.officials_label)
        self.pipeline_card.body.addWidget(self.officials_meter)
        self.pipeline_card.body.addWidget(self.sessions_label)
        self.pipeline_card.body.addStretch(1)

        # Occupations and programmes.
        self.occupations_card = Card()
        self.occupations_chart = HBarChart()
        self.occupations_chart.setObjectName("occupationsChart")
        self.occupations_card.body.addWidget(self.occupations_chart, 1)
        self.programmes_card = Card()
        self.programmes_chart = HBarChart()
        self.programmes_chart.setObjectName("programmesChart")
        self.contributions_label = QLabel()
        self.contributions_label.setObjectName("kpiNote")
        self.contributions_label.setWordWrap(True)
        self.programmes_card.body.addWidget(self.programmes_chart, 1)
        self.programmes_card.body.addWidget(self.contributions_label)

        grid = QGridLayout()
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        kpis = QHBoxLayout()
        kpis.setSpacing(8)
        kpis.addWidget(self.progress_card, 5)
        kpis.addWidget(self.active_card, 3)
        kpis.addWidget(self.prospects_card, 3)
        kpis.addWidget(self.villages_card, 3)
        grid.addLayout(kpis, 0, 0, 1, 12)
        grid.addWidget(self.months_card, 1, 0, 1, 6)
        grid.addWidget(self.breakdown_card, 1, 6, 1, 6)
        grid.addWidget(self.pipeline_card, 2, 0, 1, 4)
        grid.addWidget(self.occupations_card, 2, 4, 1, 5)
        grid.addWidget(self.programmes_card, 2, 9, 1, 3)
        for col in range(12):
            grid.setColumnStretch(col, 1)
        grid.setRowStretch(1, 5)
        grid.setRowStretch(2, 4)

        self.content = QWidget()
        self.content.setObjectName("dashboardContent")
        self.content.setStyleSheet(CARD_STYLE)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(8, 6, 8, 8)
        content_layout.setSpacing(8)
        content_layout.addLayout(top)
        # The cards alone (no controls): what the PDF export draws.
        self.board = QWidget()
        self.board.setObjectName("dashboardBoard")
        self.board.setLayout(grid)
        content_layout.addWidget(self.board, 1)
        self.content.setMinimumSize(1000, 560)
        for card in (self.months_card, self.breakdown_card):
            card.setMinimumHeight(220)
        for card in (self.pipeline_card, self.occupations_card, self.programmes_card):
            card.setMinimumHeight(180)
            card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._fill_years()
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_changed())
        ctx.bus.changed.connect(self._data_changed)
        self.retranslate_ui()

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.year_label.setText(self.tr("&Tahun"))
        self.targets_button.setText(self.tr("Atur &target…"))
        self.targets_button.setToolTip(
            self.tr("Target tahunan kantor cabang, kabupaten, desa dan petugas")
        )
        self.export_button.setText(self.tr("&Ekspor…"))
        self.export_button.setToolTip(
            self.tr("Simpan ringkasan ini sebagai satu halaman Excel (.xlsx) atau PDF")
        )
        self.active_card.title.setText(self.tr("Aktif membayar"))
        self.prospects_card.title.setText(self.tr("Prospek"))
        self.villages_card.title.setText(self.tr("Desa Sadar diluncurkan"))
        self.breakdown_card.title.setText(self.tr("Capaian per wilayah dan petugas"))
        for button, text in zip(
            self.scope_buttons,
            (self.tr("Kabupaten"), self.tr("Desa"), self.tr("Petugas")),
            strict=True,
        ):
            button.setText(text)
        self.pipeline_card.title.setText(self.tr("Tahapan desa"))
        self.occupations_card.title.setText(self.tr("Pekerjaan peserta"))
        self.programmes_card.title.setText(self.tr("Program dipilih"))
        self.months_chart.set_empty_text(self.tr("Belum ada pendaftaran tahun ini."))
        self.occupations_chart.set_empty_text(self.tr("Belum ada data."))
        self.programmes_chart.set_empty_text(self.tr("Belum ada data."))
        self.breakdown_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        if self.data is not None:
            self._show(self.data)
        else:
            self._show_loading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------------

    def _fill_years(self) -> None:
        current = self.year()
        years = dashboard_years(self.ctx.db)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(str(y), y)
        index = self.year_combo.findData(current if current else date.today().year)
        self.year_combo.setCurrentIndex(max(0, index))
        self.year_combo.blockSignals(False)

    def year(self) -> int | None:
        value = self.year_combo.currentData()
        return int(value) if value is not None else None

    def set_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(str(year), year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    def is_loading(self) -> bool:
        return self._loading

    def _year_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def reload(self) -> None:
        year = self.year() or date.today().year
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._dirty = False
        self._show_loading()
        db = self.ctx.db

        def work(progress, cancelled):
            return compute_dashboard(db, year)

        def done(result: Dashboard) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.data = result
            self._show(result)
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.status_label.setText(self.tr("Ringkasan gagal dimuat."))
            if isinstance(exc, UserError):
                messages.show_user_error(self, exc)
            else:
                messages.show_error(
                    self, self.tr("Ringkasan gagal dimuat: %1").replace("%1", str(exc))
                )

        run_in_background(work, done, failed)

    def _data_changed(self, entities: frozenset) -> None:
        if not entities & _WATCHED:
            return
        if TARGETS in entities:
            self._fill_years()
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty and not self._loading:
            self.reload()

    # -- showing ------------------------------------------------------------------

    def _show_loading(self) -> None:
        self.status_label.setText(self.tr("Memuat…"))
        if self.data is None:
            self.progress_card.title.setText(self.tr("Peserta terdaftar"))
            for card in (self.progress_card, self.active_card, self.prospects_card,
                         self.villages_card):  # fmt: skip
                card.value.setText("…")

    def _show(self, d: Dashboard) -> None:
        lang = language()
        expected = expected_ratio(d.year, d.as_of)
        b = d.branch
        self.status_label.setText(
            self.tr("Keadaan per %1 · peserta dihitung menurut tanggal daftar").replace(
                "%1", format_date(d.as_of, lang))
        )  # fmt: skip
        # Headline: registrations against the branch target.
        self.progress_card.title.setText(self.tr("Peserta terdaftar %1").replace("%1", str(d.year)))
        if b.target:
            self.progress_card.value.setText(
                self.tr("%1 dari %2")
                .replace("%1", fmt_int(b.counted))
                .replace("%2", fmt_int(b.target))
            )
        else:
            self.progress_card.value.setText(fmt_int(b.counted))
        self.progress_meter.set_progress(b.ratio, expected if b.target else None)
        self.progress_meter.setVisible(bool(b.target))
        self.progress_card.note.setText(self._pace_text(d))
        # Active.
        self.active_card.value.setText(fmt_int(b.active))
        share = fmt_pct(b.active / b.counted, 0) if b.counted else "–"
        self.active_card.note.setText(
            self.tr("%1 dari yang mendaftar tahun ini; %2 tidak aktif")
            .replace("%1", share).replace("%2", fmt_int(b.inactive))
        )  # fmt: skip
        # Prospects.
        self.prospects_card.value.setText(fmt_int(d.prospects))
        self.prospects_card.note.setText(
            self.tr("belum mendaftar — lihat daftar tindak lanjut di tab Sosialisasi")
        )
        # Villages.
        status = dict(d.village_status)
        launched = status.get(VillageStatus.LAUNCHED.value, 0)
        total_villages = sum(status.values())
        self.villages_card.value.setText(
            self.tr("%1 dari %2")
            .replace("%1", fmt_int(launched))
            .replace("%2", fmt_int(total_villages))
        )
        self.villages_card.note.setText(
            self.tr("%1 desa sudah sosialisasi, %2 masih calon")
            .replace("%1", fmt_int(status.get(VillageStatus.SOCIALISED.value, 0)))
            .replace("%2", fmt_int(status.get(VillageStatus.PROSPECT.value, 0)))
        )  # fmt: skip

        # Months.
        self.months_card.title.setText(
            self.tr("Pendaftaran per bulan %1").replace("%1", str(d.year))
        )
        future = []
        today = date.today()
        if d.year == today.year:
            future = list(range(today.month, 12))  # months after this one
        elif d.year > today.year:
            future = list(range(12))
        reference = None
        reference_label = ""
        if b.target:
            reference = b.target / 12
            reference_label = self.tr("target rata-rata %1/bulan").replace("%1", fmt_int(reference))
        self.months_chart.set_data(
            [month_name(m, lang) for m in range(1, 13)], d.months, reference, reference_label,
            muted=future,
        )  # fmt: skip

        self._show_breakdown()

        # Pipeline and officials.
        self.pipeline_bar.set_data(
            [
                (VillageStatus.PROSPECT.label(lang), status.get(VillageStatus.PROSPECT.value, 0),
                 GREY),
                (VillageStatus.SOCIALISED.label(lang),
                 status.get(VillageStatus.SOCIALISED.value, 0), AMBER),
                (VillageStatus.LAUNCHED.label(lang), launched, GREEN),
            ]
        )  # fmt: skip
        o = d.officials
        self.officials_label.setText(
            self.tr("Perangkat desa lengkap di %1 dari %2 desa; %3 perangkat terdaftar.")
            .replace("%1", fmt_int(o.complete)).replace("%2", fmt_int(o.villages))
            .replace("%3", fmt_int(o.officials))
        )  # fmt: skip
        coverage = o.positions_filled / o.positions_required if o.positions_required else None
        self.officials_meter.set_progress(coverage)
        self.officials_meter.setToolTip(
            self.tr("Jabatan wajib yang sudah terisi: %1 dari %2")
            .replace("%1", fmt_int(o.positions_filled)).replace("%2", fmt_int(o.positions_required))
        )  # fmt: skip
        self.sessions_label.setText(
            self.tr("%1 sesi sosialisasi, edukasi dan dialog pada %2.")
            .replace("%1", fmt_int(d.sessions)).replace("%2", str(d.year))
        )  # fmt: skip

        # Occupations: the largest seven, the rest together.
        rows = [(_label(Occupation, code) if code else self.tr("(belum diisi)"), n)
                for code, n in d.occupations]  # fmt: skip
        if len(rows) > 8:
            rest = sum(n for _, n in rows[7:])
            rows = rows[:7] + [(self.tr("Lainnya (%1 jenis)").replace("%1", str(len(rows) - 7)),
                                rest)]  # fmt: skip
        self.occupations_card.title.setText(
            self.tr("Pekerjaan peserta terdaftar %1").replace("%1", str(d.year))
        )
        self.occupations_chart.set_data(
            rows, total=b.counted or None, label_share=0.5, muted_last=len(d.occupations) > 8
        )
        short = {"jkk": "JKK", "jkm": "JKM", "jht": "JHT"}
        self.programmes_chart.set_data(
            [(short.get(code, code), n) for code, n in d.programmes], total=b.counted or None,
            colour=QColor("#3b8c8c"), label_share=0.2,
        )  # fmt: skip
        self.programmes_chart.setToolTip(
            "\n".join(_label(Programme, code) for code, _ in d.programmes)
        )
        self.contributions_label.setText(
            self.tr("Iuran peserta aktif: %1 per bulan").replace(
                "%1", format_rupiah(d.contributions)
            )
        )

    def _pace_text(self, d: Dashboard) -> str:
        b, pace = d.branch, d.pace
        if not b.target:
            return self.tr('Belum ada target kantor cabang untuk %1. Klik "Atur target…".').replace(
                "%1", str(d.year)
            )
        if pace.remaining == 0:
            return self.tr("Target tercapai. Rata-rata %1 pendaftar per bulan.").replace(
                "%1", fmt_int(pace.per_month_so_far)
            )
        if pace.months_left == 0:
            return self.tr("Tahun sudah berakhir; kurang %1 dari target.").replace(
                "%1", fmt_int(pace.remaining)
            )
        return (
            self.tr("Perlu %1 pendaftar per bulan hingga Desember (kurang %2); "
                    "rata-rata sejauh ini %3 per bulan.")
            .replace("%1", fmt_int(pace.per_month_needed))
            .replace("%2", fmt_int(pace.remaining))
            .replace("%3", fmt_int(pace.per_month_so_far))
        )  # fmt: skip

    def scope(self) -> int:
        return self.scope_group.checkedId()

    def set_scope(self, scope: int) -> None:
        self.scope_buttons[scope].setChecked(True)
        self._show_breakdown()

    def _show_breakdown(self) -> None:
        d = self.data
        if d is None:
            return
        scope = self.scope()
        rows = {SCOPE_KABUPATEN: d.kabupaten, SCOPE_VILLAGE: d.villages,
                SCOPE_OFFICER: d.officers}[scope]  # fmt: skip
        empty = self.tr("(tanpa desa)") if scope != SCOPE_OFFICER else self.tr("(tanpa petugas)")
        self.breakdown_model.set_rows(list(rows), expected_ratio(d.year, d.as_of), empty)
        self.breakdown_table.setColumnHidden(COL_PROSPECTS, scope == SCOPE_OFFICER)

    # -- actions ------------------------------------------------------------------

    def edit_targets(self) -> None:
        from desasadar_gui.ui.setup.targets import TargetsDialog

        dialog = TargetsDialog(self.ctx, self.year() or date.today().year, self)
        dialog.exec()

    def export(self) -> None:
        year = self.year() or date.today().year
        suggested = self.tr("Ringkasan Desa Sadar %1").replace("%1", str(year))
        path = messages.ask_save_path(
            self, self.tr("Ekspor ringkasan"), suggested + ".xlsx",
            self.tr("Buku kerja Excel (*.xlsx);;PDF (*.pdf)"),
        )  # fmt: skip
        if not path:
            return
        if path.lower().endswith(".pdf"):
            self.export_pdf(path)
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        db, lang = self.ctx.db, language()
        self.export_button.setEnabled(False)

        def done(written) -> None:
            self.export_button.setEnabled(True)
            messages.show_info(
                self, self.tr("Ringkasan disimpan di %1").replace("%1", str(written))
            )

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._show_failure(exc)

        run_in_background(lambda progress, cancelled: write_dashboard_xlsx(db, year, path, lang),
                          done, failed)  # fmt: skip

    def export_pdf(self, path: str) -> Path | None:
        """The dashboard as drawn, on one A4 landscape page (vector text and charts)."""
        target = Path(path)
        tmp = target.with_name(f".{target.stem}.{os.getpid()}.part.pdf")
        try:
            if not tmp.parent.is_dir():
                raise FileNotFoundError(str(tmp.parent))
            writer = QPdfWriter(str(tmp))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setPageOrientation(QPageLayout.Orientation.Landscape)
            writer.setPageMargins(QMarginsF(8, 8, 8, 8), QPageLayout.Unit.Millimeter)
            writer.setResolution(150)
            writer.setTitle(self.tr("Ringkasan Desa Sadar %1").replace("%1", str(self.year())))
            writer.setCreator("Desa Sadar")
            painter = QPainter()
            if not painter.begin(writer):
                raise PermissionError(str(target))
            restore = _quiet_pdf_gradients()
            try:
                area = writer.pageLayout().paintRectPixels(writer.resolution())
                board = self.board
                title_font = QFont(self.font())
                title_font.setPointSizeF(max(title_font.pointSizeF(), 9) * 1.5)
                title_font.setBold(True)
                heading = self.tr("Ringkasan capaian Desa Sadar Jaminan Sosial Ketenagakerjaan %1")
                heading = heading.replace("%1", str(self.year()))
                note = self.status_label.text()
                title_h = (
                    QFontMetrics(title_font).height() + QFontMetrics(self.font()).height() + 12
                )
                scale = min(area.width() / board.width(),
                            area.height() / (board.height() + title_h))  # fmt: skip
                painter.scale(scale, scale)
                painter.setFont(title_font)
                painter.setPen(QColor("#1f4e79"))
                painter.drawText(QPoint(4, QFontMetrics(title_font).ascent()), heading)
                painter.setFont(self.font())
                painter.setPen(QColor("#5f6b7a"))
                painter.drawText(
                    QPoint(
                        4,
                        QFontMetrics(title_font).height() + QFontMetrics(self.font()).ascent() + 2,
                    ),
                    note,
                )
                board.render(painter, QPoint(0, title_h))
            finally:
                painter.end()
                restore()
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self._show_failure(exc)
            return None
        messages.show_info(self, self.tr("Ringkasan disimpan di %1").replace("%1", str(target)))
        return target

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            messages.show_user_error(self, exc)
        else:
            messages.show_error(
                self, self.tr("Berkas tidak bisa disimpan: %1").replace("%1", str(exc))
            )
