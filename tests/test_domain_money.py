"""Rupiah: whole integers, written and read the way officers write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desasadar_gui.domain.money import format_rupiah, parse_rupiah
from desasadar_gui.domain.problems import ProblemError


@pytest.mark.parametrize(
    "amount,text",
    [(1234567, "Rp1.234.567"), (-5000, "-Rp5.000"), (0, "Rp0"), (999, "Rp999"),
     (16800, "Rp16.800")],
)  # fmt: skip
def test_format_rupiah(amount, text):
    assert format_rupiah(amount) == text


def test_format_rupiah_refuses_floats():
    with pytest.raises(TypeError):
        format_rupiah(16800.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text,amount",
    [
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("Rp. 15.000", 15_000),
        ("IDR 15.000", 15_000),
        ("1,500,000", 1_500_000),
        ("1500000", 1_500_000),
        ("1.500", 1_500),
        ("1.500.000,00", 1_500_000),
        ("1,500,000.00", 1_500_000),
        ("Rp15.000,-", 15_000),
        ("Rp 1 500 000", 1_500_000),
        ("1 jt", 1_000_000),
        ("1,5 juta", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("2,25jt", 2_250_000),
        ("500rb", 500_000),
        ("500 ribu", 500_000),
        ("-Rp5.000", -5_000),
        (1_500_000, 1_500_000),
        (1_500_000.0, 1_500_000),
        (Decimal("16800"), 16_800),
    ],
)
def test_parse_rupiah_accepts_common_spellings(text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize(
    "text,code",
    [
        ("", "money_empty"),
        (None, "money_empty"),
        ("abc", "money_invalid"),
        ("1.50.000", "money_invalid"),
        ("Rp", "money_invalid"),
        ("1,5", "money_fraction"),
        ("1.500,50", "money_fraction"),
        (1.5, "money_fraction"),
        (float("nan"), "money_invalid"),
        (True, "money_invalid"),
    ],
)
def test_parse_rupiah_rejects_with_a_clear_message(text, code):
    with pytest.raises(ValueError) as info:
        parse_rupiah(text)
    assert isinstance(info.value, ProblemError)
    assert info.value.problem.code == code
    assert str(info.value) == info.value.message("id")
    assert info.value.message("en") != info.value.message("id")


@settings(database=None)
@given(st.integers(-(10**15), 10**15))
def test_format_then_parse_round_trips(amount):
    assert parse_rupiah(format_rupiah(amount)) == amount
