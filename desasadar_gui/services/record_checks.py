"""The record rules for one record typed into a form: ``domain.rules`` plus the checks
that need the database (its declared references and live-uniqueness keys).

The workbook import evaluates the same declarations set-wise (``sync/plan.py``); no
rule is written twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desasadar_gui.db.models import SYNCED_MODELS, Village
from desasadar_gui.domain import rules
from desasadar_gui.domain.rates import RateTable
from desasadar_gui.services.validation import FieldIssue, ValidationError

MODELS = {m.__tablename__: m for m in SYNCED_MODELS}


def issues_of(found: list[rules.Issue]) -> list[FieldIssue]:
    return [FieldIssue.from_problem(i.field, i.problem) for i in found]


def missing_references(s: Session, entity: str, values: dict[str, Any]) -> list[FieldIssue]:
    """References to records that are not on this laptop (or deleted: a form only
    offers live ones)."""
    out = []
    for ref in rules.REFERENCES:
        value = values.get(ref.field)
        if ref.entity != entity or not value:
            continue
        target = s.get(MODELS[ref.target], value)
        if target is None or target.deleted_at is not None:
            out.append(FieldIssue.from_problem(ref.field, rules.reference_problem(ref)))
    return out


def holder_label(s: Session, entity: str, record: Any) -> str:
    if entity == "participants":
        village = s.get(Village, record.village_id) if record.village_id else None
        return f"{record.name} ({village.name})" if village else record.name
    if entity == "villages":
        return f"{record.name} ({record.kecamatan})" if record.kecamatan else record.name
    return f"{record.year} {record.scope} {record.scope_key}".strip()


def live_holder(s: Session, entity: str, values: dict[str, Any], exclude_id: str | None):
    """The live record already holding this record's unique key, or None."""
    key = rules.UNIQUE_LIVE.get(entity)
    if not key or any(values.get(k) in (None, "") and k != "scope_key" for k in key):
        return None
    model = MODELS[entity]
    stmt = select(model).where(model.deleted_at.is_(None))
    for k in key:
        stmt = stmt.where(getattr(model, k) == values.get(k))
    if exclude_id:
        stmt = stmt.where(model.id != exclude_id)
    return s.scalars(stmt.limit(1)).first()


def unique_issue(s: Session, entity: str, holder: Any) -> FieldIssue:
    field, problem = rules.unique_problem(entity, holder_label(s, entity, holder))
    return FieldIssue.from_problem(field, problem)


def checked_values(
    s: Session,
    entity: str,
    values: dict[str, Any],
    *,
    record_id: str | None = None,
    today: date | None = None,
    rates: RateTable | None = None,
    village_region: str | None = None,
) -> dict[str, Any]:
    """The record's stored values, or :class:`ValidationError` with every problem."""
    ctx = rules.RuleContext(today or date.today(), rates, village_region)
    checked = rules.check_record(entity, values, ctx)
    issues = issues_of(checked.errors) + missing_references(s, entity, checked.values)
    if not issues:
        holder = live_holder(s, entity, checked.values, record_id)
        if holder is not None:
            issues.append(unique_issue(s, entity, holder))
    if issues:
        raise ValidationError(issues)
    return checked.values


__all__ = [
    "checked_values",
    "holder_label",
    "issues_of",
    "live_holder",
    "missing_references",
    "unique_issue",
]
