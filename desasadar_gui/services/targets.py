"""Yearly targets by scope: branch, kabupaten, village, officer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desasadar_gui.db.models import Target
from desasadar_gui.domain.enums import TargetScope
from desasadar_gui.services.database import Database
from desasadar_gui.services.records import create_record, delete_record, update_record
from desasadar_gui.services.validation import FieldIssue, ValidationError


@dataclass(frozen=True)
class TargetRow:
    id: str
    year: int
    scope: str
    scope_key: str
    value: int


def set_target(db: Database, year: int, scope: str, scope_key: str, value: int) -> TargetRow:
    """Create or change the target for (year, scope, key); one live target per key."""
    issues = []
    try:
        TargetScope(scope)
    except ValueError:
        issues.append(FieldIssue("scope", "Cakupan target tidak dikenal.", "Unknown target scope."))
    if not 2000 <= int(year) <= 2100:
        issues.append(
            FieldIssue(
                "year", "Tahun target tidak masuk akal.", "The target year is not plausible."
            )
        )
    if int(value) < 0:
        issues.append(
            FieldIssue("value", "Target tidak boleh negatif.", "A target cannot be negative.")
        )
    if scope != TargetScope.BRANCH.value and not scope_key.strip():
        issues.append(
            FieldIssue(
                "scope_key",
                "Pilih kabupaten, desa atau petugas untuk target ini.",
                "Choose the regency, village or officer for this target.",
            )
        )
    if issues:
        raise ValidationError(issues)
    key = "" if scope == TargetScope.BRANCH.value else scope_key.strip()
    with db.session() as s:
        existing = s.scalars(
            select(Target).where(
                Target.year == int(year),
                Target.scope == scope,
                Target.scope_key == key,
                Target.deleted_at.is_(None),
            )
        ).first()
        if existing is not None:
            record = update_record(s, db, Target, existing.id, {"value": int(value)})
        else:
            record = create_record(
                s,
                db,
                Target,
                {"year": int(year), "scope": scope, "scope_key": key, "value": int(value)},
            )
        return TargetRow(record.id, record.year, record.scope, record.scope_key, record.value)


def delete_target(db: Database, record_id: str) -> None:
    with db.session() as s:
        delete_record(s, db, Target, record_id)


def list_targets(db: Database, year: int | None = None) -> list[TargetRow]:
    with db.read_session() as s:
        stmt = select(Target).where(Target.deleted_at.is_(None))
        if year is not None:
            stmt = stmt.where(Target.year == year)
        rows = s.scalars(stmt.order_by(Target.year, Target.scope, Target.scope_key)).all()
    return [TargetRow(t.id, t.year, t.scope, t.scope_key, t.value) for t in rows]
