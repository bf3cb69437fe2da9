"""Which database the window is in: the title, the practice banner (a marker in the
database itself), Berkas > Buka basis data… and Buka terakhir, over real files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from desasadar_gui import app as app_module
from desasadar_gui.db import cipher
from desasadar_gui.services import security
from desasadar_gui.services.backups import DAILY, list_backups
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo import generate_demo
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.practice import is_practice_database
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.safety.passphrase import UnlockDialog
from desasadar_gui.ui.setup.database_switch import recent_databases, remember_database


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def __call__(self, *args, **kwargs) -> None:
        self.calls.append(args)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    recorders = {name: Recorder() for name in ("show_user_error", "show_info", "show_error")}
    for name, recorder in recorders.items():
        monkeypatch.setattr(messages, name, recorder)
    return recorders


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def other_path(tmp_path: Path, template_db: Path) -> Path:
    """A second database in another folder: one village, three participants."""
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    path = folder / "desa lain.sqlite"
    shutil.copyfile(template_db, path)
    with Database.open(path) as other:
        other.set_officer("Petugas Lain", "KC Jambi")
        village = create_village(other, VillageInput(name="Pematang Gajah"))
        for name in ("Siti", "Rahmat", "Yusuf"):
            create_participant(other, ParticipantInput(name=name, village_id=village.id))
    return path


@pytest.fixture
def window(qtbot, db, settings):
    win = app_module.create_main_window(db, settings)
    qtbot.addWidget(win)
    yield win
    if win.ctx.db is not db:  # switched: the test's fixture closes only its own
        win.ctx.db.close()


def _pick(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(messages, "ask_open_path", lambda *args: str(path))


def test_demo_data_marks_the_database_as_practice(db):
    assert not is_practice_database(db)
    generate_demo(db, participants=10, seed=3)
    assert is_practice_database(db)


def test_an_ordinary_database_has_no_banner(window, db):
    assert window.windowTitle() == "Desa Sadar — desa sadar.sqlite"
    assert not window.practice_banner.isVisibleTo(window)


def test_a_practice_database_shows_the_banner_and_says_so_in_the_title(qtbot, db, settings):
    generate_demo(db, participants=10, seed=3)
    window = app_module.create_main_window(db, settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Desa Sadar — desa sadar.sqlite (LATIHAN)"
    banner = window.practice_banner
    assert banner.isVisibleTo(window)
    assert banner.text() == (
        "BASIS DATA LATIHAN — data di sini bukan data sungguhan (desa sadar.sqlite)"
    )
    assert str(db.path) in banner.toolTip()


def test_open_database_switches_the_tabs_title_and_recent_list(
    qtbot, monkeypatch, window, db, db_path, other_path, settings, said
):
    assert window.databases.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.counts_label.text() == "0 desa · 0 peserta · 0 sesi"
    _pick(monkeypatch, other_path)
    with qtbot.waitSignal(window.ctx.bus.changed):
        window.databases.open_action.trigger()
    assert not said["show_user_error"].calls and not said["show_error"].calls
    assert window.ctx.db is not db and window.ctx.db.path == other_path
    assert window.ctx.db.instance_lock is not None  # opened the way the app start opens
    assert window.windowTitle() == "Desa Sadar — desa lain.sqlite"
    assert window.database_label.text() == "Basis data: desa lain.sqlite"
    assert window.counts_label.text() == "1 desa · 3 peserta · 0 sesi"
    model = window.participants_tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    # Its own officer stays; the old file was closed (the day's backup taken on close).
    assert window.ctx.db.officer == "Petugas Lain"
    assert [b.kind for b in list_backups(db_path)] == [DAILY]
    # Both files in the recent list, the open one first (and checked, not clickable).
    assert recent_databases(settings) == [other_path, db_path]
    window.databases.fill_recent()
    entries = window.databases.recent_menu.actions()
    assert [Path(a.data()) for a in entries] == [other_path, db_path]
    assert entries[0].isChecked() and not entries[0].isEnabled()
    assert entries[1].isEnabled() and "desa sadar.sqlite" in entries[1].text()
    # ...and back through the recent list.
    with qtbot.waitSignal(window.ctx.bus.changed):
        entries[1].trigger()
    assert window.ctx.db.path == db_path
    assert window.counts_label.text() == "0 desa · 0 peserta · 0 sesi"
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert recent_databases(settings) == [db_path, other_path]


def test_a_new_empty_file_gets_this_laptops_officer(
    qtbot, monkeypatch, window, tmp_path, template_db, said
):
    empty = tmp_path / "kosong.sqlite"
    shutil.copyfile(template_db, empty)
    _pick(monkeypatch, empty)
    window.databases.open_action.trigger()
    assert window.ctx.db.path == empty
    assert window.ctx.db.officer == "Petugas Uji"
    assert window.officer_label.text() == "Petugas: Petugas Uji · KC Jambi"


def _foreign_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoices (total) VALUES (12.5)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("text", "bukan berkas basis data Desa Sadar"),
        ("foreign sqlite", "bukan milik Desa Sadar"),
        ("too new", "versi Desa Sadar yang lebih baru"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_and_the_old_one_stays_open(
    qtbot, monkeypatch, window, db, db_path, tmp_path, template_db, settings, said, kind, words
):
    create_village(db, VillageInput(name="Sungai Baung"))
    window.refresh_status()
    bad = tmp_path / "catatan.sqlite"
    if kind == "text":
        bad.write_text("bukan basis data\n" * 50, encoding="utf-8")
    elif kind == "foreign sqlite":
        _foreign_sqlite(bad)
    else:  # made by a newer version of the app
        shutil.copyfile(template_db, bad)
        con = sqlite3.connect(bad)
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        con.commit()
        con.close()
    before = bad.read_bytes()
    _pick(monkeypatch, bad)
    window.databases.open_action.trigger()
    (call,) = said["show_user_error"].calls
    assert call[0] is window
    assert words in call[1].message("id")
    assert bad.read_bytes() == before  # refused files are left as they were
    assert window.ctx.db is db
    assert window.windowTitle() == "Desa Sadar — desa sadar.sqlite"
    assert window.counts_label.text() == "1 desa · 0 peserta · 0 sesi"
    create_village(db, VillageInput(name="Talang Duku"))  # still open and writable
    assert recent_databases(settings) == [db_path]


def test_the_open_file_and_a_vanished_one(qtbot, monkeypatch, window, db_path, tmp_path, said):
    _pick(monkeypatch, db_path)
    window.databases.open_action.trigger()
    assert said["show_info"].calls and not said["show_user_error"].calls
    gone = tmp_path / "dicabut.sqlite"
    remember_database(window.settings, gone)
    window.databases.fill_recent()
    first = window.databases.recent_menu.actions()[0]
    assert Path(first.data()) == gone and not first.isEnabled()
    assert "tidak ditemukan" in first.toolTip()
    window.databases.open(gone)  # the file went between the menu and the click
    (call,) = said["show_user_error"].calls
    assert "dicabut.sqlite" in call[1].message("id")
    assert window.ctx.db.path == db_path


def test_recent_list_keeps_five_latest_first(settings, tmp_path):
    paths = [tmp_path / f"db{i}.sqlite" for i in range(7)]
    for path in paths:
        remember_database(settings, path)
    remember_database(settings, paths[3])
    assert recent_databases(settings) == [paths[3], paths[6], paths[5], paths[4], paths[2]]


def test_an_encrypted_file_asks_its_passphrase_and_gets_the_idle_lock(
    qtbot, monkeypatch, window, db, other_path, said
):
    security.encrypt_database(other_path, security.prepare_key(PASSPHRASE))
    cipher.KEYRING.clear()  # locked, as after a restart
    assert window.idle_lock is None  # the plain file has nothing to lock
    _pick(monkeypatch, other_path)
    asked: list[object] = []
    monkeypatch.setattr(
        UnlockDialog, "exec", lambda d: asked.append(d.parent()) or QDialog.DialogCode.Rejected
    )
    window.databases.open_action.trigger()
    assert asked == [window] and window.ctx.db is db  # cancelled: nothing changed

    def unlock(d: UnlockDialog) -> int:
        qtbot.keyClicks(d.secret, PASSPHRASE)
        d.unlock_button.click()
        return d.result()

    monkeypatch.setattr(UnlockDialog, "exec", unlock)
    window.databases.open_action.trigger()
    assert window.ctx.db.path == other_path and window.ctx.db.encrypted
    assert window.idle_lock is not None and window.idle_lock.db_path == other_path
    assert window.counts_label.text() == "1 desa · 3 peserta · 0 sesi"
    assert not said["show_user_error"].calls
