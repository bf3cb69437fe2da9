"""Socialisation sessions and their attendance.

A walk-in at a session becomes a prospect participant of the session's village, so
the officer can visit again and the funnel counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select

from desasadar_gui.db.models import Attendance, OutreachSession, Participant, Village
from desasadar_gui.domain.enums import (
    AttendanceOutcome,
    ParticipantStatus,
    SessionType,
    VillageStatus,
)
from desasadar_gui.domain.rules import RuleContext, check_record
from desasadar_gui.services.database import Database
from desasadar_gui.services.participants import (
    DuplicateNikError,
    ParticipantInput,
    ParticipantRow,
    create_participant,
)
from desasadar_gui.services.record_checks import checked_values
from desasadar_gui.services.records import create_record, delete_record, get_live, update_record
from desasadar_gui.services.validation import FieldIssue, ValidationError


@dataclass(frozen=True)
class SessionInput:
    village_id: str | None
    held_on: date
    type: str = SessionType.SOSIALISASI.value
    place: str = ""
    facilitator: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SessionRow:
    id: str
    rev: str
    village_id: str | None
    village_name: str
    held_on: date
    type: str
    place: str
    facilitator: str
    notes: str
    # This save moved the village from *Calon* to *Sudah sosialisasi* (the form says so).
    village_socialised: bool = False


class WalkinAlreadyKnownError(DuplicateNikError):
    """A walk-in's NIK belongs to a live participant: no second person is made. The
    person (``existing``, ``participant_id``) can be marked present at ``session_id``
    instead, with ``record_attendance``."""

    def __init__(self, existing: ParticipantRow, session_id: str) -> None:
        super().__init__(existing)
        self.session_id = session_id

    @property
    def participant_id(self) -> str:
        return self.existing.id


@dataclass(frozen=True)
class AttendanceRow:
    id: str
    session_id: str
    participant_id: str | None
    name: str
    phone: str | None
    outcome: str
    participant_status: str | None


def _session_values(s, data: SessionInput) -> dict:
    return checked_values(
        s,
        "sessions",
        {
            "village_id": data.village_id or None,
            "held_on": data.held_on,
            "type": data.type,
            "place": data.place,
            "facilitator": data.facilitator,
            "notes": data.notes,
        },
    )


def _session_row(s, record: OutreachSession) -> SessionRow:
    village = s.get(Village, record.village_id) if record.village_id else None
    return SessionRow(
        record.id,
        record.rev,
        record.village_id,
        village.name if village else "",
        record.held_on,
        record.type,
        record.place,
        record.facilitator,
        record.notes,
    )


def _socialise_village(s, db: Database, record: OutreachSession, today: date | None) -> bool:
    """A session held (on or before today) in a *Calon* village makes it *Sudah
    sosialisasi*: an ordinary edit of the village (audited, synced). A village already
    socialised or launched is never moved back, and a planned session changes nothing."""
    if record.village_id is None or record.held_on > (today or date.today()):
        return False
    village = s.get(Village, record.village_id)
    if village is None or village.deleted_at is not None:
        return False
    if village.status != VillageStatus.PROSPECT.value:
        return False
    update_record(s, db, Village, village.id, {"status": VillageStatus.SOCIALISED.value})
    return True


def check_session(db: Database, data: SessionInput) -> tuple[FieldIssue, ...]:
    """Every problem the core finds in ``data``, without saving (the form shows them all)."""
    with db.read_session() as s:
        try:
            _session_values(s, data)
        except ValidationError as exc:
            return exc.issues
    return ()


def create_session(db: Database, data: SessionInput, today: date | None = None) -> SessionRow:
    with db.session() as s:
        record = create_record(s, db, OutreachSession, _session_values(s, data))
        moved = _socialise_village(s, db, record, today)
        return replace(_session_row(s, record), village_socialised=moved)


def update_session(
    db: Database, record_id: str, data: SessionInput, today: date | None = None
) -> SessionRow:
    with db.session() as s:
        record = update_record(s, db, OutreachSession, record_id, _session_values(s, data))
        moved = _socialise_village(s, db, record, today)
        return replace(_session_row(s, record), village_socialised=moved)


def delete_session(db: Database, record_id: str) -> None:
    """Tombstone the session and its attendance rows (the people stay)."""
    with db.session() as s:
        delete_record(s, db, OutreachSession, record_id)
        ids = s.scalars(
            select(Attendance.id).where(
                Attendance.session_id == record_id, Attendance.deleted_at.is_(None)
            )
        ).all()
        for attendance_id in ids:
            delete_record(s, db, Attendance, attendance_id)


def get_session(db: Database, record_id: str) -> SessionRow:
    with db.read_session() as s:
        return _session_row(s, get_live(s, OutreachSession, record_id))


def record_attendance(
    db: Database,
    session_id: str,
    participant_id: str,
    outcome: str | None = None,
) -> str:
    """Tick a known participant as present; idempotent. Someone already on the list
    keeps what was noted for them (Berminat, Mendaftar...): marking them present again
    changes nothing. An ``outcome`` other than "attended" is recorded either way."""
    marking_present = outcome in (None, AttendanceOutcome.ATTENDED.value)
    outcome = AttendanceOutcome(outcome or AttendanceOutcome.ATTENDED.value).value
    with db.session() as s:
        get_live(s, OutreachSession, session_id)
        get_live(s, Participant, participant_id)
        existing = s.scalars(
            select(Attendance).where(
                Attendance.session_id == session_id,
                Attendance.participant_id == participant_id,
                Attendance.deleted_at.is_(None),
            )
        ).first()
        if existing is not None:
            if not marking_present and existing.outcome != outcome:
                update_record(s, db, Attendance, existing.id, {"outcome": outcome})
            return existing.id
        record = create_record(
            s,
            db,
            Attendance,
            {
                "session_id": session_id,
                "participant_id": participant_id,
                "walkin_name": "",
                "walkin_phone": None,
                "outcome": outcome,
            },
        )
        return record.id


def set_attendance_outcome(db: Database, attendance_id: str, outcome: str) -> None:
    AttendanceOutcome(outcome)
    with db.session() as s:
        update_record(s, db, Attendance, attendance_id, {"outcome": outcome})


def remove_attendance(db: Database, attendance_id: str) -> None:
    with db.session() as s:
        delete_record(s, db, Attendance, attendance_id)


def add_walkin(
    db: Database,
    session_id: str,
    name: str,
    phone: str | None = None,
    occupation: str | None = None,
    nik: str | None = None,
) -> tuple[str, str]:
    """A walk-in: becomes a prospect of the session's village, then attends.

    Returns (participant id, attendance id). The phone is checked before anything is written.
    A NIK already held by a live participant is refused with ``WalkinAlreadyKnownError``
    (which says who), and nothing is written.
    """
    session = get_session(db, session_id)
    # The walk-in's phone, checked by the attendance rule before a person is made of it.
    checked = check_record(
        "attendance",
        {"session_id": session_id, "walkin_name": name, "walkin_phone": phone},
        RuleContext(date.today()),
    )
    phone_issues = [i for i in checked.errors if i.field == "walkin_phone"]
    if phone_issues:
        raise ValidationError([FieldIssue.from_problem("phone", i.problem) for i in phone_issues])
    try:
        saved = create_participant(
            db,
            ParticipantInput(
                name=name,
                nik=nik,
                phone=phone,
                occupation=occupation,
                village_id=session.village_id,
                status=ParticipantStatus.PROSPECT.value,
            ),
        )
    except DuplicateNikError as exc:
        raise WalkinAlreadyKnownError(exc.existing, session_id) from exc
    attendance_id = record_attendance(db, session_id, saved.row.id)
    return saved.row.id, attendance_id


def list_attendance(db: Database, session_id: str) -> list[AttendanceRow]:
    with db.read_session() as s:
        rows = s.execute(
            select(Attendance, Participant.name, Participant.phone, Participant.status)
            .outerjoin(Participant, Participant.id == Attendance.participant_id)
            .where(Attendance.session_id == session_id, Attendance.deleted_at.is_(None))
            .order_by(Participant.name, Attendance.walkin_name)
        ).all()
    return [
        AttendanceRow(
            a.id,
            a.session_id,
            a.participant_id,
            pname or a.walkin_name,
            pphone if a.participant_id else a.walkin_phone,
            a.outcome,
            pstatus,
        )
        for a, pname, pphone, pstatus in rows
    ]
