"""The participants table at 100k and 500k people: first rows, filtering per keystroke,
sorting, scrolling to the end, and memory, measured with the real model and view.

    python benchmarks/bench_participants_table.py                   # 100k and 500k
    python benchmarks/bench_participants_table.py --sizes 100000 --repeat 3

Databases are filled once with ``services.demo.generate_demo`` (realistic Jambi data,
with the region reference when ../shared/data/regions is there) and cached under
``--cache-dir`` (default: a folder in the system temp directory); delete them to rebuild.

Each figure is the median of ``--repeat`` runs, wall-clock ([min] the fastest run) and
the CPU time of the whole process (GUI thread and query thread together): on a busy
machine the wall clock waits for other programs, the CPU time does not. The floor is a
bare ``SELECT ... LIMIT 200`` through ``sqlite3`` on the same file in the same run: no
count, no order, no Qt. Ratios are wall medians over the floor's. Filtering is timed
from the query's start (after the 150 ms typing debounce) to the first rows in the
model, to those rows painted (the offscreen platform paints in software: its cost is
shown on its own line), then to the exact count shown. Not a test: speed is measured
here, not asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: E402

from desasadar_gui.services.database import Database  # noqa: E402
from desasadar_gui.services.demo import default_regions_dir, generate_demo  # noqa: E402
from desasadar_gui.services.participant_queries import (  # noqa: E402
    ParticipantFilter,
    count_participants,
    fetch_page,
)
from desasadar_gui.ui.participants.columns import (  # noqa: E402
    COL_NAME,
    COL_VILLAGE,
)
from desasadar_gui.ui.participants.models import ParticipantTableModel  # noqa: E402

# Names as they are typed; the start of a NIK (a regency's code) and of a phone; the last
# four digits of a phone ("1774": 0812-4607-1774 and others at both sizes), the middle of
# a NIK ("0312": born on 3 December); then a miss.
KEYSTROKES = ("s", "si", "sit", "siti", "1504", "15040", "0812", "1774", "0312", "zzzq")
GOAL_MS = 100.0
FLOOR = "floor: sqlite3 SELECT ... LIMIT 200"


@dataclass(frozen=True)
class Sample:
    wall_ms: float
    cpu_ms: float


class Stopwatch:
    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> Sample:
        return Sample(
            (time.perf_counter() - self.wall) * 1000, (time.process_time() - self.cpu) * 1000
        )


def build_database(path: Path, participants: int) -> Path:
    """The cached demo database of ``participants`` people (built on first use)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".building.sqlite")
    for stale in path.parent.glob(partial.name + "*"):
        stale.unlink()
    print(f"building {path.name}: {participants:,} participants (once) ...", flush=True)
    started = time.perf_counter()
    with Database.open(partial) as db:
        generate_demo(db, participants=participants, seed=1, regions_dir=default_regions_dir())
    # One file: fold the WAL back in before renaming. No ANALYZE: the app never runs
    # it, so the query planner works without statistics here as on a laptop.
    with sqlite3.connect(partial) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.replace(path)
    for leftover in path.parent.glob(partial.name + "-*"):  # empty -wal / -shm
        leftover.unlink()
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def wait_for(signal, timeout_ms: int = 60_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def new_view(model: ParticipantTableModel) -> QTableView:
    """The table as the tab sets it up (fixed row heights, no row header)."""
    view = QTableView()
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(24)
    view.setModel(model)
    view.resize(1340, 560)
    view.show()
    return view


def shown_then_counted(
    model: ParticipantTableModel, view: QTableView, watch: Stopwatch
) -> tuple[Sample, Sample, Sample]:
    """Until the first rows are in the model, painted, and the exact total known."""
    wait_for(model.loaded)
    ready = watch.lap()
    view.viewport().repaint()
    shown = watch.lap()
    if not model.exact:
        wait_for(model.counted)
    return ready, shown, watch.lap()


def measure(path: Path, repeat: int) -> dict[str, list[Sample]]:
    app = QApplication.instance()
    results: dict[str, list[Sample]] = {}

    def record(name: str, sample: Sample) -> None:
        results.setdefault(name, []).append(sample)

    def time_calls(name: str, fn: Callable[[], object], times: int) -> None:
        for _ in range(times):
            watch = Stopwatch()
            fn()
            record(name, watch.lap())

    floor_db = sqlite3.connect(path)
    floor_sql = (
        "SELECT id, name, nik, gender, phone, village_id, occupation, status,"
        " registration_date, contribution, official_role FROM participants"
        " WHERE deleted_at IS NULL LIMIT 200"
    )
    time_calls(FLOOR, lambda: floor_db.execute(floor_sql).fetchall(), repeat * 3)
    floor_db.close()

    db = Database.open(path)
    total = count_participants(db)
    time_calls("service: count all live", lambda: count_participants(db), repeat)
    time_calls("service: first page by name", lambda: fetch_page(db), repeat)

    for _ in range(repeat):
        watch = Stopwatch()
        model = ParticipantTableModel(db)
        view = new_view(model)
        _ready, shown, counted = shown_then_counted(model, view, watch)
        record("open: first rows shown (model + view)", shown)
        record("open: exact total shown", counted)
        assert model.rowCount() == total and model.is_loaded(0)
        model.shutdown()
        view.close()
        view.deleteLater()
        model.deleteLater()
        app.processEvents()

    model = ParticipantTableModel(db)
    view = new_view(model)
    shown_then_counted(model, view, Stopwatch())
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for text in KEYSTROKES:
            app.processEvents()  # the paint the last count asked for is not this one's
            watch = Stopwatch()
            model.set_filter(ParticipantFilter(text=text), immediate=True)
            ready, shown, counted = shown_then_counted(model, view, watch)
            counts[text] = model.total
            record(f"filter '{text}': rows in model", ready)
            record(f"filter '{text}': rows shown", shown)
            record(f"filter '{text}': count shown", counted)
        model.set_filter(ParticipantFilter(), immediate=True)
        shown_then_counted(model, view, Stopwatch())
    for text in KEYSTROKES:  # the row counts into the labels
        for what in ("rows in model", "rows shown", "count shown"):
            old = f"filter '{text}': {what}"
            results[f"filter '{text}' ({counts[text]:,}): {what}"] = results.pop(old)

    def sort(column: int, order: Qt.SortOrder) -> Sample:
        app.processEvents()
        watch = Stopwatch()
        model.sort(column, order)
        wait_for(model.loaded)
        view.viewport().repaint()
        return watch.lap()

    for _ in range(repeat):
        record(
            "sort by name, descending (header click)", sort(COL_NAME, Qt.SortOrder.DescendingOrder)
        )
        record("sort by name, ascending", sort(COL_NAME, Qt.SortOrder.AscendingOrder))
        record("sort by village (no index)", sort(COL_VILLAGE, Qt.SortOrder.AscendingOrder))
        sort(COL_NAME, Qt.SortOrder.AscendingOrder)

    for _ in range(repeat):
        watch = Stopwatch()
        view.viewport().repaint()
        record("repaint of the rows in view (offscreen raster)", watch.lap())

    for _ in range(repeat):
        view.scrollToTop()
        app.processEvents()
        watch = Stopwatch()
        view.scrollToBottom()
        while not model.is_loaded(model.rowCount() - 1):
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        view.viewport().repaint()
        record("scroll to the last row", watch.lap())

    model.shutdown()
    view.close()
    db.close()
    return results


def memory(path: Path) -> tuple[float, float]:
    """Python heap (tracemalloc) held and peak over open + search + scroll, in MB."""
    app = QApplication.instance()
    tracemalloc.start()
    db = Database.open(path)
    model = ParticipantTableModel(db)
    view = new_view(model)
    shown_then_counted(model, view, Stopwatch())
    for text in ("siti", ""):
        model.set_filter(ParticipantFilter(text=text), immediate=True)
        shown_then_counted(model, view, Stopwatch())
    view.scrollToBottom()
    while not model.is_loaded(model.rowCount() - 1):
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    model.shutdown()
    view.close()
    db.close()
    return current / 1e6, peak / 1e6


def report(size: int, path: Path, results: dict[str, list[Sample]], repeat: int) -> None:
    floor = statistics.median(s.wall_ms for s in results[FLOOR])
    print(f"\n{size:,} participants ({path.stat().st_size / 1e6:.0f} MB file), "
          f"median of {repeat}; ratio = wall median / floor")  # fmt: skip
    print(f"{'measurement':48} {'wall ms':>8} {'[min]':>8} {'cpu ms':>8} {'ratio':>7}")
    for name, samples in results.items():
        wall = statistics.median(s.wall_ms for s in samples)
        low = min(s.wall_ms for s in samples)
        cpu = statistics.median(s.cpu_ms for s in samples)
        flag = "  over the goal" if name.endswith("rows shown") and wall >= GOAL_MS else ""
        print(f"{name:48} {wall:8.1f} {low:8.1f} {cpu:8.1f} {wall / floor:6.0f}x{flag}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "desasadar-bench-participants",
    )
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"goal: rows shown < {GOAL_MS:.0f} ms per keystroke")  # fmt: skip
    for size in args.sizes:
        path = build_database(args.cache_dir / f"participants-{size}.sqlite", size)
        report(size, path, measure(path, args.repeat), args.repeat)
        current, peak = memory(path)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
        print(f"{'python heap held after open+search+scroll':48} {current:8.1f} MB")
        print(f"{'python heap peak (tracemalloc)':48} {peak:8.1f} MB")
        print(f"{'process peak RSS so far (ru_maxrss)':48} {rss:8.0f} MB")
        print(f"load average now {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
