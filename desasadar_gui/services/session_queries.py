"""Read-only queries behind the sessions tab: the list with its counts, one session's
attendance, the village checklist, and the choices the dialogs offer.

Counts are GROUP BY aggregates over attendance (never one query per session), with
the definitions of :mod:`desasadar_gui.services.funnel`: *attended* is every live
attendance row, *new prospects* and *registrations* are as documented there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from desasadar_gui.db.models import Attendance, OutreachSession, Participant, Village
from desasadar_gui.services.database import Database
from desasadar_gui.services.funnel import (
    live_participant_join,
    new_prospect_at_session,
    registered_from_session,
)


@dataclass(frozen=True)
class SessionQuery:
    """Filters of the sessions list; empty filters match everything."""

    search: str = ""  # village, place, facilitator or notes
    type: str = ""
    kabupaten: str = ""
    village_id: str = ""
    year: int | None = None


@dataclass(frozen=True)
class SessionCounts:
    attended: int = 0
    new_prospects: int = 0
    registrations: int = 0


@dataclass(frozen=True)
class SessionListRow:
    id: str
    held_on: date
    village_id: str | None
    village_name: str
    kabupaten: str
    type: str
    place: str
    facilitator: str
    notes: str
    attended: int
    new_prospects: int
    registrations: int


@dataclass(frozen=True)
class AttendeeRow:
    attendance_id: str
    participant_id: str | None  # None: a walk-in listed by name only
    name: str
    nik: str | None
    phone: str | None
    occupation: str | None
    status: str | None  # the participant's status now (None: no record)
    outcome: str
    registration_date: date | None
    is_registration: bool  # counts as a registration from this session
    is_new_prospect: bool


@dataclass(frozen=True)
class ChecklistPerson:
    """A person of the session's village, for the attendance checklist."""

    participant_id: str
    name: str
    nik: str | None
    phone: str | None
    occupation: str | None
    official_role: str | None
    status: str
    attended: bool


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _session_filters(query: SessionQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [OutreachSession.deleted_at.is_(None)]
    text = " ".join(query.search.split())
    if text:
        pattern = f"%{_escape_like(text)}%"
        conditions.append(
            or_(
                Village.name.ilike(pattern, escape="\\"),
                Village.kecamatan.ilike(pattern, escape="\\"),
                OutreachSession.place.ilike(pattern, escape="\\"),
                OutreachSession.facilitator.ilike(pattern, escape="\\"),
                OutreachSession.notes.ilike(pattern, escape="\\"),
            )
        )
    if query.type:
        conditions.append(OutreachSession.type == query.type)
    if query.kabupaten:
        conditions.append(Village.kabupaten == query.kabupaten)
    if query.village_id:
        conditions.append(OutreachSession.village_id == query.village_id)
    if query.year is not None:
        conditions.append(OutreachSession.held_on >= date(query.year, 1, 1))
        conditions.append(OutreachSession.held_on < date(query.year + 1, 1, 1))
    return conditions


def _counts_statement(session_filter):
    new = new_prospect_at_session()
    registration = registered_from_session()
    return (
        select(
            Attendance.session_id,
            func.count(),
            func.sum(case((new, 1), else_=0)),
            func.sum(case((registration, 1), else_=0)),
        )
        .join(OutreachSession, OutreachSession.id == Attendance.session_id)
        .outerjoin(Participant, live_participant_join())
        .where(Attendance.deleted_at.is_(None), session_filter)
        .group_by(Attendance.session_id)
    )


def _row_columns() -> tuple[ColumnElement[Any] | InstrumentedAttribute[Any], ...]:
    """The columns of a :class:`SessionListRow` before its three counts."""
    return (
        OutreachSession.id,
        OutreachSession.held_on,
        OutreachSession.village_id,
        func.coalesce(Village.name, ""),
        func.coalesce(Village.kabupaten, ""),
        OutreachSession.type,
        OutreachSession.place,
        OutreachSession.facilitator,
        OutreachSession.notes,
    )


def _uncounted(row: Sequence[Any]) -> SessionListRow:
    """A row of :func:`_row_columns`, its counts zero until they are counted."""
    sid, held_on, village_id, village_name, kabupaten, kind, place, facilitator, notes = row
    return SessionListRow(
        sid, held_on, village_id, village_name, kabupaten, kind, place, facilitator, notes, 0, 0, 0
    )


def list_sessions(db: Database, query: SessionQuery = SessionQuery()) -> list[SessionListRow]:
    """Live sessions matching ``query``, newest first, *without* their counts (zeros).

    Fast at any size; the tab then asks :func:`counts_for_sessions` for the counts of
    the rows in view first (counting attendance of thousands of sessions takes a few
    seconds at half a million participants).
    """
    stmt = (
        select(*_row_columns())
        .outerjoin(Village, Village.id == OutreachSession.village_id)
        .where(*_session_filters(query))
        .order_by(OutreachSession.held_on.desc(), func.lower(Village.name), OutreachSession.id)
    )
    with db.read_session() as s:
        return [_uncounted(row) for row in s.execute(stmt)]


# SQLite allows 32766 bound parameters; stay far below for older builds (999).
_ID_CHUNK = 500


def counts_for_sessions(db: Database, session_ids: list[str]) -> dict[str, SessionCounts]:
    """Attended / new prospects / registrations of the given sessions (absent: none)."""
    out: dict[str, SessionCounts] = {}
    with db.read_session() as s:
        for i in range(0, len(session_ids), _ID_CHUNK):
            chunk = session_ids[i : i + _ID_CHUNK]
            stmt = _counts_statement(Attendance.session_id.in_(chunk))
            for sid, n, new, reg in s.execute(stmt):
                out[sid] = SessionCounts(n, int(new or 0), int(reg or 0))
    return out


def with_counts(row: SessionListRow, counts: SessionCounts) -> SessionListRow:
    return replace(
        row,
        attended=counts.attended,
        new_prospects=counts.new_prospects,
        registrations=counts.registrations,
    )


def list_session_rows(db: Database, query: SessionQuery = SessionQuery()) -> list[SessionListRow]:
    """Live sessions matching ``query``, newest first, each with its three counts."""
    rows = list_sessions(db, query)
    counts = counts_for_sessions(db, [r.id for r in rows])
    empty = SessionCounts()
    return [with_counts(r, counts.get(r.id, empty)) for r in rows]


def session_counts(db: Database, session_id: str) -> SessionCounts:
    return counts_for_sessions(db, [session_id]).get(session_id, SessionCounts())


def session_list_row(db: Database, session_id: str) -> SessionListRow | None:
    with db.read_session() as s:
        row = s.execute(
            select(*_row_columns())
            .outerjoin(Village, Village.id == OutreachSession.village_id)
            .where(OutreachSession.id == session_id, OutreachSession.deleted_at.is_(None))
        ).first()
    if row is None:
        return None
    return with_counts(
        _uncounted(row),
        session_counts(db, session_id),
    )


def list_attendees(db: Database, session_id: str) -> list[AttendeeRow]:
    """Everyone on the session's list, by name, with their stage and outcome."""
    # The attendee's record even if deleted since (the name stays readable).
    anyone = and_(Participant.id == Attendance.participant_id)
    with db.read_session() as s:
        rows = s.execute(
            select(
                Attendance.id,
                Attendance.participant_id,
                func.coalesce(Participant.name, Attendance.walkin_name),
                Participant.nik,
                func.coalesce(Participant.phone, Attendance.walkin_phone),
                Participant.occupation,
                case((Participant.deleted_at.is_(None), Participant.status), else_=None),
                Attendance.outcome,
                Participant.registration_date,
                registered_from_session(),
                new_prospect_at_session(),
            )
            .select_from(Attendance)
            .join(OutreachSession, OutreachSession.id == Attendance.session_id)
            .outerjoin(Participant, anyone)
            .where(Attendance.session_id == session_id, Attendance.deleted_at.is_(None))
        ).all()
    out = [
        AttendeeRow(aid, pid, name or "", nik, phone, occ, status, outcome, reg,
                    bool(is_reg), bool(is_new))
        for aid, pid, name, nik, phone, occ, status, outcome, reg, is_reg, is_new in rows
    ]  # fmt: skip
    out.sort(key=lambda r: (r.name.casefold(), r.attendance_id))
    return out


def village_checklist(db: Database, village_id: str, session_id: str | None = None
                      ) -> list[ChecklistPerson]:  # fmt: skip
    """The village's live participants by name, ticked when on the session's list."""
    with db.read_session() as s:
        attended: set[str] = set()
        if session_id:
            attended = set(
                s.scalars(
                    select(Attendance.participant_id).where(
                        Attendance.session_id == session_id,
                        Attendance.deleted_at.is_(None),
                        Attendance.participant_id.is_not(None),
                    )
                )
            )
        rows = s.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.nik,
                Participant.phone,
                Participant.occupation,
                Participant.official_role,
                Participant.status,
            )
            .where(Participant.village_id == village_id, Participant.deleted_at.is_(None))
            .order_by(func.lower(Participant.name), Participant.id)
        ).all()
    return [ChecklistPerson(*row, attended=row[0] in attended) for row in rows]


def session_years(db: Database) -> list[int]:
    """Years with live sessions, newest first."""
    with db.read_session() as s:
        years = s.scalars(
            select(extract("year", OutreachSession.held_on))
            .where(OutreachSession.deleted_at.is_(None))
            .distinct()
        ).all()
    return sorted({int(y) for y in years if y is not None}, reverse=True)


def facilitator_names(db: Database, limit: int = 200) -> list[str]:
    """Facilitators typed before (for the form's completer), most used first."""
    with db.read_session() as s:
        rows = s.execute(
            select(OutreachSession.facilitator, func.count())
            .where(OutreachSession.deleted_at.is_(None), OutreachSession.facilitator != "")
            .group_by(OutreachSession.facilitator)
            .order_by(func.count().desc())
            .limit(limit)
        ).all()
    return [name for name, _ in rows]
