"""What each screenshot shows: the four tabs, then the main dialogs over the window.

A scene's ``show`` returns the widget to grab, shown (or None when the database has
nothing for it, e.g. no session yet). Dialogs are shown, never ``exec``-ed, and closed
by hiding them: nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QScrollArea, QWidget

from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.screenshot.sample import Sample

WINDOW = "window"  # the main window at the shot size
DIALOG = "dialog"  # a dialog at its own size, within the screen
PANEL = "panel"  # a detail panel at its width in the window, as tall as its content

PANEL_WIDTH = 375  # the villages tab gives its detail panel this much (tab.py)


@dataclass
class SceneEnv:
    window: QWidget  # the MainWindow
    ctx: UiContext
    settings: QSettings
    sample: Sample
    size: tuple[int, int]
    changed: UiContext  # the second copy, with the sample's changes (sample.py)


@dataclass(frozen=True)
class Scene:
    file: str
    kind: str
    show: Callable[[SceneEnv], QWidget | None]


def _tab(index: int) -> Callable[[SceneEnv], QWidget | None]:
    def show(env: SceneEnv) -> QWidget | None:
        window = env.window
        if index >= window.tabs.count():
            return None
        if index == 0 and env.sample.village is not None:
            window.villages_tab.select_village(env.sample.village.id)
        if index == 2 and env.sample.session is not None:
            window.sessions_tab.select_session(env.sample.session.id)
        window.tabs.setCurrentIndex(index)
        return window

    return show


def _dialog(dialog: QWidget) -> QWidget:
    dialog.show()
    return dialog


def _village_panel(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.villages.detail_panel import VillageDetailPanel

    if env.sample.village is None:
        return None
    panel = VillageDetailPanel(env.ctx)
    panel.show_village(env.sample.village.id)
    panel.resize(PANEL_WIDTH, env.size[1])
    panel.show()
    # As tall as its content, so the shot shows all of it (the window scrolls instead).
    scroll = panel.findChild(QScrollArea)
    body = scroll.widget() if scroll is not None else None
    if body is not None:
        height = max(body.sizeHint().height(), body.heightForWidth(PANEL_WIDTH))
        panel.resize(PANEL_WIDTH, max(height + 2, 200))
    return panel


def _village_form(edit: bool) -> Callable[[SceneEnv], QWidget | None]:
    def show(env: SceneEnv) -> QWidget | None:
        from desasadar_gui.ui.villages.form import VillageDialog

        if edit and env.sample.village is None:
            return None
        village = env.sample.village if edit else None
        return _dialog(VillageDialog(env.ctx, village, env.window))

    return show


def _participant_form(edit: bool) -> Callable[[SceneEnv], QWidget | None]:
    def show(env: SceneEnv) -> QWidget | None:
        from desasadar_gui.ui.participants.form import ParticipantForm

        if edit and env.sample.person is None:
            return None
        person = env.sample.person if edit else None
        village = env.sample.village.id if env.sample.village and not edit else None
        return _dialog(ParticipantForm(env.ctx, person, env.window, village_id=village))

    return show


def _session_form(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.sessions.dialogs import SessionDialog

    if env.sample.session is None:
        return None
    return _dialog(SessionDialog(env.ctx, env.sample.session, parent=env.window))


def _checklist(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.sessions.dialogs import ChecklistDialog

    if env.sample.session is None or not env.sample.session.village_id:
        return None
    return _dialog(ChecklistDialog(env.ctx, env.sample.session, env.window))


def _walkin(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.sessions.attendance_dialogs import WalkinDialog

    if env.sample.session is None:
        return None
    return _dialog(WalkinDialog(env.ctx, env.sample.session, env.window))


def _register(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.sessions.attendance_dialogs import RegisterDialog

    attendee, session = env.sample.to_register, env.sample.session
    if attendee is None or session is None:
        return None
    return _dialog(
        RegisterDialog(
            env.ctx, attendee.attendance_id, attendee.name, session.held_on, env.window
        )  # fmt: skip
    )


def _import_preview(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.sync.import_preview import ImportPreviewDialog

    prepared = env.sample.prepared
    if prepared is None or prepared.plan is None:
        return None
    return _dialog(ImportPreviewDialog(prepared, env.window))


def _settings(page: int) -> Callable[[SceneEnv], QWidget | None]:
    def show(env: SceneEnv) -> QWidget | None:
        from desasadar_gui.ui.setup.settings import SettingsDialog

        dialog = SettingsDialog(env.ctx, env.settings, env.window)
        if page >= dialog.tabs.count():
            dialog.deleteLater()
            return None
        dialog.tabs.setCurrentIndex(page)
        return _dialog(dialog)

    return show


def _welcome(after_error: bool) -> Callable[[SceneEnv], QWidget | None]:
    def show(env: SceneEnv) -> QWidget | None:
        from desasadar_gui.ui.setup.first_run import FirstRunDialog

        dialog = FirstRunDialog(env.ctx.db, env.window)
        dialog.show()
        if after_error:
            dialog.officer_edit.clear()
            dialog.save()  # refused: the name is missing; the message appears
        return dialog

    return show


def _backups(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.safety.backups import BackupsDialog

    return _dialog(BackupsDialog(env.changed, env.window))


def _deleted(env: SceneEnv) -> QWidget | None:
    from desasadar_gui.ui.safety.deleted_records import DeletedRecordsDialog

    return _dialog(DeletedRecordsDialog(env.changed, env.window))


TAB_FILES = ("01-desa.png", "02-peserta.png", "03-sosialisasi.png", "04-ringkasan.png")

SCENES: tuple[Scene, ...] = (
    *(Scene(name, WINDOW, _tab(i)) for i, name in enumerate(TAB_FILES)),
    Scene("05-desa-detail.png", PANEL, _village_panel),
    Scene("06-desa-tambah.png", DIALOG, _village_form(edit=False)),
    Scene("07-desa-ubah.png", DIALOG, _village_form(edit=True)),
    Scene("08-peserta-tambah.png", DIALOG, _participant_form(edit=False)),
    Scene("09-peserta-ubah.png", DIALOG, _participant_form(edit=True)),
    Scene("10-sesi-ubah.png", DIALOG, _session_form),
    Scene("11-hadir-centang.png", DIALOG, _checklist),
    Scene("12-hadir-tamu-baru.png", DIALOG, _walkin),
    Scene("13-hadir-tandai-mendaftar.png", DIALOG, _register),
    Scene("14-impor-pratinjau.png", DIALOG, _import_preview),
    Scene("15-pengaturan-petugas.png", DIALOG, _settings(0)),
    Scene("16-pengaturan-wilayah.png", DIALOG, _settings(1)),
    Scene("17-pengaturan-tarif.png", DIALOG, _settings(2)),
    Scene("18-pengaturan-keamanan.png", DIALOG, _settings(3)),
    Scene("19-selamat-datang.png", DIALOG, _welcome(after_error=False)),
    Scene("20-selamat-datang-galat.png", DIALOG, _welcome(after_error=True)),
    Scene("21-cadangan.png", DIALOG, _backups),
    Scene("22-data-terhapus.png", DIALOG, _deleted),
)
