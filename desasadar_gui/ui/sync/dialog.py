"""The sync view (history, conflicts, possible duplicates) in its own window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.i18n import Retranslating
from desasadar_gui.ui.sync.view import SyncView


class SyncDialog(Retranslating, QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.view = SyncView(ctx, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(1000, 600)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sinkronisasi: riwayat, konflik dan data ganda"))
