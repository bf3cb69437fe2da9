"""Keyboard moves in a table select the row they land on, so the buttons follow
(issue 14: after Ctrl+End the last row was highlighted but Ubah/Hapus/Riwayat stayed
disabled)."""

from __future__ import annotations

import pytest
from bulk_participants import bulk_participants
from PySide6.QtCore import Qt

from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.kit.rows_model import RowsModel
from desasadar_gui.ui.kit.tables import make_table
from desasadar_gui.ui.participants.tab import ParticipantsTab
from desasadar_gui.ui.villages.tab import VillagesTab

# A shown top-level widget on the offscreen platform logs this; not ours to fix.
# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = [pytest.mark.both_engines, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _selected(table) -> list[int]:
    return sorted(i.row() for i in table.selectionModel().selectedRows())


@pytest.fixture
def big(db):
    ids = [create_village(db, VillageInput(name=f"Desa {i:02d}")).id for i in range(3)]
    bulk_participants(db, ids, 3000)
    return db


def test_ctrl_end_in_a_large_participant_list_enables_the_buttons(qtbot, big) -> None:
    tab = ParticipantsTab(UiContext(big))
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.exact and not tab.model.busy, timeout=10000)
    total = tab.model.rowCount()
    tab.table.setFocus()
    buttons = (tab.edit_button, tab.delete_button, tab.history_button)

    qtbot.keyClick(tab.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert _selected(tab.table) == [total - 1]
    # the last rows are read in the background; the buttons follow when they arrive
    qtbot.waitUntil(lambda: all(b.isEnabled() for b in buttons), timeout=10000)
    assert tab.selected_id() == tab.model.row_at(total - 1).id

    qtbot.keyClick(tab.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert _selected(tab.table) == [0]
    qtbot.waitUntil(lambda: all(b.isEnabled() for b in buttons), timeout=10000)
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Down):
        before = tab.table.currentIndex().row()
        qtbot.keyClick(tab.table, key)
        assert _selected(tab.table) == [tab.table.currentIndex().row()] != [before]
        qtbot.waitUntil(lambda: all(b.isEnabled() for b in buttons), timeout=10000)
    tab.model.shutdown()


def test_ctrl_end_selects_in_the_villages_list(qtbot, db) -> None:
    for i in range(60):
        create_village(db, VillageInput(name=f"Desa {i:02d}"))
    tab = VillagesTab(UiContext(db))
    qtbot.addWidget(tab)
    tab.resize(1300, 650)
    tab.show()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 60, timeout=10000)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert _selected(tab.table) == [59]
    assert tab.edit_button.isEnabled() and tab.history_button.isEnabled()


def test_ctrl_moves_select_in_a_multi_row_table_too(qtbot) -> None:
    model = RowsModel(lambda: ["Nama"])
    model.set_rows([(f"baris {i}",) for i in range(100)])
    table = make_table(model, "many", single=False)
    qtbot.addWidget(table)
    table.show()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert _selected(table) == [99]
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert _selected(table) == [0]
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert _selected(table) == [0, 1]  # Shift still extends
