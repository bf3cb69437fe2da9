"""The one way a synchronised record changes: new revision, who/when, audit entry.

Entity services (villages, participants, sessions, targets) validate their input
and then call these three functions; nothing else writes ``rev`` or ``deleted_at``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from desasadar_gui.db.models import AuditEntry, SyncedMixin
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database, new_id, utcnow

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

M = TypeVar("M", bound=SyncedMixin)
D = TypeVar("D", bound="DataclassInstance")

# Columns the sync machinery owns; entity services never set them directly.
SYSTEM_COLUMNS = frozenset({"id", "rev", "created_at", "updated_at", "updated_by", "deleted_at"})


def from_fields(cls: type[D], source: object, **given: Any) -> D:
    """A ``cls`` (a dataclass) whose fields are ``source``'s attributes of the same
    names (a row from its record, an input from its row); ``given`` supplies the rest."""
    taken = {f.name: getattr(source, f.name) for f in fields(cls) if f.name not in given}
    return cls(**taken, **given)


class RecordNotFoundError(UserError):
    pass


def jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def write_audit(
    s: Session,
    db: Database,
    entity: str,
    record_id: str,
    action: str,
    rev: str,
    changes: dict[str, tuple[Any, Any]],
    *,
    device: str | None = None,
    officer: str | None = None,
) -> None:
    s.add(
        AuditEntry(
            entity=entity,
            record_id=record_id,
            action=action,
            rev=rev,
            at=utcnow(),
            device=device or db.device.id,
            officer=db.officer if officer is None else officer,
            changes=json.dumps(
                {k: [jsonable(a), jsonable(b)] for k, (a, b) in changes.items()},
                ensure_ascii=False,
                sort_keys=True,
            ),
        )
    )


def _stamp(db: Database, record: SyncedMixin) -> str:
    rev = db.next_rev()
    record.rev = rev
    record.updated_at = utcnow()
    record.updated_by = db.device.id
    return rev


def create_record(
    s: Session, db: Database, model: type[M], values: dict[str, Any], record_id: str | None = None
) -> M:
    bad = SYSTEM_COLUMNS & values.keys()
    if bad:
        raise ValueError(f"system columns cannot be set: {sorted(bad)}")
    record = model(id=record_id or new_id(), **values)
    record.created_at = utcnow()
    rev = _stamp(db, record)
    s.add(record)
    write_audit(
        s,
        db,
        model.__tablename__,
        record.id,
        "create",
        rev,
        {k: (None, v) for k, v in values.items() if v not in (None, "")},
    )
    db.save_clock(s)
    return record


def get_live(s: Session, model: type[M], record_id: str) -> M:
    record = s.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise RecordNotFoundError(
            "Data tidak ditemukan (mungkin sudah dihapus).",
            "The record was not found (it may have been deleted).",
        )
    return record


def update_record(
    s: Session, db: Database, model: type[M], record_id: str, values: dict[str, Any]
) -> M:
    """Apply changed values; a no-op edit keeps the revision (nothing to sync)."""
    bad = SYSTEM_COLUMNS & values.keys()
    if bad:
        raise ValueError(f"system columns cannot be set: {sorted(bad)}")
    record = get_live(s, model, record_id)
    changes = _changes(record, values)
    if changes:
        _apply(s, db, record, changes, "update")
    return record


def _changes(record: SyncedMixin, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (getattr(record, k), v) for k, v in values.items() if getattr(record, k) != v}


def _apply(
    s: Session, db: Database, record: M, changes: dict[str, tuple[Any, Any]], action: str
) -> M:
    """Set the new values, stamp a new revision and write the audit entry."""
    for k, (_, v) in changes.items():
        setattr(record, k, v)
    rev = _stamp(db, record)
    write_audit(s, db, type(record).__tablename__, record.id, action, rev, changes)
    db.save_clock(s)
    return record


def delete_record(s: Session, db: Database, model: type[M], record_id: str) -> M:
    """Tombstone: the row stays, marked deleted, and the deletion syncs like an edit."""
    record = get_live(s, model, record_id)
    now = utcnow()
    record.deleted_at = now
    rev = _stamp(db, record)
    write_audit(s, db, model.__tablename__, record.id, "delete", rev, {"deleted_at": (None, now)})
    db.save_clock(s)
    return record


def revive_record(s: Session, db: Database, record: M, values: dict[str, Any]) -> M:
    """Bring a tombstoned record back with new values (e.g. a village designated again)."""
    changes = _changes(record, values)
    changes["deleted_at"] = (record.deleted_at, None)
    return _apply(s, db, record, changes, "restore")
