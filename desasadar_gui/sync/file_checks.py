"""Checks on a workbook file before any reader parses it.

An .xlsx is a zip of XML parts. Before handing it to a reader we look at the zip
directory (member count, declared sizes, compression ratios: a zip bomb declares a
huge part that compresses to almost nothing) and at the prologue of every XML part
(no DOCTYPE, hence no entity tricks). Each XML part is then streamed through the
decompressor once with a hard size limit, which also proves the declared sizes and
CRCs honest, so a lying directory cannot slip past.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from desasadar_gui.services.processing import sha256_of
from desasadar_gui.sync.errors import (
    damaged,
    not_a_workbook,
    too_large,
    unsafe,
)

MAX_FILE_BYTES = 1 << 30  # 1 GiB on disk
MAX_TOTAL_UNCOMPRESSED = 6 << 30  # 6 GiB of XML (our 500,000-person export is ~1 GiB)
MAX_MEMBERS = 2_000
MAX_RATIO = 200  # bigger members compress at most this much
RATIO_FLOOR = 16 << 20  # ratios are only checked above 16 MiB
PROLOGUE_BYTES = 64 << 10
CHUNK = 1 << 20

REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileFacts:
    sha256: str
    size: int
    uncompressed: int
    # Worksheet parts holding formulas, error values or merged cells: they are read with
    # the reader's detailed mode (slower); the others with its plain one.
    detailed_parts: frozenset[str] = frozenset()


def _check_magic(path: Path) -> None:
    name = path.name
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        from desasadar_gui.sync.workbook_password import is_protected, password_needed

        if is_protected(path):  # Excel's "Encrypt with password": ask, never "damaged"
            raise password_needed(name)
        raise not_a_workbook(
            name,
            " (format lama .xls; simpan ulang sebagai .xlsx)",
            " (old .xls format; save it again as .xlsx)",
        )
    if not head.startswith(_ZIP_MAGIC):
        raise not_a_workbook(name)


def _prologue_has_doctype(data: bytes) -> bool:
    """True when a DOCTYPE (and so possibly ENTITY declarations) precedes the root."""
    text = data.lstrip(b"\xef\xbb\xbf").upper()
    return b"<!DOCTYPE" in text or b"<!ENTITY" in text


# What makes a worksheet need the detailed read: a formula (which may have no saved
# result) or a merged range. Error values need no detailed read: the plain one shows
# them as their "#N/A" text.
_DETAILED = (b"<f>", b"<f ", b"<mergeCell")


def _check_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bool:
    """Stream one XML part: unsafe prologue, or more bytes than declared, is refused.
    Returns whether a worksheet part needs the reader's detailed mode."""
    if info.flag_bits & 0x1:
        raise not_a_workbook(
            name,
            " (bagian zip-nya dikunci sandi; simpan ulang tanpa kata sandi)",
            " (its zip parts are password-protected; save it again without a password)",
        )
    seen = 0
    detailed = False
    sheet = info.filename.startswith("xl/worksheets/")
    tail = b""
    with zf.open(info) as fh:
        first = fh.read(PROLOGUE_BYTES)
        seen += len(first)
        if _prologue_has_doctype(first[:PROLOGUE_BYTES]):
            raise unsafe(name)
        chunk = first
        while chunk:
            if sheet and not detailed:
                detailed = any(m in chunk for m in _DETAILED) or any(
                    m in tail + chunk[:16] for m in _DETAILED
                )
                tail = chunk[-16:]
            chunk = fh.read(CHUNK)
            seen += len(chunk)
            if seen > info.file_size:
                raise damaged(name)
    return detailed


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> int:
    """Refuse by the zip directory alone (too many parts, not a workbook's parts, too
    big unpacked, a zip bomb's ratio); returns the total unpacked size."""
    if len(infos) > MAX_MEMBERS:
        raise too_large(name, f"{len(infos)} bagian", f"{len(infos)} parts")
    names = {i.filename for i in infos}
    if not all(m in names for m in REQUIRED_MEMBERS):
        raise not_a_workbook(name, " (isi zip bukan buku kerja)", " (a zip, not a workbook)")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise too_large(
            name,
            f"{total // (1 << 20)} MB setelah dibuka",
            f"{total // (1 << 20)} MB once unpacked",
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise too_large(
                name,
                "rasio kompresi tidak wajar (zip bomb)",
                "an implausible compression ratio (zip bomb)",
            )
    return total


def check_workbook_file(path: Path) -> FileFacts:
    """Raise a WorkbookRefused subclass, or return the file's facts."""
    name = path.name
    if not path.is_file():
        raise not_a_workbook(name, " (berkas tidak ditemukan)", " (file not found)")
    size = path.stat().st_size
    if size == 0:
        raise not_a_workbook(name, " (berkas kosong)", " (the file is empty)")
    if size > MAX_FILE_BYTES:
        raise too_large(name, f"{size // (1 << 20)} MB", f"{size // (1 << 20)} MB")
    _check_magic(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = _check_directory(name, infos)
            detailed = set()
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) or info.filename.endswith(".vml"):
                    if _check_member(zf, info, name):
                        detailed.add(info.filename)
                elif info.flag_bits & 0x1:
                    raise not_a_workbook(name, " (dikunci sandi)", " (password-protected)")
    except zipfile.BadZipFile:
        raise damaged(name) from None
    except (EOFError, zlib.error, zipfile.LargeZipFile, NotImplementedError, ValueError):
        raise damaged(name) from None
    return FileFacts(sha256_of(path), size, total, frozenset(detailed))
