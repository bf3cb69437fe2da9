"""The record rules: what a village, participant, session, attendance or target may hold.

One set of rules for every entry point. The forms (through ``services``), the
workbook import (``sync``) and, later, the branch server call :func:`check_record`;
none of them keeps a copy of a rule. A rule returns problems (codes with parameters,
see ``problems.py``), never raises, and normalises what it accepts:

- **fields**: required values, text lengths (the form's limits), numbers and money
  within sane bounds (far inside 64 bits), dates within plausible years, known
  enumeration codes, NIK and phone in their stored forms, all text through
  :func:`~desasadar_gui.domain.text.clean_text`;
- **derived values**: a participant's contribution is always computed from income,
  programmes, funding source, occupation and date by the rate table; a typed amount
  that disagrees is a warning, never the stored value. Gender and birth date are
  filled from the NIK when blank;
- **references** (:data:`REFERENCES`) and **uniqueness among live records**
  (:data:`UNIQUE_LIVE`) need the data, so they are declared here and evaluated by the
  caller: per record for a form, set-wise for an import;
- **identity** (:data:`IDENTITY`): the fields that say *which* person (village,
  session...) a record is. An edit may correct one of them; when more change at once
  the row holds someone else (a spreadsheet sorted on some columns only).

Values are typed: ``str`` / ``None`` for text and codes, ``date`` for dates, ``int``
for numbers and money, ``bool`` for flags.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .contribution import Contribution, compute_contribution
from .enums import (
    AttendanceOutcome,
    FundingSource,
    Gender,
    LabelledEnum,
    Occupation,
    OfficialRole,
    ParticipantStatus,
    SessionType,
    TargetScope,
    VillageKind,
    VillageStatus,
)
from .nik import NikCheck, parse_nik
from .phone import is_stored_mobile, normalise_phone
from .problems import Problem
from .rates import RateTable
from .text import clean_text

# -- limits -------------------------------------------------------------------------------

MAX_NAME = 200  # names, places, kecamatan, kabupaten (the database's VARCHAR(200))
MAX_SHORT = 120  # officer names, device ids
MAX_ADDRESS = 1_000
MAX_NOTES = 5_000
MAX_CODE = 20  # KPJ number
MAX_VERSION = 60  # region dataset version
MAX_MONEY = 100_000_000_000  # Rp100 miliar a month: no declared income comes near
MAX_COUNT = 10_000_000  # informal workers of one village; a yearly target
FIRST_YEAR = 2000  # sessions, targets, registrations, launches
LAST_YEAR = 2100
OLDEST_BIRTH = date(1900, 1, 1)

# Field kinds
TEXT = "text"  # one line
LONG = "long"  # several lines (address, notes)
CODE = "code"  # digits kept as text (region code, KPJ)
NIK = "nik"
PHONE = "phone"
DATE = "date"
INT = "int"
MONEY = "money"
BOOL = "bool"
ENUM = "enum"
REF = "ref"  # another record's id


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label_id: str
    label_en: str
    required: bool = False
    max_len: int = MAX_NAME
    low: int = 0
    high: int = MAX_COUNT
    enum: type[LabelledEnum] | None = None
    default: Any = None


def _f(name: str, kind: str, label_id: str, label_en: str, **kw: Any) -> Field:
    return Field(name, kind, label_id, label_en, **kw)


FIELDS: dict[str, tuple[Field, ...]] = {
    "villages": (
        _f("name", TEXT, "Nama desa", "Village name", required=True),
        _f("kind", ENUM, "Jenis", "Kind", required=True, enum=VillageKind, default="desa"),
        _f("kecamatan", TEXT, "Kecamatan", "District", default=""),
        _f("kabupaten", TEXT, "Kabupaten/Kota", "Regency", default=""),
        _f("region_code", CODE, "Kode wilayah", "Region code", max_len=10),
        _f(
            "region_version", TEXT, "Versi data wilayah", "Region data version", max_len=MAX_VERSION
        ),
        _f("head_name", TEXT, "Kepala desa", "Village head", default=""),
        _f("contact_phone", PHONE, "Telepon kontak", "Contact phone"),
        _f("est_informal_workers", INT, "Perkiraan pekerja informal", "Estimated informal workers"),
        _f(
            "status",
            ENUM,
            "Status",
            "Status",
            required=True,
            enum=VillageStatus,
            default="prospect",
        ),
        _f("launch_date", DATE, "Tanggal peluncuran", "Launch date"),
        _f("notes", LONG, "Catatan", "Notes", max_len=MAX_NOTES, default=""),
    ),
    "participants": (
        _f("name", TEXT, "Nama", "Name", required=True),
        _f("nik", NIK, "NIK", "NIK"),
        _f("gender", ENUM, "Jenis kelamin", "Gender", enum=Gender),
        _f("birth_date", DATE, "Tanggal lahir", "Birth date"),
        _f("phone", PHONE, "Telepon", "Phone"),
        _f("address", LONG, "Alamat", "Address", max_len=MAX_ADDRESS, default=""),
        _f("village_id", REF, "Desa", "Village"),
        _f("occupation", ENUM, "Pekerjaan", "Occupation", enum=Occupation),
        _f("official_role", ENUM, "Jabatan di desa", "Village role", enum=OfficialRole),
        _f(
            "monthly_income",
            MONEY,
            "Penghasilan per bulan",
            "Monthly income",
            high=MAX_MONEY,
            default=0,
        ),
        _f("prog_jkk", BOOL, "JKK", "JKK", default=True),
        _f("prog_jkm", BOOL, "JKM", "JKM", default=True),
        _f("prog_jht", BOOL, "JHT", "JHT", default=False),
        _f(
            "contribution",
            MONEY,
            "Iuran per bulan",
            "Monthly contribution",
            high=MAX_MONEY,
            default=0,
        ),
        _f(
            "funding_source",
            ENUM,
            "Sumber dana",
            "Funding source",
            required=True,
            enum=FundingSource,
            default="mandiri",
        ),
        _f(
            "status",
            ENUM,
            "Status",
            "Status",
            required=True,
            enum=ParticipantStatus,
            default="prospect",
        ),
        _f("registration_date", DATE, "Tanggal daftar", "Registration date"),
        _f("kpj_number", CODE, "No. KPJ", "KPJ number", max_len=MAX_CODE),
        _f("officer", TEXT, "Petugas", "Officer", max_len=MAX_SHORT, default=""),
        _f("merged_into", REF, "Digabung ke", "Merged into"),
    ),
    "sessions": (
        _f("village_id", REF, "Desa", "Village"),
        _f("held_on", DATE, "Tanggal", "Date", required=True),
        _f(
            "type",
            ENUM,
            "Jenis kegiatan",
            "Session type",
            required=True,
            enum=SessionType,
            default="sosialisasi",
        ),
        _f("place", TEXT, "Tempat", "Place", default=""),
        _f("facilitator", TEXT, "Fasilitator", "Facilitator", default=""),
        _f("notes", LONG, "Catatan", "Notes", max_len=MAX_NOTES, default=""),
    ),
    "attendance": (
        _f("session_id", REF, "Sesi", "Session", required=True),
        _f("participant_id", REF, "Peserta", "Participant"),
        _f("walkin_name", TEXT, "Nama tamu", "Walk-in name", default=""),
        _f("walkin_phone", PHONE, "Telepon tamu", "Walk-in phone"),
        _f(
            "outcome",
            ENUM,
            "Hasil",
            "Outcome",
            required=True,
            enum=AttendanceOutcome,
            default="attended",
        ),
    ),
    "targets": (
        _f("year", INT, "Tahun", "Year", required=True, low=FIRST_YEAR, high=LAST_YEAR),
        _f("scope", ENUM, "Cakupan", "Scope", required=True, enum=TargetScope, default="branch"),
        _f("scope_key", TEXT, "Kunci cakupan", "Scope key", default=""),
        _f("value", INT, "Target peserta", "Target", required=True),
    ),
}

FIELDS_BY_NAME: dict[str, dict[str, Field]] = {
    entity: {f.name: f for f in fields} for entity, fields in FIELDS.items()
}

# Attribution columns every synchronised record carries besides its data.
SYSTEM_TEXT_LIMIT = MAX_SHORT  # updated_by


def defaults(entity: str) -> dict[str, Any]:
    """The values a new record starts with (a form's initial state, a new sheet row)."""
    return {f.name: f.default for f in FIELDS[entity]}


# -- declarations evaluated by the caller ------------------------------------------------


@dataclass(frozen=True)
class Reference:
    entity: str
    field: str
    target: str


# In referential order: a record only refers to entities listed before it.
REFERENCES: tuple[Reference, ...] = (
    Reference("participants", "village_id", "villages"),
    Reference("sessions", "village_id", "villages"),
    Reference("attendance", "session_id", "sessions"),
    Reference("attendance", "participant_id", "participants"),
)

# entity -> key fields that at most one live record may share (blank keys excepted).
UNIQUE_LIVE: dict[str, tuple[str, ...]] = {
    "participants": ("nik",),
    "villages": ("region_code",),
    "targets": ("year", "scope", "scope_key"),
}

# entity -> (fields naming which record it is, how many may change in one edit)
IDENTITY: dict[str, tuple[tuple[str, ...], int]] = {
    "participants": (("nik", "name", "birth_date"), 1),
    "villages": (("name", "kecamatan", "kabupaten"), 1),
    "sessions": (("held_on", "type", "place"), 1),
    "attendance": (("walkin_name", "walkin_phone"), 1),
    "targets": (("year", "scope", "scope_key"), 0),
}


def reference_problem(ref: Reference, value: str | None = None) -> Problem:
    """A reference to a record that is not there; ``value`` (the id) only for files."""
    what_id, what_en = _TARGET_WORDS[ref.target]
    if value is None:
        return Problem.of("reference_gone", what_id=what_id, what_en=what_en)
    return Problem.of("reference_missing", what_id=what_id, what_en=what_en, value=value)


_TARGET_WORDS = {
    "villages": ("desa", "village"),
    "sessions": ("sesi", "session"),
    "participants": ("peserta", "participant"),
}


def unique_problem(entity: str, holder: str) -> tuple[str, Problem]:
    """(field, problem) for a key another live record already holds (``holder`` names it)."""
    key = UNIQUE_LIVE[entity]
    code = {"participants": "nik_taken", "villages": "region_code_taken"}.get(
        entity, "target_taken"
    )
    return key[-1], Problem.of(code, other=holder)


# -- results -----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class RuleContext:
    """What a rule needs besides the record.

    ``today``: the date rules compare with (an import uses its export date, so every
    laptop decides alike). ``rates``: the contribution table (None: not derived).
    ``village_region``: the region code of the participant's village, for the NIK's
    regency warning. ``derive``: recompute derived values (False for rows that came
    back from another laptop unchanged: they were derived there).
    """

    today: date
    rates: RateTable | None = None
    village_region: str | None = None
    derive: bool = True


# -- field checks --------------------------------------------------------------------------


def _label(f: Field) -> dict[str, str]:
    return {"label_id": f.label_id, "label_en": f.label_en}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value)


FieldCheck = Callable[[Any, "Checked"], Any]


def _field_check(f: Field) -> FieldCheck:
    """The check of one field, made once: (value, out) -> stored value, errors noted in
    ``out``. Specialised by kind, with the common case first (an import runs it for
    every cell of half a million rows)."""
    kind, name, required, default = f.kind, f.name, f.required, f.default
    label = {"label_id": f.label_id, "label_en": f.label_en}
    if kind in (TEXT, LONG, CODE, REF):
        multiline, limit, digits = kind == LONG, f.max_len, kind == CODE
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
    if kind == ENUM:
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
    if kind in (INT, MONEY):
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
    if kind == BOOL:
        flag = bool(default)
        return lambda value, out: flag if value is None else bool(value)
    if kind == DATE:

        def day(value: Any, out: Checked) -> Any:
            if isinstance(value, date):
                return value
            if value is not None:
                out.error(name, "not_a_date", **label)
            elif required:
                out.error(name, "required", **label)
            return None

        return day
    if kind == PHONE:

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
    if kind == NIK:  # checked with the rest of the participant

        def nik(value: Any, out: Checked) -> Any:
            if isinstance(value, str):
                return clean_text(value) or None
            return value

        return nik
    raise ValueError(f"unknown field kind {kind}")


def _date_between(out: Checked, v: dict[str, Any], name: str, low: date, high: date) -> None:
    value = v.get(name)
    if isinstance(value, date) and not low <= value <= high:
        f = FIELDS_BY_NAME_ALL[name]
        out.error(name, "date_range", low=low, high=high, **_label(f))


FIELDS_BY_NAME_ALL: dict[str, Field] = {}
for _fields in FIELDS.values():
    for _field in _fields:
        FIELDS_BY_NAME_ALL.setdefault(_field.name, _field)


YEARS = (date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))


# -- entity rules --------------------------------------------------------------------------


def _villages(v: dict[str, Any], out: Checked, ctx: RuleContext) -> None:
    code = v.get("region_code")
    if code is not None and len(code) != 10:
        out.error("region_code", "region_code_length")
    if code is None:
        v["region_version"] = None
    if v.get("status") == VillageStatus.LAUNCHED.value and v.get("launch_date") is None:
        out.error("launch_date", "launch_date_required")
    _date_between(out, v, "launch_date", *YEARS)


def _participants(v: dict[str, Any], out: Checked, ctx: RuleContext) -> None:
    today = ctx.today
    nik_text = v.get("nik")
    if nik_text is not None and not isinstance(nik_text, str):
        nik_text = str(nik_text)
    if nik_text:
        check = parse_nik(
            nik_text,
            gender=v.get("gender") if v.get("gender") in ("L", "P") else None,
            birth_date=v.get("birth_date"),
            regency_code=ctx.village_region,
            today=today,
        )
        out.nik = check
        out.errors += [Issue("nik", p) for p in check.errors]
        out.warnings += [Issue("nik", p) for p in check.warnings]
        v["nik"] = check.nik if check.nik else nik_text[:16]
        if check.ok and ctx.derive:  # filled in from the NIK, as the form does
            if v.get("gender") is None:
                v["gender"] = check.gender
            if v.get("birth_date") is None:
                v["birth_date"] = check.birth_date
    else:
        v["nik"] = None
        if v.get("status") not in (None, ParticipantStatus.PROSPECT.value):
            out.error("nik", "nik_required")
    birth = v.get("birth_date")
    if isinstance(birth, date) and birth > today:
        out.error("birth_date", "birth_date_future")
    elif isinstance(birth, date) and birth < OLDEST_BIRTH:
        out.error(
            "birth_date",
            "date_range",
            low=OLDEST_BIRTH,
            high=today,
            **_label(FIELDS_BY_NAME["participants"]["birth_date"]),
        )
    registered = v.get("registration_date")
    low, high = YEARS
    if isinstance(registered, date):
        if registered < low:
            _date_between(out, v, "registration_date", low, high)
        elif registered > today:
            out.warn("registration_date", "registration_future")
    if ctx.derive:
        _derive_contribution(v, out, ctx)


def programmes_of(v: dict[str, Any]) -> tuple[str, ...]:
    return tuple(p for p in ("jkk", "jkm", "jht") if v.get(f"prog_{p}"))


def _derive_contribution(v: dict[str, Any], out: Checked, ctx: RuleContext) -> None:
    typed = v.get("contribution")
    programmes = programmes_of(v)
    total = 0
    if programmes and ctx.rates is not None and out.ok:
        try:
            out.contribution = compute_contribution(
                income=v.get("monthly_income") or 0,
                programmes=programmes,
                on=v.get("registration_date") or ctx.today,
                funding=v.get("funding_source") or FundingSource.MANDIRI.value,
                occupation=v.get("occupation") or None,
                table=ctx.rates,
            )
            total = out.contribution.total
        except ValueError:
            out.contribution = None
    v["contribution"] = total
    if isinstance(typed, int) and not isinstance(typed, bool) and typed != total and typed:
        out.warn("contribution", "contribution_recomputed", typed_rp=typed, computed_rp=total)


def _sessions(v: dict[str, Any], out: Checked, ctx: RuleContext) -> None:
    _date_between(out, v, "held_on", *YEARS)


def _attendance(v: dict[str, Any], out: Checked, ctx: RuleContext) -> None:
    if not v.get("participant_id") and not v.get("walkin_name"):
        out.error("walkin_name", "attendee_required")


def _targets(v: dict[str, Any], out: Checked, ctx: RuleContext) -> None:
    if v.get("scope") == TargetScope.BRANCH.value:
        v["scope_key"] = ""
    elif not v.get("scope_key"):
        out.error("scope_key", "scope_key_required")


_ENTITY_RULES: dict[str, Callable[[dict[str, Any], Checked, RuleContext], None]] = {
    "villages": _villages,
    "participants": _participants,
    "sessions": _sessions,
    "attendance": _attendance,
    "targets": _targets,
}


def check_record(
    entity: str, values: dict[str, Any], ctx: RuleContext, *, in_place: bool = False
) -> Checked:
    """Check and normalise one record's data fields (keys not in :data:`FIELDS` are
    kept as they are). The caller evaluates :data:`REFERENCES` and :data:`UNIQUE_LIVE`.
    ``in_place``: normalise ``values`` itself instead of a copy (an import's rows)."""
    out = Checked(values if in_place else dict(values))
    v = out.values
    for name, check, f in _CHECKS[entity]:
        if name in v:
            v[name] = check(v[name], out)
        elif f.required and f.kind != BOOL:
            out.error(name, "required", **_label(f))
    _ENTITY_RULES[entity](v, out, ctx)
    return out


def check_entity(entity: str, values: dict[str, Any], ctx: RuleContext) -> bool:
    """Only the entity's own rule (NIK, dates, required pairs) on values whose fields are
    already in their stored form (an import's fast lane checked those column-wise);
    True when it has nothing to say. ``values`` is normalised in place."""
    out = Checked(values)
    _ENTITY_RULES[entity](values, out, ctx)
    return not out.errors


_CHECKS: dict[str, tuple[tuple[str, FieldCheck, Field], ...]] = {
    entity: tuple((f.name, _field_check(f), f) for f in fields) for entity, fields in FIELDS.items()
}


# -- identity --------------------------------------------------------------------------------


def comparable(value: Any) -> str:
    """How identity fields are compared: case and spacing do not make another person."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split()).casefold()


def is_same_record(entity: str, contradicted_fields: Iterable[str]) -> bool:
    return len(tuple(contradicted_fields)) <= IDENTITY[entity][1]


_IDENTITY_NAMESPACE = uuid.UUID("5d0a3c1e-7b8f-5e21-9a44-2f6c1d0b8e73")
_KEY_FIELDS = {
    "participants": ("name", "birth_date", "village_id"),
    "villages": ("name", "kecamatan", "kabupaten"),
    "sessions": ("village_id", "held_on", "type", "place"),
    "attendance": ("session_id", "participant_id", "walkin_name"),
    "targets": ("year", "scope", "scope_key"),
}


def identity_id(entity: str, values: dict[str, Any]) -> str:
    """An id made from what a record *is*, for records created away from the app (rows
    typed into a workbook): the same content gives the same id in any row position, on
    any laptop. A village with a region code takes its code's id instead (see
    ``services/regions.village_id_for_code``); targets always take :func:`target_id`."""
    if entity == "targets":
        return target_id(values["year"], values["scope"], values.get("scope_key") or "")
    key = "|".join(comparable(values.get(f)) for f in _KEY_FIELDS[entity])
    return str(uuid.uuid5(_IDENTITY_NAMESPACE, f"{entity}|{key}"))


_TARGET_NAMESPACE = uuid.UUID("a4f1c9e2-3d6b-5c8a-8e17-6b0d4f2a9c55")


def target_id(year: int, scope: str, scope_key: str) -> str:
    """One id per (year, scope, key): two laptops setting the same target offline make
    the same record, and the merge is an ordinary edit merge."""
    key = "" if scope == TargetScope.BRANCH.value else comparable(scope_key)
    return str(uuid.uuid5(_TARGET_NAMESPACE, f"{int(year)}|{scope}|{key}"))


__all__ = [
    "FIELDS",
    "IDENTITY",
    "REFERENCES",
    "UNIQUE_LIVE",
    "Checked",
    "Field",
    "Issue",
    "RuleContext",
    "check_record",
    "comparable",
    "defaults",
    "identity_id",
    "is_same_record",
    "target_id",
]
