"""The data subject's rights in the GUI: the printable report (PDF) and "hapus data
pribadi", for the participant chosen in the participants tab.

The rules live in ``services/subject_report.py`` and ``services/erasure.py``; this
module asks, prints the report's HTML to PDF with Qt, and says what happened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from desasadar_gui.files import replaced_when_done
from desasadar_gui.services.database import Database
from desasadar_gui.services.erasure import erase_person
from desasadar_gui.services.oserrors import describe_os_error
from desasadar_gui.services.subject_report import collect_report, record_report, render_html
from desasadar_gui.ui.kit import messages
from desasadar_gui.ui.kit.context import ATTENDANCE, PARTICIPANTS, SESSIONS, UiContext
from desasadar_gui.ui.kit.operations import Operation, run_change, run_operation


def write_report_pdf(db: Database, participant_id: str, path: Path | str) -> Path:
    """The subject-access report as an A4 PDF (Qt's text layout), recorded."""
    report = collect_report(db, participant_id)
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        if not target.parent.is_dir():
            raise FileNotFoundError(str(target.parent))
        with replaced_when_done(target) as tmp:
            writer = QPdfWriter(str(tmp))
            writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
            writer.setTitle("Laporan data pribadi")
            writer.setCreator("Desa Sadar")
            doc = QTextDocument()
            doc.setHtml(render_html(report, db.officer, db.device.branch))
            doc.print_(writer)
            del writer  # closes the file
            if not tmp.is_file() or tmp.stat().st_size == 0:
                raise PermissionError(str(target))
    except OSError as exc:
        raise describe_os_error(exc) from exc
    record_report(db, report, target)
    return target


def report_with_dialog(parent: QWidget | None, ctx: UiContext, participant_id: str) -> Path | None:
    path = messages.ask_save_path(
        parent,
        QCoreApplication.translate("PersonalData", "Simpan laporan data pribadi"),
        "laporan-data-pribadi.pdf",
        "PDF (*.pdf)",
    )
    if not path:
        return None
    done = run_change(
        parent, None, lambda: write_report_pdf(ctx.db, participant_id, path), changed=None
    )
    if not done.ok or done.value is None:
        return None
    written = done.value
    messages.show_info(
        parent,
        QCoreApplication.translate("PersonalData", "Laporan disimpan di %1").replace(
            "%1", str(written)
        ),
    )
    return written


def erase_text(name: str) -> str:
    return (
        QCoreApplication.translate("PersonalData", "Hapus data pribadi %1?").replace("%1", name)
        + "\n\n"
        + QCoreApplication.translate(
            "PersonalData",
            "Nama, NIK, telepon, tanggal lahir, alamat, penghasilan dan No. KPJ orang ini "
            "dihapus dari laptop ini: dari datanya, riwayat perubahan, daftar konflik dan "
            "daftar hadir sebagai tamu. Yang tersisa hanya catatan bahwa data dihapus "
            "(tanpa isinya). Ini tidak bisa dibatalkan.",
        )
        + "\n\n"
        + QCoreApplication.translate(
            "PersonalData",
            "Laptop lain ikut menghapusnya setelah mengimpor ekspor berikutnya dari laptop "
            "ini; buku kerja lama tidak bisa mengembalikannya.",
        )
        + "\n\n"
        + QCoreApplication.translate(
            "PersonalData",
            "Cadangan di laptop ini ikut dibersihkan; salinan yang disimpan di luar aplikasi "
            "(flashdisk, folder lain) tidak, tetapi bila dipulihkan nanti orang ini tetap "
            "terhapus.",
        )
    )


def erase_with_dialog(
    parent: QWidget | None, ctx: UiContext, participant_id: str, name: str
) -> Operation | None:
    """Ask, then erase in the background (the purge VACUUMs the whole file)."""
    if not messages.confirm(
        parent, erase_text(name), QCoreApplication.translate("PersonalData", "Hapus data pribadi")
    ):
        return None
    db = ctx.db

    def work(progress, cancelled):  # noqa: ANN001
        return erase_person(db, participant_id)

    def done(_result) -> None:  # noqa: ANN001
        messages.show_info(
            parent,
            QCoreApplication.translate(
                "PersonalData",
                "Data pribadi sudah dihapus di laptop ini. Ekspor untuk sinkronisasi agar "
                "laptop lain ikut menghapusnya.",
            ),
        )

    return run_operation(
        parent, work, on_success=done, ctx=ctx, changes=(PARTICIPANTS, ATTENDANCE, SESSIONS)
    )


__all__ = ["erase_text", "erase_with_dialog", "report_with_dialog", "write_report_pdf"]
