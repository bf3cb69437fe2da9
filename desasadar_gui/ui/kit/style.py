"""The application's style: the platform's own, with corrections so that no text is
cut off or drawn over.

- Labels get 3 px of room on the right. A label is laid out at the width of its text's
  *advance*, but with fractional glyph metrics (Linux, and DirectWrite on Windows) the
  ink of the last letter can reach a pixel or two beyond it ("Village head/leader"
  lost the edge of its "r"), in every form whose label column is exactly as wide as
  its widest label.
- A tool button that opens its menu on a click (*Hasil*, *Data pribadi*) has room
  for the small menu arrow, which Fusion draws over the end of the text.
- A sorted header section keeps its title clear of the sort arrow (right-aligned
  titles such as "Hadir" were drawn under it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOptionHeader,
    QStyleOptionToolButton,
    QToolButton,
)

LABEL_ROOM = 3  # px to the right of every label's text (the ink overshoots up to 2)
_POLISHED = "desasadarTextRoom"


class TextFitStyle(QProxyStyle):
    def polish(self, arg):  # type: ignore[override]
        if isinstance(arg, QLabel) and not arg.property(_POLISHED):
            arg.setProperty(_POLISHED, True)
            m = arg.contentsMargins()
            arg.setContentsMargins(m.left(), m.top(), m.right() + LABEL_ROOM, m.bottom())
        return super().polish(arg)

    def sizeFromContents(self, type_, option, size, widget=None):  # type: ignore[override]
        result = super().sizeFromContents(type_, option, size, widget)
        if (
            type_ == QStyle.ContentsType.CT_ToolButton
            and isinstance(widget, QToolButton)
            and isinstance(option, QStyleOptionToolButton)
            and widget.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup
            and widget.menu() is not None
            and widget.text()
        ):
            arrow = self.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, widget)
            result.setWidth(result.width() + arrow)
        return result

    def drawControl(self, element, option, painter, widget=None):  # type: ignore[override]
        if (
            element == QStyle.ControlElement.CE_HeaderLabel
            and isinstance(option, QStyleOptionHeader)
            and option.sortIndicator != QStyleOptionHeader.SortIndicator.None_
            and option.orientation == Qt.Orientation.Horizontal
        ):
            # The label's rect is the section's (less margins): the arrow at its right
            # end was drawn over a right-aligned or a long title.
            mark = self.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, option, widget)
            margin = self.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, option, widget)
            clear = QStyleOptionHeader(option)
            clear.rect = option.rect.adjusted(0, 0, -(mark + margin), 0)
            return super().drawControl(element, clear, painter, widget)
        return super().drawControl(element, option, painter, widget)


def install_style(app: QApplication) -> None:
    """Make :class:`TextFitStyle` (over the current style) the application's style."""
    if isinstance(app.style(), TextFitStyle):
        return
    base = QStyleFactory.create(app.style().name())
    app.setStyle(TextFitStyle(base) if base is not None else TextFitStyle())
