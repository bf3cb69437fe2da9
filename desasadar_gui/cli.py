"""The command line: the same services as the GUI, and no Qt unless a window is asked for.

    desasadar [--db PATH]                       open the app
    desasadar --version
    desasadar [--db PATH] demo [--participants N] [--seed S] [--officer NAME]
    desasadar [--db PATH] stats [--json]
    desasadar [--db PATH] regions FILE_OR_FOLDER...
    desasadar [--db PATH] backup [OUT]
    desasadar [--db PATH] restore FILE
    desasadar [--db PATH] screenshot --out DIR [--lang id|en]
    desasadar [--db PATH] passphrase status|set|change

An encrypted database is opened with DESASADAR_PASSPHRASE (the passphrase or the
recovery key), else the passphrase is asked on the terminal (cli_security.py).

Exit codes: 0 done; 2 refused (a plain message says why, nothing changed);
70 an unexpected error (details in the log file).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desasadar_gui import __version__

EXIT_OK = 0
EXIT_REFUSED = 2
EXIT_BUG = 70

log = logging.getLogger("desasadar.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desasadar",
        description="Desa Sadar Jaminan Sosial Ketenagakerjaan — aplikasi petugas lapangan "
        "BPJS Ketenagakerjaan (field officers' app).",
    )
    parser.add_argument("--version", action="version", version=f"desasadar {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: DESASADAR_DB, else a file in the user's data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill the database with realistic Jambi demo data")
    demo.add_argument("--participants", type=int, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--officer", default=None, metavar="NAME")
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

    stats = sub.add_parser("stats", help="counts and the content digest")
    stats.add_argument("--json", action="store_true", help="print JSON")

    regions = sub.add_parser("regions", help="load region reference data (CSV/XLSX files)")
    regions.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    regions.add_argument("--version-label", default=None, metavar="TEXT")

    from desasadar_gui.cli_backup import add_parsers as add_backup_parsers

    add_backup_parsers(sub)

    from desasadar_gui.cli_security import add_parsers as add_security_parsers

    add_security_parsers(sub)

    from desasadar_gui.sync.cli_commands import add_parsers as add_sync_parsers

    add_sync_parsers(sub)

    from desasadar_gui.cli_privacy import add_parsers as add_privacy_parsers

    add_privacy_parsers(sub)

    shots = sub.add_parser("screenshot", help="one PNG per tab, rendered offscreen")
    shots.add_argument("--out", type=Path, required=True, metavar="DIR")
    shots.add_argument("--lang", choices=("id", "en"), default="id")
    return parser


def _db_path(arg: str | None) -> Path:
    from desasadar_gui.paths import default_db_path

    return Path(arg) if arg else default_db_path()


def _open(args: argparse.Namespace):
    from desasadar_gui.services.database import Database

    # lock: one copy of the app (window or command) per database file at a time.
    return Database.open(_db_path(args.db), lock=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from desasadar_gui.services.demo import default_regions_dir, generate_demo

    if args.participants < 0:
        print("--participants harus 0 atau lebih / must be 0 or more", file=sys.stderr)
        return EXIT_REFUSED
    with _open(args) as db:
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


def cmd_stats(args: argparse.Namespace) -> int:
    from desasadar_gui.services.stats import collect_stats

    with _open(args) as db:
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


def cmd_regions(args: argparse.Namespace) -> int:
    from desasadar_gui.services.regions import find_region_files, import_regions

    files: list[Path] = []
    for path in args.paths:
        files += find_region_files(path) if path.is_dir() else [path]
    with _open(args) as db:
        result = import_regions(db, files, dataset_version=args.version_label)
    print(result.describe())
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    # The only command that loads Qt; it draws offscreen, so it also runs with no display.
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desasadar_gui.ui.screenshot import take_screenshots

    path = _db_path(args.db)
    if not path.is_file():
        print(f"Berkas basis data '{path}' tidak ada / database file not found", file=sys.stderr)
        return EXIT_REFUSED
    for shot in take_screenshots(path, args.out, lang=args.lang):
        print(shot)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from desasadar_gui.cli_backup import cmd_backup as run

    return run(args, _db_path(args.db))


def cmd_restore(args: argparse.Namespace) -> int:
    from desasadar_gui.cli_backup import cmd_restore as run

    return run(args, _db_path(args.db))


def cmd_passphrase(args: argparse.Namespace) -> int:
    from desasadar_gui.cli_security import cmd_passphrase as run

    return run(args, _db_path(args.db))


def _sync_command(name: str):
    def run(args: argparse.Namespace) -> int:
        from desasadar_gui.sync import cli_commands

        return getattr(cli_commands, f"cmd_{name}")(args, _open)

    return run


def _privacy_command(name: str):
    def run(args: argparse.Namespace) -> int:
        import desasadar_gui.cli_privacy as commands

        return getattr(commands, f"cmd_{name}")(args, _open)

    return run


def cmd_gui(args: argparse.Namespace) -> int:
    from desasadar_gui.app import run_app

    return run_app(_db_path(args.db))


COMMANDS = {
    "demo": cmd_demo,
    "stats": cmd_stats,
    "regions": cmd_regions,
    "screenshot": cmd_screenshot,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "passphrase": cmd_passphrase,
    "export": _sync_command("export"),
    "import": _sync_command("import"),
    "conflicts": _sync_command("conflicts"),
    "duplicates": _sync_command("duplicates"),
    "synclog": _sync_command("synclog"),
    "person-report": _privacy_command("person_report"),
    "erase-person": _privacy_command("erase_person"),
    "processing-log": _privacy_command("processing_log"),
    "prune": _privacy_command("prune"),
    None: cmd_gui,
}


def clean_leftovers(db_path: Path | None) -> None:
    """At every start (GUI and each command), before any work: scratch folders of
    processes that are gone (import staging, export parts: personal data),
    half-written backup copies of ``db_path`` and half-done encryption swaps. Never
    fails the start."""
    from desasadar_gui.scratch import clean_stale
    from desasadar_gui.services.backups import remove_stale_parts
    from desasadar_gui.services.security import finish_interrupted_swaps

    try:
        clean_stale()
        if db_path is not None:
            remove_stale_parts(db_path)
            # A kill while a plain file was swapped for its encrypted copy.
            finish_interrupted_swaps(db_path)
    except OSError as exc:  # a read-only or full data folder: the command says more
        log.warning("leftovers not cleaned: %s", type(exc).__name__)


def _print_restore_hint(exc: Exception, args: argparse.Namespace) -> None:
    """After a failed schema upgrade: the exact command that brings the data back."""
    from desasadar_gui.db.migrate import UpgradeFailedError

    if isinstance(exc, UpgradeFailedError) and exc.backup_path is not None:
        command = f'desasadar --db "{_db_path(args.db)}" restore "{exc.backup_path}"'
        print(f"Pulihkan dengan / restore with:\n  {command}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from desasadar_gui.errors import UserError, language_from_environment, set_language
    from desasadar_gui.logs import setup_logging

    set_language(language_from_environment())  # the GUI applies its own setting later

    log_path = setup_logging()
    clean_leftovers(None if args.command == "screenshot" else _db_path(args.db))
    try:
        if args.command not in (None, "passphrase"):
            # The GUI asks in a dialog; `passphrase` asks for itself.
            from desasadar_gui.cli_security import unlock_for_command

            unlock_for_command(_db_path(args.db), args.command)
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(exc.message(), file=sys.stderr)
        _print_restore_hint(exc, args)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("Dibatalkan / cancelled.", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as exc:
        from desasadar_gui.services.oserrors import describe_os_error

        log.warning("OS error in %s: %s", args.command, exc.__class__.__name__)
        print(describe_os_error(exc).message(), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:
        from desasadar_gui.services.oserrors import describe_db_error

        # A database or file failure that reached here unwrapped (a read outside a
        # transaction, a staging file): still a plain message by its error code.
        known = describe_db_error(exc, _db_path(args.db) if args.command else None)
        if known is not None:
            log.warning("%s in %s: %s", type(known).__name__, args.command, type(exc).__name__)
            print(known.message(), file=sys.stderr)
            return EXIT_REFUSED
        log.exception("unexpected error in command %s", args.command)
        print(
            "Terjadi kesalahan tak terduga; rinciannya dicatat di "
            f"{log_path} / An unexpected error occurred; details are in {log_path}",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
