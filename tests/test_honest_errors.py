"""Disk full, read-only folder, removed USB stick, a second copy of the app: plain
messages, and the data saved before stays intact (nothing half-applied)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import PEOPLE, add_people, integrity, live_participants
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from desasadar_gui.errors import UserError
from desasadar_gui.services import backups
from desasadar_gui.services.database import Database
from desasadar_gui.services.instance_lock import InstanceLockedError, acquire_instance_lock
from desasadar_gui.services.oserrors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DeviceGoneError,
    DiskFullError,
    IOFailureError,
    ReadOnlyError,
    describe_db_error,
)
from desasadar_gui.services.participants import ParticipantInput, create_participant

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount(args: list[str]) -> bool:
    try:
        done = subprocess.run(["mount", *args], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _umount(path: Path) -> None:
    # A failed test can still hold files open on the mount (its traceback keeps the
    # database alive): detach it lazily then, so later runs can clean their temp folders.
    done = subprocess.run(["umount", str(path)], capture_output=True, timeout=20)
    if done.returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=20)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB file system (tmpfs; needs root), else skipped with the reason."""
    mount_point = tmp_path / "kecil"
    mount_point.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", str(mount_point)]):
        pytest.skip("cannot mount a small tmpfs here (needs root); the simulated tests cover it")
    try:
        yield mount_point
    finally:
        _umount(mount_point)


@pytest.fixture
def read_only_folder(tmp_path: Path, db_path: Path) -> Iterator[Path]:
    """The database's folder made read-only for real (a read-only bind mount, as a
    write-protected USB stick behaves; chmod does not stop root)."""
    folder = db_path.parent
    if not IS_ROOT:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    if not (
        _mount(["--bind", str(folder), str(folder)])
        and _mount(["-o", "remount,ro,bind", str(folder)])
    ):
        _umount(folder)
        pytest.skip("running as root and cannot make a read-only bind mount")
    try:
        yield folder
    finally:
        _umount(folder)


def _limit_size(db: Database, max_pages: int) -> None:
    """SQLite's own size limit: writes beyond it fail exactly like a full disk."""
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA max_page_count={max_pages}")


# -- disk full -------------------------------------------------------------------------


def test_disk_full_while_saving_is_a_plain_message_and_nothing_half_applied(db: Database) -> None:
    add_people(db, PEOPLE[:2])
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    _limit_size(db, pages + 2)

    saved = 2
    with pytest.raises(DiskFullError) as err:
        for n in range(500):
            create_participant(
                db, ParticipantInput(name=f"Peserta {n}", address="Jl. Lintas Timur " * 40)
            )
            saved += 1
    assert "Disk penuh" in err.value.message("id")
    assert "tetap aman" in err.value.message("id")
    assert "disk is full" in err.value.message("en")
    # Everything saved before is there, the failed save left no trace, the file is sound.
    assert live_participants(db.path) == saved
    assert integrity(db.path) == "ok"


def test_disk_full_on_a_real_small_file_system(tiny_disk: Path, template_db: Path) -> None:
    path = tiny_disk / "desasadar.sqlite"
    shutil.copyfile(template_db, path)
    saved = 0
    with Database.open(path) as db, pytest.raises(DiskFullError):
        for n in range(5000):
            create_participant(
                db, ParticipantInput(name=f"Peserta {n}", address="Jl. Lintas Timur " * 40)
            )
            saved += 1
    assert saved > 0
    assert live_participants(path) == saved
    assert integrity(path) == "ok"


def test_backup_onto_a_full_disk_leaves_nothing_half_written(tiny_disk: Path, db: Database) -> None:
    add_people(db)
    filler = tiny_disk / "isi"
    filler.write_bytes(b"\0" * (1024 * 1024 - 64 * 1024))  # leave less than the database
    with pytest.raises(DiskFullError):
        backups.take_backup(db, backups.MANUAL, out=tiny_disk)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["isi"]
    assert live_participants(db.path) == len(PEOPLE)


def test_backup_fails_cleanly_when_the_write_hits_enospc(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desasadar_gui.db import engine as engine_module

    add_people(db)

    def full(_path):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(engine_module, "fsync_file", full)
    with pytest.raises(DiskFullError):
        backups.take_backup(db, backups.MANUAL)
    folder = backups.backups_dir(db.path)
    assert list(folder.iterdir()) == []  # no .part left behind
    # An import must not go ahead without its backup.
    with pytest.raises(DiskFullError):
        backups.backup_before_import(db)


def _sqlite_error(code: int, name: str, text: str = "") -> sqlite3.OperationalError:
    """An error as SQLite raises it: the code is what counts, never the text."""
    exc = sqlite3.OperationalError(text or "some text in another language")
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = name
    return exc


def test_os_and_sqlite_errors_map_to_plain_messages_by_code(tmp_path: Path) -> None:
    here = tmp_path / "data.sqlite"
    here.write_bytes(b"")
    gone = tmp_path / "E" / "data.sqlite"  # its folder is not there (stick removed)
    cases = [
        (OSError(errno.ENOSPC, "No space left"), here, DiskFullError),
        (OSError(errno.EROFS, "Read-only file system", str(here)), here, ReadOnlyError),
        (OSError(errno.EACCES, "Permission denied", str(here)), here, ReadOnlyError),
        (OSError(errno.EIO, "Input/output error", str(here)), here, IOFailureError),
        (OSError(errno.EIO, "Input/output error", str(gone)), gone, DeviceGoneError),
        (OSError(errno.ENODEV, "No such device", str(here)), here, DeviceGoneError),
        (_sqlite_error(13, "SQLITE_FULL"), here, DiskFullError),
        (_sqlite_error(8, "SQLITE_READONLY"), here, ReadOnlyError),
        (_sqlite_error(1032, "SQLITE_READONLY_DBMOVED"), here, ReadOnlyError),
        (_sqlite_error(778, "SQLITE_IOERR_WRITE"), here, IOFailureError),
        (_sqlite_error(778, "SQLITE_IOERR_WRITE"), gone, DeviceGoneError),
        (_sqlite_error(5, "SQLITE_BUSY"), here, DatabaseLockedError),
        (_sqlite_error(262, "SQLITE_LOCKED_SHAREDCACHE"), here, DatabaseLockedError),
        (_sqlite_error(11, "SQLITE_CORRUPT"), here, DatabaseDamagedError),
        (_sqlite_error(26, "SQLITE_NOTADB"), here, DatabaseDamagedError),
        (_sqlite_error(14, "SQLITE_CANTOPEN"), gone, DeviceGoneError),
    ]
    for exc, path, kind in cases:
        error = describe_db_error(exc, path)
        assert type(error) is kind, (exc, path)
        assert error.message("id") and error.message("en")
        assert error.message("id") != error.message("en")
        # The same error wrapped by SQLAlchemy is classified the same way.
        wrapped = OperationalError("SELECT 1", {}, exc)
        assert type(describe_db_error(wrapped, path)) is kind
    # Message text alone decides nothing: a code-less error is not guessed at.
    assert describe_db_error(sqlite3.OperationalError("database or disk is full")) is None
    assert describe_db_error(ValueError("a bug")) is None
    assert describe_db_error(_sqlite_error(19, "SQLITE_CONSTRAINT")) is None
    # Each kind has its own message; "damaged" is said only of a damaged file.
    texts = {
        type(describe_db_error(e, p)): describe_db_error(e, p).message("id") for e, p, _ in cases
    }
    assert len(set(texts.values())) == len(texts)
    assert [k for k, t in texts.items() if "rusak" in t] == [DatabaseDamagedError]


def test_plain_error_never_returns_none_and_names_the_log(tmp_path: Path) -> None:
    from desasadar_gui.logs import log_file_path
    from desasadar_gui.services.oserrors import plain_error

    error = plain_error(ValueError("a bug"))
    assert str(log_file_path()) in error.message("id")
    assert str(log_file_path()) in error.message("en")
    assert isinstance(plain_error(_sqlite_error(13, "SQLITE_FULL")), DiskFullError)


# -- read-only folder --------------------------------------------------------------------


def test_a_read_only_folder_is_explained_and_the_data_untouched(
    db_path: Path, template_db: Path, read_only_folder: Path
) -> None:
    before = db_path.read_bytes()
    with pytest.raises(UserError) as err:
        Database.open(db_path, lock=True)
    text = err.value.message("id")
    assert "hanya-baca" in text or "izin" in text or "tidak bisa dibuka untuk ditulis" in text
    assert db_path.read_bytes() == before


def test_read_only_folder_from_the_command_line(db_path: Path, read_only_folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(db_path), "stats"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "hanya-baca" in done.stderr or "tidak bisa dibuka untuk ditulis" in done.stderr


def test_writing_to_a_database_that_became_read_only_rolls_back(db: Database) -> None:
    add_people(db, PEOPLE[:2])
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _read_only(dbapi_connection, _record):  # noqa: ANN001
        dbapi_connection.execute("PRAGMA query_only=1")

    with pytest.raises(ReadOnlyError) as err:
        add_people(db, PEOPLE[2:])
    assert "hanya-baca" in err.value.message("id")
    assert live_participants(db.path) == 2


# -- removed USB stick -------------------------------------------------------------------


def test_an_io_error_mid_save_is_explained(db: Database) -> None:
    add_people(db, PEOPLE[:1])

    @event.listens_for(db.engine, "before_cursor_execute")
    def _failing(conn, cursor, statement, *args):  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT"):
            raise _sqlite_error(778, "SQLITE_IOERR_WRITE", "disk I/O error")

    with pytest.raises(IOFailureError) as err:
        add_people(db, PEOPLE[1:2])
    assert "kesalahan perangkat" in err.value.message("id")
    assert "rusak" not in err.value.message("id")
    event.remove(db.engine, "before_cursor_execute", _failing)
    assert live_participants(db.path) == 1


def test_opening_a_database_on_a_removed_usb_stick(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        Database.open(tmp_path / "E" / "desasadar.sqlite", lock=True)
    assert "flashdisk" in err.value.message("id")


# -- a second copy of the app --------------------------------------------------------------


def test_second_instance_on_the_same_file_is_refused(db_path: Path) -> None:
    with Database.open(db_path, lock=True) as first:
        add_people(first, PEOPLE[:1])
        with pytest.raises(InstanceLockedError) as err:
            Database.open(db_path, lock=True)
        assert "sedang dibuka di jendela Desa Sadar lain" in err.value.message("id")
        assert "already open" in err.value.message("en")
        assert live_participants(db_path) == 1
    # Closing the first lets the next one in.
    with Database.open(db_path, lock=True) as second:
        assert second.instance_lock is not None and second.instance_lock.held


def test_second_instance_as_another_process(db_path: Path) -> None:
    with Database.open(db_path, lock=True):
        done = subprocess.run(
            [sys.executable, "-m", "desasadar_gui", "--db", str(db_path), "stats"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2
    assert "sedang dibuka di jendela Desa Sadar lain" in done.stderr


def test_the_lock_dies_with_a_killed_process(db_path: Path) -> None:
    code = (
        "import sys, time; from desasadar_gui.services.instance_lock import "
        "acquire_instance_lock as a; lock = a(sys.argv[1]); print('locked', flush=True); "
        "time.sleep(60)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout.readline().strip() == "locked"
            with pytest.raises(InstanceLockedError):
                acquire_instance_lock(db_path)
        finally:
            holder.kill()  # a power cut, as far as the lock knows
            holder.wait(timeout=30)
    deadline = time.monotonic() + 10
    while True:
        try:
            lock = acquire_instance_lock(db_path)
            break
        except InstanceLockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    lock.release()


def test_a_full_disk_inside_the_import_is_a_plain_message_and_nothing_applied(
    tmp_path: Path, template_db: Path, db: Database
) -> None:
    """The import's apply step (staging attached, set-wise SQL) maps errors like a save."""
    from sync_helpers import add_person, add_village, export, new_laptop

    from desasadar_gui.services.stats import content_digest
    from desasadar_gui.sync.workbook_import import import_workbook

    source = new_laptop(tmp_path / "src", template_db, "S")
    vid = add_village(source)
    for n in range(300):
        add_person(source, vid, f"Orang {n}")
    book = export(source, tmp_path / "sync.xlsx")
    source.close()
    before = content_digest(db)
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    _limit_size(db, pages + 3)
    with pytest.raises(DiskFullError) as err:
        import_workbook(db, book)
    assert "Disk penuh" in err.value.message("id")
    assert content_digest(db) == before
    assert integrity(db.path) == "ok"
