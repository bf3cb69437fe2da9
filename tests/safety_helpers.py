"""Small helpers shared by the data-safety tests (backups, integrity, crash safety)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desasadar_gui.db.engine import backup_sqlite
from desasadar_gui.services.database import Database
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.stats import content_digest

# Valid NIKs (Jambi, region 150401) and Indonesian-looking names for test people.
PEOPLE = [
    ("Siti Aminah", "1504014506900001", "081234567801"),
    ("Budi Santoso", "1504010101850002", "081234567802"),
    ("Rahmat Hidayat", "1504011203800003", "081234567803"),
    ("Dewi Lestari", "1504015507920004", "081234567804"),
    ("Ahmad Fauzi", "1504012008880005", "081234567805"),
]


def add_people(db: Database, people=PEOPLE) -> list[str]:
    ids = []
    for name, nik, phone in people:
        result = create_participant(db, ParticipantInput(name=name, nik=nik, phone=phone))
        ids.append(result.row.id)
    return ids


def live_participants(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT count(*) FROM participants WHERE deleted_at IS NULL"
        ).fetchone()[0]
    finally:
        con.close()


def digest_of_file(path: Path, scratch: Path) -> str:
    """The content digest of a database file, computed on a copy (the file stays as is)."""
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / f"digest-{len(list(scratch.iterdir()))}.sqlite"
    backup_sqlite(path, copy)  # a consistent copy, -wal included
    with Database.open(copy) as db:
        return content_digest(db)


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def damage(path: Path, offset_pages: int = 2, length: int = 4 * 4096) -> None:
    """Overwrite bytes in the middle of a database file (a bad sector, a dropped laptop)."""
    con = sqlite3.connect(path)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek(page * offset_pages)
        fh.write(b"\xde\xad\xbe\xef" * (length // 4))
