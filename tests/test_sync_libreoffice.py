"""The export opens in a real spreadsheet program: LibreOffice Calc, headless.

Calc converts every sheet to CSV "as shown"; formula-like names must come out as the
same text (a live formula would show its result), NIKs as 16 digits, dates dd/mm/yyyy.
Needs ``soffice`` (Debian: libreoffice-calc-nogui); skipped where it is missing.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sync_helpers import add_person, add_village, export, new_laptop

from desasadar_gui.services.participants import ParticipantInput, create_participant

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Field sep, quote, UTF-8, first line, -, -, quoted-as-text, detect numbers, *as shown*,
# formulas, trim, *every sheet* (LibreOffice 7.2+ writes one file per sheet).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_export_opens_in_libreoffice_with_text_kept_as_text(tmp_path: Path, template_db: Path):
    db = new_laptop(tmp_path / "db", template_db, "A")
    vid = add_village(db)
    names = ["=1+2", "+62812", "-x", "@sum"]
    for name in names:
        add_person(db, vid, name)
    create_participant(
        db,
        ParticipantInput(
            name="Ani",
            nik="1504034508900002",
            village_id=vid,
            status="registered",
            birth_date=date(1990, 8, 5),
            registration_date=date(2024, 5, 2),
        ),
    )
    path = export(db, tmp_path / "sync.xlsx")
    db.close()
    out = tmp_path / "csv"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    people = out / "sync-Peserta.csv"
    assert people.exists(), sorted(p.name for p in out.iterdir())
    with people.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    by_name = {r[0]: r for r in rows[1:]}
    for name in names:
        assert name in by_name, f"{name!r} was not kept as text: {sorted(by_name)}"
    ani = by_name["Ani"]
    assert ani[header.index("NIK")] == "1504034508900002"
    assert ani[header.index("Tanggal lahir")] == "05/08/1990"
    summary = (out / "sync-Ringkasan.csv").read_text(encoding="utf-8")
    assert "Rekap Desa Sadar" in summary
