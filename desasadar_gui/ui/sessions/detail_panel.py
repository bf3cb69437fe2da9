"""The panel beside the sessions list: the chosen session's facts and counts, its list of
attendees, their stage in the funnel, and the prospects to follow up, for the session or
its whole village.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import AttendanceOutcome, ParticipantStatus, SessionType
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.services.attendance import record_walkin, undo_registration_mark
from desasadar_gui.services.database import Database
from desasadar_gui.services.funnel import Funnel, session_funnel, village_funnel
from desasadar_gui.services.printouts import long_date
from desasadar_gui.services.session_queries import SessionListRow, list_attendees, session_list_row
from desasadar_gui.services.sessions import remove_attendance, set_attendance_outcome
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import ATTENDANCE, PARTICIPANTS, UiContext
from desasadar_gui.ui.kit.empty_hint import EmptyHint, link
from desasadar_gui.ui.kit.i18n import Retranslating, enum_label, language
from desasadar_gui.ui.kit.layouts import STRETCH, hbox, push_button, vbox, wrapped_label
from desasadar_gui.ui.kit.operations import run_change
from desasadar_gui.ui.kit.tables import make_table
from desasadar_gui.ui.sessions.attendance_dialogs import RegisterDialog, WalkinDialog
from desasadar_gui.ui.sessions.dialogs import ChecklistDialog
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
    AttendeeTableModel,
    FollowUpTableModel,
)

PANEL_STYLE = """
QFrame#statBox { background: palette(base); border: 1px solid #d5dbe1; border-radius: 5px; }
QLabel#statValue { color: #1f2933; }
QLabel#statName { color: #5f6b7a; }
"""


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


class SessionDetailPanel(Retranslating, QWidget):
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
        self.attendee_table = make_table(self.attendees, "attendeeTable")
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
        self.attendee_hint = EmptyHint(
            self.attendee_table,
            empty=self._no_attendee_text,
            links={"checklist": self.open_checklist, "walkin": self.add_walkins},
        )
        top_buttons = hbox(self.checklist_button, self.walkin_button, STRETCH)
        row_buttons = hbox(self.register_button, self.outcome_button, STRETCH, self.remove_button)
        attendee_page = QWidget()
        attendee_layout = vbox(top_buttons, (self.attendee_table, 1), row_buttons,
                               owner=attendee_page)  # fmt: skip
        attendee_layout.setContentsMargins(4, 6, 4, 4)

        # Follow-ups.
        self.follow_ups = FollowUpTableModel(self)
        self.follow_table = make_table(self.follow_ups, "followUpTable")
        fheader = self.follow_table.horizontalHeader()
        fheader.setSectionResizeMode(F_NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((F_PHONE, 122), (F_OUTCOME, 112), (F_LAST, 86), (F_TIMES, 50)):
            fheader.resizeSection(col, width)
        self.whole_village = QCheckBox()
        self.whole_village.setObjectName("wholeVillage")
        self.whole_village.toggled.connect(lambda _on: self._show_follow_ups())
        self.follow_hint = wrapped_label()
        self.follow_hint.setStyleSheet("color: palette(dark);")
        self.copy_button = push_button("copyFollowUps", self.copy_follow_ups)
        self.record_button = push_button("recordWalkin", self.record_selected_walkin)
        self.follow_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.follow_hint_empty = EmptyHint(self.follow_table, empty=self._no_follow_up_text)
        follow_buttons = hbox(self.record_button, STRETCH, self.copy_button)
        follow_page = QWidget()
        follow_layout = vbox(self.whole_village, self.follow_hint, (self.follow_table, 1),
                             follow_buttons, owner=follow_page)  # fmt: skip
        follow_layout.setContentsMargins(4, 6, 4, 4)

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
        self.attendees.retranslate()
        self.follow_ups.retranslate()
        self._show_session_texts()
        self._show_follow_up_title()

    def _no_attendee_text(self) -> str:
        return (
            self.tr("<p>Belum ada yang tercatat hadir.</p><p>%1 untuk orang desa ini, %2 "
                    "untuk orang yang belum tercatat.</p>")
            .replace("%1", link("checklist", self.tr("Centang peserta desa")))
            .replace("%2", link("walkin", self.tr("Tamu baru")))
        )  # fmt: skip

    def _no_follow_up_text(self) -> str:
        return self.tr(
            "<p>Tidak ada yang perlu dikunjungi lagi: setiap prospek yang hadir sudah "
            "mendaftar (atau belum ada yang hadir).</p>"
        )

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
        self.title_label.setText(f"{enum_label(SessionType, row.type)} · {village}")
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
        self._show_follow_up_title()
        self._update_buttons()

    def _show_follow_up_title(self) -> None:
        count = fmt_int(self.follow_ups.rowCount())
        self.tabs.setTabText(1, self.tr("Perlu dikunjungi lagi (%1)").replace("%1", count))

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

    def _change(self, fn: Callable[[Database], object], *entities: str) -> None:
        """``fn(db)`` on the GUI thread; on success the bus and ``changed`` are told."""
        db = self.ctx.db
        if run_change(self, self.ctx, lambda: fn(db), changed=entities).ok:
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
        if dialog.added or dialog.marked:
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
        self._change(lambda db: set_attendance_outcome(db, attendee.attendance_id, outcome),
                     ATTENDANCE)  # fmt: skip

    def undo_registration(self) -> None:
        attendee = self.selected_attendee()
        if attendee is None:
            return
        self._change(lambda db: undo_registration_mark(db, attendee.attendance_id), ATTENDANCE)

    def remove_selected(self) -> None:
        attendee = self.selected_attendee()
        if attendee is None:
            return
        if not messages.confirm(
            self, self.tr("Hapus %1 dari daftar hadir sesi ini? Datanya sebagai peserta tetap ada.")
            .replace("%1", attendee.name)
        ):  # fmt: skip
            return
        self._change(lambda db: remove_attendance(db, attendee.attendance_id), ATTENDANCE)

    def record_selected_walkin(self) -> None:
        follow = self.selected_follow_up()
        if follow is None or follow.attendance_id is None or follow.participant_id is not None:
            return
        attendance_id = follow.attendance_id
        self._change(lambda db: record_walkin(db, attendance_id), ATTENDANCE, PARTICIPANTS)

    def follow_up_text(self) -> str:
        lines = []
        for f in self.follow_ups.rows():
            phone = display_phone(f.phone) or self.tr("(tanpa nomor)")
            lines.append(f"{f.name}\t{phone}\t{f.village_name}")
        return "\n".join(lines)

    def copy_follow_ups(self) -> None:
        QGuiApplication.clipboard().setText(self.follow_up_text())
