"""Edits made in the spreadsheet, conflicts between laptops, possible duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import text
from sync_helpers import add_person, add_village, digest, export, import_, new_laptop

from desasadar_gui.db.clock import Rev
from desasadar_gui.services.participants import (
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.sync.conflicts import dismiss_conflict, list_conflicts, restore_conflict
from desasadar_gui.sync.duplicates import find_possible_duplicates, merge_duplicates

# Every test runs twice: laptops as SQLite files and as server databases (conftest).
pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("db_engine")]


@pytest.fixture
def laptops(tmp_path: Path, template_db: Path):
    dbs = [new_laptop(tmp_path / n, template_db, n) for n in ("A", "B", "C")]
    yield dbs
    for db in dbs:
        db.close()


def _edit_cells(path: Path, out: Path, sheet: str, match: str, changes: dict[str, object]) -> None:
    """Change cells of the row whose first cell is ``match``, as a person in Excel would."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == match:
            for header, value in changes.items():
                row[headers.index(header)].value = value
            break
    else:
        raise AssertionError(f"no row {match!r}")
    wb.save(out)
    wb.close()


def _rename(db, pid: str, name: str) -> None:
    from dataclasses import replace

    row = get_participant(db, pid)
    update_participant(db, pid, replace(row.as_input(), name=name))


def test_supervisor_edit_in_workbook_comes_back_as_the_same_edit_everywhere(laptops, tmp_path):
    a, b, _ = laptops
    vid = add_village(a)
    pid = add_person(a, vid, "Siti Aminah", "1504034508900002", "registered")
    path = export(a, tmp_path / "a.xlsx")
    import_(b, path)
    original = get_participant(a, pid)

    edited = tmp_path / "edited.xlsx"
    _edit_cells(
        path,
        edited,
        "Peserta",
        "Siti Aminah",
        {"Nama": "Siti Aminah Lubis", "Telepon": "0813 1111 2222", "Status": "Aktif"},
    )
    outcome = import_(a, edited)
    assert outcome.plan.total("updated") == 1 and outcome.plan.parsed.edited["participants"] == 1
    row = get_participant(a, pid)
    assert (row.name, row.phone, row.status) == ("Siti Aminah Lubis", "+6281311112222", "active")
    rev = Rev.parse(row.rev)
    assert rev.device.startswith("xls") and rev > Rev.parse(original.rev)

    # The import wrote an audit entry with the changed fields, for the record's history.
    with a.engine.connect() as conn:
        action, device, changes = conn.execute(
            text(
                "SELECT action, device, changes FROM audit_log WHERE record_id = :id "
                "ORDER BY id DESC LIMIT 1"
            ),
            {"id": pid},
        ).one()
    assert action == "import" and device == a.device.id
    if isinstance(changes, str):  # SQLite's JSON text; PostgreSQL's jsonb arrives parsed
        changes = json.loads(changes)
    assert changes["name"] == ["Siti Aminah", "Siti Aminah Lubis"]
    assert set(changes) == {"name", "phone", "status"}

    # Another laptop importing the same edited file makes the very same edit.
    import_(b, edited)
    assert get_participant(b, pid).rev == row.rev
    assert digest(a) == digest(b)

    # Local edits after the import order after the spreadsheet edit.
    _rename(a, pid, "Siti A. Lubis")
    assert Rev.parse(get_participant(a, pid).rev) > rev


def test_typing_ya_in_dihapus_deletes_and_clearing_it_restores(laptops, tmp_path):
    a, _, _ = laptops
    pid = add_person(a, add_village(a), "Rahmat")
    path = export(a, tmp_path / "a.xlsx")
    _edit_cells(path, tmp_path / "del.xlsx", "Peserta", "Rahmat", {"Dihapus": "Ya"})
    import_(a, tmp_path / "del.xlsx")
    assert get_participant(a, pid, include_deleted=True).deleted_at is not None
    back = export(a, tmp_path / "a2.xlsx")
    _edit_cells(back, tmp_path / "undel.xlsx", "Peserta", "Rahmat", {"Dihapus": None})
    import_(a, tmp_path / "undel.xlsx")
    assert get_participant(a, pid).deleted_at is None


def test_two_laptops_edit_the_same_person_same_winner_and_a_conflict_entry(laptops, tmp_path):
    a, b, c = laptops
    pid = add_person(a, add_village(a), "Joko")
    base = export(a, tmp_path / "base.xlsx")
    import_(b, base)
    import_(c, base)

    _rename(a, pid, "Joko Susilo")
    _rename(b, pid, "Joko Widodo")
    fa, fb = export(a, tmp_path / "fa.xlsx"), export(b, tmp_path / "fb.xlsx")
    import_(a, fb)
    import_(b, fa)
    import_(c, fb)
    import_(c, fa)

    winner = get_participant(a, pid)
    assert get_participant(b, pid).rev == winner.rev == get_participant(c, pid).rev
    assert digest(a) == digest(b) == digest(c)
    loser_name = "Joko Susilo" if winner.name == "Joko Widodo" else "Joko Widodo"
    for db in (a, b, c):
        conflicts = list_conflicts(db)
        assert len(conflicts) == 1, db.officer
        (conflict,) = conflicts
        assert conflict.record_id == pid
        assert ("name", winner.name, loser_name) in conflict.differences


def test_restoring_a_conflict_makes_the_loser_win_everywhere(laptops, tmp_path):
    a, b, _ = laptops
    pid = add_person(a, add_village(a), "Wati")
    import_(b, export(a, tmp_path / "base.xlsx"))
    _rename(a, pid, "Wati A")
    _rename(b, pid, "Wati B")
    fa, fb = export(a, tmp_path / "fa.xlsx"), export(b, tmp_path / "fb.xlsx")
    import_(a, fb)
    import_(b, fa)
    (conflict,) = list_conflicts(a)
    loser = conflict.differences[0][2]
    restore_conflict(a, conflict.id)
    assert get_participant(a, pid).name == loser
    assert list_conflicts(a) == []
    import_(b, export(a, tmp_path / "restored.xlsx"))
    assert get_participant(b, pid).name == loser
    (other,) = list_conflicts(b)
    dismiss_conflict(b, other.id)
    assert list_conflicts(b) == [] and len(list_conflicts(b, include_resolved=True)) == 1


def test_no_conflict_when_one_side_edits_what_it_received(laptops, tmp_path):
    a, b, _ = laptops
    pid = add_person(a, add_village(a), "Rudi")
    import_(b, export(a, tmp_path / "base.xlsx"))
    _rename(b, pid, "Rudi Hartono")
    import_(a, export(b, tmp_path / "fb.xlsx"))
    assert get_participant(a, pid).name == "Rudi Hartono"
    _rename(a, pid, "Rudi H.")  # and back again
    import_(b, export(a, tmp_path / "fa.xlsx"))
    assert get_participant(b, pid).name == "Rudi H."
    assert list_conflicts(a) == [] and list_conflicts(b) == []


def test_deletion_against_edit_is_a_conflict_with_a_deterministic_winner(laptops, tmp_path):
    a, b, _ = laptops
    pid = add_person(a, add_village(a), "Yanti")
    import_(b, export(a, tmp_path / "base.xlsx"))
    delete_participant(a, pid)
    _rename(b, pid, "Yanti Sari")
    fa, fb = export(a, tmp_path / "fa.xlsx"), export(b, tmp_path / "fb.xlsx")
    import_(a, fb)
    import_(b, fa)
    assert digest(a) == digest(b)
    assert len(list_conflicts(a)) == len(list_conflicts(b)) == 1


def test_same_nik_under_two_ids_is_a_possible_duplicate_and_merges(laptops, tmp_path):
    from desasadar_gui.services.sessions import SessionInput, create_session, record_attendance

    a, b, _ = laptops
    vid = add_village(a, "Kasang Pudak", "1505062005")
    import_(b, export(a, tmp_path / "base.xlsx"))
    nik = "1505064108920003"
    pa = add_person(a, vid, "Dewi", nik, "registered")
    pb = add_person(b, vid, "Dewi Sartika", nik, "registered")
    from datetime import date

    session = create_session(b, SessionInput(vid, date(2024, 6, 1)))
    record_attendance(b, session.id, pb)
    outcome = import_(a, export(b, tmp_path / "fb.xlsx"))
    assert outcome.plan.total("duplicate") == 1
    assert outcome.plan.items["duplicate"][0].record_id == pb
    (group,) = find_possible_duplicates(a)
    assert {p.id for p in group.people} == {pa, pb}

    result = merge_duplicates(a, pa, pb)
    assert result.attendance_moved == 1
    merged = get_participant(a, pb, include_deleted=True)
    assert merged.deleted_at is not None
    assert find_possible_duplicates(a) == []
    # The merge syncs like any edit.
    import_(b, export(a, tmp_path / "merged.xlsx"))
    assert digest(a) == digest(b)
    assert find_possible_duplicates(b) == []


def test_a_row_added_in_the_sheet_becomes_the_same_new_record_everywhere(laptops, tmp_path):
    a, b, _ = laptops
    vid = add_village(a)
    add_person(a, vid, "Lama")
    path = export(a, tmp_path / "a.xlsx")
    import_(b, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Peserta"]
    headers = [c.value for c in ws[1]]
    row = [None] * len(headers)
    row[headers.index("Nama")] = "Orang Baru"
    row[headers.index("Telepon")] = "0812 7777 8888"
    row[headers.index("Status")] = "Calon peserta"
    row[headers.index("village_id")] = vid
    ws.append(row)
    added = tmp_path / "added.xlsx"
    wb.save(added)
    wb.close()
    outcome = import_(a, added)
    assert outcome.plan.total("new") == 1 and outcome.plan.rejected == 0
    import_(b, added)
    assert digest(a) == digest(b)
    with a.engine.connect() as conn:
        pid, phone, by = conn.exec_driver_sql(
            "SELECT id, phone, updated_by FROM participants WHERE name = 'Orang Baru'"
        ).one()
    assert phone == "+6281277778888" and by == "spreadsheet"
    assert get_participant(b, pid).name == "Orang Baru"
