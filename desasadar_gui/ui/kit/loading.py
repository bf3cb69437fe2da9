"""A tab whose content loads in the background, first when it is first shown.

Loading at start-up would spend CPU a field laptop needs elsewhere, so a tab loads
when it is first shown; a change while it is hidden only marks it stale, and showing it
again reloads it.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class LoadsWhenShown:
    """Mixin for a widget with ``reload()``. ``reload`` calls :meth:`_loading_started`
    and clears ``_loading`` when its work ends. List it before the Qt class:
    ``class X(LoadsWhenShown, QWidget)``."""

    _dirty = True  # nothing loaded yet, or changed since
    _loading = False

    def is_loading(self) -> bool:
        return self._loading

    def _loading_started(self) -> None:
        self._loading = True
        self._dirty = False

    def _reload_or_mark_stale(self) -> None:
        """After a change: reload now when the tab is shown, else at the next show."""
        if self.isVisible():  # type: ignore[attr-defined]
            self.reload()  # type: ignore[attr-defined]
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._dirty and not self._loading:
            self.reload()  # type: ignore[attr-defined]
