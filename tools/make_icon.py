"""Draw the Desa Sadar app icon with QPainter and write it as PNG and multi-size ICO.

    QT_QPA_PLATFORM=offscreen python tools/make_icon.py

writes ``resources/icons/desasadar.png`` (256 px) and ``resources/desasadar.ico``
(16, 24, 32, 48, 64 and 256 px). The icon: a green rounded square (BPJS
Ketenagakerjaan's green), a white shield, and inside it a village roof over a check
mark - "a village that is covered". Every size is drawn at its own resolution (not
scaled down from 256) so the small ones stay crisp; below 32 px the roof is dropped
and only the shield and check remain.

The ICO container is written here: sizes up to 64 px as 32-bit BMP entries (alpha +
an empty AND mask, readable by every Windows tool, Inno Setup and the resource
compiler), 256 px as an embedded PNG (the Vista+ convention; keeps the file small).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parents[1]
PNG_OUT = ROOT / "resources" / "icons" / "desasadar.png"
ICO_OUT = ROOT / "resources" / "desasadar.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 256)
PNG_ENTRY_MIN = 256  # entries this large are stored as PNG, smaller ones as BMP

GREEN_LIGHT = QColor("#1FAF5C")
GREEN_DARK = QColor("#0A6E37")
GREEN_INK = QColor("#0B7A3E")
GOLD = QColor("#F5B700")
WHITE = QColor("#FFFFFF")


def _shield_path(cx: float, top: float, w: float, h: float) -> QPainterPath:
    """A heraldic shield: flat-ish top with rounded shoulders, sides curving to a point."""
    left, right = cx - w / 2, cx + w / 2
    shoulder = h * 0.09
    corner = w * 0.10
    path = QPainterPath()
    path.moveTo(cx, top)
    # Top edge rises gently to the centre; rounded shoulders; sides curve to the point.
    path.quadTo(cx + w * 0.30, top + shoulder * 0.35, right - corner, top + shoulder)
    path.quadTo(right, top + shoulder * 1.15, right, top + shoulder + corner)
    path.cubicTo(right, top + h * 0.58, cx + w * 0.28, top + h * 0.86, cx, top + h)
    path.cubicTo(cx - w * 0.28, top + h * 0.86, left, top + h * 0.58, left, top + shoulder + corner)
    path.quadTo(left, top + shoulder * 1.15, left + corner, top + shoulder)
    path.quadTo(cx - w * 0.30, top + shoulder * 0.35, cx, top)
    path.closeSubpath()
    return path


def draw_icon(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)

    # Background: rounded square with a soft vertical gradient.
    margin = 0.0 if size <= 24 else s * 0.03
    bg = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    grad = QLinearGradient(bg.topLeft(), bg.bottomLeft())
    grad.setColorAt(0.0, GREEN_LIGHT)
    grad.setColorAt(1.0, GREEN_DARK)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    radius = bg.width() * 0.22
    p.drawRoundedRect(bg, radius, radius)

    # White shield, centred, a little above the middle (its point carries visual weight).
    small = size < 32
    sw, sh = (s * 0.70, s * 0.80) if small else (s * 0.62, s * 0.72)
    top = (s - sh) / 2 - s * 0.01
    shield = _shield_path(s / 2, top, sw, sh)
    if not small:
        # A faint drop shadow lifts the shield off the background.
        p.save()
        p.translate(0, s * 0.018)
        p.setBrush(QColor(0, 0, 0, 45))
        p.drawPath(shield)
        p.restore()
    p.setBrush(WHITE)
    p.drawPath(shield)

    cx = s / 2
    if not small:
        # Village roof: a green chevron with a small gable window, in the upper shield.
        roof_w, roof_h = sw * 0.66, sh * 0.22
        roof_top = top + sh * 0.14
        roof = QPainterPath()
        roof.moveTo(cx, roof_top)
        roof.lineTo(cx + roof_w / 2, roof_top + roof_h)
        roof.lineTo(cx + roof_w / 2 - roof_w * 0.13, roof_top + roof_h)
        roof.lineTo(cx, roof_top + roof_h * 0.40)
        roof.lineTo(cx - roof_w / 2 + roof_w * 0.13, roof_top + roof_h)
        roof.lineTo(cx - roof_w / 2, roof_top + roof_h)
        roof.closeSubpath()
        p.setBrush(GREEN_INK)
        p.drawPath(roof)
        check_top = roof_top + roof_h + sh * 0.07
        check_w = sw * 0.50
        check_h = sh * 0.28
    else:
        check_top = top + sh * 0.24
        check_w = sw * 0.62
        check_h = sh * 0.40

    # Check mark: gold on the white shield, round caps.
    pen_w = max(s * (0.105 if small else 0.075), 1.6)
    pen = QPen(GOLD if not small else GREEN_INK, pen_w)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    left = QPointF(cx - check_w / 2, check_top + check_h * 0.50)
    bottom = QPointF(cx - check_w * 0.12, check_top + check_h * 0.92)
    right = QPointF(cx + check_w / 2, check_top + check_h * 0.02)
    check = QPainterPath(left)
    check.lineTo(bottom)
    check.lineTo(right)
    p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image entry as a 32-bit DIB: header, BGRA rows bottom-up, empty AND mask."""
    img = image.convertToFormat(QImage.Format.Format_ARGB32)  # straight alpha, BGRA in memory
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, w * h * 4, 0, 0, 0, 0)
    rows = []
    for y in range(h - 1, -1, -1):
        line = img.constScanLine(y)
        rows.append(bytes(line)[: w * 4])
    mask_stride = ((w + 31) // 32) * 4
    mask = b"\x00" * (mask_stride * h)  # alpha channel decides; the mask is all "opaque"
    return header + b"".join(rows) + mask


def ico_bytes(images: list[QImage]) -> bytes:
    entries = [png_bytes(im) if im.width() >= PNG_ENTRY_MIN else bmp_entry(im) for im in images]
    out = [struct.pack("<HHH", 0, 1, len(images))]
    offset = 6 + 16 * len(images)
    for im, data in zip(images, entries, strict=True):
        dim = 0 if im.width() >= 256 else im.width()  # 0 means 256 in the directory
        out.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        offset += len(data)
    return b"".join(out) + b"".join(entries)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    PNG_OUT.parent.mkdir(parents=True, exist_ok=True)
    PNG_OUT.write_bytes(png_bytes(draw_icon(256)))
    ICO_OUT.write_bytes(ico_bytes([draw_icon(n) for n in ICO_SIZES]))
    print(f"wrote {PNG_OUT.relative_to(ROOT)} and {ICO_OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
