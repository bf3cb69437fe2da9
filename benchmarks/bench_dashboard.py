"""How fast the dashboard and the sessions list are on large demo databases.

    python benchmarks/bench_dashboard.py [--sizes 100000 500000] [--cache DIR]
                                         [--repeat 5] [--without-indexes]

For each size a demo database is generated once (``desasadar demo``; kept in
``--cache`` for later runs) and measured:

- baselines through the same engine, in the same run, so figures from a busy or a quiet
  machine can be compared: ``SELECT count(*)`` and one pass over every row;
- every dashboard aggregate (``compute_dashboard``) and its parts, wall and CPU time;
- the DashboardTab offscreen: constructed and shown (first paint, figures pending),
  then until its figures are on screen (the ``loaded`` signal);
- the sessions list: rows, counts of the first screenful, counts of every session, and
  the SessionsTab until its list and then all its counts are shown;
- with ``--without-indexes``: the dashboard again on a copy without the indexes of
  migration 0005, to show what they buy (its per-key counts then read the whole table
  once per village: use it at 100,000, not at 500,000).

Medians (and minimum) of ``--repeat`` runs are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desasadar_gui.db.migrate import head_revision  # noqa: E402
from desasadar_gui.services import dashboard as dashboard_service  # noqa: E402
from desasadar_gui.services.database import Database  # noqa: E402
from desasadar_gui.services.demo import default_regions_dir, generate_demo  # noqa: E402
from desasadar_gui.services.session_queries import (  # noqa: E402
    counts_for_sessions,
    list_sessions,
)

INDEXES_0005 = (
    "ix_participants_progress",
    "ix_participants_village_progress",
    "ix_participants_officer_progress",
    "ix_participants_occupation_progress",
    "ix_participants_officials",
)


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(median wall ms, min wall ms, median CPU ms) of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def line(name: str, figures: tuple[float, float, float]) -> None:
    median, low, cpu = figures
    print(f"  {name:<46} {median:9.1f} ms  (min {low:8.1f}, CPU {cpu:8.1f})")


def demo_database(size: int, cache: Path, seed: int) -> Path:
    path = cache / f"demo-{size}-seed{seed}-{head_revision()}.sqlite"
    if path.exists():
        return path
    print(f"generating {size:,} participants into {path} …", flush=True)
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Database.open(tmp) as db:
        summary = generate_demo(db, participants=size, seed=seed, regions_dir=default_regions_dir())
    tmp.replace(path)
    print(
        f"  {summary.participants:,} participants, {summary.villages:,} villages, "
        f"{summary.sessions:,} sessions, {summary.attendance:,} attendance rows "
        f"in {time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    return path


def bench_services(db: Database, year: int, repeat: int) -> None:
    with db.engine.connect() as conn:
        line(
            "baseline: SELECT count(*) FROM participants",
            timed(
                lambda: conn.exec_driver_sql("SELECT count(*) FROM participants").scalar(), repeat
            ),
        )
        # One pass over every participant (what any unindexed aggregate costs at least).
        line(
            "baseline: SELECT sum(monthly_income) (every row)",
            timed(
                lambda: conn.exec_driver_sql(
                    "SELECT sum(monthly_income) FROM participants"
                ).scalar(),
                repeat,
            ),
        )
    line("dashboard: every aggregate (compute_dashboard)",
         timed(lambda: dashboard_service.compute_dashboard(db, year), repeat))  # fmt: skip
    ds = dashboard_service
    with db.read_session() as s:
        parts = {
            "  per village (+ kabupaten, branch, prospects)": lambda: ds._village_rows(s, year),
            "  per officer (loose index scan)": lambda: ds._officer_rows(s, year),
            "  per day: months, programmes, contributions": lambda: ds._days(s, year),
            "  per occupation": lambda: ds._occupations(s, year),
            "  officials coverage": lambda: ds._officials(s),
        }  # fmt: skip
        for name, fn in parts.items():
            line(name, timed(fn, repeat))
    line("progress_by_scope (sync workbook summary)",
         timed(lambda: dashboard_service.progress_by_scope(db, year), repeat))  # fmt: skip
    rows = list_sessions(db)
    ids = [r.id for r in rows]
    line(f"sessions: list of {len(rows):,} (no counts)", timed(lambda: list_sessions(db), repeat))
    line(
        "sessions: counts of the first 150",
        timed(lambda: counts_for_sessions(db, ids[:150]), repeat),
    )
    line(f"sessions: counts of all {len(ids):,}",
         timed(lambda: counts_for_sessions(db, ids), max(1, repeat // 2)))  # fmt: skip


def bench_widgets(db: Database, repeat: int) -> None:
    from PySide6.QtWidgets import QApplication

    from desasadar_gui.ui.dashboard.tab import DashboardTab
    from desasadar_gui.ui.kit.background import wait_for_all
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.kit.i18n import apply_language
    from desasadar_gui.ui.sessions.tab import SessionsTab

    app = QApplication.instance() or QApplication(["bench"])
    apply_language("id")

    def until(flag: list[bool], timeout: float = 120.0) -> None:
        deadline = time.perf_counter() + timeout
        while not flag[0]:
            app.processEvents()
            time.sleep(0.001)
            if time.perf_counter() > deadline:
                raise TimeoutError("the tab did not finish loading")

    def open_tab(cls, signals: tuple[str, ...]) -> dict[str, float]:
        t0 = time.perf_counter()
        tab = cls(UiContext(db))
        flags = {name: [False] for name in signals}
        for name in signals:
            getattr(tab, name).connect(lambda *_a, f=flags[name]: f.__setitem__(0, True))
        tab.resize(1366, 690)
        tab.show()
        app.processEvents()
        out = {"shown": (time.perf_counter() - t0) * 1000}
        for name in signals:
            until(flags[name])
            out[name] = (time.perf_counter() - t0) * 1000
        tab.close()
        tab.deleteLater()
        wait_for_all()
        app.processEvents()
        return out

    for cls, signals, labels in (
        (DashboardTab, ("loaded",), {"shown": "constructed + shown (figures pending)",
                                      "loaded": "… until the figures are shown"}),
        (SessionsTab, ("loaded", "counts_loaded"), {
            "shown": "constructed + shown", "loaded": "… until the list is shown",
            "counts_loaded": "… until every row has its counts"}),
    ):  # fmt: skip
        runs = [open_tab(cls, signals) for _ in range(repeat)]
        print(f"  {cls.__name__} offscreen at 1366x690:")
        for key, label in labels.items():
            values = [r[key] for r in runs]
            print(f"    {label:<44} {statistics.median(values):9.1f} ms  (min {min(values):8.1f})")


def without_indexes(path: Path, year: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "no-0005.sqlite"
        shutil.copyfile(path, copy)
        con = sqlite3.connect(copy)
        for name in INDEXES_0005:
            con.execute(f"DROP INDEX IF EXISTS {name}")
        con.commit()
        con.close()
        with Database.open(copy) as db:
            line("dashboard WITHOUT the 0005 indexes",
                 timed(lambda: dashboard_service.compute_dashboard(db, year), repeat))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "desasadar-bench"
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--without-indexes", action="store_true")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    for size in args.sizes:
        path = demo_database(size, args.cache, args.seed)
        print(f"\n{size:,} participants ({path.stat().st_size / 1e6:.0f} MB):")
        with Database.open(path) as db:
            year = date.today().year
            counted = dashboard_service.compute_dashboard(db, year).branch.counted
            print(f"  year {year}: {counted:,} registrations counted")
            bench_services(db, year, args.repeat)
            bench_widgets(db, max(1, args.repeat // 2))
        if args.without_indexes:
            without_indexes(path, date.today().year, max(1, args.repeat // 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
