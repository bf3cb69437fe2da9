"""BPU contribution: amounts an officer quotes to a participant, by date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desasadar_gui.domain.contribution import (
    RateTable,
    compute_contribution,
    percent_of,
    sector_of,
)
from desasadar_gui.domain.enums import FundingSource, Occupation, Programme
from desasadar_gui.domain.problems import ProblemError

SEED = Path(__file__).resolve().parents[1] / "resources" / "contribution_rates.csv"
TABLE = RateTable.from_csv_text(SEED.read_text(encoding="utf-8"))
JKK_JKM = ("jkk", "jkm")
ALL3 = ("jkk", "jkm", "jht")
HEADER = "key,value,valid_from,valid_to,applies_to,note,source\n"


def total(programmes=JKK_JKM, *, on, income=1_000_000, **kwargs) -> int:
    return compute_contribution(
        income=income, programmes=programmes, on=on, table=TABLE, **kwargs
    ).total


def part(programme: str, *, income: int, on: date, table: RateTable = TABLE) -> int:
    """One programme's amount for that programme alone."""
    c = compute_contribution(income=income, programmes=[programme], on=on, table=table)
    return getattr(c, programme)


# --- acceptance figures -------------------------------------------------------------


def test_minimum_package_jkk_jkm_is_16800():
    assert total(on=date(2025, 6, 1)) == 16_800
    assert total(on=date(2025, 6, 1), income=500_000) == 16_800  # below the lowest bracket
    assert TABLE.minimum_package(date(2025, 6, 1)).total == 16_800


def test_with_jht_at_one_million_is_36800():
    assert total(ALL3, on=date(2025, 6, 1)) == 36_800
    assert TABLE.minimum_package(date(2025, 6, 1), with_jht=True).total == 36_800


def test_2026_discount_for_non_transport_from_april():
    assert total(on=date(2026, 5, 1)) == 8_400
    assert total(on=date(2026, 3, 1)) == 16_800  # window not open yet
    assert total(on=date(2026, 12, 31)) == 8_400
    assert total(on=date(2027, 1, 1)) == 16_800


def test_2026_discount_for_transport_from_january_to_march_2027():
    assert total(on=date(2026, 2, 1), occupation="transport") == 8_400
    assert total(on=date(2027, 3, 31), occupation=Occupation.TRANSPORT) == 8_400
    assert total(on=date(2027, 4, 1), occupation="transport") == 16_800
    assert total(on=date(2025, 12, 31), occupation="transport") == 16_800


@pytest.mark.parametrize("funding", ["apbd", "apbn", FundingSource.APBD])
def test_no_discount_when_paid_from_apbd_or_apbn(funding):
    assert total(on=date(2026, 5, 1), funding=funding) == 16_800


@pytest.mark.parametrize("funding", ["mandiri", "apbdes", "csr", "lainnya"])
def test_other_funding_sources_get_the_discount(funding):
    assert total(on=date(2026, 5, 1), funding=funding) == 8_400


def test_jht_is_never_discounted():
    outside = compute_contribution(
        income=1_000_000, programmes=ALL3, on=date(2025, 6, 1), table=TABLE
    )
    inside = compute_contribution(
        income=1_000_000, programmes=ALL3, on=date(2026, 5, 1), table=TABLE
    )
    assert outside.total == 36_800
    assert inside.total == 28_400
    assert inside.jht == outside.jht == 20_000
    assert inside.discount == 8_400


# --- the rules behind them ---------------------------------------------------------


def test_jkk_is_one_percent_clamped_to_min_and_max():
    def jkk(income: int) -> tuple[int, str]:
        c = compute_contribution(
            income=income, programmes=["jkk"], on=date(2025, 6, 1), table=TABLE
        )
        return c.jkk, c.jkk_basis

    assert jkk(3_000_000) == (30_000, "percent")
    assert jkk(0) == (10_000, "min")
    assert jkk(50_000_000) == (207_000, "max")
    assert part("jkk", income=3_000_000, on=date(2025, 6, 1)) == 30_000


def test_only_the_chosen_programmes_are_computed():
    c = compute_contribution(income=2_000_000, programmes=["jkm"], on=date(2025, 6, 1), table=TABLE)
    assert (c.jkk, c.jkm, c.jht, c.total) == (0, 6_800, 0, 6_800)
    none = compute_contribution(income=2_000_000, programmes=[], on=date(2026, 5, 1), table=TABLE)
    assert none.total == 0 and none.discount == 0


def test_programmes_accept_codes_labels_and_members():
    c = compute_contribution(
        income=1_000_000, programmes=[Programme.JKK, "JKM", "jht"], on=date(2025, 6, 1), table=TABLE
    )
    assert c.programmes == (Programme.JKK, Programme.JKM, Programme.JHT)
    with pytest.raises(ValueError):
        compute_contribution(income=1, programmes=["jkn"], on=date(2025, 6, 1), table=TABLE)


def test_rounding_is_half_up_in_whole_rupiah():
    assert percent_of(1_000_050, Decimal(1)) == 10_001  # 10000.5 -> 10001
    assert percent_of(1_000_049, Decimal(1)) == 10_000
    assert percent_of(16_801, Decimal(50)) == 8_401  # 8400.5 -> 8401
    c = compute_contribution(income=1_000_025, programmes=["jht"], on=date(2025, 6, 1), table=TABLE)
    assert c.jht == 20_001  # 20000.5


def test_unknown_occupation_counts_as_non_transport():
    assert sector_of(None) == sector_of("") == "non_transport"
    assert sector_of("Transportasi & pengantaran") == "transport"
    assert total(on=date(2026, 2, 1), occupation=None) == 16_800
    with pytest.raises(ValueError):
        sector_of("astronaut")


def test_negative_income_is_refused():
    with pytest.raises(ProblemError) as info:
        compute_contribution(income=-1, programmes=JKK_JKM, on=date(2025, 6, 1), table=TABLE)
    assert info.value.problem.code == "income_negative"


def test_a_date_before_any_rate_names_the_missing_rate():
    with pytest.raises(ProblemError) as info:
        compute_contribution(income=1, programmes=JKK_JKM, on=date(2010, 1, 1), table=TABLE)
    assert info.value.problem.code == "rate_missing"
    assert "jkk_percent" in str(info.value)


def test_lines_explain_the_amount():
    c = compute_contribution(income=1_000_000, programmes=ALL3, on=date(2026, 5, 1), table=TABLE)
    lines = c.lines()
    assert [amount for _, amount in lines] == [10_000, 6_800, 20_000, -8_400, 28_400]
    assert lines[3][0] == "Diskon 50% JKK+JKM s.d. 31 Desember 2026"
    assert lines[-1][0] == "Total iuran per bulan"
    assert c.lines("en")[-1][0] == "Total per month"
    assert sum(a for _, a in lines[:-1]) == lines[-1][1]


def test_lines_say_why_there_is_no_discount():
    c = compute_contribution(
        income=1_000_000, programmes=JKK_JKM, on=date(2026, 5, 1), funding="apbd", table=TABLE
    )
    assert "APBD" in c.lines()[-2][0] and c.lines()[-2][1] == 0


@settings(database=None)
@given(
    income=st.integers(0, 100_000_000),
    programmes=st.sets(st.sampled_from(list(Programme))),
    on=st.dates(date(2015, 7, 1), date(2030, 12, 31)),
    funding=st.sampled_from(list(FundingSource)),
    occupation=st.one_of(st.none(), st.sampled_from(list(Occupation))),
)
def test_totals_always_add_up(income, programmes, on, funding, occupation):
    c = compute_contribution(
        income=income, programmes=programmes, on=on, funding=funding,
        occupation=occupation, table=TABLE,
    )  # fmt: skip
    assert c.total == c.jkk + c.jkm + c.jht - c.discount
    assert 0 <= c.discount <= c.jkk + c.jkm
    assert all(isinstance(v, int) for v in (c.jkk, c.jkm, c.jht, c.discount, c.total))


# --- the rate table file -----------------------------------------------------------


def test_seed_table_has_the_documented_rows():
    keys = [r.key for r in TABLE.rows]
    assert keys.count("discount_jkk_jkm_percent") == 2
    assert "jkk_bracket" not in keys
    assert all(r.source for r in TABLE.rows)
    jkk = next(r for r in TABLE.rows if r.key == "jkk_percent")
    assert "belum terverifikasi" in jkk.note_in("id").lower()
    assert "not verified" in jkk.note_in("en").lower()
    # Every bundled note speaks both languages: Indonesian by default, English if asked.
    assert all(r.note and r.note_en and r.note != r.note_en for r in TABLE.rows)


def test_a_note_without_english_is_shown_as_written_in_both_languages():
    table = RateTable.from_csv_text(HEADER + "jkm_flat,6800,2015-07-01,,,iuran tetap,\n")
    assert [table.rows[0].note_in(lang) for lang in ("id", "en")] == ["iuran tetap"] * 2


def test_brackets_replace_the_percentage_when_present():
    text = HEADER + (
        "jkm_flat,6800,2015-07-01,,,,\n"
        "jkk_percent,1,2015-07-01,,,,\n"
        "jkk_bracket,1000000:10000,2015-07-01,,,,\n"
        "jkk_bracket,*:20000,2015-07-01,,,,\n"
        "jkk_bracket,2000000:15000,2015-07-01,,,,\n"
    )
    table = RateTable.from_csv_text(text)

    def jkk(income: int) -> int:
        return part("jkk", income=income, on=date(2025, 1, 1), table=table)

    assert (jkk(900_000), jkk(1_000_000), jkk(1_000_001), jkk(2_000_000)) == (
        10_000, 10_000, 15_000, 15_000,
    )  # fmt: skip
    assert jkk(9_000_000) == 20_000


def test_a_newer_row_overrides_without_closing_the_old_one():
    text = HEADER + "jkm_flat,6800,2015-07-01,,,,\njkm_flat,7000,2030-01-01,,,,\n"
    table = RateTable.from_csv_text(text)

    def jkm(on: date) -> int:
        return part("jkm", income=0, on=on, table=table)

    assert (jkm(date(2029, 12, 31)), jkm(date(2030, 1, 1))) == (6_800, 7_000)


def test_excel_saved_file_with_bom_and_semicolons_is_read():
    text = "\ufeff" + HEADER.replace(",", ";") + 'jkm_flat;6800;01/07/2015;;;"a; note";\n'
    table = RateTable.from_csv_text(text)
    assert table.rows[0].amount == 6_800 and table.rows[0].valid_from == date(2015, 7, 1)
    assert table.rows[0].note == "a; note"


def test_round_trip_through_csv_text():
    again = RateTable.from_csv_text(TABLE.to_csv_text())

    def kept(r):
        return (r.key, r.value, r.valid_from, r.valid_to, r.applies_to, r.note, r.note_en)

    assert [kept(r) for r in again.rows] == [kept(r) for r in TABLE.rows]


@pytest.mark.parametrize(
    "row,column",
    [
        ("jkm_flat,enam ribu,2015-07-01,,,,", "value"),
        ("jkm_flatt,6800,2015-07-01,,,,", "key"),
        ("jkm_flat,6800,1 Juli 2015,,,,", "valid_from"),
        ("jkm_flat,6800,2015-07-01,2014-01-01,,,", "valid_to"),
        ("jkm_flat,6800,2015-07-01,,ojol,,", "applies_to"),
        ("jkk_percent,150,2015-07-01,,,,", "value"),
        ("jkk_bracket,1000000,2015-07-01,,,,", "value"),
        ("discount_excluded_funding,apbn;bank,2026-01-01,,,,", "value"),
    ],
)
def test_malformed_file_names_the_line_and_column(row, column):
    text = HEADER + "jkm_flat,6800,2015-07-01,,,,\n\n" + row + "\n"
    with pytest.raises(ValueError) as info:
        RateTable.from_csv_text(text)
    problem = info.value.problem
    assert (problem.param("line"), problem.param("column")) == (4, column)
    assert "baris 4" in str(info.value)
    assert "line 4" in info.value.message("en")


def test_missing_columns_are_named():
    with pytest.raises(ValueError) as info:
        RateTable.from_csv_text("key,value\njkm_flat,6800\n")
    assert "valid_from" in str(info.value)
