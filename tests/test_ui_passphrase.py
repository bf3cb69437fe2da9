"""The passphrase in the GUI (offscreen): first run sets one (or skips it, warned), the
recovery key is shown once, unlock at start with retry, the idle lock, and changing or
setting the passphrase in Settings."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import PASSPHRASE, RECOVERY_KEYS
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from desasadar_gui import app as app_module
from desasadar_gui.db import cipher
from desasadar_gui.services import security
from desasadar_gui.services.database import Database
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.safety import protection
from desasadar_gui.ui.safety.idle_lock import Cover
from desasadar_gui.ui.safety.passphrase import (
    ChangePassphraseDialog,
    RecoveryKeyDialog,
    SetPassphraseDialog,
    UnlockDialog,
)

NEW = "teh kayu aro dari kerinci"
# The offscreen platform's own notes when dialogs are shown.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _fill_new_passphrase(qtbot, dialog: SetPassphraseDialog, text: str, repeat: str) -> None:
    qtbot.keyClicks(dialog.first, text)
    qtbot.keyClicks(dialog.second, repeat)
    dialog.protect_button.click()


@pytest.fixture
def shown_recovery_keys(qtbot, monkeypatch) -> list[str]:
    """The recovery key dialog as an officer uses it: OK only after "I wrote it down"."""
    shown: list[str] = []

    def fake_exec(dialog: RecoveryKeyDialog) -> int:
        assert not dialog.ok_button.isEnabled()
        dialog.show()
        dialog.reject()  # Escape does not get past it
        assert dialog.isVisible()
        shown.append(dialog.key_label.text())
        dialog.confirm_check.setChecked(True)
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()
        return dialog.result()

    monkeypatch.setattr(RecoveryKeyDialog, "exec", fake_exec)
    return shown


def test_first_run_sets_a_passphrase_and_shows_the_recovery_key_once(
    qtbot, monkeypatch, db_path, shown_recovery_keys
) -> None:
    seen: list[str] = []

    def fake_exec(dialog: SetPassphraseDialog) -> int:
        qtbot.addWidget(dialog)
        _fill_new_passphrase(qtbot, dialog, "pendek", "pendek")
        assert dialog.error.isVisible() or not dialog.error.isHidden()
        seen.append(dialog.error.text())
        dialog.first.clear()
        dialog.second.clear()
        _fill_new_passphrase(qtbot, dialog, PASSPHRASE, PASSPHRASE + "x")
        seen.append(dialog.error.text())
        dialog.first.clear()
        qtbot.keyClicks(dialog.first, PASSPHRASE)
        assert dialog.strength.text() == "Kuat."
        qtbot.keyClicks(dialog.second, PASSPHRASE)
        dialog.protect_button.click()
        return dialog.result()

    monkeypatch.setattr(SetPassphraseDialog, "exec", fake_exec)
    db = Database.open(db_path, lock=True)
    protected = protection.offer_protection(db)
    try:
        assert protected is not None and protected is not db and protected.encrypted
        assert "Terlalu pendek" in seen[0] and "tidak sama" in seen[1]
        assert protected.instance_lock is not None  # kept across the swap
    finally:
        protected.close()
    assert cipher.is_encrypted(db_path)
    assert len(shown_recovery_keys) == 1
    cipher.KEYRING.clear()
    security.unlock(db_path, shown_recovery_keys[0])  # the key shown opens it
    with Database.open(db_path) as again:
        assert again.encrypted


def test_skipping_warns_and_is_remembered(qtbot, monkeypatch, db) -> None:
    warnings: list[str] = []

    def confirm(_parent, text, title=None) -> bool:
        warnings.append(text)
        return len(warnings) > 1  # the first "no" goes back to the dialog

    monkeypatch.setattr(messages, "confirm", confirm)

    def fake_exec(dialog: SetPassphraseDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.skip_button.click()
        assert dialog.result() != QDialog.DialogCode.Accepted  # still asking
        dialog.skip_button.click()
        return dialog.result()

    monkeypatch.setattr(SetPassphraseDialog, "exec", fake_exec)
    assert protection.offer_protection(db) is db
    assert "UU 27/2022" in warnings[0]
    assert security.passphrase_skipped(db) and not db.encrypted

    monkeypatch.setattr(SetPassphraseDialog, "exec", lambda d: pytest.fail("asked again"))
    assert protection.offer_protection(db) is db


def test_unlock_at_start_says_wrong_plainly_lets_retry_and_takes_the_recovery_key(
    qtbot, monkeypatch, encrypted_db_path
) -> None:
    cipher.KEYRING.clear()
    dialog = UnlockDialog(encrypted_db_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.secret, "salah ketik")
    dialog.unlock_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Kata sandi salah" in dialog.error.text() and "rusak" not in dialog.error.text()
    assert dialog.secret.text() == "" and not cipher.KEYRING
    qtbot.keyClicks(dialog.secret, RECOVERY_KEYS[encrypted_db_path])
    dialog.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    # As open_database() does it: the dialog first, then the checked open.
    cipher.KEYRING.clear()

    def fake_exec(d: UnlockDialog) -> int:
        qtbot.keyClicks(d.secret, PASSPHRASE)
        d.unlock_button.click()
        return d.result()

    monkeypatch.setattr(UnlockDialog, "exec", fake_exec)
    db = app_module.open_database(encrypted_db_path)
    assert db is not None and db.encrypted
    db.close()


def test_quitting_the_unlock_dialog_opens_nothing(qtbot, monkeypatch, encrypted_db_path) -> None:
    cipher.KEYRING.clear()
    monkeypatch.setattr(UnlockDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert app_module.open_database(encrypted_db_path) is None


def test_idle_lock_covers_every_window_and_keeps_what_was_typed(
    qtbot, monkeypatch, encrypted_db, settings
) -> None:
    from desasadar_gui.ui.participants.form import ParticipantForm

    window = app_module.create_main_window(encrypted_db, settings)
    qtbot.addWidget(window)
    window.show()
    lock = window.idle_lock
    assert lock is not None and lock.minutes == security.DEFAULT_IDLE_MINUTES
    form = ParticipantForm(window.ctx, parent=window)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.name_edit, "Siti Aminah")

    with qtbot.waitSignal(lock.locked, timeout=5000):
        lock.timer.start(50)  # the idle time, shortened
    covers = [w for w in QApplication.allWidgets() if isinstance(w, Cover)]
    assert {c.parentWidget() for c in covers} >= {window, form}
    assert all(c.isVisible() for c in covers)
    unlock = lock.dialog
    assert unlock is not None and unlock.isVisible() and unlock.idle_lock

    unlock.reject()  # Escape does not unlock, nor close the app
    assert lock.is_locked
    qtbot.keyClicks(unlock.secret, "bukan ini")
    unlock.unlock_button.click()
    assert lock.is_locked and "Kata sandi salah" in unlock.error.text()
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        qtbot.keyClicks(unlock.secret, PASSPHRASE)
        unlock.unlock_button.click()
    qtbot.waitUntil(lambda: not [w for w in QApplication.allWidgets() if isinstance(w, Cover)])
    assert form.isVisible() and form.name_edit.text() == "Siti Aminah"
    assert lock.timer.isActive()  # watching again
    form.close()


def test_idle_minutes_are_set_in_settings(qtbot, monkeypatch, encrypted_db, settings) -> None:
    from desasadar_gui.ui.setup.settings import SettingsDialog

    window = app_module.create_main_window(encrypted_db, settings)
    qtbot.addWidget(window)

    def fake_exec(dialog: SettingsDialog) -> int:
        assert dialog.idle_spin.isEnabled()
        dialog.idle_spin.setValue(3)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    window.open_settings()
    assert security.idle_lock_minutes(encrypted_db) == 3
    assert window.idle_lock.minutes == 3 and window.idle_lock.timer.interval() == 180_000


def test_change_passphrase_in_settings(qtbot, monkeypatch, encrypted_db, settings) -> None:
    from desasadar_gui.ui.setup.settings import SettingsDialog

    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda p, text, title=None: infos.append(text))

    def fake_exec(dialog: ChangePassphraseDialog) -> int:
        qtbot.keyClicks(dialog.old, "salah")
        qtbot.keyClicks(dialog.first, NEW)
        qtbot.keyClicks(dialog.second, NEW)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert "Kata sandi salah" in dialog.error.text()
        dialog.old.clear()
        qtbot.keyClicks(dialog.old, PASSPHRASE)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(ChangePassphraseDialog, "exec", fake_exec)
    dialog = SettingsDialog(UiContext(encrypted_db), settings)
    qtbot.addWidget(dialog)
    assert "terenkripsi" in dialog.security_status.text()
    dialog.passphrase_button.click()
    assert infos == ["Kata sandi sudah diganti."]
    cipher.KEYRING.clear()
    with pytest.raises(cipher.WrongPassphraseError):
        security.unlock(encrypted_db.path, PASSPHRASE)
    security.unlock(encrypted_db.path, NEW)


def test_set_a_passphrase_from_settings_encrypts_the_open_database(
    qtbot, monkeypatch, db, settings, shown_recovery_keys
) -> None:
    from desasadar_gui.ui.setup.settings import SettingsDialog

    def fake_exec(dialog: SetPassphraseDialog) -> int:
        assert not dialog.skip_button.isVisible()
        _fill_new_passphrase(qtbot, dialog, PASSPHRASE, PASSPHRASE)
        return dialog.result()

    monkeypatch.setattr(SetPassphraseDialog, "exec", fake_exec)
    # The encryption runs off the GUI thread (the window keeps repainting meanwhile).
    threads: list[bool] = []
    real_encrypt = security.encrypt_database

    def watched(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real_encrypt(*args, **kwargs)

    monkeypatch.setattr(security, "encrypt_database", watched)
    ctx = UiContext(db)
    dialog = SettingsDialog(ctx, settings)
    qtbot.addWidget(dialog)
    assert "TIDAK" in dialog.security_status.text() and not dialog.idle_spin.isEnabled()
    dialog.passphrase_button.click()
    try:
        assert threads == [False]
        assert ctx.db is not db and ctx.db.encrypted
        assert "terenkripsi" in dialog.security_status.text()
        assert len(shown_recovery_keys) == 1
    finally:
        ctx.db.close()
    assert cipher.is_encrypted(db.path)
