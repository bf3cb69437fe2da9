"""The key file beside an encrypted database, and the recovery key.

Key design (docs/security.md explains the choice):

- One random 256-bit **data key** per database encrypts the database file and every
  backup of it (SQLCipher, raw key). It is derived from the **recovery key** (160
  random bits shown once at set-up, written down by the supervisor):
  ``data key = HMAC-SHA256(recovery secret, "desasadar/data-key")``. The recovery key
  therefore opens the database and its backups on its own, even with the key file lost.
- The **passphrase** wraps the data key: scrypt (memory-hard: N=2^17, r=8, p=1, 128
  MiB) over the passphrase and a random salt gives 64 bytes; the first 32 are XORed
  with the data key (a one-time pad: each wrap has a fresh salt), the last 32 key an
  HMAC-SHA256 over the record, which tells a wrong passphrase before any file is
  touched. Changing the passphrase writes a new wrap (a new salt): nothing is
  re-encrypted, and every backup stays readable.
- ``<database>.key.json`` holds that wrap: format, KDF name and parameters, salt, the
  wrapped key, the tag and the key's public id. Nothing personal, nothing that helps
  without the passphrase. A copy sits in the database's backups folder, so restoring
  works when the database's folder is lost.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from desasadar_gui.db.cipher import KEY_BYTES, key_id
from desasadar_gui.files import replaced_when_done

log = logging.getLogger("desasadar.keyfile")

SUFFIX = ".key.json"
BACKUP_COPY = "key.json"
FORMAT = "desasadar-key"
VERSION = 1
RECOVERY_BYTES = 20  # 160 bits: 32 characters of base32
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_READS_AS = {"O": "0", "I": "1", "L": "1"}


@dataclass(frozen=True)
class KdfParams:
    name: str = "scrypt"
    n: int = 2**17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        return 130 * self.n * self.r * self.p + 2**20


# The cost of each unlock (~0.5 s and 128 MiB here). Tests lower it (conftest).
DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class KeyRecord:
    """The passphrase's wrap of a data key (what ``<db>.key.json`` holds)."""

    key_id: str
    kdf: KdfParams
    salt: bytes
    wrapped: bytes
    tag: bytes
    created: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "cipher": "sqlcipher4-raw-key",
                "key_id": self.key_id,
                "kdf": {"name": self.kdf.name, "n": self.kdf.n, "r": self.kdf.r, "p": self.kdf.p},
                "salt": _b64(self.salt),
                "wrapped_key": _b64(self.wrapped),
                "tag": _b64(self.tag),
                "created": self.created,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> KeyRecord:
        data = json.loads(text)
        if data.get("format") != FORMAT or int(data.get("version", 0)) != VERSION:
            raise ValueError("not a Desa Sadar key file of a known version")
        kdf = data["kdf"]
        if kdf.get("name") != "scrypt":
            raise ValueError("unknown KDF")
        return cls(
            key_id=str(data["key_id"]),
            kdf=KdfParams("scrypt", int(kdf["n"]), int(kdf["r"]), int(kdf["p"])),
            salt=base64.b64decode(data["salt"]),
            wrapped=base64.b64decode(data["wrapped_key"]),
            tag=base64.b64decode(data["tag"]),
            created=str(data.get("created", "")),
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _normalise(passphrase: str) -> bytes:
    # The same letters typed on another keyboard layout or input method must match.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _kek(passphrase: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    out = hashlib.scrypt(
        _normalise(passphrase),
        salt=salt,
        n=kdf.n,
        r=kdf.r,
        p=kdf.p,
        maxmem=kdf.maxmem,
        dklen=2 * KEY_BYTES,
    )
    return out[:KEY_BYTES], out[KEY_BYTES:]


def _tag(mac_key: bytes, record_id: str, salt: bytes, wrapped: bytes, kdf: KdfParams) -> bytes:
    message = f"{FORMAT}/{VERSION}/{record_id}/{kdf.n}/{kdf.r}/{kdf.p}/".encode() + salt + wrapped
    return hmac.new(mac_key, message, hashlib.sha256).digest()


def wrap(data_key: bytes, passphrase: str, kdf: KdfParams | None = None) -> KeyRecord:
    """A new wrap of ``data_key`` by ``passphrase`` (fresh salt every time)."""
    kdf = kdf or DEFAULT_KDF
    salt = os.urandom(16)
    pad, mac_key = _kek(passphrase, salt, kdf)
    wrapped = bytes(a ^ b for a, b in zip(data_key, pad, strict=True))
    rid = key_id(data_key)
    created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return KeyRecord(rid, kdf, salt, wrapped, _tag(mac_key, rid, salt, wrapped, kdf), created)


def unwrap(record: KeyRecord, passphrase: str) -> bytes | None:
    """The data key, or None when ``passphrase`` is not the one of this record."""
    pad, mac_key = _kek(passphrase, record.salt, record.kdf)
    expected = _tag(mac_key, record.key_id, record.salt, record.wrapped, record.kdf)
    if not hmac.compare_digest(expected, record.tag):
        return None
    key = bytes(a ^ b for a, b in zip(record.wrapped, pad, strict=True))
    return key if key_id(key) == record.key_id else None


# -- the recovery key ------------------------------------------------------------------


def new_recovery_secret() -> bytes:
    return os.urandom(RECOVERY_BYTES)


def data_key_from_recovery(secret: bytes) -> bytes:
    return hmac.new(secret, b"desasadar/data-key", hashlib.sha256).digest()


def format_recovery_key(secret: bytes) -> str:
    """'7K2M-QX9D-...' : 8 groups of 4 characters, easy to read aloud and write down."""
    number = int.from_bytes(secret, "big")
    chars = []
    for _ in range(RECOVERY_BYTES * 8 // 5):
        chars.append(_ALPHABET[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The secret of a recovery key as typed (any case, spaces or dashes, O for 0, I or
    L for 1), or None when ``text`` is not shaped like one."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    cleaned = "".join(_READS_AS.get(ch, ch) for ch in cleaned)
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(ch not in _ALPHABET for ch in cleaned):
        return None
    number = 0
    for ch in cleaned:
        number = (number << 5) | _ALPHABET.index(ch)
    return number.to_bytes(RECOVERY_BYTES, "big")


# -- the file --------------------------------------------------------------------------


def key_file_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + SUFFIX)


def backup_copy_path(db_path: Path | str, create: bool = False) -> Path:
    from desasadar_gui.db.backup_files import backups_dir

    return backups_dir(db_path, create=create) / BACKUP_COPY


def read_key_record(db_path: Path | str) -> KeyRecord | None:
    """The key record of the database at ``db_path``: its key file, else the copy in its
    backups folder; None when there is neither (or neither can be read)."""
    for candidate in (key_file_path(db_path), backup_copy_path(db_path)):
        try:
            return KeyRecord.from_json(candidate.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("key file %s unreadable: %s", candidate.name, type(exc).__name__)
    return None


def _write_atomic(path: Path, text: str) -> None:
    with replaced_when_done(path, durable=True) as part:
        part.write_text(text, encoding="utf-8")


def write_key_record(db_path: Path | str, record: KeyRecord) -> Path:
    """Write the key file beside the database (complete or not at all), then its copy
    in the backups folder (best effort: the key file is what counts)."""
    path = key_file_path(db_path)
    _write_atomic(path, record.to_json())
    try:
        _write_atomic(backup_copy_path(db_path, create=True), record.to_json())
    except OSError as exc:
        log.warning("copy of the key file not written: %s", type(exc).__name__)
    return path


def remove_key_record(db_path: Path | str) -> None:
    for candidate in (key_file_path(db_path), backup_copy_path(db_path)):
        candidate.unlink(missing_ok=True)


def database_key(db_path: Path | str) -> bytes | None:
    """The unlocked data key of the database at ``db_path`` (None: a plain database).

    Found from the file's header, else from its key record (a file whose first page is
    damaged, or a plain file whose encryption was interrupted). Raises
    :class:`cipher.PassphraseNeededError` when the database has a key that is not
    unlocked in this process.
    """
    from desasadar_gui.db import cipher

    try:
        key = cipher.key_for_file(db_path)
    except cipher.EncryptedFileError:
        key = None
    except OSError:
        key = None
    if key is not None:
        return key
    record = read_key_record(db_path)
    if record is None:
        return None
    key = cipher.KEYRING.by_key_id(record.key_id)
    if key is None:
        raise cipher.passphrase_needed(db_path)
    return key
