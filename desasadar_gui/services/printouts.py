"""Printable spreadsheets officers ask for: a session's attendance sheet, and the
dashboard on one page.

Both are written with XlsxWriter, text from users always as text (a name starting
with "=" stays a name), to a temporary file beside the target that is renamed over it
at the end: a full disk or a crash never leaves half a workbook under the real name.
Print setup is part of the file (A4 landscape, margins, fit to width, repeated header
rows, page numbers), so "Print" in Excel or LibreOffice gives a usable page.

The attendance sheet is in Bahasa Indonesia whatever the interface language: the
village's people sign it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError

from desasadar_gui.db.models import OutreachSession, Participant, Village
from desasadar_gui.domain import display
from desasadar_gui.domain.enums import Occupation, OfficialRole, SessionType, TargetScope
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.phone import display_phone
from desasadar_gui.domain.problems import format_date
from desasadar_gui.files import replaced_when_done
from desasadar_gui.services.database import Database
from desasadar_gui.services.oserrors import describe_os_error
from desasadar_gui.services.records import get_live

BLANK_ROWS = 15
_DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}

# Paper: 9 = A4 (XlsxWriter / Excel numbering).
A4 = 9


def _label(enum, code: str | None, lang: str = "id") -> str:
    if not code:
        return ""
    try:
        return enum(code).label(lang)
    except ValueError:
        return code


def _write_atomically(out_path: Path | str, build: Callable[[Workbook], None]) -> Path:
    """Build into a temporary file beside ``out_path``, then rename it over the target.

    File-system failures (missing folder, read-only, disk full, the file open in Excel)
    become a plain-language :class:`UserError`; nothing is left behind.
    """
    target = Path(out_path)
    try:
        with replaced_when_done(target) as part:
            workbook = Workbook(str(part), _OPTIONS)
            try:
                build(workbook)
            finally:
                workbook.close()
    except (FileCreateError, OSError) as exc:
        cause = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc
        if not isinstance(cause, OSError):
            cause = OSError(str(exc))
        # Name the file the user chose, not the temporary one.
        raise describe_os_error(OSError(cause.errno, cause.strerror, str(target))) from exc
    return target


def long_date(value: date, lang: str = "id") -> str:
    """'Selasa, 24 November 2026'."""
    days = _DAYS_EN if lang == "en" else _DAYS_ID
    return f"{days[value.weekday()]}, {format_date(value, lang)}"


# -- attendance sheet ------------------------------------------------------------------


def _session_facts(db: Database, session_id: str):
    with db.read_session() as s:
        session = get_live(s, OutreachSession, session_id)
        village = s.get(Village, session.village_id) if session.village_id else None
        people = (
            s.execute(
                select(
                    Participant.name,
                    Participant.nik,
                    Participant.phone,
                    Participant.occupation,
                    Participant.official_role,
                )
                .where(Participant.village_id == village.id, Participant.deleted_at.is_(None))
                .order_by(func.lower(Participant.name), Participant.id)
            ).all()
            if village is not None
            else []
        )
        facts = {
            "type": session.type,
            "held_on": session.held_on,
            "place": session.place,
            "facilitator": session.facilitator,
            "village": village.name if village else "",
            "kind": village.kind if village else "",
            "kecamatan": village.kecamatan if village else "",
            "kabupaten": village.kabupaten if village else "",
        }
    return facts, people


def write_attendance_sheet(
    db: Database, session_id: str, out_path: Path | str, blank_rows: int = BLANK_ROWS
) -> Path:
    """A printable attendance list for the session: its village's known people by name,
    then ``blank_rows`` numbered empty lines for walk-ins; A4 landscape, one page wide,
    the column headings repeated on every page, page numbers in the footer."""
    facts, people = _session_facts(db, session_id)
    kind_title = {"kelurahan": "Kelurahan", "pasar": "Pasar"}.get(facts["kind"], "Desa")

    def build(wb: Workbook) -> None:
        ws = wb.add_worksheet("Daftar hadir")
        base = {"font_name": "Arial", "font_size": 10, "valign": "vcenter"}
        title = wb.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
        subtitle = wb.add_format({**base, "font_size": 10, "align": "center", "italic": True})
        label = wb.add_format({**base, "bold": True})
        value = wb.add_format({**base})
        head = wb.add_format({**base, "bold": True, "align": "center", "border": 1,
                              "bg_color": "#D9E2F3", "text_wrap": True})  # fmt: skip
        cell = wb.add_format({**base, "border": 1})
        number = wb.add_format({**base, "border": 1, "align": "center"})
        nik = wb.add_format({**base, "border": 1, "num_format": "@"})
        small = wb.add_format({**base, "border": 1, "font_size": 9, "text_wrap": True})
        sign_odd = wb.add_format({**base, "border": 1, "font_size": 8, "valign": "top"})
        # Signatures zig-zag (odd numbers left, even ones in the middle), as on
        # the paper lists officers know, so neighbours do not sign over each other.
        sign_even = wb.add_format({**base, "border": 1, "font_size": 8, "valign": "top",
                                   "align": "left", "indent": 12})  # fmt: skip

        # No / Nama / NIK / Telepon / Pekerjaan / Tanda tangan (widths in characters).
        widths = (5, 34, 20, 17, 30, 34)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        last = len(widths) - 1
        session_type = _label(SessionType, facts["type"]).upper()
        ws.merge_range(0, 0, 0, last, f"DAFTAR HADIR {session_type}", title)
        ws.merge_range(
            1, 0, 1, last,
            "Program Desa Sadar Jaminan Sosial Ketenagakerjaan — BPJS Ketenagakerjaan",
            subtitle,
        )  # fmt: skip
        place = facts["village"]
        if facts["kecamatan"]:
            place += f", Kec. {facts['kecamatan']}"
        if facts["kabupaten"]:
            place += f", {facts['kabupaten']}"
        info = (
            (f"{kind_title}", place),
            ("Hari/tanggal", long_date(facts["held_on"])),
            ("Tempat", facts["place"]),
            ("Fasilitator", facts["facilitator"]),
        )
        for i, (name, text) in enumerate(info):
            # Label and value in one merged line: column A is too narrow for a label.
            ws.merge_range(3 + i, 0, 3 + i, last, "", value)
            ws.write_rich_string(3 + i, 0, label, f"{name}: ", value, text or "-", value)
        header_row = 3 + len(info) + 1
        headings = ("No", "Nama", "NIK", "Telepon", "Pekerjaan", "Tanda tangan")
        for col, text in enumerate(headings):
            ws.write_string(header_row, col, text, head)
        ws.set_row(header_row, 22)
        row = header_row + 1
        n = 0
        for name, nik_text, phone, occupation, role in people:
            n += 1
            ws.set_row(row, 27)
            ws.write_number(row, 0, n, number)
            ws.write_string(row, 1, name or "", cell)
            ws.write_string(row, 2, nik_text or "", nik)
            ws.write_string(row, 3, display_phone(phone), cell)
            work = _label(OfficialRole, role) if role else _label(Occupation, occupation)
            ws.write_string(row, 4, work, small)
            ws.write_string(row, 5, f"{n}.", sign_odd if n % 2 else sign_even)
            row += 1
        for _ in range(blank_rows):
            n += 1
            ws.set_row(row, 27)
            ws.write_number(row, 0, n, number)
            for col in range(1, 5):
                ws.write_blank(row, col, None, nik if col == 2 else cell)
            ws.write_string(row, 5, f"{n}.", sign_odd if n % 2 else sign_even)
            row += 1
        row += 1
        ws.write_string(row, 4, f"{facts['village'] or '…'}, {format_date(facts['held_on'])}",
                        value)  # fmt: skip
        ws.write_string(row + 1, 4, "Fasilitator,", value)
        ws.write_string(row + 5, 4, f"( {facts['facilitator'] or '.' * 30} )", value)

        ws.set_landscape()
        ws.set_paper(A4)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        ws.center_horizontally()
        ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as the list needs
        ws.repeat_rows(header_row)
        ws.print_area(0, 0, row + 5, last)
        ws.set_header(
            f"&R&8{_header_text(session_type)} · {_amp(facts['village'])} · "
            f"{format_date(facts['held_on'])}"
        )
        ws.set_footer("&C&9Halaman &P dari &N")
        ws.freeze_panes(header_row + 1, 0)
        wb.set_properties({"title": f"Daftar hadir {session_type.title()} {facts['village']}",
                           "subject": "Desa Sadar Jaminan Sosial Ketenagakerjaan",
                           "author": db.officer or "Desa Sadar"})  # fmt: skip

    return _write_atomically(out_path, build)


def _amp(text: str) -> str:
    """Header/footer text: '&' is a control character there."""
    return (text or "").replace("&", "&&")


def _header_text(session_type: str) -> str:
    return _amp(f"Daftar hadir {session_type.title()}")


def attendance_sheet_name(db: Database, session_id: str) -> str:
    """A suggested file name: 'Daftar hadir Sungai Baung 2026-11-24.xlsx'."""
    facts, _ = _session_facts(db, session_id)
    village = "".join(c for c in facts["village"] if c.isalnum() or c in " -_").strip()
    return f"Daftar hadir {village or 'sesi'} {facts['held_on'].isoformat()}.xlsx"


# -- dashboard on one page ----------------------------------------------------------------


_TEXTS = {
    "id": {
        "title": "Ringkasan capaian Desa Sadar Jaminan Sosial Ketenagakerjaan {year}",
        "asof": "Keadaan per {date} · dicetak oleh {officer}",
        "registered": "Peserta terdaftar {year}",
        "target": "Target kantor cabang",
        "progress": "Capaian",
        "pace": "Perlu per bulan",
        "active": "Aktif (membayar)",
        "inactive": "Tidak aktif",
        "prospects": "Prospek (belum mendaftar)",
        "contrib": "Iuran per bulan peserta aktif",
        "months": "Pendaftaran per bulan",
        "month": "Bulan",
        "count": "Jumlah",
        "kabupaten": "Per kabupaten/kota",
        "officers": "Per petugas",
        "villages": "Desa teratas",
        "name": "Nama",
        "reg": "Terdaftar",
        "tgt": "Target",
        "pct": "Capaian",
        "pipeline": "Status desa",
        "officials": "Perangkat desa lengkap",
        "occupations": "Pekerjaan peserta",
        "programmes": "Program dipilih",
        "none": "(tanpa desa)",
        "no_officer": "(tanpa petugas)",
        "no_occupation": "(belum diisi)",
        "sessions": "Sesi sosialisasi",
    },
    "en": {
        "title": "Desa Sadar social security progress {year}",
        "asof": "As of {date} · printed by {officer}",
        "registered": "Participants registered {year}",
        "target": "Branch target",
        "progress": "Progress",
        "pace": "Needed per month",
        "active": "Active (paying)",
        "inactive": "Inactive",
        "prospects": "Prospects (not registered)",
        "contrib": "Monthly contributions of active participants",
        "months": "Registrations per month",
        "month": "Month",
        "count": "Count",
        "kabupaten": "By regency/city",
        "officers": "By officer",
        "villages": "Top villages",
        "name": "Name",
        "reg": "Registered",
        "tgt": "Target",
        "pct": "Progress",
        "pipeline": "Village status",
        "officials": "Villages with all officials",
        "occupations": "Occupations",
        "programmes": "Programmes chosen",
        "none": "(no village)",
        "no_officer": "(no officer)",
        "no_occupation": "(not given)",
        "sessions": "Outreach sessions",
    },
}


def write_dashboard_xlsx(
    db: Database, year: int, out_path: Path | str, lang: str = "id", today: date | None = None
) -> Path:
    """The dashboard of ``year`` as one printable A4 landscape page (fit to page)."""
    from desasadar_gui.domain.enums import Programme, VillageStatus
    from desasadar_gui.services.dashboard import compute_dashboard, month_name

    d = compute_dashboard(db, year, today=today)
    t = _TEXTS["en" if lang == "en" else "id"]

    def build(wb: Workbook) -> None:
        ws = wb.add_worksheet("Ringkasan" if lang != "en" else "Summary")
        base = {"font_name": "Arial", "font_size": 9, "valign": "vcenter"}
        f = {
            "title": wb.add_format({**base, "bold": True, "font_size": 14,
                                    "font_color": "#1F4E79"}),
            "sub": wb.add_format({**base, "italic": True, "font_color": "#595959"}),
            "section": wb.add_format({**base, "bold": True, "font_size": 10,
                                      "font_color": "#1F4E79", "bottom": 1}),
            "head": wb.add_format({**base, "bold": True, "bg_color": "#D9E2F3", "border": 1}),
            "headnum": wb.add_format({**base, "bold": True, "bg_color": "#D9E2F3", "border": 1,
                                      "align": "right"}),
            "text": wb.add_format({**base, "border": 1}),
            "int": wb.add_format({**base, "border": 1, "num_format": "#,##0"}),
            "pct": wb.add_format({**base, "border": 1, "num_format": "0.0%"}),
            "kpi_label": wb.add_format({**base, "font_color": "#595959"}),
            "kpi": wb.add_format({**base, "bold": True, "font_size": 13, "num_format": "#,##0"}),
            "kpi_pct": wb.add_format({**base, "bold": True, "font_size": 13,
                                      "num_format": "0.0%"}),
            "kpi_text": wb.add_format({**base, "bold": True, "font_size": 13}),
        }  # fmt: skip
        # Three blocks side by side: columns A-C, E-H, J-N.
        for col, width in enumerate((24, 11, 9, 2, 24, 11, 9, 9, 2, 26, 11, 9, 9)):
            ws.set_column(col, col, width)

        def text(r: int, c: int, value: str, fmt) -> None:
            ws.write_string(r, c, value, fmt)

        def num(r: int, c: int, value: float | int | None, fmt) -> None:
            if value is None:
                ws.write_blank(r, c, None, fmt)
            else:
                ws.write_number(r, c, value, fmt)

        text(0, 0, t["title"].format(year=year), f["title"])
        text(1, 0, t["asof"].format(date=format_date(d.as_of, lang), officer=db.officer or "-"),
             f["sub"])  # fmt: skip
        kpis = (
            (t["registered"].format(year=year), d.branch.counted, f["kpi"]),
            (t["target"], d.branch.target, f["kpi"]),
            (t["progress"], d.branch.ratio, f["kpi_pct"]),
            (t["pace"], d.pace.per_month_needed, f["kpi"]),
            (t["active"], d.branch.active, f["kpi"]),
            (t["prospects"], d.prospects, f["kpi"]),
        )
        kpi_cols = (0, 1, 4, 5, 9, 10)
        for (name, value, fmt), col in zip(kpis, kpi_cols, strict=True):
            text(3, col, name, f["kpi_label"])
            num(4, col, value, fmt)
        text(5, 0, t["contrib"], f["kpi_label"])
        text(5, 4, format_rupiah(d.contributions), f["kpi_text"])

        # Block 1: months, then occupations and programmes.
        r = 7
        text(r, 0, t["months"], f["section"])
        text(r + 1, 0, t["month"], f["head"])
        text(r + 1, 1, t["count"], f["headnum"])
        for m, n in enumerate(d.months, start=1):
            text(r + 1 + m, 0, month_name(m, lang), f["text"])
            num(r + 1 + m, 1, n, f["int"])
        r += 15
        text(r, 0, t["programmes"], f["section"])
        for i, (code, n) in enumerate(d.programmes, start=1):
            text(r + i, 0, _label(Programme, code, lang), f["text"])
            num(r + i, 1, n, f["int"])
        r += len(d.programmes) + 2
        text(r, 0, t["pipeline"], f["section"])
        for i, (code, n) in enumerate(d.village_status, start=1):
            text(r + i, 0, _label(VillageStatus, code, lang), f["text"])
            num(r + i, 1, n, f["int"])
        r += len(d.village_status) + 1
        text(r, 0, t["officials"], f["text"])
        complete, villages = d.officials.complete, d.officials.villages
        text(r, 1, f"{display.count(complete, lang)} / {display.count(villages, lang)}", f["text"])
        text(r + 1, 0, t["sessions"], f["text"])
        num(r + 1, 1, d.sessions, f["int"])

        # Block 2: kabupaten, officers.
        def progress_table(r: int, c: int, title: str, rows, empty: str, limit: int) -> int:
            text(r, c, title, f["section"])
            for i, h in enumerate((t["name"], t["reg"], t["tgt"], t["pct"])):
                text(r + 1, c + i, h, f["head"] if i == 0 else f["headnum"])
            for i, row in enumerate(rows[:limit], start=2):
                text(r + i, c, row.label or empty, f["text"])
                num(r + i, c + 1, row.counted, f["int"])
                num(r + i, c + 2, row.target, f["int"])
                num(r + i, c + 3, row.ratio, f["pct"])
            return r + 2 + min(limit, len(rows))

        end = progress_table(7, 4, t["kabupaten"], d.kabupaten, t["none"], 14)
        progress_table(end + 1, 4, t["officers"], d.officers, t["no_officer"], 10)

        # Block 3: top villages, occupations.
        end = progress_table(7, 9, t["villages"], d.villages, t["none"], 15)
        r = end + 1
        text(r, 9, t["occupations"], f["section"])
        for i, (occupation, n) in enumerate(d.occupations[:12], start=1):
            name = _label(Occupation, occupation, lang) if occupation else t["no_occupation"]
            text(r + i, 9, name, f["text"])
            num(r + i, 10, n, f["int"])

        ws.set_landscape()
        ws.set_paper(A4)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        ws.fit_to_pages(1, 1)
        ws.center_horizontally()
        ws.hide_gridlines(2)
        ws.set_footer("&L&8Desa Sadar&R&8&D")
        scope = TargetScope.BRANCH.label(lang)
        wb.set_properties({"title": t["title"].format(year=year), "subject": scope,
                           "author": db.officer or "Desa Sadar"})  # fmt: skip

    return _write_atomically(out_path, build)
