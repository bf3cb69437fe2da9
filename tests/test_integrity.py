"""Start-up integrity: a damaged file is detected, never worked on, never silently replaced."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from safety_helpers import PEOPLE, add_people, damage, integrity, live_participants

from desasadar_gui.db.backup_files import new_backup_path
from desasadar_gui.services.backups import (
    DAILY,
    MANUAL,
    backups_dir,
    restore_backup,
    take_backup,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import DamagedDatabaseError, quick_check


def _with_backups(db: Database) -> tuple[Path, Path]:
    """A good daily backup from yesterday and a newer backup that is itself damaged."""
    add_people(db)
    good = take_backup(db, DAILY, out=new_backup_path(
        backups_dir(db.path), DAILY, datetime.now() - timedelta(days=1)))
    bad = take_backup(db, MANUAL)
    damage(bad)
    return good, bad


def test_healthy_and_new_databases_pass(db: Database, tmp_path: Path) -> None:
    assert quick_check(db.path).status == "ok"
    assert quick_check(tmp_path / "belum ada.sqlite").status == "new"


def test_overwritten_bytes_are_detected_and_the_latest_good_backup_offered(db: Database) -> None:
    good, _bad = _with_backups(db)
    path = db.path
    db.close()
    damage(path)

    result = quick_check(path)

    assert result.status == "damaged" and not result.ok
    assert result.latest_backup is not None and result.latest_backup.path == good
    text = result.error.message("id")
    assert "rusak" in text and str(good) in text
    assert "damaged" in result.error.message("en")


def test_a_damaged_file_is_never_opened_nor_replaced_by_an_empty_one(db: Database) -> None:
    good, _ = _with_backups(db)
    path = db.path
    db.close()
    damage(path)
    damaged_bytes = path.read_bytes()

    with pytest.raises(DamagedDatabaseError) as err:
        Database.open(path)

    assert err.value.latest_backup is not None and err.value.latest_backup.path == good
    assert path.read_bytes() == damaged_bytes  # untouched: no schema made over it
    wal = Path(str(path) + "-wal")  # the read-only check may leave an empty one
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_damaged_header_with_backups_is_called_damaged(db: Database) -> None:
    _with_backups(db)
    path = db.path
    db.close()
    with path.open("r+b") as fh:
        fh.write(b"\x00" * 100)
    result = quick_check(path)
    assert result.status == "damaged" and result.latest_backup is not None
    with pytest.raises(DamagedDatabaseError):  # Database.open refuses it too
        Database.open(path)


def test_an_emptied_file_that_had_backups_is_not_treated_as_new(db: Database) -> None:
    _with_backups(db)
    path = db.path
    db.close()
    path.write_bytes(b"")  # e.g. truncated by a power cut on a FAT USB stick

    assert quick_check(path).status == "damaged"
    with pytest.raises(DamagedDatabaseError):
        Database.open(path)
    assert path.stat().st_size == 0


def test_a_vanished_file_with_backups_is_not_silently_started_over(db: Database) -> None:
    _with_backups(db)
    path = db.path
    db.close()
    path.unlink()

    result = quick_check(path)
    assert result.status == "missing" and result.latest_backup is not None
    with pytest.raises(DamagedDatabaseError) as err:
        Database.open(path)
    assert err.value.missing
    assert not path.exists()
    # Only when the user explicitly chooses to start empty.
    with Database.open(path, allow_new=True) as fresh:
        assert fresh.path == path
    assert live_participants(path) == 0


def test_no_good_backup_says_so_and_still_refuses(db: Database) -> None:
    add_people(db)
    path = db.path
    db.close()
    damage(path)
    result = quick_check(path)
    assert result.status == "damaged" and result.latest_backup is None
    assert "tidak ada cadangan" in result.error.message("id")
    with pytest.raises(DamagedDatabaseError):
        Database.open(path)


def test_restoring_the_offered_backup_makes_the_database_usable_again(db: Database) -> None:
    _with_backups(db)
    path = db.path
    db.close()
    damage(path)
    offered = quick_check(path).latest_backup

    restore_backup(path, offered.path)

    assert quick_check(path).status == "ok"
    assert integrity(path) == "ok"
    with Database.open(path) as reopened:
        assert reopened.path == path
    assert live_participants(path) == len(PEOPLE)
