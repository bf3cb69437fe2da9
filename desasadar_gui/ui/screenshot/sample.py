"""What the dialogs of the screenshots show, made on the private copy of the database
(never on the file being shot): a backup, deleted records to restore, and an import
prepared (not applied) from a workbook exported from the same data and edited the way
an officer would edit it (new, changed, a display cell typed over, a removed row, a
wrong NIK).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desasadar_gui.services.backups import take_backup
from desasadar_gui.services.database import Database
from desasadar_gui.services.participants import ParticipantRow, delete_participant, get_participant
from desasadar_gui.services.session_queries import (
    AttendeeRow,
    SessionListRow,
    list_attendees,
    list_session_rows,
)
from desasadar_gui.services.sessions import delete_session
from desasadar_gui.services.village_queries import showcase_village_id
from desasadar_gui.services.villages import VillageRow, get_village
from desasadar_gui.sync.workbook_export import export_workbook
from desasadar_gui.sync.workbook_import import PreparedImport, prepare_import


@dataclass
class Sample:
    village: VillageRow | None
    session: SessionListRow | None
    person: ParticipantRow | None  # a filled record, for the edit form
    to_register: AttendeeRow | None  # an attendee not registered yet
    prepared: PreparedImport | None


def _attendees(db: Database, session: SessionListRow | None) -> list[AttendeeRow]:
    return list_attendees(db, session.id) if session is not None else []


def _filled(attendees: list[AttendeeRow]) -> str | None:
    """The attendee whose record fills the most of the form."""
    best = [a for a in attendees if a.participant_id and a.nik and a.phone and a.status]
    registered = [a for a in best if a.status in ("active", "registered")]
    chosen = registered or best
    return chosen[0].participant_id if chosen else None


def _unregistered(attendees: list[AttendeeRow]) -> AttendeeRow | None:
    open_ = [a for a in attendees if not a.is_registration and a.status == "prospect"]
    without_nik = [a for a in open_ if not a.nik]
    chosen = without_nik or open_ or [a for a in attendees if not a.is_registration]
    return chosen[0] if chosen else None


def _delete_some(db: Database, sessions: list[SessionListRow], keep: set[str]) -> None:
    """Two people and one session into *Data terhapus* (none of those shot elsewhere)."""
    for session in sessions[1:]:
        if session.id in keep:
            continue
        deleted = 0
        for attendee in _attendees(db, session):
            if attendee.participant_id and attendee.participant_id not in keep:
                delete_participant(db, attendee.participant_id)
                deleted += 1
                if deleted == 2:
                    break
        delete_session(db, session.id)
        return


def _edited_workbook(db: Database, folder: Path) -> Path:
    """The export of ``db`` with the edits an officer makes in Excel."""
    import openpyxl

    exported = folder / "ekspor.xlsx"
    export_workbook(db, exported)
    wb = openpyxl.load_workbook(exported)
    ws = wb["Peserta"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("Nama", "NIK", "Telepon", "Desa")}
    first_machine = header.index("village_id") + 1
    rows = ws.max_row
    if rows >= 12:
        for r in range(2, 5):  # changed phones: "updated"
            ws.cell(r, col["Telepon"]).value = f"0812-7000-{r:04d}"
        ws.cell(5, col["Desa"]).value = "Desa Lain"  # a display column: a note
        ws.cell(6, col["NIK"]).value = "123"  # rejected
        for r, name in ((7, "Rahmat Hidayat Baru"), (8, "Siti Aminah Baru")):  # new
            values = [c.value for c in ws[r]]
            nik = str(values[col["NIK"] - 1] or "")
            if len(nik) == 16:
                values[col["NIK"] - 1] = nik[:12] + f"{9900 + r:04d}"
            values[col["Nama"] - 1] = name
            for i in range(first_machine - 1, len(values)):
                values[i] = None
            ws.append(values)
        ws.delete_rows(10, 1)  # a removed row: a note
    out = folder / "diedit.xlsx"
    wb.save(out)
    wb.close()
    return out


def prepare_sample(db: Database, folder: Path) -> Sample:
    """Writes into ``db`` (the private copy) and ``folder``; returns what the shots use."""
    village_id = showcase_village_id(db)
    village = get_village(db, village_id) if village_id else None
    sessions = list_session_rows(db)
    session = sessions[0] if sessions else None
    attendees = _attendees(db, session)
    person_id = _filled(attendees)
    to_register = _unregistered(attendees)
    keep = {a.participant_id for a in attendees if a.participant_id}
    prepared = None
    if village is not None:
        take_backup(db)
        _delete_some(db, sessions, keep | {session.id} if session else keep)
        prepared = prepare_import(db, _edited_workbook(db, folder))
    person = get_participant(db, person_id) if person_id else None
    return Sample(village, session, person, to_register, prepared)
