"""The entry point: the parser built from the command modules, the start every
command shares (logging, leftovers, unlocking) and the exit code of each failure."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from desasadar_gui import __version__
from desasadar_gui.cli import backup, data, gui, passphrase, privacy, sync
from desasadar_gui.cli.common import (
    EXIT_BUG,
    EXIT_REFUSED,
    HelpFormatter,
    database_target,
    error,
    exit_codes_epilog,
    unlock_for_command,
)

log = logging.getLogger("desasadar.cli")

# Each lists the functions that add its subcommands (PARSERS); this order is the help's.
COMMAND_MODULES = (data, backup, passphrase, sync, privacy, gui)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desasadar",
        description="Desa Sadar Jaminan Sosial Ketenagakerjaan — aplikasi petugas lapangan "
        "BPJS Ketenagakerjaan (field officers' app).",
        formatter_class=HelpFormatter,
        epilog=exit_codes_epilog(),
    )
    parser.add_argument("--version", action="version", version=f"desasadar {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: DESASADAR_DB, else a file in the user's data folder)",
    )
    # No command: the window, which asks for a passphrase in a dialog.
    parser.set_defaults(
        func=gui.run_window, unlock=False, creates_database=False, cleans_database=True
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        for add_parser in module.PARSERS:
            add_parser(sub)
    return parser


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
        command = f'desasadar --db "{database_target(args)}" restore "{exc.backup_path}"'
        error(f"Pulihkan dengan / restore with:\n  {command}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from desasadar_gui.errors import UserError, language_from_environment, set_language
    from desasadar_gui.logs import setup_logging

    set_language(language_from_environment())  # the GUI applies its own setting later
    log_path = setup_logging()
    target = database_target(args)
    on_file = target if isinstance(target, Path) else None  # a server has no leftovers
    clean_leftovers(on_file if args.cleans_database else None)
    try:
        if args.unlock and on_file is not None:
            unlock_for_command(on_file, args.creates_database)
        result: int = args.func(args)
        return result
    except UserError as exc:
        error(exc.message())
        _print_restore_hint(exc, args)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        error("Dibatalkan / cancelled.")
        return EXIT_REFUSED
    except OSError as exc:
        from desasadar_gui.services.oserrors import describe_os_error

        log.warning("OS error in %s: %s", args.command, exc.__class__.__name__)
        error(describe_os_error(exc).message())
        return EXIT_REFUSED
    except Exception as exc:
        from desasadar_gui.services.oserrors import describe_db_error

        # A database or file failure that reached here unwrapped (a read outside a
        # transaction, a staging file): still a plain message by its error code.
        known = describe_db_error(exc, on_file if args.command else None)
        if known is not None:
            log.warning("%s in %s: %s", type(known).__name__, args.command, type(exc).__name__)
            error(known.message())
            return EXIT_REFUSED
        log.exception("unexpected error in command %s", args.command)
        error(
            "Terjadi kesalahan tak terduga; rinciannya dicatat di "
            f"{log_path} / An unexpected error occurred; details are in {log_path}"
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
