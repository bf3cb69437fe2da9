"""The data itself: ``demo``, ``stats`` and ``regions`` (no Qt).

desasadar [--db PATH] demo [--participants N] [--seed S] [--officer NAME]
desasadar [--db PATH] stats [--json]
desasadar [--db PATH] regions FILE_OR_FOLDER...
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desasadar_gui.cli.common import EXIT_OK, EXIT_REFUSED, add_command, error, open_database


def add_demo(sub: argparse._SubParsersAction) -> None:
    demo = add_command(
        sub,
        "demo",
        run_demo,
        help="fill the database with realistic Jambi demo data",
        creates_database=True,
    )
    demo.add_argument(
        "--participants", type=int, default=2000, metavar="N", help="how many participants"
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="S", help="the same seed gives the same data"
    )
    demo.add_argument(
        "--officer",
        default=None,
        metavar="NAME",
        help="the main officer's name (default: this laptop's officer, else a demo name)",
    )
    demo.add_argument(
        "--regions",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder with the Kemendagri region CSVs (default: ../shared/data/regions if present)",
    )
    demo.add_argument(
        "--force", action="store_true", help="add demo data even if participants exist"
    )


def run_demo(args: argparse.Namespace) -> int:
    from desasadar_gui.services.demo import default_regions_dir, generate_demo

    if args.participants < 0:
        error("--participants harus 0 atau lebih / must be 0 or more")
        return EXIT_REFUSED
    with open_database(args) as db:
        summary = generate_demo(
            db,
            participants=args.participants,
            seed=args.seed,
            officer=args.officer,
            regions_dir=args.regions or default_regions_dir(),
            force=args.force,
        )
    print(summary.describe())
    return EXIT_OK


def add_stats(sub: argparse._SubParsersAction) -> None:
    stats = add_command(sub, "stats", run_stats, help="counts and the content digest")
    stats.add_argument("--json", action="store_true", help="print JSON")


def run_stats(args: argparse.Namespace) -> int:
    from desasadar_gui.services.stats import collect_stats

    with open_database(args) as db:
        stats = collect_stats(db)
    if args.json:
        print(json.dumps(stats.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(f"Desa / villages:            {stats.villages}")
        print(f"Peserta / participants:     {stats.participants}")
        for status, n in stats.participants_by_status.items():
            print(f"  {status:<24}  {n}")
        print(f"Sesi / sessions:            {stats.sessions}")
        print(f"Kehadiran / attendance:     {stats.attendance}")
        print(f"Target / targets:           {stats.targets}")
        print(f"Digest:                     {stats.content_digest}")
    return EXIT_OK


def add_regions(sub: argparse._SubParsersAction) -> None:
    regions = add_command(
        sub,
        "regions",
        run_regions,
        help="load region reference data (CSV/XLSX files)",
        creates_database=True,
    )
    regions.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="FILE_OR_FOLDER",
        help="CSV/XLSX region files, or folders holding them",
    )
    regions.add_argument(
        "--version-label",
        default=None,
        metavar="TEXT",
        help="the dataset's version, e.g. the Kepmendagri decree "
        "(default: derived from the content)",
    )


def run_regions(args: argparse.Namespace) -> int:
    from desasadar_gui.services.regions import find_region_files, import_regions

    files: list[Path] = []
    for path in args.paths:
        files += find_region_files(path) if path.is_dir() else [path]
    with open_database(args) as db:
        result = import_regions(db, files, dataset_version=args.version_label)
    print(result.describe())
    return EXIT_OK


# The subcommands of this module, in the order of the help.
PARSERS = (add_demo, add_stats, add_regions)
