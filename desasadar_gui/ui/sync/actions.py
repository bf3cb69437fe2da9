"""Menu actions: export the sync workbook, import one (with a preview).

Both run off the GUI thread through :func:`operations.run_operation` with a progress
dialog that can cancel. Import is two background steps around the preview dialog: read and
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

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from desasadar_gui.domain import display
from desasadar_gui.errors import UserError, current_language
from desasadar_gui.services.database import Database
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
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.operations import Operation, run_operation
from desasadar_gui.ui.safety.workbook_passwords import (
    ExportProtectionDialog,
    WorkbookPasswordDialog,
)
from desasadar_gui.ui.sync.import_preview import ImportPreviewDialog

log = logging.getLogger("desasadar.ui.sync")


def suggested_name(ctx: UiContext) -> str:
    officer = re.sub(r"[^0-9A-Za-z]+", "-", ctx.db.officer or "petugas").strip("-").lower()
    return f"desasadar-{officer or 'petugas'}-{date.today():%Y%m%d}.xlsx"


def _run(
    parent: QWidget | None,
    label: str,
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_refused: Callable[[BaseException], bool] | None = None,
    on_ended: Callable[[], None] | None = None,
) -> Operation:
    """``on_refused``: given a failure first; True when it dealt with it. ``on_ended``:
    after a failure or a cancel."""

    def failed(exc: BaseException) -> bool:
        if on_ended is not None:
            on_ended()
        return on_refused is not None and isinstance(exc, UserError) and on_refused(exc)

    def cancelled() -> None:
        if on_ended is not None:
            on_ended()
        messages.show_info(
            parent, QCoreApplication.translate("SyncActions", "Dibatalkan; tidak ada yang diubah.")
        )

    return run_operation(
        parent,
        lambda progress, cancelled: fn(progress=progress, cancelled=cancelled),
        on_success=on_done,
        on_failure=failed,
        on_cancelled=cancelled,
        progress=label,
    )


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
        counts = ", ".join(
            f"{sheet} {display.count(n, language())}" for sheet, n in result.counts.items()
        )
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
        new=display.count(total("new"), language()),
        updated=display.count(total("updated"), language()),
        conflict=display.count(total("conflict"), language()),
        rejected=display.count(total("rejected"), language()),
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
            ).format(at=display.stored_text(prepared.already_imported or "", language())),
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

    _run(
        parent,
        QCoreApplication.translate("SyncActions", "Menerapkan impor…"),
        apply_and_check,
        applied,
        on_ended=prepared.close,  # close the staging file however the work ends
    )


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

    def refused(exc: BaseException) -> bool:
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
