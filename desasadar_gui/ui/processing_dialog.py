"""Catatan pemrosesan: the processing record for the branch's data-protection officer
(every export, import, backup, restore, privacy copy, report and erasure), newest
first, with an export to CSV. The rows come from ``services/processing.py``."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.errors import UserError
from desasadar_gui.services.processing import export_processing_csv, list_processing
from desasadar_gui.ui import messages
from desasadar_gui.ui.context import UiContext

SHOWN = 5000  # the newest; the CSV has all


class ProcessingDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("processingDialog")
        self.setWindowTitle(self.tr("Catatan pemrosesan data pribadi"))
        self.resize(980, 520)
        self.note = QLabel(
            self.tr(
                "Setiap ekspor, impor, cadangan, pemulihan, salinan privasi, laporan data "
                "pribadi dan penghapusan: siapa, kapan, berkas apa (dengan SHA-256) dan "
                "berapa catatan. Tidak memuat data pribadi."
            )
        )
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("processingTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Waktu (UTC)"),
                self.tr("Kegiatan"),
                self.tr("Petugas"),
                self.tr("Berkas"),
                self.tr("SHA-256"),
                self.tr("Jumlah"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.export_button = QPushButton(self.tr("&Ekspor CSV…"))
        self.export_button.setObjectName("exportProcessing")
        self.export_button.clicked.connect(self.export_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        rows = list_processing(self.ctx.db, limit=SHOWN)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            counts = ", ".join(f"{k} {v}" for k, v in row.counts.items())
            for c, text in enumerate(
                (
                    row.at.strftime("%d/%m/%Y %H:%M:%S"),
                    row.label,
                    row.officer,
                    row.file_name,
                    row.sha256[:16],
                    counts or json.dumps(row.counts),
                )
            ):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setToolTip(row.sha256)
                self.table.setItem(r, c, item)

    def export_csv(self) -> None:
        path = messages.ask_save_path(
            self, self.tr("Ekspor catatan pemrosesan"), "catatan-pemrosesan.csv", "CSV (*.csv)"
        )
        if not path:
            return
        try:
            n = export_processing_csv(self.ctx.db, path)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        except OSError as exc:
            from desasadar_gui.services.oserrors import describe_os_error

            messages.show_user_error(self, describe_os_error(exc))
            return
        self.reload()
        messages.show_info(self, self.tr("%1 baris disimpan di %2").replace("%1", str(n))
                           .replace("%2", path))  # fmt: skip
