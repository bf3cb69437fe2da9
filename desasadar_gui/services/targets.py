"""Yearly targets by scope: branch, kabupaten, village, officer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desasadar_gui.db.models import Target
from desasadar_gui.domain.enums import TargetScope
from desasadar_gui.domain.rules import target_id
from desasadar_gui.services.database import Database
from desasadar_gui.services.record_checks import checked_values
from desasadar_gui.services.records import (
    create_record,
    delete_record,
    revive_record,
    update_record,
)


@dataclass(frozen=True)
class TargetRow:
    id: str
    year: int
    scope: str
    scope_key: str
    value: int


def set_target(db: Database, year: int, scope: str, scope_key: str, value: int) -> TargetRow:
    """Create or change the target for (year, scope, key); one live target per key.

    A new target takes the id of its key (``rules.target_id``), so two laptops that set
    the same target offline make the same record and the merge is an ordinary edit.
    """
    with db.session() as s:
        values = checked_values(
            s,
            "targets",
            {"year": year, "scope": scope, "scope_key": scope_key, "value": value},
            # The live target of this key is the one being changed, not a clash.
            record_id=_live_id(s, year, scope, scope_key),
        )
        existing = _live_id(s, values["year"], values["scope"], values["scope_key"])
        if existing is not None:
            record = update_record(s, db, Target, existing, {"value": values["value"]})
        else:
            record_id = target_id(values["year"], values["scope"], values["scope_key"])
            old = s.get(Target, record_id)
            if old is not None:  # set again after a deletion
                record = revive_record(s, db, old, values)
            else:
                record = create_record(s, db, Target, values, record_id=record_id)
        return TargetRow(record.id, record.year, record.scope, record.scope_key, record.value)


def _live_id(s, year: object, scope: object, scope_key: object) -> str | None:
    key = "" if scope == TargetScope.BRANCH.value else str(scope_key or "").strip()
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    return s.scalars(
        select(Target.id).where(
            Target.year == year,
            Target.scope == scope,
            Target.scope_key == key,
            Target.deleted_at.is_(None),
        )
    ).first()


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
