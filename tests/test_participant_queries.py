"""The participants list queries: search, filters, order and paging give the right rows,
the trigram name index follows every change, and a stale query can be stopped."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest
from bulk_participants import bulk_participants as _bulk
from sqlalchemy import text

from desasadar_gui.db import interrupt
from desasadar_gui.db.search import (
    DIGITS_FTS_TABLE,
    NAME_FTS_TABLE,
    has_digit_index,
    has_name_index,
)
from desasadar_gui.domain.nik import make_nik
from desasadar_gui.errors import Cancelled
from desasadar_gui.services import participant_queries
from desasadar_gui.services.participant_queries import (
    SORT_COLUMNS,
    ParticipantFilter,
    SearchTerms,
    count_participants,
    fetch_page,
    kabupaten_options,
    parse_search,
)
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.village_queries import village_choices
from desasadar_gui.services.villages import VillageInput, create_village

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

BAUNG = "1504032015"  # Sungai Baung, Muara Bulian, Batanghari
DUKU = "1505112002"  # Talang Duku, Taman Rajo, Muaro Jambi


@pytest.fixture
def villages(db):
    baung = create_village(
        db,
        VillageInput(
            name="Sungai Baung",
            kecamatan="Muara Bulian",
            kabupaten="Kabupaten Batanghari",
            region_code=BAUNG,
        ),
    )
    duku = create_village(
        db,
        VillageInput(
            name="Talang Duku",
            kecamatan="Taman Rajo",
            kabupaten="Kabupaten Muaro Jambi",
            region_code=DUKU,
        ),
    )
    return baung, duku


def _person(db, name, village, *, nik=None, phone=None, **kw):
    data = ParticipantInput(
        name=name,
        nik=nik,
        phone=phone,
        village_id=village.id,
        status=kw.pop("status", "registered" if nik else "prospect"),
        registration_date=kw.pop("registration_date", date(2026, 3, 2) if nik else None),
        **kw,
    )
    return create_participant(db, data).row


@pytest.fixture
def people(db, villages):
    baung, duku = villages
    return {
        "siti": _person(
            db,
            "Siti Aminah",
            baung,
            nik=make_nik("150403", date(1985, 4, 12), "P", 1),
            phone="0812-3456-7890",
            occupation="tani",
            monthly_income=1_500_000,
        ),
        "sitti": _person(
            db,
            "Sitti Rohana",
            duku,
            nik=make_nik("150511", date(1990, 1, 3), "P", 2),
            phone="+62 813 1111 2222",
            occupation="dagang",
            programmes=frozenset({"jkk", "jkm", "jht"}),
            monthly_income=2_000_000,
        ),
        "ahmad": _person(
            db,
            "Ahmad Yani",
            baung,
            nik=make_nik("150403", date(1970, 6, 1), "L", 3),
            occupation="aparatur_desa",
            official_role="kepala_desa",
            funding_source="apbdes",
            status="active",
        ),
        "budi": _person(db, "Budi Santoso", duku, phone="081298765432", occupation="nelayan"),
        "nur": _person(db, "Nur Aini", baung, occupation="tani"),
    }


def _names(db, flt: ParticipantFilter | None = None, **kw):
    return [r.name for r in fetch_page(db, flt or ParticipantFilter(), **kw)]


def test_search_text_is_read_as_words_or_digits() -> None:
    assert parse_search("  siti   am ") == SearchTerms(words=("siti", "am"))
    # Digits anywhere in NIK or phone; a leading 0 is also the start of a domestic number.
    assert parse_search("0812-34") == SearchTerms(digits="081234", phone_prefix="+6281234")
    assert parse_search("+62 813") == SearchTerms(phone_prefix="+62813")
    assert parse_search("+62 0813") == SearchTerms(phone_prefix="+62813")
    assert parse_search("1504") == SearchTerms(digits="1504")
    assert parse_search("62812") == SearchTerms(digits="62812")
    assert parse_search("9988 7766") == SearchTerms(digits="99887766")
    assert parse_search("150").empty  # too short to narrow anything yet
    assert parse_search("").empty


def test_name_search_finds_any_part_of_the_name_in_any_case(db, people) -> None:
    assert _names(db, ParticipantFilter(text="SITI")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="itt")) == ["Sitti Rohana"]
    assert _names(db, ParticipantFilter(text="si")) == ["Siti Aminah", "Sitti Rohana"]
    assert _names(db, ParticipantFilter(text="ami siti")) == ["Siti Aminah"]  # every word
    assert _names(db, ParticipantFilter(text="zzzq")) == []
    assert _names(db, ParticipantFilter(text="an")) == [
        "Ahmad Yani",
        "Budi Santoso",
        "Sitti Rohana",
    ]


def test_name_search_without_the_trigram_index_gives_the_same_rows(db, people) -> None:
    with db.engine.connect() as conn:
        assert has_name_index(conn)
    expected = {t: _names(db, ParticipantFilter(text=t)) for t in ("siti", "ani", "ah ya", "o")}
    db._participant_name_index = False  # as on a SQLite build without FTS5
    assert {t: _names(db, ParticipantFilter(text=t)) for t in expected} == expected


def test_many_matches_read_in_name_order_give_the_same_rows(db, people, monkeypatch) -> None:
    expected = {t: _names(db, ParticipantFilter(text=t)) for t in ("siti", "ani", "ah ya", "o")}
    monkeypatch.setattr(participant_queries, "DENSE_NAME_HITS", 0)  # every word is "common"
    assert {t: _names(db, ParticipantFilter(text=t)) for t in expected} == expected


def test_wildcards_typed_are_plain_characters(db, people) -> None:
    assert _names(db, ParticipantFilter(text="%")) == []
    assert _names(db, ParticipantFilter(text="_i")) == []


def test_nik_prefix_and_phone_search(db, people) -> None:
    assert _names(db, ParticipantFilter(text="1504")) == ["Ahmad Yani", "Siti Aminah"]
    assert _names(db, ParticipantFilter(text="1505 11")) == ["Sitti Rohana"]
    assert _names(db, ParticipantFilter(text=people["siti"].nik)) == ["Siti Aminah"]
    # Phones are stored +62...; people type 08..., 8... (a spreadsheet lost the 0), +62...
    assert _names(db, ParticipantFilter(text="0812")) == ["Budi Santoso", "Siti Aminah"]
    assert _names(db, ParticipantFilter(text="0813 1111")) == ["Sitti Rohana"]
    assert _names(db, ParticipantFilter(text="0812-3456-7890")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="81234567890")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="+62812345")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="+62 0812 345")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="62 812 345")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="9999")) == []


def _digit_searches(db) -> dict[str, list[str]]:
    texts = ("7890", "2222", "0312", "1985", "0812", "5204 8500", "0001", "9999", "6281")
    return {t: _names(db, ParticipantFilter(text=t)) for t in texts}


def _digit_index_is_sound(db) -> None:
    """FTS5's own check of the index against the rows of ``participants`` (a GIN index
    on PostgreSQL is kept by the server itself: nothing to check)."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as conn:
        fts = DIGITS_FTS_TABLE
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


def test_digits_anywhere_in_a_phone_or_a_nik_find_the_person(db, people) -> None:
    # The last four digits of a phone, as an officer reads them off a phone screen.
    assert _names(db, ParticipantFilter(text="7890")) == ["Siti Aminah"]  # 0812-3456-7890
    assert _names(db, ParticipantFilter(text="2222")) == ["Sitti Rohana"]  # 0813-1111-2222
    assert _names(db, ParticipantFilter(text="5432")) == ["Budi Santoso"]  # 0812-9876-5432
    assert _names(db, ParticipantFilter(text="3456 78")) == ["Siti Aminah"]  # the middle
    # The middle of a NIK: 1504035204850001 (born 12-04-1985, a woman: day + 40).
    assert people["siti"].nik == "1504035204850001"
    assert _names(db, ParticipantFilter(text="5204")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="0352 0485")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="0106 70")) == ["Ahmad Yani"]  # 1504030106700003
    # Digits in several people's numbers find each of them; digits in nobody's, nobody.
    assert _names(db, ParticipantFilter(text="0003")) == ["Ahmad Yani"]
    assert _names(db, ParticipantFilter(text="1111")) == ["Sitti Rohana"]
    zeros = ["Ahmad Yani", "Sitti Rohana"]  # 1504030106700003, 1505114301900002
    assert _names(db, ParticipantFilter(text="0000")) == zeros
    assert _names(db, ParticipantFilter(text="4444")) == []
    assert _names(db, ParticipantFilter(text="7766")) == []
    assert _names(db, ParticipantFilter(text="12345678901234567")) == []
    # The count agrees with the rows, with other filters too.
    for text_ in ("7890", "0312", "1504", "0812", "0000", "4444", "6281"):
        flt = ParticipantFilter(text=text_)
        assert count_participants(db, flt) == len(fetch_page(db, flt))
    assert _names(db, ParticipantFilter(text="6281")) == [  # "+6281...": every mobile
        "Budi Santoso",
        "Siti Aminah",
        "Sitti Rohana",
    ]
    assert _names(db, ParticipantFilter(text="6281", occupation="nelayan")) == ["Budi Santoso"]
    assert count_participants(db, ParticipantFilter(text="6281", occupation="nelayan")) == 1


def test_digit_search_without_the_index_or_walking_names_gives_the_same_rows(
    db, people, monkeypatch
) -> None:
    with db.engine.connect() as conn:
        assert has_digit_index(conn)
    expected = _digit_searches(db)
    assert expected["7890"] == ["Siti Aminah"]
    monkeypatch.setattr(participant_queries, "DENSE_NAME_HITS", 0)  # every term is "common"
    assert _digit_searches(db) == expected
    db._participant_digit_index = False  # as on a SQLite build without FTS5
    assert _digit_searches(db) == expected


def test_the_digit_index_follows_edits_and_deletions(db, villages, people) -> None:
    siti = people["siti"]
    update_participant(db, siti.id, replace(siti.as_input(), phone="0852 9988 7766"))
    assert _names(db, ParticipantFilter(text="7766")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="7890")) == []  # the old number is gone
    nik = make_nik("150403", date(1985, 3, 12), "P", 1)  # a mistyped birth date corrected
    update_participant(db, siti.id, replace(get_participant(db, siti.id).as_input(), nik=nik))
    assert _names(db, ParticipantFilter(text="5203")) == ["Siti Aminah"]
    assert _names(db, ParticipantFilter(text="5204")) == []
    budi = people["budi"]
    update_participant(db, budi.id, replace(budi.as_input(), phone=None))
    assert _names(db, ParticipantFilter(text="5432")) == []
    new = _person(db, "Rina Marlina", villages[0], phone="0821 4455 6677")
    assert _names(db, ParticipantFilter(text="6677")) == ["Rina Marlina"]
    delete_participant(db, new.id)  # a tombstone: out of the list, still in the file
    assert _names(db, ParticipantFilter(text="6677")) == []
    assert count_participants(db, ParticipantFilter(text="6677")) == 0
    everyone = ParticipantFilter(text="6677", include_deleted=True)
    assert _names(db, everyone) == ["Rina Marlina"]
    with db.engine.begin() as conn:  # a row removed for good (a merge of duplicates, a test)
        conn.execute(text("DELETE FROM participants WHERE id = :id"), {"id": new.id})
    assert _names(db, everyone) == []
    _digit_index_is_sound(db)


def test_filters_narrow_the_list(db, villages, people) -> None:
    baung, duku = villages
    assert _names(db, ParticipantFilter(village_id=baung.id)) == [
        "Ahmad Yani",
        "Nur Aini",
        "Siti Aminah",
    ]
    assert _names(db, ParticipantFilter(kabupaten="Kabupaten Muaro Jambi")) == [
        "Budi Santoso",
        "Sitti Rohana",
    ]
    assert _names(db, ParticipantFilter(status="prospect")) == ["Budi Santoso", "Nur Aini"]
    assert _names(db, ParticipantFilter(occupation="tani")) == ["Nur Aini", "Siti Aminah"]
    assert _names(db, ParticipantFilter(programme="jht")) == ["Sitti Rohana"]
    assert _names(db, ParticipantFilter(official=True)) == ["Ahmad Yani"]
    assert len(_names(db, ParticipantFilter(official=False))) == 4
    both = ParticipantFilter(village_id=baung.id, occupation="tani", text="siti")
    assert _names(db, both) == ["Siti Aminah"]
    assert count_participants(db, both) == 1
    assert kabupaten_options(db) == ["Kabupaten Batanghari", "Kabupaten Muaro Jambi"]
    assert [v.name for v in village_choices(db)] == ["Sungai Baung", "Talang Duku"]


def test_deleted_people_leave_the_list_but_not_the_file(db, people) -> None:
    delete_participant(db, people["nur"].id)
    assert "Nur Aini" not in _names(db)
    assert count_participants(db) == 4
    everyone = ParticipantFilter(include_deleted=True)
    rows = {r.name: r for r in fetch_page(db, everyone)}
    assert rows["Nur Aini"].deleted and not rows["Siti Aminah"].deleted
    assert get_participant(db, people["nur"].id, include_deleted=True).deleted_at is not None


def test_the_name_index_follows_renames(db, people) -> None:
    siti = people["siti"]
    update_participant(db, siti.id, replace(siti.as_input(), name="Siti Rahmawati"))
    assert _names(db, ParticipantFilter(text="aminah")) == []
    assert _names(db, ParticipantFilter(text="rahmawati")) == ["Siti Rahmawati"]


def _expected_order(rows, column: str, descending: bool):
    lifecycle = ["prospect", "registered", "active", "inactive"]

    def key(r):
        value = {
            "village": r.village_name,
            "kabupaten": r.kabupaten,
            "status": lifecycle.index(r.status),
        }.get(column, getattr(r, column, None))
        return (value is not None, value)  # SQLite puts NULL first going up

    ordered = sorted(rows, key=lambda r: r.id, reverse=descending)
    return sorted(ordered, key=key, reverse=descending)


@pytest.mark.parametrize("column", ["name", "nik", "phone", "registration_date", "status"])
@pytest.mark.parametrize("descending", [False, True])
def test_sorting_is_done_in_sql_with_the_id_breaking_ties(
    db, people, column: str, descending: bool
) -> None:
    rows = fetch_page(db, sort_column=column, descending=descending)
    assert [r.id for r in rows] == [r.id for r in _expected_order(rows, column, descending)]


def test_sorting_by_labels_follows_the_words_people_read(db, people) -> None:
    rows = fetch_page(db, sort_column="occupation")
    # Aparatur desa < Perdagangan < Perikanan tangkap < Pertanian (by label, not code).
    assert [r.occupation for r in rows] == ["aparatur_desa", "dagang", "nelayan", "tani", "tani"]
    with pytest.raises(ValueError):
        fetch_page(db, sort_column="rev")


@pytest.fixture(scope="module")
def many_db(template_db, tmp_path_factory):
    """Three thousand people, built once for the read-only tests of this module."""
    from desasadar_gui.services.database import Database

    path = tmp_path_factory.mktemp("many") / "many.sqlite"
    shutil.copyfile(template_db, path)
    database = Database.open(path)
    village_ids = [
        create_village(database, VillageInput(name=name, kabupaten=kab)).id
        for name, kab in (("Sungai Baung", "Kabupaten Batanghari"), ("Talang Duku", "Kota Jambi"))
    ]
    _bulk(database, village_ids, 3000)
    yield database
    database.close()


@pytest.fixture
def many(many_db):
    return count_participants(many_db)


@pytest.mark.parametrize("column", SORT_COLUMNS)
def test_pages_read_from_the_far_end_match_pages_read_forward(many_db, many, column) -> None:
    """Past the middle a page is read backwards from the end: same rows, same order."""
    db, total = many_db, many
    for descending in (False, True):
        forward = []
        for offset in range(0, total, 1000):
            forward += fetch_page(db, sort_column=column, descending=descending,
                                  offset=offset, limit=1000)  # fmt: skip
        assert len(forward) == total
        for offset in (1400, 2000, total - 200, total - 7):
            page = fetch_page(db, sort_column=column, descending=descending,
                              offset=offset, limit=200, total=total)  # fmt: skip
            assert page == forward[offset : offset + 200]


def test_counts_and_paging_at_a_few_thousand(many_db, many) -> None:
    db = many_db
    assert 2900 < many < 3000  # about 2% are tombstones
    siti = ParticipantFilter(text="siti")
    n = count_participants(db, siti)
    rows = fetch_page(db, siti, limit=5000)
    assert len(rows) == n and all("siti" in r.name.lower() for r in rows)
    assert fetch_page(db, offset=many) == []


def test_digit_counts_from_the_index_leave_out_the_tombstones(many_db, many, monkeypatch) -> None:
    db = many_db
    texts = ("1504", "0190", "0403 2", "6281", "0812", "777", "4444", "00000")
    searches = [ParticipantFilter(text=t, include_deleted=d) for t in texts for d in (False, True)]
    with monkeypatch.context() as m:  # the plain way: LIKE on every row
        m.setattr(db, "_participant_digit_index", False)
        expected = [count_participants(db, f) for f in searches]
    assert 1000 < expected[0] < expected[1] < many  # "1504": every NIK here; tombstones
    assert [len(fetch_page(db, f, limit=5000)) for f in searches] == expected
    assert [count_participants(db, f) for f in searches] == expected
    # Every digits-only count taken from the index, less the tombstones among the hits.
    monkeypatch.setattr(participant_queries, "DENSE_NAME_HITS", 0)
    monkeypatch.setattr(participant_queries, "DENSE_DIGIT_SHARE", 10**9)
    assert [count_participants(db, f) for f in searches] == expected


def test_a_stale_query_stops_when_cancelled(many_db, many, monkeypatch) -> None:
    db = many_db
    with pytest.raises(Cancelled):  # cancelled before it starts: not started
        count_participants(db, ParticipantFilter(text="s"), cancelled=lambda: True)
    # Cancelled while it runs: SQLite stops the statement at its next check.
    monkeypatch.setattr(interrupt, "STEPS_BETWEEN_CHECKS", 100)
    checks = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > 3

    with pytest.raises(Cancelled):
        fetch_page(db, sort_column="village", offset=1000, cancelled=cancelled)
    assert len(checks) == 5  # before, three "no", the "yes" that stopped it, the why
    assert count_participants(db, cancelled=lambda: False) == many  # the connection still works


def test_upgrading_an_older_database_indexes_the_names_it_holds(tmp_path) -> None:
    from alembic import command

    from desasadar_gui.db.engine import make_engine
    from desasadar_gui.db.migrate import alembic_config
    from desasadar_gui.services.database import Database

    path = tmp_path / "lama.sqlite"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            text(
                "INSERT INTO participants (id, rev, created_at, updated_at, updated_by, name,"
                " address, monthly_income, prog_jkk, prog_jkm, prog_jht, contribution,"
                " funding_source, status, officer) VALUES ('p1', '0000000000001-00000-dev',"
                " '2018-01-01 00:00:00', '2018-01-01 00:00:00', 'dev', 'Halimah Tussadiah', '',"
                " 0, 1, 1, 0, 16800, 'mandiri', 'prospect', '')"
            )
        )
    engine.dispose()
    with Database.open(path) as db:
        assert _names(db, ParticipantFilter(text="tussa")) == ["Halimah Tussadiah"]
        with db.engine.connect() as conn:
            found = conn.exec_driver_sql(
                f"SELECT count(*) FROM {NAME_FTS_TABLE} WHERE {NAME_FTS_TABLE} MATCH '\"halimah\"'"
            ).scalar_one()
        assert found == 1


def test_upgrading_an_older_database_indexes_the_numbers_it_holds(tmp_path) -> None:
    from alembic import command

    from desasadar_gui.db.engine import make_engine
    from desasadar_gui.db.migrate import alembic_config
    from desasadar_gui.services.database import Database

    path = tmp_path / "lama.sqlite"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        assert not has_digit_index(conn)
        for pid, name, nik, phone in (
            ("p1", "Hasan Halim", "1504030312800004", "+6281299887766"),
            ("p2", "Rusdi", "1571020511790001", None),
        ):
            conn.execute(
                text(
                    "INSERT INTO participants (id, rev, created_at, updated_at, updated_by, name,"
                    " nik, phone, address, monthly_income, prog_jkk, prog_jkm, prog_jht,"
                    " contribution, funding_source, status, officer) VALUES (:id,"
                    " '0000000000001-00000-dev', '2018-01-01 00:00:00', '2018-01-01 00:00:00',"
                    " 'dev', :name, :nik, :phone, '', 0, 1, 1, 0, 16800, 'mandiri', 'registered',"
                    " '')"
                ),
                {"id": pid, "name": name, "nik": nik, "phone": phone},
            )
    engine.dispose()
    with Database.open(path) as db:
        assert db.upgrade is not None and db.upgrade.from_revision == "0007"
        assert _names(db, ParticipantFilter(text="7766")) == ["Hasan Halim"]
        assert _names(db, ParticipantFilter(text="0312")) == ["Hasan Halim"]
        assert _names(db, ParticipantFilter(text="0511 79")) == ["Rusdi"]
        assert _names(db, ParticipantFilter(text="4321")) == []
        _digit_index_is_sound(db)


@pytest.mark.parametrize("bulk", [False, True], ids=["row by row", "bulk load"])
def test_imported_people_are_found_by_their_digits(tmp_path, template_db, monkeypatch, bulk):
    from sync_helpers import add_person, add_village, export, import_, new_laptop

    from desasadar_gui.sync import upsert

    if bulk:  # a first import: indexes and triggers dropped, rebuilt after the load
        monkeypatch.setattr(upsert, "BULK_MIN_ROWS", 1)
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    try:
        vid = add_village(a)
        nik = make_nik("150403", date(1979, 3, 12), "L", 4)  # 1504031203790004
        pid = add_person(
            a, vid, "Hasan Basri", nik=nik, status="registered", phone="0812 9988 7766"
        )
        add_person(a, vid, "Rohani", phone="0852 1234 5678")
        import_(b, export(a, tmp_path / "a.xlsx"))
        assert _names(b, ParticipantFilter(text="7766")) == ["Hasan Basri"]
        assert _names(b, ParticipantFilter(text="0312")) == ["Hasan Basri"]
        assert _names(b, ParticipantFilter(text="5678")) == ["Rohani"]
        assert _names(b, ParticipantFilter(text="4321")) == []
        _digit_index_is_sound(b)
        # The triggers are back after a bulk load: an edit on b is found at once.
        row = get_participant(b, pid)
        update_participant(b, pid, replace(row.as_input(), phone="0812 9988 1100"))
        assert _names(b, ParticipantFilter(text="1100")) == ["Hasan Basri"]
        assert _names(b, ParticipantFilter(text="7766")) == []
        # An edit that comes back by workbook updates b's index too.
        row = get_participant(a, pid)
        update_participant(a, pid, replace(row.as_input(), phone="0812 9988 2211"))
        import_(b, export(a, tmp_path / "a2.xlsx"))
        assert _names(b, ParticipantFilter(text="2211")) == ["Hasan Basri"]
        _digit_index_is_sound(b)
    finally:
        a.close()
        b.close()
