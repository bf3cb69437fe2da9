"""The main window, start-up (first run, a bad database, the error hook) and the
screenshot command, on the offscreen platform."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from desasadar_gui import app as app_module
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.main_window import (
    TAB_PARTICIPANTS,
    TAB_VILLAGES,
    MainWindow,
)

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, db, settings) -> MainWindow:
    win = app_module.create_main_window(db, settings)
    qtbot.addWidget(win)
    return win


def _fill(db) -> str:
    a = create_village(db, VillageInput(name="Sungai Baung", kabupaten="Kabupaten Batanghari"))
    create_village(db, VillageInput(name="Talang Duku", kabupaten="Kabupaten Muaro Jambi"))
    for name in ("Siti", "Rahmat", "Yusuf"):
        create_participant(db, ParticipantInput(name=name, village_id=a.id))
    create_session(db, SessionInput(a.id, date(2018, 3, 1), "sosialisasi", "Balai desa"))
    return a.id


def test_window_has_four_tabs_and_status_bar(qtbot, db, settings):
    _fill(db)
    window = app_module.create_main_window(db, settings)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert titles == ["Desa", "Peserta", "Sosialisasi", "Ringkasan"]
    assert window.tabs.widget(TAB_VILLAGES) is window.villages_tab
    assert window.counts_label.text() == "2 desa · 3 peserta · 1 sesi"
    assert window.officer_label.text() == "Petugas: Petugas Uji · KC Jambi"
    if db.on_server:  # the database's name and host, never the password
        name = db.url.rsplit("/", 1)[1]
        assert window.database_label.text() == f"Basis data: {name} @ 127.0.0.1"
        assert "***" in window.database_label.toolTip()
        assert name in window.windowTitle()
    else:
        assert window.database_label.text() == "Basis data: desa sadar.sqlite"
        assert window.database_label.toolTip() == str(db.path)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[0] == "Berkas" and menus[-1] == "Bantuan"
    file_items = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert file_items == [
        "&Buka basis data…",
        "Buka te&rakhir",
        "&Ekspor buku kerja…",
        "Ekspor untuk &supervisor (tanpa NIK dan telepon)…",
        "&Impor buku kerja…",
        "Riwayat sin&kronisasi dan konflik…",
        "Data &terhapus…",
        "&Urungkan hapus",
        "&Cadangan…",
        "Catatan pe&mrosesan…",
        "Impor data &wilayah…",
        "&Pengaturan…",
        "&Keluar",
    ]
    toolbar = [a.iconText() for a in window.toolbar.actions() if not a.isSeparator()]
    assert toolbar == ["Tambah desa", "Tambah peserta", "Cari", "Segarkan", "Ekspor", "Impor"]


def test_status_counts_follow_data_changes(qtbot, db, window):
    assert window.counts_label.text() == "0 desa · 0 peserta · 0 sesi"
    _fill(db)
    with qtbot.waitSignal(window.ctx.bus.changed):
        window.refresh_action.trigger()  # F5
    assert window.counts_label.text() == "2 desa · 3 peserta · 1 sesi"


def test_keyboard_shortcuts(qtbot, window):
    assert window.add_participant_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.search_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.refresh_action.shortcut() == QKeySequence("F5")
    for i, action in enumerate(window.tab_actions):
        assert action.shortcut() == QKeySequence(f"Ctrl+{i + 1}")
        action.trigger()
        assert window.tabs.currentIndex() == i
    window.tabs.setCurrentIndex(TAB_VILLAGES)
    window.search_action.trigger()
    assert window.tabs.currentIndex() == TAB_PARTICIPANTS


# Showing a dialog with size constraints makes the offscreen platform say it cannot
# pass size hints to a window manager (it has none): harmless here.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_new_participant_and_search_reach_the_participants_tab(qtbot, window):
    participants = window.participants_tab
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(TAB_VILLAGES)
    window.search_action.trigger()  # Ctrl+F
    assert window.tabs.currentIndex() == TAB_PARTICIPANTS
    qtbot.waitUntil(lambda: participants.search_edit.hasFocus())
    window.add_participant_action.trigger()  # Ctrl+N
    assert participants.form is not None
    participants.form.close()


def test_settings_dialog_saves_the_officer(qtbot, monkeypatch, db, window):
    from desasadar_gui.ui.setup import settings as settings_dialog

    def run(dialog) -> int:
        qtbot.addWidget(dialog)
        dialog.officer_edit.setText("Rina Marlina")
        dialog.branch_edit.setText("KC Muara Bungo")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", run)
    window.settings_action.trigger()
    assert (db.officer, db.device.branch) == ("Rina Marlina", "KC Muara Bungo")
    assert window.officer_label.text() == "Petugas: Rina Marlina · KC Muara Bungo"


def test_settings_dialog_shows_rates_and_regions(qtbot, db, settings, tmp_path):
    from desasadar_gui.services.regions import import_regions
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.setup.settings import SettingsDialog

    dialog = SettingsDialog(UiContext(db), settings)
    qtbot.addWidget(dialog)
    assert "Belum ada data wilayah" in dialog.region_status.text()
    assert dialog.rates_model.rowCount() > 0
    assert "bawaan" in dialog.rates_source.text()

    regencies = tmp_path / "kab.csv"
    regencies.write_text("code,name,kind\n1504,Kabupaten Batanghari,kabupaten\n", "utf-8")
    import_regions(db, [regencies])
    dialog.refresh_regions()
    assert "1 kabupaten/kota" in dialog.region_status.text()


def test_region_import_runs_in_the_background(qtbot, monkeypatch, db, settings, tmp_path):
    from desasadar_gui.services.regions import has_regions
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.setup.settings import SettingsDialog

    regencies = tmp_path / "kab.csv"
    regencies.write_text("code,name,kind\n1571,Kota Jambi,kota\n", "utf-8")
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title=None: shown.append(text))
    dialog = SettingsDialog(UiContext(db), settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.regions_imported, timeout=10000) as finished:
        dialog.import_regions([regencies])
    assert finished.args[0].regencies == 1
    assert has_regions(db)
    assert "1 kabupaten/kota" in shown[0]
    assert "1 kabupaten/kota" in dialog.region_status.text()


def test_bad_region_file_gives_a_plain_message(qtbot, monkeypatch, db, settings, tmp_path):
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.setup.settings import SettingsDialog

    bad = tmp_path / "bad.csv"
    bad.write_text("nama,alamat\nx,y\n", "utf-8")
    errors: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda parent, text, title=None: errors.append(text)
    )
    dialog = SettingsDialog(UiContext(db), settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.regions_imported, timeout=10000) as finished:
        dialog.import_regions([bad])
    assert finished.args == [None]
    assert "bad.csv" in errors[0] and "Traceback" not in errors[0]


def test_window_geometry_is_remembered(qtbot, db, settings):
    first = app_module.create_main_window(db, settings)
    qtbot.addWidget(first)
    assert first.first_start
    first.resize(1100, 640)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    second = app_module.create_main_window(db, settings)
    qtbot.addWidget(second)
    assert not second.first_start
    # The offscreen screen is only 800 px wide, so the restored width is clamped there.
    assert second.height() == 640


def test_default_size_fits_a_laptop(window):
    # The offscreen screen clamps width() and height(): the layout's own needs are what
    # a 1366x768 laptop must fit (its taskbar and title bar take about 70 px).
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700, hint
    for index in range(window.tabs.count()):
        page = window.tabs.widget(index).minimumSizeHint()
        assert page.width() <= 1366 and page.height() <= 700, (index, page)
    assert window.minimumWidth() <= 1366 and window.minimumHeight() <= 700


def test_first_run_dialog_sets_the_officer(qtbot, db_path):
    from desasadar_gui.services.database import Database
    from desasadar_gui.ui.setup.first_run import FirstRunDialog

    with Database.open(db_path) as fresh:
        assert fresh.officer == ""
        dialog = FirstRunDialog(fresh)
        qtbot.addWidget(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.click()  # an empty name is refused
        assert dialog.error_label.isVisibleTo(dialog)
        assert fresh.officer == ""
        qtbot.keyClicks(dialog.officer_edit, "Dewi Sartika")
        dialog.branch_edit.setText("KC Jambi")
        ok.click()
        assert dialog.result() == dialog.DialogCode.Accepted
    with Database.open(db_path) as again:
        assert (again.officer, again.device.branch) == ("Dewi Sartika", "KC Jambi")


def test_run_app_refuses_a_bad_database_with_a_message(qapp, monkeypatch, tmp_path):
    junk = tmp_path / "bukan.sqlite"
    junk.write_bytes(b"this is not a database")
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title=None: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setenv("DESASADAR_LANG", "id")
    assert app_module.run_app(junk) == 2
    assert "bukan.sqlite" in shown[0]
    assert "Traceback" not in shown[0]


def test_run_app_installs_the_error_hook(qapp, monkeypatch, tmp_path):
    import threading

    from desasadar_gui.logs import setup_logging

    junk = tmp_path / "bukan.sqlite"
    junk.write_bytes(b"this is not a database")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(messages, "show_error", lambda *a, **k: None)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_unexpected_error", lambda parent, path: shown.append(path))
    assert app_module.run_app(junk) == 2
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert shown == [str(setup_logging())]


def _check_png(path: Path) -> None:
    from desasadar_gui.ui.screenshot import is_blank

    image = QImage(str(path))
    assert image.width() >= 1000 and image.height() >= 650, path.name
    assert not is_blank(image), path.name


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
@pytest.mark.sqlite_only(reason="screenshots open the database file (db_path)")
def test_screenshots_one_png_per_tab(qtbot, db, db_path, tmp_path):
    from desasadar_gui.ui.screenshot import take_screenshots

    _fill(db)
    out = tmp_path / "shots"
    shots = take_screenshots(db_path, out)
    assert [s.path.name for s in shots[:4]] == [
        "01-desa.png",
        "02-peserta.png",
        "03-sosialisasi.png",
        "04-ringkasan.png",
    ]
    for shot in shots[:4]:
        _check_png(shot.path)


def test_screenshot_command(db, db_path, tmp_path):
    _fill(db)
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(db_path), "screenshot",
         "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(sorted(out.glob("*.png"))) >= 4
    _check_png(out / "01-desa.png")


@pytest.mark.sqlite_only(reason="the backups window is for database files")
def test_file_menu_opens_sync_and_backup_windows(qtbot, monkeypatch, db, settings):
    from desasadar_gui.ui.safety.backups import BackupsDialog
    from desasadar_gui.ui.sync.dialog import SyncDialog

    window = app_module.create_main_window(db, settings)
    qtbot.addWidget(window)
    opened: list[str] = []
    monkeypatch.setattr(SyncDialog, "exec", lambda self: opened.append(self.objectName()) or 0)
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: opened.append(self.objectName()) or 0)
    window.sync_view_action.trigger()
    window.backups_action.trigger()
    assert opened == ["syncDialog", "backupsDialog"]
