"""Attendance steps behind the sessions tab: ticking many, registering, walk-ins."""

from __future__ import annotations

from datetime import date

import pytest

from desasadar_gui.db.models import Attendance
from desasadar_gui.domain.nik import make_nik
from desasadar_gui.errors import UserError
from desasadar_gui.services.attendance import (
    needs_nik_to_register,
    record_walkin,
    register_attendee,
    set_attendees,
    undo_registration_mark,
)
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
)
from desasadar_gui.services.records import create_record
from desasadar_gui.services.session_queries import list_attendees, session_counts
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.validation import ValidationError
from desasadar_gui.services.villages import VillageInput, create_village

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

HELD_ON = date(2026, 2, 3)


@pytest.fixture
def setup(db):
    village = create_village(db, VillageInput("Talang Duku", kabupaten="Kabupaten Muaro Jambi"))
    session = create_session(db, SessionInput(village_id=village.id, held_on=HELD_ON))
    a = create_participant(db, ParticipantInput(name="Ani", village_id=village.id)).row
    b = create_participant(
        db,
        ParticipantInput(
            name="Budi", village_id=village.id, nik=make_nik("150511", date(1990, 3, 4), "L", 7)
        ),
    ).row
    return village, session, a, b


def _walkin_row(db, session_id: str, name: str, phone: str | None = None) -> str:
    """A walk-in written on the list by name only (as imported lists and the demo have)."""
    with db.session() as s:
        row = create_record(
            s, db, Attendance,
            {"session_id": session_id, "participant_id": None, "walkin_name": name,
             "walkin_phone": phone, "outcome": "interested"},
        )  # fmt: skip
        return row.id


def test_set_attendees_adds_and_removes_in_one_go(db, setup):
    _, session, a, b = setup
    assert set_attendees(db, session.id, [a.id, b.id, a.id]).added == 2
    again = set_attendees(db, session.id, [a.id, b.id])
    assert (again.added, again.removed) == (0, 0)  # already there: nothing written
    change = set_attendees(db, session.id, [], untick=[a.id])
    assert (change.added, change.removed) == (0, 1)
    assert [r.name for r in list_attendees(db, session.id)] == ["Budi"]
    with pytest.raises(UserError):
        set_attendees(db, session.id, ["no-such-person"])


def test_register_attendee_sets_status_date_and_outcome(db, setup):
    _, session, a, b = setup
    set_attendees(db, session.id, [a.id, b.id])
    rows = {r.name: r for r in list_attendees(db, session.id)}
    assert needs_nik_to_register(db, rows["Ani"].attendance_id)
    assert not needs_nik_to_register(db, rows["Budi"].attendance_id)
    with pytest.raises(ValidationError):  # before the session
        register_attendee(db, rows["Budi"].attendance_id, on=date(2026, 2, 1))
    with pytest.raises(ValidationError):  # no NIK
        register_attendee(db, rows["Ani"].attendance_id)
    person = register_attendee(db, rows["Budi"].attendance_id, on=date(2026, 2, 10))
    assert (person.status, person.registration_date) == ("registered", date(2026, 2, 10))
    assert session_counts(db, session.id).registrations == 1
    # Taking back the mark keeps the person registered, so the session still counts them
    # (registered after the session date).
    undo_registration_mark(db, rows["Budi"].attendance_id)
    assert get_participant(db, b.id).status == "registered"
    assert session_counts(db, session.id).registrations == 1


def test_walkin_by_name_only_gets_a_record_or_registers(db, setup):
    village, session, _, _ = setup
    first = _walkin_row(db, session.id, "Wati", "0812 3456 7890")
    second = _walkin_row(db, session.id, "Joko")
    assert session_counts(db, session.id).new_prospects == 2
    person = record_walkin(db, first, occupation="dagang")
    assert (person.name, person.status, person.village_id, person.phone) == (
        "Wati", "prospect", village.id, "+6281234567890",
    )  # fmt: skip
    assert record_walkin(db, first).id == person.id  # once only
    assert needs_nik_to_register(db, second)
    registered = register_attendee(db, second, nik=make_nik("150511", date(1988, 1, 2), "L", 3))
    assert (registered.name, registered.status, registered.registration_date) == (
        "Joko", "registered", HELD_ON,
    )  # fmt: skip
    rows = {r.name: r for r in list_attendees(db, session.id)}
    assert rows["Joko"].participant_id == registered.id and rows["Joko"].is_registration
    counts = session_counts(db, session.id)
    assert (counts.attended, counts.new_prospects, counts.registrations) == (2, 2, 1)


def test_new_prospects_are_first_reached_at_the_session(db, setup):
    village, session, a, _ = setup
    later = create_session(db, SessionInput(village_id=village.id, held_on=date(2026, 3, 1)))
    set_attendees(db, session.id, [a.id])
    set_attendees(db, later.id, [a.id])
    assert session_counts(db, session.id).new_prospects == 1
    assert session_counts(db, later.id).new_prospects == 0  # reached before


def test_holding_a_session_makes_a_candidate_village_socialised(db) -> None:
    """The dashboard must not show '1 sesi sosialisasi' beside '0 desa sudah
    sosialisasi': a session held in a *Calon* village moves it on, as a synced edit."""
    from datetime import date, timedelta

    from desasadar_gui.domain.enums import VillageStatus
    from desasadar_gui.services.history import record_history
    from desasadar_gui.services.sessions import SessionInput, create_session, update_session
    from desasadar_gui.services.villages import VillageInput, create_village, get_village

    village = create_village(db, VillageInput("Sungai Gelam", kabupaten="Kabupaten Muaro Jambi"))
    assert village.status == VillageStatus.PROSPECT.value
    today = date(2026, 12, 1)
    planned = create_session(db, SessionInput(village.id, today + timedelta(days=7)), today=today)
    assert not planned.village_socialised  # a planned session changes nothing yet
    assert get_village(db, village.id).status == VillageStatus.PROSPECT.value
    held = update_session(db, planned.id, SessionInput(village.id, today), today=today)
    assert held.village_socialised
    after = get_village(db, village.id)
    assert after.status == VillageStatus.SOCIALISED.value and after.rev != village.rev
    changed = [c for e in record_history(db, "villages", village.id) for c in e.changes]
    statuses = [(c.old, c.new) for c in changed if c.field == "status"]
    assert ("prospect", "socialised") in statuses  # beside the creation's (None, "prospect")
    # Never moved back, never moved twice.
    again = create_session(db, SessionInput(village.id, today), today=today)
    assert not again.village_socialised
    assert get_village(db, village.id).status == VillageStatus.SOCIALISED.value


def test_walkin_with_a_registered_nik_says_who_and_writes_nothing(db, setup):
    from desasadar_gui.services.sessions import WalkinAlreadyKnownError, add_walkin

    _, session, _a, b = setup
    with pytest.raises(WalkinAlreadyKnownError) as refused:
        add_walkin(db, session.id, "Pak Budi", nik=b.nik)
    assert (refused.value.participant_id, refused.value.session_id) == (b.id, session.id)
    assert refused.value.existing.name == "Budi"
    assert isinstance(refused.value, ValidationError)  # shown like any refusal elsewhere
    assert list_attendees(db, session.id) == []
