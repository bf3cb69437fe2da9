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

On PostgreSQL (which cannot attach a file) the staging tables are copied into TEMP
tables of the import's connection (``stg_<table>``, with the staging file's ``rowid``
as a column and the real tables' column types), and what planning changes there is
written back to the file when the connection lets go of them. The import's SQL names
tables through :class:`Names` and runs through :func:`run` (``?`` parameters on every
driver), so the statements are the same on both engines.

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
from desasadar_gui.db.models import Base
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


class Names:
    """How the import's SQL names a table on this connection's engine: SQLite prefixes
    the attached staging file (``stg.``), the local database (``main.``) and the
    connection's temporary tables (``temp.``); PostgreSQL has the staging rows in TEMP
    tables named ``stg_<table>`` and finds the others by their plain names."""

    def __init__(self, conn: Connection) -> None:
        self.sqlite = conn.dialect.name == "sqlite"

    def stg(self, table: str) -> str:
        return f"{STAGING_SCHEMA}.{table}" if self.sqlite else f"{STAGING_SCHEMA}_{table}"

    def main(self, table: str) -> str:
        return f"main.{table}" if self.sqlite else table

    def temp(self, table: str) -> str:
        return f"temp.{table}" if self.sqlite else table

    def same(self, a: str, b: str) -> str:
        """Null-safe equality (SQLite's ``IS``)."""
        return f"{a} IS {b}" if self.sqlite else f"{a} IS NOT DISTINCT FROM {b}"


_TEXT_TABLES = {
    "rejected": (
        ("sheet", "TEXT"),
        ("row_num", "BIGINT"),
        ("record_id", "TEXT"),
        ("label", "TEXT"),
        ("reason_id", "TEXT"),
        ("reason_en", "TEXT"),
        ("cells", "TEXT"),
        ("as_new", "BIGINT"),
    ),
    "notes": (
        ("sheet", "TEXT"),
        ("row_num", "BIGINT"),
        ("record_id", "TEXT"),
        ("label", "TEXT"),
        ("kind", "TEXT"),
        ("text_id", "TEXT"),
        ("text_en", "TEXT"),
    ),
}
_EXTRA_TYPES = {
    "base_rev": "TEXT",
    "row_hash": "TEXT",
    "fingerprint": "TEXT",
    "row_num": "BIGINT",
    "row_kind": "BIGINT",
}


def _server_columns(conn: Connection, spec: SheetSpec) -> list[tuple[str, str]]:
    table = Base.metadata.tables[spec.entity]
    return [
        (
            c,
            _EXTRA_TYPES[c] if c in _EXTRA_TYPES else table.c[c].type.compile(dialect=conn.dialect),
        )
        for c in staged_columns(spec)
    ]


def _copy_in(conn: Connection, staging: Staging) -> None:
    """The staging file's tables as TEMP tables of ``conn`` (committed: they last as
    long as the connection, across the caller's transactions)."""
    names = Names(conn)
    source = staging.connect()
    try:
        raw = conn.connection.driver_connection
        for spec in SHEETS:
            columns = _server_columns(conn, spec)
            defs = ", ".join(f"{c} {t}" for c, t in columns)
            target = names.stg(spec.entity)
            conn.exec_driver_sql(f"CREATE TEMP TABLE {target} ({defs}, rowid BIGINT NOT NULL)")
            listed = ", ".join(c for c, _ in columns)
            rows = source.execute(f"SELECT {listed}, rowid FROM {spec.entity} ORDER BY rowid")
            _copy_rows(raw, f"COPY {target} ({listed}, rowid) FROM STDIN", rows)
            conn.exec_driver_sql(f"CREATE UNIQUE INDEX ON {target} (id)")
            conn.exec_driver_sql(f"CREATE UNIQUE INDEX ON {target} (rowid)")
            conn.exec_driver_sql(f"ANALYZE {target}")
        conn.exec_driver_sql(f"CREATE INDEX ON {names.stg('participants')} (nik)")
        for table, text_columns in _TEXT_TABLES.items():
            target = names.stg(table)
            defs = ", ".join(f"{c} {t}" for c, t in text_columns)
            conn.exec_driver_sql(
                f"CREATE TEMP TABLE {target} ({defs}, "
                "rowid BIGINT GENERATED BY DEFAULT AS IDENTITY)"
            )
            listed = ", ".join(c for c, _ in text_columns)
            rows = source.execute(f"SELECT {listed} FROM {table} ORDER BY rowid")
            _copy_rows(raw, f"COPY {target} ({listed}) FROM STDIN", rows)
    finally:
        source.close()
    conn.commit()


def _copy_rows(raw: Any, copy_sql: str, rows: Iterable[tuple]) -> None:
    with raw.cursor() as cur, cur.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def _copy_back(conn: Connection, staging: Staging) -> None:
    """What planning committed in the TEMP tables, written back to the staging file
    (rows moved to ``rejected``, erased versions dropped, notes), then the TEMP tables
    dropped (the connection goes back to the pool)."""
    names = Names(conn)
    target = staging.connect()
    try:
        target.execute("BEGIN")
        for spec in SHEETS:
            left = conn.exec_driver_sql(f"SELECT count(*) FROM {names.stg(spec.entity)}").scalar()
            if left == target.execute(f"SELECT count(*) FROM {spec.entity}").fetchone()[0]:
                continue  # planning dropped none of them (rows are only ever dropped)
            kept = {
                r for (r,) in conn.exec_driver_sql(f"SELECT rowid FROM {names.stg(spec.entity)}")
            }
            there = [r for (r,) in target.execute(f"SELECT rowid FROM {spec.entity}")]
            gone = [(r,) for r in there if r not in kept]
            target.executemany(f"DELETE FROM {spec.entity} WHERE rowid = ?", gone)
        for table, columns in _TEXT_TABLES.items():
            listed = ", ".join(c for c, _ in columns)
            rows = conn.exec_driver_sql(
                f"SELECT {listed} FROM {names.stg(table)} ORDER BY rowid"
            ).all()
            target.execute(f"DELETE FROM {table}")
            marks = ", ".join("?" * len(columns))
            target.executemany(f"INSERT INTO {table} ({listed}) VALUES ({marks})", rows)
        target.execute("COMMIT")
    finally:
        target.close()
    for table in (*(spec.entity for spec in SHEETS), *_TEXT_TABLES):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {names.stg(table)}")
    conn.commit()


@contextmanager
def attached(db: Database, staging: Staging) -> Iterator[Connection]:
    """A connection to the local database with the staging rows at hand: the file
    attached as ``stg`` (SQLite), or copied into TEMP tables (PostgreSQL).

    The caller commits; anything left uncommitted is rolled back before detaching.
    """
    with db.engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            _copy_in(conn, staging)
            try:
                yield conn
            finally:
                conn.rollback()
                _copy_back(conn, staging)
            return
        conn.exec_driver_sql(staging.attach_sql(), (str(staging.path),))
        try:
            yield conn
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"DETACH DATABASE {STAGING_SCHEMA}")


__all__ = [
    "EDITED",
    "NEW",
    "UNCHANGED",
    "Names",
    "Staging",
    "attached",
    "staged_columns",
]
