"""Data terhapus (issue 14): deleted records listed newest first, restored as an ordinary
audited edit that syncs, refused when a record rule would break, and never for a
person whose personal data is gone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sync_helpers import add_person, add_village, export, import_, new_laptop

from desasadar_gui.db.models import Attendance, AuditEntry
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.deleted_records import (
    NotRestorableError,
    get_deleted,
    last_audit_id,
    last_deletion,
    list_deleted,
    restore_deleted,
)
from desasadar_gui.services.erasure import erase_person
from desasadar_gui.services.participants import (
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.retention import prune_personal_data
from desasadar_gui.services.sessions import (
    SessionInput,
    add_walkin,
    create_session,
    delete_session,
    list_attendance,
    remove_attendance,
)
from desasadar_gui.services.villages import (
    delete_village,
    get_village,
    update_village,
)

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

SITI_NIK = "1504034508900002"


def _audit(db: Database, record_id: str) -> list[str]:
    with db.read_session() as s:
        return list(
            s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.record_id == record_id)
                .order_by(AuditEntry.id)
            )
        )


def test_deleted_records_are_listed_newest_first_with_who(db: Database) -> None:
    vid = add_village(db)
    gone_village = add_village(db, "Talang Duku")
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    sid = create_session(db, SessionInput(vid, date(2024, 3, 1), "sosialisasi", "Balai desa")).id
    delete_village(db, gone_village)
    delete_participant(db, siti)
    delete_session(db, sid)

    rows = list_deleted(db)
    assert [(r.entity, r.id) for r in rows] == [
        ("sessions", sid),
        ("participants", siti),
        ("villages", gone_village),
    ]
    session, person, village = rows
    assert (person.name, person.village, person.officer) == (
        "Siti Aminah",
        "Sungai Baung",
        "Petugas Uji",
    )
    assert person.device == db.device.id and person.restorable
    assert (session.name, session.session_type, session.held_on) == (
        "Balai desa",
        "sosialisasi",
        date(2024, 3, 1),
    )
    assert village.village == "Muara Bulian, Batanghari"
    assert [r.id for r in list_deleted(db, kinds=("participants",))] == [siti]


def test_restore_is_an_audited_edit_with_a_new_rev(db: Database) -> None:
    vid = add_village(db)
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    delete_participant(db, siti)
    deleted_rev = get_participant(db, siti, include_deleted=True).rev

    result = restore_deleted(db, "participants", siti)

    row = get_participant(db, siti)
    assert result.name == "Siti Aminah" and row.deleted_at is None
    assert row.rev > deleted_rev
    assert _audit(db, siti) == ["create", "delete", "restore"]
    assert get_deleted(db, "participants", siti) is None
    with pytest.raises(NotRestorableError):
        restore_deleted(db, "participants", siti)  # not deleted any more


def test_a_nik_now_held_by_a_live_person_is_refused(db: Database) -> None:
    vid = add_village(db)
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    delete_participant(db, siti)
    add_person(db, vid, "Siti A.", SITI_NIK, status="registered")

    (row,) = list_deleted(db, kinds=("participants",))
    assert not row.restorable and row.blocked is not None
    assert "Siti A." in row.blocked.text_id
    with pytest.raises(NotRestorableError, match="correct the NIK|perbaiki NIK"):
        restore_deleted(db, "participants", siti)
    assert get_participant(db, siti, include_deleted=True).deleted_at is not None


def test_a_person_of_a_deleted_village_waits_for_the_village(db: Database) -> None:
    vid = add_village(db)
    siti = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    delete_participant(db, siti)
    delete_village(db, vid)

    with pytest.raises(NotRestorableError, match="Sungai Baung"):
        restore_deleted(db, "participants", siti)
    restore_deleted(db, "villages", vid)
    restore_deleted(db, "participants", siti)
    assert get_participant(db, siti).village_id == vid


def test_a_village_whose_region_code_is_live_again_is_refused(db: Database) -> None:
    coded = add_village(db, "Sungai Baung", code="1504032015")
    delete_village(db, coded)
    typed = add_village(db, "Sei Baung")  # typed freely, the code added later
    update_village(db, typed, replace(get_village(db, typed).as_input(), region_code="1504032015"))

    with pytest.raises(NotRestorableError, match="1504032015"):
        restore_deleted(db, "villages", coded)
    delete_village(db, typed)
    restore_deleted(db, "villages", coded)
    assert get_village(db, coded).region_code == "1504032015"


def test_a_session_comes_back_with_the_attendance_deleted_with_it(db: Database) -> None:
    vid = add_village(db)
    sid = create_session(db, SessionInput(vid, date(2024, 3, 1), "sosialisasi", "Balai desa")).id
    add_walkin(db, sid, "Pak Rahmat", None)
    add_walkin(db, sid, "Bu Yanti", None)
    _, removed = add_walkin(db, sid, "Salah ketik", None)
    remove_attendance(db, removed)  # before the session went: stays removed
    delete_session(db, sid)

    result = restore_deleted(db, "sessions", sid)

    assert result.attendance_restored == 2
    assert sorted(a.name for a in list_attendance(db, sid)) == ["Bu Yanti", "Pak Rahmat"]
    with db.read_session() as s:
        gone = s.get(Attendance, removed)
        assert gone is not None and gone.deleted_at is not None


def test_a_session_of_a_deleted_village_is_refused(db: Database) -> None:
    vid = add_village(db)
    sid = create_session(db, SessionInput(vid, date(2024, 3, 1), "sosialisasi", "Balai desa")).id
    delete_session(db, sid)
    delete_village(db, vid)

    (session,) = list_deleted(db, kinds=("sessions",))
    assert not session.restorable
    with pytest.raises(NotRestorableError, match="Pulihkan dulu desanya|Restore the village"):
        restore_deleted(db, "sessions", sid)


def test_erased_and_purged_people_are_listed_as_not_restorable(tmp_path, template_db) -> None:
    db = new_laptop(tmp_path, template_db, "a")
    vid = add_village(db)
    erased = add_person(db, vid, "Siti Aminah", SITI_NIK, status="registered")
    purged = add_person(db, vid, "Rahmat", "1504031203850001", status="registered")
    delete_participant(db, purged)
    prune_personal_data(db, now=utcnow() + timedelta(days=40))
    erase_person(db, erased)

    rows = {r.id: r for r in list_deleted(db)}
    assert not rows[erased].restorable and not rows[purged].restorable
    assert rows[erased].blocked is not None and "atas permintaan" in rows[erased].blocked.text_id
    assert rows[purged].blocked is not None and "masa simpan" in rows[purged].blocked.text_id
    for pid in (erased, purged):
        with pytest.raises(NotRestorableError):
            restore_deleted(db, "participants", pid)


def test_last_deletion_is_this_windows_newest_still_deleted(db: Database) -> None:
    vid = add_village(db)
    earlier = add_person(db, vid, "Dihapus sebelumnya")
    delete_participant(db, earlier)
    start = last_audit_id(db)
    assert last_deletion(db, start) is None  # deleted before the window opened

    siti = add_person(db, vid, "Siti Aminah")
    rahmat = add_person(db, vid, "Rahmat")
    delete_participant(db, siti)
    delete_participant(db, rahmat)
    found = last_deletion(db, start)
    assert found is not None and found.id == rahmat
    restore_deleted(db, "participants", rahmat)
    found = last_deletion(db, start)
    assert found is not None and found.id == siti
    restore_deleted(db, "participants", siti)
    assert last_deletion(db, start) is None


def test_a_restore_syncs_back_as_live(tmp_path, template_db) -> None:
    a = new_laptop(tmp_path, template_db, "a")
    b = new_laptop(tmp_path, template_db, "b")
    vid = add_village(a)
    siti = add_person(a, vid, "Siti Aminah", SITI_NIK, status="registered")
    import_(b, export(a, tmp_path / "1.xlsx"))
    delete_participant(a, siti)
    import_(b, export(a, tmp_path / "2.xlsx"))
    assert get_participant(b, siti, include_deleted=True).deleted_at is not None

    restore_deleted(a, "participants", siti)
    import_(b, export(a, tmp_path / "3.xlsx"))

    row = get_participant(b, siti)
    assert row.deleted_at is None and row.name == "Siti Aminah"
    # and an edit on B afterwards is an ordinary edit of the live record
    update_participant(b, siti, replace(row.as_input(), address="Dusun II"))
