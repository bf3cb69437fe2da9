"""A database on a PostgreSQL server: opening by URL, one writer, plain messages when
the server cannot be reached or refuses the login, and file-only commands refused."""

from __future__ import annotations

import pytest

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


def test_the_server_schema_equals_the_models(pg_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desasadar_gui.db.models import Base
    from desasadar_gui.db.search import include_name

    with Database.open(pg_url) as db, db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_name}
            ),
            Base.metadata,
        )
        names = conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'participants'"
        ).scalars()
        assert sorted(n for n in names if n.endswith("_trgm")) == [
            "ix_participants_name_trgm",
            "ix_participants_nik_trgm",
            "ix_participants_phone_trgm",
        ]
    assert diff == []


def test_epoch_milliseconds_and_billions_of_rupiah_are_stored(pg_url: str) -> None:
    """32-bit columns refused every write (the clock) and an income of Rp3 billion."""
    from datetime import date

    from desasadar_gui.services.participants import ParticipantInput, create_participant
    from desasadar_gui.services.villages import VillageInput, create_village

    with Database.open(pg_url) as db:
        db.set_officer("Petugas Uji", "KC Jambi")
        village = create_village(
            db,
            VillageInput(
                kind="desa", name="Sungai Baung", kecamatan="Muara Bulian", kabupaten="Batanghari"
            ),
        )
        person = create_participant(
            db,
            ParticipantInput(
                village_id=village.id,
                nik="1504014107900001",
                name="Siti Aminah",
                monthly_income=3_000_000_000,
                registration_date=date(2026, 11, 1),
            ),
        )
        assert db.clock.state[0] > 2**31
    with Database.open(pg_url) as again:
        from sqlalchemy import select

        from desasadar_gui.db.models import Device, Participant

        with again.read_session() as s:
            assert s.scalar(select(Participant.monthly_income)) == 3_000_000_000
            assert s.scalar(select(Device.clock_millis)) > 2**31
        assert person.row.monthly_income == 3_000_000_000


def test_a_stale_server_query_stops_when_cancelled(pg_url: str) -> None:
    """The officer typed on: the server is asked to cancel the running statement."""
    import time

    from sqlalchemy import text

    from desasadar_gui.db.interrupt import interruptible
    from desasadar_gui.errors import Cancelled

    with Database.open(pg_url) as db:
        started = time.monotonic()
        with (
            pytest.raises(Cancelled),
            db.read_session() as s,
            interruptible(s, lambda: time.monotonic() - started > 0.2),
        ):
            s.execute(text("SELECT pg_sleep(10)"))
        assert time.monotonic() - started < 5
        with db.read_session() as s, interruptible(s, lambda: False):  # still works
            assert s.execute(text("SELECT 1")).scalar() == 1
        with pytest.raises(Cancelled), db.read_session() as s, interruptible(s, lambda: True):
            s.execute(text("SELECT 1"))  # cancelled before it starts: not started
