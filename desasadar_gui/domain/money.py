"""Rupiah amounts: whole integers, written the Indonesian way (Rp1.234.567).

Rupiah has no cents in practice, so money is an ``int`` everywhere; floats never
take part in arithmetic (Decimal only while reading "1,5 juta").
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from .problems import Problem, ProblemError

# Spoken/written multipliers seen on forms; "m" is left out on purpose: it means
# "miliar" to some and "million" to others.
_MULTIPLIERS: dict[str, int] = {
    "juta": 1_000_000,
    "jt": 1_000_000,
    "ribu": 1_000,
    "rb": 1_000,
    "k": 1_000,
}
_SUFFIX = re.compile(r"(?P<number>.*?)(?P<unit>" + "|".join(_MULTIPLIERS) + r")$")


def format_rupiah(amount: int) -> str:
    """1234567 -> 'Rp1.234.567'; -5000 -> '-Rp5.000'."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"Rupiah amounts are int, got {type(amount).__name__}")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def _fail(code: str, text: object) -> ProblemError:
    return ProblemError(Problem.of(code, text=str(text)))


def _valid_groups(int_part: str, sep: str) -> bool:
    """'1.500.000' with '.': first group 1-3 digits, the rest exactly 3."""
    groups = int_part.split(sep)
    return (
        all(g.isdigit() for g in groups)
        and 1 <= len(groups[0]) <= 3
        and all(len(g) == 3 for g in groups[1:])
    )


def _read_plain(number: str) -> tuple[str, str] | None:
    """Split a number written with '.'/',' in either convention into (int, fraction).

    Both separators present: the last one is the decimal mark. One separator used
    several times: thousands. Used once: thousands when exactly 3 digits follow
    ("1.500" is 1500 in Indonesia, "1,500" in English), else a decimal mark.
    """
    seps = [c for c in ".," if c in number]
    if not seps:
        return (number, "") if number.isdigit() else None
    if len(seps) == 2:
        dec = "." if number.rfind(".") > number.rfind(",") else ","
        thousands = "," if dec == "." else "."
        int_part, _, frac = number.rpartition(dec)
        if not (_valid_groups(int_part, thousands) and frac.isdigit()):
            return None
        return int_part.replace(thousands, ""), frac
    sep = seps[0]
    if number.count(sep) > 1:
        return (number.replace(sep, ""), "") if _valid_groups(number, sep) else None
    int_part, _, tail = number.partition(sep)
    if not (int_part.isdigit() and tail.isdigit()):
        return None
    if len(tail) == 3:
        return (int_part + tail, "") if _valid_groups(number, sep) else None
    return int_part, tail


def _read_with_unit(number: str) -> Decimal | None:
    """'1,5' or '1.5' before 'juta': one decimal mark, either kind."""
    if not number:
        return None
    normalised = number.replace(",", ".")
    if normalised.count(".") > 1 or not normalised.replace(".", "").isdigit():
        return None
    try:
        return Decimal(normalised)
    except InvalidOperation:
        return None


def _parse_text(text: str) -> int:
    s = re.sub(r"\s+", "", text).lower()
    if not s:
        raise _fail("money_empty", text)
    negative = s.startswith("-")
    s = s.lstrip("-")
    for prefix in ("rp", "idr"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
    s = s.lstrip(".:")  # "Rp. 15.000", "Rp: 15.000"
    if not negative and s.startswith("-"):
        negative, s = True, s[1:]  # "Rp-5.000"
    s = re.sub(r"[.,]?-$", "", s)  # "15.000,-" (no cents, by convention)

    value: Decimal | None
    match = _SUFFIX.fullmatch(s)
    if match:
        base = _read_with_unit(match["number"])
        value = None if base is None else base * _MULTIPLIERS[match["unit"]]
    else:
        parts = _read_plain(s)
        value = None if parts is None else Decimal(f"{parts[0]}.{parts[1] or '0'}")
    if value is None:
        raise _fail("money_invalid", text)
    if value != value.to_integral_value():
        raise _fail("money_fraction", text)
    return -int(value) if negative else int(value)


def parse_rupiah(text: str | int | float | Decimal | None) -> int:
    """Read an amount typed or imported: 'Rp 1.500.000', '1,500,000', '1,5 juta',
    '500rb', 1500000, 1500000.0. Raises ValueError (a ProblemError) otherwise."""
    if text is None:
        raise _fail("money_empty", "")
    if isinstance(text, bool):
        raise _fail("money_invalid", text)
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        # Spreadsheet cells arrive as floats; only whole ones are amounts.
        if not math.isfinite(text):
            raise _fail("money_invalid", text)
        if not text.is_integer():
            raise _fail("money_fraction", text)
        return int(text)
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise _fail("money_invalid", text)
        if text != text.to_integral_value():
            raise _fail("money_fraction", text)
        return int(text)
    return _parse_text(str(text))
