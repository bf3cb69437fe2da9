"""Validation of rows a supervisor edited or added in the spreadsheet.

A row that comes back exactly as exported (its row hash matches) was accepted by the
laptop that made it and is taken as it is. A changed or new row is checked like the
app's forms check input, with the same domain rules (NIK, phone, enumerations, money),
and lightly normalised (surrounding spaces). "Today" is the export date, so every
laptop that imports the same file decides the same way on any day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desasadar_gui.domain.enums import (
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
from desasadar_gui.domain.nik import parse_nik
from desasadar_gui.domain.phone import normalise_phone
from desasadar_gui.domain.problems import describe


class RowRejected(ValueError):
    def __init__(self, text_id: str, text_en: str) -> None:
        super().__init__(text_en)
        self.text_id = text_id
        self.text_en = text_en


def _need(cond: bool, text_id: str, text_en: str) -> None:
    if not cond:
        raise RowRejected(text_id, text_en)


def _enum(
    values: dict[str, Any], key: str, enum: type[LabelledEnum], header: str, required: bool = True
) -> None:
    value = values.get(key)
    if value is None and not required:
        return
    if value not in {m.value for m in enum}:
        choices = ", ".join(m.label_id for m in enum)
        raise RowRejected(
            f"Kolom '{header}': '{value or ''}' tidak dikenal. Pilihan: {choices}.",
            f"Column '{header}': '{value or ''}' is not known. Choices: "
            f"{', '.join(m.label_en for m in enum)}.",
        )


def _strip(values: dict[str, Any], *keys: str) -> None:
    for key in keys:
        value = values.get(key)
        if isinstance(value, str):
            values[key] = value.strip()


def _phone(values: dict[str, Any], key: str, header: str) -> None:
    value = values.get(key)
    if value is None:
        return
    check = normalise_phone(value)
    if not check.ok:
        problem = check.errors[0]
        raise RowRejected(
            f"Kolom '{header}': {describe(problem, 'id')}",
            f"Column '{header}': {describe(problem, 'en')}",
        )
    values[key] = check.e164


def _villages(v: dict[str, Any], today: date) -> None:
    _strip(v, "kecamatan", "kabupaten", "head_name", "notes", "region_code")
    v["name"] = " ".join((v.get("name") or "").split())
    _need(bool(v["name"]), "Nama desa wajib diisi.", "The village name is required.")
    _enum(v, "kind", VillageKind, "Jenis")
    _enum(v, "status", VillageStatus, "Status")
    code = v.get("region_code") or None
    v["region_code"] = code
    _need(
        code is None or (code.isdigit() and len(code) == 10),
        "Kode wilayah desa harus 10 digit angka.",
        "A village region code must be 10 digits.",
    )
    _phone(v, "contact_phone", "Telepon kontak")
    _need(
        (v.get("est_informal_workers") or 0) >= 0,
        "Perkiraan pekerja informal tidak boleh negatif.",
        "The estimate of informal workers cannot be negative.",
    )
    _need(
        v.get("status") != VillageStatus.LAUNCHED.value or v.get("launch_date") is not None,
        "Isi tanggal peluncuran untuk desa yang sudah diluncurkan.",
        "Enter the launch date for a launched village.",
    )


def _participants(v: dict[str, Any], today: date) -> None:
    _strip(v, "address", "officer", "kpj_number")
    v["name"] = " ".join((v.get("name") or "").split())
    _need(bool(v["name"]), "Nama wajib diisi.", "The name is required.")
    for key, enum, header in (
        ("gender", Gender, "Jenis kelamin"),
        ("occupation", Occupation, "Pekerjaan"),
        ("official_role", OfficialRole, "Jabatan di desa"),
    ):
        _enum(v, key, enum, header, required=False)
    _enum(v, "funding_source", FundingSource, "Sumber dana")
    _enum(v, "status", ParticipantStatus, "Status")
    nik = (v.get("nik") or "").strip() or None
    v["nik"] = nik
    if nik is not None:
        birth = date.fromisoformat(v["birth_date"]) if v.get("birth_date") else None
        check = parse_nik(nik, gender=v.get("gender"), birth_date=birth, today=today)
        if check.errors:
            problem = check.errors[0]
            raise RowRejected(
                f"Kolom 'NIK': {describe(problem, 'id')}",
                f"Column 'NIK': {describe(problem, 'en')}",
            )
        v["nik"] = check.nik
    else:
        _need(
            v.get("status") == ParticipantStatus.PROSPECT.value,
            "NIK wajib diisi untuk peserta yang sudah mendaftar.",
            "A NIK is required once a person registers.",
        )
    _phone(v, "phone", "Telepon")
    _need(
        v.get("monthly_income", 0) >= 0 and v.get("contribution", 0) >= 0,
        "Penghasilan dan iuran tidak boleh negatif.",
        "Income and contribution cannot be negative.",
    )
    _need(
        not v.get("birth_date") or v["birth_date"] <= today.isoformat(),
        "Tanggal lahir ada di masa depan.",
        "The birth date is in the future.",
    )
    v["kpj_number"] = v.get("kpj_number") or None


def _sessions(v: dict[str, Any], today: date) -> None:
    _strip(v, "place", "facilitator", "notes")
    _enum(v, "type", SessionType, "Jenis kegiatan")


def _attendance(v: dict[str, Any], today: date) -> None:
    _strip(v, "walkin_name")
    _enum(v, "outcome", AttendanceOutcome, "Hasil")
    _need(
        bool(v.get("session_id")),
        "Baris kehadiran tanpa sesi (session_id kosong).",
        "An attendance row without a session (session_id is empty).",
    )
    _need(
        bool(v.get("participant_id")) or bool(v.get("walkin_name")),
        "Isi peserta atau nama tamu.",
        "Give a participant or a walk-in name.",
    )
    _phone(v, "walkin_phone", "Telepon tamu")


def _targets(v: dict[str, Any], today: date) -> None:
    _strip(v, "scope_key")
    _enum(v, "scope", TargetScope, "Cakupan")
    _need(
        2000 <= (v.get("year") or 0) <= 2100,
        "Tahun target tidak masuk akal.",
        "The target year is not plausible.",
    )
    _need((v.get("value") or 0) >= 0, "Target tidak boleh negatif.", "A target cannot be negative.")
    if v.get("scope") == TargetScope.BRANCH.value:
        v["scope_key"] = ""
    _need(
        v.get("scope") == TargetScope.BRANCH.value or bool(v.get("scope_key")),
        "Isi kunci cakupan (kabupaten, id desa atau nama petugas).",
        "Fill in the scope key (regency, village id or officer name).",
    )


RULES = {
    "villages": _villages,
    "participants": _participants,
    "sessions": _sessions,
    "attendance": _attendance,
    "targets": _targets,
}


def validate_edited(entity: str, values: dict[str, Any], today: date) -> None:
    """Check and normalise an edited row in place; raises RowRejected."""
    RULES[entity](values, today)
