"""Index damage that ``quick_check`` misses is found by the full check (after an import,
on the daily backup, and by "Periksa basis data"), and can be repaired without loss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from safety_helpers import PEOPLE, add_people

from desasadar_gui.services import backups
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import full_check, inspect_database_file, quick_check
from desasadar_gui.services.participants import find_by_nik


def damage_nik_index(path: Path, participant_id: str, new_nik: str) -> None:
    """A NIK changed in the table but not in its index (what a bad sector or a crash
    in the wrong place does): the index is hidden behind another definition while the
    row is updated, then put back. quick_check does not look inside indexes."""
    con = sqlite3.connect(path)
    (sql,) = con.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'ix_participants_nik'"
    ).fetchone()
    con.execute("PRAGMA writable_schema=ON")
    con.execute(
        "UPDATE sqlite_master SET sql = replace(sql, '(nik,', '(phone,') "
        "WHERE name = 'ix_participants_nik'"
    )
    con.commit()
    con.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE participants SET nik = ? WHERE id = ?", (new_nik, participant_id))
    con.commit()
    con.execute("PRAGMA writable_schema=ON")
    con.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'ix_participants_nik'", (sql,))
    con.commit()
    con.close()


@pytest.fixture
def damaged(db: Database) -> tuple[Database, str]:
    ids = add_people(db)
    duplicate = PEOPLE[0][1]  # the second person gets the first one's NIK...
    path = db.path
    db.close()
    damage_nik_index(path, ids[1], duplicate)  # ...but the index still has the old one
    reopened = Database.open(path)
    yield reopened, ids[1]
    reopened.close()


def test_quick_check_passes_the_damage_that_the_full_check_finds(damaged) -> None:
    db, _ = damaged
    assert inspect_database_file(db.path).ok  # quick_check: "ok"
    assert quick_check(db.path).status == "ok"
    result = full_check(db)
    assert not result.ok and result.index_only
    assert any("ix_participants_nik" in p for p in result.problems)
    assert "indeks" in result.message("id") and "NIK ganda" in result.message("id")
    assert "index" in result.message("en")


def test_the_duplicate_nik_check_misses_the_person_until_the_indexes_are_rebuilt(
    damaged,
) -> None:
    from desasadar_gui.services.integrity import repair_indexes

    db, second = damaged
    first_nik = PEOPLE[0][1]
    # The check goes through the damaged index and sees only the first person.
    found = find_by_nik(db, first_nik, exclude_id=None)
    assert found is not None and found.id != second
    assert find_by_nik(db, first_nik, exclude_id=found.id) is None  # misses the second
    repaired = repair_indexes(db)
    assert repaired.ok
    assert find_by_nik(db, first_nik, exclude_id=found.id).id == second  # found now


def test_the_daily_backup_is_checked_in_full(damaged) -> None:
    db, _ = damaged
    with pytest.raises(backups.DailyBackupDamagedError) as err:
        backups.daily_backup_if_due(db)
    assert "indeks" in err.value.message("id")
    kinds = [b.kind for b in backups.list_backups(db.path)]
    assert "daily" not in kinds and "damaged" in kinds  # never offered as a good copy


def test_healthy_database_passes_the_full_check_and_the_daily_backup(db: Database) -> None:
    add_people(db)
    assert full_check(db).ok
    copy = backups.daily_backup_if_due(db)
    assert copy is not None and full_check(copy).ok


def test_check_database_action_finds_the_damage_and_repairs_it(qtbot, damaged, monkeypatch):
    from desasadar_gui.ui.kit import messages
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.safety.backups import BackupsView

    db, second = damaged
    asked: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, text, _t=None: asked.append(text) or True)
    monkeypatch.setattr(messages, "show_info", lambda _p, text, _t=None: shown.append(text))
    monkeypatch.setattr(messages, "show_error", lambda _p, text, _t=None: shown.append(text))
    view = BackupsView(UiContext(db))
    qtbot.addWidget(view)
    results = []
    view.checked.connect(results.append)
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(results) == 2, timeout=20000)  # the check, then the repair
    first, after = results
    assert not first.ok and first.index_only
    assert asked and "Bangun ulang indeks" in asked[0]
    assert after.ok
    assert shown and "tidak ada kerusakan" in shown[-1]
    assert find_by_nik(db, PEOPLE[0][1], exclude_id=None) is not None
    from desasadar_gui.ui.kit.background import wait_for_all

    wait_for_all()
