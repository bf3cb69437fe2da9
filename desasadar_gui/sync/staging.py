"""The staging file: rows read from a workbook, parked in a scratch SQLite database.

Parsed rows are not held in Python lists (half a million people would take a
gigabyte): they go into a SQLite file in the storage form of the real tables, inside
this process's scratch folder (``scratch.py``: never the system TEMP folder, removed
after the import and, after a kill, at the next start). Planning and applying then
work set-wise in SQL (the staging file is ATTACHed to the local database as ``stg``),
and memory stays flat.

The staging file holds every imported person, so it is encrypted (SQLCipher) with a
random key made for this import and held only in memory: a copy of the scratch folder
left by a kill reveals nothing, and the next start removes it anyway. The key is given
again when it is ATTACHed (an encrypted or plain main database alike).

Besides one table per entity it holds ``rejected`` (rows not imported, with their cells
or values and the reason) and ``notes`` (what the plan tells people about rows that
were imported, or ignored parts of them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection

from desasadar_gui.db import cipher
from desasadar_gui.scratch import ScratchFolder
from desasadar_gui.services.database import Database
from desasadar_gui.sync.workbook_format import SHEETS, SheetSpec

STAGING_SCHEMA = "stg"
# base_rev: the sender's last received version (or the row's own rev for a spreadsheet
# edit); row_hash and fingerprint: the cells as read; row_kind: 0 as exported, 1 edited,
# 2 new.
EXTRA = ("base_rev", "row_hash", "fingerprint", "row_num", "row_kind")
UNCHANGED, EDITED, NEW = 0, 1, 2


def staged_columns(spec: SheetSpec) -> tuple[str, ...]:
    return spec.stored_fields + EXTRA


def _jsonable(value: Any) -> Any:
    """A cell as read, kept for the error workbook (dates stay dates there)."""
    if isinstance(value, (date, datetime)):
        return {"d": value.isoformat()}
    if isinstance(value, (time, timedelta)):
        return str(value)  # written back as text: the reason names what was wrong
    return value


class Staging:
    """A scratch database in its own scratch folder; ``close()`` removes both."""

    def __init__(self) -> None:
        self._folder = ScratchFolder("import")
        self.folder = self._folder.path
        self.path = self.folder / "staging.sqlite"
        # This import's own key, in memory only (never in the keyring, never written).
        self.key: bytes | None = cipher.new_key()
        try:
            self._create()
        except BaseException:
            self._folder.remove()
            raise

    def connect(self):  # noqa: ANN201 (a sqlcipher3 connection)
        """Another connection to the staging file (the error workbook reads it)."""
        return cipher.connect(self.path, key=self.key)

    def attach_sql(self) -> str:
        """``ATTACH DATABASE ? AS stg KEY ...`` (the path is the one parameter)."""
        return f"ATTACH DATABASE ? AS {STAGING_SCHEMA} {cipher.attach_clause(self.key)}"

    def _create(self) -> None:
        self.conn = cipher.connect(self.path, key=self.key, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        for spec in SHEETS:
            cols = ", ".join(staged_columns(spec))
            self.conn.execute(f"CREATE TABLE {spec.entity} ({cols})")
        self.conn.execute(
            "CREATE TABLE rejected (sheet, row_num, record_id, label, reason_id, reason_en, "
            "cells, as_new)"
        )
        self.conn.execute(
            "CREATE TABLE notes (sheet, row_num, record_id, label, kind, text_id, text_en)"
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
        as_new: bool = False,
    ) -> None:
        """Park a rejected row: its cells as read (aligned with the sheet's columns),
        or its stored values when it was rejected after parsing. ``as_new``: the error
        workbook writes it without its machine columns, so importing the fixed row adds
        it as a new record instead of applying it over the record its id named."""
        kept = (
            {"cells": [_jsonable(c) for c in cells]}
            if cells is not None
            else {"values": values or {}}
        )
        self.conn.execute(
            "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sheet,
                row_num,
                record_id,
                label,
                reason_id,
                reason_en,
                json.dumps(kept, ensure_ascii=False),
                int(as_new),
            ),
        )

    def note(
        self,
        sheet: str,
        row_num: int | None,
        record_id: str | None,
        kind: str,
        text_id: str,
        text_en: str,
        label: str = "",
    ) -> None:
        """Something the plan tells people about a row (or a sheet) it imports."""
        self.conn.execute(
            "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sheet, row_num, record_id, label, kind, text_id, text_en),
        )

    def index(self) -> None:
        """Index NIKs (after the rows are in: building indexes last is faster)."""
        self.conn.execute("CREATE INDEX ix_participants_nik ON participants (nik)")

    def finish_loading(self) -> None:
        """Copies are settled by now: every id is on one row."""
        for spec in SHEETS:
            self.conn.execute(f"CREATE UNIQUE INDEX ix_{spec.entity}_id ON {spec.entity} (id)")
        self.conn.execute("COMMIT")
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.close()
        except cipher.DB_ERRORS:
            pass
        self._folder.remove()
        self.key = None


@contextmanager
def attached(db: Database, staging: Staging) -> Iterator[Connection]:
    """A connection to the local database with the staging file attached as ``stg``.

    The caller commits; anything left uncommitted is rolled back before detaching.
    """
    with db.engine.connect() as conn:
        conn.exec_driver_sql(staging.attach_sql(), (str(staging.path),))
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"DETACH DATABASE {STAGING_SCHEMA}")


__all__ = ["EDITED", "NEW", "UNCHANGED", "Staging", "attached", "staged_columns"]
