"""``desasadar backup`` and ``desasadar restore`` (no Qt).

desasadar [--db PATH] backup [OUT]     a consistent copy (default: the backups
                                       folder, kind "manual"); OUT a file or folder
desasadar [--db PATH] restore FILE     replace the database with FILE after keeping
                                       a pre-restore copy; exit 2 if FILE is not a
                                       healthy Desa Sadar database
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desasadar_gui.cli.common import EXIT_OK, EXIT_REFUSED, add_command, database_path, error


def add_backup(sub: argparse._SubParsersAction) -> None:
    backup = add_command(
        sub,
        "backup",
        run_backup,
        help="a consistent copy of the database (default: into the backups folder)",
    )
    backup.add_argument(
        "out",
        nargs="?",
        type=Path,
        default=None,
        metavar="OUT",
        help="a file or folder for the copy (default: the backups folder)",
    )


def run_backup(args: argparse.Namespace) -> int:
    from desasadar_gui.services.backups import MANUAL, take_backup
    from desasadar_gui.services.integrity import inspect_database_file

    path = database_path(args)
    check = inspect_database_file(path)
    if not check.ok:
        error(
            f"'{path}' bukan basis data Desa Sadar yang sehat ({check.status}); tidak ada "
            f"yang dicadangkan. / '{path}' is not a healthy Desa Sadar database "
            f"({check.status}); nothing was backed up."
        )
        return EXIT_REFUSED
    copy = take_backup(path, MANUAL, args.out)
    print(copy)
    return EXIT_OK


def add_restore(sub: argparse._SubParsersAction) -> None:
    restore = add_command(
        sub,
        "restore",
        run_restore,
        help="replace the database with a backup (the current file is kept)",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup copy to bring back")


def run_restore(args: argparse.Namespace) -> int:
    from desasadar_gui.services.backups import restore_backup
    from desasadar_gui.services.database import Database
    from desasadar_gui.services.instance_lock import acquire_instance_lock
    from desasadar_gui.services.stats import collect_stats

    path = database_path(args)
    with acquire_instance_lock(path) as lock:
        result = restore_backup(path, args.file)
        db = Database.open(path)  # upgrades an older copy (with its own backup)
        db.instance_lock = lock
        try:
            stats = collect_stats(db)
        finally:
            db.instance_lock = None
            db.close()
    print(f"Dipulihkan dari / restored from: {result.restored_from}")
    if result.previous_copy is not None:
        print(f"Berkas sebelumnya disimpan di / previous file kept at: {result.previous_copy}")
    print(f"Desa / villages: {stats.villages}   Peserta / participants: {stats.participants}")
    return EXIT_OK


# The subcommands of this module, in the order of the help.
PARSERS = (add_backup, add_restore)
