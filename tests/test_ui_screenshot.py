"""``desasadar screenshot``: the four tabs and the main dialogs, in both languages, on a
small demo database; every PNG present, not blank, of its kind's size, with no text
cut off; the database shot is not changed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from desasadar_gui.services.demo import generate_demo

# The offscreen platform says this each time a dialog is shown.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SCREEN = (1366, 768)
AVAILABLE_HEIGHT = 728  # 768 minus a taskbar


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _demo(db) -> None:
    generate_demo(db, participants=300, seed=7, today=date(2026, 12, 2))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_size(kind: str, image: QImage, name: str) -> None:
    from desasadar_gui.ui.screenshot.scenes import DIALOG, PANEL, PANEL_WIDTH, WINDOW

    w, h = image.width(), image.height()
    if kind == WINDOW:
        assert (w, h) == SCREEN, name
    elif kind == PANEL:
        assert w == PANEL_WIDTH and h >= 200, name
    else:
        assert kind == DIALOG
        assert 250 <= w <= SCREEN[0] and 100 <= h <= AVAILABLE_HEIGHT, (name, w, h)


def test_screenshots_of_tabs_and_dialogs_in_both_languages(qtbot, db, db_path, tmp_path):
    from desasadar_gui.ui.screenshot import is_blank, shot_names, take_screenshots

    _demo(db)
    db.close()
    before = {p.name: _digest(p) for p in db_path.parent.iterdir() if p.is_file()}
    out = tmp_path / "shots"
    warnings: list[str] = []
    shots = take_screenshots(db_path, out, lang="both", warn=warnings.append)

    names = shot_names()
    assert len(names) >= 20
    for lang in ("id", "en"):
        assert sorted(p.name for p in (out / lang).glob("*.png")) == sorted(names), lang
    assert len(shots) == 2 * len(names)
    for shot in shots:
        label = f"{shot.lang}/{shot.path.name}"
        image = QImage(str(shot.path))
        assert not image.isNull(), label
        assert not is_blank(image), label
        _check_size(shot.kind, image, label)
        assert [str(c) for c in shot.clipped] == [], label
    assert warnings == []
    # Read-only: the file shot (and what is beside it) is as it was.
    after = {p.name: _digest(p) for p in db_path.parent.iterdir() if p.is_file()}
    assert after == before


def test_screenshot_command_writes_both_languages(db, db_path, tmp_path):
    _demo(db)
    db.close()
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(db_path), "screenshot",
         "--out", str(out), "--lang", "en"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    assert (out / "14-impor-pratinjau.png").is_file()
    assert len(list(out.glob("*.png"))) == len(result.stdout.split())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dashboard_fits_a_laptop_screen(qtbot, db, settings, lang):
    """At 1366x768 minus a taskbar the window with the dashboard needs no scrolling."""
    from desasadar_gui.app import create_main_window
    from desasadar_gui.ui.kit.background import wait_for_all
    from desasadar_gui.ui.kit.i18n import apply_language

    _demo(db)
    apply_language(lang)
    try:
        window = create_main_window(db, settings)
        qtbot.addWidget(window)
        window.resize(SCREEN[0], AVAILABLE_HEIGHT)
        window.show()
        window.tabs.setCurrentWidget(window.dashboard_tab)
        wait_for_all()
        qtbot.wait(50)
        hint = window.minimumSizeHint()
        assert hint.width() <= SCREEN[0] and hint.height() <= AVAILABLE_HEIGHT, hint
        from PySide6.QtWidgets import QScrollArea

        for area in window.dashboard_tab.findChildren(QScrollArea):
            assert not area.verticalScrollBar().isVisible()
    finally:
        apply_language("id")


def test_find_clipped_widgets_names_what_is_cut(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

    from desasadar_gui.ui.kit.clipping import find_clipped_widgets

    box = QWidget()
    qtbot.addWidget(box)
    row = QHBoxLayout(box)
    whole = QLabel("Telepon")
    cut = QLabel("Tanggal daftar")
    cut.setObjectName("cutLabel")
    cut.setFixedWidth(40)
    button = QPushButton("Simpan, tambah lagi")
    button.setObjectName("cutButton")
    button.setFixedWidth(50)
    for widget in (whole, cut, button):
        row.addWidget(widget)
    box.show()
    qtbot.waitExposed(box)
    found = {c.name: c for c in find_clipped_widgets(box)}
    assert set(found) == {"cutLabel", "cutButton"}
    assert found["cutLabel"].text == "Tanggal daftar"
    assert found["cutLabel"].actual.width() == 40 < found["cutLabel"].needed.width()


def test_a_low_percentage_is_never_dark_text_on_red(qtbot):
    """4.8% of a bar is too narrow for its label: the label goes on the light track."""
    from PySide6.QtGui import QColor

    from desasadar_gui.ui.kit.charts import RED, ProgressMeter

    meter = ProgressMeter()
    qtbot.addWidget(meter)
    meter.resize(400, 22)
    meter.set_progress(0.048, expected=0.9)  # far behind: red
    image = meter.grab().toImage()
    fill_right = int(400 * 0.048)
    reds = dark_on_red = 0
    for x in range(1, fill_right - 1):
        for y in range(3, 19):
            colour = QColor(image.pixel(x, y))
            if abs(colour.red() - RED.red()) < 30 and colour.green() < 90:
                reds += 1
            elif colour.lightness() < 80:
                dark_on_red += 1
    assert reds > 0 and dark_on_red == 0
    # The percentage is written somewhere after the red part.
    after = [QColor(image.pixel(x, 11)).lightness() for x in range(fill_right + 2, 120)]
    assert min(after) < 100
