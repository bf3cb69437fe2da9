"""Monthly BPU contribution (informal workers) from declared income and programmes.

- JKK (work accident): ``jkk_percent`` of declared income, clamped to
  [``jkk_min``, ``jkk_max``]; when the table has ``jkk_bracket`` rows for the date,
  the amount of the first bracket whose upper bound covers the income instead (the
  regulation's own table, PP 44/2015 Lampiran II, once someone verifies it).
- JKM (death): ``jkm_flat``.
- JHT (old-age savings, optional): ``jht_percent`` of declared income.
- Discount: ``discount_jkk_jkm_percent`` of JKK+JKM while a window for the
  occupation's sector is open (unknown occupation counts as non-transport), unless
  the contribution is paid from a source in ``discount_excluded_funding``. JHT is
  never discounted.

BPU members take JKK and JKM as a package; if a record has only one of them, only
that one is computed (the discount then applies to that one), so a data-entry
choice never silently adds a programme the person did not pick.

Percentages are applied with exact fractions and rounded half up to whole Rupiah.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .enums import FundingSource, Occupation, Programme
from .money import format_rupiah
from .problems import Problem, ProblemError, format_date
from .rates import RateRow, RateTable

__all__ = [
    "Contribution",
    "RateRow",
    "RateTable",
    "compute_contribution",
    "percent_of",
    "sector_of",
    "LOWEST_BRACKET_INCOME",
]

# Declared income of the lowest bracket; the published minimum packages
# (Rp16.800, with JHT Rp36.800) are quoted at this income.
LOWEST_BRACKET_INCOME = 1_000_000


def percent_of(amount: int, percent: Decimal | int) -> int:
    """``percent`` % of ``amount`` in whole Rupiah, half up, without floats."""
    exact = Fraction(amount) * Fraction(percent) / 100
    rounded = (abs(exact) + Fraction(1, 2)).__floor__()
    return rounded if exact >= 0 else -rounded


def sector_of(occupation: Occupation | str | None) -> str:
    """'transport' or 'non_transport' (also for an unknown/blank occupation)."""
    if occupation is None or (isinstance(occupation, str) and not occupation.strip()):
        return "non_transport"
    return "transport" if Occupation.from_text(occupation).is_transport else "non_transport"


@dataclass(frozen=True)
class Contribution:
    """Monthly amounts in whole Rupiah; ``total`` = jkk + jkm + jht - discount."""

    jkk: int
    jkm: int
    jht: int
    discount: int
    total: int
    on: date
    income: int
    programmes: tuple[Programme, ...] = ()
    jkk_basis: str = ""  # "percent", "min", "max", "bracket" or "" (not chosen)
    jkk_percent: Decimal | None = None
    jht_percent: Decimal | None = None
    discount_percent: Decimal | None = None
    discount_until: date | None = None
    # A discount window was open but the funding source is excluded from it.
    discount_excluded_by: FundingSource | None = None

    def lines(self, lang: str = "id") -> tuple[tuple[str, int], ...]:
        """(explanation, amount) rows ending with the total, for forms and reports."""
        en = lang == "en"
        income = format_rupiah(self.income)
        out: list[tuple[str, int]] = []
        if Programme.JKK in self.programmes:
            out.append((_jkk_text(self, income, en), self.jkk))
        if Programme.JKM in self.programmes:
            out.append(("JKM (flat amount)" if en else "JKM (nominal tetap)", self.jkm))
        if Programme.JHT in self.programmes:
            pct = _pct(self.jht_percent)
            text = f"JHT ({pct} of income {income})" if en else f"JHT ({pct} dari {income})"
            out.append((text, self.jht))
        if self.discount:
            pct = _pct(self.discount_percent)
            until = format_date(self.discount_until, lang) if self.discount_until else ""
            if en:
                text = f"{pct} discount on JKK+JKM" + (f" until {until}" if until else "")
            else:
                text = f"Diskon {pct} JKK+JKM" + (f" s.d. {until}" if until else "")
            out.append((text, -self.discount))
        elif self.discount_excluded_by is not None:
            source = self.discount_excluded_by.label(lang)
            text = (
                f"No JKK+JKM discount: paid from {source}"
                if en
                else f"Tanpa diskon JKK+JKM: dibayar dari {source}"
            )
            out.append((text, 0))
        out.append(("Total per month" if en else "Total iuran per bulan", self.total))
        return tuple(out)


def _pct(value: Decimal | None) -> str:
    text = format(value.normalize(), "f") if value is not None else "?"
    return text.replace(".", ",") + "%"


def _jkk_text(c: Contribution, income: str, en: bool) -> str:
    if c.jkk_basis == "bracket":
        return f"JKK (bracket for income {income})" if en else f"JKK (tabel, penghasilan {income})"
    if c.jkk_basis in ("min", "max"):
        word = {"min": ("minimum", "minimum"), "max": ("maximum", "maksimum")}[c.jkk_basis]
        return f"JKK ({word[0] if en else word[1]})"
    pct = _pct(c.jkk_percent)
    return f"JKK ({pct} of income {income})" if en else f"JKK ({pct} dari {income})"


def _jkk(table: RateTable, income: int, on: date, sector: str) -> tuple[int, str, Decimal | None]:
    brackets = table.brackets(on, sector)
    if brackets:
        for upto, amount in brackets:
            if upto is None or income <= upto:
                return amount, "bracket", None
        return brackets[-1][1], "bracket", None  # above every bound: the top bracket
    percent = table.require("jkk_percent", on, sector).percent
    amount, basis = percent_of(income, percent), "percent"
    low, high = table.find("jkk_min", on, sector), table.find("jkk_max", on, sector)
    if low is not None and amount < low.amount:
        amount, basis = low.amount, "min"
    elif high is not None and amount > high.amount:
        amount, basis = high.amount, "max"
    return amount, basis, percent


def _discount_row(
    table: RateTable, on: date, sector: str, funding: FundingSource
) -> tuple[RateRow | None, FundingSource | None]:
    """The discount that applies, or (None, the funding source that excluded it)."""
    row = table.find("discount_jkk_jkm_percent", on, sector)
    if row is None:
        return None, None
    excluded = table.find("discount_excluded_funding", on, sector)
    if excluded is not None and funding in excluded.funding_sources:
        return None, funding
    return row, None


def compute_contribution(
    *,
    income: int,
    programmes: Iterable[Programme | str],
    on: date,
    funding: FundingSource | str = "mandiri",
    occupation: Occupation | str | None = None,
    table: RateTable,
) -> Contribution:
    """The monthly contribution due for a month containing ``on``.

    Raises ProblemError (a ValueError) for negative income, unknown codes, or a
    table without a needed rate on that date.
    """
    if income < 0:
        raise ProblemError(Problem.of("income_negative", amount=format_rupiah(income)))
    chosen = {Programme.from_text(p) for p in programmes}
    chosen_order = tuple(p for p in Programme if p in chosen)
    source = FundingSource.from_text(funding)
    sector = sector_of(occupation)

    jkk, basis, jkk_pct = 0, "", None
    if Programme.JKK in chosen:
        jkk, basis, jkk_pct = _jkk(table, income, on, sector)
    jkm = 0
    if Programme.JKM in chosen:
        jkm = table.require("jkm_flat", on, sector).amount
    jht, jht_pct = 0, None
    if Programme.JHT in chosen:
        jht_pct = table.require("jht_percent", on, sector).percent
        jht = percent_of(income, jht_pct)

    discount, discount_pct, until, excluded_by = 0, None, None, None
    if jkk + jkm > 0:
        row, excluded_by = _discount_row(table, on, sector, source)
        if row is not None:
            discount_pct, until = row.percent, row.valid_to
            discount = percent_of(jkk + jkm, discount_pct)

    return Contribution(
        jkk=jkk,
        jkm=jkm,
        jht=jht,
        discount=discount,
        total=jkk + jkm + jht - discount,
        on=on,
        income=income,
        programmes=chosen_order,
        jkk_basis=basis,
        jkk_percent=jkk_pct,
        jht_percent=jht_pct,
        discount_percent=discount_pct,
        discount_until=until,
        discount_excluded_by=excluded_by,
    )
