"""Text as it is stored: one normal form, applied the same way on every path.

Officers type into forms, supervisors into Excel or LibreOffice, and a spreadsheet
program re-saving a workbook changes invisible things: CR LF becomes LF, a tab may
become spaces, a non-breaking space pasted from a web page stays. If the form, the
workbook import and (later) the branch server each cleaned text their own way, a
re-saved workbook would look edited and win over real edits made elsewhere. So all
user text goes through :func:`clean_text`:

- composed characters in one form (Unicode NFC: an "é" typed on one system as one
  character and on another as "e" + accent is stored, hashed and compared alike);
- line ends become LF; tabs and non-breaking spaces become plain spaces;
- control characters (NUL included, which PostgreSQL refuses), the non-characters
  U+FFFE/U+FFFF (which make an .xlsx invalid) and unpaired surrogates are removed;
- surrounding spaces are dropped; single-line text has every run of white space
  folded to one space; multi-line text keeps its lines, without trailing spaces and
  without blank lines at either end.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB/LF/CR (handled first), DEL, C1 controls, non-characters,
# and lone surrogates.
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile("[\t\u00a0\u2007\u202f]")
_RUNS = re.compile(r"[ ]{2,}")


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """The stored form of user text (see the module doc); None becomes ''."""
    if not value:
        return ""
    if (
        value.isprintable()
        and value[0] != " "
        and value[-1] != " "
        and "  " not in value
        and (value.isascii() or unicodedata.is_normalized("NFC", value))
    ):
        return value  # the common case: nothing to do
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _DROP.sub("", _SPACES.sub(" ", text))
    if not multiline:
        return " ".join(text.split())
    lines = [_RUNS.sub(" ", line).rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n ").lstrip()


def is_clean(value: str, *, multiline: bool = False) -> bool:
    return clean_text(value, multiline=multiline) == value
