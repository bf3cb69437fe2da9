"""Bad workbooks are refused whole (exit 2, a plain message, nothing changed); bad rows
are rejected one by one with reasons while the rest applies (exit 1)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from sync_helpers import add_person, add_village, digest, export, import_, new_laptop

from desasadar_gui.cli.main import main
from desasadar_gui.errors import UserError
from desasadar_gui.services.participants import get_participant
from desasadar_gui.sync.history import list_sync_log
from desasadar_gui.sync.workbook_export import export_workbook


def _rewrite_member(src: Path, dst: Path, member: str, transform) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == member:
                data = transform(data)
            zout.writestr(info, data)


def _edit(src: Path, dst: Path, fn) -> None:
    wb = openpyxl.load_workbook(src)
    fn(wb)
    wb.save(dst)
    wb.close()


def _set_meta(wb, key: str, value: str) -> None:
    for row in wb["Metadata"].iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value


def _delete_nik_column(wb) -> None:
    ws = wb["Peserta"]
    ws.delete_cols([c.value for c in ws[1]].index("NIK") + 1)


def _foreign(path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active.append(["Nama", "NIK"])
    wb.active.append(["Ani", "1504034508900002"])
    wb.save(path)


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (64 << 20) + b"</a>")


DOCTYPE = (
    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> dict[str, Path]:
    """One file per category of bad workbook, made from a real export."""
    folder = tmp_path_factory.mktemp("bad workbooks")
    db = new_laptop(folder / "src", template_db, "src")
    add_person(db, add_village(db), "Ani", "1504034508900002", "registered")
    good = export(db, folder / "good.xlsx")
    files = {
        "not_a_zip": folder / "not_a_zip.xlsx",
        "empty": folder / "empty.xlsx",
        "old_xls": folder / "old.xls",
        "truncated": folder / "truncated.xlsx",
        "zip_not_workbook": folder / "zip.xlsx",
        "foreign": folder / "foreign.xlsx",
        "missing_sheet": folder / "missing_sheet.xlsx",
        "missing_column": folder / "missing_column.xlsx",
        "future_version": folder / "future.xlsx",
        "zip_bomb": folder / "bomb.xlsx",
        "doctype": folder / "doctype.xlsx",
        "privacy": folder / "privacy.xlsx",
    }
    files["not_a_zip"].write_bytes(b"junk, not a workbook")
    files["empty"].write_bytes(b"")
    files["old_xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    files["truncated"].write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with zipfile.ZipFile(files["zip_not_workbook"], "w") as z:
        z.writestr("readme.txt", "hello")
    _foreign(files["foreign"])
    _edit(good, files["missing_sheet"], lambda wb: wb.remove(wb["Target"]))
    _edit(good, files["missing_column"], _delete_nik_column)
    _edit(good, files["future_version"], lambda wb: _set_meta(wb, "format_version", "99"))
    _zip_bomb(files["zip_bomb"])
    _rewrite_member(
        good, files["doctype"], "xl/workbook.xml", lambda data: DOCTYPE + data.split(b"?>", 1)[1]
    )
    export_workbook(db, files["privacy"], privacy=True)
    db.close()
    return files


@pytest.mark.parametrize(
    "kind",
    [
        "not_a_zip",
        "empty",
        "old_xls",
        "truncated",
        "zip_not_workbook",
        "foreign",
        "missing_sheet",
        "missing_column",
        "future_version",
        "zip_bomb",
        "doctype",
        "privacy",
    ],
)
def test_bad_file_is_refused_with_a_message_and_nothing_changes(
    kind, corpus, tmp_path, template_db, capsys
):
    db = new_laptop(tmp_path, template_db, "target")
    add_person(db, add_village(db), "Lokal")
    before, log_before = digest(db), list_sync_log(db)
    db_path = db.path
    db.close()

    code = main(["--db", str(db_path), "import", str(corpus[kind])])
    out = capsys.readouterr()
    assert code == 2, out
    assert out.err.strip(), "a plain message on stderr"
    assert "Traceback" not in out.err + out.out
    assert "Tidak ada yang diubah" in out.err or "tidak ada yang diubah" in out.err.lower()

    from desasadar_gui.services.database import Database

    with Database.open(db_path) as again:
        assert digest(again) == before
        assert list_sync_log(again) == log_before


@pytest.fixture
def two(tmp_path: Path, template_db: Path):
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    yield a, b
    a.close()
    b.close()


def _rows(wb, sheet: str) -> tuple[list[str], dict[str, list]]:
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    return headers, {r[0].value: list(r) for r in ws.iter_rows(min_row=2) if r[0].value}


def test_bad_rows_are_rejected_with_reasons_and_the_rest_applies(two, tmp_path, capsys):
    a, b = two
    vid = add_village(a)
    ids = {
        name: add_person(a, vid, name, nik, "registered")
        for name, nik in (
            ("Ani", "1504034508900002"),
            ("Budi", "1504031203850001"),
            ("Cici", "1504035506950003"),
            ("Dodi", "1504030101800004"),
        )
    }
    src = export(a, tmp_path / "a.xlsx")

    def damage(wb) -> None:
        headers, rows = _rows(wb, "Peserta")
        rows["Ani"][headers.index("NIK")].value = "15040345"  # too short
        rows["Budi"][headers.index("Tanggal lahir")].value = "31/02/1990"  # no such date
        # Excel's number: 15 digits kept; the row's fingerprint tells the 16th.
        rows["Cici"][headers.index("NIK")].value = 1504035506950000
        rows["Dodi"][headers.index("Alamat")].value = "Jl. Baru 1"  # a good edit

    bad = tmp_path / "bad.xlsx"
    _edit(src, bad, damage)
    errors = tmp_path / "errors.xlsx"
    b_path = b.path
    b.close()
    code = main(["--db", str(b_path), "import", str(bad), "--errors", str(errors)])
    out = capsys.readouterr().out
    assert code == 1
    assert "ditolak" in out and "NIK" in out

    from desasadar_gui.services.database import Database

    with Database.open(b_path) as again:
        assert get_participant(again, ids["Dodi"]).address == "Jl. Baru 1"
        assert get_participant(again, ids["Cici"]).nik == "1504035506950003"
        for name in ("Ani", "Budi"):
            with pytest.raises(UserError):
                get_participant(again, ids[name])

    wb = openpyxl.load_workbook(errors)
    headers, rows = _rows(wb, "Peserta")
    assert headers[0] == "Alasan penolakan"
    reasons = {r[headers.index("Nama")].value: r[0].value for r in rows.values()}
    assert set(reasons) == {"Ani", "Budi"}
    assert "NIK" in reasons["Ani"] and "16" in reasons["Ani"]
    assert "31/02/1990" in reasons["Budi"]

    # Fix the rows in the error workbook and import it: everything arrives.
    def fix(wb) -> None:
        headers, rows = _rows(wb, "Peserta")
        by_name = {r[headers.index("Nama")].value: r for r in rows.values()}
        by_name["Ani"][headers.index("NIK")].value = "1504034508900002"
        by_name["Budi"][headers.index("Tanggal lahir")].value = "12/03/1985"

    fixed = tmp_path / "fixed.xlsx"
    _edit(errors, fixed, fix)
    assert main(["--db", str(b_path), "import", str(fixed)]) == 0
    with Database.open(b_path) as again:
        assert get_participant(again, ids["Ani"]).nik == "1504034508900002"
        assert get_participant(again, ids["Cici"]).nik == "1504035506950003"


def test_nik_number_keeps_the_stored_nik_of_the_same_record(two, tmp_path):
    a, _ = two
    pid = add_person(a, add_village(a), "Eka", "1504035506950003", "registered")
    src = export(a, tmp_path / "a.xlsx")

    def excelify(wb) -> None:
        headers, rows = _rows(wb, "Peserta")
        rows["Eka"][headers.index("NIK")].value = 1504035506950000

    saved = tmp_path / "saved.xlsx"
    _edit(src, saved, excelify)
    from desasadar_gui.sync.workbook_import import import_workbook

    outcome = import_workbook(a, saved)
    assert outcome.plan.rejected == 0
    assert outcome.plan.parsed.edited["participants"] == 0
    assert get_participant(a, pid).nik == "1504035506950003"


def test_dry_run_lists_the_plan_and_changes_nothing(two, tmp_path, capsys):
    a, b = two
    add_person(a, add_village(a), "Fajar")
    src = export(a, tmp_path / "a.xlsx")
    before = digest(b)
    b_path = b.path
    b.close()
    assert main(["--db", str(b_path), "import", str(src), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "uji coba" in out and "baru 1" in out
    from desasadar_gui.services.database import Database

    with Database.open(b_path) as again:
        assert digest(again) == before


def test_cancelled_import_changes_nothing(two, tmp_path):
    from desasadar_gui.errors import Cancelled
    from desasadar_gui.sync.plan import plan_import
    from desasadar_gui.sync.workbook_import import apply_plan, import_workbook, read_workbook

    a, b = two
    add_person(a, add_village(a), "Gani")
    src = export(a, tmp_path / "a.xlsx")
    before = digest(b)
    with pytest.raises(Cancelled):
        import_workbook(b, src, cancelled=lambda: True)
    with read_workbook(src) as parsed:
        plan = plan_import(b, parsed)
        with pytest.raises(Cancelled):
            apply_plan(b, plan, cancelled=lambda: True)
        assert digest(b) == before and list_sync_log(b) == []
        # The same plan still applies afterwards.
        assert apply_plan(b, plan).applied
    assert digest(a) == digest(b)


def test_a_person_whose_village_row_was_deleted_is_rejected_in_plain_words(two, tmp_path):
    """The supervisor deleted the village's row from the Desa sheet: the person cannot
    be placed on a laptop that never had the village. The reason names the column people
    see and the sheet, never a storage name or an id."""
    a, b = two
    vid = add_village(a, "Sungai Baung")
    add_person(a, vid, "Ani", "1504034508900002", "registered")
    src = export(a, tmp_path / "a.xlsx")

    def drop_village(wb) -> None:
        wb["Desa"].delete_rows(2)

    bad = tmp_path / "tanpa desa.xlsx"
    _edit(src, bad, drop_village)
    outcome = import_(b, bad)
    assert outcome.result.counts["Peserta"].get("rejected") == 1
    (rejected,) = outcome.plan.items["rejected"]
    for text in (rejected.detail, rejected.detail_en):
        assert "village_id" not in text and vid not in text, text
    assert "Kolom 'Desa'" in rejected.detail and "lembar 'Desa'" in rejected.detail
