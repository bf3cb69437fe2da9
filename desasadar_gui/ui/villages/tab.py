"""The "Desa" tab: every designated village, filtered and sorted in SQL, with a detail
panel beside the table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desasadar_gui.domain.enums import VillageKind, VillageStatus
from desasadar_gui.services.village_queries import (
    kabupaten_names,
    list_village_rows,
)
from desasadar_gui.services.villages import delete_village, get_village
from desasadar_gui.ui.guide.window import show_guide
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import PARTICIPANTS, SESSIONS, VILLAGES, UiContext
from desasadar_gui.ui.kit.empty_hint import EmptyHint, link
from desasadar_gui.ui.kit.form_fields import refill
from desasadar_gui.ui.kit.history_dialog import HistoryDialog
from desasadar_gui.ui.kit.i18n import Retranslating, enum_choices
from desasadar_gui.ui.kit.layouts import STRETCH, hbox
from desasadar_gui.ui.kit.list_detail import (
    FILTER_SPACING,
    debounced_search,
    list_and_detail,
    row_shortcuts,
    set_filter_widgets,
)
from desasadar_gui.ui.kit.operations import run_change
from desasadar_gui.ui.kit.tables import make_table, select_row
from desasadar_gui.ui.villages.detail_panel import VillageDetailPanel
from desasadar_gui.ui.villages.form import VillageDialog
from desasadar_gui.ui.villages.models import (
    COL_KABUPATEN,
    COL_KECAMATAN,
    COL_KIND,
    COL_LAUNCH_DATE,
    COL_NAME,
    COL_OFFICIALS,
    COL_PARTICIPANTS,
    COL_STATUS,
    VillageTableModel,
)

_WATCHED = frozenset({VILLAGES, PARTICIPANTS, SESSIONS})

# Column widths (px): fitted to the header and the rows, between these bounds, so that
# the table and the detail panel share a 1366-wide screen. The name column stretches.
_COLUMN_BOUNDS = {
    COL_KIND: (60, 130),
    COL_KECAMATAN: (100, 170),
    COL_KABUPATEN: (120, 225),
    COL_STATUS: (110, 200),
    COL_LAUNCH_DATE: (80, 110),
    COL_OFFICIALS: (60, 90),
    COL_PARTICIPANTS: (56, 100),
}


_NAME_MIN_WIDTH = 160


class VillagesTab(Retranslating, QWidget):
    """``regions_requested``: the empty list's hint asks for *Impor data wilayah…* (the
    window's action, which knows how to ask for the files)."""

    regions_requested = Signal()

    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("VillagesTab")
        self._columns_fitted = False
        self._fitted: dict[int, int] = {}

        # Filters.
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setObjectName("villageSearch")
        self.kabupaten_combo = QComboBox()
        self.kabupaten_combo.setMinimumContentsLength(16)
        self.kabupaten_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.status_combo = QComboBox()
        self.kind_combo = QComboBox()
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #5f6368;")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_edit)
        self.kabupaten_label = QLabel()
        self.kabupaten_label.setBuddy(self.kabupaten_combo)
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status_combo)
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind_combo)

        # Actions.
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.history_button = QPushButton()
        self.history_button.setObjectName("historyVillage")
        self.history_button.clicked.connect(self.show_history)
        self.add_button.clicked.connect(self.add_village)
        self.edit_button.clicked.connect(self.edit_village)
        self.delete_button.clicked.connect(self.delete_village)

        # Table and detail.
        self.model = VillageTableModel(lambda q: list_village_rows(ctx.db, q), self)
        self.table = make_table(self.model, "villagesTable")
        header = self.table.horizontalHeader()
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.edit_village())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._after_reset)

        self.empty_hint = EmptyHint(
            self.table,
            empty=self._empty_text,
            filtered=self._no_match_text,
            is_filtered=self.is_filtered,
            links={
                "add": self.add_village,
                "regions": self.regions_requested.emit,
                "guide": lambda: show_guide(self, "desa"),
                "clear": self.set_filters,
            },
        )

        self.detail = VillageDetailPanel(ctx)

        filters = hbox(
            self.search_label, (self.search_edit, 2), FILTER_SPACING,
            self.kabupaten_label, (self.kabupaten_combo, 1),
            self.status_label, self.status_combo, self.kind_label, self.kind_combo,
            spacing=FILTER_SPACING,
        )  # fmt: skip
        buttons = hbox(
            self.add_button, self.edit_button, self.delete_button, self.history_button,
            STRETCH, self.count_label,
        )  # fmt: skip
        self.splitter = list_and_detail(
            self, filters, self.table, buttons, self.detail,
            name="villagesSplitter", sizes=(975, 375),
        )  # fmt: skip

        self._search_timer = debounced_search(self, self.search_edit, 200, self.apply_filters)
        for combo in (self.kabupaten_combo, self.status_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.apply_filters)

        row_shortcuts(self.table, delete=self.delete_village, open_=self.edit_village)

        self._selected_id: str | None = None
        ctx.bus.changed.connect(self._data_changed)
        self.retranslate_ui()
        self.table.setSortingEnabled(True)  # sorts by the indicator: the first query

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.search_label.setText(self.tr("&Cari"))
        self.search_edit.setPlaceholderText(self.tr("Nama desa, kecamatan atau kode wilayah"))
        self.kabupaten_label.setText(self.tr("&Kabupaten"))
        self.status_label.setText(self.tr("Stat&us"))
        self.kind_label.setText(self.tr("&Jenis"))
        self.add_button.setText(self.tr("Tambah d&esa…"))
        self.edit_button.setText(self.tr("Ub&ah…"))
        self.delete_button.setText(self.tr("&Hapus"))
        self.history_button.setText(self.tr("&Riwayat…"))
        self.history_button.setToolTip(self.tr("Siapa mengubah apa dan kapan, termasuk dari impor"))
        self.add_button.setToolTip(self.tr("Tambah desa, kelurahan atau pasar"))
        self.edit_button.setToolTip(self.tr("Ubah desa terpilih (Enter)"))
        self.delete_button.setToolTip(self.tr("Hapus desa terpilih (Delete)"))
        self._fill_choice(
            self.status_combo,
            self.tr("Semua status"),
            enum_choices(VillageStatus),
        )
        self._fill_choice(
            self.kind_combo,
            self.tr("Semua jenis"),
            enum_choices(VillageKind),
        )
        self._fill_kabupaten()
        self.model.retranslate()
        self.fit_columns()
        self._show_count()

    def _empty_text(self) -> str:
        return (
            self.tr(
                "<p><b>Belum ada desa.</b></p><p>Mulai dengan %1 (Ctrl+Shift+N): pilih desa, "
                "kelurahan atau pasar binaan dari kode wilayah Kemendagri.</p><p>Kode wilayah "
                "belum dimuat? %2 (menu Berkas). Cara lengkapnya ada di %3 (F1).</p>"
            )
            .replace("%1", link("add", self.tr("Tambah desa")))
            .replace("%2", link("regions", self.tr("Impor data wilayah…")))
            .replace("%3", link("guide", self.tr("Panduan")))
        )

    def _no_match_text(self) -> str:
        return self.tr(
            "<p><b>Tidak ada desa yang cocok dengan pencarian atau filter.</b></p><p>%1</p>"
        ).replace("%1", link("clear", self.tr("Tampilkan semua desa")))

    def is_filtered(self) -> bool:
        q = self.model.query
        return bool(q.search or q.kabupaten or q.status or q.kind)

    def _fill_choice(self, combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        refill(combo, items, (all_text, ""))

    def _fill_kabupaten(self) -> None:
        names = kabupaten_names(self.ctx.db)
        self._fill_choice(
            self.kabupaten_combo, self.tr("Semua kabupaten/kota"), [(n, n) for n in names]
        )
        current = self.kabupaten_combo.currentData()
        if current != self.model.query.kabupaten:  # the filtered regency disappeared
            self.apply_filters()

    # -- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the regencies and the rows again (keeps filters, order and selection)."""
        self._fill_kabupaten()
        self.model.reload()

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_query(
            replace(
                self.model.query,
                search=self.search_edit.text(),
                kabupaten=self.kabupaten_combo.currentData() or "",
                status=self.status_combo.currentData() or "",
                kind=self.kind_combo.currentData() or "",
            )
        )

    def set_filters(
        self, *, search: str = "", kabupaten: str = "", status: str = "", kind: str = ""
    ) -> None:
        """Set every filter at once (one query)."""
        set_filter_widgets(
            (
                (self.kabupaten_combo, kabupaten),
                (self.status_combo, status),
                (self.kind_combo, kind),
            ),
            self.search_edit,
            search,
        )
        self.apply_filters()

    def _data_changed(self, entities: frozenset) -> None:
        if VILLAGES in entities:
            self.reload()
        elif entities & _WATCHED:  # counts and the detail panel
            self.model.reload()

    def _after_reset(self) -> None:
        """Keep the selection on the same village across reloads, filters and sorting."""
        self._show_count()
        if not self._columns_fitted:
            self.fit_columns()
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row < 0 and self._selected_id is not None:
            self._selected_id = None
        if row >= 0:
            self.select_row(row)
        else:
            self.detail.show_village(None)
        self._update_buttons()

    def fit_columns(self) -> None:
        """Size the columns to their header and rows (once there are rows, and again
        when the language changes), then share the width with the name column."""
        header = self.table.horizontalHeader()
        self._fitted = {}
        for column, (low, high) in _COLUMN_BOUNDS.items():
            wanted = max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column) + 8)
            self._fitted[column] = min(max(wanted, low), high)
        self._columns_fitted = self.model.rowCount() > 0
        self._share_width()

    def _share_width(self) -> None:
        """Narrow the other columns (not below their lower bound) so that the stretching
        name column keeps a readable width on a small screen."""
        widths = dict(self._fitted)
        excess = sum(widths.values()) + _NAME_MIN_WIDTH - self.table.viewport().width()
        room = {c: w - _COLUMN_BOUNDS[c][0] for c, w in widths.items()}
        total_room = sum(room.values())
        if excess > 0 and total_room > 0:
            share = min(1.0, excess / total_room)
            widths = {c: w - int(room[c] * share) for c, w in widths.items()}
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport() and self._fitted:
            self._share_width()
        return super().eventFilter(watched, event)

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%n desa", "", n))

    # -- selection ----------------------------------------------------------------

    def select_row(self, row: int) -> None:
        before = self.table.currentIndex().row()
        select_row(self.table, row, COL_NAME)
        if before == row:  # currentRowChanged fires only when the row changes
            self._show_detail(self.model.row_at(row).id)

    def select_village(self, village_id: str) -> bool:
        row = self.model.row_of(village_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def selected_id(self) -> str | None:
        return self._selected_id

    def _current_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._show_detail(row.id if row else None)

    def _show_detail(self, village_id: str | None) -> None:
        self._selected_id = village_id
        self.detail.show_village(village_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self._selected_id is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.history_button.setEnabled(has)

    def show_history(self) -> None:
        if self._selected_id:
            HistoryDialog(self.ctx, "villages", self._selected_id, self).exec()

    # -- actions ------------------------------------------------------------------

    def add_village(self) -> None:
        dialog = VillageDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved is not None:
            self._selected_id = dialog.saved.id
            self.set_filters()  # show the new village even if filters would hide it
            self.ctx.bus.notify(VILLAGES)

    def edit_village(self) -> None:
        if self._selected_id is None:
            return
        db, village_id = self.ctx.db, self._selected_id
        got = run_change(self, self.ctx, lambda: get_village(db, village_id), changed=None)
        if not got.ok or got.value is None:
            self.ctx.bus.notify(VILLAGES)  # gone meanwhile: show the list as it is
            return
        village = got.value
        dialog = VillageDialog(self.ctx, village, self)
        if dialog.exec() and dialog.saved is not None:
            self.ctx.bus.notify(VILLAGES)

    def delete_village(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_at(self.model.row_of(self._selected_id))
        name = row.name if row else ""
        text = (
            self.tr("Hapus %1 dari daftar desa?").replace("%1", name)
            + "\n\n"
            + self.tr(
                "Data desa tetap tersimpan sebagai catatan terhapus dan ikut tersinkron, "
                "sehingga laptop lain juga menghapusnya."
            )
        )
        if not messages.confirm(self, text, self.tr("Hapus desa")):
            return
        db, village_id = self.ctx.db, self._selected_id

        def delete() -> None:
            delete_village(db, village_id)
            self._selected_id = None

        run_change(self, self.ctx, delete, changed=(VILLAGES,))
