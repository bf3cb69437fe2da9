"""The Sync view: history of exports and imports, conflicts, possible duplicates.

    view = SyncView(ctx)

Three tabs. *Riwayat*: every export and import of this laptop (file, time, from which
laptop, counts). *Konflik*: versions that lost to a concurrent edit, with what differs;
"Pulihkan" applies the losing version again (a new edit that then wins everywhere),
"Tandai sudah ditinjau" only files it away. *Kemungkinan ganda*: people sharing a NIK;
select the one to keep and "Gabungkan" makes the others tombstones pointing to it
(attendance moves over). Every change goes through ``ctx.bus`` so other tabs refresh.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.services.history import field_label
from desasadar_gui.sync.conflicts import (
    ConflictRow,
    dismiss_conflict,
    list_conflicts,
    restore_conflict,
)
from desasadar_gui.sync.duplicates import (
    DuplicatePerson,
    find_possible_duplicates,
    merge_duplicates,
)
from desasadar_gui.sync.history import list_sync_log
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import Retranslating, language
from desasadar_gui.ui.kit.operations import run_change
from desasadar_gui.ui.kit.rows_model import RowsModel
from desasadar_gui.ui.kit.tables import make_log_table


def _view(model: Any) -> QTableView:
    return make_log_table(model, single=True)


def _n(value: Any) -> str:
    return display.count(value, language()) if isinstance(value, int) else str(value)


def _counts_text(counts: dict[str, Any]) -> str:
    parts = []
    for sheet, value in counts.items():
        if isinstance(value, dict):
            shown = ", ".join(f"{k} {_n(v)}" for k, v in value.items() if v)
            if shown:
                parts.append(f"{sheet}: {shown}")
        elif isinstance(value, int) and not isinstance(value, bool):
            parts.append(f"{sheet} {_n(value)}")
    return "; ".join(parts)


class SyncView(Retranslating, QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.history_model = RowsModel(self._history_headers, self)
        self.history_view = _view(self.history_model)
        self.conflict_model = RowsModel(self._conflict_headers, self)
        self.conflict_view = _view(self.conflict_model)
        self.duplicate_model = RowsModel(self._duplicate_headers, self)
        self.duplicate_view = _view(self.duplicate_model)
        self.restore_button = QPushButton()
        self.dismiss_button = QPushButton()
        self.merge_button = QPushButton()
        self.conflict_hint = QLabel()
        self.duplicate_hint = QLabel()
        for hint in (self.conflict_hint, self.duplicate_hint):
            hint.setWordWrap(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.tabs.addTab(self.history_view, "")
        self.tabs.addTab(
            self._page(
                self.conflict_hint, self.conflict_view, self.restore_button, self.dismiss_button
            ),
            "",
        )
        self.tabs.addTab(
            self._page(self.duplicate_hint, self.duplicate_view, self.merge_button), ""
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        for view in (self.conflict_view, self.duplicate_view):
            view.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.bus.changed.connect(lambda _entities: self.refresh())
        self.retranslate_ui()
        self.refresh()

    @staticmethod
    def _page(hint: QLabel, view: QTableView, *buttons: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(view, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    # -- texts ----------------------------------------------------------------------

    def _history_headers(self) -> list[str]:
        return [
            self.tr("Waktu"),
            self.tr("Arah"),
            self.tr("Berkas"),
            self.tr("Dari laptop"),
            self.tr("Petugas"),
            self.tr("Jumlah"),
        ]

    def _conflict_headers(self) -> list[str]:
        return [
            self.tr("Terdeteksi"),
            self.tr("Lembar"),
            self.tr("Data"),
            self.tr("Yang kalah"),
            self.tr("Perbedaan (sekarang → yang kalah)"),
        ]

    def _duplicate_headers(self) -> list[str]:
        return [
            self.tr("NIK"),
            self.tr("Nama"),
            self.tr("Desa"),
            self.tr("Status"),
            self.tr("Petugas"),
            self.tr("Kehadiran"),
            self.tr("ID"),
        ]

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Riwayat"))
        self.tabs.setTabText(1, self.tr("Konflik ({n})").format(n=self.conflict_model.rowCount()))
        self.tabs.setTabText(
            2, self.tr("Kemungkinan ganda ({n})").format(n=len({p.nik for p in self._people()}))
        )
        self.restore_button.setText(self.tr("Pulihkan versi yang kalah"))
        self.dismiss_button.setText(self.tr("Tandai sudah ditinjau"))
        self.merge_button.setText(self.tr("Gabungkan ke orang yang dipilih"))
        self.conflict_hint.setText(
            self.tr(
                "Data yang diubah di dua tempat sejak sinkronisasi terakhir. Versi terbaru sudah "
                "dipakai; versi yang kalah disimpan di sini dan bisa dipulihkan."
            )
        )
        self.duplicate_hint.setText(
            self.tr(
                "Orang dengan NIK yang sama tercatat dua kali. Pilih orang yang dipertahankan, "
                "lalu gabungkan: yang lain ditandai terhapus dan kehadirannya dipindahkan."
            )
        )

    # -- data -------------------------------------------------------------------------

    def _people(self) -> list[DuplicatePerson]:
        return [
            p
            for p in (
                self.duplicate_model.payload(r) for r in range(self.duplicate_model.rowCount())
            )
            if p
        ]

    def refresh(self) -> None:
        db = self.ctx.db
        direction = {"export": self.tr("Ekspor"), "import": self.tr("Impor")}
        log = list_sync_log(db)
        self.history_model.set_rows(
            [
                (
                    display.date_time(r.at, language()),
                    direction.get(r.direction, r.direction),
                    r.file_name,
                    (r.source_device or "")[:8],
                    r.officer,
                    _counts_text(r.counts),
                )
                for r in log
            ],
            log,
        )
        conflicts = list_conflicts(db)
        side = {"local": self.tr("versi laptop ini"), "incoming": self.tr("versi dari berkas")}
        self.conflict_model.set_rows(
            [
                (
                    display.date_time(c.detected_at, language()),
                    c.sheet,
                    c.label,
                    side.get(c.loser_side, ""),
                    "; ".join(
                        f"{field_label(k)}: {now} → {lost}" for k, now, lost in c.differences
                    ),
                )
                for c in conflicts
            ],
            conflicts,
        )
        people = [p for g in find_possible_duplicates(db) for p in g.people]
        self.duplicate_model.set_rows(
            [
                (p.nik, p.name, p.village, p.status, p.officer, p.attendance, p.id[:8])
                for p in people
            ],
            people,
        )
        self.retranslate_ui()
        self._update_buttons()

    def _selected(self, view: QTableView, model: RowsModel) -> Any:
        rows = view.selectionModel().selectedRows()
        return model.payload(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: Any) -> None:
        conflict = self._selected(self.conflict_view, self.conflict_model)
        self.restore_button.setEnabled(conflict is not None)
        self.dismiss_button.setEnabled(conflict is not None)
        self.merge_button.setEnabled(
            self._selected(self.duplicate_view, self.duplicate_model) is not None
        )

    # -- actions ------------------------------------------------------------------------

    def select_row(self, view: QTableView, row: int) -> None:
        view.selectRow(row)

    def restore_selected(self) -> None:
        conflict: ConflictRow | None = self._selected(self.conflict_view, self.conflict_model)
        if conflict is None or not messages.confirm(
            self,
            self.tr(
                "Pulihkan versi yang kalah untuk {label}? Ini menjadi suntingan baru yang "
                "akan ikut tersinkron."
            ).format(label=conflict.label),
        ):
            return
        self._do(lambda: restore_conflict(self.ctx.db, conflict.id), notify=True)

    def dismiss_selected(self) -> None:
        conflict: ConflictRow | None = self._selected(self.conflict_view, self.conflict_model)
        if conflict is not None:
            self._do(lambda: dismiss_conflict(self.ctx.db, conflict.id), notify=False)

    def merge_selected(self) -> None:
        survivor: DuplicatePerson | None = self._selected(self.duplicate_view, self.duplicate_model)
        if survivor is None:
            return
        others = [p for p in self._people() if p.nik == survivor.nik and p.id != survivor.id]
        if not others or not messages.confirm(
            self,
            self.tr(
                "Pertahankan {name} dan gabungkan {n} data lain dengan NIK {nik} ke dalamnya?"
            ).format(name=survivor.name, n=len(others), nik=survivor.nik),
        ):
            return

        def merge() -> None:
            for other in others:
                merge_duplicates(self.ctx.db, survivor.id, other.id)

        self._do(merge, notify=True)

    def _do(self, action: Any, notify: bool) -> None:
        run_change(self, None, action, changed=None)
        if notify:
            self.ctx.bus.notify()  # refreshes this view too
        else:
            self.refresh()
