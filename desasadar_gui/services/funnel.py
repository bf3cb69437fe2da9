"""The participant funnel and the two definitions every count of progress uses.

A person moves prospect -> registered -> active (paying) -> inactive. Two questions
come back everywhere (dashboard, sessions tab, the sync workbook's summary, tests),
so they are answered here, once, as SQL conditions:

**Who counts towards a year's target** (:func:`counted_in_year`): a live participant
(not tombstoned) whose status is registered, active *or inactive* and whose
``registration_date`` falls in that calendar year. Targets measure recruitment: a
person signed up in March still counts for that year after they stop paying in
October, so a year's achievement never shrinks afterwards (the dashboard shows how
many of them are active and inactive now). Prospects never count; a registered person
without a registration date cannot be placed in a year and is left out. The kabupaten
of a participant is their village's kabupaten; the officer is ``participants.officer``.

**Registrations that came from a session** (:func:`registered_from_session`): live
attendance rows of the session where either the officer marked the outcome
"registered" (Mendaftar), or the attendee is a live participant who is registered
(registered / active / inactive) with a ``registration_date`` on or after the session
date. One person who attended two sessions before registering counts for both
sessions, so session registrations are not summed into a total.

**New prospects of a session** (:func:`new_prospect_at_session`): attendees first
reached at that session: walk-ins written on the list without a participant record,
and participants for whom this is the earliest session they attended and who were not
registered before it (prospects, or registered on/after the session date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from desasadar_gui.db.models import Attendance, OutreachSession, Participant, Village
from desasadar_gui.domain.enums import AttendanceOutcome, ParticipantStatus
from desasadar_gui.services.database import Database

PROSPECT = ParticipantStatus.PROSPECT.value
REGISTERED = ParticipantStatus.REGISTERED.value
ACTIVE = ParticipantStatus.ACTIVE.value
INACTIVE = ParticipantStatus.INACTIVE.value

# Statuses of a person who has registered (the funnel's stages after "prospect").
COUNTED_STATUSES: tuple[str, ...] = (REGISTERED, ACTIVE, INACTIVE)
FUNNEL_STATUSES: tuple[str, ...] = (PROSPECT, REGISTERED, ACTIVE, INACTIVE)


def year_bounds(year: int) -> tuple[date, date]:
    """[1 January of ``year``, 1 January of the next year)."""
    return date(year, 1, 1), date(year + 1, 1, 1)


def counted_in_year(year: int, status: str | None = None) -> ColumnElement[bool]:
    """Participants who count towards ``year``'s targets (see the module doc).

    ``status`` narrows to one of the counted statuses (e.g. "active" among them).
    Written as plain comparisons so SQLite can answer from the composite indexes.
    """
    start, end = year_bounds(year)
    statuses = (status,) if status else COUNTED_STATUSES
    return and_(
        Participant.deleted_at.is_(None),
        Participant.status.in_(statuses),
        Participant.registration_date >= start,
        Participant.registration_date < end,
    )


def registered_from_session() -> ColumnElement[bool]:
    """An attendance row that is a registration from its session (see the module doc).

    For a statement over ``Attendance`` joined to its ``OutreachSession`` and
    outer-joined to ``Participant``.
    """
    return or_(
        Attendance.outcome == AttendanceOutcome.REGISTERED.value,
        and_(
            Participant.id.is_not(None),
            Participant.deleted_at.is_(None),
            Participant.status.in_(COUNTED_STATUSES),
            Participant.registration_date >= OutreachSession.held_on,
        ),
    )


def not_registered_before_session() -> ColumnElement[bool]:
    return or_(
        Participant.status == PROSPECT,
        Participant.registration_date.is_(None),
        Participant.registration_date >= OutreachSession.held_on,
    )


def attended_earlier() -> ColumnElement[bool]:
    """The attendee (a participant) attended a live session held before this one."""
    earlier_attendance = aliased(Attendance, name="earlier_attendance")
    earlier_session = aliased(OutreachSession, name="earlier_session")
    return (
        select(earlier_attendance.id)
        .join(earlier_session, earlier_session.id == earlier_attendance.session_id)
        .where(
            earlier_attendance.participant_id == Attendance.participant_id,
            earlier_attendance.deleted_at.is_(None),
            earlier_session.deleted_at.is_(None),
            earlier_session.held_on < OutreachSession.held_on,
        )
        .exists()
    )


def new_prospect_at_session() -> ColumnElement[bool]:
    """An attendance row whose person was first reached at its session (see the module
    doc), for a statement over ``Attendance`` joined to its session and outer-joined to
    the live ``Participant``."""
    return or_(
        Attendance.participant_id.is_(None),
        and_(
            Participant.id.is_not(None),
            Participant.deleted_at.is_(None),
            not_registered_before_session(),
            ~attended_earlier(),
        ),
    )


def live_participant_join() -> ColumnElement[bool]:
    """Outer-join condition: the attendee's record, unless it was deleted."""
    return and_(Participant.id == Attendance.participant_id, Participant.deleted_at.is_(None))


# -- the funnel of a session and of a village -------------------------------------------


@dataclass(frozen=True)
class FunnelCounts:
    """People by stage. ``unrecorded`` are walk-ins listed by name only (no record yet)."""

    prospect: int = 0
    registered: int = 0
    active: int = 0
    inactive: int = 0
    unrecorded: int = 0

    @property
    def total(self) -> int:
        return self.prospect + self.registered + self.active + self.inactive + self.unrecorded

    def get(self, status: str) -> int:
        return int(getattr(self, status, 0))


@dataclass(frozen=True)
class FollowUp:
    """Someone who attended but has not registered: whom to visit again."""

    attendance_id: str | None  # the latest attendance row (for walk-ins without a record)
    participant_id: str | None
    name: str
    phone: str | None
    occupation: str | None
    outcome: str  # at the latest session attended
    sessions_attended: int
    last_session_on: date
    village_name: str


@dataclass(frozen=True)
class Funnel:
    counts: FunnelCounts
    follow_ups: tuple[FollowUp, ...]


def _counts(rows) -> FunnelCounts:
    values = {status: 0 for status in FUNNEL_STATUSES}
    unrecorded = 0
    for status, n in rows:
        if status is None:
            unrecorded += n
        elif status in values:
            values[status] += n
    return FunnelCounts(unrecorded=unrecorded, **values)


def _follow_up_order(outcome: str) -> int:
    order = {
        AttendanceOutcome.INTERESTED.value: 0,
        AttendanceOutcome.ATTENDED.value: 1,
        AttendanceOutcome.DECLINED.value: 2,
    }
    return order.get(outcome, 3)


def session_funnel(db: Database, session_id: str) -> Funnel:
    """The attendees of one session by their stage now, and those to visit again
    (prospects and walk-ins without a record who did not register there)."""
    live = and_(Attendance.session_id == session_id, Attendance.deleted_at.is_(None))
    with db.read_session() as s:
        counts = s.execute(
            select(
                Participant.status,
                func.count(func.distinct(func.coalesce(Participant.id, Attendance.id))),
            )
            .select_from(Attendance)
            .outerjoin(Participant, live_participant_join())
            .where(live)
            .group_by(Participant.status)
        ).all()
        rows = s.execute(
            select(
                Attendance.id,
                Participant.id,
                func.coalesce(Participant.name, Attendance.walkin_name),
                func.coalesce(Participant.phone, Attendance.walkin_phone),
                Participant.occupation,
                Attendance.outcome,
                OutreachSession.held_on,
                func.coalesce(Village.name, ""),
            )
            .select_from(Attendance)
            .join(OutreachSession, OutreachSession.id == Attendance.session_id)
            .outerjoin(Village, Village.id == OutreachSession.village_id)
            .outerjoin(Participant, live_participant_join())
            .where(
                live,
                Attendance.outcome != AttendanceOutcome.REGISTERED.value,
                or_(Participant.id.is_(None), Participant.status == PROSPECT),
            )
        ).all()
    follow = [
        FollowUp(aid, pid, name or "", phone, occ, outcome, 1, held_on, village)
        for aid, pid, name, phone, occ, outcome, held_on, village in rows
    ]
    follow.sort(key=lambda f: (_follow_up_order(f.outcome), f.name.casefold()))
    return Funnel(_counts(counts), tuple(follow))


def village_funnel(db: Database, village_id: str, limit: int = 500) -> Funnel:
    """The village's participants by stage, and whom to visit again: its prospects who
    attended any session (latest first, with how many sessions they came to), then
    walk-ins at its sessions who have no record yet."""
    with db.read_session() as s:
        counts = s.execute(
            select(Participant.status, func.count())
            .where(Participant.village_id == village_id, Participant.deleted_at.is_(None))
            .group_by(Participant.status)
        ).all()
        # Walk-ins: attendance without a participant record, at the village's sessions.
        walkin_here = (
            OutreachSession.village_id == village_id,
            OutreachSession.deleted_at.is_(None),
            Attendance.deleted_at.is_(None),
            Attendance.participant_id.is_(None),
        )
        unrecorded = s.scalar(
            select(func.count())
            .select_from(Attendance)
            .join(OutreachSession, OutreachSession.id == Attendance.session_id)
            .where(*walkin_here)
        )
        seen = (
            select(
                Attendance.participant_id.label("pid"),
                func.count(func.distinct(Attendance.session_id)).label("n"),
                func.max(OutreachSession.held_on).label("last_on"),
            )
            .join(OutreachSession, OutreachSession.id == Attendance.session_id)
            .join(Participant, Participant.id == Attendance.participant_id)
            .where(
                Participant.village_id == village_id,
                Participant.deleted_at.is_(None),
                Participant.status == PROSPECT,
                Attendance.deleted_at.is_(None),
                OutreachSession.deleted_at.is_(None),
            )
            .group_by(Attendance.participant_id)
            .subquery("seen")
        )
        # The outcome at the latest session (any of them when two fall on that day).
        latest_outcome = (
            select(func.max(Attendance.outcome))
            .join(OutreachSession, OutreachSession.id == Attendance.session_id)
            .where(
                Attendance.participant_id == seen.c.pid,
                Attendance.deleted_at.is_(None),
                OutreachSession.deleted_at.is_(None),
                OutreachSession.held_on == seen.c.last_on,
            )
            .scalar_subquery()
        )
        village_name = s.scalar(select(Village.name).where(Village.id == village_id)) or ""
        people = s.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.phone,
                Participant.occupation,
                latest_outcome,
                seen.c.n,
                seen.c.last_on,
            )
            .join(seen, seen.c.pid == Participant.id)
            .order_by(seen.c.last_on.desc(), Participant.name)
            .limit(limit)
        ).all()
        walkins = s.execute(
            select(
                Attendance.id,
                Attendance.walkin_name,
                Attendance.walkin_phone,
                Attendance.outcome,
                OutreachSession.held_on,
            )
            .join(OutreachSession, OutreachSession.id == Attendance.session_id)
            .where(*walkin_here, Attendance.outcome != AttendanceOutcome.REGISTERED.value)
            .order_by(OutreachSession.held_on.desc(), Attendance.walkin_name)
            .limit(limit)
        ).all()
    follow = [
        FollowUp(None, pid, name, phone, occ, outcome or "", n, last_on, village_name)
        for pid, name, phone, occ, outcome, n, last_on in people
    ]
    follow += [
        FollowUp(aid, None, name, phone, None, outcome, 1, held_on, village_name)
        for aid, name, phone, outcome, held_on in walkins
    ]
    funnel_counts = _counts([*counts, (None, unrecorded or 0)])
    return Funnel(funnel_counts, tuple(follow[:limit]))
