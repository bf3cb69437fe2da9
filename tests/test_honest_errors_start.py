"""Each file-system fault gets its own plain message at start-up and in every command,
exit 2, and "rusak" (damaged) only for a file that really is damaged: a full disk, a
read-only folder or file, a write-protected USB stick, a log disk that is full."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import PEOPLE, add_people, live_participants
from test_honest_errors import IS_ROOT, _mount, _umount, read_only_folder  # noqa: F401

from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import quick_check


def _run(db_path: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(db_path), *args],
        capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip


def _fill(folder: Path) -> None:
    """Fill the file system under ``folder`` to the last block."""
    for name, chunk in (("isi", 65536), ("isi-kecil", 512)):
        with (folder / name).open("wb", buffering=0) as fh:
            try:
                while fh.write(b"\0" * chunk):
                    pass
            except OSError:
                pass


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 MB file system (tmpfs; needs root), else skipped with the reason."""
    mount_point = tmp_path / "disk kecil"
    mount_point.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=8m,mode=0777", "tmpfs", str(mount_point)]):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount_point
    finally:
        _umount(mount_point)


@pytest.fixture
def full_disk_db(small_disk: Path, db_path: Path) -> Path:
    """A database with data on a real file system that is full to the last block."""
    with Database.open(db_path) as db:
        add_people(db)
    path = small_disk / "desasadar.sqlite"
    shutil.copyfile(db_path, path)
    _fill(small_disk)
    return path


def test_a_full_disk_is_not_a_damaged_database(full_disk_db: Path) -> None:
    assert quick_check(full_disk_db).status == "ok"  # the start-up check: not "damaged"
    # SQLite cannot even make its -shm file: every command says "disk full", exit 2, no
    # traceback, never "damaged"; the data is untouched.
    for command in (["stats"], ["demo", "--participants", "200", "--force"]):
        done = _run(full_disk_db, *command)
        assert done.returncode == 2, done.stderr
        assert "Disk penuh" in done.stderr
        assert "rusak" not in done.stderr and "Traceback" not in done.stderr
    # Once there is room again, everything works as before and nothing was lost.
    (full_disk_db.parent / "isi").unlink()
    assert live_participants(full_disk_db) == len(PEOPLE)
    done = _run(full_disk_db, "stats")
    assert done.returncode == 0, done.stderr
    assert f"Peserta / participants:     {len(PEOPLE)}" in done.stdout


def test_a_full_disk_in_english(full_disk_db: Path) -> None:
    env = dict(os.environ, DESASADAR_LANG="en")
    done = _run(full_disk_db, "stats", env=env)
    assert done.returncode == 2
    assert "disk is full" in done.stderr and "damaged" not in done.stderr


def test_the_gui_start_on_a_full_disk_says_disk_full_not_damaged(
    qtbot, full_disk_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desasadar_gui.app import open_database
    from desasadar_gui.services.oserrors import DiskFullError
    from desasadar_gui.ui.kit import messages
    from desasadar_gui.ui.safety import damaged_db as damaged_db_dialog

    shown = []
    monkeypatch.setattr(messages, "show_user_error", lambda _p, e: shown.append(e))
    monkeypatch.setattr(damaged_db_dialog.DamagedDbDialog, "exec", lambda self: shown.append(self))
    assert open_database(full_disk_db) is None
    assert len(shown) == 1 and isinstance(shown[0], DiskFullError)


def test_a_read_only_folder_is_read_only_not_damaged(
    db_path: Path,
    read_only_folder: Path,  # noqa: F811
) -> None:
    assert quick_check(db_path).status == "ok"
    for lang, word, bad in (("id", "hanya-baca", "rusak"), ("en", "read-only", "damaged")):
        done = _run(db_path, "stats", env=dict(os.environ, DESASADAR_LANG=lang))
        assert done.returncode == 2
        assert word in done.stderr and bad not in done.stderr
        assert "Traceback" not in done.stderr


@pytest.fixture
def read_only_file(db_path: Path) -> Iterator[Path]:
    """The database file itself read-only (its folder writable): a read-only bind mount
    of the one file (root ignores chmod)."""
    with Database.open(db_path) as db:
        add_people(db, PEOPLE[:2])
    if not IS_ROOT:
        db_path.chmod(0o444)
        try:
            yield db_path
        finally:
            db_path.chmod(0o644)
        return
    if not (
        _mount(["--bind", str(db_path), str(db_path)])
        and _mount(["-o", "remount,ro,bind", str(db_path)])
    ):
        _umount(db_path)
        pytest.skip("running as root and cannot make a read-only bind mount of a file")
    try:
        yield db_path
    finally:
        _umount(db_path)


def test_a_read_only_database_file_is_explained(read_only_file: Path) -> None:
    before = read_only_file.read_bytes()
    done = _run(read_only_file, "demo", "--participants", "3", "--force")
    assert done.returncode == 2
    assert "hanya-baca" in done.stderr
    assert "rusak" not in done.stderr and "Traceback" not in done.stderr
    assert read_only_file.read_bytes() == before
    assert live_participants(read_only_file) == 2


@pytest.fixture
def write_protected_stick(tmp_path: Path) -> Iterator[Path]:
    """A USB stick with its lock switch on: a read-only file system (tmpfs mounted ro)."""
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=4m,ro", "tmpfs", str(stick)]):
        pytest.skip("cannot mount a read-only tmpfs here (needs root)")
    try:
        yield stick
    finally:
        _umount(stick)


def test_a_backup_onto_a_write_protected_stick_says_write_protected(
    db: Database, write_protected_stick: Path
) -> None:
    add_people(db)
    for lang, word, wrong in (("id", "hanya-baca", "dicabut"), ("en", "read-only", "removed")):
        done = _run(
            db.path, "backup", str(write_protected_stick), env=dict(os.environ, DESASADAR_LANG=lang)
        )
        assert done.returncode == 2
        assert word in done.stderr, done.stderr
        assert wrong not in done.stderr and "Traceback" not in done.stderr
    assert list(write_protected_stick.iterdir()) == []


def test_a_full_log_disk_prints_no_traceback(small_disk: Path, db_path: Path) -> None:
    """The log folder on a full disk: commands still work and print no logging errors."""
    data = small_disk / "data"
    data.mkdir()
    (data / "logs").mkdir()
    (data / "scratch").mkdir()
    _fill(small_disk)
    env = dict(os.environ, DESASADAR_DATA_DIR=str(data))
    done = _run(db_path, "stats", env=env)
    assert done.returncode == 0, done.stderr
    assert "Logging error" not in done.stderr and "Traceback" not in done.stderr


def test_the_log_handler_drops_records_it_cannot_write(small_disk: Path, capsys) -> None:
    import logging

    from desasadar_gui.logs import QuietRotatingFileHandler

    handler = QuietRotatingFileHandler(small_disk / "desasadar.log", maxBytes=10**9)
    logger = logging.getLogger("desasadar.test.fulllog")
    logger.addHandler(handler)
    try:
        _fill(small_disk)
        for n in range(200):
            logger.warning("record %d %s", n, "x" * 200)
        handler.flush()
    finally:
        logger.removeHandler(handler)
        handler.close()
    err = capsys.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err
    assert handler.dropped > 0
