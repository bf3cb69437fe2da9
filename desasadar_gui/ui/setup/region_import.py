"""Loading Kemendagri region reference files, off the GUI thread, with progress.

Used by the "Berkas > Impor data wilayah…" menu and by the settings dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desasadar_gui.domain import display
from desasadar_gui.errors import UserError
from desasadar_gui.services.oserrors import describe_os_error
from desasadar_gui.services.regions import (
    RegionFiles,
    RegionImportResult,
    SkippedFile,
    import_regions,
    scan_region_folder,
    sort_region_files,
)
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.operations import Operation, run_operation

log = logging.getLogger("desasadar.ui.region_import")


# QCoreApplication.translate is spelled out at each call (not through a helper) so that
# pyside6-lupdate sees the context.


def ask_region_files(parent: QWidget | None) -> RegionFiles:
    """Files the officer picks; those that are not region files are set aside."""
    chosen = messages.ask_open_paths(
        parent,
        QCoreApplication.translate("RegionImport", "Pilih berkas data wilayah"),
        QCoreApplication.translate("RegionImport", "Data wilayah (*.csv *.xlsx);;Semua berkas (*)"),
    )
    return sort_region_files([Path(p) for p in chosen])


def ask_region_folder(parent: QWidget | None) -> RegionFiles:
    """Every region file in a folder the officer picks (the branch's data folder may hold
    other files too: those are set aside and named)."""
    folder = messages.ask_directory(
        parent, QCoreApplication.translate("RegionImport", "Pilih folder data wilayah")
    )
    return scan_region_folder(Path(folder)) if folder else RegionFiles((), ())


def ask_region_source(parent: QWidget | None) -> RegionFiles:
    """Files or a whole folder, as the officer prefers."""
    choice = messages.ask_choice(
        parent,
        QCoreApplication.translate("RegionImport", "Impor data wilayah"),
        QCoreApplication.translate(
            "RegionImport",
            "Pilih berkas data wilayah satu per satu, atau satu folder: semua berkas data "
            "wilayah di folder itu dimuat, berkas lain dilewati.",
        ),
        [
            QCoreApplication.translate("RegionImport", "Pilih &berkas…"),
            QCoreApplication.translate("RegionImport", "Pilih &folder…"),
        ],
    )
    if choice == 0:
        return ask_region_files(parent)
    if choice == 1:
        return ask_region_folder(parent)
    return RegionFiles((), ())


def skipped_text(skipped: tuple[SkippedFile, ...]) -> str:
    """'Dilewati (bukan data wilayah):' and one line per file with its reason."""
    if not skipped:
        return ""
    en = language() == "en"
    lines = [f"• {s.path.name}: {s.reason_en if en else s.reason_id}" for s in skipped]
    heading = QCoreApplication.translate("RegionImport", "Dilewati, bukan berkas data wilayah:")
    return heading + "\n" + "\n".join(lines)


def usable_files(parent: QWidget | None, files: RegionFiles) -> list[Path]:
    """The region files to import; when none of the chosen files is one, say so and why."""
    if not files.found and files.skipped:
        messages.show_error(
            parent,
            QCoreApplication.translate(
                "RegionImport", "Tidak ada berkas data wilayah di antara yang dipilih."
            )
            + "\n\n"
            + skipped_text(files.skipped),
            QCoreApplication.translate("RegionImport", "Impor data wilayah"),
        )
    return list(files.found)


def describe_result(result: RegionImportResult, skipped: tuple[SkippedFile, ...] = ()) -> str:
    text = (
        QCoreApplication.translate(
            "RegionImport",
            "Data wilayah dimuat: %1 kabupaten/kota, %2 kecamatan, %3 desa/kelurahan.",
        )
        .replace("%1", display.count(result.regencies, language()))
        .replace("%2", display.count(result.districts, language()))
        .replace("%3", display.count(result.villages, language()))
        + "\n"
        + QCoreApplication.translate("RegionImport", "Versi data: %1").replace(
            "%1", result.dataset_version
        )
    )
    if skipped:
        text += "\n\n" + skipped_text(skipped)
    return text


def error_text(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return exc.message()
    if isinstance(exc, OSError):
        return describe_os_error(exc).message()
    return QCoreApplication.translate(
        "RegionImport",
        "Impor data wilayah gagal karena kesalahan tak terduga; rinciannya dicatat di berkas log.",
    )


def start_region_import(
    parent: QWidget,
    ctx: UiContext,
    paths: list[Path],
    on_finished: Callable[[RegionImportResult | None], None] | None = None,
    skipped: tuple[SkippedFile, ...] = (),
) -> Operation:
    """Import ``paths`` in the background; a modal progress dialog shows how far it got."""
    title = QCoreApplication.translate("RegionImport", "Impor data wilayah")

    def work(progress, cancelled):  # runs in the pool; touches no widget
        return import_regions(ctx.db, paths, progress=progress)

    def done(result: RegionImportResult) -> None:
        messages.show_info(parent, describe_result(result, skipped), title)
        if on_finished:
            on_finished(result)

    def failed(exc: BaseException) -> bool:
        messages.show_error(parent, error_text(exc), title)
        if on_finished:
            on_finished(None)
        return True

    return run_operation(
        parent,
        work,
        on_success=done,
        on_failure=failed,
        progress=QCoreApplication.translate("RegionImport", "Memuat data wilayah…"),
        progress_title=title,
        cancellable=False,  # all or nothing, and quick: no cancel
        progress_name="regionImportProgress",
    )
