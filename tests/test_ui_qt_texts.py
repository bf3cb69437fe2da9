"""Qt's own dialogs and date fields in the interface language (issue 14): date fields
show 01/12/2026 with Indonesian month names in the calendar, Qt's file and colour
dialogs read in Indonesian, and English when the language is switched."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QColorDialog, QFileDialog, QLabel, QPushButton

from desasadar_gui.ui.kit import i18n
from desasadar_gui.ui.kit.form_fields import DateEdit, pydate


@pytest.fixture(autouse=True)
def back_to_indonesian(qapp):
    i18n.apply_language("id")
    yield
    i18n.apply_language("id")


def _texts(widget) -> set[str]:
    found = {w.text().replace("&", "") for w in widget.findChildren(QLabel)}
    return found | {w.text().replace("&", "") for w in widget.findChildren(QPushButton)}


def test_date_field_shows_day_month_year_and_indonesian_month_names(qtbot) -> None:
    edit = DateEdit(date(2026, 12, 1))
    qtbot.addWidget(edit)
    assert edit.text() == "01/12/2026"
    calendar = edit.calendarWidget()
    assert calendar.locale().monthName(12) == "Desember"
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "Sen"
    assert QLocale().toString(36000) == "36.000"  # the default follows the language

    i18n.apply_language("en")
    QCoreApplication.processEvents()  # the LanguageChange event
    assert calendar.locale().monthName(12) == "December"
    assert edit.text() == "01/12/2026"
    assert QLocale().toString(36000) == "36,000"
    assert pydate(edit.date()) == date(2026, 12, 1)


def test_qt_file_and_colour_dialogs_speak_indonesian(qtbot) -> None:
    dialog = QFileDialog(None, "Simpan")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert {"Nama berkas:", "Jenis berkas:", "Cari di:"} <= texts, texts
    assert "File name:" not in texts

    colours = QColorDialog()
    colours.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    qtbot.addWidget(colours)
    texts = _texts(colours)
    assert {"Warna dasar", "Merah:", "Tambahkan ke warna pilihan"} <= texts, texts

    i18n.apply_language("en")
    english = QFileDialog(None, "Save")
    english.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(english)
    assert "File name:" in _texts(english)
