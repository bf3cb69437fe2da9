"""Translations: the catalogue covers every string in ui/, it compiles, and switching the
language at run time changes what the user sees."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator

from desasadar_gui import i18n_build
from desasadar_gui.errors import UserError
from desasadar_gui.paths import data_dir
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.ui.kit import i18n
from desasadar_gui.ui.villages.models import COL_KIND, COL_NAME, COL_STATUS

ENGLISH_TS = i18n_build.translations_dir() / "desasadar_en.ts"
PLACEHOLDER = re.compile(r"%(?:\d|n)")


@pytest.fixture(autouse=True)
def back_to_indonesian(qapp):
    yield
    i18n.apply_language("id")


def _messages(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translations (one per numerus form), unfinished ones empty."""
    out: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") not in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            forms = [f.text or "" for f in translation.iter("numerusform")] if finished else []
            if finished and not forms:
                forms = [translation.text or ""]
            out[(name, message.findtext("source") or "")] = forms if finished else []
    return out


def test_every_ui_string_has_an_english_translation(tmp_path):
    scanned = tmp_path / "scan.ts"
    sources = [str(p) for p in i18n_build.ui_sources()]
    subprocess.run(
        [*i18n_build.find_tool("lupdate"), "-silent", "-locations", "none", *sources,
         "-ts", str(scanned)],
        check=True,
    )  # fmt: skip
    wanted = set(_messages(scanned))
    assert len(wanted) > 100
    # A string lupdate files under no context went through a helper like
    # `def tr(text): return translate("ctx", text)`: it cannot be matched at run time.
    hidden = sorted(source for context, source in wanted if not context)
    assert hidden == [], "spell out QCoreApplication.translate('Context', '…') at each call"
    have = _messages(ENGLISH_TS)
    missing = sorted(k for k in wanted if not any(t.strip() for t in have.get(k, [])))
    assert missing == [], "run `python -m desasadar_gui.i18n_build --update` and translate"


def test_translations_keep_placeholders():
    for (context, source), forms in _messages(ENGLISH_TS).items():
        for text in filter(None, forms):
            assert sorted(set(PLACEHOLDER.findall(text))) == sorted(
                set(PLACEHOLDER.findall(source))
            ), (context, source, text)


def test_build_compiles_every_catalogue(tmp_path):
    built = i18n_build.build(out_dir=tmp_path)
    assert {p.name for p in built} == {"desasadar_en.qm", "desasadar_qt_id.qm"}
    translator = QTranslator()
    assert translator.load(str(tmp_path / "desasadar_en.qm"))
    assert translator.translate("MainWindow", "&Desa") == "&Villages"


def test_build_command_line(tmp_path):
    assert i18n_build.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "desasadar_en.qm").stat().st_size > 1000


def test_missing_catalogue_is_built_on_the_fly(monkeypatch, tmp_path):
    source = tmp_path / "translations"
    source.mkdir()
    shutil.copy(ENGLISH_TS, source)
    monkeypatch.setattr(i18n_build, "translations_dir", lambda: source)
    path = i18n.catalogue_path("en")
    assert path is not None and path.is_file()
    assert data_dir() in path.parents  # built into the user's data folder
    assert path.name == "desasadar_en.qm"
    assert not (source / "desasadar_en.qm").exists()


def test_no_catalogue_falls_back_to_indonesian(monkeypatch):
    monkeypatch.setattr(i18n, "catalogue_path", lambda name: None)
    assert i18n.apply_language("en") is False
    assert i18n.language() == "id"
    assert QCoreApplication.translate("MainWindow", "&Desa") == "&Desa"


def test_core_messages_follow_the_language(qapp):
    error = UserError("Berkas rusak.", "The file is damaged.")
    i18n.apply_language("en")
    assert str(error) == "The file is damaged."
    i18n.apply_language("id")
    assert str(error) == "Berkas rusak."


def _visible_texts(window) -> dict[str, object]:
    model = window.villages_tab.model
    return {
        "tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())],
        "menus": [a.text() for a in window.menuBar().actions()],
        "toolbar": [a.iconText() for a in window.toolbar.actions() if not a.isSeparator()],
        "header": model.headerData(COL_NAME, Qt.Orientation.Horizontal),
        "kind": model.data(model.index(0, COL_KIND)),
        "status": model.data(model.index(0, COL_STATUS)),
        "add": window.villages_tab.add_button.text(),
        "filter": window.villages_tab.status_combo.itemText(0),
        "counts": window.counts_label.text(),
        "launch": window.villages_tab.detail.launch_button.text(),
        "facts": window.villages_tab.detail._fact_names[1].text(),
    }


def test_switching_language_updates_the_window(qtbot, db, tmp_path):
    from desasadar_gui.app import create_main_window

    vid = create_village(db, VillageInput(name="Sungai Baung", launch_date=date(2018, 1, 1))).id
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = create_main_window(db, settings)
    qtbot.addWidget(window)
    window.villages_tab.select_village(vid)
    before = _visible_texts(window)
    assert before["tabs"] == ["&Desa", "&Peserta", "&Sosialisasi", "&Ringkasan"]
    assert before["kind"] == "Desa" and before["status"] == "Calon desa sadar"

    assert i18n.apply_language("en")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "&Villages")
    after = _visible_texts(window)
    assert after["tabs"] == ["&Villages", "&Participants", "S&ocialisation", "Su&mmary"]
    assert after["menus"] == ["&File", "Vie&w", "&Help"]
    assert after["toolbar"] == [
        "Add village",
        "Add participant",
        "Search",
        "Refresh",
        "Export",
        "Import",
    ]
    assert after["header"] == "Name"
    assert after["kind"] == "Village (desa)"
    assert after["status"] == "Prospect"
    assert after["add"] == "&Add village…"
    assert after["filter"] == "All statuses"
    assert after["counts"] == "Villages: 1 · participants: 0 · sessions: 0"
    assert after["launch"] == "&Launch…"
    assert after["facts"] == "Village head"
    assert window.villages_tab.count_label.text() == "1 village"

    i18n.apply_language("id")
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "&Desa")
    assert _visible_texts(window) == before


def test_settings_dialog_switches_language_at_once(qtbot, db, tmp_path):
    from desasadar_gui.ui.kit.context import UiContext
    from desasadar_gui.ui.setup.settings import SettingsDialog

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(UiContext(db), settings)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Pengaturan"
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
    assert i18n.language() == "en"
    assert i18n.saved_language(settings) == "en"
    assert dialog.tabs.tabText(2) == "Contribution rates"
