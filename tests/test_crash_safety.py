"""A power cut at any moment: kill -9 a real import process at several points, then
check the database is intact, the import is all-or-nothing, and re-running completes.

The workbook (20,000 participants from the demo generator) and one complete reference
import are made once per session. The kill points are not fixed delays (the machine's
load would move them around) but moments observed from outside: a short time after
start (reading the workbook), and when the database's write-ahead log has grown to
a given share of what the reference import wrote (inside the apply transaction).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from safety_helpers import PEOPLE, add_people, integrity

from desasadar_gui.services.database import Database
from desasadar_gui.services.stats import content_digest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]
pytest.importorskip("desasadar_gui.sync.workbook_import")

PARTICIPANTS = 20_000
POLL = 0.002


@dataclass(frozen=True)
class Reference:
    workbook: Path
    laptop: Path  # the receiving laptop before the import (it has its own people)
    before: int
    after: int
    digest: str
    wal_peak: int  # how far the -wal grew during the reference import
    seconds: float


def _participants(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM participants").fetchone()[0]
    finally:
        con.close()


def _wal_size(db: Path) -> int:
    try:
        return os.path.getsize(str(db) + "-wal")
    except OSError:
        return 0


def _import_command(db: Path, workbook: Path) -> list[str]:
    return [sys.executable, "-m", "desasadar_gui", "--db", str(db), "import", str(workbook)]


def _run_import(db: Path, workbook: Path) -> tuple[subprocess.CompletedProcess, int, float]:
    """Run to completion; returns the result, the -wal's peak size and the duration."""
    started = time.monotonic()
    with subprocess.Popen(
        _import_command(db, workbook), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _wal_size(db))
            time.sleep(POLL)
        out, err = proc.communicate()
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return done, peak, time.monotonic() - started


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Reference:
    folder = tmp_path_factory.mktemp("crash")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DESASADAR_DATA_DIR", str(folder / "data"))
        from desasadar_gui.services.demo import generate_demo
        from desasadar_gui.sync.workbook_export import export_workbook

        source = folder / "sumber.sqlite"
        shutil.copyfile(template_db, source)
        with Database.open(source) as db:
            db.set_officer("Petugas Sumber", "KC Jambi")
            generate_demo(db, participants=PARTICIPANTS, seed=7, force=True)
            workbook = export_workbook(db, folder / "peserta.xlsx").path

        laptop = folder / "laptop.sqlite"
        shutil.copyfile(template_db, laptop)
        with Database.open(laptop) as db:
            db.set_officer("Petugas Penerima", "KC Jambi")
            add_people(db, PEOPLE)
        before = _participants(laptop)

        full = folder / "lengkap.sqlite"
        shutil.copyfile(laptop, full)
        done, peak, seconds = _run_import(full, workbook)
        assert done.returncode == 0, done.stderr
        after = _participants(full)
        assert after >= before + PARTICIPANTS
        with Database.open(full) as db:
            digest = content_digest(db)
    return Reference(workbook, laptop, before, after, digest, peak, seconds)


def _kill_when(db: Path, workbook: Path, ready) -> tuple[bool, float]:  # noqa: ANN001
    """Start an import and SIGKILL it as soon as ``ready(elapsed, wal_size)`` holds.

    Returns whether it was killed while still running, and when.
    """
    started = time.monotonic()
    with subprocess.Popen(
        _import_command(db, workbook), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as proc:
        while proc.poll() is None:
            elapsed = time.monotonic() - started
            if ready(elapsed, _wal_size(db)):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait(timeout=60)
                return proc.returncode == -signal.SIGKILL, elapsed
            time.sleep(POLL)
        return False, time.monotonic() - started


KILL_POINTS = {
    # While the workbook is still being read and checked: nothing may have changed.
    "reading": lambda ref: (lambda t, wal: t >= 0.3),
    # Inside the apply transaction, at growing depths of what it writes.
    "apply-start": lambda ref: (lambda t, wal: wal >= 64 * 1024),
    "apply-30%": lambda ref: (lambda t, wal: wal >= 0.3 * ref.wal_peak),
    "apply-70%": lambda ref: (lambda t, wal: wal >= 0.7 * ref.wal_peak),
    "apply-95%": lambda ref: (lambda t, wal: wal >= 0.95 * ref.wal_peak),
    # Around the commit and the closing checkpoint.
    "near-the-end": lambda ref: (lambda t, wal: t >= 0.97 * ref.seconds),
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_kill_minus_nine_leaves_an_intact_all_or_nothing_database(
    reference: Reference, tmp_path: Path, point: str
) -> None:
    db = tmp_path / "laptop.sqlite"
    shutil.copyfile(reference.laptop, db)

    killed, at = _kill_when(db, reference.workbook, KILL_POINTS[point](reference))

    # The file survives: SQLite recovers (or discards) the interrupted transaction.
    assert integrity(db) == "ok"
    count = _participants(db)
    assert count in (reference.before, reference.after), (point, at, count)
    if killed and point in ("apply-start", "apply-30%", "apply-70%"):
        # Killed well inside the apply: the uncommitted transaction vanished entirely.
        assert count == reference.before, (point, at, count)

    # Running the same import again completes, with exactly the reference result.
    done, _peak, _seconds = _run_import(db, reference.workbook)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert _participants(db) == reference.after
    with Database.open(db) as opened:
        assert content_digest(opened) == reference.digest
    assert integrity(db) == "ok"


def test_the_kill_points_really_fall_inside_the_apply_step(
    reference: Reference, tmp_path: Path
) -> None:
    """Guards the test above: the -wal really grows over many polls during the apply,
    so the apply kill points land inside the transaction and not after the commit."""
    assert reference.wal_peak >= 4 * 64 * 1024, reference
    db = tmp_path / "laptop.sqlite"
    shutil.copyfile(reference.laptop, db)
    killed, _at = _kill_when(
        db, reference.workbook, KILL_POINTS["apply-30%"](reference)
    )
    assert killed
    assert _participants(db) == reference.before
