"""Export a laptop's data, import it elsewhere: equal content, idempotent re-imports,
text that stays text, NIKs that stay 16-digit text, and a sync log of it all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from sync_helpers import add_person, add_village, digest, export, import_, new_laptop

from desasadar_gui.domain.text import clean_text
from desasadar_gui.services.participants import get_participant
from desasadar_gui.services.sessions import SessionInput, add_walkin, create_session
from desasadar_gui.services.targets import set_target
from desasadar_gui.services.villages import VillageInput, update_village
from desasadar_gui.sync.history import list_sync_log
from desasadar_gui.sync.workbook_export import export_workbook
from desasadar_gui.sync.workbook_format import SHEETS
from desasadar_gui.sync.workbook_import import import_workbook

# Every test runs twice: laptops as SQLite files and as server databases (conftest).
pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("db_engine")]

FORMULA_LIKE = ["=1+2", "+6281234567890", "-x", "@sum", '=HYPERLINK("http://x")', "<r>a</r>"]


@pytest.fixture
def laptop_a(tmp_path: Path, template_db: Path):
    db = new_laptop(tmp_path / "a", template_db, "A")
    yield db
    db.close()


@pytest.fixture
def laptop_b(tmp_path: Path, template_db: Path):
    db = new_laptop(tmp_path / "b", template_db, "B")
    yield db
    db.close()


def _fill(db) -> dict[str, str]:
    vid = add_village(db, "Sungai Baung", "1504032015")
    other = add_village(db, "Talang Duku")
    ids = {"village": vid}
    ids["ani"] = add_person(
        db, vid, "Ani Lestari", "1504034508900002", "registered", "0812-3456-7890"
    )
    ids["budi"] = add_person(db, other, "Budi", "1504031203850001", "active")
    for i, name in enumerate(FORMULA_LIKE):
        ids[f"odd{i}"] = add_person(db, vid, name)
    session = create_session(db, SessionInput(vid, date(2024, 5, 1), place="Balai desa"))
    add_walkin(db, session.id, "Tamu", "081298765432")
    set_target(db, 2024, "branch", "", 36000)
    set_target(db, 2024, "village", vid, 120)
    update_village(
        db,
        vid,
        VillageInput(
            name="Sungai Baung",
            kabupaten="Batanghari",
            region_code="1504032015",
            notes="=SUM(A1:A3)",
        ),
    )
    from desasadar_gui.services.participants import delete_participant

    delete_participant(db, ids["budi"])
    return ids


def test_round_trip_gives_equal_digest_and_reimport_changes_nothing(laptop_a, laptop_b, tmp_path):
    _fill(laptop_a)
    path = export(laptop_a, tmp_path / "a.xlsx")

    first = import_(laptop_b, path)
    assert first.exit_code == 0 and first.result is not None and first.result.applied
    assert first.plan.total("new") == sum(first.plan.parsed.rows.values())
    assert digest(laptop_a) == digest(laptop_b)

    again = import_(laptop_b, path)
    assert again.already_imported and again.result is None
    assert digest(laptop_a) == digest(laptop_b)

    # B exports what it now has; A imports it: every record is unchanged.
    back = export(laptop_b, tmp_path / "b.xlsx")
    outcome = import_(laptop_a, back)
    assert outcome.plan.total("unchanged") == sum(outcome.plan.parsed.rows.values())
    assert outcome.plan.changes == 0
    assert digest(laptop_a) == digest(laptop_b)

    log = list_sync_log(laptop_b)
    assert [r.direction for r in log] == ["export", "import"]
    assert log[1].source_device == laptop_a.device.id
    assert log[1].counts["Peserta"]["new"] == 9  # 8 people and a walk-in


def test_tombstones_travel(laptop_a, laptop_b, tmp_path):
    ids = _fill(laptop_a)
    import_(laptop_b, export(laptop_a, tmp_path / "a.xlsx"))
    budi = get_participant(laptop_b, ids["budi"], include_deleted=True)
    assert budi.deleted_at is not None


def test_formula_like_text_stays_text(laptop_a, tmp_path):
    _fill(laptop_a)
    path = export(laptop_a, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    names = {}
    for row in wb["Peserta"].iter_rows(min_row=2):
        names[row[0].value] = row[0]
    for text in FORMULA_LIKE:
        assert names[text].data_type == "s", text
    notes = [c for c in wb["Desa"]["L"] if c.value == "=SUM(A1:A3)"]
    assert notes and notes[0].data_type == "s"
    # No cell anywhere in the workbook is a formula.
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)
    wb.close()


def test_nik_is_sixteen_digit_text_both_ways(laptop_a, laptop_b, tmp_path):
    ids = _fill(laptop_a)
    path = export(laptop_a, tmp_path / "a.xlsx")
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Peserta").to_python()
    niks = {r[1] for r in rows[1:] if r[1]}
    assert "1504034508900002" in niks and all(isinstance(n, str) for n in niks)
    import_(laptop_b, path)
    assert get_participant(laptop_b, ids["ani"]).nik == "1504034508900002"
    assert get_participant(laptop_b, ids["ani"]).phone == "+6281234567890"


def test_sheets_layout(laptop_a, tmp_path):
    _fill(laptop_a)
    path = export(laptop_a, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:6] == [
        "Ringkasan",
        "Desa",
        "Peserta",
        "Sosialisasi",
        "Kehadiran",
        "Target",
    ]
    assert "Metadata" in wb.sheetnames
    ws = wb["Peserta"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    headers = [c.value for c in ws[1]]
    assert headers[0] == "Nama" and headers[-2:] == ["row_hash", "fingerprint"]
    birth = headers.index("Tanggal lahir") + 1
    assert ws.cell(row=1, column=birth).value == "Tanggal lahir"
    income = ws.cell(row=2, column=headers.index("Penghasilan per bulan") + 1)
    assert "Rp" in income.number_format
    # Machine columns are grouped and hidden.
    id_col = headers.index("id") + 1
    dims = [d for d in ws.column_dimensions.values() if d.min <= id_col <= d.max]
    assert dims and dims[0].hidden and dims[0].outline_level == 1
    assert ws.data_validations.dataValidation, "enumerated columns have dropdowns"
    meta = {r[0].value: r[1].value for r in wb["Metadata"].iter_rows(min_row=2)}
    assert meta["format"] == "desasadar-sync" and meta["format_version"] == "2"
    assert meta["device"] == laptop_a.device.id
    wb.close()


def test_export_replaces_atomically_and_leaves_no_part_files(laptop_a, tmp_path):
    _fill(laptop_a)
    target = tmp_path / "out" / "sync.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    export_workbook(laptop_a, target)
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in target.parent.iterdir()] == ["sync.xlsx"]


def test_cancelled_export_leaves_nothing(laptop_a, tmp_path):
    from desasadar_gui.errors import Cancelled

    _fill(laptop_a)
    target = tmp_path / "out" / "sync.xlsx"
    target.parent.mkdir()
    with pytest.raises(Cancelled):
        export_workbook(laptop_a, target, cancelled=lambda: True)
    assert list(target.parent.iterdir()) == []


def test_dry_run_changes_nothing(laptop_a, laptop_b, tmp_path):
    _fill(laptop_a)
    before = digest(laptop_b)
    outcome = import_workbook(laptop_b, export(laptop_a, tmp_path / "a.xlsx"), dry_run=True)
    assert outcome.result is None and outcome.plan.total("new") > 0
    assert digest(laptop_b) == before
    assert list_sync_log(laptop_b) == []


def test_every_sheet_round_trips_through_openpyxl_save(laptop_a, laptop_b, tmp_path):
    """Opening and saving the workbook (as Excel would) is not an edit."""
    _fill(laptop_a)
    path = export(laptop_a, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.save(tmp_path / "saved.xlsx")
    wb.close()
    outcome = import_(laptop_b, tmp_path / "saved.xlsx")
    assert sum(outcome.plan.parsed.edited.values()) == 0
    assert outcome.plan.rejected == 0
    assert digest(laptop_a) == digest(laptop_b)
    assert len(SHEETS) == 5


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"),
    max_size=30,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Names that are not blank once cleaned (control characters alone are dropped).
@given(names=st.lists(TEXT.filter(clean_text), min_size=1, max_size=4), address=TEXT)
def test_any_text_round_trips_unchanged(template_db: Path, names, address):
    """Control characters, _xHHHH_ look-alikes, <r> runs, leading quotes and spaces."""
    import tempfile

    from desasadar_gui.services.participants import ParticipantInput, create_participant

    with tempfile.TemporaryDirectory() as tmp:
        a = new_laptop(Path(tmp) / "a", template_db, "A")
        b = new_laptop(Path(tmp) / "b", template_db, "B")
        try:
            vid = add_village(a, names[0])
            for name in names:
                create_participant(a, ParticipantInput(name=name, address=address, village_id=vid))
            outcome = import_(b, export(a, Path(tmp) / "a.xlsx"))
            assert sum(outcome.plan.parsed.edited.values()) == 0
            assert outcome.plan.rejected == 0
            assert digest(a) == digest(b)
        finally:
            a.close()
            b.close()
