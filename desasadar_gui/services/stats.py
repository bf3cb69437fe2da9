"""Counts and the content digest.

The digest is a SHA-256 over every synchronised record (live and tombstoned) in a
canonical form: tables in a fixed order, rows by id in code-point order (SQLite's
BINARY, PostgreSQL's "C": never the server's language collation), every column as a
typed value in one JSON form. Two databases have
the same digest exactly when their synchronised data is equal; local-only tables
(device, audit log, sync log, region reference, settings) are left out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from desasadar_gui.db.dialect import binary_text
from desasadar_gui.db.models import (
    SYNCED_MODELS,
    Attendance,
    OutreachSession,
    Participant,
    Target,
    Village,
)
from desasadar_gui.services.database import Database


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def content_digest(db: Database) -> str:
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            columns = sorted(table.columns, key=lambda c: c.name)
            digest.update(f"#{table.name}:{','.join(c.name for c in columns)}\n".encode())
            result = conn.execute(
                select(*columns).order_by(binary_text(table.c.id, dialect=conn.dialect.name))
            )
            result = result.yield_per(5000)
            for row in result:
                line = json.dumps(
                    [_canonical(v) for v in row], ensure_ascii=False, separators=(",", ":")
                )
                digest.update(line.encode("utf-8"))
                digest.update(b"\n")
    return digest.hexdigest()


@dataclass(frozen=True)
class Stats:
    villages: int
    participants: int
    sessions: int
    attendance: int
    targets: int
    participants_by_status: dict[str, int]
    villages_by_status: dict[str, int]
    tombstones: dict[str, int]
    content_digest: str
    device: str
    officer: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "villages": self.villages,
            "participants": self.participants,
            "sessions": self.sessions,
            "attendance": self.attendance,
            "targets": self.targets,
            "participants_by_status": self.participants_by_status,
            "villages_by_status": self.villages_by_status,
            "tombstones": self.tombstones,
            "content_digest": self.content_digest,
            "device": self.device,
            "officer": self.officer,
        }


def _live_count(conn, model) -> int:
    return conn.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def _by_status(conn, model) -> dict[str, int]:
    rows = conn.execute(
        select(model.status, func.count()).where(model.deleted_at.is_(None)).group_by(model.status)
    ).all()
    return {status: n for status, n in sorted(rows)}


def collect_stats(db: Database) -> Stats:
    with db.engine.connect() as conn:
        counts = {m: _live_count(conn, m) for m in SYNCED_MODELS}
        tombstones = {
            m.__tablename__: conn.scalar(
                select(func.count()).select_from(m).where(m.deleted_at.is_not(None))
            )
            or 0
            for m in SYNCED_MODELS
        }
        by_status = _by_status(conn, Participant)
        village_status = _by_status(conn, Village)
    return Stats(
        villages=counts[Village],
        participants=counts[Participant],
        sessions=counts[OutreachSession],
        attendance=counts[Attendance],
        targets=counts[Target],
        participants_by_status=by_status,
        villages_by_status=village_status,
        tombstones=tombstones,
        content_digest=content_digest(db),
        device=db.device.id,
        officer=db.officer,
    )
