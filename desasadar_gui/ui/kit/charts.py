"""Small charts drawn with QPainter (PySide6-Essentials has no QtCharts).

Each widget takes plain numbers and labels, paints crisp bars with their values
written on them, and sizes its fonts from the widget's own font, so they read well on
a 1366x768 laptop and scale with the system font. Numbers are formatted with the
current QLocale (12.345 in Indonesian, 12,345 in English).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desasadar_gui.domain import display
from desasadar_gui.errors import current_language

BLUE = QColor("#1f6fb2")
BLUE_LIGHT = QColor("#9cc3e6")
GREEN = QColor("#2e8b57")
AMBER = QColor("#d9912b")
RED = QColor("#c0392b")
GREY = QColor("#8a94a0")
GRID = QColor("#e3e7ec")
TEXT = QColor("#1f2933")
MUTED = QColor("#5f6b7a")
TRACK = QColor("#e8edf2")


def fmt_int(n: int | float | None) -> str:
    """A count in the language in force (``domain.display.count``); a dash for None."""
    if n is None:
        return "–"
    return display.count(int(round(n)), current_language())


def fmt_pct(ratio: float | None, decimals: int = 1) -> str:
    if ratio is None:
        return "–"
    return QLocale().toString(ratio * 100, "f", decimals) + "%"


def pace_colour(ratio: float | None, expected: float | None) -> QColor:
    """Green when on pace for the year, amber when behind, red when far behind."""
    if ratio is None:
        return GREY
    if expected is None or expected <= 0 or ratio >= expected:
        return GREEN
    return AMBER if ratio >= 0.75 * expected else RED


def _nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5, 5 x 10^n) giving about ``ticks`` grid lines."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _font(base: QFont, delta: float = 0, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(6.0, font.pointSizeF() + delta))
    font.setBold(bold)
    return font


class BarChart(QWidget):
    """Vertical bars with category labels below and values above, on a light grid; an
    optional dashed reference line (e.g. the monthly pace a target needs)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._values: list[int] = []
        self._highlight: set[int] = set()
        self._reference: float | None = None
        self._reference_label = ""
        self._empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(150)

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[int],
        reference: float | None = None,
        reference_label: str = "",
        muted: Sequence[int] = (),
    ) -> None:
        """``muted``: indexes drawn lighter (e.g. months still to come)."""
        self._labels = list(labels)
        self._values = [int(v) for v in values]
        self._reference = reference if reference and reference > 0 else None
        self._reference_label = reference_label
        self._highlight = set(muted)
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def values(self) -> list[int]:
        return list(self._values)

    def sizeHint(self) -> QSize:
        return QSize(520, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = _font(self.font(), -1)
        p.setFont(small)
        fm = QFontMetrics(small)
        rect = QRectF(self.rect()).adjusted(4, 6, -6, -4)
        if not self._values or (max(self._values) == 0 and not self._reference):
            p.setPen(MUTED)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        top_value = max(max(self._values), self._reference or 0) * 1.12
        step = _nice_step(top_value)
        top_value = math.ceil(top_value / step) * step
        axis_w = fm.horizontalAdvance(fmt_int(top_value)) + 8
        legend_h = fm.height() + 4 if self._reference and self._reference_label else 0
        top_pad = legend_h + fm.height()  # room for the legend and the tallest value
        plot = QRectF(rect.left() + axis_w, rect.top() + top_pad,
                      rect.width() - axis_w, rect.height() - top_pad - fm.height() - 6)  # fmt: skip

        def y_of(v: float) -> float:
            return plot.bottom() - (v / top_value) * plot.height()

        # Grid and axis labels.
        v = 0.0
        while v <= top_value + 1e-9:
            y = round(y_of(v)) + 0.5
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(
                QRectF(rect.left(), y - fm.height() / 2, axis_w - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fmt_int(v),
            )
            v += step
        n = len(self._values)
        slot = plot.width() / n
        bar_w = max(4.0, slot * 0.62)
        value_font = _font(self.font(), -1, bold=True)
        vfm = QFontMetrics(value_font)
        for i, value in enumerate(self._values):
            x = plot.left() + i * slot + (slot - bar_w) / 2
            y = y_of(value)
            colour = BLUE_LIGHT if i in self._highlight else BLUE
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            if value > 0:
                p.drawRoundedRect(QRectF(x, y, bar_w, plot.bottom() - y), 2, 2)
            # Value above the bar; shown only when it fits the slot.
            text = fmt_int(value)
            if value > 0 and vfm.horizontalAdvance(text) <= slot + 2:
                p.setFont(value_font)
                p.setPen(TEXT)
                p.drawText(
                    QRectF(x - slot, y - vfm.height() - 1, bar_w + 2 * slot, vfm.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    text,
                )
            p.setFont(small)
            p.setPen(MUTED)
            if i < len(self._labels):
                p.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                           self._labels[i])  # fmt: skip
        if self._reference:
            y = y_of(self._reference)
            pen = QPen(AMBER, 1.6, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        if self._reference and self._reference_label:
            # Legend above the plot, right-aligned: a dashed sample and its label.
            p.setFont(small)
            w = fm.horizontalAdvance(self._reference_label)
            x_text = rect.right() - w
            y_mid = rect.top() + fm.height() / 2
            p.setPen(QPen(AMBER, 1.6, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x_text - 30, y_mid), QPointF(x_text - 6, y_mid))
            p.setPen(MUTED)
            p.drawText(QRectF(x_text, rect.top(), w + 2, fm.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       self._reference_label)  # fmt: skip
        p.end()


class HBarChart(QWidget):
    """Horizontal bars, one row per category: label, bar, value (and share)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int]] = []
        self._total: int | None = None
        self._colour = BLUE
        self._empty_text = ""
        self._label_share = 0.45
        self._muted_last = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, rows: Sequence[tuple[str, int]], total: int | None = None,
                 colour: QColor | None = None, label_share: float = 0.45,
                 muted_last: bool = False) -> None:  # fmt: skip
        """``total``: when given, each value also shows its share of it; ``muted_last``
        draws the last row grey (an "everything else" row)."""
        self._rows = [(label, int(v)) for label, v in rows]
        self._muted_last = muted_last
        self._total = total
        self._colour = colour or BLUE
        self._label_share = label_share
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def rows(self) -> list[tuple[str, int]]:
        return list(self._rows)

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 7

    def sizeHint(self) -> QSize:
        return QSize(320, max(60, len(self._rows) * self._row_height() + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, min(120, self.sizeHint().height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        rect = QRectF(self.rect()).adjusted(2, 2, -4, -2)
        if not self._rows or max(v for _, v in self._rows) == 0:
            p.setPen(MUTED)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        row_h = min(float(self._row_height()), rect.height() / len(self._rows))
        label_w = rect.width() * self._label_share
        top = max(v for _, v in self._rows)
        value_texts = []
        for _, v in self._rows:
            text = fmt_int(v)
            if self._total:
                text += f"  ({fmt_pct(v / self._total, 0)})"
            value_texts.append(text)
        value_w = max(fm.horizontalAdvance(t) for t in value_texts) + 8
        bar_area = max(10.0, rect.width() - label_w - value_w - 6)
        bold = _font(self.font(), 0, bold=True)
        for i, ((label, value), text) in enumerate(zip(self._rows, value_texts, strict=True)):
            y = rect.top() + i * row_h
            if y + row_h > rect.bottom() + 1:
                break
            p.setPen(TEXT)
            p.setFont(self.font())
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 6))
            p.drawText(
                QRectF(rect.left(), y, label_w - 6, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                elided,
            )
            bar_h = max(6.0, row_h * 0.58)
            x0 = rect.left() + label_w
            width = bar_area * value / top if top else 0
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(TRACK)
            p.drawRoundedRect(QRectF(x0, y + (row_h - bar_h) / 2, bar_area, bar_h), 2, 2)
            last = i == len(self._rows) - 1
            p.setBrush(GREY if self._muted_last and last else self._colour)
            if width > 0:
                p.drawRoundedRect(QRectF(x0, y + (row_h - bar_h) / 2, max(2.0, width), bar_h),
                                  2, 2)  # fmt: skip
            p.setFont(bold)
            p.setPen(TEXT)
            p.drawText(
                QRectF(x0 + bar_area + 6, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
        p.end()


class SegmentBar(QWidget):
    """One horizontal bar split into coloured segments, with a legend under it
    (e.g. villages: prospect / socialised / launched)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments: list[tuple[str, int, QColor]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, segments: Sequence[tuple[str, int, QColor]]) -> None:
        self._segments = [(label, int(v), QColor(c)) for label, v, c in segments]
        self.updateGeometry()
        self.update()

    def segments(self) -> list[tuple[str, int]]:
        return [(label, v) for label, v, _ in self._segments]

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(300, 22 + 6 + len(self._segments) * (fm.height() + 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(180, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        rect = QRectF(self.rect()).adjusted(1, 1, -2, -1)
        total = sum(v for _, v, _ in self._segments)
        bar = QRectF(rect.left(), rect.top(), rect.width(), 20)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(TRACK)
        p.drawRoundedRect(bar, 3, 3)
        x = bar.left()
        bold = _font(self.font(), -1, bold=True)
        for _label, value, colour in self._segments:
            if not total or not value:
                continue
            w = bar.width() * value / total
            p.setBrush(colour)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRect(QRectF(x, bar.top(), w, bar.height()))
            text = fmt_int(value)
            p.setFont(bold)
            if QFontMetrics(bold).horizontalAdvance(text) + 6 < w:
                p.setPen(QColor("white"))
                p.drawText(QRectF(x, bar.top(), w, bar.height()), Qt.AlignmentFlag.AlignCenter,
                           text)  # fmt: skip
            x += w
        y = bar.bottom() + 6
        p.setFont(self.font())
        for label, value, colour in self._segments:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(rect.left(), y + (fm.height() - 10) / 2, 10, 10), 2, 2)
            p.setPen(TEXT)
            share = f" ({fmt_pct(value / total, 0)})" if total else ""
            p.drawText(QRectF(rect.left() + 16, y, rect.width() - 16, fm.height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       f"{label}: {fmt_int(value)}{share}")  # fmt: skip
            y += fm.height() + 4
        p.end()


class ProgressMeter(QWidget):
    """A thick progress bar with the percentage written on it, and an optional tick
    where the year's pace says progress should be by now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ratio: float | None = None
        self._expected: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(22)

    def set_progress(self, ratio: float | None, expected: float | None = None) -> None:
        self._ratio = ratio
        self._expected = expected
        self.setToolTip(fmt_pct(ratio))
        self.update()

    def ratio(self) -> float | None:
        return self._ratio

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_progress(p, QRectF(self.rect()).adjusted(0, 1, -1, -1), self._ratio, self._expected,
                       _font(self.font(), 0, bold=True))  # fmt: skip
        p.end()


def paint_progress(p: QPainter, rect: QRectF, ratio: float | None, expected: float | None,
                   font: QFont) -> None:  # fmt: skip
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(TRACK)
    p.drawRoundedRect(rect, 3, 3)
    text = fmt_pct(ratio) if ratio is not None else "–"
    if ratio is not None and ratio > 0:
        fill = QRectF(rect.left(), rect.top(), rect.width() * min(1.0, ratio), rect.height())
        p.setBrush(pace_colour(ratio, expected))
        p.drawRoundedRect(fill, 3, 3)
    if expected is not None and 0 < expected < 1:
        x = rect.left() + rect.width() * expected
        p.setPen(QPen(TEXT, 1.4))
        p.drawLine(QPointF(x, rect.top() - 1), QPointF(x, rect.bottom() + 1))
    p.setFont(font)
    fm = QFontMetrics(font)
    filled = rect.width() * min(1.0, ratio) if ratio is not None and ratio > 0 else 0.0
    inside = filled > fm.horizontalAdvance(text) + 10
    align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    if inside:  # white on the coloured part
        p.setPen(QColor("white"))
        p.drawText(rect.adjusted(6, 0, -4, 0), align, text)
    else:  # dark on the light track, after the coloured part (never dark on red)
        p.setPen(TEXT)
        p.drawText(rect.adjusted(max(6.0, filled + 5), 0, -4, 0), align, text)


class ProgressDelegate(QStyledItemDelegate):
    """Paints a float ratio (the index's UserRole) as a progress bar with its percentage;
    the "expected by now" ratio comes from the model's UserRole + 1."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        ratio = index.data(Qt.ItemDataRole.UserRole)
        expected = index.data(Qt.ItemDataRole.UserRole + 1)
        style = option.widget.style() if option.widget else None
        if style is not None:
            # Background (selection, alternating rows) as the view draws it.
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 4, -4, -4)
        font = QFont(option.font)
        font.setBold(True)
        paint_progress(painter, rect, ratio, expected, font)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        return QSize(120, 22)
