"""Less personal data kept: final tombstones sync without personal fields, history
values and conflict losers expire, the periods are settings (issue 12)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sync_helpers import add_village, export, import_, new_laptop

from desasadar_gui.cli.main import main
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.erasure import ERASED_NAME
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.processing import list_processing
from desasadar_gui.services.retention import load_retention, prune_personal_data

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

GONE_NIK = "1504034508900002"
KEPT_NIK = "1504031203850001"


def _add(db: Database, vid: str, name: str, nik: str) -> str:
    return create_participant(
        db,
        ParticipantInput(
            name=name,
            nik=nik,
            village_id=vid,
            status="registered",
            registration_date=date(2024, 5, 2),
            address="Dusun I",
        ),
    ).row.id


def _changes(db: Database, pid: str) -> list[dict]:
    with db.engine.connect() as conn:
        return [
            json.loads(r[0])
            for r in conn.exec_driver_sql(
                "SELECT changes FROM audit_log WHERE record_id = ? ORDER BY id", (pid,)
            )
        ]


def test_final_tombstones_and_old_history_lose_their_personal_values(tmp_path, template_db):
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    vid = add_village(a)
    gone = _add(a, vid, "Orang Terhapus", GONE_NIK)
    kept = _add(a, vid, "Orang Tetap", KEPT_NIK)
    row = get_participant(a, kept)
    update_participant(
        a,
        kept,
        replace(
            ParticipantInput(
                name=row.name,
                nik=row.nik,
                village_id=vid,
                status=row.status,
                registration_date=row.registration_date,
            ),
            address="Dusun II",
        ),
    )
    delete_participant(a, gone)
    import_(b, export(a, tmp_path / "a1.xlsx"))  # B holds the full tombstone

    # Within both periods: nothing changes.
    assert not prune_personal_data(a).changed
    assert load_retention(a).retention_days == 365 and load_retention(a).tombstone_days == 30

    # After 40 days the deletion is final: the tombstone is erased; live people stay.
    result = prune_personal_data(a, now=utcnow() + timedelta(days=40))
    assert result.tombstones_erased == 1 and result.history_cleared == 0
    assert get_participant(a, gone, include_deleted=True).name == ERASED_NAME
    assert get_participant(a, gone, include_deleted=True).nik is None
    assert get_participant(a, kept).nik == KEPT_NIK
    assert any(c for c in _changes(a, kept))  # history within a year keeps its values

    # It syncs: the other laptop drops the personal fields too.
    outcome = import_(b, export(a, tmp_path / "a2.xlsx"))
    assert outcome.exit_code == 0
    assert get_participant(b, gone, include_deleted=True).nik is None

    # After a year the history keeps who and when, not the values; records stay.
    result = prune_personal_data(a, now=utcnow() + timedelta(days=400))
    assert result.history_cleared > 0
    assert all(c == {} for c in _changes(a, kept))
    assert get_participant(a, kept).address == "Dusun II"
    assert list_processing(a)[0].action == "retention"
    paths = [a.path, b.path]
    a.close()
    b.close()
    for path in paths:
        data = Path(path).read_bytes()
        wal = Path(f"{path}-wal")
        data += wal.read_bytes() if wal.exists() else b""
        assert GONE_NIK.encode() not in data and b"Orang Terhapus" not in data
        assert KEPT_NIK.encode() in data


def test_prune_command_sets_the_periods(tmp_path, template_db, capsys):
    db = new_laptop(tmp_path, template_db, "A")
    path = db.path
    db.close()
    assert main(["--db", str(path), "prune", "--retention-days", "90"]) == 0
    assert "90 hari" in capsys.readouterr().out
    assert main(["--db", str(path), "prune", "--tombstone-days", "0"]) == 2
    assert "paling sedikit 1 hari" in capsys.readouterr().err
    with Database.open(path) as again:
        assert load_retention(again).retention_days == 90


def test_automatic_backups_are_pruned_by_age(tmp_path, template_db):
    import shutil
    from datetime import datetime

    from desasadar_gui.db.backup_files import backup_files, backups_dir, new_backup_path
    from desasadar_gui.services.backups import DAILY, MANUAL, rotate, take_backup

    db = new_laptop(tmp_path, template_db, "A")
    folder = backups_dir(db.path)
    newest = take_backup(db, DAILY)
    for days in (10, 100, 200):
        shutil.copyfile(
            newest, new_backup_path(folder, DAILY, datetime.now() - timedelta(days=days))
        )
    manual = new_backup_path(folder, MANUAL, datetime.now() - timedelta(days=300))
    shutil.copyfile(newest, manual)
    rotate(db)
    ages = sorted(
        (datetime.now() - b.taken_at).days for b in backup_files(db.path) if b.kind == DAILY
    )
    assert ages == [0, 9] or ages == [0, 10]  # the 100- and 200-day-old copies are gone
    assert manual.exists()  # a manual copy is the officer's: never removed automatically
    db.close()


def test_backup_and_restore_are_in_the_processing_record(tmp_path, template_db, capsys):
    db = new_laptop(tmp_path, template_db, "A")
    path = db.path
    db.close()
    copy = tmp_path / "salinan.sqlite"
    assert main(["--db", str(path), "backup", str(copy)]) == 0
    assert main(["--db", str(path), "restore", str(copy)]) == 0
    with Database.open(path) as again:
        rows = list_processing(again)
    actions = [r.action for r in rows]
    assert "restore" in actions and "backup" in actions
    restore = next(r for r in rows if r.action == "restore")
    assert restore.file_name == copy.name and len(restore.sha256) == 64
