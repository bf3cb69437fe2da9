"""Workbooks protected with a password: OOXML agile encryption (what Excel's "Encrypt
with password" writes, and what Excel and LibreOffice open natively), through
``msoffcrypto-tool``.

An encrypted .xlsx is no longer a zip: it is an OLE compound file (CFB) holding an
``EncryptionInfo`` stream (the agile XML: AES-256, SHA-512, a spun password hash) and
the ``EncryptedPackage`` stream (the zip, encrypted). The readers and writers of the
app only ever see the plain zip, in a scratch folder of this process
(``scratch.py``: removed when the work ends, and at the next start after a kill), never
beside the user's file and never in the system TEMP folder. The password itself is
never logged nor written anywhere.

Used only by the one export path (``workbook_export.py``), the one import path
(``workbook_import.py``) and the error workbook written from an import.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from desasadar_gui.files import replaced_when_done
from desasadar_gui.scratch import scratch_folder
from desasadar_gui.sync.errors import WorkbookRefused, damaged

log = logging.getLogger("desasadar.sync.password")

ENV_WORKBOOK_PASSWORD = "DESASADAR_WORKBOOK_PASSWORD"
MIN_LENGTH = 6
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
T = TypeVar("T")


class WorkbookPasswordNeededError(WorkbookRefused):
    """The workbook is protected: ask for its password (nothing was read)."""


class WrongWorkbookPasswordError(WorkbookRefused):
    """The password given does not open the workbook."""


def password_needed(name: str) -> WorkbookPasswordNeededError:
    return WorkbookPasswordNeededError(
        f"Buku kerja '{name}' dilindungi kata sandi. Masukkan kata sandinya untuk "
        "mengimpor. Tidak ada yang diubah.",
        f"The workbook '{name}' is protected by a password. Enter its password to import "
        "it. Nothing was changed.",
    )


def wrong_password(name: str) -> WrongWorkbookPasswordError:
    return WrongWorkbookPasswordError(
        f"Kata sandi salah: buku kerja '{name}' tidak bisa dibuka dengan kata sandi ini. "
        "Coba lagi (perhatikan huruf besar/kecil) atau tanyakan ke pengirimnya. Tidak ada "
        "yang diubah.",
        f"Wrong password: the workbook '{name}' cannot be opened with this password. Try "
        "again (mind upper and lower case) or ask whoever sent it. Nothing was changed.",
    )


def check_new_password(password: str, repeated: str | None = None) -> None:
    """A password for a new protected workbook, or a plain refusal."""
    if repeated is not None and password != repeated:
        raise WorkbookRefused(
            "Kedua kata sandi buku kerja tidak sama. Tidak ada yang disimpan.",
            "The two workbook passwords differ. Nothing was saved.",
        )
    if len(password) < MIN_LENGTH:
        raise WorkbookRefused(
            f"Kata sandi buku kerja terlalu pendek: minimal {MIN_LENGTH} karakter. Tidak "
            "ada yang disimpan.",
            f"The workbook password is too short: at least {MIN_LENGTH} characters. "
            "Nothing was saved.",
        )


def is_protected(path: Path | str) -> bool:
    """True for an OLE file holding an encrypted OOXML package (not an old .xls)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            if fh.read(8) != _OLE_MAGIC:
                return False
    except OSError:
        return False
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage")
    except (OSError, ValueError, IndexError, TypeError):  # a damaged or foreign OLE file
        return False


def decrypt_to(source: Path, password: str, target: Path) -> None:
    """Write the plain workbook of ``source`` to ``target`` (in a scratch folder)."""
    import msoffcrypto
    from msoffcrypto.exceptions import InvalidKeyError

    with source.open("rb") as fh:
        try:
            office = msoffcrypto.OfficeFile(fh)
            # The password verifier first: only a failure here means a wrong password.
            office.load_key(password=password, verify_password=True)
        except InvalidKeyError:
            raise wrong_password(source.name) from None
        except Exception as exc:  # noqa: BLE001 - a package the library cannot parse
            log.info("protected workbook not readable: %s", type(exc).__name__)
            raise damaged(source.name) from None
        try:
            with target.open("wb") as out:
                # The package's HMAC too: a file cut short or altered is damaged.
                office.decrypt(out, verify_integrity=True)
        except OSError:
            target.unlink(missing_ok=True)
            raise
        except Exception as exc:  # noqa: BLE001 - DecryptionError, a broken package
            target.unlink(missing_ok=True)
            log.info("protected workbook not decrypted: %s", type(exc).__name__)
            raise damaged(source.name) from None


def encrypt_to(plain: Path, password: str, target: Path) -> None:
    """Write ``plain`` encrypted with ``password`` (agile encryption) to ``target``."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with plain.open("rb") as fh, target.open("wb") as out:
        OOXMLFile(fh).encrypt(password, out)
        out.flush()
        os.fsync(out.fileno())


@contextmanager
def opened(path: Path, password: str | None) -> Iterator[Path]:
    """The plain workbook to read: ``path`` itself when it is not protected, else its
    decrypted copy in a scratch folder, removed when the block ends."""
    if not is_protected(path):
        yield path
        return
    if not password:
        raise password_needed(path.name)
    with scratch_folder("unlocked") as folder:
        plain = folder / path.name  # same name: messages and the sync log name the file
        decrypt_to(path, password, plain)
        yield plain


def write_protected(write: Callable[[Path], T], target: Path, password: str | None) -> T:
    """Run ``write(path)``: on ``target`` itself without a password; else on a plain
    file in a scratch folder, then encrypted beside ``target`` and renamed over it."""
    if not password:
        return write(target)
    with scratch_folder("protect") as folder:
        plain = folder / "plain.xlsx"
        result = write(plain)
        with replaced_when_done(target) as part:
            encrypt_to(plain, password, part)
        return result
