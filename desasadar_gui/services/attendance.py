"""Changing a session's list of attendees: ticking many at once, registering someone
at (or after) the session, and giving a walk-in listed by name only a record.

Single changes (one walk-in, one outcome, one removal) are in
:mod:`desasadar_gui.services.sessions`; this module adds the steps the sessions tab
needs on top of them, through the same record functions (revision, audit entry).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from desasadar_gui.db.models import Attendance, OutreachSession, Participant
from desasadar_gui.domain.enums import AttendanceOutcome, ParticipantStatus
from desasadar_gui.services.database import Database
from desasadar_gui.services.funnel import COUNTED_STATUSES
from desasadar_gui.services.participants import (
    ParticipantInput,
    ParticipantRow,
    create_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.records import create_record, delete_record, get_live, update_record
from desasadar_gui.services.validation import FieldIssue, ValidationError


@dataclass(frozen=True)
class AttendeeChange:
    added: int
    removed: int


def set_attendees(
    db: Database, session_id: str, tick: Iterable[str], untick: Iterable[str] = ()
) -> AttendeeChange:
    """In one transaction: put the participants ``tick`` on the session's list (those
    already there stay as they are) and take the participants ``untick`` off it."""
    tick_ids = list(dict.fromkeys(tick))
    untick_ids = set(untick) - set(tick_ids)
    added = removed = 0
    with db.session() as s:
        get_live(s, OutreachSession, session_id)
        present = {
            pid: aid
            for aid, pid in s.execute(
                select(Attendance.id, Attendance.participant_id).where(
                    Attendance.session_id == session_id,
                    Attendance.deleted_at.is_(None),
                    Attendance.participant_id.is_not(None),
                )
            )
        }
        for pid in tick_ids:
            if pid in present:
                continue
            get_live(s, Participant, pid)
            create_record(
                s, db, Attendance,
                {"session_id": session_id, "participant_id": pid, "walkin_name": "",
                 "walkin_phone": None, "outcome": AttendanceOutcome.ATTENDED.value},
            )  # fmt: skip
            added += 1
        for pid in untick_ids:
            if pid in present:
                delete_record(s, db, Attendance, present[pid])
                removed += 1
    return AttendeeChange(added, removed)


@dataclass(frozen=True)
class _Attendee:
    attendance_id: str
    session_id: str
    held_on: date
    village_id: str | None
    participant_id: str | None
    walkin_name: str
    walkin_phone: str | None


def _attendee(db: Database, attendance_id: str) -> _Attendee:
    with db.read_session() as s:
        row = get_live(s, Attendance, attendance_id)
        session = get_live(s, OutreachSession, row.session_id)
        return _Attendee(
            row.id, row.session_id, session.held_on, session.village_id,
            row.participant_id, row.walkin_name, row.walkin_phone,
        )  # fmt: skip


def _link(db: Database, attendance_id: str, participant_id: str, outcome: str | None) -> None:
    values: dict = {"participant_id": participant_id}
    if outcome:
        values["outcome"] = outcome
    with db.session() as s:
        update_record(s, db, Attendance, attendance_id, values)


def record_walkin(
    db: Database, attendance_id: str, occupation: str | None = None, nik: str | None = None
) -> ParticipantRow:
    """Give a walk-in listed by name only a prospect record in the session's village
    (so the funnel and the follow-up list know them); the attendance row points to it."""
    who = _attendee(db, attendance_id)
    if who.participant_id:
        return get_participant(db, who.participant_id)
    saved = create_participant(
        db,
        ParticipantInput(
            name=who.walkin_name, nik=nik, phone=who.walkin_phone, occupation=occupation,
            village_id=who.village_id, status=ParticipantStatus.PROSPECT.value,
        ),
    )  # fmt: skip
    _link(db, attendance_id, saved.row.id, None)
    return saved.row


def register_attendee(
    db: Database,
    attendance_id: str,
    on: date | None = None,
    nik: str | None = None,
    occupation: str | None = None,
) -> ParticipantRow:
    """The attendee registered at the session or after it, on ``on`` (default: the
    session date): the person becomes registered with that date (a NIK is required, as
    for every registration) and the attendance outcome becomes "registered".

    Someone already registered keeps their status and date; only the outcome changes.
    A walk-in listed by name only gets a record first.
    """
    who = _attendee(db, attendance_id)
    when = on or who.held_on
    if when < who.held_on:
        raise ValidationError(
            [FieldIssue("registration_date",
                        "Tanggal daftar tidak boleh sebelum tanggal sesi.",
                        "The registration date cannot be before the session date.")]
        )  # fmt: skip
    if who.participant_id is None:
        saved = create_participant(
            db,
            ParticipantInput(
                name=who.walkin_name, nik=nik, phone=who.walkin_phone, occupation=occupation,
                village_id=who.village_id, status=ParticipantStatus.REGISTERED.value,
                registration_date=when,
            ),
        )  # fmt: skip
        _link(db, attendance_id, saved.row.id, AttendanceOutcome.REGISTERED.value)
        return saved.row
    current = get_participant(db, who.participant_id)
    row = current
    if current.status not in COUNTED_STATUSES:
        data = replace(
            current.as_input(),
            status=ParticipantStatus.REGISTERED.value,
            registration_date=when,
            nik=(nik or "").strip() or current.nik,
            occupation=occupation or current.occupation,
        )
        row = update_participant(db, current.id, data).row
    with db.session() as s:
        update_record(
            s, db, Attendance, attendance_id, {"outcome": AttendanceOutcome.REGISTERED.value}
        )
    return row


def undo_registration_mark(db: Database, attendance_id: str) -> None:
    """Take back a "registered" outcome (a wrong click); the person's status is not
    changed (change it on the participants tab if the registration itself was wrong)."""
    with db.session() as s:
        row = get_live(s, Attendance, attendance_id)
        if row.outcome != AttendanceOutcome.REGISTERED.value:
            return
        update_record(
            s, db, Attendance, attendance_id, {"outcome": AttendanceOutcome.ATTENDED.value}
        )


def needs_nik_to_register(db: Database, attendance_id: str) -> bool:
    """True when registering this attendee needs a NIK typed in first."""
    who = _attendee(db, attendance_id)
    if who.participant_id is None:
        return True
    person = get_participant(db, who.participant_id)
    return person.status not in COUNTED_STATUSES and not person.nik


def session_date_of(db: Database, attendance_id: str) -> date:
    return _attendee(db, attendance_id).held_on
