"""One copy of the app per database *file*: a hard link in another folder or a symlink
to the same file is the same database, and a second process on it is refused (two
writers through two paths get two WAL files and corrupt the database)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import PEOPLE, add_people, integrity, live_participants

from desasadar_gui.services.database import Database
from desasadar_gui.services.instance_lock import (
    InstanceLockedError,
    acquire_instance_lock,
    file_identity,
)

HOLD = (
    "import sys, time\n"
    "from desasadar_gui.services.database import Database\n"
    "db = Database.open(sys.argv[1], lock=True)\n"
    "print('open', flush=True)\n"
    "sys.stdin.readline()\n"
    "db.close()\n"
)


@pytest.fixture
def holder(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the database open through its own path."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout.readline().strip() == "open", child.stderr.read()
        try:
            yield child
        finally:
            child.communicate("\n", timeout=60)


def _other_path(db_path: Path, tmp_path: Path, how: str) -> Path:
    other = tmp_path / "folder lain" / "salinan.sqlite"
    other.parent.mkdir()
    if how == "hardlink":
        os.link(db_path, other)
    else:
        other.symlink_to(db_path)
    assert file_identity(other) == file_identity(db_path)
    return other


@pytest.mark.parametrize("how", ["hardlink", "symlink"])
def test_same_file_through_another_path_is_refused_in_another_process(
    db_path: Path, tmp_path: Path, holder: subprocess.Popen[str], how: str
) -> None:
    other = _other_path(db_path, tmp_path, how)
    before = live_participants(db_path)
    done = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(other), "demo",
         "--participants", "5"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "sedang dibuka di jendela Desa Sadar lain" in done.stderr
    assert "Traceback" not in done.stderr
    # Nothing was written through the second path: no second WAL, the data as it was.
    assert not Path(str(other) + "-wal").exists()
    assert live_participants(db_path) == before
    assert integrity(db_path) == "ok"


@pytest.mark.parametrize("how", ["hardlink", "symlink"])
def test_same_file_through_another_path_is_refused_in_this_process(
    db_path: Path, tmp_path: Path, how: str
) -> None:
    other = _other_path(db_path, tmp_path, how)
    with Database.open(db_path, lock=True) as first:
        add_people(first, PEOPLE[:1])
        with pytest.raises(InstanceLockedError):
            Database.open(other, lock=True)
        with pytest.raises(InstanceLockedError):
            acquire_instance_lock(other)
    with Database.open(other, lock=True) as second:  # once closed, the other path works
        assert live_participants(second.path) == 1


def test_a_new_file_gets_its_identity_lock_once_created(tmp_path: Path) -> None:
    path = tmp_path / "baru.sqlite"
    with Database.open(path, lock=True) as db:
        assert db.instance_lock is not None and db.instance_lock.identity == file_identity(path)
        link = tmp_path / "tautan.sqlite"
        os.link(path, link)
        with pytest.raises(InstanceLockedError):
            acquire_instance_lock(link)


def test_a_restore_that_replaces_the_file_moves_the_lock_to_the_new_file(
    db: Database, tmp_path: Path
) -> None:
    from desasadar_gui.services.backups import MANUAL, restore_backup, take_backup

    add_people(db, PEOPLE[:2])
    copy = take_backup(db, MANUAL)
    path = db.path
    db.close()
    with acquire_instance_lock(path) as lock:
        restore_backup(path, copy)  # a new file (new file number) under the same name
        reopened = Database.open(path)
        reopened.instance_lock = lock
        assert lock.identity == file_identity(path)
        link = tmp_path / "tautan.sqlite"
        os.link(path, link)
        with pytest.raises(InstanceLockedError):
            acquire_instance_lock(link)
        reopened.instance_lock = None
        reopened.close()
