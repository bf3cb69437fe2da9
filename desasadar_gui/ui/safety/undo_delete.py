"""*Urungkan hapus* (Ctrl+Z): bring back the most recent deletion made in this window.

Only deletions are undone (of a participant, a village or a session, made on this
laptop since the window opened), and only while the record is still deleted and may
come back under the record rules (``services/deleted_records.py``). Otherwise the
action is disabled and its tooltip says why. Pressing it again undoes the deletion
before that one. Edits are not undone: the history of a record shows them.

A text field that has the focus keeps Ctrl+Z for its own typing (Qt gives the
shortcut to the focused editor first).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from desasadar_gui.services.deleted_records import DeletedRecord, last_audit_id, last_deletion
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.safety.deleted_records import (
    kind_text,
    record_title,
    restore_now,
    restored_text,
)

SHORTCUT = "Ctrl+Z"


class UndoDelete(QObject):
    def __init__(self, ctx: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.owner = window
        self._start = last_audit_id(ctx.db)  # deletions after this entry are this window's
        self.offer: DeletedRecord | None = None
        self.action = QAction(window)
        self.action.setObjectName("undoDeleteAction")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(lambda _checked=False: self.undo())
        window.addAction(self.action)
        ctx.bus.changed.connect(lambda _entities: self.refresh())
        self.refresh()

    def restart(self) -> None:
        """Another database is open now: only deletions made in it from now on."""
        self._start = last_audit_id(self.ctx.db)
        self.refresh()

    def refresh(self) -> None:
        """Look again for the deletion to offer (after every change the tabs report)."""
        self.offer = last_deletion(self.ctx.db, self._start)
        self.retranslate()

    def retranslate(self) -> None:
        offer = self.offer
        self.action.setEnabled(offer is not None and offer.restorable)
        if offer is None:
            self.action.setText(self.tr("&Urungkan hapus"))
            tip = self.tr("Belum ada data yang dihapus sejak aplikasi dibuka")
        else:
            what = f"{kind_text(offer.entity).lower()} {record_title(offer)}"
            self.action.setText(self.tr("&Urungkan hapus %1").replace("%1", what))
            if offer.blocked is not None:
                tip = offer.blocked.message()
            else:
                tip = self.tr("Pulihkan %1 yang baru dihapus").replace("%1", what)
        shortcut = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.action.setToolTip(f"{tip} ({shortcut})")

    def undo(self) -> None:
        self.refresh()  # the offer may be stale (an import, another dialog)
        offer = self.offer
        if offer is None or not offer.restorable:
            return
        result = restore_now(self.owner, self.ctx, offer)
        if result is not None and isinstance(self.owner, QMainWindow):
            self.owner.statusBar().showMessage(restored_text(result, offer), 8000)


__all__ = ["SHORTCUT", "UndoDelete"]
