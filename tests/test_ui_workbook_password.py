"""Workbook passwords in the GUI (offscreen, real widgets): the export dialog protects
the workbook (a short or mistyped password said in the dialog), the import asks for the
password, says a wrong one in the same dialog and lets the officer try again; cancelling
changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from sync_helpers import add_person, add_village, digest, export, new_laptop
from test_ui_sync import Recorder

from desasadar_gui.sync.workbook_password import is_protected
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.safety.workbook_passwords import (
    ExportProtectionDialog,
    WorkbookPasswordDialog,
)
from desasadar_gui.ui.sync import actions as sync_actions

PASSWORD = "durian-tebo-88"
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    """Every message box answered by a recorder (as in test_ui_sync.py)."""
    recorders = {
        name: Recorder(None)
        for name in ("show_info", "show_error", "show_user_error", "show_unexpected_error",
                     "ask_open_path", "ask_save_path")
    }  # fmt: skip
    for name, recorder in recorders.items():
        monkeypatch.setattr(messages, name, recorder)
    return recorders


@pytest.fixture
def laptops(tmp_path: Path, template_db: Path):
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    add_person(a, add_village(a), "Fitri Handayani", "1504034508900002", "registered")
    yield a, b
    wait_for_all()
    a.close()
    b.close()


def test_export_dialog_protects_the_workbook_with_a_password(
    qtbot,
    laptops,
    tmp_path,
    quiet,
    monkeypatch,
) -> None:
    a, b = laptops
    target = tmp_path / "protected.xlsx"
    quiet["ask_save_path"].answer = str(target)
    said: list[str] = []

    def fill(dialog: ExportProtectionDialog) -> int:
        dialog.show()
        assert not dialog.first.isEnabled()  # nothing to type until protection is chosen
        dialog.protect_check.click()
        assert dialog.first.isEnabled()
        qtbot.keyClicks(dialog.first, "abc")
        qtbot.keyClicks(dialog.second, "abc")
        dialog.export_button.click()
        said.append(dialog.error.text())
        assert dialog.isVisible()  # still asking
        dialog.first.clear()
        qtbot.keyClicks(dialog.first, PASSWORD)
        qtbot.keyClicks(dialog.second, PASSWORD + "x")
        dialog.export_button.click()
        said.append(dialog.error.text())
        dialog.first.clear()
        dialog.second.clear()
        qtbot.keyClicks(dialog.first, PASSWORD)
        qtbot.keyClicks(dialog.second, PASSWORD)
        dialog.export_button.click()
        return dialog.result()

    monkeypatch.setattr(ExportProtectionDialog, "exec", fill)
    sync_actions.export_with_dialog(None, UiContext(a))
    qtbot.waitUntil(lambda: bool(quiet["show_info"].calls), timeout=30000)
    assert "terlalu pendek" in said[0] and "tidak sama" in said[1]
    assert is_protected(target)
    assert not quiet["show_user_error"].calls

    # The other laptop: a wrong password is said in the dialog, the right one imports.
    asked: list[str] = []
    answers = iter(["salah-sekali", PASSWORD])

    def answer(dialog: WorkbookPasswordDialog) -> int:  # the app deletes the dialog itself
        asked.append(dialog.error.text() if not dialog.error.isHidden() else "")
        assert "protected.xlsx" in dialog.intro.text()
        qtbot.keyClicks(dialog.field, next(answers))
        dialog.open_button.click()
        return dialog.result()

    monkeypatch.setattr(WorkbookPasswordDialog, "exec", answer)
    monkeypatch.setattr(sync_actions, "run_preview", lambda parent, prepared: True)
    ctx = UiContext(b)
    with qtbot.waitSignal(ctx.bus.changed, timeout=30000):
        sync_actions.import_with_dialog(None, ctx, path=str(target))
    assert asked[0] == "" and "Kata sandi salah" in asked[1]
    assert not quiet["show_user_error"].calls
    assert digest(a) == digest(b)


def test_cancelling_the_password_question_changes_nothing(
    qtbot,
    laptops,
    tmp_path,
    quiet,
    monkeypatch,
) -> None:
    a, b = laptops
    from desasadar_gui.sync.workbook_export import export_workbook

    path = export_workbook(a, tmp_path / "p.xlsx", password=PASSWORD).path
    before = digest(b)
    asked = []

    def cancel(dialog: WorkbookPasswordDialog) -> int:  # the app deletes the dialog itself
        asked.append(dialog.objectName())
        dialog.cancel_button.click()
        return dialog.result()

    monkeypatch.setattr(WorkbookPasswordDialog, "exec", cancel)
    monkeypatch.setattr(sync_actions, "run_preview", lambda *a: pytest.fail("read anyway"))
    sync_actions.import_with_dialog(None, UiContext(b), path=str(path))
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)  # asked once the file is looked at
    wait_for_all()
    assert len(asked) == 1 and digest(b) == before
    assert not quiet["show_user_error"].calls


def test_an_encrypted_database_proposes_a_protected_export(qtbot, tmp_path) -> None:
    dialog = ExportProtectionDialog(protect=True)
    qtbot.addWidget(dialog)
    assert dialog.protect_check.isChecked() and dialog.first.isEnabled()
    dialog.protect_check.click()
    dialog.export_button.click()
    assert dialog.password is None and dialog.result() == dialog.DialogCode.Accepted


def test_plain_export_still_plain(tmp_path, template_db) -> None:
    db = new_laptop(tmp_path / "c", template_db, "C")
    try:
        assert not is_protected(export(db, tmp_path / "plain.xlsx"))
    finally:
        db.close()


def test_a_privacy_copy_can_be_protected_too(qtbot, laptops, tmp_path, quiet, monkeypatch) -> None:
    """Names and incomes stay in a privacy copy: the dialog offers a password there too
    (off by default); the copy is protected and still holds no NIK."""
    a, _ = laptops
    target = tmp_path / "privasi.xlsx"
    quiet["ask_save_path"].answer = str(target)
    offered: list[bool] = []

    def fill(dialog: ExportProtectionDialog) -> int:
        offered.append(dialog.protect_check.isChecked())
        dialog.protect_check.click()
        qtbot.keyClicks(dialog.first, PASSWORD)
        qtbot.keyClicks(dialog.second, PASSWORD)
        dialog.export_button.click()
        return dialog.result()

    monkeypatch.setattr(ExportProtectionDialog, "exec", fill)
    sync_actions.export_with_dialog(None, UiContext(a), privacy=True)
    qtbot.waitUntil(lambda: bool(quiet["show_info"].calls), timeout=30000)
    assert offered == [False]
    assert is_protected(target)
    assert not quiet["show_user_error"].calls

    plain = io.BytesIO()
    with target.open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=PASSWORD)
        office.decrypt(plain)
    book = openpyxl.load_workbook(plain, read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if v is not None]  # fmt: skip
    book.close()
    assert "Fitri Handayani" in cells and not any("1504034508900002" in c for c in cells)


def test_a_protected_workbook_imported_before_is_not_asked_for_again(
    qtbot, laptops, tmp_path, quiet, monkeypatch
) -> None:
    """The file is known by its bytes: the officer is told it was imported, no password
    question (the same answer as for a plain file)."""
    a, b = laptops
    from desasadar_gui.sync.workbook_export import export_workbook
    from desasadar_gui.sync.workbook_import import import_workbook

    path = export_workbook(a, tmp_path / "p.xlsx", password=PASSWORD).path
    import_workbook(b, path, password=PASSWORD)
    before = digest(b)
    monkeypatch.setattr(WorkbookPasswordDialog, "exec", lambda d: pytest.fail("asked again"))
    monkeypatch.setattr(sync_actions, "run_preview", lambda *a: pytest.fail("read anyway"))
    sync_actions.import_with_dialog(None, UiContext(b), path=str(path))
    qtbot.waitUntil(lambda: bool(quiet["show_info"].calls), timeout=30000)
    assert "sudah pernah diimpor" in str(quiet["show_info"].calls[0])
    assert digest(b) == before and not quiet["show_user_error"].calls
