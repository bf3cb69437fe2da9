"""Encryption at rest (issue 12, acceptance 1): with a passphrase set, neither the
database, its -wal, nor any backup is readable without the key; the app opens them with
the passphrase or the recovery key and refuses a wrong one with a plain message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import PASSPHRASE, RECOVERY_KEYS
from safety_helpers import PEOPLE, add_people, damage

from desasadar_gui.db import cipher, keyfile
from desasadar_gui.db.backup_files import backup_files, backups_dir
from desasadar_gui.services import backups, security
from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import (
    DamagedDatabaseError,
    full_check,
    inspect_database_file,
    quick_check,
)
from desasadar_gui.services.stats import collect_stats, content_digest

MAGIC = b"SQLite format 3"


def personal_bytes() -> list[bytes]:
    """Every NIK, name and phone of PEOPLE, in the forms a file could hold them."""
    found: list[bytes] = []
    for name, nik, phone in PEOPLE:
        found += [nik.encode(), name.encode(), name.encode("utf-16-le")]
        found += [phone.encode(), ("+62" + phone[1:]).encode(), phone[1:].encode()]
    return found


def assert_unreadable(path: Path) -> None:
    data = path.read_bytes()
    assert data, path
    assert not data.startswith(MAGIC), f"{path.name} starts with the SQLite header"
    for secret in personal_bytes():
        assert secret not in data, f"{secret!r} in the raw bytes of {path.name}"
    if path.name.endswith("-wal"):
        return
    # Plain sqlite3 cannot read it (read-only and immutable: the check changes nothing).
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError) as err:
            con.execute("SELECT * FROM participants").fetchall()
        assert err.value.sqlite_errorcode == 26  # SQLITE_NOTADB: "file is not a database"
    finally:
        con.close()


def every_kind_of_backup(db: Database) -> list[Path]:
    made = [
        backups.take_backup(db, backups.MANUAL),
        backups.backup_before_import(db),
        backups.daily_backup_if_due(db),
    ]
    return [p for p in made if p is not None]


def lock_everything() -> None:
    cipher.KEYRING.clear()


# -- acceptance 1 ----------------------------------------------------------------------


def test_new_encrypted_database_wal_and_every_backup_hold_no_readable_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "baru.sqlite"
    prepared = security.prepare_key(PASSPHRASE)
    key = security.install_key(path, prepared)
    db = Database.open(path, key=key, allow_new=True)
    try:
        add_people(db)
        copies = every_kind_of_backup(db)
        assert len(copies) == 3
        wal = Path(str(path) + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the live WAL holds the rows
        for file in [wal, path, *copies]:
            assert_unreadable(file)
        # the key file reveals nothing either
        text = keyfile.key_file_path(path).read_text()
        assert PASSPHRASE not in text and prepared.recovery_key not in text
        assert key.hex() not in text
    finally:
        db.close()
    assert_unreadable(path)


def test_opens_with_the_passphrase_refuses_a_wrong_one_plainly_and_the_recovery_key_opens_it(
    encrypted_db: Database,
) -> None:
    add_people(encrypted_db)
    copy = backups.take_backup(encrypted_db, backups.MANUAL)
    path = encrypted_db.path
    encrypted_db.close()
    lock_everything()

    with pytest.raises(cipher.PassphraseNeededError) as needed:
        Database.open(path)
    assert "kata sandi" in needed.value.message("id")

    with pytest.raises(cipher.WrongPassphraseError) as wrong:
        security.unlock(path, "bukan kata sandinya")
    for lang in ("id", "en"):
        text = wrong.value.message(lang).lower()
        assert "rusak" not in text and "damaged" not in text
    assert "kata sandi salah" in wrong.value.message("id").lower()
    assert "wrong passphrase" in wrong.value.message("en").lower()
    assert not cipher.KEYRING  # nothing unlocked

    security.unlock(path, PASSPHRASE)
    with Database.open(path) as db:
        assert collect_stats(db).participants == len(PEOPLE)
    lock_everything()

    recovery = RECOVERY_KEYS[path]
    typed = recovery.lower().replace("-", " ").replace("0", "o")  # as someone types it
    security.unlock(path, typed)
    with Database.open(path) as db:
        assert collect_stats(db).participants == len(PEOPLE)
    assert inspect_database_file(copy).ok


def test_recovery_key_opens_the_database_and_backups_with_the_key_file_lost(
    encrypted_db: Database,
) -> None:
    add_people(encrypted_db)
    copy = backups.take_backup(encrypted_db, backups.MANUAL)
    path = encrypted_db.path
    digest = content_digest(encrypted_db)
    encrypted_db.close()
    keyfile.remove_key_record(path)
    lock_everything()

    assert security.protection(path) == security.ENCRYPTED  # the file's shape says so
    with pytest.raises(cipher.WrongPassphraseError) as no_file:
        security.unlock(path, PASSPHRASE)
    assert "kunci pemulihan" in no_file.value.message("id")
    security.unlock(path, RECOVERY_KEYS[path])
    with Database.open(path) as db:
        assert content_digest(db) == digest
    assert inspect_database_file(copy).ok


def test_a_wrong_key_is_never_called_damaged_anywhere(encrypted_db: Database) -> None:
    add_people(encrypted_db)
    copy = backups.take_backup(encrypted_db, backups.MANUAL)
    path = encrypted_db.path
    encrypted_db.close()
    lock_everything()
    cipher.KEYRING.add(cipher.new_key())  # some other database's key is unlocked

    for check in (inspect_database_file(path), inspect_database_file(copy)):
        assert check.status == "locked"
    assert quick_check(path).status == "unusable"  # not "damaged": no restore offered
    with pytest.raises(cipher.PassphraseNeededError):
        Database.open(path)
    with pytest.raises(backups.BackupRefusedError) as refused:
        backups.validate_backup_file(copy)
    assert "rusak" not in refused.value.message("id")
    assert not full_check(path).problems  # unreadable, not "damage found"


def test_damage_inside_an_encrypted_file_is_still_damage(encrypted_db: Database) -> None:
    add_people(encrypted_db)
    good = backups.take_backup(encrypted_db, backups.MANUAL)
    path = encrypted_db.path
    encrypted_db.close()
    # A page of an encrypted file fails its HMAC: that is damage, with the backup offered.
    with path.open("r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xde\xad\xbe\xef" * 1024)
    result = quick_check(path)
    assert result.status == "damaged"
    assert result.latest_backup is not None and result.latest_backup.path == good
    with pytest.raises(DamagedDatabaseError):
        Database.open(path)


def test_encrypting_an_existing_plain_database_encrypts_every_backup_and_keeps_the_data(
    db: Database,
) -> None:
    add_people(db)
    plain_copies = every_kind_of_backup(db)
    path = db.path
    digest = content_digest(db)
    db.close()
    assert all(p.read_bytes().startswith(MAGIC) for p in plain_copies)

    prepared = security.prepare_key(PASSPHRASE)
    result = security.encrypt_database(path, prepared)
    # One more: the backup taken just before, of the data as it was (encrypted too).
    assert result.backups_encrypted == len(plain_copies) + 1 and not result.left_plain

    names = sorted(p.name for p in backups_dir(path).iterdir())
    before = [p for p in backups_dir(path).glob("*.sqlite") if p not in plain_copies]
    assert len(before) == 1 and before[0].name.startswith("manual")
    assert names == sorted([*(p.name for p in [*plain_copies, *before]), "key.json"])
    plain_copies = [*plain_copies, *before]
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        [path.name, keyfile.key_file_path(path).name]
    )
    for file in [path, *plain_copies]:
        assert_unreadable(file)
    lock_everything()
    security.unlock(path, PASSPHRASE)
    with Database.open(path) as opened:
        assert content_digest(opened) == digest
        assert opened.encrypted
    for copy in plain_copies:
        assert inspect_database_file(copy).ok
    assert security.protection(path) == security.ENCRYPTED


def test_changing_the_passphrase_rewraps_and_keeps_backups_and_recovery_key(
    encrypted_db: Database,
) -> None:
    add_people(encrypted_db)
    copy = backups.take_backup(encrypted_db, backups.MANUAL)
    path = encrypted_db.path
    before = path.read_bytes()[:4096]
    encrypted_db.close()
    lock_everything()

    with pytest.raises(cipher.WrongPassphraseError):
        security.change_passphrase(path, "salah", "kata sandi yang baru sekali")
    security.change_passphrase(path, PASSPHRASE, "kata sandi yang baru sekali")
    assert path.read_bytes()[:4096] == before  # nothing re-encrypted
    lock_everything()
    with pytest.raises(cipher.WrongPassphraseError):
        security.unlock(path, PASSPHRASE)
    security.unlock(path, "kata sandi yang baru sekali")
    assert inspect_database_file(copy).ok
    lock_everything()
    # The recovery key may also stand in for the old passphrase.
    security.change_passphrase(path, RECOVERY_KEYS[path], "ketiga kalinya diganti")
    lock_everything()
    security.unlock(path, "ketiga kalinya diganti")
    with Database.open(path) as db:
        assert collect_stats(db).participants == len(PEOPLE)


def test_restoring_a_plain_backup_into_an_encrypted_database_encrypts_it(
    db: Database, tmp_path: Path
) -> None:
    add_people(db)
    plain_copy = backups.take_backup(db, backups.MANUAL, out=tmp_path / "lama.sqlite")
    path = db.path
    db.close()
    security.encrypt_database(path, security.prepare_key(PASSPHRASE))

    result = backups.restore_backup(path, plain_copy)
    assert result.previous_copy is not None
    assert_unreadable(path)
    assert_unreadable(result.previous_copy)
    with Database.open(path) as restored:
        assert collect_stats(restored).participants == len(PEOPLE)


def test_restore_of_an_encrypted_backup_and_the_full_check(encrypted_db: Database) -> None:
    add_people(encrypted_db)
    copy = backups.take_backup(encrypted_db, backups.MANUAL)
    assert full_check(copy).ok and full_check(encrypted_db).ok
    path = encrypted_db.path
    encrypted_db.close()
    backups.restore_backup(path, copy)
    assert_unreadable(path)
    infos = backups.list_backups(path, with_counts=True)
    counts = {i.participants for i in infos}  # every encrypted copy is counted
    assert None not in counts and len(PEOPLE) in counts  # (0: the copy from before encrypting)
    with Database.open(path) as db:
        assert collect_stats(db).participants == len(PEOPLE)


def test_a_damaged_plain_copy_that_cannot_be_encrypted_is_reported(db: Database) -> None:
    add_people(db)
    copy = backups.take_backup(db, backups.MANUAL)
    path = db.path
    db.close()
    damage(copy, offset_pages=0, length=4096)  # SQLite cannot read it at all
    result = security.encrypt_database(path, security.prepare_key(PASSPHRASE))
    assert result.left_plain == (copy,)
    assert_unreadable(path)


def test_schema_upgrade_of_an_encrypted_database_takes_an_encrypted_backup(
    tmp_path: Path,
) -> None:
    from upgrade_helpers import old_database

    path = old_database(tmp_path / "lama.sqlite", participants=5)
    security.encrypt_database(path, security.prepare_key(PASSPHRASE))
    with Database.open(path) as db:
        assert db.upgrade.backup_path is not None
        assert_unreadable(db.upgrade.backup_path)
    kinds = sorted(b.kind for b in backup_files(path))
    assert kinds == ["manual", "pre-upgrade"]  # manual: taken just before encrypting
    for copy in backup_files(path):
        assert_unreadable(copy.path)


def test_the_import_staging_file_is_encrypted_with_its_own_key(encrypted_db: Database) -> None:
    from desasadar_gui.sync.staging import Staging, attached
    from desasadar_gui.sync.workbook_format import SHEETS

    spec = next(s for s in SHEETS if s.entity == "participants")
    staging = Staging()
    try:
        row = [None] * len(spec.stored_fields) + [None, None, None, 1, 2]
        row[spec.stored_fields.index("nik")] = PEOPLE[0][1]
        row[spec.stored_fields.index("name")] = PEOPLE[0][0]
        row[spec.stored_fields.index("id")] = "x"
        staging.add_rows(spec, [tuple(row)])
        staging.finish_loading()
        assert staging.key is not None and not cipher.KEYRING.for_salt(
            cipher.file_salt(staging.key)
        )
        assert_unreadable(staging.path)
        with attached(encrypted_db, staging) as conn:
            names = conn.exec_driver_sql("SELECT name FROM stg.participants").scalars().all()
        assert names == [PEOPLE[0][0]]
    finally:
        staging.close()


def test_export_and_import_between_two_encrypted_laptops(tmp_path: Path, template_db) -> None:
    import shutil

    from sync_helpers import add_person, add_village, digest, export, import_

    dbs = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.sqlite"
        shutil.copyfile(template_db, path)
        security.encrypt_database(path, security.prepare_key(f"{PASSPHRASE} {name}"))
        db = Database.open(path)
        db.set_officer(f"Petugas {name}", "KC Jambi")
        dbs.append(db)
    a, b = dbs
    try:
        vid = add_village(a)
        for name, nik, phone in PEOPLE:
            add_person(a, vid, name, nik, "registered", phone)
        book = export(a, tmp_path / "a.xlsx")
        outcome = import_(b, book)
        assert outcome.result is not None
        assert digest(a) == digest(b)
        for copy in backup_files(b.path):  # the pre-import copy
            assert_unreadable(copy.path)
    finally:
        a.close()
        b.close()


def test_backup_and_restore_of_an_encrypted_database_are_in_its_processing_record(
    encrypted_db: Database,
) -> None:
    from desasadar_gui.services.processing import BACKUP, RESTORE, list_processing

    add_people(encrypted_db)
    copy = backups.take_backup(encrypted_db, backups.MANUAL)
    path = encrypted_db.path
    encrypted_db.close()
    backups.restore_backup(path, copy)
    assert_unreadable(path)
    with Database.open(path) as db:
        actions = [row.action for row in list_processing(db)]
    assert BACKUP in actions and RESTORE in actions
