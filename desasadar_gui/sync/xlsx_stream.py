"""Reading a worksheet row by row, in bounded memory, with every cell as it really is.

The reader is python-calamine-plus (a streaming fork of python-calamine, pinned in
pyproject.toml): it decodes rows straight from the compressed file, so memory does
not grow with the sheet, and it never allocates by the sheet's declared dimension (a
stray cell at XFD1048576 costs nothing but the empty rows before it). Its rich mode
tells what a plain reader hides, which the import must never read as "empty":

- an error value (``#N/A`` from a VLOOKUP, ``#DIV/0!``): :data:`ERROR`;
- a formula without a saved result (a file never calculated): :data:`NO_RESULT`;
- the lower or right cells of a merged range, which the sheet shows as the top-left
  value (they read as empty, or as a hidden old value): :data:`MERGED`.

This module is the only one that knows the reader; swap it here.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from python_calamine_plus import CalamineWorkbook


class ReaderError(Exception):
    """The reader could not parse the file (damaged, or a cell it cannot represent:
    a date or duration out of range). ``after_row``: the last row it did read."""

    def __init__(self, text: str, after_row: int = 0) -> None:
        super().__init__(text)
        self.after_row = after_row


# What the reader raises on a cell it cannot represent: Python errors (OverflowError on
# a duration of a million years) and, from its Rust core, a PanicException, which is a
# BaseException. Only these pass through as themselves:
_LET_THROUGH = (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)
_END = object()


@contextmanager
def _reading(after_row: int = 0) -> Iterator[None]:
    """Whatever the reader raises (but the let-through kinds) as a ReaderError."""
    try:
        yield
    except _LET_THROUGH:
        raise
    except BaseException as exc:
        raise ReaderError(str(exc), after_row) from exc


def _next(stream: Iterator[Any], after_row: int) -> Any:
    """The stream's next item, ``_END`` at its end; a reader failure as ReaderError
    (our own code around it is not guarded: its bugs stay bugs)."""
    try:
        return next(stream)
    except StopIteration:
        return _END
    except _LET_THROUGH:
        raise
    except BaseException as exc:
        raise ReaderError(str(exc), after_row) from exc


ERROR = "error"
# Excel's error values. The plain read shows an error cell as this text; typed as text
# it is no value either (no name, phone or date reads "#N/A").
EXCEL_ERRORS = frozenset(
    {
        "#N/A",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)
NO_RESULT = "no-result"
MERGED = "merged"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(col: int, row_num: int) -> str:
    """'K12' for column index 10 on sheet row 12."""
    return f"{column_letter(col)}{row_num}"


class Row(NamedTuple):
    """One sheet row: its 1-based number, its values (padded to the width asked for;
    blank cells are ``""``), and the cells that hold no usable value: column index ->
    (:data:`ERROR` | :data:`NO_RESULT` | :data:`MERGED`, detail)."""

    number: int
    values: list[Any]
    odd: dict[int, tuple[str, str]]


def sheet_parts(path: Path | str) -> dict[str, str]:
    """Sheet name -> its part in the zip ('xl/worksheets/sheet3.xml')."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as zf:
            book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise ReaderError(str(exc)) from exc
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter(f"{ns_main}sheet"):
        target = targets.get(sheet.get(f"{ns_rel}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out[sheet.get("name", "")] = posixpath.normpath(part)
    return out


class Workbook:
    """An open workbook; ``with`` closes it.

    ``detailed_parts``: worksheet parts that hold formulas, error values or merged
    cells (``file_checks`` finds them while it streams every part anyway). Those sheets
    are read in the reader's rich mode; the others in its plain mode, which is faster
    and sees everything such a sheet can hold.
    """

    def __init__(self, path: Path | str, detailed_parts: frozenset[str] | None = None) -> None:
        with _reading():
            self._wb = CalamineWorkbook.from_path(str(path))
        self._parts = sheet_parts(path) if detailed_parts is not None else {}
        self._detailed = detailed_parts

    def detailed(self, name: str) -> bool:
        if self._detailed is None:
            return True  # nothing known about the parts: look at every cell
        return self._parts.get(name, "") in self._detailed

    @property
    def sheet_names(self) -> list[str]:
        return list(self._wb.sheet_names)

    def sheet_values(self, name: str, rows: int = 200, width: int = 8) -> list[list[Any]]:
        """The first cells of a small sheet (Metadata) as plain values."""
        with _reading():
            stream = self._wb.stream_sheet_by_name(name, max_row=rows - 1, max_col=width - 1)
            return [list(values) for values in stream]

    def header(self, name: str, width: int = 512) -> list[Any]:
        """The first row of sheet ``name`` (plain values; reading stops after it)."""
        with _reading():
            for values in self._wb.stream_sheet_by_name(name, max_row=0, max_col=width - 1):
                return list(values)
        return []

    def rows(self, name: str, width: int) -> Iterator[Row]:
        """Every row of sheet ``name`` from the first, cut or padded to ``width`` columns."""
        if not self.detailed(name):
            yield from self._plain_rows(name, width)
            return
        with _reading():
            stream = self._wb.stream_sheet_by_name(name, rich=True, max_col=max(width - 1, 0))
            merged = _Merged(stream.merged_cell_ranges or (), width)
        last = 0
        while (cells := _next(stream, last)) is not _END:
            odd: dict[int, tuple[str, str]] = {}
            values: list[Any] = []
            row_index = -1
            cell: Any
            for c, cell in enumerate(cells):
                value = cell.value
                kind = cell.data_type
                if kind == "e":
                    odd[c] = (ERROR, str(value))
                    value = ""
                elif value == "" and cell.formula:
                    odd[c] = (NO_RESULT, str(cell.formula)[:60])
                values.append(value)
                row_index = cell.row
            if row_index < 0:
                continue
            if merged.ranges:
                # Covered cells may still hold their old value (LibreOffice keeps it,
                # hidden): what the sheet shows there is the anchor's, so neither is used.
                for c, name in merged.covered(row_index):
                    if c not in odd:
                        odd[c] = (MERGED, name)
            last = row_index + 1
            yield Row(last, values, odd)

    def _plain_rows(self, name: str, width: int) -> Iterator[Row]:
        with _reading():
            stream = self._wb.stream_sheet_by_name(name, max_col=max(width - 1, 0))
        no_odd: dict[int, tuple[str, str]] = {}
        errors = EXCEL_ERRORS
        number = 0
        while (values := _next(stream, number)) is not _END:
            number += 1  # plain rows come one per sheet row, from the first
            odd = no_odd
            if not errors.isdisjoint(values):  # error cells read as their text
                odd = {c: (ERROR, str(v)) for c, v in enumerate(values) if v in errors}
                values = ["" if c in odd else v for c, v in enumerate(values)]
            yield Row(number, values, odd)

    def close(self) -> None:
        self._wb.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Merged:
    """The non-anchor cells of merged ranges, asked for row by row in order."""

    def __init__(self, ranges: Any, width: int) -> None:
        self.ranges = sorted(
            (r0, r1, c0, min(c1, width - 1), f"{cell_name(c0, r0 + 1)}:{cell_name(c1, r1 + 1)}")
            for (r0, c0), (r1, c1) in ranges
            if c0 < width
        )
        self._next = 0
        self._active: list[tuple[int, int, int, int, str]] = []

    def covered(self, row: int) -> list[tuple[int, str]]:
        while self._next < len(self.ranges) and self.ranges[self._next][0] <= row:
            self._active.append(self.ranges[self._next])
            self._next += 1
        self._active = [r for r in self._active if r[1] >= row]
        out = []
        for r0, _r1, c0, c1, name in self._active:
            for c in range(c0, c1 + 1):
                if (row, c) != (r0, c0):
                    out.append((c, name))
        return out
