"""A file is identified as ours, readable and of a known schema before anything writes
to it: a foreign or too-new SQLite file that is refused is left byte for byte as it
was, in a folder that looks exactly as before (no -wal, -shm, -journal or .lock)."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desasadar_gui.db.migrate import DatabaseTooNewError, NotOurDatabaseError
from desasadar_gui.services.database import Database


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _foreign(path: Path, journal: str) -> Path:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode={journal}")
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('Pelanggan')")
    con.commit()
    con.close()
    return path


def _too_new(path: Path, template_db: Path) -> Path:
    path.write_bytes(template_db.read_bytes())
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path, journal: str) -> None:
    folder = tmp_path / "lain"
    folder.mkdir()
    path = _foreign(folder / "toko.sqlite", journal)
    before = _snapshot(folder)
    with pytest.raises(NotOurDatabaseError) as err:
        Database.open(path, lock=True)
    assert "tidak diubah" in err.value.message("id")
    assert "not changed" in err.value.message("en")
    assert _snapshot(folder) == before  # same names, same bytes: nothing created


def test_a_too_new_file_is_refused_untouched(tmp_path: Path, template_db: Path) -> None:
    folder = tmp_path / "baru"
    folder.mkdir()
    path = _too_new(folder / "desa.sqlite", template_db)
    before = _snapshot(folder)
    with pytest.raises(DatabaseTooNewError):
        Database.open(path, lock=True)
    assert _snapshot(folder) == before


def test_refused_files_from_the_command_line_are_untouched(
    tmp_path: Path, template_db: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    paths = [_foreign(folder / "toko.sqlite", "delete"), _too_new(folder / "d.sqlite", template_db)]
    before = _snapshot(folder)
    for path in paths:
        for command in (["stats"], ["demo", "--participants", "1"]):
            done = subprocess.run(
                [sys.executable, "-m", "desasadar_gui", "--db", str(path), *command],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 2, done.stderr
            assert "Traceback" not in done.stderr
    assert _snapshot(folder) == before
