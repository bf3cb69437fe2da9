"""Switching the language at run time, both ways: after the switch no visible widget of
any tab or dialog shows a string of the other language, and quitting afterwards prints
no Qt warning.

"A string of the other language" comes from the catalogues, not from a hand-kept list:
``desasadar_en.ts`` (source: Indonesian, translation: English), ``desasadar_qt_id.ts``
(Qt's stock English, translated into Indonesian), the enum labels and the domain's
problem messages. Texts with placeholders (``%1``, ``{name}``) become patterns. A
short list of words that only one language uses catches texts the catalogues do not
know (a label built from raw data, say)."""

from __future__ import annotations

import ast
import functools
import html
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QToolBar,
    QWidget,
)
from sync_helpers import add_person, add_village, export, import_, new_laptop

from desasadar_gui import i18n_build
from desasadar_gui.domain import enums as enums_module
from desasadar_gui.domain import problems as problems_module
from desasadar_gui.services.database import Database
from desasadar_gui.ui.kit import i18n, messages
from desasadar_gui.ui.kit.background import wait_for_all

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TRANSLATIONS = i18n_build.translations_dir()
PLACEHOLDER = re.compile(r"%\d|%n|%L\d|\{[a-z_]*\}")
MNEMONIC = re.compile(r"&(?!&)")
URL = re.compile(r"https?://\S+")  # a web address's words are no language of ours

# Words only one of the two languages uses, as whole words (case-sensitive). Kept
# short and unambiguous: none is a name, a place or a loan word of the other language.
ENGLISH_WORDS = re.compile(
    r"\b(?:the|new|updated|unchanged|rate|rates|Cancel|Close|Save|village|villages|"
    r"participant|participants|session|sessions|with|from|none|yet|not|Settings)\b"
)
INDONESIAN_WORDS = re.compile(
    r"\b(?:yang|belum|sudah|tidak|untuk|dengan|peserta|sesi|Semua|Simpan|Batal|Tutup|"
    r"Pengaturan|baru|lagi|atau|Keterangan|Berlaku|Peserta|Kehadiran|Sosialisasi)\b"
)


def _plain(text: str) -> str:
    if re.search(r"<[a-zA-Z/][^>]*>", text):  # rich-text labels
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    else:
        text = MNEMONIC.sub("", text).replace("&&", "&")
    return " ".join(text.split())


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return []
    forms = [f.text or "" for f in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def _ts_pairs(name: str) -> Iterator[tuple[str, str]]:
    """(source, translation) of every finished message; one pair per plural form."""
    for message in ET.parse(TRANSLATIONS / name).getroot().iter("message"):
        source = message.findtext("source") or ""
        for form in _forms(message):
            yield source, form


@dataclass
class Vocabulary:
    """What one language says and the other does not."""

    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def add(self, text: str) -> None:
        text = _plain(text)
        if not any(ch.isalpha() for ch in text):
            return
        if not PLACEHOLDER.search(text):
            self.exact.add(text)
            return
        fixed = PLACEHOLDER.sub(" ", text)
        # A pattern needs enough fixed words to be one language's: "%1 (%2)" is not.
        if sum(ch.isalpha() for ch in fixed) < 8 or not re.search(r"[^\W\d_]{4,}", fixed):
            return
        parts = PLACEHOLDER.split(text)
        self.patterns.append(re.compile(".+?".join(re.escape(p) for p in parts), re.S))

    def finds(self, text: str) -> bool:
        return text in self.exact or any(p.fullmatch(text) for p in self.patterns)


def _enum_labels() -> Iterator[tuple[str, str]]:
    for value in vars(enums_module).values():
        if (
            isinstance(value, type)
            and issubclass(value, enums_module.LabelledEnum)
            and value is not enums_module.LabelledEnum
        ):
            for member in value:
                yield member.label("id"), member.label("en")


def _problem_messages() -> Iterator[tuple[str, str]]:
    yield from problems_module._MESSAGES.values()


def _literal(node: ast.expr) -> str | None:
    """A string literal, an f-string's interpolations as ``{x}`` placeholders."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values]
        return "".join(str(p) for p in parts)
    return None


def _core_messages() -> Iterator[tuple[str, str]]:
    """(Indonesian, English) of every message the core writes in both languages:
    ``UserError("…", "…")`` and its kin (two literals side by side in one call)."""
    package = Path(i18n_build.__file__).resolve().parent
    for path in package.rglob("*.py"):
        if "ui" in path.relative_to(package).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            texts = [_literal(a) for a in node.args]
            for first, second in zip(texts, texts[1:], strict=False):
                if first and second and " " in first and " " in second:
                    yield first, second


def _pairs() -> list[tuple[str, str]]:
    """(Indonesian, English) of every text the program can show in both languages."""
    pairs = list(_ts_pairs("desasadar_en.ts"))
    pairs += [(indonesian, english) for english, indonesian in _ts_pairs("desasadar_qt_id.ts")]
    pairs += list(_enum_labels())
    pairs += list(_problem_messages())
    pairs += list(_core_messages())
    return pairs


@functools.cache
def other_language(lang: str) -> Vocabulary:
    """The texts of the language that is *not* ``lang``, minus any text ``lang`` uses
    itself ("Status", "NIK", "OK" are the same in both)."""
    pairs = [(_plain(i), _plain(e)) for i, e in _pairs()]
    own = {e if lang == "en" else i for i, e in pairs}
    vocabulary = Vocabulary()
    for indonesian, english in pairs:
        text = indonesian if lang == "en" else english
        if indonesian != english and text not in own:
            vocabulary.add(text)
    return vocabulary


# -- what the officer sees ------------------------------------------------------------


def _item_texts(view: QAbstractItemView, rows: int = 40) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    header = getattr(view, "horizontalHeader", None)
    for c in range(model.columnCount()):
        if header is not None and header().isSectionHidden(c):
            continue
        yield str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for r in range(min(rows, model.rowCount())):
            index = model.index(r, c)
            yield str(index.data() or "")
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            yield from str(tip or "").splitlines()


def _combo_texts(w: QComboBox) -> Iterator[str]:
    yield from (w.itemText(i) for i in range(w.count()))
    if w.lineEdit() is not None:
        yield w.lineEdit().placeholderText()


def _text_edit_texts(w: QTextEdit | QPlainTextEdit) -> Iterator[str]:
    yield w.placeholderText()
    if w.isReadOnly():
        yield from w.toPlainText().splitlines()


def _spin_texts(w: QAbstractSpinBox) -> Iterator[str]:
    yield w.specialValueText()
    if isinstance(w, QSpinBox):
        yield from (w.prefix(), w.suffix())


def _menu_texts(w: QMainWindow) -> Iterator[str]:
    for action in w.menuBar().actions():
        yield action.text()
        menu = action.menu()
        for item in menu.actions() if isinstance(menu, QMenu) else ():
            yield item.text()


_TEXTS_OF = (
    (QLabel, lambda w: [w.text()]),
    (QAbstractButton, lambda w: [w.text()]),
    (QGroupBox, lambda w: [w.title()]),
    (QLineEdit, lambda w: [w.placeholderText()]),
    (QComboBox, _combo_texts),
    (QTabBar, lambda w: [w.tabText(i) for i in range(w.count())]),
    (QAbstractItemView, _item_texts),
    (QTextEdit | QPlainTextEdit, _text_edit_texts),
    (QAbstractSpinBox, _spin_texts),
    (QMainWindow, _menu_texts),
    (QToolBar, lambda w: [a.iconText() for a in w.actions() if not a.isSeparator()]),
)


def _widget_texts(w: QWidget) -> Iterator[str]:
    yield w.toolTip()
    if w.isWindow():
        yield w.windowTitle()
    for kind, texts in _TEXTS_OF:
        if isinstance(w, kind):
            yield from texts(w)
            return


def shown_texts(root: QWidget) -> dict[str, str]:
    """Every text a user can see in ``root`` (each page of every tab and stack, as if
    it were the current one) -> where it was found."""
    found: dict[str, str] = {}
    seen: set[int] = set()

    def visit(container: QWidget) -> None:
        for w in [container, *container.findChildren(QWidget)]:
            if id(w) in seen or (w is not container and not w.isVisibleTo(container)):
                continue
            seen.add(id(w))
            where = f"{type(w).__name__}({w.objectName() or ''}) in {type(root).__name__}"
            for text in _widget_texts(w):
                text = _plain(text)
                if any(ch.isalpha() for ch in text):
                    found.setdefault(text, where)
            if isinstance(w, QStackedWidget):
                for i in range(w.count()):
                    visit(w.widget(i))

    visit(root)
    return found


def foreign(texts: dict[str, str], lang: str) -> dict[str, str]:
    """The texts (with where they were) that belong to the other language than ``lang``."""
    vocabulary = other_language(lang)
    words = ENGLISH_WORDS if lang == "id" else INDONESIAN_WORDS
    own = other_language("en" if lang == "id" else "id")  # lang's own catalogue texts
    out = {}
    for text, where in texts.items():
        if vocabulary.finds(text):
            out[text] = where
        elif (word := words.search(URL.sub(" ", text))) and not own.finds(text):
            out[text] = f"{where} (word: {word.group(0)})"
    return out


# -- fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    from desasadar_gui.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(template_db, path)
    with Database.open(path) as db:
        db.set_officer("Petugas Uji", "KC Jambi")
        generate_demo(db, participants=150, seed=4, regions_dir=None)
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    database = Database.open(path)
    yield database
    database.close()


@dataclass
class Workbooks:
    imported: Path  # imported once: the history lists it with its counts
    previewed: Path  # the same, edited, with one bad NIK: the preview shows it


@pytest.fixture
def workbooks(tmp_path: Path, template_db: Path) -> Iterator[Workbooks]:
    """Workbooks from another laptop: a village and two people."""
    import openpyxl

    other = new_laptop(tmp_path / "other", template_db, "B")
    vid = add_village(other, "Talang Duku")
    add_person(other, vid, "Ani Lestari", "1504034508900002", "registered")
    add_person(other, vid, "Budi Santoso", "1504031203850001", "registered")
    src = export(other, tmp_path / "other.xlsx")
    other.close()
    wb = openpyxl.load_workbook(src)
    ws = wb["Peserta"]
    nik_col = [c.value for c in ws[1]].index("NIK")
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Budi Santoso":
            row[nik_col].value = "123"
    out = tmp_path / "from other laptop.xlsx"
    wb.save(out)
    wb.close()
    yield Workbooks(src, out)


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def record(parent, text, title=None):
        texts.extend(filter(None, (text, title)))

    monkeypatch.setattr(messages, "show_info", record)
    monkeypatch.setattr(messages, "show_error", record)
    return texts


@pytest.fixture(autouse=True)
def back_to_indonesian(qapp):
    yield
    i18n.apply_language("id")


def _settle(qtbot) -> None:
    for _ in range(3):
        wait_for_all()
        QApplication.processEvents()
    qtbot.wait(10)


def _switch(qtbot, lang: str) -> None:
    assert i18n.apply_language(lang)
    _settle(qtbot)


@pytest.fixture
def window(qtbot, demo_db, tmp_path):
    from desasadar_gui.app import create_main_window

    i18n.apply_language("id")  # as the app starts: Indonesian, with its number format
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = create_main_window(demo_db, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    _settle(qtbot)
    yield win
    _settle(qtbot)


def _window_texts(qtbot, win) -> dict[str, str]:
    """Each tab shown in turn (tabs load when first shown), with a village and a
    session selected so the detail panels have content."""
    from desasadar_gui.services.session_queries import list_session_rows
    from desasadar_gui.services.village_queries import showcase_village_id

    texts: dict[str, str] = {}
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        _settle(qtbot)
        if i == 0:
            village = showcase_village_id(win.ctx.db)
            assert village and win.villages_tab.select_village(village)
        if i == 2:
            held = [r for r in list_session_rows(win.ctx.db) if r.attended]
            assert held and win.sessions_tab.select_session(held[0].id)
        _settle(qtbot)
        texts.update(shown_texts(win))
    return texts


def test_the_catalogue_tells_the_languages_apart():
    indonesian, english = other_language("en"), other_language("id")
    assert "Semua tahun" in indonesian.exact and "All years" in english.exact
    assert indonesian.finds("Perlu dikunjungi lagi (3)")
    assert english.finds("To visit again (3)")
    assert "Batal" in indonesian.exact and "Cancel" in english.exact  # Qt's stock buttons
    assert "Calon desa sadar" in indonesian.exact and "Prospect" in english.exact  # enums
    assert not english.finds("Status") and not indonesian.finds("NIK")  # shared words
    assert foreign({"Desa: new 87": "x"}, "id") and not foreign({"Desa: 87 baru": "x"}, "id")
    assert indonesian.finds("Dibatalkan; tidak ada yang diubah.")  # a UserError of the core
    assert english.finds(
        "The file 'a.xlsx' is damaged or incomplete (perhaps cut off while copying). "
        "Copy it again from its source. Nothing was changed."
    )


def test_main_window_switches_language_both_ways_without_stale_text(qtbot, window):
    _window_texts(qtbot, window)  # every tab loaded once (they load when first shown)
    indonesian = _window_texts(qtbot, window)
    assert "Perlu dikunjungi lagi" in " ".join(indonesian)
    assert foreign(indonesian, "id") == {}

    _switch(qtbot, "en")
    english = _window_texts(qtbot, window)
    assert "All years" in english
    assert foreign(english, "en") == {}

    _switch(qtbot, "id")
    back = _window_texts(qtbot, window)
    assert foreign(back, "id") == {}
    assert set(back) == set(indonesian)


# -- dialogs --------------------------------------------------------------------------


def _open(qtbot, dialog: QWidget) -> dict[str, str]:
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot)
    texts = shown_texts(dialog)
    dialog.close()
    dialog.hide()  # the recovery key refuses to close until it is written down
    _settle(qtbot)
    return texts


def _dialogs(qtbot, win, workbook: Path, shown: list[str]) -> dict[str, dict[str, str]]:
    """The main dialogs, each opened as the window opens it, their texts by dialog."""
    from desasadar_gui.services.session_queries import list_session_rows
    from desasadar_gui.services.village_queries import showcase_village_id
    from desasadar_gui.services.villages import get_village
    from desasadar_gui.sync.workbook_import import prepare_import
    from desasadar_gui.ui.kit.history_dialog import HistoryDialog
    from desasadar_gui.ui.participants.form import ParticipantForm
    from desasadar_gui.ui.safety.backups import BackupsDialog
    from desasadar_gui.ui.safety.deleted_records import DeletedRecordsDialog
    from desasadar_gui.ui.safety.processing_record import ProcessingDialog
    from desasadar_gui.ui.sessions.attendance_dialogs import WalkinDialog
    from desasadar_gui.ui.sessions.dialogs import ChecklistDialog, SessionDialog
    from desasadar_gui.ui.setup.first_run import FirstRunDialog
    from desasadar_gui.ui.setup.settings import SettingsDialog
    from desasadar_gui.ui.setup.targets import TargetsDialog
    from desasadar_gui.ui.sync.dialog import SyncDialog
    from desasadar_gui.ui.sync.import_preview import ImportPreviewDialog
    from desasadar_gui.ui.villages.form import VillageDialog

    ctx, db = win.ctx, win.ctx.db
    village_id = showcase_village_id(db)
    assert village_id
    session = next(r for r in list_session_rows(db) if r.attended)
    out: dict[str, dict[str, str]] = {}
    out["participant form"] = _open(qtbot, ParticipantForm(ctx, parent=win, village_id=village_id))
    village = get_village(db, village_id)
    out["village form"] = _open(qtbot, VillageDialog(ctx, village, win))
    out["session form"] = _open(qtbot, SessionDialog(ctx, session, parent=win))
    out["attendance checklist"] = _open(qtbot, ChecklistDialog(ctx, session, win))
    out["walk-in"] = _open(qtbot, WalkinDialog(ctx, session, win))
    out["settings"] = _open(qtbot, SettingsDialog(ctx, win.settings, win))
    out["sync history"] = _open(qtbot, SyncDialog(ctx, win))
    with prepare_import(db, workbook) as prepared:
        out["import preview"] = _open(qtbot, ImportPreviewDialog(prepared, win))
    out["backups"] = _open(qtbot, BackupsDialog(ctx, win))
    out["deleted records"] = _open(qtbot, DeletedRecordsDialog(ctx, win))
    out["processing record"] = _open(qtbot, ProcessingDialog(ctx, win))
    out["targets"] = _open(qtbot, TargetsDialog(ctx, 2026, win))
    out["history"] = _open(qtbot, HistoryDialog(ctx, "villages", village_id, win))
    out["first run"] = _open(qtbot, FirstRunDialog(db, win))
    out.update(_more_dialogs(qtbot, win, session))
    shown.clear()
    win.show_about()
    out["about"] = {_plain(t): "about box" for t in shown}
    return out


def _more_dialogs(qtbot, win, session) -> dict[str, dict[str, str]]:
    """The smaller dialogs: marking a registration, passphrases, workbook passwords."""
    from desasadar_gui.services.session_queries import list_attendees
    from desasadar_gui.ui.safety.passphrase import (
        ChangePassphraseDialog,
        RecoveryKeyDialog,
        SetPassphraseDialog,
        UnlockDialog,
    )
    from desasadar_gui.ui.safety.workbook_passwords import (
        ExportProtectionDialog,
        WorkbookPasswordDialog,
    )
    from desasadar_gui.ui.sessions.attendance_dialogs import RegisterDialog

    ctx, path = win.ctx, win.ctx.db.path
    attendee = list_attendees(ctx.db, session.id)[0]
    key = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"
    return {
        "mark registered": _open(
            qtbot,
            RegisterDialog(ctx, attendee.attendance_id, attendee.name, session.held_on, win),
        ),
        "set passphrase": _open(qtbot, SetPassphraseDialog(True, win)),
        "recovery key": _open(qtbot, RecoveryKeyDialog(key, win)),
        "unlock": _open(qtbot, UnlockDialog(path, win)),
        "change passphrase": _open(qtbot, ChangePassphraseDialog(path, win)),
        "export protection": _open(qtbot, ExportProtectionDialog(True, win)),
        "workbook password": _open(qtbot, WorkbookPasswordDialog("data.xlsx", "", win)),
    }


def _foreign_in_dialogs(dialogs: dict[str, dict[str, str]], lang: str) -> list[str]:
    """'dialog: text  [where]' of every text of the other language, one per line."""
    return [
        f"{name}: {text}  [{where}]"
        for name, texts in dialogs.items()
        for text, where in sorted(foreign(texts, lang).items())
    ]


def _no_foreign(found: list[str]) -> None:
    if found:
        pytest.fail("text of the other language shown:\n" + "\n".join(found), pytrace=False)


def test_dialogs_speak_the_language_in_force_both_ways(
    qtbot, window, workbooks, demo_db, shown_messages
):
    import_(demo_db, workbooks.imported)  # the history then lists an import
    workbook = workbooks.previewed
    indonesian = _dialogs(qtbot, window, workbook, shown_messages)
    _no_foreign(_foreign_in_dialogs(indonesian, "id"))
    assert "Desa: 1 baru; Peserta: 2 baru" in indonesian["sync history"]

    _switch(qtbot, "en")
    english = _dialogs(qtbot, window, workbook, shown_messages)
    _no_foreign(_foreign_in_dialogs(english, "en"))
    assert "Villages: 1 new; Participants: 2 new" in english["sync history"]
    assert any(t.startswith("1 copy in ") for t in english["backups"])  # one, not "copies"

    _switch(qtbot, "id")
    back = _dialogs(qtbot, window, workbook, shown_messages)
    _no_foreign(_foreign_in_dialogs(back, "id"))


def test_settings_switches_every_page_while_it_is_open(qtbot, window):
    from desasadar_gui.ui.setup.settings import SettingsDialog

    dialog = SettingsDialog(window.ctx, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot)
    for lang in ("en", "id"):
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(lang))
        _settle(qtbot)
        assert i18n.language() == lang
        assert foreign(shown_texts(dialog), lang) == {}
        assert foreign(shown_texts(window), lang) == {}
    dialog.close()


# -- quitting -------------------------------------------------------------------------

QUIT_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from desasadar_gui.app import close_database, create_main_window
    from desasadar_gui.services.database import Database
    from desasadar_gui.ui.kit.background import wait_for_all
    from desasadar_gui.ui.setup.settings import SettingsDialog

    db = Database.open(Path(sys.argv[1]), lock=True)
    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window = create_main_window(db, settings)
    window.resize(1366, 768)

    def settle():
        for _ in range(3):
            wait_for_all()
            app.processEvents()

    def in_settings():
        dialog = next(w for w in app.topLevelWidgets()
                      if isinstance(w, SettingsDialog) and w.isVisible())
        for lang in ("en", "id", "en"):
            dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(lang))
            settle()
        dialog.accept()

    def drive():
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            settle()
        QTimer.singleShot(50, in_settings)
        window.open_settings()  # modal, as from the menu
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            settle()
        window.close()  # Berkas > Keluar

    window.show()
    QTimer.singleShot(0, drive)
    code = app.exec()
    close_database(window.ctx.db)
    print("quit", code, flush=True)
    """
)


def test_quitting_after_switching_language_prints_no_qt_warning(demo_file, tmp_path):
    db_path = tmp_path / "quit.sqlite"
    shutil.copyfile(demo_file, db_path)
    script = tmp_path / "quit_after_switch.py"
    script.write_text(QUIT_SCRIPT, encoding="utf-8")
    env = {
        **__import__("os").environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    done = subprocess.run(
        [sys.executable, str(script), str(db_path), str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "quit 0" in done.stdout
    # The offscreen platform cannot pass size hints to a window manager (it has none).
    noise = "This plugin does not support propagateSizeHints()"
    printed = [line for line in done.stderr.splitlines() if line.strip() and noise not in line]
    assert printed == []


# -- texts made in the core, as officers read them ------------------------------------


def test_sync_history_counts_are_words_of_the_language_in_force(qapp):
    from desasadar_gui.ui.sync.labels import counts_text

    i18n.apply_language("id")
    stored = {"Desa": {"new": 87, "updated": 3, "unchanged": 0}, "Peserta": {"rejected": 1}}
    assert counts_text(stored) == "Desa: 87 baru, 3 diperbarui; Peserta: 1 ditolak"
    assert counts_text({"Desa": 1200, "privacy": False}) == "Desa: 1.200"  # an export
    assert i18n.apply_language("en")
    assert counts_text(stored) == "Villages: 87 new, 3 updated; Participants: 1 rejected"


def test_rejection_reasons_name_the_column_people_see():
    from desasadar_gui.sync.sheet_reader import column_name
    from desasadar_gui.sync.workbook_format import SHEETS

    people, attendance = (next(s for s in SHEETS if s.name == n) for n in ("Peserta", "Kehadiran"))
    assert column_name(people, "birth_date", "id") == "Tanggal lahir"
    assert column_name(people, "village_id", "id") == "Desa"  # not the machine column
    assert column_name(attendance, "participant_id", "en") == "Nama peserta"
    assert column_name(people, "no_such_field", "en") == "no_such_field"


def test_a_region_version_made_from_the_files_is_not_shown_as_a_hash():
    from desasadar_gui.services.regions import version_label

    assert version_label("Kepmendagri 300.2.2-2138/2025") == "Kepmendagri 300.2.2-2138/2025"
    shown = version_label("sha256:0123456789abcdef", "id")
    assert "sha256" not in shown and "0123" not in shown and "versi" in shown
    assert "sha256" not in version_label("sha256:0123456789abcdef", "en")
    assert version_label(None) == "—"
