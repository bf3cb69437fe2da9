"""Dashboard and session figures equal independent SQL counts on a demo database.

The independent side is raw sqlite3 SQL written from the definitions in
services/funnel.py, not the services' own statements.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from desasadar_gui.services import demo
from desasadar_gui.services.dashboard import (
    compute_dashboard,
    dashboard_years,
    officer_names,
    progress_by_scope,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.funnel import session_funnel, village_funnel
from desasadar_gui.services.participants import delete_participant
from desasadar_gui.services.session_queries import (
    SessionQuery,
    list_attendees,
    list_session_rows,
    list_sessions,
)
from desasadar_gui.services.targets import set_target

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date(2026, 9, 15)
YEAR = 2026
COUNTED = "('registered', 'active', 'inactive')"
IN_YEAR = (
    f"p.deleted_at IS NULL AND p.status IN {COUNTED} "
    f"AND p.registration_date >= '{YEAR}-01-01' AND p.registration_date < '{YEAR + 1}-01-01'"
)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    import shutil

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(template_db, path)
    with Database.open(path) as db:
        _fill_demo(db)
    return path


def _fill_demo(db: Database) -> None:
    demo.generate_demo(db, participants=3000, seed=5, regions_dir=None, today=TODAY)


@pytest.fixture
def demo_db(demo_path: Path, tmp_path: Path, db_engine: str, request: pytest.FixtureRequest):
    """The demo data (a copy) on the engine of the test. On PostgreSQL the same seed
    gives the same records; the independent SQL below reads them from the SQLite file
    (``demo_path``): the dashboard on either engine must equal it."""
    import shutil

    if db_engine == "postgresql":
        target: Path | str = request.getfixturevalue("pg_clone")("dashboard_demo", _fill_demo)
    else:
        target = tmp_path / "copy.sqlite"
        shutil.copyfile(demo_path, target)
    database = Database.open(target)
    yield database
    database.close()


def _sql(path: Path, query: str, *params) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_headline_figures_equal_independent_sql(demo_db, demo_path) -> None:
    path = demo_path
    d = compute_dashboard(demo_db, YEAR, today=TODAY)
    [(counted, active, inactive, money)] = _sql(
        path,
        "SELECT count(*), sum(status = 'active'), sum(status = 'inactive'), "
        "sum(CASE WHEN status = 'active' THEN contribution ELSE 0 END) "
        f"FROM participants p WHERE {IN_YEAR}",
    )
    assert counted > 100  # the demo registers people in its year
    assert (d.branch.counted, d.branch.active, d.branch.inactive) == (counted, active, inactive)
    assert d.contributions == money
    [(target,)] = _sql(
        path,
        "SELECT value FROM targets WHERE deleted_at IS NULL AND scope = 'branch' AND year = ?",
        YEAR,
    )
    assert d.branch.target == target == demo.BRANCH_TARGET
    assert d.branch.ratio == pytest.approx(counted / target)
    [(prospects,)] = _sql(
        path, "SELECT count(*) FROM participants WHERE deleted_at IS NULL AND status = 'prospect'"
    )
    assert d.prospects == prospects
    months = dict(
        _sql(
            path,
            "SELECT cast(strftime('%m', registration_date) AS integer), count(*) "
            f"FROM participants p WHERE {IN_YEAR} GROUP BY 1",
        )
    )
    assert d.months == tuple(months.get(m, 0) for m in range(1, 13))
    [(jkk, jkm, jht)] = _sql(
        path,
        f"SELECT sum(prog_jkk), sum(prog_jkm), sum(prog_jht) FROM participants p WHERE {IN_YEAR}",
    )
    assert dict(d.programmes) == {"jkk": jkk, "jkm": jkm, "jht": jht}
    occupations = dict(
        _sql(path, f"SELECT occupation, count(*) FROM participants p WHERE {IN_YEAR} GROUP BY 1")
    )
    assert dict(d.occupations) == occupations
    assert dict(d.village_status) == {
        **{"prospect": 0, "socialised": 0, "launched": 0},
        **dict(
            _sql(path, "SELECT status, count(*) FROM villages WHERE deleted_at IS NULL GROUP BY 1")
        ),
    }
    [(sessions,)] = _sql(
        path,
        "SELECT count(*) FROM sessions WHERE deleted_at IS NULL AND held_on >= ? AND held_on < ?",
        f"{YEAR}-01-01",
        f"{YEAR + 1}-01-01",
    )
    assert d.sessions == sessions
    [(officials,)] = _sql(
        path,
        "SELECT count(*) FROM participants WHERE deleted_at IS NULL AND official_role IS NOT NULL",
    )
    assert d.officials.officials == officials


def test_breakdowns_equal_independent_sql(demo_db, demo_path) -> None:
    path = demo_path
    d = compute_dashboard(demo_db, YEAR, today=TODAY)
    kabupaten = dict(
        _sql(
            path,
            "SELECT coalesce(v.kabupaten, ''), count(*) FROM participants p "
            f"LEFT JOIN villages v ON v.id = p.village_id WHERE {IN_YEAR} GROUP BY 1",
        )
    )
    assert {r.key: r.counted for r in d.kabupaten if r.counted} == kabupaten
    villages = dict(
        _sql(
            path,
            "SELECT coalesce(p.village_id, ''), count(*) FROM participants p "
            f"WHERE {IN_YEAR} GROUP BY 1",
        )
    )
    assert {r.key: r.counted for r in d.villages if r.counted} == villages
    names = dict(_sql(path, "SELECT id, name FROM villages"))
    assert all(r.label == names[r.key] for r in d.villages if r.key)
    officers = dict(
        _sql(path, f"SELECT officer, count(*) FROM participants p WHERE {IN_YEAR} GROUP BY 1")
    )
    assert {r.key: r.counted for r in d.officers if r.counted} == officers
    targets = {
        (scope, key): value
        for scope, key, value in _sql(
            path,
            "SELECT scope, scope_key, value FROM targets WHERE deleted_at IS NULL AND year = ?",
            YEAR,
        )
    }
    for row in (*d.kabupaten, *d.villages, *d.officers):
        assert row.target == targets.get((row.scope, row.key))
    # Every scope target shows up, even with nobody registered yet.
    shown = {(r.scope, r.key) for r in (*d.kabupaten, *d.villages, *d.officers)}
    assert {k for k in targets if k[0] != "branch"} <= shown
    # Scope totals add up to the branch (kabupaten and villages partition people).
    assert sum(r.counted for r in d.kabupaten) == d.branch.counted
    assert sum(r.counted for r in d.villages) == d.branch.counted
    assert sum(r.counted for r in d.officers) == d.branch.counted


def test_progress_by_scope_is_the_dashboard_definition(demo_db) -> None:
    rows = progress_by_scope(demo_db, YEAR)
    d = compute_dashboard(demo_db, YEAR, today=TODAY)
    assert rows[0] == d.branch
    assert rows[1:] == [*d.kabupaten, *d.villages, *d.officers]
    assert {r.scope for r in rows} == {"branch", "kabupaten", "village", "officer"}


def test_deleted_participants_and_other_years_do_not_count(demo_db, demo_path) -> None:
    path = demo_path
    before = compute_dashboard(demo_db, YEAR, today=TODAY).branch.counted
    [(pid,)] = _sql(path, f"SELECT p.id FROM participants p WHERE {IN_YEAR} LIMIT 1")
    delete_participant(demo_db, pid)
    assert compute_dashboard(demo_db, YEAR, today=TODAY).branch.counted == before - 1
    other = compute_dashboard(demo_db, YEAR - 5, today=TODAY)
    assert other.branch.counted == 0 and other.branch.target is None
    assert other.months == (0,) * 12


def test_pace_needed_per_month(db) -> None:
    set_target(db, 2026, "branch", "", 1200)
    d = compute_dashboard(db, 2026, today=date(2026, 10, 5))
    # Nobody yet: 1,200 over October, November and December.
    assert (d.pace.months_left, d.pace.remaining, d.pace.per_month_needed) == (3, 1200, 400)
    past = compute_dashboard(db, 2026, today=date(2027, 2, 1))
    assert past.pace.months_left == 0 and past.pace.per_month_needed == 0
    assert 2026 in dashboard_years(db, today=date(2027, 2, 1))


def test_officer_names_come_from_people_and_targets(demo_db, demo_path) -> None:
    set_target(demo_db, YEAR, "officer", "Petugas Baru", 100)
    names = officer_names(demo_db)
    people = {n for (n,) in _sql(demo_path, "SELECT DISTINCT officer FROM participants") if n}
    assert set(names) == people | {"Petugas Baru"}


# -- sessions ------------------------------------------------------------------------------

SESSION_COUNTS = """
SELECT a.session_id,
       count(*),
       sum(CASE WHEN a.participant_id IS NULL
                  OR (p.id IS NOT NULL
                      AND (p.status = 'prospect' OR p.registration_date IS NULL
                           OR p.registration_date >= s.held_on)
                      AND NOT EXISTS (SELECT 1 FROM attendance a2
                                      JOIN sessions s2 ON s2.id = a2.session_id
                                      WHERE a2.participant_id = a.participant_id
                                        AND a2.deleted_at IS NULL AND s2.deleted_at IS NULL
                                        AND s2.held_on < s.held_on))
                THEN 1 ELSE 0 END),
       sum(CASE WHEN a.outcome = 'registered'
                  OR (p.id IS NOT NULL AND p.status IN ('registered', 'active', 'inactive')
                      AND p.registration_date >= s.held_on)
                THEN 1 ELSE 0 END)
FROM attendance a
JOIN sessions s ON s.id = a.session_id
LEFT JOIN participants p ON p.id = a.participant_id AND p.deleted_at IS NULL
WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL
GROUP BY a.session_id
"""


def test_session_counts_equal_independent_sql(demo_db, demo_path) -> None:
    expected = {sid: (n, new, reg) for sid, n, new, reg in _sql(demo_path, SESSION_COUNTS)}
    rows = list_session_rows(demo_db)
    assert (
        len(rows) == _sql(demo_path, "SELECT count(*) FROM sessions WHERE deleted_at IS NULL")[0][0]
    )
    got = {r.id: (r.attended, r.new_prospects, r.registrations) for r in rows if r.attended}
    assert got == expected
    assert sum(r.registrations for r in rows) > 0
    assert sum(r.new_prospects for r in rows) > 0
    # Newest first, without counts until asked.
    plain = list_sessions(demo_db)
    assert [r.id for r in plain] == [r.id for r in rows]
    assert [r.held_on for r in plain] == sorted((r.held_on for r in plain), reverse=True)


def test_session_attendees_and_funnel_agree(demo_db, demo_path) -> None:
    rows = list_session_rows(demo_db, SessionQuery(type="pendaftaran"))
    session = max(rows, key=lambda r: r.attended)
    attendees = list_attendees(demo_db, session.id)
    assert len(attendees) == session.attended
    assert sum(a.is_registration for a in attendees) == session.registrations
    assert sum(a.is_new_prospect for a in attendees) == session.new_prospects
    funnel = session_funnel(demo_db, session.id)
    by_status = dict(
        _sql(
            demo_path,
            "SELECT p.status, count(*) FROM attendance a LEFT JOIN participants p "
            "ON p.id = a.participant_id AND p.deleted_at IS NULL "
            "WHERE a.session_id = ? AND a.deleted_at IS NULL GROUP BY 1",
            session.id,
        )
    )
    assert funnel.counts.prospect == by_status.get("prospect", 0)
    assert funnel.counts.active == by_status.get("active", 0)
    assert funnel.counts.unrecorded == by_status.get(None, 0)
    assert funnel.counts.total == session.attended
    # Follow-ups: attendees still prospects (or unrecorded walk-ins) who did not register.
    for f in funnel.follow_ups:
        assert f.outcome != "registered"
    village = village_funnel(demo_db, session.village_id)
    [(village_prospects,)] = _sql(
        demo_path,
        "SELECT count(*) FROM participants WHERE village_id = ? AND deleted_at IS NULL "
        "AND status = 'prospect'",
        session.village_id,
    )
    assert village.counts.prospect == village_prospects
    people = [f for f in village.follow_ups if f.participant_id]
    assert all(f.sessions_attended >= 1 for f in people)


def test_session_filters(demo_db) -> None:
    everything = list_sessions(demo_db)
    some = everything[len(everything) // 2]
    assert all(r.type == "dialog" for r in list_sessions(demo_db, SessionQuery(type="dialog")))
    by_village = list_sessions(demo_db, SessionQuery(search=some.village_name))
    assert some.id in {r.id for r in by_village}
    assert list_sessions(demo_db, SessionQuery(year=1999)) == []
    assert list_sessions(demo_db, SessionQuery(search="%")) == []  # LIKE wildcards are text


# -- the indexes do the work ------------------------------------------------------------------


@pytest.mark.sqlite_only(reason="reads SQLite's query plans of the file")
def test_dashboard_statements_read_indexes_without_sorting(demo_db) -> None:
    """A guard for speed without timing: no statement over participants scans the table
    or sorts the year's rows (the composite indexes of migration 0005 answer them)."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "participants" in statement and statement.lstrip().upper().startswith(
            ("SELECT", "WITH")
        ):
            seen.append((statement, parameters))

    event.listen(demo_db.engine, "before_cursor_execute", record)
    try:
        compute_dashboard(demo_db, YEAR, today=TODAY)
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", record)
    assert len(seen) >= 5
    con = sqlite3.connect(demo_db.path)
    try:
        for statement, parameters in seen:
            plan = [row[3] for row in con.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            text = "\n".join(plan)
            assert not re.search(r"\bSCAN (participants|p)\b(?! USING)", text), (statement, text)
            assert "TEMP B-TREE" not in text, (statement, text)
    finally:
        con.close()
