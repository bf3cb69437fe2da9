"""The Metadata sheet: which app, database and laptop made the workbook, and when.

Rows of key | value | explanation. The import reads it first: a workbook without it
is not ours; a newer format version is refused; a privacy copy is refused.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet

from desasadar_gui.sync.workbook_format import FORMAT_NAME, FORMAT_VERSION

EXPLAIN = {
    "format": "Jenis berkas (jangan diubah)",
    "format_version": "Versi format buku kerja",
    "schema_version": "Versi skema basis data",
    "app_version": "Versi aplikasi Desa Sadar",
    "device": "ID laptop yang mengekspor",
    "officer": "Petugas",
    "branch": "Kantor cabang",
    "exported_at": "Waktu ekspor (UTC)",
    "export_id": "ID ekspor",
    "privacy": "1 = salinan privasi tanpa NIK dan telepon; tidak bisa diimpor",
    "counts": "Jumlah baris per lembar",
    "checksums": "SHA-256 per lembar (dari hash baris saat ekspor)",
    "erasures": "Orang yang data pribadinya dihapus (hanya ID, revisi, waktu)",
    "rates": "Tabel iuran yang dipakai untuk baris yang diubah di lembar ini",
}


def write_metadata(ws: Worksheet, fmt: Any, values: dict[str, str]) -> None:
    rows = {"format": FORMAT_NAME, "format_version": str(FORMAT_VERSION), **values}
    rows["format"] = FORMAT_NAME
    ws.set_column(0, 0, 18, fmt.machine)
    ws.set_column(1, 1, 60, fmt.text)
    ws.set_column(2, 2, 50, fmt.plain)
    ws.write_string(0, 0, "kunci", fmt.header)
    ws.write_string(0, 1, "nilai", fmt.header)
    ws.write_string(0, 2, "keterangan", fmt.header)
    for r, (key, value) in enumerate(rows.items(), start=1):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
        ws.write_string(r, 2, EXPLAIN.get(key, ""))


def read_metadata(rows: list[list[Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows[1:]:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            value = row[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out[row[0].strip()] = "" if value is None else str(value)
    return out
