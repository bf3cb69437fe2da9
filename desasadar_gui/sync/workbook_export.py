"""Export: one workbook that supervisors read and other laptops import.

Sheets: Ringkasan (for people), then Desa, Peserta, Sosialisasi, Kehadiran, Target
(formatted data, machine columns collapsed at the right), Metadata, and a hidden
sheet of dropdown choices. Every record is exported, tombstones included (they carry
deletions to other laptops), from one read snapshot of the database.

The file is written by XlsxWriter in constant-memory mode (rows stream to disk, so
memory does not grow with the number of people) into a temporary file beside the
target, which is renamed into place only when complete: a crash or a cancel never
leaves half a workbook under the real name.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import xlsxwriter
from sqlalchemy import Connection

from desasadar_gui import __version__
from desasadar_gui.db.models import SyncLogEntry
from desasadar_gui.errors import UserError
from desasadar_gui.files import replaced_when_done
from desasadar_gui.scratch import ScratchFolder
from desasadar_gui.services import processing
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.erasure import erasures_json
from desasadar_gui.services.rates import rate_table_text
from desasadar_gui.sync.cells import datetime_text, fingerprint, row_hash
from desasadar_gui.sync.export_rows import export_query, row_writers
from desasadar_gui.sync.file_checks import sha256_of
from desasadar_gui.sync.metadata import write_metadata
from desasadar_gui.sync.progress import Progress, Ticker
from desasadar_gui.sync.sheet_writer import Formats, setup_sheet, write_lists_sheet
from desasadar_gui.sync.summary_sheet import collect_summary, write_summary
from desasadar_gui.sync.workbook_format import (
    LISTS_SHEET,
    METADATA_SHEET,
    SHEETS,
    SUMMARY_SHEET,
    SheetSpec,
    schema_version,
)
from desasadar_gui.sync.workbook_password import write_protected

PROGRESS_EVERY = 2000

WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]
    sha256: str
    seconds: float
    privacy: bool

    def describe(self) -> str:
        parts = ", ".join(f"{sheet} {n}" for sheet, n in self.counts.items())
        return f"Diekspor ke {self.path} ({parts}) dalam {self.seconds:.1f} dtk."


def _write_data_sheet(
    conn: Connection,
    ws,
    spec: SheetSpec,
    fmt: Formats,
    count: int,
    lists: dict[str, str],
    tick: Ticker,
) -> str:
    """Stream one entity's rows; returns the SHA-256 over its row hashes."""
    setup_sheet(ws, spec, fmt, count, lists)
    fast, careful, hash_col = row_writers(ws, spec, fmt)
    write_string = getattr(ws, "_write_string", ws.write_string)
    sheet_digest = hashlib.sha256()
    fp_col = [c.field for c in spec.columns].index("_fingerprint")
    query = export_query(spec, conn.dialect.name)
    stored, checked = query.stored, query.checked
    if conn.dialect.name != "sqlite":  # a server cursor: rows arrive as they are written
        conn = conn.execution_options(stream_results=True, max_row_buffer=PROGRESS_EVERY)
    r = 0
    # closed on every way out: a cancelled export leaves no server cursor open
    with conn.exec_driver_sql(query.sql) as result:
        while rows := result.fetchmany(PROGRESS_EVERY):
            for row in rows:
                r += 1
                h = row_hash(stored(row))
                sheet_digest.update(h.encode())
                for c, put in careful if row[-1] else fast:
                    v = row[c]
                    if v is not None and v != "":
                        put(r, c, v)
                write_string(r, hash_col, h)
                write_string(r, fp_col, fingerprint(checked(row)))
            tick(len(rows))
    return sheet_digest.hexdigest()


def _one_snapshot(conn: Connection) -> None:
    """Every sheet read from one snapshot of the database (rolled back at the end)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")
    else:
        conn.execution_options(isolation_level="REPEATABLE READ")
        conn.begin()


def discard_workbook(wb: xlsxwriter.Workbook) -> None:
    """Close the row files of an unfinished constant-memory workbook."""
    for ws in wb.worksheets():
        close = getattr(ws, "_opt_close", None)
        if close is not None:
            try:
                close()
            except OSError:
                pass


class ExportNotLoggedError(UserError):
    """The file is written, but the sync log row could not be (database read-only...)."""


def _write_workbook(
    db: Database,
    part: Path,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    today: date | None,
) -> dict[str, int]:
    """Write the whole workbook to ``part``; returns the row counts per sheet."""
    scratch_dir = ScratchFolder("export")  # XlsxWriter's row files hold personal data
    scratch = scratch_dir.path
    exported_at = utcnow()
    wb = xlsxwriter.Workbook(str(part), {**WORKBOOK_OPTIONS, "tmpdir": str(scratch)})
    finished = False
    try:
        wb.set_properties(
            {
                "title": "Desa Sadar — data sinkronisasi",
                "author": db.officer,
                "company": "BPJS Ketenagakerjaan",
                "comments": "desasadar-sync",
            }
        )
        fmt = Formats(wb)
        summary_ws = wb.add_worksheet(SUMMARY_SHEET)
        data_ws = [wb.add_worksheet(spec.name) for spec in SHEETS]
        meta_ws = wb.add_worksheet(METADATA_SHEET)
        lists = write_lists_sheet(wb.add_worksheet(LISTS_SHEET), SHEETS, fmt)
        with db.engine.connect() as conn:
            _one_snapshot(conn)
            counts = {
                spec.name: conn.exec_driver_sql(f"SELECT count(*) FROM {spec.entity}").scalar() or 0
                for spec in SHEETS
            }
            tick = Ticker(max(sum(counts.values()), 1), progress, cancelled)
            checksums = {}
            for spec, ws in zip(SHEETS, data_ws, strict=False):
                checksums[spec.name] = _write_data_sheet(
                    conn, ws, spec, fmt, counts[spec.name], lists, tick
                )
            summary = collect_summary(conn, today or date.today())
            erasures = erasures_json(conn)
            conn.rollback()
        write_summary(
            wb,
            summary_ws,
            summary,
            officer=db.officer,
            branch=db.device.branch,
            exported_at=exported_at,
            privacy=False,
        )
        write_metadata(
            meta_ws,
            fmt,
            {
                "schema_version": schema_version(),
                "app_version": __version__,
                "device": db.device.id,
                "officer": db.officer,
                "branch": db.device.branch,
                "exported_at": datetime_text(exported_at),
                "export_id": uuid.uuid4().hex,
                "privacy": "0",
                "counts": json.dumps(counts, ensure_ascii=False),
                # Edited rows are recomputed by this table on every laptop that imports
                # the file, so they all store the same contribution.
                "rates": rate_table_text(db),
                "checksums": json.dumps(checksums),
                **erasures,
            },
        )
        summary_ws.activate()
        wb.close()
        finished = True
    finally:
        if not finished:
            discard_workbook(wb)
            part.unlink(missing_ok=True)
        scratch_dir.remove()
    return counts


def export_workbook(
    db: Database,
    out_path: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    privacy: bool = False,
    today: date | None = None,
    password: str | None = None,
) -> ExportResult:
    """``password``: protect the workbook with it (OOXML agile encryption, which Excel
    and LibreOffice open natively; ``workbook_password.py``)."""
    if privacy:  # a different workbook altogether: see privacy_copy.py
        from desasadar_gui.sync.privacy_copy import write_privacy_copy

        return write_privacy_copy(db, out_path, today=today, password=password)
    started = time.perf_counter()
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".xlsx":
        out_path = out_path.with_name(out_path.name + ".xlsx")
    # A kill leaves no half-written copy (the next start removes it), an error none.
    with replaced_when_done(out_path) as part:
        counts = write_protected(
            lambda target: _write_workbook(db, target, progress, cancelled, today),
            part,
            password,
        )
    sha = sha256_of(out_path)
    try:
        with db.session() as s:
            s.add(
                SyncLogEntry(
                    direction="export",
                    file_name=out_path.name,
                    sha256=sha,
                    at=utcnow(),
                    device=db.device.id,
                    officer=db.officer,
                    source_device=db.device.id,
                    counts=json.dumps({**counts, "privacy": False}, ensure_ascii=False),
                )
            )
    except UserError as exc:  # the workbook is complete; only its history line is missing
        raise ExportNotLoggedError(
            f"Buku kerja sudah disimpan ke {out_path}, tetapi tidak bisa dicatat di riwayat "
            f"sinkronisasi: {exc.text_id}",
            f"The workbook was saved to {out_path}, but it could not be recorded in the sync "
            f"history: {exc.text_en}",
        ) from exc
    processing.record(db, processing.EXPORT, out_path, sha256=sha, counts=counts)
    return ExportResult(out_path, counts, sha, time.perf_counter() - started, False)
