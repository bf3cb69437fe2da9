"""The application's style: the platform's own, with two corrections so that no text
is cut off or drawn over.

- Labels get 3 px of room on the right. A label is laid out at the width of its text's
  *advance*, but with fractional glyph metrics (Linux, and DirectWrite on Windows) the
  ink of the last letter reaches a pixel beyond it: "Telepon" was drawn as "Telepor"
  in every form whose label column is exactly as wide as its widest label.
- A tool button that opens its menu on a click (*Hasil*, *Data pribadi*) has room
  for the small menu arrow, which Fusion draws over the end of the text.
- A sorted header section keeps its title clear of the sort arrow (right-aligned
  titles were drawn under it).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionHeader,
    QStyleOptionToolButton,
    QToolButton,
    QWidget,
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

    def subElementRect(self, element, option: QStyleOption, widget: QWidget | None = None):  # type: ignore[override]
        rect = super().subElementRect(element, option, widget)
        if (
            element == QStyle.SubElement.SE_HeaderLabel
            and isinstance(option, QStyleOptionHeader)
            and option.sortIndicator != QStyleOptionHeader.SortIndicator.None_
        ):
            arrow = super().subElementRect(QStyle.SubElement.SE_HeaderArrow, option, widget)
            if (
                arrow.isValid()
                and arrow.left() > rect.center().x()
                and rect.right() >= arrow.left()
            ):
                rect.setRight(arrow.left() - 2)
        return rect


def install_style(app: QApplication) -> None:
    """Make :class:`TextFitStyle` (over the current style) the application's style."""
    if isinstance(app.style(), TextFitStyle):
        return
    base = QStyleFactory.create(app.style().name())
    app.setStyle(TextFitStyle(base) if base is not None else TextFitStyle())
