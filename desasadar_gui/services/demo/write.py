"""Who made each demo row and when (revisions of the officers' devices), and writing
the rows: SQLAlchemy Core executemany in chunks, with the secondary indexes of an
empty table rebuilt after the bulk load."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.orm import Session

from desasadar_gui.db.models import (
    Base,
    Participant,
    Village,
)
from desasadar_gui.domain.enums import (
    VillageStatus,
)
from desasadar_gui.services.database import Database, new_id
from desasadar_gui.services.demo.places import TARGET_VILLAGES
from desasadar_gui.services.demo.state import (
    _P_ACTIVE,
    _P_INACTIVE,
    _Gen,
    _Village,
)
from desasadar_gui.services.practice import mark_practice
from desasadar_gui.services.records import write_audit

CHUNK = 10_000


def _drop_indexes(conn: Connection, table_name: str) -> list[tuple[str, str]]:
    """Drop a table's secondary indexes for a bulk load; returns (name, SQL) to restore.

    SQLite only (reads the exact definitions from sqlite_master, so indexes a
    migration made are restored as they were); other databases keep their indexes.
    """
    if conn.dialect.name != "sqlite":
        return []
    found = [
        (name, sql)
        for name, sql in conn.execute(
            text(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL ORDER BY name"
            ),
            {"t": table_name},
        )
    ]
    for name, _ in found:
        conn.execute(text(f'DROP INDEX "{name}"'))
    return found


def _restore_indexes(conn: Connection, indexes: list[tuple[str, str]]) -> None:
    for _, sql in indexes:
        conn.execute(text(sql))


def _existing(db: Database) -> tuple[int, set[str], set[str]]:
    """(participants in the file, live NIKs, village ids) already in the database."""
    with db.read_session() as s:
        count = s.scalar(select(func.count()).select_from(Participant)) or 0
        niks: set[str] = set()
        ids: set[str] = set()
        if count:
            niks = set(
                s.scalars(
                    select(Participant.nik).where(
                        Participant.deleted_at.is_(None), Participant.nik.is_not(None)
                    )
                )
            )
        ids = set(s.scalars(select(Village.id)))
    return count, niks, ids


def _table(model: type[Base]) -> Table:
    """The Core table of a mapped model (every model here maps one table)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _village_rows(g: _Gen, villages: list[_Village]) -> list[dict[str, Any]]:
    """The villages as rows, stamped as created before the first contact."""
    designated = {c for c, *_ in TARGET_VILLAGES}
    village_rows: list[dict[str, Any]] = []
    for v in villages:
        assert v.first_contact is not None
        created_day = g.day_between(v.first_contact - timedelta(days=20), v.first_contact)
        created = g.office_time(max(g.start, created_day))
        updated = None
        if v.status == VillageStatus.LAUNCHED.value and v.launch_date:
            updated = g.office_time(v.launch_date)
        elif v.status == VillageStatus.SOCIALISED.value:
            updated = g.office_time(v.first_contact)
        row = {
            "id": v.id,
            "kind": v.kind,
            "name": v.name,
            "kecamatan": v.kecamatan,
            "kabupaten": v.kabupaten,
            "region_code": v.region_code,
            "region_version": v.region_version,
            "head_name": v.head_name or g.person_name("L"),
            "contact_phone": v.head_phone,
            "est_informal_workers": v.est,
            "status": v.status,
            "launch_date": v.launch_date,
            "notes": (
                "Desa Sadar Jaminan Sosial Ketenagakerjaan (penetapan KC Jambi)."
                if v.region_code in designated
                else ""
            ),
        }
        g.stamp(row, v.officer, created, updated)
        village_rows.append(row)
    return village_rows


def _stamp_people(g: _Gen, people: list[dict[str, Any]]) -> None:
    """Participants: created when first seen, updated later once active or inactive."""
    for p in people:
        seen_on = p.pop("_seen_on")
        created = g.office_time(seen_on)
        updated = None
        if p["status"] == _P_ACTIVE:
            updated = g.office_time(min(g.end, seen_on + timedelta(days=g.ri(3, 30))))
        elif p["status"] == _P_INACTIVE:
            updated = g.office_time(min(g.end, seen_on + timedelta(days=g.ri(60, 200))))
        g.stamp(p, p["officer"], created, updated)


def _stamp_records(
    g: _Gen,
    villages: list[_Village],
    people: list[dict[str, Any]],
    attendance: list[dict[str, Any]],
    targets: list[dict[str, Any]],
) -> None:
    """Sessions, participants, attendance and targets (in this order: the revisions
    come from the seeded generator)."""
    for v in villages:
        for s in v.sessions:
            created = g.office_time(s["held_on"]) + timedelta(hours=3)
            g.stamp(s, v.officer, created)
    _stamp_people(g, people)
    for a in attendance:
        session = a.pop("_session")
        created = session["created_at"] + timedelta(seconds=g.ri(1, 900))
        g.stamp(a, session["facilitator"], created)
    target_day = g.day_between(g.start, g.start + timedelta(days=14))
    for t in targets:
        g.stamp(t, g.officers[0], g.office_time(target_day))


def _insert_rows(
    s: Session, table: Table, rows: list[dict[str, Any]], written: Callable[[int], None]
) -> None:
    """Insert ``rows`` into ``table`` in chunks; ``written`` hears each chunk's size."""
    conn = s.connection()
    # Filling an empty table and indexing it afterwards is several times faster than
    # updating every index row by row (same transaction, so a failure rolls the
    # indexes back too).
    deferred: list[tuple[str, str]] = []
    if len(rows) >= CHUNK and conn.scalar(select(table.c.id).limit(1)) is None:
        deferred = _drop_indexes(conn, table.name)
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i : i + CHUNK]
        s.execute(insert(table), chunk)
        written(len(chunk))
    _restore_indexes(conn, deferred)


def _write_rows(
    db: Database,
    tables: Sequence[tuple[Table, list[dict[str, Any]]]],
    changes: dict[str, tuple[Any, Any]],
    progress: Callable[[int, int], None],
) -> None:
    """Write all rows, one ``demo`` audit entry and the practice marker in one
    transaction; move the local clock past the rows' revisions. ``progress`` hears
    (rows written, rows in all)."""
    rows_total = sum(len(rows) for _, rows in tables) or 1
    written = 0

    def count(n: int) -> None:
        nonlocal written
        written += n
        progress(written, rows_total)

    max_rev = max((r["rev"] for _, rows in tables for r in rows), default=None, key=lambda x: x)
    with db.session() as s:
        for table, rows in tables:
            _insert_rows(s, table, rows, count)
        if max_rev is not None:
            db.observe_rev(max_rev)
        write_audit(s, db, "database", new_id(), "demo", db.next_rev(), changes)
        mark_practice(s)  # demo data in it: the window says "practice" from now on
        db.save_clock(s)
