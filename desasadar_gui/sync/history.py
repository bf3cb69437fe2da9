"""The sync log as plain rows: every export and import of this laptop."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desasadar_gui.db.models import SyncLogEntry
from desasadar_gui.services.database import Database


@dataclass(frozen=True)
class SyncLogRow:
    id: int
    direction: str
    file_name: str
    sha256: str
    at: datetime
    device: str
    officer: str
    source_device: str
    counts: dict[str, Any]


def list_sync_log(db: Database, limit: int = 500) -> list[SyncLogRow]:
    with db.read_session() as s:
        rows = s.scalars(
            select(SyncLogEntry)
            .order_by(SyncLogEntry.at.desc(), SyncLogEntry.id.desc())
            .limit(limit)
        ).all()
    out = []
    for r in rows:
        try:
            counts = json.loads(r.counts or "{}")
        except ValueError:
            counts = {}
        out.append(
            SyncLogRow(
                r.id,
                r.direction,
                r.file_name,
                r.sha256,
                r.at,
                r.device,
                r.officer,
                r.source_device,
                counts,
            )
        )
    return out
