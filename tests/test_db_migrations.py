"""The database survives upgrades: older files upgrade with a backup, newer ones are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desasadar_gui.db.backup_files import backups_dir
from desasadar_gui.db.engine import make_engine
from desasadar_gui.db.migrate import (
    DatabaseTooNewError,
    NotOurDatabaseError,
    alembic_config,
    head_revision,
)
from desasadar_gui.db.models import Base
from desasadar_gui.db.search import include_name
from desasadar_gui.services.database import Database, DatabaseOpenError


def _upgrade_to(path: Path, revision: str) -> None:
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def test_new_database_schema_equals_models(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Database.open(path).close()
    engine = make_engine(path)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_name}
            ),
            Base.metadata,
        )
    engine.dispose()
    assert diff == []


def test_older_database_upgrades_with_backup_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "lama désa.sqlite"
    _upgrade_to(path, "0001")
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO villages (id, rev, created_at, updated_at, updated_by, kind, name, kecamatan,"
        " kabupaten, head_name, status, notes) VALUES ('v1', '0000000000001-00000-dev', "
        "'2018-01-01 00:00:00', '2018-01-01 00:00:00', 'dev', 'desa', 'Sungai Baung', "
        "'Muara Bulian', 'Batanghari', '', 'prospect', '')"
    )
    con.commit()
    con.close()

    with Database.open(path) as db:
        assert db.upgrade.from_revision == "0001"
        assert db.upgrade.to_revision == head_revision()
        backup = db.upgrade.backup_path
        # The copy goes to this database's backups folder, as kind pre-upgrade.
        assert backup is not None and backup.exists()
        assert backup.parent == backups_dir(path)
        assert backup.name.startswith("pre-upgrade-")
        with db.engine.connect() as conn:
            names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM villages")]
        assert names == ["Sungai Baung"]
    # The copy is the database as it was before the upgrade.
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert con.execute("SELECT name FROM villages").fetchone()[0] == "Sungai Baung"
    con.close()


def test_an_existing_database_gets_its_numbers_indexed_on_upgrade(tmp_path: Path) -> None:
    """0008 builds the NIK / phone search index from the rows an older version left."""
    from upgrade_helpers import old_database

    from desasadar_gui.db.search import DIGITS_FTS_TABLE as FTS
    from desasadar_gui.services.participant_queries import ParticipantFilter, count_participants

    path = old_database(tmp_path / "lama.sqlite", participants=2000, revision="0007")
    con = sqlite3.connect(path)
    con.execute("UPDATE participants SET phone = '+6281299887766' WHERE rowid = 7")
    con.commit()
    expected = {
        digits: con.execute(
            "SELECT count(*) FROM participants WHERE deleted_at IS NULL "
            "AND (nik LIKE ? OR phone LIKE ?)",
            (f"%{digits}%", f"%{digits}%"),
        ).fetchone()[0]
        for digits in ("1504", "01900042", "2301", "7766", "4444")
    }
    con.close()
    assert expected["1504"] > 1000 and expected["7766"] == 1 and expected["4444"] == 0
    with Database.open(path) as db:
        assert db.upgrade.from_revision == "0007"
        found = {d: count_participants(db, ParticipantFilter(text=d)) for d in expected}
        assert found == expected
        with db.engine.connect() as conn:
            conn.exec_driver_sql(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('integrity-check', 1)")


def test_database_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    Database.open(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = path.read_bytes()

    with pytest.raises(DatabaseTooNewError) as err:
        Database.open(path)
    assert "lebih baru" in err.value.message("id")
    assert "newer version" in err.value.message("en")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*before-upgrade*"))
    assert not list(backups_dir(path).glob("*.sqlite"))


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(NotOurDatabaseError):
        Database.open(path)


def test_non_database_file_is_refused_with_plain_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("just some text, not a database")
    with pytest.raises(DatabaseOpenError) as err:
        Database.open(path)
    assert "bukan" in err.value.message("id")
    assert path.read_text() == "just some text, not a database"


def test_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError) as err:
        Database.open(tmp_path / "E-drive-gone" / "data.sqlite")
    assert "flashdisk" in err.value.message("id")


def test_engine_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
