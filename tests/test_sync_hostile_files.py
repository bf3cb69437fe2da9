"""Hostile and odd workbooks: refused or imported in bounded memory, never a crash.

A cell far away (Excel writes one when a whole row or column is formatted) once made
the reader allocate by the sheet's dimension: 512 GiB at XFD1048576 (the process
aborted), 3.3 GB at CV1048576. A far-future export time or a zip part flagged as
encrypted ended in exit 70. Each is now a plain answer, exit 0/1/2, in the command
line (in a child process, whose peak memory is measured) and in the GUI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sync_helpers import add_person, add_village, export, new_laptop

from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.context import UiContext
from desasadar_gui.ui.sync import actions as sync_actions

MEMORY_LIMIT_MIB = 300


@pytest.fixture
def exported(tmp_path: Path, template_db: Path) -> tuple[Path, Path]:
    db = new_laptop(tmp_path / "a", template_db, "A")
    vid = add_village(db)
    for name in ("Ani", "Budi", "Cici"):
        add_person(db, vid, name)
    path = export(db, tmp_path / "export.xlsx")
    db.close()
    receiver = new_laptop(tmp_path / "b", template_db, "B")
    receiver_path = receiver.path
    receiver.close()
    return path, receiver_path


def _with_far_cell(src: Path, out: Path, cell: str) -> Path:
    wb = openpyxl.load_workbook(src)
    wb["Peserta"][cell] = "far away"
    wb.save(out)
    return out


# Linux keeps a process's peak memory across fork and exec, so a child started straight
# from this (large) test process would report the test's size. A small launcher forks
# the command instead and reports the command's own peak.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
print(f"PEAK-KIB {usage.ru_maxrss}", flush=True)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _import_in_child(db: Path, book: Path, data_dir: Path) -> tuple[int, str, float]:
    env = {**os.environ, "DESASADAR_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, "-m", "desasadar_gui", "--db", str(db), "import",
         str(book)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    out = done.stdout + done.stderr
    peak = next(int(line.split()[1]) for line in out.splitlines() if line.startswith("PEAK-KIB"))
    return done.returncode, out, peak / 1024


@pytest.mark.parametrize("cell", ["XFD1048576", "CV1048576", "BZ300000"])
def test_a_far_cell_costs_no_memory(exported, tmp_path, cell):
    src, db = exported
    book = _with_far_cell(src, tmp_path / f"far-{cell}.xlsx", cell)
    code, out, peak = _import_in_child(db, book, tmp_path / "data")
    assert code in (0, 1, 2), out
    assert "Traceback" not in out
    assert peak < MEMORY_LIMIT_MIB, f"{peak:.0f} MiB"
    assert code == 0, out  # the far cell is outside our columns: the rows import


def test_a_far_cell_in_the_gui_imports(qtbot, exported, tmp_path, monkeypatch):
    from desasadar_gui.services.database import Database
    from desasadar_gui.ui.kit import messages

    src, db_path = exported
    book = _with_far_cell(src, tmp_path / "far.xlsx", "XFD1048576")
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda parent, text, title=None: shown.append(text))
    monkeypatch.setattr(messages, "show_error", lambda parent, text, title=None: shown.append(text))
    monkeypatch.setattr(sync_actions, "run_preview", lambda parent, prepared: True)
    db = Database.open(db_path)
    try:
        sync_actions.import_with_dialog(None, UiContext(db), path=str(book))
        qtbot.waitUntil(lambda: bool(shown), timeout=60000)
        wait_for_all()
        assert "Impor selesai" in shown[0]
    finally:
        db.close()


def _set_meta(src: Path, out: Path, key: str, value: str) -> Path:
    wb = openpyxl.load_workbook(src)
    ws = wb["Metadata"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value
    wb.save(out)
    return out


def test_an_export_time_in_the_year_9999_is_refused_plainly(exported, tmp_path):
    src, db = exported
    book = _set_meta(src, tmp_path / "9999.xlsx", "exported_at", "9999-12-31 23:59:59.000000")
    code, out, _ = _import_in_child(db, book, tmp_path / "data")
    assert code == 2, out
    assert "tidak masuk akal" in out and "Traceback" not in out


def test_a_zip_part_flagged_as_encrypted_is_refused_plainly(exported, tmp_path):
    src, db = exported
    book = tmp_path / "encrypted.xlsx"
    data = bytearray(src.read_bytes())
    # Set the "encrypted" bit of one part in the central directory, as a zip tool that
    # password-protects parts does (the bytes themselves stay readable).
    name = b"xl/worksheets/sheet3.xml"
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        size = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + size] == name:
            data[at + 8] |= 0x1
            break
        at += 4
    book.write_bytes(bytes(data))
    with zipfile.ZipFile(book) as zf:
        assert zf.getinfo(name.decode()).flag_bits & 0x1
    code, out, _ = _import_in_child(db, book, tmp_path / "data")
    assert code == 2, out
    assert "sandi" in out and "Traceback" not in out


def test_an_export_onto_a_database_turned_read_only_says_the_file_was_saved(tmp_path, db):
    """The workbook is complete; only its history line cannot be written: say so."""
    from sqlalchemy import event

    from desasadar_gui.sync.workbook_export import ExportNotLoggedError, export_workbook

    add_person(db, add_village(db), "Ani")
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def read_only(dbapi_connection, _record):  # SQLite's own read-only switch
        dbapi_connection.execute("PRAGMA query_only = ON")

    out = tmp_path / "usb" / "sync.xlsx"
    out.parent.mkdir()
    with pytest.raises(ExportNotLoggedError) as caught:
        export_workbook(db, out)
    assert out.exists() and "sudah disimpan" in str(caught.value)
    event.remove(db.engine, "connect", read_only)


def test_a_cell_the_reader_cannot_represent_is_named_plainly(exported, tmp_path):
    """A duration of ~3 million years (a huge number in a [h]:mm:ss cell) makes the
    reader fail: the file is refused with the sheet and row, not as a crash."""
    src, db = exported
    book = tmp_path / "duration.xlsx"
    wb = openpyxl.load_workbook(src)
    cell = wb["Peserta"]["B3"]
    cell.value = 1e15
    cell.number_format = "[h]:mm:ss"
    wb.save(book)
    code, out, _ = _import_in_child(db, book, tmp_path / "data")
    assert code == 2, out
    assert "Peserta" in out and "baris 3" in out and "Traceback" not in out
