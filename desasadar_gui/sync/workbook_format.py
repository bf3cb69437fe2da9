"""The sync workbook's layout, shared by export and import.

One :class:`SheetSpec` per synchronised entity lists its columns in sheet order:
people's columns first (Indonesian headers), then the machine columns (references,
id, revision, timestamps, base revision, row hash) grouped and collapsed at the right.

Column kinds say how a value is written and read back:

``text``      free text, always a string cell (never a formula)
``code``      digits that must stay text (region code, KPJ number)
``nik``       the 16-digit NIK, text
``phone``     stored E.164, shown 08xx-xxxx-xxxx
``date``      a real date cell shown dd/mm/yyyy
``int``       a whole number
``rupiah``    whole Rupiah, shown Rp1.234.567
``enum``      the Indonesian label of a ``LabelledEnum`` code, with a dropdown
``bool``      Ya / Tidak, with a dropdown
``deleted``   "Ya" on tombstones (typing it deletes, clearing it restores)
``display``   read-only context from other tables (village name, ...); ignored on import
              (``display_date`` and ``display_enum`` are the same, shown as a date / label)
``ref``       another record's id (machine)
``datetime``  ISO text with microseconds (machine), exactly reproducible
``rev``       a revision stamp (machine)
``id`` / ``hash`` / ``device``  machine text
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desasadar_gui.db.models import (
    Attendance,
    OutreachSession,
    Participant,
    SyncedMixin,
    Target,
    Village,
)
from desasadar_gui.domain import enums

FORMAT_NAME = "desasadar-sync"
# 2: a "fingerprint" machine column (a short hash of each visible cell as exported),
#    the Kecamatan display column in Peserta and Sosialisasi, the rate table in Metadata.
FORMAT_VERSION = 2
OLDEST_FORMAT = 1

SUMMARY_SHEET = "Ringkasan"
METADATA_SHEET = "Metadata"
LISTS_SHEET = "Pilihan"

# Kinds whose cells are written as text even when they look like numbers.
MACHINE_KINDS = frozenset({"id", "ref", "rev", "datetime", "hash", "device"})


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # db column, or a key for display / pseudo columns
    kind: str
    width: float = 14
    enum: type[enums.LabelledEnum] | None = None
    nullable: bool = True

    @property
    def machine(self) -> bool:
        return self.kind in MACHINE_KINDS

    @property
    def stored(self) -> bool:
        """Backed by a column of the entity's table (and so read on import)."""
        return not self.kind.startswith("display") and self.kind not in {"deleted", "hash"}


@dataclass(frozen=True)
class SheetSpec:
    name: str
    model: type[SyncedMixin]
    columns: tuple[Column, ...]
    # SQL pieces for the export query: joins for display columns and the row order.
    joins: str = ""
    display_sql: dict[str, str] = field(default_factory=dict)
    order_by: str = "t.id"

    @property
    def entity(self) -> str:
        return self.model.__tablename__

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.field == key:
                return c
        raise KeyError(key)

    @property
    def data_fields(self) -> tuple[str, ...]:
        """Stored non-system fields, in sheet order (the row hash covers them)."""
        return tuple(c.field for c in self.columns if c.stored and c.field not in SYSTEM_FIELDS)

    @property
    def stored_fields(self) -> tuple[str, ...]:
        """Every table column the sheet carries: system fields first, then data."""
        return SYSTEM_FIELDS + self.data_fields

    @property
    def first_machine_index(self) -> int:
        return next(i for i, c in enumerate(self.columns) if c.machine)

    @property
    def checked_columns(self) -> tuple[Column, ...]:
        """The columns people see and may type into (data and display, not *Dihapus*):
        the fingerprint holds one short hash of each, in this order."""
        return tuple(c for c in self.columns if not c.machine and c.kind not in ("deleted", "hash"))


SYSTEM_FIELDS = ("id", "rev", "created_at", "updated_at", "updated_by", "deleted_at")

DELETED = Column("Dihapus", "_deleted", "deleted", 9)


def _machine(*refs: Column) -> tuple[Column, ...]:
    return (
        *refs,
        Column("id", "id", "id", 38, nullable=False),
        Column("rev", "rev", "rev", 34, nullable=False),
        Column("created_at", "created_at", "datetime", 26, nullable=False),
        Column("updated_at", "updated_at", "datetime", 26, nullable=False),
        Column("updated_by", "updated_by", "device", 34, nullable=False),
        Column("deleted_at", "deleted_at", "datetime", 26),
        Column("base_rev", "_base_rev", "hash", 34),
        Column("row_hash", "_row_hash", "hash", 22),
        Column("fingerprint", "_fingerprint", "hash", 30),
    )


VILLAGES = SheetSpec(
    "Desa",
    Village,
    (
        Column("Nama desa/pasar", "name", "text", 28, nullable=False),
        Column("Jenis", "kind", "enum", 12, enums.VillageKind, nullable=False),
        Column("Kecamatan", "kecamatan", "text", 20, nullable=False),
        Column("Kabupaten/Kota", "kabupaten", "text", 20, nullable=False),
        Column("Kode wilayah", "region_code", "code", 14),
        Column("Versi data wilayah", "region_version", "text", 16),
        Column("Kepala desa", "head_name", "text", 24, nullable=False),
        Column("Telepon kontak", "contact_phone", "phone", 16),
        Column("Perkiraan pekerja informal", "est_informal_workers", "int", 14),
        Column("Status", "status", "enum", 24, enums.VillageStatus, nullable=False),
        Column("Tanggal peluncuran", "launch_date", "date", 13),
        Column("Catatan", "notes", "text", 30, nullable=False),
        DELETED,
        *_machine(),
    ),
    order_by="t.deleted_at IS NOT NULL, t.kabupaten, t.kecamatan, t.name, t.id",
)

PARTICIPANTS = SheetSpec(
    "Peserta",
    Participant,
    (
        Column("Nama", "name", "text", 26, nullable=False),
        Column("NIK", "nik", "nik", 19),
        Column("Jenis kelamin", "gender", "enum", 12, enums.Gender),
        Column("Tanggal lahir", "birth_date", "date", 12),
        Column("Telepon", "phone", "phone", 16),
        Column("Alamat", "address", "text", 30, nullable=False),
        Column("Desa", "_village", "display", 22),
        Column("Kecamatan", "_kecamatan", "display", 18),
        Column("Kabupaten/Kota", "_kabupaten", "display", 18),
        Column("Pekerjaan", "occupation", "enum", 26, enums.Occupation),
        Column("Jabatan di desa", "official_role", "enum", 20, enums.OfficialRole),
        Column("Penghasilan per bulan", "monthly_income", "rupiah", 16, nullable=False),
        Column("JKK", "prog_jkk", "bool", 7, nullable=False),
        Column("JKM", "prog_jkm", "bool", 7, nullable=False),
        Column("JHT", "prog_jht", "bool", 7, nullable=False),
        Column("Iuran per bulan", "contribution", "rupiah", 14, nullable=False),
        Column("Sumber dana", "funding_source", "enum", 22, enums.FundingSource, nullable=False),
        Column("Status", "status", "enum", 16, enums.ParticipantStatus, nullable=False),
        Column("Tanggal daftar", "registration_date", "date", 12),
        Column("No. KPJ", "kpj_number", "code", 14),
        Column("Petugas", "officer", "text", 18, nullable=False),
        DELETED,
        *_machine(
            Column("village_id", "village_id", "ref", 38),
            Column("merged_into", "merged_into", "ref", 38),
        ),
    ),
    joins="LEFT JOIN villages v ON v.id = t.village_id",
    display_sql={"_village": "v.name", "_kecamatan": "v.kecamatan", "_kabupaten": "v.kabupaten"},
    order_by="t.deleted_at IS NOT NULL, v.kabupaten, v.name, t.name, t.id",
)

SESSIONS = SheetSpec(
    "Sosialisasi",
    OutreachSession,
    (
        Column("Tanggal", "held_on", "date", 12, nullable=False),
        Column("Jenis kegiatan", "type", "enum", 20, enums.SessionType, nullable=False),
        Column("Desa", "_village", "display", 22),
        Column("Kecamatan", "_kecamatan", "display", 18),
        Column("Kabupaten/Kota", "_kabupaten", "display", 18),
        Column("Tempat", "place", "text", 24, nullable=False),
        Column("Fasilitator", "facilitator", "text", 20, nullable=False),
        Column("Catatan", "notes", "text", 30, nullable=False),
        DELETED,
        *_machine(Column("village_id", "village_id", "ref", 38)),
    ),
    joins="LEFT JOIN villages v ON v.id = t.village_id",
    display_sql={"_village": "v.name", "_kecamatan": "v.kecamatan", "_kabupaten": "v.kabupaten"},
    order_by="t.deleted_at IS NOT NULL, t.held_on, v.name, t.id",
)

ATTENDANCE = SheetSpec(
    "Kehadiran",
    Attendance,
    (
        Column("Tanggal sesi", "_held_on", "display_date", 12),
        Column("Jenis kegiatan", "_type", "display_enum", 16, enums.SessionType),
        Column("Desa", "_village", "display", 22),
        Column("Nama peserta", "_person", "display", 26),
        Column("Nama tamu", "walkin_name", "text", 22, nullable=False),
        Column("Telepon tamu", "walkin_phone", "phone", 16),
        Column("Hasil", "outcome", "enum", 18, enums.AttendanceOutcome, nullable=False),
        DELETED,
        *_machine(
            Column("session_id", "session_id", "ref", 38, nullable=False),
            Column("participant_id", "participant_id", "ref", 38),
        ),
    ),
    joins=(
        "LEFT JOIN sessions s ON s.id = t.session_id "
        "LEFT JOIN villages v ON v.id = s.village_id "
        "LEFT JOIN participants p ON p.id = t.participant_id"
    ),
    display_sql={
        "_held_on": "s.held_on",
        "_type": "s.type",
        "_village": "v.name",
        "_person": "p.name",
    },
    order_by="t.deleted_at IS NOT NULL, s.held_on, t.session_id, p.name, t.id",
)

TARGETS = SheetSpec(
    "Target",
    Target,
    (
        Column("Tahun", "year", "int", 8, nullable=False),
        Column("Cakupan", "scope", "enum", 16, enums.TargetScope, nullable=False),
        Column("Kunci cakupan", "scope_key", "text", 24, nullable=False),
        Column("Nama cakupan", "_scope_name", "display", 24),
        Column("Target peserta", "value", "int", 14, nullable=False),
        DELETED,
        *_machine(),
    ),
    joins="LEFT JOIN villages v ON t.scope = 'village' AND v.id = t.scope_key",
    display_sql={"_scope_name": "COALESCE(v.name, t.scope_key)"},
    order_by="t.deleted_at IS NOT NULL, t.year, t.scope, t.scope_key, t.id",
)

# Referential order: a sheet only refers to sheets before it.
SHEETS: tuple[SheetSpec, ...] = (VILLAGES, PARTICIPANTS, SESSIONS, ATTENDANCE, TARGETS)
SHEETS_BY_ENTITY = {s.entity: s for s in SHEETS}

BOOL_TRUE = "Ya"
BOOL_FALSE = "Tidak"


def header_key(text: object) -> str:
    """How headers are matched on import: case-, space- and punctuation-insensitive."""
    return re.sub(r"[\s_.:/\-()]+", " ", str(text or "")).strip().casefold()


def schema_version() -> str:
    from desasadar_gui.db.migrate import head_revision

    return head_revision()
