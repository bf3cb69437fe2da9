"""Region data from a folder that also holds other files (issue 14): the region files
are taken, the others are named with the reason they were skipped, from the welcome
dialog and from Berkas → Impor data wilayah (files or a folder)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desasadar_gui.services.database import Database
from desasadar_gui.services.regions import region_counts, scan_region_folder, sort_region_files
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.main_window import MainWindow
from desasadar_gui.ui.setup.first_run import FirstRunDialog

KAB = "code,name,kind\n1504,Kabupaten Batanghari,kabupaten\n"

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """What a branch hands out: two region files and two files that are not."""
    folder = tmp_path / "data dari cabang"
    folder.mkdir()
    (folder / "kabupaten.csv").write_text(KAB, encoding="utf-8")
    wb = openpyxl.Workbook()
    kec = wb.active
    kec.title = "Kecamatan"
    kec.append(["code", "regency_code", "name"])
    kec.append(["150403", "1504", "Muara Bulian"])
    desa = wb.create_sheet("Desa")
    desa.append(["code", "district_code", "name", "kind"])
    desa.append(["1504032015", "150403", "Sungai Baung", "desa"])
    desa.append(["1504031002", "150403", "Teratai", "kelurahan"])
    wb.save(folder / "wilayah.xlsx")
    (folder / "daftar-hadir.csv").write_text("nama,nik\nSiti,1504\n", encoding="utf-8")
    (folder / "petunjuk.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "~$wilayah.xlsx").write_bytes(b"lock")  # Excel's lock file: not mentioned
    return folder


class Shown:
    def __init__(self) -> None:
        self.info: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Shown:
    seen = Shown()
    monkeypatch.setattr(messages, "show_info", lambda p, text, title=None: seen.info.append(text))
    monkeypatch.setattr(
        messages, "show_error", lambda p, text, title=None: seen.errors.append(text)
    )
    return seen


def test_a_folder_gives_its_region_files_and_names_the_others(data_folder: Path) -> None:
    files = scan_region_folder(data_folder)
    assert [p.name for p in files.found] == ["kabupaten.csv", "wilayah.xlsx"]
    reasons = {s.path.name: s.reason_id for s in files.skipped}
    assert set(reasons) == {"daftar-hadir.csv", "petunjuk.pdf"}
    assert "kolom" in reasons["daftar-hadir.csv"] and "CSV atau XLSX" in reasons["petunjuk.pdf"]
    chosen = sort_region_files([data_folder / "petunjuk.pdf", data_folder / "kabupaten.csv"])
    assert [p.name for p in chosen.found] == ["kabupaten.csv"]
    assert [s.path.name for s in chosen.skipped] == ["petunjuk.pdf"]


def test_welcome_dialog_loads_a_folder_and_says_what_it_skipped(
    qtbot, monkeypatch, db: Database, data_folder: Path, shown: Shown
) -> None:
    monkeypatch.setattr(messages, "ask_directory", lambda *a, **k: str(data_folder))
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.regions_folder_button.isVisibleTo(dialog)
    dialog.regions_folder_button.click()
    qtbot.waitUntil(lambda: bool(shown.info), timeout=10000)
    assert region_counts(db)["villages"] == 2
    text = shown.info[-1]
    assert "2 desa/kelurahan" in text
    assert "daftar-hadir.csv" in text and "petunjuk.pdf" in text and "~$" not in text
    assert not shown.errors
    assert "2 desa/kelurahan sudah dimuat" in dialog.regions_status.text()


def test_welcome_dialog_takes_the_region_files_among_all_chosen(
    qtbot, monkeypatch, db: Database, data_folder: Path, shown: Shown
) -> None:
    every = [str(p) for p in sorted(data_folder.iterdir()) if not p.name.startswith("~")]
    monkeypatch.setattr(messages, "ask_open_paths", lambda *a, **k: every)
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.regions_button.click()
    qtbot.waitUntil(lambda: bool(shown.info), timeout=10000)
    assert region_counts(db)["villages"] == 2
    assert "daftar-hadir.csv" in shown.info[-1]


def test_only_other_files_chosen_says_why_and_loads_nothing(
    qtbot, monkeypatch, db: Database, data_folder: Path, shown: Shown
) -> None:
    monkeypatch.setattr(
        messages, "ask_open_paths", lambda *a, **k: [str(data_folder / "daftar-hadir.csv")]
    )
    dialog = FirstRunDialog(db)
    qtbot.addWidget(dialog)
    dialog.regions_button.click()
    assert shown.errors and "daftar-hadir.csv" in shown.errors[-1]
    assert "kolom" in shown.errors[-1]
    assert region_counts(db)["villages"] == 0


def test_file_menu_offers_a_folder(
    qtbot, monkeypatch, db: Database, data_folder: Path, shown: Shown, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    asked: list[list[str]] = []

    def choose_folder(parent, title, text, choices):  # noqa: ANN001
        asked.append(choices)
        return 1

    monkeypatch.setattr(messages, "ask_choice", choose_folder)
    monkeypatch.setattr(messages, "ask_directory", lambda *a, **k: str(data_folder))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(UiContext(db), settings)
    qtbot.addWidget(window)
    window.import_regions_action.trigger()
    qtbot.waitUntil(lambda: bool(shown.info), timeout=10000)
    assert [c.replace("&", "") for c in asked[0]] == ["Pilih berkas…", "Pilih folder…"]
    assert region_counts(db)["villages"] == 2
    assert "petunjuk.pdf" in shown.info[-1]
