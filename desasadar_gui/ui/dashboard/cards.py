"""The cards the dashboard is made of, and their style sheet."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid #d5dbe1; border-radius: 6px; }
QLabel#cardTitle { color: #1f4e79; font-weight: bold; }
QLabel#kpiValue { color: #1f2933; }
QLabel#kpiNote { color: #5f6b7a; }
QPushButton#scopeKabupaten, QPushButton#scopeVillage, QPushButton#scopeOfficer {
    background: palette(base); color: #1f4e79; border: 1px solid #b8c4d0;
    padding: 3px 12px; }
QPushButton#scopeKabupaten { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QPushButton#scopeOfficer { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
QPushButton#scopeKabupaten:checked, QPushButton#scopeVillage:checked,
QPushButton#scopeOfficer:checked { background: #1f6fb2; color: white; border-color: #1f6fb2; }
QTableView#breakdownTable QHeaderView::section {
    background: #eef2f6; color: #1f2933; border: none; border-bottom: 1px solid #d5dbe1;
    padding: 3px 16px 3px 4px; }
"""
# The right padding of the header sections keeps right-aligned titles clear of the
# sort arrow, which the style sheet draws at the right end of the section.


class Card(QFrame):
    """A white rounded panel with a title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 9, 12, 10)
        self.body.setSpacing(5)
        self.body.addWidget(self.title)


class KpiCard(Card):
    """A headline figure: title, big number, a note under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("…")
        self.value.setObjectName("kpiValue")
        font = QFont(self.value.font())
        font.setPointSizeF(max(font.pointSizeF(), 9) * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel()
        self.note.setObjectName("kpiNote")
        self.note.setWordWrap(True)
        self.body.addWidget(self.value)
        self.body.addWidget(self.note)
        self.body.addStretch(1)
