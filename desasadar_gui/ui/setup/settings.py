"""Settings: the officer, the interface language, region reference data, the
contribution rate table, and security (passphrase, automatic lock)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QLocale,
    QSettings,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.rates import (
    AMOUNT_KEYS,
    BRACKET_KEYS,
    FUNDING_KEYS,
    PERCENT_KEYS,
    RateRow,
)
from desasadar_gui.services import rates, regions, security
from desasadar_gui.services.regions import RegionFiles, sort_region_files
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import Retranslating, apply_language, language, save_language
from desasadar_gui.ui.kit.layouts import (
    STRETCH,
    buddy_label,
    form_rows,
    hbox,
    name_ok_cancel,
    ok_cancel,
    vbox,
    wrapped_label,
)
from desasadar_gui.ui.kit.operations import Operation, run_change
from desasadar_gui.ui.kit.table_model import Column, ColumnTableModel
from desasadar_gui.ui.setup.region_import import (
    ask_region_files,
    ask_region_folder,
    start_region_import,
    usable_files,
)

COL_KEY = 0
COL_VALUE = 1
COL_FROM = 2
COL_TO = 3
COL_APPLIES = 4
COL_NOTE = 5
RATE_COLUMNS = 6


class RateTableModel(ColumnTableModel[RateRow]):
    """The rows of the contribution rate table in force (read-only)."""

    def columns(self) -> tuple[Column, ...]:
        def dmy(day) -> str:
            return display.short_date(day)

        def until(row: RateRow) -> str:
            return dmy(row.valid_to) if row.valid_to else "—"

        # The tooltip repeats the text, except for the key (its code) and the note.
        return (
            Column(lambda: self.tr("Komponen"), lambda r: self._component(r.key),
                   tooltip=lambda r: r.key),
            Column(lambda: self.tr("Nilai"), self._value, tooltip=self._value),
            Column(lambda: self.tr("Berlaku dari"), lambda r: dmy(r.valid_from),
                   tooltip=lambda r: dmy(r.valid_from)),
            Column(lambda: self.tr("Sampai"), until, tooltip=until),
            Column(lambda: self.tr("Untuk"), self._applies, tooltip=self._applies),
            Column(lambda: self.tr("Keterangan"), lambda r: r.note, tooltip=_note_tip),
        )  # fmt: skip

    def _applies(self, row: RateRow) -> str:
        return {
            "transport": self.tr("transportasi"),
            "non_transport": self.tr("selain transportasi"),
        }.get(row.applies_to, self.tr("semua"))

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


def _note_tip(row: RateRow) -> str:
    return f"{row.note}\n{row.source}".strip() if row.source else row.note


class SettingsDialog(Retranslating, QDialog):
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
        self.officer_label = buddy_label(self.officer_edit)
        self.branch_label = buddy_label(self.branch_edit)
        self.language_label = buddy_label(self.language_combo)
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #c62828;")
        self.general_error.hide()
        form_rows(
            (self.officer_label, self.officer_edit),
            (self.branch_label, self.branch_edit),
            (self.language_label, self.language_combo),
            ("", self.general_error),
            owner=general,
        )

        # Region reference data.
        region_page = QWidget()
        self.region_status = wrapped_label("regionStatus")
        self.region_help = wrapped_label()
        self.region_help.setStyleSheet("color: #5f6368;")
        self.region_files_button = QPushButton()
        self.region_folder_button = QPushButton()
        self.region_files_button.clicked.connect(
            lambda: self.import_regions(ask_region_files(self))
        )
        self.region_folder_button.clicked.connect(
            lambda: self.import_regions(ask_region_folder(self))
        )
        region_buttons = hbox(self.region_files_button, self.region_folder_button, STRETCH)
        vbox(self.region_status, region_buttons, self.region_help, STRETCH, owner=region_page)

        # Contribution rates.
        rates_page = QWidget()
        self.rates_source = wrapped_label("ratesSource")
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
        rate_buttons = hbox(self.rates_import_button, self.rates_reset_button, STRETCH)
        vbox(self.rates_source, (self.rates_view, 1), rate_buttons, owner=rates_page)

        # Security: the passphrase and the automatic lock.
        security_page = QWidget()
        self.security_status = wrapped_label("securityStatus")
        self.passphrase_button = QPushButton()
        self.passphrase_button.setObjectName("passphraseButton")
        self.passphrase_button.clicked.connect(self.passphrase_clicked)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockMinutes")
        self.idle_spin.setRange(0, 24 * 60)
        self.idle_spin.setValue(security.idle_lock_minutes(ctx.db))
        self.idle_label = buddy_label(self.idle_spin)
        security_form = QFormLayout(security_page)
        security_form.addRow(self.security_status)
        security_form.addRow("", self.passphrase_button)
        security_form.addRow(self.idle_label, self.idle_spin)

        self.tabs.addTab(general, "")
        self.tabs.addTab(region_page, "")
        self.tabs.addTab(rates_page, "")
        self.tabs.addTab(security_page, "")

        self.buttons = ok_cancel(self, self.save)
        vbox(self.tabs, self.buttons, owner=self)

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
        name_ok_cancel(self.buttons, self.tr("Simpan"), self.tr("Tutup"))
        self.refresh_regions()
        self.refresh_rates()

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
            .replace("%1", display.count(counts["regencies"], language()))
            .replace("%2", display.count(counts["districts"], language()))
            .replace("%3", display.count(counts["villages"], language()))
            + "\n"
            + self.tr("Versi data: %1").replace("%1", version)
        )

    def import_regions(self, files: RegionFiles | list[Path]) -> Operation | None:
        """Import the region files among ``files``; the others are named, not read."""
        if not isinstance(files, RegionFiles):
            files = sort_region_files(files)
        paths = usable_files(self, files)
        if not paths:
            if files.skipped:
                self.regions_imported.emit(None)  # finished: nothing could be loaded
            return None
        self.region_files_button.setEnabled(False)
        self.region_folder_button.setEnabled(False)

        def finished(result) -> None:
            self.task = None
            self.region_files_button.setEnabled(True)
            self.region_folder_button.setEnabled(True)
            self.refresh_regions()
            self.regions_imported.emit(result)

        self.task = start_region_import(self, self.ctx, paths, finished, skipped=files.skipped)
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
