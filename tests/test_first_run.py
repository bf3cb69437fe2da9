"""First run after install: officer, optional region data, optional practice database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from desasadar_gui import app as app_module
from desasadar_gui.paths import data_dir
from desasadar_gui.services.database import Database
from desasadar_gui.services.regions import region_counts
from desasadar_gui.services.stats import collect_stats
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.setup.first_run import FirstRunDialog

KAB = "code,name,kind\n1504,Kabupaten Batanghari,kabupaten\n"
KEC = "code,regency_code,name\n150403,1504,Muara Bulian\n"
DESA = "code,district_code,name,kind\n1504032015,150403,Sungai Baung,desa\n"


def _region_files(folder: Path) -> list[str]:
    paths = []
    for name, text in (("kab.csv", KAB), ("kec.csv", KEC), ("desa.csv", DESA)):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def test_region_data_can_be_loaded_from_the_welcome_dialog(qtbot, monkeypatch, db_path, tmp_path):
    files = _region_files(tmp_path)
    monkeypatch.setattr(messages, "ask_open_paths", lambda *a, **k: files)
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title=None: shown.append(text))
    with Database.open(db_path) as fresh:
        dialog = FirstRunDialog(fresh)
        qtbot.addWidget(dialog)
        assert "Belum dimuat" in dialog.regions_status.text()
        dialog.regions_button.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert region_counts(fresh)["villages"] == 1
        assert "1 desa/kelurahan sudah dimuat" in dialog.regions_status.text()


def test_choosing_the_demo_opens_a_separate_practice_database(qtbot, monkeypatch, db_path):
    def fake_exec(dialog: FirstRunDialog) -> int:
        qtbot.keyClicks(dialog.officer_edit, "Dewi Sartika")
        dialog.demo_check.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(FirstRunDialog, "exec", fake_exec)
    real = Database.open(db_path)
    chosen = app_module.first_run(real)
    try:
        assert chosen is not real
        assert chosen.path == data_dir() / app_module.DEMO_FILE
        assert chosen.officer == "Dewi Sartika"
        assert collect_stats(chosen).participants == app_module.DEMO_PARTICIPANTS
    finally:
        chosen.close()
    with Database.open(db_path) as again:  # the real database stays clean
        assert again.officer == "Dewi Sartika"
        assert collect_stats(again).participants == 0
