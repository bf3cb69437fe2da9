"""Reading a sync workbook: file checks, layout checks, every row parsed and judged.

``read_workbook`` refuses a bad file as a whole (a :class:`WorkbookRefused` with a
plain message) or returns a :class:`ParsedWorkbook`: good rows parked in a staging
file in storage form, rejected rows with their reasons. It does not touch the local
database, except to look up the stored NIK of a row whose NIK cell Excel turned into
a number.

A row whose row hash still matches came back as exported and is taken as it is. A row
that differs was edited in the spreadsheet: it is validated like form input and gets
a *deterministic* new revision (derived from the export time and the new values), so
every laptop that imports the same edited file makes the very same edit.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from desasadar_gui.db.clock import Rev
from desasadar_gui.domain.problems import Problem, describe
from desasadar_gui.sync import cells as C
from desasadar_gui.sync.errors import (
    ForeignWorkbookError,
    OperationCancelled,
    PrivacyWorkbookError,
    WorkbookLayoutError,
    WorkbookTooNewError,
    damaged,
)
from desasadar_gui.sync.file_checks import FileFacts, check_workbook_file
from desasadar_gui.sync.metadata import read_metadata
from desasadar_gui.sync.row_rules import RowRejected, validate_edited
from desasadar_gui.sync.staging import Staging
from desasadar_gui.sync.workbook_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    METADATA_SHEET,
    SHEETS,
    SYSTEM_FIELDS,
    Column,
    SheetSpec,
    header_key,
)

SPREADSHEET_DEVICE = "spreadsheet"
NEW_ROW_NAMESPACE = uuid.UUID("0b6f3f8e-4a57-5f0c-9d0e-6c1d2a7e9b31")
MAX_ROWS_PER_SHEET = 2_000_000
CHUNK = 5000
_REV = re.compile(r"^\d{13}-\d{5}-[^-\s]+$")

LocalNik = Callable[[str], "str | None"]


@dataclass
class ParsedWorkbook:
    path: Path
    sha256: str
    meta: dict[str, str]
    staging: Staging
    rows: dict[str, int] = field(default_factory=dict)  # entity -> rows staged
    edited: dict[str, int] = field(default_factory=dict)
    rejected: int = 0

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def source_device(self) -> str:
        return self.meta.get("device", "")

    @property
    def source_officer(self) -> str:
        return self.meta.get("officer", "")

    def close(self) -> None:
        self.staging.close()

    def __enter__(self) -> ParsedWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _NikNumber:
    """A NIK cell Excel stored as a number: only its first 15 digits can be trusted."""

    def __init__(self, value: float) -> None:
        self.text = f"{value:.0f}"
        self.prefix = self.text[:15]


def _decoder(column: Column) -> Callable[[Any], Any]:
    kind, nullable = column.kind, column.nullable
    if column.field in SYSTEM_FIELDS:
        nullable = True  # blank on rows a supervisor added; checked in _SheetReader.read
    if kind == "nik":
        return lambda v: _NikNumber(v) if C.is_nik_number(v) else C.decode_text(v, True)
    if kind == "phone":
        return C.decode_phone
    if kind == "date":
        return lambda v: C.decode_date(v, nullable)
    if kind == "datetime":
        return lambda v: C.decode_datetime(v, nullable)
    if kind == "int":
        return lambda v: C.decode_int(v, nullable)
    if kind == "rupiah":
        return C.decode_rupiah
    if kind == "enum":
        enum = column.enum
        return lambda v: C.decode_enum(v, enum, nullable)  # type: ignore[arg-type]
    if kind == "bool":
        return C.decode_bool
    return lambda v: C.decode_text(v, nullable)


class _SheetReader:
    def __init__(
        self, spec: SheetSpec, header: list[Any], meta: dict[str, str], local_nik: LocalNik | None
    ) -> None:
        self.spec = spec
        index: dict[str, int] = {}
        for i, h in enumerate(header):
            index.setdefault(header_key(h), i)
        self.col_index: list[int | None] = []
        missing = []
        for column in spec.columns:
            i = index.get(header_key(column.header), index.get(header_key(column.field)))
            self.col_index.append(i)
            if i is None and not column.kind.startswith("display"):
                missing.append(column.header)
        if missing:
            raise WorkbookLayoutError(
                f"Lembar '{spec.name}' tidak punya kolom: {', '.join(missing)}. "
                "Jangan menghapus atau mengganti nama kolom. Tidak ada yang diubah.",
                f"Sheet '{spec.name}' lacks the columns: {', '.join(missing)}. "
                "Do not delete or rename columns. Nothing was changed.",
            )
        by_field = {c.field: (c, i) for c, i in zip(spec.columns, self.col_index, strict=False)}
        self.decoders = [
            (by_field[f][0].header, by_field[f][1], _decoder(by_field[f][0]))
            for f in spec.stored_fields
        ]
        self.deleted_i = by_field["_deleted"][1]
        self.hash_i = by_field["_row_hash"][1]
        self.base_i = by_field["_base_rev"][1]
        self.label_i = self.col_index[0]
        self.nik_pos = spec.stored_fields.index("nik") if "nik" in spec.stored_fields else -1
        self.local_nik = local_nik
        self.export_millis = _export_millis(meta)
        self.export_id = meta.get("export_id", "")
        self.today = (
            datetime.fromtimestamp(self.export_millis / 1000, timezone.utc).date()
            if self.export_millis
            else date.today()
        )

    def cells(self, raw: list[Any]) -> list[Any]:
        n = len(raw)
        return [raw[i] if i is not None and i < n else "" for i in self.col_index]

    def read(self, raw: list[Any], row_num: int) -> tuple:
        n = len(raw)
        values: list[Any] = []
        for header, i, decode in self.decoders:
            try:
                values.append(decode(raw[i] if i < n else ""))
            except C.CellError as exc:
                raise RowRejected(
                    f"Kolom '{header}': {exc.text_id}", f"Column '{header}': {exc.text_en}"
                ) from None
        if self.nik_pos >= 0 and isinstance(values[self.nik_pos], _NikNumber):
            values[self.nik_pos] = self._resolve_nik(values[0], values[self.nik_pos])
        rid, rev = values[0], values[1]
        new_row = not rid and not rev
        if not new_row and not (
            rid
            and rev
            and len(rid) <= 36
            and _REV.match(rev)
            and values[2]
            and values[3]
            and values[4]
        ):
            raise RowRejected(
                "Kolom mesin id/rev rusak atau tidak lengkap; jangan mengubah kolom mesin.",
                "The machine columns id/rev are damaged or incomplete; do not edit them.",
            )
        deleted = self._deleted_flag(raw)
        hash_cell = raw[self.hash_i] if self.hash_i < n else ""
        base_cell = raw[self.base_i] if self.base_i < n else ""
        base = base_cell if isinstance(base_cell, str) and _REV.match(base_cell) else None
        was_deleted = values[5] is not None
        if not new_row and deleted == was_deleted and hash_cell == C.row_hash(values):
            return (*values, base, hash_cell, row_num, 0)
        return self._edited(values, rev, deleted, new_row, hash_cell, row_num)

    def _deleted_flag(self, raw: list[Any]) -> bool:
        cell = raw[self.deleted_i] if self.deleted_i < len(raw) else ""
        try:
            return bool(C.decode_bool(cell))
        except C.CellError:
            raise RowRejected(
                "Kolom 'Dihapus' hanya boleh 'Ya' atau kosong.",
                "The column 'Dihapus' may only be 'Ya' or empty.",
            ) from None

    def _resolve_nik(self, record_id: str | None, number: _NikNumber) -> str:
        stored = self.local_nik(record_id) if (self.local_nik and record_id) else None
        if stored and stored[:15] == number.prefix:
            return stored
        problem = Problem.of("nik_excel_number", text=number.text)
        raise RowRejected(
            f"Kolom 'NIK': {describe(problem, 'id')}", f"Column 'NIK': {describe(problem, 'en')}"
        )

    def _edited(
        self,
        values: list[Any],
        rev: str | None,
        deleted: bool,
        new_row: bool,
        hash_cell: Any,
        row_num: int,
    ) -> tuple:
        fields = self.spec.stored_fields
        d = dict(zip(fields, values, strict=False))
        if new_row:
            _fill_defaults(self.spec, d)
        validate_edited(self.spec.entity, d, self.today)
        millis = max(Rev.parse(rev).millis if rev else 0, self.export_millis) + 1
        stamp = C.millis_datetime_text(millis)
        d["updated_at"] = stamp
        d["updated_by"] = SPREADSHEET_DEVICE
        if not deleted:
            d["deleted_at"] = None
        elif d["deleted_at"] is None:
            d["deleted_at"] = stamp
        if new_row:
            data = C.canonical([d[f] for f in fields[6:]])
            d["id"] = str(
                uuid.uuid5(NEW_ROW_NAMESPACE, f"{self.export_id}|{self.spec.name}|{row_num}|{data}")
            )
            d["created_at"] = stamp
        d["rev"] = ""
        line = C.canonical([d[f] for f in fields])
        digest = hashlib.sha256(line.encode("utf-8", "surrogatepass"))
        d["rev"] = Rev(millis, 0, "xls" + digest.hexdigest()[:12]).encode()
        return (
            *(d[f] for f in fields),
            rev or None,
            hash_cell if isinstance(hash_cell, str) else "",
            row_num,
            1,
        )


def _fill_defaults(spec: SheetSpec, values: dict[str, Any]) -> None:
    """Blank required fields of a row added in the sheet take the model's default."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    for column in table.columns:
        default = column.default
        if values.get(column.name) is None and not column.nullable and default is not None:
            if getattr(default, "is_scalar", False):
                arg = default.arg
                values[column.name] = int(arg) if isinstance(arg, bool) else arg


def _export_millis(meta: dict[str, str]) -> int:
    try:
        moment = datetime.fromisoformat(meta.get("exported_at", ""))
    except ValueError:
        return 0
    return int((moment - datetime(1970, 1, 1)).total_seconds() * 1000)


def _check_meta(name: str, meta: dict[str, str], sheet_names: list[str]) -> None:
    if meta.get("format") != FORMAT_NAME:
        raise ForeignWorkbookError(
            f"'{name}' adalah buku kerja Excel, tetapi bukan hasil ekspor Desa Sadar "
            "(lembar Metadata tidak ada atau diubah). Tidak ada yang diubah.",
            f"'{name}' is an Excel workbook, but not a Desa Sadar export (its Metadata "
            "sheet is missing or changed). Nothing was changed.",
        )
    try:
        version = int(meta.get("format_version", ""))
    except ValueError:
        version = 10**6
    if version > FORMAT_VERSION:
        raise WorkbookTooNewError(
            f"'{name}' dibuat oleh versi Desa Sadar yang lebih baru (format {version}). "
            "Perbarui aplikasi ini lalu impor lagi. Tidak ada yang diubah.",
            f"'{name}' was made by a newer version of Desa Sadar (format {version}). "
            "Update this app and import again. Nothing was changed.",
        )
    if meta.get("privacy") == "1":
        raise PrivacyWorkbookError(
            f"'{name}' adalah salinan baca saja (NIK dan telepon disamarkan) dan tidak bisa "
            "diimpor. Impor ekspor lengkapnya. Tidak ada yang diubah.",
            f"'{name}' is a read-only copy (NIK and phone masked) and cannot be imported. "
            "Import the full export instead. Nothing was changed.",
        )
    missing = [s.name for s in SHEETS if s.name not in sheet_names]
    if missing:
        raise WorkbookLayoutError(
            f"Lembar berikut tidak ada di '{name}': {', '.join(missing)}. Tidak ada yang diubah.",
            f"These sheets are missing from '{name}': {', '.join(missing)}. Nothing was changed.",
        )


def _read_sheet(
    wb: CalamineWorkbook,
    spec: SheetSpec,
    meta: dict[str, str],
    staging: Staging,
    parsed: ParsedWorkbook,
    local_nik: LocalNik | None,
    tick: Callable[[int], None],
    name: str,
) -> None:
    try:
        sheet = wb.get_sheet_by_name(spec.name)
        rows = sheet.iter_rows()
        start = (sheet.start or (0, 0))[0]
        if sheet.height > MAX_ROWS_PER_SHEET:
            raise WorkbookLayoutError(
                f"Lembar '{spec.name}' punya terlalu banyak baris ({sheet.height}).",
                f"Sheet '{spec.name}' has too many rows ({sheet.height}).",
            )
        header = next(rows, [])
    except WorkbookLayoutError:
        raise
    except Exception:
        raise damaged(name) from None
    reader = _SheetReader(spec, header, meta, local_nik)
    batch: list[tuple] = []
    staged = edited = 0
    for offset, raw in enumerate(rows, start=start + 2):
        if not any(c != "" and c is not None for c in raw):
            continue
        try:
            row = reader.read(raw, offset)
        except RowRejected as exc:
            label = (
                raw[reader.label_i]
                if reader.label_i is not None and reader.label_i < len(raw)
                else ""
            )
            staging.reject(
                spec.name,
                offset,
                _text_or_none(raw, reader.col_index, spec),
                str(label),
                exc.text_id,
                exc.text_en,
                reader.cells(raw),
            )
            parsed.rejected += 1
        else:
            batch.append(row)
            edited += row[-1]
            if len(batch) >= CHUNK:
                staging.add_rows(spec, batch)
                staged += len(batch)
                tick(len(batch))
                batch = []
    staging.add_rows(spec, batch)
    staged += len(batch)
    tick(len(batch))
    parsed.rows[spec.entity] = staged
    parsed.edited[spec.entity] = edited


def _text_or_none(raw: list[Any], col_index: list[int | None], spec: SheetSpec) -> str | None:
    i = col_index[[c.field for c in spec.columns].index("id")]
    value = raw[i] if i is not None and i < len(raw) else None
    return value if isinstance(value, str) and value else None


def read_workbook(
    path: Path | str,
    *,
    local_nik: LocalNik | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    checked: FileFacts | None = None,
) -> ParsedWorkbook:
    """``checked``: the result of :func:`check_workbook_file` when already run."""
    path = Path(path)
    facts = checked or check_workbook_file(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception:
        raise damaged(path.name) from None
    staging = Staging()
    try:
        with wb:
            if METADATA_SHEET not in wb.sheet_names:
                _check_meta(path.name, {}, wb.sheet_names)
            try:
                meta_rows = wb.get_sheet_by_name(METADATA_SHEET).to_python()
            except Exception:
                raise damaged(path.name) from None
            meta = read_metadata(meta_rows)
            _check_meta(path.name, meta, wb.sheet_names)
            parsed = ParsedWorkbook(path, facts.sha256, meta, staging)
            total = _expected_rows(meta)
            done = [0]

            def tick(n: int) -> None:
                done[0] += n
                if cancelled is not None and cancelled():
                    raise OperationCancelled()
                if progress is not None:
                    progress(min(done[0], total), total)

            for spec in SHEETS:
                _read_sheet(wb, spec, meta, staging, parsed, local_nik, tick, path.name)
        staging.finish_loading()
    except BaseException:
        staging.close()
        raise
    return parsed


def _expected_rows(meta: dict[str, str]) -> int:
    try:
        counts = json.loads(meta.get("counts", "{}"))
        return max(1, sum(int(v) for v in counts.values()))
    except (ValueError, TypeError, AttributeError):
        return 1
