"""The contribution rate table: dated rows read from a CSV the user can update.

Rates change by regulation (a 2026 discount, a COVID relief in 2020), so every rate
is a row with a validity window, never a constant in code. Columns:

    key,value,valid_from,valid_to,applies_to,note,note_en,source

- ``valid_from``/``valid_to``: ISO dates (dd/mm/yyyy also read, as Excel re-saves
  them); ``valid_to`` is inclusive and blank means open-ended.
- ``applies_to``: blank (or ``all``), ``transport`` or ``non_transport``.
- ``note``: what the row rests on, in Bahasa Indonesia (shown by default);
  ``note_en`` (optional): the same in English, shown when the interface is English.
- When several rows of a key are valid on a date, a sector-specific row beats a
  general one, then the latest ``valid_from``, then the later line: a new rate can
  be added without closing the old row.

Keys and their values: ``jkm_flat``, ``jkk_min``, ``jkk_max`` (whole Rupiah);
``jkk_percent``, ``jht_percent``, ``discount_jkk_jkm_percent`` (percent, decimals
allowed); ``discount_excluded_funding`` (funding codes separated by ``;``);
``jkk_bracket`` (``income_upto:amount``; ``*`` as income_upto = no upper bound).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from .enums import FundingSource
from .money import parse_rupiah
from .problems import Problem, ProblemError

if TYPE_CHECKING:
    from .contribution import Contribution

COLUMNS = ("key", "value", "valid_from", "valid_to", "applies_to", "note", "note_en", "source")
REQUIRED_COLUMNS = COLUMNS[:5]
SECTORS = ("transport", "non_transport")

AMOUNT_KEYS = frozenset({"jkm_flat", "jkk_min", "jkk_max"})
PERCENT_KEYS = frozenset({"jkk_percent", "jht_percent", "discount_jkk_jkm_percent"})
FUNDING_KEYS = frozenset({"discount_excluded_funding"})
BRACKET_KEYS = frozenset({"jkk_bracket"})
KNOWN_KEYS = AMOUNT_KEYS | PERCENT_KEYS | FUNDING_KEYS | BRACKET_KEYS

# (income_upto or None for "no upper bound", amount)
Bracket = tuple[int | None, int]
RateValue = int | Decimal | tuple[FundingSource, ...] | Bracket


@dataclass(frozen=True)
class RateRow:
    """One line of the table; ``value`` is the text as written, ``parsed`` its meaning."""

    key: str
    value: str
    valid_from: date
    valid_to: date | None
    applies_to: str  # "" (all), "transport" or "non_transport"
    note: str = ""  # Indonesian
    source: str = ""
    line: int = 0
    note_en: str = ""
    parsed: RateValue = field(default=0, compare=False)

    # Typed views of ``parsed``; a wrong key for the view is a programming error.
    @property
    def amount(self) -> int:
        if isinstance(self.parsed, int):
            return self.parsed
        raise TypeError(f"{self.key} is not an amount")

    @property
    def percent(self) -> Decimal:
        if isinstance(self.parsed, Decimal):
            return self.parsed
        raise TypeError(f"{self.key} is not a percentage")

    @property
    def funding_sources(self) -> tuple[FundingSource, ...]:
        if self.key in FUNDING_KEYS and isinstance(self.parsed, tuple):
            return self.parsed  # type: ignore[return-value]
        raise TypeError(f"{self.key} is not a list of funding sources")

    @property
    def bracket(self) -> Bracket:
        if self.key in BRACKET_KEYS and isinstance(self.parsed, tuple):
            return self.parsed  # type: ignore[return-value]
        raise TypeError(f"{self.key} is not a bracket")

    def note_in(self, lang: str) -> str:
        """The note in ``lang`` ('id' or 'en'): the English one when asked and given,
        else the (Indonesian) note as written."""
        return self.note_en if lang == "en" and self.note_en else self.note

    def covers(self, on: date, sector: str | None = None) -> bool:
        in_window = self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)
        return in_window and (self.applies_to == "" or self.applies_to == sector)


def _bad(line: int, column: str, value: str, expected_id: str, expected_en: str) -> ProblemError:
    return ProblemError(
        Problem.of(
            "rates_bad_row",
            line=line,
            column=column,
            value=value,
            expected_id=expected_id,
            expected_en=expected_en,
        )
    )


def _read_date(text: str, line: int, column: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _bad(line, column, text, "tanggal TTTT-BB-HH", "a date YYYY-MM-DD")


def _read_percent(text: str, line: int) -> Decimal:
    try:
        value = Decimal(text.replace(",", ".").rstrip("%").strip())
    except InvalidOperation:
        value = Decimal(-1)
    if not (value.is_finite() and 0 <= value <= 100):
        raise _bad(line, "value", text, "persen 0-100", "a percentage 0-100")
    return value


def _read_amount(text: str, line: int) -> int:
    try:
        value = parse_rupiah(text)
    except ValueError:
        value = -1
    if value < 0:
        raise _bad(line, "value", text, "jumlah Rupiah utuh", "a whole Rupiah amount")
    return value


def _read_bracket(text: str, line: int) -> Bracket:
    upto, sep, amount = text.partition(":")
    if not sep:
        raise _bad(line, "value", text, "batas_penghasilan:iuran", "income_upto:amount")
    bound = None if upto.strip() in ("", "*") else _read_amount(upto.strip(), line)
    return bound, _read_amount(amount.strip(), line)


def _read_funding(text: str, line: int) -> tuple[FundingSource, ...]:
    try:
        return tuple(FundingSource.from_text(p) for p in re.split(r"[;,]", text) if p.strip())
    except ValueError:
        codes = ";".join(f.value for f in FundingSource)
        raise _bad(
            line, "value", text, f"kode sumber dana: {codes}", f"funding codes: {codes}"
        ) from None


def _read_value(key: str, text: str, line: int) -> RateValue:
    if key in AMOUNT_KEYS:
        return _read_amount(text, line)
    if key in PERCENT_KEYS:
        return _read_percent(text, line)
    if key in BRACKET_KEYS:
        return _read_bracket(text, line)
    return _read_funding(text, line)


def _read_row(cells: dict[str, str], line: int) -> RateRow:
    key = cells["key"].lower()
    if key not in KNOWN_KEYS:
        known = ", ".join(sorted(KNOWN_KEYS))
        raise _bad(line, "key", cells["key"], f"salah satu dari: {known}", f"one of: {known}")
    valid_from = _read_date(cells["valid_from"], line, "valid_from")
    valid_to = _read_date(cells["valid_to"], line, "valid_to") if cells["valid_to"] else None
    if valid_to is not None and valid_to < valid_from:
        raise _bad(
            line,
            "valid_to",
            cells["valid_to"],
            "tidak boleh sebelum valid_from",
            "cannot be before valid_from",
        )
    applies_to = cells["applies_to"].lower().replace("-", "_")
    applies_to = "" if applies_to == "all" else applies_to
    if applies_to not in ("", *SECTORS):
        raise _bad(
            line,
            "applies_to",
            cells["applies_to"],
            "kosong, transport atau non_transport",
            "blank, transport or non_transport",
        )
    return RateRow(
        key=key,
        value=cells["value"],
        valid_from=valid_from,
        valid_to=valid_to,
        applies_to=applies_to,
        note=cells.get("note", ""),
        note_en=cells.get("note_en", ""),
        source=cells.get("source", ""),
        line=line,
        parsed=_read_value(key, cells["value"], line),
    )


@dataclass(frozen=True)
class RateTable:
    rows: tuple[RateRow, ...] = ()

    @classmethod
    def from_csv_text(cls, text: str) -> RateTable:
        """Read the table; a malformed file raises ProblemError (a ValueError) that
        names the line and column, and nothing is half-loaded."""
        text = text.lstrip("\ufeff")  # Excel's UTF-8 byte-order mark
        first_line = text.split("\n", 1)[0]
        # Excel with Indonesian regional settings saves CSV with semicolons.
        delimiter = ";" if ";" in first_line and "," not in first_line else ","
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise ProblemError(Problem.of("rates_header", columns=", ".join(missing)))
        rows = []
        for cells in reader:
            values = {
                name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)
            }
            if not any(values.values()) or values["key"].startswith("#"):
                continue  # blank lines and comments
            rows.append(_read_row(values, reader.line_num))
        return cls(tuple(rows))

    def to_csv_text(self) -> str:
        """The table as CSV (same columns), e.g. to save after an edit."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in self.rows:
            writer.writerow(
                [
                    r.key,
                    r.value,
                    r.valid_from.isoformat(),
                    r.valid_to.isoformat() if r.valid_to else "",
                    r.applies_to,
                    r.note,
                    r.note_en,
                    r.source,
                ]
            )
        return out.getvalue()

    def find(self, key: str, on: date, sector: str | None = None) -> RateRow | None:
        """The row of ``key`` that governs ``on`` for ``sector`` (see module doc)."""
        matches = [r for r in self.rows if r.key == key and r.covers(on, sector)]
        if not matches:
            return None
        return max(matches, key=lambda r: (r.applies_to != "", r.valid_from, r.line))

    def require(self, key: str, on: date, sector: str | None = None) -> RateRow:
        row = self.find(key, on, sector)
        if row is None:
            raise ProblemError(Problem.of("rate_missing", key=key, on=on))
        return row

    def brackets(self, on: date, sector: str | None = None) -> tuple[Bracket, ...]:
        """JKK brackets valid on ``on``, lowest first (the unbounded one last)."""
        found = [r.bracket for r in self.rows if r.key == "jkk_bracket" and r.covers(on, sector)]
        return tuple(sorted(found, key=lambda b: (b[0] is None, b[0] or 0)))

    def minimum_package(
        self,
        on: date,
        *,
        with_jht: bool = False,
        occupation: str | None = None,
        funding: str = "mandiri",
    ) -> Contribution:
        """JKK+JKM (+JHT) at the lowest bracket's income: the "from Rp16.800" figure."""
        # Imported here: contribution.py builds on this module.
        from .contribution import LOWEST_BRACKET_INCOME, compute_contribution

        programmes = ["jkk", "jkm", "jht"] if with_jht else ["jkk", "jkm"]
        return compute_contribution(
            income=LOWEST_BRACKET_INCOME,
            programmes=programmes,
            on=on,
            funding=funding,
            occupation=occupation,
            table=self,
        )
