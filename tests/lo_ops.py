"""Run by the system Python (which has LibreOffice's ``uno`` module), not by pytest:
opens a workbook in a running headless LibreOffice, applies the operations of
``workbook_ops.py`` with Calc's own sort, copy, merge and replace, and saves as .xlsx.

    /usr/bin/python3 tests/lo_ops.py JOB.json
"""

import json
import sys
import time
from pathlib import Path

import uno  # noqa: F401  (LibreOffice's bridge; only the system Python has it)
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellRangeAddress, TableSortField

XLSX = "Calc MS Excel 2007 XML"
ODS = "calc8"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            ctx = resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
            )
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not answer")


def load(desktop, path):
    for _ in range(20):  # a freshly started office may refuse the first loads
        doc = desktop.loadComponentFromURL(
            Path(path).as_uri(), "_blank", 0, (prop("Hidden", True),)
        )
        if doc is not None:
            return doc
        time.sleep(1)
    raise SystemExit(f"LibreOffice could not open {path}")


def header_index(sheet, header):
    for c in range(0, 200):
        if sheet.getCellByPosition(c, 0).getString() == header:
            return c
    raise KeyError(header)


def last_row(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow  # 0-based


def put(cell, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.setValue(float(value))
    elif isinstance(value, str) and value == "#N/A":
        cell.setFormula("=NA()")
    elif isinstance(value, str) and (value.startswith("=") or ":" in value[:3]):
        cell.setFormula(value)  # formulas; "8:30" is a time, as when typed
    else:
        cell.setString("" if value is None else str(value))


def apply(doc, ops):  # noqa: C901 - one flat branch per spreadsheet operation
    sheets = doc.getSheets()
    for op in ops:
        kind, name, *args = op
        sheet = sheets.getByName(name)
        if kind == "sort":
            first, last, by = (header_index(sheet, h) for h in args)
            rng = sheet.getCellRangeByPosition(first, 1, last, last_row(sheet))
            field = TableSortField()
            field.Field = by - first
            field.IsAscending = True
            field.IsCaseSensitive = False
            desc = rng.createSortDescriptor()
            for p in desc:
                if p.Name == "SortFields":
                    p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
                elif p.Name == "ContainsHeader":
                    p.Value = False
            rng.sort(desc)
        elif kind == "set":
            row, header, value = args
            put(sheet.getCellByPosition(header_index(sheet, header), row - 1), value)
        elif kind == "merge":
            header, first, last = args
            c = header_index(sheet, header)
            sheet.getCellRangeByPosition(c, first - 1, c, last - 1).merge(True)
        elif kind == "insert_copy":
            source, at = args
            sheet.getRows().insertByIndex(at - 1, 1)
            # The source row's 0-based index after the insert (shifted if below it).
            src_row = source if source >= at else source - 1
            src = CellRangeAddress()
            src.Sheet = sheets.getElementNames().index(name)
            src.StartColumn, src.EndColumn = 0, 1023
            src.StartRow = src.EndRow = src_row
            sheet.copyRange(sheet.getCellByPosition(0, at - 1).getCellAddress(), src)
        elif kind == "delete_rows":
            first, count = args
            sheet.getRows().removeByIndex(first - 1, count)
        elif kind == "append":
            (values,) = args
            r = last_row(sheet) + 1
            for header, value in values.items():
                put(sheet.getCellByPosition(header_index(sheet, header), r), value)
        elif kind == "replace":
            header, old, new = args
            c = header_index(sheet, header)
            rng = sheet.getCellRangeByPosition(c, 1, c, last_row(sheet))
            desc = rng.createReplaceDescriptor()
            desc.SearchString, desc.ReplaceString = old, new
            rng.replaceAll(desc)
        elif kind == "fill_down":
            header, first, last = args
            c = header_index(sheet, header)
            value = sheet.getCellByPosition(c, first - 1)
            for r in range(first, last):
                target = sheet.getCellByPosition(c, r)
                if value.getType().value == "VALUE":
                    target.setValue(value.getValue())
                else:
                    target.setString(value.getString())
        else:
            raise SystemExit(f"unknown op {kind}")


def main():
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    desktop = connect(job["port"])
    doc = load(desktop, job["src"])
    apply(doc, job["ops"])
    out = Path(job["out"])
    if job["ods"]:
        ods = out.with_suffix(".ods")
        doc.storeToURL(ods.as_uri(), (prop("FilterName", ODS),))
        doc.close(True)
        doc = load(desktop, ods)
    doc.storeToURL(out.as_uri(), (prop("FilterName", XLSX),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass


if __name__ == "__main__":
    main()
