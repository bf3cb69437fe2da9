"""Words of the workbook shown in the interface language: the sheet names (Indonesian in
the file, whatever the language) and the outcomes of an import."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desasadar_gui.domain import display
from desasadar_gui.errors import current_language


def sheet_label(sheet: str) -> str:
    """A workbook sheet as the rows it holds ("Desa" -> "Villages" in English); an
    unknown name as it is."""
    labels = {
        "Desa": QCoreApplication.translate("SyncLabels", "Desa"),
        "Peserta": QCoreApplication.translate("SyncLabels", "Peserta"),
        "Sosialisasi": QCoreApplication.translate("SyncLabels", "Sosialisasi"),
        "Kehadiran": QCoreApplication.translate("SyncLabels", "Kehadiran"),
        "Target": QCoreApplication.translate("SyncLabels", "Target"),
    }
    return labels.get(sheet, sheet)


def outcome_label(outcome: str) -> str:
    """An import outcome as a word after its count ("87 baru" / "87 new")."""
    labels = {
        "new": QCoreApplication.translate("SyncLabels", "baru"),
        "updated": QCoreApplication.translate("SyncLabels", "diperbarui"),
        "unchanged": QCoreApplication.translate("SyncLabels", "tidak berubah"),
        "stale": QCoreApplication.translate("SyncLabels", "lebih lama"),
        "conflict": QCoreApplication.translate("SyncLabels", "konflik"),
        "duplicate": QCoreApplication.translate("SyncLabels", "kemungkinan ganda"),
        "rejected": QCoreApplication.translate("SyncLabels", "ditolak"),
    }
    return labels.get(outcome, outcome)


def counts_text(counts: dict[str, object]) -> str:
    """Counts as the sync log stores them (sheet -> rows, or sheet -> outcome -> rows)
    in the language in force: "Desa: 87 baru, 3 diperbarui; Peserta: 2 baru". Built
    at display time, so entries written before a language switch follow it too."""
    parts = []
    for sheet, value in counts.items():
        name = sheet_label(sheet)
        if isinstance(value, dict):
            shown = ", ".join(
                f"{display.count(n, current_language())} {outcome_label(k)}"
                for k, n in value.items()
                if isinstance(n, int) and not isinstance(n, bool) and n
            )
            if shown:
                parts.append(f"{name}: {shown}")
        elif isinstance(value, int) and not isinstance(value, bool):
            parts.append(f"{name}: {display.count(value, current_language())}")
    return "; ".join(parts)
