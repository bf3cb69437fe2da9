"""Printable spreadsheets: the attendance sheet and the one-page dashboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desasadar_gui.domain.nik import make_nik
from desasadar_gui.errors import UserError
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.printouts import (
    BLANK_ROWS,
    attendance_sheet_name,
    write_attendance_sheet,
    write_dashboard_xlsx,
)
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.targets import set_target
from desasadar_gui.services.villages import VillageInput, create_village

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

NAMES = ("Siti Aminah", "ahmad Fauzi", '=HYPERLINK("http://x")', "Budi Santoso", "Zainal")


@pytest.fixture
def session(db):
    village = create_village(
        db, VillageInput("Sungai Baung", kecamatan="Muara Bulian", kabupaten="Kabupaten Batanghari")
    )
    other = create_village(db, VillageInput("Rengas Condong", kabupaten="Kabupaten Batanghari"))
    for i, name in enumerate(NAMES, start=1):
        nik = make_nik("150403", date(1980, 1, i), "P" if i % 2 else "L", i) if i < 4 else None
        create_participant(
            db,
            ParticipantInput(
                name=name, nik=nik, phone=f"0812345678{i:02d}", village_id=village.id,
                occupation="kebun",
            ),
        )  # fmt: skip
    create_participant(db, ParticipantInput(name="Orang Lain", village_id=other.id))
    row = create_session(
        db,
        SessionInput(
            village_id=village.id, held_on=date(2026, 3, 9), type="sosialisasi",
            place="Balai Desa & Aula", facilitator="Dewi Anggraini",
        ),
    )  # fmt: skip
    return row


def test_attendance_sheet_lists_the_village_people_for_printing(db, session, tmp_path: Path):
    folder = tmp_path / "cetak"
    folder.mkdir()
    out = folder / "daftar hadir.xlsx"
    assert write_attendance_sheet(db, session.id, out) == out
    assert [p.name for p in folder.iterdir()] == ["daftar hadir.xlsx"]  # no temp file left
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "DAFTAR HADIR SOSIALISASI" in texts
    assert any("Sungai Baung" in t and "Kabupaten Batanghari" in t for t in texts)
    assert any("Senin, 9 Maret 2026" in t for t in texts)
    assert any("Dewi Anggraini" in t for t in texts)
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Nama")
    assert [ws.cell(header, c).value for c in range(1, 7)] == [
        "No", "Nama", "NIK", "Telepon", "Pekerjaan", "Tanda tangan",
    ]  # fmt: skip
    listed = []
    r = header + 1
    while ws.cell(r, 1).value is not None:
        listed.append((ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 3).value))
        r += 1
    people = [name for _, name, _ in listed if name]
    # Everyone of the village, by name (case-insensitive), and nobody else.
    assert people == sorted(NAMES, key=str.casefold)
    assert "Orang Lain" not in people
    # Then the blank numbered lines for walk-ins.
    assert len(listed) == len(NAMES) + BLANK_ROWS
    assert [n for n, _, _ in listed] == list(range(1, len(listed) + 1))
    assert all(name is None for _, name, _ in listed[len(NAMES) :])
    # NIK as text (16 digits kept), a formula-looking name as text.
    niks = [ws.cell(header + 1 + i, 3) for i in range(len(NAMES))]
    assert all(c.data_type == "s" for c in niks if c.value)
    assert any(c.value and len(c.value) == 16 for c in niks)
    formula_like = next(ws.cell(header + 1 + i, 2) for i in range(len(NAMES))
                        if str(ws.cell(header + 1 + i, 2).value).startswith("="))  # fmt: skip
    assert formula_like.data_type == "s"
    # Rows tall enough to sign.
    assert ws.row_dimensions[header + 1].height >= 24

    # Print setup: A4 landscape, one page wide, headings repeated, page numbers.
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth 1 is the OOXML default, which XlsxWriter leaves implicit (None here).
    assert int(ws.page_setup.fitToWidth or 1) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.page_margins.left >= 0.4


def test_attendance_sheet_name_and_failure_leave_nothing(db, session, tmp_path: Path):
    assert attendance_sheet_name(db, session.id) == "Daftar hadir Sungai Baung 2026-03-09.xlsx"
    missing = tmp_path / "no such folder" / "x.xlsx"
    with pytest.raises(UserError) as caught:
        write_attendance_sheet(db, session.id, missing)
    assert "x.xlsx" in caught.value.message("en") and "part" not in caught.value.message("en")
    assert not missing.parent.exists()


def test_session_without_village_gets_blank_lines_only(db, tmp_path: Path):
    row = create_session(db, SessionInput(village_id=None, held_on=date(2026, 4, 1)))
    out = write_attendance_sheet(db, row.id, tmp_path / "x.xlsx", blank_rows=20)
    ws = openpyxl.load_workbook(out).active
    numbers = [c.value for c in ws["A"] if isinstance(c.value, int)]
    assert numbers == list(range(1, 21))


def test_dashboard_xlsx_is_one_printable_page(db, session, tmp_path: Path):
    set_target(db, 2026, "branch", "", 36000)
    out = write_dashboard_xlsx(db, 2026, tmp_path / "ringkasan.xlsx", today=date(2026, 5, 1))
    ws = openpyxl.load_workbook(out).active
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("2026" in t and "Ringkasan" in t for t in texts)
    numbers = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int)]
    assert 36000 in numbers
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight or 1) == 1
    english = write_dashboard_xlsx(db, 2026, tmp_path / "summary.xlsx", lang="en")
    ws = openpyxl.load_workbook(english).active
    assert any("progress" in str(c.value).lower() for row in ws.iter_rows() for c in row if c.value)
