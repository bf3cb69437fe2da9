"""Cell values: stored value -> what the workbook shows, and the cell read back -> stored.

Everything here works on the *storage form* of a value, as SQLAlchemy keeps it in
SQLite: dates ``YYYY-MM-DD``, timestamps ``YYYY-MM-DD HH:MM:SS.ffffff``, booleans 1/0,
money and counts as int, codes and text as str. The row hash is taken over that form,
so a row that comes back exactly as exported hashes the same on every laptop, and a
row a supervisor changed does not.

Decoding is lenient where exactness needs it (an unknown enumeration code or an odd
stored phone comes back as the same text) and strict about types (a date column never
stores words); the record rules (``domain.rules``) validate every row.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
import zlib
from array import array
from datetime import date, datetime, timedelta, timezone
from datetime import time as dt_time

from desasadar_gui.domain.enums import LabelledEnum
from desasadar_gui.domain.money import parse_rupiah
from desasadar_gui.domain.phone import display_phone, normalise_phone
from desasadar_gui.domain.problems import ProblemError
from desasadar_gui.sync.workbook_format import BOOL_FALSE, BOOL_TRUE

EXCEL_EPOCH = date(1899, 12, 30)
_EPOCH_ORDINAL = EXCEL_EPOCH.toordinal()
# Excel's day numbers are wrong before 1 March 1900 (it believes 1900 was a leap year):
# earlier dates are written as text.
FIRST_SERIAL_DATE = date(1900, 3, 1)
_FIRST_SERIAL_ISO = FIRST_SERIAL_DATE.isoformat()
MAX_SERIAL = 2_958_465  # 31/12/9999

_MOBILE_E164 = re.compile(r"^\+628\d{8,11}$")
_MOBILE_SHOWN = re.compile(r"^08\d{2}-\d{2,4}-\d{2,5}$")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; carries both languages."""

    def __init__(self, text_id: str, text_en: str) -> None:
        super().__init__(text_en)
        self.text_id = text_id
        self.text_en = text_en


# -- hashing --------------------------------------------------------------------------


def canon(value: object) -> str:
    """A value's storage form as text, the same for typed values (a ``date``, ``True``)
    and for what SQLite hands back ('2024-05-01', 1): blank and None read alike (a cell
    cannot tell them apart)."""
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if value is True or value is False:
        return "1" if value else "0"
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def canonical(values: tuple | list) -> str:
    """One line per record, fields joined by U+001F."""
    return "\x1f".join(map(canon, values))


def row_hash(values: tuple | list) -> str:
    """The row's hash over its stored fields (system fields first): a row that comes
    back exactly as exported hashes the same on every laptop; an edited one does not."""
    return hashlib.sha256(canonical(values).encode("utf-8", "surrogatepass")).hexdigest()[:20]


FP_WIDTH = 4  # hex digits per cell
_crc32 = zlib.crc32


def cell_print(value: object) -> str:
    """A short hash of one cell's value (16 bits, as 4 hex digits, low byte first):
    enough to tell which cells of a row changed, and whether values moved between rows;
    not enough to recover a value."""
    x = _crc32(canon(value).encode("utf-8", "surrogatepass")) & 0xFFFF
    return f"{x & 0xFF:02x}{x >> 8:02x}"


BLANK_PRINT = cell_print(None)


def fingerprint(values: tuple | list) -> str:
    """The cell prints of a row, in one string (what :func:`cell_print` gives per cell)."""
    prints = array(
        "H",
        [
            _crc32((v if v.__class__ is str else canon(v)).encode("utf-8", "surrogatepass"))
            & 0xFFFF
            for v in values
        ],
    )
    if sys.byteorder == "big":
        prints.byteswap()  # low byte first on every machine
    return prints.tobytes().hex()


def split_fingerprint(text: object, n: int) -> list[str] | None:
    """The cell prints of a fingerprint cell, or None when it is damaged."""
    if not isinstance(text, str) or len(text) != FP_WIDTH * n:
        return None
    try:
        int(text, 16)
    except ValueError:
        return None
    return [text[i : i + FP_WIDTH] for i in range(0, len(text), FP_WIDTH)]


# -- storage forms --------------------------------------------------------------------


def date_text(value: date) -> str:
    return value.isoformat()


def datetime_text(value: datetime) -> str:
    """SQLAlchemy's SQLite storage form, always with microseconds."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def storage_form(value: object) -> object:
    """A typed value (as PostgreSQL hands it back) in SQLite's storage form: ISO date
    text, timestamps with microseconds, flags 1/0; anything else as it is."""
    if value is True or value is False:
        return int(value)
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def millis_datetime_text(millis: int) -> str:
    moment = datetime(1970, 1, 1) + timedelta(milliseconds=millis)
    return datetime_text(moment)


def now_millis() -> int:
    return int(datetime.now(timezone.utc).timestamp() * 1000)


# -- export: stored value -> cell --------------------------------------------------


def date_serial(stored: str) -> int | str:
    """Excel day number of a stored date, or the text for dates Excel cannot hold."""
    if stored < _FIRST_SERIAL_ISO:
        return stored
    return date.fromisoformat(stored).toordinal() - _EPOCH_ORDINAL


def shown_phone(stored: str) -> str:
    """08xx-xxxx-xxxx for mobiles (fast path), display_phone otherwise; the stored text
    itself when showing it would not read back to the same number."""
    if _MOBILE_E164.match(stored):
        domestic = "0" + stored[3:]
        head, rest = domestic[:4], domestic[4:]
        half = len(rest) // 2 if len(rest) <= 6 else 4
        return f"{head}-{rest[:half]}-{rest[half:]}"
    shown = display_phone(stored)
    return shown if normalise_phone(shown).e164 == stored else stored


# -- import: cell -> stored value ------------------------------------------------------


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def decode_text(value: object, nullable: bool) -> str | None:
    if value is None or value == "":
        return None if nullable else ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def decode_phone(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and _MOBILE_SHOWN.match(value):
        return "+62" + value[1:].replace("-", "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check = normalise_phone(value)
    else:
        check = normalise_phone(str(value))
    # An unreadable number comes back as typed; validation decides about edited rows.
    return check.e164 if check.ok and check.e164 else decode_text(value, True)


_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"), (3, 2, 1)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$"), (1, 2, 3)),
)


def parse_date_text(text: str) -> date:
    s = text.strip()
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.match(s)
        if match:
            try:
                return date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                break
    raise CellError(
        f"'{text}' bukan tanggal (tulis dd/mm/yyyy, mis. 17/08/1985).",
        f"'{text}' is not a date (write dd/mm/yyyy, e.g. 17/08/1985).",
    )


def decode_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellError(
                f"'{value:%d/%m/%Y %H:%M}' berisi jam; kolom ini hanya tanggal.",
                f"'{value:%d/%m/%Y %H:%M}' has a time of day; this column holds dates only.",
            )
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, dt_time):
        raise CellError(
            f"'{value:%H:%M}' adalah jam, bukan tanggal (tulis dd/mm/yyyy).",
            f"'{value:%H:%M}' is a time of day, not a date (write dd/mm/yyyy).",
        )
    if isinstance(value, timedelta):
        raise CellError("Sel ini berisi durasi, bukan tanggal.", "This cell holds a duration.")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not (math.isfinite(value) and float(value).is_integer() and 61 <= value <= MAX_SERIAL):
            raise CellError(f"'{value}' bukan tanggal.", f"'{value}' is not a date.")
        return date.fromordinal(_EPOCH_ORDINAL + int(value))
    return parse_date_text(str(value))


def decode_datetime(value: object, nullable: bool = True) -> str | None:
    if value is None or value == "":
        if nullable:
            return None
        raise CellError("Waktu wajib diisi.", "The timestamp is required.")
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if not FIRST_TIMESTAMP <= moment <= LAST_TIMESTAMP:
            raise ValueError("out of range")
    except (ValueError, OverflowError):
        raise CellError(
            f"'{value}' bukan waktu ISO (YYYY-MM-DD HH:MM:SS.ffffff) yang masuk akal.",
            f"'{value}' is not a plausible ISO timestamp (YYYY-MM-DD HH:MM:SS.ffffff).",
        ) from None
    return datetime_text(moment)


FIRST_TIMESTAMP = datetime(2000, 1, 1)
LAST_TIMESTAMP = datetime(2200, 1, 1)


_INT_TEXT = re.compile(r"^-?\d{1,3}([.,]\d{3})+$|^-?\d+$")


def decode_int(value: object, nullable: bool = True) -> int | None:
    if value is None or value == "":
        if nullable:
            return None
        raise CellError("Angka wajib diisi.", "A number is required.")
    if isinstance(value, bool):
        raise CellError(f"'{value}' bukan angka.", f"'{value}' is not a number.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise CellError(f"'{value}' bukan bilangan bulat.", f"'{value}' is not a whole number.")
    text = str(value).strip()
    if _INT_TEXT.match(text):
        return int(re.sub(r"[.,]", "", text))
    raise CellError(f"'{value}' bukan angka.", f"'{value}' is not a number.")


def decode_rupiah(value: object) -> int:
    if value is None or value == "":
        return 0
    try:
        return parse_rupiah(value)  # type: ignore[arg-type]
    except ProblemError as exc:
        raise CellError(exc.text_id, exc.text_en) from None


_TRUE = {"ya", "y", "true", "1", "x", "v", "yes", "benar", "✓", "✔"}
_FALSE = {"tidak", "t", "false", "0", "no", "n", "salah", "-"}


def decode_bool(value: object) -> bool | None:
    """Ya/Tidak (and the usual spellings); a blank cell is None (the default decides)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    key = str(value).strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(
        f"'{value}' bukan {BOOL_TRUE}/{BOOL_FALSE}.", f"'{value}' is not {BOOL_TRUE}/{BOOL_FALSE}."
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _short_labels(enum: type[LabelledEnum]) -> dict[str, str]:
    """Labels without their bracketed part ("Aktif (membayar)" -> "aktif"), when unique."""
    found: dict[str, list[str]] = {}
    for member in enum:
        for label in (member.label_id, member.label_en):
            short = _fold(re.sub(r"\s*\(.*?\)", "", label))
            if short and member.value not in found.setdefault(short, []):
                found[short].append(member.value)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


def decode_enum(value: object, enum: type[LabelledEnum], nullable: bool) -> str | None:
    if value is None or value == "":
        # A required choice left blank is judged by the record rules (new rows: defaults).
        return None
    try:
        return enum.from_text(value).value
    except ProblemError:
        short = _short_labels(enum).get(_fold(str(value)))
        if short is not None:
            return short
        # Kept as written (it may be a code of a newer version); validation rejects
        # it when the row was edited.
        return decode_text(value, nullable)


def is_nik_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
