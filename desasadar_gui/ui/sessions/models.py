"""Thin table models of the sessions tab, over plain rows from the services.

Sessions number in the thousands at most, so the list is held as light frozen rows
and sorted in Python; the attendance counts arrive later, in chunks, from a
background task (:meth:`SessionTableModel.set_counts`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desasadar_gui.domain.enums import AttendanceOutcome, Occupation, ParticipantStatus, SessionType
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.services.funnel import FollowUp
from desasadar_gui.services.session_queries import (
    AttendeeRow,
    SessionCounts,
    SessionListRow,
    with_counts,
)
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.i18n import language

REGISTERED_FOREGROUND = QColor("#166534")
NEW_FOREGROUND = QColor("#1f4e79")
MUTED_FOREGROUND = QColor("#6b7280")

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def label_of(enum: type, code: str | None) -> str:
    if not code:
        return ""
    try:
        return enum(code).label(language())
    except ValueError:
        return code


def dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


# -- sessions ---------------------------------------------------------------------------

(
    S_DATE,
    S_VILLAGE,
    S_TYPE,
    S_FACILITATOR,
    S_ATTENDED,
    S_NEW,
    S_REGISTERED,
) = range(7)
_COUNT_COLUMNS = (S_ATTENDED, S_NEW, S_REGISTERED)


class SessionTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SessionListRow] = []
        self._counted: set[str] = set()
        self._stale: set[str] = set()  # counts shown from before, being recomputed
        self._sort = (S_DATE, Qt.SortOrder.DescendingOrder)

    # -- contents -----------------------------------------------------------------

    def set_rows(self, rows: list[SessionListRow], keep_counts: bool = False) -> None:
        """New rows, their counts to be (re)computed. With ``keep_counts`` the counts
        known so far stay on screen (greyed) until fresh ones arrive: no flicker."""
        known = {r.id: r for r in self._rows if r.id in self._counted or r.id in self._stale}
        self.beginResetModel()
        if keep_counts:
            self._rows = [
                with_counts(r, SessionCounts(k.attended, k.new_prospects, k.registrations))
                if (k := known.get(r.id))
                else r
                for r in rows
            ]
            self._stale = set(known) & {r.id for r in rows}
        else:
            self._rows = list(rows)
            self._stale = set()
        self._counted = set()
        self._apply_sort()
        self.endResetModel()

    def set_counts(self, counts: dict[str, SessionCounts], ids: list[str]) -> None:
        """Counts of the sessions ``ids`` (absent from ``counts``: nobody attended)."""
        wanted = set(ids)
        empty = SessionCounts()
        for i, row in enumerate(self._rows):
            if row.id in wanted:
                self._rows[i] = with_counts(row, counts.get(row.id, empty))
                self._counted.add(row.id)
                self._stale.discard(row.id)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, S_ATTENDED), self.index(len(self._rows) - 1, S_REGISTERED)
            )
        if self._sort[0] in _COUNT_COLUMNS:
            self.sort(*self._sort)

    def all_counted(self) -> bool:
        return all(r.id in self._counted for r in self._rows)

    def uncounted_ids(self) -> list[str]:
        return [r.id for r in self._rows if r.id not in self._counted]

    def row_at(self, row: int) -> SessionListRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, session_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == session_id:
                return i
        return -1

    def rows(self) -> list[SessionListRow]:
        return list(self._rows)

    # -- Qt model -----------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Tanggal"), self.tr("Desa"), self.tr("Jenis"), self.tr("Fasilitator"),
                self.tr("Hadir"), self.tr("Prospek baru"), self.tr("Mendaftar"),
            )[section]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                S_ATTENDED: self.tr("Semua orang di daftar hadir, termasuk tamu"),
                S_NEW: self.tr("Orang yang pertama kali dijangkau di sesi ini dan belum "
                               "terdaftar sebelumnya (termasuk tamu)"),
                S_REGISTERED: self.tr("Ditandai mendaftar, atau mendaftar pada/sesudah "
                                      "tanggal sesi"),
            }.get(section)  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _COUNT_COLUMNS:
            return RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == S_DATE:
                return dmy(row.held_on)
            if col == S_VILLAGE:
                return row.village_name or self.tr("(tanpa desa)")
            if col == S_TYPE:
                return label_of(SessionType, row.type)
            if col == S_FACILITATOR:
                return row.facilitator
            if col in _COUNT_COLUMNS:
                if row.id not in self._counted and row.id not in self._stale:
                    return "…"
                value = (row.attended, row.new_prospects, row.registrations)[col - S_ATTENDED]
                return fmt_int(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _COUNT_COLUMNS:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == S_VILLAGE and row.kabupaten:
                return f"{row.village_name} — {row.kabupaten}"
            if col in (S_TYPE, S_FACILITATOR) and row.place:
                return self.tr("Tempat: %1").replace("%1", row.place)
        if role == Qt.ItemDataRole.ForegroundRole and col in _COUNT_COLUMNS:
            value = (row.attended, row.new_prospects, row.registrations)[col - S_ATTENDED]
            if value == 0 or row.id not in self._counted:
                return QBrush(MUTED_FOREGROUND)
            if col == S_REGISTERED:
                return QBrush(REGISTERED_FOREGROUND)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        keys: dict[int, Callable[[SessionListRow], object]] = {
            S_DATE: lambda r: r.held_on,
            S_VILLAGE: lambda r: r.village_name.casefold(),
            S_TYPE: lambda r: label_of(SessionType, r.type).casefold(),
            S_FACILITATOR: lambda r: r.facilitator.casefold(),
            S_ATTENDED: lambda r: r.attended,
            S_NEW: lambda r: r.new_prospects,
            S_REGISTERED: lambda r: r.registrations,
        }
        # Ties: newest first, then by village.
        self._rows.sort(key=lambda r: r.village_name.casefold())
        self._rows.sort(key=lambda r: r.held_on, reverse=True)
        self._rows.sort(key=keys.get(column, keys[S_DATE]),
                        reverse=order == Qt.SortOrder.DescendingOrder)  # fmt: skip


# -- attendees of one session ----------------------------------------------------------------

A_NAME, A_PHONE, A_STAGE, A_OUTCOME = range(4)


class AttendeeTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AttendeeRow] = []

    def set_rows(self, rows: list[AttendeeRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AttendeeRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[AttendeeRow]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Nama"), self.tr("Telepon"), self.tr("Tahap sekarang"),
                    self.tr("Hasil di sesi"))[section]  # fmt: skip
        return None

    def stage_text(self, row: AttendeeRow) -> str:
        if row.participant_id is None:
            return self.tr("Tamu (belum dicatat)")
        if row.status is None:
            return self.tr("(data dihapus)")
        return label_of(ParticipantStatus, row.status)

    def outcome_text(self, row: AttendeeRow) -> str:
        if row.is_registration and row.outcome != AttendanceOutcome.REGISTERED.value:
            when = dmy(row.registration_date)
            return self.tr("Mendaftar %1").replace("%1", when).strip()
        return label_of(AttendanceOutcome, row.outcome)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == A_NAME:
                return row.name
            if col == A_PHONE:
                return display_phone(row.phone)
            if col == A_STAGE:
                return self.stage_text(row)
            if col == A_OUTCOME:
                return self.outcome_text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == A_OUTCOME and row.is_registration:
                return QBrush(REGISTERED_FOREGROUND)
            if col == A_STAGE and row.participant_id is None:
                return QBrush(MUTED_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and col == A_NAME and row.is_new_prospect:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == A_NAME:
            parts = []
            if row.is_new_prospect:
                parts.append(self.tr("Prospek baru dari sesi ini"))
            if row.nik:
                parts.append(self.tr("NIK %1").replace("%1", row.nik))
            if row.occupation:
                parts.append(label_of(Occupation, row.occupation))
            return "\n".join(parts) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.attendance_id
        return None


# -- follow-ups ------------------------------------------------------------------------

F_NAME, F_PHONE, F_OUTCOME, F_LAST, F_TIMES = range(5)


class FollowUpTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[FollowUp] = []

    def set_rows(self, rows: list[FollowUp]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> FollowUp | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[FollowUp]:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Nama"), self.tr("Telepon"), self.tr("Hasil terakhir"),
                    self.tr("Sesi terakhir"), self.tr("Hadir"))[section]  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            if section == F_TIMES:
                return self.tr("Berapa sesi yang dihadiri")
        if (orientation == Qt.Orientation.Horizontal and section == F_TIMES
                and role == Qt.ItemDataRole.TextAlignmentRole):  # fmt: skip
            return RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == F_NAME:
                if row.participant_id is None:
                    return self.tr("%1 (tamu)").replace("%1", row.name)
                return row.name
            if col == F_PHONE:
                return display_phone(row.phone) or self.tr("(tanpa nomor)")
            if col == F_OUTCOME:
                return label_of(AttendanceOutcome, row.outcome)
            if col == F_LAST:
                return dmy(row.last_session_on)
            if col == F_TIMES:
                return fmt_int(row.sessions_attended)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == F_TIMES:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and col == F_PHONE and not row.phone:
            return QBrush(MUTED_FOREGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and col == F_OUTCOME:
            if row.outcome == AttendanceOutcome.INTERESTED.value:
                return QBrush(REGISTERED_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and col == F_NAME and row.occupation:
            return label_of(Occupation, row.occupation)
        return None
