"""Hybrid logical clock: the revision stamp that orders every edit on every laptop.

A revision is ``MMMMMMMMMMMMM-CCCCC-DEVICE``: wall-clock milliseconds, a counter for
edits within the same millisecond (or while the wall clock lags behind what we have
seen), and the device id as the final tie-break. Fixed-width fields make the text
sort exactly like the tuple, so SQL ``max(rev)`` and Python ``>`` agree.

A laptop whose clock is wrong cannot win or lose forever: importing a workbook calls
:meth:`HybridClock.observe`, which moves this clock past every revision seen, so the
next local edit is ordered after them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

_MILLIS_WIDTH = 13
_COUNTER_WIDTH = 5
_COUNTER_MAX = 10**_COUNTER_WIDTH - 1


def wall_millis() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, order=True)
class Rev:
    millis: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.millis:0{_MILLIS_WIDTH}d}-{self.counter:0{_COUNTER_WIDTH}d}-{self.device}"

    @classmethod
    def parse(cls, text: str) -> Rev:
        """Parse an encoded revision; ``ValueError`` with a plain reason when malformed."""
        parts = str(text).strip().split("-", 2)
        if (
            len(parts) != 3
            or len(parts[0]) != _MILLIS_WIDTH
            or len(parts[1]) != _COUNTER_WIDTH
            or not parts[0].isdigit()
            or not parts[1].isdigit()
            or not parts[2]
        ):
            raise ValueError(f"not a revision stamp: {text!r}")
        return cls(int(parts[0]), int(parts[1]), parts[2])

    def __str__(self) -> str:
        return self.encode()


class HybridClock:
    """Issues strictly increasing revisions for one device; thread-safe."""

    def __init__(
        self,
        device: str,
        last_millis: int = 0,
        last_counter: int = 0,
        wall: Callable[[], int] = wall_millis,
    ) -> None:
        if "-" in device or not device:
            raise ValueError("device id must be non-empty and contain no '-'")
        self.device = device
        self._millis = last_millis
        self._counter = last_counter
        self._wall = wall
        self._lock = threading.Lock()

    @property
    def state(self) -> tuple[int, int]:
        """(millis, counter) of the last revision issued or observed, for persisting."""
        return self._millis, self._counter

    def tick(self) -> Rev:
        with self._lock:
            now = self._wall()
            if now > self._millis:
                self._millis, self._counter = now, 0
            else:
                self._advance_counter()
            return Rev(self._millis, self._counter, self.device)

    def observe(self, rev: Rev | str) -> None:
        """Move past a revision made elsewhere, so later local edits order after it."""
        seen = Rev.parse(rev) if isinstance(rev, str) else rev
        with self._lock:
            if (seen.millis, seen.counter) > (self._millis, self._counter):
                self._millis, self._counter = seen.millis, seen.counter

    def _advance_counter(self) -> None:
        if self._counter >= _COUNTER_MAX:
            # 100,000 edits inside one millisecond: borrow the next millisecond.
            self._millis += 1
            self._counter = 0
        else:
            self._counter += 1
