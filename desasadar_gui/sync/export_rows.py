"""The export's row query: the database hands back each cell as it will be written.

Per sheet column the query yields the cell value already shaped (enumeration labels,
Ya/Tidak, Excel day numbers for dates); then the raw stored fields, hashed in Python
into ``row_hash`` (``cells.row_hash``, the same function the import uses, so both
engines and every version agree); the raw values of the visible columns, whose short
hashes make the ``fingerprint``; and a flag for rows holding text that needs the
careful writer (``<r>``-prefixed, or longer than half of Excel's limit). Shaping cells
in SQL keeps Python's per-cell work to one call into XlsxWriter, which is what the
export's speed is measured against.

The SQL is the same on SQLite and PostgreSQL except where a function differs (one
branch per need here): SQLite numbers its ISO date text with ``julianday``; PostgreSQL
hands back ``date`` and ``datetime`` objects, which the writers number and format in
Python (``date_cell``, and ``to_char`` for the machine timestamps). The raw values the
hashes are taken of are typed values there and storage text on SQLite; ``cells.canon``
renders both alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from xlsxwriter.worksheet import Worksheet

from desasadar_gui.sync.cells import EXCEL_EPOCH, FIRST_SERIAL_DATE, shown_phone
from desasadar_gui.sync.sheet_writer import XLS_STRMAX, Formats, text_writer
from desasadar_gui.sync.workbook_format import BOOL_FALSE, BOOL_TRUE, Column, SheetSpec

# Excel's day 0 (30/12/1899) as a Julian day number.
_EXCEL_EPOCH_JD = 2415018.5
_USER_TEXT = frozenset({"text", "code", "nik", "display", "enum", "display_enum"})


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _source(spec: SheetSpec, column: Column) -> str:
    if column.kind.startswith("display"):
        return spec.display_sql[column.field]
    return f"t.{column.field}"


def _timestamp_text(src: str) -> str:
    return f"to_char({src}, 'YYYY-MM-DD HH24:MI:SS.US')"


def cell_sql(spec: SheetSpec, column: Column, dialect: str = "sqlite") -> str:
    kind, src = column.kind, _source(spec, column)
    sqlite = dialect == "sqlite"
    if kind in ("enum", "display_enum"):
        cases = " ".join(
            f"WHEN {_quote(m.value)} THEN {_quote(m.label_id)}"
            for m in column.enum  # type: ignore[union-attr]
        )
        return f"CASE {src} {cases} ELSE {src} END"
    if kind == "bool":
        return f"CASE WHEN {src} THEN {_quote(BOOL_TRUE)} ELSE {_quote(BOOL_FALSE)} END"
    if kind == "deleted":
        return f"CASE WHEN t.deleted_at IS NOT NULL THEN {_quote(BOOL_TRUE)} END"
    if kind in ("date", "display_date") and sqlite:
        # Dates Excel cannot number (before 1 March 1900, or unreadable) stay text.
        return (
            f"CASE WHEN {src} >= '{FIRST_SERIAL_DATE.isoformat()}' AND julianday({src}) "
            f"IS NOT NULL THEN CAST(julianday({src}) - {_EXCEL_EPOCH_JD} AS INTEGER) "
            f"ELSE {src} END"
        )
    if kind == "datetime" and not sqlite:  # the storage form SQLite keeps
        return _timestamp_text(src)
    if column.field == "_base_rev":
        return "b.rev"
    if column.field in ("_row_hash", "_fingerprint"):
        return "NULL"  # computed in Python from the raw values
    return src


@dataclass(frozen=True)
class ExportQuery:
    """The row query of one sheet, and where the raw values sit in each row.

    A row holds one shaped value per sheet column, then raw values the shaping changed
    (enumeration codes, ISO dates, 1/0 flags) and the careful-writer flag last. A raw
    value that the sheet shows as it is (text, codes, ids) is read from its cell's
    position: each value crosses from SQLite to Python once.
    """

    sql: str
    stored: Callable[[Any], tuple]  # row -> the stored fields (row hash)
    checked: Callable[[Any], tuple]  # row -> the checked columns (fingerprint)


def export_query(spec: SheetSpec, dialect: str = "sqlite") -> ExportQuery:
    cells = [cell_sql(spec, c, dialect) for c in spec.columns]
    select = list(cells)

    def position(expr: str) -> int:
        if expr in cells:
            return cells.index(expr)
        if expr not in select:
            select.append(expr)
        return select.index(expr)

    # A server's timestamps are hashed as the text their cells hold (SQLite's stored
    # form, which cells.canon would otherwise format from each datetime again).
    timestamps = {c.field for c in spec.columns if c.kind == "datetime"}
    stored = [
        position(_timestamp_text(f"t.{f}") if dialect != "sqlite" and f in timestamps else f"t.{f}")
        for f in spec.stored_fields
    ]
    checked = [position(_source(spec, c)) for c in spec.checked_columns]
    texts = [_source(spec, c) for c in spec.columns if c.kind in _USER_TEXT]
    # substr, not LIKE: no '%' in the text of a query a pyformat driver reads.
    careful = " OR ".join(
        f"substr({c}, 1, 3) = '<r>' OR length({c}) > {XLS_STRMAX // 2}" for c in texts
    )
    sql = (
        f"SELECT {', '.join(select)}, {careful or '0'} "
        f"FROM {spec.entity} t {spec.joins} "
        f"LEFT JOIN sync_base b ON b.record_id = t.id ORDER BY {spec.order_by}"
    )
    return ExportQuery(sql, itemgetter(*stored), itemgetter(*checked))


_EPOCH_ORDINAL = EXCEL_EPOCH.toordinal()


def date_cell(value: date) -> int | str:
    """A date as the SQLite query shapes it: Excel's day number, or ISO text before
    1 March 1900 (which Excel numbers wrongly)."""
    if value >= FIRST_SERIAL_DATE:
        return value.toordinal() - _EPOCH_ORDINAL
    return value.isoformat()


Writer = Callable[[int, int, Any], Any]


def row_writers(
    ws: Worksheet, spec: SheetSpec, fmt: Formats
) -> tuple[list[tuple[int, Writer]], list[tuple[int, Writer]], int]:
    """(fast writers, careful writers, row-hash column): one (column, writer) per cell."""
    write_string = getattr(ws, "_write_string", ws.write_string)
    write_number = getattr(ws, "_write_number", ws.write_number)
    careful_text = text_writer(ws, fmt)

    def number_or_text(r: int, c: int, v: Any) -> None:
        if v.__class__ is int:
            write_number(r, c, v)
        elif v.__class__ is date:
            put = date_cell(v)
            if isinstance(put, int):
                write_number(r, c, put)
            else:
                careful_text(r, c, put)
        else:
            careful_text(r, c, str(v))

    def phone(r: int, c: int, v: Any) -> None:
        careful_text(r, c, shown_phone(v))

    fast: list[tuple[int, Writer]] = []
    careful: list[tuple[int, Writer]] = []
    hash_col = -1
    for c, column in enumerate(spec.columns):
        kind = column.kind
        if column.field in ("_row_hash", "_fingerprint"):
            if column.field == "_row_hash":
                hash_col = c
            continue
        if kind in ("int", "rupiah"):
            pair = (write_number, write_number)
        elif kind in ("date", "display_date"):
            pair = (number_or_text, number_or_text)
        elif kind == "phone":
            pair = (phone, phone)
        else:
            pair = (write_string, careful_text)
        fast.append((c, pair[0]))
        careful.append((c, pair[1]))
    return fast, careful, hash_col
