"""Backups: taken before risky operations, rotated as configured, restored exactly."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from safety_helpers import PEOPLE, add_people, digest_of_file, integrity, live_participants

from desasadar_gui.cli.main import main as cli_main
from desasadar_gui.db.backup_files import new_backup_path, parse_backup_name
from desasadar_gui.db.engine import make_engine
from desasadar_gui.db.migrate import alembic_config
from desasadar_gui.errors import UserError
from desasadar_gui.services import backups
from desasadar_gui.services.backups import (
    DAILY,
    DAMAGED,
    MANUAL,
    PRE_IMPORT,
    PRE_RESTORE,
    PRE_UPGRADE,
    BackupPolicy,
    BackupRefusedError,
    backups_dir,
    daily_backup_if_due,
    list_backups,
    restore_backup,
    rotate,
    save_policy,
    take_backup,
    validate_backup_file,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.stats import content_digest


def _fake_backup(db_path: Path, kind: str, when: datetime) -> Path:
    """A valid backup file with a chosen time in its name (rotation works on names)."""
    path = new_backup_path(backups_dir(db_path), kind, when)
    take_backup(db_path, kind, out=path)
    return path


def test_manual_backup_is_a_consistent_copy_in_the_databases_own_folder(db: Database) -> None:
    add_people(db)  # still in the -wal: the copy must include it
    copy = take_backup(db, MANUAL)
    assert copy.parent == backups_dir(db.path)
    assert copy.parent.parent.name == "backups"
    info = parse_backup_name(copy)
    assert info is not None and info.kind == MANUAL
    assert validate_backup_file(copy).ok
    assert live_participants(copy) == len(PEOPLE)
    assert integrity(copy) == "ok"
    # Self-contained: no -wal or -shm beside the copy, no .part left over.
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]


def test_two_databases_keep_their_backups_apart(tmp_path: Path, template_db: Path) -> None:
    a = tmp_path / "a" / "desasadar.sqlite"
    b = tmp_path / "b" / "desasadar.sqlite"  # same file name, other folder (a USB stick)
    for path in (a, b):
        path.parent.mkdir()
        path.write_bytes(template_db.read_bytes())
    assert backups_dir(a) != backups_dir(b)
    take_backup(a, MANUAL)
    assert [i.kind for i in list_backups(a)] == [MANUAL]
    assert list_backups(b) == []


def test_backups_in_the_same_second_get_their_own_names(db: Database) -> None:
    first = take_backup(db, MANUAL)
    second = take_backup(db, MANUAL)
    assert first != second and first.exists() and second.exists()


def test_backup_to_a_chosen_file_or_folder(db: Database, tmp_path: Path) -> None:
    out_file = tmp_path / "salinan.sqlite"
    assert take_backup(db, MANUAL, out=out_file) == out_file
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    copy = take_backup(db, MANUAL, out=folder)
    assert copy.parent == folder and copy.name.startswith("manual-")


def test_rotation_keeps_the_newest_of_each_kind_and_never_manual_copies(db: Database) -> None:
    start = datetime(2025, 3, 1, 17, 0, 0)
    for day in range(9):
        _fake_backup(db.path, DAILY, start + timedelta(days=day))
    for n in range(12):
        _fake_backup(db.path, PRE_IMPORT, start + timedelta(hours=n))
    for n in range(3):
        _fake_backup(db.path, MANUAL, start - timedelta(days=30 + n))

    removed = rotate(db, BackupPolicy(keep_daily=7, keep_pre_import=10))

    assert len(removed) == 2 + 2
    kept = list_backups(db.path)
    daily = [b.taken_at for b in kept if b.kind == DAILY]
    assert daily == [start + timedelta(days=d) for d in range(8, 1, -1)]  # newest 7
    assert len([b for b in kept if b.kind == PRE_IMPORT]) == 10
    assert len([b for b in kept if b.kind == MANUAL]) == 3


def test_rotation_policy_is_configurable_in_the_database(db: Database) -> None:
    assert backups.load_policy(db) == BackupPolicy()
    save_policy(db, keep_daily=2, keep_pre_import=1)
    start = datetime(2025, 3, 1, 8, 0, 0)
    for n in range(4):
        _fake_backup(db.path, DAILY, start + timedelta(days=n))
        _fake_backup(db.path, PRE_IMPORT, start + timedelta(days=n))
    rotate(db)  # reads the policy stored in the database
    kinds = [b.kind for b in list_backups(db.path)]
    assert kinds.count(DAILY) == 2 and kinds.count(PRE_IMPORT) == 1


def test_daily_backup_once_a_day(db: Database) -> None:
    today = datetime.now()
    first = daily_backup_if_due(db, now=today)
    assert first is not None and parse_backup_name(first).kind == DAILY
    assert daily_backup_if_due(db, now=today) is None
    # A copy named for tomorrow would be taken tomorrow, not today.
    assert daily_backup_if_due(db, now=today + timedelta(days=1)) is not None


def test_backup_before_import_takes_a_pre_import_copy_and_rotates(db: Database) -> None:
    save_policy(db, keep_daily=7, keep_pre_import=2)
    for _ in range(3):
        backups.backup_before_import(db)
    assert [b.kind for b in list_backups(db.path)] == [PRE_IMPORT, PRE_IMPORT]


def test_schema_upgrade_takes_a_pre_upgrade_backup(tmp_path: Path) -> None:
    path = tmp_path / "lama.sqlite"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()

    with Database.open(path) as db:
        assert db.upgrade.backup_path is not None
    (info,) = list_backups(path)
    assert info.kind == PRE_UPGRADE and info.path == db.upgrade.backup_path
    con = sqlite3.connect(info.path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    con.close()
    assert validate_backup_file(info.path).ok  # an older schema is a valid backup


def test_restore_brings_the_data_back_exactly(db: Database, tmp_path: Path) -> None:
    add_people(db, PEOPLE[:2])
    before = content_digest(db)
    copy = take_backup(db, MANUAL)
    add_people(db, PEOPLE[2:])
    after = content_digest(db)
    assert after != before
    path = db.path
    db.close()

    result = restore_backup(path, copy)

    with Database.open(path) as reopened:
        assert content_digest(reopened) == before
    # The replaced file was kept first, with everything in it.
    assert result.previous_copy is not None
    assert parse_backup_name(result.previous_copy).kind == PRE_RESTORE
    assert digest_of_file(result.previous_copy, tmp_path / "scratch") == after
    assert not Path(str(path) + "-wal").exists() or integrity(path) == "ok"


def test_restore_of_an_older_backup_is_upgraded_on_open(tmp_path: Path, db: Database) -> None:
    old = tmp_path / "old.sqlite"
    engine = make_engine(old)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    path = db.path
    db.close()
    restore_backup(path, old)
    with Database.open(path) as reopened:
        assert reopened.upgrade.from_revision == "0001"


def _foreign(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    return path


def _too_new(path: Path, template_db: Path) -> Path:
    path.write_bytes(template_db.read_bytes())
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize(
    ("make", "words_id", "words_en"),
    [
        (lambda p, t: (p.write_text("catatan, bukan basis data"), p)[1], "bukan berkas", "not a"),
        (lambda p, t: (p.write_bytes(b""), p)[1], "bukan berkas", "not a"),
        (lambda p, t: _foreign(p), "bukan milik Desa Sadar", "not a Desa Sadar"),
        (lambda p, t: _too_new(p, t), "lebih baru", "newer version"),
    ],
    ids=["text-file", "empty-file", "foreign-sqlite", "newer-version"],
)
def test_restore_refuses_a_file_that_is_not_a_good_backup(
    db: Database, tmp_path: Path, template_db: Path, make, words_id: str, words_en: str
) -> None:
    add_people(db)
    before = content_digest(db)
    bad = make(tmp_path / "cadangan.sqlite", template_db)
    path = db.path
    db.close()

    with pytest.raises(BackupRefusedError) as err:
        restore_backup(path, bad)
    assert words_id in err.value.message("id")
    assert words_en in err.value.message("en")
    with Database.open(path) as reopened:
        assert content_digest(reopened) == before
    assert list_backups(path) == []  # refused before anything was touched


def test_restore_refuses_a_damaged_backup(db: Database, tmp_path: Path) -> None:
    from safety_helpers import damage

    add_people(db)
    copy = take_backup(db, MANUAL, out=tmp_path / "rusak.sqlite")
    damage(copy)
    path = db.path
    db.close()
    with pytest.raises(BackupRefusedError) as err:
        restore_backup(path, copy)
    assert "rusak" in err.value.message("id")
    assert live_participants(path) == len(PEOPLE)


def test_restore_refuses_while_the_database_is_open(db: Database) -> None:
    add_people(db)
    copy = take_backup(db, MANUAL)
    add_people(db, [("Orang Baru", None, None)])
    # The Database is still open (its pooled connections, as another window's would be).
    with pytest.raises(UserError) as err:
        restore_backup(db.path, copy)
    assert "masih dibuka" in err.value.message("id")
    assert live_participants(db.path) == len(PEOPLE) + 1


def test_restore_over_a_damaged_file_keeps_a_raw_copy_of_it(db: Database) -> None:
    from safety_helpers import damage

    add_people(db)
    good = take_backup(db, MANUAL)
    path = db.path
    db.close()
    damage(path)
    original = path.read_bytes()

    result = restore_backup(path, good)

    assert result.previous_copy is not None
    assert parse_backup_name(result.previous_copy).kind == DAMAGED
    assert result.previous_copy.read_bytes() == original
    assert integrity(path) == "ok" and live_participants(path) == len(PEOPLE)


# -- command line ------------------------------------------------------------------------


def test_cli_backup_and_restore(db: Database, tmp_path: Path, capsys) -> None:
    add_people(db, PEOPLE[:3])
    before = content_digest(db)
    path = db.path
    db.close()

    assert cli_main(["--db", str(path), "backup"]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy.parent == backups_dir(path) and copy.name.startswith("manual-")
    out = tmp_path / "ke flashdisk.sqlite"
    assert cli_main(["--db", str(path), "backup", str(out)]) == 0
    assert out.exists()

    with Database.open(path) as again:
        add_people(again, PEOPLE[3:])
    assert cli_main(["--db", str(path), "restore", str(copy)]) == 0
    printed = capsys.readouterr().out
    assert "Peserta / participants: 3" in printed
    with Database.open(path) as reopened:
        assert content_digest(reopened) == before
    assert any(b.kind == PRE_RESTORE for b in list_backups(path))


def test_cli_restore_refuses_non_database_and_foreign_files(
    db: Database, tmp_path: Path, capsys
) -> None:
    path = db.path
    db.close()
    text = tmp_path / "catatan.sqlite"
    text.write_text("bukan basis data")
    assert cli_main(["--db", str(path), "restore", str(text)]) == 2
    assert "bukan berkas basis data" in capsys.readouterr().err
    foreign = _foreign(tmp_path / "lain.sqlite")
    assert cli_main(["--db", str(path), "restore", str(foreign)]) == 2
    assert "bukan milik Desa Sadar" in capsys.readouterr().err


def test_cli_restore_refuses_while_the_app_has_the_database_open(
    db_path: Path, capsys
) -> None:
    with Database.open(db_path, lock=True) as db:  # the GUI holds the lock
        copy = take_backup(db, MANUAL)
        assert cli_main(["--db", str(db_path), "restore", str(copy)]) == 2
    assert "sedang dibuka" in capsys.readouterr().err


def test_an_import_takes_a_pre_import_backup_of_the_data_before_it(
    db: Database, tmp_path: Path, template_db: Path
) -> None:
    pytest.importorskip("desasadar_gui.sync.workbook_import")
    from desasadar_gui.sync.workbook_export import export_workbook
    from desasadar_gui.sync.workbook_import import import_workbook

    other_path = tmp_path / "laptop lain.sqlite"
    other_path.write_bytes(template_db.read_bytes())
    with Database.open(other_path) as other:
        other.set_officer("Petugas Lain")
        add_people(other, PEOPLE[2:])
        workbook = export_workbook(other, tmp_path / "lain.xlsx").path
    add_people(db, PEOPLE[:2])
    before = content_digest(db)

    import_workbook(db, workbook)

    (copy,) = [b for b in list_backups(db.path) if b.kind == PRE_IMPORT]
    assert digest_of_file(copy.path, tmp_path / "scratch") == before
    assert content_digest(db) != before
    # A dry run changes nothing and needs no copy.
    import_workbook(db, workbook, dry_run=True)
    assert len([b for b in list_backups(db.path) if b.kind == PRE_IMPORT]) == 1
