"""The participants table view: its selection, row heights and starting column widths."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from desasadar_gui.ui.kit.tables import keep_titles_whole, make_table
from desasadar_gui.ui.participants.columns import (
    COL_CONTRIBUTION,
    COL_GENDER,
    COL_KABUPATEN,
    COL_NAME,
    COL_NIK,
    COL_OCCUPATION,
    COL_PHONE,
    COL_REGISTERED,
    COL_ROLE,
    COL_STATUS,
    COL_VILLAGE,
)

# Starting widths: samples of what the column holds (the font decides the pixels); the
# name column takes what is left of a 1366-wide screen.
_COLUMN_SAMPLES = {
    COL_NIK: "0000000000000000",
    COL_GENDER: "JK",
    COL_PHONE: "0000-0000-00000",
    COL_VILLAGE: "Tanjung Pauh Talang",
    COL_KABUPATEN: "Kab. Muaro Jambi",
    COL_OCCUPATION: "Perkebunan (sawit)",
    COL_STATUS: "Aktif (membayar)",
    COL_REGISTERED: "00/00/0000",
    COL_CONTRIBUTION: "Rp000.000",
    COL_ROLE: "Sekretaris Desa",
}


def make_participants_table(model: QAbstractItemModel) -> QTableView:
    """The participants table view: one row selected at a time, fixed row heights and
    starting column widths."""
    table = make_table(model, "participantsTable")
    table.setCornerButtonEnabled(False)
    # Fixed row heights: the view never asks half a million rows for their size.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    metrics = table.fontMetrics()
    for column, sample in _COLUMN_SAMPLES.items():
        header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
    header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
    keep_titles_whole(header)  # "Iuran/bulan" is longer in English than its figures
    return table
