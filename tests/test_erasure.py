"""Hapus data pribadi: the erasure reaches every table and every laptop (acceptance 5).

Two laptops (three for the order test) exchange real workbooks; one erases a person
by the command line; after the sync neither database file, nor its WAL, holds that
person's NIK, name or phone in any byte, and an older workbook that still carries the
person does not bring them back.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sync_helpers import add_village, digest, export, import_, new_laptop

from desasadar_gui.cli.main import main
from desasadar_gui.db.models import Attendance
from desasadar_gui.db.search import DIGITS_FTS_TABLE, NAME_FTS_TABLE
from desasadar_gui.services.database import Database
from desasadar_gui.services.erasure import ERASED_NAME, erase_person
from desasadar_gui.services.participant_queries import ParticipantFilter, count_participants
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.processing import list_processing
from desasadar_gui.services.records import create_record
from desasadar_gui.services.sessions import SessionInput, create_session

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

NIK = "1504034508900002"
NAME = "Siti Rohmawati Erased"
PHONE_DIGITS = "81299887766"  # in every stored or shown form of the number
OTHER_NIK = "1504031203850001"


def _person(db: Database, vid: str) -> str:
    return create_participant(
        db,
        ParticipantInput(
            name=NAME,
            nik=NIK,
            gender="P",
            birth_date=date(1990, 8, 5),
            phone="0812-9988-7766",
            address="Jl. Kenanga Rahasia 7",
            village_id=vid,
            status="registered",
            registration_date=date(2024, 5, 2),
        ),
    ).row.id


def _input(row) -> ParticipantInput:  # noqa: ANN001
    return ParticipantInput(
        name=row.name,
        nik=row.nik,
        gender=row.gender,
        birth_date=row.birth_date,
        phone=row.phone,
        address=row.address,
        village_id=row.village_id,
        status=row.status,
        registration_date=row.registration_date,
    )


def _raw_bytes(path: Path) -> bytes:
    data = b""
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            data += p.read_bytes()
    return data


def assert_gone(path: Path) -> None:
    data = _raw_bytes(path)
    for needle in (NIK, NAME, NAME.lower(), PHONE_DIGITS, "Kenanga Rahasia"):
        for enc in ("utf-8", "utf-16-le"):
            assert needle.encode(enc) not in data, f"{needle!r} still in {path.name}"
    assert OTHER_NIK.encode() in data, "the other person is still there"


def assert_not_found(db: Database) -> None:
    """Neither the list nor the search indexes find the erased person by any part of
    their number or name (the indexes were rebuilt from the erased rows)."""
    for text in ("7766", "9988 7766", "0812-9988-7766", "4508 90", NIK, "Rohmawati"):
        flt = ParticipantFilter(text=text, include_deleted=True)
        assert count_participants(db, flt) == 0, text
    with db.engine.connect() as conn:
        for fts, term in ((DIGITS_FTS_TABLE, PHONE_DIGITS), (DIGITS_FTS_TABLE, NIK[4:12]),
                          (NAME_FTS_TABLE, "rohmawati")):  # fmt: skip
            found = conn.exec_driver_sql(
                f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?", (f'"{term}"',)
            ).scalar_one()
            assert found == 0, (fts, term)
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


@pytest.fixture
def world(tmp_path: Path, template_db: Path):
    a = new_laptop(tmp_path / "a", template_db, "A")
    b = new_laptop(tmp_path / "b", template_db, "B")
    vid = add_village(a)
    pid = _person(a, vid)
    create_participant(a, ParticipantInput(name="Budi Lain", nik=OTHER_NIK, village_id=vid))
    session = create_session(a, SessionInput(vid, date(2024, 5, 2)))
    with a.session() as s:  # the same person, listed earlier as a walk-in guest
        create_record(
            s,
            a,
            Attendance,
            {"session_id": session.id, "walkin_name": NAME, "walkin_phone": "+6281299887766"},
        )
    old = export(a, tmp_path / "a1.xlsx")  # an older workbook that carries the person
    import_(b, old)
    # Both laptops edit the person: a conflict keeps the losing version's values.
    row = get_participant(a, pid)
    update_participant(a, pid, replace(_input(row), address="Jl. Kenanga Rahasia 8"))
    row = get_participant(b, pid)
    update_participant(b, pid, replace(_input(row), address="Jl. Kenanga Rahasia 9"))
    b_edit = export(b, tmp_path / "b1.xlsx")
    import_(a, b_edit)
    with a.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM conflicts").scalar()
    yield a, b, pid, old, b_edit
    a.close()
    b.close()


def test_erased_person_is_gone_from_both_laptops_after_sync(world, tmp_path, capsys):
    a, b, pid, old, b_edit = world
    a_path = a.path
    a.close()
    assert main(["--db", str(a_path), "erase-person", NIK]) == 2  # no --yes: refused
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", str(a_path), "erase-person", NIK, "--yes"]) == 0
    out = capsys.readouterr().out
    assert NIK not in out and NAME not in out
    a = Database.open(a_path)
    assert get_participant(a, pid, include_deleted=True).name == ERASED_NAME
    assert_not_found(a)
    assert_gone(a_path)
    assert [r.action for r in list_processing(a)][0] == "erasure"

    a2 = export(a, tmp_path / "a2.xlsx")
    outcome = import_(b, a2)
    assert outcome.exit_code == 0, outcome.plan and outcome.plan.items.get("rejected")
    assert get_participant(b, pid, include_deleted=True).name == ERASED_NAME
    # The older workbooks still carry the person: they do not bring them back.
    for stale in (old, b_edit):
        copy = tmp_path / f"again-{stale.name}"
        shutil.copyfile(stale, copy)
        from openpyxl import load_workbook  # a re-saved copy: a new file to the sync log

        wb = load_workbook(copy)
        wb.save(copy)
        import_(b, copy)
        import_(a, copy)
    for db in (a, b):
        assert get_participant(db, pid, include_deleted=True).name == ERASED_NAME
    assert digest(a) == digest(b)
    assert_not_found(a)
    assert_not_found(b)
    a_path, b_path = a.path, b.path
    a.close()
    b.close()
    assert_gone(a_path)
    assert_gone(b_path)


def test_a_third_laptop_ends_the_same_in_any_order(world, tmp_path, template_db):
    a, b, pid, old, b_edit = world
    erase_person(a, pid)
    a2 = export(a, tmp_path / "a2.xlsx")
    digests = []
    for n, order in enumerate(((old, b_edit, a2), (a2, b_edit, old), (b_edit, a2, old))):
        c = new_laptop(tmp_path / f"c{n}", template_db, f"C{n}")
        for f in order:
            import_(c, f)
        assert get_participant(c, pid, include_deleted=True).name == ERASED_NAME
        digests.append(digest(c))
        path = c.path
        c.close()
        assert_gone(path)
    import_(b, a2)
    assert len(set(digests)) == 1 and digests[0] == digest(b) == digest(a)


def test_unknown_person_is_a_plain_message(tmp_path, template_db, capsys):
    db = new_laptop(tmp_path, template_db, "A")
    path = db.path
    db.close()
    assert main(["--db", str(path), "erase-person", "9999999999999999", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "tidak ditemukan" in err and "Traceback" not in err


def test_report_and_processing_record_from_the_command_line(world, tmp_path, capsys):
    a, b, pid, old, b_edit = world
    path = a.path
    a.close()
    report = tmp_path / "laporan.html"
    assert main(["--db", str(path), "person-report", NIK, str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert NAME in page and NIK in page and "0812-9988-7766" in page
    assert "Kenanga Rahasia 8" in page  # the change history, with earlier values
    assert "kalah konflik" in page and "Kenanga Rahasia 9" in page  # the losing version
    assert "(sebagai tamu)" in page  # attendance as a walk-in guest
    assert old.name in page  # where the data went, and when
    assert main(["--db", str(path), "person-report", "nobody", str(report)]) == 2
    assert main(["--db", str(path), "erase-person", pid, "--yes"]) == 0
    assert main(["--db", str(path), "person-report", pid, str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert "sudah dihapus" in page and NIK not in page and "Kenanga" not in page

    csv_path = tmp_path / "catatan.csv"
    assert main(["--db", str(path), "processing-log", str(csv_path)]) == 0
    text = csv_path.read_text(encoding="utf-8-sig")
    for action in ("export", "import", "backup", "subject_report", "erasure"):
        assert f",{action}," in text, action
    assert NIK not in text and NAME not in text and "Kenanga" not in text
    assert old.name in text  # the file name, with its SHA-256
    with Database.open(path) as db:
        shas = {r.file_name: r.sha256 for r in list_processing(db)}
    import hashlib

    assert shas[old.name] == hashlib.sha256(old.read_bytes()).hexdigest()
    assert_gone(path)


def test_two_laptops_erasing_the_same_person_agree(world, tmp_path):
    a, b, pid, old, b_edit = world
    import_(b, export(a, tmp_path / "a-sync.xlsx"))
    import_(a, export(b, tmp_path / "b-sync.xlsx"))
    erase_person(a, pid)
    erase_person(b, pid)  # before either has heard of the other's erasure
    import_(b, export(a, tmp_path / "a-erased.xlsx"))
    import_(a, export(b, tmp_path / "b-erased.xlsx"))
    assert digest(a) == digest(b)
    with a.engine.connect() as ca, b.engine.connect() as cb:
        q = "SELECT rev FROM erasures WHERE record_id = ?"
        assert ca.exec_driver_sql(q, (pid,)).scalar() == cb.exec_driver_sql(q, (pid,)).scalar()


def _decrypted_dump(path: Path) -> bytes:
    """Every value of a (possibly encrypted) database file, as text bytes."""
    from desasadar_gui.db import cipher

    con = cipher.connect(path, mode="ro")
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(
            repr(row) for t in tables for row in con.execute(f'SELECT * FROM "{t}"')
        ).encode("utf-8")
    finally:
        con.close()


def _held_by(path: Path) -> bool:
    data = _decrypted_dump(path)
    return NIK.encode() in data or NAME.encode() in data


def test_the_erasure_reaches_every_backup_on_this_laptop(world, tmp_path):
    from desasadar_gui.db.backup_files import backup_files
    from desasadar_gui.services.backups import take_backup

    a, b, pid, old, b_edit = world
    take_backup(a, "manual")
    backups = [f.path for f in backup_files(a.path)]
    holding = [p for p in backups if _held_by(p)]
    assert len(holding) >= 2  # the pre-import backup and the manual one
    result = erase_person(a, pid)
    assert result.backups_cleaned == len(holding) and result.backups_not_cleaned == 0
    for path in backups:
        assert path.exists(), "no backup is deleted by an erasure"
        assert_gone(path)  # no byte left in the file, free pages included
        assert OTHER_NIK.encode() in _decrypted_dump(path)
    # A cleaned backup restored later still has the erasure on record.
    with Database.open(backups[-1]) as copy:
        assert get_participant(copy, pid, include_deleted=True).name == ERASED_NAME


def test_restoring_an_older_copy_does_not_bring_an_erased_person_back(world, tmp_path):
    from desasadar_gui.services.backups import restore_backup, take_backup

    a, b, pid, old, b_edit = world
    usb = tmp_path / "flashdisk saya"
    usb.mkdir()
    older = take_backup(a, "manual")
    outside = usb / "salinan lama.sqlite"
    shutil.copyfile(older, outside)  # a copy kept off the backups folder (not rewritten)
    erase_person(a, pid)
    assert _held_by(outside)
    path = a.path
    a.close()
    restore_backup(path, outside)
    with Database.open(path) as db:
        assert get_participant(db, pid, include_deleted=True).name == ERASED_NAME
        assert get_participant(db, pid, include_deleted=True).nik is None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT 1 FROM erasures WHERE record_id = ?", (pid,)
            ).first()
    assert_gone(path)
    # ...and it does not travel back out to the other laptop either.
    a = Database.open(path)
    import_(b, export(a, tmp_path / "after-restore.xlsx"))
    assert get_participant(b, pid, include_deleted=True).name == ERASED_NAME
    a.close()


def test_erasure_rewrites_encrypted_backups_with_their_key(tmp_path, template_db):
    from conftest import PASSPHRASE

    from desasadar_gui.db import cipher
    from desasadar_gui.db.backup_files import backup_files
    from desasadar_gui.services import security
    from desasadar_gui.services.backups import take_backup

    db = new_laptop(tmp_path, template_db, "A")
    pid = _person(db, add_village(db))
    create_participant(db, ParticipantInput(name="Budi Lain", nik=OTHER_NIK))
    path = db.path
    db.close()
    security.encrypt_database(path, security.prepare_key(PASSPHRASE))
    with Database.open(path) as db:
        take_backup(db, "manual")
        result = erase_person(db, pid)
    assert result.backups_cleaned >= 1
    for f in backup_files(path):
        assert f.path.read_bytes()[:16] != b"SQLite format 3\x00"  # still encrypted
        assert not _held_by(f.path)
        assert OTHER_NIK.encode() in _decrypted_dump(f.path)
    cipher.KEYRING.clear()
    security.unlock(path, PASSPHRASE)
