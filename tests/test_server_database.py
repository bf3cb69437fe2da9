"""A database on a PostgreSQL server: opening by URL, one writer, plain messages when
the server cannot be reached or refuses the login, and file-only commands refused."""

from __future__ import annotations

import pytest

from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.server_database import (
    ServerConnectionError,
    ServerLockedError,
)


def test_a_server_url_opens_migrated_with_this_installations_identity(pg_url: str) -> None:
    with Database.open(pg_url) as db:
        assert db.on_server and db.path is None
        assert db.engine.dialect.name == "postgresql"
        assert db.upgrade.to_revision == db.upgrade.from_revision  # the template is at head
        assert "rahasia" not in db.location  # never the password
        db.set_officer("Petugas Server", "KC Jambi")
        first_device = db.device.id
    with Database.open(pg_url) as again:
        assert again.device.id == first_device
        assert again.officer == "Petugas Server"


def test_a_second_writer_on_the_same_server_database_is_refused(pg_url: str) -> None:
    with Database.open(pg_url, lock=True):
        with pytest.raises(ServerLockedError) as refused:
            Database.open(pg_url, lock=True)
        assert "dibuka oleh Desa Sadar lain" in str(refused.value)
        with Database.open(pg_url) as reader:  # reading needs no lock
            assert reader.device.id
    with Database.open(pg_url, lock=True):  # let go at close
        pass


def test_a_wrong_password_is_a_plain_message(pg_url: str) -> None:
    import pg_cluster

    wrong = pg_url.replace(pg_cluster.PASSWORD, "bukan-sandinya-x9")
    with pytest.raises(ServerConnectionError) as refused:
        Database.open(wrong)
    assert "kata sandi" in str(refused.value)
    assert "bukan-sandinya-x9" not in str(refused.value)  # the password is never shown


def test_a_missing_database_and_a_stopped_server_are_plain_messages(pg_url: str) -> None:
    base, _name = pg_url.rsplit("/", 1)
    with pytest.raises(ServerConnectionError, match="tidak ada"):
        Database.open(base + "/tidak_ada")
    host_port = base.rsplit("@", 1)[1]
    port = int(host_port.rsplit(":", 1)[1])
    nobody = base.replace(f":{port}", f":{_unused_port()}")
    with pytest.raises(ServerConnectionError, match="tidak bisa dihubungi"):
        Database.open(nobody + "/x")


def test_a_new_empty_server_database_is_migrated_to_head(pg_cluster) -> None:  # noqa: ANN001
    from sqlalchemy import create_engine, text

    from desasadar_gui.db.migrate import head_revision

    admin = create_engine(pg_cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE kosong_baru"))
    try:
        with Database.open(pg_cluster.url("kosong_baru")) as db:
            assert db.upgrade.from_revision is None
            assert db.upgrade.to_revision == head_revision()
            assert db.upgrade.backup_path is None  # no file: no file backup
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE kosong_baru WITH (FORCE)"))
        admin.dispose()


def _unused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_user_errors_are_user_errors() -> None:
    assert issubclass(ServerConnectionError, UserError)
