"""Phone numbers: every common spelling becomes one stored form and one shown form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desasadar_gui.domain.phone import display_phone, normalise_phone
from desasadar_gui.domain.problems import describe


@pytest.mark.parametrize(
    "text",
    [
        "0812-3456-7890",
        "+62 812 3456 7890",
        "6281234567890",
        "+62081234567890",  # the common "+62 0812" mistake
        "0062 812 3456 7890",
        "+62 812-3456-7890",
        "0812.3456.7890",
        "(0812) 3456 7890",
        "81234567890",  # Excel dropped the leading 0
        81234567890,
        81234567890.0,
    ],
)
def test_mobile_spellings_normalise_to_e164(text):
    check = normalise_phone(text)
    assert check.ok, check.errors
    assert check.e164 == "+6281234567890"
    assert check.display == "0812-3456-7890"


@pytest.mark.parametrize(
    "text,display",
    [
        ("0812345678", "0812-345-678"),
        ("08123456789", "0812-3456-789"),
        ("0881234567890", "0881-2345-67890"),
    ],
)
def test_mobile_lengths_10_to_13_digits(text, display):
    assert normalise_phone(text).display == display


def test_084_is_rejected_with_a_clear_message():
    check = normalise_phone("0841234567")
    assert not check.ok and check.e164 is None
    assert [p.code for p in check.errors] == ["phone_mobile_84"]
    assert "084" in describe(check.errors[0])
    assert "084" in describe(check.errors[0], "en")


@pytest.mark.parametrize("text,length", [("0812345", 7), ("08123456789012", 14)])
def test_mobile_of_wrong_length_is_rejected_with_the_count(text, length):
    check = normalise_phone(text)
    assert [p.code for p in check.errors] == ["phone_mobile_length"]
    assert f"terisi {length}" in describe(check.errors[0])


def test_toll_free_is_not_a_personal_number():
    assert [p.code for p in normalise_phone("0800123456").errors] == ["phone_tollfree"]


@pytest.mark.parametrize("area", [f"074{d}" for d in range(1, 9)])
def test_jambi_landlines(area):
    check = normalise_phone(f"({area}) 123456")
    assert check.ok
    assert check.e164 == f"+62{area[1:]}123456"
    assert check.display == f"{area}-123456"


@pytest.mark.parametrize(
    "text,e164,display",
    [
        ("021 5551234", "+62215551234", "021-5551234"),
        ("+62 361 234567", "+62361234567", "0361-234567"),
        ("0711-123456", "+62711123456", "0711-123456"),
    ],
)
def test_other_indonesian_landlines(text, e164, display):
    check = normalise_phone(text)
    assert (check.e164, check.display) == (e164, display)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_blank_phone_is_allowed(text):
    check = normalise_phone(text)
    assert check.ok and check.e164 is None and check.display is None


@pytest.mark.parametrize(
    "text,code",
    [
        ("+1 202 555 0100", "phone_foreign"),
        ("0812 34ab 7890", "phone_chars"),
        ("0741-12", "phone_invalid"),
        ("0", "phone_invalid"),
    ],
)
def test_bad_numbers_are_rejected(text, code):
    check = normalise_phone(text)
    assert not check.ok and [p.code for p in check.errors] == [code]
    assert describe(check.errors[0]) and describe(check.errors[0], "en")


def test_display_phone_for_stored_values():
    assert display_phone("+6281234567890") == "0812-3456-7890"
    assert display_phone("+62741123456") == "0741-123456"
    assert display_phone(None) == ""
    assert display_phone("not a phone") == "not a phone"  # shown, never hidden


mobile_nsn = st.builds(
    lambda second, rest: "8" + second + rest,
    st.sampled_from("12356789"),
    st.text("0123456789", min_size=7, max_size=10),
)
prefixes = st.sampled_from(["0", "+62", "62", "0062", "+620", "+62 0"])
separators = st.sampled_from(["", " ", "-", "."])


@settings(database=None)
@given(nsn=mobile_nsn, prefix=prefixes, sep=separators)
def test_normalisation_is_idempotent(nsn, prefix, sep):
    typed = prefix + sep.join(nsn[i : i + 4] for i in range(0, len(nsn), 4))
    first = normalise_phone(typed)
    assert first.ok, (typed, first.errors)
    assert first.e164 == "+62" + nsn
    assert normalise_phone(first.e164) == first
    assert normalise_phone(first.display) == first
