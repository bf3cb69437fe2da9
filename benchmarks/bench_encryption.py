"""What encryption at rest costs: the same work on a plain and on an encrypted (SQLCipher)
copy of the same database, measured in the same run, as ratios encrypted / plain.

    python benchmarks/bench_encryption.py                          # 500k table, 100k sync
    python benchmarks/bench_encryption.py --table-size 100000 --sync-size 20000 --repeat 2

- participants table at ``--table-size`` people: first rows shown by the real model and
  view (``ParticipantTableModel``), then each keystroke of a search to rows shown and to
  the exact count shown (the helpers of ``bench_participants_table.py``);
- export of the sync workbook at ``--sync-size`` (``export_workbook``);
- import of that workbook into an empty database (``import_workbook``: file checks,
  staging, plan, apply, backup, full check);
- start-up: a whole ``desasadar stats --json`` process (the passphrase from
  ``DESASADAR_PASSPHRASE``: its scrypt derivation is in the encrypted figure on
  purpose, it is what a start pays), and in-process ``Database.open`` plus the first
  page with the key already unlocked (what the cipher alone costs).

Databases are filled once with ``services.demo.generate_demo`` (cached in
``--cache-dir``, shared with ``bench_participants_table.py``); the encrypted copy is made
from the plain one with ``services.security.encrypt_database`` (its time is printed
too). Cases alternate plain / encrypted; each figure is the median of ``--repeat`` runs
(wall clock). Goal from issue 12: encrypted within 1.3x of plain. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_participants_table import (  # noqa: E402
    KEYSTROKES,
    Stopwatch,
    build_database,
    new_view,
    shown_then_counted,
)
from PySide6.QtWidgets import QApplication  # noqa: E402

from desasadar_gui.db import cipher, keyfile  # noqa: E402
from desasadar_gui.services import security  # noqa: E402
from desasadar_gui.services.database import Database  # noqa: E402
from desasadar_gui.services.participant_queries import (  # noqa: E402
    ParticipantFilter,
    fetch_page,
)
from desasadar_gui.ui.participants.models import ParticipantTableModel  # noqa: E402

PASSPHRASE = "benchmark sawit karet batanghari"
GOAL = 1.3
MODES = ("plain", "encrypted")
Results = dict[str, dict[str, list[float]]]  # case -> mode -> seconds


def encrypted_copy(plain: Path, target: Path) -> Path:
    """``target``: the plain database encrypted in place by the product's own path."""
    if target.exists() and keyfile.read_key_record(target) is not None:
        security.unlock(target, PASSPHRASE)
        return target
    for old in target.parent.glob(target.name + "*"):
        old.unlink()
    shutil.copyfile(plain, target)
    started = time.perf_counter()
    security.encrypt_database(target, security.prepare_key(PASSPHRASE))
    print(f"  encrypted {target.name} in place in {time.perf_counter() - started:.1f} s")
    return target


def new_database(path: Path, encrypted: bool) -> None:
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    key = None
    if encrypted:
        key = security.install_key(path, security.prepare_key(PASSPHRASE))
    Database.open(path, allow_new=True, key=key).close()


def record(results: Results, case: str, mode: str, seconds: float) -> None:
    results.setdefault(case, {}).setdefault(mode, []).append(seconds)


def table_cases(paths: dict[str, Path], repeat: int, results: Results) -> None:
    app = QApplication.instance() or QApplication([])
    for _ in range(repeat):
        for mode in MODES:
            with Database.open(paths[mode]) as db:
                watch = Stopwatch()
                model = ParticipantTableModel(db)
                view = new_view(model)
                _ready, shown, counted = shown_then_counted(model, view, watch)
                record(results, "table: first rows shown", mode, shown.wall_ms / 1000)
                record(results, "table: exact total shown", mode, counted.wall_ms / 1000)
                for text in KEYSTROKES:
                    app.processEvents()
                    watch = Stopwatch()
                    model.set_filter(ParticipantFilter(text=text), immediate=True)
                    _ready, shown, counted = shown_then_counted(model, view, watch)
                    record(results, f"search '{text}': rows shown", mode, shown.wall_ms / 1000)
                    record(results, f"search '{text}': count shown", mode, counted.wall_ms / 1000)
                model.shutdown()
                view.close()
                view.deleteLater()
                model.deleteLater()
                app.processEvents()


def timed(fn: Callable[..., object], *args: object, **kwargs: object) -> float:
    started = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - started


def sync_cases(paths: dict[str, Path], work: Path, repeat: int, results: Results) -> None:
    from desasadar_gui.sync.workbook_export import export_workbook
    from desasadar_gui.sync.workbook_import import import_workbook

    for _ in range(repeat):
        for mode in MODES:
            with Database.open(paths[mode]) as db:
                out = work / f"export-{mode}.xlsx"
                record(results, "export workbook", mode, timed(export_workbook, db, out))
    workbook = work / "export-plain.xlsx"
    for n in range(repeat):
        for mode in MODES:
            target = work / f"import-{mode}-{n}.sqlite"
            new_database(target, mode == "encrypted")
            with Database.open(target) as db:
                seconds = timed(import_workbook, db, workbook)
            record(results, "import workbook into an empty database", mode, seconds)
            for old in target.parent.glob(target.name + "*"):
                old.unlink()


def startup_cases(paths: dict[str, Path], repeat: int, results: Results) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESASADAR_PASS")}
    for _ in range(repeat):
        for mode in MODES:
            extra = {security.ENV_PASSPHRASE: PASSPHRASE} if mode == "encrypted" else {}
            command = [sys.executable, "-m", "desasadar_gui", "--db", str(paths[mode])]
            seconds = timed(
                subprocess.run,
                [*command, "stats", "--json"],
                env={**env, **extra},
                check=True,
                capture_output=True,
            )
            record(results, "start-up: 'stats --json' process (with scrypt)", mode, seconds)
            # The key already in memory: opening and the first page (the cipher's share).
            seconds = timed(_open_first_page, paths[mode])
            record(results, "start-up: open + first page (key in hand)", mode, seconds)
    started = time.perf_counter()
    cipher.KEYRING.clear()
    security.unlock(paths["encrypted"], PASSPHRASE)
    print(f"  passphrase to key (scrypt, once per start): {time.perf_counter() - started:.2f} s")


def _open_first_page(path: Path) -> None:
    with Database.open(path) as db:
        fetch_page(db)


def report(title: str, results: Results) -> list[float]:
    print(f"\n{title}")
    print(f"  {'case':<52} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    ratios = []
    for case, by_mode in results.items():
        plain = statistics.median(by_mode["plain"])
        enc = statistics.median(by_mode["encrypted"])
        ratio = enc / plain if plain > 0 else float("nan")
        ratios.append(ratio)
        mark = "" if ratio <= GOAL else "  > goal"
        print(f"  {case:<52} {fmt(plain):>10} {fmt(enc):>10} {ratio:>6.2f}x{mark}")
    return ratios


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table-size", type=int, default=500_000)
    parser.add_argument("--sync-size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "desasadar-bench-participants",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--parts", default="table,sync,startup", help="which parts to run (comma-separated)"
    )
    args = parser.parse_args(argv)

    cache: Path = args.cache_dir
    all_results: dict[str, Results] = {}
    sizes = {"table": args.table_size, "sync": args.sync_size}
    paths: dict[str, dict[str, Path]] = {}
    for what, size in sizes.items():
        plain = build_database(cache / f"participants-{size}.sqlite", size)
        encrypted = encrypted_copy(plain, cache / f"participants-{size}.encrypted.sqlite")
        paths[what] = {"plain": plain, "encrypted": encrypted}

    with tempfile.TemporaryDirectory(prefix="desasadar-bench-enc-") as tmp:
        work = Path(tmp)
        parts = set(args.parts.split(","))
        if "table" in parts:
            results: Results = {}
            table_cases(paths["table"], args.repeat, results)
            all_results[f"participants table at {args.table_size:,}"] = results
        if "sync" in parts:
            results = {}
            sync_cases(paths["sync"], work, args.repeat, results)
            all_results[f"workbook sync at {args.sync_size:,}"] = results
        if "startup" in parts:
            results = {}
            startup_cases(paths["sync"], args.repeat, results)
            all_results[f"start-up ({args.sync_size:,} people)"] = results

    print(f"\nmedian of {args.repeat} runs, wall clock; goal: encrypted <= {GOAL}x plain")
    worst = 0.0
    for title, results in all_results.items():
        worst = max(worst, *report(title, results))
    print(f"\nworst ratio: {worst:.2f}x ({'within' if worst <= GOAL else 'over'} the goal)")
    if args.json:
        args.json.write_text(json.dumps(all_results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
