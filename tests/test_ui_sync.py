"""Sync in the GUI: the import preview, export/import actions off the GUI thread, and the
sync view (history, conflicts with restore, duplicates with merge), on real widgets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sync_helpers import add_person, add_village, digest, export, import_, new_laptop

from desasadar_gui.services.participants import get_participant, update_participant
from desasadar_gui.sync.workbook_import import prepare_import
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.safety.workbook_passwords import ExportProtectionDialog
from desasadar_gui.ui.sync import actions as sync_actions
from desasadar_gui.ui.sync.import_preview import ImportPreviewDialog
from desasadar_gui.ui.sync.view import SyncView


class Recorder:
    def __init__(self, answer: object = None) -> None:
        self.calls: list[tuple] = []
        self.answer = answer

    def __call__(self, *args: object) -> object:
        self.calls.append(args)
        return self.answer


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    recorders = {
        name: Recorder(answer)
        for name, answer in (
            ("show_info", None),
            ("show_error", None),
            ("show_user_error", None),
            ("show_unexpected_error", None),
            ("confirm", True),
            ("ask_open_path", None),
            ("ask_save_path", None),
        )
    }
    for name, recorder in recorders.items():
        monkeypatch.setattr(messages, name, recorder)
    return recorders


@pytest.fixture
def laptops(tmp_path: Path, template_db: Path):
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    yield a, b
    wait_for_all()
    a.close()
    b.close()


def _export_with_bad_row(a, tmp_path: Path) -> Path:
    vid = add_village(a)
    add_person(a, vid, "Ani", "1504034508900002", "registered")
    add_person(a, vid, "Budi", "1504031203850001", "registered")
    src = export(a, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(src)
    ws = wb["Peserta"]
    nik_col = [c.value for c in ws[1]].index("NIK")
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Budi":
            row[nik_col].value = "123"
    out = tmp_path / "bad.xlsx"
    wb.save(out)
    wb.close()
    return out


def test_preview_dialog_shows_counts_lists_and_applies(qtbot, laptops, tmp_path, quiet):
    a, b = laptops
    path = _export_with_bad_row(a, tmp_path)
    with prepare_import(b, path) as prepared:
        dialog = ImportPreviewDialog(prepared)
        qtbot.addWidget(dialog)
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert "Baru (2)" in tabs and "Ditolak (1)" in tabs
        assert dialog.list_models["rejected"].rowCount() == 1
        reason = dialog.list_models["rejected"].index(0, 3).data()
        assert "NIK" in reason
        assert dialog.save_errors.isVisibleTo(dialog)
        quiet["ask_save_path"].answer = str(tmp_path / "errors.xlsx")
        qtbot.mouseClick(dialog.save_errors, Qt.MouseButton.LeftButton)
        assert (tmp_path / "errors.xlsx").exists()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted


def test_import_action_previews_then_applies_off_the_gui_thread(
    qtbot, laptops, tmp_path, quiet, monkeypatch
):
    a, b = laptops
    add_person(a, add_village(a), "Citra")
    path = export(a, tmp_path / "a.xlsx")
    seen = []
    monkeypatch.setattr(sync_actions, "run_preview", lambda parent, plan: seen.append(plan) or True)
    ctx = UiContext(b)
    with qtbot.waitSignal(ctx.bus.changed, timeout=30000):
        quiet["ask_open_path"].answer = str(path)
        sync_actions.import_with_dialog(None, ctx)
    assert seen and seen[0].plan.total("new") == 2
    assert digest(a) == digest(b)
    qtbot.waitUntil(lambda: bool(quiet["show_info"].calls), timeout=10000)
    # The same file again: said so, nothing changes.
    quiet["show_info"].calls.clear()
    sync_actions.import_with_dialog(None, ctx, path=str(path))
    qtbot.waitUntil(lambda: bool(quiet["show_info"].calls), timeout=10000)
    assert "sudah pernah diimpor" in quiet["show_info"].calls[-1][1]


def test_import_declined_in_preview_changes_nothing(qtbot, laptops, tmp_path, quiet, monkeypatch):
    a, b = laptops
    add_person(a, add_village(a), "Dedi")
    path = export(a, tmp_path / "a.xlsx")
    before = digest(b)
    declined = []
    monkeypatch.setattr(
        sync_actions, "run_preview", lambda parent, plan: declined.append(plan) or False
    )
    sync_actions.import_with_dialog(None, UiContext(b), path=str(path))
    qtbot.waitUntil(lambda: bool(declined), timeout=30000)
    wait_for_all()
    assert digest(b) == before
    assert not declined[0].plan.parsed.staging.folder.exists()


def test_refused_file_shows_a_message(qtbot, laptops, tmp_path, quiet):
    _, b = laptops
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"junk")
    sync_actions.import_with_dialog(None, UiContext(b), path=str(junk))
    qtbot.waitUntil(lambda: bool(quiet["show_user_error"].calls), timeout=10000)
    assert "bukan buku kerja" in quiet["show_user_error"].calls[0][1].message()


def test_export_action_writes_the_workbook(qtbot, laptops, tmp_path, quiet, monkeypatch):
    a, _ = laptops
    add_person(a, add_village(a), "Eka")
    target = tmp_path / "out.xlsx"
    quiet["ask_save_path"].answer = str(target)

    def no_password(dialog: ExportProtectionDialog) -> int:
        qtbot.addWidget(dialog)
        assert not dialog.protect_check.isChecked()  # a plain database: off by default
        dialog.export_button.click()
        return dialog.result()

    monkeypatch.setattr(ExportProtectionDialog, "exec", no_password)
    sync_actions.export_with_dialog(None, UiContext(a))
    qtbot.waitUntil(lambda: bool(quiet["show_info"].calls), timeout=30000)
    assert target.exists()
    assert str(target) in quiet["show_info"].calls[0][1]


def test_sync_view_lists_history_restores_conflicts_and_merges_duplicates(
    qtbot, laptops, tmp_path, quiet
):
    a, b = laptops
    vid = add_village(a, "Kasang Pudak", "1505062005")
    pid = add_person(a, vid, "Gita")
    import_(b, export(a, tmp_path / "base.xlsx"))
    for db, name in ((a, "Gita A"), (b, "Gita B")):
        row = get_participant(db, pid)
        update_participant(db, pid, replace(row.as_input(), name=name))
    nik = "1505064108920003"
    add_person(a, vid, "Hana", nik, "registered")
    add_person(b, vid, "Hana S", nik, "registered")
    import_(a, export(b, tmp_path / "fb.xlsx"))

    ctx = UiContext(a)
    view = SyncView(ctx)
    qtbot.addWidget(view)
    assert view.history_model.rowCount() == 2  # its export and its import
    assert view.conflict_model.rowCount() == 1
    assert view.tabs.tabText(1) == "Konflik (1)"
    assert not view.restore_button.isEnabled()
    view.conflict_view.selectRow(0)
    assert view.restore_button.isEnabled()
    loser = view.conflict_model.payload(0).differences[0][2]
    with qtbot.waitSignal(ctx.bus.changed):
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert get_participant(a, pid).name == loser
    assert view.conflict_model.rowCount() == 0

    assert view.duplicate_model.rowCount() == 2
    view.duplicate_view.selectRow(0)
    keep = view.duplicate_model.payload(0)
    with qtbot.waitSignal(ctx.bus.changed):
        qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    assert view.duplicate_model.rowCount() == 0
    assert get_participant(a, keep.id).deleted_at is None


def test_preview_lists_the_notes_of_the_plan(qtbot, laptops, tmp_path, quiet):
    """Ignored display edits and deleted rows are said before anything is applied."""
    a, b = laptops
    vid = add_village(a)
    for name in ("Eka", "Fajar", "Gita"):
        add_person(a, vid, name)
    path = export(a, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Peserta"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Desa") + 1).value = "Desa Lain"
    ws.delete_rows(3, 1)
    wb.save(tmp_path / "edited.xlsx")
    with prepare_import(b, tmp_path / "edited.xlsx") as prepared:
        dialog = ImportPreviewDialog(prepared)
        qtbot.addWidget(dialog)
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert "Catatan (2)" in tabs
        notes = [dialog.notes_model.index(r, 3).data() for r in range(2)]
        assert any("hanya tampilan" in n for n in notes)
        assert any("Dihapus = Ya" in n for n in notes)
