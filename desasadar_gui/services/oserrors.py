"""Plain-language messages for file-system failures (disk full, read-only, gone)."""

from __future__ import annotations

import errno

from desasadar_gui.errors import UserError


def describe_os_error(exc: OSError) -> UserError:
    name = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return UserError(
            "Disk penuh: kosongkan ruang lalu coba lagi. Data yang sudah tersimpan tidak hilang.",
            "The disk is full: free some space and try again. Saved data is not lost.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(
            f"Tidak ada izin menulis ke '{name}'. Pilih folder lain atau periksa flashdisk "
            "(mungkin terkunci).",
            f"No permission to write to '{name}'. Choose another folder or check the USB "
            "stick (it may be write-protected).",
        )
    if exc.errno == errno.ENOENT:
        return UserError(
            f"Berkas atau folder '{name}' tidak ditemukan (mungkin flashdisk sudah dicabut).",
            f"The file or folder '{name}' was not found (the USB stick may have been removed).",
        )
    if exc.errno == errno.EIO:
        return UserError(
            f"Gagal membaca/menulis '{name}' (gangguan perangkat; flashdisk dicabut?).",
            f"Reading or writing '{name}' failed (device error; USB stick removed?).",
        )
    return UserError(
        f"Operasi berkas gagal: {exc.strerror or exc}",
        f"A file operation failed: {exc.strerror or exc}",
    )
