"""The staging file: rows read from a workbook, parked in a scratch SQLite database.

Parsed rows are not held in Python lists (half a million people would take a
gigabyte): they go into a temporary SQLite file in the storage form of the real
tables. Planning and applying then work set-wise in SQL (the staging file is
ATTACHed to the local database as ``stg``), and memory stays flat.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from desasadar_gui.services.database import Database
from desasadar_gui.sync.workbook_format import SHEETS, SheetSpec

STAGING_SCHEMA = "stg"
# base_rev: the sender's last received version (or the row's own rev for a spreadsheet
# edit); row_hash: the hash cell as read; edited: 1 when the row changed in the sheet.
EXTRA = ("base_rev", "row_hash", "row_num", "edited")


def staged_columns(spec: SheetSpec) -> tuple[str, ...]:
    return spec.stored_fields + EXTRA


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return {"d": value.isoformat()}
    return value


class Staging:
    """A scratch database in its own temporary folder; ``close()`` removes it."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="desasadar-import-"))
        self.path = self.folder / "staging.sqlite"
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        for spec in SHEETS:
            cols = ", ".join(staged_columns(spec))
            self.conn.execute(f"CREATE TABLE {spec.entity} ({cols})")
        self.conn.execute(
            "CREATE TABLE rejected (sheet, row_num, record_id, label, reason_id, reason_en, cells)"
        )
        self.conn.execute("BEGIN")

    def add_rows(self, spec: SheetSpec, rows: list[tuple]) -> None:
        marks = ", ".join("?" * len(staged_columns(spec)))
        self.conn.executemany(f"INSERT INTO {spec.entity} VALUES ({marks})", rows)

    def reject(
        self,
        sheet: str,
        row_num: int,
        record_id: str | None,
        label: str,
        reason_id: str,
        reason_en: str,
        cells: Iterable[Any] | None = None,
        values: dict[str, Any] | None = None,
    ) -> None:
        """Park a rejected row: its cells as read (aligned with the sheet's columns),
        or its stored values when it was rejected after parsing."""
        kept = (
            {"cells": [_jsonable(c) for c in cells]}
            if cells is not None
            else {"values": values or {}}
        )
        self.conn.execute(
            "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sheet,
                row_num,
                record_id,
                label,
                reason_id,
                reason_en,
                json.dumps(kept, ensure_ascii=False),
            ),
        )

    def finish_loading(self) -> None:
        """Rows repeating an id already seen in the sheet are rejected; then index ids."""
        for spec in SHEETS:
            t = spec.entity
            cur = self.conn.execute(
                f"SELECT rowid, * FROM {t} WHERE rowid NOT IN "
                f"(SELECT min(rowid) FROM {t} GROUP BY id)"
            )
            names = [d[0] for d in cur.description][1:]
            for rowid, *rest in cur.fetchall():
                values = dict(zip(names, rest, strict=False))
                self.reject(
                    spec.name,
                    values["row_num"],
                    values["id"],
                    "",
                    "ID ini sudah muncul di baris lain pada lembar yang sama (baris disalin?).",
                    "This id already appears on another row of the same sheet (a copied row?).",
                    values=values,
                )
                self.conn.execute(f"DELETE FROM {t} WHERE rowid = ?", (rowid,))
            self.conn.execute(f"CREATE UNIQUE INDEX ix_{t}_id ON {t} (id)")
        self.conn.execute("CREATE INDEX ix_participants_nik ON participants (nik)")
        self.conn.execute("COMMIT")
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def attached(db: Database, staging: Staging) -> Iterator[Connection]:
    """A connection to the local database with the staging file attached as ``stg``.

    The caller commits; anything left uncommitted is rolled back before detaching.
    """
    with db.engine.connect() as conn:
        conn.exec_driver_sql(f"ATTACH DATABASE ? AS {STAGING_SCHEMA}", (str(staging.path),))
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"DETACH DATABASE {STAGING_SCHEMA}")
