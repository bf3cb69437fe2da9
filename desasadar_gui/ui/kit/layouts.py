"""Small builders for the layouts and widgets dialogs and tabs repeat: rows and
columns of widgets, labels tied to their field, form rows, named push buttons and the
OK/Cancel button box.

    actions = hbox(add_button, edit_button, STRETCH, count_label)
    form = form_rows((self.first_label, self.first), ("", self.strength))
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class _Stretch:
    """Marks where a row's free space goes (``hbox(..., STRETCH, ...)``)."""


STRETCH = _Stretch()

# A widget or a layout, a (widget, stretch) pair, STRETCH, or an int: that much spacing.
BoxItem = QWidget | QLayout | tuple[QWidget, int] | _Stretch | int


def fill_box(box: QBoxLayout, *items: BoxItem) -> QBoxLayout:
    for item in items:
        if isinstance(item, _Stretch):
            box.addStretch(1)
        elif isinstance(item, int):
            box.addSpacing(item)
        elif isinstance(item, tuple):
            box.addWidget(*item)
        elif isinstance(item, QLayout):
            box.addLayout(item)
        else:
            box.addWidget(item)
    return box


def hbox(*items: BoxItem, spacing: int | None = None) -> QHBoxLayout:
    """A horizontal row of ``items``, in order."""
    row = QHBoxLayout()
    if spacing is not None:
        row.setSpacing(spacing)
    fill_box(row, *items)
    return row


def vbox(*items: BoxItem, owner: QWidget | None = None) -> QVBoxLayout:
    """A column of ``items``; with ``owner``, the layout of that widget."""
    column = QVBoxLayout(owner) if owner is not None else QVBoxLayout()
    fill_box(column, *items)
    return column


def heading_label(scale: float = 1.2) -> QLabel:
    """A dialog's title line: bold, ``scale`` times the size of the text."""
    label = QLabel()
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def wrapped_label(name: str | None = None) -> QLabel:
    """A paragraph of text (an introduction, a hint) that wraps to the width."""
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    return label


def buddy_label(field: QWidget) -> QLabel:
    """An (empty, translated later) label whose mnemonic focuses ``field``."""
    label = QLabel()
    label.setBuddy(field)
    return label


def form_rows(*rows: tuple[QWidget | str, QWidget], owner: QWidget | None = None) -> QFormLayout:
    """A form of (label, field) rows; with ``owner``, the layout of that widget."""
    form = QFormLayout(owner) if owner is not None else QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    return form


def push_button(name: str, on_click: Callable[[], object]) -> QPushButton:
    """A named push button (text set by ``retranslate_ui``) calling ``on_click``."""
    button = QPushButton()
    button.setObjectName(name)
    button.clicked.connect(on_click)
    return button


def ok_cancel(
    dialog: QDialog,
    on_ok: Callable[[], object],
    ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
) -> QDialogButtonBox:
    """OK (or ``ok``, e.g. Save) calls ``on_ok`` (which accepts when it is content),
    Cancel rejects."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def name_ok_cancel(buttons: QDialogButtonBox, ok: str, cancel: str) -> None:
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)


def grow_to_fit(window: QWidget) -> None:
    """Make a shown window tall enough for its layout again, after something in it
    appeared (a message above the buttons): Qt does not grow a window whose wrapped
    texts' height depends on its width, and squeezes the rest instead."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = window.width()
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height(), layout.totalSizeHint().height())
    if window.height() < needed:
        window.resize(width, needed)
