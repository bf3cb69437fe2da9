"""Refusals of a workbook, in plain language (Indonesian and English).

Every refusal is a :class:`WorkbookRefused`: the command line prints its message and
exits 2; the GUI shows it. Nothing has been changed when one is raised.
"""

from __future__ import annotations

from desasadar_gui.errors import UserError


class WorkbookRefused(UserError):
    """The file as a whole cannot be imported."""


class NotAWorkbookError(WorkbookRefused):
    pass


class DamagedWorkbookError(WorkbookRefused):
    pass


class ForeignWorkbookError(WorkbookRefused):
    pass


class WorkbookLayoutError(WorkbookRefused):
    """Sheets or columns are missing."""


class WorkbookTooNewError(WorkbookRefused):
    pass


class WorkbookTooLargeError(WorkbookRefused):
    pass


class UnsafeWorkbookError(WorkbookRefused):
    pass


class PrivacyWorkbookError(WorkbookRefused):
    pass


class SheetScrambledError(WorkbookRefused):
    """A sheet's data was moved between rows (sorted on some columns only)."""

    def __init__(self, sheet: str, moved: list[str], someone_else: int) -> None:
        if moved:
            shown = ", ".join(moved[:4])
            more_id = f" dan {len(moved) - 4} kolom lain" if len(moved) > 4 else ""
            more_en = f" and {len(moved) - 4} more" if len(moved) > 4 else ""
            what_id = f"data kolom {shown}{more_id} berpindah ke baris orang lain"
            what_en = f"the data of the columns {shown}{more_en} moved onto other rows"
        else:
            what_id = f"{someone_else} baris kini berisi orang lain (NIK, nama dan tanggal lahir)"
            what_en = f"{someone_else} rows now hold someone else (NIK, name and birth date)"
        super().__init__(
            f"Lembar '{sheet}' tampaknya diurutkan hanya pada sebagian kolom: {what_id}. "
            "Batalkan pengurutan itu (Ctrl+Z) atau ekspor lagi; untuk mengurutkan, pakai "
            "tombol filter di baris judul (seluruh tabel ikut). Tidak ada yang diubah.",
            f"Sheet '{sheet}' seems to have been sorted with only some columns selected: "
            f"{what_en}. Undo that sort (Ctrl+Z) or export again; to sort, use the filter "
            "buttons in the header row (the whole table moves). Nothing was changed.",
        )
        self.sheet = sheet
        self.moved = moved


def not_a_workbook(name: str, detail_id: str = "", detail_en: str = "") -> NotAWorkbookError:
    return NotAWorkbookError(
        f"'{name}' bukan buku kerja Excel (.xlsx){detail_id}. Tidak ada yang diubah.",
        f"'{name}' is not an Excel workbook (.xlsx){detail_en}. Nothing was changed.",
    )


def damaged(name: str) -> DamagedWorkbookError:
    return DamagedWorkbookError(
        f"Berkas '{name}' rusak atau tidak lengkap (mungkin terpotong saat disalin). "
        "Salin ulang dari sumbernya. Tidak ada yang diubah.",
        f"The file '{name}' is damaged or incomplete (perhaps cut off while copying). "
        "Copy it again from its source. Nothing was changed.",
    )


def unsafe(name: str) -> UnsafeWorkbookError:
    return UnsafeWorkbookError(
        f"Berkas '{name}' berisi bagian XML yang tidak aman (DOCTYPE/ENTITY) dan ditolak. "
        "Tidak ada yang diubah.",
        f"The file '{name}' contains unsafe XML (DOCTYPE/ENTITY) and was refused. "
        "Nothing was changed.",
    )


def too_large(name: str, what_id: str, what_en: str) -> WorkbookTooLargeError:
    return WorkbookTooLargeError(
        f"Berkas '{name}' terlalu besar untuk diimpor ({what_id}). Tidak ada yang diubah.",
        f"The file '{name}' is too large to import ({what_en}). Nothing was changed.",
    )


def unreadable_cell(name: str, sheet: str, row: int) -> DamagedWorkbookError:
    return DamagedWorkbookError(
        f"Berkas '{name}' tidak bisa dibaca sampai habis: lembar '{sheet}' sekitar baris "
        f"{row} memuat sel yang rusak atau bernilai di luar jangkauan (mis. tanggal, jam atau "
        "durasi yang terlalu besar). Perbaiki atau kosongkan sel itu, simpan, lalu impor lagi. "
        "Tidak ada yang diubah.",
        f"The file '{name}' cannot be read to the end: sheet '{sheet}' near row {row} holds "
        "a damaged cell or one out of range (e.g. a date, time or duration far too large). "
        "Fix or clear that cell, save, and import again. Nothing was changed.",
    )
