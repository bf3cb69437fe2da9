"""SQLAlchemy models: the synchronised records and the local-only tables.

Synchronised records (villages, participants, sessions, attendance, targets) carry
a device-made UUID ``id``, a hybrid-logical-clock ``rev`` (see ``clock.py``), who and
when, and a ``deleted_at`` tombstone: nothing is ever removed from the file, a
deletion is an edit that syncs like any other.

Local-only tables (device, audit log, sync log, region reference, settings) describe
this installation and are not part of the content digest.

Codes of enumerations (status, occupation, ...) are stored as their stable text codes
from ``domain.enums``; money is whole Rupiah in integers; NIK and region codes are text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Integers beyond 32 bits (epoch milliseconds, Rupiah): BIGINT on PostgreSQL; on SQLite
# INTEGER, which already holds 64 bits (migration 0009).
WideInteger = BigInteger().with_variant(Integer(), "sqlite")

# Stable constraint names so Alembic batch migrations on SQLite can find them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)
REV = String(64)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncedMixin:
    """Columns every synchronised record carries."""

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    rev: Mapped[str] = mapped_column(REV, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(120), nullable=False)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    if TYPE_CHECKING:
        # What every synchronised model gets from ``Base`` (the mixin is not mapped on
        # its own): code generic over the models relies on these.
        __tablename__: Any

        def __init__(self, **kw: Any) -> None: ...


class Village(SyncedMixin, Base):
    __tablename__ = "villages"

    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="desa")
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kecamatan: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    kabupaten: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    region_code: Mapped[str | None] = mapped_column(String(13), nullable=True)
    region_version: Mapped[str | None] = mapped_column(String(60), nullable=True)
    head_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    contact_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    est_informal_workers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="prospect")
    launch_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        Index("ix_villages_name", "name"),
        Index("ix_villages_kabupaten", "kabupaten"),
        Index("ix_villages_region_code", "region_code"),
    )


class Participant(SyncedMixin, Base):
    __tablename__ = "participants"

    nik: Mapped[str | None] = mapped_column(String(16), nullable=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    gender: Mapped[str | None] = mapped_column(String(1), nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    address: Mapped[str] = mapped_column(Text, nullable=False, default="")
    village_id: Mapped[str | None] = mapped_column(ID, ForeignKey("villages.id"), nullable=True)
    occupation: Mapped[str | None] = mapped_column(String(32), nullable=True)
    official_role: Mapped[str | None] = mapped_column(String(32), nullable=True)
    monthly_income: Mapped[int] = mapped_column(WideInteger, nullable=False, default=0)
    prog_jkk: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    prog_jkm: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    prog_jht: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    contribution: Mapped[int] = mapped_column(WideInteger, nullable=False, default=0)
    funding_source: Mapped[str] = mapped_column(String(16), nullable=False, default="mandiri")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="prospect")
    registration_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    kpj_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    officer: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    # A duplicate resolved by a supervisor: the tombstoned record points to the survivor.
    merged_into: Mapped[str | None] = mapped_column(ID, nullable=True)

    # The participants list counts and pages live rows sorted by name then id
    # (services/participant_queries.py): the trailing columns let those queries run
    # from the index alone, without reading the wide rows (migration 0003). Names
    # also have a trigram FTS5 index outside this metadata (db/search.py).
    __table_args__ = (
        Index("ix_participants_nik", "nik", "deleted_at", "name", "id"),
        Index("ix_participants_name", "name", "id", "deleted_at"),
        Index("ix_participants_phone", "phone", "deleted_at", "name", "id"),
        Index("ix_participants_village_id", "village_id", "name", "id", "deleted_at"),
        Index("ix_participants_status", "status", "name", "id", "deleted_at"),
        Index("ix_participants_registration_date", "registration_date"),
        # Progress against targets (services/dashboard.py, migration 0005): each
        # dashboard figure is answered from one of these without reading the rows or
        # sorting the year's registrations: per day (with programmes and
        # contributions), and per village, officer and occupation.
        Index(
            "ix_participants_progress",
            "status", "registration_date", "deleted_at",
            "prog_jkk", "prog_jkm", "prog_jht", "contribution",
        ),
        Index(
            "ix_participants_village_progress",
            "village_id", "status", "registration_date", "deleted_at",
        ),
        Index(
            "ix_participants_officer_progress",
            "officer", "status", "registration_date", "deleted_at",
        ),
        Index(
            "ix_participants_occupation_progress",
            "occupation", "status", "registration_date", "deleted_at",
        ),
        # Village officials are a few per village among many people: a partial index.
        Index(
            "ix_participants_officials",
            "village_id", "official_role", "deleted_at",
            sqlite_where=text("official_role IS NOT NULL"),
            postgresql_where=text("official_role IS NOT NULL"),
        ),
    )  # fmt: skip


class OutreachSession(SyncedMixin, Base):
    """A socialisation / education / dialogue / launch / registration session."""

    __tablename__ = "sessions"

    village_id: Mapped[str | None] = mapped_column(ID, ForeignKey("villages.id"), nullable=True)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    type: Mapped[str] = mapped_column(String(16), nullable=False, default="sosialisasi")
    place: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    facilitator: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        Index("ix_sessions_village_id", "village_id"),
        Index("ix_sessions_held_on", "held_on"),
    )


class Attendance(SyncedMixin, Base):
    """One person at one session: a known participant, or a walk-in name and phone."""

    __tablename__ = "attendance"

    session_id: Mapped[str] = mapped_column(ID, ForeignKey("sessions.id"), nullable=False)
    participant_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("participants.id"), nullable=True
    )
    walkin_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    walkin_phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    outcome: Mapped[str] = mapped_column(String(16), nullable=False, default="attended")

    __table_args__ = (
        # Covering (migration 0005): a session's counts and "attended an earlier
        # session?" read only these indexes.
        Index("ix_attendance_session_id", "session_id", "deleted_at", "participant_id", "outcome"),
        Index("ix_attendance_participant_id", "participant_id", "deleted_at", "session_id"),
    )


class Target(SyncedMixin, Base):
    """A yearly target: scope ``branch`` (key ''), ``kabupaten`` (name), ``village``
    (village id) or ``officer`` (officer name)."""

    __tablename__ = "targets"

    year: Mapped[int] = mapped_column(Integer, nullable=False)
    scope: Mapped[str] = mapped_column(String(16), nullable=False, default="branch")
    scope_key: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    value: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (Index("ix_targets_year", "year"),)


SYNCED_MODELS: tuple[type[SyncedMixin], ...] = (
    Village,
    Participant,
    OutreachSession,
    Attendance,
    Target,
)


# --- local-only tables ---------------------------------------------------------


class Device(Base):
    """This installation: one row. Holds the clock state so revisions survive restarts."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    officer_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    branch: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    clock_millis: Mapped[int] = mapped_column(WideInteger, nullable=False, default=0)
    clock_counter: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class AuditEntry(Base):
    """Who changed what, when: one row per create / update / delete / import."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    record_id: Mapped[str] = mapped_column(ID, nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    rev: Mapped[str] = mapped_column(REV, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    device: Mapped[str] = mapped_column(String(120), nullable=False)
    officer: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    # JSON object {field: [old, new]}.
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")

    __table_args__ = (Index("ix_audit_log_record", "entity", "record_id"),)


class SyncLogEntry(Base):
    """Every export and import: file, hash, counts, time."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    direction: Mapped[str] = mapped_column(String(8), nullable=False)  # export / import
    file_name: Mapped[str] = mapped_column(Text, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    device: Mapped[str] = mapped_column(String(120), nullable=False)
    officer: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    source_device: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    # JSON object of counts (records per sheet, or the import plan's outcome counts).
    counts: Mapped[str] = mapped_column(Text, nullable=False, default="{}")

    __table_args__ = (Index("ix_sync_log_sha256", "sha256"),)


class RegionArea(Base):
    """Kemendagri region reference (regency, district, village), loaded from a file.

    ``level`` is 2 (regency, 4-digit code), 3 (district, 6) or 4 (village, 10);
    ``parent_code`` is the code one level up. Names are not unique; codes are.
    """

    __tablename__ = "region_areas"

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    parent_code: Mapped[str | None] = mapped_column(String(13), nullable=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    dataset_version: Mapped[str] = mapped_column(String(60), nullable=False, default="")

    __table_args__ = (
        Index("ix_region_areas_parent_code", "parent_code"),
        Index("ix_region_areas_name", "name"),
    )


class Setting(Base):
    """Small key/value facts about this database (region dataset loaded, rate table...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


# --- local-only sync state (not in the content digest) ---------------------------


class SyncBase(Base):
    """Per synchronised record: the last version this laptop *received* by import.

    ``rev`` is that version; ``parent_rev`` is the version the sending laptop had last
    received itself (the base its edits started from), as the workbook said. Exports
    write ``rev`` beside each row so the receiving laptop can tell "edited from what
    I have" (no conflict) from "both sides changed since they last agreed" (conflict).
    """

    __tablename__ = "sync_base"

    record_id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    rev: Mapped[str] = mapped_column(REV, nullable=False)
    parent_rev: Mapped[str | None] = mapped_column(REV, nullable=True)


class SyncConflict(Base):
    """A record both sides changed since they last agreed: the losing version's values,
    kept for a supervisor to review and, if right, restore (a new local edit)."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    record_id: Mapped[str] = mapped_column(ID, nullable=False)
    winner_rev: Mapped[str] = mapped_column(REV, nullable=False)
    loser_rev: Mapped[str] = mapped_column(REV, nullable=False)
    # JSON object {column: value} of the losing version (dates as ISO text).
    loser_values: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    # Where the losing version was: "local" (this laptop's) or "incoming" (the file's).
    loser_side: Mapped[str] = mapped_column(String(8), nullable=False, default="local")
    source_file: Mapped[str] = mapped_column(Text, nullable=False, default="")
    detected_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # "restored" (the loser's values were applied again) or "dismissed".
    resolution: Mapped[str | None] = mapped_column(String(16), nullable=True)

    __table_args__ = (
        Index("ix_conflicts_record", "record_id", "loser_rev"),
        Index("ix_conflicts_resolved_at", "resolved_at"),
    )


class ProcessingEntry(Base):
    """One processing of personal data (export, import, backup, restore, privacy copy,
    subject-access report, erasure): who, when, what file; never a personal value."""

    __tablename__ = "processing_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    action: Mapped[str] = mapped_column(String(24), nullable=False)
    device: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    officer: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    file_name: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    # JSON object of record counts (never values).
    counts: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_processing_log_at", "at"),)


class Erasure(Base):
    """A record whose personal fields were erased: id, the erasure's revision and time
    (synced through the workbook's Metadata; no personal value is kept)."""

    __tablename__ = "erasures"

    record_id: Mapped[str] = mapped_column(ID, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    rev: Mapped[str] = mapped_column(REV, nullable=False)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    device: Mapped[str] = mapped_column(String(120), nullable=False)


__all__ = [
    "Attendance",
    "AuditEntry",
    "Base",
    "Device",
    "Erasure",
    "OutreachSession",
    "Participant",
    "ProcessingEntry",
    "RegionArea",
    "SYNCED_MODELS",
    "Setting",
    "SyncBase",
    "SyncConflict",
    "SyncLogEntry",
    "SyncedMixin",
    "Target",
    "Village",
]
