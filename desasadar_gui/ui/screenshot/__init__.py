"""Render the main window and its main dialogs offscreen, one PNG each (documentation
and review).

    desasadar --db demo.sqlite screenshot --out shots/ [--lang id|en|both]

The window is drawn at a laptop's 1366x768 with a village and a session selected, so
the detail panels have content; then each dialog is shown over it, as the officer sees
it. ``--lang both`` writes ``id/`` and ``en/`` subfolders.

Nothing of the user's is touched: the shots are taken on a private copy of the
database (the dialogs that need data, such as *Data terhapus* or the import preview,
get it there), with a throw-away settings file and data folder (backups, logs).
Each shot is checked for text cut off by its layout (``kit.clipping``); the command
prints those as warnings.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desasadar_gui.ui.screenshot.scenes import SCENES, TAB_FILES, WINDOW, Scene, SceneEnv

__all__ = [
    "SCENES",
    "TAB_FILES",
    "BlankScreenshot",
    "Shot",
    "is_blank",
    "shot_names",
    "take_screenshots",
]

LANG_CHOICES = ("id", "en", "both")


class BlankScreenshot(RuntimeError):
    pass


@dataclass
class Shot:
    path: Path
    kind: str  # scenes.WINDOW, DIALOG or PANEL
    lang: str
    clipped: list = field(default_factory=list)  # kit.clipping.Clipped


def shot_names() -> list[str]:
    """The file names of one language's shots, in order."""
    return [scene.file for scene in SCENES]


def ensure_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desasadar_gui.ui.kit.style import install_style

    app = QApplication.instance()
    app = app if app is not None else QApplication(["desasadar-screenshot"])
    install_style(app)  # as the app draws itself (app.py)
    return app


def settle(app, rounds: int = 5) -> None:
    """Let queued work finish: background loads, their results, layouts, paints."""
    from PySide6.QtCore import QEvent

    from desasadar_gui.ui.kit.background import wait_for_all

    for _ in range(rounds):
        wait_for_all(msecs=15000)
        app.processEvents()
        # Dialogs closed with deleteLater go now, not when some later event loop runs.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


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


@contextmanager
def _private_copy(db_path: Path) -> Iterator[tuple[Path, Path]]:
    """A copy of the database (and its key file) and a data folder of its own, both
    removed afterwards; ``DESASADAR_DATA_DIR`` points there meanwhile."""
    from desasadar_gui.paths import DATA_ENV

    with tempfile.TemporaryDirectory(prefix="desasadar-shots-") as tmp:
        folder = Path(tmp) / "db"
        folder.mkdir()
        copy = folder / db_path.name
        for source in db_path.parent.glob(db_path.name + "*"):
            if source.is_file() and not source.name.endswith((".lock", "-shm")):
                shutil.copyfile(source, folder / source.name)
        before = os.environ.get(DATA_ENV)
        os.environ[DATA_ENV] = str(Path(tmp) / "data")
        try:
            yield copy, Path(tmp)
        finally:
            if before is None:
                os.environ.pop(DATA_ENV, None)
            else:
                os.environ[DATA_ENV] = before


def _save(widget, path: Path) -> None:
    image = widget.grab().toImage()
    if is_blank(image):
        raise BlankScreenshot(f"{path.name} rendered blank")
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def _shoot_language(app, env: SceneEnv, out_dir: Path, lang: str,
                    warn: Callable[[str], None]) -> list[Shot]:  # fmt: skip
    from desasadar_gui.ui.kit.clipping import find_clipped_widgets

    shots: list[Shot] = []
    for scene in SCENES:
        widget = scene.show(env)
        if widget is None:
            continue
        try:
            settle(app)
            clipped = find_clipped_widgets(widget)
            path = out_dir / scene.file
            _save(widget, path)
            for item in clipped:
                warn(f"{lang}/{scene.file}: text cut off: {item}")
            shots.append(Shot(path, scene.kind, lang, clipped))
        finally:
            if scene.kind != WINDOW:
                widget.hide()
                widget.deleteLater()
            settle(app, 1)
    return shots


def take_screenshots(
    db_path: Path,
    out_dir: Path,
    size: tuple[int, int] = (1366, 768),
    lang: str = "id",
    warn: Callable[[str], None] | None = None,
) -> list[Shot]:
    """``lang``: "id", "en" or "both" (then into ``id/`` and ``en/`` under ``out_dir``)."""
    app = ensure_app()
    from desasadar_gui.services.database import Database

    out_dir = Path(out_dir)
    languages = ["id", "en"] if lang == "both" else [lang]
    with _private_copy(Path(db_path)) as (copy, tmp):
        # A second copy takes the changes some dialogs need (deleted records, a backup,
        # an import); the window and the other dialogs show the data as it is.
        changed = tmp / "changed" / copy.name
        changed.parent.mkdir()
        for source in copy.parent.iterdir():
            shutil.copyfile(source, changed.parent / source.name)
        with Database.open(copy) as db, Database.open(changed) as changed_db:
            return _shoot(app, db, changed_db, out_dir, size, lang, languages, tmp, warn)


def _shoot(app, db, changed_db, out_dir: Path, size: tuple[int, int], lang: str,
           languages: list[str], tmp: Path, warn: Callable[[str], None] | None,
           ) -> list[Shot]:  # fmt: skip
    from PySide6.QtCore import QSettings

    from desasadar_gui.app import create_main_window
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.kit.i18n import apply_language, language
    from desasadar_gui.ui.screenshot.sample import prepare_sample

    written: list[Shot] = []
    previous = language()
    sample = prepare_sample(changed_db, tmp)
    try:
        for lang_now in languages:
            folder = out_dir / lang_now if lang == "both" else out_dir
            folder.mkdir(parents=True, exist_ok=True)
            apply_language(lang_now)
            settings = QSettings(str(tmp / f"settings-{lang_now}.ini"), QSettings.Format.IniFormat)
            window = create_main_window(db, settings)
            try:
                window.resize(*size)
                window.show()
                settle(app)
                env = SceneEnv(window, window.ctx, settings, sample, size, UiContext(changed_db))
                written += _shoot_language(app, env, folder, lang_now, warn or _no_warn)
            finally:
                window.close()
                window.deleteLater()
                settle(app)
    finally:
        if sample.prepared is not None:
            sample.prepared.close()
        apply_language(previous)  # while the copies are still open (widgets retranslate)
        settle(app, 1)
    return written


def _no_warn(_text: str) -> None:
    pass


__all__ += ["Scene", "LANG_CHOICES"]
