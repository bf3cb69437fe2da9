"""Whether a database is a practice one: a marker row in its own ``settings`` table.

Written whenever demo data goes into a database (``generate_demo``: the first run's
practice database and ``desasadar demo``), so the window can say "practice" whatever
the file is called or wherever it was copied to. Settings are local to the file: the
marker travels with the file and its backups, never through a workbook.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desasadar_gui.db.models import Setting
from desasadar_gui.services.database import Database

PRACTICE_KEY = "practice_database"


def mark_practice(s: Session) -> None:
    """In an open transaction (the one that writes the demo rows)."""
    s.merge(Setting(key=PRACTICE_KEY, value="1"))


def mark_practice_database(db: Database) -> None:
    with db.session() as s:
        mark_practice(s)


def is_practice_database(db: Database) -> bool:
    with db.read_session() as s:
        row = s.get(Setting, PRACTICE_KEY)
    return row is not None and row.value == "1"


__all__ = ["PRACTICE_KEY", "is_practice_database", "mark_practice", "mark_practice_database"]
