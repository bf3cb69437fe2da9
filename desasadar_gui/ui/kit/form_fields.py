"""Small input widgets for fast keyboard entry: dates, Rupiah amounts, searchable lists,
and the message line shown under a field."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.ui.kit.i18n import language

ERROR_COLOUR = "#b91c1c"
WARNING_COLOUR = "#a16207"
INFO_COLOUR = "#4b5563"


_CURRENT = object()


def refill(
    combo: QComboBox,
    items: Iterable[tuple[str, Any]],
    first: tuple[str, Any] | None = None,
    keep: Any = _CURRENT,
) -> None:
    """Replace the items of ``combo`` by ``first`` (e.g. "all", "") and ``items`` (text,
    data), without signals, choosing ``keep`` (by default the data chosen before) when
    it is still there, else the first item."""
    current = combo.currentData() if keep is _CURRENT else keep
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(*first)
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.blockSignals(False)
    widen_popup(combo)


POPUP_MAX_WIDTH = 900  # px: a list as wide as a 1366x768 laptop allows beside the form


def widen_popup(combo: QComboBox) -> None:
    """Let the open list show each item whole ("Sumber Agung — Sungai Gelam, Kab. Muaro
    Jambi") even where the closed box is narrower and cuts it."""
    view = combo.view()
    widest = max(
        (combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
        default=0,
    )
    room = view.verticalScrollBar().sizeHint().width() + 24  # scroll bar, item margins
    view.setMinimumWidth(min(POPUP_MAX_WIDTH, widest + room))


def make_searchable(combo: QComboBox) -> None:
    """Type a few letters found anywhere in an item and pick it from the list."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


def chosen_data(combo: QComboBox) -> object:
    """The data of the item whose text is in an editable combo; None if none matches."""
    index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
    return combo.itemData(index) if index >= 0 else None


class DateField(QLineEdit):
    """dd/mm/yyyy typed as eight digits; blank means "no date"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setInputMask("00/00/0000;_")
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 16)

    def is_blank(self) -> bool:
        return not re.sub(r"\D", "", self.text())

    def date(self) -> date | None:
        """The date typed, or None when blank or not a real date (see :meth:`is_valid`)."""
        digits = re.sub(r"\D", "", self.text())
        if len(digits) != 8:
            return None
        try:
            return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        except ValueError:
            return None

    def is_valid(self) -> bool:
        return self.is_blank() or self.date() is not None

    def set_date(self, value: date | None) -> None:
        self.setText(value.strftime("%d%m%Y") if value else "")


class RupiahEdit(QLineEdit):
    """Whole Rupiah, grouped with dots while typing: 2500000 shows as 2.500.000."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(15)
        self.setPlaceholderText("0")
        self.textEdited.connect(self._regroup)

    def value(self) -> int:
        digits = re.sub(r"\D", "", self.text())
        return int(digits) if digits else 0

    def set_value(self, amount: int) -> None:
        self.setText(format_rupiah(amount).removeprefix("Rp") if amount else "")

    def _regroup(self, text: str) -> None:
        digits_before = len(re.sub(r"\D", "", text[: self.cursorPosition()]))
        digits = re.sub(r"\D", "", text).lstrip("0")
        grouped = format_rupiah(int(digits)).removeprefix("Rp") if digits else ""
        self.setText(grouped)
        position, seen = 0, 0
        while position < len(grouped) and seen < digits_before:
            if grouped[position].isdigit():
                seen += 1
            position += 1
        self.setCursorPosition(position)


class FieldMessage(QLabel):
    """The line under a field: an error, a warning or a hint (hidden when empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_text(self, text: str, colour: str = ERROR_COLOUR) -> None:
        self.setText(text)
        self.setStyleSheet(f"color: {colour};")
        self.setVisible(bool(text))

    def clear_text(self) -> None:
        self.show_text("")


def with_message(widget: QWidget, key: str) -> tuple[QWidget, FieldMessage]:
    """``widget`` above its message line (named ``message_<key>``), for a form row."""
    message = FieldMessage()
    message.setObjectName(f"message_{key}")
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    layout.addWidget(message)
    return cell, message


def show_field_messages(
    messages: Mapping[str, FieldMessage],
    problems: Iterable[tuple[str, str]],
    loose: FieldMessage,
) -> list[str]:
    """Every problem (field, text) at once, under its field; those of no field shown
    go to ``loose``. Returns the fields that have a problem, in the order given."""
    by_field: dict[str, list[str]] = {}
    for key, text in problems:
        by_field.setdefault(key, []).append(text)
    for key, message in messages.items():
        message.show_text("\n".join(by_field.get(key, ())))
    loose.show_text(
        "\n".join(t for key, texts in by_field.items() if key not in messages for t in texts)
    )
    return [key for key in by_field if key in messages]


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def interface_locale() -> QLocale:
    """Indonesian or English (British: day before month), as the interface speaks."""
    if language() == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class DateEdit(QDateEdit):
    """A date picked from a calendar, always shown 01/12/2026 (never the platform's
    "1 12 2026"), with month and day names in the interface language."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(qdate(value or date.today()), parent)
        self.setDisplayFormat(DATE_DISPLAY_FORMAT)
        self.setCalendarPopup(True)
        self._follow_language()

    def _follow_language(self) -> None:
        locale = interface_locale()
        self.setLocale(locale)
        calendar = self.calendarWidget()
        calendar.setLocale(locale)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._follow_language()
        super().changeEvent(event)


DATE_DISPLAY_FORMAT = "dd/MM/yyyy"


def date_edit(value: date | None = None) -> QDateEdit:
    """A date picked from a calendar, shown dd/MM/yyyy (see :class:`DateEdit`)."""
    return DateEdit(value)
