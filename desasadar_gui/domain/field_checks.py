"""The check of one field, made once per field: (value, out) -> stored value, with
what is wrong noted in ``out`` (a :class:`Checked`). Specialised by the field's kind,
with the common case first (an import runs it for every cell of half a million rows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .contribution import Contribution
from .fields import BOOL, CODE, DATE, ENUM, INT, LONG, MONEY, NIK, PHONE, REF, TEXT, Field
from .nik import NikCheck
from .phone import is_stored_mobile, normalise_phone
from .problems import Problem
from .text import clean_text


@dataclass(frozen=True)
class Issue:
    field: str
    problem: Problem


class Checked:
    """What a rule made of a record: normalised ``values`` and what is wrong or odd.

    A plain class with slots: an import makes one per row of half a million."""

    __slots__ = ("values", "errors", "warnings", "nik", "contribution")

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.nik: NikCheck | None = None
        self.contribution: Contribution | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, name: str, code: str, **params: Any) -> None:
        self.errors.append(Issue(name, Problem.of(code, **params)))

    def warn(self, name: str, code: str, **params: Any) -> None:
        self.warnings.append(Issue(name, Problem.of(code, **params)))


def _label(f: Field) -> dict[str, str]:
    return {"label_id": f.label_id, "label_en": f.label_en}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value)


FieldCheck = Callable[[Any, "Checked"], Any]


def _text_check(f: Field) -> FieldCheck:
    name, required, default = f.name, f.required, f.default
    label = {"label_id": f.label_id, "label_en": f.label_en}
    multiline, limit, digits = f.kind == LONG, f.max_len, f.kind == CODE
    blank = default if default is not None else None

    def text(value: Any, out: Checked) -> Any:
        if value.__class__ is not str:
            value = "" if value is None else str(value)
        value = clean_text(value, multiline=multiline)
        if not value:
            if required:
                out.error(name, "required", **label)
            return blank
        if len(value) > limit:
            out.error(name, "too_long", limit=limit, length=len(value), **label)
            return value[:limit]
        if digits and not value.isdigit():
            out.error(name, "code_digits", **label)
        return value

    return text


def _enum_check(f: Field) -> FieldCheck:
    name, required = f.name, f.required
    label = {"label_id": f.label_id, "label_en": f.label_en}
    assert f.enum is not None
    enum = f.enum
    codes = frozenset(m.value for m in enum)

    def choice(value: Any, out: Checked) -> Any:
        if value in codes:
            return value
        if _blank(value):
            if required:
                out.error(name, "required", **label)
            return None
        out.error(
            name,
            "enum_unknown",
            text=clean_text(str(value))[:60],
            kind_id=enum.title("id").lower(),
            kind_en=enum.title("en").lower(),
            choices_id=", ".join(m.label_id for m in enum),
            choices_en=", ".join(m.label_en for m in enum),
        )
        return value

    return choice


def _number_check(f: Field) -> FieldCheck:
    name, required, default = f.name, f.required, f.default
    label = {"label_id": f.label_id, "label_en": f.label_en}
    low, high = f.low, f.high

    def number(value: Any, out: Checked) -> Any:
        if value.__class__ is int and low <= value <= high:
            return value
        if value is None:
            if required:
                out.error(name, "required", **label)
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            out.error(name, "not_a_number", **label)
            return default
        out.error(name, "out_of_range", low=low, high=high, **label)
        return value

    return number


def _bool_check(f: Field) -> FieldCheck:
    flag = bool(f.default)

    def boolean(value: Any, out: Checked) -> Any:
        return flag if value is None else bool(value)

    return boolean


def _date_check(f: Field) -> FieldCheck:
    name, required = f.name, f.required
    label = {"label_id": f.label_id, "label_en": f.label_en}

    def day(value: Any, out: Checked) -> Any:
        if isinstance(value, date):
            return value
        if value is not None:
            out.error(name, "not_a_date", **label)
        elif required:
            out.error(name, "required", **label)
        return None

    return day


def _phone_check(f: Field) -> FieldCheck:
    name = f.name

    def phone(value: Any, out: Checked) -> Any:
        if value.__class__ is str and is_stored_mobile(value):
            return value
        if _blank(value):
            return None
        check = normalise_phone(value)
        for problem in check.errors:
            out.errors.append(Issue(name, problem))
        return check.e164 if check.ok else None

    return phone


def _nik_check(f: Field) -> FieldCheck:
    # Only cleaned here: the NIK is checked with the rest of the participant.
    def nik(value: Any, out: Checked) -> Any:
        if isinstance(value, str):
            return clean_text(value) or None
        return value

    return nik


_MAKERS: dict[str, Callable[[Field], FieldCheck]] = {
    TEXT: _text_check,
    LONG: _text_check,
    CODE: _text_check,
    REF: _text_check,
    ENUM: _enum_check,
    INT: _number_check,
    MONEY: _number_check,
    BOOL: _bool_check,
    DATE: _date_check,
    PHONE: _phone_check,
    NIK: _nik_check,
}


def field_check(f: Field) -> FieldCheck:
    """The check of field ``f`` (see the module doc)."""
    maker = _MAKERS.get(f.kind)
    if maker is None:
        raise ValueError(f"unknown field kind {f.kind}")
    return maker(f)
