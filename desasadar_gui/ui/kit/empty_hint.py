"""A hint centred over an empty table: where to start, or why nothing matches.

    self.hint = EmptyHint(
        self.table,
        empty=self._empty_text,        # "Belum ada desa. Mulai dengan <a href='add'>…</a>"
        filtered=self._no_match_text,  # "Tidak ada yang cocok … <a href='clear'>…</a>"
        is_filtered=lambda: bool(self.search_edit.text()),
        links={"add": self.add_village, "clear": self.set_filters},
    )

The texts are callables (the owner's ``self.tr``), asked each time the hint is shown
and again on a language switch, so the hint is always in the language of the moment.
A link's ``href`` names an entry of ``links``; clicking it runs that entry. The hint
follows the model (reset, rows inserted or removed); a model that loads in the
background says when it is ``ready`` (no hint while the first rows are on their way)
and names the signals after which the hint looks again (``also_on``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QLabel

HINT_STYLE = "QLabel { color: #4b5563; padding: 16px; }"  # grey, yet legible on white
MAX_WIDTH = 520  # px: a hint reads as a short paragraph, not one long line


def _always() -> bool:
    return True


def _never() -> bool:
    return False


class EmptyHint(QObject):
    """The hint over ``view`` (a child of its viewport), shown while the model is empty."""

    def __init__(
        self,
        view: QAbstractItemView,
        *,
        empty: Callable[[], str],
        filtered: Callable[[], str] | None = None,
        is_filtered: Callable[[], bool] = _never,
        ready: Callable[[], bool] = _always,
        links: Mapping[str, Callable[[], object]] | None = None,
        also_on: Iterable[SignalInstance] = (),
    ) -> None:
        super().__init__(view)
        self.view = view
        self._empty = empty
        self._filtered = filtered
        self._is_filtered = is_filtered
        self._ready = ready
        self._links = dict(links or {})
        self.label = QLabel(view.viewport())
        self.label.setObjectName(f"{view.objectName() or 'table'}EmptyHint")
        self.label.setStyleSheet(HINT_STYLE)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(self._follow)
        self.label.hide()
        view.viewport().installEventFilter(self)
        self.label.installEventFilter(self)  # LanguageChange reaches the label too
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
            *also_on,
        ):
            signal.connect(self.refresh)
        self.refresh()

    # -- state ----------------------------------------------------------------------

    def showing(self) -> bool:
        """Whether the view is empty and says so (``label.isVisibleTo`` the view)."""
        return not self.label.isHidden()

    def text(self) -> str:
        return self.label.text()

    def plain_text(self) -> str:
        """The hint without its markup (tests and screen readers)."""
        from PySide6.QtGui import QTextDocumentFragment

        return QTextDocumentFragment.fromHtml(self.label.text()).toPlainText()

    def links(self) -> list[str]:
        return list(self._links)

    def refresh(self, *_args: object) -> None:
        model = self.view.model()
        empty = model is not None and model.rowCount() == 0 and self._ready()
        if not empty:
            self.label.hide()
            return
        text = self._filtered() if self._filtered and self._is_filtered() else self._empty()
        if text != self.label.text():
            self.label.setText(text)
        self._place()
        self.label.show()
        self.label.raise_()

    def follow(self, name: str) -> None:
        """Run the action of link ``name`` (what a click on it does)."""
        self._follow(name)

    # -- internals ------------------------------------------------------------------

    def _follow(self, href: str) -> None:
        action = self._links.get(href)
        if action is not None:
            action()

    def _place(self) -> None:
        area = self.view.viewport().rect()
        width = max(120, min(MAX_WIDTH, area.width() - 24))
        height = min(self.label.heightForWidth(width), max(area.height() - 8, 40))
        self.label.setGeometry(
            area.x() + (area.width() - width) // 2,
            area.y() + max(8, (area.height() - height) // 3),  # a little above the middle
            width,
            height,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.view.viewport():
            if self.showing():
                self._place()
        elif kind == QEvent.Type.LanguageChange and watched is self.label:
            self.label.setText("")  # asked again in the new language
            self.refresh()
        return super().eventFilter(watched, event)


def link(href: str, text: str) -> str:
    """A link for a hint's text: ``link("add", self.tr("Tambah desa"))``; its words stay
    on one line."""
    return f"<a href='{href}'>{text.replace(' ', '&nbsp;')}</a>"


__all__ = ["EmptyHint", "link"]
