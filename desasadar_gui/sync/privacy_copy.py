"""The privacy copy: a workbook to read (a supervisor, a report to the regional
office) that cannot be turned back into NIKs or phone numbers, and cannot be imported.

What it leaves out, and why (each item is a way the old masked copy was reversed):

- No digit of a NIK, only whether one is recorded: digits 7-12 are the birth date and
  gender, 1-6 the region, which the same row shows; any digit shown narrows the rest.
- No birth date, only a ten-year age group: a date would give digits 7-12 again.
- No digit of a phone number, only whether one is recorded.
- No address, KPJ number or walk-in phone (not needed for reading progress).
- No row hash, fingerprint, checksum or any value computed over hidden data (each
  was a brute-force oracle for the hidden digits), and no machine columns: no ids,
  revisions or timestamps that link one person across two copies. Rows are numbered
  per copy (1, 2, 3...).
- Tombstones (deleted or merged records) are left out entirely.
- Free text (names, notes, places) has any run of six or more digits replaced, in
  case someone typed a NIK or phone number into it.

The Metadata sheet says ``privacy = 1``, so every import refuses the file with a plain
message (``workbook_context._check_meta``).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from desasadar_gui import __version__
from desasadar_gui.domain import enums
from desasadar_gui.files import replaced_when_done
from desasadar_gui.scratch import ScratchFolder
from desasadar_gui.services import processing
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.sync.cells import datetime_text
from desasadar_gui.sync.file_checks import sha256_of
from desasadar_gui.sync.metadata import write_metadata
from desasadar_gui.sync.sheet_writer import Formats
from desasadar_gui.sync.summary_sheet import collect_summary, write_summary
from desasadar_gui.sync.workbook_export import WORKBOOK_OPTIONS, ExportResult, discard_workbook
from desasadar_gui.sync.workbook_format import METADATA_SHEET, SUMMARY_SHEET
from desasadar_gui.sync.workbook_password import write_protected

YES, NO = "Ya", "Tidak"
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-/]?\d){5,}")
HIDDEN_DIGITS = "[angka disamarkan]"


def scrub(text: Any) -> str:
    """Free text with every run of six or more digits replaced."""
    if text is None:
        return ""
    return _DIGIT_RUN.sub(HIDDEN_DIGITS, str(text))


def age_group(birth: Any, today: date) -> str:
    if not birth:
        return ""
    try:
        born = date.fromisoformat(str(birth)[:10])
    except ValueError:
        return ""
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if years < 0:
        return ""
    low = (years // 10) * 10
    return f"{low}-{low + 9} th"


def _yes(value: Any) -> str:
    return YES if value not in (None, "") else NO


def _flag(value: Any) -> str:
    return YES if value else NO


@dataclass(frozen=True)
class _Sheet:
    name: str
    headers: tuple[tuple[str, float, str], ...]  # header, width, kind (text/int/rupiah/date)
    sql: str


_LIVE = "t.deleted_at IS NULL"

SHEETS = (
    _Sheet(
        "Desa",
        (
            ("No.", 6, "int"),
            ("Nama desa/pasar", 28, "text"),
            ("Jenis", 12, "text"),
            ("Kecamatan", 20, "text"),
            ("Kabupaten/Kota", 20, "text"),
            ("Kode wilayah", 14, "text"),
            ("Kepala desa", 24, "text"),
            ("Telepon kontak tercatat", 12, "text"),
            ("Perkiraan pekerja informal", 14, "int"),
            ("Status", 24, "text"),
            ("Tanggal peluncuran", 13, "date"),
            ("Catatan", 30, "text"),
        ),
        f"SELECT t.name, t.kind, t.kecamatan, t.kabupaten, t.region_code, t.head_name, "
        f"t.contact_phone, t.est_informal_workers, t.status, t.launch_date, t.notes "
        f"FROM villages t WHERE {_LIVE} ORDER BY t.kabupaten, t.kecamatan, t.name",
    ),
    _Sheet(
        "Peserta",
        (
            ("No.", 6, "int"),
            ("Nama", 26, "text"),
            ("NIK tercatat", 10, "text"),
            ("Jenis kelamin", 12, "text"),
            ("Kelompok umur", 12, "text"),
            ("Telepon tercatat", 10, "text"),
            ("Desa", 22, "text"),
            ("Kecamatan", 18, "text"),
            ("Kabupaten/Kota", 18, "text"),
            ("Pekerjaan", 26, "text"),
            ("Jabatan di desa", 20, "text"),
            ("Penghasilan per bulan", 16, "rupiah"),
            ("JKK", 7, "text"),
            ("JKM", 7, "text"),
            ("JHT", 7, "text"),
            ("Iuran per bulan", 14, "rupiah"),
            ("Sumber dana", 22, "text"),
            ("Status", 16, "text"),
            ("Tanggal daftar", 12, "date"),
            ("No. KPJ tercatat", 10, "text"),
            ("Petugas", 18, "text"),
        ),
        f"SELECT t.name, t.nik, t.gender, t.birth_date, t.phone, v.name, v.kecamatan, "
        f"v.kabupaten, t.occupation, t.official_role, t.monthly_income, t.prog_jkk, "
        f"t.prog_jkm, t.prog_jht, t.contribution, t.funding_source, t.status, "
        f"t.registration_date, t.kpj_number, t.officer FROM participants t "
        f"LEFT JOIN villages v ON v.id = t.village_id "
        f"WHERE {_LIVE} AND t.merged_into IS NULL ORDER BY v.kabupaten, v.name, t.name",
    ),
    _Sheet(
        "Sosialisasi",
        (
            ("No.", 6, "int"),
            ("Tanggal", 12, "date"),
            ("Jenis kegiatan", 20, "text"),
            ("Desa", 22, "text"),
            ("Kecamatan", 18, "text"),
            ("Kabupaten/Kota", 18, "text"),
            ("Tempat", 24, "text"),
            ("Fasilitator", 20, "text"),
            ("Catatan", 30, "text"),
        ),
        f"SELECT t.held_on, t.type, v.name, v.kecamatan, v.kabupaten, t.place, "
        f"t.facilitator, t.notes FROM sessions t LEFT JOIN villages v ON v.id = t.village_id "
        f"WHERE {_LIVE} ORDER BY t.held_on, v.name",
    ),
    _Sheet(
        "Kehadiran",
        (
            ("No.", 6, "int"),
            ("Tanggal sesi", 12, "date"),
            ("Jenis kegiatan", 16, "text"),
            ("Desa", 22, "text"),
            ("Nama", 26, "text"),
            ("Tamu (bukan peserta)", 10, "text"),
            ("Hasil", 18, "text"),
        ),
        f"SELECT s.held_on, s.type, v.name, COALESCE(p.name, t.walkin_name), "
        f"t.participant_id IS NULL, t.outcome FROM attendance t "
        f"JOIN sessions s ON s.id = t.session_id LEFT JOIN villages v ON v.id = s.village_id "
        f"LEFT JOIN participants p ON p.id = t.participant_id "
        f"WHERE {_LIVE} AND s.deleted_at IS NULL "
        f"AND (p.id IS NULL OR (p.deleted_at IS NULL AND p.merged_into IS NULL)) "
        f"ORDER BY s.held_on, v.name, 5",
    ),
    _Sheet(
        "Target",
        (
            ("No.", 6, "int"),
            ("Tahun", 8, "int"),
            ("Cakupan", 16, "text"),
            ("Nama cakupan", 24, "text"),
            ("Target peserta", 14, "int"),
        ),
        f"SELECT t.year, t.scope, COALESCE(v.name, t.scope_key), t.value FROM targets t "
        f"LEFT JOIN villages v ON t.scope = 'village' AND v.id = t.scope_key "
        f"WHERE {_LIVE} ORDER BY t.year, t.scope, 3",
    ),
)


def _shape(sheet: str, row: tuple, today: date) -> list[Any]:
    """One stored row -> the cells of the privacy copy (the rules above)."""
    if sheet == "Desa":
        name, kind, kec, kab, code, head, phone, est, status, launch, notes = row
        return [
            scrub(name),
            enums.VillageKind.label_of_code(kind),
            scrub(kec),
            scrub(kab),
            code or "",
            scrub(head),
            _yes(phone),
            est,
            enums.VillageStatus.label_of_code(status),
            launch,
            scrub(notes),
        ]
    if sheet == "Peserta":
        (name, nik, gender, birth, phone, village, kec, kab, occ, role, income, jkk, jkm, jht,
         contribution, funding, status, registered, kpj, officer) = row  # fmt: skip
        return [
            scrub(name),
            _yes(nik),
            enums.Gender.label_of_code(gender),
            age_group(birth, today),
            _yes(phone),
            scrub(village),
            scrub(kec),
            scrub(kab),
            enums.Occupation.label_of_code(occ),
            enums.OfficialRole.label_of_code(role),
            income,
            _flag(jkk),
            _flag(jkm),
            _flag(jht),
            contribution,
            enums.FundingSource.label_of_code(funding),
            enums.ParticipantStatus.label_of_code(status),
            registered,
            _yes(kpj),
            scrub(officer),
        ]
    if sheet == "Sosialisasi":
        held, kind, village, kec, kab, place, facilitator, notes = row
        return [
            held,
            enums.SessionType.label_of_code(kind),
            scrub(village),
            scrub(kec),
            scrub(kab),
            scrub(place),
            scrub(facilitator),
            scrub(notes),
        ]
    if sheet == "Kehadiran":
        held, kind, village, name, walkin, outcome = row
        return [
            held,
            enums.SessionType.label_of_code(kind),
            scrub(village),
            scrub(name),
            _flag(walkin),
            enums.AttendanceOutcome.label_of_code(outcome),
        ]
    year, scope, scope_name, value = row
    return [year, enums.TargetScope.label_of_code(scope), scrub(scope_name), value]


def _write_cell(ws: Any, fmt: Formats, r: int, c: int, kind: str, value: Any) -> None:
    if value is None or value == "":
        return
    if kind == "date":
        try:
            ws.write_datetime(r, c, date.fromisoformat(str(value)[:10]), fmt.date)
        except ValueError:
            ws.write_string(r, c, scrub(value), fmt.text)
    elif kind in ("int", "rupiah"):
        ws.write_number(r, c, int(value), fmt.rupiah if kind == "rupiah" else fmt.int)
    else:
        ws.write_string(r, c, str(value), fmt.text)


def _write(db: Database, part: Path, today: date) -> dict[str, int]:
    scratch_dir = ScratchFolder("export")
    exported_at = utcnow()
    wb = xlsxwriter.Workbook(str(part), {**WORKBOOK_OPTIONS, "tmpdir": str(scratch_dir.path)})
    counts: dict[str, int] = {}
    try:
        wb.set_properties(
            {
                "title": "Desa Sadar — salinan privasi (tidak bisa diimpor)",
                "author": db.officer,
                "company": "BPJS Ketenagakerjaan",
                "comments": "desasadar-privacy-copy",
            }
        )
        fmt = Formats(wb)
        summary_ws = wb.add_worksheet(SUMMARY_SHEET)
        sheets = [(spec, wb.add_worksheet(spec.name)) for spec in SHEETS]
        meta_ws = wb.add_worksheet(METADATA_SHEET)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN")  # one snapshot for every sheet
            for spec, ws in sheets:
                for c, (header, width, _kind) in enumerate(spec.headers):
                    ws.set_column(c, c, width)
                    ws.write_string(0, c, header, fmt.header)
                ws.freeze_panes(1, 1)
                kinds = [k for _h, _w, k in spec.headers]
                n = 0
                result = conn.exec_driver_sql(spec.sql)
                while rows := result.fetchmany(2000):
                    for row in rows:
                        n += 1
                        cells = [n, *_shape(spec.name, tuple(row), today)]
                        for c, value in enumerate(cells):
                            _write_cell(ws, fmt, n, c, kinds[c], value)
                ws.autofilter(0, 0, max(n, 1), len(spec.headers) - 1)
                counts[spec.name] = n
            summary = collect_summary(conn, today)
            conn.rollback()
        write_summary(
            wb,
            summary_ws,
            summary,
            officer=db.officer,
            branch=db.device.branch,
            exported_at=exported_at,
            privacy=True,
        )
        write_metadata(
            meta_ws,
            fmt,
            {
                "app_version": __version__,
                "officer": db.officer,
                "branch": db.device.branch,
                "exported_at": datetime_text(exported_at),
                "privacy": "1",
                "counts": json.dumps(counts, ensure_ascii=False),
            },
        )
        summary_ws.activate()
        wb.close()
    except BaseException:
        discard_workbook(wb)
        part.unlink(missing_ok=True)
        raise
    finally:
        scratch_dir.remove()
    return counts


def write_privacy_copy(
    db: Database,
    out_path: Path | str,
    *,
    today: date | None = None,
    password: str | None = None,
) -> ExportResult:
    """Write the privacy copy to ``out_path`` (atomically) and record it; ``password``
    protects it as the sync workbook is (names and incomes are still personal data)."""
    started = time.perf_counter()
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".xlsx":
        out_path = out_path.with_name(out_path.name + ".xlsx")
    day = today or date.today()
    with replaced_when_done(out_path) as part:
        counts = write_protected(lambda target: _write(db, target, day), part, password)
    sha = sha256_of(out_path)
    processing.record(db, processing.PRIVACY_COPY, out_path, sha256=sha, counts=counts)
    return ExportResult(out_path, counts, sha, time.perf_counter() - started, True)


__all__ = ["age_group", "scrub", "write_privacy_copy"]
