"""A rotating log file in the user's data folder (no Qt; the CLI uses it too).

Personal data (NIKs, names) is never written here: messages carry ids and counts.
Code must not pass names or other personal values to the logger at all; as a safety
net, :class:`PrivacyFilter` on our handler masks what looks like a NIK (16 digits) or
an Indonesian mobile number, drops SQL parameters from database errors, and blanks
quoted values in exception messages (where a name would sit: ``KeyError('Budi')``).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from desasadar_gui.paths import log_dir

LOG_NAME = "desasadar.log"
_configured: Path | None = None
_handler: logging.Handler | None = None

# A NIK: 16 digits, possibly typed with spaces or dots ("1504 0123 4567 0001").
_NIK = re.compile(r"(?<!\d)\d(?:[ .]?\d){15}(?!\d)")
# Any other long digit run (a NIK with a digit too many or few, a KPJ number).
_LONG_DIGITS = re.compile(r"(?<![\d-])\d{14,}(?![\d-])")
# Indonesian mobile numbers: 08xx..., 628xx..., +62 8xx...
_PHONE = re.compile(r"(?<![\w])(?:\+?62[ -]?|0)8\d(?:[ -]?\d){6,11}(?!\d)")
# SQLAlchemy appends the statement's parameters to its error messages.
_SQL_PARAMS = re.compile(r"\[parameters: .*?\](?=\s*(?:\n|\(Background|$))", re.S)
# A quoted value inside an exception's message line.
_QUOTED = re.compile(r"""(['"])(?:(?!\1).){1,200}?\1""")


def mask_personal_data(text: str) -> str:
    """Mask NIK-like and phone-like numbers and SQL parameters in ``text``."""
    text = _SQL_PARAMS.sub("[parameters: hidden]", text)
    text = _NIK.sub("[NIK]", text)
    text = _LONG_DIGITS.sub("[number]", text)
    return _PHONE.sub("[phone]", text)


# snake_case / dotted names, CamelCase, CONSTANT_NAMES (with an underscore).
_CODE_WORD = re.compile(
    r"^(?:[a-z_][\w.]*|[A-Z][a-z0-9]+[A-Z_.][\w.]*|[A-Z0-9]*_[A-Z0-9_]*)$", re.A
)


def _keep_quoted(value: str) -> bool:
    """Quoted text worth keeping for debugging: code words and paths, not people.

    ``'describe'``, ``'DemoSummary'``, ``'village_id'``, ``'MAX_ROWS'`` and file paths are
    kept; ``'Budi'``, ``'BUDI'``, ``'Siti Aminah'`` (capitalised words, spaces) are blanked.
    """
    if "/" in value or "\\" in value:
        return True
    return bool(_CODE_WORD.match(value))


def _blank_quoted(match: re.Match[str]) -> str:
    quote, value = match.group(1), match.group(0)[1:-1]
    return match.group(0) if _keep_quoted(value) else f"{quote}…{quote}"


def _mask_exception_text(text: str) -> str:
    """Traceback frames are code and kept; message lines lose quoted personal values."""
    out = []
    for line in text.splitlines():
        is_frame = line.startswith("  ") or line.startswith("Traceback (most recent call last)")
        if not is_frame:
            line = _QUOTED.sub(_blank_quoted, line)
        out.append(line)
    return mask_personal_data("\n".join(out))


class PrivacyFilter(logging.Filter):
    """Applied by our handler to every record before it is written."""

    def __init__(self, formatter: logging.Formatter | None = None) -> None:
        super().__init__()
        self._formatter = formatter or logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg = mask_personal_data(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _mask_exception_text(record.exc_text)
        # exc_info stays for other handlers; ours uses the masked exc_text.
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that never prints to the user's console.

    When the log disk is full (or the folder became read-only, or the stick holding it
    was removed), the standard handler prints "--- Logging error ---" and a traceback
    to stderr for every record: that is the one place the user would see one. Records
    that cannot be written are dropped and counted instead; the app goes on.
    """

    dropped = 0

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API)
        self.dropped += 1
        try:  # a half-written line must not block the next attempt
            if self.stream is not None:
                self.stream.close()
        except Exception:
            pass
        self.stream = None

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802
        try:
            return bool(super().shouldRollover(record))
        except Exception:
            return False


def log_file_path() -> Path:
    """Where the log is (or would be) written: named in messages about bugs."""
    return _configured if _configured is not None else log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating file handler once; returns the log file's path."""
    global _configured, _handler
    if _configured is not None:
        return _configured
    try:
        path = log_dir() / LOG_NAME
    except OSError:  # no log folder can be made (full or read-only disk): log nowhere
        path = Path(os.devnull)
    handler = QuietRotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(formatter)
    handler.addFilter(PrivacyFilter(formatter))
    root = logging.getLogger("desasadar")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = path
    _handler = handler
    return path


def shutdown_logging() -> None:
    """Detach and close the file handler (tests; a restart with another data folder)."""
    global _configured, _handler
    if _handler is not None:
        logging.getLogger("desasadar").removeHandler(_handler)
        _handler.close()
    _configured = None
    _handler = None
