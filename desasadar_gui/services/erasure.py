"""Hapus data pribadi: erase one person's personal fields everywhere on this laptop,
record it, and let the erasure travel to other laptops.

What an erasure does, in one transaction (``PRAGMA secure_delete`` on, so SQLite
overwrites what it frees):

- the participant becomes a tombstone whose every data field is a fixed value (name
  :data:`ERASED_NAME`, NIK/phone/birth date/address/KPJ empty, no village, ...), with a
  new revision: every laptop that applies the same erasure holds the same row;
- attendance rows that carry the person as a walk-in guest (the same phone, or the
  same name at a session in the person's village) lose the guest's name and phone;
- the audit log of those records keeps who and when, but no longer the values; their
  conflict list entries (losing versions, with values) are removed;
- the ``erasures`` table remembers id, revision and time only, and the processing
  record gets a line (counts, never values).

Afterwards :func:`purge_free_space` rebuilds the search indexes (names; NIK and phone
digits), VACUUMs and truncates the WAL, so the erased bytes are not left in free pages
or the log.

Syncing: every export lists the erasures in its Metadata sheet (``erasures``: id,
entity, revision, time, device). An import applies them (:func:`enforce_erasures`),
and drops any incoming version of an erased record other than the erased one itself,
so an older workbook, or an edit made elsewhere before the erasure arrived, never
brings the person back.

Every backup on this laptop that holds the person gets the same erasure
(``services/erasure_copies.py``), and restoring an older backup re-applies the erasures
the replaced file knew, so a restore never brings an erased person back.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from desasadar_gui.db.clock import Rev
from desasadar_gui.db.dialect import prefixed, run
from desasadar_gui.db.search import rebuild_search_indexes
from desasadar_gui.errors import UserError
from desasadar_gui.services import processing
from desasadar_gui.services.database import Database, utcnow

log = logging.getLogger("desasadar.erasure")

ERASED_NAME = "(data pribadi dihapus)"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_NIK = re.compile(r"^\d{16}$")

# The fixed values of an erased participant (every laptop writes the same).
_PARTICIPANT_SET = (
    "name = ?, nik = NULL, gender = NULL, birth_date = NULL, phone = NULL, address = '', "
    "village_id = NULL, occupation = NULL, official_role = NULL, monthly_income = 0, "
    "prog_jkk = FALSE, prog_jkm = FALSE, prog_jht = FALSE, contribution = 0, "
    "funding_source = 'mandiri', "
    "status = 'prospect', registration_date = NULL, kpj_number = NULL, officer = '', "
    "merged_into = NULL"
)
# An attendance row needs a participant or a walk-in's name: the guest keeps the marker.
_ATTENDANCE_SET = "walkin_name = '(data pribadi dihapus)', walkin_phone = NULL"


class PersonNotFoundError(UserError):
    pass


@dataclass(frozen=True)
class ErasureEntry:
    record_id: str
    entity: str
    rev: str
    at: str  # ISO text, as stored
    device: str

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.record_id,
            "entity": self.entity,
            "rev": self.rev,
            "at": self.at,
            "device": self.device,
        }


@dataclass(frozen=True)
class ErasureResult:
    participant_id: str
    attendance_erased: int
    audit_entries_cleared: int
    conflicts_removed: int
    backups_cleaned: int = 0  # backups that held the person and were rewritten
    backups_not_cleaned: int = 0  # backups that could not be rewritten (still hold them)


def find_person(db: Database, key: str) -> str:
    """A participant's id from its id or NIK; a plain error when none or several."""
    key = (key or "").strip()
    with db.engine.connect() as conn:
        if _UUID.match(key):
            row = conn.exec_driver_sql("SELECT id FROM participants WHERE id = ?", (key,)).first()
            if row is not None:
                return row[0]
        elif _NIK.match(key):
            rows = conn.exec_driver_sql(
                "SELECT id FROM participants WHERE nik = ? ORDER BY deleted_at IS NOT NULL, id",
                (key,),
            ).all()
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise PersonNotFoundError(
                    f"NIK {key} dipakai oleh {len(rows)} catatan peserta; sebutkan ID-nya "
                    "(lihat detail peserta).",
                    f"NIK {key} is used by {len(rows)} participant records; give the id "
                    "instead (see the participant's details).",
                )
    raise PersonNotFoundError(
        "Peserta dengan NIK atau ID itu tidak ditemukan. Tidak ada yang diubah.",
        "No participant has that NIK or id. Nothing was changed.",
    )


def is_erased(db: Database, record_id: str) -> bool:
    with db.engine.connect() as conn:
        return (
            conn.exec_driver_sql("SELECT 1 FROM erasures WHERE record_id = ?", (record_id,)).first()
            is not None
        )


def _walkin_rows(conn: Connection, pid: str, name: str, phone: str | None, village: str | None):
    """Attendance rows holding the person as a walk-in guest (name or phone fields)."""
    rows = conn.exec_driver_sql(
        "SELECT a.id FROM attendance a LEFT JOIN sessions s ON s.id = a.session_id "
        "WHERE (a.walkin_name NOT IN ('', ?) OR a.walkin_phone IS NOT NULL) AND ("
        " a.participant_id = ?"
        " OR (? IS NOT NULL AND a.walkin_phone = ?)"
        " OR (lower(a.walkin_name) = lower(?) AND s.village_id IS ?))",
        (ERASED_NAME, pid, phone, phone, name, village),
    ).all()
    return [r[0] for r in rows]


def apply_erasure(conn: Connection, entry: ErasureEntry, schema: str = "main") -> None:
    """Make the local record the erased one (idempotent) and clear its history."""
    table = prefixed(conn, entry.entity, schema)
    stamp = (entry.rev, entry.at, entry.device)
    if entry.entity == "participants":
        run(
            conn,
            # Deleted at the erasure's moment on every laptop: the same row everywhere.
            f"UPDATE {table} SET {_PARTICIPANT_SET}, deleted_at = ?, "
            "rev = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            (ERASED_NAME, entry.at, *stamp, entry.record_id),
        )
    elif entry.entity == "attendance":
        run(
            conn,
            f"UPDATE {table} SET {_ATTENDANCE_SET}, rev = ?, updated_at = ?, updated_by = ? "
            "WHERE id = ?",
            (*stamp, entry.record_id),
        )
    else:  # pragma: no cover - only people are erased
        raise ValueError(entry.entity)
    run(
        conn,
        f"UPDATE {prefixed(conn, 'audit_log', schema)} SET changes = '{{}}' "
        "WHERE entity = ? AND record_id = ?",
        (entry.entity, entry.record_id),
    )
    run(
        conn,
        f"DELETE FROM {prefixed(conn, 'conflicts', schema)} WHERE entity = ? AND record_id = ?",
        (entry.entity, entry.record_id),
    )


def later(a: ErasureEntry, b: ErasureEntry) -> ErasureEntry:
    """Of two erasures of the same record (two laptops erased the same person), the one
    every laptop keeps: the later revision, so that all end with the same row."""
    try:
        return a if Rev.parse(a.rev) >= Rev.parse(b.rev) else b
    except ValueError:
        return a if a.rev >= b.rev else b


def remember(conn: Connection, entry: ErasureEntry, schema: str = "main") -> ErasureEntry:
    """Add to the erasures table (or keep the later of two); returns the one in force."""
    table = prefixed(conn, "erasures", schema)
    row = run(
        conn,
        f"SELECT record_id, entity, rev, at, device FROM {table} WHERE record_id = ?",
        (entry.record_id,),
    ).first()
    if row is not None:
        stored = ErasureEntry(row[0], row[1], row[2], _stored_at(row[3]), row[4])
        winner = later(stored, entry)
        if winner is stored:
            return stored
        run(
            conn,
            f"UPDATE {table} SET rev = ?, at = ?, device = ? WHERE record_id = ?",
            (entry.rev, entry.at, entry.device, entry.record_id),
        )
        return entry
    run(
        conn,
        f"INSERT INTO {table} (record_id, entity, rev, at, device) VALUES (?, ?, ?, ?, ?)",
        (entry.record_id, entry.entity, entry.rev, entry.at, entry.device),
    )
    return entry


def _stored_at(value: object) -> str:
    """SQLite hands back the stored text, PostgreSQL a datetime: the same text of both."""
    return _at_text(value) if isinstance(value, datetime) else str(value)


def known_erasures(conn: Connection, schema: str | None = None) -> dict[str, ErasureEntry]:
    table = f"{schema}.erasures" if schema else "erasures"
    return {
        r[0]: ErasureEntry(r[0], r[1], r[2], _stored_at(r[3]), r[4])
        for r in conn.exec_driver_sql(f"SELECT record_id, entity, rev, at, device FROM {table}")
    }


def erasures_json(conn: Connection, limit: int = 30_000) -> dict[str, str]:
    """The Metadata values that carry every erasure known here (no personal values):
    ``erasures``, then ``erasures_2``, ... each a JSON list short enough for one cell."""
    entries = sorted(known_erasures(conn).values(), key=lambda e: e.record_id)
    chunks: list[list[dict[str, str]]] = [[]]
    size = 2
    for e in entries:
        item = e.as_json()
        n = len(json.dumps(item, separators=(",", ":"))) + 1
        if size + n > limit and chunks[-1]:
            chunks.append([])
            size = 2
        chunks[-1].append(item)
        size += n
    return {
        ("erasures" if i == 0 else f"erasures_{i + 1}"): json.dumps(c, separators=(",", ":"))
        for i, c in enumerate(chunks)
    }


def parse_erasures(meta: dict[str, str]) -> list[ErasureEntry]:
    """Erasures from a workbook's Metadata; malformed entries are ignored."""
    out = []
    for key, text in meta.items():
        if key == "erasures" or re.fullmatch(r"erasures_\d+", key):
            out += _parse_one(text)
    return out


def _parse_one(text: str | None) -> list[ErasureEntry]:
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return []
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        rid, entity = str(item.get("id", "")), str(item.get("entity", ""))
        rev, at, device = (str(item.get(k, "")) for k in ("rev", "at", "device"))
        if _UUID.match(rid) and entity in ("participants", "attendance") and rev and at:
            try:
                datetime.fromisoformat(at)
            except ValueError:
                continue
            out.append(ErasureEntry(rid, entity, rev, at, device))
    return out


def enforce_erasures(conn: Connection, entries: Iterable[ErasureEntry]) -> int:
    """Inside an import's transaction: remember and apply the file's erasures.

    Returns how many records were newly erased here. Re-applying a known one rewrites
    the same values; of two erasures of one record the later wins (:func:`later`).
    """
    new = 0
    for entry in entries:
        known = run(
            conn,
            f"SELECT 1 FROM {prefixed(conn, 'erasures')} WHERE record_id = ?",
            (entry.record_id,),
        ).first()
        new += known is None
        apply_erasure(conn, remember(conn, entry))
    return new


def _at_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's stored form


def erase_person(db: Database, key: str) -> ErasureResult:
    """Erase the person named by id or NIK (see the module text); then purge."""
    pid = find_person(db, key)
    at = _at_text(utcnow())
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        try:
            person = conn.exec_driver_sql(
                "SELECT name, phone, village_id FROM participants WHERE id = ?", (pid,)
            ).one()
            known = conn.exec_driver_sql(
                "SELECT 1 FROM erasures WHERE record_id = ?", (pid,)
            ).first()
            if known is not None:
                raise UserError(
                    "Data pribadi orang ini sudah dihapus sebelumnya. Tidak ada yang diubah.",
                    "This person's personal data was erased before. Nothing was changed.",
                )
            walkins = _walkin_rows(conn, pid, *person)
            entries = [ErasureEntry(pid, "participants", db.next_rev(), at, db.device.id)]
            entries += [
                ErasureEntry(a, "attendance", db.next_rev(), at, db.device.id) for a in walkins
            ]
            audit = conflicts = 0
            for entry in entries:
                audit += (
                    conn.exec_driver_sql(
                        "SELECT count(*) FROM audit_log WHERE entity = ? AND record_id = ?",
                        (entry.entity, entry.record_id),
                    ).scalar()
                    or 0
                )
                conflicts += (
                    conn.exec_driver_sql(
                        "SELECT count(*) FROM conflicts WHERE entity = ? AND record_id = ?",
                        (entry.entity, entry.record_id),
                    ).scalar()
                    or 0
                )
                remember(conn, entry)
                apply_erasure(conn, entry)
                conn.exec_driver_sql(
                    "INSERT INTO audit_log (entity, record_id, action, rev, at, device, "
                    "officer, changes) VALUES (?, ?, 'erase', ?, ?, ?, ?, '{}')",
                    (entry.entity, entry.record_id, entry.rev, at, db.device.id, db.officer),
                )
            millis, counter = db.clock.state
            conn.exec_driver_sql(
                "UPDATE device SET clock_millis = ?, clock_counter = ? WHERE id = ?",
                (millis, counter, db.device.id),
            )
            counts = {
                "participants": 1,
                "attendance": len(walkins),
                "audit_entries_cleared": audit,
                "conflicts_removed": conflicts,
            }
            processing.record_in(conn, db, processing.ERASURE, counts=counts, note=f"peserta {pid}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    purge_free_space(db)
    log.info("personal data erased: 1 participant, %d attendance rows", len(walkins))
    # The backups on this laptop too (a module of its own: it works on files, not on db).
    from desasadar_gui.services.erasure_copies import erase_in_backups

    if db.path is None:  # an in-memory database has no backups
        return ErasureResult(pid, len(walkins), audit, conflicts)
    copies = erase_in_backups(db.path, entries)
    return ErasureResult(pid, len(walkins), audit, conflicts, copies.cleaned, copies.not_cleaned)


def purge_free_space(db: Database) -> None:
    """Leave no erased byte in the file: rebuild the search indexes of names and of NIK
    and phone digits (FTS segments keep old terms until merged), VACUUM (drops free
    pages), truncate the WAL. On PostgreSQL: the tables that held the person rewritten
    (``VACUUM FULL``: old row versions gone from the table files; the server's own WAL
    and backups are its administrator's, as for any server data)."""
    if db.engine.dialect.name != "sqlite":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL participants, attendance, audit_log, conflicts")
        return
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        rebuild_search_indexes(conn)
        conn.commit()
        raw: Any = conn.connection.dbapi_connection
        raw.execute("VACUUM")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


__all__ = [
    "ERASED_NAME",
    "ErasureEntry",
    "ErasureResult",
    "PersonNotFoundError",
    "enforce_erasures",
    "erase_person",
    "erasures_json",
    "find_person",
    "is_erased",
    "parse_erasures",
    "purge_free_space",
]
