"""The passphrase on the command line (no Qt).

Every command opens an encrypted database with its passphrase (or its recovery key)
from ``DESASADAR_PASSPHRASE``, else asked on the terminal (not echoed); with neither
(a script, no terminal) it stops with a plain message, exit 2. A wrong passphrase is
a plain message too, exit 2, never "damaged".

    desasadar [--db PATH] passphrase status
    desasadar [--db PATH] passphrase set       encrypt a plain database (and its backups)
    desasadar [--db PATH] passphrase change    a new passphrase (asks the old one or the
                                               recovery key)

A new passphrase comes from ``DESASADAR_NEW_PASSPHRASE`` or is asked twice on the
terminal. A database created by a command while ``DESASADAR_PASSPHRASE`` is set is
created encrypted with it; its recovery key is printed once.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desasadar_gui.errors import UserError

EXIT_OK = 0
EXIT_REFUSED = 2

# Commands that may create the database file when it does not exist yet.
CREATING = frozenset({"demo", "regions", "import"})


def add_parsers(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("passphrase", help="encrypt the database, or change its passphrase")
    cmd.add_argument("action", choices=("status", "set", "change"))


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


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
    if not _interactive():
        raise _no_passphrase(path)
    return getpass.getpass(prompt or "Kata sandi / passphrase (atau kunci pemulihan): ")


def ask_new_passphrase() -> str:
    from desasadar_gui.services.security import ENV_NEW_PASSPHRASE, check_new_passphrase

    new = os.environ.get(ENV_NEW_PASSPHRASE)
    if new:
        check_new_passphrase(new, new)
        return new
    if not _interactive():
        raise UserError(
            f"Kata sandi baru tidak diberikan: isi {ENV_NEW_PASSPHRASE} atau jalankan di "
            "terminal. Tidak ada yang diubah.",
            f"No new passphrase given: set {ENV_NEW_PASSPHRASE} or run in a terminal. "
            "Nothing was changed.",
        )
    first = getpass.getpass("Kata sandi baru / new passphrase: ")
    second = getpass.getpass("Ulangi / repeat: ")
    check_new_passphrase(first, second)
    return first


def print_recovery_key(recovery_key: str) -> None:
    print(
        "\nKUNCI PEMULIHAN / RECOVERY KEY (ditampilkan sekali / shown once):\n\n"
        f"    {recovery_key}\n\n"
        "Tulis dan serahkan ke supervisor; kunci ini membuka basis data bila kata sandi "
        "lupa. / Write it down and give it to your supervisor: it opens the database if "
        "the passphrase is forgotten.\n",
        file=sys.stderr,
    )


def unlock_for_command(path: Path, command: str | None) -> None:
    """Before a command runs: unlock an encrypted database; create a new one encrypted
    when ``DESASADAR_PASSPHRASE`` is set; finish an interrupted encryption."""
    from desasadar_gui.services import security

    state = security.protection(path)
    if state == security.NEW:
        secret = os.environ.get(security.ENV_PASSPHRASE)
        if secret and command in CREATING and path.parent.is_dir():
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
        print(
            f"Enkripsi yang terputus sudah diselesaikan ({result.backups_encrypted} "
            "cadangan). / The interrupted encryption was finished.",
            file=sys.stderr,
        )


def cmd_passphrase(args: argparse.Namespace, path: Path) -> int:
    from desasadar_gui.services import security
    from desasadar_gui.services.instance_lock import acquire_instance_lock

    state = security.protection(path)
    if args.action == "status":
        print({security.PLAIN: "plain", security.NEW: "new"}.get(state, state))
        return EXIT_OK
    if args.action == "set":
        if state != security.PLAIN:
            raise UserError(
                f"Basis data '{path.name}' sudah dilindungi kata sandi (atau belum ada). "
                "Untuk menggantinya: 'passphrase change'.",
                f"The database '{path.name}' already has a passphrase (or does not exist "
                "yet). To replace it: 'passphrase change'.",
            )
        new = ask_new_passphrase()
        prepared = security.prepare_key(new)
        with acquire_instance_lock(path):
            security.encrypt_database(path, prepared)
        print_recovery_key(prepared.recovery_key)
        print(f"Basis data dienkripsi / database encrypted: {path}")
        return EXIT_OK
    # change
    if state not in (security.ENCRYPTED, security.INTERRUPTED):
        raise UserError(
            f"Basis data '{path.name}' belum dilindungi kata sandi: pakai 'passphrase set'.",
            f"The database '{path.name}' has no passphrase yet: use 'passphrase set'.",
        )
    old = ask_secret(
        path, "Kata sandi lama atau kunci pemulihan / old passphrase or recovery key: "
    )
    security.unlock(path, old)  # a wrong one stops here, before a new one is asked
    new = ask_new_passphrase()
    with acquire_instance_lock(path):
        security.change_passphrase(path, old, new)
    print(f"Kata sandi diganti / passphrase changed: {path}")
    return EXIT_OK
