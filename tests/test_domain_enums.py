"""Enumerations: stable stored codes, bilingual labels, lenient spreadsheet reading."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from desasadar_gui.domain import enums
from desasadar_gui.domain.enums import (
    REQUIRED_OFFICIAL_ROLES,
    AttendanceOutcome,
    FundingSource,
    Gender,
    LabelledEnum,
    Occupation,
    OfficialRole,
    ParticipantStatus,
    Programme,
    SessionType,
    TargetScope,
    VillageKind,
    VillageStatus,
    missing_roles,
    parse_programmes,
    required_roles,
)
from desasadar_gui.domain.problems import ProblemError

ALL = [
    Gender, ParticipantStatus, FundingSource, Programme, Occupation, OfficialRole,
    VillageKind, VillageStatus, SessionType, AttendanceOutcome, TargetScope,
]  # fmt: skip

# Reference data is provided, not committed; the check is skipped where it is absent.
REFERENCE = (
    Path(os.environ.get("DESASADAR_REFERENCE_DIR", "/work/shared/data/reference"))
    / "bpu_occupation_categories.csv"
)


def test_codes_are_what_the_database_stores():
    assert [g.value for g in Gender] == ["L", "P"]
    assert [s.value for s in ParticipantStatus] == ["prospect", "registered", "active", "inactive"]
    assert [f.value for f in FundingSource] == [
        "mandiri",
        "apbdes",
        "apbd",
        "apbn",
        "csr",
        "lainnya",
    ]
    assert [p.value for p in Programme] == ["jkk", "jkm", "jht"]
    assert [k.value for k in VillageKind] == ["desa", "kelurahan", "pasar"]
    assert [s.value for s in VillageStatus] == ["prospect", "socialised", "launched"]
    assert [s.value for s in SessionType] == [
        "sosialisasi", "edukasi", "dialog", "peluncuran", "pendaftaran"
    ]  # fmt: skip
    assert [o.value for o in AttendanceOutcome] == [
        "attended",
        "interested",
        "registered",
        "declined",
    ]
    assert [s.value for s in TargetScope] == ["branch", "kabupaten", "village", "officer"]


@pytest.mark.parametrize("enum", ALL)
def test_codes_fit_the_columns_and_every_member_has_two_labels(enum):
    limit = 32 if enum in (Occupation, OfficialRole) else 16
    for member in enum:
        assert 0 < len(member.value) <= limit
        assert member.label_id and member.label_en
        assert member.label() == member.label_id and member.label("en") == member.label_en
        assert str(member) == member.value == f"{member}"


@pytest.mark.parametrize("enum", ALL)
def test_from_text_reads_code_and_both_labels_in_any_case(enum):
    for member in enum:
        for text in (member.value, member.label_id, member.label_en):
            assert enum.from_text(text) is member
            assert enum.from_text(f"  {text.upper()} ") is member
        assert enum.from_text(member) is member


@pytest.mark.parametrize("enum", ALL)
def test_no_two_members_share_a_spelling(enum):
    seen: dict[str, LabelledEnum] = {}
    for member in enum:
        for text in {member.value, member.name, member.label_id, member.label_en}:
            assert seen.setdefault(enums._key(text), member) is member, text
    for alias, code in enums._ALIASES.get(enum, {}).items():
        assert seen.setdefault(alias, enum(code)) is enum(code), alias


def test_unknown_text_is_a_value_error_listing_the_choices():
    with pytest.raises(ValueError) as info:
        Gender.from_text("x")
    assert isinstance(info.value, ProblemError)
    assert "Laki-laki, Perempuan" in str(info.value)
    assert "Male, Female" in info.value.message("en")
    with pytest.raises(ValueError):
        Gender.from_text("")
    with pytest.raises(ValueError):
        Gender.from_text(None)


@pytest.mark.parametrize("text,member", [
    ("Perempuan", Gender.FEMALE), ("wanita", Gender.FEMALE), ("LK", Gender.MALE),
    ("dana desa", FundingSource.APBDES), ("Kades", OfficialRole.KEPALA_DESA),
    ("JKK", Programme.JKK), ("aktif (membayar)", ParticipantStatus.ACTIVE),
])  # fmt: skip
def test_common_spreadsheet_spellings(text, member):
    assert type(member).from_text(text) is member


def test_programmes_from_one_cell():
    assert parse_programmes("JKK, JKM + jht") == (Programme.JKK, Programme.JKM, Programme.JHT)
    assert parse_programmes("jkm dan jkk") == (Programme.JKK, Programme.JKM)
    assert parse_programmes("") == ()
    with pytest.raises(ValueError):
        parse_programmes("JKK, JKN")


def test_occupations_match_the_reference_categories():
    if not REFERENCE.exists():
        pytest.skip(f"reference file not provided: {REFERENCE}")
    with REFERENCE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [o.value for o in Occupation] == [r["category_id"] for r in rows]
    for member, row in zip(Occupation, rows, strict=True):
        assert member.label_id == row["category_label_id"]
        assert member.label_en == row["category_label_en"]
        assert member.is_transport == (row["pp50_2025_sector"] == "transport")


def test_only_transport_is_transport():
    assert [o for o in Occupation if o.is_transport] == [Occupation.TRANSPORT]


def test_required_roles_for_a_desa():
    assert required_roles("desa") == REQUIRED_OFFICIAL_ROLES
    assert required_roles(VillageKind.DESA) == REQUIRED_OFFICIAL_ROLES
    assert OfficialRole.KEPALA_DESA in REQUIRED_OFFICIAL_ROLES
    assert OfficialRole.KEPALA_DUSUN in REQUIRED_OFFICIAL_ROLES
    assert OfficialRole.ANGGOTA_BPD not in REQUIRED_OFFICIAL_ROLES
    assert sum(r.value.startswith("kasi_") for r in REQUIRED_OFFICIAL_ROLES) == 3


def test_required_roles_for_kelurahan_and_pasar():
    assert OfficialRole.LURAH in required_roles("kelurahan")
    assert OfficialRole.KEPALA_DESA not in required_roles("kelurahan")
    assert required_roles("Pasar") == (OfficialRole.KEPALA_PASAR,)


def test_missing_roles_lists_what_is_still_to_register():
    registered = ["kepala_desa", OfficialRole.SEKRETARIS_DESA, None, "kepala_dusun", "kepala_dusun"]
    missing = missing_roles("desa", registered)
    assert OfficialRole.KEPALA_DESA not in missing
    assert OfficialRole.KAUR_KEUANGAN in missing
    assert missing_roles("desa", REQUIRED_OFFICIAL_ROLES) == ()
