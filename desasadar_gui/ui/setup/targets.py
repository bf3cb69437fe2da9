"""Yearly targets: the branch, each kabupaten, village and officer.

One live target per (year, scope, key): saving a target for a key that already has one
changes it. Targets are synchronised records (they travel in the sync workbook).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.enums import TargetScope
from desasadar_gui.services.dashboard import officer_names
from desasadar_gui.services.targets import TargetRow, delete_target, list_targets, set_target
from desasadar_gui.services.village_queries import kabupaten_names, village_choices
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.charts import fmt_int
from desasadar_gui.ui.kit.context import TARGETS, UiContext
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.operations import run_change

_SCOPES = (TargetScope.BRANCH, TargetScope.KABUPATEN, TargetScope.VILLAGE, TargetScope.OFFICER)


class TargetsDialog(QDialog):
    def __init__(self, ctx: UiContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("TargetsDialog")
        self._villages = {v.id: v for v in village_choices(ctx.db)}
        self._rows: list[TargetRow] = []

        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("targetScope")
        self.key_combo = QComboBox()
        self.key_combo.setObjectName("targetKey")
        self.key_combo.setMinimumContentsLength(28)
        self.key_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.value_spin = QSpinBox()
        self.value_spin.setObjectName("targetValue")
        self.value_spin.setRange(0, 10_000_000)
        self.value_spin.setSingleStep(100)
        self.value_spin.setGroupSeparatorShown(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveTarget")
        self.save_button.setDefault(True)
        self.delete_button = QPushButton()
        self.year_label, self.scope_label, self.key_label, self.value_label = (
            QLabel(), QLabel(), QLabel(), QLabel()
        )  # fmt: skip
        for label, buddy in (
            (self.year_label, self.year_spin),
            (self.scope_label, self.scope_combo),
            (self.key_label, self.key_combo),
            (self.value_label, self.value_spin),
        ):
            label.setBuddy(buddy)  # fmt: skip

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("targetsTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(dark);")

        form = QFormLayout()
        form.addRow(self.year_label, self.year_spin)
        form.addRow(self.scope_label, self.scope_combo)
        form.addRow(self.key_label, self.key_combo)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_spin, 1)
        value_row.addWidget(self.save_button)
        form.addRow(self.value_label, value_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(620, 520)

        self.year_spin.valueChanged.connect(lambda _v: self.reload())
        self.scope_combo.currentIndexChanged.connect(lambda _i: self._fill_keys())
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Target tahunan"))
        self.year_label.setText(self.tr("&Tahun"))
        self.scope_label.setText(self.tr("&Cakupan"))
        self.key_label.setText(self.tr("&Untuk"))
        self.value_label.setText(self.tr("Target &peserta"))
        self.save_button.setText(self.tr("&Simpan target"))
        self.delete_button.setText(self.tr("&Hapus target terpilih"))
        self.hint_label.setText(
            self.tr("Dihitung: peserta yang mendaftar pada tahun itu (terdaftar, aktif atau "
                    "tidak aktif). Menyimpan target untuk yang sudah punya target akan "
                    "mengubahnya.")
        )  # fmt: skip
        self.table.setHorizontalHeaderLabels(
            [self.tr("Cakupan"), self.tr("Untuk"), self.tr("Target")]
        )
        current = self.scope_combo.currentIndex()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        for scope in _SCOPES:
            self.scope_combo.addItem(scope.label(language()), scope.value)
        self.scope_combo.setCurrentIndex(max(0, current))
        self.scope_combo.blockSignals(False)
        self._fill_keys()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.reload()
        super().changeEvent(event)

    # -- data ---------------------------------------------------------------------

    def scope(self) -> str:
        return str(self.scope_combo.currentData() or TargetScope.BRANCH.value)

    def _fill_keys(self) -> None:
        scope = self.scope()
        self.key_combo.clear()
        self.key_combo.setEditable(scope == TargetScope.OFFICER.value)
        if scope == TargetScope.BRANCH.value:
            self.key_combo.addItem(self.tr("Seluruh kantor cabang"), "")
        elif scope == TargetScope.KABUPATEN.value:
            for name in kabupaten_names(self.ctx.db):
                self.key_combo.addItem(name, name)
        elif scope == TargetScope.VILLAGE.value:
            for v in sorted(
                self._villages.values(), key=lambda v: (v.name.casefold(), v.kabupaten)
            ):
                self.key_combo.addItem(f"{v.name} — {v.kabupaten}" if v.kabupaten else v.name, v.id)
        else:
            for name in officer_names(self.ctx.db):
                self.key_combo.addItem(name, name)
            self.key_combo.setCurrentIndex(-1)
        self.key_combo.setEnabled(scope != TargetScope.BRANCH.value)

    def key(self) -> str:
        if self.scope() == TargetScope.OFFICER.value:
            return self.key_combo.currentText().strip()
        return str(self.key_combo.currentData() or "")

    def _key_label(self, row: TargetRow) -> str:
        if row.scope == TargetScope.BRANCH.value:
            return self.tr("Seluruh kantor cabang")
        if row.scope == TargetScope.VILLAGE.value:
            v = self._villages.get(row.scope_key)
            return f"{v.name} — {v.kabupaten}" if v else self.tr("(desa terhapus)")
        return row.scope_key

    def reload(self) -> None:
        order = {s.value: i for i, s in enumerate(_SCOPES)}
        self._rows = sorted(
            list_targets(self.ctx.db, self.year_spin.value()),
            key=lambda t: (order.get(t.scope, 9), self._key_label(t).casefold()),
        )
        self.table.setRowCount(len(self._rows))
        for i, row in enumerate(self._rows):
            try:
                scope = TargetScope(row.scope).label(language())
            except ValueError:
                scope = row.scope
            value = QTableWidgetItem(fmt_int(row.value))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col, item in enumerate(
                (QTableWidgetItem(scope), QTableWidgetItem(self._key_label(row)), value)
            ):
                self.table.setItem(i, col, item)
        self.delete_button.setEnabled(False)

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.delete_button.setEnabled(bool(rows))
        if not rows:
            return
        target = self._rows[rows[0].row()]
        index = self.scope_combo.findData(target.scope)
        if index >= 0:
            self.scope_combo.setCurrentIndex(index)
        if target.scope == TargetScope.OFFICER.value:
            self.key_combo.setCurrentText(target.scope_key)
        else:
            key_index = self.key_combo.findData(target.scope_key)
            if key_index >= 0:
                self.key_combo.setCurrentIndex(key_index)
        self.value_spin.setValue(target.value)

    # -- actions ------------------------------------------------------------------

    def save(self) -> TargetRow | None:
        db = self.ctx.db
        year, scope, key, value = (self.year_spin.value(), self.scope(), self.key(),
                                   self.value_spin.value())  # fmt: skip
        saved = run_change(self, None, lambda: set_target(db, year, scope, key, value),
                           changed=None)  # fmt: skip
        if not saved.ok:
            return None
        row = saved.value
        self.reload()
        self.ctx.bus.notify(TARGETS)
        return row

    def delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        target = self._rows[rows[0].row()]
        if not messages.confirm(
            self, self.tr("Hapus target %1 untuk %2?").replace("%1", fmt_int(target.value))
            .replace("%2", self._key_label(target))
        ):  # fmt: skip
            return
        db = self.ctx.db
        if run_change(self, None, lambda: delete_target(db, target.id), changed=None).ok:
            self.reload()
            self.ctx.bus.notify(TARGETS)
