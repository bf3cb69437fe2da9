"""Workbook sync: export and import times and peak memory, against the library floor.

    python benchmarks/bench_sync.py [--sizes 10000,100000] [--workdir DIR] [--keep]

For each size N a demo database with N participants is made (cached in --workdir),
then every case runs in its own subprocess, so its peak RSS (from ``wait4``) is its own:

export        ``export_workbook`` (the product)
floor-xw      plain XlsxWriter constant-memory: the same cells (read back from the
              export, held in memory, not timed), written with write_string/number
floor-opx     plain openpyxl write-only: the same cells, ``ws.append``
import        ``import_workbook`` into an empty database (the product: file checks,
              every row read and judged by the record rules, plan, apply with the
              pre-import backup, indexes and audit)
reimport      the same workbook again into that database after an openpyxl-free
              change of its hash (every row "unchanged": the daily sync case)
floor-import  python-calamine read of the five data sheets + one sqlite3
              ``executemany`` per sheet into the same tables *without indexes or
              triggers*, one commit (the floor as issue #10 defines it)

Each case runs ``--repeat`` times, alternating, each in its own process; the figures
are the fastest run of each (this machine is shared: other work only slows a run), and
the ratios compare those. Peak memory is the child's maximum RSS.

Goals (from the issues): export within 1.3x the fastest writer; import within 2x its
floor at 100k; import peak memory at most 600 MB at 500k.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
DATA_SHEETS = ("Desa", "Peserta", "Sosialisasi", "Kehadiran", "Target")


# -- cases (run in a child process) ---------------------------------------------------------


def case_export(db_path: str, out: str) -> dict:
    from desasadar_gui.services.database import Database
    from desasadar_gui.sync.workbook_export import export_workbook

    with Database.open(db_path) as db:
        t, c = time.perf_counter(), time.process_time()
        export_workbook(db, out)
        return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c}


def _cells(xlsx: str) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(xlsx) as wb:
        return {name: wb.get_sheet_by_name(name).to_python() for name in DATA_SHEETS}


def case_floor_xw(xlsx: str, out: str) -> dict:
    import xlsxwriter

    sheets = _cells(xlsx)
    t, cpu = time.perf_counter(), time.process_time()
    wb = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    column_fmt = wb.add_format({"num_format": "@"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        # Like the export, every column has a format (so every cell carries a style).
        ws.set_column(0, len(rows[0]) - 1, 14, column_fmt)
        ws_string, ws_number = ws.write_string, ws.write_number
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v == "" or v is None:
                    continue
                if isinstance(v, str):
                    ws_string(r, c, v)
                elif hasattr(v, "toordinal"):
                    ws_number(r, c, v.toordinal() - 693594, date_fmt)
                else:
                    ws_number(r, c, v)
    wb.close()
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu}


def case_floor_opx(xlsx: str, out: str) -> dict:
    import openpyxl

    sheets = _cells(xlsx)
    t, cpu = time.perf_counter(), time.process_time()
    wb = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    wb.save(out)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu}


def case_import(template: str, xlsx: str, db_path: str) -> dict:
    from desasadar_gui.services.database import Database
    from desasadar_gui.sync.workbook_import import import_workbook

    shutil.copyfile(template, db_path)
    with Database.open(db_path) as db:
        t, cpu = time.perf_counter(), time.process_time()
        outcome = import_workbook(db, xlsx)
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        assert outcome.result is not None and outcome.result.applied
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rejected": outcome.plan.rejected if outcome.plan else 0,
    }


def case_reimport(imported: str, xlsx: str, db_path: str) -> dict:
    from desasadar_gui.services.database import Database
    from desasadar_gui.sync.workbook_import import import_workbook

    shutil.copyfile(imported, db_path)
    with Database.open(db_path) as db:
        t, cpu = time.perf_counter(), time.process_time()
        outcome = import_workbook(db, xlsx)
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        assert outcome.plan is not None and outcome.plan.changes == 0
    return {"seconds": seconds, "cpu": cpu}


def case_floor_import(template: str, xlsx: str, db_path: str) -> dict:
    import sqlite3

    from python_calamine import CalamineWorkbook

    from desasadar_gui.sync.workbook_format import SHEETS

    shutil.copyfile(template, db_path)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode=WAL")
    for kind, name in con.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL"
    ).fetchall():
        con.execute(f'DROP {kind.upper()} "{name}"')
    con.commit()
    t, cpu = time.perf_counter(), time.process_time()
    with CalamineWorkbook.from_path(xlsx) as wb:
        for spec in SHEETS:
            sheet = wb.get_sheet_by_name(spec.name)
            rows = sheet.iter_rows()
            header = next(rows)
            stored = [i for i, c in enumerate(spec.columns) if c.stored]
            names = [spec.columns[i].field for i in stored]
            index = [header.index(spec.columns[i].header) for i in stored]
            sql = (
                f"INSERT INTO {spec.entity} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})"
            )
            con.executemany(
                sql,
                (
                    [v.isoformat() if hasattr(v := row[i], "isoformat") else v for i in index]
                    for row in rows
                ),
            )
    con.commit()
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    con.close()
    return {"seconds": seconds, "cpu": cpu}


def case_demo(template: str, n: str, out: str) -> dict:
    from desasadar_gui.services.database import Database
    from desasadar_gui.services.demo import generate_demo

    shutil.copyfile(template, out)
    t = time.perf_counter()
    with Database.open(out) as db:
        generate_demo(db, participants=int(n), seed=7, officer="Bench", regions_dir=None)
    return {"seconds": time.perf_counter() - t}


CASES = {
    "demo": case_demo,
    "export": case_export,
    "floor-xw": case_floor_xw,
    "floor-opx": case_floor_opx,
    "import": case_import,
    "reimport": case_reimport,
    "floor-import": case_floor_import,
}


# -- driver -----------------------------------------------------------------------------------


def run_case(name: str, *args: str) -> dict:
    """Run one case in a child process; its wall time, CPU time and peak RSS (MiB).

    The parent stays small (the demo data is made in a child too): on Linux a child's
    peak RSS starts from its parent's size at fork.
    """
    proc = subprocess.Popen(  # a posix_spawn-able call: the child does not copy the parent
        [sys.executable, str(HERE), "--case", name, *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"case {name} failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mib"] = usage.ru_maxrss / 1024
    return result


def make_demo(workdir: Path, n: int, template: Path) -> Path:
    path = workdir / f"demo-{n}.sqlite"
    if not path.exists():
        tmp = workdir / f"demo-{n}.part.sqlite"
        made = run_case("demo", str(template), str(n), str(tmp))
        tmp.replace(path)
        print(f"  (demo database with {n:,} participants made in {made['seconds']:.0f} s)")
    return path


def make_template(workdir: Path) -> Path:
    path = workdir / "template.sqlite"
    if not path.exists():
        from desasadar_gui.db.engine import make_engine
        from desasadar_gui.db.migrate import upgrade_database

        engine = make_engine(path)
        upgrade_database(engine, path)
        engine.dispose()
    return path


def bench(
    sizes: list[int], workdir: Path, keep: bool, openpyxl_max: int, repeat: int
) -> list[dict]:
    template = make_template(workdir)
    rows = []
    for n in sizes:
        print(f"N = {n:,} participants", flush=True)
        db = make_demo(workdir, n, template)
        out = workdir / f"export-{n}.xlsx"
        again = workdir / f"export-{n}-again.xlsx"
        imported = workdir / "imp.sqlite"
        runs: dict[str, list[dict]] = {}
        for _ in range(repeat):  # alternating, so slow spells of the machine hit all cases
            runs.setdefault("export", []).append(run_case("export", str(db), str(out)))
            if not again.exists():
                run_case("export", str(db), str(again))
            runs.setdefault("floor-xw", []).append(
                run_case("floor-xw", str(out), str(workdir / "floor-xw.xlsx"))
            )
            if n <= openpyxl_max:  # 10x slower than XlsxWriter: skipped for the big sizes
                runs.setdefault("floor-opx", []).append(
                    run_case("floor-opx", str(out), str(workdir / "floor-opx.xlsx"))
                )
            runs.setdefault("import", []).append(
                run_case("import", str(template), str(out), str(imported))
            )
            runs.setdefault("reimport", []).append(
                run_case("reimport", str(imported), str(again), str(workdir / "re.sqlite"))
            )
            runs.setdefault("floor-import", []).append(
                run_case("floor-import", str(template), str(out), str(workdir / "floor.sqlite"))
            )
        r: dict = {"n": n, "repeat": repeat}
        for case, results in runs.items():
            r[case] = {
                "seconds": min(x["seconds"] for x in results),
                "cpu": min(x.get("cpu", 0.0) for x in results),
                "peak_mib": max(x["peak_mib"] for x in results),
            }
        r["file_mib"] = out.stat().st_size / (1 << 20)
        for name in ("floor-xw.xlsx", "floor-opx.xlsx", "imp.sqlite", "re.sqlite", "floor.sqlite"):
            for p in workdir.glob(name + "*"):
                p.unlink()
        if not keep:
            out.unlink()
            again.unlink()
        rows.append(r)
        report([r])
    return rows


def report(rows: list[dict]) -> None:
    for r in rows:
        writers = {k: r[k] for k in ("floor-xw", "floor-opx") if k in r}
        fastest = min(writers.values(), key=lambda w: w["seconds"])
        e, i, fi = r["export"], r["import"], r["floor-import"]
        shown = ", ".join(
            f"{'XlsxWriter' if k == 'floor-xw' else 'openpyxl'} {w['seconds']:.1f} s"
            f" (cpu {w['cpu']:.1f})"
            for k, w in writers.items()
        )
        print(
            f"  export {e['seconds']:6.1f} s (cpu {e['cpu']:.1f}, peak {e['peak_mib']:.0f} MiB)"
            f" | writers: {shown} -> {e['seconds'] / fastest['seconds']:.2f}x wall, "
            f"{e['cpu'] / fastest['cpu']:.2f}x cpu of the fastest (goal 1.3x) "
            f"| file {r['file_mib']:.0f} MiB",
            flush=True,
        )
        print(
            f"  import {i['seconds']:6.1f} s (cpu {i['cpu']:.1f}, peak {i['peak_mib']:.0f} MiB)"
            f" | floor {fi['seconds']:.1f} s (cpu {fi['cpu']:.1f}, peak {fi['peak_mib']:.0f} "
            f"MiB) -> {i['seconds'] / fi['seconds']:.2f}x wall, {i['cpu'] / fi['cpu']:.2f}x cpu"
            " (goal 2x at 100k; peak goal 600 MB at 500k)",
            flush=True,
        )
        re = r["reimport"]
        print(
            f"  re-import of a new export of the same data (every row unchanged) "
            f"{re['seconds']:6.1f} s (cpu {re['cpu']:.1f}, peak {re['peak_mib']:.0f} MiB) "
            f"-> {re['seconds'] / fi['seconds']:.2f}x the floor | fastest of {r['repeat']} runs",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the exported workbooks")
    parser.add_argument(
        "--openpyxl-max",
        type=int,
        default=200_000,
        help="largest size to also time the (slower) openpyxl write-only floor for",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (the fastest counts)")
    parser.add_argument("--case", default=None, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.case:
        print(json.dumps(CASES[args.case](*rest)))
        return
    workdir = args.workdir or Path(tempfile.gettempdir()) / "desasadar-bench"
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DESASADAR_DATA_DIR", str(workdir / "userdata"))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    bench(sizes, workdir, args.keep, args.openpyxl_max, args.repeat)


if __name__ == "__main__":
    main()
