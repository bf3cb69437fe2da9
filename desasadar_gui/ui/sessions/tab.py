"""The "Sosialisasi" tab: sessions (sosialisasi, edukasi, dialog, peluncuran,
pendaftaran) with their attendance, and whom to visit again.

The list loads off the GUI thread; its counts (attended / new prospects /
registrations, defined in services/funnel.py) follow in chunks, the rows in view first.
The panel beside it (sessions/detail_panel.py) shows the chosen session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desasadar_gui.domain.enums import SessionType, VillageStatus
from desasadar_gui.domain.problems import format_date
from desasadar_gui.services.printouts import attendance_sheet_name, write_attendance_sheet
from desasadar_gui.services.session_queries import (
    SessionListRow,
    SessionQuery,
    counts_for_sessions,
    list_sessions,
    session_years,
)
from desasadar_gui.services.sessions import SessionRow, delete_session
from desasadar_gui.services.village_queries import kabupaten_names
from desasadar_gui.ui.guide.window import show_guide
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import ATTENDANCE, PARTICIPANTS, SESSIONS, VILLAGES, UiContext
from desasadar_gui.ui.kit.empty_hint import EmptyHint, link
from desasadar_gui.ui.kit.form_fields import refill
from desasadar_gui.ui.kit.history_dialog import HistoryDialog
from desasadar_gui.ui.kit.i18n import Retranslating, enum_choices, enum_label, language
from desasadar_gui.ui.kit.layouts import STRETCH, hbox, vbox
from desasadar_gui.ui.kit.list_detail import (
    FILTER_SPACING,
    debounced_search,
    list_and_detail,
    row_shortcuts,
    set_filter_widgets,
)
from desasadar_gui.ui.kit.loading import LoadsWhenShown
from desasadar_gui.ui.kit.operations import run_change, run_operation, running
from desasadar_gui.ui.kit.tables import keep_titles_whole, make_table, select_row
from desasadar_gui.ui.sessions.detail_panel import SessionDetailPanel
from desasadar_gui.ui.sessions.dialogs import SessionDialog
from desasadar_gui.ui.sessions.models import (
    S_ATTENDED,
    S_DATE,
    S_FACILITATOR,
    S_NEW,
    S_REGISTERED,
    S_TYPE,
    S_VILLAGE,
    SessionTableModel,
)

_WATCHED = frozenset({SESSIONS, ATTENDANCE, PARTICIPANTS, VILLAGES})
# Counts are fetched in chunks, the rows in view first: a small first chunk shows the
# screenful quickly (~0.1 s at 500k participants), larger ones then fill the rest.
FIRST_COUNT_CHUNK = 60
COUNT_CHUNK = 300

_SESSION_WIDTHS = {
    S_DATE: 86, S_TYPE: 150, S_FACILITATOR: 130, S_ATTENDED: 58, S_NEW: 98, S_REGISTERED: 82,
}  # fmt: skip


class SessionsTab(LoadsWhenShown, Retranslating, QWidget):
    """``loaded``: the list is shown; ``counts_loaded``: every row has its counts."""

    loaded = Signal()
    counts_loaded = Signal()

    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SessionsTab")
        self._selected_id: str | None = None
        # The list loads when the tab is first shown (LoadsWhenShown), not at start-up.

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("sessionSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("sessionTypeFilter")
        self.type_combo.setMinimumContentsLength(11)
        self.type_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kabupaten_combo = QComboBox()
        self.kabupaten_combo.setObjectName("sessionKabupatenFilter")
        self.kabupaten_combo.setMinimumContentsLength(16)  # "Semua kabupaten" whole
        self.kabupaten_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("sessionYearFilter")
        self.search_label, self.type_label, self.kabupaten_label, self.year_label = (
            QLabel(), QLabel(), QLabel(), QLabel()
        )  # fmt: skip
        for label, buddy in ((self.search_label, self.search_edit),
                             (self.type_label, self.type_combo),
                             (self.kabupaten_label, self.kabupaten_combo),
                             (self.year_label, self.year_combo)):  # fmt: skip
            label.setBuddy(buddy)

        self.add_button = QPushButton()
        self.add_button.setObjectName("addSession")
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.print_button = QPushButton()
        self.print_button.setObjectName("printAttendance")
        self.history_button = QPushButton()
        self.history_button.setObjectName("historySession")
        self.history_button.clicked.connect(self.show_history)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(dark);")
        # What the last save did beyond the session (a village now socialised): told
        # here, without a box to click away.
        self.note_label = QLabel()
        self.note_label.setObjectName("sessionsNote")
        self.note_label.setStyleSheet("color: #166534;")
        self.note_label.setWordWrap(True)  # its own line under the buttons
        self.note_label.hide()
        self._socialised: SessionRow | None = None
        self.add_button.clicked.connect(self.add_session)
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button.clicked.connect(self.delete_session)
        self.print_button.clicked.connect(self.print_attendance_sheet)

        self.model = SessionTableModel(self)
        self.table = make_table(self.model, "sessionsTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _SESSION_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(S_VILLAGE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(S_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        keep_titles_whole(header)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_session())
        self.empty_hint = EmptyHint(
            self.table,
            empty=self._empty_text,
            filtered=self._no_match_text,
            is_filtered=lambda: self.query() != SessionQuery(),
            ready=lambda: not self._loading and not self._dirty,
            links={
                "add": self.add_session,
                "guide": lambda: show_guide(self, "sesi"),
                "clear": self.clear_filters,
            },
        )

        self._search_timer = debounced_search(self, self.search_edit, 250, self.reload)
        row_shortcuts(self.table, delete=self.delete_session, open_=self.edit_session)
        self.detail = SessionDetailPanel(ctx)

        filters = hbox(
            self.search_label, (self.search_edit, 3), self.type_label, self.type_combo,
            self.kabupaten_label, self.kabupaten_combo, self.year_label, self.year_combo,
            spacing=FILTER_SPACING,
        )  # fmt: skip
        buttons = hbox(
            self.add_button, self.edit_button, self.delete_button, self.history_button, 12,
            self.print_button, STRETCH, self.count_label,
        )  # fmt: skip
        actions = hbox(vbox(buttons, self.note_label))
        self.splitter = list_and_detail(
            self, filters, self.table, actions, self.detail, name="sessionsSplitter",
            sizes=(760, 590),
        )  # fmt: skip

        ctx.bus.changed.connect(self._data_changed)
        self.retranslate_ui()
        self._fill_filters()
        for combo in (self.type_combo, self.kabupaten_combo, self.year_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self._update_buttons()

    # -- texts ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.search_label.setText(self.tr("&Cari"))
        self.search_edit.setPlaceholderText(self.tr("Desa, tempat, fasilitator atau catatan"))
        self.type_label.setText(self.tr("&Jenis"))
        self.kabupaten_label.setText(self.tr("&Kabupaten"))
        self.year_label.setText(self.tr("&Tahun"))
        self.add_button.setText(self.tr("&Tambah sesi…"))
        self.edit_button.setText(self.tr("&Ubah…"))
        self.delete_button.setText(self.tr("&Hapus"))
        self.history_button.setText(self.tr("Ri&wayat…"))
        self.history_button.setToolTip(self.tr("Siapa mengubah apa dan kapan, termasuk dari impor"))
        self.print_button.setText(self.tr("Cetak daftar &hadir…"))
        self.print_button.setToolTip(
            self.tr("Lembar daftar hadir (.xlsx, A4 mendatar) berisi orang desa ini dan baris "
                    "kosong untuk tamu")
        )  # fmt: skip
        self._fill_type_combo()
        for combo, all_text in self._all_texts():  # the choices themselves are data
            if combo.count():
                combo.setItemText(0, all_text)
        self.model.retranslate()
        self._show_note()
        self._show_count()

    def _empty_text(self) -> str:
        return (
            self.tr(
                "<p><b>Belum ada sesi.</b></p><p>Catat sosialisasi, edukasi, dialog, "
                "peluncuran atau pendaftaran dengan %1, lalu centang siapa yang hadir di "
                "panel sesi. Desa yang sudah mengadakan sosialisasi otomatis berstatus "
                "<i>Sudah sosialisasi</i>.</p><p>Langkahnya ada di %2 (F1).</p>"
            )
            .replace("%1", link("add", self.tr("Tambah sesi")))
            .replace("%2", link("guide", self.tr("Panduan")))
        )

    def _no_match_text(self) -> str:
        return self.tr(
            "<p><b>Tidak ada sesi yang cocok dengan pencarian atau filter.</b></p><p>%1</p>"
        ).replace("%1", link("clear", self.tr("Tampilkan semua sesi")))

    def clear_filters(self) -> None:
        """Empty the search and set every filter to *Semua* (one reload)."""
        combos = (self.type_combo, self.kabupaten_combo, self.year_combo)
        set_filter_widgets([(combo, None) for combo in combos], self.search_edit)
        self.reload()

    def _all_texts(self) -> tuple[tuple[QComboBox, str], ...]:
        return (
            (self.kabupaten_combo, self.tr("Semua kabupaten")),
            (self.year_combo, self.tr("Semua tahun")),
        )

    def _fill_type_combo(self) -> None:
        refill(self.type_combo, enum_choices(SessionType), (self.tr("Semua jenis"), ""))

    def _fill_filters(self) -> None:
        items = (
            [(k, k) for k in kabupaten_names(self.ctx.db)],
            [(str(y), y) for y in session_years(self.ctx.db)],
        )
        for (combo, all_text), choices in zip(self._all_texts(), items, strict=True):
            refill(combo, choices, (all_text, None))

    def query(self) -> SessionQuery:
        return SessionQuery(
            search=self.search_edit.text(),
            type=str(self.type_combo.currentData() or ""),
            kabupaten=str(self.kabupaten_combo.currentData() or ""),
            year=self.year_combo.currentData(),
        )

    # -- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the list off the GUI thread; counts follow in chunks."""
        counting = running(self, "counts")
        if counting is not None:
            counting.supersede()  # counts for the old list are not wanted any more
        self._loading_started()
        db, query = self.ctx.db, self.query()
        self._show_count()

        def done(rows: list[SessionListRow]) -> None:
            self._loading = False
            self.model.set_rows(rows, keep_counts=True)
            self._after_reset()
            self.loaded.emit()
            self._count_next()

        run_operation(self, lambda progress, cancelled: list_sessions(db, query),
                      on_success=done, on_failure=self._failed, key="list")  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        self._loading = False  # the message: operations' one failure path

    def _visible_ids(self) -> list[str]:
        first = self.table.rowAt(0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if first < 0:
            return []
        last = last if last >= 0 else self.model.rowCount() - 1
        ids = []
        for r in range(first, last + 1):
            row = self.model.row_at(r)
            if row is not None:
                ids.append(row.id)
        return ids

    def _count_next(self) -> None:
        pending = self.model.uncounted_ids()
        if not pending:
            self._show_count()
            self.counts_loaded.emit()
            return
        waiting = set(pending)
        visible = [i for i in self._visible_ids() if i in waiting]
        size = FIRST_COUNT_CHUNK if len(pending) == self.model.rowCount() else COUNT_CHUNK
        chunk = (visible + [i for i in pending if i not in set(visible)])[: max(size, len(visible))]
        db = self.ctx.db

        def done(counts) -> None:
            self.model.set_counts(counts, chunk)
            self._count_next()

        run_operation(self, lambda progress, cancelled: counts_for_sessions(db, chunk),
                      on_success=done, on_failure=self._failed, key="counts")  # fmt: skip

    def _data_changed(self, entities: frozenset) -> None:
        if not entities & _WATCHED:
            return
        if entities & {SESSIONS, VILLAGES}:
            self._fill_filters()
        self._reload_or_mark_stale()

    def _after_reset(self) -> None:
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.select_row(row)
        else:
            self._selected_id = None
            self.detail.show_session(None)
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        if self._loading:
            self.count_label.setText(self.tr("Memuat…"))
            return
        n = self.model.rowCount()
        text = self.tr("%1 sesi").replace("%1", fmt_int(n))
        if n and not self.model.all_counted():
            text += " · " + self.tr("menghitung kehadiran…")
        self.count_label.setText(text)

    # -- selection --------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        select_row(self.table, row)

    def select_session(self, session_id: str) -> bool:
        row = self.model.row_of(session_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def selected_session(self) -> SessionListRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        new_id = row.id if row else None
        self._selected_id = new_id
        self.detail.show_session(new_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_session() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.print_button.setEnabled(selected)
        self.history_button.setEnabled(selected)

    def show_history(self) -> None:
        row = self.selected_session()
        if row is not None:
            HistoryDialog(self.ctx, "sessions", row.id, self).exec()

    # -- actions ----------------------------------------------------------------------

    def add_session(self) -> None:
        selected = self.selected_session()  # a next session, most often in the same village
        village_id = selected.village_id if selected is not None else None
        dialog = SessionDialog(self.ctx, village_id=village_id, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._selected_id = dialog.saved.id
            self._session_saved(dialog.saved)

    def edit_session(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        dialog = SessionDialog(self.ctx, row, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._session_saved(dialog.saved)

    def _session_saved(self, saved: SessionRow) -> None:
        """Announce the save; a village it moved to *Sudah sosialisasi* is told too (the
        villages tab and the dashboard follow) and said in the note beside the count."""
        self._socialised = saved if saved.village_socialised else None
        self._show_note()
        if saved.village_socialised:
            self.ctx.bus.notify(SESSIONS, VILLAGES)
        else:
            self.ctx.bus.notify(SESSIONS)

    def _show_note(self) -> None:
        saved = self._socialised
        if saved is not None:
            self.note_label.setText(
                self.tr("Desa %1 kini berstatus %2.")
                .replace("%1", saved.village_name or "-")
                .replace("%2", enum_label(VillageStatus, VillageStatus.SOCIALISED.value))
            )  # fmt: skip
        self.note_label.setVisible(saved is not None)

    def delete_session(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        text = self.tr("Hapus sesi %1 di %2 tanggal %3? Daftar hadirnya ikut terhapus; "
                       "data peserta tetap ada.")  # fmt: skip
        text = (text.replace("%1", enum_label(SessionType, row.type))
                .replace("%2", row.village_name or "-")
                .replace("%3", format_date(row.held_on, language())))  # fmt: skip
        if not messages.confirm(self, text):
            return
        db = self.ctx.db

        def delete() -> None:
            delete_session(db, row.id)
            self._selected_id = None

        run_change(self, self.ctx, delete, changed=(SESSIONS, ATTENDANCE))

    def print_attendance_sheet(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        path = messages.ask_save_path(
            self, self.tr("Simpan daftar hadir"), attendance_sheet_name(self.ctx.db, row.id),
            self.tr("Buku kerja Excel (*.xlsx)"),
        )  # fmt: skip
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        db, session_id = self.ctx.db, row.id
        self.print_button.setEnabled(False)

        def done(written) -> None:
            messages.show_info(
                self,
                self.tr("Daftar hadir disimpan di %1. Buka di Excel atau LibreOffice lalu "
                        "cetak (sudah diatur A4 mendatar).").replace("%1", str(written)),
            )  # fmt: skip

        run_operation(
            self,
            lambda progress, cancelled: write_attendance_sheet(db, session_id, path),
            on_success=done,
            on_finished=lambda: self.print_button.setEnabled(True),
        )
