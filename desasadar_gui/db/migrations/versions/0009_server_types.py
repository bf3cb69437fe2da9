"""PostgreSQL: 64-bit numbers where values need them, trigram indexes for search

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Migration 0001 made every integer column ``INTEGER``. SQLite stores any integer in up
to 64 bits whatever the declared type, but on PostgreSQL ``INTEGER`` is 32-bit: the
device clock (epoch milliseconds, about 1.8e12) did not fit, so every write failed,
and an income or contribution above Rp2,147,483,647 was refused. On PostgreSQL those
columns become ``BIGINT``; on SQLite nothing changes (the models declare them
``BigInteger`` with an ``INTEGER`` variant for SQLite, so the schema comparison stays
clean on both engines and no table is copied).

Search on PostgreSQL: the ``pg_trgm`` extension and GIN trigram indexes over
``participants.name``, ``nik`` and ``phone``, the counterpart of the FTS5 trigram
tables of 0003 and 0008 (``ILIKE '%siti%'`` and ``LIKE '%7766%'`` are answered from
them). They are not in the models (``db/search.py`` ``include_name`` hides them from
the comparison). A server where the extension cannot be created (not installed, no
right to create it) keeps the plain, unindexed search: the upgrade goes on. Safe to
run again.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

log = logging.getLogger("desasadar.migrate")

# (table, column) holding values beyond 32 bits: epoch milliseconds, Rupiah.
WIDE_COLUMNS = (
    ("device", "clock_millis"),
    ("participants", "monthly_income"),
    ("participants", "contribution"),
)

# GIN trigram indexes on PostgreSQL (names also in db/search.py PG_TRIGRAM_INDEXES).
TRIGRAM_INDEXES = {
    "ix_participants_name_trgm": "name",
    "ix_participants_nik_trgm": "nik",
    "ix_participants_phone_trgm": "phone",
}


def install_trigram_indexes(bind: sa.Connection) -> bool:
    """PostgreSQL: ``pg_trgm`` and the GIN indexes; False (schema unchanged) where the
    extension cannot be had. Other dialects: nothing."""
    if bind.dialect.name != "postgresql":
        return False
    try:
        with bind.begin_nested():  # a refused CREATE EXTENSION must not end the upgrade
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as exc:
        log.warning("pg_trgm not available (%s): search stays unindexed", type(exc).__name__)
        return False
    for name, column in TRIGRAM_INDEXES.items():
        bind.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {name} ON participants USING gin ({column} gin_trgm_ops)"
        )
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table, column in WIDE_COLUMNS:
            bind.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE BIGINT")
        install_trigram_indexes(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            bind.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
        for table, column in WIDE_COLUMNS:
            bind.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE INTEGER")
