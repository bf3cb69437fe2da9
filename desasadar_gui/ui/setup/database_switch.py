"""Which database the window works on: *Berkas > Buka basis data…* (Ctrl+O), *Buka
terakhir* (the last five), the window title and the practice banner.

    switcher = DatabaseSwitcher(ctx, settings, window)
    file_menu.addAction(switcher.open_action)
    file_menu.addMenu(switcher.recent_menu)
    switcher.switched.connect(window.database_switched)

Another file is opened through the start's own path (``app.open_another_database``:
leftovers cleaned, the passphrase asked for an encrypted file, a damaged file offered
for restore, a foreign, too new, read-only or locked file refused in plain words).
Only once it is open is the current database closed the way closing the app closes
it (retention pruning, the day's backup, the lock let go), so a file that cannot be
opened leaves the current one open and untouched. The new :class:`Database` goes into
``ctx.db`` and everything is announced as changed on ``ctx.bus``, as a restore does.

The recent files are kept in the window's settings (like the language); the app still
starts on its own database (``--db``, ``DESASADAR_DB``, else the data folder's), so a
practice file opened once never becomes the one a start opens without being asked.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QStyle, QWidget

from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext

log = logging.getLogger("desasadar.ui.database_switch")

RECENT_KEY = "database/recent"
RECENT_LIMIT = 5
SHORTCUT = "Ctrl+O"

# -- the recent files ------------------------------------------------------------------


def _key(path: Path) -> str:
    """One spelling per file for the list (absolute; case-blind where Windows is)."""
    return os.path.normcase(os.path.abspath(path))


def recent_databases(settings: QSettings) -> list[Path]:
    """The last opened database files, the latest first (existing or not)."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # an INI file gives back a one-item list as its item
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(v) for v in value if isinstance(v, str) and v][:RECENT_LIMIT]


def remember_database(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent files (once), keeping the last five."""
    path = Path(os.path.abspath(path))
    rest = [p for p in recent_databases(settings) if _key(p) != _key(path)]
    settings.setValue(RECENT_KEY, [str(p) for p in [path, *rest][:RECENT_LIMIT]])
    settings.sync()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return _key(a) == _key(b)


# -- opening another database ------------------------------------------------------------


def _missing_file(path: Path) -> UserError:
    return UserError(
        f"Berkas basis data '{path}' tidak ditemukan (mungkin sudah dipindah atau "
        "dihapus, atau flashdisk-nya dicabut). Basis data yang terbuka tetap dipakai.",
        f"The database file '{path}' was not found (it may have been moved or deleted, "
        "or the USB stick removed). The open database stays open.",
    )


def switch_database(ctx: UiContext, path: Path, parent: QWidget | None = None) -> bool:
    """Open ``path`` and make it ``ctx.db``; True when it was switched (the caller
    announces the change). False, after a plain message or the officer's own cancel,
    when it was not: the current database is then still open and unchanged."""
    from desasadar_gui.app import close_database, open_another_database

    old = ctx.db
    if old.path is not None and _same_file(old.path, path):
        text = QCoreApplication.translate(
            "DatabaseSwitcher", "Basis data %1 sudah terbuka di jendela ini."
        )
        messages.show_info(parent, text.replace("%1", path.name))
        return False
    if not path.is_file():
        messages.show_user_error(parent, _missing_file(path))
        return False
    new = open_another_database(path, parent)
    if new is None:
        return False
    if not _carry_officer(old, new, parent):
        new.close()
        return False
    wait_for_all()  # nothing may still read or write the file that is closed now
    log.info("switching database")
    close_database(old)
    ctx.db = new
    return True


def _carry_officer(old: Database, new: Database, parent: QWidget | None) -> bool:
    """A file no officer was named in yet (made by a command, or copied empty) gets
    this laptop's officer, as the practice database of the first run does."""
    if new.officer or not old.officer:
        return True
    try:
        new.set_officer(old.officer, old.device.branch)
    except UserError as exc:
        messages.show_user_error(parent, exc)
        return False
    return True


# -- the window's pieces ------------------------------------------------------------------


def window_title(db: Database, practice: bool) -> str:
    """``practice``: :func:`is_practice_database` of ``db``, asked once by the caller."""
    name = db.display_name
    if practice:
        title = QCoreApplication.translate("DatabaseSwitcher", "Desa Sadar — %1 (LATIHAN)")
    else:
        title = QCoreApplication.translate("DatabaseSwitcher", "Desa Sadar — %1")
    return title.replace("%1", name)


class PracticeBanner(QLabel):
    """The coloured bar over the tabs while a practice database is open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceBanner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet(
            "#practiceBanner { background: #f9a825; color: #212121; font-weight: bold;"
            " padding: 6px 12px; border-bottom: 2px solid #c17900; }"
        )
        self.hide()

    def show_for(self, db: Database, practice: bool) -> None:
        if not practice:
            self.hide()
            return
        name = db.display_name
        self.setText(
            self.tr("BASIS DATA LATIHAN — data di sini bukan data sungguhan (%1)").replace(
                "%1", name
            )
        )
        self.setToolTip(
            self.tr(
                "Berkas ini berisi data contoh untuk berlatih. Untuk bekerja, buka basis "
                "data Anda lewat Berkas > Buka terakhir atau Buka basis data…"
            )
            + (f"\n{db.path}" if db.path is not None else "")
        )
        self.show()


class DatabaseSwitcher(QObject):
    """*Buka basis data…* and *Buka terakhir* for a window over ``ctx``."""

    switched = Signal()  # ctx.db is another database now (before the change is announced)

    def __init__(self, ctx: UiContext, settings: QSettings, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.settings = settings
        self.owner = window
        self.open_action = QAction(window)
        self.open_action.setObjectName("openDatabaseAction")
        self.open_action.setShortcut(QKeySequence(SHORTCUT))
        self.open_action.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        self.open_action.triggered.connect(lambda _checked=False: self.choose())
        window.addAction(self.open_action)
        self.recent_menu = QMenu(window)
        self.recent_menu.setObjectName("recentDatabases")
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        if ctx.db.path is not None:
            remember_database(settings, ctx.db.path)
        self.retranslate()

    def retranslate(self) -> None:
        self.open_action.setText(self.tr("&Buka basis data…"))
        self.open_action.setToolTip(
            self.tr("Tutup basis data ini dan buka berkas basis data lain (%1)").replace(
                "%1", self.open_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.recent_menu.setTitle(self.tr("Buka te&rakhir"))
        self.fill_recent()

    def fill_recent(self) -> None:
        """One entry per recent file: the open one checked, a vanished one disabled."""
        self.recent_menu.clear()
        current = self.ctx.db.path
        metrics = QFontMetrics(self.recent_menu.font())
        for i, path in enumerate(recent_databases(self.settings), start=1):
            folder = metrics.elidedText(str(path.parent), Qt.TextElideMode.ElideMiddle, 360)
            text = f"&{i}  " + f"{path.name}   ({folder})".replace("&", "&&")
            action = self.recent_menu.addAction(text)
            action.setData(str(path))
            is_current = current is not None and _key(path) == _key(current)
            exists = path.is_file()
            action.setCheckable(is_current)
            action.setChecked(is_current)
            action.setEnabled(exists and not is_current)
            if not exists:
                action.setToolTip(self.tr("Berkas tidak ditemukan: %1").replace("%1", str(path)))
            else:
                action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def choose(self) -> None:
        chosen = messages.ask_open_path(
            self.owner,
            self.tr("Buka basis data"),
            self.tr("Basis data Desa Sadar (*.sqlite *.db);;Semua berkas (*)"),
        )
        if chosen:
            self.open(Path(chosen))

    def open(self, path: Path) -> bool:
        """Work on ``path`` from now on, if it can be opened (see the module doc)."""
        if not switch_database(self.ctx, Path(path), self.owner):
            return False
        assert self.ctx.db.path is not None
        remember_database(self.settings, self.ctx.db.path)
        self.fill_recent()
        self.switched.emit()
        self.ctx.bus.notify()
        return True
