"""Merge rules: the SQL the import runs agrees with the pure rules; laptops converge.

The property test plays several laptops that create, edit and delete records offline
and swap workbooks in random orders (some edited by a "supervisor" with openpyxl, as
Excel would); in the end every laptop has the same content digest and no record that
nobody deleted is lost.
"""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import add_person, add_village, digest, export, import_, new_laptop

from desasadar_gui.services.participants import (
    delete_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.sync.merge import Outcome, decide, outcome_sql

# Every test runs twice: laptops as SQLite files and as server databases (conftest).
pytestmark = [pytest.mark.both_engines, pytest.mark.usefixtures("db_engine")]

REVS = [
    "0000000001000-00000-aaaa",
    "0000000001000-00000-bbbb",
    "0000000002000-00000-aaaa",
    "0000000003000-00000-bbbb",
    "0000000003000-00001-cccc",
]


def test_sql_outcome_equals_pure_rules() -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE s (id, rev, base_rev)")
    con.execute("CREATE TABLE t (id, rev)")
    con.execute("CREATE TABLE b (record_id, rev, parent_rev)")
    options = [None, *REVS]
    expected = {}
    for n, (inc, inc_base, local, lbase, lparent) in enumerate(
        itertools.product(REVS, options, options, options, options)
    ):
        rid = f"r{n}"
        con.execute("INSERT INTO s VALUES (?, ?, ?)", (rid, inc, inc_base))
        if local is not None:
            con.execute("INSERT INTO t VALUES (?, ?)", (rid, local))
        if lbase is not None:
            con.execute("INSERT INTO b VALUES (?, ?, ?)", (rid, lbase, lparent))
        expected[rid] = decide(inc, inc_base, local, lbase, lparent if lbase else None).value
    got = dict(
        con.execute(
            f"SELECT s.id, {outcome_sql()} FROM s LEFT JOIN t ON t.id = s.id "
            "LEFT JOIN b ON b.record_id = s.id"
        )
    )
    assert got == expected
    assert {Outcome(v) for v in got.values()} == set(Outcome)


# -- simulated laptops ------------------------------------------------------------------

N_LAPTOPS = 3
ops = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.integers(0, N_LAPTOPS - 1), st.integers(0, 99)),
        st.tuples(st.just("edit"), st.integers(0, N_LAPTOPS - 1), st.integers(0, 99)),
        st.tuples(st.just("delete"), st.integers(0, N_LAPTOPS - 1), st.integers(0, 99)),
        st.tuples(st.just("send"), st.integers(0, N_LAPTOPS - 1), st.integers(0, N_LAPTOPS - 1)),
        st.tuples(st.just("sheet"), st.integers(0, N_LAPTOPS - 1), st.integers(0, 99)),
    ),
    min_size=4,
    max_size=14,
)


class _World:
    def __init__(self, folder: Path, template: Path) -> None:
        self.folder = folder
        self.dbs = [new_laptop(folder, template, f"L{i}") for i in range(N_LAPTOPS)]
        self.villages = [add_village(db, f"Desa {i}") for i, db in enumerate(self.dbs)]
        # The same region-coded village made offline on two laptops: the same id.
        for db in self.dbs[:2]:
            add_village(db, "Sungai Baung", "1504032015")
        self.created: set[str] = set()
        self.deleted: set[str] = set()
        self.files = 0

    def live_people(self, i: int) -> list[str]:
        with self.dbs[i].engine.connect() as conn:
            return [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM participants WHERE deleted_at IS NULL ORDER BY id"
                )
            ]

    def path(self) -> Path:
        self.files += 1
        return self.folder / f"x{self.files}.xlsx"

    def send(self, src: int, dst: int) -> None:
        if src != dst:
            import_(self.dbs[dst], export(self.dbs[src], self.path()))

    def run(self, op: tuple) -> None:
        kind, i, k = op
        db = self.dbs[i]
        if kind == "create":
            self.created.add(add_person(db, self.villages[i], f"Orang {k}"))
        elif kind == "send":
            self.send(i, k)
        else:
            people = self.live_people(i)
            if not people:
                return
            pid = people[k % len(people)]
            if kind == "edit":
                row = get_participant(db, pid)
                update_participant(db, pid, replace(row.as_input(), name=f"{row.name} {k}"))
            elif kind == "delete":
                delete_participant(db, pid)
                self.deleted.add(pid)
            else:
                self.sheet_edit(i, (i + 1) % N_LAPTOPS, k)

    def sheet_edit(self, src: int, dst: int, k: int) -> None:
        """A supervisor renames the k-th person in src's export; dst imports it."""
        path = export(self.dbs[src], self.path())
        wb = openpyxl.load_workbook(path)
        ws = wb["Peserta"]
        rows = [r for r in ws.iter_rows(min_row=2) if r[0].value]
        if rows:
            cell = rows[k % len(rows)][0]
            cell.value = f"{cell.value} (diperiksa)"
        edited = self.path()
        wb.save(edited)
        wb.close()
        import_(self.dbs[dst], edited)

    def close(self) -> None:
        for db in self.dbs:
            db.close()


@pytest.mark.slow
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=ops, order=st.permutations(list(itertools.permutations(range(N_LAPTOPS), 2))))
def test_laptops_converge_in_any_exchange_order(template_db: Path, ops, order) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        world = _World(Path(tmp), template_db)
        try:
            for op in ops:
                world.run(op)
            for _ in range(2):  # two rounds reach everyone from everyone
                for src, dst in order:
                    world.send(src, dst)
            digests = {digest(db) for db in world.dbs}
            assert len(digests) == 1
            never_deleted = world.created - world.deleted
            for i in range(N_LAPTOPS):
                live = set(world.live_people(i))
                assert never_deleted <= live
        finally:
            world.close()
