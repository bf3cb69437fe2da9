"""The fields of each record kind: their kinds, labels, limits and defaults.

The record rules (``rules.py``) check values against these declarations; the forms
and the sync workbook take their labels and limits from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

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

# -- limits -------------------------------------------------------------------------------

MAX_NAME = 200  # names, places, kecamatan, kabupaten (the database's VARCHAR(200))
MAX_SHORT = 120  # officer names, device ids
MAX_ADDRESS = 1_000
MAX_NOTES = 5_000
MAX_CODE = 20  # KPJ number
MAX_VERSION = 60  # region dataset version
MAX_ID = 36  # a record id (a UUID's text), in references
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
        _f("village_id", REF, "Desa", "Village", max_len=MAX_ID),
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
        _f("merged_into", REF, "Digabung ke", "Merged into", max_len=MAX_ID),
    ),
    "sessions": (
        _f("village_id", REF, "Desa", "Village", max_len=MAX_ID),
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
        _f("session_id", REF, "Sesi", "Session", required=True, max_len=MAX_ID),
        _f("participant_id", REF, "Peserta", "Participant", max_len=MAX_ID),
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


FIELDS_BY_NAME_ALL: dict[str, Field] = {}
for _fields in FIELDS.values():
    for _field in _fields:
        FIELDS_BY_NAME_ALL.setdefault(_field.name, _field)


YEARS = (date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))
