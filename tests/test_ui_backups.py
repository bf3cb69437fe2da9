"""The Backups view, restoring in place, the damaged-database dialog and the crash hook,
driven through real widgets on the offscreen platform."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from safety_helpers import PEOPLE, add_people, damage, live_participants

from desasadar_gui.errors import UserError
from desasadar_gui.logs import setup_logging, shutdown_logging
from desasadar_gui.services.backups import (
    MANUAL,
    PRE_RESTORE,
    list_backups,
    take_backup,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import quick_check
from desasadar_gui.services.stats import content_digest
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.safety.backups import (
    COL_KIND,
    COL_PARTICIPANTS,
    BackupsView,
    restore_in_place,
)
from desasadar_gui.ui.safety.damaged_db import (
    RESTORED,
    DamagedDbDialog,
    check_database_at_startup,
)


class Recorder:
    def __init__(self, answer: object = None) -> None:
        self.calls: list[tuple] = []
        self.answer = answer

    def __call__(self, *args: object) -> object:
        self.calls.append(args)
        return self.answer


@pytest.fixture
def ctx(db: Database) -> UiContext:
    return UiContext(db)


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    recorders = {
        "show_info": Recorder(),
        "show_user_error": Recorder(),
        "show_error": Recorder(),
        "show_unexpected_error": Recorder(),
        "confirm": Recorder(True),
        "ask_open_path": Recorder(None),
    }
    for name, recorder in recorders.items():
        monkeypatch.setattr(messages, name, recorder)
    return recorders


def test_the_view_lists_backups_with_kind_and_participant_counts(
    qtbot, ctx: UiContext, quiet
) -> None:
    add_people(ctx.db)
    take_backup(ctx.db, MANUAL)
    view = BackupsView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.index(0, COL_PARTICIPANTS).data() == str(len(PEOPLE)))
    assert view.model.rowCount() == 1
    assert view.model.index(0, COL_KIND).data() == "cadangan manual"
    assert not view.restore_button.isEnabled()  # nothing selected yet
    view.table.selectRow(0)
    assert view.restore_button.isEnabled()


def test_backup_now_adds_a_copy(qtbot, ctx: UiContext, quiet) -> None:
    view = BackupsView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.backup_taken, timeout=10000) as taken:
        qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton)
    copy = Path(taken.args[0])
    assert copy.exists()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert quiet["show_info"].calls and str(copy) in quiet["show_info"].calls[0][1]
    wait_for_all()


def test_restore_asks_first_then_emits_the_chosen_copy(qtbot, ctx: UiContext, quiet) -> None:
    copy = take_backup(ctx.db, MANUAL)
    view = BackupsView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)

    quiet["confirm"].answer = False
    with qtbot.assertNotEmitted(view.restore_requested):
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert len(quiet["confirm"].calls) == 1

    quiet["confirm"].answer = True
    with qtbot.waitSignal(view.restore_requested) as requested:
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert requested.args == [str(copy)]
    wait_for_all()


def test_restoring_a_file_that_is_not_a_backup_is_refused_plainly(
    qtbot, ctx: UiContext, quiet, tmp_path: Path
) -> None:
    junk = tmp_path / "foto.sqlite"
    junk.write_bytes(b"\x89PNG not a database")
    quiet["ask_open_path"].answer = str(junk)
    view = BackupsView(ctx)
    qtbot.addWidget(view)
    with qtbot.assertNotEmitted(view.restore_requested):
        qtbot.mouseClick(view.restore_file_button, Qt.MouseButton.LeftButton)
    (call,) = quiet["show_user_error"].calls
    assert "bukan berkas basis data" in call[1].message("id")
    assert not quiet["confirm"].calls
    wait_for_all()


def test_restore_in_place_swaps_the_database_and_tells_every_tab(
    qtbot, db_path: Path, quiet
) -> None:
    db = Database.open(db_path, lock=True)
    ctx = UiContext(db)
    add_people(db, PEOPLE[:2])
    before = content_digest(db)
    copy = take_backup(db, MANUAL)
    add_people(db, PEOPLE[2:])

    with qtbot.waitSignal(ctx.bus.changed):
        result = restore_in_place(ctx, copy)

    assert result is not None
    assert ctx.db is not db
    assert content_digest(ctx.db) == before
    assert ctx.db.instance_lock is not None and ctx.db.instance_lock.held  # still ours
    assert any(b.kind == PRE_RESTORE for b in list_backups(db_path))
    assert quiet["show_info"].calls
    ctx.db.close()


def test_restore_in_place_of_a_bad_file_changes_nothing(
    qtbot, ctx: UiContext, quiet, tmp_path: Path
) -> None:
    add_people(ctx.db)
    before = content_digest(ctx.db)
    junk = tmp_path / "bukan.sqlite"
    junk.write_text("bukan basis data")
    assert restore_in_place(ctx, junk) is None
    assert quiet["show_user_error"].calls
    assert content_digest(ctx.db) == before


def test_view_and_restore_in_place_wired_together(qtbot, ctx: UiContext, quiet) -> None:
    add_people(ctx.db, PEOPLE[:1])
    take_backup(ctx.db, MANUAL)
    add_people(ctx.db, PEOPLE[1:])
    view = BackupsView(ctx)
    qtbot.addWidget(view)
    view.restore_requested.connect(lambda path: restore_in_place(ctx, path, view))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    with qtbot.waitSignal(ctx.bus.changed):
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert live_participants(ctx.db.path) == 1
    wait_for_all()


# -- damaged database at start-up --------------------------------------------------------


def test_damaged_database_dialog_offers_and_restores_the_latest_backup(
    qtbot, db: Database, quiet
) -> None:
    add_people(db)
    good = take_backup(db, MANUAL)
    path = db.path
    db.close()
    damage(path)

    result = quick_check(path)
    dialog = DamagedDbDialog(result)
    qtbot.addWidget(dialog)
    assert "rusak" in dialog.message.text()
    assert str(good) in dialog.backup_label.text()
    assert dialog.restore_button.isEnabled() and not dialog.empty_button.isVisibleTo(dialog)

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert dialog.outcome == RESTORED and dialog.result() == dialog.DialogCode.Accepted
    assert quick_check(path).status == "ok"
    assert live_participants(path) == len(PEOPLE)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on exec()
def test_start_up_check_never_proceeds_on_a_damaged_file(
    qtbot, db: Database, quiet, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(db)
    take_backup(db, MANUAL)
    path = db.path
    db.close()
    damage(path)
    damaged_bytes = path.read_bytes()

    def press_quit() -> None:
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, DamagedDbDialog) and widget.isVisible():
                widget.quit_button.click()

    QTimer.singleShot(50, press_quit)
    decision = check_database_at_startup(path)

    assert not decision.proceed
    assert path.read_bytes() == damaged_bytes


def test_start_up_check_passes_a_healthy_file_without_asking(qtbot, db: Database) -> None:
    decision = check_database_at_startup(db.path)
    assert decision.proceed and not decision.allow_new


def test_missing_file_can_be_started_empty_only_by_choice(qtbot, db: Database, quiet) -> None:
    take_backup(db, MANUAL)
    path = db.path
    db.close()
    path.unlink()
    dialog = DamagedDbDialog(quick_check(path))
    qtbot.addWidget(dialog)
    assert dialog.empty_button.isVisibleTo(dialog)
    quiet["confirm"].answer = True
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome == "new"
    with Database.open(path, allow_new=True) as fresh:
        assert fresh.path == path


# -- the crash hook ----------------------------------------------------------------------


def test_unexpected_error_is_logged_and_shown_with_the_log_path(qtbot, quiet) -> None:
    from desasadar_gui.ui.safety.crash_dialog import install_excepthook

    shutdown_logging()
    log_path = setup_logging()
    uninstall = install_excepthook(lambda: None)
    try:
        try:
            raise KeyError(PEOPLE[0][0])  # a participant's name in an exception message
        except KeyError:
            sys.excepthook(*sys.exc_info())
        try:
            raise UserError("Disk penuh.", "Disk full.")
        except UserError:
            sys.excepthook(*sys.exc_info())
    finally:
        uninstall()
        shutdown_logging()
    (call,) = quiet["show_unexpected_error"].calls
    assert call[1] == str(log_path)
    assert quiet["show_user_error"].calls[0][1].message("id") == "Disk penuh."
    text = log_path.read_text(encoding="utf-8")
    assert "unexpected error" in text and "KeyError" in text
    assert "Siti" not in text and "Aminah" not in text


def test_backups_dialog_restores_in_place(qtbot, ctx: UiContext, quiet) -> None:
    from desasadar_gui.ui.safety.backups import BackupsDialog

    add_people(ctx.db, PEOPLE[:1])
    take_backup(ctx.db, MANUAL)
    add_people(ctx.db, PEOPLE[1:])
    dialog = BackupsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.view.model.rowCount() == 1)
    dialog.view.table.selectRow(0)
    with qtbot.waitSignal(ctx.bus.changed):
        dialog.view.restore_button.click()
    assert live_participants(ctx.db.path) == 1
    qtbot.waitUntil(lambda: dialog.view.model.rowCount() == 2)  # + the pre-restore copy
    wait_for_all()


def test_table_models_pass_the_model_tester(qtbot, qtmodeltester, ctx: UiContext) -> None:
    from desasadar_gui.services.history import record_history
    from desasadar_gui.ui.kit.history_dialog import HistoryTableModel
    from desasadar_gui.ui.safety.backups import BackupTableModel

    ids = add_people(ctx.db, PEOPLE[:2])
    take_backup(ctx.db, MANUAL)
    backups_model = BackupTableModel()
    backups_model.set_rows(list_backups(ctx.db.path, with_counts=True))
    qtmodeltester.check(backups_model)
    history_model = HistoryTableModel()
    history_model.set_entries(record_history(ctx.db, "participants", ids[0]))
    qtmodeltester.check(history_model)
