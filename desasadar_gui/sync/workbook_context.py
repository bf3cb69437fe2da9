"""What the whole sync workbook says, before any row is read: its Metadata checked
(format, version, privacy copy, sheets), the export and save times that date its
spreadsheet edits, and the rate table it carries."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from desasadar_gui.domain.rates import RateTable
from desasadar_gui.sync.errors import (
    ForeignWorkbookError,
    PrivacyWorkbookError,
    WorkbookLayoutError,
    WorkbookRefused,
    WorkbookTooNewError,
)
from desasadar_gui.sync.workbook_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    OLDEST_FORMAT,
    SHEETS,
)

_EPOCH = datetime(1970, 1, 1)
FIRST_EXPORT = datetime(2015, 1, 1)
# Rows cannot have been edited long after the export that carries them (a laptop's
# clock may run ahead a little): later revisions would win forever, so they are refused.
REV_SLACK = timedelta(days=31)
# How much later than the export a saved time is still believed (else: export + 1 ms).
SAVE_WINDOW = timedelta(days=366)


@dataclass
class FileContext:
    """Facts of the file every row is judged by (the same on every laptop)."""

    name: str
    meta: dict[str, str]
    format_version: int
    export_millis: int
    edit_millis: int  # the revision time of this file's spreadsheet edits
    today: date  # the export date: "today" for the record rules
    rates: RateTable | None
    villages: dict[str, dict[str, Any]] = field(default_factory=dict)  # live, by id

    @property
    def fingerprinted(self) -> bool:
        return self.format_version >= 2


def _millis(moment: datetime) -> int:
    return int((moment - _EPOCH).total_seconds() * 1000)


def _exported_at(name: str, meta: dict[str, str]) -> datetime:
    try:
        moment = datetime.fromisoformat(meta.get("exported_at", "").strip())
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError):
        moment = None
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    if moment is None or not FIRST_EXPORT <= moment <= now + timedelta(days=1):
        shown = meta.get("exported_at", "")[:30] or "-"
        raise WorkbookRefused(
            f"Waktu ekspor di lembar Metadata '{name}' ({shown}) tidak masuk akal (jam laptop "
            "pengekspor salah, atau Metadata diubah). Betulkan jam laptop itu lalu ekspor "
            "lagi. Tidak ada yang diubah.",
            f"The export time in the Metadata of '{name}' ({shown}) is not plausible (the "
            "exporting laptop's clock is wrong, or the Metadata was edited). Fix that clock "
            "and export again. Nothing was changed.",
        )
    return moment


def saved_at(path: Path) -> datetime | None:
    """When the workbook was last saved (docProps/core.xml, written by Excel, LibreOffice
    and the export itself), in UTC; None when the file does not say."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("docProps/core.xml")
        root = ElementTree.fromstring(data)  # DOCTYPEs were refused by file_checks
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return None
    for element in root.iter():
        if element.tag.endswith("}modified") and element.text:
            try:
                moment = datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
            except ValueError:
                return None
            if moment.tzinfo is not None:
                moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
            return moment
    return None


def _file_rates(meta: dict[str, str], fallback: RateTable | None) -> RateTable | None:
    text = meta.get("rates", "")
    if text:
        try:
            return RateTable.from_csv_text(text)
        except ValueError:
            pass
    return fallback


def _check_meta(name: str, meta: dict[str, str], sheet_names: list[str]) -> int:
    if meta.get("format") != FORMAT_NAME:
        raise ForeignWorkbookError(
            f"'{name}' adalah buku kerja Excel, tetapi bukan hasil ekspor Desa Sadar "
            "(lembar Metadata tidak ada atau diubah). Tidak ada yang diubah.",
            f"'{name}' is an Excel workbook, but not a Desa Sadar export (its Metadata "
            "sheet is missing or changed). Nothing was changed.",
        )
    try:
        version = int(meta.get("format_version", ""))
    except ValueError:
        version = 10**6
    if version > FORMAT_VERSION:
        raise WorkbookTooNewError(
            f"'{name}' dibuat oleh versi Desa Sadar yang lebih baru (format {version}). "
            "Perbarui aplikasi ini lalu impor lagi. Tidak ada yang diubah.",
            f"'{name}' was made by a newer version of Desa Sadar (format {version}). "
            "Update this app and import again. Nothing was changed.",
        )
    if version < OLDEST_FORMAT:
        raise ForeignWorkbookError(
            f"Metadata '{name}' menyebut format {version}, yang tidak dikenal. "
            "Tidak ada yang diubah.",
            f"The Metadata of '{name}' names format {version}, which is unknown. "
            "Nothing was changed.",
        )
    if meta.get("privacy") == "1":
        raise PrivacyWorkbookError(
            f"'{name}' adalah salinan baca saja (tanpa NIK dan telepon) dan tidak bisa "
            "diimpor. Impor ekspor lengkapnya. Tidak ada yang diubah.",
            f"'{name}' is a read-only copy (no NIK or phone) and cannot be imported. "
            "Import the full export instead. Nothing was changed.",
        )
    missing = [s.name for s in SHEETS if s.name not in sheet_names]
    if missing:
        raise WorkbookLayoutError(
            f"Lembar berikut tidak ada di '{name}': {', '.join(missing)}. Tidak ada yang diubah.",
            f"These sheets are missing from '{name}': {', '.join(missing)}. Nothing was changed.",
        )
    return version


def file_context(path: Path, meta: dict[str, str], version: int, rates: RateTable | None):
    exported = _exported_at(path.name, meta)
    export_millis = _millis(exported)
    saved = saved_at(path)
    if saved is not None and exported < saved <= exported + SAVE_WINDOW:
        edit_millis = _millis(saved)
    else:
        edit_millis = export_millis + 1
    return FileContext(
        path.name,
        meta,
        version,
        export_millis,
        edit_millis,
        exported.date(),
        _file_rates(meta, rates),
    )


__all__ = ["FileContext", "file_context", "saved_at"]
