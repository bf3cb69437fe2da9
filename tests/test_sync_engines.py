"""The workbook sync between SQLite and PostgreSQL: one data set, one digest.

A workbook exported from either engine imports into the other with equal content
digests, and importing it again changes nothing on either side. Row hashes and the
digest are taken in Python from typed values, so they do not depend on how a server
prints a timestamp or a flag, nor on its language's collation. The record rules, not
the database, refuse a cell too long for its column (PostgreSQL enforces VARCHAR(n),
SQLite does not): one rejected row with a plain reason, never a failed import.

The PostgreSQL cases run on the test run's own server (``tests/pg_cluster.py``); on a
machine without PostgreSQL they are skipped, in CI they must run (DESASADAR_REQUIRE_PG).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pg_sync_helpers import new_database_with_collation
from sqlalchemy import String, insert
from sync_helpers import add_person, add_village, digest, export, import_, new_laptop
from workbook_ops import apply_openpyxl, rows_by_name

from desasadar_gui.db.models import SYNCED_MODELS, Village
from desasadar_gui.domain import fields
from desasadar_gui.domain.text import clean_text
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo import generate_demo
from desasadar_gui.services.erasure import erase_person
from desasadar_gui.services.participants import (
    ParticipantInput,
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.sync.cells import row_hash
from desasadar_gui.sync.conflicts import list_conflicts
from desasadar_gui.sync.export_rows import date_cell
from desasadar_gui.sync.workbook_export import export_workbook
from desasadar_gui.sync.workbook_format import SYSTEM_FIELDS


@pytest.fixture
def pg_open(request):
    """``pg_open(icu_locale=None)``: a new migrated database on the test server, opened."""

    def make(icu_locale: str | None = None) -> Database:
        if icu_locale is None:
            url = request.getfixturevalue("pg_new_database")()
        else:
            url = new_database_with_collation(request.getfixturevalue("pg_cluster"), icu_locale)
        return Database.open(url)

    return make


def _open(pg_open, engine: str, tmp_path, template_db, name: str) -> Database:
    if engine == "sqlite":
        return new_laptop(tmp_path, template_db, name)
    db = pg_open()
    db.set_officer(f"Petugas {name}", "KC Jambi")
    return db


@pytest.fixture
def opened():
    dbs: list[Database] = []

    def track(db: Database) -> Database:
        dbs.append(db)
        return db

    yield track
    for db in dbs:
        db.close()


def _changes(outcome) -> int:
    counts = outcome.result.counts
    return sum(per.get(k, 0) for per in counts.values() for k in ("new", "updated", "conflict"))


@pytest.mark.parametrize(
    ("source", "target"),
    [("sqlite", "sqlite"), ("sqlite", "postgresql"), ("postgresql", "sqlite")],
)
def test_a_workbook_carries_the_same_data_between_engines(
    source, target, tmp_path, template_db, opened, pg_open
):
    a = opened(_open(pg_open, source, tmp_path / "a", template_db, "a"))
    b = opened(_open(pg_open, target, tmp_path / "b", template_db, "b"))
    generate_demo(a, participants=150, seed=7)
    vid = add_village(a, "Desa Café Ünïcode")
    pid = add_person(a, vid, "José Müller", nik=None)
    delete_participant(a, pid)  # a tombstone travels too

    first = import_(b, export(a, tmp_path / "from_a.xlsx"))
    assert first.plan.rejected == 0
    assert digest(b) == digest(a)

    # Re-importing the other side's export is a no-op on either engine.
    back = import_(a, export(b, tmp_path / "from_b.xlsx"))
    assert back.plan.rejected == 0 and _changes(back) == 0
    again = import_(b, export(a, tmp_path / "from_a_again.xlsx"))
    assert again.plan.rejected == 0 and _changes(again) == 0
    assert digest(a) == digest(b)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_too_long_cell_is_one_rejected_row(engine, tmp_path, template_db, opened, pg_open):
    a = opened(new_laptop(tmp_path / "a", template_db, "a"))
    b = opened(_open(pg_open, engine, tmp_path / "b", template_db, "b"))
    vid = add_village(a)
    add_person(a, vid, "Siti Aminah")
    add_person(a, vid, "Budi Santoso")
    book = export(a, tmp_path / "a.xlsx")
    row = rows_by_name(book, "Peserta")["Budi Santoso"]
    edited = apply_openpyxl(
        book, tmp_path / "long.xlsx", [("set", "Peserta", row, "Nama", "Budi " + "x" * 300)]
    )
    outcome = import_(b, edited)
    assert outcome.plan.rejected == 1
    reason = outcome.plan.items["rejected"][0].detail
    assert "200" in reason  # the limit is named
    assert outcome.result.counts["Peserta"]["new"] == 1  # the other person came in


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_an_id_that_is_not_a_uuid_is_a_rejected_row(engine, tmp_path, template_db, opened, pg_open):
    a = opened(new_laptop(tmp_path / "a", template_db, "a"))
    b = opened(_open(pg_open, engine, tmp_path / "b", template_db, "b"))
    vid = add_village(a)
    add_person(a, vid, "Siti Aminah")
    add_person(a, vid, "Budi Santoso")
    book = export(a, tmp_path / "a.xlsx")
    row = rows_by_name(book, "Peserta")["Budi Santoso"]
    edited = apply_openpyxl(book, tmp_path / "id.xlsx", [("set", "Peserta", row, "id", "Budi-1")])
    outcome = import_(b, edited)
    assert outcome.plan.rejected == 1
    assert "kolom mesin" in outcome.plan.items["rejected"][0].detail.lower()
    assert outcome.result.counts["Peserta"]["new"] == 1


def _same_rows(db: Database) -> None:
    at = datetime(2024, 6, 1, 9, 20, 14, 271000)
    common = dict(
        rev="1717233600000-00000-abc",
        created_at=at,
        updated_at=at,
        updated_by="abc",
        kecamatan="",
        kabupaten="",
        head_name="",
        notes="",
        kind="desa",
        status="prospect",
        launch_date=date(2024, 5, 1),
    )
    with db.engine.begin() as conn:
        for vid, name in (("B-1", "Satu"), ("a-2", "Dua"), ("a1", "Tiga"), ("b", "Empat")):
            conn.execute(insert(Village).values(id=vid, name=name, **common))


def test_the_digest_does_not_follow_the_servers_collation(tmp_path, template_db, opened, pg_open):
    """Ids in code-point order: an English collation would sort 'B-1' after 'b'."""
    local = opened(new_laptop(tmp_path, template_db, "a"))
    server = opened(pg_open(icu_locale="en-US"))
    _same_rows(local)
    _same_rows(server)
    assert digest(server) == digest(local)


def test_row_hashes_of_typed_values_equal_those_of_stored_text():
    """PostgreSQL hands back dates, timestamps and flags as typed values, SQLite as the
    text SQLAlchemy stored; both hash alike, and as every earlier version hashed them
    (the pinned value: workbooks already out there must not look edited)."""
    stored = (
        "6f1c0d7e-2b1a-4c3d-9e8f-0a1b2c3d4e5f",
        "1717233600000-00000-abc",
        "2024-06-01 09:20:14.271000",
        "2024-06-01 09:20:14.271000",
        "abc",
        None,
        "Siti Aminah",
        "1571014506900002",
        "P",
        "1990-06-05",
        "+6281234567890",
        3_000_000_000,
        1,
        0,
        "registered",
        "José",
    )
    at = datetime(2024, 6, 1, 9, 20, 14, 271000)
    typed = (*stored[:2], at, at, *stored[4:9], date(1990, 6, 5), *stored[10:12], True, False)
    typed = (*typed, *stored[14:])
    assert row_hash(typed) == row_hash(stored) == "fba5b080b5ff5573f178"


def test_text_is_stored_in_one_normal_form():
    decomposed = "Jose\u0301 Mu\u0308ller"
    assert clean_text(decomposed) == "José Müller"
    assert clean_text("Bu\x00di\x07 Santoso") == "Budi Santoso"
    assert clean_text("baris satu\x00\nbaris dua", multiline=True) == "baris satu\nbaris dua"


def test_every_text_column_has_a_length_rule():
    """Each VARCHAR(n) of a synchronised table is guarded by a record rule that keeps its
    values within n (PostgreSQL refuses longer text; the rule makes it a plain message)."""
    checked = 0
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        declared = fields.FIELDS_BY_NAME[table.name]
        for column in table.columns:
            if not isinstance(column.type, String) or column.type.length is None:
                continue
            n = column.type.length
            checked += 1
            if column.name in SYSTEM_FIELDS:
                longest = {"id": 36, "rev": 60, "updated_by": fields.SYSTEM_TEXT_LIMIT}
                assert longest[column.name] <= n, column
                continue
            assert column.name in declared, f"{table.name}.{column.name} has no record rule"
            f = declared[column.name]
            if f.kind == fields.ENUM:
                assert f.enum is not None
                longest_code = max(len(m.value) for m in f.enum)
            elif f.kind == fields.PHONE:
                longest_code = 16  # E.164: '+' and at most 15 digits
            elif f.kind == fields.NIK:
                longest_code = 16
            else:
                longest_code = f.max_len
            assert longest_code <= n, (
                f"{table.name}.{column.name}: rule allows {longest_code} > {n}"
            )
    assert checked > 30


@pytest.mark.parametrize("server_side", ["a", "b"])
def test_a_conflict_between_engines_is_kept_on_both(
    server_side, tmp_path, template_db, opened, pg_open
):
    """Both laptops change the same person; after exchanging files both keep the same
    winner and each lists the loser, whichever side is the server."""
    a = opened(
        _open(
            pg_open,
            "postgresql" if server_side == "a" else "sqlite",
            tmp_path / "a",
            template_db,
            "a",
        )
    )
    b = opened(
        _open(
            pg_open,
            "postgresql" if server_side == "b" else "sqlite",
            tmp_path / "b",
            template_db,
            "b",
        )
    )
    vid = add_village(a)
    pid = add_person(a, vid, "Siti Aminah")
    import_(b, export(a, tmp_path / "a0.xlsx"))
    update_participant(a, pid, ParticipantInput(name="Siti Aminah A", village_id=vid))
    update_participant(b, pid, ParticipantInput(name="Siti Aminah B", village_id=vid))
    from_a, from_b = export(a, tmp_path / "a1.xlsx"), export(b, tmp_path / "b1.xlsx")
    import_(b, from_a)
    import_(a, from_b)
    assert digest(a) == digest(b)
    assert get_participant(a, pid).name == get_participant(b, pid).name
    assert len(list_conflicts(a)) == len(list_conflicts(b)) == 1
    loser = list_conflicts(a)[0]
    assert loser.record_id == pid


@pytest.mark.parametrize("engine", ["postgresql"])
def test_the_error_workbook_and_privacy_copy_from_a_server(
    engine, tmp_path, template_db, opened, pg_open
):
    a = opened(new_laptop(tmp_path / "a", template_db, "a"))
    b = opened(_open(pg_open, engine, tmp_path / "b", template_db, "b"))
    vid = add_village(a)
    add_person(a, vid, "Siti Aminah")
    add_person(a, vid, "Budi Santoso")
    book = export(a, tmp_path / "a.xlsx")
    row = rows_by_name(book, "Peserta")["Budi Santoso"]
    edited = apply_openpyxl(
        book, tmp_path / "long.xlsx", [("set", "Peserta", row, "Nama", "Budi " + "x" * 300)]
    )
    outcome = import_(b, edited, errors_path=tmp_path / "errors.xlsx")
    assert outcome.errors_written == 1
    assert "Budi " + "x" * 300 in rows_by_name(outcome.errors_path, "Peserta")
    privacy = export_workbook(b, tmp_path / "privacy.xlsx", privacy=True)
    assert privacy.privacy and privacy.path.exists()


@pytest.mark.parametrize("engine", ["postgresql"])
def test_an_erasure_reaches_a_server(engine, tmp_path, template_db, opened, pg_open):
    a = opened(new_laptop(tmp_path / "a", template_db, "a"))
    b = opened(_open(pg_open, engine, tmp_path / "b", template_db, "b"))
    vid = add_village(a)
    pid = add_person(a, vid, "Siti Aminah", nik="1571014506900002", status="registered")
    import_(b, export(a, tmp_path / "a0.xlsx"))
    erase_person(a, pid)
    import_(b, export(a, tmp_path / "a1.xlsx"))
    assert (
        get_participant(b, pid, include_deleted=True).name
        == get_participant(a, pid, include_deleted=True).name
    )
    assert digest(a) == digest(b)


def test_a_server_date_is_numbered_as_sqlite_numbers_it():
    assert date_cell(date(2024, 5, 1)) == 45413  # Excel's day number
    assert date_cell(date(1900, 1, 15)) == "1900-01-15"  # Excel numbers these wrongly


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_position_the_village_kind_lacks_is_a_rejected_row(
    engine, tmp_path, template_db, opened, pg_open
):
    a = opened(new_laptop(tmp_path / "a", template_db, "a"))
    b = opened(_open(pg_open, engine, tmp_path / "b", template_db, "b"))
    market = create_village(a, VillageInput(name="Pasar Angso Duo", kind="pasar")).id
    add_person(a, market, "Siti Aminah")
    add_person(a, market, "Budi Santoso")
    book = export(a, tmp_path / "a.xlsx")
    row = rows_by_name(book, "Peserta")["Budi Santoso"]
    edited = apply_openpyxl(
        book, tmp_path / "role.xlsx", [("set", "Peserta", row, "Jabatan di desa", "Kepala Desa")]
    )
    outcome = import_(b, edited)
    assert outcome.plan.rejected == 1
    assert "Kepala Desa" in outcome.plan.items["rejected"][0].detail
    assert outcome.result.counts["Peserta"]["new"] == 1
