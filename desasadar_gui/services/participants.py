"""Registering and editing participants (peserta BPU), with the NIK and phone rules.

``check_participant`` is what the form calls as the officer types: it returns the
parsed NIK, the normalised phone, the contribution, warnings and any live person
already holding the NIK. ``create_participant`` / ``update_participant`` run the
same check and refuse errors; warnings never block saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desasadar_gui.db.models import Participant, Village
from desasadar_gui.domain.contribution import Contribution, compute_contribution
from desasadar_gui.domain.enums import (
    FundingSource,
    Gender,
    Occupation,
    OfficialRole,
    ParticipantStatus,
    Programme,
)
from desasadar_gui.domain.nik import NikCheck, parse_nik
from desasadar_gui.domain.phone import normalise_phone
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.rates import rate_table
from desasadar_gui.services.records import create_record, delete_record, update_record
from desasadar_gui.services.validation import FieldIssue, ValidationError, require_text

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
        return ParticipantInput(
            name=self.name,
            nik=self.nik,
            gender=self.gender,
            birth_date=self.birth_date,
            phone=self.phone,
            address=self.address,
            village_id=self.village_id,
            occupation=self.occupation,
            official_role=self.official_role,
            monthly_income=self.monthly_income,
            programmes=self.programmes,
            funding_source=self.funding_source,
            status=self.status,
            registration_date=self.registration_date,
            kpj_number=self.kpj_number,
        )


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
    return ParticipantRow(
        id=record.id,
        rev=record.rev,
        name=record.name,
        nik=record.nik,
        gender=record.gender,
        birth_date=record.birth_date,
        phone=record.phone,
        address=record.address,
        village_id=record.village_id,
        village_name=village_name,
        occupation=record.occupation,
        official_role=record.official_role,
        monthly_income=record.monthly_income,
        programmes=_programmes(record),
        contribution=record.contribution,
        funding_source=record.funding_source,
        status=record.status,
        registration_date=record.registration_date,
        kpj_number=record.kpj_number,
        officer=record.officer,
        created_at=record.created_at,
        updated_at=record.updated_at,
        deleted_at=record.deleted_at,
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


def _enum_issue(field_name: str, enum: type, value: str | None, label_id: str, label_en: str):
    if value in (None, ""):
        return []
    try:
        enum(value)
    except ValueError:
        return [
            FieldIssue(
                field_name,
                f"{label_id} '{value}' tidak dikenal.",
                f"Unknown {label_en.lower()} '{value}'.",
            )
        ]
    return []


def _check(
    s: Session, db: Database, data: ParticipantInput, record_id: str | None, today: date
) -> ParticipantCheck:
    errors: list[FieldIssue] = require_text("name", data.name, "Nama", "Name")
    warnings: list[FieldIssue] = []
    village = _village(s, data.village_id)
    if data.village_id and village is None:
        errors.append(
            FieldIssue(
                "village_id", "Desa yang dipilih tidak ada.", "The chosen village does not exist."
            )
        )
    nik_check: NikCheck | None = None
    duplicate = None
    if data.nik and data.nik.strip():
        regency = village.region_code[:4] if village and village.region_code else None
        nik_check = parse_nik(
            data.nik,
            gender=data.gender,
            birth_date=data.birth_date,
            regency_code=regency,
            today=today,
        )
        errors += [FieldIssue.from_problem("nik", p) for p in nik_check.errors]
        warnings += [FieldIssue.from_problem("nik", p) for p in nik_check.warnings]
        if nik_check.nik:
            duplicate = _find_live_by_nik(s, nik_check.nik, record_id)
    elif data.status != ParticipantStatus.PROSPECT.value:
        errors.append(
            FieldIssue(
                "nik",
                "NIK wajib diisi untuk peserta yang sudah mendaftar.",
                "A NIK is required once a person registers.",
            )
        )
    phone = normalise_phone(data.phone)
    errors += [FieldIssue.from_problem("phone", p) for p in phone.errors]
    errors += _enum_issue("gender", Gender, data.gender, "Jenis kelamin", "Gender")
    errors += _enum_issue("occupation", Occupation, data.occupation, "Pekerjaan", "Occupation")
    errors += _enum_issue("official_role", OfficialRole, data.official_role, "Jabatan", "Role")
    errors += _enum_issue(
        "funding_source", FundingSource, data.funding_source, "Sumber dana", "Funding source"
    )
    errors += _enum_issue("status", ParticipantStatus, data.status, "Status", "Status")
    unknown = set(data.programmes) - set(ALL_PROGRAMMES)
    if unknown:
        errors.append(
            FieldIssue(
                "programmes",
                f"Program tidak dikenal: {', '.join(sorted(unknown))}.",
                f"Unknown programme: {', '.join(sorted(unknown))}.",
            )
        )
    if data.monthly_income < 0:
        errors.append(
            FieldIssue(
                "monthly_income", "Penghasilan tidak boleh negatif.", "Income cannot be negative."
            )
        )
    if data.birth_date and data.birth_date > today:
        errors.append(
            FieldIssue(
                "birth_date", "Tanggal lahir ada di masa depan.", "The birth date is in the future."
            )
        )
    if data.registration_date and data.registration_date > today:
        warnings.append(
            FieldIssue(
                "registration_date",
                "Tanggal pendaftaran ada di masa depan.",
                "The registration date is in the future.",
            )
        )
    contribution = None
    if data.programmes and not unknown and data.monthly_income >= 0:
        try:
            contribution = compute_contribution(
                income=data.monthly_income,
                programmes=[Programme(p) for p in data.programmes],
                on=data.registration_date or today,
                funding=data.funding_source or FundingSource.MANDIRI.value,
                occupation=data.occupation or None,
                table=rate_table(db),
            )
        except ValueError:
            contribution = None
    return ParticipantCheck(
        tuple(errors), tuple(warnings), nik_check, phone.e164, contribution, duplicate
    )


def check_participant(
    db: Database, data: ParticipantInput, record_id: str | None = None, today: date | None = None
) -> ParticipantCheck:
    with db.read_session() as s:
        return _check(s, db, data, record_id, today or date.today())


def _values(data: ParticipantInput, check: ParticipantCheck, officer: str) -> dict:
    nik = check.nik
    return {
        "name": " ".join(data.name.split()),
        "nik": nik.nik if nik else None,
        "gender": data.gender or (nik.gender if nik else None),
        "birth_date": data.birth_date or (nik.birth_date if nik else None),
        "phone": check.phone_e164,
        "address": data.address.strip(),
        "village_id": data.village_id or None,
        "occupation": data.occupation or None,
        "official_role": data.official_role or None,
        "monthly_income": int(data.monthly_income),
        "prog_jkk": "jkk" in data.programmes,
        "prog_jkm": "jkm" in data.programmes,
        "prog_jht": "jht" in data.programmes,
        "contribution": check.contribution.total if check.contribution else 0,
        "funding_source": data.funding_source or FundingSource.MANDIRI.value,
        "status": data.status,
        "registration_date": data.registration_date,
        "kpj_number": (data.kpj_number or "").strip() or None,
    } | ({"officer": officer} if officer else {})


@dataclass(frozen=True)
class SaveResult:
    row: ParticipantRow
    warnings: tuple[FieldIssue, ...]


def _validated(s: Session, db: Database, data: ParticipantInput, record_id: str | None):
    check = _check(s, db, data, record_id, date.today())
    if check.duplicate is not None:
        raise DuplicateNikError(check.duplicate)
    if check.errors:
        raise ValidationError(check.errors)
    return check


def _village_name(s: Session, village_id: str | None) -> str:
    village = _village(s, village_id)
    return village.name if village else ""


def create_participant(db: Database, data: ParticipantInput) -> SaveResult:
    with db.session() as s:
        check = _validated(s, db, data, None)
        values = _values(data, check, db.officer)
        values.setdefault("officer", "")
        record = create_record(s, db, Participant, values)
        return SaveResult(to_row(record, _village_name(s, record.village_id)), check.warnings)


def update_participant(db: Database, record_id: str, data: ParticipantInput) -> SaveResult:
    with db.session() as s:
        check = _validated(s, db, data, record_id)
        values = _values(data, check, "")  # the registering officer stays
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
