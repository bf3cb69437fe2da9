"""The "Ringkasan" sheet: what a supervisor reads first.

Key figures, then totals per kabupaten (with a chart of registrations against the
target), per participant status, per officer and per village. All numbers come from
SQL aggregates over live records; no formulas (nothing in the export is live).
Progress counts the people ``services.funnel.counted_in_year`` counts (the same rule
as the dashboard), against the targets of that year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, case, func, select
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desasadar_gui.db.models import Participant, Target
from desasadar_gui.domain.enums import ParticipantStatus, VillageKind, VillageStatus
from desasadar_gui.services.funnel import counted_in_year
from desasadar_gui.sync.workbook_format import SUMMARY_SHEET

WIB = timedelta(hours=7)


@dataclass
class Summary:
    year: int
    villages: int = 0
    launched: int = 0
    participants: int = 0
    sessions: int = 0
    attendance: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    # kabupaten -> [villages, launched, participants, registered in year]
    by_kabupaten: dict[str, list[int]] = field(default_factory=dict)
    # officer -> [participants, registered in year]
    by_officer: dict[str, list[int]] = field(default_factory=dict)
    # (kabupaten, kecamatan, name, kind, status, id) -> [participants, registered in year]
    by_village: list[tuple[tuple[str, ...], list[int]]] = field(default_factory=list)
    targets: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def registered(self) -> int:
        return sum(v[3] for v in self.by_kabupaten.values())

    def target(self, scope: str, key: str = "") -> int | None:
        return self.targets.get((scope, key))


def _target_year(conn: Connection, today: date) -> int:
    years = [
        y
        for (y,) in conn.exec_driver_sql(
            "SELECT DISTINCT year FROM targets WHERE deleted_at IS NULL"
        )
    ]
    past = [y for y in years if y <= today.year]
    return max(past) if past else (min(years) if years else today.year)


def collect_summary(conn: Connection, today: date) -> Summary:
    year = _target_year(conn, today)
    s = Summary(year)
    registered = func.sum(case((counted_in_year(year), 1), else_=0))
    live = Participant.deleted_at.is_(None)
    q = conn.exec_driver_sql
    s.sessions = q("SELECT count(*) FROM sessions WHERE deleted_at IS NULL").scalar() or 0
    s.attendance = q("SELECT count(*) FROM attendance WHERE deleted_at IS NULL").scalar() or 0
    for status, n in q(
        "SELECT status, count(*) FROM participants WHERE deleted_at IS NULL GROUP BY status"
    ):
        s.by_status[status] = n
    s.participants = sum(s.by_status.values())
    per_village: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for vid, total, reg in conn.execute(
        select(Participant.village_id, func.count(), registered)
        .where(live)
        .group_by(Participant.village_id)
    ):
        per_village[vid or ""] = [total, reg or 0]
    villages = q(
        "SELECT kabupaten, kecamatan, name, kind, status, id FROM villages "
        "WHERE deleted_at IS NULL ORDER BY kabupaten, kecamatan, name"
    ).all()
    for kab, kec, name, kind, status, vid in villages:
        counts = per_village.get(vid, [0, 0])
        s.by_village.append(((kab or "-", kec, name, kind, status, vid), counts))
        row = s.by_kabupaten.setdefault(kab or "-", [0, 0, 0, 0])
        row[0] += 1
        row[1] += status == VillageStatus.LAUNCHED.value
        row[2] += counts[0]
        row[3] += counts[1]
    s.villages = len(villages)
    s.launched = sum(v[1] for v in s.by_kabupaten.values())
    if "" in per_village:  # people with no village
        row = s.by_kabupaten.setdefault("(tanpa desa)", [0, 0, 0, 0])
        row[2] += per_village[""][0]
        row[3] += per_village[""][1]
    for officer, total, reg in conn.execute(
        select(Participant.officer, func.count(), registered)
        .where(live)
        .group_by(Participant.officer)
        .order_by(Participant.officer)
    ):
        s.by_officer[officer or "-"] = [total, reg or 0]
    for scope, key, value in conn.execute(
        select(Target.scope, Target.scope_key, Target.value)
        .where(Target.deleted_at.is_(None), Target.year == year)
        .order_by(Target.rev)
    ):
        s.targets[(scope, key)] = value  # the latest edit wins when two laptops set one
    return s


class _Styles:
    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10}
        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F5C99"})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.section = wb.add_format(
            {**base, "bold": True, "font_size": 12, "font_color": "#1F5C99", "bottom": 2}
        )
        self.head = wb.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#1F5C99",
                "font_color": "#FFFFFF",
                "border": 1,
                "text_wrap": True,
            }
        )
        self.text = wb.add_format({**base, "border": 1})
        self.int = wb.add_format({**base, "border": 1, "num_format": "#,##0"})
        self.pct = wb.add_format({**base, "border": 1, "num_format": "0.0%"})
        self.label = wb.add_format({**base, "bold": True})
        self.big = wb.add_format({**base, "bold": True, "font_size": 14, "num_format": "#,##0"})
        self.big_pct = wb.add_format({**base, "bold": True, "font_size": 14, "num_format": "0.0%"})
        self.total = wb.add_format({**base, "bold": True, "top": 2, "num_format": "#,##0"})


def _pct(done: int, target: int | None) -> float | None:
    return done / target if target else None


class _Writer:
    def __init__(self, ws: Worksheet, st: _Styles) -> None:
        self.ws, self.st, self.row = ws, st, 0

    def line(self, *cells: tuple[object, object]) -> int:
        r = self.row
        for c, (value, style) in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, str):
                self.ws.write_string(r, c, value, style)
            else:
                self.ws.write_number(r, c, value, style)
        self.row += 1
        return r

    def table(
        self, title: str, headers: list[str], rows: list[list[object]], styles: list[object]
    ) -> tuple[int, int]:
        self.row += 1
        self.line((title, self.st.section))
        self.line(*[(h, self.st.head) for h in headers])
        first = self.row
        for values in rows:
            cells = zip(values, styles, strict=True)
            self.line(*[(v, s if v is not None else None) for v, s in cells])
        return first, self.row - 1


def write_summary(
    wb: Workbook,
    ws: Worksheet,
    s: Summary,
    *,
    officer: str,
    branch: str,
    exported_at: datetime,
    privacy: bool,
) -> None:
    st = _Styles(wb)
    w = _Writer(ws, st)
    ws.set_column(0, 0, 38)
    ws.set_column(1, 8, 14)
    local = exported_at + WIB
    w.line(("Rekap Desa Sadar Jaminan Sosial Ketenagakerjaan", st.title))
    w.line(
        (
            f"Kantor cabang: {branch or '-'}   ·   Petugas: {officer or '-'}   ·   "
            f"Diekspor {local:%d/%m/%Y %H:%M} WIB",
            st.subtitle,
        )
    )
    if privacy:
        w.line(
            (
                "Salinan untuk dibaca: tanpa NIK, nomor telepon, tanggal lahir dan alamat "
                "(hanya tercatat/tidak); berkas ini tidak bisa diimpor.",
                st.subtitle,
            )
        )
    branch_target = s.target("branch")
    w.row += 1
    w.line((f"Angka utama (target tahun {s.year})", st.section))
    for label, value, style in (
        ("Desa/kelurahan/pasar", s.villages, st.big),
        ("Sudah diluncurkan sebagai Desa Sadar", s.launched, st.big),
        ("Peserta (semua status)", s.participants, st.big),
        (f"Terdaftar pada {s.year}", s.registered, st.big),
        (f"Target kantor cabang {s.year}", branch_target, st.big),
        ("Capaian terhadap target", _pct(s.registered, branch_target), st.big_pct),
        ("Sesi sosialisasi", s.sessions, st.big),
        ("Kehadiran tercatat", s.attendance, st.big),
    ):
        w.line((label, st.label), (value if value is not None else "-", style))

    kab_rows = []
    for kab, (nv, nl, np_, nr) in sorted(s.by_kabupaten.items()):
        target = s.target("kabupaten", kab)
        kab_rows.append([kab, nv, nl, np_, nr, target, _pct(nr, target)])
    first, last = w.table(
        "Per kabupaten/kota",
        [
            "Kabupaten/Kota",
            "Desa",
            "Diluncurkan",
            "Peserta",
            f"Terdaftar {s.year}",
            f"Target {s.year}",
            "Capaian",
        ],
        kab_rows,
        [st.text, st.int, st.int, st.int, st.int, st.int, st.pct],
    )
    if kab_rows:
        chart = wb.add_chart({"type": "bar"})
        for col, name, color in (
            (4, f"Terdaftar {s.year}", "#1F5C99"),
            (5, f"Target {s.year}", "#F4B183"),
        ):
            chart.add_series(
                {
                    "name": name,
                    "categories": [SUMMARY_SHEET, first, 0, last, 0],
                    "values": [SUMMARY_SHEET, first, col, last, col],
                    "fill": {"color": color},
                }
            )
        chart.set_title({"name": f"Capaian per kabupaten/kota, {s.year}"})
        chart.set_legend({"position": "bottom"})
        height = 260 + 16 * len(kab_rows)
        chart.set_size({"width": 720, "height": height})
        # Below the table, in rows kept free for it (rows are written in order).
        ws.insert_chart(w.row + 1, 0, chart, {"x_offset": 4, "y_offset": 4})
        w.row += 2 + height // 20

    status_rows = []
    for status in ParticipantStatus:
        n = s.by_status.get(status.value, 0)
        status_rows.append([status.label_id, n, _pct(n, s.participants)])
    for code, n in s.by_status.items():
        if code not in {m.value for m in ParticipantStatus}:
            status_rows.append([code, n, _pct(n, s.participants)])
    w.table(
        "Per status peserta",
        ["Status", "Peserta", "Bagian"],
        status_rows,
        [st.text, st.int, st.pct],
    )

    officer_rows = []
    for name, (total, reg) in s.by_officer.items():
        target = s.target("officer", name)
        officer_rows.append([name, total, reg, target, _pct(reg, target)])
    w.table(
        "Per petugas",
        ["Petugas", "Peserta", f"Terdaftar {s.year}", f"Target {s.year}", "Capaian"],
        officer_rows,
        [st.text, st.int, st.int, st.int, st.pct],
    )

    village_rows = []
    kinds = {k.value: k.label_id for k in VillageKind}
    statuses = {k.value: k.label_id for k in VillageStatus}
    for (kab, kec, name, kind, village_status, vid), (total, reg) in s.by_village:
        target = s.target("village", vid)
        village_rows.append(
            [
                name,
                kab,
                kec,
                kinds.get(kind, kind),
                statuses.get(village_status, village_status),
                total,
                reg,
                target,
                _pct(reg, target),
            ]
        )
    w.table(
        "Per desa",
        [
            "Desa/kelurahan/pasar",
            "Kabupaten/Kota",
            "Kecamatan",
            "Jenis",
            "Status",
            "Peserta",
            f"Terdaftar {s.year}",
            f"Target {s.year}",
            "Capaian",
        ],
        village_rows,
        [st.text, st.text, st.text, st.text, st.text, st.int, st.int, st.int, st.pct],
    )
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)
