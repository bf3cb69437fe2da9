"""The demo's outreach sessions (kind, day, place, note) and who attended them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desasadar_gui.domain.enums import (
    SessionType,
    VillageStatus,
)
from desasadar_gui.services.demo.state import (
    _FEMALE,
    _KELURAHAN,
    _MALE,
    _O_ATTENDED,
    _O_DECLINED,
    _O_INTERESTED,
    _O_REGISTERED,
    _P_PROSPECT,
    _PASAR,
    _Gen,
    _Village,
)


def _plan_sessions(g: _Gen, v: _Village) -> None:
    rng = g.rng
    assert v.first_contact is not None
    plan: list[tuple[str, date]] = []
    if v.status == VillageStatus.PROSPECT.value:
        plan.append((SessionType.DIALOG.value, v.first_contact))
    else:
        plan.append((SessionType.SOSIALISASI.value, v.first_contact))
        stop = v.launch_date or g.end
        extra = [SessionType.EDUKASI.value] * g.ri(1, 2)
        extra += [SessionType.DIALOG.value] * g.ri(0, 1)
        extra += [SessionType.PENDAFTARAN.value] * (
            g.ri(1, 3) if v.status == VillageStatus.LAUNCHED.value else g.ri(0, 1)
        )
        if v.status == VillageStatus.LAUNCHED.value and rng.random() < 0.4:
            extra.append(SessionType.SOSIALISASI.value)
        for kind in extra:
            plan.append((kind, g.day_between(v.first_contact + timedelta(days=1), stop)))
        if v.launch_date is not None:
            plan.append((SessionType.PELUNCURAN.value, v.launch_date))
    plan.sort(key=lambda p: p[1])
    for kind, held_on in plan:
        v.sessions.append(
            {
                "id": g.uid(),
                "village_id": v.id,
                "held_on": held_on,
                "type": kind,
                "place": _session_place(g, v, kind),
                "facilitator": v.officer,
                "notes": _session_note(v, kind),
                "_registered": [],
            }
        )


def _session_place(g: _Gen, v: _Village, kind: str) -> str:
    if v.kind == _PASAR:
        return g.pick((f"Kantor Pengelola {v.name}", f"Los Blok A {v.name}", f"Musala {v.name}"))
    if v.kind == _KELURAHAN:
        return g.pick(
            (
                f"Kantor Lurah {v.name}",
                f"Aula Kecamatan {v.kecamatan}",
                f"Posyandu RT {g.ri(1, 30):02d} {v.name}",
            )
        )
    if kind == SessionType.PELUNCURAN.value:
        return f"Balai Desa {v.name}"
    return g.pick(
        (
            f"Balai Desa {v.name}",
            f"Kantor Desa {v.name}",
            f"Masjid Al-Ikhlas {v.name}",
            f"Rumah Kepala Dusun {v.name}",
            f"Balai Kelompok Tani {v.name}",
        )
    )


def _session_note(v: _Village, kind: str) -> str:
    programme = (
        "Pasar Sadar Jaminan Sosial Ketenagakerjaan"
        if v.kind == _PASAR
        else "Desa Sadar Jaminan Sosial Ketenagakerjaan"
    )
    return {
        SessionType.SOSIALISASI.value: "Sosialisasi program BPU (JKK, JKM, JHT) bersama "
        "perangkat dan warga.",
        SessionType.EDUKASI.value: "Edukasi manfaat perlindungan kecelakaan kerja dan "
        "kematian bagi pekerja informal.",
        SessionType.DIALOG.value: "Dialog dengan kepala desa dan BPD tentang iuran perangkat "
        "dari APBDes.",
        SessionType.PENDAFTARAN.value: "Pendaftaran peserta BPU (jemput bola).",
        SessionType.PELUNCURAN.value: f"Peluncuran {programme}.",
    }[kind]


def _outcome(g: _Gen, person: dict[str, Any], held_on: date) -> str:
    r = g.rng.random()
    reg: date | None = person["registration_date"]
    if person["status"] == _P_PROSPECT:
        if r < 0.5:
            return _O_INTERESTED
        return _O_ATTENDED if r < 0.8 else _O_DECLINED
    if reg is not None and reg == held_on:
        return _O_REGISTERED
    if reg is not None and reg < held_on:
        return _O_ATTENDED
    return _O_INTERESTED if r < 0.6 else _O_ATTENDED


def _attendance(
    g: _Gen, villages: list[_Village], people: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    rng = g.rng
    rows: list[dict[str, Any]] = []
    walkins = 0
    for v in villages:
        for s in v.sessions:
            registered = s.pop("_registered")
            chosen = set(registered)
            attendees = list(registered)
            others = [i for i in v.members if i not in chosen]
            k = min(len(others), g.ri(8, 40))
            attendees += rng.sample(others, k)
            for i in attendees:
                rows.append(
                    {
                        "id": g.uid(),
                        "session_id": s["id"],
                        "participant_id": people[i]["id"],
                        "walkin_name": "",
                        "walkin_phone": None,
                        "outcome": _outcome(g, people[i], s["held_on"]),
                        "_session": s,
                    }
                )
            for _ in range(g.ri(0, 4)):
                gender = _MALE if rng.random() < 0.5 else _FEMALE
                r = rng.random()
                outcome = _O_INTERESTED if r < 0.5 else _O_ATTENDED if r < 0.85 else _O_DECLINED
                rows.append(
                    {
                        "id": g.uid(),
                        "session_id": s["id"],
                        "participant_id": None,
                        "walkin_name": g.person_name(gender),
                        "walkin_phone": g.phone(0.7),
                        "outcome": outcome,
                        "_session": s,
                    }
                )
                walkins += 1
    return rows, walkins
