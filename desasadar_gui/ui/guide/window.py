"""The guide window (*Bantuan → Panduan*, F1): a table of contents beside the page.

The pages are plain HTML in ``resources/guide/<lang>/index.html`` with their
screenshots beside them (``python -m desasadar_gui.ui.guide.shots`` draws them again,
see docs/guide.md). Each section starts with ``<h2><a name="key"></a>Title</h2>``; the
contents list is read from those headings, and the keys are the same in every
language, so a language switch keeps the section in view. Not modal: the officer reads
and works at the same time, and F1 brings the one window back to the front.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QWidget

from desasadar_gui.paths import resource_path
from desasadar_gui.ui.kit.i18n import DEFAULT_LANGUAGE, Retranslating, language
from desasadar_gui.ui.kit.layouts import vbox

_HEADING = re.compile(r'<h2[^>]*>\s*<a name="([\w-]+)"></a>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")
ANCHOR_ROLE = int(Qt.ItemDataRole.UserRole)


def guide_page(lang: str) -> Path:
    """The guide's HTML file in ``lang`` (Indonesian when there is none in it)."""
    page = resource_path("guide", lang, "index.html")
    return page if page.is_file() else resource_path("guide", DEFAULT_LANGUAGE, "index.html")


def sections(page: Path) -> list[tuple[str, str]]:
    """(anchor, title) of each section of ``page``, in order."""
    text = page.read_text(encoding="utf-8")
    return [
        (anchor, html.unescape(_TAG.sub("", title)).strip())
        for anchor, title in _HEADING.findall(text)
    ]


class GuideWindow(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A window of its own (not a dialog on top of the main window).
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("GuideWindow")
        self.page: Path | None = None
        self.lang = ""
        self.toc = QListWidget()
        self.toc.setObjectName("guideContents")
        self.toc.setWordWrap(True)  # long titles wrap instead of scrolling sideways
        self.toc.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.toc.setMinimumWidth(200)
        self.toc.currentItemChanged.connect(self._toc_chosen)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)  # "#anchor" links move within the page
        splitter = QSplitter()
        splitter.addWidget(self.toc)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 940])
        layout = vbox(splitter, owner=self)
        layout.setContentsMargins(6, 6, 6, 6)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence("Esc"), self, self.close)
        self.resize(1200, 690)  # fits a 1366x768 screen above the taskbar
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Panduan Desa Sadar"))
        self.toc.setToolTip(self.tr("Daftar isi"))
        if language() != self.lang:
            self.load(language())

    # -- contents -------------------------------------------------------------------

    def load(self, lang: str) -> None:
        """Show the guide in ``lang``, at the section that was in view."""
        keep = self.current_section()
        self.lang = lang
        self.page = guide_page(lang)
        self.browser.setSource(QUrl.fromLocalFile(str(self.page)))
        self.toc.blockSignals(True)
        self.toc.clear()
        for anchor, title in sections(self.page):
            item = QListWidgetItem(title)
            item.setData(ANCHOR_ROLE, anchor)
            self.toc.addItem(item)
        self.toc.blockSignals(False)
        if keep:
            self.show_section(keep)
        elif self.toc.count():
            self.toc.setCurrentRow(0)

    def current_section(self) -> str | None:
        item = self.toc.currentItem()
        return str(item.data(ANCHOR_ROLE)) if item is not None else None

    def section_anchors(self) -> list[str]:
        return [str(self.toc.item(i).data(ANCHOR_ROLE)) for i in range(self.toc.count())]

    def show_section(self, anchor: str) -> None:
        anchors = self.section_anchors()
        if anchor in anchors:
            self.toc.setCurrentRow(anchors.index(anchor))  # scrolls there
        else:
            self.browser.scrollToAnchor(anchor)

    def _toc_chosen(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self.browser.scrollToAnchor(str(item.data(ANCHOR_ROLE)))

    # -- checks ---------------------------------------------------------------------

    def image_names(self) -> list[str]:
        """The image names the shown page refers to, in order."""
        names: list[str] = []
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    names.append(fmt.toImageFormat().name())
                it += 1
            block = block.next()
        return names

    def missing_images(self) -> list[str]:
        """Images of the page that do not load (an empty list when all are there)."""
        kind = QTextDocument.ResourceType.ImageResource
        missing = []
        for name in self.image_names():
            found = self.browser.loadResource(int(kind), QUrl(name))
            if found is None or getattr(found, "isNull", lambda: True)():
                missing.append(name)
        return missing


def show_guide(widget: QWidget | None, section: str | None = None) -> GuideWindow:
    """Bring up the guide of ``widget``'s window (one per window), at ``section``."""
    owner = widget.window() if widget is not None else None
    guide = owner.findChild(GuideWindow) if owner is not None else None
    if guide is None:
        guide = GuideWindow(owner)
    if section:
        guide.show_section(section)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide


__all__ = ["GuideWindow", "guide_page", "sections", "show_guide"]
