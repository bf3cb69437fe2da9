"""Villages (desa / kelurahan / pasar): designate, edit, check officials, launch.

A village picked from the region reference gets an id derived from its Kemendagri
code, so two laptops that designate the same village offline make the same record
and the merge is an ordinary edit merge.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import func, select

from desasadar_gui.db.models import OutreachSession, Participant, Village
from desasadar_gui.domain.enums import OfficialRole, VillageKind, VillageStatus, required_roles
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.record_checks import checked_values
from desasadar_gui.services.records import (
    create_record,
    delete_record,
    from_fields,
    get_live,
    revive_record,
    update_record,
)
from desasadar_gui.services.regions import village_id_for_code


@dataclass(frozen=True)
class VillageInput:
    name: str
    kind: str = VillageKind.DESA.value
    kecamatan: str = ""
    kabupaten: str = ""
    region_code: str | None = None
    region_version: str | None = None
    head_name: str = ""
    contact_phone: str | None = None
    est_informal_workers: int | None = None
    status: str = VillageStatus.PROSPECT.value
    launch_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class VillageRow:
    id: str
    rev: str
    name: str
    kind: str
    kecamatan: str
    kabupaten: str
    region_code: str | None
    region_version: str | None
    head_name: str
    contact_phone: str | None
    est_informal_workers: int | None
    status: str
    launch_date: date | None
    notes: str
    updated_at: datetime

    def as_input(self) -> VillageInput:
        return from_fields(VillageInput, self)


@dataclass(frozen=True)
class OfficialsCoverage:
    """Which required positions have a live participant, and which are still missing."""

    filled: tuple[tuple[str, str, str], ...]  # (role code, participant id, name)
    missing: tuple[str, ...]  # role codes
    required: tuple[str, ...]


def to_village_row(v: Village) -> VillageRow:
    return from_fields(VillageRow, v)


def _input_values(data: VillageInput) -> dict:
    return {f.name: getattr(data, f.name) for f in fields(data)}


def create_village(db: Database, data: VillageInput) -> VillageRow:
    with db.session() as s:
        values = _checked(s, data, None)
        record_id = village_id_for_code(values["region_code"]) if values["region_code"] else None
        if record_id:
            existing = s.get(Village, record_id)
            if existing is not None and existing.deleted_at is None:
                raise UserError(
                    f"Desa {existing.name} ({values['region_code']}) sudah ada.",
                    f"The village {existing.name} ({values['region_code']}) already exists.",
                )
            if existing is not None:  # designated again after a deletion: revive the record
                record = revive_record(s, db, existing, values)
                return to_village_row(record)
        return to_village_row(create_record(s, db, Village, values, record_id=record_id))


def update_village(db: Database, record_id: str, data: VillageInput) -> VillageRow:
    with db.session() as s:
        current = get_live(s, Village, record_id)
        if current.region_code and data.region_code != current.region_code:
            # The id was derived from the code; changing it would break the merge key.
            data = replace(
                data, region_code=current.region_code, region_version=current.region_version
            )
        values = _checked(s, data, record_id)
        return to_village_row(update_record(s, db, Village, record_id, values))


def _checked(s, data: VillageInput, record_id: str | None) -> dict:
    """Stored values by the record rules (a region code another live village holds is
    refused: the code is the merge key)."""
    return checked_values(s, "villages", _input_values(data), record_id=record_id)


def delete_village(db: Database, record_id: str) -> None:
    """Tombstone a village; refused while live participants or sessions belong to it."""
    with db.session() as s:
        people = s.scalar(
            select(func.count())
            .select_from(Participant)
            .where(Participant.village_id == record_id, Participant.deleted_at.is_(None))
        )
        sessions = s.scalar(
            select(func.count())
            .select_from(OutreachSession)
            .where(OutreachSession.village_id == record_id, OutreachSession.deleted_at.is_(None))
        )
        if people or sessions:
            raise UserError(
                f"Desa ini masih punya {people} peserta dan {sessions} sesi. "
                "Pindahkan atau hapus dulu sebelum menghapus desa.",
                f"This village still has {people} participants and {sessions} sessions. "
                "Move or delete them before deleting the village.",
            )
        delete_record(s, db, Village, record_id)


def get_village(db: Database, record_id: str) -> VillageRow:
    with db.read_session() as s:
        return to_village_row(get_live(s, Village, record_id))


def officials_coverage(db: Database, record_id: str) -> OfficialsCoverage:
    with db.read_session() as s:
        village = get_live(s, Village, record_id)
        required = tuple(r.value for r in required_roles(VillageKind(village.kind)))
        rows = s.execute(
            select(Participant.official_role, Participant.id, Participant.name)
            .where(
                Participant.village_id == record_id,
                Participant.deleted_at.is_(None),
                Participant.official_role.is_not(None),
            )
            .order_by(Participant.name)
        ).all()
    # (r is never None: the query asks for people who hold a role)
    filled = tuple((r, pid, name) for r, pid, name in rows if r is not None)
    have = {r for r, _, _ in filled}
    missing = tuple(r for r in required if r not in have)
    return OfficialsCoverage(filled, missing, required)


def launch_village(db: Database, record_id: str, on: date) -> tuple[VillageRow, OfficialsCoverage]:
    """Launch as desa sadar. Missing officials do not block (the UI warns first)."""
    coverage = officials_coverage(db, record_id)
    current = get_village(db, record_id)
    row = update_village(
        db,
        record_id,
        replace(current.as_input(), status=VillageStatus.LAUNCHED.value, launch_date=on),
    )
    return row, coverage


def role_label(code: str, lang: str = "id") -> str:
    try:
        return OfficialRole(code).label(lang)
    except ValueError:
        return code
