"""Register or edit a participant, built for an officer typing all day.

The NIK comes first: sixteen digits fill in gender and birth date, and the form says
at once when the NIK disagrees with what was typed, belongs to another regency than the
village, or is already registered (with a button that opens that person). The phone
number takes its usual written form when the field is left; the monthly contribution
and its breakdown follow every change of income, programmes, funding or occupation.

Enter saves; "Simpan & tambah lagi" (Ctrl+Enter) saves and clears the person but keeps
the village, the choices that repeat at a registration drive, and the session. What
the service refuses is shown next to the field it concerns.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desasadar_gui.domain import display
from desasadar_gui.domain.enums import (
    AttendanceOutcome,
    FundingSource,
    Gender,
    Occupation,
    OfficialRole,
    ParticipantStatus,
    Programme,
    roles_of_kind,
)
from desasadar_gui.domain.phone import normalise_phone
from desasadar_gui.errors import UserError
from desasadar_gui.services.participants import (
    DuplicateNikError,
    ParticipantCheck,
    ParticipantInput,
    ParticipantRow,
    check_participant,
    create_participant,
    update_participant,
)
from desasadar_gui.services.sessions import SessionRow, get_session, record_attendance
from desasadar_gui.services.validation import FieldIssue, ValidationError
from desasadar_gui.services.village_queries import village_choices
from desasadar_gui.ui.kit.context import ATTENDANCE, PARTICIPANTS, UiContext
from desasadar_gui.ui.kit.discard_guard import AsksBeforeDiscarding
from desasadar_gui.ui.kit.form_fields import chosen_data, refill, widen_popup
from desasadar_gui.ui.kit.i18n import enum_choices, language
from desasadar_gui.ui.kit.operations import run_change
from desasadar_gui.ui.participants.columns import short_regency
from desasadar_gui.ui.participants.form_widgets import (
    NIK_DIGITS,
    ParticipantFormWidgets,
    nik_digits,
    select_data,
)

CHECK_DELAY_MS = 120


class ParticipantForm(AsksBeforeDiscarding, ParticipantFormWidgets):
    """``saved`` carries the saved ParticipantRow; ``open_participant_requested`` the id
    of the person who already holds the NIK typed (the form closes itself first).

    A new person can start in a village (``village_id``) and, for an official not yet
    registered, a position (``official_role``). The positions offered are those of the
    chosen village's kind (desa, kelurahan or pasar)."""

    saved = Signal(object)
    open_participant_requested = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        participant: ParticipantRow | None = None,
        parent: QWidget | None = None,
        *,
        village_id: str | None = None,
        session_id: str | None = None,
        official_role: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.participant = participant
        self.session: SessionRow | None = get_session(ctx.db, session_id) if session_id else None
        self.last_saved: ParticipantRow | None = None
        self._duplicate: ParticipantRow | None = None
        self._last_check: ParticipantCheck | None = None
        self._autofilled: dict[str, object] = {}  # values the NIK put in, not the officer
        self._funding_touched = participant is not None
        self._village_kinds: dict[str, str] = {}
        self.setObjectName("ParticipantForm")
        self.setMinimumWidth(900)

        self._build()
        self.retranslate_ui()
        self._load_villages()
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.recheck)
        self._connect()

        if participant is not None:
            self._load(participant)
        else:
            default_village = village_id or (self.session.village_id if self.session else None)
            self._select_village(default_village)
            if official_role:
                select_data(self.role_combo, official_role)
            select_data(self.status_combo, ParticipantStatus.REGISTERED.value)
            self.registration_edit.set_date(self.session.held_on if self.session else date.today())
            for box, code in self._programme_boxes():
                box.setChecked(code in ("jkk", "jkm"))
        self.recheck()
        self.nik_edit.setFocus()
        self.mark_clean()

    def _connect(self) -> None:
        later = self._check_timer.start
        self.nik_edit.textChanged.connect(self._nik_changed)
        self.nik_edit.editingFinished.connect(later)
        # A message under a field goes away as soon as that field is edited.
        edits = {
            "name": self.name_edit.textEdited, "birth_date": self.birth_edit.textEdited,
            "phone": self.phone_edit.textEdited, "address": self.address_edit.textEdited,
            "village_id": self.village_combo.currentIndexChanged,
            "gender": self.gender_combo.currentIndexChanged,
            "occupation": self.occupation_combo.currentIndexChanged,
            "official_role": self.role_combo.currentIndexChanged,
            "monthly_income": self.income_edit.textEdited,
            "funding_source": self.funding_combo.currentIndexChanged,
            "status": self.status_combo.currentIndexChanged,
            "registration_date": self.registration_edit.textEdited,
            "kpj_number": self.kpj_edit.textEdited,
        }  # fmt: skip
        for key, signal in edits.items():
            signal.connect(self.messages[key].clear_text)
        for box, _code in self._programme_boxes():
            box.toggled.connect(self.messages["programmes"].clear_text)
        for edit in (self.name_edit, self.birth_edit, self.registration_edit):
            edit.textChanged.connect(later)
        self.income_edit.textChanged.connect(later)
        for combo in (self.gender_combo, self.occupation_combo, self.status_combo):
            combo.currentIndexChanged.connect(later)
        self.village_combo.currentIndexChanged.connect(later)
        self.village_combo.currentIndexChanged.connect(lambda _index: self._fill_roles())
        self.funding_combo.currentIndexChanged.connect(self._funding_changed)
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        for box, _code in self._programme_boxes():
            box.toggled.connect(later)
        self.phone_edit.editingFinished.connect(self._phone_finished)
        self.village_combo.lineEdit().editingFinished.connect(later)
        self.open_existing_button.clicked.connect(self._open_existing)
        self.save_button.clicked.connect(lambda: self.save(again=False))
        self.save_again_button.clicked.connect(lambda: self.save(again=True))
        self.cancel_button.clicked.connect(self.reject)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self._save_again_shortcut)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(lambda: self.save(again=False))

    # -- texts ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        if self.participant is None:
            self.setWindowTitle(self.tr("Tambah peserta"))
        else:
            self.setWindowTitle(
                self.tr("Ubah data peserta — %1").replace("%1", self.participant.name)
            )
        if self.session is not None:
            self.session_label.setText(
                self.tr("Sesi %1, %2: peserta yang disimpan dicatat hadir.")
                .replace("%1", display.short_date(self.session.held_on))
                .replace("%2", self.session.village_name or self.tr("tanpa desa"))
            )
        self.person_box.setTitle(self.tr("Data diri"))
        self.membership_box.setTitle(self.tr("Kepesertaan"))
        self.contribution_box.setTitle(self.tr("Iuran per bulan"))
        texts = {
            "nik": self.tr("&NIK"),
            "name": self.tr("Na&ma *"),
            "gender": self.tr("&Jenis kelamin"),
            "birth_date": self.tr("Tanggal &lahir"),
            "phone": self.tr("Telep&on"),
            "address": self.tr("&Alamat"),
            "village_id": self.tr("&Desa"),
            "occupation": self.tr("&Pekerjaan"),
            "official_role": self.tr("Ja&batan perangkat desa"),
            "monthly_income": self.tr("Penghasilan/bulan (&Rp)"),
            "programmes": self.tr("Pro&gram"),
            "funding_source": self.tr("Sumb&er dana"),
            "status": self.tr("Stat&us"),
            "registration_date": self.tr("Tanggal da&ftar"),
            "kpj_number": self.tr("Nomor &KPJ"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.birth_edit.setToolTip(self.tr("Ketik 8 angka: hhbbtttt"))
        self.registration_edit.setToolTip(self.tr("Ketik 8 angka: hhbbtttt"))
        self.jkk_check.setToolTip(Programme.JKK.label(language()))
        self.jkm_check.setToolTip(Programme.JKM.label(language()))
        self.jht_check.setToolTip(Programme.JHT.label(language()))
        self.open_existing_button.setText(self.tr("Buka data peserta itu"))
        self.save_button.setText(self.tr("&Simpan"))
        self.save_button.setToolTip(self.tr("Simpan (Enter)"))
        self.save_again_button.setText(self.tr("Simpan && &tambah lagi"))
        self.save_again_button.setToolTip(
            self.tr("Simpan, lalu kosongkan data orangnya untuk peserta berikutnya (Ctrl+Enter)")
        )
        self.cancel_button.setText(self.tr("Batal"))
        refill(self.gender_combo, enum_choices(Gender), ("—", ""))
        refill(self.occupation_combo, enum_choices(Occupation), ("—", ""))
        self._fill_roles()
        refill(self.funding_combo, enum_choices(FundingSource))
        refill(self.status_combo, enum_choices(ParticipantStatus))
        self.village_combo.lineEdit().setPlaceholderText(self.tr("Ketik nama desa…"))

    def _fill_roles(self, keep: str | None = None) -> None:
        """The positions of the chosen village's kind (every position with no village);
        a position already chosen stays offered."""
        kind = self._village_kinds.get(self.village_id() or "")
        offered = {r.value for r in roles_of_kind(kind)} if kind else None
        current = keep or self.role_combo.currentData()
        choices = [
            (label, code)
            for label, code in enum_choices(OfficialRole)
            if offered is None or code in offered or code == current
        ]
        refill(self.role_combo, choices, (self.tr("Bukan perangkat desa"), ""), keep=current)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.recheck()
        super().changeEvent(event)

    # -- loading --------------------------------------------------------------------

    def _load_villages(self) -> None:
        combo = self.village_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", "")
        for v in village_choices(self.ctx.db):
            self._village_kinds[v.id] = v.kind
            where = ", ".join(x for x in (v.kecamatan, short_regency(v.kabupaten)) if x)
            combo.addItem(f"{v.name} — {where}" if where else v.name, v.id)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)
        widen_popup(combo)

    def _select_village(self, village_id: str | None) -> None:
        self.village_combo.setCurrentIndex(max(0, self.village_combo.findData(village_id or "")))
        self.village_combo.lineEdit().setCursorPosition(0)  # the name, not the regency

    def _load(self, p: ParticipantRow) -> None:
        self.nik_edit.setText(p.nik or "")
        self.name_edit.setText(p.name)
        select_data(self.gender_combo, p.gender)
        self.birth_edit.set_date(p.birth_date)
        self.phone_edit.setText(normalise_phone(p.phone).display or (p.phone or ""))
        self.address_edit.setText(p.address)
        self._select_village(p.village_id)
        self._fill_roles(p.official_role)
        select_data(self.occupation_combo, p.occupation)
        select_data(self.role_combo, p.official_role)
        self.income_edit.set_value(p.monthly_income)
        for box, code in self._programme_boxes():
            box.setChecked(code in p.programmes)
        select_data(self.funding_combo, p.funding_source)
        select_data(self.status_combo, p.status)
        self.registration_edit.set_date(p.registration_date)
        self.kpj_edit.setText(p.kpj_number or "")
        self._autofilled.clear()

    # -- reading the form -----------------------------------------------------------

    def village_id(self) -> str | None:
        chosen = chosen_data(self.village_combo)
        return str(chosen) if chosen else None

    def current_input(self) -> ParticipantInput:
        return ParticipantInput(
            name=self.name_edit.text(),
            nik=self.nik_edit.text().strip() or None,
            gender=self.gender_combo.currentData() or None,
            birth_date=self.birth_edit.date(),
            phone=self.phone_edit.text().strip() or None,
            address=self.address_edit.text(),
            village_id=self.village_id(),
            occupation=self.occupation_combo.currentData() or None,
            official_role=self.role_combo.currentData() or None,
            monthly_income=self.income_edit.value(),
            programmes=frozenset(code for box, code in self._programme_boxes() if box.isChecked()),
            funding_source=self.funding_combo.currentData() or FundingSource.MANDIRI.value,
            status=self.status_combo.currentData() or ParticipantStatus.PROSPECT.value,
            registration_date=self.registration_edit.date(),
            kpj_number=self.kpj_edit.text().strip() or None,
        )

    def _form_issues(self) -> list[FieldIssue]:
        """What the widgets themselves know is wrong (a date that does not exist...)."""
        issues = []
        for key, field in (
            ("birth_date", self.birth_edit),
            ("registration_date", self.registration_edit),
        ):
            if not field.is_valid():
                issues.append(
                    FieldIssue(
                        key, "Tanggal tidak valid (hh/bb/tttt).", "Not a valid date (dd/mm/yyyy)."
                    )
                )
        if self.village_combo.currentText().strip() and self.village_id() is None:
            issues.append(
                FieldIssue(
                    "village_id", "Pilih desa dari daftar.", "Choose a village from the list."
                )
            )
        return issues

    # -- live checks ----------------------------------------------------------------

    def _nik_changed(self, text: str) -> None:
        self._check_timer.start()
        if len(nik_digits(text)) < NIK_DIGITS:
            self._show_duplicate(None)
            # Values the previous NIK filled in go with it.
            self._undo_autofill()

    def recheck(self) -> ParticipantCheck | None:
        """Check what is typed so far: NIK facts, warnings, duplicate, contribution."""
        self._check_timer.stop()
        data = self.current_input()
        try:
            check = check_participant(
                self.ctx.db, data, self.participant.id if self.participant else None
            )
        except UserError:
            return None
        self._last_check = check
        self._autofill(check)
        self._show_nik(check)
        self._show_duplicate(check.duplicate)
        self._show_contribution(check)
        return check

    def _phone_finished(self) -> None:
        check = normalise_phone(self.phone_edit.text())
        if check.ok:
            if check.display and check.display != self.phone_edit.text():
                self.phone_edit.setText(check.display)
            self.messages["phone"].clear_text()
        else:
            issues = [FieldIssue.from_problem("phone", p) for p in check.errors]
            self.messages["phone"].show_text("\n".join(i.message() for i in issues))

    def _funding_changed(self) -> None:
        if self.funding_combo.hasFocus():
            self._funding_touched = True
        self._check_timer.start()

    def _role_changed(self) -> None:
        if self.role_combo.currentData():
            # An official: by default an "aparatur desa", paid from the village budget.
            if not self.occupation_combo.currentData():
                select_data(self.occupation_combo, Occupation.APARATUR_DESA.value)
            if not self._funding_touched:
                select_data(self.funding_combo, FundingSource.APBDES.value)
        self._check_timer.start()

    def _status_changed(self) -> None:
        registered = self.status_combo.currentData() != ParticipantStatus.PROSPECT.value
        if registered and self.registration_edit.is_blank():
            self.registration_edit.set_date(date.today())
        self._check_timer.start()

    # -- saving ---------------------------------------------------------------------

    def _clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear_text()
        self.error_label.clear_text()

    def show_issues(self, issues: tuple[FieldIssue, ...] | list[FieldIssue]) -> None:
        """Put each problem under its field; anything without a field goes to the bottom."""
        self._clear_messages()
        self.saved_label.hide()  # a "Tersimpan" above new problems would mislead
        loose: list[str] = []
        first: QWidget | None = None
        by_field: dict[str, list[str]] = {}
        for issue in issues:
            by_field.setdefault(issue.field, []).append(issue.message())
        for key, texts in by_field.items():
            message = self.messages.get(key)
            if message is None:
                loose.extend(texts)
                continue
            message.show_text("\n".join(texts))
            if first is None:
                first = self._labels[key].buddy()
        if "nik" not in by_field and self._last_check is not None:
            self._show_nik(self._last_check)  # its warnings still stand
        if loose:
            self.error_label.show_text("\n".join(loose))
        if first is not None:
            first.setFocus()

    def save(self, again: bool = False) -> bool:
        """Save what is typed; True when it was saved."""
        check = self.recheck()  # what Enter saves is what was last typed, even within the delay
        self._phone_finished()
        issues = self._form_issues()
        if issues:
            # Every problem at once: the core's too, except on a field already flagged.
            flagged = {i.field for i in issues}
            found = check.errors if check is not None else ()
            self.show_issues(issues + [i for i in found if i.field not in flagged])
            return False
        db, data, editing = self.ctx.db, self.current_input(), self.participant

        def refused(exc: BaseException) -> bool:
            """Issues are shown beside their fields; other refusals in a message."""
            if isinstance(exc, ValidationError):
                self.show_issues(exc.issues)
                if isinstance(exc, DuplicateNikError):
                    self._show_duplicate(exc.existing)
                return True
            return False

        saved = run_change(
            self,
            None,
            lambda: (
                update_participant(db, editing.id, data)
                if editing
                else create_participant(db, data)
            ),
            changed=None,
            on_failure=refused,
        )
        if not saved.ok or saved.value is None:
            return False
        row = saved.value.row
        changed = [PARTICIPANTS]
        if self.session is not None and self.participant is None:
            counted = row.status in (
                ParticipantStatus.REGISTERED.value,
                ParticipantStatus.ACTIVE.value,
            )
            outcome = AttendanceOutcome.REGISTERED if counted else AttendanceOutcome.ATTENDED
            db, session_id = self.ctx.db, self.session.id
            recorded = run_change(
                self,
                None,
                lambda: record_attendance(db, session_id, row.id, outcome.value),
                changed=None,
            )
            if recorded.ok:
                changed.append(ATTENDANCE)
        self.last_saved = row
        self.ctx.bus.notify(*changed)
        self.saved.emit(row)
        if again and self.participant is None:
            self._next_person(row)
        else:
            self.accept()
        return True

    def _save_again_shortcut(self) -> None:
        if self.participant is None:
            self.save(again=True)
        else:
            self.save(again=False)

    def _next_person(self, row: ParticipantRow) -> None:
        """Clear the person, keep the village, the drive's choices and the session."""
        for edit in (
            self.nik_edit,
            self.name_edit,
            self.phone_edit,
            self.address_edit,
            self.kpj_edit,
        ):
            edit.clear()
        self.birth_edit.set_date(None)
        for combo in (self.gender_combo, self.occupation_combo, self.role_combo):
            combo.setCurrentIndex(0)
        self.income_edit.set_value(0)
        self._autofilled.clear()
        self._clear_messages()
        self._show_duplicate(None)
        self.saved_label.setText(
            self.tr("Tersimpan: %1. Lanjut peserta berikutnya.").replace("%1", row.name)
        )
        self.saved_label.show()
        self.recheck()
        self.nik_edit.setFocus()
        self.mark_clean()  # the next person, untouched, closes without a question

    def _open_existing(self) -> None:
        if self._duplicate is None:
            return
        participant_id = self._duplicate.id
        self.discard()  # the person typed is already registered: open that record instead
        self.open_participant_requested.emit(participant_id)
