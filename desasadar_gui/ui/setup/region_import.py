"""Loading Kemendagri region reference files, off the GUI thread, with progress.

Used by the "Berkas > Impor data wilayah…" menu and by the settings dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desasadar_gui.errors import UserError
from desasadar_gui.services.oserrors import describe_os_error
from desasadar_gui.services.regions import (
    RegionImportResult,
    find_region_files,
    import_regions,
    version_label,
)
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.operations import Operation, run_operation

log = logging.getLogger("desasadar.ui.region_import")


# QCoreApplication.translate is spelled out at each call (not through a helper) so that
# pyside6-lupdate sees the context.


def ask_region_files(parent: QWidget | None) -> list[Path]:
    chosen = messages.ask_open_paths(
        parent,
        QCoreApplication.translate("RegionImport", "Pilih berkas data wilayah"),
        QCoreApplication.translate("RegionImport", "Data wilayah (*.csv *.xlsx);;Semua berkas (*)"),
    )
    return [Path(p) for p in chosen]


def ask_region_folder(parent: QWidget | None) -> list[Path]:
    folder = messages.ask_directory(
        parent, QCoreApplication.translate("RegionImport", "Pilih folder data wilayah")
    )
    if not folder:
        return []
    found = find_region_files(Path(folder))
    if not found:
        messages.show_error(
            parent,
            QCoreApplication.translate(
                "RegionImport",
                "Folder ini tidak berisi berkas data wilayah (CSV/XLSX dengan kolom "
                "code,name,kind / code,regency_code,name / code,district_code,name,kind).",
            ),
        )
    return found


def describe_result(result: RegionImportResult) -> str:
    return (
        QCoreApplication.translate(
            "RegionImport",
            "Data wilayah dimuat: %1 kabupaten/kota, %2 kecamatan, %3 desa/kelurahan.",
        )
        .replace("%1", str(result.regencies))
        .replace("%2", str(result.districts))
        .replace("%3", str(result.villages))
        + "\n"
        + QCoreApplication.translate("RegionImport", "Versi data: %1").replace(
            "%1", version_label(result.dataset_version)
        )
    )


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
) -> Operation:
    """Import ``paths`` in the background; a modal progress dialog shows how far it got."""
    title = QCoreApplication.translate("RegionImport", "Impor data wilayah")

    def work(progress, cancelled):  # runs in the pool; touches no widget
        return import_regions(ctx.db, paths, progress=progress)

    def done(result: RegionImportResult) -> None:
        messages.show_info(parent, describe_result(result), title)
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
