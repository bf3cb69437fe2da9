"""The demo's people: village officials in their roles, and informal workers with
consistent NIKs, phones, addresses, occupations, incomes and contributions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from desasadar_gui.domain.enums import (
    Occupation,
    OfficialRole,
    SessionType,
    VillageStatus,
    required_roles,
)
from desasadar_gui.services.demo.state import (
    _APBD,
    _APBDES,
    _CSR,
    _FEMALE,
    _KELURAHAN,
    _MALE,
    _MANDIRI,
    _P_ACTIVE,
    _P_INACTIVE,
    _P_PROSPECT,
    _PASAR,
    _cumulative,
    _Gen,
    _Village,
)

# Occupation weights per kind of place.
_OCC_DESA = {
    "kebun": 30,
    "tani": 14,
    "buruh_tani": 12,
    "nelayan": 3,
    "budidaya_ikan": 2,
    "ternak": 4,
    "dagang": 8,
    "industri_rumahan": 6,
    "jasa_tukang": 5,
    "transport": 4,
    "harian_lepas": 5,
    "jasa_pribadi": 2,
    "keagamaan_sosial": 2,
    "lainnya": 1,
}
_OCC_KELURAHAN = {
    "dagang": 25,
    "transport": 12,
    "jasa_tukang": 12,
    "industri_rumahan": 10,
    "harian_lepas": 12,
    "jasa_pribadi": 8,
    "keagamaan_sosial": 3,
    "kebun": 3,
    "tani": 3,
    "nelayan": 2,
    "budidaya_ikan": 1,
    "ternak": 1,
    "lainnya": 3,
}
_OCC_PASAR = {
    "dagang": 78,
    "harian_lepas": 8,
    "transport": 5,
    "jasa_pribadi": 3,
    "industri_rumahan": 4,
    "jasa_tukang": 2,
}
_RIVER_BONUS = {"nelayan": 12, "budidaya_ikan": 4}


_STATUS_MIX = (("prospect", 15), ("registered", 25), ("active", 50), ("inactive", 10))
_STATUS_MIX_PROSPECT_VILLAGE = (
    ("prospect", 55),
    ("registered", 25),
    ("active", 17),
    ("inactive", 3),
)


def _official_slots(g: _Gen, v: _Village) -> list[str]:
    rng = g.rng
    kind = v.kind
    required = [r.value for r in required_roles(kind)]
    if kind == _PASAR:
        extras = [OfficialRole.KETUA_PEDAGANG.value] * g.ri(1, 2)
    elif kind == _KELURAHAN:
        extras = [OfficialRole.KASI_KESEJAHTERAAN.value, OfficialRole.KASI_PELAYANAN.value]
        extras += [OfficialRole.KETUA_RT_RW.value] * g.ri(2, 6)
        extras += [OfficialRole.STAF_DESA.value] * g.ri(0, 1)
    else:
        extras = [OfficialRole.KEPALA_DUSUN.value] * g.ri(1, 3)
        extras += [OfficialRole.KETUA_BPD.value]
        extras += [OfficialRole.ANGGOTA_BPD.value] * g.ri(1, 3)
        extras += [OfficialRole.STAF_DESA.value] * g.ri(0, 2)
        extras += [OfficialRole.KETUA_RT_RW.value] * g.ri(0, 3)
    if v.status == VillageStatus.LAUNCHED.value:
        return required + extras
    if v.status == VillageStatus.SOCIALISED.value:
        keep = [r for r in required if rng.random() < 0.65]
        return keep + extras[: g.ri(0, 2)]
    return required[:1] if rng.random() < 0.6 else []


def _official_funding(g: _Gen, v: _Village, role: str) -> str:
    r = g.rng.random()
    if v.kind == _PASAR:
        return _CSR if r < 0.3 else _MANDIRI
    if v.kind == _KELURAHAN:
        return _APBD if r < 0.7 else _MANDIRI
    return _APBDES if r < 0.9 else _MANDIRI


def _regular_funding(g: _Gen) -> str:
    r = g.rng.random()
    if r < 0.84:
        return _MANDIRI
    if r < 0.93:
        return _CSR
    return _APBD


def _occupation_table(v: _Village) -> tuple[tuple[str, ...], tuple[float, ...]]:
    base = _OCC_PASAR if v.kind == _PASAR else _OCC_KELURAHAN if v.kind == _KELURAHAN else _OCC_DESA
    if v.river:
        base = {k: w + _RIVER_BONUS.get(k, 0) for k, w in base.items()}
    return _cumulative(base)


def _address(g: _Gen, v: _Village) -> str:
    if v.kind == _PASAR:
        return f"Los {g.pick('ABCDEF')} No. {g.ri(1, 120)}, {v.name}"
    if v.kind == _KELURAHAN:
        street = g.pick(
            (
                "Jl. Gajah Mada",
                "Jl. Sultan Thaha",
                "Jl. Kapten Pattimura",
                "Jl. Lingkar Selatan",
                "Lorong Masjid",
                "Lorong Kenanga",
                "Jl. Sumantri Brojonegoro",
            )
        )
        return f"{street} RT {g.ri(1, 40):02d}, Kel. {v.name}"
    dusun = g.pick(("I", "II", "III", "IV", "V"))
    return f"RT {g.ri(1, 15):02d} Dusun {dusun}, Desa {v.name}"


def _person(
    g: _Gen,
    v: _Village,
    status: str,
    reg_date: date | None,
    *,
    role: str | None = None,
    funding: str,
    occupation: str,
    gender: str | None = None,
    officer: str,
) -> dict[str, Any]:
    rand = g.rng.random
    gender = gender or (_MALE if rand() < 0.5 else _FEMALE)
    seen_on = reg_date or g.day_between(v.first_contact or g.start, g.end)
    birth = g.birth_date(seen_on)
    nik = None
    if status != _P_PROSPECT or rand() < 0.7:  # prospects often give no NIK yet
        district = v.district if rand() >= 0.1 else g.pick(g.other_districts)
        nik = g.nik(district, birth, gender)
    income = g.income(bonus=3 if role else (2 if occupation == "dagang" else 0))
    jht = rand() < (0.4 if role else 0.25)
    on = reg_date or g.today
    kpj = None
    if status == _P_ACTIVE or status == _P_INACTIVE:
        kpj = g.kpj(on)
    return {
        "id": g.uid(),
        "nik": nik,
        "name": g.person_name(gender),
        "gender": gender,
        "birth_date": birth,
        "phone": g.phone(0.9 if role else 0.8),
        "address": _address(g, v),
        "village_id": v.id,
        "occupation": occupation,
        "official_role": role,
        "monthly_income": income,
        "prog_jkk": True,
        "prog_jkm": True,
        "prog_jht": jht,
        "contribution": g.contribution(income, jht, on, funding, occupation),
        "funding_source": funding,
        "status": status,
        "registration_date": reg_date,
        "kpj_number": kpj,
        "officer": officer,
        "merged_into": None,
        "_seen_on": seen_on,
    }


def _status_table(v: _Village) -> tuple[tuple[str, ...], tuple[float, ...]]:
    mix = (
        _STATUS_MIX_PROSPECT_VILLAGE if v.status == VillageStatus.PROSPECT.value else (_STATUS_MIX)
    )
    return _cumulative(dict(mix))


def _officials(g: _Gen, villages: list[_Village], budget: int) -> list[dict[str, Any]]:
    rng = g.rng
    people: list[dict[str, Any]] = []
    for v in villages:
        assert v.first_contact is not None
        for role in _official_slots(g, v):
            if len(people) >= budget:
                return people
            if v.status == VillageStatus.LAUNCHED.value:
                status = "active" if rng.random() < 0.9 else "registered"
            elif v.status == VillageStatus.SOCIALISED.value:
                status = "active" if rng.random() < 0.6 else "registered"
            else:
                status = "registered" if rng.random() < 0.5 else "prospect"
            reg = None
            if status != "prospect":
                last = (v.launch_date - timedelta(days=1)) if v.launch_date else g.end
                reg = g.day_between(v.first_contact, max(v.first_contact, last))
            male = rng.random() < (
                0.8 if role in ("kepala_desa", "lurah", "kepala_dusun") else 0.65
            )
            occupation = (
                Occupation.DAGANG.value
                if role == OfficialRole.KETUA_PEDAGANG.value
                else Occupation.APARATUR_DESA.value
            )
            person = _person(
                g, v, status, reg, role=role, funding=_official_funding(g, v, role),
                occupation=occupation, gender="L" if male else "P", officer=v.officer,
            )  # fmt: skip
            if role in ("kepala_desa", "lurah", "kepala_pasar") and not v.head_name:
                v.head_name = person["name"]
                v.head_phone = person["phone"] or v.head_phone
            v.members.append(len(people))
            people.append(person)
    return people


def _regulars(
    g: _Gen,
    villages: list[_Village],
    people: list[dict[str, Any]],
    count: int,
    progress: Callable[[int], None],
) -> None:
    rng = g.rng
    rand = rng.random
    weight = {
        VillageStatus.LAUNCHED.value: 3.0,
        VillageStatus.SOCIALISED.value: 1.6,
        VillageStatus.PROSPECT.value: 0.5,
    }
    weights = [weight[v.status] * (v.est**0.5) for v in villages]
    homes = rng.choices(range(len(villages)), weights=weights, k=count)
    registration = (SessionType.PENDAFTARAN.value, SessionType.PELUNCURAN.value)
    reg_sessions = [[s for s in v.sessions if s["type"] in registration] for v in villages]
    occupations = [_occupation_table(v) for v in villages]
    statuses = [_status_table(v) for v in villages]
    for n, home in enumerate(homes):
        v = villages[home]
        first = v.first_contact
        assert first is not None
        status = g.wpick(*statuses[home])
        reg = None
        session = None
        if status != _P_PROSPECT:
            options = reg_sessions[home]
            if options and rand() < 0.35:
                session = g.pick(options)
                if len(session["_registered"]) >= 150:  # a full day: register another day
                    options.remove(session)
                    session = None
                else:
                    reg = session["held_on"]
            if reg is not None:
                pass
            elif status == _P_INACTIVE:
                span = (g.end - first).days
                reg = g.day_between(first, first + timedelta(days=span // 2))
            else:
                reg = g.day_between(first, g.end)
        officer = v.officer if rand() < 0.9 else g.pick(g.officers)
        funding = _regular_funding(g)
        occupation = g.wpick(*occupations[home])
        person = _person(g, v, status, reg, funding=funding, occupation=occupation, officer=officer)
        if session is not None:
            session["_registered"].append(len(people))
        v.members.append(len(people))
        people.append(person)
        if n % 5000 == 4999:
            progress(n + 1)
