"""Menu actions: export the sync workbook, import one (with a preview).

Both run off the GUI thread through :func:`run_in_background` with a progress dialog
that can cancel. Import is two background steps around the preview dialog: read and
plan (nothing changes), then, if the officer applies it, one transaction; after that
``ctx.bus.notify()`` tells every tab that data changed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from desasadar_gui.errors import UserError, current_language
from desasadar_gui.services.database import Database
from desasadar_gui.sync.errors import OperationCancelled
from desasadar_gui.sync.workbook_export import ExportResult, export_workbook
from desasadar_gui.sync.workbook_import import (
    ImportResult,
    PreparedImport,
    apply_prepared,
    changed_anything,
    check_after_import,
    prepare_import,
)
from desasadar_gui.sync.workbook_password import (
    WorkbookPasswordNeededError,
    WrongWorkbookPasswordError,
)
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import BackgroundTask, Cancelled, run_in_background
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.safety.workbook_passwords import (
    ExportProtectionDialog,
    WorkbookPasswordDialog,
)
from desasadar_gui.ui.sync.import_preview import ImportPreviewDialog

log = logging.getLogger("desasadar.ui.sync")


def suggested_name(ctx: UiContext) -> str:
    officer = re.sub(r"[^0-9A-Za-z]+", "-", ctx.db.officer or "petugas").strip("-").lower()
    return f"desasadar-{officer or 'petugas'}-{date.today():%Y%m%d}.xlsx"


def _cancellable(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Core work raises OperationCancelled; the background helper expects Cancelled."""

    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
        try:
            return fn(progress=progress, cancelled=cancelled)
        except OperationCancelled:
            raise Cancelled() from None

    return work


def _progress_dialog(parent: QWidget | None, label: str) -> QProgressDialog:
    dialog = QProgressDialog(
        label, QCoreApplication.translate("SyncActions", "Batal"), 0, 0, parent
    )
    dialog.setWindowTitle(QCoreApplication.translate("SyncActions", "Desa Sadar"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def _run(
    parent: QWidget | None,
    label: str,
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_refused: Callable[[UserError], bool] | None = None,
) -> BackgroundTask:
    """``on_refused``: given a plain refusal first; True when it dealt with it."""
    dialog = _progress_dialog(parent, label)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))

    def finish() -> None:
        dialog.close()
        dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        if isinstance(exc, UserError) and on_refused is not None and on_refused(exc):
            return
        if isinstance(exc, UserError):
            messages.show_user_error(parent, exc)
        elif isinstance(exc, OSError):
            from desasadar_gui.services.oserrors import describe_os_error

            messages.show_user_error(parent, describe_os_error(exc))
        else:
            from desasadar_gui.logs import setup_logging

            messages.show_unexpected_error(parent, str(setup_logging()))

    def cancelled() -> None:
        finish()
        messages.show_info(
            parent, QCoreApplication.translate("SyncActions", "Dibatalkan; tidak ada yang diubah.")
        )

    task = run_in_background(_cancellable(fn), done, failed, progress, cancelled)
    dialog.canceled.connect(task.cancel)
    return task


# -- export ------------------------------------------------------------------------------


def export_with_dialog(parent: QWidget | None, ctx: UiContext, privacy: bool = False) -> None:
    title = (
        QCoreApplication.translate("SyncActions", "Ekspor data untuk penyelia")
        if privacy
        else QCoreApplication.translate("SyncActions", "Ekspor buku kerja sinkronisasi")
    )
    path = messages.ask_save_path(
        parent,
        title,
        suggested_name(ctx),
        QCoreApplication.translate("SyncActions", "Buku kerja Excel (*.xlsx)"),
    )
    if not path:
        return
    password: str | None = None
    # A privacy copy holds no NIK or phone, but names and incomes: it may be protected
    # too (off by default; it is for reading, a sync workbook is on by default).
    choice = ExportProtectionDialog(protect=ctx.db.encrypted and not privacy, parent=parent)
    try:
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        password = choice.password
    finally:
        choice.deleteLater()

    def done(result: ExportResult) -> None:
        counts = ", ".join(f"{sheet} {n}" for sheet, n in result.counts.items())
        messages.show_info(
            parent,
            QCoreApplication.translate(
                "SyncActions", "Buku kerja disimpan ke {path}.\n{counts}"
            ).format(path=result.path, counts=counts),
        )

    _run(
        parent,
        QCoreApplication.translate("SyncActions", "Mengekspor…"),
        lambda progress, cancelled: export_workbook(
            ctx.db,
            path,
            progress=progress,
            cancelled=cancelled,
            privacy=privacy,
            password=password,
        ),
        done,
    )


# -- import ------------------------------------------------------------------------------


def run_preview(parent: QWidget | None, prepared: PreparedImport) -> bool:
    """Show the plan; True when the officer chose to apply it (tests replace this)."""
    dialog = ImportPreviewDialog(prepared, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def _describe(result: ImportResult) -> str:
    counts = result.counts

    def total(key: str) -> int:
        return sum(per.get(key, 0) for per in counts.values())

    text = QCoreApplication.translate(
        "SyncActions",
        "Impor selesai: {new} baru, {updated} diperbarui, {conflict} konflik, {rejected} ditolak.",
    ).format(
        new=total("new"),
        updated=total("updated"),
        conflict=total("conflict"),
        rejected=total("rejected"),
    )
    if result.conflicts_recorded:
        text += "\n" + QCoreApplication.translate(
            "SyncActions", "Konflik dapat ditinjau di tampilan Sinkronisasi."
        )
    return text


def _apply_planned(
    parent: QWidget | None, ctx: UiContext, db: Database, prepared: PreparedImport
) -> None:
    """After reading: show the preview, then apply the import the officer accepted."""
    if prepared.plan is None:
        messages.show_info(
            parent,
            QCoreApplication.translate(
                "SyncActions", "Berkas ini sudah pernah diimpor ({at}); tidak ada yang diubah."
            ).format(at=(prepared.already_imported or "")[:16]),
        )
        return
    if not run_preview(parent, prepared):
        prepared.close()
        return

    def applied(result: ImportResult) -> None:
        prepared.close()
        if result.already_imported:
            messages.show_info(
                parent,
                QCoreApplication.translate(
                    "SyncActions", "Berkas ini sudah pernah diimpor; tidak ada yang diubah."
                ),
            )
            return
        ctx.bus.notify()
        messages.show_info(parent, _describe(result))
        if result.check is not None and not result.check.ok:
            messages.show_error(parent, result.check.message())

    def apply_and_check(progress: Callable, cancelled: Callable) -> ImportResult:
        result = apply_prepared(db, prepared, progress, cancelled)
        if changed_anything(result):
            result.check = check_after_import(db)
        return result

    task = _run(
        parent,
        QCoreApplication.translate("SyncActions", "Menerapkan impor…"),
        apply_and_check,
        applied,
    )
    # Close the staging file however the work ends.
    task.signals.failed.connect(lambda _exc: prepared.close())
    task.signals.cancelled.connect(prepared.close)


def import_with_dialog(parent: QWidget | None, ctx: UiContext, path: str | None = None) -> None:
    path = path or messages.ask_open_path(
        parent,
        QCoreApplication.translate("SyncActions", "Impor buku kerja sinkronisasi"),
        QCoreApplication.translate("SyncActions", "Buku kerja Excel (*.xlsx)"),
    )
    if not path:
        return
    db = ctx.db

    def planned(prepared: PreparedImport) -> None:
        _apply_planned(parent, ctx, db, prepared)

    def read(password: str | None) -> None:
        _run(
            parent,
            QCoreApplication.translate("SyncActions", "Membaca buku kerja…"),
            lambda progress, cancelled: prepare_import(db, path, progress, cancelled, password),
            planned,
            refused,
        )

    def refused(exc: UserError) -> bool:
        if isinstance(exc, WorkbookPasswordNeededError):
            ask()  # protected and not imported before: now its password is needed
            return True
        if not isinstance(exc, WrongWorkbookPasswordError):
            return False
        ask(exc.message(current_language()))  # the same dialog again, saying why
        return True

    def ask(wrong: str = "") -> None:
        password = ask_workbook_password(parent, Path(path).name, wrong)
        if password is not None:
            read(password)

    # First without a password: a protected file imported before is known by its bytes,
    # so the officer is asked only when the workbook really has to be opened.
    read(None)


def ask_workbook_password(parent: QWidget | None, file_name: str, wrong: str = "") -> str | None:
    """The password of a protected workbook, or None when the officer cancelled."""
    dialog = WorkbookPasswordDialog(file_name, wrong, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password
    finally:
        dialog.deleteLater()
