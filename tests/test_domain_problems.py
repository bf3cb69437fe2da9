"""Problems: every finding the domain reports has a message in both languages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import desasadar_gui.domain as domain_pkg
from desasadar_gui.domain.problems import Problem, ProblemError, describe, known_codes

DOMAIN_DIR = Path(domain_pkg.__file__).parent


def codes_used_in_domain() -> set[str]:
    pattern = re.compile(r'Problem\.of\(\s*"([a-z0-9_]+)"')
    found: set[str] = set()
    for path in DOMAIN_DIR.glob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_code_raised_in_domain_has_a_message():
    used = codes_used_in_domain()
    assert len(used) > 15  # the scan itself works
    assert used <= known_codes(), used - known_codes()


@pytest.mark.parametrize("code", sorted(known_codes()))
def test_messages_exist_in_both_languages_and_fill_their_blanks(code):
    names = {"nik_date", "form_date", "on"}
    params = {
        n: date(2025, 1, 2) if n in names else "X"
        for n in re.findall(
            r"{(\w+)}", "".join(describe(Problem(code), lang) for lang in ("id", "en"))
        )
    }
    problem = Problem.of(code, **params)
    text_id, text_en = describe(problem, "id"), describe(problem, "en")
    assert text_id and text_en and text_id != text_en
    assert "{" not in text_id + text_en


def test_param_lookup():
    p = Problem.of("nik_length", length=15)
    assert p.param("length") == 15 and p.param("missing") is None
    assert p == Problem("nik_length", (("length", 15),))
    assert hash(p) == hash(Problem("nik_length", (("length", 15),)))


def test_dates_and_genders_are_written_out():
    p = Problem.of("nik_gender_mismatch", nik_gender="P", form_gender="L")
    assert describe(p) == "Menurut NIK jenis kelaminnya perempuan, tetapi di formulir laki-laki."
    d = Problem.of(
        "nik_birth_date_mismatch", nik_date=date(1985, 8, 17), form_date=date(1985, 8, 18)
    )
    assert "17 August 1985" in describe(d, "en")


def test_unknown_code_still_gives_a_message():
    assert describe(Problem.of("something_new", x=1)) == "something_new (x=1)"


def test_problem_error_is_a_value_error_with_both_texts():
    err = ProblemError(Problem.of("nik_serial"))
    assert isinstance(err, ValueError)
    assert str(err) == err.text_id == err.message() == describe(err.problem, "id")
    assert err.message("en") == err.text_en == describe(err.problem, "en")
