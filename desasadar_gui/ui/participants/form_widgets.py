"""The participant form's widgets: how they are built and laid out, and how they show
the live checks of the NIK, a duplicate and the contribution.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.services.participants import ParticipantCheck, ParticipantRow
from desasadar_gui.services.sessions import SessionRow
from desasadar_gui.ui.kit.form_fields import (
    INFO_COLOUR,
    WARNING_COLOUR,
    DateField,
    FieldMessage,
    RupiahEdit,
    make_searchable,
    with_message,
)
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.layouts import STRETCH, hbox, vbox

NIK_DIGITS = 16


def select_data(combo: QComboBox, value: str | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value or "")))


def nik_digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class ParticipantFormWidgets(QDialog):
    """The widgets of the participant form and their layout, and how they show the live
    checks of what is typed. :class:`ParticipantForm` adds the texts, reading and
    saving; the texts keep its translation context ("ParticipantForm")."""

    # Set by ParticipantForm before the widgets are built.
    participant: ParticipantRow | None
    session: SessionRow | None
    _autofilled: dict[str, object]
    _duplicate: ParticipantRow | None

    # -- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.session_label = QLabel()
        self.session_label.setObjectName("sessionLine")
        self.session_label.setStyleSheet(f"color: {INFO_COLOUR};")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLine")
        self.saved_label.setStyleSheet("color: #15803d; font-weight: 600;")
        self.saved_label.hide()

        self.nik_edit = QLineEdit()
        self.nik_edit.setMaxLength(24)  # 16 digits, with the spaces or dots people paste
        self.nik_edit.setPlaceholderText("16 digit")
        self.open_existing_button = QPushButton()
        self.open_existing_button.setObjectName("openExisting")
        self.open_existing_button.setAutoDefault(False)
        self.open_existing_button.hide()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.gender_combo = QComboBox()
        self.birth_edit = DateField()
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(24)
        self.phone_edit.setPlaceholderText("08xx-xxxx-xxxx")
        self.address_edit = QLineEdit()
        self.village_combo = QComboBox()
        make_searchable(self.village_combo)
        self.village_combo.setMinimumContentsLength(24)
        self.village_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )

        self.occupation_combo = QComboBox()
        self.role_combo = QComboBox()
        self.income_edit = RupiahEdit()
        self.income_edit.setMaximumWidth(160)
        self.jkk_check = QCheckBox("JKK")
        self.jkm_check = QCheckBox("JKM")
        self.jht_check = QCheckBox("JHT")
        self.funding_combo = QComboBox()
        self.status_combo = QComboBox()
        self.registration_edit = DateField()
        self.kpj_edit = QLineEdit()
        self.kpj_edit.setMaxLength(20)
        self.kpj_edit.setMaximumWidth(200)

        self.messages: dict[str, FieldMessage] = {}
        self._labels: dict[str, QLabel] = {}

        programmes = QWidget()
        row = QHBoxLayout(programmes)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.jkk_check, self.jkm_check, self.jht_check):
            row.addWidget(box)
        row.addStretch(1)

        nik_row = QWidget()
        nik_layout = QHBoxLayout(nik_row)
        nik_layout.setContentsMargins(0, 0, 0, 0)
        nik_layout.addWidget(self.nik_edit, 1)
        nik_layout.addWidget(self.open_existing_button)

        self.person_box = QGroupBox()
        self.person_form = self._form(
            self.person_box,
            [
                ("nik", nik_row, self.nik_edit),
                ("name", self.name_edit, None),
                ("gender", self.gender_combo, None),
                ("birth_date", self.birth_edit, None),
                ("phone", self.phone_edit, None),
                ("address", self.address_edit, None),
                ("village_id", self.village_combo, None),
            ],
        )
        self.membership_box = QGroupBox()
        self.membership_form = self._form(
            self.membership_box,
            [
                ("occupation", self.occupation_combo, None),
                ("official_role", self.role_combo, None),
                ("monthly_income", self.income_edit, None),
                ("programmes", programmes, self.jkk_check),
                ("funding_source", self.funding_combo, None),
                ("status", self.status_combo, None),
                ("registration_date", self.registration_edit, None),
                ("kpj_number", self.kpj_edit, None),
            ],
        )

        self.contribution_box = QGroupBox()
        self.contribution_label = QLabel()
        self.contribution_label.setObjectName("contributionBreakdown")
        self.contribution_label.setTextFormat(Qt.TextFormat.RichText)
        vbox(self.contribution_label, owner=self.contribution_box)

        right = vbox(self.membership_box, self.contribution_box, STRETCH)
        left = vbox(self.person_box, STRETCH)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.error_label = FieldMessage()
        self.error_label.setObjectName("formErrors")

        self.save_button = QPushButton()
        self.save_again_button = QPushButton()
        self.cancel_button = QPushButton()
        self.buttons = hbox(STRETCH, self.save_again_button, self.save_button, self.cancel_button)
        self.save_button.setObjectName("saveButton")
        self.save_again_button.setObjectName("saveAgainButton")
        self.save_button.setDefault(True)
        self.save_again_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.session_label)
        layout.addWidget(self.saved_label)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addLayout(self.buttons)
        # Only once parented: a widget shown without a parent becomes a window.
        self.session_label.setVisible(self.session is not None)
        self.save_again_button.setVisible(self.participant is None)

        # Tab order: down the person's details, then down the membership.
        order = [
            self.nik_edit, self.name_edit, self.gender_combo, self.birth_edit,
            self.phone_edit, self.address_edit, self.village_combo, self.occupation_combo,
            self.role_combo, self.income_edit, self.jkk_check, self.jkm_check,
            self.jht_check, self.funding_combo, self.status_combo, self.registration_edit,
            self.kpj_edit, self.save_again_button, self.save_button, self.cancel_button,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _form(self, box: QGroupBox, rows: list[tuple[str, QWidget, QWidget | None]]) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(4)
        for key, widget, buddy in rows:
            label = QLabel()
            label.setBuddy(buddy or widget)
            cell, message = with_message(widget, key)
            form.addRow(label, cell)
            self._labels[key] = label
            self.messages[key] = message
        return form

    def _programme_boxes(self) -> tuple[tuple[QCheckBox, str], ...]:
        return ((self.jkk_check, "jkk"), (self.jkm_check, "jkm"), (self.jht_check, "jht"))

    # -- showing the live checks -----------------------------------------------------

    def _autofill(self, check: ParticipantCheck) -> None:
        nik = check.nik
        if nik is None or nik.nik is None or not nik.ok:
            return
        if nik.gender and (not self.gender_combo.currentData() or "gender" in self._autofilled):
            self.gender_combo.blockSignals(True)
            select_data(self.gender_combo, nik.gender)
            self.gender_combo.blockSignals(False)
            self._autofilled["gender"] = nik.gender
        if nik.birth_date and (self.birth_edit.is_blank() or "birth_date" in self._autofilled):
            self.birth_edit.blockSignals(True)
            self.birth_edit.set_date(nik.birth_date)
            self.birth_edit.blockSignals(False)
            self._autofilled["birth_date"] = nik.birth_date

    def _undo_autofill(self) -> None:
        if self._autofilled.get("gender") == self.gender_combo.currentData():
            self.gender_combo.blockSignals(True)
            self.gender_combo.setCurrentIndex(0)
            self.gender_combo.blockSignals(False)
        if (
            "birth_date" in self._autofilled
            and self.birth_edit.date() == self._autofilled["birth_date"]
        ):
            self.birth_edit.blockSignals(True)
            self.birth_edit.set_date(None)
            self.birth_edit.blockSignals(False)
        self._autofilled.clear()

    def _show_nik(self, check: ParticipantCheck) -> None:
        message = self.messages["nik"]
        digits = len(nik_digits(self.nik_edit.text()))
        if digits == 0:
            message.clear_text()
            return
        if digits < NIK_DIGITS and self.nik_edit.hasFocus():
            message.show_text(
                QCoreApplication.translate("ParticipantForm", "%1 dari 16 digit").replace(
                    "%1", str(digits)
                ),
                INFO_COLOUR,
            )
            return
        errors = [i for i in check.errors if i.field == "nik"]
        warnings = [i for i in check.warnings if i.field == "nik"]
        if errors:
            message.show_text("\n".join(i.message() for i in errors))
        elif warnings:
            message.show_text("\n".join(i.message() for i in warnings), WARNING_COLOUR)
        elif self._autofilled:
            message.show_text(
                QCoreApplication.translate(
                    "ParticipantForm", "Jenis kelamin dan tanggal lahir diisi dari NIK."
                ),
                INFO_COLOUR,
            )
        else:
            message.clear_text()

    def _show_duplicate(self, existing: ParticipantRow | None) -> None:
        self._duplicate = existing
        self.open_existing_button.setVisible(existing is not None)
        if existing is not None:
            place = f" ({existing.village_name})" if existing.village_name else ""
            self.messages["nik"].show_text(
                QCoreApplication.translate(
                    "ParticipantForm", "NIK ini sudah terdaftar atas nama %1."
                ).replace("%1", existing.name + place)
            )

    def _show_contribution(self, check: ParticipantCheck) -> None:
        c = check.contribution
        if c is None:
            text = QCoreApplication.translate("ParticipantForm", "Pilih setidaknya satu program.")
            self.contribution_label.setText(
                f"<span style='color:{INFO_COLOUR}'>{escape(text)}</span>"
            )
            return
        lines = c.lines(language())
        cells = []
        for i, (label, amount) in enumerate(lines):
            total = i == len(lines) - 1
            style = " style='font-weight:600; border-top:1px solid #9ca3af'" if total else ""
            cells.append(
                f"<tr><td{style}>{escape(label)}</td>"
                f"<td align='right'{style}>&nbsp;&nbsp;{escape(format_rupiah(amount))}</td></tr>"
            )
        self.contribution_label.setText(
            "<table cellspacing='0' cellpadding='1' width='100%'>" + "".join(cells) + "</table>"
        )
