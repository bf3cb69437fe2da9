"""NIK (Nomor Induk Kependudukan): read, check and build the 16-digit ID number.

Layout ``PPKKCC DDMMYY SSSS``: province, regency, district where the NIK was first
issued; birth date with 40 added to the day for women; a serial from 0001. There is
no checksum, so the offline checks are length, province, date and serial.

A NIK that disagrees with the form (birth date, gender, regency) is only a warning:
forms get corrected, people move, regencies split.

python-stdnum is used for ``compact`` only. Its ``validate``/``get_birth_date``
prefer 19xx over the most recent century (a child born 2005 comes out as 1905), drop
the gender, accept serial 0000, and check regions against a table without the
provinces created since 2012 (Kalimantan Utara, the new Papua provinces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.id import nik as stdnum_nik

from .enums import Gender
from .problems import Problem
from .provinces import PROVINCE_CODES

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40
_MALE, _FEMALE = Gender.MALE.value, Gender.FEMALE.value

# "1.50401E+15": what a NIK cell looks like after Excel stored it as a number.
_EXCEL_NUMBER = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$")


@dataclass(frozen=True)
class NikCheck:
    """What a NIK says, and what is wrong with it.

    ``nik`` is the cleaned 16-digit text whenever the input has 16 digits (even if
    another check failed, so a form can show it); use ``ok`` to decide whether to
    accept it. Region and date fields are None when they could not be read.
    """

    nik: str | None
    province: str | None = None
    regency: str | None = None
    district: str | None = None
    birth_date: date | None = None
    gender: str | None = None
    serial: str | None = None
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def clean_nik(text: str) -> str:
    """Remove what people and spreadsheets put around the digits."""
    text = stdnum_nik.compact(text)  # spaces, dots, dashes
    text = re.sub(r"\s+", "", text)  # tabs, non-breaking spaces from copy-paste
    return text.lstrip("'")  # Excel's "treat as text" apostrophe, when pasted


def _candidate_years(two_digits: int, birth_date: date | None, today: date) -> list[int]:
    """Full years to try, best first.

    With a birth date on the form, the century nearest to it (so NIK year 99 and a
    form date in 2000 give 1999, a near miss worth a warning, not 2099). Without one,
    the most recent year not after ``today``; the older ones come next so a 29
    February in a non-leap century year still finds its leap year.
    """
    if birth_date is not None:
        century = birth_date.year - birth_date.year % 100
        years = [century + delta + two_digits for delta in (-100, 0, 100)]
        return sorted(years, key=lambda y: (abs(y - birth_date.year), y))
    year = today.year - today.year % 100 + two_digits
    if year > today.year:
        year -= 100
    return [year, year - 100, year - 200]


def _read_birth_date(
    digits6: str, birth_date: date | None, today: date
) -> tuple[date | None, str | None]:
    raw_day, month, two_digits = int(digits6[:2]), int(digits6[2:4]), int(digits6[4:])
    gender = _FEMALE if raw_day > FEMALE_DAY_OFFSET else _MALE
    day = raw_day - FEMALE_DAY_OFFSET if raw_day > FEMALE_DAY_OFFSET else raw_day
    for year in _candidate_years(two_digits, birth_date, today):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        # Without a form date, a NIK date cannot lie in the future.
        if birth_date is None and found > today:
            continue
        return found, gender
    return None, None


def _regency_of(code: str | None) -> str | None:
    """'15.04', '1504' or a full village code '1504032015' -> '1504'."""
    if not code:
        return None
    digits = re.sub(r"\D", "", code)
    return digits[:4] if len(digits) >= 4 else None


def _gender_code(gender: object) -> str | None:
    if gender == _MALE or gender == _FEMALE:
        return gender  # type: ignore[return-value]
    if gender is None or (isinstance(gender, str) and not gender.strip()):
        return None
    return Gender.from_text(gender).value


def parse_nik(
    text: str | None,
    *,
    gender: str | None = None,
    birth_date: date | None = None,
    regency_code: str | None = None,
    today: date | None = None,
) -> NikCheck:
    """Check a NIK and, when the form's gender/birth date/regency are given, compare.

    ``gender`` accepts L/P, a Gender or a label ("Perempuan"); ``regency_code`` may be
    the village's full Kemendagri code. A blank NIK gives the error ``nik_empty``:
    callers for whom the NIK is optional check for blank first.
    """
    today = today or date.today()
    raw = "" if text is None else str(text).strip()
    if not raw:
        return NikCheck(None, errors=(Problem.of("nik_empty"),))
    if len(raw) == NIK_LENGTH and raw.isascii() and raw.isdigit():
        nik = raw  # already clean: the common case (an import checks every row)
    elif _EXCEL_NUMBER.match(raw):
        return NikCheck(None, errors=(Problem.of("nik_excel_number", text=raw),))
    else:
        nik = clean_nik(raw)
        bad = "".join(sorted({c for c in nik if not c.isdigit() or not c.isascii()}))
        if bad:
            return NikCheck(None, errors=(Problem.of("nik_not_digits", chars=bad),))
        if len(nik) != NIK_LENGTH:
            return NikCheck(None, errors=(Problem.of("nik_length", length=len(nik)),))

    errors: list[Problem] = []
    warnings: list[Problem] = []
    province, regency, district = nik[:2], nik[:4], nik[:6]
    if province not in PROVINCE_CODES:
        errors.append(Problem.of("nik_province", province=province))
    if nik[2:4] == "00" or nik[4:6] == "00":
        errors.append(Problem.of("nik_region_zero", district=district))
    nik_date, nik_gender = _read_birth_date(nik[6:12], birth_date, today)
    if nik_date is None:
        errors.append(Problem.of("nik_date", digits=nik[6:12]))
    serial = nik[12:]
    if serial == "0000":
        errors.append(Problem.of("nik_serial"))

    if nik_date is not None and birth_date is not None and nik_date != birth_date:
        warnings.append(
            Problem.of("nik_birth_date_mismatch", nik_date=nik_date, form_date=birth_date)
        )
    form_gender = _gender_code(gender)
    if nik_gender is not None and form_gender is not None and nik_gender != form_gender:
        warnings.append(
            Problem.of("nik_gender_mismatch", nik_gender=nik_gender, form_gender=form_gender)
        )
    form_regency = _regency_of(regency_code)
    if form_regency is not None and form_regency != regency:
        warnings.append(
            Problem.of("nik_regency_mismatch", nik_regency=regency, regency=form_regency)
        )

    return NikCheck(
        nik=nik,
        province=province,
        regency=regency,
        district=district,
        birth_date=nik_date,
        gender=nik_gender,
        serial=serial,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )


def make_nik(district_code6: str, birth_date: date, gender: str, serial: int) -> str:
    """Build a NIK (demo data, tests): women get 40 added to the birth day."""
    district = re.sub(r"[\s.\-]", "", district_code6)
    if not (len(district) == 6 and district.isdigit()):
        raise ValueError(f"district code must be 6 digits, got {district_code6!r}")
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1..9999, got {serial}")
    female = Gender.from_text(gender) is Gender.FEMALE
    day = birth_date.day + (FEMALE_DAY_OFFSET if female else 0)
    return f"{district}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}{serial:04d}"
