"""The main window: four tabs, the menus, the toolbar for the daily actions, and a
status bar with the officer, the database file and live counts. The title names the
database file; a practice database gets a coloured banner over the tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desasadar_gui import __version__
from desasadar_gui.domain import display
from desasadar_gui.services.practice import is_practice_database
from desasadar_gui.services.village_queries import live_counts
from desasadar_gui.ui.dashboard.tab import DashboardTab
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import PARTICIPANTS, SESSIONS, VILLAGES, UiContext
from desasadar_gui.ui.kit.i18n import Retranslating, language
from desasadar_gui.ui.kit.layouts import vbox
from desasadar_gui.ui.participants.tab import ParticipantsTab
from desasadar_gui.ui.safety.undo_delete import UndoDelete
from desasadar_gui.ui.sessions.tab import SessionsTab
from desasadar_gui.ui.setup.database_switch import DatabaseSwitcher, PracticeBanner, window_title
from desasadar_gui.ui.setup.region_import import (
    ask_region_source,
    start_region_import,
    usable_files,
)
from desasadar_gui.ui.villages.tab import VillagesTab

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
SPLITTER_KEY = "window/villagesSplitter"

TAB_VILLAGES = 0
TAB_PARTICIPANTS = 1
TAB_SESSIONS = 2
TAB_DASHBOARD = 3

_COUNTED = frozenset({VILLAGES, PARTICIPANTS, SESSIONS})


def _number(n: int) -> str:
    return display.count(n, language())


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, ctx: UiContext, settings: QSettings, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.setObjectName("MainWindow")
        self.setMinimumSize(960, 600)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.villages_tab = VillagesTab(ctx)
        self.participants_tab = ParticipantsTab(ctx)
        self.sessions_tab = SessionsTab(ctx)
        self.dashboard_tab = DashboardTab(ctx)
        for tab in (
            self.villages_tab,
            self.participants_tab,
            self.sessions_tab,
            self.dashboard_tab,
        ):
            self.tabs.addTab(tab, "")
        self.practice_banner = PracticeBanner()
        central = QWidget()
        layout = vbox(self.practice_banner, (self.tabs, 1), owner=central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.setCentralWidget(central)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()

        ctx.bus.changed.connect(self._data_changed)
        # The empty lists' hints offer the window's own actions.
        self.villages_tab.regions_requested.connect(self.import_regions)
        self.participants_tab.import_requested.connect(self.import_workbook)
        self.idle_lock = None
        self.update_idle_lock()
        self.retranslate_ui()
        self.refresh_status()
        self.first_start = not self.restore_window_state()

    def update_idle_lock(self) -> None:
        """Lock after the configured minutes without input, when the database has a
        passphrase (there is nothing to ask for otherwise)."""
        from desasadar_gui.services.security import idle_lock_minutes
        from desasadar_gui.ui.safety.idle_lock import IdleLock

        db = self.ctx.db
        if not db.encrypted or db.path is None:
            if self.idle_lock is not None:
                self.idle_lock.stop()
                self.idle_lock = None
            return
        minutes = idle_lock_minutes(db)
        if self.idle_lock is None:
            self.idle_lock = IdleLock(db.path, minutes, self)
        elif self.idle_lock.db_path != db.path:  # another database is open now
            self.idle_lock.stop()
            self.idle_lock = IdleLock(db.path, minutes, self)
        else:
            self.idle_lock.set_minutes(minutes)

    # -- building -----------------------------------------------------------------

    def _action(
        self,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.databases = DatabaseSwitcher(self.ctx, self.settings, self)  # Ctrl+O, recent
        self.databases.switched.connect(self.database_switched)
        self.add_village_action = self._action(
            self.add_village, "Ctrl+Shift+N", sp.SP_FileDialogNewFolder
        )
        self.add_participant_action = self._action(self.add_participant, "Ctrl+N", sp.SP_FileIcon)
        self.search_action = self._action(self.focus_search, "Ctrl+F", sp.SP_FileDialogContentsView)
        self.refresh_action = self._action(self.refresh, "F5", sp.SP_BrowserReload)
        self.import_regions_action = self._action(self.import_regions)
        self.export_action = self._action(self.export_workbook, "Ctrl+E", sp.SP_DialogSaveButton)
        self.export_private_action = self._action(self.export_private_workbook)
        self.import_action = self._action(self.import_workbook, "Ctrl+I", sp.SP_DialogOpenButton)
        self.sync_view_action = self._action(self.open_sync_view)
        self.deleted_records_action = self._action(self.open_deleted_records)
        self.undo_delete = UndoDelete(self.ctx, self)  # Ctrl+Z: the last deletion back
        self.backups_action = self._action(self.open_backups)
        self.processing_action = self._action(self.open_processing_record)
        self.settings_action = self._action(self.open_settings, "Ctrl+,")
        self.quit_action = self._action(self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.guide_action = self._action(
            self.open_guide, "F1", QStyle.StandardPixmap.SP_DialogHelpButton
        )
        self.about_action = self._action(self.show_about)
        self.tab_actions = [
            self._action(lambda i=i: self.tabs.setCurrentIndex(i), f"Ctrl+{i + 1}")
            for i in range(self.tabs.count())
        ]

    def _make_menus(self) -> None:
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.databases.open_action)
        self.file_menu.addMenu(self.databases.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.export_private_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.sync_view_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.deleted_records_action)
        self.file_menu.addAction(self.undo_delete.action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addAction(self.processing_action)
        self.file_menu.addAction(self.import_regions_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = QMenu(self)
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        bar = self.menuBar()
        bar.addMenu(self.file_menu)
        bar.addMenu(self.view_menu)
        bar.addMenu(self.help_menu)

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.add_village_action, self.add_participant_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.search_action)
        self.toolbar.addAction(self.refresh_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.import_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _make_status_bar(self) -> None:
        self.officer_label = QLabel()
        self.officer_label.setObjectName("officerStatus")
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseStatus")
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsStatus")
        bar = self.statusBar()
        bar.addWidget(self.officer_label)
        bar.addWidget(self.database_label)
        bar.addPermanentWidget(self.counts_label)

    # -- texts --------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        titles = (
            self.tr("&Desa"),
            self.tr("&Peserta"),
            self.tr("&Sosialisasi"),
            self.tr("&Ringkasan"),
        )
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
            self.tab_actions[i].setText(title.replace("&", ""))
        self.file_menu.setTitle(self.tr("&Berkas"))
        self.view_menu.setTitle(self.tr("Ta&mpilan"))
        self.help_menu.setTitle(self.tr("Ba&ntuan"))
        texts = (
            (
                self.add_village_action,
                self.tr("Tambah desa"),
                self.tr("Tambah desa, kelurahan atau pasar"),
            ),
            (
                self.add_participant_action,
                self.tr("Tambah peserta"),
                self.tr("Daftarkan peserta baru"),
            ),
            (
                self.search_action,
                self.tr("Cari"),
                self.tr("Cari peserta menurut nama, NIK atau telepon"),
            ),
            (self.refresh_action, self.tr("Segarkan"), self.tr("Muat ulang semua data")),
            (
                self.export_action,
                self.tr("&Ekspor buku kerja…"),
                self.tr("Ekspor semua data ke buku kerja Excel untuk sinkronisasi"),
            ),
            (
                self.export_private_action,
                self.tr("Ekspor untuk &supervisor (tanpa NIK dan telepon)…"),
                self.tr(
                    "Salinan untuk dibaca: tanpa NIK, telepon, tanggal lahir dan alamat; "
                    "tidak bisa diimpor"
                ),
            ),
            (
                self.import_action,
                self.tr("&Impor buku kerja…"),
                self.tr("Gabungkan buku kerja dari laptop petugas lain atau supervisor"),
            ),
            (self.sync_view_action, self.tr("Riwayat sin&kronisasi dan konflik…"), ""),
            (
                self.deleted_records_action,
                self.tr("Data &terhapus…"),
                self.tr("Lihat dan pulihkan peserta, desa dan sesi yang dihapus"),
            ),
            (self.backups_action, self.tr("&Cadangan…"), ""),
            (
                self.processing_action,
                self.tr("Catatan pe&mrosesan…"),
                self.tr("Catatan pemrosesan data pribadi untuk petugas pelindungan data"),
            ),
            (self.import_regions_action, self.tr("Impor data &wilayah…"), ""),
            (self.settings_action, self.tr("&Pengaturan…"), ""),
            (self.quit_action, self.tr("&Keluar"), ""),
            (
                self.guide_action,
                self.tr("&Panduan"),
                self.tr("Panduan bergambar: hari kerja seorang petugas, langkah demi langkah"),
            ),
            (self.about_action, self.tr("&Tentang Desa Sadar"), ""),
        )
        for action, text, tip in texts:
            action.setText(text)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = tip or text.replace("&", "")
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        # The toolbar shows short words; the menu keeps the full, explicit texts.
        self.export_action.setIconText(self.tr("Ekspor"))
        self.import_action.setIconText(self.tr("Impor"))
        self.toolbar.setWindowTitle(self.tr("Tindakan utama"))
        self.undo_delete.retranslate()
        self.databases.retranslate()
        self.refresh_status()

    # -- status bar ---------------------------------------------------------------

    def refresh_status(self) -> None:
        device = self.ctx.db.device
        officer = device.officer_name or self.tr("(belum diisi)")
        if device.branch:
            officer = f"{officer} · {device.branch}"
        self.officer_label.setText(self.tr("Petugas: %1").replace("%1", officer))
        path = self.ctx.db.path
        practice = is_practice_database(self.ctx.db)  # one query for the title and banner
        self.setWindowTitle(window_title(self.ctx.db, practice))
        self.practice_banner.show_for(self.ctx.db, practice)
        self.database_label.setText(
            self.tr("Basis data: %1").replace("%1", self.ctx.db.display_name)
        )
        self.database_label.setToolTip(
            self.ctx.db.location if path or self.ctx.db.on_server else ""
        )
        counts = live_counts(self.ctx.db)
        self.counts_label.setText(
            self.tr("%1 desa · %2 peserta · %3 sesi")
            .replace("%1", _number(counts.villages))
            .replace("%2", _number(counts.participants))
            .replace("%3", _number(counts.sessions))
        )

    def _data_changed(self, entities: frozenset) -> None:
        if entities & _COUNTED:
            self.refresh_status()

    def database_switched(self) -> None:
        """Berkas > Buka basis data…: ctx.db is another file (the tabs reload on the
        change announced next)."""
        self.undo_delete.restart()
        self.update_idle_lock()
        self.refresh_status()

    # -- actions ------------------------------------------------------------------

    def add_village(self) -> None:
        self.tabs.setCurrentIndex(TAB_VILLAGES)
        self.villages_tab.add_village()

    def add_participant(self) -> None:
        self.tabs.setCurrentIndex(TAB_PARTICIPANTS)
        self.participants_tab.add_participant()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(TAB_PARTICIPANTS)
        self.participants_tab.focus_search()

    def refresh(self) -> None:
        self.ctx.bus.notify()

    def import_regions(self) -> None:
        files = ask_region_source(self)
        paths = usable_files(self, files)
        if paths:
            start_region_import(self, self.ctx, paths, skipped=files.skipped)

    def export_workbook(self) -> None:
        from desasadar_gui.ui.sync.actions import export_with_dialog

        export_with_dialog(self, self.ctx)

    def export_private_workbook(self) -> None:
        from desasadar_gui.ui.sync.actions import export_with_dialog

        export_with_dialog(self, self.ctx, privacy=True)

    def import_workbook(self) -> None:
        from desasadar_gui.ui.sync.actions import import_with_dialog

        import_with_dialog(self, self.ctx)

    def open_sync_view(self) -> None:
        from desasadar_gui.ui.sync.dialog import SyncDialog

        SyncDialog(self.ctx, self).exec()

    def open_deleted_records(self) -> None:
        from desasadar_gui.ui.safety.deleted_records import DeletedRecordsDialog

        DeletedRecordsDialog(self.ctx, self).exec()

    def open_backups(self) -> None:
        from desasadar_gui.ui.safety.backups import BackupsDialog

        if self.ctx.db.on_server:  # a server database is backed up by the server (pg_dump)
            from desasadar_gui.services.server_database import file_only_error

            messages.show_user_error(self, file_only_error("Cadangan berkas", "File backups"))
            return

        BackupsDialog(self.ctx, self).exec()
        self.refresh_status()

    def open_processing_record(self) -> None:
        from desasadar_gui.ui.safety.processing_record import ProcessingDialog

        ProcessingDialog(self.ctx, self).exec()

    def open_settings(self) -> None:
        from desasadar_gui.ui.setup.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.settings, self)
        dialog.exec()
        self.update_idle_lock()
        self.refresh_status()

    def open_guide(self, section: str | None = None) -> QWidget:
        """*Bantuan → Panduan* (F1): the one guide window, in front (at ``section``)."""
        from desasadar_gui.ui.guide.window import show_guide

        return show_guide(self, section)

    def show_about(self) -> None:
        messages.show_info(
            self,
            self.tr("Desa Sadar Jaminan Sosial Ketenagakerjaan, versi %1.").replace(
                "%1", __version__
            )
            + "\n\n"
            + self.tr(
                "Aplikasi petugas lapangan BPJS Ketenagakerjaan untuk mendata desa, "
                "perangkat desa, peserta Bukan Penerima Upah dan sosialisasi, "
                "tanpa perlu internet."
            ),
            self.tr("Tentang Desa Sadar"),
        )

    # -- window state -------------------------------------------------------------

    def restore_window_state(self) -> bool:
        """Geometry and toolbar state of the last session; False on the first start."""
        geometry = self.settings.value(GEOMETRY_KEY)
        state = self.settings.value(STATE_KEY)
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray):
            self.villages_tab.splitter.restoreState(splitter)
        if not restored:
            self.resize(self._default_size())
        return restored

    def _default_size(self):
        size = self.sizeHint()
        screen = QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            size.setWidth(min(1280, available.width()))
            size.setHeight(min(720, available.height()))
        return size

    def show_initial(self) -> None:
        """Show the window; on a laptop-sized screen the first start fills it."""
        screen = QApplication.primaryScreen()
        small = screen is not None and screen.availableGeometry().width() <= 1440
        if self.first_start and small:
            self.showMaximized()
        else:
            self.show()

    def save_window_state(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState())
        self.settings.setValue(SPLITTER_KEY, self.villages_tab.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        guide = self.findChild(QWidget, "GuideWindow")
        if guide is not None:
            guide.close()  # a window of its own: it goes with the main window
        if self.idle_lock is not None:
            self.idle_lock.stop()
        self.save_window_state()
        wait_for_all(msecs=10000)  # let a running import finish its transaction
        super().closeEvent(event)
