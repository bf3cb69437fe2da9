"""The columns of the participants table, and what each shows for a row."""

from __future__ import annotations

from desasadar_gui.domain import display
from desasadar_gui.domain.enums import Gender, Occupation, OfficialRole, ParticipantStatus
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.services.participant_queries import SORT_COLUMNS, ParticipantListRow
from desasadar_gui.ui.kit.i18n import enum_label

COL_NAME = 0
COL_NIK = 1
COL_GENDER = 2
COL_PHONE = 3
COL_VILLAGE = 4
COL_KABUPATEN = 5
COL_OCCUPATION = 6
COL_STATUS = 7
COL_REGISTERED = 8
COL_CONTRIBUTION = 9
COL_ROLE = 10
COLUMN_COUNT = 11

assert len(SORT_COLUMNS) == COLUMN_COUNT  # one SQL sort key per column, in column order


def short_regency(name: str) -> str:
    """'Kabupaten Muaro Jambi' -> 'Kab. Muaro Jambi', as written on Indonesian forms."""
    return "Kab. " + name[len("Kabupaten ") :] if name.startswith("Kabupaten ") else name


def display_texts(row: ParticipantListRow, lang: str) -> tuple[str, ...]:
    """What each column shows for ``row``, in ``lang``."""
    gender = enum_label(Gender, row.gender, lang)
    return (
        row.name,
        row.nik or "",
        gender[:1],  # L/P (M/F): the header and tooltip say what it is
        display_phone(row.phone),
        row.village_name,
        short_regency(row.kabupaten),
        enum_label(Occupation, row.occupation, lang),
        enum_label(ParticipantStatus, row.status, lang),
        display.short_date(row.registration_date),
        format_rupiah(row.contribution),
        enum_label(OfficialRole, row.official_role, lang),
    )
