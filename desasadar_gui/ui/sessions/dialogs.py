"""Forms of the sessions tab: a session and the village checklist. Each form calls one
service and shows its messages; none builds SQL (attendance_dialogs.py holds the
walk-in and registration forms).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import Occupation, OfficialRole, ParticipantStatus, SessionType
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.services.attendance import set_attendees
from desasadar_gui.services.session_queries import (
    ChecklistPerson,
    SessionListRow,
    facilitator_names,
    village_checklist,
)
from desasadar_gui.services.sessions import (
    SessionInput,
    SessionRow,
    check_session,
    create_session,
    update_session,
)
from desasadar_gui.services.validation import FieldIssue, ValidationError
from desasadar_gui.services.village_queries import village_choices
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.discard_guard import AsksBeforeDiscarding
from desasadar_gui.ui.kit.form_fields import (
    FieldMessage,
    date_edit,
    pydate,
    show_field_messages,
    with_message,
)
from desasadar_gui.ui.kit.i18n import Retranslating, enum_label, language
from desasadar_gui.ui.kit.layouts import ok_cancel
from desasadar_gui.ui.kit.operations import run_change

_SESSION_FIELDS = ("village_id", "held_on", "type", "place", "facilitator", "notes")


class SessionDialog(Retranslating, AsksBeforeDiscarding, QDialog):
    """Add or change a session: village, date, type, place, facilitator, notes."""

    def __init__(self, ctx: UiContext, row: SessionListRow | None = None,
                 village_id: str | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.saved: SessionRow | None = None
        self.setObjectName("SessionDialog")
        # Wide enough for "village — kecamatan, kabupaten" of a long name (the combo
        # scrolled its text off the left edge at its minimum width).
        self.setMinimumWidth(520)

        self.village_combo = QComboBox()
        self.village_combo.setObjectName("sessionVillage")
        self.village_combo.setEditable(True)
        self.village_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.village_combo.setMinimumContentsLength(30)
        for v in village_choices(ctx.db):
            text = f"{v.name} — {v.kecamatan}, {v.kabupaten}" if v.kecamatan else v.name
            self.village_combo.addItem(text, v.id)
        completer = self.village_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.date_edit = date_edit(row.held_on if row else date.today())
        self.date_edit.setObjectName("sessionDate")
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("sessionType")
        for t in SessionType:
            self.type_combo.addItem(t.label(language()), t.value)
        self.place_edit = QLineEdit(row.place if row else "")
        self.place_edit.setObjectName("sessionPlace")
        self.facilitator_edit = QLineEdit(row.facilitator if row else ctx.db.officer)
        self.facilitator_edit.setObjectName("sessionFacilitator")
        self.facilitator_edit.setCompleter(QCompleter(facilitator_names(ctx.db), self))
        self.notes_edit = QPlainTextEdit(row.notes if row else "")
        self.notes_edit.setFixedHeight(70)

        chosen = row.village_id if row else village_id
        index = self.village_combo.findData(chosen) if chosen else -1
        self.village_combo.setCurrentIndex(index)
        if row:
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(row.type)))

        self.labels = [QLabel() for _ in range(6)]
        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        for key, label, field in zip(
            _SESSION_FIELDS,
            self.labels,
            (self.village_combo, self.date_edit, self.type_combo, self.place_edit,
             self.facilitator_edit, self.notes_edit), strict=True,
        ):  # fmt: skip
            label.setBuddy(field)
            cell, self.messages[key] = with_message(field, key)
            form.addRow(label, cell)
        self.error_label = FieldMessage()  # problems of no field shown
        self.error_label.setObjectName("formErrors")
        self.buttons = ok_cancel(self, self.save, QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.mark_clean()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ubah sesi") if self.row else self.tr("Tambah sesi"))
        for label, text in zip(
            self.labels,
            (self.tr("&Desa"), self.tr("&Tanggal"), self.tr("&Jenis"), self.tr("Te&mpat"),
             self.tr("&Fasilitator"), self.tr("&Catatan")), strict=True,
        ):  # fmt: skip
            label.setText(text)
        self.place_edit.setPlaceholderText(self.tr("mis. Balai Desa, rumah Kepala Dusun"))
        self.village_combo.lineEdit().setPlaceholderText(self.tr("Ketik nama desa…"))

    def village_id(self) -> str | None:
        index = self.village_combo.findText(self.village_combo.currentText())
        if index < 0:
            return None
        return self.village_combo.itemData(index)

    def data(self) -> SessionInput:
        return SessionInput(
            village_id=self.village_id(),
            held_on=pydate(self.date_edit.date()),
            type=str(self.type_combo.currentData()),
            place=self.place_edit.text(),
            facilitator=self.facilitator_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def show_issues(self, issues: list[FieldIssue] | tuple[FieldIssue, ...]) -> None:
        """Every problem at once, each under its field."""
        flagged = show_field_messages(
            self.messages, [(i.field, i.message()) for i in issues], self.error_label
        )
        fields = dict(zip(_SESSION_FIELDS, self.labels, strict=True))
        if flagged:
            fields[flagged[0]].buddy().setFocus()

    def save(self) -> None:
        db, row, data = self.ctx.db, self.row, self.data()
        issues: list[FieldIssue] = []
        if self.village_id() is None:  # the form's rule: a session is held somewhere
            issues.append(
                FieldIssue(
                    "village_id",
                    self.tr("Pilih desa tempat sesi diadakan dari daftar."),
                    self.tr("Pilih desa tempat sesi diadakan dari daftar."),
                )
            )
        checked = run_change(self, None, lambda: check_session(db, data), changed=None)
        if not checked.ok:
            return
        issues += [i for i in checked.value or () if i.field not in {x.field for x in issues}]
        self.show_issues(issues)
        if issues:
            return

        def refused(exc: BaseException) -> bool:
            if isinstance(exc, ValidationError):
                self.show_issues(exc.issues)
                return True
            return False

        saved = run_change(
            self,
            None,
            lambda: update_session(db, row.id, data) if row else create_session(db, data),
            changed=None,
            on_failure=refused,
        )
        if saved.ok:
            self.saved = saved.value
            self.accept()


class _ChecklistFilter(QSortFilterProxyModel):
    """Matches the search text against name, NIK and phone (any order of words)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
            self._words = [w.casefold() for w in text.split()]
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = [w.casefold() for w in text.split()]
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self._words:
            return True
        item = self.sourceModel().index(source_row, 0, source_parent)
        haystack = str(item.data(Qt.ItemDataRole.UserRole + 1) or "")
        return all(w in haystack for w in self._words)


_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ChecklistDialog(QDialog):
    """Tick who came, from the village's known people (searchable).

    From the keyboard: type a name and press Enter to tick the (first) match, Down to go
    into the list, Space to tick or untick the current row; Ctrl+Enter saves."""

    def __init__(self, ctx: UiContext, session: SessionListRow, parent: QWidget | None = None
                 ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.setObjectName("ChecklistDialog")
        self.people: list[ChecklistPerson] = (
            village_checklist(ctx.db, session.village_id, session.id) if session.village_id else []
        )
        self._before = {p.participant_id for p in self.people if p.attended}

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("checklistSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        lang = language()
        for person in self.people:
            work = (
                enum_label(OfficialRole, person.official_role)
                if person.official_role
                else (enum_label(Occupation, person.occupation))
            )
            details = [d for d in (work, display_phone(person.phone)) if d]
            if person.status != ParticipantStatus.PROSPECT.value:
                details.append(ParticipantStatus(person.status).label(lang)
                               if person.status in {s.value for s in ParticipantStatus}
                               else person.status)  # fmt: skip
            text = person.name + (f"  —  {' · '.join(details)}" if details else "")
            item = QStandardItem(text)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(
                Qt.CheckState.Checked if person.attended else Qt.CheckState.Unchecked
            )
            item.setData(person.participant_id, Qt.ItemDataRole.UserRole)
            item.setData(" ".join([person.name, person.nik or "", person.phone or "",
                                   display_phone(person.phone)]).casefold(),
                         Qt.ItemDataRole.UserRole + 1)  # fmt: skip
            self.model.appendRow(item)
        self.proxy = _ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list_view = QListView()
        self.list_view.setObjectName("checklistView")
        self.list_view.setModel(self.proxy)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setAlternatingRowColors(True)
        self.tick_shown = QPushButton()
        self.untick_shown = QPushButton()
        self.count_label = QLabel()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.keys_hint = QLabel()
        self.keys_hint.setObjectName("checklistKeys")
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setStyleSheet("color: palette(dark);")
        self.tick_shown.clicked.connect(lambda: self._set_shown(Qt.CheckState.Checked))
        self.untick_shown.clicked.connect(lambda: self._set_shown(Qt.CheckState.Unchecked))
        self.model.itemChanged.connect(lambda _item: self._update_count())
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(120)
        timer.timeout.connect(lambda: self.proxy.set_text(self.search_edit.text()))
        self.search_edit.textChanged.connect(timer.start)
        self._timer = timer
        self.search_edit.installEventFilter(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.tick_shown)
        row.addWidget(self.untick_shown)
        row.addStretch(1)
        row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.keys_hint)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(560, 600)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Centang peserta yang hadir"))
        self.heading.setText(
            self.tr("Orang yang sudah tercatat di %1. Yang tidak ada di daftar: tambahkan "
                    "sebagai tamu.").replace("%1", self.session.village_name or "-")
        )  # fmt: skip
        self.search_edit.setPlaceholderText(self.tr("Cari nama, NIK atau telepon"))
        self.tick_shown.setText(self.tr("Centang yang tampil"))
        self.untick_shown.setText(self.tr("Kosongkan yang tampil"))
        self.keys_hint.setText(
            self.tr("Enter: centang yang cocok · ↓: ke daftar · Spasi: centang atau kosongkan "
                    "· Ctrl+Enter: simpan")
        )  # fmt: skip
        self._update_count()

    # -- keyboard -------------------------------------------------------------------

    def _filter_now(self) -> None:
        """Apply the search text at once (typing waits a moment before filtering)."""
        if self._timer.isActive():
            self._timer.stop()
            self.proxy.set_text(self.search_edit.text())

    def tick_match(self) -> bool:
        """Enter in the search box: tick the first person shown and make it the current
        row; the text is selected, so the next name typed replaces it."""
        self._filter_now()
        if self.proxy.rowCount() == 0:
            QApplication.beep()
            return False
        first = self.proxy.index(0, 0)
        self.model.itemFromIndex(self.proxy.mapToSource(first)).setCheckState(Qt.CheckState.Checked)
        self.list_view.setCurrentIndex(first)
        self.search_edit.selectAll()
        return True

    def _into_list(self) -> None:
        self._filter_now()
        if not self.list_view.currentIndex().isValid() and self.proxy.rowCount():
            self.list_view.setCurrentIndex(self.proxy.index(0, 0))
        self.list_view.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if key in _ENTER and not ctrl:
                self.tick_match()
                return True
            if key == Qt.Key.Key_Down:
                self._into_list()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        """Enter alone never saves here (it ticks); Ctrl+Enter or the button does."""
        if event.key() in _ENTER:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.buttons.button(QDialogButtonBox.StandardButton.Save).click()
                return
            if self.focusWidget() is self.list_view:
                self._toggle_current()
                return
        super().keyPressEvent(event)

    def _toggle_current(self) -> None:
        current = self.list_view.currentIndex()
        if current.isValid():
            item = self.model.itemFromIndex(self.proxy.mapToSource(current))
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _set_shown(self, state: Qt.CheckState) -> None:
        self.model.blockSignals(True)
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0))
            self.model.itemFromIndex(source).setCheckState(state)
        self.model.blockSignals(False)
        self.list_view.viewport().update()
        self._update_count()

    def ticked(self) -> set[str]:
        out = set()
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if item.checkState() == Qt.CheckState.Checked:
                out.add(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_ticked(self, participant_id: str, ticked: bool = True) -> None:
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if item.data(Qt.ItemDataRole.UserRole) == participant_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%1 dari %2 dicentang").replace("%1", fmt_int(len(self.ticked())))
            .replace("%2", fmt_int(len(self.people)))
        )  # fmt: skip

    def save(self) -> None:
        now = self.ticked()
        removed = self._before - now
        if removed and not messages.confirm(
            self,
            self.tr("%1 orang akan dihapus dari daftar hadir sesi ini. Lanjutkan?")
            .replace("%1", fmt_int(len(removed))),
        ):  # fmt: skip
            return
        db, session_id, added = self.ctx.db, self.session.id, sorted(now - self._before)
        if run_change(self, None, lambda: set_attendees(db, session_id, added, removed),
                      changed=None).ok:  # fmt: skip
            self.accept()
