"""The progress count of a long sync step (export, read, apply): one ``tick(n)`` per
batch of rows, which reports ``progress(done, total)`` and stops on a cancel."""

from __future__ import annotations

from collections.abc import Callable

from desasadar_gui.errors import Cancelled

Progress = Callable[[int, int], None]


class Ticker:
    """``ticker(n)``: ``n`` more rows done. Raises Cancelled once ``cancelled()`` says
    yes; reports at most ``total`` (a file may hold more rows than it announced)."""

    def __init__(
        self, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def __call__(self, n: int) -> None:
        self.done += n
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
