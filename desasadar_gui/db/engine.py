"""Engine set-up for the local SQLite file: WAL, foreign keys, busy timeout, the key.

The driver is ``sqlcipher3`` (SQLCipher 4) for plain and encrypted files alike
(``db/cipher.py``): an encrypted file is keyed as the first statement of every
connection, before SQLAlchemy's own first query. Dialect-specific statements live
here, one small function per need, so that a PostgreSQL server can later sit behind
the same code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from desasadar_gui.db import cipher
from desasadar_gui.files import fsync_dir, fsync_file

BUSY_TIMEOUT_MS = 5000
# Pages SQLite keeps decrypted in memory per connection (KiB, negative): an encrypted
# page read from the OS cache is decrypted again each time it leaves this cache.
CACHE_KIB = 32 * 1024
# An encrypted file gets more: a plain file's pages come back from the OS cache at no
# cost, an encrypted one's are decrypted again each time. With 32 MiB, counting a
# search over 500,000 people decrypts the same index pages at every keystroke (3-9x
# the plain file); with 256 MiB they stay decrypted and the ratio is about 1x
# (benchmarks/bench_encryption.py). Only pages actually read fill it.
ENCRYPTED_CACHE_KIB = 256 * 1024


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


SERVER_SCHEMES = ("postgresql",)


def is_server_url(target: object) -> bool:
    """Whether ``target`` (a ``--db`` value) names a database server, not a file:
    ``postgresql+psycopg://user@host:port/dbname`` (a Windows path ``C:\\...`` is a file)."""
    if not isinstance(target, str) or "://" not in target:
        return False
    return target.split("://", 1)[0].split("+", 1)[0].lower() in SERVER_SCHEMES


def server_url(target: str) -> str:
    """The SQLAlchemy URL of a server database: psycopg (v3) is the driver, also when
    the URL names none (``postgresql://...``)."""
    scheme, rest = target.split("://", 1)
    if scheme.lower() == "postgresql":
        scheme = "postgresql+psycopg"
    return f"{scheme}://{rest}"


def server_engine(url: str, **kwargs: Any) -> Engine:
    """The engine over a PostgreSQL database (no pragmas, no key: the server has its
    own durability and access control). ``hide_parameters`` as for files: SQL errors
    carry no NIKs or names into logs."""
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(server_url(url), hide_parameters=True, **kwargs)


def _on_connect(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # WAL + NORMAL is durable against application crashes and keeps the file
        # consistent on power loss (at worst the last transaction is rolled back).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    finally:
        cursor.close()


def keyed_engine(url: Any, key: bytes | None, **kwargs: Any) -> Engine:
    """A SQLAlchemy engine on the sqlcipher3 driver whose connections are keyed with
    ``key`` (None: a plain file) before anything else runs on them."""
    # hide_parameters: SQL errors must not carry NIKs or names into logs and messages.
    engine = create_engine(url, module=cipher.dbapi, hide_parameters=True, **kwargs)

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect, _record, cargs, cparams):  # noqa: ANN001, ANN202
        con = cipher.dbapi.connect(*cargs, **cparams)
        try:
            cipher.apply_key(con, key)
        except BaseException:
            con.close()
            raise
        return con

    return engine


def make_engine(path: Path | str, key: bytes | None = cipher.AUTO) -> Engine:
    """The engine over the database file at ``path``.

    ``key``: AUTO takes the unlocked key the file needs (none for a plain or a new
    file; :class:`cipher.PassphraseNeededError` when it is locked); bytes create or
    open an encrypted file with that key (it joins the keyring).
    """
    if is_server_url(path):
        return server_engine(str(path))
    if key is cipher.AUTO:
        key = cipher.key_for_file(path)
    elif key is not None:
        cipher.KEYRING.add(key)
    engine = keyed_engine(sqlite_url(path), key)
    event.listen(engine, "connect", _on_connect)
    if key is not None:
        event.listen(engine, "connect", _bigger_cache)
    return engine


def _bigger_cache(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.execute(f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KIB}")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def backup_sqlite(source: Path | str, target: Path | str, key: bytes | None = cipher.AUTO) -> Path:
    """A consistent copy of a (possibly live) database through SQLite's backup API.

    The copy gets ``key``; AUTO: the source's own (an encrypted database's copies are
    encrypted with its key, a plain one's are plain). Between two files keyed alike the
    backup API copies the pages; from plain to encrypted or back, ``sqlcipher_export``
    writes them anew (the backup API cannot change the key). The copy is written to
    ``<target>.part``, switched to a self-contained rollback journal (no -wal/-shm
    sidecars), flushed to disk and only then renamed over ``target``: a crash or a full
    disk never leaves a half-written file under the final name. On failure the
    partial file is removed and the error propagates.
    """
    from desasadar_gui.scratch import claimed

    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    journal = Path(str(tmp) + "-journal")
    source_key = cipher.key_for_file(source)
    if key is cipher.AUTO:
        key = source_key
    # Claimed while written: after a kill, the next start removes the half-written copy
    # (it holds personal data), wherever it is (the backups folder or a USB stick).
    with claimed(tmp, journal):
        try:
            tmp.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
            src = cipher.connect(source, key=source_key, mode="ro")
            try:
                if key == source_key:
                    dst = cipher.connect(tmp, key=key)
                    try:
                        cipher.backup_pages(src, dst)
                        dst.execute("PRAGMA journal_mode=DELETE")
                    finally:
                        dst.close()
                else:
                    cipher.export_copy(src, tmp, key)
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
