"""What SQLite and PostgreSQL spell differently, one small function per need (as
``db/search.py`` for search and ``sync/upsert.py`` for the upsert).

- :func:`count_true`: how many rows have a Boolean column true. SQLite stores a
  Boolean as 0/1 and sums it; PostgreSQL has no ``sum(boolean)``.
- :func:`total`: the sum of an integer column as a Python ``int`` (PostgreSQL's sum of
  a BIGINT is NUMERIC, which the driver returns as ``Decimal``).
- :func:`ordered`: an ORDER BY term with SQLite's place for NULLs on both engines
  (SQLite puts NULLs first going up and last going down; PostgreSQL the reverse).
- :func:`binary_text`: a text column compared byte by byte (SQLite's ``BINARY``; on
  PostgreSQL the ``C`` collation, whatever the database's default), so ids sort and
  break ties the same everywhere.
- :func:`run` / :func:`driver_sql`: raw SQL text with ``?`` parameters on every driver
  (the import's set-wise SQL and the erasures; psycopg spells them ``%s`` and reads a
  bare ``%`` as one); :func:`prefixed`: ``main.<table>`` on SQLite, where a staging
  file may be attached beside it, the plain name on a server.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Connection, Integer, case, func
from sqlalchemy.sql.elements import UnaryExpression


def count_true(column: Any) -> ColumnElement[int]:
    """``sum`` of a Boolean column on either engine (NULL counts as false)."""
    return func.coalesce(func.sum(case((column, 1), else_=0)), 0, type_=Integer)


def total(column: Any) -> ColumnElement[int]:
    """``sum`` of an integer column, an ``int`` on either engine (0 for no rows)."""
    return func.coalesce(func.sum(column), 0).cast(BigInteger)


def ordered(key: Any, *, descending: bool, dialect: str) -> UnaryExpression[Any]:
    """``key`` ascending or descending, NULLs where SQLite puts them."""
    term = key.desc() if descending else key.asc()
    if dialect == "sqlite":
        return term  # already so; an explicit NULLS clause could cost the index order
    return term.nulls_last() if descending else term.nulls_first()


def binary_text(column: Any, *, dialect: str) -> Any:
    """``column`` compared as bytes: plain on SQLite, ``COLLATE "C"`` on PostgreSQL."""
    return column if dialect == "sqlite" else column.collate("C")


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
