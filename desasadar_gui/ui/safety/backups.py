"""The Backups view: the copies of this database, "Cadangkan sekarang" and "Pulihkan…".

    view = BackupsView(ctx)
    view.restore_requested.connect(lambda path: restore_in_place(ctx, path, window))

or, ready-made, ``BackupsDialog(ctx, window).exec()`` (a File > "Cadangan…" action).

Restoring replaces the open database file, so the view does not do it itself: after
the officer picked a copy, it passed the check and the officer confirmed, the view
emits ``restore_requested(path)``. Whoever owns the database (the main window)
handles it; :func:`restore_in_place` is the ready-made handler: it waits for
background work, closes ``ctx.db`` (keeping the instance lock), restores (the current
file is kept as a pre-restore copy), opens the file again, puts the new
:class:`Database` into ``ctx.db`` and announces that everything changed on
``ctx.bus``. Tabs must therefore always reach the database through ``ctx.db``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.errors import UserError
from desasadar_gui.services.backups import (
    MANUAL,
    BackupInfo,
    RestoreResult,
    backups_dir,
    kind_label,
    list_backups,
    restore_backup,
    take_backup,
    validate_backup_file,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import FullCheckResult, full_check, repair_indexes
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.layouts import STRETCH, hbox, push_button, vbox, wrapped_label
from desasadar_gui.ui.kit.operations import run_change, run_operation
from desasadar_gui.ui.kit.table_model import RIGHT, TOOLTIP, Column, ColumnTableModel
from desasadar_gui.ui.kit.tables import make_log_table

log = logging.getLogger("desasadar.ui.backups")

COL_TIME = 0
COL_KIND = 1
COL_SIZE = 2
COL_PARTICIPANTS = 3
COLUMN_COUNT = 4


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def time_text(when: datetime) -> str:
    return display.date_time(when, language(), seconds=True, utc=False)  # local, from the name


def participants_text(count: int | None) -> str:
    return display.count(count, language())


class BackupTableModel(ColumnTableModel[BackupInfo]):
    def columns(self) -> tuple[Column, ...]:
        return (
            Column(lambda: self.tr("Waktu"), lambda i: i.taken_at, time_text),
            Column(lambda: self.tr("Jenis"), lambda i: kind_label(i.kind, language())),
            Column(lambda: self.tr("Ukuran"), lambda i: i.size, size_text, align=RIGHT),
            Column(
                lambda: self.tr("Peserta"), lambda i: i.participants, participants_text, align=RIGHT
            ),
        )

    def row_roles(self) -> dict[int, Callable[[BackupInfo], Any]]:
        return {TOOLTIP: lambda i: str(i.path)}  # every cell: the copy's file


class BackupsView(QWidget):
    """Lists this database's backups; takes one now; asks for a restore (see module doc)."""

    restore_requested = Signal(str)
    backup_taken = Signal(str)
    loaded = Signal()
    checked = Signal(object)  # the FullCheckResult of "Periksa basis data"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupsView")
        self._busy = False

        self.intro = wrapped_label()
        self.model = BackupTableModel(self)
        self.table = make_log_table(self.model, "backupsTable", single=True)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.backup_button = push_button("backupNowButton", self.backup_now)
        self.restore_button = push_button("restoreButton", self.restore_selected)
        self.restore_file_button = push_button("restoreFileButton", self.restore_from_file)
        self.folder_button = push_button("openBackupFolderButton", self.open_folder)
        self.check_button = push_button("checkDatabaseButton", self.check_database)
        self.status = QLabel()
        self.status.setObjectName("backupsStatus")

        buttons = hbox(
            self.backup_button, self.restore_button, self.restore_file_button, STRETCH,
            self.check_button, self.folder_button,
        )  # fmt: skip
        vbox(self.intro, (self.table, 1), buttons, self.status, owner=self)

        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.retranslate_ui()
        self.reload()

    # -- texts ----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "Salinan basis data dibuat otomatis sebelum setiap impor, sebelum pembaruan "
                "aplikasi dan sekali sehari saat aplikasi ditutup. Salinan manual tidak "
                "pernah dihapus otomatis."
            )
        )
        self.backup_button.setText(self.tr("Cadangkan sekarang"))
        self.restore_button.setText(self.tr("Pulihkan…"))
        self.restore_file_button.setText(self.tr("Pulihkan dari berkas…"))
        self.folder_button.setText(self.tr("Buka folder cadangan"))
        self.check_button.setText(self.tr("Periksa basis data"))
        self.check_button.setToolTip(
            self.tr(
                "Pemeriksaan menyeluruh (semua halaman dan indeks); bisa beberapa detik "
                "untuk basis data besar."
            )
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- loading ----------------------------------------------------------------------

    def _db_path(self) -> Path:
        assert self.ctx.db.path is not None
        return self.ctx.db.path

    def reload(self) -> None:
        """List the copies now (names and sizes), then count their participants off the
        GUI thread (opening each copy takes a moment with large databases)."""
        path = self._db_path()
        self.model.set_rows(list_backups(path))
        self._update_buttons()

        def work(progress, cancelled):  # noqa: ANN001
            return list_backups(path, with_counts=True)

        def done(rows: list[BackupInfo]) -> None:
            if path == self._db_path():
                selected = self.selected_backup()
                self.model.set_rows(rows)
                self._select(selected.path if selected else None)
            self.loaded.emit()

        def failed(exc: BaseException) -> bool:
            log.warning("could not count backups: %s", type(exc).__name__)
            self.loaded.emit()
            return True  # the list without counts is still there: nothing to tell

        run_operation(self, work, on_success=done, on_failure=failed, key="reload")

    def _select(self, path: Path | None) -> None:
        for row in range(self.model.rowCount()):
            info = self.model.row_at(row)
            if info is not None and info.path == path:
                self.table.selectRow(row)
                return

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.backup_button.setEnabled(not self._busy)
        self.check_button.setEnabled(not self._busy)
        self.restore_button.setEnabled(not self._busy and self.selected_backup() is not None)
        self.restore_file_button.setEnabled(not self._busy)
        count = self.model.rowCount()
        self.status.setText(
            self.tr("%1 salinan di %2")
            .replace("%1", display.count(count, language()))
            .replace("%2", str(backups_dir(self._db_path(), create=False)))
        )

    # -- actions ------------------------------------------------------------------------

    def backup_now(self) -> None:
        db = self.ctx.db
        self._busy = True
        self._update_buttons()

        def work(progress, cancelled):  # noqa: ANN001
            return take_backup(db, MANUAL)

        def done(copy: Path) -> None:
            self._busy = False
            self.backup_taken.emit(str(copy))
            self.reload()
            messages.show_info(
                self, self.tr("Cadangan dibuat:\n%1").replace("%1", str(copy)), self.tr("Cadangan")
            )

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._update_buttons()

        run_operation(self, work, on_success=done, on_failure=failed)

    def check_database(self) -> None:
        """ "Periksa basis data": the full integrity check, off the GUI thread, with a
        plain verdict; index-only damage can be repaired on the spot (REINDEX)."""
        db = self.ctx.db
        self._busy = True
        self._update_buttons()
        self.status.setText(self.tr("Memeriksa basis data…"))

        def work(progress, cancelled):  # noqa: ANN001
            return full_check(db)

        def done(result: FullCheckResult) -> None:
            self._busy = False
            self._update_buttons()
            self.checked.emit(result)
            title = self.tr("Periksa basis data")
            if result.ok or not result.readable:
                if result.readable:
                    messages.show_info(self, result.message(language()), title)
                else:
                    messages.show_error(
                        self, self.tr("Basis data tidak bisa dibaca untuk diperiksa."), title
                    )
                return
            if not result.index_only:
                messages.show_error(self, result.message(language()), title)
                return
            ask = self.tr("Bangun ulang indeks sekarang?")
            question = f"{result.message(language())}\n\n{ask}"
            if messages.confirm(self, question, title):
                self._repair_indexes()

        run_operation(self, work, on_success=done, on_failure=self._check_failed)

    def _repair_indexes(self) -> None:
        db = self.ctx.db
        self._busy = True
        self._update_buttons()

        def work(progress, cancelled):  # noqa: ANN001
            return repair_indexes(db)

        def done(result: FullCheckResult) -> None:
            self._busy = False
            self._update_buttons()
            self.checked.emit(result)
            show = messages.show_info if result.ok else messages.show_error
            show(self, result.message(language()), self.tr("Periksa basis data"))

        # Counts and searches may find more people after a repair.
        run_operation(
            self, work, on_success=done, on_failure=self._check_failed, ctx=self.ctx, changes=()
        )

    def _check_failed(self, exc: BaseException) -> None:
        """A check or repair that could not run: a plain message (disk, lock, damage)."""
        self._busy = False
        self._update_buttons()

    def restore_selected(self) -> None:
        info = self.selected_backup()
        if info is None:
            return
        when = time_text(info.taken_at)
        self._ask_restore(info.path, f"{kind_label(info.kind, language())} {when}")

    def restore_from_file(self) -> None:
        chosen = messages.ask_open_path(
            self,
            self.tr("Pilih berkas cadangan"),
            self.tr("Basis data Desa Sadar (*.sqlite *.db);;Semua berkas (*)"),
        )
        if chosen:
            self._ask_restore(Path(chosen), Path(chosen).name)

    def _ask_restore(self, path: Path, described: str) -> None:
        if not run_change(self, None, lambda: validate_backup_file(path), changed=None).ok:
            return
        question = self.tr(
            "Pulihkan basis data dari %1?\n\nSemua perubahan sesudah salinan itu dibuat akan "
            'diganti. Berkas yang sekarang disimpan dulu sebagai salinan "sebelum '
            'pemulihan", jadi tidak ada yang hilang.'
        ).replace("%1", described)
        if messages.confirm(self, question, self.tr("Pulihkan cadangan")):
            self.restore_requested.emit(str(path))

    def open_folder(self) -> None:
        folder = backups_dir(self._db_path())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def restore_in_place(
    ctx: UiContext, backup_path: str | Path, parent: QWidget | None = None
) -> RestoreResult | None:
    """Replace the open database with a backup and carry on with the restored data.

    Runs on the GUI thread on purpose: nothing may use the database while its file is
    replaced (a restore takes a second or two; the cursor shows it is busy). Returns
    ``None`` (after a plain message) if the restore was refused; the database is then
    unchanged and open again.
    """
    old = ctx.db
    path = old.path
    assert path is not None
    wait_for_all()
    lock, old.instance_lock = old.instance_lock, None
    old.close()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    result: RestoreResult | None = None
    error: UserError | None = None
    try:
        try:
            result = restore_backup(path, Path(backup_path))
        except UserError as exc:
            error = exc
        new = Database.open(path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    finally:
        QGuiApplication.restoreOverrideCursor()
    new.instance_lock = lock
    ctx.db = new
    ctx.bus.notify()
    if error is not None:
        messages.show_user_error(parent, error)
        return None
    assert result is not None
    messages.show_info(
        parent,
        QGuiApplication.translate(
            "backups", "Basis data dipulihkan. Berkas sebelumnya disimpan di:\n%1"
        ).replace("%1", str(result.previous_copy or "-")),
    )
    return result


class BackupsDialog(QDialog):
    """The Backups view in its own window, restoring in place (File > Cadangan…)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Cadangan basis data"))
        self.resize(720, 420)
        self.view = BackupsView(ctx, self)
        self.view.restore_requested.connect(self._restore)
        self.ctx = ctx
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def _restore(self, path: str) -> None:
        if restore_in_place(self.ctx, path, self) is not None:
            self.view.reload()
