"""The conflict list: versions that lost to a concurrent edit, for a supervisor to review.

Restoring a conflict applies the losing version's values again as a normal local edit
(a new revision), which then wins everywhere as the newest edit; dismissing it only
marks it reviewed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, select

from desasadar_gui.db.models import SyncConflict
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.records import (
    SYSTEM_COLUMNS,
    delete_record,
    revive_record,
    update_record,
)
from desasadar_gui.sync.workbook_format import SHEETS_BY_ENTITY


@dataclass(frozen=True)
class ConflictRow:
    id: int
    entity: str
    sheet: str
    record_id: str
    label: str
    winner_rev: str
    loser_rev: str
    loser_side: str  # "local" (this laptop's version lost) or "incoming"
    source_file: str
    detected_at: datetime
    resolved_at: datetime | None
    resolution: str | None
    # (field, current value, losing value) for every field that differs
    differences: tuple[tuple[str, Any, Any], ...]


def _python(column: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    if isinstance(column.type, Boolean):
        return bool(value)
    return value


def _loser_values(entity: str, text: str) -> dict[str, Any]:
    table = SHEETS_BY_ENTITY[entity].model.__table__  # type: ignore[attr-defined]
    stored = json.loads(text)
    return {k: _python(table.c[k], v) for k, v in stored.items() if k in table.c}


def list_conflicts(db: Database, include_resolved: bool = False) -> list[ConflictRow]:
    out = []
    with db.read_session() as s:
        stmt = select(SyncConflict).order_by(SyncConflict.detected_at.desc(), SyncConflict.id)
        if not include_resolved:
            stmt = stmt.where(SyncConflict.resolved_at.is_(None))
        for c in s.scalars(stmt.limit(5000)):
            spec = SHEETS_BY_ENTITY.get(c.entity)
            if spec is None:
                continue
            loser = _loser_values(c.entity, c.loser_values)
            current = s.get(spec.model, c.record_id)
            diffs = []
            for key in spec.stored_fields:
                if key in ("rev", "updated_at", "updated_by", "created_at"):
                    continue
                now_value = getattr(current, key, None) if current is not None else None
                if key in loser and loser[key] != now_value:
                    diffs.append((key, now_value, loser[key]))
            label = str(getattr(current, "name", "") or loser.get("name") or c.record_id)
            out.append(
                ConflictRow(
                    c.id,
                    c.entity,
                    spec.name,
                    c.record_id,
                    label,
                    c.winner_rev,
                    c.loser_rev,
                    c.loser_side,
                    c.source_file,
                    c.detected_at,
                    c.resolved_at,
                    c.resolution,
                    tuple(diffs),
                )
            )
    return out


def _get(s: Any, conflict_id: int) -> SyncConflict:
    c = s.get(SyncConflict, conflict_id)
    if c is None:
        raise UserError("Konflik tidak ditemukan.", "Conflict not found.")
    return c


def restore_conflict(db: Database, conflict_id: int) -> None:
    """Apply the losing version's values again, as a new local edit."""
    with db.session() as s:
        c = _get(s, conflict_id)
        model = SHEETS_BY_ENTITY[c.entity].model
        loser = _loser_values(c.entity, c.loser_values)
        values = {k: v for k, v in loser.items() if k not in SYSTEM_COLUMNS}
        record = s.get(model, c.record_id)
        if record is None:
            raise UserError("Data untuk konflik ini tidak ada lagi.", "The record is gone.")
        was_deleted = loser.get("deleted_at") is not None
        if record.deleted_at is not None:
            revive_record(s, db, record, values)
        else:
            update_record(s, db, model, c.record_id, values)
        if was_deleted:
            delete_record(s, db, model, c.record_id)
        c.resolved_at = utcnow()
        c.resolution = "restored"


def dismiss_conflict(db: Database, conflict_id: int) -> None:
    with db.session() as s:
        c = _get(s, conflict_id)
        c.resolved_at = utcnow()
        c.resolution = "dismissed"
