"""Where the passphrase dialogs come in: unlocking at start, offering encryption to a
plain database (first run, or an existing one), encrypting from Settings."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from desasadar_gui.errors import UserError
from desasadar_gui.services import security
from desasadar_gui.services.database import Database
from desasadar_gui.services.instance_lock import acquire_instance_lock
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.safety.passphrase import (
    RecoveryKeyDialog,
    SetPassphraseDialog,
    UnlockDialog,
)

log = logging.getLogger("desasadar.ui.protection")


def unlock_at_startup(db_path: Path, parent: QWidget | None = None) -> bool:
    """Before the database is checked and opened: ask for the passphrase if it is
    encrypted, and finish an interrupted encryption. False: the officer quit."""
    state = security.protection(db_path)
    if state not in (security.ENCRYPTED, security.INTERRUPTED):
        return True
    if not security.is_unlocked(db_path):
        dialog = UnlockDialog(db_path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    if state == security.INTERRUPTED:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with acquire_instance_lock(db_path):
                security.encrypt_database(db_path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        messages.show_info(
            parent,
            QCoreApplication.translate(
                "protection", "Enkripsi basis data yang sempat terputus sudah diselesaikan."
            ),
        )
    return True


def _ask_new_key(parent: QWidget | None, existing_data: bool, can_skip: bool):
    """The new passphrase dialog, then the recovery key once. Returns the prepared key,
    SetPassphraseDialog.SKIP or .QUIT."""
    dialog = SetPassphraseDialog(existing_data, parent)
    dialog.skip_button.setVisible(can_skip)
    if not can_skip:
        dialog.quit_button.setText(QCoreApplication.translate("protection", "Batal"))
    dialog.exec()
    if dialog.outcome != SetPassphraseDialog.SET:
        return dialog.outcome
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        prepared = security.prepare_key(dialog.passphrase)
    finally:
        QGuiApplication.restoreOverrideCursor()
    RecoveryKeyDialog(prepared.recovery_key, parent).exec()
    return prepared


def encrypt_open_database(
    db: Database, prepared: security.PreparedKey, parent: QWidget | None = None
) -> Database:
    """Close ``db`` (keeping its instance lock), encrypt its file and backups in place,
    open it again. The work runs off the GUI thread behind an application-modal
    progress dialog (nothing may use the file meanwhile; the windows still repaint).
    Returns the database to go on with."""
    from desasadar_gui.ui.kit.background import wait_for_all

    path = db.path
    assert path is not None
    wait_for_all()
    lock, db.instance_lock = db.instance_lock, None
    db.close()
    error: UserError | None = None
    result = None
    try:
        try:
            result = _encrypt_in_background(path, prepared, parent)
        except UserError as exc:
            error = exc
        except OSError as exc:
            from desasadar_gui.services.oserrors import describe_os_error

            error = describe_os_error(exc)
        new = Database.open(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    new.instance_lock = lock
    if error is not None:
        messages.show_user_error(parent, error)
    elif result is not None and result.left_plain:
        messages.show_info(
            parent,
            QCoreApplication.translate(
                "protection",
                "Basis data dan cadangannya sudah dienkripsi, kecuali %1 salinan berkas "
                "rusak yang tidak bisa dibaca lagi (di folder cadangan). Serahkan ke "
                "petugas TI atau hapus bila tidak diperlukan.",
            ).replace("%1", str(len(result.left_plain))),
        )
    return new


def offer_protection(db: Database, parent: QWidget | None = None) -> Database | None:
    """At start-up, for a plain database the officer has not chosen to keep plain:
    ask for a passphrase and encrypt it (new or not). Returns the database to go on
    with, or None when the officer quit."""
    if db.encrypted or db.path is None or security.passphrase_skipped(db):
        return db
    from desasadar_gui.services.stats import collect_stats

    existing = collect_stats(db).participants > 0
    chosen = _ask_new_key(parent, existing, can_skip=True)
    if chosen == SetPassphraseDialog.QUIT:
        return None
    if chosen == SetPassphraseDialog.SKIP:
        security.record_skipped(db)
        return db
    return encrypt_open_database(db, chosen, parent)


def protect_from_settings(ctx, parent: QWidget | None = None) -> bool:  # noqa: ANN001
    """Settings: set a passphrase on the plain database the window works on."""
    chosen = _ask_new_key(parent, existing_data=True, can_skip=False)
    if not isinstance(chosen, security.PreparedKey):
        return False
    ctx.db = encrypt_open_database(ctx.db, chosen, parent)
    ctx.bus.notify()
    return ctx.db.encrypted


def _encrypt_in_background(
    path: Path, prepared: security.PreparedKey, parent: QWidget | None
) -> security.EncryptResult:
    """``security.encrypt_database`` in the thread pool, waited for in a local event
    loop behind a progress dialog that cannot be cancelled (each file is swapped
    whole; stopping half-way would only leave work for the next start)."""
    from desasadar_gui.ui.kit.operations import run_and_wait

    return run_and_wait(
        lambda progress, cancelled: security.encrypt_database(path, prepared, progress),
        parent=parent,
        progress=QCoreApplication.translate(
            "protection", "Mengenkripsi basis data dan cadangannya…"
        ),
    )
