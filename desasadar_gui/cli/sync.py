"""Workbook sync on the command line: ``export``, ``import``, ``conflicts``,
``duplicates`` and ``synclog`` (no Qt; the sync itself is in desasadar_gui/sync/).

    desasadar [--db PATH] export OUT.xlsx [--privacy] [--password]
    desasadar [--db PATH] import IN.xlsx [--dry-run] [--errors ERRORS.xlsx]
            exit 0 applied (or imported before); 1 applied, some rows rejected;
            2 file refused, nothing changed
    desasadar [--db PATH] conflicts [--all] [--restore ID | --dismiss ID]
    desasadar [--db PATH] duplicates [--merge SURVIVOR_ID OTHER_ID]
    desasadar [--db PATH] synclog

A workbook password (``export --password``, and the import of a protected workbook)
comes from ``DESASADAR_WORKBOOK_PASSWORD``, else is asked on the terminal (not echoed),
never from the command line itself (it would stay in the shell history and the process
list). The error workbook of a protected import is protected with the same password.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import Any

from desasadar_gui.cli.common import (
    EXIT_BUG,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_SOME_REJECTED,
    add_command,
    interactive,
    open_database,
)

OUTCOME_LABELS = {
    "new": ("baru", "new"),
    "updated": ("diperbarui", "updated"),
    "unchanged": ("tidak berubah", "unchanged"),
    "stale": ("lebih lama, diabaikan", "older, ignored"),
    "conflict": ("konflik", "conflict"),
    "duplicate": ("kemungkinan ganda", "possible duplicate"),
    "rejected": ("ditolak", "rejected"),
}
LIST_LIMIT = 30


def new_workbook_password() -> str:
    """For ``export --password``: the variable, else asked twice; else refused."""
    from desasadar_gui.sync.errors import WorkbookRefused
    from desasadar_gui.sync.workbook_password import ENV_WORKBOOK_PASSWORD, check_new_password

    password = os.environ.get(ENV_WORKBOOK_PASSWORD)
    if password:
        check_new_password(password)
        return password
    if not interactive():
        raise WorkbookRefused(
            f"Kata sandi buku kerja tidak diberikan: isi {ENV_WORKBOOK_PASSWORD} atau "
            "jalankan di terminal. Tidak ada yang disimpan.",
            f"No workbook password given: set {ENV_WORKBOOK_PASSWORD} or run in a "
            "terminal. Nothing was saved.",
        )
    first = getpass.getpass("Kata sandi buku kerja / workbook password: ")
    check_new_password(first, getpass.getpass("Ulangi / repeat: "))
    return first


def workbook_password_for(path: Path) -> str | None:
    """For importing ``path``: None when it is not protected (or nothing to ask with:
    the import then refuses it plainly)."""
    from desasadar_gui.sync.workbook_password import ENV_WORKBOOK_PASSWORD, is_protected

    if not is_protected(path):
        return None
    password = os.environ.get(ENV_WORKBOOK_PASSWORD)
    if password:
        return password
    if not interactive():
        return None
    return getpass.getpass(f"Kata sandi buku kerja / workbook password ({path.name}): ")


def add_export(sub: argparse._SubParsersAction) -> None:
    export = add_command(
        sub, "export", run_export, help="write the sync workbook (supervisors and laptops)"
    )
    export.add_argument("out", type=Path, metavar="OUT.xlsx", help="the workbook to write")
    export.add_argument(
        "--privacy",
        action="store_true",
        help="a copy to read, without NIK, phone, birth date, address, hashes or ids "
        "(cannot be imported)",
    )
    export.add_argument(
        "--password",
        action="store_true",
        help="protect the workbook with a password (from DESASADAR_WORKBOOK_PASSWORD, "
        "else asked); Excel and LibreOffice ask for it when opening",
    )


def run_export(args: argparse.Namespace) -> int:
    from desasadar_gui.sync.workbook_export import export_workbook

    password = new_workbook_password() if args.password else None
    with open_database(args) as db:
        result = export_workbook(db, args.out, privacy=args.privacy, password=password)
    print(result.describe())
    return EXIT_OK


def _label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, (outcome, outcome))[0]


def print_plan(plan: Any) -> None:
    for sheet, per in plan.counts.items():
        shown = ", ".join(f"{_label(k)} {v}" for k, v in per.items() if v)
        print(f"  {sheet}: {shown or '-'}")
    totals = ", ".join(f"{_label(k)} {v}" for k, v in plan.totals.items())
    print(f"Jumlah / totals: {totals}")
    if plan.notes:
        print(f"Catatan / notes ({plan.notes_total}):")
        for item in plan.notes[:LIST_LIMIT]:
            where = f"baris {item.row_num}" if item.row_num else "lembar"
            print(f"  {item.sheet} {where}: {item.detail}")
        if plan.notes_total > LIST_LIMIT:
            print(f"  ... dan {plan.notes_total - LIST_LIMIT} lagi / and more")
    for outcome in ("rejected", "conflict", "duplicate"):
        items = plan.items.get(outcome, [])
        if not items:
            continue
        print(f"{_label(outcome).capitalize()} ({plan.total(outcome)}):")
        for item in items[:LIST_LIMIT]:
            detail = f": {item.detail}" if item.detail else ""
            print(f"  {item.sheet} baris {item.row_num} ({item.label or item.record_id}){detail}")
        if plan.total(outcome) > LIST_LIMIT:
            print(f"  ... dan {plan.total(outcome) - LIST_LIMIT} lagi / and more")


def add_import(sub: argparse._SubParsersAction) -> None:
    imp = add_command(
        sub,
        "import",
        run_import,
        help="merge a sync workbook into this database",
        exit_codes=(EXIT_OK, EXIT_SOME_REJECTED, EXIT_REFUSED, EXIT_BUG),
        creates_database=True,
    )
    imp.add_argument("file", type=Path, metavar="IN.xlsx", help="the sync workbook to merge")
    imp.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    imp.add_argument(
        "--errors",
        type=Path,
        default=None,
        metavar="ERRORS.xlsx",
        help="write rejected rows with their reasons to this workbook",
    )


def run_import(args: argparse.Namespace) -> int:
    from desasadar_gui.sync.workbook_import import import_workbook

    password = workbook_password_for(args.file)
    with open_database(args) as db:
        outcome = import_workbook(
            db, args.file, dry_run=args.dry_run, errors_path=args.errors, password=password
        )
    if outcome.already_imported:
        print(
            f"Berkas '{args.file.name}' sudah pernah diimpor ({outcome.already_imported[:16]}); "
            f"tidak ada yang diubah. / '{args.file.name}' was already imported; nothing changed."
        )
        return EXIT_OK
    plan = outcome.plan
    assert plan is not None
    meta = plan.parsed.meta
    head = "Rencana impor (uji coba, tidak ada yang diubah)" if args.dry_run else "Impor"
    print(
        f"{head} '{args.file.name}' dari laptop {meta.get('device', '?')[:8]} "
        f"(petugas {meta.get('officer') or '-'}, diekspor {meta.get('exported_at', '?')[:16]}):"
    )
    print_plan(plan)
    if outcome.result is not None and outcome.result.conflicts_recorded:
        print(
            f"{outcome.result.conflicts_recorded} konflik baru dicatat; lihat "
            "'desasadar conflicts'."
        )
    if outcome.errors_path:
        print(
            f"Baris yang ditolak ditulis ke {outcome.errors_path} "
            f"({outcome.errors_written} baris). / Rejected rows written there."
        )
    elif args.errors and not plan.rejected:
        print("Tidak ada baris yang ditolak; berkas kesalahan tidak dibuat.")
    if not args.dry_run:
        print(
            "Selesai."
            if not plan.rejected
            else "Selesai, tetapi sebagian baris ditolak (lihat di atas)."
        )
    if outcome.check is not None:
        print(outcome.check.message())
        if not outcome.check.ok:
            return EXIT_REFUSED
    return EXIT_SOME_REJECTED if plan.rejected else EXIT_OK


def add_conflicts(sub: argparse._SubParsersAction) -> None:
    conflicts = add_command(
        sub, "conflicts", run_conflicts, help="list, restore or dismiss sync conflicts"
    )
    conflicts.add_argument("--all", action="store_true", help="include resolved conflicts")
    group = conflicts.add_mutually_exclusive_group()
    group.add_argument(
        "--restore", type=int, metavar="ID", help="bring back the losing version as a new edit"
    )
    group.add_argument("--dismiss", type=int, metavar="ID", help="mark the conflict as reviewed")


def run_conflicts(args: argparse.Namespace) -> int:
    from desasadar_gui.sync.conflicts import dismiss_conflict, list_conflicts, restore_conflict

    with open_database(args) as db:
        if args.restore is not None:
            restore_conflict(db, args.restore)
            print(f"Konflik {args.restore} dipulihkan sebagai suntingan baru.")
            return EXIT_OK
        if args.dismiss is not None:
            dismiss_conflict(db, args.dismiss)
            print(f"Konflik {args.dismiss} ditandai sudah ditinjau.")
            return EXIT_OK
        rows = list_conflicts(db, include_resolved=args.all)
    if not rows:
        print("Tidak ada konflik. / No conflicts.")
    for c in rows:
        side = "versi laptop ini kalah" if c.loser_side == "local" else "versi berkas kalah"
        state = f" [{c.resolution}]" if c.resolution else ""
        print(f"#{c.id} {c.sheet} {c.label} ({c.record_id}): {side}{state}")
        for key, now, lost in c.differences:
            print(f"    {key}: sekarang {now!r}, yang kalah {lost!r}")
    return EXIT_OK


def add_duplicates(sub: argparse._SubParsersAction) -> None:
    dups = add_command(sub, "duplicates", run_duplicates, help="list or merge people sharing a NIK")
    dups.add_argument(
        "--merge",
        nargs=2,
        metavar=("SURVIVOR_ID", "OTHER_ID"),
        help="merge OTHER_ID into SURVIVOR_ID (its attendance moves over); without it, list them",
    )


def run_duplicates(args: argparse.Namespace) -> int:
    from desasadar_gui.sync.duplicates import find_possible_duplicates, merge_duplicates

    with open_database(args) as db:
        if args.merge:
            result = merge_duplicates(db, args.merge[0], args.merge[1])
            print(
                f"Digabung: {result.merged_id} -> {result.survivor_id} "
                f"({result.attendance_moved} kehadiran dipindah)."
            )
            return EXIT_OK
        groups = find_possible_duplicates(db)
    if not groups:
        print("Tidak ada kemungkinan data ganda. / No possible duplicates.")
    for g in groups:
        print(f"NIK {g.nik}:")
        for p in g.people:
            where = f"{p.village or '-'}, {p.status}, petugas {p.officer or '-'}"
            print(f"    {p.id}  {p.name}  ({where})")
    return EXIT_OK


def add_synclog(sub: argparse._SubParsersAction) -> None:
    add_command(sub, "synclog", run_synclog, help="history of exports and imports")


def run_synclog(args: argparse.Namespace) -> int:
    from desasadar_gui.sync.history import list_sync_log

    with open_database(args) as db:
        rows = list_sync_log(db)
    for r in rows:
        arrow = "ekspor" if r.direction == "export" else "impor "
        print(
            f"{r.at:%Y-%m-%d %H:%M}  {arrow}  {r.file_name}  {r.sha256[:12]}  "
            f"dari {r.source_device[:8] or '-'}"
        )
    return EXIT_OK


# The subcommands of this module, in the order of the help.
PARSERS = (add_export, add_import, add_conflicts, add_duplicates, add_synclog)
