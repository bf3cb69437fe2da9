"""The interface language: Bahasa Indonesia (the source language in code) or English.

Switching installs (or removes) the compiled catalogue; Qt then sends every widget a
``LanguageChange`` event and each one re-reads its texts in ``retranslate_ui()``.
The core is told too (``errors.set_language``), so messages built there
(``UserError``, validation issues, enum labels) speak the same language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTranslator

from desasadar_gui import i18n_build
from desasadar_gui.domain.enums import LabelledEnum
from desasadar_gui.errors import current_language, set_language
from desasadar_gui.paths import data_dir

log = logging.getLogger("desasadar.ui.i18n")


class Retranslating:
    """Mixin for a widget with ``retranslate_ui()``: it runs again when the language is
    switched at run time. List it before the Qt class: ``class X(Retranslating, QWidget)``."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()  # type: ignore[attr-defined]
        super().changeEvent(event)  # type: ignore[misc]


LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []


def language() -> str:
    """The language in force now ('id' or 'en')."""
    return current_language()


def enum_label(enum: type, code: str | None, lang: str | None = None) -> str:
    """The label of ``enum``'s member ``code`` in ``lang`` (default: the language in
    force); nothing for no code, the code itself when it is not a member."""
    if not code:
        return ""
    try:
        return enum(code).label(lang or current_language())
    except ValueError:
        return code


def enum_choices(enum: type[LabelledEnum]) -> list[tuple[str, str]]:
    """(label, code) of every member of ``enum``, for a combo box."""
    lang = current_language()
    return [(member.label(lang), member.value) for member in enum]


def saved_language(settings: QSettings) -> str:
    value = str(settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(settings: QSettings, lang: str) -> None:
    settings.setValue(SETTINGS_KEY, lang)


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime)


def catalogue_path(lang: str) -> Path | None:
    """The compiled catalogue of ``lang``; built on the fly into the data folder if the
    bundled one is missing or stale. None when it can neither be found nor built."""
    name = i18n_build.qm_name(lang)
    ts = i18n_build.translations_dir() / name.replace(".qm", ".ts")
    bundled = i18n_build.translations_dir() / name
    if _fresh(bundled, ts):
        return bundled
    built = data_dir() / "translations" / name
    if _fresh(built, ts):
        return built
    if not ts.is_file():
        return bundled if bundled.is_file() else None
    try:
        return i18n_build.compile_ts(ts, built)
    except Exception as exc:  # any failure here falls back to Indonesian, not a crash
        log.warning("could not compile %s: %s", ts.name, exc)
        return bundled if bundled.is_file() else None


def _load(app: QCoreApplication, name: str) -> QTranslator | None:
    path = catalogue_path(name)
    translator = QTranslator(app)
    if path is not None and translator.load(str(path)):
        return translator
    return None


def apply_language(lang: str) -> bool:
    """Make ``lang`` the interface language now; False when English was asked for but
    its catalogue is unavailable (the interface then stays in Indonesian)."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    ok = True
    translators: list[QTranslator] = []
    if app is not None and lang == "en":
        english = _load(app, "en")
        if english is None:
            log.warning("no usable English catalogue; staying in Indonesian")
            ok, lang = False, DEFAULT_LANGUAGE
        else:
            translators.append(english)
    if app is not None and lang == "id":
        # Qt ships no Indonesian catalogue for its own buttons and menus (OK, Cancel,
        # Yes, Copy, ...): ours covers them.
        stock = _load(app, "qt_id")
        if stock is not None:
            translators.append(stock)
    set_language(lang)
    if lang == "id":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    if app is not None:
        while _installed:
            app.removeTranslator(_installed.pop())
        for translator in translators:
            app.installTranslator(translator)
            _installed.append(translator)
    return ok
