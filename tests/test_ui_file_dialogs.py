"""File dialogs start in Documents, then in the folder used last (issue 14).

A native file dialog cannot be driven, so the one static call at the boundary
(QFileDialog.get*) is replaced to see where the dialog would have opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desasadar_gui.ui.kit import messages


class Capture:
    def __init__(self, answer: object) -> None:
        self.answer = answer
        self.starts: list[str] = []

    def __call__(self, parent, title, start="", filters="", *args, **kwargs):  # noqa: ANN001
        self.starts.append(start)
        return self.answer


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def test_save_dialog_starts_in_documents_with_the_suggested_name(qtbot, home, monkeypatch):
    save = Capture(("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    assert messages.ask_save_path(None, "Simpan", "desasadar-ani.xlsx", "*.xlsx") is None
    assert Path(save.starts[0]) == home / "Documents" / "desasadar-ani.xlsx"


def test_next_dialogs_start_in_the_folder_used_last(qtbot, home, tmp_path, monkeypatch):
    work = tmp_path / "flashdisk" / "ekspor"
    work.mkdir(parents=True)
    save = Capture((str(work / "hasil.xlsx"), "*.xlsx"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    assert messages.ask_save_path(None, "Simpan", "hasil.xlsx", "*.xlsx") == str(
        work / "hasil.xlsx"
    )

    opener = Capture(("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(opener))
    messages.ask_open_path(None, "Buka", "*.xlsx")
    assert Path(opener.starts[0]) == work

    # the next save keeps its own default name, in the folder used last
    save.answer = ("", "")
    messages.ask_save_path(None, "Simpan", "laporan.pdf", "*.pdf")
    assert Path(save.starts[-1]) == work / "laporan.pdf"

    folder = Capture(str(tmp_path / "flashdisk"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))
    messages.ask_directory(None, "Folder")
    assert Path(folder.starts[0]) == work
    many = Capture(([], ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(many))
    messages.ask_open_paths(None, "Buka", "*.csv")
    assert Path(many.starts[0]) == tmp_path / "flashdisk"


def test_a_vanished_last_folder_falls_back_to_documents(qtbot, home, tmp_path, monkeypatch):
    gone = tmp_path / "usb"
    gone.mkdir()
    messages.remember_folder(gone)
    gone.rmdir()  # the flash disk was pulled out
    opener = Capture(("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(opener))
    messages.ask_open_path(None, "Buka", "*.xlsx")
    assert Path(opener.starts[0]) == home / "Documents"
