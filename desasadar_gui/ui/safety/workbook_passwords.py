"""A password for a sync workbook: chosen when exporting, asked when importing one.

The encryption itself is ``sync/workbook_password.py`` (through the one export and the
one import); these dialogs only ask. A wrong password is said inside the dialog, and
the officer can try again.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.errors import UserError, current_language
from desasadar_gui.sync.workbook_password import MIN_LENGTH, check_new_password
from desasadar_gui.ui.kit.layouts import STRETCH, buddy_label, form_rows, vbox, wrapped_label
from desasadar_gui.ui.safety.passphrase import error_label, password_field


class ExportProtectionDialog(QDialog):
    """Before an export: protect the workbook with a password, or not. After
    ``exec()`` accepted, ``password`` is the chosen password or None."""

    def __init__(self, protect: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportProtectionDialog")
        self.setModal(True)
        self.password: str | None = None
        self.protect_check = QCheckBox()
        self.protect_check.setObjectName("protectWorkbook")
        self.intro = wrapped_label()
        self.first = password_field("workbookPassword", 260)
        self.second = password_field("repeatWorkbookPassword", 260)
        self.first_label = buddy_label(self.first)
        self.second_label = buddy_label(self.second)
        self.hint = wrapped_label()
        self.error = error_label("workbookPasswordError")
        form = form_rows(
            (self.first_label, self.first), (self.second_label, self.second), ("", self.hint)
        )
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.reject)
        vbox(self.protect_check, self.intro, form, self.error, STRETCH, self.buttons, owner=self)
        self.protect_check.toggled.connect(self._protect_toggled)
        self.protect_check.setChecked(protect)
        self._protect_toggled(protect)
        self.retranslate_ui()
        self.setMinimumWidth(520)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ekspor buku kerja"))
        self.protect_check.setText(self.tr("&Lindungi buku kerja dengan kata sandi"))
        self.intro.setText(
            self.tr(
                "Buku kerja berisi NIK, nama dan nomor HP. Dengan kata sandi, Excel dan "
                "LibreOffice menanyakannya sebelum membuka berkas, dan impor juga. "
                "Sampaikan kata sandi ke penyelia lewat jalur lain (telepon), bukan "
                "bersama berkasnya."
            )
        )
        self.first_label.setText(self.tr("&Kata sandi"))
        self.second_label.setText(self.tr("&Ulangi kata sandi"))
        self.hint.setText(self.tr("Minimal %1 karakter.").replace("%1", str(MIN_LENGTH)))
        self.export_button.setText(self.tr("Ekspor"))
        self.cancel_button.setText(self.tr("Batal"))

    def _protect_toggled(self, on: bool) -> None:
        for widget in (self.first, self.second, self.first_label, self.second_label):
            widget.setEnabled(on)
        self.hint.setEnabled(on)
        self.error.hide()
        if on:
            self.first.setFocus()

    def export(self) -> None:
        if not self.protect_check.isChecked():
            self.password = None
            self.accept()
            return
        try:
            check_new_password(self.first.text(), self.second.text())
        except UserError as exc:
            self.error.setText(exc.message(current_language()))
            self.error.show()
            self.second.clear()
            self.first.setFocus()
            self.first.selectAll()
            return
        self.password = self.first.text()
        self.accept()


class WorkbookPasswordDialog(QDialog):
    """The password of a protected workbook being imported; ``wrong`` shows that the
    last one did not open it. After ``exec()`` accepted, ``password`` holds it."""

    def __init__(self, file_name: str, wrong: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WorkbookPasswordDialog")
        self.setModal(True)
        self.file_name = file_name
        self.password = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.field = password_field("workbookPassword", 260)
        self.field_label = QLabel()
        self.field_label.setBuddy(self.field)
        self.error = error_label("workbookPasswordError")
        if wrong:
            self.error.setText(wrong)
            self.error.show()
        form = QFormLayout()
        form.addRow(self.field_label, self.field)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("openButton")
        self.open_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self.open_file)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.setMinimumWidth(480)
        self.field.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Buku kerja berkata sandi"))
        self.intro.setText(
            self.tr("Buku kerja '%1' dilindungi kata sandi. Masukkan kata sandinya.").replace(
                "%1", self.file_name
            )
        )
        self.field_label.setText(self.tr("&Kata sandi"))
        self.open_button.setText(self.tr("Buka"))
        self.cancel_button.setText(self.tr("Batal"))

    def open_file(self) -> None:
        if not self.field.text():
            self.field.setFocus()
            return
        self.password = self.field.text()
        self.accept()
