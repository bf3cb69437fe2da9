"""First start on a laptop: who is the officer, and which branch office.

Every record this installation writes carries the officer's name, and supervisors
read it in the exported workbooks, so the name is asked for before any work starts.
The dialog also offers the two things a new installation usually wants next: loading
the region reference (Kemendagri codes) the branch hands out, and a separate demo
database to practise on (the officer's real database stays empty and clean).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desasadar_gui.domain import display
from desasadar_gui.services.database import Database
from desasadar_gui.services.regions import RegionFiles, region_counts
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import Retranslating, language
from desasadar_gui.ui.kit.layouts import (
    buddy_label,
    form_rows,
    heading_label,
    ok_cancel,
    vbox,
    wrapped_label,
)
from desasadar_gui.ui.kit.operations import run_and_wait
from desasadar_gui.ui.setup.region_import import (
    ask_region_files,
    ask_region_folder,
    start_region_import,
    usable_files,
)

DEFAULT_BRANCH = "KC Jambi"


def fill_practice_database(demo: Database, participants: int, officer: str) -> None:
    """Generate the practice data off the GUI thread, behind a progress dialog."""
    from desasadar_gui.services.demo import generate_demo

    run_and_wait(
        lambda progress, cancelled: generate_demo(
            demo, participants=participants, seed=1, officer=officer, progress=progress
        ),
        progress=QCoreApplication.translate("FirstRun", "Menyiapkan basis data latihan…"),
    )


class FirstRunDialog(Retranslating, QDialog):
    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("FirstRunDialog")
        self.setMinimumWidth(460)

        self.heading = heading_label(1.3)
        self.intro = wrapped_label()
        self.officer_edit = QLineEdit(db.device.officer_name)
        self.officer_edit.setObjectName("officerName")
        self.branch_edit = QLineEdit(db.device.branch or DEFAULT_BRANCH)
        self.branch_edit.setObjectName("branch")
        self.officer_label = buddy_label(self.officer_edit)
        self.branch_label = buddy_label(self.branch_edit)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()

        form = form_rows(
            (self.officer_label, self.officer_edit), (self.branch_label, self.branch_edit)
        )

        self.regions_box = QGroupBox()
        self.regions_status = QLabel()
        self.regions_status.setObjectName("regionsStatus")
        self.regions_status.setWordWrap(True)
        self.regions_button = QPushButton()
        self.regions_button.setObjectName("loadRegions")
        self.regions_button.clicked.connect(self.load_regions)
        self.regions_folder_button = QPushButton()
        self.regions_folder_button.setObjectName("loadRegionFolder")
        self.regions_folder_button.clicked.connect(self.load_region_folder)
        # The status sentence above, the two ways to load below: side by side they
        # squeezed the sentence into a clipped column.
        regions_column = QVBoxLayout(self.regions_box)
        regions_column.addWidget(self.regions_status)
        regions_buttons = QHBoxLayout()
        regions_buttons.addWidget(self.regions_button)
        regions_buttons.addWidget(self.regions_folder_button)
        regions_buttons.addStretch(1)
        regions_column.addLayout(regions_buttons)
        self.demo_check = QCheckBox()
        self.demo_check.setObjectName("openDemo")
        self.buttons = ok_cancel(self, self.save)

        layout = vbox(self.heading, self.intro, 6, form, self.error_label, 6, self.regions_box,
                      self.demo_check, owner=self)  # fmt: skip
        layout.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignRight)
        self.officer_edit.setFocus()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Selamat datang di Desa Sadar"))
        self.heading.setText(self.tr("Selamat datang"))
        self.intro.setText(
            self.tr(
                "Sebelum mulai, isi nama Anda sebagai petugas dan kantor cabang Anda. "
                "Nama ini dicatat pada setiap data yang Anda masukkan dan terlihat oleh "
                "supervisor di berkas ekspor."
            )
        )
        self.officer_label.setText(self.tr("&Nama petugas"))
        self.branch_label.setText(self.tr("&Kantor cabang"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mulai"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Keluar"))
        self.regions_box.setTitle(self.tr("Data wilayah (boleh nanti)"))
        self.regions_button.setText(self.tr("Muat berkas wilayah…"))
        self.regions_folder_button.setText(self.tr("Muat dari folder…"))
        self.demo_check.setText(
            self.tr("Buka database contoh untuk berlatih (terpisah dari data asli Anda)")
        )
        self._show_region_status()

    def _show_region_status(self) -> None:
        villages = region_counts(self.db)["villages"]
        if villages:
            self.regions_status.setText(
                self.tr("%1 desa/kelurahan sudah dimuat.").replace(
                    "%1", display.count(villages, language())
                )
            )
        else:
            self.regions_status.setText(
                self.tr(
                    "Belum dimuat. Dengan data wilayah, desa dipilih menurut kode Kemendagri; "
                    "tanpa itu, nama desa diketik bebas."
                )
            )

    def load_regions(self) -> None:
        self._load(ask_region_files(self))

    def load_region_folder(self) -> None:
        self._load(ask_region_folder(self))

    def _load(self, files: RegionFiles) -> None:
        paths = usable_files(self, files)
        if paths:
            start_region_import(
                self,
                UiContext(self.db),
                paths,
                on_finished=lambda _r: self._show_region_status(),
                skipped=files.skipped,
            )

    @property
    def wants_demo(self) -> bool:
        return self.demo_check.isChecked()

    def save(self) -> None:
        name = " ".join(self.officer_edit.text().split())
        if not name:
            self.error_label.setText(self.tr("Nama petugas wajib diisi."))
            self.error_label.show()
            self.officer_edit.setFocus()
            return
        self.db.set_officer(name, self.branch_edit.text())
        self.accept()
