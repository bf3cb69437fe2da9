"""Draw the guide's screenshots again, with the app itself, offscreen:

    python -m desasadar_gui.ui.guide.shots              # both languages, into resources/guide
    python -m desasadar_gui.ui.guide.shots --lang en --out /tmp/guide

A practice database with demo data is made in a temporary folder (never the user's
database or settings), the window is drawn at a laptop's 1366x768, and each picture is
cut to the part the guide talks about, scaled down where a whole window is shown and
saved as a small palette PNG. Run it after a change to a screen the guide shows, then
look at the pictures (docs/guide.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZE = (1366, 768)
WHOLE_WINDOW_WIDTH = 820  # px: a whole window, scaled to fit the guide's page
DEMO_PARTICIPANTS = 2000
OFFICER = "Siti Rahmawati"
BRANCH = "KC Jambi"

# file name -> what it shows (the guide's HTML refers to these names)
SHOTS = {
    "welcome.png": "the first-run dialog",
    "empty.png": "the villages tab of an empty database, with its hint",
    "main.png": "the main window, a village selected",
    "village-form.png": "the village form (Tambah desa)",
    "village-panel.png": "the village detail panel, missing officials with Daftarkan…",
    "official-form.png": "the participant form opened from Daftarkan…",
    "session-panel.png": "the sessions tab's detail panel with attendees",
    "checklist.png": "the attendance checklist",
    "participants.png": "the participants tab, searching by digits of a phone",
    "file-menu.png": "the Berkas menu (export, import, backups, deleted records)",
    "deleted.png": "the deleted records dialog",
    "practice.png": "the top of the window of a practice database",
}


def _app():
    """The offscreen application, styled as the app draws itself (``ui.screenshot``)."""
    from desasadar_gui.ui.screenshot import ensure_app

    return ensure_app()


def _settle(rounds: int = 5) -> None:
    from PySide6.QtWidgets import QApplication

    from desasadar_gui.ui.screenshot import settle

    settle(QApplication.instance(), rounds)


def _save(image, path: Path, width: int | None = None) -> Path:
    """``image`` (scaled to ``width``) as a small PNG: 256 colours are plenty for a
    screen of flat widgets, and a third of the bytes."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if width is not None and image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    small = image.convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
    )
    if not small.save(str(path), "PNG", 0):  # quality 0: the strongest compression
        raise OSError(f"could not write {path}")
    return path


def _dispose(widget) -> None:
    """Close ``widget`` and delete it now (a closed window would otherwise hear the
    next language switch and read a database that is closed by then)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    _settle(2)
    QCoreApplication.sendPostedEvents(None, int(QEvent.Type.DeferredDelete))


def _wait(msecs: int) -> None:
    """Let ``msecs`` pass with the event loop running (debounced typing)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(msecs, loop.quit)
    loop.exec()


def _grab(widget, rect=None):
    _settle(2)
    return (widget.grab(rect) if rect is not None else widget.grab()).toImage()


class _Shooter:
    """One language's pictures over one demo database."""

    def __init__(self, tmp: Path, out: Path) -> None:
        from PySide6.QtCore import QSettings

        from desasadar_gui.services.database import Database
        from desasadar_gui.services.demo import generate_demo
        from desasadar_gui.services.regions import import_regions

        self.tmp, self.out = tmp, out
        self.settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
        self.db = Database.open(tmp / "latihan.sqlite")
        self.db.set_officer(OFFICER, BRANCH)
        generate_demo(self.db, participants=DEMO_PARTICIPANTS, seed=1, officer=OFFICER)
        import_regions(self.db, _region_files(tmp))  # the village form's region picker
        self.empty_db = Database.open(tmp / "kosong.sqlite")
        self.empty_db.set_officer(OFFICER, BRANCH)
        self.written: list[Path] = []

    def close(self) -> None:
        self.db.close()
        self.empty_db.close()

    def save(self, name: str, image, width: int | None = None) -> None:
        self.written.append(_save(image, self.out / name, width))

    def window(self, db):
        from desasadar_gui.app import create_main_window

        window = create_main_window(db, self.settings)
        window.resize(*SIZE)
        window.show()
        _settle()
        return window

    # -- the pictures ---------------------------------------------------------------

    def welcome(self) -> None:
        from desasadar_gui.ui.setup.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.empty_db)
        dialog.officer_edit.setText(OFFICER)
        dialog.show()
        self.save("welcome.png", _grab(dialog))
        _dispose(dialog)

    def empty(self) -> None:
        from PySide6.QtCore import QRect

        window = self.window(self.empty_db)
        try:
            window.practice_banner.hide()
            _settle()
            # The list and its hint, from the menu bar down to a little under the hint.
            table = window.villages_tab.table
            hint = window.villages_tab.empty_hint.label
            right = table.mapTo(window, table.rect().topRight()).x() + 8
            bottom = hint.mapTo(window, hint.rect().bottomLeft()).y() + 60
            self.save("empty.png", _grab(window, QRect(0, 0, right, bottom)), WHOLE_WINDOW_WIDTH)
        finally:
            _dispose(window)

    def main_window(self) -> None:
        from desasadar_gui.services.village_queries import showcase_village_id

        window = self.window(self.db)
        try:
            self.save("practice.png", _grab(window, _top(window)), WHOLE_WINDOW_WIDTH)
            window.practice_banner.hide()  # the other pictures: an ordinary database
            _settle()
            village = showcase_village_id(self.db)
            if village:
                window.villages_tab.select_village(village)
            _select_village_with_missing_officials(window.villages_tab)
            self.save("main.png", _grab(window), WHOLE_WINDOW_WIDTH)
            self.village_pictures(window)
            self.session_pictures(window)
            self.participants_picture(window)
            self.menu_picture(window)
        finally:
            _dispose(window)

    def village_pictures(self, window) -> None:
        from PySide6.QtCore import Qt

        from desasadar_gui.ui.villages.form import VillageDialog

        tab = window.villages_tab
        self.save("village-panel.png", _grab(tab.detail))
        dialog = VillageDialog(window.ctx, None, window)
        dialog.show()
        for combo, name in (
            (dialog.regency_combo, "Batanghari"),
            (dialog.district_combo, "Muara Bulian"),
            (dialog.village_combo, "Rengas Condong"),
        ):
            _settle(1)
            combo.setCurrentIndex(max(0, combo.findText(name, Qt.MatchFlag.MatchContains)))
        self.save("village-form.png", _grab(dialog))
        _dispose(dialog)
        roles = _missing_roles(tab.detail)
        form = tab.detail.register_official(roles[0]) if roles else None
        if form is not None:
            self.save("official-form.png", _grab(form))
            _dispose(form)

    def session_pictures(self, window) -> None:
        from desasadar_gui.ui.sessions.dialogs import ChecklistDialog

        window.tabs.setCurrentIndex(2)
        _settle()
        tab = window.sessions_tab
        rows = [tab.model.row_at(r) for r in range(tab.model.rowCount())]
        held = [r for r in rows if r is not None and r.attended and r.village_id]
        if held:
            tab.select_session(held[0].id)
            _settle()
        self.save("session-panel.png", _grab(tab.detail))
        session = tab.selected_session()
        if session is not None and session.village_id:
            dialog = ChecklistDialog(window.ctx, session, window)
            dialog.resize(dialog.width(), 460)
            dialog.show()
            if dialog.people:  # typing part of a name narrows the list, Enter ticks
                dialog.search_edit.setText(dialog.people[0].name.split()[0][:4])
                _wait(300)  # the list follows the typing after a pause
            self.save("checklist.png", _grab(dialog))
            _dispose(dialog)

    def participants_picture(self, window) -> None:
        from PySide6.QtCore import QRect

        window.tabs.setCurrentIndex(1)
        _settle()
        tab = window.participants_tab
        tab.search_edit.setText(_digits_found_a_few_times(window.ctx.db))
        tab.apply_filters()
        _settle()
        table = tab.table
        bottom = table.mapTo(window, table.rect().topLeft()).y() + 12 * table.rowHeight(0) + 30
        self.save("participants.png", _grab(window, QRect(0, 0, window.width(), bottom)),
                  WHOLE_WINDOW_WIDTH)  # fmt: skip
        tab.clear_filters()
        window.tabs.setCurrentIndex(0)
        _settle()

    def menu_picture(self, window) -> None:
        menu = window.file_menu
        menu.ensurePolished()
        menu.adjustSize()
        self.save("file-menu.png", _grab(menu))

    def deleted(self) -> None:
        from desasadar_gui.services.participant_queries import ParticipantFilter, fetch_page
        from desasadar_gui.services.participants import delete_participant
        from desasadar_gui.ui.kit.context import UiContext
        from desasadar_gui.ui.safety.deleted_records import DeletedRecordsDialog

        for person in fetch_page(self.db, ParticipantFilter(), limit=300)[::100]:
            delete_participant(self.db, person.id)
        dialog = DeletedRecordsDialog(UiContext(self.db))
        dialog.show()
        _settle()
        self.save("deleted.png", _grab(dialog), WHOLE_WINDOW_WIDTH)
        _dispose(dialog)


# A few lines of the Kemendagri region reference (Jambi): enough for the village form's
# picker. The branch hands out the whole reference; the guide needs one village.
_REGIONS = {
    "kabupaten.csv": "code,name,kind\n1504,Kabupaten Batanghari,kabupaten\n1571,Kota Jambi,kota\n",
    "kecamatan.csv": "code,regency_code,name\n150403,1504,Muara Bulian\n157107,1571,Kota Baru\n",
    "desa.csv": "code,district_code,name,kind\n1504032016,150403,Rengas Condong,desa\n"
    "1504032017,150403,Malapari,desa\n1571071001,157107,Simpang III Sipin,kelurahan\n",
}


def _region_files(folder: Path) -> list[Path]:
    paths = []
    for name, text in _REGIONS.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _digits_found_a_few_times(db) -> str:
    """Four digits from the end of someone's phone that a few people share: the search
    the guide shows (digits found anywhere in a phone or NIK)."""
    from desasadar_gui.services.participant_queries import (
        ParticipantFilter,
        count_participants,
        fetch_page,
    )

    best = ""
    for person in fetch_page(db, ParticipantFilter(), limit=60):
        digits = "".join(c for c in person.phone or "" if c.isdigit())
        for start in range(len(digits) - 4, 2, -1):
            candidate = digits[start : start + 4]
            if 3 <= count_participants(db, ParticipantFilter(text=candidate)) <= 9:
                return candidate
            best = best or candidate
    return best


def _missing_roles(panel) -> list[str]:
    """The positions the village panel offers to register (its "Daftarkan…" buttons)."""
    from PySide6.QtWidgets import QToolButton

    names = [b.objectName() for b in panel.findChildren(QToolButton)]
    return [n[len("register_") :] for n in names if n.startswith("register_")]


def _select_village_with_missing_officials(tab) -> None:
    """Keep the selected village if its panel offers "Daftarkan…", else take the first
    that does (the guide shows that button)."""
    if _missing_roles(tab.detail):
        return
    for row in range(tab.model.rowCount()):
        tab.select_row(row)
        _settle(1)
        if _missing_roles(tab.detail):
            return


def _top(window):
    """The menu bar, toolbar, banner and tab row of ``window``."""
    from PySide6.QtCore import QRect

    tabs = window.tabs.tabBar()
    bottom = tabs.mapTo(window, tabs.rect().bottomLeft()).y() + 4
    return QRect(0, 0, window.width(), bottom)


def take_guide_shots(out_root: Path, langs: tuple[str, ...] = ("id", "en")) -> list[Path]:
    """Every picture of the guide, in each of ``langs``, into ``out_root/<lang>/``."""
    _app()
    from desasadar_gui.ui.kit.i18n import apply_language, language

    before = language()
    written: list[Path] = []
    try:
        for lang in langs:
            apply_language(lang)
            out = Path(out_root) / lang
            out.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="desasadar-guide-") as tmp:
                shooter = _Shooter(Path(tmp), out)
                steps: list[Callable[[], None]] = [
                    shooter.welcome,
                    shooter.empty,
                    shooter.main_window,
                    shooter.deleted,
                ]
                try:
                    for step in steps:
                        step()
                finally:
                    _settle()
                    shooter.close()
                written += shooter.written
            missing = set(SHOTS) - {p.name for p in written if p.parent == out}
            if missing:  # the demo lacked what a picture needs: say so, never skip it
                raise RuntimeError(f"guide pictures not drawn ({lang}): {sorted(missing)}")
    finally:
        apply_language(before)
    return written


def main(argv: list[str] | None = None) -> int:
    from desasadar_gui.paths import resource_path

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=resource_path("guide"),
                        help="folder holding id/ and en/ (default: the guide's own)")  # fmt: skip
    parser.add_argument("--lang", choices=("id", "en"), action="append",
                        help="one language (default: both)")  # fmt: skip
    args = parser.parse_args(argv)
    total = 0
    for path in take_guide_shots(args.out, tuple(args.lang or ("id", "en"))):
        size = path.stat().st_size
        total += size
        print(f"{path}  {size // 1024} KB")
    print(f"total {total // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
