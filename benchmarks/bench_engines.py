"""The same services on SQLite and on PostgreSQL, side by side.

    python benchmarks/bench_engines.py [--size 100000] [--repeat 5] [--server URL]

A demo database of ``--size`` people (``generate_demo``, seed 1: the same records on
both engines) is built in a SQLite file and in a PostgreSQL database: ``--server`` (an
empty database you own), else a throw-away server started like the tests do
(``tests/pg_cluster.py``). Then, on each engine: the participants list per keystroke
(count + first page while "siti aminah" is typed, and digits of a phone), a deep page,
the dashboard aggregates, and the content digest. Baselines in the same run:
``SELECT count(*)`` on each engine. Medians and minima of ``--repeat`` runs; nothing
is asserted. Last, once per engine: the export of the whole workbook, and its import
into an empty database of the same engine (then a re-import of the same file, which
changes nothing), with a check that the digests stay equal across engines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import text  # noqa: E402

from desasadar_gui.services.dashboard import compute_dashboard  # noqa: E402
from desasadar_gui.services.database import Database  # noqa: E402
from desasadar_gui.services.demo import default_regions_dir, generate_demo  # noqa: E402
from desasadar_gui.services.participant_queries import (  # noqa: E402
    ParticipantFilter,
    count_participants,
    fetch_page,
)
from desasadar_gui.services.stats import content_digest  # noqa: E402
from desasadar_gui.sync.workbook_export import export_workbook  # noqa: E402
from desasadar_gui.sync.workbook_import import import_workbook  # noqa: E402

KEYSTROKES = ("s", "si", "sit", "siti", "siti a", "siti am", "siti amin", "siti aminah")
DIGITS = ("7", "77", "776", "7766")


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    walls = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
    return statistics.median(walls), min(walls)


def _keystrokes(db: Database, texts: tuple[str, ...]) -> Callable[[], None]:
    def run() -> None:
        for typed in texts:  # what the list does at each keystroke: the count, a page
            flt = ParticipantFilter(text=typed)
            total = count_participants(db, flt)
            fetch_page(db, flt, limit=60, total=total)

    return run


def measure(db: Database, repeat: int) -> dict[str, tuple[float, float]]:
    def baseline() -> None:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM participants")).scalar()

    year = date.today().year
    total = count_participants(db)
    keys_name = _keystrokes(db, KEYSTROKES)
    keys_digits = _keystrokes(db, DIGITS)
    return {
        "baseline: SELECT count(*) FROM participants": timed(baseline, repeat),
        f"typing {KEYSTROKES[-1]!r} ({len(KEYSTROKES)} keys, per key)": _per(
            timed(keys_name, repeat), len(KEYSTROKES)
        ),
        f"typing {DIGITS[-1]!r} ({len(DIGITS)} keys, per key)": _per(
            timed(keys_digits, repeat), len(DIGITS)
        ),
        "deep page (offset = half, by name)": timed(
            lambda: fetch_page(db, offset=total // 2, limit=60, total=total), repeat
        ),
        "dashboard aggregates (compute_dashboard)": timed(
            lambda: compute_dashboard(db, year), repeat
        ),
        "content digest": timed(lambda: content_digest(db), max(1, repeat // 2)),
    }


def _per(figures: tuple[float, float], n: int) -> tuple[float, float]:
    return figures[0] / n, figures[1] / n


def build(target: str | Path, size: int) -> float:
    t0 = time.perf_counter()
    with Database.open(target) as db:
        db.set_officer("Petugas Bench", "KC Jambi")
        generate_demo(db, participants=size, seed=1, regions_dir=default_regions_dir())
    return time.perf_counter() - t0


def _seconds(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def round_trip(source: str | Path, empty: str | Path, book: Path) -> tuple[dict[str, float], str]:
    """Export ``source`` to ``book``, import it into ``empty``, then again (a no-op);
    seconds of each step and the digest of the imported copy."""
    figures = {}
    with Database.open(source) as db:
        figures["export workbook (s)"] = _seconds(lambda: export_workbook(db, book))
    with Database.open(empty) as db:
        db.set_officer("Petugas Bench", "KC Jambi")
        figures["import into an empty database (s)"] = _seconds(lambda: import_workbook(db, book))
        figures["re-import, nothing changes (s)"] = _seconds(lambda: import_workbook(db, book))
        return figures, content_digest(db)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--server", help="an empty PostgreSQL database (URL)")
    parser.add_argument(
        "--empty-server", help="a second empty PostgreSQL database (URL), for the import"
    )
    args = parser.parse_args(argv)
    cluster = None
    url = args.server
    if url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        import pg_cluster
        from sqlalchemy import create_engine

        cluster = pg_cluster.start_cluster()
        admin = create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
            conn.execute(text("CREATE DATABASE bench_import"))
        admin.dispose()
        url = cluster.url("bench")
    empty_url = (
        url.rsplit("/", 1)[0] + "/bench_import" if args.empty_server is None else args.empty_server
    )
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.sqlite"
            built = {"sqlite": build(path, args.size), "postgresql": build(url, args.size)}
            results, digests = {}, {}
            for engine, target in (("sqlite", path), ("postgresql", url)):
                with Database.open(target) as db:
                    if engine == "postgresql":
                        # What autovacuum does after a bulk load: statistics for the
                        # planner and the visibility map that index-only scans need.
                        auto = db.engine.execution_options(isolation_level="AUTOCOMMIT")
                        with auto.connect() as conn:
                            conn.execute(text("VACUUM ANALYZE"))
                    results[engine] = measure(db, args.repeat)
                    digests[engine] = content_digest(db)
            trips, trip_digests = {}, {}
            empties = {"sqlite": Path(folder) / "empty.sqlite", "postgresql": empty_url}
            for engine, target in (("sqlite", path), ("postgresql", url)):
                book = Path(folder) / f"{engine}.xlsx"
                trips[engine], trip_digests[engine] = round_trip(target, empties[engine], book)
        print(f"\n{args.size:,} participants; median (min) ms over {args.repeat} runs")
        print(f"  {'':<52} {'SQLite':>18} {'PostgreSQL':>18}")
        print(
            f"  {'demo data built (s)':<52} {built['sqlite']:>18.1f} {built['postgresql']:>18.1f}"
        )
        for name in results["sqlite"]:
            a, b = results["sqlite"][name], results["postgresql"][name]
            print(f"  {name:<52} {a[0]:>9.1f} ({a[1]:>6.1f}) {b[0]:>9.1f} ({b[1]:>6.1f})")
        for name in trips["sqlite"]:
            a_s, b_s = trips["sqlite"][name], trips["postgresql"][name]
            print(f"  {name:<52} {a_s:>18.1f} {b_s:>18.1f}")
        same = digests["sqlite"] == digests["postgresql"]
        print(f"  content digests equal on both engines: {same}")
        copies = set(trip_digests.values()) == {digests["sqlite"]}
        print(f"  imported copies have the same digest as the sources: {copies}")
    finally:
        if cluster is not None:
            cluster.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
