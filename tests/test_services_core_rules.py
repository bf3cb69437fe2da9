"""Two core rules on every path (issue 14): an official's position must exist in the
village's kind (desa / kelurahan / pasar), by form and by import; and marking someone
present who is already on a session's list keeps what was noted for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sync_helpers import export, import_, new_laptop

from desasadar_gui.db.models import Participant
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.records import create_record
from desasadar_gui.services.session_queries import list_attendees
from desasadar_gui.services.sessions import (
    SessionInput,
    create_session,
    list_attendance,
    record_attendance,
    set_attendance_outcome,
)
from desasadar_gui.services.validation import ValidationError
from desasadar_gui.services.villages import VillageInput, create_village

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _village(db, name: str, kind: str) -> str:
    return create_village(db, VillageInput(name=name, kabupaten="Kota Jambi", kind=kind)).id


def test_the_form_refuses_a_position_the_village_kind_does_not_have(db) -> None:
    ward = _village(db, "Talang Banjar", "kelurahan")
    market = _village(db, "Pasar Angso Duo", "pasar")
    with pytest.raises(ValidationError) as refused:
        create_participant(
            db, ParticipantInput(name="Pak Harun", village_id=ward, official_role="kepala_desa")
        )
    text = str(refused.value)
    assert "Kepala Desa" in text and "kelurahan" in text and "Lurah" in text
    assert "official_role" not in text  # plain words, no column names
    lurah = create_participant(
        db, ParticipantInput(name="Bu Sari", village_id=ward, official_role="lurah")
    ).row
    # moving the lurah to a market keeps the wrong position out there too
    with pytest.raises(ValidationError):
        update_participant(
            db,
            lurah.id,
            ParticipantInput(name="Bu Sari", village_id=market, official_role="lurah"),
        )
    assert get_participant(db, lurah.id).village_id == ward
    assert (
        create_participant(
            db, ParticipantInput(name="Pak Udin", village_id=market, official_role="kepala_pasar")
        ).row.official_role
        == "kepala_pasar"
    )


def test_an_import_rejects_a_position_the_village_kind_does_not_have(
    tmp_path: Path, template_db: Path
) -> None:
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    try:
        ward = _village(a, "Talang Banjar", "kelurahan")
        ok = create_participant(
            a, ParticipantInput(name="Bu Sari", village_id=ward, official_role="lurah")
        ).row
        with a.session() as s:  # written past the rules, as an old version or Excel could
            create_record(
                s, a, Participant,
                {"name": "Pak Harun", "village_id": ward, "official_role": "kepala_desa",
                 "gender": "L", "monthly_income": 0, "status": "prospect"},
            )  # fmt: skip
        outcome = import_(b, export(a, tmp_path / "a.xlsx"))
        assert outcome.plan is not None and outcome.plan.rejected == 1
        reasons = [i.detail for i in outcome.plan.items["rejected"]]
        assert any("Kepala Desa" in r and "kelurahan" in r for r in reasons), reasons
        assert get_participant(b, ok.id).official_role == "lurah"
        with b.read_session() as s:
            assert s.query(Participant).filter_by(name="Pak Harun").count() == 0
    finally:
        a.close()
        b.close()


def test_marking_present_again_keeps_the_noted_outcome(db) -> None:
    village = _village(db, "Sungai Baung", "desa")
    session = create_session(db, SessionInput(village_id=village, held_on=date(2026, 2, 3)))
    ani = create_participant(db, ParticipantInput(name="Ani", village_id=village)).row
    first = record_attendance(db, session.id, ani.id)
    set_attendance_outcome(db, first, "interested")

    again = record_attendance(db, session.id, ani.id)  # "Tandai hadir" on the walk-in form
    assert again == first
    rows = [r for r in list_attendance(db, session.id) if r.id == first]
    assert [r.outcome for r in rows] == ["interested"]
    assert len(list_attendees(db, session.id)) == 1
    # an explicit outcome is still recorded
    record_attendance(db, session.id, ani.id, "registered")
    assert [r.outcome for r in list_attendance(db, session.id)] == ["registered"]
