"""*Berkas → Data terhapus…* and Ctrl+Z (issue 14), driving the real widgets: a deleted
participant restored from the dialog is live here, shows in the tab again, and syncs
back as live to another laptop; Ctrl+Z brings back this window's last deletion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sync_helpers import add_person, add_village, export, import_, new_laptop

from desasadar_gui import app as app_module
from desasadar_gui.services.participants import delete_participant, get_participant
from desasadar_gui.services.sessions import SessionInput, add_walkin, create_session
from desasadar_gui.services.villages import delete_village
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import PARTICIPANTS
from desasadar_gui.ui.safety.deleted_records import DeletedRecordsDialog
from desasadar_gui.ui.safety.undo_delete import SHORTCUT

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = [
    pytest.mark.both_engines,
    pytest.mark.qt_log_ignore(
        "propagateSizeHints", "does not support raise", "grabbing the keyboard"
    ),
]

SITI_NIK = "1504034508900002"


@pytest.fixture
def window(qtbot, tmp_path: Path, template_db: Path):
    db = new_laptop(tmp_path / "a", template_db, "a")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = app_module.create_main_window(db, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    yield win
    wait_for_all()
    db.close()


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    questions: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda _p, text, _t=None: questions.append(text) or True
    )
    return questions


def _dialog(qtbot, window) -> DeletedRecordsDialog:
    dialog = DeletedRecordsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading)
    return dialog


def _row_of(dialog: DeletedRecordsDialog, record_id: str) -> int:
    return [r.id for r in dialog.model.rows()].index(record_id)


def _participants_shown(window) -> int:
    model = window.participants_tab.model
    return model.rowCount() if not model.busy else -1


def test_a_participant_restored_from_the_dialog_syncs_back_as_live(
    qtbot, window, asked, tmp_path, template_db
):
    db = window.ctx.db
    other = new_laptop(tmp_path / "b", template_db, "b")
    vid = add_village(db)
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    import_(other, export(db, tmp_path / "1.xlsx"))
    delete_participant(db, siti)
    window.ctx.bus.notify(PARTICIPANTS)
    qtbot.waitUntil(lambda: _participants_shown(window) == 0)
    import_(other, export(db, tmp_path / "2.xlsx"))
    assert get_participant(other, siti, include_deleted=True).deleted_at is not None

    assert window.deleted_records_action in window.file_menu.actions()
    dialog = _dialog(qtbot, window)
    assert dialog.windowTitle() == "Data terhapus"
    row = _row_of(dialog, siti)
    dialog.table.selectRow(row)
    assert dialog.model.index(row, 1).data() == "Siti Aminah"
    assert dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded):
        dialog.restore_button.click()

    assert len(asked) == 1 and "Siti Aminah" in asked[0]
    assert get_participant(db, siti).deleted_at is None
    assert siti not in [r.id for r in dialog.model.rows()]
    assert "Siti Aminah" in dialog.status_label.text()
    qtbot.waitUntil(lambda: _participants_shown(window) == 1)  # the tab shows her again

    import_(other, export(db, tmp_path / "3.xlsx"))
    assert get_participant(other, siti).deleted_at is None
    other.close()


def test_the_filter_and_why_a_row_cannot_be_restored(qtbot, window, asked):
    db = window.ctx.db
    vid = add_village(db)
    gone = add_village(db, "Talang Duku")
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    delete_village(db, gone)
    delete_participant(db, siti)
    add_person(db, vid, "Siti A.", SITI_NIK, status="registered")  # holds the NIK now

    dialog = _dialog(qtbot, window)
    assert dialog.model.rowCount() == 2
    assert dialog.count_label.text() == "2 data terhapus"
    with qtbot.waitSignal(dialog.loaded):
        dialog.kind_combo.setCurrentIndex(2)  # Desa
    assert [r.id for r in dialog.model.rows()] == [gone]
    with qtbot.waitSignal(dialog.loaded):
        dialog.kind_combo.setCurrentIndex(1)  # Peserta
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
    assert "Siti A." in dialog.restore_button.toolTip()
    assert dialog.model.index(0, 5).data().startswith("Tidak bisa: NIK")
    dialog.restore_selected()
    assert asked == []  # nothing asked, nothing changed
    assert get_participant(db, siti, include_deleted=True).deleted_at is not None


def test_a_refused_restore_is_shown_plainly(qtbot, window, asked, monkeypatch):
    db = window.ctx.db
    vid = add_village(db)
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    delete_participant(db, siti)
    dialog = _dialog(qtbot, window)
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    add_person(db, vid, "Siti A.", SITI_NIK, status="registered")  # meanwhile
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_user_error", lambda _p, e: shown.append(e.message()))

    with qtbot.waitSignal(dialog.loaded):
        dialog.restore_button.click()

    assert len(shown) == 1 and "Siti A." in shown[0]
    assert get_participant(db, siti, include_deleted=True).deleted_at is not None
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()  # the reloaded list knows why now


def test_a_session_comes_back_with_its_attendance(qtbot, window, asked):
    from desasadar_gui.services.sessions import delete_session, list_attendance

    db = window.ctx.db
    vid = add_village(db)
    sid = create_session(db, SessionInput(vid, date(2024, 3, 1), "sosialisasi", "Balai desa")).id
    add_walkin(db, sid, "Pak Rahmat")
    delete_session(db, sid)
    dialog = _dialog(qtbot, window)
    assert dialog.model.index(0, 1).data() == "Sosialisasi · 01/03/2024 · Balai desa"
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.loaded):
        dialog.restore_button.click()
    assert "ikut kembali" in asked[0]
    assert [a.name for a in list_attendance(db, sid)] == ["Pak Rahmat"]
    assert "1 kehadiran" in dialog.status_label.text()


def test_ctrl_z_restores_this_windows_last_deletion(qtbot, window):
    db = window.ctx.db
    action = window.undo_delete.action
    assert action.shortcut().toString() == SHORTCUT
    assert action in window.file_menu.actions()
    vid = add_village(db)
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    rahmat = add_person(db, vid, "Rahmat")
    window.ctx.bus.notify(PARTICIPANTS)
    assert not action.isEnabled()  # nothing deleted in this window yet
    assert "Belum ada" in action.toolTip()

    delete_participant(db, siti)
    delete_participant(db, rahmat)
    window.ctx.bus.notify(PARTICIPANTS)
    assert action.isEnabled() and "Rahmat" in action.text()

    action.trigger()
    assert get_participant(db, rahmat).deleted_at is None
    assert "Rahmat" in window.statusBar().currentMessage()
    assert action.isEnabled() and "Siti Aminah" in action.text()  # the one before

    add_person(db, vid, "Siti A.", SITI_NIK, status="registered")  # holds her NIK now
    window.ctx.bus.notify(PARTICIPANTS)
    assert not action.isEnabled()
    assert "Siti A." in action.toolTip()
    action.trigger()  # disabled: nothing happens
    assert get_participant(db, siti, include_deleted=True).deleted_at is not None
    qtbot.waitUntil(lambda: _participants_shown(window) == 2)


def test_a_deletion_from_before_the_window_is_not_undone(qtbot, tmp_path, template_db):
    db = new_laptop(tmp_path / "a", template_db, "a")
    vid = add_village(db)
    delete_participant(db, add_person(db, vid, "Siti Aminah"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = app_module.create_main_window(db, settings)
    qtbot.addWidget(win)
    assert not win.undo_delete.action.isEnabled()
    wait_for_all()
    db.close()
