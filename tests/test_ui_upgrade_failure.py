"""At start-up, a schema upgrade that fails is explained plainly and the GUI offers a
backup that opens: no terminal, no raw SQL."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from upgrade_helpers import old_database

from desasadar_gui.db.backup_files import DAILY, take_backup_file
from desasadar_gui.services.stats import content_digest
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.safety.damaged_db import DamagedDbDialog


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on exec()
def test_failed_upgrade_offers_a_backup_that_opens(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desasadar_gui.app import open_database
    from desasadar_gui.services.database import Database

    source = old_database(tmp_path / "src" / "lama.sqlite", 500)
    reference = tmp_path / "ref.sqlite"
    shutil.copyfile(source, reference)
    with Database.open(reference) as ref:
        expected = content_digest(ref)
    path = tmp_path / "desa" / "desa.sqlite"
    path.parent.mkdir()
    shutil.copyfile(source, path)
    daily = take_backup_file(path, DAILY)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ix_participants_officials (x)")  # the upgrade now fails
    con.commit()
    con.close()

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_user_error", lambda _p, e: shown.append(e.message()))
    seen: dict[str, str] = {}

    def press_restore() -> None:
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, DamagedDbDialog) and widget.isVisible():
                seen["title"] = widget.windowTitle()
                seen["message"] = widget.message.text()
                seen["backup"] = widget.backup_label.text()
                widget.restore_button.click()
                return
        QTimer.singleShot(50, press_restore)

    QTimer.singleShot(50, press_restore)
    db = open_database(path)
    try:
        assert db is not None, shown
        assert seen["title"] == "Pembaruan basis data gagal"
        assert str(daily) in seen["backup"]
        assert "CREATE" not in seen["message"] and "SQL" not in seen["message"]
        assert content_digest(db) == expected
        assert shown == []
    finally:
        if db is not None:
            db.close()
