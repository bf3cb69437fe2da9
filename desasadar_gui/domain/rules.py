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

from .contribution import compute_contribution
from .enums import (
    FundingSource,
    OfficialRole,
    ParticipantStatus,
    TargetScope,
    VillageKind,
    VillageStatus,
    roles_of_kind,
)
from .field_checks import Checked, FieldCheck, Issue, _label, field_check
from .fields import (
    BOOL,
    FIELDS,
    FIELDS_BY_NAME,
    FIELDS_BY_NAME_ALL,
    OLDEST_BIRTH,
    YEARS,
    Field,
    defaults,
)
from .nik import parse_nik
from .problems import Problem
from .rates import RateTable

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
    village_kind: str | None = None  # desa / kelurahan / pasar: which positions exist


def role_kind_problem(role: object, village_kind: object) -> Problem | None:
    """A village official's position must exist in the village's kind (a kelurahan has
    a lurah, not a kepala desa; a market has neither). None when it fits, or when the
    role or kind is blank or unknown (the field checks speak about those)."""
    if role in (None, "") or village_kind in (None, ""):
        return None
    try:
        kind = VillageKind.from_text(village_kind)
        position = OfficialRole.from_text(role)
    except ValueError:
        return None
    allowed = roles_of_kind(kind)
    if position in allowed:
        return None
    return Problem.of(
        "official_role_kind",
        role_id=position.label("id"),
        role_en=position.label("en"),
        kind_id=kind.label("id").lower(),
        kind_en=kind.label("en").lower(),
        choices_id=", ".join(r.label("id") for r in allowed),
        choices_en=", ".join(r.label("en") for r in allowed),
    )


def _date_between(out: Checked, v: dict[str, Any], name: str, low: date, high: date) -> None:
    value = v.get(name)
    if isinstance(value, date) and not low <= value <= high:
        f = FIELDS_BY_NAME_ALL[name]
        out.error(name, "date_range", low=low, high=high, **_label(f))


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
    wrong_role = role_kind_problem(v.get("official_role"), ctx.village_kind)
    if wrong_role is not None:
        out.errors.append(Issue("official_role", wrong_role))
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
    entity: tuple((f.name, field_check(f), f) for f in fields) for entity, fields in FIELDS.items()
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
