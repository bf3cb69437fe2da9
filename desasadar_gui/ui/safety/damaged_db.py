"""At start-up: the database file is damaged (or gone): say so, offer the latest backup.

app.py calls :func:`check_database_at_startup` before ``Database.open``:

    decision = check_database_at_startup(db_path)
    if not decision.proceed:
        return EXIT_REFUSED
    db = Database.open(db_path, lock=True, allow_new=decision.allow_new)

When the schema upgrade of the file fails (and is rolled back), app.py calls
:func:`offer_backup_after_failed_upgrade`: the same dialog offers the newest backup that
is known to open, with plain words and never raw SQL.

A damaged file is never opened and never replaced by an empty database. The dialog
shows the plain message and the latest good backup with "Pulihkan cadangan ini";
the officer may pick another copy, or quit (the file stays as it is). Only when the
file is *missing* (USB stick not inserted, file moved) may the officer choose,
explicitly, to start an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.services.backups import kind_label, restore_backup, validate_backup_file
from desasadar_gui.services.database import UpgradeFailedError
from desasadar_gui.services.integrity import IntegrityResult, quick_check
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.i18n import language
from desasadar_gui.ui.kit.operations import run_change

# IntegrityResult.status of a file whose schema upgrade failed at start-up.
UPGRADE_FAILED = "upgrade-failed"

# DamagedDbDialog.outcome values
RESTORED = "restored"
START_EMPTY = "new"
QUIT = "quit"


@dataclass(frozen=True)
class StartupDecision:
    proceed: bool  # False: quit without opening anything
    allow_new: bool = False  # pass to Database.open (the officer chose to start empty)
    restored_from: Path | None = None


class DamagedDbDialog(QDialog):
    """Never proceeds on a damaged file: restore a good copy, or quit."""

    def __init__(self, result: IntegrityResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = result
        self.outcome = QUIT
        self.restored_from: Path | None = None
        self.setObjectName("damagedDbDialog")
        self.setModal(True)
        missing = result.status == "missing"
        if result.status == UPGRADE_FAILED:
            self.setWindowTitle(self.tr("Pembaruan basis data gagal"))
        elif missing:
            self.setWindowTitle(self.tr("Basis data tidak ditemukan"))
        else:
            self.setWindowTitle(self.tr("Basis data rusak"))

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        self.message = QLabel(result.error.message() if result.error else "")
        self.message.setObjectName("damagedMessage")
        self.message.setWordWrap(True)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("latestBackupLabel")
        self.backup_label.setWordWrap(True)
        latest = result.latest_backup
        if latest is not None:
            self.backup_label.setText(
                self.tr("Cadangan baik terakhir: %1, %2\n%3")
                .replace("%1", kind_label(latest.kind, language()))
                .replace("%2", display.date_time(latest.taken_at, language(), utc=False))
                .replace("%3", str(latest.path))
            )
        else:
            self.backup_label.setText(self.tr("Tidak ada cadangan yang baik untuk berkas ini."))

        self.restore_button = QPushButton(self.tr("Pulihkan cadangan ini"))
        self.restore_button.setObjectName("restoreLatestButton")
        self.restore_button.setEnabled(latest is not None)
        self.restore_button.setDefault(latest is not None)
        self.restore_button.clicked.connect(self.restore_latest)
        self.other_button = QPushButton(self.tr("Pilih cadangan lain…"))
        self.other_button.setObjectName("restoreOtherButton")
        self.other_button.clicked.connect(self.restore_other)
        self.empty_button = QPushButton(self.tr("Mulai basis data kosong"))
        self.empty_button.setObjectName("startEmptyButton")
        self.empty_button.setVisible(missing)
        self.empty_button.clicked.connect(self.start_empty)
        self.quit_button = QPushButton(self.tr("Keluar"))
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.other_button, self.empty_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.backup_label)
        layout.addLayout(buttons)

    def restore_latest(self) -> None:
        if self.check.latest_backup is not None:
            self._restore(self.check.latest_backup.path)

    def restore_other(self) -> None:
        chosen = messages.ask_open_path(
            self,
            self.tr("Pilih berkas cadangan"),
            self.tr("Basis data Desa Sadar (*.sqlite *.db);;Semua berkas (*)"),
        )
        if chosen:
            self._restore(Path(chosen))

    def _restore(self, backup: Path) -> None:
        path = self.check.path

        def restore() -> None:
            validate_backup_file(backup)
            restore_backup(path, backup)

        if not run_change(self, None, restore, changed=None).ok:
            return
        self.restored_from = backup
        self.outcome = RESTORED
        self.accept()

    def start_empty(self) -> None:
        question = self.tr(
            "Mulai dengan basis data kosong di %1?\n\nCadangan yang ada tetap disimpan dan "
            "bisa dipulihkan nanti lewat menu Cadangan."
        ).replace("%1", str(self.check.path))
        if messages.confirm(self, question, self.tr("Mulai basis data kosong")):
            self.outcome = START_EMPTY
            self.accept()


def offer_backup_after_failed_upgrade(
    error: UpgradeFailedError, db_path: Path, parent: QWidget | None = None
) -> StartupDecision:
    """The upgrade of the file failed (and was rolled back): say so plainly and offer
    the backup that ``Database.open`` found to open and upgrade cleanly."""
    result = IntegrityResult(Path(db_path), UPGRADE_FAILED, error.latest_backup, error)
    dialog = DamagedDbDialog(result, parent)
    dialog.exec()
    if dialog.outcome == RESTORED:
        return StartupDecision(proceed=True, restored_from=dialog.restored_from)
    return StartupDecision(proceed=False)


def check_database_at_startup(db_path: Path, parent: QWidget | None = None) -> StartupDecision:
    """Run the integrity check; if the file is damaged or missing, ask the officer."""
    result = quick_check(Path(db_path))
    if result.status in ("ok", "new", "unusable"):
        # "unusable" (not ours, too new, unreadable): Database.open explains it plainly.
        return StartupDecision(proceed=True)
    dialog = DamagedDbDialog(result, parent)
    dialog.exec()
    if dialog.outcome == RESTORED:
        return StartupDecision(proceed=True, restored_from=dialog.restored_from)
    if dialog.outcome == START_EMPTY:
        return StartupDecision(proceed=True, allow_new=True)
    return StartupDecision(proceed=False)
