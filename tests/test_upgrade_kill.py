"""A power cut during the start-up schema upgrade must not brick the database.

The upgrade of a large database (0004 -> head builds the progress indexes) runs in a
child process that is SIGKILLed at several points: between the pre-upgrade backup and
the upgrade, after the migration ran but before its commit, just before the commit, and
at timed moments spread over the whole upgrade. Every next start (``Database.open``,
what the GUI and each command do) must open the file with no terminal needed, at the
newest revision, and with the same content digest as an uninterrupted upgrade.

A file that an older version of the app left half-upgraded (some new indexes committed,
``alembic_version`` still old: "index ... already exists" at every start) is finished.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from upgrade_helpers import old_database

from desasadar_gui.cli.main import clean_leftovers
from desasadar_gui.db.backup_files import backups_dir
from desasadar_gui.db.migrate import head_revision
from desasadar_gui.services.database import Database
from desasadar_gui.services.stats import content_digest

CHILD = (
    "import sys; from desasadar_gui.services.database import Database; "
    "Database.open(sys.argv[1], lock=True).close(); print('upgraded', flush=True)"
)


def _revision(path: Path) -> str:
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _copy(source: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(source, target)
    return target


def _start(path: Path, hook: str | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop("DESASADAR_UPGRADE_HOOK", None)
    if hook:
        env["DESASADAR_UPGRADE_HOOK"] = hook
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _kill_at_hook(path: Path, point: str) -> None:
    with _start(path, f"{point}:60") as child:
        try:
            line = child.stdout.readline().strip()
        finally:
            child.send_signal(signal.SIGKILL)
            _, err = child.communicate(timeout=30)
        assert line == f"upgrade-hook {point}", (line, err[-2000:])


def _kill_after(path: Path, seconds: float) -> int | None:
    with _start(path) as child:
        try:
            child.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.communicate(timeout=30)
            return None
        return child.returncode  # finished before the kill


def _next_start_digest(path: Path) -> str:
    """What the next start does: open normally (finishing the upgrade), then read."""
    with Database.open(path, lock=True) as db:
        assert db.upgrade.to_revision == head_revision()
        digest = content_digest(db)
    assert _revision(path) == head_revision()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    return digest


def _reference_digest(source: Path, folder: Path) -> str:
    path = _copy(source, folder, "reference.sqlite")
    with Database.open(path) as db:
        return content_digest(db)


@pytest.fixture(scope="module")
def small_old_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return old_database(tmp_path_factory.mktemp("old") / "lama.sqlite", 3000)


@pytest.mark.parametrize("point", ["after-backup", "after-migration", "before-commit"])
def test_kill_at_each_upgrade_step_then_the_next_start_opens_intact(
    small_old_db: Path, tmp_path: Path, point: str
) -> None:
    expected = _reference_digest(small_old_db, tmp_path / "ref")
    path = _copy(small_old_db, tmp_path / "kill", "desa.sqlite")
    _kill_at_hook(path, point)
    assert _revision(path) == "0004"  # the killed upgrade left nothing of itself
    assert _next_start_digest(path) == expected
    # The pre-upgrade copy is there to fall back on, complete.
    copies = list(backups_dir(path).glob("pre-upgrade-*.sqlite"))
    assert copies and all(_revision(c) == "0004" for c in copies)


def _half_apply_like_an_older_version(path: Path) -> None:
    """What a kill during 0004 -> 0005 left with the old app: some indexes committed."""
    con = sqlite3.connect(path)
    con.execute(
        "CREATE INDEX ix_participants_progress ON participants (status, registration_date, "
        "deleted_at, prog_jkk, prog_jkm, prog_jht, contribution)"
    )
    con.execute(
        "CREATE INDEX ix_participants_village_progress ON participants (village_id, status, "
        "registration_date, deleted_at)"
    )
    con.execute("DROP INDEX ix_attendance_session_id")
    con.commit()
    con.close()


def test_a_half_applied_upgrade_of_an_older_version_is_finished(
    small_old_db: Path, tmp_path: Path
) -> None:
    expected = _reference_digest(small_old_db, tmp_path / "ref")
    path = _copy(small_old_db, tmp_path / "half", "desa.sqlite")
    _half_apply_like_an_older_version(path)
    with Database.open(path) as db:
        assert db.upgrade.finished_half_applied == (
            "index:ix_participants_progress",
            "index:ix_participants_village_progress",
        )
        assert content_digest(db) == expected
    con = sqlite3.connect(path)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    con.close()
    assert {"ix_attendance_session_id", "ix_participants_officials"} <= indexes


def _broken_upgrade(source: Path, folder: Path) -> tuple[Path, Path]:
    """A file whose upgrade fails every time (an object in the way that no migration
    expects), and the daily copy taken before it broke."""
    from desasadar_gui.db.backup_files import DAILY, take_backup_file

    path = _copy(source, folder, "desa.sqlite")
    daily = take_backup_file(path, DAILY)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ix_participants_officials (x)")
    con.commit()
    con.close()
    return path, daily


@pytest.mark.parametrize("stamped", ["0001", "0002", "0003", "0004"])
def test_every_migration_can_run_again_over_its_own_result(
    small_old_db: Path, tmp_path: Path, stamped: str
) -> None:
    """The strongest form of "half-applied": the whole newer schema is there, but the
    version says ``stamped``. Every migration after it runs again and must succeed."""
    expected = _reference_digest(small_old_db, tmp_path / "ref")
    path = _copy(small_old_db, tmp_path / "again", "desa.sqlite")
    with Database.open(path):
        pass  # at head now
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = ?", (stamped,))
    con.commit()
    con.close()
    with Database.open(path) as db:
        assert db.upgrade.from_revision == stamped
        assert db.upgrade.finished_half_applied  # it saw the later objects
        assert content_digest(db) == expected
    assert _revision(path) == head_revision()


def test_an_upgrade_that_still_fails_names_a_backup_that_opens_and_shows_no_sql(
    small_old_db: Path, tmp_path: Path
) -> None:
    from desasadar_gui.db.migrate import UpgradeFailedError

    path, daily = _broken_upgrade(small_old_db, tmp_path / "broken")
    with pytest.raises(UpgradeFailedError) as err:
        Database.open(path)
    # The pre-upgrade copy has the same fault; the daily copy from before upgrades.
    assert err.value.backup_path == daily
    assert err.value.latest_backup is not None and err.value.latest_backup.kind == "daily"
    for lang in ("id", "en"):
        text = err.value.message(lang)
        assert str(daily) in text
        assert "CREATE" not in text and "sqlite3" not in text and "index" not in text.lower()
    assert _revision(path) == "0004"  # rolled back, as it was
    pre_upgrade = sorted(backups_dir(path).glob("pre-upgrade-*"))
    # The command line says the same, exit 2, no traceback, and the command to run.
    done = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(path), "stats"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "CREATE" not in done.stderr
    assert f'restore "{daily}"' in done.stderr
    # A start after a failed upgrade reuses its copy (the file has not changed since).
    assert sorted(backups_dir(path).glob("pre-upgrade-*")) == pre_upgrade
    # Running that command brings the data back.
    done = subprocess.run(
        [sys.executable, "-m", "desasadar_gui", "--db", str(path), "restore", str(daily)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert _next_start_digest(path) == _reference_digest(small_old_db, tmp_path / "ref")


@pytest.mark.slow
def test_kill_a_large_upgrade_at_many_points(tmp_path: Path) -> None:
    """100k participants: kills at each hook and at timed points over the upgrade."""
    started = time.monotonic()
    source = old_database(tmp_path / "src" / "besar.sqlite", 100_000)
    build = time.monotonic() - started
    expected = _reference_digest(source, tmp_path / "ref")

    # How long the whole child takes when nobody kills it.
    path = _copy(source, tmp_path / "timing", "desa.sqlite")
    t0 = time.monotonic()
    with _start(path) as child:
        _, err = child.communicate(timeout=300)
    assert child.returncode == 0, err[-2000:]
    whole = time.monotonic() - t0

    outcomes = []
    for point in ("after-backup", "after-migration", "before-commit"):
        path = _copy(source, tmp_path / point, "desa.sqlite")
        _kill_at_hook(path, point)
        outcomes.append((point, _revision(path)))
        assert _next_start_digest(path) == expected
    for fraction in (0.35, 0.5, 0.65, 0.8, 0.9, 0.97):
        path = _copy(source, tmp_path / f"t{fraction}", "desa.sqlite")
        rc = _kill_after(path, whole * fraction)
        parts = [p.name for p in backups_dir(path).iterdir() if ".part" in p.name]
        outcomes.append((f"{whole * fraction:.2f}s", _revision(path), rc, parts))
        clean_leftovers(path)  # what every start does first (a kill mid-backup left .part)
        assert not [p for p in backups_dir(path).iterdir() if ".part" in p.name]
        assert _next_start_digest(path) == expected
    print(
        json.dumps(
            {"build_s": round(build, 1), "uninterrupted_child_s": round(whole, 2),
             "outcomes": outcomes, "total_s": round(time.monotonic() - started, 1)}
        )
    )  # fmt: skip
