"""Settings: the officer, the interface language, region reference data, the
contribution rate table, and security (passphrase, automatic lock)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.rates import (
    AMOUNT_KEYS,
    BRACKET_KEYS,
    FUNDING_KEYS,
    PERCENT_KEYS,
    RateRow,
)
from desasadar_gui.services import rates, regions, security
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import apply_language, language, save_language
from desasadar_gui.ui.kit.operations import Operation, run_change
from desasadar_gui.ui.setup.region_import import (
    ask_region_files,
    ask_region_folder,
    start_region_import,
)

Index = QModelIndex | QPersistentModelIndex

COL_KEY = 0
COL_VALUE = 1
COL_FROM = 2
COL_TO = 3
COL_APPLIES = 4
COL_NOTE = 5
RATE_COLUMNS = 6


class RateTableModel(QAbstractTableModel):
    """The rows of the contribution rate table in force (read-only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[RateRow, ...] = ()

    def set_rows(self, rows: tuple[RateRow, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else RATE_COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Komponen"),
            self.tr("Nilai"),
            self.tr("Berlaku dari"),
            self.tr("Sampai"),
            self.tr("Untuk"),
            self.tr("Keterangan"),
        )
        return headers[section] if 0 <= section < RATE_COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if col == COL_KEY:
                return row.key if role == Qt.ItemDataRole.ToolTipRole else self._component(row.key)
            if col == COL_VALUE:
                return self._value(row)
            if col == COL_FROM:
                return row.valid_from.strftime("%d/%m/%Y")
            if col == COL_TO:
                return row.valid_to.strftime("%d/%m/%Y") if row.valid_to else "—"
            if col == COL_APPLIES:
                return {
                    "transport": self.tr("transportasi"),
                    "non_transport": self.tr("selain transportasi"),
                }.get(row.applies_to, self.tr("semua"))
            if col == COL_NOTE:
                if role == Qt.ItemDataRole.ToolTipRole and row.source:
                    return f"{row.note}\n{row.source}".strip()
                return row.note
        return None

    def _component(self, key: str) -> str:
        return {
            "jkm_flat": self.tr("JKM: iuran tetap"),
            "jkk_percent": self.tr("JKK: persen penghasilan"),
            "jkk_min": self.tr("JKK: iuran minimum"),
            "jkk_max": self.tr("JKK: iuran maksimum"),
            "jkk_bracket": self.tr("JKK: iuran per batas penghasilan"),
            "jht_percent": self.tr("JHT: persen penghasilan"),
            "discount_jkk_jkm_percent": self.tr("Diskon JKK+JKM"),
            "discount_excluded_funding": self.tr("Tanpa diskon bila didanai"),
        }.get(key, key)

    def _value(self, row: RateRow) -> str:
        """The value as people read it: Rupiah, percent, funding names, brackets."""
        try:
            if row.key in AMOUNT_KEYS:
                return format_rupiah(row.amount)
            if row.key in PERCENT_KEYS:
                return QLocale().toString(float(row.percent), "g", 6) + " %"
            if row.key in FUNDING_KEYS:
                return ", ".join(f.label(language()) for f in row.funding_sources)
            if row.key in BRACKET_KEYS:
                upto, amount = row.bracket
                if upto is None:
                    return self.tr("di atasnya: %1").replace("%1", format_rupiah(amount))
                return (
                    self.tr("s.d. %1: %2")
                    .replace("%1", format_rupiah(upto))
                    .replace("%2", format_rupiah(amount))
                )
        except TypeError:
            pass
        return row.value


class SettingsDialog(QDialog):
    # After a region import ends: the RegionImportResult, or None when it failed.
    regions_imported = Signal(object)

    def __init__(self, ctx: UiContext, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.task: Operation | None = None
        self.setObjectName("SettingsDialog")
        self.resize(720, 450)

        self.tabs = QTabWidget()

        # General: officer and language.
        general = QWidget()
        self.officer_edit = QLineEdit(ctx.db.device.officer_name)
        self.officer_edit.setObjectName("officerName")
        self.branch_edit = QLineEdit(ctx.db.device.branch)
        self.branch_edit.setObjectName("branch")
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem("Bahasa Indonesia", "id")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(self.language_combo.findData(language()))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.officer_label = QLabel()
        self.officer_label.setBuddy(self.officer_edit)
        self.branch_label = QLabel()
        self.branch_label.setBuddy(self.branch_edit)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_combo)
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #c62828;")
        self.general_error.hide()
        form = QFormLayout(general)
        form.addRow(self.officer_label, self.officer_edit)
        form.addRow(self.branch_label, self.branch_edit)
        form.addRow(self.language_label, self.language_combo)
        form.addRow("", self.general_error)

        # Region reference data.
        region_page = QWidget()
        self.region_status = QLabel()
        self.region_status.setObjectName("regionStatus")
        self.region_status.setWordWrap(True)
        self.region_help = QLabel()
        self.region_help.setWordWrap(True)
        self.region_help.setStyleSheet("color: #5f6368;")
        self.region_files_button = QPushButton()
        self.region_folder_button = QPushButton()
        self.region_files_button.clicked.connect(
            lambda: self.import_regions(ask_region_files(self))
        )
        self.region_folder_button.clicked.connect(
            lambda: self.import_regions(ask_region_folder(self))
        )
        region_buttons = QHBoxLayout()
        region_buttons.addWidget(self.region_files_button)
        region_buttons.addWidget(self.region_folder_button)
        region_buttons.addStretch(1)
        region_layout = QVBoxLayout(region_page)
        region_layout.addWidget(self.region_status)
        region_layout.addLayout(region_buttons)
        region_layout.addWidget(self.region_help)
        region_layout.addStretch(1)

        # Contribution rates.
        rates_page = QWidget()
        self.rates_source = QLabel()
        self.rates_source.setObjectName("ratesSource")
        self.rates_source.setWordWrap(True)
        self.rates_model = RateTableModel(self)
        self.rates_view = QTableView()
        self.rates_view.setObjectName("ratesTable")
        self.rates_view.setModel(self.rates_model)
        self.rates_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rates_view.setAlternatingRowColors(True)
        self.rates_view.setWordWrap(False)
        self.rates_view.verticalHeader().hide()
        self.rates_view.verticalHeader().setDefaultSectionSize(22)
        header = self.rates_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rates_import_button = QPushButton()
        self.rates_reset_button = QPushButton()
        self.rates_import_button.clicked.connect(self.import_rates)
        self.rates_reset_button.clicked.connect(self.reset_rates)
        rate_buttons = QHBoxLayout()
        rate_buttons.addWidget(self.rates_import_button)
        rate_buttons.addWidget(self.rates_reset_button)
        rate_buttons.addStretch(1)
        rates_layout = QVBoxLayout(rates_page)
        rates_layout.addWidget(self.rates_source)
        rates_layout.addWidget(self.rates_view, 1)
        rates_layout.addLayout(rate_buttons)

        # Security: the passphrase and the automatic lock.
        security_page = QWidget()
        self.security_status = QLabel()
        self.security_status.setObjectName("securityStatus")
        self.security_status.setWordWrap(True)
        self.passphrase_button = QPushButton()
        self.passphrase_button.setObjectName("passphraseButton")
        self.passphrase_button.clicked.connect(self.passphrase_clicked)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockMinutes")
        self.idle_spin.setRange(0, 24 * 60)
        self.idle_spin.setValue(security.idle_lock_minutes(ctx.db))
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_spin)
        security_form = QFormLayout(security_page)
        security_form.addRow(self.security_status)
        security_form.addRow("", self.passphrase_button)
        security_form.addRow(self.idle_label, self.idle_spin)

        self.tabs.addTab(general, "")
        self.tabs.addTab(region_page, "")
        self.tabs.addTab(rates_page, "")
        self.tabs.addTab(security_page, "")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)

        self.retranslate_ui()
        self.refresh_regions()
        self.refresh_rates()

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Pengaturan"))
        self.tabs.setTabText(0, self.tr("Petugas dan bahasa"))
        self.tabs.setTabText(1, self.tr("Data wilayah"))
        self.tabs.setTabText(2, self.tr("Tarif iuran"))
        self.tabs.setTabText(3, self.tr("Keamanan"))
        self.idle_label.setText(self.tr("&Kunci otomatis setelah (menit, 0 = tidak pernah)"))
        self.refresh_security()
        self.officer_label.setText(self.tr("&Nama petugas"))
        self.branch_label.setText(self.tr("&Kantor cabang"))
        self.language_label.setText(self.tr("&Bahasa tampilan"))
        self.region_files_button.setText(self.tr("Impor &berkas…"))
        self.region_folder_button.setText(self.tr("Impor &folder…"))
        self.region_help.setText(
            self.tr(
                "Berkas CSV atau XLSX dari Kepmendagri: kabupaten/kota (code,name,kind), "
                "kecamatan (code,regency_code,name) dan desa/kelurahan "
                "(code,district_code,name,kind). Dengan data wilayah, desa dipilih "
                "menurut kodenya sehingga sama di semua laptop."
            )
        )
        self.rates_import_button.setText(self.tr("&Impor tarif dari CSV…"))
        self.rates_reset_button.setText(self.tr("&Kembalikan tarif bawaan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Tutup"))
        self.refresh_regions()
        self.refresh_rates()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- language -----------------------------------------------------------------

    def _language_chosen(self) -> None:
        lang = self.language_combo.currentData()
        if lang == language():
            return
        if not apply_language(lang):
            messages.show_error(
                self,
                self.tr(
                    "Terjemahan bahasa Inggris tidak tersedia di instalasi ini; "
                    "tampilan tetap berbahasa Indonesia."
                ),
            )
            self.language_combo.blockSignals(True)
            self.language_combo.setCurrentIndex(self.language_combo.findData(language()))
            self.language_combo.blockSignals(False)
            return
        save_language(self.settings, lang)

    # -- region data --------------------------------------------------------------

    def refresh_regions(self) -> None:
        if not hasattr(self, "region_status"):
            return
        counts = regions.region_counts(self.ctx.db)
        if not any(counts.values()):
            self.region_status.setText(
                self.tr("Belum ada data wilayah. Desa diisi manual (tanpa kode wilayah).")
            )
            return
        version = regions.region_dataset_version(self.ctx.db) or "—"
        self.region_status.setText(
            self.tr("Data wilayah dimuat: %1 kabupaten/kota, %2 kecamatan, %3 desa/kelurahan.")
            .replace("%1", str(counts["regencies"]))
            .replace("%2", str(counts["districts"]))
            .replace("%3", str(counts["villages"]))
            + "\n"
            + self.tr("Versi data: %1").replace("%1", version)
        )

    def import_regions(self, paths: list[Path]) -> Operation | None:
        if not paths:
            return None
        self.region_files_button.setEnabled(False)
        self.region_folder_button.setEnabled(False)

        def finished(result) -> None:
            self.task = None
            self.region_files_button.setEnabled(True)
            self.region_folder_button.setEnabled(True)
            self.refresh_regions()
            self.regions_imported.emit(result)

        self.task = start_region_import(self, self.ctx, paths, finished)
        return self.task

    # -- rates --------------------------------------------------------------------

    def refresh_rates(self) -> None:
        if not hasattr(self, "rates_model"):
            return
        try:
            table = rates.rate_table(self.ctx.db)
        except (OSError, ValueError):
            self.rates_model.set_rows(())
            self.rates_source.setText(self.tr("Tabel tarif bawaan tidak ditemukan."))
            return
        self.rates_model.set_rows(table.rows)
        bundled = table is rates.bundled_rate_table()
        self.rates_source.setText(
            self.tr("Tabel tarif yang berlaku: bawaan aplikasi.")
            if bundled
            else self.tr("Tabel tarif yang berlaku: hasil impor (bukan bawaan).")
        )
        self.rates_reset_button.setEnabled(not bundled)

    def import_rates(self) -> None:
        path = messages.ask_open_path(
            self, self.tr("Pilih berkas tarif iuran"), self.tr("Berkas CSV (*.csv)")
        )
        if not path:
            return
        db = self.ctx.db
        if not run_change(self, None, lambda: rates.import_rate_table(db, Path(path)),
                          changed=None).ok:  # fmt: skip
            return
        self.refresh_rates()

    def reset_rates(self) -> None:
        if not messages.confirm(
            self, self.tr("Kembalikan tabel tarif iuran ke tabel bawaan aplikasi?")
        ):
            return
        rates.reset_rate_table(self.ctx.db)
        self.refresh_rates()

    # -- security -----------------------------------------------------------------

    def refresh_security(self) -> None:
        encrypted = self.ctx.db.encrypted
        if encrypted:
            self.security_status.setText(
                self.tr("Basis data dan semua cadangannya terenkripsi dengan kata sandi Anda.")
            )
            self.passphrase_button.setText(self.tr("&Ganti kata sandi…"))
        else:
            self.security_status.setText(
                self.tr(
                    "Basis data TIDAK dilindungi kata sandi: siapa pun yang memegang "
                    "laptop ini bisa membaca data peserta."
                )
            )
            self.passphrase_button.setText(self.tr("&Pasang kata sandi…"))
        self.idle_spin.setEnabled(encrypted)

    def passphrase_clicked(self) -> None:
        if self.ctx.db.encrypted:
            from desasadar_gui.ui.safety.passphrase import ChangePassphraseDialog

            assert self.ctx.db.path is not None
            ChangePassphraseDialog(self.ctx.db.path, self).exec()
        else:
            from desasadar_gui.ui.safety.protection import protect_from_settings

            protect_from_settings(self.ctx, self)
        self.refresh_security()

    # -- saving -------------------------------------------------------------------

    def save(self) -> None:
        name = " ".join(self.officer_edit.text().split())
        if not name:
            self.tabs.setCurrentIndex(0)
            self.general_error.setText(self.tr("Nama petugas wajib diisi."))
            self.general_error.show()
            self.officer_edit.setFocus()
            return
        self.ctx.db.set_officer(name, self.branch_edit.text())
        if self.ctx.db.encrypted:
            db, minutes = self.ctx.db, self.idle_spin.value()
            if not run_change(self, None, lambda: security.save_idle_lock_minutes(db, minutes),
                              changed=None).ok:  # fmt: skip
                return
        self.accept()
