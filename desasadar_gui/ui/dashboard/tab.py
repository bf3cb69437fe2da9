"""The "Ringkasan" tab: progress of a year against its targets, at a glance.

All figures come from :func:`desasadar_gui.services.dashboard.compute_dashboard`
(SQL aggregates, run off the GUI thread); this module only lays them out: headline
cards, registrations per month, progress per kabupaten / village / officer, the
village pipeline with officials coverage, and the occupation and programme mixes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.services.dashboard import Dashboard, compute_dashboard, dashboard_years
from desasadar_gui.services.printouts import write_dashboard_xlsx
from desasadar_gui.ui.dashboard.cards import CARD_STYLE, Card, KpiCard
from desasadar_gui.ui.dashboard.figures import expected_ratio, show_figures
from desasadar_gui.ui.dashboard.models import (
    COL_ACTIVE,
    COL_COUNTED,
    COL_NAME,
    COL_PROGRESS,
    COL_PROSPECTS,
    COL_TARGET,
    SCOPE_KABUPATEN,
    SCOPE_OFFICER,
    SCOPE_VILLAGE,
    ProgressTableModel,
)
from desasadar_gui.ui.dashboard.pdf import write_board_pdf
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.charts import (
    BarChart,
    HBarChart,
    ProgressDelegate,
    ProgressMeter,
    SegmentBar,
)
from desasadar_gui.ui.kit.context import (
    ATTENDANCE,
    PARTICIPANTS,
    SESSIONS,
    TARGETS,
    VILLAGES,
    UiContext,
)
from desasadar_gui.ui.kit.form_fields import refill
from desasadar_gui.ui.kit.i18n import Retranslating, language
from desasadar_gui.ui.kit.loading import LoadsWhenShown
from desasadar_gui.ui.kit.operations import run_operation
from desasadar_gui.ui.kit.tables import make_table

_WATCHED = frozenset({PARTICIPANTS, VILLAGES, SESSIONS, ATTENDANCE, TARGETS})


class _Content(QWidget):
    """The scrolled dashboard. Its wrapped notes make its layout's height depend on its
    width, and a scroll area then wants the *preferred* height at that width, so a
    laptop's 1366x768 got a scroll bar for some 60 px of spare room between the cards.
    Here the height for a width is the minimum one: it scrolls only when the cards
    cannot shrink any further."""

    def heightForWidth(self, width: int) -> int:
        return self.minimumSizeHint().height()


class DashboardTab(LoadsWhenShown, Retranslating, QWidget):
    """Figures are computed in the background; ``loaded`` is emitted once they show."""

    loaded = Signal()

    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("DashboardTab")
        self.data: Dashboard | None = None
        # Figures are computed when the tab is first shown (LoadsWhenShown: the
        # aggregates cost CPU a laptop needs elsewhere), and again after changes.

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
        self.breakdown_table = make_table(self.breakdown_model, "breakdownTable", single=False)
        self.breakdown_table.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self))
        self.breakdown_table.setShowGrid(False)
        self.breakdown_table.setSortingEnabled(True)
        self.breakdown_table.sortByColumn(COL_COUNTED, Qt.SortOrder.DescendingOrder)
        header = self.breakdown_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Room for the title, the sort arrow and the header's right padding (cards.py).
        for column, width in ((COL_COUNTED, 90), (COL_TARGET, 72), (COL_PROGRESS, 118),
                              (COL_ACTIVE, 72), (COL_PROSPECTS, 86)):  # fmt: skip
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

        self.content = _Content()
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

    # -- loading ------------------------------------------------------------------

    def _fill_years(self) -> None:
        current = self.year()
        years = dashboard_years(self.ctx.db)
        items = [(str(y), y) for y in years]
        refill(self.year_combo, items, keep=current if current else date.today().year)

    def year(self) -> int | None:
        value = self.year_combo.currentData()
        return int(value) if value is not None else None

    def set_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(str(year), year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    def _year_changed(self) -> None:
        self._reload_or_mark_stale()

    def reload(self) -> None:
        year = self.year() or date.today().year
        self._loading_started()
        self._show_loading()
        db = self.ctx.db

        def work(progress, cancelled):
            return compute_dashboard(db, year)

        def done(result: Dashboard) -> None:
            self._loading = False
            self.data = result
            self._show(result)
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            self._loading = False
            self.status_label.setText(self.tr("Ringkasan gagal dimuat."))

        run_operation(self, work, on_success=done, on_failure=failed, key="load")

    def _data_changed(self, entities: frozenset) -> None:
        if not entities & _WATCHED:
            return
        if TARGETS in entities:
            self._fill_years()
        self._reload_or_mark_stale()

    # -- showing ------------------------------------------------------------------

    def _show_loading(self) -> None:
        self.status_label.setText(self.tr("Memuat…"))
        if self.data is None:
            self.progress_card.title.setText(self.tr("Peserta terdaftar"))
            for card in (self.progress_card, self.active_card, self.prospects_card,
                         self.villages_card):  # fmt: skip
                card.value.setText("…")

    def _show(self, d: Dashboard) -> None:
        show_figures(self, d)

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
            messages.show_info(
                self, self.tr("Ringkasan disimpan di %1").replace("%1", str(written))
            )

        run_operation(self, lambda progress, cancelled: write_dashboard_xlsx(db, year, path, lang),
                      on_success=done,
                      on_finished=lambda: self.export_button.setEnabled(True))  # fmt: skip

    def export_pdf(self, path: str) -> Path | None:
        """The dashboard as drawn, on one A4 landscape page (vector text and charts)."""
        target = Path(path)
        heading = self.tr("Ringkasan capaian Desa Sadar Jaminan Sosial Ketenagakerjaan %1")
        try:
            write_board_pdf(
                target,
                self.board,
                self.font(),
                title=self.tr("Ringkasan Desa Sadar %1").replace("%1", str(self.year())),
                heading=heading.replace("%1", str(self.year())),
                note=self.status_label.text(),
            )
        except OSError as exc:
            messages.show_exception(self, exc)
            return None
        messages.show_info(self, self.tr("Ringkasan disimpan di %1").replace("%1", str(target)))
        return target
