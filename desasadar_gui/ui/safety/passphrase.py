"""The passphrase in the GUI: set it (or skip, warned), see the recovery key once,
unlock at start, and change it from Settings.

The work is done by ``services/security.py``; these dialogs only ask and tell. A wrong
passphrase is said inside the dialog (no message box), and the officer can try again
or type the recovery key in the same field.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.errors import UserError, current_language
from desasadar_gui.services import security
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.i18n import Retranslating
from desasadar_gui.ui.kit.layouts import (
    buddy_label,
    form_rows,
    heading_label,
    name_ok_cancel,
    ok_cancel,
    vbox,
    wrapped_label,
)

_ERROR_STYLE = "color: #c62828;"
_STRENGTH_COLOURS = ("#c62828", "#ef6c00", "#2e7d32", "#1b5e20")


def password_field(name: str, width: int = 280) -> QLineEdit:
    """A masked entry for a passphrase or a workbook password."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(width)
    return field


def error_label(name: str = "passphraseError") -> QLabel:
    """The red line under a password field that says what was wrong (hidden until then)."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _message(error: UserError) -> str:
    return error.message(current_language())


class _NewPassphraseFields:
    """The new passphrase, a line on its strength and the passphrase again: asked by
    the dialogs that set and that change it."""

    def _new_passphrase_rows(self) -> tuple[tuple[QWidget | str, QWidget], ...]:
        self.first = password_field("newPassphrase")
        self.second = password_field("repeatPassphrase")
        self.first_label = buddy_label(self.first)
        self.second_label = buddy_label(self.second)
        self.strength = QLabel()
        self.strength.setObjectName("passphraseStrength")
        return ((self.first_label, self.first), ("", self.strength),
                (self.second_label, self.second))  # fmt: skip


class SetPassphraseDialog(Retranslating, _NewPassphraseFields, QDialog):
    """Ask for a new passphrase twice (with a strength hint), or skip it after a
    warning. ``outcome``: SET (``passphrase`` holds it), SKIP, or QUIT."""

    SET = "set"
    SKIP = "skip"
    QUIT = "quit"

    def __init__(self, existing_data: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SetPassphraseDialog")
        self.setModal(True)
        self.outcome = self.QUIT
        self.passphrase = ""
        self.existing_data = existing_data
        self.heading = heading_label()
        self.intro = wrapped_label()
        form = form_rows(*self._new_passphrase_rows())
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.protect_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.protect_button.setObjectName("protectButton")
        self.protect_button.setDefault(True)
        self.skip_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.skip_button.setObjectName("skipButton")
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.protect_button.clicked.connect(self.protect)
        self.skip_button.clicked.connect(self.skip)
        self.quit_button.clicked.connect(self.reject)
        vbox(self.heading, self.intro, form, self.error, self.buttons, owner=self)
        self.first.textChanged.connect(self._show_strength)
        self.retranslate_ui()
        self._show_strength()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Lindungi data dengan kata sandi"))
        self.heading.setText(self.tr("Lindungi data peserta dengan kata sandi"))
        intro = self.tr(
            "Basis data berisi NIK, nama, nomor HP dan penghasilan banyak orang. Dengan "
            "kata sandi, basis data dan semua cadangannya dienkripsi: laptop yang hilang "
            "tidak membocorkan apa pun. Kata sandi ditanyakan setiap kali aplikasi dibuka "
            "dan setelah laptop lama tidak dipakai."
        )
        if self.existing_data:
            intro += " " + self.tr(
                "Data yang sudah ada dan cadangannya akan dienkripsi sekarang (beberapa "
                "detik sampai beberapa menit)."
            )
        self.intro.setText(intro)
        self.first_label.setText(self.tr("&Kata sandi baru"))
        self.second_label.setText(self.tr("&Ulangi kata sandi"))
        self.protect_button.setText(self.tr("Lindungi"))
        self.skip_button.setText(self.tr("Lewati (tidak disarankan)"))
        self.quit_button.setText(self.tr("Keluar"))
        self._show_strength()

    def _show_strength(self) -> None:
        text = self.first.text()
        if not text:
            self.strength.setText(
                self.tr("Minimal %1 karakter; 3 kata atau lebih lebih mudah diingat.").replace(
                    "%1", str(security.MIN_LENGTH)
                )
            )
            self.strength.setStyleSheet("color: #5f6368;")
            return
        level, hint_id, hint_en = security.strength(text)
        self.strength.setText(hint_en if current_language() == "en" else hint_id)
        self.strength.setStyleSheet(f"color: {_STRENGTH_COLOURS[level]};")

    def protect(self) -> None:
        try:
            security.check_new_passphrase(self.first.text(), self.second.text())
        except UserError as exc:
            self.error.setText(_message(exc))
            self.error.show()
            self.second.clear()
            self.second.setFocus()
            return
        self.passphrase = self.first.text()
        self.outcome = self.SET
        self.accept()

    def skip(self) -> None:
        warning = self.tr(
            "Tanpa kata sandi, siapa pun yang memegang laptop ini bisa membaca NIK, nama, "
            "nomor HP dan penghasilan semua peserta, juga dari cadangannya. UU 27/2022 "
            "tentang Pelindungan Data Pribadi mewajibkan data ini dilindungi.\n\n"
            "Lanjut tanpa kata sandi? Kata sandi bisa dipasang nanti lewat Pengaturan."
        )
        if messages.confirm(self, warning, self.tr("Lanjut tanpa kata sandi?")):
            self.outcome = self.SKIP
            self.accept()


class RecoveryKeyDialog(Retranslating, QDialog):
    """The recovery key, shown once; closes only after "I wrote it down"."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryKeyDialog")
        self.setModal(True)
        self.intro = wrapped_label()
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.key_label.text())
        )
        self.confirm_check = QCheckBox()
        self.confirm_check.setObjectName("wroteItDown")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.confirm_check.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.key_label)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addSpacing(8)
        layout.addWidget(self.confirm_check)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kunci pemulihan"))
        self.intro.setText(
            self.tr(
                "Ini kunci pemulihan basis data Anda. Tulis di kertas dan serahkan ke "
                "supervisor: bila kata sandi lupa, hanya kunci ini yang bisa membuka data. "
                "Kunci ini hanya ditampilkan sekali."
            )
        )
        self.copy_button.setText(self.tr("Salin"))
        self.confirm_check.setText(self.tr("Saya sudah menuliskan kunci pemulihan ini"))
        self.ok_button.setText(self.tr("Lanjut"))

    def reject(self) -> None:  # Escape or the close box: only after writing it down
        if self.confirm_check.isChecked():
            super().reject()

    def done(self, result: int) -> None:
        if self.confirm_check.isChecked():
            super().done(result)


class UnlockDialog(Retranslating, QDialog):
    """The passphrase (or the recovery key) for an encrypted database. At start-up it
    unlocks the file; as the idle lock it checks the passphrase again."""

    def __init__(
        self, db_path: Path, parent: QWidget | None = None, *, idle_lock: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("UnlockDialog")
        self.db_path = Path(db_path)
        self.idle_lock = idle_lock
        self.heading = heading_label()
        self.intro = wrapped_label()
        self.secret = password_field("unlockPassphrase")
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quitButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self._close_app if idle_lock else self.reject)
        vbox(self.heading, self.intro, self.secret, self.error, self.buttons, owner=self)
        self.secret.setFocus()
        self.retranslate_ui()
        # Wide enough that the intro and a "wrong passphrase" line do not wrap into a
        # narrow column (at 1366x768 a 440 px dialog is still small).
        self.setMinimumWidth(440)

    def retranslate_ui(self) -> None:
        if self.idle_lock:
            self.setWindowTitle(self.tr("Desa Sadar terkunci"))
            self.heading.setText(self.tr("Terkunci karena lama tidak dipakai"))
        else:
            self.setWindowTitle(self.tr("Buka basis data"))
            self.heading.setText(self.tr("Basis data dilindungi kata sandi"))
        self.intro.setText(
            self.tr(
                "Masukkan kata sandi untuk %1. Lupa kata sandi? Ketik kunci pemulihan dari "
                "supervisor (8 kelompok 4 huruf/angka) di kolom yang sama."
            ).replace("%1", self.db_path.name)
        )
        self.unlock_button.setText(self.tr("Buka kunci") if self.idle_lock else self.tr("Buka"))
        self.quit_button.setText(self.tr("Tutup aplikasi") if self.idle_lock else self.tr("Keluar"))

    def reject(self) -> None:
        """At start-up: quit. As the idle lock, Escape does nothing; "Close the app"
        asks first (what is typed in open forms would be lost)."""
        if not self.idle_lock:
            super().reject()

    def _close_app(self) -> None:
        question = self.tr("Tutup aplikasi? Isian formulir yang belum disimpan akan hilang.")
        if messages.confirm(self, question, self.tr("Tutup aplikasi")):
            super().reject()

    def try_unlock(self) -> None:
        secret = self.secret.text()
        if not secret:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            security.unlock(self.db_path, secret)
        except UserError as exc:
            self.error.setText(_message(exc))
            self.error.show()
            self.secret.clear()
            self.secret.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.secret.clear()
        self.error.hide()
        self.accept()


class ChangePassphraseDialog(Retranslating, _NewPassphraseFields, QDialog):
    """Settings: a new passphrase, after the old one (or the recovery key)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangePassphraseDialog")
        self.db_path = Path(db_path)
        self.intro = wrapped_label()
        self.old = password_field("oldPassphrase")
        self.old_label = buddy_label(self.old)
        form = form_rows((self.old_label, self.old), *self._new_passphrase_rows())
        self.error = error_label()
        self.buttons = ok_cancel(self, self.change)
        vbox(self.intro, form, self.error, self.buttons, owner=self)
        self.first.textChanged.connect(self._show_strength)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ganti kata sandi"))
        self.intro.setText(
            self.tr(
                "Kata sandi lama langsung tidak berlaku lagi. Cadangan tetap bisa dibuka, "
                "dan kunci pemulihan yang dipegang supervisor tetap berlaku."
            )
        )
        self.old_label.setText(self.tr("Kata sandi &lama (atau kunci pemulihan)"))
        self.first_label.setText(self.tr("Kata sandi &baru"))
        self.second_label.setText(self.tr("&Ulangi kata sandi baru"))
        name_ok_cancel(self.buttons, self.tr("Ganti"), self.tr("Batal"))

    def _show_strength(self) -> None:
        level, hint_id, hint_en = security.strength(self.first.text())
        self.strength.setText(hint_en if current_language() == "en" else hint_id)
        self.strength.setStyleSheet(f"color: {_STRENGTH_COLOURS[level]};")

    def change(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            security.check_new_passphrase(self.first.text(), self.second.text())
            security.change_passphrase(self.db_path, self.old.text(), self.first.text())
        except UserError as exc:
            self.error.setText(_message(exc))
            self.error.show()
            return
        except OSError as exc:
            from desasadar_gui.services.oserrors import describe_os_error

            self.error.setText(_message(describe_os_error(exc)))
            self.error.show()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        messages.show_info(self, self.tr("Kata sandi sudah diganti."), self.tr("Ganti kata sandi"))
        self.accept()
