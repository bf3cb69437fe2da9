"""The import preview: what an import would do, before anything changes.

Counts per sheet and outcome, then lists (new, updated, conflicts, possible
duplicates, rejected rows with their reasons). "Terapkan" accepts the dialog; the
caller applies the plan off the GUI thread. Rejected rows can be saved to an error
workbook to fix and import again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.sync.workbook_import import PreparedImport, write_errors
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.i18n import Retranslating, language
from desasadar_gui.ui.kit.rows_model import RowsModel
from desasadar_gui.ui.kit.tables import make_log_table

LISTED = ("new", "updated", "conflict", "duplicate", "rejected")


class ImportPreviewDialog(Retranslating, QDialog):
    def __init__(self, prepared: PreparedImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert prepared.plan is not None
        self.prepared = prepared
        self.plan = prepared.plan
        self.setMinimumSize(760, 520)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.counts_model = RowsModel(self._count_headers, self)
        self.counts_view = _table(self.counts_model)
        self.counts_view.verticalHeader().setDefaultSectionSize(
            self.counts_view.fontMetrics().height() + 8
        )
        self.tabs = QTabWidget()
        self.list_models: dict[str, RowsModel] = {}
        for key in LISTED:
            model = RowsModel(self._list_headers, self)
            self.list_models[key] = model
            self.tabs.addTab(_table(model), "")
        self.notes_model = RowsModel(self._list_headers, self)
        self.tabs.addTab(_table(self.notes_model), "")
        self.save_errors = QPushButton()
        self.save_errors.clicked.connect(self._save_errors)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts_view, 0)
        layout.addWidget(self.tabs, 2)
        layout.addWidget(self.save_errors, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self._fill()
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------

    def _outcome_titles(self) -> dict[str, str]:
        return {
            "new": self.tr("Baru"),
            "updated": self.tr("Diperbarui"),
            "unchanged": self.tr("Tidak berubah"),
            "stale": self.tr("Lebih lama (diabaikan)"),
            "conflict": self.tr("Konflik"),
            "duplicate": self.tr("Kemungkinan ganda"),
            "rejected": self.tr("Ditolak"),
        }

    def _count_headers(self) -> list[str]:
        titles = self._outcome_titles()
        return [self.tr("Lembar"), *(titles[k] for k in self.plan.totals)]

    def _list_headers(self) -> list[str]:
        return [self.tr("Lembar"), self.tr("Baris"), self.tr("Nama / data"), self.tr("Keterangan")]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Pratinjau impor"))
        meta = self.plan.parsed.meta
        self.heading.setText(
            self.tr(
                "<b>{file}</b> dari petugas {officer} (laptop {device}), diekspor {at}."
            ).format(
                file=self.plan.parsed.file_name,
                officer=meta.get("officer") or "-",
                device=meta.get("device", "?")[:8],
                at=display.stored_text(meta.get("exported_at", "?"), language()),
            )
        )
        totals = self.plan.totals
        titles = self._outcome_titles()
        text = ", ".join(f"{titles[k]} {display.count(v, language())}" for k, v in totals.items())
        if self.plan.already_imported:
            text = self.tr("Berkas ini sudah pernah diimpor; tidak ada yang akan diubah.")
        elif self.plan.rejected:
            text += "\n" + self.tr(
                "Baris yang ditolak tidak diimpor; baris lainnya diterapkan. Simpan baris yang "
                "ditolak untuk diperbaiki lalu diimpor lagi."
            )
        self.summary.setText(text)
        for i, key in enumerate(LISTED):
            self.tabs.setTabText(
                i, f"{titles[key]} ({display.count(self.plan.total(key), language())})"
            )
        self.tabs.setTabText(
            len(LISTED),
            self.tr("Catatan (%1)").replace("%1", display.count(self.plan.notes_total, language())),
        )
        self._fill_lists()
        self.save_errors.setText(self.tr("Simpan baris yang ditolak…"))
        self.apply_button.setText(self.tr("Terapkan"))
        self.cancel_button.setText(self.tr("Batal"))
        self.counts_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 8)

    # -- content ---------------------------------------------------------------------------

    def _fill(self) -> None:
        rows = []
        for sheet, per in self.plan.counts.items():
            rows.append(
                [sheet, *(display.count(per.get(k, 0), language()) for k in self.plan.totals)]
            )
        self.counts_model.set_rows(rows)
        view = self.counts_view  # every sheet's line visible, no scrolling
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height()
            + len(rows) * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
        )
        self._fill_lists()
        self.apply_button.setEnabled(not self.plan.already_imported)
        self.save_errors.setVisible(self.plan.rejected > 0)

    def _fill_lists(self) -> None:
        """The lists, with their details in the interface language."""
        en = language() == "en"

        def shown(items: list) -> list[tuple]:
            return [
                (i.sheet, i.row_num or "", i.label or i.record_id, i.detail_en if en else i.detail)
                for i in items
            ]

        for key, model in self.list_models.items():
            items = self.plan.items.get(key, [])
            model.set_rows(shown(items), items)
        self.notes_model.set_rows(shown(self.plan.notes), self.plan.notes)

    def _save_errors(self) -> None:
        stem = self.plan.parsed.path.stem
        path = messages.ask_save_path(
            self,
            self.tr("Simpan baris yang ditolak"),
            f"{stem}-ditolak.xlsx",
            self.tr("Buku kerja Excel (*.xlsx)"),
        )
        if not path:
            return
        try:
            n = write_errors(self.prepared, path)
        except OSError as exc:
            from desasadar_gui.services.oserrors import describe_os_error

            messages.show_user_error(self, describe_os_error(exc))
            return
        messages.show_info(self, self.tr("{n} baris ditulis ke {path}.").format(n=n, path=path))


def _table(model: Any) -> QTableView:
    return make_log_table(model)
