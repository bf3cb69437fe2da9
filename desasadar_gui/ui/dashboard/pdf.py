"""The dashboard as a PDF: the cards as drawn, on one A4 landscape page (vector text
and charts)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from desasadar_gui.files import replaced_when_done


def _quiet_pdf_gradients():
    """A message handler that drops one harmless warning while painting widgets into a
    PDF (the platform style's gradients become solid fills), passing on the rest."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, message):
        if "unable to create a gradient" in message:
            return
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    return lambda: qInstallMessageHandler(previous)


def write_board_pdf(
    target: Path, board: QWidget, font: QFont, title: str, heading: str, note: str
) -> None:
    """``board`` under ``heading`` and ``note``, written beside ``target`` first and then
    moved into place; raises OSError (nothing is left behind)."""
    if not target.parent.is_dir():
        raise FileNotFoundError(str(target.parent))
    with replaced_when_done(target) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setPageMargins(QMarginsF(8, 8, 8, 8), QPageLayout.Unit.Millimeter)
        writer.setResolution(150)
        writer.setTitle(title)
        writer.setCreator("Desa Sadar")
        painter = QPainter()
        if not painter.begin(writer):
            raise PermissionError(str(target))
        restore = _quiet_pdf_gradients()
        try:
            area = writer.pageLayout().paintRectPixels(writer.resolution())
            title_font = QFont(font)
            title_font.setPointSizeF(max(title_font.pointSizeF(), 9) * 1.5)
            title_font.setBold(True)
            title_h = QFontMetrics(title_font).height() + QFontMetrics(font).height() + 12
            scale = min(area.width() / board.width(),
                        area.height() / (board.height() + title_h))  # fmt: skip
            painter.scale(scale, scale)
            painter.setFont(title_font)
            painter.setPen(QColor("#1f4e79"))
            painter.drawText(QPoint(4, QFontMetrics(title_font).ascent()), heading)
            painter.setFont(font)
            painter.setPen(QColor("#5f6b7a"))
            painter.drawText(
                QPoint(
                    4,
                    QFontMetrics(title_font).height() + QFontMetrics(font).ascent() + 2,
                ),
                note,
            )
            board.render(painter, QPoint(0, title_h))
        finally:
            painter.end()
            restore()
