"""A record's change history, read from the audit log, ready to show.

Every change to a synchronised record writes an audit entry (``services/records.py``
for edits on this laptop, the workbook import for changes that arrived from another
one, with action ``import``): who, when, and ``{field: [old, new]}``. This module
reads them back for one record as plain data, with field names and coded values
(status, occupation, money, dates, the village an id points to) turned into words.

Entries are ordered by revision, i.e. by when the edit was made on whichever laptop
made it (the hybrid clock orders edits across laptops), so a merged history reads in
the order things happened, not in the order the files were imported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import select

from desasadar_gui.db.clock import Rev
from desasadar_gui.db.models import (
    Attendance,
    AuditEntry,
    OutreachSession,
    Participant,
    SyncConflict,
    Village,
)
from desasadar_gui.domain import display, enums
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.errors import current_language
from desasadar_gui.services.database import Database

PARTICIPANTS = "participants"
VILLAGES = "villages"
SESSIONS = "sessions"
ATTENDANCE = "attendance"
TARGETS = "targets"

# (Indonesian, English) labels of the fields users see.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "nik": ("NIK", "NIK"),
    "name": ("Nama", "Name"),
    "gender": ("Jenis kelamin", "Gender"),
    "birth_date": ("Tanggal lahir", "Birth date"),
    "phone": ("Nomor HP", "Phone"),
    "address": ("Alamat", "Address"),
    "village_id": ("Desa", "Village"),
    "occupation": ("Pekerjaan", "Occupation"),
    "official_role": ("Jabatan perangkat desa", "Village-official role"),
    "monthly_income": ("Penghasilan per bulan", "Monthly income"),
    "prog_jkk": ("Program JKK", "JKK programme"),
    "prog_jkm": ("Program JKM", "JKM programme"),
    "prog_jht": ("Program JHT", "JHT programme"),
    "contribution": ("Iuran per bulan", "Monthly contribution"),
    "funding_source": ("Sumber dana", "Funding source"),
    "status": ("Status", "Status"),
    "registration_date": ("Tanggal pendaftaran", "Registration date"),
    "kpj_number": ("Nomor KPJ", "KPJ number"),
    "officer": ("Petugas", "Officer"),
    "merged_into": ("Digabung ke", "Merged into"),
    "kind": ("Jenis wilayah", "Kind"),
    "kecamatan": ("Kecamatan", "District"),
    "kabupaten": ("Kabupaten/Kota", "Regency/City"),
    "region_code": ("Kode wilayah", "Region code"),
    "region_version": ("Versi data wilayah", "Region data version"),
    "head_name": ("Kepala desa", "Village head"),
    "contact_phone": ("Nomor kontak", "Contact phone"),
    "est_informal_workers": ("Perkiraan pekerja informal", "Estimated informal workers"),
    "launch_date": ("Tanggal pencanangan", "Launch date"),
    "notes": ("Catatan", "Notes"),
    "held_on": ("Tanggal kegiatan", "Session date"),
    "type": ("Jenis kegiatan", "Session type"),
    "place": ("Tempat", "Place"),
    "facilitator": ("Fasilitator", "Facilitator"),
    "session_id": ("Kegiatan", "Session"),
    "participant_id": ("Peserta", "Participant"),
    "walkin_name": ("Nama (tanpa data peserta)", "Walk-in name"),
    "walkin_phone": ("Nomor HP (tanpa data peserta)", "Walk-in phone"),
    "outcome": ("Hasil", "Outcome"),
    "deleted_at": ("Dihapus", "Deleted"),
    "source_file": ("Berkas impor", "Imported file"),
    "year": ("Tahun", "Year"),
    "scope": ("Cakupan", "Scope"),
    "scope_key": ("Untuk", "For"),
    "value": ("Target", "Target"),
}

_FIELD_ORDER = {name: i for i, name in enumerate(FIELD_LABELS)}

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "create": ("Dibuat", "Created"),
    "update": ("Diubah", "Edited"),
    "delete": ("Dihapus", "Deleted"),
    "restore": ("Dipulihkan", "Restored"),
    "import": ("Impor (dari laptop lain)", "Import (from another laptop)"),
    "merge": ("Digabung", "Merged"),
    "erase": ("Data pribadi dihapus", "Personal data erased"),
    "conflict": (
        "Versi laptop lain (kalah konflik; lihat Sinkronisasi)",
        "Another laptop's version (lost a conflict; see Sync)",
    ),
}

# Columns the sync machinery owns: not shown as field changes of a losing version.
_SYSTEM_FIELDS = frozenset({"id", "rev", "created_at", "updated_at", "updated_by", "base_rev"})

# Which enumeration a coded field holds, per entity (``status`` differs by entity).
_ENUMS: dict[tuple[str, str], type[enums.LabelledEnum]] = {
    (PARTICIPANTS, "gender"): enums.Gender,
    (PARTICIPANTS, "status"): enums.ParticipantStatus,
    (PARTICIPANTS, "occupation"): enums.Occupation,
    (PARTICIPANTS, "official_role"): enums.OfficialRole,
    (PARTICIPANTS, "funding_source"): enums.FundingSource,
    (VILLAGES, "kind"): enums.VillageKind,
    (VILLAGES, "status"): enums.VillageStatus,
    (SESSIONS, "type"): enums.SessionType,
    (ATTENDANCE, "outcome"): enums.AttendanceOutcome,
    (TARGETS, "scope"): enums.TargetScope,
}
_MONEY = frozenset({"monthly_income", "contribution"})
_REFERENCES = {"village_id": Village, "participant_id": Participant, "session_id": OutreachSession}


def field_label(field: str, lang: str | None = None) -> str:
    label_id, label_en = FIELD_LABELS.get(field, (field, field))
    return label_en if (lang or current_language()) == "en" else label_id


def action_label(action: str, lang: str | None = None) -> str:
    label_id, label_en = ACTION_LABELS.get(action, (action, action))
    return label_en if (lang or current_language()) == "en" else label_id


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: Any  # as stored in the audit log (JSON values)
    new: Any
    old_text: str  # for people: labels, Rupiah, dd-mm-yyyy, names of referenced records
    new_text: str


@dataclass(frozen=True)
class HistoryEntry:
    entity: str
    record_id: str
    subject: str  # "" for the record itself; "Kehadiran: <name>" for a session's attendance
    action: str
    action_label: str
    rev: str
    made_at: datetime  # UTC (naive): when the edit was made, from its revision
    recorded_at: datetime  # UTC (naive): when this laptop recorded it
    officer: str
    device: str
    this_device: bool
    changes: tuple[FieldChange, ...]

    @property
    def imported(self) -> bool:
        return self.action == "import"


def _made_at(rev: str, fallback: datetime) -> datetime:
    try:
        millis = Rev.parse(rev).millis
    except ValueError:
        return fallback
    return datetime.fromtimestamp(millis / 1000, tz=timezone.utc).replace(tzinfo=None)


def _session_name(record: OutreachSession, lang: str) -> str:
    try:
        kind = enums.SessionType.from_text(record.type).label(lang)
    except ValueError:
        kind = record.type
    return f"{kind} {display.short_date(record.held_on)}"


def date_text(value: str, lang: str = "id") -> str:
    """A stored ISO date or UTC timestamp as 01/12/2026 (22.16, local time)."""
    return display.stored_text(value, lang)


class _Formatter:
    def __init__(self, s: Any, lang: str) -> None:
        self.s = s
        self.lang = lang
        self.names: dict[tuple[str, str], str] = {}

    def reference(self, field: str, record_id: str) -> str:
        key = (field, record_id)
        if key not in self.names:
            model = _REFERENCES[field]
            record = self.s.get(model, record_id)
            if record is None:
                name = record_id[:8]
            elif isinstance(record, OutreachSession):
                name = _session_name(record, self.lang)
            else:
                name = record.name
            self.names[key] = name
        return self.names[key]

    def text(self, entity: str, field: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        enum = _ENUMS.get((entity, field))
        if enum is not None:
            try:
                return enum.from_text(value).label(self.lang)
            except ValueError:
                return str(value)
        if field.startswith("prog_") and value in (0, 1):  # booleans stored as 0/1 by SQL
            value = bool(value)
        if isinstance(value, bool):
            return ("Yes" if value else "No") if self.lang == "en" else ("Ya" if value else "Tidak")
        if field in _MONEY and isinstance(value, int):
            return format_rupiah(value)
        if field in _REFERENCES and isinstance(value, str):
            return self.reference(field, value)
        if isinstance(value, str) and field.endswith(("_date", "_at", "held_on")):
            return date_text(value, self.lang)
        if isinstance(value, str) and field.endswith("phone"):
            return display.display_phone(value)
        return str(value)


def _related_ids(s: Any, entity: str, record_id: str) -> dict[tuple[str, str], str]:
    """Records whose history belongs with this one: a session's attendance rows."""
    related: dict[tuple[str, str], str] = {}
    if entity != SESSIONS:
        return related
    rows = s.execute(
        select(Attendance.id, Attendance.walkin_name, Participant.name)
        .outerjoin(Participant, Participant.id == Attendance.participant_id)
        .where(Attendance.session_id == record_id)
    )
    for att_id, walkin, person in rows:
        related[(ATTENDANCE, att_id)] = person or walkin or ""
    return related


def record_history(
    db: Database,
    entity: str,
    record_id: str,
    lang: str | None = None,
    include_related: bool = True,
) -> list[HistoryEntry]:
    """Every recorded change to one record (and, for a session, to its attendance)."""
    lang = lang or current_language()
    with db.read_session() as s:
        subjects: dict[tuple[str, str], str] = {(entity, record_id): ""}
        if include_related:
            for key, name in _related_ids(s, entity, record_id).items():
                prefix = "Attendance" if lang == "en" else "Kehadiran"
                subjects[key] = f"{prefix}: {name}" if name else prefix
        wanted: dict[str, list[str]] = {}
        for ent, rid in subjects:
            wanted.setdefault(ent, []).append(rid)
        entries: list[AuditEntry] = []
        for ent, ids in wanted.items():
            for start in range(0, len(ids), 500):
                entries += s.scalars(
                    select(AuditEntry).where(
                        AuditEntry.entity == ent, AuditEntry.record_id.in_(ids[start : start + 500])
                    )
                ).all()
        fmt = _Formatter(s, lang)
        result = _conflict_entries(s, db, fmt, subjects, wanted, lang, entries)
        for e in sorted(entries, key=lambda e: (e.rev, e.id)):
            try:
                raw = json.loads(e.changes or "{}")
            except ValueError:
                raw = {}
            changes = []
            for field, pair in sorted(raw.items(), key=lambda kv: _FIELD_ORDER.get(kv[0], 999)):
                old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
                changes.append(
                    FieldChange(
                        field,
                        field_label(field, lang),
                        old,
                        new,
                        fmt.text(e.entity, field, old),
                        fmt.text(e.entity, field, new),
                    )
                )
            result.append(
                HistoryEntry(
                    entity=e.entity,
                    record_id=e.record_id,
                    subject=subjects.get((e.entity, e.record_id), ""),
                    action=e.action,
                    action_label=action_label(e.action, lang),
                    rev=e.rev,
                    made_at=_made_at(e.rev, e.at),
                    recorded_at=e.at,
                    officer=e.officer,
                    device=e.device,
                    this_device=e.device == db.device.id,
                    changes=tuple(changes),
                )
            )
    result.sort(key=lambda entry: entry.rev)
    return result


_TABLES = {PARTICIPANTS: Participant, VILLAGES: Village, SESSIONS: OutreachSession,
           ATTENDANCE: Attendance}  # fmt: skip


def _conflict_entries(
    s: Any,
    db: Database,
    fmt: _Formatter,
    subjects: dict[tuple[str, str], str],
    wanted: dict[str, list[str]],
    lang: str,
    audit: list[AuditEntry],
) -> list[HistoryEntry]:
    """Edits that arrived from another laptop but lost a conflict.

    They never reached the record, so the audit log has no entry for them; the conflict
    list keeps their values, and the history shows them so that both officers' edits
    are visible (restoring one is done from the Sync view).
    """
    officers = {e.device: e.officer for e in audit if e.officer}
    found: list[HistoryEntry] = []
    for ent, ids in wanted.items():
        model = _TABLES.get(ent)
        if model is None:
            continue
        conflicts = s.scalars(
            select(SyncConflict).where(
                SyncConflict.entity == ent,
                SyncConflict.record_id.in_(ids),
                SyncConflict.loser_side == "incoming",
            )
        ).all()
        for c in conflicts:
            try:
                loser = json.loads(c.loser_values or "{}")
            except ValueError:
                continue
            record = s.get(model, c.record_id)
            changes = []
            for field in sorted(loser, key=lambda f: _FIELD_ORDER.get(f, 999)):
                if field in _SYSTEM_FIELDS or not hasattr(model, field):
                    continue
                current = _jsonable(getattr(record, field)) if record is not None else None
                theirs = loser[field]
                if current == theirs:
                    continue
                changes.append(
                    FieldChange(
                        field,
                        field_label(field, lang),
                        current,
                        theirs,
                        fmt.text(ent, field, current),
                        fmt.text(ent, field, theirs),
                    )
                )
            device = str(loser.get("updated_by") or "")
            found.append(
                HistoryEntry(
                    entity=ent,
                    record_id=c.record_id,
                    subject=subjects.get((ent, c.record_id), ""),
                    action="conflict",
                    action_label=action_label("conflict", lang),
                    rev=c.loser_rev,
                    made_at=_made_at(c.loser_rev, c.detected_at),
                    recorded_at=c.detected_at,
                    officer=officers.get(device, ""),
                    device=device,
                    this_device=device == db.device.id,
                    changes=tuple(changes),
                )
            )
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_title(db: Database, entity: str, record_id: str) -> str:
    """A short name for the dialog's title: the person's or village's name, or the session."""
    model = {PARTICIPANTS: Participant, VILLAGES: Village, SESSIONS: OutreachSession}.get(entity)
    if model is None:
        return record_id[:8]
    with db.read_session() as s:
        record = s.get(model, record_id)
        if record is None:
            return record_id[:8]
        if isinstance(record, OutreachSession):
            return _session_name(record, current_language())
        assert isinstance(record, (Participant, Village))
        return record.name
