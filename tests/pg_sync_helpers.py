"""A PostgreSQL database for the sync tests, until the shared engine fixture exists.

Set ``DESASADAR_TEST_PG`` to a server's URL (``postgresql+psycopg://postgres@127.0.0.1:55433``);
without it (or without psycopg) the PostgreSQL cases are skipped. Each call makes a fresh
database with the models' schema; the columns the 64-bit migration widens are widened here
(that migration belongs to the storage half of issue 15).
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import BigInteger, create_engine, text
from sqlalchemy.pool import NullPool

from desasadar_gui.db.migrate import UpgradeResult
from desasadar_gui.db.models import Base
from desasadar_gui.services.database import Database

PG_ENV = "DESASADAR_TEST_PG"
_WIDE = {
    "device": ("clock_millis",),
    "participants": ("monthly_income", "contribution"),
}


def pg_server() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server ({PG_ENV} unset)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    return url.rstrip("/")


def _widen_models() -> None:
    """The models as the 64-bit migration makes them (what the ORM binds as)."""
    for table, columns in _WIDE.items():
        for column in columns:
            Base.metadata.tables[table].c[column].type = BigInteger()


def open_pg_database(icu_locale: str | None = None) -> Database:
    """A new database on the test server; ``icu_locale`` (e.g. 'en-US'): sorted by that
    language's collation instead of the server's default."""
    server = pg_server()
    _widen_models()
    name = "sync_" + uuid.uuid4().hex[:12]
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT", poolclass=NullPool)
    collation = f" LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'" if icu_locale else ""
    with admin.connect() as conn:
        conn.execute(
            text(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'{collation}")
        )
    admin.dispose()
    engine = create_engine(f"{server}/{name}")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        for table, columns in _WIDE.items():
            for column in columns:
                conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE BIGINT"))
    return Database(engine, None, UpgradeResult(None, "pg-test", None))
