"""Backups never fill the disk and never leave personal data behind: a total size cap
(oldest pre-import copies first, manual copies never), room checked before a copy, and
half-written copies of a killed backup removed at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from safety_helpers import add_people
from test_honest_errors import tiny_disk  # noqa: F401 (fixture)

from desasadar_gui.db.backup_files import backups_dir, new_backup_path
from desasadar_gui.scratch import scratch_root
from desasadar_gui.services import backups
from desasadar_gui.services.backups import (
    DAILY,
    MANUAL,
    PRE_IMPORT,
    PRE_UPGRADE,
    BackupPolicy,
    list_backups,
    rotate,
    save_policy,
    take_backup,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.oserrors import DiskFullError


def _copy_at(db_path: Path, kind: str, when: datetime) -> Path:
    return take_backup(db_path, kind, out=new_backup_path(backups_dir(db_path), kind, when))


def test_size_cap_prunes_oldest_pre_import_copies_first_and_never_manual(db: Database) -> None:
    add_people(db)
    start = datetime(2025, 3, 1, 8, 0, 0)
    for n in range(6):
        _copy_at(db.path, PRE_IMPORT, start + timedelta(hours=n))
    for n in range(3):
        _copy_at(db.path, DAILY, start + timedelta(days=n))
    _copy_at(db.path, PRE_UPGRADE, start)
    for n in range(2):
        _copy_at(db.path, MANUAL, start - timedelta(days=n + 1))
    size = list_backups(db.path)[0].size
    # Room for 8 of the 12 copies: 4 must go, and they are the oldest pre-import ones.
    removed = rotate(db, BackupPolicy(max_total_bytes=8 * size + size // 2))
    assert len(removed) == 4
    kept = list_backups(db.path)
    pre_import = [b.taken_at for b in kept if b.kind == PRE_IMPORT]
    assert pre_import == [start + timedelta(hours=5), start + timedelta(hours=4)]
    assert [b.kind for b in kept].count(DAILY) == 3
    assert [b.kind for b in kept].count(MANUAL) == 2
    # Far over the cap: automatic copies go down to the newest of each kind; manual stay.
    rotate(db, BackupPolicy(max_total_bytes=1))
    kinds = sorted(b.kind for b in list_backups(db.path))
    assert kinds == sorted([DAILY, MANUAL, MANUAL, PRE_IMPORT, PRE_UPGRADE])


def test_size_cap_is_configurable_in_the_database(db: Database) -> None:
    assert backups.load_policy(db).max_total_bytes == 2048 * 1024 * 1024
    policy = save_policy(db, keep_daily=7, keep_pre_import=10, max_total_mb=300)
    assert policy.max_total_bytes == 300 * 1024 * 1024
    assert backups.load_policy(db) == policy


def test_an_import_on_a_small_disk_prunes_old_copies_or_refuses_before_writing(
    tiny_disk: Path,  # noqa: F811 (the fixture imported above)
    template_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DESASADAR_DATA_DIR", str(tiny_disk / "data"))
    monkeypatch.setattr(backups.taking, "FREE_SPACE_MARGIN", 64 * 1024)
    path = tiny_disk / "desa.sqlite"
    path.write_bytes(template_db.read_bytes())
    with Database.open(path) as db:
        size = path.stat().st_size
        copies = [backups.backup_before_import(db) for _ in range(2)]  # 1 MB disk
        assert all(c is not None and c.exists() for c in copies)
        # Fill the disk until a copy no longer fits with the margin to spare.
        filler = tiny_disk / "isi"
        free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
        filler.write_bytes(b"\0" * max(0, free - size - 16 * 1024))
        # Still works: the oldest pre-import copies make room for the new one.
        newest = backups.backup_before_import(db)
        assert newest.exists()
        kept = [b.path for b in list_backups(path) if b.kind == PRE_IMPORT]
        assert newest in kept and copies[0] not in kept
        # With no room even after pruning (nothing left to prune), a plain message and
        # nothing written.
        for old in list_backups(path):
            old.path.unlink()
        free = os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize
        (tiny_disk / "isi2").write_bytes(b"\0" * max(0, free - 4096))
        before = sorted(p.name for p in backups_dir(path).iterdir())
        with pytest.raises(DiskFullError) as err:
            backups.backup_before_import(db)
        assert "Disk penuh" in err.value.message("id")
        assert "rusak" not in err.value.message("id")
        after = sorted(p.name for p in backups_dir(path).iterdir())
        assert not [n for n in after if n.endswith(".part")]
        assert set(after) <= set(before)


# -- a kill during a backup ----------------------------------------------------------------

# The child stops at a chosen point of the backup and waits to be killed there:
# "copied" (the copy written, not yet flushed) or "flushed" (about to be renamed).
SLOW_BACKUP = (
    "import os, sys, time\n"
    "from desasadar_gui.db import engine\n"
    "point = os.environ.get('KILL_POINT', 'copied')\n"
    "def wait(*_a, **_k):\n"
    "    print('writing', flush=True)\n"
    "    time.sleep(60)\n"
    "if point == 'copied':\n"
    "    engine.fsync_file = wait\n"
    "else:\n"
    "    real = engine.fsync_file\n"
    "    def flushed(path):\n"
    "        real(path)\n"
    "        wait()\n"
    "    engine.fsync_file = flushed\n"
    "from desasadar_gui.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _kill_mid_backup(db_path: Path, *args: str, point: str = "copied") -> None:
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, "--db", str(db_path), "backup", *args],
        env=dict(os.environ, KILL_POINT=point),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            line = child.stdout.readline().strip()
        finally:
            child.send_signal(signal.SIGKILL)
            _, err = child.communicate(timeout=30)
        assert line == "writing", err


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".part" in p.name)


def _start_a_command(db_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(db_path), "stats"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("point", ["copied", "flushed"])
def test_a_killed_backup_leaves_no_part_file_after_the_next_start(db: Database, point: str) -> None:
    add_people(db)
    path = db.path
    db.close()
    _kill_mid_backup(path, point=point)
    folder = backups_dir(path)
    assert _parts(folder)  # the kill left a half-written copy (full of NIKs)...
    _start_a_command(path)
    assert _parts(folder) == []  # ...which the next start removed at once
    assert not [d for d in scratch_root().iterdir() if d.is_dir()]


@pytest.mark.parametrize("point", ["copied", "flushed"])
def test_a_killed_backup_onto_a_usb_stick_is_cleaned_there_too(
    db: Database, tmp_path: Path, point: str
) -> None:
    add_people(db)
    path = db.path
    db.close()
    stick = tmp_path / "flashdisk"
    stick.mkdir()
    _kill_mid_backup(path, str(stick), point=point)
    assert _parts(stick)
    _start_a_command(path)
    assert _parts(stick) == [] and list(stick.iterdir()) == []


def test_a_running_backup_is_never_cleaned_by_another_start(db: Database) -> None:
    add_people(db)
    path = db.path
    db.close()
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, "--db", str(path), "backup"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        try:
            assert child.stdout.readline().strip() == "writing"
            folder = backups_dir(path)
            parts = _parts(folder)
            from desasadar_gui.cli.main import clean_leftovers

            clean_leftovers(path)  # what another window or command does at its start
            time.sleep(0.1)
            assert _parts(folder) == parts and parts
        finally:
            child.send_signal(signal.SIGKILL)
            child.communicate(timeout=30)
