"""Registering and editing participants (peserta BPU), with the NIK and phone rules.

``check_participant`` is what the form calls as the officer types: it returns the
parsed NIK, the normalised phone, the contribution, warnings and any live person
already holding the NIK. ``create_participant`` / ``update_participant`` run the
same check and refuse errors; warnings never block saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desasadar_gui.db.models import Participant, Village
from desasadar_gui.domain.contribution import Contribution
from desasadar_gui.domain.enums import FundingSource, ParticipantStatus
from desasadar_gui.domain.nik import NikCheck
from desasadar_gui.domain.rules import RuleContext, check_record
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.rates import rate_table
from desasadar_gui.services.record_checks import issues_of, missing_references
from desasadar_gui.services.records import (
    create_record,
    delete_record,
    from_fields,
    update_record,
)
from desasadar_gui.services.validation import FieldIssue, ValidationError

ALL_PROGRAMMES = ("jkk", "jkm", "jht")


@dataclass(frozen=True)
class ParticipantInput:
    name: str
    nik: str | None = None
    gender: str | None = None
    birth_date: date | None = None
    phone: str | None = None
    address: str = ""
    village_id: str | None = None
    occupation: str | None = None
    official_role: str | None = None
    monthly_income: int = 0
    programmes: frozenset[str] = field(default_factory=lambda: frozenset({"jkk", "jkm"}))
    funding_source: str = FundingSource.MANDIRI.value
    status: str = ParticipantStatus.PROSPECT.value
    registration_date: date | None = None
    kpj_number: str | None = None


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    rev: str
    name: str
    nik: str | None
    gender: str | None
    birth_date: date | None
    phone: str | None
    address: str
    village_id: str | None
    village_name: str
    occupation: str | None
    official_role: str | None
    monthly_income: int
    programmes: frozenset[str]
    contribution: int
    funding_source: str
    status: str
    registration_date: date | None
    kpj_number: str | None
    officer: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    def as_input(self) -> ParticipantInput:
        return from_fields(ParticipantInput, self)


@dataclass(frozen=True)
class ParticipantCheck:
    """Everything the form shows while the officer types."""

    errors: tuple[FieldIssue, ...]
    warnings: tuple[FieldIssue, ...]
    nik: NikCheck | None
    phone_e164: str | None
    contribution: Contribution | None
    duplicate: ParticipantRow | None

    @property
    def ok(self) -> bool:
        return not self.errors


class DuplicateNikError(ValidationError):
    """The NIK already belongs to a live participant (``existing``)."""

    def __init__(self, existing: ParticipantRow) -> None:
        self.existing = existing
        place = f" ({existing.village_name})" if existing.village_name else ""
        super().__init__(
            [
                FieldIssue(
                    "nik",
                    f"NIK ini sudah terdaftar atas nama {existing.name}{place}.",
                    f"This NIK is already registered to {existing.name}{place}.",
                )
            ]
        )


def _programmes(record: Participant) -> frozenset[str]:
    chosen = {"jkk": record.prog_jkk, "jkm": record.prog_jkm, "jht": record.prog_jht}
    return frozenset(k for k, on in chosen.items() if on)


def to_row(record: Participant, village_name: str = "") -> ParticipantRow:
    return from_fields(
        ParticipantRow, record, village_name=village_name, programmes=_programmes(record)
    )


def _village(s: Session, village_id: str | None) -> Village | None:
    if not village_id:
        return None
    village = s.get(Village, village_id)
    return village if village is not None and village.deleted_at is None else None


def _find_live_by_nik(s: Session, nik: str, exclude_id: str | None) -> ParticipantRow | None:
    stmt = (
        select(Participant, Village.name)
        .outerjoin(Village, Village.id == Participant.village_id)
        .where(Participant.nik == nik, Participant.deleted_at.is_(None))
    )
    if exclude_id:
        stmt = stmt.where(Participant.id != exclude_id)
    hit = s.execute(stmt.limit(1)).first()
    return to_row(hit[0], hit[1] or "") if hit else None


def find_by_nik(db: Database, nik: str, exclude_id: str | None = None) -> ParticipantRow | None:
    with db.read_session() as s:
        return _find_live_by_nik(s, nik, exclude_id)


def input_values(data: ParticipantInput) -> dict[str, Any]:
    """The form's input as the record rules read it (typed, not yet normalised)."""
    return {
        "name": data.name,
        "nik": data.nik,
        "gender": data.gender or None,
        "birth_date": data.birth_date,
        "phone": data.phone,
        "address": data.address,
        "village_id": data.village_id or None,
        "occupation": data.occupation or None,
        "official_role": data.official_role or None,
        "monthly_income": data.monthly_income,
        "prog_jkk": "jkk" in data.programmes,
        "prog_jkm": "jkm" in data.programmes,
        "prog_jht": "jht" in data.programmes,
        "funding_source": data.funding_source or None,
        "status": data.status,
        "registration_date": data.registration_date,
        "kpj_number": data.kpj_number,
    }


def _check(
    s: Session, db: Database, data: ParticipantInput, record_id: str | None, today: date
) -> tuple[ParticipantCheck, dict[str, Any]]:
    village = _village(s, data.village_id)
    ctx = RuleContext(
        today,
        rate_table(db),
        village.region_code if village else None,
        village_kind=village.kind if village else None,
    )
    checked = check_record("participants", input_values(data), ctx)
    errors = issues_of(checked.errors) + missing_references(s, "participants", checked.values)
    unknown = set(data.programmes) - set(ALL_PROGRAMMES)
    if unknown:
        errors.append(
            FieldIssue(
                "programmes",
                f"Program tidak dikenal: {', '.join(sorted(unknown))}.",
                f"Unknown programme: {', '.join(sorted(unknown))}.",
            )
        )
    nik = checked.nik
    duplicate = None
    if nik is not None and nik.ok and nik.nik:
        duplicate = _find_live_by_nik(s, nik.nik, record_id)
    check = ParticipantCheck(
        tuple(errors),
        tuple(issues_of(checked.warnings)),
        nik,
        checked.values["phone"],
        checked.contribution,
        duplicate,
    )
    return check, checked.values


def check_participant(
    db: Database, data: ParticipantInput, record_id: str | None = None, today: date | None = None
) -> ParticipantCheck:
    with db.read_session() as s:
        return _check(s, db, data, record_id, today or date.today())[0]


@dataclass(frozen=True)
class SaveResult:
    row: ParticipantRow
    warnings: tuple[FieldIssue, ...]


def _validated(
    s: Session, db: Database, data: ParticipantInput, record_id: str | None
) -> tuple[ParticipantCheck, dict[str, Any]]:
    check, values = _check(s, db, data, record_id, date.today())
    if check.duplicate is not None:
        raise DuplicateNikError(check.duplicate)
    if check.errors:
        raise ValidationError(check.errors)
    return check, values


def _village_name(s: Session, village_id: str | None) -> str:
    village = _village(s, village_id)
    return village.name if village else ""


def create_participant(db: Database, data: ParticipantInput) -> SaveResult:
    with db.session() as s:
        check, values = _validated(s, db, data, None)
        values["officer"] = db.officer
        record = create_record(s, db, Participant, values)
        return SaveResult(to_row(record, _village_name(s, record.village_id)), check.warnings)


def update_participant(db: Database, record_id: str, data: ParticipantInput) -> SaveResult:
    with db.session() as s:
        check, values = _validated(s, db, data, record_id)  # the registering officer stays
        record = update_record(s, db, Participant, record_id, values)
        return SaveResult(to_row(record, _village_name(s, record.village_id)), check.warnings)


def delete_participant(db: Database, record_id: str) -> None:
    with db.session() as s:
        delete_record(s, db, Participant, record_id)


def get_participant(db: Database, record_id: str, include_deleted: bool = False) -> ParticipantRow:
    with db.read_session() as s:
        record = s.get(Participant, record_id)
        if record is None or (record.deleted_at is not None and not include_deleted):
            raise UserError("Peserta tidak ditemukan.", "Participant not found.")
        return to_row(record, _village_name(s, record.village_id))


def change_status(
    db: Database, record_id: str, status: str, on: date | None = None
) -> ParticipantRow:
    """Move a person along prospect -> registered -> active -> inactive."""
    current = get_participant(db, record_id)
    data = replace(
        current.as_input(),
        status=ParticipantStatus(status).value,
        registration_date=current.registration_date
        or (on or date.today() if status != ParticipantStatus.PROSPECT.value else None),
    )
    return update_participant(db, record_id, data).row
