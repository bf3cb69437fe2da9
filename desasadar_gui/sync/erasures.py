"""Erasures in the workbook sync (see ``services/erasure.py`` for what one is).

The export lists every erasure known here in the Metadata sheet (``erasures``). The
import, before planning, drops every staged version of an erased record except the
erased version itself (same revision), with its rejected-row and note lines, so no
older or concurrent version of the person is planned, applied, kept as a conflict
loser or written to an error workbook; after applying, it applies the file's erasures
here too.
"""

from __future__ import annotations

from sqlalchemy import Connection

from desasadar_gui.db.dialect import run
from desasadar_gui.services.erasure import ErasureEntry, known_erasures, later, parse_erasures
from desasadar_gui.sync.staging import Names

META_KEY = "erasures"


def file_erasures(meta: dict[str, str]) -> list[ErasureEntry]:
    return parse_erasures(meta)


def drop_erased_versions(conn: Connection, meta: dict[str, str]) -> int:
    """On a connection with the staging attached as ``stg``; returns rows dropped."""
    entries = known_erasures(conn)
    for e in file_erasures(meta):  # the version kept is the later erasure's
        entries[e.record_id] = later(entries[e.record_id], e) if e.record_id in entries else e
    dropped = 0
    stg = Names(conn).stg
    for e in entries.values():
        dropped += run(
            conn, f"DELETE FROM {stg(e.entity)} WHERE id = ? AND rev != ?", (e.record_id, e.rev)
        ).rowcount
        for table in ("rejected", "notes"):
            run(conn, f"DELETE FROM {stg(table)} WHERE record_id = ?", (e.record_id,))
    return dropped


__all__ = ["META_KEY", "drop_erased_versions", "file_erasures"]
