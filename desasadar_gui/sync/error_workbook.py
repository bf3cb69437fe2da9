"""The error workbook: rejected rows with the reason beside each, ready to fix.

It has the same sheets and columns as the export (plus "Alasan penolakan" in front)
and the original's Metadata, so a supervisor fixes the cells and imports this file:
each fixed row comes back as an edit of the original row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import xlsxwriter

from desasadar_gui.files import replaced_when_done
from desasadar_gui.sync.cells import date_serial
from desasadar_gui.sync.metadata import write_metadata
from desasadar_gui.sync.sheet_writer import Formats, column_format, value_writers
from desasadar_gui.sync.workbook_export import WORKBOOK_OPTIONS
from desasadar_gui.sync.workbook_format import METADATA_SHEET, SHEETS, SheetSpec
from desasadar_gui.sync.workbook_read import ParsedWorkbook

REASON_HEADER = "Alasan penolakan"
NOTE = (
    "Baris-baris ini ditolak saat impor. Perbaiki sel yang disebut di kolom 'Alasan "
    "penolakan', simpan, lalu impor berkas ini lagi. / These rows were rejected on import. "
    "Fix the cells named in 'Alasan penolakan' (reason), save, and import this file again."
)


class _Shifted:
    """Worksheet facade that moves every cell one column to the right."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.name = ws.name

    def write_string(self, r: int, c: int, *args: Any) -> Any:
        return self.ws.write_string(r, c + 1, *args)

    def write_number(self, r: int, c: int, *args: Any) -> Any:
        return self.ws.write_number(r, c + 1, *args)

    def write_rich_string(self, r: int, c: int, *args: Any) -> Any:
        return self.ws.write_rich_string(r, c + 1, *args)


def _write_raw(ws: Any, r: int, c: int, value: Any, fmt: Formats) -> None:
    if value is None or value == "":
        return
    if isinstance(value, dict) and "d" in value:
        text = value["d"]
        serial = date_serial(text[:10]) if len(text) == 10 else text
        if isinstance(serial, int):
            ws.write_number(r, c, serial, fmt.date)
        else:
            ws.write_string(r, c, serial)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value))


# Machine columns an "as new" row leaves blank (references stay: a village is a village).
_IDENTITY_COLUMNS = frozenset(
    {
        "id",
        "rev",
        "created_at",
        "updated_at",
        "updated_by",
        "deleted_at",
        "_base_rev",
        "_row_hash",
        "_fingerprint",
    }
)


def _kept_value(column: Any, values: dict[str, Any]) -> Any:
    """A staged row's value for one sheet column, as the export wrote it: the version
    the row was edited from (so importing the fixed row is an edit of that version)."""
    if column.kind == "deleted":
        return values.get("deleted_at")
    if column.field == "_base_rev":
        return None if values.get("row_kind") else values.get("base_rev")
    if column.field == "rev" and values.get("row_kind"):
        return values.get("base_rev")  # an edited row: the rev it was edited from
    if column.field in ("_row_hash", "_fingerprint"):
        return values.get(column.field[1:])
    if column.kind.startswith("display"):
        return None
    return values.get(column.field)


def _sheet(wb: Any, spec: SheetSpec, fmt: Formats, rows: list[tuple]) -> None:
    ws = wb.add_worksheet(spec.name)
    ws.set_column(0, 0, 50, fmt.plain)
    for c, column in enumerate(spec.columns, start=1):
        ws.set_column(c, c, column.width, column_format(fmt, column))
    ws.write_string(0, 0, REASON_HEADER, fmt.header)
    for c, column in enumerate(spec.columns, start=1):
        ws.write_string(0, c, column.header, fmt.header_machine if column.machine else fmt.header)
    ws.freeze_panes(1, 2)
    ws.autofilter(0, 0, max(len(rows), 1), len(spec.columns))
    writers = value_writers(_Shifted(ws), spec, fmt)
    for r, (reason, kept, as_new) in enumerate(rows, start=1):
        ws.write_string(r, 0, reason)
        for c, column in enumerate(spec.columns):
            if as_new and column.field in _IDENTITY_COLUMNS:
                continue
            if "cells" in kept:
                if c < len(kept["cells"]):
                    _write_raw(ws, r, c + 1, kept["cells"][c], fmt)
                continue
            value = _kept_value(column, kept["values"])
            if value is not None and value != "":
                writers[c](r, c, value)


def write_error_workbook(parsed: ParsedWorkbook, out_path: Path | str, lang: str = "id") -> int:
    """Write the rejected rows of ``parsed``; returns how many were written."""
    with replaced_when_done(Path(out_path)) as part:
        return _write(parsed, part, lang)


def _write(parsed: ParsedWorkbook, part: Path, lang: str) -> int:
    con = parsed.staging.connect()  # encrypted with the import's own key
    total = 0
    try:
        wb = xlsxwriter.Workbook(str(part), {**WORKBOOK_OPTIONS, "constant_memory": False})
        fmt = Formats(wb)
        guide = wb.add_worksheet("Petunjuk")
        guide.set_column(0, 0, 120, wb.add_format({"text_wrap": True, "valign": "top"}))
        guide.write_string(0, 0, NOTE)
        guide.write_string(1, 0, f"Berkas asal / source file: {parsed.file_name}")
        for spec in SHEETS:
            rows = []
            for reason_id, reason_en, kept, as_new in con.execute(
                "SELECT reason_id, reason_en, cells, as_new FROM rejected WHERE sheet = ? "
                "ORDER BY row_num",
                (spec.name,),
            ):
                reason = reason_en if lang == "en" else f"{reason_id} / {reason_en}"
                rows.append((reason, json.loads(kept), bool(as_new)))
            total += len(rows)
            _sheet(wb, spec, fmt, rows)
        meta = dict(parsed.meta)
        # The rows' own format (fingerprints or not) and no export counts: rows missing
        # from an error workbook are not rows deleted from an export.
        for key in ("format", "counts", "checksums"):
            meta.pop(key, None)
        meta["error_workbook_of"] = parsed.file_name
        write_metadata(wb.add_worksheet(METADATA_SHEET), fmt, meta)
        wb.close()
    finally:
        con.close()
    return total
