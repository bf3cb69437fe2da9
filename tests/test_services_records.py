"""Editing records: revisions, audit history, tombstones, NIK uniqueness, digest."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from sqlalchemy import select

from desasadar_gui.db.models import AuditEntry, Participant
from desasadar_gui.services.database import Database
from desasadar_gui.services.participants import (
    DuplicateNikError,
    ParticipantInput,
    check_participant,
    create_participant,
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.stats import collect_stats, content_digest
from desasadar_gui.services.validation import ValidationError
from desasadar_gui.services.villages import VillageInput, create_village, village_id_for_code

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

SITI_NIK = "1504035508900001"  # Batanghari / Muara Bulian, 15-08-1990 + 40 -> woman


def _village(db: Database):
    return create_village(
        db,
        VillageInput(
            name="Sungai Baung",
            kecamatan="Muara Bulian",
            kabupaten="Kabupaten Batanghari",
            region_code="1504032015",
        ),
    )


def _siti(village_id: str, **kw) -> ParticipantInput:
    base = dict(
        name="Siti Aminah",
        nik=SITI_NIK,
        phone="0812-3456-7890",
        village_id=village_id,
        occupation="kebun",
        monthly_income=1_000_000,
        programmes=frozenset({"jkk", "jkm"}),
        status="registered",
        registration_date=date(2018, 3, 1),
    )
    base.update(kw)
    return ParticipantInput(**base)


def test_village_from_region_code_has_the_same_id_on_every_laptop(db: Database) -> None:
    village = _village(db)
    assert village.id == village_id_for_code("1504032015")


def test_create_fills_gender_birth_date_phone_and_contribution(db: Database) -> None:
    village = _village(db)
    saved = create_participant(db, _siti(village.id))
    row = saved.row
    assert row.gender == "P"
    assert row.birth_date == date(1990, 8, 15)
    assert row.phone == "+6281234567890"
    assert row.contribution == 16_800
    assert row.officer == "Petugas Uji"
    assert row.village_name == "Sungai Baung"


def test_every_edit_bumps_rev_and_is_audited(db: Database) -> None:
    village = _village(db)
    created = create_participant(db, _siti(village.id)).row
    updated = update_participant(db, created.id, _siti(village.id, name="Siti Aminah Lubis")).row
    assert updated.rev > created.rev
    unchanged = update_participant(db, created.id, _siti(village.id, name="Siti Aminah Lubis")).row
    assert unchanged.rev == updated.rev  # a no-op edit is not a new revision
    with db.read_session() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id == created.id).order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert json.loads(entries[1].changes)["name"] == ["Siti Aminah", "Siti Aminah Lubis"]
    assert entries[1].officer == "Petugas Uji"


def test_nik_is_unique_among_live_participants(db: Database) -> None:
    village = _village(db)
    first = create_participant(db, _siti(village.id)).row
    with pytest.raises(DuplicateNikError) as err:
        create_participant(db, _siti(village.id, name="Siti A."))
    assert err.value.existing.id == first.id
    assert "Siti Aminah" in err.value.message("id")
    # The form learns about it while typing, before saving.
    assert check_participant(db, _siti(village.id)).duplicate.id == first.id
    # Once the first is deleted the NIK is free again.
    delete_participant(db, first.id)
    assert create_participant(db, _siti(village.id, name="Siti A.")).row.nik == SITI_NIK


def test_bad_input_is_refused_with_reasons_and_nothing_saved(db: Database) -> None:
    village = _village(db)
    with pytest.raises(ValidationError) as err:
        create_participant(db, _siti(village.id, nik="15040355089", phone="0841234567", name=" "))
    fields = {i.field for i in err.value.issues}
    assert {"nik", "phone", "name"} <= fields
    assert collect_stats(db).participants == 0


def test_nik_warnings_do_not_block_saving(db: Database) -> None:
    village = _village(db)
    # Issued in Kota Jambi (1571), lives in Batanghari; birth date typed differently.
    saved = create_participant(
        db, _siti(village.id, nik="1571015508900001", birth_date=date(1990, 8, 16))
    )
    assert {w.field for w in saved.warnings} == {"nik"}
    assert len(saved.warnings) == 2
    assert saved.row.birth_date == date(1990, 8, 16)  # what the officer typed is kept


def test_tombstone_is_not_counted_live_but_changes_the_digest(db: Database) -> None:
    village = _village(db)
    person = create_participant(db, _siti(village.id)).row
    before = collect_stats(db)
    delete_participant(db, person.id)
    after = collect_stats(db)
    assert before.participants == 1 and after.participants == 0
    assert after.tombstones["participants"] == 1
    assert after.content_digest != before.content_digest
    with db.read_session() as s:
        assert s.get(Participant, person.id).deleted_at is not None
    assert get_participant(db, person.id, include_deleted=True).deleted_at is not None


@pytest.mark.sqlite_only(reason="copies the database file (VACUUM INTO)")
def test_digest_equal_for_equal_data_and_changed_by_any_edit(
    db: Database, db_path, tmp_path
) -> None:
    village = _village(db)
    person = create_participant(db, _siti(village.id)).row
    copy = tmp_path / "copy.sqlite"
    with db.engine.connect() as conn:  # a consistent copy of the same synchronised data
        conn.exec_driver_sql(f"VACUUM INTO '{copy}'")
    with Database.open(copy) as other:
        assert other.device.id == db.device.id
        assert content_digest(other) == content_digest(db)
        # Local-only tables do not count: a new officer name changes nothing.
        other.set_officer("Orang Lain", "KC Lain")
        assert content_digest(other) == content_digest(db)
        update_participant(other, person.id, _siti(village.id, address="RT 02"))
        assert content_digest(other) != content_digest(db)


def test_a_fresh_copy_of_the_schema_is_a_new_laptop(template_db, tmp_path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    shutil.copyfile(template_db, a)
    shutil.copyfile(template_db, b)
    with Database.open(a) as da, Database.open(b) as dbb:
        assert da.device.id != dbb.device.id
        assert content_digest(da) == content_digest(dbb)
