"""Data terhapus: the deleted participants, villages and sessions, with *Pulihkan*.

A restore is an ordinary edit (``services/deleted_records.py``): it syncs with the next
export like any other change. Rows that cannot come back (personal data erased or
purged, a merged duplicate, a rule that would break) stay listed, greyed, with the
reason as the tooltip of the row and of the disabled button.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.domain.enums import SessionType
from desasadar_gui.services.deleted_records import (
    KINDS,
    DeletedRecord,
    RestoreResult,
    list_deleted,
    restore_deleted,
)
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import (
    ATTENDANCE,
    PARTICIPANTS,
    SESSIONS,
    VILLAGES,
    UiContext,
)
from desasadar_gui.ui.kit.i18n import Retranslating, enum_label, language
from desasadar_gui.ui.kit.operations import run_change, run_operation
from desasadar_gui.ui.kit.table_model import LEFT, RIGHT, Column, ColumnTableModel
from desasadar_gui.ui.kit.tables import make_table, select_row

log = logging.getLogger("desasadar.ui.deleted")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_NOT_RESTORABLE = QColor("#6b7280")  # grey: listed, but cannot come back

# What the tabs reload after a restore (a person counts in the villages table, a
# session brings its attendance back).
CHANGED: dict[str, tuple[str, ...]] = {
    PARTICIPANTS: (PARTICIPANTS, VILLAGES, ATTENDANCE),
    VILLAGES: (VILLAGES,),
    SESSIONS: (SESSIONS, ATTENDANCE, VILLAGES),
}


def kind_text(entity: str) -> str:
    return {
        PARTICIPANTS: QCoreApplication.translate("DeletedRecords", "Peserta"),
        VILLAGES: QCoreApplication.translate("DeletedRecords", "Desa"),
        SESSIONS: QCoreApplication.translate("DeletedRecords", "Sesi"),
    }.get(entity, entity)


def record_title(row: DeletedRecord) -> str:
    """The record as a person names it: a name, or a session's type, date and place."""
    if row.entity != SESSIONS:
        return row.name
    parts = [enum_label(SessionType, row.session_type)]
    if row.held_on is not None:
        parts.append(display.short_date(row.held_on))
    if row.name:
        parts.append(row.name)
    return " · ".join(p for p in parts if p)


def local_time(moment: datetime) -> str:
    """A stored UTC moment in this computer's time."""
    return display.date_time(moment, language())


def restore_now(parent: QWidget | None, ctx: UiContext, row: DeletedRecord) -> RestoreResult | None:
    """Restore ``row`` (no question asked), tell the tabs; a refusal is shown plainly."""
    outcome = run_change(
        parent,
        ctx,
        lambda: restore_deleted(ctx.db, row.entity, row.id),
        changed=CHANGED[row.entity],
    )
    return outcome.value if outcome.ok else None


def restored_text(result: RestoreResult, row: DeletedRecord) -> str:
    text = (
        QCoreApplication.translate("DeletedRecords", "Dipulihkan: %1 %2")
        .replace("%1", kind_text(row.entity).lower())
        .replace("%2", record_title(row))
    )
    if result.attendance_restored:
        text += QCoreApplication.translate("DeletedRecords", " (dengan %1 kehadiran)").replace(
            "%1", display.count(result.attendance_restored, language())
        )
    if result.attendance_left:
        text += QCoreApplication.translate(
            "DeletedRecords", "; %1 kehadiran tetap terhapus karena pesertanya terhapus"
        ).replace("%1", display.count(result.attendance_left, language()))
    return text


class DeletedRecordsModel(ColumnTableModel[DeletedRecord]):
    def columns(self) -> tuple[Column, ...]:
        return (
            Column(
                lambda: self.tr("Jenis"),
                lambda r: kind_text(r.entity),
                align=LEFT,
                foreground=self._brush,
            ),  # fmt: skip
            Column(
                lambda: self.tr("Nama"),
                record_title,
                align=LEFT,
                foreground=self._brush,
                tooltip=self._why,
            ),  # fmt: skip
            Column(
                lambda: self.tr("Desa / wilayah"),
                lambda r: r.village,
                align=LEFT,
                foreground=self._brush,
            ),  # fmt: skip
            Column(
                lambda: self.tr("Dihapus"),
                lambda r: local_time(r.deleted_at),
                align=RIGHT,
                foreground=self._brush,
            ),  # fmt: skip
            Column(
                lambda: self.tr("Oleh"),
                lambda r: r.officer or r.device,
                align=LEFT,
                foreground=self._brush,
                tooltip=lambda r: self.tr("Perangkat %1").replace("%1", r.device),
            ),
            Column(
                lambda: self.tr("Keterangan"),
                self._status,
                align=LEFT,
                foreground=self._brush,
                tooltip=self._why,
            ),
        )

    def row_roles(self):  # noqa: ANN201
        return {ROW_ROLE: lambda r: r}

    def _status(self, row: DeletedRecord) -> str:
        """Whether it can come back; if not, why (the whole text is the tooltip)."""
        if row.blocked is None:
            return self.tr("Bisa dipulihkan")
        return self.tr("Tidak bisa: %1").replace("%1", row.blocked.message())

    @staticmethod
    def _brush(row: DeletedRecord) -> QBrush | None:
        return None if row.restorable else QBrush(_NOT_RESTORABLE)

    @staticmethod
    def _why(row: DeletedRecord) -> str | None:
        return row.blocked.message() if row.blocked is not None else None


class DeletedRecordsDialog(Retranslating, QDialog):
    """*Berkas → Data terhapus…*"""

    loaded = Signal()  # the list was (re)loaded: tests wait for it

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loading = False
        self.setObjectName("deletedRecordsDialog")
        self.resize(1000, 560)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.kind_label = QLabel()
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("deletedKind")
        for _ in range(len(KINDS) + 1):
            self.kind_combo.addItem("")
        self.kind_label.setBuddy(self.kind_combo)
        self.count_label = QLabel()
        self.count_label.setObjectName("deletedCount")
        self.model = DeletedRecordsModel(self)
        self.table = make_table(self.model, "deletedTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 80), (1, 300), (2, 220), (3, 130), (4, 140)):
            self.table.setColumnWidth(column, width)
        self.status_label = QLabel()
        self.status_label.setObjectName("deletedStatus")
        self.status_label.setWordWrap(True)
        self.reason_label = QLabel()  # the whole reason of a row that cannot come back
        self.reason_label.setObjectName("deletedReason")
        self.reason_label.setWordWrap(True)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreDeleted")
        self.restore_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        filters.addWidget(self.kind_label)
        filters.addWidget(self.kind_combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.restore_button.clicked.connect(self.restore_selected)
        self.retranslate_ui()
        self.reload()

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Data terhapus"))
        self.note.setText(
            self.tr(
                "Data yang dihapus tetap tersimpan sebagai catatan terhapus. Memulihkannya "
                "adalah perubahan biasa: tercatat di riwayat dan ikut tersinkron pada ekspor "
                "berikutnya. Data pribadi peserta yang sudah dihapus atau dibersihkan tidak "
                "bisa dipulihkan."
            )
        )
        self.kind_label.setText(self.tr("&Jenis:"))
        for i, text in enumerate(
            (self.tr("Semua"), self.tr("Peserta"), self.tr("Desa"), self.tr("Sesi"))
        ):
            self.kind_combo.setItemText(i, text)
        self.restore_button.setText(self.tr("&Pulihkan"))
        self.model.retranslate()
        self._update_count()
        self._update_button()

    # -- loading ------------------------------------------------------------------

    def kinds(self) -> tuple[str, ...]:
        i = self.kind_combo.currentIndex()
        return KINDS if i <= 0 else (KINDS[i - 1],)

    def reload(self, select: tuple[str, str] | None = None) -> None:
        """Ask for the list off the GUI thread; the latest request wins."""
        kinds = self.kinds()
        db = self.ctx.db
        if select is None:
            current = self.selected()
            select = (current.entity, current.id) if current else None
        self.loading = True

        def done(rows: list[DeletedRecord]) -> None:
            self.model.set_rows(rows)
            self._select(select)
            self._update_count()
            self._update_button()

        def finished() -> None:
            self.loading = False
            self.loaded.emit()

        run_operation(
            self,
            lambda progress, cancelled: list_deleted(db, kinds),
            on_success=done,
            on_finished=finished,
            key="list",
        )

    def _select(self, key: tuple[str, str] | None) -> None:
        """The row of ``key`` again, else the first (nothing when the list is empty)."""
        rows = self.model.rows()
        keys = [(r.entity, r.id) for r in rows]
        if rows:
            select_row(self.table, keys.index(key) if key in keys else 0)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("%n data terhapus", "", n))

    # -- restoring ----------------------------------------------------------------

    def selected(self) -> DeletedRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_button(self) -> None:
        row = self.selected()
        self.restore_button.setEnabled(row is not None and row.restorable)
        if row is None:
            tip = self.tr("Pilih data yang akan dipulihkan")
        elif row.blocked is not None:
            tip = row.blocked.message()
        else:
            tip = self.tr("Pulihkan %1 terpilih").replace("%1", kind_text(row.entity).lower())
        self.restore_button.setToolTip(tip)
        self.reason_label.setText(row.blocked.message() if row and row.blocked else "")
        self.reason_label.setVisible(bool(row and row.blocked))

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None or not row.restorable:
            return
        text = (
            self.tr(
                "Pulihkan %1 %2?\n\nData ini kembali tampil di daftarnya. Pemulihan tercatat "
                "di riwayat dan ikut tersinkron pada ekspor berikutnya."
            )
            .replace("%1", kind_text(row.entity).lower())
            .replace("%2", record_title(row))
        )
        if row.entity == SESSIONS:
            text += "\n\n" + self.tr("Daftar hadir yang terhapus bersama sesi ini ikut kembali.")
        if not messages.confirm(self, text, self.tr("Pulihkan data")):
            return
        result = restore_now(self, self.ctx, row)
        if result is None:
            self.reload()  # the list may be out of date (e.g. a rule now refuses it)
            return
        self.status_label.setText(restored_text(result, row))
        self.reload()  # the restored row leaves the list; the first is selected


__all__ = [
    "DeletedRecordsDialog",
    "DeletedRecordsModel",
    "kind_text",
    "record_title",
    "restore_now",
    "restored_text",
]
