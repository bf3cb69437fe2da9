"""One way to show each value (issue 14): dates 01/12/2026, moments 01/12/2026 22.16 in
local time, counts 36.000 (Indonesian) / 36,000 (English), phones 0812-3456-7890."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from desasadar_gui.domain import display
from desasadar_gui.services.database import Database
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.sync.apply import ImportResult
from desasadar_gui.ui.kit.context import PARTICIPANTS, UiContext
from desasadar_gui.ui.kit.history_dialog import COL_NEW, COL_OLD, HistoryDialog
from desasadar_gui.ui.sync import actions as sync_actions

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def test_short_date_is_day_month_year_with_slashes() -> None:
    assert display.short_date(date(2026, 12, 1)) == "01/12/2026"
    assert display.short_date(None) == ""


def test_moments_are_local_time_with_a_period_in_indonesian() -> None:
    local = datetime(2026, 12, 1, 22, 16, 5).astimezone()  # this laptop's zone
    stored = local.astimezone(timezone.utc).replace(tzinfo=None)  # as the database has it
    assert display.date_time(stored, "id") == "01/12/2026 22.16"
    assert display.date_time(stored, "en") == "01/12/2026 22:16"
    assert display.date_time(stored, "id", seconds=True) == "01/12/2026 22.16.05"
    # backup file names carry local time already
    assert display.date_time(datetime(2026, 12, 1, 7, 5), "id", utc=False) == "01/12/2026 07.05"
    assert display.stored_text(f"{stored:%Y-%m-%d %H:%M:%S}.123000", "id") == "01/12/2026 22.16"
    assert display.stored_text("2026-12-01") == "01/12/2026"
    assert display.stored_text("kemarin") == "kemarin"


def test_counts_group_thousands_the_way_each_language_does() -> None:
    assert display.count(36000, "id") == "36.000"
    assert display.count(1234567, "en") == "1,234,567"
    assert display.count(999, "id") == "999"
    assert display.long_date(date(2026, 12, 1), "id") == "1 Desember 2026"
    assert display.long_date(date(2026, 12, 1), "en") == "1 December 2026"
    assert display.display_phone("+6281234567890") == "0812-3456-7890"


def test_history_dialog_shows_dates_times_and_phones_in_one_style(qtbot, db: Database) -> None:
    pid = create_participant(
        db,
        ParticipantInput(
            name="Siti Aminah",
            nik="1504014506900001",
            phone="081234567890",
            registration_date=date(2026, 11, 30),
        ),
    ).row.id
    row = get_participant(db, pid)
    changed = {f: getattr(row, f) for f in ParticipantInput.__dataclass_fields__ if hasattr(row, f)}
    update_participant(
        db,
        pid,
        replace(
            ParticipantInput(**changed),
            phone="0813 9876 5432",
            registration_date=date(2026, 12, 1),
        ),
    )

    dialog = HistoryDialog(UiContext(db), PARTICIPANTS, pid)
    qtbot.addWidget(dialog)
    model = dialog.model
    cells = [
        [model.index(r, c).data() or "" for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    changes = {(r[COL_OLD], r[COL_NEW]) for r in cells}
    assert ("0812-3456-7890", "0813-9876-5432") in changes
    assert ("30/11/2026", "01/12/2026") in changes
    times = [r[0] for r in cells if r[0]]
    assert times and all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d\.\d\d\.\d\d", t) for t in times)
    now = datetime.now()
    assert any(
        t.startswith(d.strftime("%d/%m/%Y")) for t in times for d in (now, now - timedelta(1))
    )
    text = " ".join(" ".join(r) for r in cells)
    assert "+62" not in text and "UTC" not in text


def test_import_result_groups_thousands() -> None:
    result = ImportResult(
        plan=None,  # type: ignore[arg-type]  # the message reads the counts only
        counts={"Peserta": {"new": 1234, "updated": 56, "conflict": 0, "rejected": 0}},
    )
    text = sync_actions._describe(result)
    assert "1.234 baru" in text and "56 diperbarui" in text


def test_import_preview_shows_the_export_time_locally_and_grouped_counts(
    qtbot, tmp_path, template_db
) -> None:
    from sync_helpers import add_person, add_village, export, new_laptop

    from desasadar_gui.sync.workbook_import import prepare_import
    from desasadar_gui.ui.sync.import_preview import ImportPreviewDialog

    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    try:
        village = add_village(a)
        add_person(a, village, "Siti Aminah")
        path = export(a, tmp_path / "a.xlsx")
        with prepare_import(b, path) as prepared:
            dialog = ImportPreviewDialog(prepared)
            qtbot.addWidget(dialog)
            heading = dialog.heading.text()
            assert "UTC" not in heading
            assert re.search(r"diekspor \d\d/\d\d/\d{4} \d\d\.\d\d\.", heading), heading
            now = datetime.now()  # exported a moment ago: today here, in local time
            assert any(d.strftime("%d/%m/%Y") in heading for d in (now, now - timedelta(1)))
            dialog.close()
    finally:
        a.close()
        b.close()
