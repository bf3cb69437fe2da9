"""Catatan pemrosesan: the processing record for the branch's data-protection officer
(every export, import, backup, restore, privacy copy, report and erasure), newest
first, with an export to CSV. The rows come from ``services/processing.py``."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.services.processing import export_processing_csv, list_processing
from desasadar_gui.services.retention import backup_max_age_days, load_retention, save_retention
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.operations import run_change

SHOWN = 5000  # the newest; the CSV has all


def _count(value: object) -> str:
    return display.count(value, language()) if isinstance(value, int) else str(value)


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
        header = self.table.horizontalHeader()
        for column, width in ((0, 150), (1, 170), (2, 120), (3, 200), (4, 150)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self._count_labels = {
            "rows": self.tr("baris"),
            "history": self.tr("riwayat"),
            "attendance": self.tr("kehadiran"),
            "audit_entries_cleared": self.tr("riwayat dibersihkan"),
            "conflicts_removed": self.tr("konflik dihapus"),
            "tombstones_erased": self.tr("catatan terhapus dibersihkan"),
        }
        self.export_button = QPushButton(self.tr("&Ekspor CSV…"))
        self.export_button.setObjectName("exportProcessing")
        self.export_button.clicked.connect(self.export_csv)
        # Retention periods (services/retention.py; applied when the app closes).
        policy = load_retention(ctx.db)
        self.retention_spin = self._days(policy.retention_days, "retentionDays")
        self.tombstone_spin = self._days(policy.tombstone_days, "tombstoneDays")
        self.backup_age_spin = self._days(backup_max_age_days(ctx.db), "backupAgeDays")
        self.save_retention_button = QPushButton(self.tr("&Simpan masa simpan"))
        self.save_retention_button.setObjectName("saveRetention")
        self.save_retention_button.clicked.connect(self.save_retention)
        periods = QFormLayout()
        periods.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        periods.addRow(self.tr("Nilai di riwayat perubahan dan konflik disimpan (hari)"),
                       self.retention_spin)  # fmt: skip
        periods.addRow(self.tr("Data pribadi peserta yang dihapus dibersihkan setelah (hari)"),
                       self.tombstone_spin)  # fmt: skip
        periods.addRow(self.tr("Cadangan otomatis dihapus setelah (hari)"), self.backup_age_spin)
        periods.addRow("", self.save_retention_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(periods)
        layout.addWidget(buttons)
        self.reload()

    def _days(self, value: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(1, 3650)
        spin.setValue(value)
        spin.setMaximumWidth(120)
        return spin

    def save_retention(self) -> None:
        db = self.ctx.db
        days = (self.retention_spin.value(), self.tombstone_spin.value(),
                self.backup_age_spin.value())  # fmt: skip
        if not run_change(self, None, lambda: save_retention(db, *days), changed=None).ok:
            return
        messages.show_info(self, self.tr("Masa simpan disimpan; diterapkan saat aplikasi ditutup."))

    def reload(self) -> None:
        rows = list_processing(self.ctx.db, limit=SHOWN)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            counts = ", ".join(
                f"{self._count_labels.get(k, k)} {_count(v)}" for k, v in row.counts.items()
            )
            for c, text in enumerate(
                (
                    display.date_time(row.at, language(), seconds=True),
                    row.label,
                    row.officer,
                    row.file_name,
                    row.sha256[:16],
                    counts or json.dumps(row.counts),
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(row.sha256 if c == 4 else text)
                self.table.setItem(r, c, item)

    def export_csv(self) -> None:
        path = messages.ask_save_path(
            self, self.tr("Ekspor catatan pemrosesan"), "catatan-pemrosesan.csv", "CSV (*.csv)"
        )
        if not path:
            return
        db = self.ctx.db
        written = run_change(self, None, lambda: export_processing_csv(db, path), changed=None)
        if not written.ok:
            return
        n = written.value
        self.reload()
        messages.show_info(self, self.tr("%1 baris disimpan di %2").replace("%1", _count(n))
                           .replace("%2", path))  # fmt: skip
