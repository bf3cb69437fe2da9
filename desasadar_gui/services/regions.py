"""Kemendagri region reference: import from CSV/XLSX, and lookups for the region picker.

The reference is local-only data (table ``region_areas``) that a user or installer
provides; the project ships no copy. Three shapes of file are recognised by their
header row (column order does not matter, extra columns are ignored):

- regencies: ``code,name,kind``                (code 4 digits; kind kabupaten/kota)
- districts: ``code,regency_code,name``        (code 6 digits)
- villages:  ``code,district_code,name,kind``  (code 10 digits; kind desa/kelurahan)

An XLSX workbook may hold one or more sheets, each in one of these shapes. Codes are
kept as text. An import is all-or-nothing: every file is read and checked first, and
only then are the rows written, in one transaction; a bad file changes nothing and
the message names the file and the line.

Everything here works (returns empty answers) when no reference has been loaded: the
app then takes villages as free text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desasadar_gui.db.models import RegionArea, Setting
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database

# Never change this: villages picked from the reference on two laptops must get the
# same record id (uuid5 of this namespace and the village code), so that the merge
# sees one record edited twice, not two villages.
REGION_NAMESPACE = uuid.UUID("7d0c6f0e-2b7a-5d2e-9a51-3f1d5e0b9c11")

SETTING_KEY = "region_dataset"

LEVEL_REGENCY = 2
LEVEL_DISTRICT = 3
LEVEL_VILLAGE = 4
_CODE_LENGTH = {LEVEL_REGENCY: 4, LEVEL_DISTRICT: 6, LEVEL_VILLAGE: 10}
_PARENT_LENGTH = {LEVEL_DISTRICT: 4, LEVEL_VILLAGE: 6}

# Refuse before reading: the whole of Indonesia is ~ 5 MB of CSV.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 300 * 1024 * 1024

_CHUNK = 500

_HEADER_ALIASES = {
    "code": "code",
    "kode": "code",
    "kode_wilayah": "code",
    "name": "name",
    "nama": "name",
    "kind": "kind",
    "jenis": "kind",
    "tipe": "kind",
    "type": "kind",
    "regency_code": "regency_code",
    "kode_kabupaten": "regency_code",
    "kode_kab": "regency_code",
    "district_code": "district_code",
    "kode_kecamatan": "district_code",
    "kode_kec": "district_code",
}

# Shapes in the order they are tried: the most specific first.
_SHAPES: tuple[tuple[int, frozenset[str]], ...] = (
    (LEVEL_VILLAGE, frozenset({"code", "district_code", "name"})),
    (LEVEL_DISTRICT, frozenset({"code", "regency_code", "name"})),
    (LEVEL_REGENCY, frozenset({"code", "name", "kind"})),
)
_PARENT_COLUMN = {LEVEL_DISTRICT: "regency_code", LEVEL_VILLAGE: "district_code"}

_LEVEL_WORDS = {
    LEVEL_REGENCY: ("kabupaten/kota", "regency"),
    LEVEL_DISTRICT: ("kecamatan", "district"),
    LEVEL_VILLAGE: ("desa/kelurahan", "village"),
}

_REGENCY_KINDS = {"kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota"}
_VILLAGE_KINDS = {
    "desa": "desa",
    "kelurahan": "kelurahan",
    "kel": "kelurahan",
    "desa adat": "desa",
    "desa_adat": "desa",
}

_EXPECTED_HEADERS = (
    "code,name,kind (kabupaten/kota) | code,regency_code,name (kecamatan) | "
    "code,district_code,name,kind (desa/kelurahan)"
)


class RegionImportError(UserError):
    pass


@dataclass(frozen=True)
class RegionImportResult:
    regencies: int
    districts: int
    villages: int
    dataset_version: str
    files: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.regencies + self.districts + self.villages

    def describe(self) -> str:
        """Plain lines (Indonesian / English) for the command line."""
        files = ", ".join(self.files)
        return "\n".join(
            [
                f"Data wilayah dimuat / region data loaded: {files}",
                f"Kabupaten/kota / regencies:  {self.regencies}",
                f"Kecamatan / districts:       {self.districts}",
                f"Desa/kelurahan / villages:   {self.villages}",
                f"Versi / version:             {self.dataset_version}",
            ]
        )


@dataclass(frozen=True)
class RegionItem:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class VillagePlace:
    code: str
    name: str
    kind: str  # desa / kelurahan, from the code
    district_code: str
    kecamatan: str
    regency_code: str
    kabupaten: str
    dataset_version: str


@dataclass(frozen=True)
class _Row:
    code: str
    level: int
    parent_code: str | None
    name: str
    kind: str
    where_id: str  # "Berkas 'x.csv', baris 3": the place, for messages
    where_en: str


# -- pure helpers ---------------------------------------------------------------------

_DOTTED = re.compile(r"^\d{2}(\.\d{2}){1,2}(\.\d{4})?$")


def normalise_code(value: object) -> str:
    """Region code as text: strips spaces, accepts ``15.04.03.2015`` and Excel numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip().replace(" ", "")
    if _DOTTED.match(text):
        text = text.replace(".", "")
    return text


def village_kind_for_code(code: str) -> str | None:
    """'kelurahan' or 'desa' from the first digit of the 4-digit village part.

    1 = kelurahan, 2 = desa, 3 = desa adat (a desa); None when the code is not a
    10-digit village code or the digit is none of those.
    """
    code = normalise_code(code)
    if len(code) != 10 or not code.isdigit():
        return None
    return {"1": "kelurahan", "2": "desa", "3": "desa"}.get(code[-4])


def regency_kind_for_code(code: str) -> str:
    """Regency part 01-69 is a kabupaten, 71-99 a kota."""
    return "kota" if int(code[2:4]) >= 70 else "kabupaten"


def village_id_for_code(code: str) -> str:
    """The record id of a village picked from the reference: the same on every laptop."""
    text = normalise_code(code)
    if len(text) != 10 or not text.isdigit():
        raise ValueError(f"not a 10-digit Kemendagri village code: {code!r}")
    return str(uuid.uuid5(REGION_NAMESPACE, "kemendagri-village:" + text))


# -- reading files --------------------------------------------------------------------


def _fail(text_id: str, text_en: str) -> RegionImportError:
    return RegionImportError(text_id, text_en)


def _header_key(cell: object) -> str:
    text = "" if cell is None else str(cell)
    text = text.strip().lstrip("\ufeff").lower()
    text = re.sub(r"[\s\-]+", "_", text)
    return _HEADER_ALIASES.get(text, text)


def _shape_of(header: Sequence[object]) -> tuple[int, dict[str, int]] | None:
    """(level, column -> index) for a recognised header row, else None."""
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _header_key(cell)
        if key and key not in index:
            index[key] = i
    for level, needed in _SHAPES:
        if needed <= index.keys():
            return level, index
    return None


def _cell(values: Sequence[object], index: dict[str, int], column: str) -> object:
    i = index.get(column)
    if i is None or i >= len(values):
        return None
    return values[i]


def _text(value: object) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _parse_row(
    level: int, index: dict[str, int], values: Sequence[object], where_id: str, where_en: str
) -> _Row:
    id_word, en_word = _LEVEL_WORDS[level]
    code = normalise_code(_cell(values, index, "code"))
    length = _CODE_LENGTH[level]
    if len(code) != length or not code.isdigit():
        raise _fail(
            f"{where_id}: kode {id_word} '{code}' harus {length} digit angka.",
            f"{where_en}: the {en_word} code '{code}' must be {length} digits.",
        )
    name = _text(_cell(values, index, "name"))
    if not name:
        raise _fail(
            f"{where_id}: nama {id_word} untuk kode {code} kosong.",
            f"{where_en}: the {en_word} name for code {code} is empty.",
        )
    parent: str | None = None
    if level in _PARENT_COLUMN:
        parent = normalise_code(_cell(values, index, _PARENT_COLUMN[level]))
        plen = _PARENT_LENGTH[level]
        if parent != code[:plen]:
            p_id, p_en = _LEVEL_WORDS[level - 1]
            raise _fail(
                f"{where_id}: kode {id_word} {code} tidak diawali kode {p_id} induknya "
                f"'{parent}' (seharusnya {code[:plen]}).",
                f"{where_en}: the {en_word} code {code} does not start with its parent "
                f"{p_en} code '{parent}' (expected {code[:plen]}).",
            )
    raw_kind = _text(_cell(values, index, "kind")).lower()
    if level == LEVEL_REGENCY:
        kind = _REGENCY_KINDS.get(raw_kind, "") if raw_kind else regency_kind_for_code(code)
        allowed = "kabupaten, kota"
    elif level == LEVEL_VILLAGE:
        derived = village_kind_for_code(code) or ""
        kind = _VILLAGE_KINDS.get(raw_kind, "") if raw_kind else derived
        allowed = "desa, kelurahan"
    else:
        kind, allowed = "kecamatan", ""
    if not kind:
        raise _fail(
            f"{where_id}: jenis '{raw_kind}' untuk kode {code} tidak dikenal (pilihan: {allowed}).",
            f"{where_en}: the kind '{raw_kind}' for code {code} is not known (choices: {allowed}).",
        )
    return _Row(code, level, parent, name, kind, where_id, where_en)


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(
            f"Berkas '{path}' tidak ditemukan.", f"The file '{path}' was not found."
        ) from None
    except OSError as exc:
        raise _fail(
            f"Berkas '{path}' tidak bisa dibaca: {exc}", f"The file '{path}' cannot be read: {exc}"
        ) from exc
    if path.is_dir():
        raise _fail(f"'{path}' adalah folder, bukan berkas.", f"'{path}' is a folder, not a file.")
    if size > MAX_FILE_BYTES:
        raise _fail(
            f"Berkas '{path.name}' terlalu besar ({size // 1_000_000} MB) untuk data wilayah.",
            f"The file '{path.name}' is too large ({size // 1_000_000} MB) for region data.",
        )
    if size == 0:
        raise _fail(f"Berkas '{path.name}' kosong.", f"The file '{path.name}' is empty.")


def _decode(path: Path, raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    text = _decode(path, path.read_bytes())
    first = text.split("\n", 1)[0]
    # Excel with Indonesian settings saves CSV with ';' (the comma is the decimal mark).
    delimiter = ","
    if first.count(";") > first.count(","):
        delimiter = ";"
    elif first.count("\t") > first.count(","):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for values in reader:
            yield reader.line_num, values
    except csv.Error as exc:
        raise _fail(
            f"Berkas '{path.name}' baris {reader.line_num}: CSV rusak ({exc}).",
            f"File '{path.name}' line {reader.line_num}: damaged CSV ({exc}).",
        ) from exc


def _blank(values: Sequence[object]) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def _read_table(
    rows: Iterable[tuple[int, Sequence[object]]],
    place_id: str,
    place_en: str,
    line_id: str,
    line_en: str,
) -> tuple[int, list[_Row]] | None:
    """Rows of one CSV file or sheet; None when its header is not a region shape."""
    shape = None
    out: list[_Row] = []
    for number, values in rows:
        if _blank(values):
            continue
        if shape is None:
            shape = _shape_of(values)
            if shape is None:
                return None
            continue
        level, index = shape
        out.append(
            _parse_row(
                level,
                index,
                values,
                f"{place_id}, {line_id} {number}",
                f"{place_en}, {line_en} {number}",
            )
        )
    if shape is None:
        return None
    return shape[0], out


def _read_csv(path: Path) -> list[_Row]:
    table = _read_table(
        _csv_rows(path), f"Berkas '{path.name}'", f"File '{path.name}'", "baris", "line"
    )
    if table is None:
        raise _fail(
            f"Berkas '{path.name}' bukan data wilayah yang dikenali: baris judul "
            f"(baris 1) harus salah satu dari: {_EXPECTED_HEADERS}.",
            f"The file '{path.name}' is not recognised as region data: its header row "
            f"(line 1) must be one of: {_EXPECTED_HEADERS}.",
        )
    return table[1]


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(
            f"Berkas '{path.name}' bukan buku kerja Excel (.xlsx) yang utuh; mungkin rusak.",
            f"The file '{path.name}' is not a valid Excel workbook (.xlsx); it may be damaged.",
        ) from exc
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _fail(
            f"Berkas '{path.name}' terlalu besar setelah dibuka ({total // 1_000_000} MB).",
            f"The file '{path.name}' is too large once unpacked ({total // 1_000_000} MB).",
        )


def _read_xlsx(path: Path) -> list[_Row]:
    import openpyxl  # local: only needed for workbooks
    from openpyxl.utils.exceptions import InvalidFileException

    _check_zip(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _fail(
            f"Berkas '{path.name}' tidak bisa dibuka sebagai buku kerja Excel: {exc}",
            f"The file '{path.name}' cannot be opened as an Excel workbook: {exc}",
        ) from exc
    rows: list[_Row] = []
    recognised = 0
    try:
        for ws in wb.worksheets:
            table = _read_table(
                enumerate(ws.iter_rows(values_only=True), start=1),
                f"Berkas '{path.name}', lembar '{ws.title}'",
                f"File '{path.name}', sheet '{ws.title}'",
                "baris",
                "row",
            )
            if table is not None:
                recognised += 1
                rows.extend(table[1])
    finally:
        wb.close()
    if not recognised:
        raise _fail(
            f"Tidak ada lembar di '{path.name}' yang berisi data wilayah: baris judul "
            f"harus salah satu dari: {_EXPECTED_HEADERS}.",
            f"No sheet of '{path.name}' holds region data: the header row must be one "
            f"of: {_EXPECTED_HEADERS}.",
        )
    return rows


def _read_file(path: Path) -> list[_Row]:
    _check_size(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".xls":
        raise _fail(
            f"Berkas '{path.name}' berformat Excel lama (.xls). Simpan ulang sebagai .xlsx "
            "atau .csv lalu coba lagi.",
            f"'{path.name}' is an old Excel file (.xls). Save it as .xlsx or .csv and try again.",
        )
    raise _fail(
        f"Berkas '{path.name}' bukan CSV atau XLSX.",
        f"The file '{path.name}' is neither CSV nor XLSX.",
    )


def _recognised(path: Path) -> bool:
    """Quick check used by :func:`find_region_files`: does a header look like ours?"""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open("rb") as fh:
                head = fh.read(4096)
            first = _decode(path, head).splitlines()[0] if head else ""
            delim = ";" if first.count(";") > first.count(",") else ","
            header = next(csv.reader([first], delimiter=delim), [])
            return _shape_of(header) is not None
        if suffix == ".xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                for ws in wb.worksheets:
                    for values in ws.iter_rows(values_only=True, max_row=20):
                        if _blank(values):
                            continue
                        if _shape_of(values) is not None:
                            return True
                        break
            finally:
                wb.close()
    except Exception:  # an unreadable file is simply not offered
        return False
    return False


def find_region_files(folder: Path) -> list[Path]:
    """CSV/XLSX files directly in ``folder`` whose header is a region shape, sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [
        p
        for p in sorted(folder.iterdir(), key=lambda p: p.name.lower())
        if p.is_file()
        and p.suffix.lower() in (".csv", ".xlsx")
        and not p.name.startswith(("~$", "."))
        and _recognised(p)
    ]
    return found


# -- import ---------------------------------------------------------------------------


def _collect(paths: Sequence[Path]) -> list[_Row]:
    by_code: dict[str, _Row] = {}
    for path in paths:
        for row in _read_file(Path(path)):
            seen = by_code.get(row.code)
            if seen is None:
                by_code[row.code] = row
            elif (seen.name, seen.kind, seen.parent_code) != (
                row.name,
                row.kind,
                row.parent_code,
            ):
                raise _fail(
                    f"{row.where_id}: kode {row.code} sudah ada dengan isi lain "
                    f"({seen.where_id}: '{seen.name}', di sini '{row.name}').",
                    f"{row.where_en}: code {row.code} appears twice with different content "
                    f"({seen.where_en}: '{seen.name}', here '{row.name}').",
                )
    return list(by_code.values())


def _existing_codes(s: Session, codes: Iterable[str]) -> set[str]:
    codes = list(codes)
    found: set[str] = set()
    for i in range(0, len(codes), _CHUNK):
        chunk = codes[i : i + _CHUNK]
        found.update(s.scalars(select(RegionArea.code).where(RegionArea.code.in_(chunk))))
    return found


def _check_parents(s: Session, rows: list[_Row]) -> None:
    present = {r.code for r in rows}
    wanted = {r.parent_code for r in rows if r.parent_code} - present
    missing = wanted - _existing_codes(s, wanted)
    if not missing:
        return
    for r in rows:
        if r.parent_code in missing:
            p_id, p_en = _LEVEL_WORDS[r.level - 1]
            raise _fail(
                f"{r.where_id}: kode induk {r.parent_code} ({p_id}) tidak ada di berkas yang "
                "diimpor maupun di data wilayah yang sudah dimuat. Impor juga berkas "
                f"{p_id}.",
                f"{r.where_en}: the parent code {r.parent_code} ({p_en}) is neither in the "
                f"imported files nor in the region data already loaded. Import the {p_en} "
                "file too.",
            )


def _default_version(rows: list[_Row]) -> str:
    digest = hashlib.sha256()
    for r in sorted(rows, key=lambda r: r.code):
        digest.update(f"{r.code}\t{r.parent_code or ''}\t{r.name}\t{r.kind}\n".encode())
    return "sha256:" + digest.hexdigest()[:16]


def import_regions(
    db: Database,
    paths: Sequence[Path],
    dataset_version: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RegionImportResult:
    """Load region reference files into the database, all or nothing.

    Rows with the codes in the files replace the stored ones (upsert); other stored
    codes stay. ``dataset_version`` (e.g. "Kepmendagri 300.2.2-2138/2025") is stored
    with every row and in the ``region_dataset`` setting; when omitted, a version is
    derived from the content, so the same files give the same version everywhere.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise _fail("Tidak ada berkas wilayah yang dipilih.", "No region file was chosen.")
    rows = _collect(paths)
    if not rows:
        raise _fail(
            "Berkas wilayah tidak berisi satu baris data pun.",
            "The region files contain no data rows.",
        )
    version = (dataset_version or "").strip() or _default_version(rows)
    if len(version) > 60:
        raise _fail(
            "Nama versi data wilayah terlalu panjang (maks. 60 karakter).",
            "The region dataset version is too long (max 60 characters).",
        )
    rows.sort(key=lambda r: (r.level, r.code))
    total = len(rows)
    if progress:
        progress(0, total)
    with db.session() as s:
        _check_parents(s, rows)
        table = RegionArea.__table__
        for i in range(0, total, _CHUNK):
            chunk = rows[i : i + _CHUNK]
            s.execute(delete(table).where(table.c.code.in_([r.code for r in chunk])))
            s.execute(
                insert(table),
                [
                    {
                        "code": r.code,
                        "level": r.level,
                        "parent_code": r.parent_code,
                        "name": r.name,
                        "kind": r.kind,
                        "dataset_version": version,
                    }
                    for r in chunk
                ],
            )
            if progress:
                progress(min(i + _CHUNK, total), total)
        setting = s.get(Setting, SETTING_KEY)
        if setting is None:
            s.add(Setting(key=SETTING_KEY, value=version))
        else:
            setting.value = version
    counts = {level: 0 for level in _CODE_LENGTH}
    for r in rows:
        counts[r.level] += 1
    return RegionImportResult(
        regencies=counts[LEVEL_REGENCY],
        districts=counts[LEVEL_DISTRICT],
        villages=counts[LEVEL_VILLAGE],
        dataset_version=version,
        files=tuple(p.name for p in paths),
    )


# -- lookups --------------------------------------------------------------------------


def _sort_items(items: Iterable[RegionItem]) -> list[RegionItem]:
    return sorted(items, key=lambda it: (it.name.casefold(), it.code))


def has_regions(db: Database) -> bool:
    with db.read_session() as s:
        return s.scalar(select(RegionArea.code).limit(1)) is not None


def region_dataset_version(db: Database) -> str | None:
    """The version of the last region import, or None when none was loaded."""
    with db.read_session() as s:
        row = s.get(Setting, SETTING_KEY)
        return row.value if row is not None and row.value else None


def region_counts(db: Database) -> dict[str, int]:
    """{'regencies': n, 'districts': n, 'villages': n} stored now."""
    with db.read_session() as s:
        got = {
            level: n
            for level, n in s.execute(
                select(RegionArea.level, func.count()).group_by(RegionArea.level)
            )
        }
    return {
        "regencies": got.get(LEVEL_REGENCY, 0),
        "districts": got.get(LEVEL_DISTRICT, 0),
        "villages": got.get(LEVEL_VILLAGE, 0),
    }


def _children(db: Database, level: int, parent_code: str | None) -> list[RegionItem]:
    stmt = select(RegionArea.code, RegionArea.name, RegionArea.kind).where(
        RegionArea.level == level
    )
    if parent_code is not None:
        stmt = stmt.where(RegionArea.parent_code == normalise_code(parent_code))
    with db.read_session() as s:
        return _sort_items(RegionItem(c, n, k) for c, n, k in s.execute(stmt))


def list_regencies(db: Database) -> list[RegionItem]:
    return _children(db, LEVEL_REGENCY, None)


def list_districts(db: Database, regency_code: str) -> list[RegionItem]:
    return _children(db, LEVEL_DISTRICT, regency_code)


def list_villages(db: Database, district_code: str) -> list[RegionItem]:
    return _children(db, LEVEL_VILLAGE, district_code)


def describe_village_code(db: Database, code: str) -> VillagePlace | None:
    """Village, kecamatan and kabupaten names of a village code; None when unknown."""
    code = normalise_code(code)
    if len(code) != 10 or not code.isdigit():
        return None
    wanted = (code, code[:6], code[:4])
    with db.read_session() as s:
        found = {
            c: (n, k, v)
            for c, n, k, v in s.execute(
                select(
                    RegionArea.code, RegionArea.name, RegionArea.kind, RegionArea.dataset_version
                ).where(RegionArea.code.in_(wanted))
            )
        }
    if code not in found:
        return None
    name, stored_kind, version = found[code]
    return VillagePlace(
        code=code,
        name=name,
        kind=village_kind_for_code(code) or stored_kind or "desa",
        district_code=code[:6],
        kecamatan=found.get(code[:6], ("", "", ""))[0],
        regency_code=code[:4],
        kabupaten=found.get(code[:4], ("", "", ""))[0],
        dataset_version=version,
    )


__all__ = [
    "REGION_NAMESPACE",
    "RegionImportError",
    "RegionImportResult",
    "RegionItem",
    "VillagePlace",
    "describe_village_code",
    "find_region_files",
    "has_regions",
    "import_regions",
    "list_districts",
    "list_regencies",
    "list_villages",
    "normalise_code",
    "region_counts",
    "region_dataset_version",
    "village_id_for_code",
    "village_kind_for_code",
]
