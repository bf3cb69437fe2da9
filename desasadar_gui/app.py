"""QApplication start-up: settings, language, the database (unlocked with its passphrase,
or offered one), first run, error hook.

Exceptions that escape a slot are logged and shown with the log's path
(``ui.safety.crash_dialog``); a database that cannot be opened gets a plain message and
exit code 2, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desasadar_gui import __version__
from desasadar_gui.errors import UserError
from desasadar_gui.logs import setup_logging
from desasadar_gui.paths import APP_AUTHOR, APP_NAME, data_dir, resource_path
from desasadar_gui.services.database import Database, UpgradeFailedError, is_server_url
from desasadar_gui.services.oserrors import describe_os_error

log = logging.getLogger("desasadar.app")

EXIT_OK = 0
EXIT_REFUSED = 2

SETTINGS_FILE = "settings.ini"


def open_settings(path: Path | None = None) -> QSettings:
    """Window state and the interface language, in an INI file in the data folder
    (so a test's or a portable install's data folder holds all of it)."""
    return QSettings(str(path or data_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


def create_main_window(db: Database, settings: QSettings | None = None):
    """The main window over ``db``, built but not shown (tests, screenshots, the app)."""
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.main_window import MainWindow

    return MainWindow(UiContext(db), settings if settings is not None else open_settings())


def _ensure_app(argv: list[str]) -> QApplication:
    from desasadar_gui.ui.kit.style import install_style

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv)
    install_style(app)
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName("Desa Sadar")
    icon = resource_path("icons", "desasadar.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_database(db_path: Path | str, parent: QWidget | None = None) -> Database | None:
    """Open the database, or show why not (plain words, no traceback) and return None.

    A damaged or missing file is first offered for restore from a backup; the file is
    locked for this copy of the app while it is open. ``parent``: the window that asked
    (Berkas > Buka basis data…); None at start-up. A server URL (text) skips what only
    a file has (unlocking, the file check, backups) and takes the one-writer lock.
    """
    from desasadar_gui.ui.kit import messages

    if is_server_url(db_path):
        try:
            return Database.open(str(db_path), lock=True)
        except UserError as exc:
            log.warning("server database refused: %s", exc.text_en)
            messages.show_user_error(parent, exc)
            return None
    db_path = Path(db_path)
    from desasadar_gui.ui.safety.damaged_db import (
        check_database_at_startup,
        offer_backup_after_failed_upgrade,
    )
    from desasadar_gui.ui.safety.protection import unlock_at_startup

    try:
        # An encrypted file is unlocked first: the integrity check needs its key.
        if not unlock_at_startup(db_path, parent):
            return None
        decision = check_database_at_startup(db_path, parent)
        if not decision.proceed:
            return None
        try:
            return Database.open(db_path, lock=True, allow_new=decision.allow_new)
        except UpgradeFailedError as exc:
            log.warning("schema upgrade failed at start-up; offering a backup")
            if not offer_backup_after_failed_upgrade(exc, db_path, parent).proceed:
                return None
            return Database.open(db_path, lock=True)
    except UserError as exc:
        log.warning("database refused: %s", exc.text_en)
        messages.show_user_error(parent, exc)
    except OSError as exc:
        log.warning("database not opened: %s", exc.__class__.__name__)
        messages.show_user_error(parent, describe_os_error(exc))
    return None


def open_another_database(db_path: Path, parent: QWidget | None = None) -> Database | None:
    """Another database in the running app (Berkas > Buka basis data…): the start's
    steps for that file (leftovers of a killed process cleaned, then
    :func:`open_database`)."""
    from desasadar_gui.cli.main import clean_leftovers

    clean_leftovers(Path(db_path))
    return open_database(Path(db_path), parent)


def close_database(db: Database) -> None:
    """What closing the app does to its database: personal data past its retention
    period pruned, the day's backup, then the file closed (and its lock let go)."""
    _prune_personal_data(db)  # first: the day's backup is then already pruned
    _daily_backup(db)
    db.close()


DEMO_FILE = "demo.sqlite"
DEMO_PARTICIPANTS = 2000


def first_run(db: Database) -> Database | None:
    """First run: ask who the officer is (and offer region data and a demo database).

    Returns the database to work on (the demo one if the officer asked for it), or
    None when the officer chose to quit.
    """
    if db.officer:
        return db
    from desasadar_gui.ui.setup.first_run import FirstRunDialog

    dialog = FirstRunDialog(db)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if not dialog.wants_demo:
        return db
    demo = open_demo_database(db.device.officer_name, db.device.branch)
    if demo is None:
        return db
    db.close()
    return demo


def open_demo_database(officer: str, branch: str) -> Database | None:
    """The practice database beside the real one, filled with Jambi demo data once."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from desasadar_gui.services.practice import mark_practice_database
    from desasadar_gui.ui.kit import messages
    from desasadar_gui.ui.setup.first_run import fill_practice_database

    path = data_dir() / DEMO_FILE
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        demo = Database.open(path, lock=True, allow_new=True)
        demo.set_officer(officer, branch)
        if demo.upgrade.from_revision is None:  # created just now
            fill_practice_database(demo, DEMO_PARTICIPANTS, officer)
        mark_practice_database(demo)  # also one made before practice files were marked
        return demo
    except (UserError, OSError) as exc:
        log.warning("demo database not opened: %s", exc.__class__.__name__)
        error = exc if isinstance(exc, UserError) else describe_os_error(exc)
        messages.show_user_error(None, error)
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()


def run_app(db_path: Path | str) -> int:
    from desasadar_gui.cli.main import clean_leftovers

    setup_logging()
    # Scratch of killed processes, half-written backups (a server has no file of ours).
    clean_leftovers(None if is_server_url(db_path) else Path(db_path))
    app = _ensure_app(sys.argv[:1])
    from desasadar_gui.ui.kit.i18n import apply_language, saved_language
    from desasadar_gui.ui.safety.crash_dialog import install_excepthook

    install_excepthook()
    settings = open_settings()
    apply_language(saved_language(settings))

    db = open_database(db_path)
    if db is None:
        return EXIT_REFUSED
    window = None
    try:
        from desasadar_gui.ui.safety.protection import offer_protection

        # A plain database (new, or of an older version): a passphrase, or a warned skip.
        protected = offer_protection(db)
        if protected is None:
            return EXIT_OK
        db = protected
        chosen = first_run(db)
        if chosen is None:
            return EXIT_OK
        db = chosen
        window = create_main_window(db, settings)
        window.show_initial()
        return app.exec()
    finally:
        # A restore from the Backups view, or Berkas > Buka basis data…, swaps the
        # window's database: close that one.
        close_database(window.ctx.db if window is not None else db)


def _prune_personal_data(db: Database) -> None:
    """On close: history values and final tombstones past their retention period."""
    from desasadar_gui.services.retention import prune_personal_data

    try:
        prune_personal_data(db)
    except (UserError, OSError) as exc:  # never blocks closing; tried again next time
        log.warning("retention pruning failed: %s", exc.__class__.__name__)


def _daily_backup(db: Database) -> None:
    """Once a day, on close, a consistent copy (rotated by the backup policy)."""
    from desasadar_gui.services.backups import daily_backup_if_due
    from desasadar_gui.ui.kit import messages

    try:
        daily_backup_if_due(db)
    except UserError as exc:
        log.warning("daily backup failed: %s", exc.__class__.__name__)
        messages.show_user_error(None, exc)
    except OSError as exc:
        log.warning("daily backup failed: %s", exc.__class__.__name__)
        messages.show_user_error(None, describe_os_error(exc))
