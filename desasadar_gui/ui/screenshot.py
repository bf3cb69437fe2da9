"""Render the main window offscreen, one PNG per tab (documentation and review).

    desasadar --db demo.sqlite screenshot --out shots/ [--lang en]

The window is drawn at a laptop's 1366x768 with a village selected, so
the detail panel has content. Window state is read from and written to a throw-away
settings file, never the user's.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TAB_FILES = ("01-desa.png", "02-peserta.png", "03-sosialisasi.png", "04-ringkasan.png")


class BlankScreenshot(RuntimeError):
    pass


def _ensure_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if app is not None else QApplication(["desasadar-screenshot"])


def _settle(app, rounds: int = 5) -> None:
    """Let queued work finish: background loads, their results, layouts, paints."""
    from desasadar_gui.ui.kit.background import wait_for_all

    for _ in range(rounds):
        wait_for_all(msecs=15000)
        app.processEvents()


def is_blank(image) -> bool:
    """True when a sample of the image's pixels holds (almost) a single colour."""
    colours = set()
    step_x = max(1, image.width() // 40)
    step_y = max(1, image.height() // 40)
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            colours.add(image.pixel(x, y))
            if len(colours) > 8:
                return False
    return True


def take_screenshots(
    db_path: Path, out_dir: Path, size: tuple[int, int] = (1366, 768), lang: str = "id"
) -> list[Path]:
    app = _ensure_app()
    from PySide6.QtCore import QSettings

    from desasadar_gui.app import create_main_window
    from desasadar_gui.services.database import Database
    from desasadar_gui.services.village_queries import showcase_village_id
    from desasadar_gui.ui.kit.i18n import apply_language

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    apply_language(lang)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, Database.open(db_path) as db:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(db, settings)
        try:
            window.resize(*size)
            window.show()
            _settle(app)
            village = showcase_village_id(db)
            if village:
                window.villages_tab.select_village(village)
            for index, name in enumerate(TAB_FILES[: window.tabs.count()]):
                window.tabs.setCurrentIndex(index)
                _settle(app)
                image = window.grab().toImage()
                if is_blank(image):
                    raise BlankScreenshot(f"{name} rendered blank")
                path = out_dir / name
                if not image.save(str(path), "PNG"):
                    raise OSError(f"could not write {path}")
                written.append(path)
        finally:
            window.close()
            window.deleteLater()
            _settle(app)
    return written
