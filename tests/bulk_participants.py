"""Participants written straight to the table, as an import would: thousands in a blink,
for tests of the list at a size where paging matters."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime

from sqlalchemy import insert

from desasadar_gui.db.models import Participant


def bulk_participants(db, village_ids: list[str], n: int, seed: int = 5) -> None:
    """Rows written straight to the table, as an import would: quick for thousands."""
    rnd = random.Random(seed)
    first = ["Siti", "Nur", "Ahmad", "Budi", "Dewi", "Rahmat", "Sri", "Joko"]
    last = ["Aminah", "Hasibuan", "Lubis", "Saputra", "Wati", "Yusuf"]
    now = datetime(2026, 1, 5, 8, 0)
    rows = []
    for i in range(n):
        registered = rnd.random() < 0.7
        rows.append(
            {
                "id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                "rev": f"{1700000000000 + i:013d}-00000-bulk",
                "created_at": now,
                "updated_at": now,
                "updated_by": "bulk",
                "deleted_at": now if rnd.random() < 0.02 else None,
                "nik": f"150403{rnd.randint(10, 28):02d}0190{i:04d}" if registered else None,
                "name": f"{rnd.choice(first)} {rnd.choice(last)}",
                "gender": rnd.choice("LP"),
                "phone": f"+628{rnd.randint(100000000, 999999999)}" if rnd.random() < 0.8 else None,
                "address": "",
                "village_id": rnd.choice(village_ids),
                "occupation": rnd.choice(["tani", "dagang", None]),
                "official_role": None,
                "monthly_income": 1_000_000,
                "prog_jkk": True,
                "prog_jkm": True,
                "prog_jht": rnd.random() < 0.2,
                "contribution": rnd.choice([8_400, 16_800, 36_800]),
                "funding_source": "mandiri",
                "status": rnd.choice(["registered", "active"]) if registered else "prospect",
                "registration_date": date(2026, rnd.randint(1, 9), 1) if registered else None,
                "kpj_number": None,
                "officer": "bulk",
            }
        )
    with db.session() as s:
        s.execute(insert(Participant), rows)
