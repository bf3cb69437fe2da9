"""The privacy copy cannot be turned back into NIKs or phone numbers (acceptance 4).

Every way the old masked copy was reversed is tried here against a real copy: the
birth date and gender beside a partial NIK, the region code, row hashes and
fingerprints brute-forced against the full export's own hash function, the other
sheets (attendance with walk-in guests, villages' contact phones), and two copies of
the same database compared for ids that link people. None gives anything back.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sync_helpers import add_village, new_laptop

from desasadar_gui.cli.main import main
from desasadar_gui.domain.phone import normalise_phone
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.processing import list_processing
from desasadar_gui.services.sessions import SessionInput, add_walkin, create_session
from desasadar_gui.sync.cells import cell_print
from desasadar_gui.sync.privacy_copy import write_privacy_copy
from desasadar_gui.sync.workbook_export import export_workbook

# Every test runs twice: laptops as SQLite files and as server databases (conftest).
pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("db_engine")]

PEOPLE = [
    # name, NIK (region 150403, birth date DDMMYY, +40 for women), birth date, gender, phone
    ("Ani Suryani", "1504034508900002", date(1990, 8, 5), "P", "081234567801"),
    ("Budi Santoso", "1504031203850001", date(1985, 3, 12), "L", "081234567802"),
    ("Cici Lestari", "1504035506950003", date(1995, 6, 15), "P", "+62 812-3456-7803"),
    ("Dodi 1504030101800004", "1504030101800004", date(1980, 1, 1), "L", "6281234567804"),
]
WALKIN = ("Eko Tamu", "085266554433")


@pytest.fixture
def laptop(tmp_path: Path, template_db: Path):
    db = new_laptop(tmp_path / "a", template_db, "A")
    vid = add_village(db, code="1504031001")
    for name, nik, born, gender, phone in PEOPLE:
        create_participant(
            db,
            ParticipantInput(
                name=name,
                nik=nik,
                gender=gender,
                birth_date=born,
                phone=phone,
                address="RT 02 Dusun II",
                village_id=vid,
                status="registered",
                registration_date=date(2024, 5, 2),
                kpj_number="24012345678",
            ),
        )
    session = create_session(
        db, SessionInput(vid, date(2024, 5, 2), notes="hubungi 0812 3456 7801 besok")
    )
    add_walkin(db, session.id, WALKIN[0], WALKIN[1])
    yield db
    db.close()


def _all_text(path: Path) -> str:
    """Every byte of every part of the workbook, decompressed (not only cell values)."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def _cells(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out += [str(v) for v in row if v is not None]
    return out


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_no_nik_or_phone_can_be_rebuilt(laptop, tmp_path):
    full = export_workbook(laptop, tmp_path / "lengkap.xlsx").path
    copy = write_privacy_copy(laptop, tmp_path / "privasi.xlsx", today=date(2025, 1, 1)).path
    text = _all_text(copy)
    digits_only = _digits(text)
    phones = [normalise_phone(p).e164 for *_, p in PEOPLE] + [normalise_phone(WALKIN[1]).e164]

    for name, nik, born, _gender, _phone in PEOPLE:
        assert nik not in digits_only
        # Whatever of the NIK could be shown: its serial, its birth-date digits, the
        # region + birth date that rebuilt it before.
        assert nik[6:12] not in text and nik[6:] not in text
        for shown in (born.isoformat(), born.strftime("%d/%m/%Y"), born.strftime("%d%m%y")):
            assert shown not in text, f"birth date of {name} shown"
    for phone in phones:
        local = "0" + phone.lstrip("+")[2:]
        assert local not in digits_only and phone.lstrip("+") not in digits_only
        assert local[-4:] not in text and local[-6:] not in digits_only, "no phone digits"
    assert "24012345678" not in text  # KPJ number
    assert "RT 02 Dusun II" not in text  # address left out

    # The machine columns of the full export: no id, rev, row hash or fingerprint.
    wb = openpyxl.load_workbook(full)
    machine = set()
    for ws in wb.worksheets[1:6]:
        headers = [c.value for c in ws[1]]
        for col in ("id", "rev", "row_hash", "fingerprint", "village_id", "participant_id"):
            if col in headers:
                i = headers.index(col)
                machine |= {str(r[i]) for r in ws.iter_rows(min_row=2, values_only=True) if r[i]}
    assert machine
    for value in machine:
        assert value not in text, f"machine value {value} in the privacy copy"
    # Nothing in the copy looks like a hash or an id (a brute-force oracle).
    assert not re.search(r"\b[0-9a-f]{16,}\b", text.lower().replace("-", ""))
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text.lower())

    # Brute force: every NIK consistent with what a row shows (region code of its
    # village, gender, age group) is at least a whole year of birth dates times 10,000
    # serials, and no cell is a function of the real one to test candidates against.
    cells = _cells(copy)
    long_numbers = {c for c in cells if c.isdigit() and len(c) >= 6}
    assert long_numbers <= {"1504031001"}, "only the village's (public) region code"
    peserta = openpyxl.load_workbook(copy)["Peserta"]
    headers = [c.value for c in peserta[1]]
    assert "NIK" not in headers and "Tanggal lahir" not in headers and "Telepon" not in headers
    assert not any(h in headers for h in ("id", "rev", "row_hash", "fingerprint"))
    # The per-cell prints the full export uses (crc of one cell): none of a NIK's or a
    # phone's prints is in the copy, so candidates cannot be checked one by one.
    for value in [nik for _n, nik, *_ in PEOPLE] + [p for p in phones if p]:
        assert cell_print(value) not in cells
    names = [r[headers.index("Nama")] for r in peserta.iter_rows(min_row=2, values_only=True)]
    assert "Dodi [angka disamarkan]" in names  # a NIK typed into a name is hidden too


def test_two_copies_share_nothing_that_links_people(laptop, tmp_path):
    one = write_privacy_copy(laptop, tmp_path / "satu.xlsx").path
    two = write_privacy_copy(laptop, tmp_path / "dua.xlsx").path
    tokens = lambda p: set(re.findall(r"[0-9A-Za-z]{12,}", _all_text(p)))  # noqa: E731
    shared = tokens(one) & tokens(two)
    # Long tokens common to both are the workbook's own XML vocabulary, never a key.
    assert not [t for t in shared if re.fullmatch(r"[0-9a-f]{12,}", t.lower())]
    assert _cells(one)[:50] == _cells(two)[:50]  # same content, row numbers per copy


@pytest.mark.sqlite_only(reason="drives the command line on the laptop's file path")
def test_privacy_copy_is_refused_by_import_and_recorded(laptop, tmp_path, capsys):
    copy = tmp_path / "privasi.xlsx"
    path = laptop.path
    laptop.close()
    assert main(["--db", str(path), "export", str(copy), "--privacy"]) == 0
    code = main(["--db", str(path), "import", str(copy)])
    err = capsys.readouterr().err
    assert code == 2 and "tidak bisa diimpor" in err and "Traceback" not in err
    from desasadar_gui.services.database import Database

    with Database.open(path) as db:
        actions = [r.action for r in list_processing(db)]
    assert "privacy_copy" in actions
