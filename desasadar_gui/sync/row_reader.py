"""One sheet row -> typed values: which sheet column is which field, and each cell
decoded by its column's kind.

Columns are found by header (case, spaces and punctuation do not matter), so a
supervisor may move columns or add their own; ours may not be deleted, renamed or
doubled. A cell that cannot be read as its column's kind, an error value, a formula
without a result or the covered part of a merged range rejects the row with the cell's
address and the reason; it is never read as empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from desasadar_gui.domain import fields
from desasadar_gui.domain.text import clean_text
from desasadar_gui.sync import cells as C
from desasadar_gui.sync.errors import WorkbookLayoutError
from desasadar_gui.sync.workbook_format import Column, SheetSpec, header_key
from desasadar_gui.sync.xlsx_stream import ERROR, MERGED, NO_RESULT, Row, cell_name

# Header keys of columns people see (their names are what a supervisor may type).
DISPLAY_PREFIX = "display"


class RowRejected(ValueError):
    """``as_new``: the row holds another record than its id names; its error-workbook row
    carries no machine columns, so importing it (fixed) adds it as a new record."""

    def __init__(self, text_id: str, text_en: str, as_new: bool = False) -> None:
        super().__init__(text_en)
        self.text_id = text_id
        self.text_en = text_en
        self.as_new = as_new


class NikNumber:
    """A NIK cell Excel stored as a number: only its first 15 digits can be trusted."""

    def __init__(self, value: float) -> None:
        self.text = f"{value:.0f}"
        self.prefix = self.text[:15]


def _multiline(spec: SheetSpec, column: Column) -> bool:
    f = fields.FIELDS_BY_NAME[spec.entity].get(column.field)
    return f is not None and f.kind == fields.LONG


def decoder(spec: SheetSpec, column: Column) -> Callable[[Any], Any]:
    """Cell value -> typed value (``None`` for blank); raises ``cells.CellError``.

    Each decoder tries the form a cell has in an export first (the import reads half a
    million rows), then the general path."""
    kind = column.kind
    if kind == "nik":
        return lambda v: NikNumber(v) if C.is_nik_number(v) else _text(v)
    if kind == "phone":
        return C.decode_phone
    if kind in ("date", "display_date"):
        return lambda v: v if v.__class__ is date else C.decode_date(v)
    if kind == "datetime":
        return _timestamp
    if kind == "int":
        return lambda v: v if v.__class__ is int else C.decode_int(v)
    if kind == "rupiah":
        return lambda v: (
            v if v.__class__ is int else (None if v is None or v == "" else C.decode_rupiah(v))
        )
    if kind in ("enum", "display_enum"):
        enum = column.enum
        exact = {m.label_id: m.value for m in enum}  # type: ignore[union-attr]
        return lambda v: exact.get(v) or C.decode_enum(v, enum, True)  # type: ignore[arg-type]
    if kind in ("bool", "deleted"):
        exact_bool = {C.BOOL_TRUE: True, C.BOOL_FALSE: False}
        return lambda v: exact_bool[v] if v in exact_bool else C.decode_bool(v)
    if _multiline(spec, column):
        return lambda v: _text(v, True)
    return _text


def _text(value: Any, multiline: bool = False) -> str | None:
    if value.__class__ is str:
        return clean_text(value, multiline=multiline) or None
    text = C.decode_text(value, True)
    return clean_text(text, multiline=multiline) or None if text is not None else None


def _timestamp(value: Any) -> str | None:
    """Machine timestamps are written in their stored form; anything else is parsed."""
    if value.__class__ is str and len(value) == 26 and value[10] == " ":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and C.FIRST_TIMESTAMP <= moment <= C.LAST_TIMESTAMP:
            return value
    return C.decode_datetime(value)


@dataclass
class Layout:
    """Where each of the sheet's columns sits, and how to read it."""

    spec: SheetSpec
    index: dict[str, int]  # field -> sheet column (display columns may be absent)
    width: int  # columns to read

    @classmethod
    def from_header(cls, spec: SheetSpec, header: list[Any]) -> Layout:
        found: dict[str, list[int]] = {}
        for i, h in enumerate(header):
            if isinstance(h, str) and h.strip():
                found.setdefault(header_key(h), []).append(i)
        index: dict[str, int] = {}
        missing, doubled = [], []
        for column in spec.columns:
            hits = found.get(header_key(column.header)) or found.get(header_key(column.field))
            if not hits:
                if not column.kind.startswith(DISPLAY_PREFIX):
                    missing.append(column.header)
                continue
            if len(hits) > 1:
                doubled.append(column.header)
            index[column.field] = hits[0]
        if missing:
            raise WorkbookLayoutError(
                f"Lembar '{spec.name}' tidak punya kolom: {', '.join(missing)}. "
                "Jangan menghapus atau mengganti nama kolom. Tidak ada yang diubah.",
                f"Sheet '{spec.name}' lacks the columns: {', '.join(missing)}. "
                "Do not delete or rename columns. Nothing was changed.",
            )
        if doubled:
            raise WorkbookLayoutError(
                f"Kolom {', '.join(doubled)} muncul dua kali di lembar '{spec.name}' "
                "(kolom disalin?). Hapus salinannya lalu impor lagi. Tidak ada yang diubah.",
                f"The columns {', '.join(doubled)} appear twice on sheet '{spec.name}' "
                "(a copied column?). Delete the copy and import again. Nothing was changed.",
            )
        return cls(spec, index, max(index.values()) + 1)


class RawRow(NamedTuple):
    """A row's typed values: ``values`` by field (stored fields, display columns,
    ``_deleted``, ``_base_rev``, ``_row_hash``, ``_fingerprint``), and ``stored``: the
    stored fields' values in ``SheetSpec.stored_fields`` order (what the row hash is of)."""

    number: int
    values: dict[str, Any]
    new: bool
    stored: list[Any]


def _stored_first(spec: SheetSpec) -> Callable[[Column], int]:
    order = {f: i for i, f in enumerate(spec.stored_fields)}
    return lambda c: order.get(c.field, len(order))


class RowDecoder:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        spec = layout.spec
        self.columns = [
            (c.field, c.header, layout.index[c.field], decoder(spec, c))
            for c in sorted(spec.columns, key=_stored_first(spec))
            if c.field in layout.index and c.kind != "hash"
        ]
        self.n_stored = len(spec.stored_fields)
        self.names = [c[0] for c in self.columns]
        self.decoders = [(c[2], c[3]) for c in self.columns]
        self.hash_fields = [
            (f, layout.index[f])
            for f in ("_base_rev", "_row_hash", "_fingerprint")
            if f in layout.index
        ]
        self.read_at = sorted(layout.index.values())
        self.name_at = {
            i: c.header for c in spec.columns if (i := layout.index.get(c.field)) is not None
        }

    def is_blank(self, row: Row) -> bool:
        """Nothing in our columns (a supervisor's own columns do not count)."""
        return not any(map(row.values.__getitem__, self.read_at)) and not any(
            i in row.odd for i in self.read_at
        )

    def decode(self, row: Row) -> RawRow:
        values, num = row.values, row.number
        if row.odd:
            self._refuse_odd(row)
        try:
            decoded = [d(values[i]) for i, d in self.decoders]
        except C.CellError:
            self._refuse_cell(values, num)
            raise
        out = dict(zip(self.names, decoded, strict=True))
        for fieldname, i in self.hash_fields:
            cell = values[i]
            out[fieldname] = cell.strip() if cell.__class__ is str and cell.strip() else None
        get = out.get
        new = (
            get("id") is None
            and get("rev") is None
            and get("created_at") is None
            and get("updated_at") is None
            and get("updated_by") is None
        )
        return RawRow(num, out, new, decoded[: self.n_stored])

    def _refuse_cell(self, values: list[Any], num: int) -> None:
        """The first cell that cannot be read, as a rejection naming it."""
        for _fieldname, header, i, decode in self.columns:
            try:
                decode(values[i])
            except C.CellError as exc:
                where = cell_name(i, num)
                raise RowRejected(
                    f"Sel {where} (kolom '{header}'): {exc.text_id}",
                    f"Cell {where} (column '{header}'): {exc.text_en}",
                ) from None

    def _refuse_odd(self, row: Row) -> None:
        for i in self.read_at:
            if i not in row.odd:
                continue
            what, detail = row.odd[i]
            where = cell_name(i, row.number)
            header = self.name_at.get(i, "")
            if what == ERROR:
                text_id = f"berisi kesalahan Excel {detail} (mis. dari VLOOKUP); isi nilainya"
                text_en = f"holds the Excel error {detail} (e.g. from a VLOOKUP); enter a value"
            elif what == NO_RESULT:
                text_id = f"berisi rumus tanpa hasil tersimpan ({detail}); tempel sebagai nilai"
                text_en = f"holds a formula without a saved result ({detail}); paste as values"
            elif what == MERGED:
                text_id = f"bagian dari sel gabungan {detail}; pisahkan gabungan sel itu"
                text_en = f"is part of the merged cells {detail}; unmerge them"
            else:  # pragma: no cover - xlsx_stream only reports the kinds above
                continue
            raise RowRejected(
                f"Sel {where} (kolom '{header}') {text_id}.",
                f"Cell {where} (column '{header}') {text_en}.",
            )


def cells_of(layout: Layout, row: Row) -> list[Any]:
    """The row's cells in the export's column order (for the error workbook)."""
    out = []
    for column in layout.spec.columns:
        i = layout.index.get(column.field)
        value = row.values[i] if i is not None and i < len(row.values) else ""
        out.append("" if i is not None and i in row.odd else value)
    return out
