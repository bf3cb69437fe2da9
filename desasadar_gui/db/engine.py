"""Engine set-up for the local SQLite file: WAL, foreign keys, busy timeout.

Dialect-specific statements live here, one small function per need, so that a
PostgreSQL server can later sit behind the same code.
"""

from __future__ import annotations

import os
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
    # hide_parameters: SQL errors must not carry NIKs or names into logs and messages.
    engine = create_engine(sqlite_url(path), future=True, hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def backup_sqlite(source: Path | str, target: Path | str) -> Path:
    """A consistent copy of a (possibly live) database through SQLite's backup API.

    The copy is written to ``<target>.part``, switched to a self-contained rollback
    journal (no -wal/-shm sidecars), flushed to disk and only then renamed over
    ``target``: a crash or a full disk never leaves a half-written file under the
    final name. On failure the partial file is removed and the error propagates.
    """
    from desasadar_gui.scratch import claimed

    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    journal = Path(str(tmp) + "-journal")
    # Claimed while written: after a kill, the next start removes the half-written copy
    # (it holds personal data), wherever it is (the backups folder or a USB stick).
    with claimed(tmp, journal):
        try:
            # as_uri() percent-encodes spaces and non-ASCII letters (Windows user folders).
            src = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
            try:
                dst = sqlite3.connect(tmp)
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode=DELETE")
                finally:
                    dst.close()
            finally:
                src.close()
            fsync_file(tmp)
            os.replace(tmp, target)
            fsync_dir(target.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
            raise
    return target


def fsync_file(path: Path | str) -> None:
    """Force a file's contents to disk (a rename is only as durable as what it names)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path | str) -> None:
    """Make a rename in ``path`` durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
