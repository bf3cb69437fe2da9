"""The subject-access report: everything this laptop holds about one person.

Current values, the change history (audit log, with versions that lost a conflict),
attendance (as participant and as a walk-in guest), where and when the data left this
laptop (sync exports and privacy copies after the record existed, from the sync log
and the processing record), and whether it was erased. Rendered as one HTML page:
the command line writes it as is; the GUI prints the same page to PDF with Qt.
Always in Bahasa Indonesia (the person reads it).
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desasadar_gui.domain import display, enums
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.files import replaced_when_done
from desasadar_gui.services import processing
from desasadar_gui.services.database import Database
from desasadar_gui.services.erasure import find_person
from desasadar_gui.services.history import date_text, field_label, record_history
from desasadar_gui.services.oserrors import describe_os_error

WIB_NOTE = "Waktu dalam UTC."


@dataclass(frozen=True)
class SubjectReport:
    participant_id: str
    values: list[tuple[str, str]]
    history: list[tuple[str, str, str, str]]  # when, what, who, changes
    attendance: list[tuple[str, str, str, str]]  # date, type, village, outcome / role
    disclosures: list[tuple[str, str, str, str]]  # when, what, file, sha256
    erased_at: str | None
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    made_at: datetime = field(default_factory=datetime.now)


def _text(v) -> str:  # noqa: ANN001
    if v in (None, ""):
        return "-"
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    return str(v)


def _when(v) -> str:  # noqa: ANN001
    """A stored date or timestamp as the change history shows it."""
    return "-" if v in (None, "") else date_text(str(v))


def collect_report(db: Database, key: str) -> SubjectReport:
    pid = find_person(db, key)
    with db.engine.connect() as conn:
        p = conn.exec_driver_sql(
            "SELECT p.name, p.nik, p.gender, p.birth_date, p.phone, p.address, v.name, "
            "v.kecamatan, v.kabupaten, p.occupation, p.official_role, p.monthly_income, "
            "p.prog_jkk, p.prog_jkm, p.prog_jht, p.contribution, p.funding_source, p.status, "
            "p.registration_date, p.kpj_number, p.officer, p.created_at, p.updated_at, "
            "p.deleted_at FROM participants p LEFT JOIN villages v ON v.id = p.village_id "
            "WHERE p.id = ?",
            (pid,),
        ).one()
        attendance = conn.exec_driver_sql(
            "SELECT s.held_on, s.type, v.name, a.outcome, a.participant_id = ? "
            "FROM attendance a JOIN sessions s ON s.id = a.session_id "
            "LEFT JOIN villages v ON v.id = s.village_id "
            "WHERE a.participant_id = ? OR (? IS NOT NULL AND a.walkin_phone = ?) "
            "OR (a.walkin_name != '' AND lower(a.walkin_name) = lower(?)) ORDER BY s.held_on",
            (pid, pid, p[4], p[4], p[0]),
        ).all()
        created = str(p[21])
        disclosures = conn.exec_driver_sql(
            "SELECT at, action, file_name, sha256 FROM processing_log "
            "WHERE action IN ('export', 'privacy_copy', 'subject_report') AND at >= ? "
            "UNION SELECT at, 'export', file_name, sha256 FROM sync_log "
            "WHERE direction = 'export' AND at >= ? AND sha256 NOT IN "
            "(SELECT sha256 FROM processing_log) ORDER BY 1",
            (created, created),
        ).all()
        conflict_rows = conn.exec_driver_sql(
            "SELECT detected_at, loser_side, source_file, loser_values FROM conflicts "
            "WHERE entity = 'participants' AND record_id = ? ORDER BY detected_at",
            (pid,),
        ).all()
        erased = conn.exec_driver_sql(
            "SELECT at FROM erasures WHERE record_id = ?", (pid,)
        ).scalar()
    values = [
        ("Nama", _text(p[0])),
        ("NIK", _text(p[1])),
        ("Jenis kelamin", enums.Gender.label_of_code(p[2], "-")),
        ("Tanggal lahir", _when(p[3])),
        ("Telepon", display_phone(p[4]) if p[4] else "-"),
        ("Alamat", _text(p[5])),
        ("Desa / kecamatan / kabupaten", " / ".join(_text(x) for x in p[6:9])),
        ("Pekerjaan", enums.Occupation.label_of_code(p[9], "-")),
        ("Jabatan di desa", enums.OfficialRole.label_of_code(p[10], "-")),
        ("Penghasilan per bulan", format_rupiah(p[11] or 0)),
        ("Program JKK / JKM / JHT", " / ".join(_text(bool(x)) for x in p[12:15])),
        ("Iuran per bulan", format_rupiah(p[15] or 0)),
        ("Sumber dana", enums.FundingSource.label_of_code(p[16], "-")),
        ("Status", enums.ParticipantStatus.label_of_code(p[17], "-")),
        ("Tanggal daftar", _when(p[18])),
        ("No. KPJ", _text(p[19])),
        ("Petugas", _text(p[20])),
        ("Dicatat pertama", _when(p[21])),
        ("Terakhir diubah", _when(p[22])),
        ("Dihapus", _when(p[23])),
        ("ID catatan", pid),
    ]
    history = []
    for e in record_history(db, "participants", pid, lang="id"):
        changes = "; ".join(f"{c.label}: {c.old_text} → {c.new_text}" for c in e.changes)
        history.append(
            (
                display.date_time(e.made_at, utc=False),  # the report states its times in UTC
                e.action_label,
                e.officer or e.device,
                changes or "-",
            )
        )
    rows = [
        (
            _when(a[0]),
            enums.SessionType.label_of_code(a[1], "-"),
            _text(a[2]),
            enums.AttendanceOutcome.label_of_code(a[3], "-") + ("" if a[4] else " (sebagai tamu)"),
        )
        for a in attendance
    ]
    shown = [
        (_when(d[0]), processing.ACTION_LABELS.get(d[1], str(d[1])), str(d[2]), str(d[3])[:16])
        for d in disclosures
    ]
    conflicts = [
        (
            _when(c[0]),
            "laptop ini" if c[1] == "local" else "berkas impor",
            c[2],
            _loser_text(c[3]),
        )
        for c in conflict_rows
    ]
    return SubjectReport(
        pid, values, history, rows, shown, _when(erased) if erased else None, conflicts
    )


_HIDDEN = frozenset({"id", "rev", "created_at", "updated_at", "updated_by", "deleted_at"})


def _loser_text(text: str) -> str:
    try:
        values = json.loads(text or "{}")
    except ValueError:
        return "-"
    return "; ".join(
        f"{field_label(k, 'id')}: {v}"
        for k, v in sorted(values.items())
        if k not in _HIDDEN and v not in (None, "")
    )


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    if not rows:
        return "<p>Tidak ada.</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def render_html(r: SubjectReport, officer: str = "", branch: str = "") -> str:
    erased = (
        f"<p><b>Data pribadi orang ini sudah dihapus pada {html.escape(r.erased_at)} UTC.</b></p>"
        if r.erased_at
        else ""
    )
    return (
        "<html><head><meta charset='utf-8'><title>Laporan data pribadi</title></head><body>"
        "<h1>Laporan data pribadi (hak akses subjek data, UU 27/2022)</h1>"
        f"<p>Dibuat {display.date_time(r.made_at, utc=False)} oleh {html.escape(officer or '-')}, "
        f"kantor cabang {html.escape(branch or '-')}. {WIB_NOTE}</p>"
        f"{erased}"
        "<h2>Data yang disimpan saat ini</h2>"
        + _table(("Data", "Nilai"), r.values)
        + "<h2>Riwayat perubahan</h2>"
        + _table(("Waktu", "Kegiatan", "Oleh", "Perubahan"), r.history)
        + "<h2>Versi yang kalah konflik sinkronisasi (disimpan untuk supervisor)</h2>"
        + _table(("Ditemukan", "Versi dari", "Berkas", "Nilai"), r.conflicts)
        + "<h2>Kehadiran di sosialisasi</h2>"
        + _table(("Tanggal", "Kegiatan", "Desa", "Hasil"), r.attendance)
        + "<h2>Ke mana data ini dikirim dari laptop ini</h2>"
        "<p>Setiap ekspor sinkronisasi memuat semua peserta yang tercatat saat itu "
        "(kepada supervisor kantor cabang); salinan privasi tidak memuat NIK, telepon, "
        "tanggal lahir dan alamat.</p>"
        + _table(("Waktu", "Kegiatan", "Berkas", "SHA-256 (awal)"), r.disclosures)
        + "<p>Cadangan basis data di laptop ini memuat data yang sama dan dihapus otomatis "
        "menurut umur cadangan.</p></body></html>"
    )


def write_report_html(db: Database, key: str, out: Path | str) -> Path:
    """The report as an HTML file (command line), recorded in the processing record."""
    report = collect_report(db, key)
    out = Path(out)
    try:
        with replaced_when_done(out) as part:
            part.write_text(render_html(report, db.officer, db.device.branch), encoding="utf-8")
    except OSError as exc:
        raise describe_os_error(exc) from exc
    record_report(db, report, out)
    return out


def record_report(db: Database, report: SubjectReport, out: Path) -> None:
    processing.record(
        db,
        processing.SUBJECT_REPORT,
        out,
        counts={"history": len(report.history), "attendance": len(report.attendance)},
        note=f"peserta {report.participant_id}",
    )


__all__ = ["SubjectReport", "collect_report", "record_report", "render_html", "write_report_html"]
