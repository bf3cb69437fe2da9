"""Sync workbooks with a password (OOXML agile encryption): LibreOffice opens a protected
export with the password and refuses it without; the command line protects and imports
with ``DESASADAR_WORKBOOK_PASSWORD``; a missing or wrong password is a plain message,
exit 2, nothing changed; the error workbook of a protected import is protected too; no
plain copy is left in any scratch or temp folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sync_helpers import add_person, add_village, digest, new_laptop
from workbook_ops import SOFFICE, SYSTEM_PYTHON, _free_port, has_uno

from desasadar_gui.scratch import scratch_root
from desasadar_gui.sync import workbook_password
from desasadar_gui.sync.workbook_export import export_workbook
from desasadar_gui.sync.workbook_import import import_workbook, prepare_import, write_errors
from desasadar_gui.sync.workbook_password import (
    WorkbookPasswordNeededError,
    WrongWorkbookPasswordError,
)

HERE = Path(__file__).resolve().parent
PASSWORD = "kopi-kerinci-2024"
NIK = "1504034508900002"
PHONE = "081234567890"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DESASADAR_WORKBOOK")}
    return subprocess.run(
        [sys.executable, "-m", "desasadar_gui", *args],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        env={**base, **env},
    )


def stats(db: Path) -> dict:
    done = run("--db", str(db), "stats", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def plain_files_left(*folders: Path) -> list[Path]:
    """Every file under ``folders`` that is a plain workbook (a zip) or holds the NIK."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if data.startswith(b"PK\x03\x04") or NIK.encode() in data:
                    found.append(path)
    return found


@pytest.fixture
def laptop(tmp_path: Path, template_db: Path):
    db = new_laptop(tmp_path / "a", template_db, "A")
    vid = add_village(db)
    add_person(db, vid, "Ani Rahmawati", NIK, "registered", PHONE)
    add_person(db, vid, "Budi Santoso", "1504031203850001", "registered")
    yield db
    db.close()


def test_protected_export_holds_no_readable_data_and_round_trips(
    laptop, tmp_path: Path, template_db: Path
) -> None:
    out = export_workbook(laptop, tmp_path / "sync.xlsx", password=PASSWORD).path
    raw = out.read_bytes()
    assert raw.startswith(OLE_MAGIC)  # a CFB container, not a zip anybody can unpack
    for secret in (NIK, PHONE, "Rahmawati"):
        assert secret.encode() not in raw
    assert plain_files_left(scratch_root()) == []

    other = new_laptop(tmp_path / "b", template_db, "B")
    try:
        before = digest(other)
        with pytest.raises(WorkbookPasswordNeededError) as needed:
            import_workbook(other, out)
        assert "dilindungi kata sandi" in needed.value.message()
        with pytest.raises(WrongWorkbookPasswordError) as wrong:
            import_workbook(other, out, password="salah-sekali")
        assert "Kata sandi salah" in wrong.value.message()
        assert "rusak" not in wrong.value.message()
        assert digest(other) == before  # nothing changed
        outcome = import_workbook(other, out, password=PASSWORD)
        assert outcome.result is not None and outcome.result.applied
        assert digest(other) == digest(laptop)
        assert outcome.plan.parsed.file_name == "sync.xlsx"  # the sync log names the file
        again = import_workbook(other, out)  # the same file: known, no password needed
        assert again.already_imported
    finally:
        other.close()
    assert plain_files_left(scratch_root()) == []


def test_the_error_workbook_of_a_protected_import_is_protected_with_its_password(
    laptop, tmp_path: Path, template_db: Path
) -> None:
    # A supervisor opens the protected workbook, breaks a NIK, saves it with the password.
    out = export_workbook(laptop, tmp_path / "sync.xlsx", password=PASSWORD).path
    plain = tmp_path / "edit" / "sync.xlsx"
    plain.parent.mkdir()
    workbook_password.decrypt_to(out, PASSWORD, plain)
    wb = openpyxl.load_workbook(plain)
    ws = wb["Peserta"]
    nik_col = [c.value for c in ws[1]].index("NIK")
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Budi Santoso":
            row[nik_col].value = "123"
    wb.save(plain)
    edited = tmp_path / "edited.xlsx"
    workbook_password.encrypt_to(plain, PASSWORD, edited)

    other = new_laptop(tmp_path / "b", template_db, "B")
    try:
        with prepare_import(other, edited, password=PASSWORD) as prepared:
            assert prepared.plan.rejected == 1
            errors = tmp_path / "errors.xlsx"
            assert write_errors(prepared, errors) == 1
    finally:
        other.close()
    raw = errors.read_bytes()
    assert raw.startswith(OLE_MAGIC) and b"Budi" not in raw
    with pytest.raises(WrongWorkbookPasswordError):
        workbook_password.decrypt_to(errors, "salah-sekali", tmp_path / "nope.xlsx")
    opened = tmp_path / "errors-open.xlsx"
    workbook_password.decrypt_to(errors, PASSWORD, opened)
    cells = [v for r in openpyxl.load_workbook(opened)["Peserta"].iter_rows(values_only=True)
             for v in r]  # fmt: skip
    assert "Budi Santoso" in cells and any("NIK harus 16 digit" in str(v) for v in cells)
    assert plain_files_left(scratch_root()) == []


def test_command_line_protects_imports_and_refuses_plainly(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run("--db", str(a), "demo", "--participants", "40").returncode == 0
    out = tmp_path / "sync.xlsx"

    no_password = run("--db", str(a), "export", str(out), "--password")
    assert no_password.returncode == 2 and not out.exists()
    assert "DESASADAR_WORKBOOK_PASSWORD" in no_password.stderr
    assert "Traceback" not in no_password.stderr
    short = run("--db", str(a), "export", str(out), "--password", DESASADAR_WORKBOOK_PASSWORD="abc")
    assert short.returncode == 2 and "terlalu pendek" in short.stderr and not out.exists()

    # A privacy copy can be protected too; opened with the password, import refuses it.
    private = tmp_path / "privasi.xlsx"
    both = run("--db", str(a), "export", str(private), "--privacy", "--password",
               DESASADAR_WORKBOOK_PASSWORD=PASSWORD)  # fmt: skip
    assert both.returncode == 0, both.stderr
    assert private.read_bytes().startswith(OLE_MAGIC)
    refused = run("--db", str(b), "import", str(private), DESASADAR_WORKBOOK_PASSWORD=PASSWORD)
    assert refused.returncode == 2 and "privasi" in refused.stderr.lower(), refused.stderr
    assert "Traceback" not in refused.stderr

    done = run("--db", str(a), "export", str(out), "--password",
               DESASADAR_WORKBOOK_PASSWORD=PASSWORD)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(OLE_MAGIC)
    assert PASSWORD not in done.stdout + done.stderr

    before = stats(b)["content_digest"]
    missing = run("--db", str(b), "import", str(out))
    assert missing.returncode == 2, missing.stderr
    assert "dilindungi kata sandi" in missing.stderr
    assert "rusak" not in missing.stderr and "Traceback" not in missing.stderr
    wrong = run("--db", str(b), "import", str(out), DESASADAR_WORKBOOK_PASSWORD="salah-sekali")
    assert wrong.returncode == 2 and "Kata sandi salah" in wrong.stderr
    assert "rusak" not in wrong.stderr and "Traceback" not in wrong.stderr
    english = run("--db", str(b), "import", str(out), DESASADAR_WORKBOOK_PASSWORD="salah-sekali",
                  DESASADAR_LANG="en")  # fmt: skip
    assert english.returncode == 2 and "Wrong password" in english.stderr
    assert stats(b)["content_digest"] == before  # nothing changed

    imported = run("--db", str(b), "import", str(out), DESASADAR_WORKBOOK_PASSWORD=PASSWORD)
    assert imported.returncode == 0, imported.stderr
    assert stats(b)["content_digest"] == stats(a)["content_digest"]
    assert plain_files_left(scratch_root()) == []  # the commands left no plain copy


def test_a_damaged_protected_workbook_is_damaged_not_a_wrong_password(
    laptop, tmp_path: Path
) -> None:
    out = export_workbook(laptop, tmp_path / "sync.xlsx", password=PASSWORD).path
    data = bytearray(out.read_bytes())
    middle = len(data) // 2  # inside the encrypted package, the bulk of the file
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(bytes(data))
    with pytest.raises(Exception) as refused:
        prepare_import(laptop, broken, password=PASSWORD)
    assert "rusak" in refused.value.message()
    assert not isinstance(refused.value, WrongWorkbookPasswordError)
    assert plain_files_left(scratch_root()) == []


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or not has_uno(), reason="LibreOffice with uno needed")
def test_libreoffice_opens_a_protected_export_with_the_password_only(
    laptop, tmp_path: Path
) -> None:
    out = export_workbook(laptop, tmp_path / "sync.xlsx", password=PASSWORD).path
    port = _free_port()
    office = subprocess.Popen(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--invisible", "--nologo", "--norestore",
         f"--accept=socket,host=127.0.0.1,port={port};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(HERE)

    def open_in_calc(*password: str) -> dict:
        done = subprocess.run(
            [SYSTEM_PYTHON, str(HERE / "lo_open_protected.py"), str(port), str(out), "Peserta",
             *password],
            capture_output=True, text=True, timeout=300, env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)

    try:
        assert open_in_calc()["opened"] is False
        assert open_in_calc("salah-sekali")["opened"] is False
        shown = open_in_calc(PASSWORD)
    finally:
        office.terminate()
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    assert shown["opened"] is True
    assert shown["sheets"][0] == "Ringkasan" and "Peserta" in shown["sheets"]
    header, *rows = shown["rows"]
    by_name = {r[0]: r for r in rows if r}
    assert by_name["Ani Rahmawati"][header.index("NIK")] == NIK  # text, all 16 digits
