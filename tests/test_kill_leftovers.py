"""Killed in the middle of an export or an import: no file holding a NIK stays behind.

The export writes XlsxWriter's row files into a scratch folder and the workbook beside
its target as a ``.part``; the import parks every row in a staging database. A power
cut or a SIGKILL at any moment must not leave those where a lost laptop's finder (or
the next user of a shared USB stick) reads them: once the app has started again, no
file outside the database and its backups folder holds a NIK of the database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desasadar_gui.services.database import Database
from desasadar_gui.services.demo import generate_demo

NIKS_TO_LOOK_FOR = 50


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> tuple[Path, list[str]]:
    import shutil

    folder = tmp_path_factory.mktemp("kill base")
    path = folder / "laptop.sqlite"
    shutil.copyfile(template_db, path)
    with Database.open(path) as db:
        db.set_officer("Petugas", "KC Jambi")
        generate_demo(db, participants=8000, seed=5, regions_dir=None)
        with db.engine.connect() as conn:
            niks = [
                r[0]
                for r in conn.exec_driver_sql(
                    f"SELECT nik FROM participants WHERE nik IS NOT NULL LIMIT {NIKS_TO_LOOK_FOR}"
                )
            ]
    return path, niks


def _env(data: Path) -> dict[str, str]:
    """The child's data folder and its own TEMP folder (to be searched afterwards)."""
    temp = data.parent / "temp"
    temp.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DESASADAR_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(temp),
        "TEMP": str(temp),
        "TMP": str(temp),
    }


def _cli(data: Path, *args: str) -> None:
    """A command run to its end (the one before or after a killed one)."""
    subprocess.run(
        [sys.executable, "-m", "desasadar_gui", *args],
        env=_env(data), capture_output=True, check=True,
    )  # fmt: skip


def _run_and_kill(args: list[str], data: Path, sign: Callable[[], bool], after: float) -> None:
    """Start a command, wait until ``sign()`` says its half-done files exist, let it go on
    for ``after`` seconds more, then kill it (SIGKILL: no clean-up code runs)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desasadar_gui", *args],
        env=_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not sign():
        assert proc.poll() is None, "the command ended before it was caught in the middle"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _files_with_niks(roots: list[Path], niks: list[str], allowed: list[Path]) -> list[Path]:
    """Plain files under ``roots`` (outside ``allowed``) holding any of ``niks``. An
    .xlsx is a zip: a complete workbook is looked into; a half-written one must not exist
    at all (nothing in it would be readable as text anyway)."""
    import zipfile

    found = []
    needles = [n.encode() for n in niks]
    for root in roots:
        for path in root.rglob("*"):
            if not path.is_file() or any(path.is_relative_to(a) for a in allowed):
                continue
            if ".part" in path.name:
                found.append(path)
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as zf:
                    data = b"".join(zf.read(n) for n in zf.namelist())
            if any(n in data for n in needles):
                found.append(path)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.0, 0.3, 0.8])
def test_a_killed_export_leaves_nothing_behind(big, tmp_path, after):
    import shutil

    src, niks = big
    db = tmp_path / "laptop.sqlite"
    shutil.copyfile(src, db)
    data, stick = tmp_path / "data", tmp_path / "usb stick"
    stick.mkdir()
    _run_and_kill(
        ["--db", str(db), "export", str(stick / "sync.xlsx")],
        data,
        lambda: any(stick.glob("*.part")),
        after,
    )
    # The app starts again (any command): its start-up cleans what the kill left.
    _cli(data, "--db", str(db), "stats")
    complete = stick / "sync.xlsx"
    leftovers = _files_with_niks(
        [data, stick, tmp_path / "temp"],
        niks,
        allowed=[db, db.parent / f"{db.name}-wal", complete, data / "backups"],
    )
    assert leftovers == []


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.0, 0.5, 1.5])
def test_a_killed_import_leaves_nothing_behind(big, tmp_path, template_db, after):
    import shutil

    src, niks = big
    origin = tmp_path / "origin.sqlite"
    shutil.copyfile(src, origin)
    data = tmp_path / "data"
    workbook = tmp_path / "sync.xlsx"
    _cli(data, "--db", str(origin), "export", str(workbook))
    db = tmp_path / "receiver.sqlite"
    shutil.copyfile(template_db, db)
    _run_and_kill(
        ["--db", str(db), "import", str(workbook)],
        data,
        lambda: any((data / "scratch").glob("import-*/staging.sqlite")),
        after,
    )
    _cli(data, "--db", str(db), "stats")
    leftovers = _files_with_niks(
        [data, tmp_path / "temp"],
        niks,
        allowed=[db, db.parent / f"{db.name}-wal", origin, workbook, data / "backups"],
    )
    assert leftovers == []

    # The database is intact: all or nothing of the import.
    def count(path: Path) -> int:
        with Database.open(path) as opened, opened.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM participants").scalar()

    assert count(db) in (0, count(origin))


WORKBOOK_PASSWORD = "kopi-kerinci-2024"


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.0, 0.5])
def test_a_killed_protected_export_or_import_leaves_no_plain_workbook(
    big, tmp_path, template_db, after, monkeypatch
):
    """The plain workbook of a protected export, or the decrypted copy of a protected
    import, lives in a scratch folder only: a kill leaves it to the next start."""
    import shutil

    src, niks = big
    origin = tmp_path / "origin.sqlite"
    shutil.copyfile(src, origin)
    data, stick = tmp_path / "data", tmp_path / "usb stick"
    stick.mkdir()
    monkeypatch.setenv("DESASADAR_WORKBOOK_PASSWORD", WORKBOOK_PASSWORD)  # the children's
    _run_and_kill(
        ["--db", str(origin), "export", str(stick / "killed.xlsx"), "--password"],
        data,
        lambda: any((data / "scratch").glob("protect-*/*.xlsx")),
        after,
    )
    workbook = stick / "sync.xlsx"
    _cli(data, "--db", str(origin), "export", str(workbook), "--password")
    db = tmp_path / "receiver.sqlite"
    shutil.copyfile(template_db, db)
    _run_and_kill(
        ["--db", str(db), "import", str(workbook)],
        data,
        lambda: any((data / "scratch").glob("unlocked-*/*.xlsx")),
        after,
    )
    _cli(data, "--db", str(db), "stats")
    assert not (data / "scratch").exists() or not list((data / "scratch").glob("*/*.xlsx"))
    leftovers = _files_with_niks(
        [data, stick, tmp_path / "temp"],
        niks,
        allowed=[db, db.parent / f"{db.name}-wal", origin, data / "backups"],
    )
    assert leftovers == []
