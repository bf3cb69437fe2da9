"""Errors a user is meant to read, in Bahasa Indonesia and English.

Anything raised as a :class:`UserError` is an expected situation (a bad file, a
database from a newer version, a locked file) and is shown as a plain message; any
other exception is a bug and goes to the log with its traceback.
"""

from __future__ import annotations

import os

LANG_ENV = "DESASADAR_LANG"

_language: str | None = None


def _normalised(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "id"


def language_from_environment() -> str:
    """The command line's language: ``DESASADAR_LANG`` ('id' unless it says English)."""
    return _normalised(os.environ.get(LANG_ENV, "id"))


def set_language(lang: str | None) -> None:
    """The language of core messages in this process: the GUI passes its setting, the
    command line :func:`language_from_environment`; ``None`` forgets it again."""
    global _language
    _language = None if lang is None else _normalised(lang)


def current_language() -> str:
    """'id' (default) or 'en': as set by :func:`set_language`, else the environment."""
    return _language if _language is not None else language_from_environment()


class UserError(Exception):
    """An expected failure with a message in both languages."""

    def __init__(self, text_id: str, text_en: str) -> None:
        super().__init__(text_en)
        self.text_id = text_id
        self.text_en = text_en

    def message(self, lang: str | None = None) -> str:
        return self.text_en if (lang or current_language()) == "en" else self.text_id

    def __str__(self) -> str:
        return self.message()


class Cancelled(UserError):
    """Raised by core work once its ``cancelled()`` callable says yes; nothing was changed.

    The one cancellation exception: the GUI reports it as a cancel, not as an error.
    """

    def __init__(self) -> None:
        super().__init__("Dibatalkan; tidak ada yang diubah.", "Cancelled; nothing was changed.")
