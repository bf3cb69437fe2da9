"""The dialect-specific statements the import needs: upsert rows from a SELECT, and
loading many rows into a table quickly.

SQLite (3.24+) and PostgreSQL share ``INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE
SET col = excluded.col``; another server would get its own branch here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection

SUPPORTED = ("sqlite", "postgresql")


def upsert_from_select(
    dialect: str,
    table: str,
    columns: Sequence[str],
    select_sql: str,
    key: str = "id",
    only_if_changed: str | None = None,
) -> str:
    """SQL that inserts the SELECT's rows into ``table`` or updates rows with the same
    ``key``; ``only_if_changed`` names a column whose equal value skips the update.

    The SELECT must carry a WHERE clause (SQLite's parser needs it before ON CONFLICT).
    """
    if dialect not in SUPPORTED:
        raise NotImplementedError(f"upsert for {dialect}")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    bare = table.rsplit(".", 1)[-1]  # the target is named without its schema in DO UPDATE
    differs = "IS NOT" if dialect == "sqlite" else "IS DISTINCT FROM"
    where = (
        f" WHERE {bare}.{only_if_changed} {differs} excluded.{only_if_changed}"
        if only_if_changed
        else ""
    )
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) {select_sql} "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}{where}"
    )


# Rebuilding a table's indexes beats updating them row by row once the rows arriving
# are at least as many as those there (measured: a first import of 100,000 people).
BULK_MIN_ROWS = 20_000


@contextmanager
def bulk_load(conn: Connection, table: str, arriving: int) -> Iterator[None]:
    """Inside the caller's transaction: when ``arriving`` rows will at least double
    ``table``, drop its secondary indexes and triggers for the load and build them again
    afterwards (full-text indexes rebuilt from their content). DDL is transactional in
    SQLite, so a failure or a power cut rolls the drops back with everything else. On
    other servers, and for small loads, nothing changes."""
    if conn.dialect.name != "sqlite" or arriving < BULK_MIN_ROWS:
        yield
        return
    there = conn.exec_driver_sql(f"SELECT count(*) FROM main.{table}").scalar() or 0
    if arriving < there:
        yield
        return
    schema = conn.exec_driver_sql(
        "SELECT type, name, sql FROM main.sqlite_master WHERE tbl_name = ? "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,),
    ).all()
    for kind, name, _sql in schema:
        conn.exec_driver_sql(f'DROP {kind.upper()} main."{name}"')
    yield
    for _kind, _name, sql in schema:
        conn.exec_driver_sql(sql)
    for (fts,) in conn.exec_driver_sql(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql LIKE ? ",
        (f"%USING fts5(%content='{table}'%",),
    ).all():
        conn.exec_driver_sql(f'INSERT INTO main."{fts}"("{fts}") VALUES (\'rebuild\')')
