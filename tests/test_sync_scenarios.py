"""What supervisors do to an export, done with openpyxl and with LibreOffice itself.

Every scenario starts from the same export of a demo database, imported into a second
laptop first. The supervisor's changes are then made to the export (by openpyxl in
this process, or by LibreOffice Calc through its own UNO API: its sort, copy, merge,
replace), and the result is imported with the command line into both laptops. Each
scenario checks what a user would notice:

- the exit code is 0, 1 or 2 (never 70) and no traceback reaches the terminal;
- nothing is stored that the participant form would refuse (every live record passes
  the record rules);
- no record changes except by an intended edit, and no person is reassigned;
- every rejected row has a plain reason;
- both laptops end with the same data.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbook_ops import apply_libreoffice, apply_openpyxl, has_uno, rows_by_name, set_saved_time

from desasadar_gui.cli.main import main
from desasadar_gui.domain import fields, rules
from desasadar_gui.domain.contribution import compute_contribution
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo import generate_demo
from desasadar_gui.services.rates import bundled_rate_table
from desasadar_gui.services.stats import content_digest
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.sync.workbook_export import export_workbook

UNO = has_uno()
TABLES = ("villages", "participants", "sessions", "attendance", "targets")


@dataclass
class Base:
    origin: Path  # the laptop that exported
    receiver: Path  # a laptop that imported the export
    export: Path
    people: dict[str, int]  # unique names -> sheet row on Peserta


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Base:
    folder = tmp_path_factory.mktemp("scenario base")
    origin = folder / "origin.sqlite"
    shutil.copyfile(template_db, origin)
    with Database.open(origin) as db:
        db.set_officer("Petugas Asal", "KC Jambi")
        generate_demo(db, participants=80, seed=11, regions_dir=None, today=date(2026, 11, 20))
        # Two villages of one name in two districts (as "Sungai Baung" in Jambi).
        for kecamatan in ("Muara Bulian", "Bajubang"):
            create_village(
                db,
                VillageInput(name="Tanjung Harapan", kecamatan=kecamatan, kabupaten="Batanghari"),
            )
        export = export_workbook(db, folder / "export.xlsx").path
    receiver = folder / "receiver.sqlite"
    shutil.copyfile(template_db, receiver)
    assert main(["--db", str(receiver), "import", str(export)]) == 0
    names = rows_by_name(export, "Peserta")
    counts: dict[Any, int] = {}
    wb = openpyxl.load_workbook(export, read_only=True)
    for row in wb["Peserta"].iter_rows(min_row=2, values_only=True):
        counts[row[0]] = counts.get(row[0], 0) + 1
    wb.close()
    people = {n: r for n, r in names.items() if counts.get(n) == 1}
    return Base(origin, receiver, export, people)


# -- looking at a database -----------------------------------------------------------------


def snapshot(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return {t: {r["id"]: dict(r) for r in con.execute(f"SELECT * FROM {t}")} for t in TABLES}
    finally:
        con.close()


def changed(before: dict, after: dict, table: str) -> set[str]:
    b, a = before[table], after[table]
    return {i for i in set(a) | set(b) if b.get(i) != a.get(i)}


def _typed(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for f in fields.FIELDS[table]:
        v = row.get(f.name)
        if f.kind == fields.DATE and isinstance(v, str):
            v = date.fromisoformat(v)
        elif f.kind == fields.BOOL and v is not None:
            v = bool(v)
        out[f.name] = v
    return out


def assert_rules_hold(path: Path) -> None:
    """Nothing stored that the forms would refuse; contributions as the table says."""
    rates = bundled_rate_table()
    snap = snapshot(path)
    for table in TABLES:
        for row in snap[table].values():
            if row["deleted_at"] is not None:
                continue
            values = _typed(table, row)
            ctx = rules.RuleContext(date.today(), None, derive=False)
            checked = rules.check_record(table, values, ctx)
            assert checked.ok, (table, row["id"], checked.errors)
            for ref in rules.REFERENCES:
                if ref.entity == table and row.get(ref.field):
                    assert row[ref.field] in snap[ref.target], (table, ref.field)
            if table == "participants" and row["updated_by"] == "spreadsheet":
                programmes = [p for p in ("jkk", "jkm", "jht") if row[f"prog_{p}"]]
                expected = (
                    compute_contribution(
                        income=row["monthly_income"],
                        programmes=programmes,
                        on=values["registration_date"] or date.today(),
                        funding=row["funding_source"],
                        occupation=row["occupation"],
                        table=rates,
                    ).total
                    if programmes
                    else 0
                )
                on = values["registration_date"]
                if on is not None:  # without a date the export's day decides
                    assert row["contribution"] == expected, row["name"]


def assert_nobody_reassigned(before: dict, after: dict, allowed: set[str] = frozenset()) -> None:
    """No participant's NIK, name and birth date changed together (someone else's data)."""
    for pid, old in before["participants"].items():
        new = after["participants"].get(pid)
        if new is None or pid in allowed:
            continue
        moved = [f for f in ("nik", "name", "birth_date") if old[f] and old[f] != new[f]]
        assert len(moved) <= 1, (old["name"], new["name"], moved)


# -- running a scenario ------------------------------------------------------------------------


@dataclass
class Result:
    code: int
    out: str
    before: dict
    after: dict
    errors: Path
    digests: tuple[str, str]
    receiver: Path

    def changed(self, table: str = "participants") -> set[str]:
        return changed(self.before, self.after, table)

    def rejected_reasons(self, sheet: str = "Peserta") -> list[str]:
        if not self.errors.exists():
            return []
        wb = openpyxl.load_workbook(self.errors, read_only=True)
        reasons = [r[0] for r in wb[sheet].iter_rows(min_row=2, values_only=True) if r[0]]
        wb.close()
        return reasons

    def person(self, name: str) -> dict[str, Any]:
        hits = [r for r in self.after["participants"].values() if r["name"] == name]
        assert len(hits) == 1, (name, len(hits))
        return hits[0]


def run_import(base: Base, tmp: Path, book: Path, capsys) -> Result:
    """Import ``book`` into copies of both laptops; checks common to every scenario."""
    results = []
    for which, src in (("origin", base.origin), ("receiver", base.receiver)):
        db = tmp / f"{which}.sqlite"
        shutil.copyfile(src, db)
        before = snapshot(db)
        errors = tmp / f"{which}-errors.xlsx"
        code = main(["--db", str(db), "import", str(book), "--errors", str(errors)])
        captured = capsys.readouterr()
        assert code in (0, 1, 2), captured.err
        assert "Traceback" not in captured.out + captured.err
        after = snapshot(db)
        assert_rules_hold(db)
        with Database.open(db) as opened:
            digest = content_digest(opened)
        results.append(
            Result(code, captured.out + captured.err, before, after, errors, ("", digest), db)
        )
    origin, receiver = results
    assert origin.code == receiver.code, (origin.out, receiver.out)
    assert origin.digests[1] == receiver.digests[1], "both laptops must decide alike"
    return receiver


METHODS = [
    "openpyxl",
    pytest.param(
        "libreoffice",
        marks=[pytest.mark.slow, pytest.mark.skipif(not UNO, reason="LibreOffice UNO missing")],
    ),
]


def edit(base: Base, tmp: Path, method: str, ops: list[tuple], name: str = "edited") -> Path:
    out = tmp / f"{name}.xlsx"
    if method == "openpyxl":
        return apply_openpyxl(base.export, out, ops)
    return apply_libreoffice(base.export, out, ops)


def some(base: Base, n: int) -> list[tuple[str, int]]:
    return sorted(base.people.items(), key=lambda kv: kv[1])[:n]


# -- scenarios -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_sorting_only_the_visible_columns_is_refused(base, tmp_path, method, capsys):
    book = edit(base, tmp_path, method, [("sort", "Peserta", "Nama", "Dihapus", "Nama")])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 2 and "diurutkan hanya pada sebagian kolom" in r.out
    assert r.changed() == set() and r.before == r.after


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("column", ["Nama", "Telepon", "Alamat", "Penghasilan per bulan"])
def test_sorting_one_column_is_refused(base, tmp_path, method, column, capsys):
    book = edit(base, tmp_path, method, [("sort", "Peserta", column, column, column)])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 2 and column in r.out
    assert r.before == r.after


@pytest.mark.parametrize("method", METHODS)
def test_error_cells_are_rejected_not_read_as_empty(base, tmp_path, method, capsys):
    (a, ra), (b, rb) = some(base, 2)
    book = edit(
        base,
        tmp_path,
        method,
        [("set", "Peserta", ra, "Telepon", "#N/A"), ("set", "Peserta", rb, "Alamat", "#N/A")],
    )
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 1
    assert r.changed() == set()
    reasons = r.rejected_reasons()
    assert len(reasons) == 2 and all("#N/A" in x for x in reasons)
    assert any(f"E{ra}" in x for x in reasons) and any(f"F{rb}" in x for x in reasons)


@pytest.mark.parametrize("method", METHODS)
def test_merged_cells_reject_the_covered_rows(base, tmp_path, method, capsys):
    (_, first), *_ = some(base, 1)
    book = edit(base, tmp_path, method, [("merge", "Peserta", "Alamat", first, first + 2)])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 1 and r.changed() == set()
    reasons = r.rejected_reasons()
    assert len(reasons) == 2 and all("gabungan" in x for x in reasons)


@pytest.mark.parametrize("method", METHODS)
def test_an_exact_copy_of_a_row_changes_nothing(base, tmp_path, method, capsys):
    (_, row), *_ = some(base, 1)
    book = edit(base, tmp_path, method, [("insert_copy", "Peserta", row, row)])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 0 and r.changed() == set()
    assert "salinan persis" in r.out


@pytest.mark.parametrize("method", METHODS)
def test_a_copied_row_made_into_a_new_person_overwrites_nobody(base, tmp_path, method, capsys):
    (name, row), *_ = some(base, 1)
    book = edit(
        base,
        tmp_path,
        method,
        [
            ("insert_copy", "Peserta", row, row),  # the copy is above the original
            ("set", "Peserta", row, "Nama", "Orang Baru Sekali"),
            ("set", "Peserta", row, "NIK", "1504014107990011"),
            ("set", "Peserta", row, "Tanggal lahir", "01/07/1999"),
        ],
    )
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 1 and r.changed() == set()
    assert r.person(name)  # the original is untouched
    (reason,) = r.rejected_reasons()
    assert "tidak lagi berisi data yang sama" in reason
    # The error workbook carries no id for that row: importing it adds the new person.
    wb = openpyxl.load_workbook(r.errors, read_only=True)
    rows = list(wb["Peserta"].iter_rows(values_only=True))
    header = list(rows[0])
    assert rows[1][header.index("id")] in (None, "")
    wb.close()
    code = main(["--db", str(r.receiver), "import", str(r.errors)])
    assert code == 0
    added = snapshot(r.receiver)
    new = [p for p in added["participants"].values() if p["name"] == "Orang Baru Sekali"]
    assert len(new) == 1 and new[0]["nik"] == "1504014107990011"
    assert_nobody_reassigned(r.after, added)


@pytest.mark.parametrize("method", METHODS)
def test_income_and_programme_edits_recompute_the_contribution(base, tmp_path, method, capsys):
    (a, ra), (b, rb), (c, rc) = some(base, 3)
    book = edit(
        base,
        tmp_path,
        method,
        [
            ("set", "Peserta", ra, "Penghasilan per bulan", 3_500_000),
            ("set", "Peserta", rb, "JHT", "Ya"),
            ("set", "Peserta", rc, "Iuran per bulan", 99_999),
        ],
    )
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 0
    ids = {r.person(n)["id"] for n in (a, b, c)}
    assert r.changed() == ids
    assert r.person(a)["monthly_income"] == 3_500_000
    assert r.person(b)["prog_jht"] == 1
    old_c = next(p for p in r.before["participants"].values() if p["name"] == c)
    assert r.person(c)["contribution"] == old_c["contribution"] != 99_999
    assert "dihitung ulang" in r.out
    assert_nobody_reassigned(r.before, r.after)


def _village_rows(path: Path) -> dict[str, dict[str, Any]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb["Desa"].iter_rows(values_only=True))
    header = list(rows[0])
    wb.close()
    return {
        f"{r[0]}|{r[header.index('Kecamatan')]}": dict(zip(header, r, strict=False))
        for r in rows[1:]
    }


NEW_PEOPLE = [
    {
        "Nama": "Rina Baru",
        "NIK": "1504015203950021",
        "Desa": "__unique__",
        "Telepon": "0812-7000-1111",
        "Status": "Terdaftar",
        "Tanggal daftar": "02/11/2026",
        "Penghasilan per bulan": 2_000_000,
    },
    {"Nama": "Joko Baru", "Desa": "__unique__", "Pekerjaan": "Perdagangan"},
]


def _new_rows(base: Base) -> list[dict[str, Any]]:
    villages = _village_rows(base.export)
    names = [v["Nama desa/pasar"] for v in villages.values()]
    unique = next(n for n in names if names.count(n) == 1)
    return [{k: unique if v == "__unique__" else v for k, v in row.items()} for row in NEW_PEOPLE]


@pytest.mark.parametrize("method", METHODS)
def test_rows_typed_at_the_bottom_become_people_once(base, tmp_path, method, capsys):
    new = _new_rows(base)
    ops = [("append", "Peserta", row) for row in new]
    book = edit(base, tmp_path, method, ops)
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 0
    rina, joko = r.person("Rina Baru"), r.person("Joko Baru")
    village = next(v for v in r.after["villages"].values() if v["name"] == new[0]["Desa"])
    assert rina["village_id"] == joko["village_id"] == village["id"]
    assert rina["prog_jkk"] == rina["prog_jkm"] == 1 and rina["prog_jht"] == 0
    assert rina["contribution"] > 0 and rina["status"] == "registered"
    assert joko["status"] == "prospect" and joko["officer"] == "Petugas Asal"
    assert r.changed() == {rina["id"], joko["id"]}
    # The same rows after a sort of the whole table (machine columns move along) and
    # in another file: nothing new.
    sorted_book = edit(
        base, tmp_path, method, [*ops, ("sort", "Peserta", "Nama", "fingerprint", "Nama")], "sorted"
    )
    code = main(["--db", str(r.receiver), "import", str(sorted_book)])
    assert code == 0
    again = snapshot(r.receiver)
    assert len(again["participants"]) == len(r.after["participants"])


@pytest.mark.parametrize("method", METHODS)
def test_a_typed_village_must_be_found_and_unambiguous(base, tmp_path, method, capsys):
    ops = [
        ("append", "Peserta", {"Nama": "Ambigu", "Desa": "Tanjung Harapan"}),
        (
            "append",
            "Peserta",
            {"Nama": "Jelas", "Desa": "Tanjung Harapan", "Kecamatan": "Bajubang"},
        ),
        ("append", "Peserta", {"Nama": "Tidak Ada", "Desa": "Desa Khayalan"}),
    ]
    r = run_import(base, tmp_path, edit(base, tmp_path, method, ops), capsys)
    assert r.code == 1
    reasons = " ".join(r.rejected_reasons())
    assert "Ada 2 desa bernama 'Tanjung Harapan'" in reasons and "Desa Khayalan" in reasons
    jelas = r.person("Jelas")
    assert r.after["villages"][jelas["village_id"]]["kecamatan"] == "Bajubang"


@pytest.mark.parametrize("method", METHODS)
def test_overtyped_display_columns_and_deleted_rows_are_noted(base, tmp_path, method, capsys):
    (a, ra), (b, rb), *_ = some(base, 3)
    ops = [("set", "Peserta", ra, "Desa", "Desa Lain"), ("delete_rows", "Peserta", rb, 1)]
    r = run_import(base, tmp_path, edit(base, tmp_path, method, ops), capsys)
    assert r.code == 0
    assert (
        r.person(a)["village_id"]
        == next(p for p in r.before["participants"].values() if p["name"] == a)["village_id"]
    )
    assert r.person(b)["deleted_at"] is None
    assert "hanya tampilan dan diabaikan" in r.out
    assert "tidak ada lagi di lembar ini" in r.out and "Dihapus = Ya" in r.out


@pytest.mark.parametrize("method", METHODS)
def test_a_second_target_or_region_code_for_one_key_is_refused(base, tmp_path, method, capsys):
    wb = openpyxl.load_workbook(base.export, read_only=True)
    targets = list(wb["Target"].iter_rows(values_only=True))
    villages = list(wb["Desa"].iter_rows(values_only=True))
    wb.close()
    th, vh = list(targets[0]), list(villages[0])
    year, scope, key = (targets[1][th.index(h)] for h in ("Tahun", "Cakupan", "Kunci cakupan"))
    coded = [r for r in villages[1:] if r[vh.index("Kode wilayah")]]
    uncoded = next(
        i for i, r in enumerate(villages[1:], start=2) if not r[vh.index("Kode wilayah")]
    )
    ops = [
        (
            "append",
            "Target",
            {"Tahun": year, "Cakupan": scope, "Kunci cakupan": key, "Target peserta": 5},
        ),
        ("set", "Desa", uncoded, "Kode wilayah", coded[0][vh.index("Kode wilayah")]),
    ]
    r = run_import(base, tmp_path, edit(base, tmp_path, method, ops), capsys)
    assert r.code == 1
    assert r.changed("targets") == set() and r.changed("villages") == set()
    assert any("sudah ada di baris" in x for x in r.rejected_reasons("Target"))
    assert any("sudah dipakai desa" in x for x in r.rejected_reasons("Desa"))


@pytest.mark.slow
@pytest.mark.skipif(not UNO, reason="LibreOffice UNO missing")
@pytest.mark.parametrize("via_ods", [False, True], ids=["xlsx", "ods"])
def test_a_libreoffice_resave_changes_nothing(base, tmp_path, via_ods, capsys):
    book = apply_libreoffice(base.export, tmp_path / "resaved.xlsx", [], via_ods=via_ods)
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 0 and r.before == r.after
    with Database.open(base.origin) as db:
        assert r.digests[1] == content_digest(db)


def _exported_at(path: Path) -> datetime:
    wb = openpyxl.load_workbook(path, read_only=True)
    meta = {r[0]: r[1] for r in wb["Metadata"].iter_rows(min_row=2, values_only=True)}
    wb.close()
    return datetime.fromisoformat(meta["exported_at"])


@pytest.mark.parametrize("method", METHODS)
def test_the_later_save_of_one_export_wins(base, tmp_path, method, capsys):
    (name, row), *_ = some(base, 1)
    day1 = edit(
        base, tmp_path, method, [("set", "Peserta", row, "Telepon", "0812-1111-2222")], "day1"
    )
    day2 = tmp_path / "day2.xlsx"
    apply_openpyxl(day1, day2, [("set", "Peserta", row, "Telepon", "0813-3333-4444")])
    exported = _exported_at(base.export)
    set_saved_time(day1, exported + timedelta(minutes=30))
    set_saved_time(day2, exported + timedelta(minutes=90))
    for first, second in ((day1, day2), (day2, day1)):
        db = tmp_path / f"{first.stem}-first.sqlite"
        shutil.copyfile(base.receiver, db)
        assert main(["--db", str(db), "import", str(first)]) == 0
        assert main(["--db", str(db), "import", str(second)]) == 0
        person = next(p for p in snapshot(db)["participants"].values() if p["name"] == name)
        assert person["phone"] == "+6281333334444", (first.stem, person["phone"])
    capsys.readouterr()


@pytest.mark.parametrize("method", METHODS)
def test_absurd_numbers_and_times_are_rejected_with_reasons(base, tmp_path, method, capsys):
    (a, ra), (b, rb) = some(base, 2)
    at_830 = time(8, 30) if method == "openpyxl" else "08:30"
    ops = [
        ("set", "Peserta", ra, "Penghasilan per bulan", 12345678901234567890),
        ("set", "Peserta", rb, "Tanggal lahir", at_830),
    ]
    r = run_import(base, tmp_path, edit(base, tmp_path, method, ops), capsys)
    assert r.code == 1 and r.changed() == set()
    reasons = " ".join(r.rejected_reasons())
    assert "Penghasilan per bulan" in reasons and "08:30" in reasons


@pytest.mark.parametrize("method", METHODS)
def test_find_replace_fill_down_and_case_changes_apply(base, tmp_path, method, capsys):
    people = some(base, 6)
    first, last = people[0][1], people[0][1] + 4
    ops = [
        ("replace", "Peserta", "Alamat", "RT", "Rukun Tetangga"),
        ("fill_down", "Peserta", "Pekerjaan", first, last),
        *[("set", "Peserta", row, "Nama", name.upper()) for name, row in people[:4]],
    ]
    r = run_import(base, tmp_path, edit(base, tmp_path, method, ops), capsys)
    assert r.code == 0, r.out
    assert r.changed(), "the edits were applied"
    for name, _ in people[:4]:
        assert r.person(name.upper())
    assert_nobody_reassigned(r.before, r.after)


def test_a_formula_without_a_result_is_rejected(base, tmp_path, capsys):
    (_, row), *_ = some(base, 1)
    book = edit(base, tmp_path, "openpyxl", [("set", "Peserta", row, "Telepon", "=A2")])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 1 and r.changed() == set()
    (reason,) = r.rejected_reasons()
    assert "rumus tanpa hasil" in reason


@pytest.mark.parametrize("method", METHODS)
def test_nik_rules_as_in_the_form(base, tmp_path, method, capsys):
    (a, ra), (b, rb), (c, rc) = some(base, 3)
    snap = snapshot(base.receiver)["participants"]
    by_name = {p["name"]: p for p in snap.values()}
    nik_b = by_name[b]["nik"]
    corrected = by_name[c]["nik"][:-1] + ("1" if by_name[c]["nik"][-1] != "1" else "2")
    ops = [
        ("set", "Peserta", ra, "NIK", nik_b),  # another live person's NIK
        ("set", "Peserta", rc, "NIK", corrected),  # a typo fixed: one identity field
    ]
    if method == "openpyxl":  # Excel's number: 15 digits kept
        ops.append(("set", "Peserta", rb, "NIK", int(nik_b[:15] + "0")))
    r = run_import(base, tmp_path, edit(base, tmp_path, method, ops), capsys)
    assert r.code == 1
    assert r.person(a)["nik"] == by_name[a]["nik"]
    assert r.person(b)["nik"] == nik_b
    assert r.person(c)["nik"] == corrected
    assert any("sudah dipakai" in x for x in r.rejected_reasons())


@pytest.mark.parametrize("method", METHODS)
def test_deleting_and_restoring_by_the_dihapus_column(base, tmp_path, method, capsys):
    (name, row), *_ = some(base, 1)
    book = edit(base, tmp_path, method, [("set", "Peserta", row, "Dihapus", "Ya")])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 0 and r.person(name)["deleted_at"] is not None
    restored = tmp_path / "restored.xlsx"
    shutil.copyfile(r.receiver, tmp_path / "again.sqlite")
    db = Database.open(tmp_path / "again.sqlite")
    export_workbook(db, restored)
    db.close()
    rows = rows_by_name(restored, "Peserta")
    apply_openpyxl(restored, restored, [("set", "Peserta", rows[name], "Dihapus", None)])
    assert main(["--db", str(tmp_path / "again.sqlite"), "import", str(restored)]) == 0
    person = next(
        p for p in snapshot(tmp_path / "again.sqlite")["participants"].values() if p["name"] == name
    )
    assert person["deleted_at"] is None
    capsys.readouterr()


def test_a_village_region_code_cannot_be_changed(base, tmp_path, capsys):
    villages = _village_rows(base.export)
    row = next(i for i, v in enumerate(villages.values(), start=2) if v["Kode wilayah"])
    book = edit(base, tmp_path, "openpyxl", [("set", "Desa", row, "Kode wilayah", "1504032099")])
    r = run_import(base, tmp_path, book, capsys)
    assert r.code == 1 and r.changed("villages") == set()
    assert any("tidak bisa diubah" in x for x in r.rejected_reasons("Desa"))
