"""Databases at an older schema revision, filled with many rows, for upgrade tests."""

from __future__ import annotations

import random
import sqlite3
import uuid
from pathlib import Path

from alembic import command

from desasadar_gui.db.engine import make_engine
from desasadar_gui.db.migrate import alembic_config


def upgrade_to(path: Path, revision: str) -> None:
    """The schema of ``revision`` (as an older app version left it), through Alembic."""
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def fill(path: Path, participants: int, seed: int = 11) -> None:
    """Villages, participants, sessions and attendance written with raw SQL (fast)."""
    rnd = random.Random(seed)
    now = "2026-01-05 08:00:00.000000"
    con = sqlite3.connect(path)
    try:
        common = "rev, created_at, updated_at, updated_by, deleted_at"
        villages = []
        for i in range(200):
            vid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            villages.append(vid)
            con.execute(
                f"INSERT INTO villages (id, {common}, kind, name, kecamatan, kabupaten, "
                "head_name, status, notes) VALUES (?, ?, ?, ?, 'old', NULL, 'desa', ?, "
                "'Muara Bulian', 'Batanghari', '', 'prospect', '')",
                (vid, f"{1700000000000 + i:013d}-00000-old", now, now, f"Desa {i}"),
            )
        first = ["Siti", "Nur", "Ahmad", "Budi", "Dewi", "Rahmat", "Sri", "Joko"]
        last = ["Aminah", "Hasibuan", "Lubis", "Saputra", "Wati", "Yusuf"]
        rows = []
        ids = []
        for i in range(participants):
            pid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            ids.append(pid)
            registered = rnd.random() < 0.7
            rows.append(
                (
                    pid,
                    f"{1700000000000 + i:013d}-00000-old",
                    now,
                    now,
                    f"150403{rnd.randint(10, 28):02d}0190{i % 10000:04d}" if registered else None,
                    f"{rnd.choice(first)} {rnd.choice(last)}",
                    rnd.choice(villages),
                    rnd.choice(["tani", "dagang", None]),
                    rnd.choice(["registered", "active"]) if registered else "prospect",
                    f"2026-{rnd.randint(1, 9):02d}-01" if registered else None,
                    rnd.choice([8400, 16800, 36800]),
                    rnd.choice(["kepala_desa", None, None, None, None, None]),
                )
            )
        con.executemany(
            f"INSERT INTO participants (id, {common}, nik, name, gender, birth_date, phone, "
            "address, village_id, occupation, official_role, monthly_income, prog_jkk, "
            "prog_jkm, prog_jht, contribution, funding_source, status, registration_date, "
            "kpj_number, officer, merged_into) VALUES (?, ?, ?, ?, 'old', NULL, ?, ?, 'L', "
            "NULL, NULL, '', ?, ?, ?, 1000000, 1, 1, 0, ?, 'mandiri', ?, ?, NULL, "
            "'Petugas Lama', NULL)",
            [
                (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[11], r[10], r[8], r[9])
                for r in rows
            ],
        )
        sessions = []
        for i in range(300):
            sid = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            sessions.append(sid)
            con.execute(
                f"INSERT INTO sessions (id, {common}, village_id, held_on, type, place, "
                "facilitator, notes) VALUES (?, ?, ?, ?, 'old', NULL, ?, '2026-02-01', "
                "'sosialisasi', 'Balai desa', 'Petugas Lama', '')",
                (sid, f"{1700000000000 + i:013d}-00001-old", now, now, rnd.choice(villages)),
            )
        attendance = [
            (
                str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                f"{1700000000000 + i:013d}-00002-old",
                now,
                now,
                rnd.choice(sessions),
                rnd.choice(ids),
            )
            for i in range(participants // 4)
        ]
        con.executemany(
            f"INSERT INTO attendance (id, {common}, session_id, participant_id, walkin_name, "
            "walkin_phone, outcome) VALUES (?, ?, ?, ?, 'old', NULL, ?, ?, '', NULL, 'hadir')",
            attendance,
        )
        con.commit()
    finally:
        con.close()


def old_database(path: Path, participants: int, revision: str = "0004") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    upgrade_to(path, revision)
    fill(path, participants)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path
