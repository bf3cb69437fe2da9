"""A record's history in the GUI: who changed which field, old -> new, including changes
that arrived by importing another laptop's workbook (acceptance 5)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desasadar_gui.services.database import Database
from desasadar_gui.services.history import record_history
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.sessions import SessionInput, create_session, record_attendance
from desasadar_gui.services.villages import VillageInput, create_village, update_village
from desasadar_gui.ui.kit.context import PARTICIPANTS, SESSIONS, VILLAGES, UiContext
from desasadar_gui.ui.kit.history_dialog import (
    COL_ACTION,
    COL_FIELD,
    COL_NEW,
    COL_OLD,
    COL_WHO,
    HistoryDialog,
)

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _rows(dialog: HistoryDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [
        tuple(model.index(r, c).data() or "" for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def _as_input(row) -> ParticipantInput:  # noqa: ANN001
    return ParticipantInput(
        name=row.name,
        nik=row.nik,
        gender=row.gender,
        birth_date=row.birth_date,
        phone=row.phone,
        address=row.address,
        village_id=row.village_id,
        occupation=row.occupation,
        official_role=row.official_role,
        monthly_income=row.monthly_income,
        programmes=row.programmes,
        funding_source=row.funding_source,
        status=row.status,
        registration_date=row.registration_date,
        kpj_number=row.kpj_number,
    )


def _edit(db: Database, record_id: str, **changes) -> None:  # noqa: ANN003
    current = get_participant(db, record_id)
    update_participant(db, record_id, replace(_as_input(current), **changes))


def test_participant_history_shows_fields_old_and_new_in_words(qtbot, db: Database) -> None:
    pid = create_participant(
        db, ParticipantInput(name="Siti Aminah", nik="1504014506900001", monthly_income=1_000_000)
    ).row.id
    _edit(db, pid, monthly_income=2_000_000, status="registered")

    dialog = HistoryDialog(UiContext(db), PARTICIPANTS, pid)
    qtbot.addWidget(dialog)

    assert "Siti Aminah" in dialog.windowTitle()
    rows = _rows(dialog)
    actions = [r[COL_ACTION] for r in rows if r[COL_ACTION]]
    assert actions == ["Dibuat", "Diubah"]
    edit = {r[COL_FIELD]: (r[COL_OLD], r[COL_NEW]) for r in rows[-3:]}
    assert edit["Penghasilan per bulan"] == ("Rp1.000.000", "Rp2.000.000")
    assert edit["Status"] == ("Calon peserta", "Terdaftar")
    assert "Iuran per bulan" in edit  # recomputed contribution, recorded too
    assert "Petugas Uji" in rows[0][COL_WHO] and "laptop ini" in rows[0][COL_WHO]


def test_village_history_and_live_refresh(qtbot, db: Database) -> None:
    ctx = UiContext(db)
    village = create_village(db, VillageInput(name="Sungai Baung", kabupaten="Batanghari"))
    dialog = HistoryDialog(ctx, VILLAGES, village.id)
    qtbot.addWidget(dialog)
    assert len(dialog.entries()) == 1

    update_village(
        db,
        village.id,
        VillageInput(name="Sungai Baung", kabupaten="Batanghari", status="socialised"),
    )
    ctx.bus.notify(VILLAGES)  # what every tab does after a change

    rows = _rows(dialog)
    assert ("Status", "Calon desa sadar", "Sudah sosialisasi") in [
        (r[COL_FIELD], r[COL_OLD], r[COL_NEW]) for r in rows
    ]


def test_session_history_includes_its_attendance(qtbot, db: Database) -> None:
    village = create_village(db, VillageInput(name="Rengas Condong"))
    session = create_session(db, SessionInput(village_id=village.id, held_on=date(2025, 3, 12)))
    pid = create_participant(db, ParticipantInput(name="Budi Santoso")).row.id
    record_attendance(db, session.id, pid, "interested")

    dialog = HistoryDialog(UiContext(db), SESSIONS, session.id)
    qtbot.addWidget(dialog)

    fields = [r[COL_FIELD] for r in _rows(dialog)]
    assert "Tanggal kegiatan" in fields
    assert any(f.startswith("Kehadiran: Budi Santoso") and f.endswith("Hasil") for f in fields)
    assert ("Desa", "—", "Rengas Condong") in [
        (r[COL_FIELD], r[COL_OLD], r[COL_NEW]) for r in _rows(dialog)
    ]


def test_an_unknown_record_shows_an_empty_history(qtbot, db: Database) -> None:
    dialog = HistoryDialog(UiContext(db), PARTICIPANTS, "no-such-id")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.empty_label.isVisibleTo(dialog)


# -- acceptance 5: edited on two laptops, merged ---------------------------------------------


@pytest.fixture
def two_laptops(tmp_path: Path, template_db: Path):
    paths = []
    for name in ("laptop-a", "laptop-b"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copyfile(template_db, folder / "desasadar.sqlite")
        paths.append(folder / "desasadar.sqlite")
    a = Database.open(paths[0])
    a.set_officer("Petugas Ani", "KC Jambi")
    b = Database.open(paths[1])
    b.set_officer("Petugas Bayu", "KC Jambi")
    yield a, b
    a.close()
    b.close()


def test_edits_on_two_laptops_both_show_after_merging(qtbot, two_laptops, tmp_path: Path) -> None:
    workbook_import = pytest.importorskip("desasadar_gui.sync.workbook_import")
    from desasadar_gui.sync.workbook_export import export_workbook

    a, b = two_laptops
    pid = create_participant(
        a, ParticipantInput(name="Dewi Lestari", nik="1504015507920004", phone="081234567804")
    ).row.id
    export_workbook(a, tmp_path / "a0.xlsx")
    workbook_import.import_workbook(b, tmp_path / "a0.xlsx")

    # Offline, each officer edits a different field of the same person.
    _edit(a, pid, phone="081299990001")
    _edit(b, pid, address="Dusun II, RT 03 Sungai Baung")

    export_workbook(a, tmp_path / "a1.xlsx")
    export_workbook(b, tmp_path / "b1.xlsx")
    workbook_import.import_workbook(a, tmp_path / "b1.xlsx")
    workbook_import.import_workbook(b, tmp_path / "a1.xlsx")

    for laptop in (a, b):
        dialog = HistoryDialog(UiContext(laptop), PARTICIPANTS, pid)
        qtbot.addWidget(dialog)
        rows = _rows(dialog)
        shown = " | ".join(" ".join(r) for r in rows)
        # Both edits, with their values, whichever laptop made them.
        assert "0812-9999-0001" in shown, shown
        assert "Dusun II, RT 03 Sungai Baung" in shown, shown
        who = {e.officer for e in record_history(laptop, PARTICIPANTS, pid)}
        assert {"Petugas Ani", "Petugas Bayu"} <= who
        assert any(e.imported for e in dialog.entries())
