"""*Bantuan → Panduan* (F1) and the hints of empty lists, driven through real widgets on
the offscreen platform."""

from __future__ import annotations

import re
import struct
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desasadar_gui import app as app_module
from desasadar_gui.paths import resource_path
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    delete_participant,
)
from desasadar_gui.services.sessions import SessionInput, create_session
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.guide.window import GuideWindow, guide_page, sections
from desasadar_gui.ui.kit import i18n
from desasadar_gui.ui.kit.context import PARTICIPANTS, VILLAGES, UiContext
from desasadar_gui.ui.participants.tab import ParticipantsTab
from desasadar_gui.ui.safety.deleted_records import DeletedRecordsDialog
from desasadar_gui.ui.sessions.tab import SessionsTab
from desasadar_gui.ui.villages.tab import VillagesTab

# The offscreen platform says so when a window is shown or raised.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

GUIDE_BUDGET = 1_500_000  # bytes: every page and picture of both languages
_IMG = re.compile(r'<img\s+src="([^"]+)"')


@pytest.fixture
def window(qtbot, db, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = app_module.create_main_window(db, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def english():
    """Switch to English for the test; always back to Indonesian afterwards."""
    assert i18n.apply_language("en")
    yield
    i18n.apply_language("id")


def _guide(window) -> GuideWindow | None:
    return window.findChild(GuideWindow)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


# -- the guide --------------------------------------------------------------------------


def test_f1_opens_the_guide_in_indonesian_with_every_picture(qtbot, window) -> None:
    assert _guide(window) is None
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = _guide(window)
    assert guide is not None and guide.isVisible()
    assert guide.windowTitle() == "Panduan Desa Sadar"
    assert guide.width() <= 1366 and guide.height() <= 728  # a laptop, above its taskbar
    text = guide.browser.toPlainText()
    assert "Pertama kali membuka aplikasi" in text
    assert "Daftarkan perangkat desa lebih dulu" in text
    contents = [guide.toc.item(i).text() for i in range(guide.toc.count())]
    assert contents[0] == "1. Pertama kali membuka aplikasi"
    # Every <img> of the page is in the document, and each one loads.
    wanted = _IMG.findall(guide_page("id").read_text(encoding="utf-8"))
    assert len(wanted) >= 10
    assert guide.image_names() == wanted
    assert guide.missing_images() == []
    guide.close()


def test_the_help_menu_opens_the_same_guide_at_a_section(qtbot, window) -> None:
    items = [a.text() for a in window.help_menu.actions() if not a.isSeparator()]
    assert items == ["&Panduan", "&Tentang Desa Sadar"]
    assert window.guide_action.shortcut().toString() == "F1"
    window.guide_action.trigger()
    first = _guide(window)
    assert first is not None and first.isVisible()
    assert first.parent() is window  # goes with the main window
    first.show_section("hadir")
    assert first.current_section() == "hadir"
    again = window.open_guide("perangkat")
    assert again is first and len(window.findChildren(GuideWindow)) == 1
    assert first.current_section() == "perangkat"
    window.close()
    assert not first.isVisible()


def test_switching_to_english_shows_the_english_guide(qtbot, window) -> None:
    guide = window.open_guide("sesi")
    try:
        assert i18n.apply_language("en")
        qtbot.waitUntil(lambda: guide.windowTitle() == "Desa Sadar guide")
        text = guide.browser.toPlainText()
        assert "The first start" in text and "Register the village officials first" in text
        assert "Pertama kali" not in text
        assert guide.toc.item(0).text() == "1. The first start"
        assert guide.current_section() == "sesi"  # the same place, in the other language
        assert guide.page == guide_page("en") and guide.page.parent.name == "en"
        assert guide.missing_images() == []
    finally:
        i18n.apply_language("id")
    qtbot.waitUntil(lambda: guide.windowTitle() == "Panduan Desa Sadar")
    assert "Pertama kali membuka aplikasi" in guide.browser.toPlainText()
    guide.close()


def test_the_guide_opened_in_english_is_english(qtbot, window, english) -> None:
    guide = window.open_guide()
    assert guide.windowTitle() == "Desa Sadar guide"
    assert "The practice database" in guide.browser.toPlainText()
    guide.close()


def test_both_languages_have_the_same_sections_and_small_existing_pictures() -> None:
    pages = {lang: guide_page(lang) for lang in ("id", "en")}
    assert pages["en"] != pages["id"]
    anchors = {lang: [a for a, _t in sections(page)] for lang, page in pages.items()}
    assert anchors["id"] == anchors["en"]
    assert {"mulai", "desa", "perangkat", "sesi", "hadir", "peserta", "sinkron",
            "cadangan", "latihan"} <= set(anchors["id"])  # fmt: skip
    for page in pages.values():
        html = page.read_text(encoding="utf-8")
        links = set(re.findall(r'href="#([\w-]+)"', html))
        assert links <= set(anchors["id"]), f"{page}: links to missing sections"
        for name in _IMG.findall(html):
            picture = page.parent / name
            assert picture.is_file(), f"{page.parent.name}/{name} is missing"
            width, height = _png_size(picture)
            assert 100 <= width <= 940 and 20 <= height <= 700, (name, width, height)
    guide = resource_path("guide")
    total = sum(p.stat().st_size for p in guide.rglob("*") if p.is_file())
    assert total < GUIDE_BUDGET


# -- empty lists -------------------------------------------------------------------------


@pytest.fixture
def ctx(db) -> UiContext:
    return UiContext(db)


def _villages_tab(qtbot, ctx) -> VillagesTab:
    tab = VillagesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_an_empty_villages_table_says_where_to_start_until_a_village_is_added(qtbot, ctx) -> None:
    tab = _villages_tab(qtbot, ctx)
    hint = tab.empty_hint
    assert hint.showing() and hint.label.isVisible()
    assert hint.plain_text().startswith("Belum ada desa.")
    assert "Tambah desa" in hint.plain_text() and "Impor data wilayah" in hint.plain_text()
    assert {"add", "regions", "guide"} <= set(hint.links())
    # Centred in the table's viewport, inside it.
    viewport = tab.table.viewport().rect()
    assert viewport.contains(hint.label.geometry())
    assert abs(hint.label.geometry().center().x() - viewport.center().x()) <= 2
    with qtbot.waitSignal(tab.regions_requested):
        hint.follow("regions")
    hint.follow("guide")  # the guide, at the section on villages
    guide = tab.findChild(GuideWindow)
    assert guide is not None and guide.isVisible() and guide.current_section() == "desa"
    guide.close()

    create_village(ctx.db, VillageInput(name="Sungai Baung", kabupaten="Kabupaten Batanghari"))
    ctx.bus.notify(VILLAGES)
    assert tab.model.rowCount() == 1
    assert not hint.showing() and not hint.label.isVisible()


def test_a_village_search_without_match_says_so_and_shows_all_again(qtbot, ctx) -> None:
    create_village(ctx.db, VillageInput(name="Sungai Baung", kabupaten="Kabupaten Batanghari"))
    tab = _villages_tab(qtbot, ctx)
    assert not tab.empty_hint.showing()
    qtbot.keyClicks(tab.search_edit, "zzz")
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)
    assert tab.model.rowCount() == 0
    assert tab.empty_hint.showing()
    assert tab.empty_hint.plain_text().startswith("Tidak ada desa yang cocok")
    tab.empty_hint.follow("clear")
    assert tab.search_edit.text() == "" and tab.model.rowCount() == 1
    assert not tab.empty_hint.showing()


def test_the_hint_follows_a_language_switch(qtbot, ctx) -> None:
    tab = _villages_tab(qtbot, ctx)
    try:
        assert i18n.apply_language("en")
        qtbot.waitUntil(lambda: tab.empty_hint.plain_text().startswith("No villages yet."))
        assert "Belum" not in tab.empty_hint.plain_text()
    finally:
        i18n.apply_language("id")
    qtbot.waitUntil(lambda: tab.empty_hint.plain_text().startswith("Belum ada desa."))


def test_participants_empty_then_no_match(qtbot, ctx) -> None:
    tab = ParticipantsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    try:
        qtbot.waitUntil(lambda: tab.model.exact and not tab.model.busy)
        assert tab.empty_hint.showing()
        assert tab.empty_hint.plain_text().startswith("Belum ada peserta.")
        with qtbot.waitSignal(tab.import_requested):
            tab.empty_hint.follow("import")

        village = create_village(ctx.db, VillageInput(name="Sungai Baung"))
        create_participant(ctx.db, ParticipantInput(name="Siti Aminah", village_id=village.id))
        with qtbot.waitSignal(tab.model.loaded):
            ctx.bus.notify(PARTICIPANTS)
        qtbot.waitUntil(lambda: tab.model.exact and not tab.model.busy)
        assert not tab.empty_hint.showing()

        qtbot.keyClicks(tab.search_edit, "Qwerty")
        qtbot.waitUntil(lambda: tab.model.exact and not tab.model.busy and tab.model.total == 0)
        assert tab.empty_hint.showing()
        assert tab.empty_hint.plain_text().startswith("Tidak ada peserta yang cocok")
        with qtbot.waitSignal(tab.model.loaded):
            tab.empty_hint.follow("clear")
        qtbot.waitUntil(lambda: tab.model.exact and not tab.model.busy)
        assert tab.model.total == 1 and not tab.empty_hint.showing()
    finally:
        tab.model.shutdown()


def test_sessions_and_their_lists_say_where_to_start(qtbot, ctx) -> None:
    tab = SessionsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    assert not tab.empty_hint.showing()  # nothing loaded yet: no verdict
    with qtbot.waitSignal(tab.loaded):
        tab.show()
    assert tab.empty_hint.showing()
    assert tab.empty_hint.plain_text().startswith("Belum ada sesi.")

    village = create_village(ctx.db, VillageInput(name="Sungai Baung"))
    create_session(ctx.db, SessionInput(village.id, date(2018, 3, 1), "sosialisasi", "Balai"))
    with qtbot.waitSignal(tab.loaded):
        ctx.bus.notify()
    assert not tab.empty_hint.showing()
    # The chosen session has nobody on its lists yet.
    assert tab.detail.attendee_hint.showing()
    assert tab.detail.attendee_hint.plain_text().startswith("Belum ada yang tercatat hadir.")
    assert tab.detail.follow_hint_empty.showing()

    with qtbot.waitSignal(tab.loaded):
        tab.type_combo.setCurrentIndex(tab.type_combo.findData("edukasi"))
    assert tab.empty_hint.plain_text().startswith("Tidak ada sesi yang cocok")
    with qtbot.waitSignal(tab.loaded):
        tab.empty_hint.follow("clear")
    assert tab.type_combo.currentIndex() == 0 and tab.model.rowCount() == 1


def test_deleted_records_empty_and_filtered(qtbot, window) -> None:
    db = window.ctx.db
    dialog = DeletedRecordsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    assert dialog.empty_hint.showing()
    assert dialog.empty_hint.plain_text().startswith("Tidak ada data terhapus.")
    dialog.close()

    village = create_village(db, VillageInput(name="Sungai Baung"))
    person = create_participant(db, ParticipantInput(name="Siti Aminah", village_id=village.id))
    delete_participant(db, person.row.id)
    dialog = DeletedRecordsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading)
    assert not dialog.empty_hint.showing()
    with qtbot.waitSignal(dialog.loaded):
        dialog.kind_combo.setCurrentIndex(2)  # villages: none deleted
    assert dialog.empty_hint.plain_text().startswith("Tidak ada desa yang terhapus.")
    with qtbot.waitSignal(dialog.loaded):
        dialog.empty_hint.follow("all")
    assert not dialog.empty_hint.showing()
    dialog.close()


# -- the screenshot tool -----------------------------------------------------------------


def test_the_shots_tool_draws_every_picture_the_page_shows(qapp, tmp_path, monkeypatch) -> None:
    """``python -m desasadar_gui.ui.guide.shots`` (on a smaller demo here) writes each
    picture the Indonesian page refers to, none of them blank, and leaves the language
    and the windows as they were."""
    from PySide6.QtGui import QImage

    from desasadar_gui.ui.guide import shots

    def colours(image: QImage) -> int:
        return len({image.pixel(x, y) for y in range(0, image.height(), 3)
                    for x in range(0, image.width(), 3)})  # fmt: skip

    monkeypatch.setattr(shots, "DEMO_PARTICIPANTS", 150)
    written = shots.take_guide_shots(tmp_path, ("id",))
    names = {p.name for p in written}
    wanted = set(_IMG.findall(guide_page("id").read_text(encoding="utf-8")))
    assert wanted <= names == set(shots.SHOTS)
    for path in written:
        assert path.parent == tmp_path / "id"
        image = QImage(str(path))
        assert not image.isNull() and colours(image) > 12, path.name  # drawn, not blank
        assert image.width() <= 940, path.name
    assert i18n.language() == "id"


def test_backups_and_sync_lists_say_when_there_is_nothing_yet(qtbot, ctx, monkeypatch) -> None:
    from desasadar_gui.ui.kit import messages
    from desasadar_gui.ui.safety.backups import BackupsView
    from desasadar_gui.ui.sync.view import SyncView

    shown: list[tuple] = []
    monkeypatch.setattr(messages, "show_info", lambda *args, **kw: shown.append(args))
    view = BackupsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view._busy)
    assert view.model.rowCount() == 0 and view.empty_hint.showing()
    assert view.empty_hint.plain_text().startswith("Belum ada cadangan basis data ini.")
    with qtbot.waitSignal(view.backup_taken, timeout=10000):
        view.empty_hint.follow("now")  # "Cadangkan sekarang" in the hint
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert not view.empty_hint.showing() and len(shown) == 1

    sync = SyncView(ctx)
    qtbot.addWidget(sync)
    sync.show()
    history, conflicts, duplicates = sync.empty_hints
    assert history.showing() and history.plain_text().startswith("Belum ada ekspor atau impor.")
    assert conflicts.plain_text().startswith("Tidak ada konflik")
    assert duplicates.plain_text().startswith("Tidak ada orang yang tercatat dua kali")
