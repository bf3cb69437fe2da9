"""Add or edit a village (desa / kelurahan / pasar).

With region reference data loaded, a new village is picked kabupaten -> kecamatan ->
desa by code, which fills its names and kind and gives it the id derived from the
code (the same on every laptop); without it, or with "isi manual", names are free text.
Problems found by the service are shown in the dialog, next to the fields.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIntValidator, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import VillageKind, VillageStatus
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.errors import UserError
from desasadar_gui.services import regions
from desasadar_gui.services.validation import ValidationError
from desasadar_gui.services.villages import (
    VillageInput,
    VillageRow,
    create_village,
    update_village,
)
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.discard_guard import AsksBeforeDiscarding
from desasadar_gui.ui.kit.form_fields import (
    FieldMessage,
    date_edit,
    make_searchable,
    refill,
    show_field_messages,
    with_message,
)
from desasadar_gui.ui.kit.i18n import Retranslating, enum_choices
from desasadar_gui.ui.kit.layouts import ok_cancel

_ERROR_STYLE = "border: 1px solid #c62828;"


class VillageDialog(Retranslating, AsksBeforeDiscarding, QDialog):
    def __init__(self, ctx: UiContext, village: VillageRow | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.village = village
        self.saved: VillageRow | None = None
        self._region_code: str | None = village.region_code if village else None
        self._region_version: str | None = village.region_version if village else None
        self._use_picker = use_picker = village is None and regions.has_regions(ctx.db)

        self.setObjectName("VillageDialog")
        self.setMinimumWidth(560)
        # Names that come from the region reference look read-only, not just are.
        self.setStyleSheet('QLineEdit[readOnly="true"] { background: palette(window); }')

        # Region picker (new villages, when reference data exists).
        self.region_box = QGroupBox()
        self.regency_combo = QComboBox()
        self.district_combo = QComboBox()
        self.village_combo = QComboBox()
        for combo in (self.regency_combo, self.district_combo, self.village_combo):
            make_searchable(combo)
        self.manual_check = QCheckBox()
        self.code_label = QLabel()
        self.code_label.setObjectName("regionCode")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        region_form = QFormLayout(self.region_box)
        self.regency_label = QLabel()
        self.district_label = QLabel()
        self.village_label = QLabel()
        self.regency_label.setBuddy(self.regency_combo)
        self.district_label.setBuddy(self.district_combo)
        self.village_label.setBuddy(self.village_combo)
        region_form.addRow(self.regency_label, self.regency_combo)
        region_form.addRow(self.district_label, self.district_combo)
        region_form.addRow(self.village_label, self.village_combo)
        region_form.addRow("", self.manual_check)

        # The village itself.
        self.kind_combo = QComboBox()
        self.name_edit = QLineEdit()
        self.kecamatan_edit = QLineEdit()
        self.kabupaten_edit = QLineEdit()
        self.head_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText("08xx-xxxx-xxxx")
        self.workers_edit = QLineEdit()
        self.workers_edit.setValidator(QIntValidator(0, 10_000_000, self))
        self.status_combo = QComboBox()
        self.launch_edit = date_edit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(64)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        self.messages: dict[str, FieldMessage] = {}
        for key, widget in self._fields().items():
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            cell, self.messages[key] = with_message(widget, key)
            self.form.addRow(label, cell)
        self.form.addRow("", self.code_label)

        self.error_label = FieldMessage()  # problems of no field shown
        self.error_label.setObjectName("formErrors")

        self.buttons = ok_cancel(self, self.save, QDialogButtonBox.StandardButton.Save)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setShortcut(
            QKeySequence("Ctrl+S")
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.region_box)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.region_box.setVisible(use_picker)  # after parenting: never a window of its own

        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.regency_combo.currentIndexChanged.connect(self._regency_changed)
        self.district_combo.currentIndexChanged.connect(self._district_changed)
        self.village_combo.currentIndexChanged.connect(self._village_changed)
        self.manual_check.toggled.connect(self._manual_toggled)

        self.retranslate_ui()
        self._load(village)
        if use_picker:
            self._load_regencies()
            self.regency_combo.setFocus()
        self._lock_region_fields()
        if not use_picker:
            (self.head_edit if self.name_edit.isReadOnly() else self.name_edit).setFocus()
        self.mark_clean()

    def _fields(self) -> dict[str, QWidget]:
        return {
            "kind": self.kind_combo,
            "name": self.name_edit,
            "kecamatan": self.kecamatan_edit,
            "kabupaten": self.kabupaten_edit,
            "head_name": self.head_edit,
            "contact_phone": self.phone_edit,
            "est_informal_workers": self.workers_edit,
            "status": self.status_combo,
            "launch_date": self.launch_edit,
            "notes": self.notes_edit,
        }

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ubah desa") if self.village else self.tr("Tambah desa"))
        self.region_box.setTitle(self.tr("Pilih dari data wilayah Kemendagri"))
        self.regency_label.setText(self.tr("&Kabupaten/Kota"))
        self.district_label.setText(self.tr("K&ecamatan"))
        self.village_label.setText(self.tr("&Desa/Kelurahan"))
        self.manual_check.setText(self.tr("Isi manual (tanpa kode wilayah, mis. pasar)"))
        texts = {
            "kind": self.tr("&Jenis"),
            "name": self.tr("&Nama *"),
            "kecamatan": self.tr("Kecamatan"),
            "kabupaten": self.tr("Kabupaten/Kota"),
            "head_name": self.tr("Kepala desa/&pimpinan"),
            "contact_phone": self.tr("&Telepon kontak"),
            "est_informal_workers": self.tr("Perkiraan pekerja &informal"),
            "status": self.tr("&Status"),
            "launch_date": self.tr("Tanggal pe&luncuran"),
            "notes": self.tr("Cat&atan"),
        }
        for key, text in texts.items():
            self._labels[key].setText(text)
        self.workers_edit.setPlaceholderText(self.tr("belum diketahui"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        refill(self.kind_combo, enum_choices(VillageKind))
        refill(self.status_combo, enum_choices(VillageStatus))
        self._show_code()

    # -- loading and region picking ----------------------------------------------

    def _load(self, village: VillageRow | None) -> None:
        if village is None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(VillageKind.DESA.value))
            self.status_combo.setCurrentIndex(
                self.status_combo.findData(VillageStatus.PROSPECT.value)
            )
            self._status_changed()
            return
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(village.kind)))
        self.name_edit.setText(village.name)
        self.kecamatan_edit.setText(village.kecamatan)
        self.kabupaten_edit.setText(village.kabupaten)
        self.head_edit.setText(village.head_name)
        self.phone_edit.setText(display_phone(village.contact_phone))
        if village.est_informal_workers is not None:
            self.workers_edit.setText(str(village.est_informal_workers))
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(village.status)))
        if village.launch_date:
            d = village.launch_date
            self.launch_edit.setDate(QDate(d.year, d.month, d.day))
        self.notes_edit.setPlainText(village.notes)
        self._status_changed()

    def _picking(self) -> bool:
        return self._use_picker and not self.manual_check.isChecked()

    def _lock_region_fields(self) -> None:
        """Names of a village with a region code come from the reference."""
        locked = self._picking() or bool(self.village and self.village.region_code)
        for edit in (self.name_edit, self.kecamatan_edit, self.kabupaten_edit):
            edit.setReadOnly(locked)
            edit.style().unpolish(edit)  # re-read the [readOnly] style rule
            edit.style().polish(edit)
        self.kind_combo.setEnabled(not locked)
        for combo in (self.regency_combo, self.district_combo, self.village_combo):
            combo.setEnabled(not self.manual_check.isChecked())

    def _set_items(self, combo: QComboBox, items: list[regions.RegionItem]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for item in items:
            combo.addItem(item.name, item.code)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)

    def _load_regencies(self) -> None:
        self._set_items(self.regency_combo, regions.list_regencies(self.ctx.db))
        self._set_items(self.district_combo, [])
        self._set_items(self.village_combo, [])

    def _regency_changed(self) -> None:
        code = self.regency_combo.currentData()
        self._set_items(
            self.district_combo, regions.list_districts(self.ctx.db, code) if code else []
        )
        self._set_items(self.village_combo, [])
        self._apply_place(None)

    def _district_changed(self) -> None:
        code = self.district_combo.currentData()
        self._set_items(
            self.village_combo, regions.list_villages(self.ctx.db, code) if code else []
        )
        self._apply_place(None)

    def _village_changed(self) -> None:
        code = self.village_combo.currentData()
        place = regions.describe_village_code(self.ctx.db, code) if code else None
        self._apply_place(place)

    def _apply_place(self, place: regions.VillagePlace | None) -> None:
        if place is None:
            self._region_code = self._region_version = None
            if self._picking():
                self.name_edit.clear()
                self.kecamatan_edit.setText(self.district_combo.currentText())
                self.kabupaten_edit.setText(self.regency_combo.currentText())
        else:
            self._region_code, self._region_version = place.code, place.dataset_version
            self.name_edit.setText(place.name)
            self.kecamatan_edit.setText(place.kecamatan)
            self.kabupaten_edit.setText(place.kabupaten)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(place.kind)))
        self._show_code()

    def select_region(self, regency: str, district: str, village: str) -> None:
        """Pick a village by its codes (keyboard users type names; tests use codes)."""
        for combo, code in (
            (self.regency_combo, regency),
            (self.district_combo, district),
            (self.village_combo, village),
        ):
            combo.setCurrentIndex(combo.findData(code))

    def _manual_toggled(self, manual: bool) -> None:
        if manual:
            self._region_code = self._region_version = None
        else:
            self._village_changed()
        self._lock_region_fields()
        self._show_code()
        (self.name_edit if manual else self.regency_combo).setFocus()

    def _show_code(self) -> None:
        if self._region_code:
            self.code_label.setText(self.tr("Kode wilayah: %1").replace("%1", self._region_code))
            self.code_label.show()
        else:
            self.code_label.hide()

    def _status_changed(self) -> None:
        launched = self.status_combo.currentData() == VillageStatus.LAUNCHED.value
        self.launch_edit.setEnabled(launched)

    # -- saving -------------------------------------------------------------------

    def value(self) -> VillageInput:
        workers = self.workers_edit.text().strip()
        launched = self.status_combo.currentData() == VillageStatus.LAUNCHED.value
        qd = self.launch_edit.date()
        return VillageInput(
            name=self.name_edit.text(),
            kind=self.kind_combo.currentData() or VillageKind.DESA.value,
            kecamatan=self.kecamatan_edit.text(),
            kabupaten=self.kabupaten_edit.text(),
            region_code=self._region_code,
            region_version=self._region_version,
            head_name=self.head_edit.text(),
            contact_phone=self.phone_edit.text().strip() or None,
            est_informal_workers=int(workers) if workers else None,
            status=self.status_combo.currentData() or VillageStatus.PROSPECT.value,
            launch_date=date(qd.year(), qd.month(), qd.day()) if launched else None,
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> None:
        if self._picking() and not self._region_code:
            self._show_errors(
                [("name", self.tr("Pilih desa/kelurahan dari daftar, atau centang isi manual."))]
            )
            self.village_combo.setFocus()
            return
        data = self.value()
        try:
            if self.village is None:
                self.saved = create_village(self.ctx.db, data)
            else:
                self.saved = update_village(self.ctx.db, self.village.id, data)
        except ValidationError as exc:
            self._show_errors([(i.field, i.message()) for i in exc.issues])
            return
        except UserError as exc:
            self._show_errors([("", exc.message())])
            return
        self.accept()

    def _show_errors(self, issues: list[tuple[str, str]]) -> None:
        """Every problem at once, each under its field (a red frame around the field)."""
        fields = self._fields()
        flagged = show_field_messages(self.messages, issues, self.error_label)
        for key, widget in fields.items():
            widget.setStyleSheet(_ERROR_STYLE if key in flagged else "")
        for key in fields:
            if key in flagged and fields[key].isEnabled():
                fields[key].setFocus()
                break
