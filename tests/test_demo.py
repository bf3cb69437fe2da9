"""Demo data: realistic, consistent with the domain rules, and deterministic per seed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desasadar_gui.db.clock import Rev
from desasadar_gui.db.models import (
    SYNCED_MODELS,
    Attendance,
    AuditEntry,
    OutreachSession,
    Participant,
    Target,
    Village,
)
from desasadar_gui.domain.contribution import compute_contribution
from desasadar_gui.domain.enums import (
    AttendanceOutcome,
    FundingSource,
    Gender,
    Occupation,
    OfficialRole,
    ParticipantStatus,
    SessionType,
    TargetScope,
    VillageKind,
    VillageStatus,
    required_roles,
)
from desasadar_gui.domain.nik import make_nik, parse_nik
from desasadar_gui.domain.phone import normalise_phone
from desasadar_gui.errors import UserError
from desasadar_gui.services import demo
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo import TARGET_VILLAGES, default_regions_dir, generate_demo
from desasadar_gui.services.demo import write as demo_write
from desasadar_gui.services.rates import rate_table
from desasadar_gui.services.regions import has_regions, village_id_for_code

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date(2026, 11, 24)
SHARED_REGIONS = Path("/work/shared/data/regions")
N = 400

try:
    from desasadar_gui.services.stats import content_digest
except ImportError:  # the lead's stats module not there yet: compare full dumps
    content_digest = None


def dump(db: Database) -> list[tuple]:
    """Every synchronised row, every column, in a stable order."""
    out: list[tuple] = []
    with db.engine.connect() as conn:
        for model in SYNCED_MODELS:
            table = model.__table__
            cols = sorted(table.columns, key=lambda c: c.name)
            out += [(table.name, *row) for row in conn.execute(select(*cols).order_by(table.c.id))]
    return out


def fingerprint(db: Database) -> object:
    return content_digest(db) if content_digest is not None else dump(db)


@pytest.fixture
def make_db(tmp_path: Path, db_engine: str, request: pytest.FixtureRequest):
    """New empty databases on the engine of the test (files, or server databases)."""
    opened: list[Database] = []
    new_server_db = request.getfixturevalue("pg_new_database") if db_engine != "sqlite" else None

    def make(name: str = "x") -> Database:
        target = new_server_db() if new_server_db else tmp_path / f"{name}.sqlite"
        db = Database.open(target)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def regions_dir(tmp_path: Path) -> Path:
    """A tiny region reference: the five villages' districts plus a few neighbours."""
    folder = tmp_path / "regions"
    folder.mkdir()
    (folder / "kab.csv").write_text(
        "code,name,kind\n"
        "1504,Kabupaten Batanghari,kabupaten\n"
        "1505,Kabupaten Muaro Jambi,kabupaten\n"
        "1506,Kabupaten Tanjung Jabung Barat,kabupaten\n"
        "1571,Kota Jambi,kota\n",
        encoding="utf-8",
    )
    (folder / "kec.csv").write_text(
        "code,regency_code,name\n"
        "150403,1504,Muara Bulian\n"
        "150501,1505,Jambi Luar Kota\n"
        "150506,1505,Kumpeh Ulu\n"
        "150511,1505,Taman Rajo\n"
        "150611,1506,Bram Itam\n"
        "157103,1571,Jambi Timur\n",
        encoding="utf-8",
    )
    (folder / "desa.csv").write_text(
        "code,district_code,name,kind\n"
        "1504032015,150403,Sungai Baung,desa\n"
        "1504032006,150403,Pasar Terusan,desa\n"
        "1504031002,150403,Teratai,kelurahan\n"
        "1505012007,150501,Mendalo Darat,desa\n"
        "1505012002,150501,Sungai Bertam,desa\n"
        "1505062005,150506,Kasang Pudak,desa\n"
        "1505062002,150506,Muara Kumpeh,desa\n"
        "1505112002,150511,Talang Duku,desa\n"
        "1506112005,150611,Bram Itam Raya,desa\n"
        "1506112004,150611,Pembengis,desa\n"
        "1571031003,157103,Talang Banjar,kelurahan\n"
        "1571031006,157103,Kasang,kelurahan\n",
        encoding="utf-8",
    )
    return folder


def live(model):
    return select(model).where(model.deleted_at.is_(None))


def test_counts_and_the_five_designated_villages(make_db) -> None:
    db = make_db()
    progress: list[tuple[int, int]] = []
    summary = generate_demo(
        db, participants=N, seed=3, officer="Andi Pratama", today=TODAY,
        progress=lambda d, t: progress.append((d, t)),
    )  # fmt: skip
    assert summary.participants == N
    assert f"{N}" in summary.describe() and "Andi Pratama" in summary.describe()
    assert progress and progress[-1][0] == progress[-1][1]
    assert all(d <= t for d, t in progress)
    assert db.officer == "Andi Pratama"
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == N
        villages = s.scalars(select(Village)).all()
        assert len(villages) == summary.villages
        assert s.scalar(select(func.count()).select_from(OutreachSession)) == summary.sessions
        assert s.scalar(select(func.count()).select_from(Attendance)) == summary.attendance
        assert s.scalar(select(func.count()).select_from(Target)) == summary.targets
        audits = s.scalars(select(AuditEntry)).all()
    by_id = {v.id: v for v in villages}
    for code, name, kecamatan, kabupaten in TARGET_VILLAGES:
        village = by_id[village_id_for_code(code)]
        assert (village.name, village.region_code) == (name, code)
        assert (village.kecamatan, village.kabupaten) == (kecamatan, kabupaten)
        assert village.status == VillageStatus.LAUNCHED.value
        assert village.launch_date is not None and village.launch_date < TODAY
    kinds = Counter(v.kind for v in villages)
    assert 2 <= kinds[VillageKind.PASAR.value] <= 3
    assert kinds[VillageKind.KELURAHAN.value] >= 1
    assert {v.name for v in villages if v.kind == "pasar"} >= {"Pasar Angso Duo"}
    # One summary audit entry, not one per row.
    assert [a.action for a in audits] == ["demo"]
    assert has_regions(db) is False  # no reference given: built-in villages


def test_rows_follow_the_domain_rules(make_db) -> None:
    db = make_db()
    generate_demo(db, participants=N, seed=5, today=TODAY)
    table = rate_table(db)
    with db.read_session() as s:
        people = s.scalars(live(Participant)).all()
        villages = {v.id: v for v in s.scalars(live(Village))}
        sessions = {x.id: x for x in s.scalars(live(OutreachSession))}
        attendance = s.scalars(live(Attendance)).all()
        targets = s.scalars(live(Target)).all()

    niks = [p.nik for p in people if p.nik]
    assert len(niks) == len(set(niks)), "NIK unique among live participants"
    assert len(niks) > 0.8 * N
    elsewhere = 0
    for p in people:
        assert p.village_id in villages
        assert Gender(p.gender) and ParticipantStatus(p.status) and FundingSource(p.funding_source)
        assert Occupation(p.occupation)
        assert 1_000_000 <= p.monthly_income <= 5_000_000 and p.monthly_income % 100_000 == 0
        assert p.prog_jkk and p.prog_jkm
        age = (TODAY - p.birth_date).days / 365.25
        assert 17 < age < 67
        if p.phone is not None:
            assert normalise_phone(p.phone).e164 == p.phone
        if p.status == ParticipantStatus.PROSPECT.value:
            assert p.registration_date is None and p.kpj_number is None
        else:
            assert p.nik and p.registration_date is not None
            assert p.registration_date < TODAY
        if p.status == ParticipantStatus.ACTIVE.value:
            assert p.kpj_number and p.kpj_number.isdigit()
        if p.official_role:
            OfficialRole(p.official_role)
        on = p.registration_date or TODAY
        programmes = ["jkk", "jkm"] + (["jht"] if p.prog_jht else [])
        expected = compute_contribution(
            income=p.monthly_income, programmes=programmes, on=on,
            funding=p.funding_source, occupation=p.occupation, table=table,
        )  # fmt: skip
        assert p.contribution == expected.total
        if p.nik:
            check = parse_nik(p.nik, gender=p.gender, birth_date=p.birth_date, today=TODAY)
            assert check.ok, check.errors
            assert check.warnings == ()
            assert check.gender == p.gender and check.birth_date == p.birth_date
            assert p.nik == make_nik(check.district, p.birth_date, p.gender, int(check.serial))
            village = villages[p.village_id]
            home = (village.region_code or "")[:6]
            elsewhere += bool(home) and check.district != home
    assert elsewhere > 0  # some people moved in from elsewhere in Jambi

    statuses = Counter(p.status for p in people)
    assert set(statuses) == {"prospect", "registered", "active", "inactive"}
    assert statuses["active"] > statuses["registered"] > statuses["inactive"]
    occupations = Counter(p.occupation for p in people if not p.official_role)
    assert occupations.most_common(1)[0][0] in ("kebun", "dagang")
    assert Counter(p.funding_source for p in people).most_common(1)[0][0] == "mandiri"

    # Launched villages have every required official; officials are APBDes-funded mostly.
    for village in villages.values():
        roles = {p.official_role for p in people if p.village_id == village.id}
        if village.status == VillageStatus.LAUNCHED.value:
            assert set(r.value for r in required_roles(village.kind)) <= roles
    officials = [p for p in people if p.official_role and p.official_role != "ketua_pedagang"]
    assert {p.occupation for p in officials} == {"aparatur_desa"}
    desa_officials = [p for p in officials if villages[p.village_id].kind == "desa"]
    apbdes = sum(p.funding_source == "apbdes" for p in desa_officials)
    assert apbdes > 0.7 * len(desa_officials)

    # Sessions and attendance hang together.
    assert {x.type for x in sessions.values()} >= {t.value for t in SessionType}
    for village in villages.values():
        types = [x.type for x in sessions.values() if x.village_id == village.id]
        assert types, f"{village.name} has no session"
        assert (SessionType.PELUNCURAN.value in types) == (
            village.status == VillageStatus.LAUNCHED.value
        )
    people_by_id = {p.id: p for p in people}
    walkins = 0
    for a in attendance:
        session = sessions[a.session_id]
        AttendanceOutcome(a.outcome)
        if a.participant_id is None:
            walkins += 1
            assert a.walkin_name
            if a.walkin_phone:
                assert normalise_phone(a.walkin_phone).e164 == a.walkin_phone
            continue
        person = people_by_id[a.participant_id]
        assert person.village_id == session.village_id
        if a.outcome == AttendanceOutcome.REGISTERED.value:
            assert person.registration_date == session.held_on
    assert walkins > 0
    pairs = [(a.session_id, a.participant_id) for a in attendance if a.participant_id]
    assert len(pairs) == len(set(pairs))

    branch = [t for t in targets if t.scope == TargetScope.BRANCH.value]
    assert [(t.year, t.scope_key, t.value) for t in branch] == [(2026, "", 36_000)]
    scopes = {t.scope for t in targets}
    assert scopes == {"branch", "kabupaten", "village", "officer"}


def test_revisions_are_valid_and_the_clock_moves_past_them(make_db) -> None:
    db = make_db()
    generate_demo(db, participants=200, seed=9, today=TODAY)
    revs = []
    with db.read_session() as s:
        for model in SYNCED_MODELS:
            for rev, created, updated, by in s.execute(
                select(model.rev, model.created_at, model.updated_at, model.updated_by)
            ):
                parsed = Rev.parse(rev)
                assert parsed.device == by
                assert created <= updated
                assert updated.date() < TODAY
                revs.append(rev)
    assert len(revs) == len(set(revs))
    assert db.next_rev() > max(revs)


def test_same_seed_same_content_other_seed_differs(make_db) -> None:
    a, b, c = make_db("a"), make_db("b"), make_db("c")
    generate_demo(a, participants=300, seed=7, officer="Andi Pratama", today=TODAY)
    generate_demo(b, participants=300, seed=7, officer="Andi Pratama", today=TODAY)
    generate_demo(c, participants=300, seed=8, officer="Andi Pratama", today=TODAY)
    assert a.device.id != b.device.id  # two laptops...
    assert fingerprint(a) == fingerprint(b)  # ...same content
    assert dump(a) == dump(b)
    assert fingerprint(a) != fingerprint(c)


def test_refuses_a_database_with_participants_unless_forced(make_db) -> None:
    db = make_db()
    generate_demo(db, participants=100, seed=1, today=TODAY)
    with pytest.raises(UserError) as info:
        generate_demo(db, participants=100, seed=2, today=TODAY)
    assert "100" in info.value.message("en")
    with pytest.raises(UserError):  # the same seed twice would repeat the same records
        generate_demo(db, participants=100, seed=1, today=TODAY, force=True)
    summary = generate_demo(db, participants=100, seed=2, today=TODAY, force=True)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 200
        niks = s.scalars(select(Participant.nik).where(Participant.nik.is_not(None))).all()
    assert len(niks) == len(set(niks))
    # The five designated villages already existed: reused, not duplicated.
    assert summary.villages < 14


def test_villages_from_a_region_reference(make_db, regions_dir: Path) -> None:
    db = make_db()
    summary = generate_demo(db, participants=N, seed=4, today=TODAY, regions_dir=regions_dir)
    assert summary.region_villages == 12
    assert has_regions(db)
    reference = {
        line.split(",")[0] for line in (regions_dir / "desa.csv").read_text().splitlines()[1:]
    }
    with db.read_session() as s:
        villages = s.scalars(select(Village)).all()
    coded = [v for v in villages if v.region_code]
    assert {v.region_code for v in coded} <= reference
    assert len(coded) > len(TARGET_VILLAGES)
    for v in coded:
        assert v.id == village_id_for_code(v.region_code)
        assert v.region_version and v.region_version.startswith("sha256:")
        assert v.kabupaten.startswith(("Kabupaten", "Kota"))
    assert any(v.kind == "kelurahan" for v in coded)
    assert sum(v.kind == "pasar" for v in villages) in (2, 3)


def test_bad_regions_dir_is_a_plain_error(make_db, tmp_path: Path) -> None:
    db = make_db()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UserError):
        generate_demo(db, participants=10, seed=1, today=TODAY, regions_dir=empty)


def test_tiny_and_empty_demos(make_db) -> None:
    db = make_db("tiny")
    summary = generate_demo(db, participants=12, seed=1, today=TODAY)
    assert summary.participants == 12
    db0 = make_db("zero")
    summary = generate_demo(db0, participants=0, seed=1, today=TODAY)
    assert summary.participants == 0 and summary.villages >= 7 and summary.targets > 0


def test_early_january_still_spreads_registrations(make_db) -> None:
    db = make_db()
    generate_demo(db, participants=200, seed=1, today=date(2027, 1, 3))
    with db.read_session() as s:
        dates = s.scalars(
            select(Participant.registration_date).where(Participant.registration_date.is_not(None))
        ).all()
    assert max(dates) < date(2027, 1, 3)
    assert (max(dates) - min(dates)).days > 60


def test_default_regions_dir_from_environment(monkeypatch, regions_dir: Path, tmp_path) -> None:
    monkeypatch.setenv(demo.REGIONS_ENV, str(regions_dir))
    assert default_regions_dir() == regions_dir.resolve()
    monkeypatch.setenv(demo.REGIONS_ENV, str(tmp_path / "nowhere"))
    found = default_regions_dir()
    assert found is None or found.name == "regions"


@pytest.mark.skipif(not SHARED_REGIONS.is_dir(), reason="shared Jambi region data not present")
def test_demo_with_the_shared_jambi_reference(make_db) -> None:
    db = make_db()
    summary = generate_demo(db, participants=500, seed=1, today=TODAY, regions_dir=SHARED_REGIONS)
    assert summary.region_villages == 1585
    assert summary.participants == 500
    with db.read_session() as s:
        names = set(s.scalars(select(Village.name)))
    assert {name for _, name, _, _ in TARGET_VILLAGES} <= names


@pytest.mark.sqlite_only(reason="the deferred-index bulk path and its plan are SQLite's")
def test_bulk_load_restores_every_index(make_db, monkeypatch) -> None:
    db = make_db()
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with db.engine.connect() as conn:
        before = conn.exec_driver_sql(query).all()
    monkeypatch.setattr(demo_write, "CHUNK", 50)  # small chunks: the deferred-index path runs
    generate_demo(db, participants=300, seed=2, today=TODAY)
    with db.engine.connect() as conn:
        after = conn.exec_driver_sql(query).all()
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM participants WHERE nik = '1504030101900001'"
        ).all()
    assert after == before
    assert any("ix_participants_nik" in str(row) for row in plan)
