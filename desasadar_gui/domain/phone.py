"""Indonesian phone numbers: one stored form (E.164) and one displayed form.

Officers type numbers every way: ``0812 3456 7890``, ``+62 812-3456-7890``,
``62812...``, ``0062812...``, the common ``+620812...`` and, from spreadsheets that
dropped the leading zero, ``812...``. All become ``+62812...``; people read
``0812-3456-7890`` (mobile) or ``0741-123456`` (landline).

Mobile rules (domestic ``08`` + 8-11 digits, never ``084``) are checked here, not by
phonenumbers, so a new operator prefix is accepted before the library's metadata
knows it. Landlines go to phonenumbers, except Jambi's own area codes 0741-0748,
which are accepted by length alone so a field office never depends on that metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from .problems import Problem

COUNTRY_CODE = "62"
JAMBI_AREA_CODES = tuple(f"74{d}" for d in range(1, 9))  # 0741 .. 0748, without the 0
MOBILE_NSN_LENGTHS = range(9, 13)  # "8" + 8..11 digits = 08 + 8..11 domestically
LANDLINE_SUBSCRIBER_LENGTHS = range(5, 9)

_SEPARATORS = re.compile(r"[\s.\-()/]+")
# A mobile number already in its stored form, as _check_mobile makes it: +62 8, not
# 84 or 80, 9..12 digits after the country code.
_STORED_MOBILE = re.compile(r"\+628[1-35-9]\d{7,10}")
_FIXED_TYPES = (
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


@dataclass(frozen=True)
class PhoneCheck:
    """``e164`` to store ("+6281234567890"), ``display`` to show ("0812-3456-7890").

    Both are None for a blank input (a phone is optional) and when there are errors.
    """

    e164: str | None
    display: str | None = None
    errors: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def _national(digits: str, had_plus: bool) -> str | None:
    """The national significant number (no leading 0), or None if not Indonesian."""
    if digits.startswith("00"):
        if not digits.startswith("00" + COUNTRY_CODE):
            return None
        digits, had_plus = digits[2:], True
    if had_plus or digits.startswith(COUNTRY_CODE):
        if not digits.startswith(COUNTRY_CODE):
            return None
        # "+62 0812...": the domestic 0 kept after the country code.
        return digits[len(COUNTRY_CODE) :].lstrip("0")
    return digits.lstrip("0")


def _group_mobile(nsn: str) -> str:
    """0812-3456-7890 / 0812-345-678 / 0881-2345-67890, as phonenumbers prints them."""
    domestic = "0" + nsn
    head, rest = domestic[:4], domestic[4:]
    if len(rest) <= 6:
        half = len(rest) // 2
        parts = [rest[:half], rest[half:]]
    else:
        parts = [rest[:4], rest[4:]]
    return "-".join([head, *parts])


def _check_mobile(nsn: str, text: str) -> PhoneCheck:
    if nsn[1] == "4":
        return PhoneCheck(None, errors=(Problem.of("phone_mobile_84", text=text),))
    if nsn[1] == "0":
        return PhoneCheck(None, errors=(Problem.of("phone_tollfree", text=text),))
    if len(nsn) not in MOBILE_NSN_LENGTHS:
        problem = Problem.of("phone_mobile_length", length=len(nsn) + 1)
        return PhoneCheck(None, errors=(problem,))
    return PhoneCheck("+" + COUNTRY_CODE + nsn, _group_mobile(nsn))


def _check_landline(nsn: str, text: str) -> PhoneCheck:
    e164 = "+" + COUNTRY_CODE + nsn
    if nsn[:3] in JAMBI_AREA_CODES and len(nsn) - 3 in LANDLINE_SUBSCRIBER_LENGTHS:
        return PhoneCheck(e164, f"0{nsn[:3]}-{nsn[3:]}")
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        number = None
    if (
        number is None
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in _FIXED_TYPES
    ):
        return PhoneCheck(None, errors=(Problem.of("phone_invalid", text=text),))
    area = phonenumbers.length_of_geographical_area_code(number) or 3
    return PhoneCheck(e164, f"0{nsn[:area]}-{nsn[area:]}")


def is_stored_mobile(text: str) -> bool:
    """True for a mobile number already in its stored form (what ``normalise_phone``
    returns as ``e164``): a fast path for checking stored values."""
    return _STORED_MOBILE.fullmatch(text) is not None


def normalise_phone(text: str | int | float | None) -> PhoneCheck:
    """Read an Indonesian mobile or landline number in any common spelling.

    A blank value is fine (no number, no error). Numbers are accepted because a
    spreadsheet cell holding 81234567890 is a phone whose leading 0 Excel dropped.
    """
    if text.__class__ is str and is_stored_mobile(text):
        return PhoneCheck(text, _group_mobile(text[3:]))
    if isinstance(text, float) and text.is_integer():
        text = int(text)  # str(8.1e10) would add ".0", a digit too many
    raw = "" if text is None else str(text).strip()
    if not raw:
        return PhoneCheck(None)
    had_plus = raw.startswith("+")
    body = _SEPARATORS.sub("", raw[1:] if had_plus else raw)
    bad = "".join(sorted({c for c in body if not (c.isascii() and c.isdigit())}))
    if bad:
        return PhoneCheck(None, errors=(Problem.of("phone_chars", chars=bad),))
    nsn = _national(body, had_plus)
    if nsn is None:
        return PhoneCheck(None, errors=(Problem.of("phone_foreign", text=raw),))
    if len(nsn) < 2:
        return PhoneCheck(None, errors=(Problem.of("phone_invalid", text=raw),))
    if nsn.startswith("8"):
        return _check_mobile(nsn, raw)
    return _check_landline(nsn, raw)


def display_phone(e164: str | None) -> str:
    """How to show a stored number; an unreadable stored value is shown as it is."""
    if not e164:
        return ""
    check = normalise_phone(e164)
    return check.display if check.ok and check.display else e164
