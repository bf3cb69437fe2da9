"""Find text a layout cut off: labels, buttons, check boxes, group titles and table
headers drawn smaller than their text needs (or with a sort arrow over their text).

Used by the screenshot command (a warning per widget) and by its test (none allowed).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QToolButton,
    QWidget,
)


@dataclass(frozen=True)
class Clipped:
    kind: str  # the widget's class, or "header"
    name: str  # its objectName, else its window's path of class names
    text: str
    needed: QSize
    actual: QSize

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.name!r} {self.text!r}: needs {self.needed.width()}x"
            f"{self.needed.height()}, has {self.actual.width()}x{self.actual.height()}"
        )


def _plain(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def _name(widget: QWidget) -> str:
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None and len(parts) < 4:
        parts.append(current.objectName() or type(current).__name__)
        if current.objectName():
            break
        current = current.parentWidget()
    return "/".join(reversed(parts))


def _label_need(label: QLabel) -> QSize | None:
    if not label.text().strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    hint = label.sizeHint()
    if not label.wordWrap() and label.textFormat() != Qt.TextFormat.RichText:
        text = label.text()
        if not QtGui.Qt.mightBeRichText(text):
            # The ink of the last letter may reach past the text's advance (fractional
            # glyph metrics): a label exactly as wide as its advance cuts it.
            shown = _plain(text) if label.buddy() is not None else text
            ink = label.fontMetrics().boundingRect(shown)
            advance = label.fontMetrics().horizontalAdvance(shown)
            overshoot = ink.x() + ink.width() - advance  # the right margin may hold it
            m = label.contentsMargins()
            width = m.left() + advance + max(m.right(), overshoot) + 2 * label.margin()
            hint = QSize(max(hint.width(), width), hint.height())
    if label.wordWrap():
        # A wrapped label may be narrower than its one-line hint; it needs the height
        # its text takes at the width it has.
        height = label.heightForWidth(label.width())
        return QSize(label.width(), max(height, label.minimumSizeHint().height()))
    return hint


def _button_need(button: QAbstractButton) -> QSize | None:
    if not button.text().strip():
        return None
    return button.sizeHint()


def _menu_button_need(button: QToolButton) -> QSize | None:
    """A tool button opening its menu on a click: its text plus the menu arrow."""
    if (
        not button.text().strip()
        or button.menu() is None
        or button.popupMode() != QToolButton.ToolButtonPopupMode.InstantPopup
        or button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    ):
        return None
    style = button.style()
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    text = button.fontMetrics().horizontalAdvance(_plain(button.text()))
    return QSize(text + arrow + 8, button.height())


def _group_need(box: QGroupBox) -> QSize | None:
    if not box.title().strip():
        return None
    return box.minimumSizeHint()


def _header_problems(header: QHeaderView) -> list[Clipped]:
    """Sections narrower than their title (plus the sort arrow on the sorted one)."""
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    metrics = header.fontMetrics()
    found: list[Clipped] = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, Qt.Orientation.Horizontal)
        if not isinstance(text, str) or not text.strip():
            continue
        # Wider than this: the text is elided, or (sorted) the arrow is drawn over it.
        needed = metrics.horizontalAdvance(text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += arrow + margin
        size = header.sectionSize(section)
        if size < needed:
            found.append(
                Clipped(
                    "header",
                    _name(header),
                    text,
                    QSize(needed, header.height()),
                    QSize(size, header.height()),
                )
            )
    return found


def find_clipped_widgets(root: QWidget) -> list[Clipped]:
    """The visible labels, push buttons, check boxes, radio buttons, group boxes and
    table headers under ``root`` (itself included) whose text does not fit their
    geometry. ``root`` must be shown and laid out (call after the events settle)."""
    found: list[Clipped] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        need: QSize | None = None
        text = ""
        if isinstance(widget, QLabel):
            need, text = _label_need(widget), widget.text()
        elif isinstance(widget, QPushButton | QCheckBox | QRadioButton):
            need, text = _button_need(widget), widget.text()
        elif isinstance(widget, QToolButton):
            need, text = _menu_button_need(widget), widget.text()
        elif isinstance(widget, QGroupBox):
            need, text = _group_need(widget), widget.title()
        elif isinstance(widget, QHeaderView):
            found.extend(_header_problems(widget))
            continue
        if need is None:
            continue
        actual = widget.size()
        if need.width() > actual.width() or need.height() > actual.height():
            found.append(Clipped(type(widget).__name__, _name(widget), _plain(text), need, actual))
    return found
