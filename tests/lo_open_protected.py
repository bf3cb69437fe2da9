"""Run by the system Python (which has LibreOffice's ``uno`` module), not by pytest:
opens a password-protected workbook in a running headless LibreOffice, with the password
given (or none), and prints what Calc read as JSON: the sheet names and the text of
every cell of one sheet, or ``{"opened": false}`` when Calc refused to open it.

    /usr/bin/python3 tests/lo_open_protected.py PORT WORKBOOK.xlsx SHEET [PASSWORD]
"""

import json
import sys
from pathlib import Path

from lo_ops import connect, last_row, prop


def main(port, path, sheet_name, password=None):
    desktop = connect(port)
    args = [prop("Hidden", True)]
    if password is not None:
        args.append(prop("Password", password))
    try:
        doc = desktop.loadComponentFromURL(Path(path).as_uri(), "_blank", 0, tuple(args))
    except Exception as exc:  # IllegalArgumentException / IOException: refused
        print(json.dumps({"opened": False, "error": type(exc).__name__}))
        return
    if doc is None:
        print(json.dumps({"opened": False}))
        return
    try:
        sheets = doc.getSheets()
        sheet = sheets.getByName(sheet_name)
        rows = []
        for r in range(last_row(sheet) + 1):
            row = [sheet.getCellByPosition(c, r).getString() for c in range(30)]
            while row and row[-1] == "":
                row.pop()
            rows.append(row)
        print(json.dumps({"opened": True, "sheets": list(sheets.getElementNames()), "rows": rows}))
    finally:
        doc.close(True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3], *sys.argv[4:5])
