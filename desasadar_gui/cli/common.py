"""What every command shares: exit codes, the help layout, the database it works on
(its path, its passphrase, opening it) and the terminal it may ask on (no Qt).

An encrypted database is opened with ``DESASADAR_PASSPHRASE`` (the passphrase or the
recovery key), else the passphrase is asked on the terminal (not echoed); with neither
(a script, no terminal) the command stops with a plain message, exit 2. A wrong
passphrase is a plain message too, exit 2, never "damaged". A database created by a
command while ``DESASADAR_PASSPHRASE`` is set is created encrypted with it; its
recovery key is printed once.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desasadar_gui.errors import UserError

if TYPE_CHECKING:
    from desasadar_gui.services.database import Database

EXIT_OK = 0
EXIT_SOME_REJECTED = 1
EXIT_REFUSED = 2
EXIT_BUG = 70

Handler = Callable[[argparse.Namespace], int]

_EXIT_LINES = {
    EXIT_OK: "done",
    EXIT_SOME_REJECTED: "applied, but some rows were rejected (import)",
    EXIT_REFUSED: "refused: a plain message says why (also a wrong option)",
    EXIT_BUG: "an unexpected error (details in the log file)",
}


def exit_codes_epilog(*codes: int) -> str:
    """The "exit codes" block of a help text: ``codes``, else all of them."""
    lines = [f"  {code:<3} {_EXIT_LINES[code]}" for code in codes or sorted(_EXIT_LINES)]
    return "exit codes:\n" + "\n".join(lines)


class HelpFormatter(argparse.HelpFormatter):
    """Adds "(default: X)" to an option with a real default and keeps the lines of the
    exit-code epilog (the description is wrapped as usual).

    Options whose default is None or False say in their own help what happens when
    they are left out."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if "default" in text or default is None or default is False or default is argparse.SUPPRESS:
            return text
        if action.option_strings or action.nargs in (argparse.OPTIONAL, argparse.ZERO_OR_MORE):
            return f"{text} (default: %(default)s)"
        return text

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:  # the exit-code table: its lines as written
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_command(
    sub: argparse._SubParsersAction,
    name: str,
    run: Handler,
    *,
    help: str,
    exit_codes: tuple[int, ...] = (EXIT_OK, EXIT_REFUSED, EXIT_BUG),
    unlock: bool = True,
    creates_database: bool = False,
    cleans_database: bool = True,
) -> argparse.ArgumentParser:
    """A subcommand run by ``run``. ``unlock``: the database is unlocked before it runs;
    ``creates_database``: it may create the file (encrypted while a passphrase is set);
    ``cleans_database``: the start removes half-written copies of the file first."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help, formatter_class=HelpFormatter, epilog=exit_codes_epilog(*exit_codes)
    )
    parser.set_defaults(
        func=run,
        unlock=unlock,
        creates_database=creates_database,
        cleans_database=cleans_database,
    )
    return parser


def database_target(args: argparse.Namespace) -> Path | str:
    """What ``--db`` (else ``DESASADAR_DB``, else the file in the data folder) names: a
    file path, or a server URL as text (``postgresql+psycopg://user@host/dbname``)."""
    import os

    from desasadar_gui.db.engine import is_server_url
    from desasadar_gui.paths import DB_ENV, default_db_path

    given = args.db or os.environ.get(DB_ENV)
    if given and is_server_url(given):
        return str(given)
    return Path(args.db) if args.db else default_db_path()


def database_path(args: argparse.Namespace) -> Path:
    """The database file of a command that only makes sense on a file (backup,
    restore, passphrase, screenshot): a server URL is refused with a plain message."""
    target = database_target(args)
    if isinstance(target, str):
        from desasadar_gui.services.server_database import file_only_error

        name = getattr(args, "command", None) or "desasadar"
        raise file_only_error(f"Perintah '{name}'", f"The command '{name}'")
    return target


def open_database(args: argparse.Namespace) -> Database:
    from desasadar_gui.services.database import Database

    # lock: one copy of the app (window or command) per database file at a time (on a
    # server: one writer, through an advisory lock).
    return Database.open(database_target(args), lock=True)


def interactive() -> bool:
    """True when a person at a terminal can be asked (a passphrase, a password)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def error(text: str) -> None:
    """A plain message for the person at the terminal, on stderr."""
    print(text, file=sys.stderr)


def _no_passphrase(path: Path) -> UserError:
    from desasadar_gui.services.security import ENV_PASSPHRASE

    return UserError(
        f"Basis data '{path.name}' dilindungi kata sandi. Isi variabel {ENV_PASSPHRASE} "
        "dengan kata sandi (atau kunci pemulihan), atau jalankan perintah di terminal "
        "agar kata sandi bisa ditanyakan. Tidak ada yang diubah.",
        f"The database '{path.name}' is protected by a passphrase. Set {ENV_PASSPHRASE} "
        "to the passphrase (or the recovery key), or run the command in a terminal so "
        "that it can ask. Nothing was changed.",
    )


def ask_secret(path: Path, prompt: str | None = None) -> str:
    """The passphrase from the environment, else from the terminal; else refused."""
    from desasadar_gui.services.security import ENV_PASSPHRASE

    secret = os.environ.get(ENV_PASSPHRASE)
    if secret:
        return secret
    if not interactive():
        raise _no_passphrase(path)
    return getpass.getpass(prompt or "Kata sandi / passphrase (atau kunci pemulihan): ")


def print_recovery_key(recovery_key: str) -> None:
    error(
        "\nKUNCI PEMULIHAN / RECOVERY KEY (ditampilkan sekali / shown once):\n\n"
        f"    {recovery_key}\n\n"
        "Tulis dan serahkan ke supervisor; kunci ini membuka basis data bila kata sandi "
        "lupa. / Write it down and give it to your supervisor: it opens the database if "
        "the passphrase is forgotten.\n"
    )


def unlock_for_command(path: Path, may_create: bool) -> None:
    """Before a command runs: unlock an encrypted database; create a new one encrypted
    when ``DESASADAR_PASSPHRASE`` is set (if the command ``may_create`` it); finish an
    interrupted encryption."""
    from desasadar_gui.services import security

    state = security.protection(path)
    if state == security.NEW:
        secret = os.environ.get(security.ENV_PASSPHRASE)
        if secret and may_create and path.parent.is_dir():
            security.check_new_passphrase(secret, secret)
            prepared = security.prepare_key(secret)
            security.install_key(path, prepared)
            print_recovery_key(prepared.recovery_key)
        return
    if state == security.PLAIN:
        return
    security.unlock(path, ask_secret(path))
    if state == security.INTERRUPTED:
        from desasadar_gui.services.instance_lock import acquire_instance_lock

        with acquire_instance_lock(path):
            result = security.encrypt_database(path)
        error(
            f"Enkripsi yang terputus sudah diselesaikan ({result.backups_encrypted} "
            "cadangan). / The interrupted encryption was finished."
        )
