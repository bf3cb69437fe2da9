"""Raw SQL on every engine: ``?`` parameters whatever the driver's own spelling.

The import and the erasures write set-wise SQL text (``exec_driver_sql``) with ``?``
parameters, SQLite's driver style; psycopg spells them ``%s`` (and reads a bare ``%``
as one). :func:`run` hands the statement over as the connection's driver expects it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection


def driver_sql(conn: Connection, sql: str) -> str:
    """``?`` parameters (and literal ``%``) as this connection's driver spells them."""
    if conn.dialect.paramstyle == "qmark":
        return sql
    return sql.replace("%", "%%").replace("?", "%s")


def run(conn: Connection, sql: str, params: tuple | list = ()) -> Any:
    """``exec_driver_sql`` with ``?`` parameters on every driver."""
    return conn.exec_driver_sql(driver_sql(conn, sql), tuple(params))


def prefixed(conn: Connection, table: str, schema: str = "main") -> str:
    """``main.<table>`` on SQLite (a staging file may be attached beside it), the plain
    name on a server."""
    return f"{schema}.{table}" if conn.dialect.name == "sqlite" else table
