"""The database engine, encrypted or not: SQLCipher 4 through ``sqlcipher3``.

Every connection the app makes to its database file, a backup or an import's staging
file goes through :func:`connect`, which knows which key (if any) a file needs:

- a file that starts with ``SQLite format 3`` is plain (a database whose officer
  skipped the passphrase, or one of an older version): opened without a key;
- an encrypted file starts with the 16-byte SQLCipher salt. The app makes that salt
  from the data key (:func:`file_salt`), so the first 16 bytes tell which key a file
  needs without trying one: a key that does not match is refused as "another
  passphrase" before SQLite sees it, and a file that matches but does not decrypt is
  damaged, never the other way round.

Keys are raw 256-bit SQLCipher keys (``PRAGMA key = "x'..'"``): SQLCipher's own KDF
does not run (the passphrase went through scrypt once, see ``services/keys.py``). The
data keys that this process has unlocked are held in memory only, in :data:`KEYRING`,
so a backup, an integrity check or a restore finds the key of the file it opens.

The same engine serves plain files (one SQLite build for everything); errors are
``sqlcipher3.dbapi2.Error``, not ``sqlite3.Error``: catch :data:`DB_ERRORS`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as dbapi

from desasadar_gui.errors import UserError

KEY_BYTES = 32
SALT_BYTES = 16
SQLITE_MAGIC = b"SQLite format 3\x00"
# Errors of either SQLite binding (the app's connections are sqlcipher3's; the stdlib's
# may still reach a handler from a test or a tool).
DB_ERRORS: tuple[type[Exception], ...] = (dbapi.Error, sqlite3.Error)
SQLITE_NOTADB = 26


class EncryptedFileError(UserError):
    """An encrypted file this process cannot open with the keys it holds."""

    def __init__(self, text_id: str, text_en: str, path: Path | None = None) -> None:
        super().__init__(text_id, text_en)
        self.path = path


class PassphraseNeededError(EncryptedFileError):
    """The file is encrypted and no key is unlocked yet: ask for the passphrase."""


class WrongPassphraseError(EncryptedFileError):
    """The passphrase (or the key in hand) is not the one this file was encrypted with."""


# DB_ERRORS with the errors that come along with them, ready for an ``except`` clause
# (a starred tuple there cannot be type-checked).
DB_OR_OS_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, OSError)
DB_OR_KEY_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, EncryptedFileError)


def passphrase_needed(path: Path | str | None = None) -> PassphraseNeededError:
    name = f" '{Path(path).name}'" if path else ""
    return PassphraseNeededError(
        f"Basis data{name} dilindungi kata sandi. Masukkan kata sandi (atau kunci "
        "pemulihan) untuk membukanya. Tidak ada yang diubah.",
        f"The database{name} is protected by a passphrase. Enter the passphrase (or the "
        "recovery key) to open it. Nothing was changed.",
        Path(path) if path else None,
    )


def wrong_passphrase(path: Path | str | None = None) -> WrongPassphraseError:
    name = f" '{Path(path).name}'" if path else ""
    return WrongPassphraseError(
        f"Kata sandi salah: berkas{name} tidak bisa dibuka dengan kata sandi ini. "
        "Coba lagi (perhatikan huruf besar/kecil), atau pakai kunci pemulihan dari "
        "supervisor. Tidak ada yang diubah.",
        f"Wrong passphrase: the file{name} cannot be opened with this passphrase. Try "
        "again (mind upper and lower case), or use the recovery key from your "
        "supervisor. Nothing was changed.",
        Path(path) if path else None,
    )


def other_key(path: Path | str | None = None) -> WrongPassphraseError:
    """A file encrypted with a key this process has not unlocked (another database's)."""
    name = f" '{Path(path).name}'" if path else ""
    return WrongPassphraseError(
        f"Berkas{name} terenkripsi dengan kata sandi lain (basis data atau laptop lain), "
        "jadi tidak bisa dibuka dengan kata sandi yang dipakai sekarang. Tidak ada yang "
        "diubah.",
        f"The file{name} is encrypted with another passphrase (another database or "
        "laptop), so it cannot be opened with the passphrase in use. Nothing was changed.",
        Path(path) if path else None,
    )


# -- keys ------------------------------------------------------------------------------


def _derive(key: bytes, label: bytes) -> bytes:
    return hmac.new(key, b"desasadar/" + label, hashlib.sha256).digest()


def file_salt(key: bytes) -> bytes:
    """The SQLCipher salt of every file encrypted with ``key`` (its first 16 bytes).

    Made from the key so that a file names its key; the salt is no secret (SQLCipher
    stores it in the clear) and each page still gets a random IV.
    """
    return _derive(key, b"sqlcipher-salt")[:SALT_BYTES]


def key_id(key: bytes) -> str:
    """A short public name of a key (in the key file; reveals nothing of the key)."""
    return _derive(key, b"key-id")[:8].hex()


def raw_key_literal(key: bytes) -> str:
    """SQLCipher's raw-key-with-salt form: ``x'<64 hex key><32 hex salt>'``."""
    if len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    return f"x'{key.hex()}{file_salt(key).hex()}'"


class Keyring:
    """The data keys this process has unlocked, in memory only (never written)."""

    def __init__(self) -> None:
        self._keys: dict[bytes, bytes] = {}  # file salt -> key
        self._lock = threading.Lock()

    def add(self, key: bytes) -> None:
        with self._lock:
            self._keys[file_salt(key)] = bytes(key)

    def remove(self, key: bytes) -> None:
        with self._lock:
            self._keys.pop(file_salt(key), None)

    def for_salt(self, salt: bytes) -> bytes | None:
        with self._lock:
            return self._keys.get(salt)

    def by_key_id(self, wanted: str) -> bytes | None:
        with self._lock:
            return next((k for k in self._keys.values() if key_id(k) == wanted), None)

    def has_key_id(self, wanted: str) -> bool:
        return self.by_key_id(wanted) is not None

    def __bool__(self) -> bool:
        return bool(self._keys)

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()


KEYRING = Keyring()


# -- files -----------------------------------------------------------------------------

PLAIN = "plain"
ENCRYPTED = "encrypted"
NEW = "new"  # missing or 0 bytes


def file_header(path: Path | str) -> bytes:
    """The first 16 bytes of ``path`` (b"" when missing or empty; OSError propagates)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(SALT_BYTES)
    except FileNotFoundError:
        return b""


def file_kind(path: Path | str) -> str:
    """PLAIN (SQLite header), NEW (missing, empty) or ENCRYPTED (anything else:
    a SQLCipher file, or a file that is no database at all)."""
    head = file_header(path)
    if not head:
        return NEW
    if head == SQLITE_MAGIC:
        return PLAIN
    return ENCRYPTED


def is_encrypted(path: Path | str) -> bool:
    """Is ``path`` an encrypted database (or at least not a plain one, nor new)?"""
    try:
        return file_kind(path) == ENCRYPTED
    except OSError:
        return False


def key_for_file(path: Path | str) -> bytes | None:
    """The unlocked key that ``path`` needs; None for a plain or new file.

    Raises :class:`PassphraseNeededError` (no key unlocked) or
    :class:`WrongPassphraseError` (keys unlocked, none of them this file's).
    """
    head = file_header(path)
    if not head or head == SQLITE_MAGIC:
        return None
    key = KEYRING.for_salt(head)
    if key is not None:
        return key
    if not KEYRING:
        raise passphrase_needed(path)
    raise other_key(path)


def opens_with(path: Path | str, key: bytes) -> bool:
    """Does ``path`` carry the salt of ``key`` (no decryption tried)?"""
    try:
        return file_header(path) == file_salt(key)
    except OSError:
        return False


AUTO: Any = object()


def apply_key(con: Any, key: bytes | None) -> None:
    """Key a fresh connection (must be its first statement)."""
    if key is not None:
        con.execute(f'PRAGMA key = "{raw_key_literal(key)}"')


def connect(
    path: Path | str,
    *,
    key: bytes | None = AUTO,
    mode: str | None = None,
    **kwargs: Any,
) -> Any:
    """A DB-API connection to the file at ``path``, keyed as the file needs.

    ``key``: AUTO finds it (:func:`key_for_file`); ``None`` opens without a key (a
    plain or a new plain file); bytes use that key (a new encrypted file, or a check
    that it is the file's). ``mode``: ``"ro"`` or ``"ro-immutable"`` for a URI
    connection that writes nothing. Other keywords go to ``sqlcipher3.connect``.
    """
    if key is AUTO:
        key = key_for_file(path)
    elif key is not None:
        head = file_header(path)
        if head == SQLITE_MAGIC:
            raise ValueError("a key was given for a plain (unencrypted) database file")
        if head and head != file_salt(key):
            raise wrong_passphrase(path)
    target: str
    if mode is None:
        target = str(path)
    else:
        uri = Path(path).resolve().as_uri()
        query = {"ro": "?mode=ro", "ro-immutable": "?mode=ro&immutable=1"}[mode]
        target = uri + query
        kwargs["uri"] = True
    con = dbapi.connect(target, **kwargs)
    try:
        apply_key(con, key)
    except BaseException:
        con.close()
        raise
    return con


def attach_clause(key: bytes | None) -> str:
    """The KEY clause of an ATTACH: a raw key, or ``''`` for a plain file (without a
    clause SQLCipher would use the main database's key)."""
    return f'KEY "{raw_key_literal(key)}"' if key is not None else "KEY ''"


def export_copy(source: Any, target: Path | str, key: bytes | None) -> None:
    """Write everything of the open connection ``source`` into a new file ``target``
    keyed with ``key`` (None: plain), with ``sqlcipher_export``: the way between a
    plain and an encrypted file (SQLite's backup API needs the same key on both)."""
    source.execute(f"ATTACH DATABASE ? AS export_target {attach_clause(key)}", (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('export_target')").fetchall()
        version = source.execute("PRAGMA main.user_version").fetchone()[0]
        source.execute(f"PRAGMA export_target.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE export_target")


# sqlcipher3's ``Connection.backup`` raises without ``sqlite_errorcode`` (older pysqlite
# code). Its text is then SQLite's own ``sqlite3_errstr()`` of the code, a fixed English
# table in every SQLite build: read the code back from it, for that one call only.
_ERRSTR_CODES = {
    "database or disk is full": 13,
    "disk I/O error": 10,
    "attempt to write a readonly database": 8,
    "access permission denied": 3,
    "database is locked": 5,
    "database table is locked": 6,
    "database disk image is malformed": 11,
    "file is not a database": 26,
    "unable to open database file": 14,
}


def backup_pages(source: Any, target: Any) -> None:
    """``source.backup(target)`` whose errors carry ``sqlite_errorcode`` like others."""
    try:
        source.backup(target)
    except dbapi.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) is None:
            code = _ERRSTR_CODES.get(str(exc))
            if code is not None:
                exc.sqlite_errorcode = code
        raise


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _quiet() -> None:
    """SQLCipher logs a failed page check to stderr; the app says it in plain words."""
    con = dbapi.connect(":memory:")
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
    finally:
        con.close()


_quiet()

__all__ = [
    "AUTO",
    "DB_ERRORS",
    "DB_OR_KEY_ERRORS",
    "DB_OR_OS_ERRORS",
    "ENCRYPTED",
    "KEYRING",
    "NEW",
    "PLAIN",
    "EncryptedFileError",
    "PassphraseNeededError",
    "WrongPassphraseError",
    "attach_clause",
    "connect",
    "dbapi",
    "export_copy",
    "file_kind",
    "file_salt",
    "is_encrypted",
    "key_for_file",
    "key_id",
    "new_key",
    "opens_with",
    "raw_key_literal",
]
