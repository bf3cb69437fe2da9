"""Revisions order every edit totally, survive restarts and move past what imports bring."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desasadar_gui.db.clock import HybridClock, Rev
from desasadar_gui.services.database import Database

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def test_revisions_increase_even_when_the_wall_clock_stands_still_or_goes_back() -> None:
    times = iter([1000, 1000, 999, 500, 2000])
    clock = HybridClock("a" * 32, wall=lambda: next(times))
    revs = [clock.tick() for _ in range(5)]
    assert revs == sorted(revs)
    assert len(set(revs)) == 5
    assert [r.encode() for r in revs] == sorted(r.encode() for r in revs)


def test_observing_a_future_revision_moves_the_clock_past_it() -> None:
    clock = HybridClock("b" * 32, wall=lambda: 1_000)
    remote = Rev(5_000_000, 7, "c" * 32)
    clock.observe(remote.encode())
    assert clock.tick() > remote


@given(
    st.integers(0, 10**12),
    st.integers(0, 99_999),
    st.text("0123456789abcdef", min_size=1, max_size=32),
)
def test_encoding_sorts_like_the_tuple(millis: int, counter: int, device: str) -> None:
    rev = Rev(millis, counter, device)
    assert Rev.parse(rev.encode()) == rev
    later = Rev(millis, counter + 1, device) if counter < 99_999 else Rev(millis + 1, 0, device)
    assert rev.encode() < later.encode()


@pytest.mark.parametrize("text", ["", "123", "x-y-z", "0000000000001-1-dev"])
def test_malformed_revisions_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Rev.parse(text)


def test_clock_state_survives_reopening(db_path) -> None:
    with Database.open(db_path) as db:
        from desasadar_gui.services.targets import set_target

        set_target(db, 2018, "branch", "", 36000)
        db.observe_rev(Rev(9_999_999_999_999, 5, "f" * 32))
        with db.session() as s:
            db.save_clock(s)
    with Database.open(db_path) as db:
        assert db.clock.tick() > Rev(9_999_999_999_999, 5, "f" * 32)
