"""What the dashboard shows: its figures written into the tab's cards and charts.

The texts keep the tab's translation context ("DashboardTab").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desasadar_gui.domain.enums import Occupation, Programme, VillageStatus
from desasadar_gui.domain.money import format_rupiah
from desasadar_gui.domain.problems import format_date
from desasadar_gui.services.dashboard import Dashboard, month_name
from desasadar_gui.ui.kit.charts import AMBER, GREEN, GREY, fmt_int, fmt_pct
from desasadar_gui.ui.kit.i18n import enum_label, language

if TYPE_CHECKING:
    from desasadar_gui.ui.dashboard.tab import DashboardTab


def expected_ratio(year: int, as_of: date) -> float:
    """The share of the year gone by on ``as_of`` (the pace a target needs)."""
    today = date.today()
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    start = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - start).days
    return min(1.0, ((as_of - start).days + 1) / days)


def show_figures(tab: DashboardTab, d: Dashboard) -> None:
    lang = language()
    expected = expected_ratio(d.year, d.as_of)
    b = d.branch
    tab.status_label.setText(
        QCoreApplication.translate(
            "DashboardTab", "Keadaan per %1 · peserta dihitung menurut tanggal daftar"
        ).replace("%1", format_date(d.as_of, lang))
    )
    # Headline: registrations against the branch target.
    tab.progress_card.title.setText(
        QCoreApplication.translate("DashboardTab", "Peserta terdaftar %1").replace(
            "%1", str(d.year)
        )
    )
    if b.target:
        tab.progress_card.value.setText(
            QCoreApplication.translate("DashboardTab", "%1 dari %2")
            .replace("%1", fmt_int(b.counted))
            .replace("%2", fmt_int(b.target))
        )
    else:
        tab.progress_card.value.setText(fmt_int(b.counted))
    tab.progress_meter.set_progress(b.ratio, expected if b.target else None)
    tab.progress_meter.setVisible(bool(b.target))
    tab.progress_card.note.setText(pace_text(d))
    # Active.
    tab.active_card.value.setText(fmt_int(b.active))
    share = fmt_pct(b.active / b.counted, 0) if b.counted else "–"
    tab.active_card.note.setText(
        QCoreApplication.translate(
            "DashboardTab", "%1 dari yang mendaftar tahun ini; %2 tidak aktif"
        )
        .replace("%1", share)
        .replace("%2", fmt_int(b.inactive))
    )
    # Prospects.
    tab.prospects_card.value.setText(fmt_int(d.prospects))
    tab.prospects_card.note.setText(
        QCoreApplication.translate(
            "DashboardTab", "belum mendaftar — lihat daftar tindak lanjut di tab Sosialisasi"
        )
    )
    # Villages.
    status = dict(d.village_status)
    launched = status.get(VillageStatus.LAUNCHED.value, 0)
    total_villages = sum(status.values())
    tab.villages_card.value.setText(
        QCoreApplication.translate("DashboardTab", "%1 dari %2")
        .replace("%1", fmt_int(launched))
        .replace("%2", fmt_int(total_villages))
    )
    tab.villages_card.note.setText(
        QCoreApplication.translate("DashboardTab", "%1 desa sudah sosialisasi, %2 masih calon")
        .replace("%1", fmt_int(status.get(VillageStatus.SOCIALISED.value, 0)))
        .replace("%2", fmt_int(status.get(VillageStatus.PROSPECT.value, 0)))
    )

    # Months.
    tab.months_card.title.setText(
        QCoreApplication.translate("DashboardTab", "Pendaftaran per bulan %1").replace(
            "%1", str(d.year)
        )
    )
    future = []
    today = date.today()
    if d.year == today.year:
        future = list(range(today.month, 12))  # months after this one
    elif d.year > today.year:
        future = list(range(12))
    reference = None
    reference_label = ""
    if b.target:
        reference = b.target / 12
        reference_label = QCoreApplication.translate(
            "DashboardTab", "target rata-rata %1/bulan"
        ).replace("%1", fmt_int(reference))
    tab.months_chart.set_data(
        [month_name(m, lang) for m in range(1, 13)],
        d.months,
        reference,
        reference_label,
        muted=future,
    )

    tab._show_breakdown()

    # Pipeline and officials.
    tab.pipeline_bar.set_data(
        [
            (VillageStatus.PROSPECT.label(lang), status.get(VillageStatus.PROSPECT.value, 0), GREY),
            (
                VillageStatus.SOCIALISED.label(lang),
                status.get(VillageStatus.SOCIALISED.value, 0),
                AMBER,
            ),
            (VillageStatus.LAUNCHED.label(lang), launched, GREEN),
        ]
    )
    o = d.officials
    tab.officials_label.setText(
        QCoreApplication.translate(
            "DashboardTab", "Perangkat desa lengkap di %1 dari %2 desa; %3 perangkat terdaftar."
        )
        .replace("%1", fmt_int(o.complete))
        .replace("%2", fmt_int(o.villages))
        .replace("%3", fmt_int(o.officials))
    )
    coverage = o.positions_filled / o.positions_required if o.positions_required else None
    tab.officials_meter.set_progress(coverage)
    tab.officials_meter.setToolTip(
        QCoreApplication.translate("DashboardTab", "Jabatan wajib yang sudah terisi: %1 dari %2")
        .replace("%1", fmt_int(o.positions_filled))
        .replace("%2", fmt_int(o.positions_required))
    )
    tab.sessions_label.setText(
        QCoreApplication.translate(
            "DashboardTab", "%1 sesi sosialisasi, edukasi dan dialog pada %2."
        )
        .replace("%1", fmt_int(d.sessions))
        .replace("%2", str(d.year))
    )

    # Occupations: the largest seven, the rest together.
    rows = [
        (
            enum_label(Occupation, code)
            if code
            else QCoreApplication.translate("DashboardTab", "(belum diisi)"),
            n,
        )
        for code, n in d.occupations
    ]
    if len(rows) > 8:
        rest = sum(n for _, n in rows[7:])
        rows = rows[:7] + [
            (
                QCoreApplication.translate("DashboardTab", "Lainnya (%1 jenis)").replace(
                    "%1", str(len(rows) - 7)
                ),
                rest,
            )
        ]
    tab.occupations_card.title.setText(
        QCoreApplication.translate("DashboardTab", "Pekerjaan peserta terdaftar %1").replace(
            "%1", str(d.year)
        )
    )
    tab.occupations_chart.set_data(
        rows, total=b.counted or None, label_share=0.5, muted_last=len(d.occupations) > 8
    )
    short = {"jkk": "JKK", "jkm": "JKM", "jht": "JHT"}
    tab.programmes_chart.set_data(
        [(short.get(code, code), n) for code, n in d.programmes],
        total=b.counted or None,
        colour=QColor("#3b8c8c"),
        label_share=0.2,
    )
    tab.programmes_chart.setToolTip(
        "\n".join(enum_label(Programme, code) for code, _ in d.programmes)
    )
    tab.contributions_label.setText(
        QCoreApplication.translate("DashboardTab", "Iuran peserta aktif: %1 per bulan").replace(
            "%1", format_rupiah(d.contributions)
        )
    )


def pace_text(d: Dashboard) -> str:
    b, pace = d.branch, d.pace
    if not b.target:
        return QCoreApplication.translate(
            "DashboardTab", 'Belum ada target kantor cabang untuk %1. Klik "Atur target…".'
        ).replace("%1", str(d.year))
    if pace.remaining == 0:
        return QCoreApplication.translate(
            "DashboardTab", "Target tercapai. Rata-rata %1 pendaftar per bulan."
        ).replace("%1", fmt_int(pace.per_month_so_far))
    if pace.months_left == 0:
        return QCoreApplication.translate(
            "DashboardTab", "Tahun sudah berakhir; kurang %1 dari target."
        ).replace("%1", fmt_int(pace.remaining))
    return (
        QCoreApplication.translate(
            "DashboardTab",
            "Perlu %1 pendaftar per bulan hingga Desember (kurang %2); "
            "rata-rata sejauh ini %3 per bulan.",
        )
        .replace("%1", fmt_int(pace.per_month_needed))
        .replace("%2", fmt_int(pace.remaining))
        .replace("%3", fmt_int(pace.per_month_so_far))
    )
