"""Reading region reference files: CSV (any of , ; tab) and XLSX sheets in one of the
three header shapes, and finding which files in a folder are region files. No
database: the rows come back checked, for ``store`` to write."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desasadar_gui.services.regions.codes import (
    _CODE_LENGTH,
    _LEVEL_WORDS,
    _PARENT_LENGTH,
    LEVEL_DISTRICT,
    LEVEL_REGENCY,
    LEVEL_VILLAGE,
    _fail,
    normalise_code,
    regency_kind_for_code,
    village_kind_for_code,
)

# Refuse before reading: the whole of Indonesia is ~ 5 MB of CSV.
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 300 * 1024 * 1024

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


@dataclass(frozen=True)
class _Row:
    code: str
    level: int
    parent_code: str | None
    name: str
    kind: str
    where_id: str  # "Berkas 'x.csv', baris 3": the place, for messages
    where_en: str


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


@dataclass(frozen=True)
class SkippedFile:
    """A file that was offered but is not a region file, and why (both languages)."""

    path: Path
    reason_id: str
    reason_en: str


@dataclass(frozen=True)
class RegionFiles:
    """Which of the offered files are region files; the others with their reasons."""

    found: tuple[Path, ...]
    skipped: tuple[SkippedFile, ...]


_SHAPES_TEXT = "code,name,kind / code,regency_code,name / code,district_code,name,kind"


def _first_header(path: Path) -> list[object] | None:
    """The first non-blank row of a CSV, or of each sheet of an XLSX (first match)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("rb") as fh:
            head = fh.read(4096)
        first = _decode(path, head).splitlines()[0] if head else ""
        delim = ";" if first.count(";") > first.count(",") else ","
        return list(next(csv.reader([first], delimiter=delim), []))
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        header: list[object] | None = None
        for ws in wb.worksheets:
            for values in ws.iter_rows(values_only=True, max_row=20):
                if _blank(values):
                    continue
                if _shape_of(values) is not None:
                    return list(values)
                header = header or list(values)
                break
        return header
    finally:
        wb.close()


def why_not_region_file(path: Path) -> tuple[str, str] | None:
    """None for a region file; else why not, in plain words (Indonesian, English)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return (
            "bukan CSV atau XLSX",
            "not a CSV or XLSX file",
        )
    try:
        header = _first_header(path)
    except Exception:  # noqa: BLE001 - any unreadable file is skipped with a reason
        return ("tidak bisa dibaca (rusak, terkunci, atau bukan isi yang diharapkan)",
                "cannot be read (damaged, locked, or not what its name says)")  # fmt: skip
    if header is not None and _shape_of(header) is not None:
        return None
    return (
        f"kolomnya bukan kolom data wilayah (perlu {_SHAPES_TEXT})",
        f"its columns are not those of region data (needs {_SHAPES_TEXT})",
    )


def _recognised(path: Path) -> bool:
    """Quick check used by :func:`find_region_files`: does a header look like ours?"""
    return why_not_region_file(path) is None


def _hidden(path: Path) -> bool:
    return path.name.startswith(("~$", "."))  # Excel's lock files, dot files


def sort_region_files(paths: Sequence[Path]) -> RegionFiles:
    """Split chosen files into region files and the others (each with its reason)."""
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    for path in (Path(p) for p in paths):
        if path.is_dir():
            skipped.append(SkippedFile(path, "sebuah folder", "a folder"))
            continue
        reason = why_not_region_file(path)
        if reason is None:
            found.append(path)
        else:
            skipped.append(SkippedFile(path, *reason))
    return RegionFiles(tuple(found), tuple(skipped))


def scan_region_folder(folder: Path) -> RegionFiles:
    """The region files directly in ``folder`` (sorted by name) and the other files
    there with the reason each is left out; hidden and lock files are not mentioned."""
    folder = Path(folder)
    if not folder.is_dir():
        return RegionFiles((), ())
    files = [
        p
        for p in sorted(folder.iterdir(), key=lambda p: p.name.lower())
        if p.is_file() and not _hidden(p)
    ]
    return sort_region_files(files)


def find_region_files(folder: Path) -> list[Path]:
    """CSV/XLSX files directly in ``folder`` whose header is a region shape, sorted."""
    return list(scan_region_folder(folder).found)


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
