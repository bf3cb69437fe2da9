"""What every tab and dialog is given: the open database and one "data changed" signal.

Passed in explicitly (no global app object), so tests build a window over a temporary
database and tear it down cleanly.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desasadar_gui.services.database import Database

# Entity names carried by DataBus.changed.
VILLAGES = "villages"
PARTICIPANTS = "participants"
SESSIONS = "sessions"
ATTENDANCE = "attendance"
TARGETS = "targets"
ALL = frozenset({VILLAGES, PARTICIPANTS, SESSIONS, ATTENDANCE, TARGETS})


class DataBus(QObject):
    """Emitted after each mutation with the set of entity names that changed."""

    changed = Signal(frozenset)

    def notify(self, *entities: str) -> None:
        self.changed.emit(frozenset(entities) if entities else ALL)


class UiContext:
    def __init__(self, db: Database, bus: DataBus | None = None) -> None:
        self.db = db
        self.bus = bus or DataBus()
