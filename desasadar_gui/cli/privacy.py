"""The data subject's rights and the processing record (no Qt).

    desasadar [--db PATH] person-report NIK_OR_ID OUT.html
                                           everything held about one person (printable)
    desasadar [--db PATH] erase-person NIK_OR_ID --yes
                                           hapus data pribadi: erase their personal
                                           fields everywhere here; syncs by export
    desasadar [--db PATH] prune [--retention-days N] [--tombstone-days N]
                                           apply (and optionally first set) the retention
                                           periods: history values, final tombstones
    desasadar [--db PATH] processing-log OUT.csv
                                           the processing record for the data-protection
                                           officer

Exit 0 done; 2 refused (unknown person, no --yes, a file that cannot be written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desasadar_gui.cli.common import EXIT_OK, EXIT_REFUSED, add_command, error, open_database

PERSON_HELP = "the person's NIK or participant id"


def add_person_report(sub: argparse._SubParsersAction) -> None:
    report = add_command(
        sub,
        "person-report",
        run_person_report,
        help="subject-access report: everything held about one person",
    )
    report.add_argument("person", metavar="NIK_OR_ID", help=PERSON_HELP)
    report.add_argument("out", type=Path, metavar="OUT.html", help="the report to write")


def run_person_report(args: argparse.Namespace) -> int:
    from desasadar_gui.services.subject_report import write_report_html

    with open_database(args) as db:
        out = write_report_html(db, args.person, args.out)
    print(f"Laporan data pribadi ditulis ke / report written to: {out}")
    return EXIT_OK


def add_erase_person(sub: argparse._SubParsersAction) -> None:
    erase = add_command(
        sub,
        "erase-person",
        run_erase_person,
        help="erase one person's personal data here (syncs by export)",
    )
    erase.add_argument("person", metavar="NIK_OR_ID", help=PERSON_HELP)
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def run_erase_person(args: argparse.Namespace) -> int:
    from desasadar_gui.services.erasure import erase_person, find_person
    from desasadar_gui.services.participants import get_participant

    if not args.yes:
        error(
            "Menghapus data pribadi tidak bisa dibatalkan: nama, NIK, telepon, tanggal lahir, "
            "alamat dan riwayatnya dihapus di laptop ini dan, lewat ekspor berikutnya, di "
            "laptop lain. Ulangi dengan --yes untuk melanjutkan. Tidak ada yang diubah.\n"
            "Erasing personal data cannot be undone. Repeat with --yes to go ahead. "
            "Nothing was changed."
        )
        return EXIT_REFUSED
    with open_database(args) as db:
        find_person(db, args.person)  # a plain message before anything else
        result = erase_person(db, args.person)
        get_participant(db, result.participant_id, include_deleted=True)
    kept = ""
    if result.backups_not_cleaned:
        kept = (
            f" {result.backups_not_cleaned} cadangan tidak bisa dibersihkan dan masih memuat "
            "data ini: hapus di Cadangan. / "
            f"{result.backups_not_cleaned} backups could not be cleaned and still hold it: "
            "delete them under Backups."
        )
    print(
        f"Data pribadi dihapus / personal data erased: peserta {result.participant_id}; "
        f"kehadiran sebagai tamu {result.attendance_erased}, riwayat dibersihkan "
        f"{result.audit_entries_cleared}, konflik dihapus {result.conflicts_removed}, "
        f"cadangan dibersihkan {result.backups_cleaned}.{kept} "
        "Ekspor lalu impor di laptop lain agar ikut terhapus.\n"
        "Export and import on the other laptops to erase it there."
    )
    return EXIT_OK


def add_processing_log(sub: argparse._SubParsersAction) -> None:
    log = add_command(
        sub, "processing-log", run_processing_log, help="the processing record as CSV"
    )
    log.add_argument("out", type=Path, metavar="OUT.csv", help="the CSV file to write")


def run_processing_log(args: argparse.Namespace) -> int:
    from desasadar_gui.services.processing import export_processing_csv

    with open_database(args) as db:
        n = export_processing_csv(db, args.out)
    print(f"{n} baris catatan pemrosesan ditulis ke / rows written to: {args.out}")
    return EXIT_OK


def add_prune(sub: argparse._SubParsersAction) -> None:
    prune = add_command(
        sub,
        "prune",
        run_prune,
        help="apply the retention periods now (the app does it when it closes)",
    )
    prune.add_argument(
        "--retention-days",
        type=int,
        default=None,
        metavar="N",
        help="first save this as the history retention period (default: the saved one)",
    )
    prune.add_argument(
        "--tombstone-days",
        type=int,
        default=None,
        metavar="N",
        help="first save this as the tombstone retention period (default: the saved one)",
    )


def run_prune(args: argparse.Namespace) -> int:
    from desasadar_gui.services.retention import (
        load_retention,
        prune_personal_data,
        save_retention,
    )

    with open_database(args) as db:
        policy = load_retention(db)
        if args.retention_days is not None or args.tombstone_days is not None:
            policy = save_retention(
                db,
                args.retention_days if args.retention_days is not None else policy.retention_days,
                args.tombstone_days if args.tombstone_days is not None else policy.tombstone_days,
            )
        result = prune_personal_data(db)
    print(
        f"Masa simpan riwayat {policy.retention_days} hari, catatan terhapus "
        f"{policy.tombstone_days} hari: {result.history_cleared} riwayat dikosongkan, "
        f"{result.conflicts_removed} konflik dihapus, {result.tombstones_erased} catatan "
        "terhapus dibersihkan dari data pribadi. / history retention "
        f"{policy.retention_days} days, tombstones {policy.tombstone_days} days."
    )
    return EXIT_OK


# The subcommands of this module, in the order of the help.
PARSERS = (add_person_report, add_erase_person, add_processing_log, add_prune)
