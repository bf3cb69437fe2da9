"""What supervisors do to an export, as data: one list of operations, applied by
openpyxl in this process or by LibreOffice Calc itself (headless, through its UNO API,
``lo_ops.py`` run by the system Python that has the ``uno`` module).

Operations (rows are sheet row numbers, 1 = header; columns are header texts):

``("sort", sheet, first_header, last_header, by_header)``
    sort rows 2.. of the columns first..last only (Excel's "continue with the current
    selection"); the other columns, the grouped machine columns among them, stay put
``("set", sheet, row, header, value)``
    type a value (str, int, float; "#N/A" is an error value; "=..." a formula)
``("merge", sheet, header, first_row, last_row)``
``("insert_copy", sheet, source_row, at_row)``   copy a whole row, insert it above at_row
``("delete_rows", sheet, first_row, count)``
``("append", sheet, {header: value})``            type a new row under the last one
``("replace", sheet, header, old, new)``          find and replace within a column
``("fill_down", sheet, header, first_row, last_row)``
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl

HERE = Path(__file__).resolve().parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SYSTEM_PYTHON = "/usr/bin/python3"


def has_uno() -> bool:
    if SOFFICE is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30, check=False
    )
    return probe.returncode == 0


# -- openpyxl ---------------------------------------------------------------------------


def _col(ws, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def _last_row(ws) -> int:
    last = 1
    for row in ws.iter_rows(min_row=2):
        if any(c.value not in (None, "") for c in row):
            last = row[0].row
    return last


def apply_openpyxl(src: Path, out: Path, ops: list[tuple]) -> Path:  # noqa: C901 - one flat branch per operation
    wb = openpyxl.load_workbook(src)
    for op in ops:
        kind, sheet, *args = op
        ws = wb[sheet]
        if kind == "sort":
            first, last, by = (_col(ws, h) for h in args)
            n = _last_row(ws)
            rows = [[ws.cell(r, c).value for c in range(first, last + 1)] for r in range(2, n + 1)]
            key = by - first
            rows.sort(key=lambda r: ("" if r[key] is None else str(r[key])).casefold())
            for r, values in enumerate(rows, start=2):
                for c, value in enumerate(values, start=first):
                    ws.cell(r, c).value = value
        elif kind == "set":
            row, header, value = args
            ws.cell(row, _col(ws, header)).value = value
        elif kind == "merge":
            header, first, last = args
            c = _col(ws, header)
            ws.merge_cells(start_row=first, start_column=c, end_row=last, end_column=c)
        elif kind == "insert_copy":
            source, at = args
            values = [c.value for c in ws[source]]
            ws.insert_rows(at)
            for c, value in enumerate(values, start=1):
                ws.cell(at, c).value = value
        elif kind == "delete_rows":
            first, count = args
            ws.delete_rows(first, count)
        elif kind == "append":
            (values,) = args
            r = _last_row(ws) + 1
            for header, value in values.items():
                ws.cell(r, _col(ws, header)).value = value
        elif kind == "replace":
            header, old, new = args
            c = _col(ws, header)
            for r in range(2, _last_row(ws) + 1):
                cell = ws.cell(r, c)
                if isinstance(cell.value, str) and old in cell.value:
                    cell.value = cell.value.replace(old, new)
        elif kind == "fill_down":
            header, first, last = args
            c = _col(ws, header)
            for r in range(first + 1, last + 1):
                ws.cell(r, c).value = ws.cell(first, c).value
        else:
            raise ValueError(kind)
    wb.save(out)
    wb.close()
    return out


# -- LibreOffice ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def apply_libreoffice(src: Path, out: Path, ops: list[tuple], *, via_ods: bool = False) -> Path:
    """Open ``src`` in LibreOffice Calc, do ``ops`` there, save as .xlsx (``via_ods``:
    save as .ods, reopen that, save as .xlsx)."""
    work = out.parent / f"lo-{out.stem}"
    work.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    profile = (work / "profile").as_uri()
    office = subprocess.Popen(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        job = work / "job.json"
        job.write_text(
            json.dumps(
                {"port": port, "src": str(src), "out": str(out), "ods": via_ods, "ops": ops},
                default=str,
            ),
            encoding="utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        result = subprocess.run(
            [SYSTEM_PYTHON, str(HERE / "lo_ops.py"), str(job)],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"LibreOffice ops failed: {result.stderr[-2000:]}")
    finally:
        office.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    return out


# -- the saved time ---------------------------------------------------------------------


def set_saved_time(path: Path, moment: datetime) -> None:
    """Rewrite docProps/core.xml's modified time (what Excel writes on every save)."""
    tmp = path.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                start = text.index("<dcterms:modified")
                end = text.index("</dcterms:modified>") + len("</dcterms:modified>")
                stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
                text = (
                    text[:start]
                    + f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
                    + text[end:]
                )
                data = text.encode("utf-8")
            dst.writestr(info, data)
    tmp.replace(path)


def rows_by_name(path: Path, sheet: str, key: str = "Nama") -> dict[Any, int]:
    """Sheet row number of each value of column ``key`` (first occurrence)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet]
    rows = ws.iter_rows(values_only=True)
    header = list(next(rows))
    c = header.index(key)
    out: dict[Any, int] = {}
    for r, values in enumerate(rows, start=2):
        if values and values[c] is not None:
            out.setdefault(values[c], r)
    wb.close()
    return out
