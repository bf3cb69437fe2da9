"""The data subject's rights from the participants tab (real widgets, pytest-qt).

"Data pribadi" → "Laporan data pribadi (PDF)…" writes a printable PDF and records it;
"Hapus data pribadi…" says what will happen (including backups) before erasing, and
afterwards the person is gone from the list and from the database file's bytes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
)
from desasadar_gui.services.processing import list_processing
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.participants.tab import ParticipantsTab
from desasadar_gui.ui.safety.personal_data import erase_text

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)

NIK = "1504035204850007"
NAME = "Siti Aminah Rahasia"


@pytest.fixture
def person(db):
    vid = create_village(
        db, VillageInput(name="Sungai Baung", kecamatan="Muara Bulian", kabupaten="Batanghari")
    ).id
    create_participant(db, ParticipantInput(name="Budi Santoso", village_id=vid))
    return create_participant(
        db,
        ParticipantInput(
            name=NAME,
            nik=NIK,
            phone="081277665544",
            village_id=vid,
            status="registered",
            registration_date=date(2024, 5, 2),
        ),
    ).row


@pytest.fixture
def tab(qtbot, db, person):
    tab = ParticipantsTab(UiContext(db))
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    qtbot.waitUntil(lambda: not tab.model.busy and tab.model.rowCount() == 2)
    yield tab
    tab.model.shutdown()


def _select(tab, name: str) -> None:
    names = [tab.model.row_at(r).name for r in range(tab.model.rowCount())]
    tab.select_row(names.index(name))


def test_subject_access_report_is_a_pdf(qtbot, db, tab, tmp_path, monkeypatch) -> None:
    out = tmp_path / "laporan siti.pdf"
    monkeypatch.setattr(messages, "ask_save_path", lambda *a, **k: str(out))
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title=None: shown.append(text))
    _select(tab, NAME)
    assert tab.personal_button.isEnabled()
    tab.report_action.trigger()
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 2000
    assert str(out) in shown[0]
    last = list_processing(db)[0]
    assert last.action == "subject_report" and last.file_name == out.name and last.sha256


def test_erasure_from_the_tab_says_what_happens_then_erases(
    qtbot, db, tab, person, monkeypatch
) -> None:
    asked = []

    def confirm(parent, text, title=None):
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "show_info", lambda *a, **k: None)
    _select(tab, NAME)
    with qtbot.waitSignal(tab.model.loaded, timeout=15000):  # erased in the background
        tab.erase_action.trigger()
    assert NAME in asked[0]
    assert "tidak bisa dibatalkan" in asked[0] and "Cadangan" in asked[0]
    assert "Laptop lain" in asked[0]
    names = [tab.model.row_at(r).name for r in range(tab.model.rowCount())]
    assert names == ["Budi Santoso"]
    assert get_participant(db, person.id, include_deleted=True).nik is None
    data = Path(db.path).read_bytes()
    wal = Path(f"{db.path}-wal")
    data += wal.read_bytes() if wal.exists() else b""
    assert NIK.encode() not in data and NAME.encode() not in data


def test_erasure_can_be_declined(qtbot, db, tab, person, monkeypatch) -> None:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, text, title=None: asked.append((text, title)) or False
    )
    _select(tab, NAME)
    tab.erase_action.trigger()
    assert asked == [(erase_text(NAME), "Hapus data pribadi")]
    assert get_participant(db, person.id).nik == NIK
    assert get_participant(db, person.id).name == NAME


def test_processing_record_is_viewable_and_exportable(qtbot, db, person, tmp_path, monkeypatch):
    from desasadar_gui.sync.privacy_copy import write_privacy_copy
    from desasadar_gui.sync.workbook_export import export_workbook
    from desasadar_gui.ui.safety.processing_record import ProcessingDialog

    export_workbook(db, tmp_path / "ekspor.xlsx")
    write_privacy_copy(db, tmp_path / "privasi.xlsx")
    dialog = ProcessingDialog(UiContext(db))
    qtbot.addWidget(dialog)
    shown = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"Ekspor sinkronisasi", "Salinan privasi"} <= shown
    files = {dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
    assert {"ekspor.xlsx", "privasi.xlsx"} <= files
    out = tmp_path / "dpo.csv"
    monkeypatch.setattr(messages, "ask_save_path", lambda *a, **k: str(out))
    monkeypatch.setattr(messages, "show_info", lambda *a, **k: None)
    dialog.export_button.click()
    text = out.read_text(encoding="utf-8-sig")
    assert "privasi.xlsx" in text and NIK not in text and NAME not in text
    assert dialog.table.item(0, 1).text() == "Ekspor catatan pemrosesan"


def test_retention_periods_are_set_in_the_processing_dialog(qtbot, db, monkeypatch):
    from desasadar_gui.services.backups import load_policy
    from desasadar_gui.services.retention import load_retention
    from desasadar_gui.ui.safety.processing_record import ProcessingDialog

    dialog = ProcessingDialog(UiContext(db))
    qtbot.addWidget(dialog)
    assert dialog.retention_spin.value() == 365 and dialog.tombstone_spin.value() == 30
    monkeypatch.setattr(messages, "show_info", lambda *a, **k: None)
    dialog.retention_spin.setValue(180)
    dialog.backup_age_spin.setValue(60)
    dialog.save_retention_button.click()
    assert load_retention(db).retention_days == 180
    assert load_policy(db).max_age_days == 60
