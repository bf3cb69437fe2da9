"""The processing record (UU 27/2022): every export, import, backup, restore, privacy
copy, subject-access report and erasure, with who, when, which file (name and SHA-256)
and record counts. Never a personal value: a counts dict holds numbers and a note is
written by the code, not typed by users.

The branch's data-protection officer reads it in the app ("Catatan pemrosesan") or as
a CSV file (``desasadar processing-log OUT.csv``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, select

from desasadar_gui.db import cipher
from desasadar_gui.db.dialect import prefixed, run
from desasadar_gui.db.models import ProcessingEntry
from desasadar_gui.files import replaced_when_done
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.oserrors import describe_os_error

log = logging.getLogger("desasadar.processing")

EXPORT = "export"
IMPORT = "import"
BACKUP = "backup"
RESTORE = "restore"
PRIVACY_COPY = "privacy_copy"
SUBJECT_REPORT = "subject_report"
ERASURE = "erasure"
RECORD_EXPORT = "record_export"  # this record itself, handed to the DPO
RETENTION = "retention"  # history and final tombstones pruned by the retention rules

ACTION_LABELS = {
    EXPORT: "Ekspor sinkronisasi",
    IMPORT: "Impor",
    BACKUP: "Cadangan",
    RESTORE: "Pemulihan cadangan",
    PRIVACY_COPY: "Salinan privasi",
    SUBJECT_REPORT: "Laporan data pribadi",
    ERASURE: "Hapus data pribadi",
    RECORD_EXPORT: "Ekspor catatan pemrosesan",
    RETENTION: "Pemangkasan menurut masa simpan",
}

ACTION_LABELS_EN = {
    EXPORT: "Sync export",
    IMPORT: "Import",
    BACKUP: "Backup",
    RESTORE: "Backup restored",
    PRIVACY_COPY: "Privacy copy",
    SUBJECT_REPORT: "Personal data report",
    ERASURE: "Personal data erased",
    RECORD_EXPORT: "Processing record exported",
    RETENTION: "Pruned by retention periods",
}

_INSERT = (
    "INSERT INTO processing_log (at, action, device, officer, file_name, sha256, counts, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class ProcessingRow:
    at: datetime
    action: str
    device: str
    officer: str
    file_name: str
    sha256: str
    counts: dict[str, int]
    note: str

    @property
    def label(self) -> str:
        """The action in Indonesian (the record's CSV for the DPO)."""
        return ACTION_LABELS.get(self.action, self.action)

    def label_in(self, lang: str) -> str:
        """The action in ``lang`` ('id' or 'en'), for the screen."""
        labels = ACTION_LABELS_EN if lang == "en" else ACTION_LABELS
        return labels.get(self.action, self.action)


def sha256_of(path: Path | str) -> str:
    """The SHA-256 of a file's bytes (read in 1 MiB chunks), as the record names files."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path | str | None) -> str:
    """:func:`sha256_of`, or "" when there is no file to read (best effort)."""
    if path is None:
        return ""
    try:
        return sha256_of(path)
    except OSError:
        return ""


def _values(
    action: str,
    device: str,
    officer: str,
    path: Path | str | None,
    sha256: str | None,
    counts: dict | None,
    note: str,
) -> tuple:
    name = Path(path).name if path is not None else ""
    sha = sha256 if sha256 is not None else file_sha256(path)
    at = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
    return (at, action, device, officer, name, sha, json.dumps(counts or {}, sort_keys=True), note)


def record(
    db: Database,
    action: str,
    path: Path | str | None = None,
    *,
    sha256: str | None = None,
    counts: dict | None = None,
    note: str = "",
) -> None:
    """One line in the processing record (its own short transaction)."""
    with db.session() as s:
        record_in(s.connection(), db, action, path, sha256=sha256, counts=counts, note=note)


def record_in(
    conn: Connection,
    db: Database,
    action: str,
    path: Path | str | None = None,
    *,
    sha256: str | None = None,
    counts: dict | None = None,
    note: str = "",
) -> None:
    """One line inside the caller's transaction (it commits or rolls back with it)."""
    # "main." on SQLite: an import has its staging file attached beside it
    sql = _INSERT.replace("processing_log", prefixed(conn, "processing_log"))
    run(conn, sql, _values(action, db.device.id, db.officer, path, sha256, counts, note))


def record_at_path(
    db_path: Path | str, action: str, path: Path | str | None = None, *, note: str = ""
) -> None:
    """Best effort, for backup and restore, which work on the file, not a Database: a
    record that cannot be written (an older copy without the table) is only logged."""
    try:
        # cipher.connect: the file's key when it is encrypted (the stdlib's sqlite3
        # cannot read an encrypted file, and must not be the one to open ours).
        con = cipher.connect(db_path, timeout=5)
        try:
            row = con.execute("SELECT id, officer_name FROM device LIMIT 1").fetchone()
            device, officer = row if row else ("", "")
            with con:
                con.execute(_INSERT, _values(action, device, officer, path, None, {}, note))
        finally:
            con.close()
    except cipher.DB_OR_KEY_ERRORS as exc:
        log.warning("processing record not written (%s): %s", action, type(exc).__name__)


def carry_over(previous: Path | str, restored: Path | str) -> int:
    """After a restore: the lines the replaced file had and the restored copy lacks
    (the record must outlive the data it describes). Best effort, like
    :func:`record_at_path`; returns how many lines were added."""
    cols = "at, action, device, officer, file_name, sha256, counts, note"
    try:
        src = cipher.connect(previous, mode="ro")
        try:
            rows = src.execute(f"SELECT {cols} FROM processing_log ORDER BY id").fetchall()
        finally:
            src.close()
        con = cipher.connect(restored, timeout=5)
        try:
            have = set(con.execute(f"SELECT {cols} FROM processing_log").fetchall())
            missing = [r for r in rows if tuple(r) not in have]
            with con:
                con.executemany(_INSERT, missing)
        finally:
            con.close()
        return len(missing)
    except cipher.DB_OR_KEY_ERRORS as exc:
        log.warning("processing record not carried over: %s", type(exc).__name__)
        return 0


def list_processing(db: Database, limit: int | None = None) -> list[ProcessingRow]:
    """Newest first."""
    with db.read_session() as s:
        q = select(ProcessingEntry).order_by(ProcessingEntry.id.desc())
        if limit:
            q = q.limit(limit)
        return [
            ProcessingRow(
                e.at,
                e.action,
                e.device,
                e.officer,
                e.file_name,
                e.sha256,
                _counts(e.counts),
                e.note,
            )
            for e in s.scalars(q)
        ]


def _counts(text: str) -> dict[str, int]:
    try:
        value = json.loads(text or "{}")
        return value if isinstance(value, dict) else {}
    except ValueError:
        return {}


CSV_HEADER = ("waktu_utc", "kegiatan", "kode", "perangkat", "petugas", "berkas", "sha256")


def export_processing_csv(db: Database, out: Path | str) -> int:
    """The whole record as CSV (UTF-8 with BOM so Excel reads it); returns row count.
    A folder that cannot be written is a plain :class:`UserError`."""
    out = Path(out)
    rows = list_processing(db)
    try:
        with (
            replaced_when_done(out) as part,
            part.open("w", encoding="utf-8-sig", newline="") as fh,
        ):
            w = csv.writer(fh)
            w.writerow((*CSV_HEADER, "jumlah", "catatan"))
            for r in reversed(rows):
                w.writerow(
                    (
                        r.at.isoformat(sep=" ", timespec="seconds"),
                        r.label,
                        r.action,
                        r.device,
                        r.officer,
                        r.file_name,
                        r.sha256,
                        json.dumps(r.counts, sort_keys=True),
                        r.note,
                    )
                )
    except OSError as exc:
        raise describe_os_error(exc) from exc
    record(db, RECORD_EXPORT, out, counts={"rows": len(rows)})
    return len(rows)


__all__ = [
    "ACTION_LABELS",
    "ACTION_LABELS_EN",
    "ProcessingRow",
    "export_processing_csv",
    "list_processing",
    "record",
    "record_at_path",
    "record_in",
]
