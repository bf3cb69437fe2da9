"""Thin table models of the sessions tab, over plain rows from the services.

Sessions number in the thousands at most, so the list is held as light frozen rows
and sorted in Python; the attendance counts arrive later, in chunks, from a
background task (:meth:`SessionTableModel.set_counts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desasadar_gui.domain import display
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
from desasadar_gui.ui.kit.i18n import enum_label
from desasadar_gui.ui.kit.table_model import RIGHT, Column, ColumnTableModel

REGISTERED_FOREGROUND = QColor("#166534")
NEW_FOREGROUND = QColor("#1f4e79")
MUTED_FOREGROUND = QColor("#6b7280")


def dmy(value: date | None) -> str:
    return display.short_date(value)


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


class SessionTableModel(ColumnTableModel[SessionListRow]):
    default_sort = (S_DATE, Qt.SortOrder.DescendingOrder)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._counted: set[str] = set()
        self._stale: set[str] = set()  # counts shown from before, being recomputed

    def columns(self) -> tuple[Column, ...]:
        place_tip = self._place_tip
        return (
            Column(
                lambda: self.tr("Tanggal"), lambda r: r.held_on, dmy, sort_key=lambda r: r.held_on
            ),
            Column(
                lambda: self.tr("Desa"),
                lambda r: r.village_name or self.tr("(tanpa desa)"),
                tooltip=lambda r: f"{r.village_name} — {r.kabupaten}" if r.kabupaten else None,
                sort_key=lambda r: r.village_name.casefold(),
            ),
            Column(
                lambda: self.tr("Jenis"),
                lambda r: enum_label(SessionType, r.type),
                tooltip=place_tip,
                sort_key=lambda r: enum_label(SessionType, r.type).casefold(),
            ),
            Column(
                lambda: self.tr("Fasilitator"),
                lambda r: r.facilitator,
                tooltip=place_tip,
                sort_key=lambda r: r.facilitator.casefold(),
            ),
            self._count_column(
                lambda: self.tr("Hadir"),
                lambda: self.tr("Semua orang di daftar hadir, termasuk tamu"),
                lambda r: r.attended,
            ),
            self._count_column(
                lambda: self.tr("Prospek baru"),
                lambda: self.tr(
                    "Orang yang pertama kali dijangkau di sesi ini dan belum "
                    "terdaftar sebelumnya (termasuk tamu)"
                ),
                lambda r: r.new_prospects,
            ),  # fmt: skip
            self._count_column(
                lambda: self.tr("Mendaftar"),
                lambda: self.tr("Ditandai mendaftar, atau mendaftar pada/sesudah tanggal sesi"),
                lambda r: r.registrations,
                counted_brush=QBrush(REGISTERED_FOREGROUND),
            ),
        )

    def _count_column(self, header, tip, count, counted_brush: QBrush | None = None) -> Column:
        def text(row: SessionListRow) -> str:
            if row.id not in self._counted and row.id not in self._stale:
                return "…"
            return fmt_int(count(row))

        def brush(row: SessionListRow) -> QBrush | None:
            if count(row) == 0 or row.id not in self._counted:
                return QBrush(MUTED_FOREGROUND)
            return counted_brush

        return Column(
            header, text, align=RIGHT, header_align=RIGHT, header_tip=tip,
            foreground=brush, sort_key=count,
        )  # fmt: skip

    def _place_tip(self, row: SessionListRow) -> str | None:
        return self.tr("Tempat: %1").replace("%1", row.place) if row.place else None

    def row_roles(self) -> dict[int, Any]:
        return {Qt.ItemDataRole.UserRole: lambda r: r.id}

    def tie_breaks(self):
        # Ties: newest first, then by village.
        return ((lambda r: r.village_name.casefold(), False), (lambda r: r.held_on, True))

    # -- contents -----------------------------------------------------------------

    def set_rows(self, rows: Sequence[SessionListRow], keep_counts: bool = False) -> None:
        """New rows, their counts to be (re)computed. With ``keep_counts`` the counts
        known so far stay on screen (greyed) until fresh ones arrive: no flicker."""
        known = {r.id: r for r in self._rows if r.id in self._counted or r.id in self._stale}
        if keep_counts:
            rows = [
                with_counts(r, SessionCounts(k.attended, k.new_prospects, k.registrations))
                if (k := known.get(r.id))
                else r
                for r in rows
            ]
            self._stale = set(known) & {r.id for r in rows}
        else:
            self._stale = set()
        self._counted = set()
        super().set_rows(rows)

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
        if self._sort is not None and self._sort[0] in _COUNT_COLUMNS:
            self.sort(*self._sort)

    def all_counted(self) -> bool:
        return all(r.id in self._counted for r in self._rows)

    def uncounted_ids(self) -> list[str]:
        return [r.id for r in self._rows if r.id not in self._counted]

    def row_of(self, session_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == session_id:
                return i
        return -1


# -- attendees of one session ----------------------------------------------------------------

A_NAME, A_PHONE, A_STAGE, A_OUTCOME = range(4)


class AttendeeTableModel(ColumnTableModel[AttendeeRow]):
    def columns(self) -> tuple[Column, ...]:
        return (
            Column(
                lambda: self.tr("Nama"),
                lambda r: r.name,
                font=self._name_font,
                tooltip=self._name_tip,
            ),
            Column(lambda: self.tr("Telepon"), lambda r: display_phone(r.phone)),
            Column(
                lambda: self.tr("Tahap sekarang"),
                self.stage_text,
                foreground=lambda r: QBrush(MUTED_FOREGROUND) if r.participant_id is None else None,
            ),
            Column(
                lambda: self.tr("Hasil di sesi"),
                self.outcome_text,
                foreground=lambda r: QBrush(REGISTERED_FOREGROUND) if r.is_registration else None,
            ),
        )

    def row_roles(self) -> dict[int, Any]:
        return {Qt.ItemDataRole.UserRole: lambda r: r.attendance_id}

    def stage_text(self, row: AttendeeRow) -> str:
        if row.participant_id is None:
            return self.tr("Tamu (belum dicatat)")
        if row.status is None:
            return self.tr("(data dihapus)")
        return enum_label(ParticipantStatus, row.status)

    def outcome_text(self, row: AttendeeRow) -> str:
        if row.is_registration and row.outcome != AttendanceOutcome.REGISTERED.value:
            when = dmy(row.registration_date)
            return self.tr("Mendaftar %1").replace("%1", when).strip()
        return enum_label(AttendanceOutcome, row.outcome)

    @staticmethod
    def _name_font(row: AttendeeRow) -> QFont | None:
        if not row.is_new_prospect:
            return None
        font = QFont()
        font.setBold(True)
        return font

    def _name_tip(self, row: AttendeeRow) -> str | None:
        parts = []
        if row.is_new_prospect:
            parts.append(self.tr("Prospek baru dari sesi ini"))
        if row.nik:
            parts.append(self.tr("NIK %1").replace("%1", row.nik))
        if row.occupation:
            parts.append(enum_label(Occupation, row.occupation))
        return "\n".join(parts) or None


# -- follow-ups ------------------------------------------------------------------------

F_NAME, F_PHONE, F_OUTCOME, F_LAST, F_TIMES = range(5)


class FollowUpTableModel(ColumnTableModel[FollowUp]):
    def columns(self) -> tuple[Column, ...]:
        interested = AttendanceOutcome.INTERESTED.value
        return (
            Column(
                lambda: self.tr("Nama"),
                self._name,
                tooltip=lambda r: enum_label(Occupation, r.occupation) if r.occupation else None,
            ),
            Column(
                lambda: self.tr("Telepon"),
                lambda r: display_phone(r.phone) or self.tr("(tanpa nomor)"),
                foreground=lambda r: None if r.phone else QBrush(MUTED_FOREGROUND),
            ),
            Column(
                lambda: self.tr("Hasil terakhir"),
                lambda r: enum_label(AttendanceOutcome, r.outcome),
                foreground=lambda r: (
                    QBrush(REGISTERED_FOREGROUND) if r.outcome == interested else None
                ),
            ),
            Column(lambda: self.tr("Sesi terakhir"), lambda r: r.last_session_on, dmy),
            Column(
                lambda: self.tr("Hadir"),
                lambda r: r.sessions_attended,
                fmt_int,
                align=RIGHT,
                header_align=RIGHT,
                header_tip=lambda: self.tr("Berapa sesi yang dihadiri"),
            ),
        )

    def _name(self, row: FollowUp) -> str:
        if row.participant_id is None:
            return self.tr("%1 (tamu)").replace("%1", row.name)
        return row.name
