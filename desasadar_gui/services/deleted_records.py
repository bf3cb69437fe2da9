"""Data terhapus: the deleted participants, villages and sessions, and the way back.

A deletion is a tombstone (``deleted_at``) that syncs like an edit; so is a restore:
:func:`restore_deleted` brings the record back through ``records.revive_record`` (a
new revision, audit action ``restore``) after the same record rules a form obeys
(``domain.rules.check_record`` and the live references and unique keys of
``services/record_checks``). A restore that would break a rule is refused with a
message that says what to do first.

Not restorable, with the reason: a person whose personal data was erased (``hapus
data pribadi``, ``services/erasure.py``) or purged by the retention rules
(``services/retention.py``): their fields are gone; and a duplicate merged into
another participant (the survivor holds the person).

A session comes back with the attendance rows deleted with it (those deleted at or
after the session's own deletion; rows removed earlier stay removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desasadar_gui.db.models import (
    Attendance,
    AuditEntry,
    Erasure,
    OutreachSession,
    Participant,
    ProcessingEntry,
    SyncedMixin,
    Village,
)
from desasadar_gui.domain import rules
from desasadar_gui.domain.fields import FIELDS
from desasadar_gui.domain.problems import describe
from desasadar_gui.errors import UserError
from desasadar_gui.services import processing
from desasadar_gui.services.database import Database
from desasadar_gui.services.erasure import ERASED_NAME
from desasadar_gui.services.record_checks import holder_label, live_holder
from desasadar_gui.services.records import revive_record

PARTICIPANTS = "participants"
VILLAGES = "villages"
SESSIONS = "sessions"
KINDS = (PARTICIPANTS, VILLAGES, SESSIONS)
MODELS: dict[str, type[SyncedMixin]] = {
    PARTICIPANTS: Participant,
    VILLAGES: Village,
    SESSIONS: OutreachSession,
}
DEFAULT_LIMIT = 2000  # the newest deletions a list shows


@dataclass(frozen=True)
class Reason:
    """Why a record cannot come back, in both languages (and what to do, if anything)."""

    text_id: str
    text_en: str

    def message(self, lang: str | None = None) -> str:
        return UserError(self.text_id, self.text_en).message(lang)


@dataclass(frozen=True)
class DeletedRecord:
    """One deleted record, as the *Data terhapus* list shows it."""

    entity: str  # participants / villages / sessions
    id: str
    name: str  # the person's or village's name; a session's place
    village: str  # the village of a person or session; a village's kecamatan, kabupaten
    deleted_at: datetime  # UTC
    device: str  # the device that deleted it
    officer: str  # the officer who deleted it, when this laptop knows
    session_type: str | None = None
    held_on: date | None = None
    blocked: Reason | None = None  # None: it can be restored

    @property
    def restorable(self) -> bool:
        return self.blocked is None


@dataclass(frozen=True)
class RestoreResult:
    entity: str
    id: str
    name: str
    attendance_restored: int = 0
    attendance_left: int = 0  # rows whose person is deleted: they stay deleted


class NotRestorableError(UserError):
    pass


# -- why a record cannot come back ------------------------------------------------


def _village_name(s: Session, village_id: str | None) -> str:
    village = s.get(Village, village_id) if village_id else None
    return village.name if village is not None else ""


def _erasure_reason(s: Session, record: Participant) -> Reason | None:
    erased = s.get(Erasure, record.id) is not None
    if not erased and record.name != ERASED_NAME:
        return None
    on_request = s.scalar(
        select(ProcessingEntry.id)
        .where(
            ProcessingEntry.action == processing.ERASURE,
            ProcessingEntry.note == f"peserta {record.id}",
        )
        .limit(1)
    )
    if on_request is not None:
        return Reason(
            "Data pribadi orang ini dihapus atas permintaan (Hapus data pribadi). "
            "Catatan ini tidak bisa dipulihkan; bila perlu, daftarkan orangnya lagi.",
            "This person's personal data was erased on request (Erase personal data). "
            "The record cannot be restored; register the person again if needed.",
        )
    purged = s.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.entity == PARTICIPANTS,
            AuditEntry.record_id == record.id,
            AuditEntry.action == "delete",
        )
        .limit(1)
    )
    if purged is not None:
        return Reason(
            "Data pribadi catatan terhapus ini sudah dibersihkan karena masa simpannya "
            "habis. Catatan ini tidak bisa dipulihkan; bila perlu, daftarkan orangnya lagi.",
            "The personal data of this deleted record was purged when its retention "
            "period ended. It cannot be restored; register the person again if needed.",
        )
    return Reason(
        "Data pribadi orang ini sudah dihapus (di laptop ini atau di laptop lain). "
        "Catatan ini tidak bisa dipulihkan; bila perlu, daftarkan orangnya lagi.",
        "This person's personal data was erased (on this laptop or another). The "
        "record cannot be restored; register the person again if needed.",
    )


def _values(entity: str, record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in FIELDS[entity] if hasattr(record, f.name)}


def _rule_reason(s: Session, entity: str, record: Any, today: date) -> Reason | None:
    """The record rules a form obeys, on the record as it is stored."""
    values = _values(entity, record)
    village = None
    if entity in (PARTICIPANTS, SESSIONS) and record.village_id:
        village = s.get(Village, record.village_id)
        if village is None or village.deleted_at is not None:
            named_id = f"Desa {village.name}" if village is not None else "Desanya"
            named_en = f"The village {village.name}" if village is not None else "Its village"
            if entity == PARTICIPANTS:
                what_id, what_en = "peserta", "participant"
            else:
                what_id, what_en = "sesi", "session"
            return Reason(
                f"{named_id} (tempat {what_id} ini) sudah dihapus. Pulihkan dulu desanya "
                f"di Data terhapus, lalu pulihkan {what_id} ini.",
                f"{named_en} (of this {what_en}) was deleted. Restore the village from "
                f"Deleted records first, then this {what_en}.",
            )
    region = village.region_code if village is not None else None
    checked = rules.check_record(
        entity, values, rules.RuleContext(today, None, region, derive=False)
    )
    if checked.errors:
        found_id = " ".join(describe(i.problem, "id") for i in checked.errors)
        found_en = " ".join(describe(i.problem, "en") for i in checked.errors)
        return Reason(
            f"Catatan ini tidak memenuhi aturan isian: {found_id} Tidak bisa dipulihkan.",
            f"This record does not meet the field rules: {found_en} It cannot be restored.",
        )
    holder = live_holder(s, entity, checked.values, record.id)
    if holder is not None:
        label = holder_label(s, entity, holder)
        if entity == PARTICIPANTS:
            return Reason(
                f"NIK {record.nik} sekarang dipakai {label}, yang masih aktif. Bila itu "
                "orang yang sama, pakai catatan itu; bila bukan, perbaiki NIK di salah "
                "satunya dulu, lalu pulihkan lagi.",
                f"NIK {record.nik} now belongs to {label}, who is live. If it is the same "
                "person, keep that record; if not, correct the NIK on one of them first, "
                "then restore again.",
            )
        return Reason(
            f"Kode wilayah {record.region_code} sekarang dipakai desa {label}, yang masih "
            "aktif. Pakai desa itu, atau hapus dulu desa itu bila salah, lalu pulihkan lagi.",
            f"The region code {record.region_code} now belongs to the village {label}, "
            "which is live. Keep that village, or delete it first if it is wrong, then "
            "restore again.",
        )
    return None


def blocker(s: Session, entity: str, record: Any, today: date | None = None) -> Reason | None:
    """Why ``record`` (deleted) cannot be restored now, or None."""
    if entity == PARTICIPANTS:
        erased = _erasure_reason(s, record)
        if erased is not None:
            return erased
        if record.merged_into:
            survivor = s.get(Participant, record.merged_into)
            name = survivor.name if survivor is not None else record.merged_into
            return Reason(
                f"Catatan ini digabung ke {name} sebagai duplikat. Buka peserta itu; "
                "catatan ini tidak dipulihkan.",
                f"This record was merged into {name} as a duplicate. Open that "
                "participant; this record is not restored.",
            )
    return _rule_reason(s, entity, record, today or date.today())


# -- the list -------------------------------------------------------------------------


def _who(s: Session, entity: str, record: SyncedMixin) -> tuple[str, str]:
    """(device, officer) of the deletion: the audit entry when it was made here."""
    entry = s.execute(
        select(AuditEntry.device, AuditEntry.officer)
        .where(
            AuditEntry.entity == entity,
            AuditEntry.record_id == record.id,
            AuditEntry.action.in_(("delete", "erase")),
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if entry is not None:
        return entry[0], entry[1]
    return record.updated_by, ""


def _row(s: Session, entity: str, record: Any, today: date) -> DeletedRecord:
    device, officer = _who(s, entity, record)
    common = {
        "entity": entity,
        "id": record.id,
        "deleted_at": record.deleted_at,
        "device": device,
        "officer": officer,
        "blocked": blocker(s, entity, record, today),
    }
    if entity == PARTICIPANTS:
        return DeletedRecord(
            name=record.name, village=_village_name(s, record.village_id), **common
        )
    if entity == VILLAGES:
        where = ", ".join(p for p in (record.kecamatan, record.kabupaten) if p)
        return DeletedRecord(name=record.name, village=where, **common)
    return DeletedRecord(
        name=record.place,
        village=_village_name(s, record.village_id),
        session_type=record.type,
        held_on=record.held_on,
        **common,
    )


def list_deleted(
    db: Database,
    kinds: tuple[str, ...] = KINDS,
    limit: int = DEFAULT_LIMIT,
    today: date | None = None,
) -> list[DeletedRecord]:
    """Deleted records of ``kinds``, the newest deletion first (at most ``limit``)."""
    today = today or date.today()
    with db.read_session() as s:
        found: list[tuple[datetime | None, str, Any]] = []
        for entity in kinds:
            model = MODELS[entity]
            stmt = (
                select(model)
                .where(model.deleted_at.is_not(None))
                .order_by(model.deleted_at.desc(), model.id)
                .limit(limit)
            )
            found += [(r.deleted_at, entity, r) for r in s.scalars(stmt)]
        found.sort(key=lambda t: (t[0] or datetime.min, t[2].id), reverse=True)
        return [_row(s, entity, record, today) for _, entity, record in found[:limit]]


def get_deleted(db: Database, entity: str, record_id: str) -> DeletedRecord | None:
    """One record as the list shows it, or None when it is not (or no longer) deleted."""
    with db.read_session() as s:
        record = s.get(MODELS[entity], record_id)
        if record is None or record.deleted_at is None:
            return None
        return _row(s, entity, record, date.today())


def last_deletion(db: Database, after_audit_id: int) -> DeletedRecord | None:
    """The most recent deletion this device made after audit entry ``after_audit_id``
    (a window's start) whose record is still deleted: what *Urungkan hapus* offers."""
    with db.read_session() as s:
        entries = s.execute(
            select(AuditEntry.entity, AuditEntry.record_id)
            .where(
                AuditEntry.id > after_audit_id,
                AuditEntry.action == "delete",
                AuditEntry.device == db.device.id,
                AuditEntry.entity.in_(KINDS),
            )
            .order_by(AuditEntry.id.desc())
        )
        for entity, record_id in entries:
            record = s.get(MODELS[entity], record_id)
            if record is not None and record.deleted_at is not None:
                return _row(s, entity, record, date.today())
    return None


def last_audit_id(db: Database) -> int:
    """The newest audit entry now (a window remembers it: its deletions come after)."""
    with db.read_session() as s:
        return s.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0


# -- the way back ---------------------------------------------------------------------


def _restore_attendance(s: Session, db: Database, session: OutreachSession) -> tuple[int, int]:
    """The session's attendance deleted with it (at or after its deletion)."""
    assert session.deleted_at is not None
    rows = s.scalars(
        select(Attendance).where(
            Attendance.session_id == session.id,
            Attendance.deleted_at.is_not(None),
            Attendance.deleted_at >= session.deleted_at,
        )
    ).all()
    restored = left = 0
    for row in rows:
        person = s.get(Participant, row.participant_id) if row.participant_id else None
        if row.participant_id and (person is None or person.deleted_at is not None):
            left += 1
            continue
        revive_record(s, db, row, {})
        restored += 1
    return restored, left


def restore_deleted(db: Database, entity: str, record_id: str) -> RestoreResult:
    """Bring a deleted record back: an ordinary audited edit that syncs (see above)."""
    if entity not in MODELS:
        raise ValueError(entity)
    with db.session() as s:
        record: Any = s.get(MODELS[entity], record_id)
        if record is None or record.deleted_at is None:
            raise NotRestorableError(
                "Data ini tidak (lagi) terhapus; mungkin sudah dipulihkan.",
                "This record is not deleted (any more); it may have been restored already.",
            )
        reason = blocker(s, entity, record)
        if reason is not None:
            raise NotRestorableError(reason.text_id, reason.text_en)
        restored = left = 0
        if entity == SESSIONS:
            restored, left = _restore_attendance(s, db, record)
        revive_record(s, db, record, {})
        return RestoreResult(entity, record.id, record.name if entity != SESSIONS else record.place,
                             restored, left)  # fmt: skip


__all__ = [
    "KINDS",
    "DeletedRecord",
    "NotRestorableError",
    "Reason",
    "RestoreResult",
    "blocker",
    "get_deleted",
    "last_audit_id",
    "last_deletion",
    "list_deleted",
    "restore_deleted",
]
