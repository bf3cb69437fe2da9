"""The "Sosialisasi" tab: sessions (sosialisasi, edukasi, dialog, peluncuran,
pendaftaran) with their attendance, and whom to visit again.

The list loads off the GUI thread; its counts (attended / new prospects /
registrations, defined in services/funnel.py) follow in chunks, the rows in view first.
The panel beside it shows the chosen session: its list of attendees, their stage in
the funnel, and the prospects to follow up, for the session or its whole village.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import AttendanceOutcome, ParticipantStatus, SessionType
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.domain.problems import format_date
from desasadar_gui.errors import UserError
from desasadar_gui.services.attendance import record_walkin, undo_registration_mark
from desasadar_gui.services.funnel import Funnel, session_funnel, village_funnel
from desasadar_gui.services.printouts import (
    attendance_sheet_name,
    long_date,
    write_attendance_sheet,
)
from desasadar_gui.services.session_queries import (
    SessionListRow,
    SessionQuery,
    counts_for_sessions,
    list_attendees,
    list_sessions,
    session_list_row,
    session_years,
)
from desasadar_gui.services.sessions import (
    delete_session,
    remove_attendance,
    set_attendance_outcome,
)
from desasadar_gui.services.village_queries import kabupaten_names
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import run_in_background
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import ATTENDANCE, PARTICIPANTS, SESSIONS, VILLAGES, UiContext
from desasadar_gui.ui.kit.history_dialog import HistoryDialog
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.sessions.dialogs import (
    ChecklistDialog,
    RegisterDialog,
    SessionDialog,
    WalkinDialog,
)
from desasadar_gui.ui.sessions.models import (
    A_NAME,
    A_OUTCOME,
    A_PHONE,
    A_STAGE,
    F_LAST,
    F_NAME,
    F_OUTCOME,
    F_PHONE,
    F_TIMES,
    S_ATTENDED,
    S_DATE,
    S_FACILITATOR,
    S_NEW,
    S_REGISTERED,
    S_TYPE,
    S_VILLAGE,
    AttendeeTableModel,
    FollowUpTableModel,
    SessionTableModel,
    label_of,
)

_WATCHED = frozenset({SESSIONS, ATTENDANCE, PARTICIPANTS, VILLAGES})
# Counts are fetched in chunks, the rows in view first: a small first chunk shows the
# screenful quickly (~0.1 s at 500k participants), larger ones then fill the rest.
FIRST_COUNT_CHUNK = 60
COUNT_CHUNK = 300

_SESSION_WIDTHS = {
    S_DATE: 86, S_TYPE: 150, S_FACILITATOR: 130, S_ATTENDED: 58, S_NEW: 98, S_REGISTERED: 82,
}  # fmt: skip

PANEL_STYLE = """
QFrame#statBox { background: palette(base); border: 1px solid #d5dbe1; border-radius: 5px; }
QLabel#statValue { color: #1f2933; }
QLabel#statName { color: #5f6b7a; }
"""


def _table(model, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setHighlightSections(False)
    return table


class StatBox(QFrame):
    """A count with its name under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statBox")
        self.value = QLabel("–")
        self.value.setObjectName("statValue")
        font = QFont(self.value.font())
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.name = QLabel()
        self.name.setObjectName("statName")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 5, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.name)


class SessionDetailPanel(QWidget):
    """The chosen session: facts, counts, the funnel, attendees and follow-ups."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SessionDetailPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.session: SessionListRow | None = None
        self.funnel: Funnel | None = None

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); padding: 24px;")

        self.title_label = QLabel()
        self.title_label.setObjectName("sessionTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("sessionFacts")
        self.facts_label.setWordWrap(True)
        self.facts_label.setStyleSheet("color: palette(dark);")
        self.attended_box, self.new_box, self.registered_box = StatBox(), StatBox(), StatBox()
        stats = QHBoxLayout()
        stats.setSpacing(6)
        for box in (self.attended_box, self.new_box, self.registered_box):
            stats.addWidget(box)
        self.funnel_label = QLabel()
        self.funnel_label.setObjectName("funnelLabel")
        self.funnel_label.setWordWrap(True)
        self.funnel_label.setTextFormat(Qt.TextFormat.RichText)

        # Attendees.
        self.attendees = AttendeeTableModel(self)
        self.attendee_table = _table(self.attendees, "attendeeTable")
        header = self.attendee_table.horizontalHeader()
        header.setSectionResizeMode(A_NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((A_PHONE, 122), (A_STAGE, 118), (A_OUTCOME, 128)):
            header.resizeSection(col, width)
        self.checklist_button = QPushButton()
        self.checklist_button.setObjectName("checklistButton")
        self.walkin_button = QPushButton()
        self.walkin_button.setObjectName("walkinButton")
        self.register_button = QPushButton()
        self.register_button.setObjectName("registerButton")
        self.outcome_button = QToolButton()
        self.outcome_button.setObjectName("outcomeButton")
        self.outcome_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.outcome_menu = QMenu(self)
        self.outcome_button.setMenu(self.outcome_menu)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeAttendeeButton")
        self.checklist_button.clicked.connect(self.open_checklist)
        self.walkin_button.clicked.connect(self.add_walkins)
        self.register_button.clicked.connect(self.register_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.attendee_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.attendee_table.doubleClicked.connect(lambda _i: self.register_selected())
        top_buttons = QHBoxLayout()
        top_buttons.addWidget(self.checklist_button)
        top_buttons.addWidget(self.walkin_button)
        top_buttons.addStretch(1)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.register_button)
        row_buttons.addWidget(self.outcome_button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.remove_button)
        attendee_page = QWidget()
        attendee_layout = QVBoxLayout(attendee_page)
        attendee_layout.setContentsMargins(4, 6, 4, 4)
        attendee_layout.addLayout(top_buttons)
        attendee_layout.addWidget(self.attendee_table, 1)
        attendee_layout.addLayout(row_buttons)

        # Follow-ups.
        self.follow_ups = FollowUpTableModel(self)
        self.follow_table = _table(self.follow_ups, "followUpTable")
        fheader = self.follow_table.horizontalHeader()
        fheader.setSectionResizeMode(F_NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((F_PHONE, 122), (F_OUTCOME, 112), (F_LAST, 86), (F_TIMES, 50)):
            fheader.resizeSection(col, width)
        self.whole_village = QCheckBox()
        self.whole_village.setObjectName("wholeVillage")
        self.whole_village.toggled.connect(lambda _on: self._show_follow_ups())
        self.follow_hint = QLabel()
        self.follow_hint.setWordWrap(True)
        self.follow_hint.setStyleSheet("color: palette(dark);")
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyFollowUps")
        self.copy_button.clicked.connect(self.copy_follow_ups)
        self.record_button = QPushButton()
        self.record_button.setObjectName("recordWalkin")
        self.record_button.clicked.connect(self.record_selected_walkin)
        self.follow_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        follow_buttons = QHBoxLayout()
        follow_buttons.addWidget(self.record_button)
        follow_buttons.addStretch(1)
        follow_buttons.addWidget(self.copy_button)
        follow_page = QWidget()
        follow_layout = QVBoxLayout(follow_page)
        follow_layout.setContentsMargins(4, 6, 4, 4)
        follow_layout.addWidget(self.whole_village)
        follow_layout.addWidget(self.follow_hint)
        follow_layout.addWidget(self.follow_table, 1)
        follow_layout.addLayout(follow_buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("sessionDetailTabs")
        self.tabs.addTab(attendee_page, "")
        self.tabs.addTab(follow_page, "")

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addLayout(stats)
        layout.addWidget(self.funnel_label)
        layout.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 0, 0, 0)
        outer.addWidget(self.stack)
        self.retranslate_ui()

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.empty_label.setText(
            self.tr("Pilih sesi di daftar untuk melihat daftar hadirnya, atau tambah sesi baru.")
        )
        self.attended_box.name.setText(self.tr("hadir"))
        self.new_box.name.setText(self.tr("prospek baru"))
        self.registered_box.name.setText(self.tr("mendaftar"))
        self.attended_box.setToolTip(self.tr("Semua orang di daftar hadir, termasuk tamu"))
        self.new_box.setToolTip(
            self.tr("Pertama kali dijangkau di sesi ini dan belum terdaftar sebelumnya")
        )
        self.registered_box.setToolTip(
            self.tr("Ditandai mendaftar, atau mendaftar pada/sesudah tanggal sesi")
        )
        self.checklist_button.setText(self.tr("&Centang peserta desa…"))
        self.checklist_button.setToolTip(self.tr("Pilih yang hadir dari orang desa ini"))
        self.walkin_button.setText(self.tr("Ta&mu baru…"))
        self.walkin_button.setToolTip(
            self.tr("Orang yang belum tercatat: nama, telepon, pekerjaan; menjadi prospek")
        )
        self.register_button.setText(self.tr("Tandai &mendaftar…"))
        self.outcome_button.setText(self.tr("Hasil"))
        self.remove_button.setText(self.tr("Hapus dari daftar"))
        self.copy_button.setText(self.tr("Salin nama && telepon"))
        self.record_button.setText(self.tr("Catat tamu sebagai prospek"))
        self.record_button.setToolTip(
            self.tr("Tamu yang hanya tertulis namanya dijadikan prospek desa ini")
        )
        self.outcome_menu.clear()
        for outcome in (AttendanceOutcome.ATTENDED, AttendanceOutcome.INTERESTED,
                        AttendanceOutcome.DECLINED):  # fmt: skip
            action = self.outcome_menu.addAction(outcome.label(language()))
            action.triggered.connect(lambda _c=False, o=outcome.value: self.set_outcome(o))
        self.outcome_menu.addSeparator()
        undo = self.outcome_menu.addAction(self.tr("Batalkan tanda mendaftar"))
        undo.triggered.connect(self.undo_registration)
        self.follow_hint.setText(
            self.tr("Prospek yang hadir tetapi belum mendaftar: kunjungi atau telepon lagi.")
        )
        self._show_session_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- contents -------------------------------------------------------------------

    def show_session(self, session_id: str | None) -> None:
        row = session_list_row(self.ctx.db, session_id) if session_id else None
        self.session = row
        if row is None:
            self.stack.setCurrentIndex(0)
            self.attendees.set_rows([])
            self.follow_ups.set_rows([])
            self._update_buttons()
            return
        self.stack.setCurrentIndex(1)
        self.attendees.set_rows(list_attendees(self.ctx.db, row.id))
        self.funnel = session_funnel(self.ctx.db, row.id)
        self._show_session_texts()
        self._show_follow_ups()
        self._update_buttons()

    def _show_session_texts(self) -> None:
        row = self.session
        if row is None:
            return
        lang = language()
        village = row.village_name or self.tr("(tanpa desa)")
        self.title_label.setText(f"{label_of(SessionType, row.type)} · {village}")
        facts = [long_date(row.held_on, lang)]
        if row.place:
            facts.append(row.place)
        if row.facilitator:
            facts.append(self.tr("fasilitator %1").replace("%1", row.facilitator))
        if row.kabupaten:
            facts.append(row.kabupaten)
        self.facts_label.setText(" · ".join(facts))
        self.attended_box.value.setText(fmt_int(row.attended))
        self.new_box.value.setText(fmt_int(row.new_prospects))
        self.registered_box.value.setText(fmt_int(row.registrations))
        self.tabs.setTabText(0, self.tr("Daftar hadir (%1)").replace("%1", fmt_int(row.attended)))
        self.whole_village.setText(self.tr("Seluruh desa %1 (semua sesi)").replace("%1", village))
        self.whole_village.setEnabled(bool(row.village_id))
        if self.funnel is not None:
            c = self.funnel.counts
            stages = [
                (ParticipantStatus.PROSPECT, c.prospect, "#6b7280"),
                (ParticipantStatus.REGISTERED, c.registered, "#1f6fb2"),
                (ParticipantStatus.ACTIVE, c.active, "#2e8b57"),
                (ParticipantStatus.INACTIVE, c.inactive, "#c0392b"),
            ]
            parts = [
                f"<span style='color:{colour}'>{status.label(lang)} <b>{fmt_int(n)}</b></span>"
                for status, n, colour in stages
            ]
            text = self.tr("Tahap mereka sekarang:") + " " + " &rsaquo; ".join(parts)
            if c.unrecorded:
                text += " · " + self.tr("tamu belum dicatat <b>%1</b>").replace(
                    "%1", fmt_int(c.unrecorded)
                )
            self.funnel_label.setText(text)

    def _show_follow_ups(self) -> None:
        row = self.session
        if row is None:
            self.follow_ups.set_rows([])
            return
        if self.whole_village.isChecked() and row.village_id:
            rows = list(village_funnel(self.ctx.db, row.village_id).follow_ups)
        else:
            rows = list(self.funnel.follow_ups if self.funnel else ())
        self.follow_ups.set_rows(rows)
        self.tabs.setTabText(
            1, self.tr("Perlu dikunjungi lagi (%1)").replace("%1", fmt_int(len(rows)))
        )
        self._update_buttons()

    def selected_attendee(self):
        index = self.attendee_table.currentIndex()
        return self.attendees.row_at(index.row()) if index.isValid() else None

    def selected_follow_up(self):
        index = self.follow_table.currentIndex()
        return self.follow_ups.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has_session = self.session is not None
        has_village = has_session and bool(self.session.village_id)
        attendee = self.selected_attendee()
        self.checklist_button.setEnabled(has_village)
        self.walkin_button.setEnabled(has_session)
        self.register_button.setEnabled(attendee is not None)
        self.outcome_button.setEnabled(attendee is not None)
        self.remove_button.setEnabled(attendee is not None)
        follow = self.selected_follow_up()
        self.record_button.setEnabled(
            follow is not None
            and follow.participant_id is None
            and follow.attendance_id is not None
        )
        self.copy_button.setEnabled(self.follow_ups.rowCount() > 0)

    # -- actions --------------------------------------------------------------------

    def _done(self, *entities: str) -> None:
        self.ctx.bus.notify(*entities)
        self.changed.emit()

    def open_checklist(self) -> None:
        if self.session is None or not self.session.village_id:
            return
        dialog = ChecklistDialog(self.ctx, self.session, self)
        if dialog.exec():
            self._done(ATTENDANCE)

    def add_walkins(self) -> None:
        if self.session is None:
            return
        dialog = WalkinDialog(self.ctx, self.session, self)
        dialog.exec()
        if dialog.added:
            self._done(ATTENDANCE, PARTICIPANTS)

    def register_selected(self) -> None:
        attendee = self.selected_attendee()
        if attendee is None or self.session is None:
            return
        dialog = RegisterDialog(self.ctx, attendee.attendance_id, attendee.name,
                                self.session.held_on, self)  # fmt: skip
        if dialog.exec():
            self._done(ATTENDANCE, PARTICIPANTS)

    def set_outcome(self, outcome: str) -> None:
        attendee = self.selected_attendee()
        if attendee is None:
            return
        try:
            set_attendance_outcome(self.ctx.db, attendee.attendance_id, outcome)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._done(ATTENDANCE)

    def undo_registration(self) -> None:
        attendee = self.selected_attendee()
        if attendee is None:
            return
        try:
            undo_registration_mark(self.ctx.db, attendee.attendance_id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._done(ATTENDANCE)

    def remove_selected(self) -> None:
        attendee = self.selected_attendee()
        if attendee is None:
            return
        if not messages.confirm(
            self, self.tr("Hapus %1 dari daftar hadir sesi ini? Datanya sebagai peserta tetap ada.")
            .replace("%1", attendee.name)
        ):  # fmt: skip
            return
        try:
            remove_attendance(self.ctx.db, attendee.attendance_id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._done(ATTENDANCE)

    def record_selected_walkin(self) -> None:
        follow = self.selected_follow_up()
        if follow is None or follow.attendance_id is None or follow.participant_id is not None:
            return
        try:
            record_walkin(self.ctx.db, follow.attendance_id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._done(ATTENDANCE, PARTICIPANTS)

    def follow_up_text(self) -> str:
        lines = []
        for f in self.follow_ups.rows():
            phone = display_phone(f.phone) or self.tr("(tanpa nomor)")
            lines.append(f"{f.name}\t{phone}\t{f.village_name}")
        return "\n".join(lines)

    def copy_follow_ups(self) -> None:
        QGuiApplication.clipboard().setText(self.follow_up_text())


class SessionsTab(QWidget):
    """``loaded``: the list is shown; ``counts_loaded``: every row has its counts."""

    loaded = Signal()
    counts_loaded = Signal()

    def __init__(self, ctx: UiContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("SessionsTab")
        self._generation = 0
        self._selected_id: str | None = None
        self._loading = False
        # The list loads when the tab is first shown, not at start-up.
        self._dirty = True

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
        self.kabupaten_combo.setMinimumContentsLength(10)
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
        self.add_button.clicked.connect(self.add_session)
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button.clicked.connect(self.delete_session)
        self.print_button.clicked.connect(self.print_attendance_sheet)

        self.model = SessionTableModel(self)
        self.table = _table(self.model, "sessionsTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _SESSION_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(S_VILLAGE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(S_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_session())

        self.detail = SessionDetailPanel(ctx)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.type_label)
        filters.addWidget(self.type_combo)
        filters.addWidget(self.kabupaten_label)
        filters.addWidget(self.kabupaten_combo, 1)
        filters.addWidget(self.year_label)
        filters.addWidget(self.year_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.history_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("sessionsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([760, 590])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.reload)
        for key, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_session),
            (QKeySequence(Qt.Key.Key_Return), self.edit_session),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_session),
        ):
            shortcut = QShortcut(key, self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

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
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_type_combo(self) -> None:
        current = self.type_combo.currentData()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem(self.tr("Semua jenis"), "")
        for t in SessionType:
            self.type_combo.addItem(t.label(language()), t.value)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(current)))
        self.type_combo.blockSignals(False)

    def _fill_filters(self) -> None:
        for combo, all_text, items in (
            (self.kabupaten_combo, self.tr("Semua kabupaten"),
             [(k, k) for k in kabupaten_names(self.ctx.db)]),
            (self.year_combo, self.tr("Semua tahun"),
             [(str(y), y) for y in session_years(self.ctx.db)]),
        ):  # fmt: skip
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)

    def query(self) -> SessionQuery:
        return SessionQuery(
            search=self.search_edit.text(),
            type=str(self.type_combo.currentData() or ""),
            kabupaten=str(self.kabupaten_combo.currentData() or ""),
            year=self.year_combo.currentData(),
        )

    # -- loading ----------------------------------------------------------------------

    def is_loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Reload the list off the GUI thread; counts follow in chunks."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._dirty = False
        db, query = self.ctx.db, self.query()
        self._show_count()

        def done(rows: list[SessionListRow]) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.model.set_rows(rows, keep_counts=True)
            self._after_reset()
            self.loaded.emit()
            self._count_next(generation)

        run_in_background(lambda progress, cancelled: list_sessions(db, query), done,
                          self._failed(generation))  # fmt: skip

    def _failed(self, generation: int):
        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            if isinstance(exc, UserError):
                messages.show_user_error(self, exc)
            else:
                messages.show_error(
                    self, self.tr("Daftar sesi gagal dimuat: %1").replace("%1", str(exc))
                )

        return failed

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

    def _count_next(self, generation: int) -> None:
        if generation != self._generation:
            return
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
            if generation != self._generation:
                return
            self.model.set_counts(counts, chunk)
            self._count_next(generation)

        run_in_background(lambda progress, cancelled: counts_for_sessions(db, chunk), done,
                          self._failed(generation))  # fmt: skip

    def _data_changed(self, entities: frozenset) -> None:
        if not entities & _WATCHED:
            return
        if entities & {SESSIONS, VILLAGES}:
            self._fill_filters()
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty and not self._loading:
            self.reload()

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
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

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
        dialog = SessionDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._selected_id = dialog.saved.id
            self.ctx.bus.notify(SESSIONS)

    def edit_session(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        dialog = SessionDialog(self.ctx, row, parent=self)
        if dialog.exec():
            self.ctx.bus.notify(SESSIONS)

    def delete_session(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        text = self.tr("Hapus sesi %1 di %2 tanggal %3? Daftar hadirnya ikut terhapus; "
                       "data peserta tetap ada.")  # fmt: skip
        text = (text.replace("%1", label_of(SessionType, row.type))
                .replace("%2", row.village_name or "-")
                .replace("%3", format_date(row.held_on, language())))  # fmt: skip
        if not messages.confirm(self, text):
            return
        try:
            delete_session(self.ctx.db, row.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self._selected_id = None
        self.ctx.bus.notify(SESSIONS, ATTENDANCE)

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
            self.print_button.setEnabled(True)
            messages.show_info(
                self,
                self.tr("Daftar hadir disimpan di %1. Buka di Excel atau LibreOffice lalu "
                        "cetak (sudah diatur A4 mendatar).").replace("%1", str(written)),
            )  # fmt: skip

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            if isinstance(exc, UserError):
                messages.show_user_error(self, exc)
            else:
                messages.show_error(
                    self, self.tr("Berkas tidak bisa disimpan: %1").replace("%1", str(exc))
                )

        run_in_background(
            lambda progress, cancelled: write_attendance_sheet(db, session_id, path), done, failed
        )
