"""Opening a database on a PostgreSQL server (``--db postgresql+psycopg://...``).

What only a file has is skipped: the file checks before opening, the lock file beside
it, the pre-upgrade backup copy, pragmas and the data key. The server's own
equivalents stand in where a user needs one:

- one writer: a session-level advisory lock (:class:`ServerLock`) held on a connection
  of its own while the database is open with ``lock=True`` (the GUI, writing commands);
  a second copy of the app on the same database gets the same plain message as for a
  file that is open elsewhere;
- backups: the server's ``pg_dump`` (:func:`file_only_error` says so);
- connection failures (server down, wrong password, no such database or user) are
  plain messages, classified by the server's SQLSTATE (never by message text).
"""

from __future__ import annotations

import logging
import zlib
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from desasadar_gui.errors import UserError

log = logging.getLogger("desasadar.server")

# The advisory lock key of "this database is open for writing" (any 64-bit number that
# no other program on the server uses: crc32 of the app's name).
LOCK_KEY = zlib.crc32(b"desasadar:one-writer")


class ServerConnectionError(UserError):
    pass


class ServerLockedError(UserError):
    pass


def display_url(url: str) -> str:
    """The URL as a person may see it: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ValueError, SQLAlchemyError):
        return "(alamat server)"


def _sqlstate(exc: BaseException) -> str | None:
    inner: Any = getattr(exc, "orig", None) or exc
    return getattr(inner, "sqlstate", None)


UNREACHABLE = "08001"  # sqlclient_unable_to_establish_sqlconnection


def _probe(url: str) -> str:
    """The SQLSTATE a failed connection would have had: libpq reports a refused login
    or a missing database with no code, so look from outside (never at message text):
    the server answers on its port at all? It lets us into its ``postgres`` database?"""
    import socket

    import psycopg

    parsed = make_url(url)
    host, port = parsed.host, parsed.port or 5432
    if host:
        try:
            socket.create_connection((host, port), timeout=5).close()
        except OSError:
            return UNREACHABLE
    try:
        psycopg.connect(
            host=host,
            port=port,
            user=parsed.username,
            password=parsed.password,
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.Error:
        return "28P01" if host else UNREACHABLE
    return "3D000"  # the server lets us in, but not into that database


def connection_error(exc: BaseException, url: str) -> UserError | None:
    """A plain message for a failure to reach or log in to the server, else ``None``."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    if not isinstance(exc, (OperationalError, InterfaceError)):
        return None
    where = display_url(url)
    state = _sqlstate(exc) or _probe(url)
    if state in ("28P01", "28000"):  # invalid_password, invalid_authorization_specification
        return ServerConnectionError(
            f"Server basis data menolak login ({where}): nama pengguna atau kata sandi "
            "salah. Periksa alamat --db / DESASADAR_DB. Tidak ada yang diubah.",
            f"The database server refused the login ({where}): wrong user name or "
            "password. Check the --db address / DESASADAR_DB. Nothing was changed.",
        )
    if state == "3D000":  # invalid_catalog_name
        return ServerConnectionError(
            f"Basis data di server tidak ada ({where}). Minta petugas TI membuatnya "
            "(createdb), atau periksa namanya. Tidak ada yang diubah.",
            f"The database does not exist on the server ({where}). Ask IT staff to "
            "create it (createdb), or check its name. Nothing was changed.",
        )
    if state is None or state.startswith("08") or state.startswith("57P"):
        return ServerConnectionError(
            f"Server basis data tidak bisa dihubungi ({where}). Periksa bahwa server "
            "menyala dan alamat serta port-nya benar. Tidak ada yang diubah.",
            f"The database server cannot be reached ({where}). Check that the server "
            "is running and that its address and port are right. Nothing was changed.",
        )
    return None


def file_only_error(what_id: str, what_en: str) -> UserError:
    """A command about files (backup, passphrase, restore) asked of a server database."""
    return UserError(
        f"{what_id} hanya untuk berkas basis data. Basis data ini ada di server "
        "PostgreSQL: cadangannya dibuat dengan pg_dump (mis. pg_dump -Fc -f "
        "desasadar.dump NAMA_DB), dan aksesnya diatur oleh server.",
        f"{what_en} is for database files only. This database is on a PostgreSQL "
        "server: back it up with pg_dump (e.g. pg_dump -Fc -f desasadar.dump DBNAME); "
        "the server controls access to it.",
    )


class ServerLock:
    """The one-writer lock on a server database: a session advisory lock, held by a
    connection of its own (the server drops it when that connection ends, also when
    the app is killed)."""

    def __init__(self, engine: Engine, connection: Connection) -> None:
        self._engine = engine
        self._connection: Connection | None = connection

    @classmethod
    def acquire(cls, url: str) -> ServerLock:
        from sqlalchemy.pool import NullPool

        from desasadar_gui.db.engine import server_engine

        engine = server_engine(url, poolclass=NullPool)  # its own: unaffected by dispose()
        try:
            conn = engine.connect()
        except BaseException:
            engine.dispose()
            raise
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY}).scalar()
            conn.commit()
        except BaseException:
            conn.close()
            engine.dispose()
            raise
        if not got:
            conn.close()
            engine.dispose()
            log.info("server database already open for writing elsewhere")
            raise ServerLockedError(
                "Basis data di server ini sedang dibuka oleh Desa Sadar lain (satu "
                "penulis pada satu waktu). Tutup yang lain dulu, lalu coba lagi. "
                "Tidak ada data yang berubah.",
                "This server database is open in another Desa Sadar (one writer at a "
                "time). Close the other one first, then try again. Nothing was changed.",
            )
        return cls(engine, conn)

    @property
    def held(self) -> bool:
        return self._connection is not None

    def refresh_identity(self, _path: object = None) -> None:
        """A server database has no file identity (the file lock's API)."""

    def release(self) -> None:
        conn, self._connection = self._connection, None
        if conn is None:
            return
        try:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
            conn.commit()
        except SQLAlchemyError:
            pass  # the connection is gone: so is the lock
        finally:
            conn.close()
            self._engine.dispose()

    def __enter__(self) -> ServerLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
