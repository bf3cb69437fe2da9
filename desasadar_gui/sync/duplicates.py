"""Possible duplicates: one NIK held by two live participants with different ids.

People are not identified by NIK (a mistyped NIK gets corrected), so the same NIK from
two laptops is listed for a supervisor instead of being merged automatically. Merging
keeps the chosen survivor; the other becomes a tombstone that points to it
(``merged_into``) and its attendance moves to the survivor. Everything goes through
ordinary revisions, so the merge itself syncs to every laptop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desasadar_gui.db.models import Attendance, Participant, Village
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.records import delete_record, get_live, update_record


@dataclass(frozen=True)
class DuplicatePerson:
    id: str
    name: str
    nik: str
    village: str
    status: str
    phone: str | None
    birth_date: date | None
    officer: str
    attendance: int


@dataclass(frozen=True)
class DuplicateGroup:
    nik: str
    people: tuple[DuplicatePerson, ...]


@dataclass(frozen=True)
class MergeResult:
    survivor_id: str
    merged_id: str
    attendance_moved: int
    attendance_dropped: int


def find_possible_duplicates(db: Database, limit: int = 1000) -> list[DuplicateGroup]:
    live = Participant.deleted_at.is_(None)
    with db.read_session() as s:
        niks = s.scalars(
            select(Participant.nik)
            .where(live, Participant.nik.is_not(None))
            .group_by(Participant.nik)
            .having(func.count() > 1)
            .order_by(Participant.nik)
            .limit(limit)
        ).all()
        groups = []
        for nik in niks:
            assert nik is not None  # the query only groups NIKs that are set
            attended = (
                select(func.count())
                .where(Attendance.participant_id == Participant.id, Attendance.deleted_at.is_(None))
                .scalar_subquery()
            )
            rows = s.execute(
                select(Participant, Village.name, attended)
                .outerjoin(Village, Village.id == Participant.village_id)
                .where(live, Participant.nik == nik)
                .order_by(Participant.created_at, Participant.id)
            ).all()
            groups.append(
                DuplicateGroup(
                    nik,
                    tuple(
                        DuplicatePerson(
                            p.id,
                            p.name,
                            p.nik or "",
                            vname or "",
                            p.status,
                            p.phone,
                            p.birth_date,
                            p.officer,
                            n,
                        )
                        for p, vname, n in rows
                    ),
                )
            )
    return groups


def merge_duplicates(db: Database, survivor_id: str, other_id: str) -> MergeResult:
    if survivor_id == other_id:
        raise UserError("Pilih dua orang yang berbeda.", "Choose two different people.")
    with db.session() as s:
        get_live(s, Participant, survivor_id)
        get_live(s, Participant, other_id)
        attended = set(
            s.scalars(
                select(Attendance.session_id).where(
                    Attendance.participant_id == survivor_id, Attendance.deleted_at.is_(None)
                )
            )
        )
        moved = dropped = 0
        for a in s.scalars(
            select(Attendance).where(
                Attendance.participant_id == other_id, Attendance.deleted_at.is_(None)
            )
        ).all():
            if a.session_id in attended:
                delete_record(s, db, Attendance, a.id)  # the survivor was there already
                dropped += 1
            else:
                update_record(s, db, Attendance, a.id, {"participant_id": survivor_id})
                attended.add(a.session_id)
                moved += 1
        update_record(s, db, Participant, other_id, {"merged_into": survivor_id})
        delete_record(s, db, Participant, other_id)
    return MergeResult(survivor_id, other_id, moved, dropped)
