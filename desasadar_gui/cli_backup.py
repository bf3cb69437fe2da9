"""Command bodies for ``desasadar backup`` and ``desasadar restore`` (no Qt).

desasadar [--db PATH] backup [OUT]     a consistent copy (default: the backups
                                       folder, kind "manual"); OUT a file or folder
desasadar [--db PATH] restore FILE     replace the database with FILE after keeping
                                       a pre-restore copy; exit 2 if FILE is not a
                                       healthy Desa Sadar database
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_REFUSED = 2


def add_parsers(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser(
        "backup", help="a consistent copy of the database (default: into the backups folder)"
    )
    backup.add_argument("out", nargs="?", type=Path, default=None, metavar="OUT")
    restore = sub.add_parser(
        "restore", help="replace the database with a backup (the current file is kept)"
    )
    restore.add_argument("file", type=Path, metavar="FILE")


def cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from desasadar_gui.services.backups import MANUAL, take_backup
    from desasadar_gui.services.integrity import inspect_database_file

    check = inspect_database_file(db_path)
    if not check.ok:
        print(
            f"'{db_path}' bukan basis data Desa Sadar yang sehat ({check.status}); tidak ada "
            f"yang dicadangkan. / '{db_path}' is not a healthy Desa Sadar database "
            f"({check.status}); nothing was backed up.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    copy = take_backup(db_path, MANUAL, args.out)
    print(copy)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, db_path: Path) -> int:
    from desasadar_gui.services.backups import restore_backup
    from desasadar_gui.services.database import Database
    from desasadar_gui.services.instance_lock import acquire_instance_lock
    from desasadar_gui.services.stats import collect_stats

    with acquire_instance_lock(db_path) as lock:
        result = restore_backup(db_path, args.file)
        db = Database.open(db_path)  # upgrades an older copy (with its own backup)
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
