"""Region reference import (CSV / XLSX) and the lookups behind the region picker."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desasadar_gui.errors import UserError
from desasadar_gui.services import regions
from desasadar_gui.services.database import Database
from desasadar_gui.services.regions import (
    RegionItem,
    describe_village_code,
    find_region_files,
    has_regions,
    import_regions,
    list_districts,
    list_regencies,
    list_villages,
    region_counts,
    region_dataset_version,
    village_id_for_code,
)

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

SHARED_REGIONS = Path("/work/shared/data/regions")

REGENCIES = "code,name,kind\n1504,Kabupaten Batanghari,kabupaten\n1571,Kota Jambi,kota\n"
DISTRICTS = (
    "code,regency_code,name\n"
    "150403,1504,Muara Bulian\n"
    "150405,1504,Pemayung\n"
    "157103,1571,Jambi Timur\n"
)
VILLAGES = (
    "code,district_code,name,kind\n"
    "1504032015,150403,Sungai Baung,desa\n"
    "1504031002,150403,Teratai,kelurahan\n"
    "1504032006,150403,Pasar Terusan,desa\n"
    "1504052004,150405,Lubuk Ruso,desa\n"
    "1571031003,157103,Talang Banjar,kelurahan\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def db(db_target):  # noqa: ANN001 - a file, or a server database (both_engines)
    database = Database.open(db_target)
    yield database
    database.close()


@pytest.fixture
def csv_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "regions"
    folder.mkdir()
    return [
        write(folder / "regencies.csv", REGENCIES),
        write(folder / "districts.csv", DISTRICTS),
        write(folder / "villages.csv", VILLAGES),
    ]


def test_no_regions_loaded_answers_empty(db: Database) -> None:
    assert not has_regions(db)
    assert list_regencies(db) == []
    assert list_districts(db, "1504") == []
    assert list_villages(db, "150403") == []
    assert describe_village_code(db, "1504032015") is None
    assert region_dataset_version(db) is None


def test_import_csv_and_walk_the_hierarchy(db: Database, csv_files: list[Path]) -> None:
    seen: list[tuple[int, int]] = []
    result = import_regions(
        db, csv_files, dataset_version="Kepmendagri 2025", progress=lambda d, t: seen.append((d, t))
    )
    assert (result.regencies, result.districts, result.villages) == (2, 3, 5)
    assert result.dataset_version == "Kepmendagri 2025"
    assert "Kepmendagri 2025" in result.describe() and "villages.csv" in result.describe()
    assert seen and seen[-1] == (10, 10)
    assert has_regions(db)
    assert region_dataset_version(db) == "Kepmendagri 2025"
    assert region_counts(db) == {"regencies": 2, "districts": 3, "villages": 5}

    assert list_regencies(db) == [
        RegionItem("1504", "Kabupaten Batanghari", "kabupaten"),
        RegionItem("1571", "Kota Jambi", "kota"),
    ]
    assert [d.name for d in list_districts(db, "1504")] == ["Muara Bulian", "Pemayung"]
    # Sorted by name, codes kept as text.
    assert list_villages(db, "150403") == [
        RegionItem("1504032006", "Pasar Terusan", "desa"),
        RegionItem("1504032015", "Sungai Baung", "desa"),
        RegionItem("1504031002", "Teratai", "kelurahan"),
    ]

    place = describe_village_code(db, "1504032015")
    assert place is not None
    assert (place.name, place.kind, place.kecamatan, place.kabupaten) == (
        "Sungai Baung",
        "desa",
        "Muara Bulian",
        "Kabupaten Batanghari",
    )
    assert place.dataset_version == "Kepmendagri 2025"
    # The dotted form people copy from decrees is the same code.
    assert describe_village_code(db, "15.04.03.1002").kind == "kelurahan"
    assert describe_village_code(db, "1504039999") is None
    assert describe_village_code(db, "not a code") is None


def test_default_version_is_derived_from_content(
    tmp_path: Path, db: Database, csv_files: list[Path]
) -> None:
    first = import_regions(db, csv_files).dataset_version
    other = Database.open(tmp_path / "y.sqlite")
    try:
        # Same files, any order, another laptop: the same version.
        assert import_regions(other, list(reversed(csv_files))).dataset_version == first
    finally:
        other.close()
    assert first.startswith("sha256:")


def test_reimport_replaces_rows_of_those_codes(
    tmp_path: Path, db: Database, csv_files: list[Path]
) -> None:
    import_regions(db, csv_files, dataset_version="v1")
    renamed = write(
        tmp_path / "villages_v2.csv",
        "code,district_code,name,kind\n1504032015,150403,Sungai Baung Baru,desa\n",
    )
    result = import_regions(db, [renamed], dataset_version="v2")
    assert (result.regencies, result.districts, result.villages) == (0, 0, 1)
    assert region_counts(db) == {"regencies": 2, "districts": 3, "villages": 5}
    place = describe_village_code(db, "1504032015")
    assert place is not None
    assert place.name == "Sungai Baung Baru"
    assert place.dataset_version == "v2"
    assert region_dataset_version(db) == "v2"
    # Rows not in the new file keep theirs.
    assert describe_village_code(db, "1504031002").dataset_version == "v1"


def test_import_xlsx_with_several_sheets(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "wilayah.xlsx"
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Keterangan"
    notes.append(["Data wilayah Jambi untuk Desa Sadar"])
    ws = wb.create_sheet("Kabupaten")
    ws.append(["code", "name", "kind"])
    ws.append([1504, "Kabupaten Batanghari", "kabupaten"])  # Excel made it a number
    ws = wb.create_sheet("Kecamatan")
    ws.append(["Kode", "Kode Kabupaten", "Nama"])  # Indonesian headers
    ws.append(["150403", "1504", "Muara Bulian"])
    ws = wb.create_sheet("Desa")
    ws.append([None])
    ws.append(["code", "district_code", "name", "kind"])  # header below a blank row
    ws.append([1504032015.0, 150403, "  Sungai   Baung ", "Desa"])
    ws.append(["1504031002", "150403", "Teratai", None])  # kind from the code
    ws.append([None, None, None, None])
    wb.save(path)

    result = import_regions(db, [path])
    assert (result.regencies, result.districts, result.villages) == (1, 1, 2)
    assert list_villages(db, "150403") == [
        RegionItem("1504032015", "Sungai Baung", "desa"),
        RegionItem("1504031002", "Teratai", "kelurahan"),
    ]
    assert find_region_files(tmp_path) == [path]


def test_semicolon_csv_saved_by_excel(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "kab.csv"
    path.write_bytes("\ufeffcode;name;kind\r\n1571;Kota Jambi;kota\r\n".encode())
    assert import_regions(db, [path]).regencies == 1
    assert list_regencies(db) == [RegionItem("1571", "Kota Jambi", "kota")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (VILLAGES.replace("1504032015", "150403201"), ["villages.csv", "line 2", "10 digits"]),
        (VILLAGES.replace("1504052004,150405", "1504052004,150403"), ["line 5", "150405"]),
        (VILLAGES.replace("Lubuk Ruso", ""), ["line 5", "empty"]),
        (VILLAGES.replace("Teratai,kelurahan", "Teratai,kampung"), ["line 3", "kampung"]),
        ("kode,nama desa\n1504032015,Sungai Baung\n", ["villages.csv", "not recognised"]),
        (VILLAGES + "1504032015,150403,Sungai Baung Lain,desa\n", ["line 7", "twice"]),
        (VILLAGES + "1504072001,150407,Tanpa Kecamatan,desa\n", ["line 7", "150407"]),
    ],
)
def test_bad_file_is_refused_and_changes_nothing(
    tmp_path: Path, db: Database, csv_files: list[Path], text: str, words: list[str]
) -> None:
    import_regions(db, csv_files, dataset_version="good")
    before = region_counts(db)
    bad = write(csv_files[2], text)
    with pytest.raises(UserError) as info:
        import_regions(db, [csv_files[0], csv_files[1], bad], dataset_version="bad")
    message_en = info.value.message("en")
    for word in words:
        assert word in message_en
    message_id = info.value.message("id")
    assert "villages.csv" in message_id
    assert "line" not in message_id  # the Indonesian text is Indonesian
    assert region_counts(db) == before
    assert region_dataset_version(db) == "good"
    assert describe_village_code(db, "1504032015").dataset_version == "good"


def test_unreadable_files_give_plain_messages(tmp_path: Path, db: Database) -> None:
    fake = tmp_path / "desa.xlsx"
    fake.write_text("this is not a workbook")
    with pytest.raises(UserError, match="desa.xlsx"):
        import_regions(db, [fake])
    with pytest.raises(UserError, match="not found|tidak ditemukan"):
        import_regions(db, [tmp_path / "missing.csv"])
    old = write(tmp_path / "desa.xls", "x")
    with pytest.raises(UserError) as info:
        import_regions(db, [old])
    assert ".xlsx" in info.value.message("en")
    empty = write(tmp_path / "empty.csv", "")
    with pytest.raises(UserError):
        import_regions(db, [empty])
    with pytest.raises(UserError):
        import_regions(db, [])
    assert not has_regions(db)


def test_village_parent_may_already_be_loaded(tmp_path: Path, db: Database, csv_files) -> None:
    import_regions(db, csv_files[:2])
    assert import_regions(db, [csv_files[2]]).villages == 5


def test_find_region_files_skips_other_files(tmp_path: Path, csv_files: list[Path]) -> None:
    folder = csv_files[0].parent
    write(folder / "changes.csv", "code,change,name_2018,name_2025\n1501,renamed,A,B\n")
    write(folder / "readme.txt", "hello")
    (folder / "sub").mkdir()
    assert find_region_files(folder) == sorted(csv_files, key=lambda p: p.name)
    assert find_region_files(folder / "nowhere") == []


def test_village_id_for_code_is_stable_and_shared() -> None:
    vid = village_id_for_code("1504032015")
    assert vid == village_id_for_code(" 15.04.03.2015 ")
    assert vid != village_id_for_code("1504032016")
    # Pinned: changing it would split every village picked on an older install.
    assert vid == "752c53ed-6411-569f-869a-cfa6955e4285"
    from desasadar_gui.services import villages

    assert villages.village_id_for_code("1504032015") == vid
    with pytest.raises(ValueError):
        village_id_for_code("150403")


def test_kind_rule_from_code() -> None:
    assert regions.village_kind_for_code("1571031003") == "kelurahan"
    assert regions.village_kind_for_code("1504032015") == "desa"
    assert regions.village_kind_for_code("15040320") is None


@pytest.mark.skipif(not SHARED_REGIONS.is_dir(), reason="shared Jambi region data not present")
def test_import_the_shared_jambi_reference(db: Database) -> None:
    files = find_region_files(SHARED_REGIONS)
    assert [p.name for p in files] == [
        "jambi_districts.csv",
        "jambi_regencies.csv",
        "jambi_villages.csv",
    ]
    result = import_regions(db, files)
    assert (result.regencies, result.districts, result.villages) == (11, 144, 1585)
    place = describe_village_code(db, "1504032015")
    assert place is not None
    assert (place.name, place.kecamatan, place.kabupaten) == (
        "Sungai Baung",
        "Muara Bulian",
        "Kabupaten Batanghari",
    )
    # Names are not unique: Sungai Baung exists in several districts.
    sungai_baung = [
        v.code
        for r in list_regencies(db)
        for d in list_districts(db, r.code)
        for v in list_villages(db, d.code)
        if v.name == "Sungai Baung"
    ]
    assert len(sungai_baung) == 4
    assert "1504032015" in sungai_baung
