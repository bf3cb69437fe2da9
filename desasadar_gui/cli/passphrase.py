"""``desasadar passphrase``: encrypt the database, or change its passphrase (no Qt).

    desasadar [--db PATH] passphrase status
    desasadar [--db PATH] passphrase set       encrypt a plain database (and its backups)
    desasadar [--db PATH] passphrase change    a new passphrase (asks the old one or the
                                               recovery key)

A new passphrase comes from ``DESASADAR_NEW_PASSPHRASE`` or is asked twice on the
terminal. How every other command opens an encrypted database: cli/common.py.
"""

from __future__ import annotations

import argparse
import getpass
import os

from desasadar_gui.cli.common import (
    EXIT_OK,
    add_command,
    ask_secret,
    database_path,
    interactive,
    print_recovery_key,
)
from desasadar_gui.errors import UserError


def add_parser(sub: argparse._SubParsersAction) -> None:
    # It asks for the passphrase itself: no unlocking before it runs.
    cmd = add_command(
        sub, "passphrase", run, help="encrypt the database, or change its passphrase", unlock=False
    )
    cmd.add_argument(
        "action",
        choices=("status", "set", "change"),
        help="status: plain, encrypted, interrupted or new; set: encrypt a plain database; "
        "change: a new passphrase",
    )


PARSERS = (add_parser,)


def ask_new_passphrase() -> str:
    from desasadar_gui.services.security import ENV_NEW_PASSPHRASE, check_new_passphrase

    new = os.environ.get(ENV_NEW_PASSPHRASE)
    if new:
        check_new_passphrase(new, new)
        return new
    if not interactive():
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


def run(args: argparse.Namespace) -> int:
    from desasadar_gui.services import security
    from desasadar_gui.services.instance_lock import acquire_instance_lock

    path = database_path(args)
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
