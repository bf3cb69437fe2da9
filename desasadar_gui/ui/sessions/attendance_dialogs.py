"""Attendance forms of the sessions tab: walk-ins, and registering an attendee. Each
form calls one service and shows its messages; none builds SQL.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import Occupation
from desasadar_gui.services.attendance import needs_nik_to_register, register_attendee
from desasadar_gui.services.session_queries import SessionListRow
from desasadar_gui.services.sessions import WalkinAlreadyKnownError, add_walkin, record_attendance
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.form_fields import date_edit, pydate, qdate
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.layouts import buddy_label, form_rows, ok_cancel, vbox
from desasadar_gui.ui.kit.operations import run_change


class WalkinDialog(QDialog):
    """Quick entry of walk-ins: name, phone, occupation, optional NIK. Each is saved as
    a prospect of the village and put on the list; the form clears for the next one.
    A NIK that is already registered makes no second person: the form offers to mark
    that person present instead (``marked``)."""

    def __init__(self, ctx: UiContext, session: SessionListRow, parent: QWidget | None = None
                 ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.added: list[str] = []
        self.marked: list[str] = []
        self._known: WalkinAlreadyKnownError | None = None
        self.setObjectName("WalkinDialog")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("walkinName")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("walkinPhone")
        self.occupation_combo = QComboBox()
        self.occupation_combo.setObjectName("walkinOccupation")
        self.nik_edit = QLineEdit()
        self.nik_edit.setObjectName("walkinNik")
        self.nik_edit.setMaxLength(16)
        self.nik_edit.setInputMask("")
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        fields = (self.name_edit, self.phone_edit, self.occupation_combo, self.nik_edit)
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: palette(dark);")
        self.known_frame = QFrame()
        self.known_frame.setObjectName("walkinKnown")
        self.known_frame.setStyleSheet(
            "QFrame#walkinKnown { background: #fff7e0; border: 1px solid #e0c36a; "
            "border-radius: 4px; }"
        )
        self.known_label = QLabel()
        self.known_label.setWordWrap(True)
        self.mark_present = QPushButton()
        self.mark_present.setObjectName("walkinMarkPresent")
        self.mark_present.clicked.connect(self.mark_known_present)
        known_row = QHBoxLayout(self.known_frame)
        known_row.setContentsMargins(8, 6, 8, 6)
        known_row.addWidget(self.known_label, 1)
        known_row.addWidget(self.mark_present)
        self.known_frame.hide()
        self.nik_edit.textEdited.connect(lambda _t: self._show_known(None))
        self.save_next = QPushButton()
        self.save_next.setObjectName("walkinSaveNext")
        self.save_next.setDefault(True)
        self.done_button = QPushButton()
        self.save_next.clicked.connect(self.save_and_next)
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_next)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.known_frame)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Tamu baru (walk-in)"))
        for label, text in zip(
            self.labels,
            (
                self.tr("&Nama"),
                self.tr("&Telepon"),
                self.tr("&Pekerjaan"),
                self.tr("NI&K (boleh kosong)"),
            ),
            strict=True,
        ):
            label.setText(text)  # fmt: skip
        current = self.occupation_combo.currentData()
        self.occupation_combo.clear()
        self.occupation_combo.addItem(self.tr("(belum diisi)"), None)
        for o in Occupation:
            self.occupation_combo.addItem(o.label(language()), o.value)
        self.occupation_combo.setCurrentIndex(max(0, self.occupation_combo.findData(current)))
        self.phone_edit.setPlaceholderText("08xx-xxxx-xxxx")
        self.save_next.setText(self.tr("&Simpan, tambah lagi"))
        self.done_button.setText(self.tr("Se&lesai"))
        self.mark_present.setText(self.tr("Tandai orang ini &hadir"))
        self._show_known(self._known)
        self._update_info()

    def _show_known(self, known: WalkinAlreadyKnownError | None) -> None:
        """The offer to mark an already registered person present (None: no offer)."""
        self._known = known
        if known is not None:
            self.known_label.setText(
                known.message() + " " + self.tr("Orang yang sama tidak dibuat dua kali.")
            )
        self.known_frame.setVisible(known is not None)
        if self.isVisible():
            self.adjustSize()  # room for the offer; back to the form's size without it
        # Enter accepts the offer while it is shown, and saves the next walk-in after.
        self.mark_present.setDefault(known is not None)
        self.save_next.setDefault(known is None)

    def _offer_known(self, exc: BaseException) -> bool:
        if not isinstance(exc, WalkinAlreadyKnownError):
            return False  # shown the usual way
        self._show_known(exc)
        self.mark_present.setFocus()
        return True

    def _update_info(self) -> None:
        self.info.setText(
            self.tr("Disimpan sebagai prospek %1 dan masuk daftar hadir. Sudah ditambahkan: %2.")
            .replace("%1", self.session.village_name or "-")
            .replace("%2", fmt_int(len(self.added) + len(self.marked)))
        )  # fmt: skip

    def save_and_next(self) -> bool:
        db, session_id = self.ctx.db, self.session.id
        name, phone = self.name_edit.text(), self.phone_edit.text() or None
        occupation = self.occupation_combo.currentData()
        nik = self.nik_edit.text().strip() or None
        added = run_change(
            self,
            None,
            lambda: add_walkin(db, session_id, name, phone=phone, occupation=occupation, nik=nik),
            changed=None,
            on_failure=self._offer_known,
        )
        if not added.ok or added.value is None:
            return False
        participant_id, _ = added.value
        self.added.append(participant_id)
        self._next()
        return True

    def mark_known_present(self) -> bool:
        """Put the person who holds the typed NIK on this session's list."""
        known = self._known
        if known is None:
            return False
        db, session_id, participant_id = self.ctx.db, self.session.id, known.participant_id
        marked = run_change(self, None, lambda: record_attendance(db, session_id, participant_id),
                            changed=None)  # fmt: skip
        if not marked.ok:
            return False
        self.marked.append(participant_id)
        self._next()
        return True

    def _next(self) -> None:
        """Clear the form for the next walk-in."""
        self._show_known(None)
        for edit in (self.name_edit, self.phone_edit, self.nik_edit):
            edit.clear()
        self.occupation_combo.setCurrentIndex(0)
        self.name_edit.setFocus()
        self._update_info()


class RegisterDialog(QDialog):
    """The attendee registered: the date (on or after the session) and, when the person
    has none yet, the NIK a registration needs."""

    def __init__(self, ctx: UiContext, attendance_id: str, name: str, held_on: date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.attendance_id = attendance_id
        self.setObjectName("RegisterDialog")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self._name = name
        self.date_edit = date_edit(held_on)
        self.date_edit.setObjectName("registrationDate")
        self.date_edit.setMinimumDate(qdate(held_on))
        self.nik_edit = QLineEdit()
        self.nik_edit.setObjectName("registrationNik")
        self.nik_edit.setMaxLength(16)
        self.needs_nik = needs_nik_to_register(ctx.db, attendance_id)
        self.date_label = buddy_label(self.date_edit)
        self.nik_label = buddy_label(self.nik_edit)
        form = form_rows((self.date_label, self.date_edit), (self.nik_label, self.nik_edit))
        self.nik_label.setVisible(self.needs_nik)
        self.nik_edit.setVisible(self.needs_nik)
        self.buttons = ok_cancel(self, self.save)
        vbox(self.heading, form, self.buttons, owner=self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Tandai mendaftar"))
        self.heading.setText(
            self.tr("%1 mendaftar sebagai peserta BPU pada atau sesudah sesi ini.")
            .replace("%1", self._name)
        )  # fmt: skip
        self.date_label.setText(self.tr("&Tanggal daftar"))
        self.nik_label.setText(self.tr("&NIK (wajib untuk mendaftar)"))

    def save(self) -> None:
        db, attendance_id = self.ctx.db, self.attendance_id
        on, nik = pydate(self.date_edit.date()), self.nik_edit.text().strip() or None
        if run_change(self, None, lambda: register_attendee(db, attendance_id, on=on, nik=nik),
                      changed=None).ok:  # fmt: skip
            self.accept()
