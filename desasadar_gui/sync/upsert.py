"""The one dialect-specific statement the import needs: upsert rows from a SELECT.

SQLite (3.24+) and PostgreSQL share ``INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE
SET col = excluded.col``; another server would get its own branch here.
"""

from __future__ import annotations

from collections.abc import Sequence

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
