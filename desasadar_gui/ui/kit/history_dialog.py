"""A record's change history: who changed which field, when, from what to what.

Opened from the participants, villages and sessions tabs ("Riwayat" button):

    HistoryDialog(ctx, "participants", record_id, parent).exec()

Changes made on this laptop and changes that arrived by importing another officer's
workbook (action "Impor") are listed together, in the order they were made. One row
per changed field; a session's history includes its attendance list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.services.history import (
    FieldChange,
    HistoryEntry,
    record_history,
    record_title,
)
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.table_model import Column, ColumnTableModel
from desasadar_gui.ui.kit.tables import make_log_table

COL_TIME = 0
COL_WHO = 1
COL_ACTION = 2
COL_FIELD = 3
COL_OLD = 4
COL_NEW = 5
COLUMN_COUNT = 6

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class HistoryRow:
    entry: HistoryEntry
    change: FieldChange | None  # None: an entry without field changes (e.g. a deletion)
    first: bool  # the entry's first row: time, who and action are shown once


def flatten(entries: list[HistoryEntry]) -> list[HistoryRow]:
    rows = []
    for entry in entries:
        if not entry.changes:
            rows.append(HistoryRow(entry, None, True))
        for i, change in enumerate(entry.changes):
            rows.append(HistoryRow(entry, change, i == 0))
    return rows


def local_time_text(entry: HistoryEntry) -> str:
    return display.date_time(entry.made_at, language(), seconds=True)


class HistoryTableModel(ColumnTableModel[HistoryRow]):
    def columns(self) -> tuple[Column, ...]:
        imported_tip = self._imported_tip
        return (
            Column(
                lambda: self.tr("Waktu"),
                lambda r: local_time_text(r.entry) if r.first else "",
                tooltip=imported_tip,
            ),
            Column(
                lambda: self.tr("Petugas / perangkat"),
                lambda r: self._who(r.entry) if r.first else "",
                tooltip=imported_tip,
            ),
            Column(
                lambda: self.tr("Tindakan"),
                lambda r: r.entry.action_label if r.first else "",
                tooltip=imported_tip,
                font=_imported_font,
            ),
            Column(lambda: self.tr("Kolom"), _field_text),
            Column(lambda: self.tr("Sebelum"), lambda r: r.change.old_text if r.change else ""),
            Column(lambda: self.tr("Sesudah"), lambda r: r.change.new_text if r.change else ""),
        )

    def row_roles(self) -> dict[int, Any]:
        return {ENTRY_ROLE: lambda r: r.entry}

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.set_rows(flatten(entries))

    def _who(self, entry: HistoryEntry) -> str:
        officer = entry.officer or self.tr("(tanpa nama)")
        if entry.this_device:
            return officer + " · " + self.tr("laptop ini")
        return officer + " · " + self.tr("perangkat %1").replace("%1", entry.device[:6])

    def _imported_tip(self, row: HistoryRow) -> str | None:
        if not row.entry.imported:
            return None
        return self.tr("Diubah di laptop lain; tiba lewat impor pada %1").replace(
            "%1", display.date_time(row.entry.recorded_at, language())
        )


def _field_text(row: HistoryRow) -> str:
    entry, change = row.entry, row.change
    if change is None:
        return "—"
    return f"{entry.subject} – {change.label}" if entry.subject else change.label


def _imported_font(row: HistoryRow) -> QFont | None:
    if not row.entry.imported:
        return None
    font = QFont()
    font.setItalic(True)
    return font


class HistoryDialog(QDialog):
    """The change history of one participant, village or session (read-only)."""

    def __init__(
        self, ctx: UiContext, entity: str, record_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entity = entity
        self.record_id = record_id
        self.setObjectName("historyDialog")
        self.resize(900, 480)

        self.heading = QLabel()
        self.heading.setObjectName("historyHeading")
        self.heading.setWordWrap(True)
        self.model = HistoryTableModel(self)
        self.table = make_log_table(self.model, "historyTable")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("historyEmpty")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

        ctx.bus.changed.connect(self._data_changed)
        self.reload()

    def reload(self) -> None:
        """Read the history again (small: one record's audit entries, by index)."""
        lang = language()
        entries = record_history(self.ctx.db, self.entity, self.record_id, lang=lang)
        self.model.set_entries(entries)
        title = record_title(self.ctx.db, self.entity, self.record_id)
        self.setWindowTitle(self.tr("Riwayat perubahan – %1").replace("%1", title))
        imported = sum(1 for e in entries if e.imported)
        self.heading.setText(
            self.tr("%1 perubahan tercatat, %2 di antaranya tiba lewat impor.")
            .replace("%1", str(len(entries)))
            .replace("%2", str(imported))
        )
        self.empty_label.setText(self.tr("Belum ada perubahan tercatat.") if not entries else "")
        self.empty_label.setVisible(not entries)

    def entries(self) -> list[HistoryEntry]:
        seen: list[HistoryEntry] = []
        for r in range(self.model.rowCount()):
            row = self.model.row_at(r)
            if row is not None and row.first:
                seen.append(row.entry)
        return seen

    def _data_changed(self, entities: frozenset) -> None:
        if self.entity in entities or "attendance" in entities:
            self.reload()

    def done(self, result: int) -> None:
        try:
            self.ctx.bus.changed.disconnect(self._data_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
