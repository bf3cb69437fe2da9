"""NIK: what an officer sees when typing or importing an ID number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desasadar_gui.domain.enums import Gender
from desasadar_gui.domain.nik import make_nik, parse_nik
from desasadar_gui.domain.problems import describe
from desasadar_gui.domain.provinces import PROVINCE_CODES

TODAY = date(2025, 6, 1)


def codes(problems):
    return [p.code for p in problems]


def test_womans_nik_gives_day_minus_40_and_female():
    check = parse_nik("1504015708850001", today=TODAY)
    assert check.ok
    assert check.birth_date == date(1985, 8, 17)
    assert check.gender == "P"
    assert (check.province, check.regency, check.district) == ("15", "1504", "150401")
    assert check.serial == "0001"


def test_mans_nik_keeps_the_day():
    check = parse_nik("1504011708850001", today=TODAY)
    assert check.ok and check.birth_date == date(1985, 8, 17) and check.gender == "L"


@pytest.mark.parametrize(
    "text",
    ["1504 0157 0885 0001", "15.04.01.570885.0001", "1504-01-570885-0001", " 1504015708850001\t"],
)
def test_spaces_dots_and_dashes_are_ignored(text):
    check = parse_nik(text, today=TODAY)
    assert check.ok and check.nik == "1504015708850001"


@pytest.mark.parametrize(
    "date_digits",
    [
        "310285",  # 31 February
        "000185",  # day 0
        "400185",  # woman, day 0
        "151385",  # month 13
        "150085",  # month 0
        "720185",  # woman, day 32
        "350185",  # man, day 35
        "290201",  # 29 February in a non-leap year
    ],
)
def test_impossible_birth_dates_are_errors(date_digits):
    check = parse_nik(f"150401{date_digits}0001", today=TODAY)
    assert not check.ok
    assert codes(check.errors) == ["nik_date"]
    assert check.birth_date is None
    assert date_digits in describe(check.errors[0])


def test_29_february_of_a_leap_year_is_fine():
    assert parse_nik("1504016902000001", today=TODAY).birth_date == date(2000, 2, 29)


@pytest.mark.parametrize("text,length", [("150401570885000", 15), ("15040157088500011", 17)])
def test_wrong_length_is_an_error_that_says_how_many_digits(text, length):
    check = parse_nik(text, today=TODAY)
    assert not check.ok and check.nik is None
    assert codes(check.errors) == ["nik_length"]
    assert check.errors[0].param("length") == length
    assert describe(check.errors[0]) == f"NIK harus 16 digit angka (terisi {length})."
    assert describe(check.errors[0], "en") == f"NIK must be 16 digits ({length} entered)."


def test_letters_are_an_error():
    check = parse_nik("15O4015708850001", today=TODAY)
    assert codes(check.errors) == ["nik_not_digits"]
    assert "O" in describe(check.errors[0])


def test_excel_scientific_notation_is_explained():
    check = parse_nik("1.50401E+15", today=TODAY)
    assert codes(check.errors) == ["nik_excel_number"]
    assert "Excel" in describe(check.errors[0])


def test_blank_is_an_error_named_empty():
    assert codes(parse_nik("  ").errors) == ["nik_empty"]
    assert codes(parse_nik(None).errors) == ["nik_empty"]


@pytest.mark.parametrize("province", ["00", "10", "20", "37", "99"])
def test_unknown_province_is_an_error(province):
    check = parse_nik(f"{province}04015708850001", today=TODAY)
    assert codes(check.errors) == ["nik_province"]
    assert check.nik is not None  # still shown to the officer, but not ok


@pytest.mark.parametrize("province", ["65", "91", "92", "93", "94", "95", "96", "97"])
def test_newer_provinces_are_accepted(province):
    assert parse_nik(f"{province}01015708850001", today=TODAY).ok


def test_every_current_province_code_is_known():
    current = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53}
    current |= {61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82}
    current |= set(range(91, 98))
    assert PROVINCE_CODES == {str(c) for c in current}


def test_regency_or_district_00_is_an_error():
    assert codes(parse_nik("1500015708850001", today=TODAY).errors) == ["nik_region_zero"]
    assert codes(parse_nik("1504005708850001", today=TODAY).errors) == ["nik_region_zero"]


def test_serial_0000_is_an_error():
    check = parse_nik("1504015708850000", today=TODAY)
    assert codes(check.errors) == ["nik_serial"]


def test_two_digit_year_without_form_date_is_the_most_recent_past():
    assert parse_nik("1504011708050001", today=TODAY).birth_date == date(2005, 8, 17)
    assert parse_nik("1504011708300001", today=TODAY).birth_date == date(1930, 8, 17)
    # 1 July 25 is after "today" (1 June 2025), so it must be 1925.
    assert parse_nik("1504010107250001", today=TODAY).birth_date == date(1925, 7, 1)
    assert parse_nik("1504010106250001", today=TODAY).birth_date == date(2025, 6, 1)


def test_two_digit_year_takes_the_century_of_the_form_date():
    check = parse_nik("1504011708050001", birth_date=date(1905, 8, 17), today=TODAY)
    assert check.birth_date == date(1905, 8, 17) and not check.warnings


def test_different_birth_date_is_a_warning_not_an_error():
    check = parse_nik("1504015708850001", birth_date=date(1985, 8, 18), today=TODAY)
    assert check.ok
    assert codes(check.warnings) == ["nik_birth_date_mismatch"]
    text = describe(check.warnings[0])
    assert "17 Agustus 1985" in text and "18 Agustus 1985" in text


def test_near_miss_across_a_century_is_reported_as_such():
    # NIK 31-12-99, form 1-1-2000: the NIK means 1999, not 2099.
    check = parse_nik("1504013112990001", birth_date=date(2000, 1, 1), today=TODAY)
    assert check.birth_date == date(1999, 12, 31)
    assert codes(check.warnings) == ["nik_birth_date_mismatch"]


def test_different_gender_is_a_warning():
    check = parse_nik("1504015708850001", gender="L", today=TODAY)
    assert check.ok and codes(check.warnings) == ["nik_gender_mismatch"]
    assert "perempuan" in describe(check.warnings[0])
    assert "female" in describe(check.warnings[0], "en")
    for same in ("P", Gender.FEMALE, "Perempuan", "female"):
        assert not parse_nik("1504015708850001", gender=same, today=TODAY).warnings


@pytest.mark.parametrize("regency", ["1505", "15.05", "1505112002"])
def test_nik_from_another_regency_is_a_warning(regency):
    check = parse_nik("1504015708850001", regency_code=regency, today=TODAY)
    assert check.ok
    assert codes(check.warnings) == ["nik_regency_mismatch"]
    assert "kabupaten/kota lain" in describe(check.warnings[0])
    assert "another regency" in describe(check.warnings[0], "en")


def test_same_regency_gives_no_warning():
    check = parse_nik("1504015708850001", regency_code="1504032015", today=TODAY)
    assert check.ok and not check.warnings


def test_errors_and_warnings_together():
    check = parse_nik(
        "1504015708850000", gender="L", birth_date=date(1985, 8, 17), regency_code="1505"
    )
    assert codes(check.errors) == ["nik_serial"]
    assert codes(check.warnings) == ["nik_gender_mismatch", "nik_regency_mismatch"]


def test_make_nik_adds_40_for_women():
    assert make_nik("150401", date(1985, 8, 17), "P", 1) == "1504015708850001"
    assert make_nik("15.04.01", date(1985, 8, 17), "L", 42) == "1504011708850042"


@pytest.mark.parametrize(
    "args",
    [
        ("1504", date(1985, 1, 1), "L", 1),
        ("150401", date(1985, 1, 1), "X", 1),
        ("150401", date(1985, 1, 1), "L", 0),
        ("150401", date(1985, 1, 1), "L", 10000),
    ],
)
def test_make_nik_rejects_bad_parts(args):
    with pytest.raises(ValueError):
        make_nik(*args)


districts = st.builds(
    lambda p, k, c: f"{p}{k:02d}{c:02d}",
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(1, 99),
    st.integers(1, 99),
)


@settings(database=None)
@given(
    district=districts,
    age_days=st.integers(0, 99 * 365),
    gender=st.sampled_from(["L", "P"]),
    serial=st.integers(1, 9999),
)
def test_make_then_parse_round_trips(district, age_days, gender, serial):
    born = TODAY - timedelta(days=age_days)
    check = parse_nik(make_nik(district, born, gender, serial), today=TODAY)
    assert check.ok, check.errors
    assert (check.district, check.birth_date, check.gender) == (district, born, gender)
    assert check.serial == f"{serial:04d}"


@settings(database=None)
@given(
    born=st.dates(date(1800, 1, 1), date(2199, 12, 31)),
    gender=st.sampled_from(["L", "P"]),
)
def test_form_date_in_any_century_agrees_with_its_own_nik(born, gender):
    check = parse_nik(make_nik("150401", born, gender, 7), birth_date=born, gender=gender)
    assert check.ok and not check.warnings
    assert check.birth_date == born
