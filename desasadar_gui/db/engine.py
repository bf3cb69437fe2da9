"""Engine set-up for the local SQLite file: WAL, foreign keys, busy timeout.

Dialect-specific statements live here, one small function per need, so that a
PostgreSQL server can later sit behind the same code.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL + NORMAL is durable against application crashes and keeps the file
        # consistent on power loss (at worst the last transaction is rolled back).
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(path: Path | str) -> Engine:
    engine = create_engine(sqlite_url(path), future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def backup_sqlite(source: Path | str, target: Path | str) -> Path:
    """A consistent copy of a (possibly live) database through SQLite's backup API."""
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    # as_uri() percent-encodes spaces and non-ASCII letters (Windows user folders).
    src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target
