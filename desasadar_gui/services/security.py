"""The passphrase life-cycle: set up, unlock, encrypt an existing database, change.

The database file and every backup are encrypted with the database's data key
(SQLCipher, ``db/cipher.py``); the passphrase and the recovery key both lead to that
key (``db/keyfile.py`` for the design). What the GUI and the command line call:

- :func:`protection`: is the database plain, encrypted, new, or was its encryption
  interrupted (a plain file with a key file beside it)?
- :func:`unlock`: a passphrase or a recovery key, typed in the same place, gives the
  data key (kept in memory, in the keyring), or a plain "wrong passphrase" message.
- :func:`prepare_key` then :func:`install_key` (a new database) or
  :func:`encrypt_database` (an existing plain one, in place, its backups too, crash-safe:
  each file is written encrypted beside itself, flushed, renamed over the plain one,
  and the plain one is overwritten before it is let go).
- :func:`change_passphrase`: a new wrap of the same data key; nothing is re-encrypted,
  every backup stays readable, the recovery key stays valid.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desasadar_gui.db import cipher, keyfile
from desasadar_gui.db.backup_files import backup_files, backups_dir
from desasadar_gui.db.engine import backup_sqlite
from desasadar_gui.db.models import Setting
from desasadar_gui.errors import UserError
from desasadar_gui.files import fsync_dir, fsync_file
from desasadar_gui.kill_points import pause_if_asked

log = logging.getLogger("desasadar.security")

PLAIN = "plain"
ENCRYPTED = "encrypted"
NEW = "new"
INTERRUPTED = "interrupted"  # a key file, but the database still plain: finish it

MIN_LENGTH = 8
SETTING_IDLE_MINUTES = "security.idle_lock_minutes"
SETTING_SKIPPED = "security.passphrase_skipped"
DEFAULT_IDLE_MINUTES = 10
ENV_PASSPHRASE = "DESASADAR_PASSPHRASE"
ENV_NEW_PASSPHRASE = "DESASADAR_NEW_PASSPHRASE"

# Left beside a file while it is swapped for its encrypted copy (see _swap).
ENCRYPTING = ".encrypting"
PLAIN_OLD = ".plain-old"

__all__ = [
    "ENCRYPTED",
    "INTERRUPTED",
    "NEW",
    "PLAIN",
    "EncryptResult",
    "PreparedKey",
    "change_passphrase",
    "check_new_passphrase",
    "encrypt_database",
    "finish_interrupted_swaps",
    "install_key",
    "prepare_key",
    "protection",
    "strength",
    "unlock",
]


# -- what the file is ------------------------------------------------------------------


def _looks_encrypted(path: Path) -> bool:
    """A file without the SQLite header that has the shape of a SQLCipher file (whole
    4 KiB pages, a salt that is not all zeros): the key file may be lost, the recovery
    key still opens it."""
    try:
        size = path.stat().st_size
        head = cipher.file_header(path)
    except OSError:
        return False
    return (
        size >= 4096
        and size % 4096 == 0
        and head != cipher.SQLITE_MAGIC
        and head.strip(head[:1]) != b""
    )


def protection(db_path: Path | str) -> str:
    """PLAIN, ENCRYPTED (ask for the passphrase before opening), NEW (no file yet, and
    no key file: a first run) or INTERRUPTED (a plain file with a key file: an
    encryption that was cut off; unlock, then :func:`encrypt_database` finishes it)."""
    path = Path(db_path)
    has_record = keyfile.read_key_record(path) is not None
    try:
        kind = cipher.file_kind(path)
    except OSError:
        return PLAIN  # unreadable: the normal open says why
    if kind == cipher.PLAIN:
        return INTERRUPTED if has_record else PLAIN
    if kind == cipher.NEW:
        return ENCRYPTED if has_record else NEW
    if has_record or _looks_encrypted(path):
        return ENCRYPTED
    return PLAIN  # not a database at all: the normal open explains it


def is_unlocked(db_path: Path | str) -> bool:
    try:
        return keyfile.database_key(db_path) is not None
    except cipher.EncryptedFileError:
        return False


# -- unlocking -------------------------------------------------------------------------


def _no_key_file(path: Path) -> UserError:
    return cipher.WrongPassphraseError(
        f"Berkas kunci '{keyfile.key_file_path(path).name}' tidak ada, jadi kata sandi "
        "tidak bisa dipakai. Masukkan kunci pemulihan (8 kelompok 4 huruf/angka) dari "
        "supervisor. Tidak ada yang diubah.",
        f"The key file '{keyfile.key_file_path(path).name}' is missing, so the passphrase "
        "cannot be used. Enter the recovery key (8 groups of 4 letters/digits) from your "
        "supervisor. Nothing was changed.",
        path,
    )


def _recovery_fits(path: Path, key: bytes) -> bool:
    record = keyfile.read_key_record(path)
    if record is not None:
        return record.key_id == cipher.key_id(key)
    if cipher.opens_with(path, key):
        return True
    return any(cipher.opens_with(b.path, key) for b in backup_files(path))


def unlock(db_path: Path | str, secret: str) -> bytes:
    """The data key of the database at ``db_path`` from its passphrase or its recovery
    key (both accepted here); it joins the keyring. A wrong one raises
    :class:`cipher.WrongPassphraseError` (plain words, nothing touched)."""
    path = Path(db_path)
    recovery = keyfile.parse_recovery_key(secret)
    if recovery is not None:
        recovered = keyfile.data_key_from_recovery(recovery)
        if _recovery_fits(path, recovered):
            cipher.KEYRING.add(recovered)
            log.info("database unlocked with the recovery key")
            return recovered
    record = keyfile.read_key_record(path)
    if record is None:
        if recovery is not None:
            raise cipher.wrong_passphrase(path)
        raise _no_key_file(path)
    key = keyfile.unwrap(record, secret)
    if key is None:
        log.info("unlock refused: wrong passphrase")
        raise cipher.wrong_passphrase(path)
    cipher.KEYRING.add(key)
    log.info("database unlocked")
    return key


# -- new passphrases -------------------------------------------------------------------


def strength(passphrase: str) -> tuple[int, str, str]:
    """0 (too weak) .. 3 (strong), with a hint in both languages. A hint, not a rule:
    only the minimum length is enforced."""
    length = len(passphrase)
    kinds = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    words = len(passphrase.split())
    if length < MIN_LENGTH:
        return (0, f"Terlalu pendek: minimal {MIN_LENGTH} karakter.",
                f"Too short: at least {MIN_LENGTH} characters.")  # fmt: skip
    if len(set(passphrase)) <= 3:
        return (0, "Terlalu mudah ditebak (huruf yang sama berulang).",
                "Too easy to guess (the same letters over and over).")  # fmt: skip
    score = 1 + (length >= 12 or words >= 3) + (kinds >= 3 or length >= 16)
    if score >= 3:
        return 3, "Kuat.", "Strong."
    if score == 2:
        return 2, "Cukup. Lebih panjang lebih baik.", "Fair. Longer is better."
    return (1, "Lemah: pakai 3 kata atau lebih, atau campur huruf dan angka.",
            "Weak: use 3 or more words, or mix letters and digits.")  # fmt: skip


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    """Refuse a passphrase that is too short or typed differently the second time."""
    level, hint_id, hint_en = strength(passphrase)
    if level == 0:
        raise UserError(f"Kata sandi tidak bisa dipakai. {hint_id}",
                        f"This passphrase cannot be used. {hint_en}")  # fmt: skip
    if passphrase != repeated:
        raise UserError(
            "Kedua kata sandi tidak sama. Ketik ulang.",
            "The two passphrases are not the same. Type them again.",
        )


@dataclass(frozen=True)
class PreparedKey:
    """A new data key, its recovery key (to show once) and its passphrase wrap:
    nothing is written until :func:`install_key` or :func:`encrypt_database`."""

    data_key: bytes = field(repr=False)
    recovery_key: str = field(repr=False)
    record: keyfile.KeyRecord = field(repr=False)


def prepare_key(passphrase: str) -> PreparedKey:
    secret = keyfile.new_recovery_secret()
    key = keyfile.data_key_from_recovery(secret)
    return PreparedKey(key, keyfile.format_recovery_key(secret), keyfile.wrap(key, passphrase))


def install_key(db_path: Path | str, prepared: PreparedKey) -> bytes:
    """Write the key file of a database about to be created encrypted; returns its key
    (pass it to ``Database.open(path, key=..., allow_new=True)``)."""
    path = Path(db_path)
    if cipher.file_kind(path) != cipher.NEW:
        raise ValueError("install_key is for a database file that does not exist yet")
    keyfile.write_key_record(path, prepared.record)
    cipher.KEYRING.add(prepared.data_key)
    log.info("key file written for a new encrypted database")
    return prepared.data_key


def change_passphrase(db_path: Path | str, old_secret: str, new_passphrase: str) -> None:
    """Re-wrap the data key with ``new_passphrase``; ``old_secret`` is the current
    passphrase or the recovery key. Nothing is re-encrypted: the old passphrase stops
    working at once, backups stay readable, the recovery key stays valid."""
    path = Path(db_path)
    key = unlock(path, old_secret)
    keyfile.write_key_record(path, keyfile.wrap(key, new_passphrase))
    log.info("passphrase changed")


# -- encrypting an existing plain database ----------------------------------------------


@dataclass(frozen=True)
class EncryptResult:
    database: Path
    backups_encrypted: int
    # Copies SQLite cannot read any more (raw copies of damaged files): not encrypted.
    left_plain: tuple[Path, ...] = ()


def _wipe(path: Path) -> None:
    """Overwrite a plain file before removing it (best effort: an SSD may keep old
    blocks elsewhere; docs/security.md says so)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            block = b"\0" * (1024 * 1024)
            left = size
            while left > 0:
                fh.write(block[: min(left, len(block))])
                left -= len(block)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        log.warning("could not overwrite %s before removing it: %s", path.name, type(exc).__name__)
    path.unlink(missing_ok=True)


def _swap(encrypted: Path, target: Path) -> None:
    """Put ``encrypted`` in place of the plain ``target``; then overwrite the plain one.

    Two renames: target -> target.plain-old, encrypted -> target. A kill between them
    is finished at the next start (:func:`finish_interrupted_swaps`).
    """
    old = target.with_name(target.name + PLAIN_OLD)
    os.replace(target, old)
    _test_hook("mid-swap")
    os.replace(encrypted, target)
    fsync_dir(target.parent)
    _wipe(old)


def _encrypt_file(path: Path, key: bytes) -> None:
    staged = path.with_name(path.name + ENCRYPTING)
    staged.unlink(missing_ok=True)
    backup_sqlite(path, staged, key)  # written as .part, flushed, renamed
    fsync_file(staged)
    _swap(staged, path)


def finish_interrupted_swaps(db_path: Path | str) -> int:
    """After a kill during :func:`encrypt_database`: finish each half-done swap of the
    database and its backups, never losing either copy. Returns how many."""
    path = Path(db_path)
    done = 0
    for folder in {path.parent, backups_dir(path, create=False)}:
        if not folder.is_dir():
            continue
        for old in folder.glob(f"*{PLAIN_OLD}"):
            target = old.with_name(old.name.removesuffix(PLAIN_OLD))
            if folder == path.parent and target != path:
                continue  # another database's business
            staged = target.with_name(target.name + ENCRYPTING)
            try:
                if not target.exists():  # killed between the two renames
                    os.replace(staged if staged.exists() else old, target)
                if old.exists():
                    _wipe(old)
                done += 1
            except OSError as exc:
                log.warning("interrupted swap of %s not finished: %s", target.name, exc)
        for staged in folder.glob(f"*{ENCRYPTING}"):
            target = staged.with_name(staged.name.removesuffix(ENCRYPTING))
            if folder == path.parent and target != path:
                continue
            # A finished encrypted copy whose swap never began: the next run redoes it.
            staged.unlink(missing_ok=True)
    if done:
        log.info("finished %d interrupted encryption step(s)", done)
    return done


def _settle(path: Path) -> None:
    """Fold the -wal into the plain file and drop its sidecars (they hold plain data)."""
    con = cipher.connect(path, key=None, timeout=2.0)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise UserError(
                "Basis data masih dibuka oleh jendela atau program lain; tutup dulu lalu "
                "coba lagi. Tidak ada yang diubah.",
                "The database is still open in another window or program; close it and "
                "try again. Nothing was changed.",
            )
    finally:
        con.close()


def encrypt_database(
    db_path: Path | str,
    prepared: PreparedKey | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EncryptResult:
    """Encrypt the plain database at ``db_path`` and every plain backup of it, in place.

    ``prepared``: the new key (its recovery key already shown); None to finish an
    interrupted run with the key unlocked before. The key file is written first, so
    a kill at any point leaves every file readable (each one plain or encrypted, never
    half of either) and the next run finishes the job. The caller has closed its own
    ``Database`` on the file (the instance lock may stay held).
    """
    from desasadar_gui.services.backups import MANUAL, remove_stale_parts, take_backup

    path = Path(db_path)
    key: bytes | None
    if prepared is not None:
        if keyfile.read_key_record(path) is not None and cipher.file_kind(path) != cipher.PLAIN:
            raise ValueError("the database already has a key")
        keyfile.write_key_record(path, prepared.record)
        cipher.KEYRING.add(prepared.data_key)
        key = prepared.data_key
    else:
        record = keyfile.read_key_record(path)
        key = cipher.KEYRING.by_key_id(record.key_id) if record is not None else None
        if key is None:
            raise cipher.passphrase_needed(path)
    finish_interrupted_swaps(path)
    remove_stale_parts(path)
    if path.exists() and cipher.file_kind(path) == cipher.PLAIN:
        _settle(path)
        if prepared is not None:
            # The data as it was, in a backup of its own before anything is swapped
            # (encrypted below with the other backups, so no plain copy stays).
            take_backup(path, MANUAL)
    # Every copy not yet under this key: plain ones, and raw copies of damaged files
    # (which may have lost their header too).
    plain = [b.path for b in backup_files(path) if not cipher.opens_with(b.path, key)]
    total = len(plain) + 1
    left: list[Path] = []
    for n, backup in enumerate(plain):
        try:
            _encrypt_file(backup, key)
        except cipher.DB_OR_KEY_ERRORS as exc:
            # A raw copy of a damaged file: SQLite cannot read it, so it stays as it was.
            log.warning("backup %s not encrypted: %s", backup.name, type(exc).__name__)
            left.append(backup)
        if progress is not None:
            progress(n + 1, total)
        _test_hook("after-backup")
    if path.exists() and cipher.file_kind(path) == cipher.PLAIN:
        _encrypt_file(path, key)
    for sidecar in (Path(str(path) + s) for s in ("-wal", "-shm", "-journal")):
        sidecar.unlink(missing_ok=True)
    if progress is not None:
        progress(total, total)
    log.info("database encrypted (%d backups; %d left plain)", len(plain) - len(left), len(left))
    return EncryptResult(path, len(plain) - len(left), tuple(left))


def _test_hook(point: str) -> None:
    """Tests only: DESASADAR_ENCRYPT_HOOK=<point>:<seconds> pauses there."""
    pause_if_asked("DESASADAR_ENCRYPT_HOOK", "encrypt", point)


# -- settings --------------------------------------------------------------------------


def idle_lock_minutes(db: object) -> int:
    """Minutes without input before the window locks (0: never)."""
    with db.read_session() as s:  # type: ignore[attr-defined]
        row = s.get(Setting, SETTING_IDLE_MINUTES)
    try:
        return max(0, int(row.value)) if row is not None else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def save_idle_lock_minutes(db: object, minutes: int) -> int:
    if minutes < 0 or minutes > 24 * 60:
        raise UserError(
            "Waktu kunci otomatis harus antara 0 (tidak pernah) dan 1440 menit.",
            "The automatic lock time must be between 0 (never) and 1440 minutes.",
        )
    with db.session() as s:  # type: ignore[attr-defined]
        s.merge(Setting(key=SETTING_IDLE_MINUTES, value=str(int(minutes))))
    return int(minutes)


def passphrase_skipped(db: object) -> bool:
    with db.read_session() as s:  # type: ignore[attr-defined]
        row = s.get(Setting, SETTING_SKIPPED)
    return row is not None and row.value == "1"


def record_skipped(db: object) -> None:
    """The officer chose to go on without a passphrase (after the warning)."""
    with db.session() as s:  # type: ignore[attr-defined]
        s.merge(Setting(key=SETTING_SKIPPED, value="1"))
    log.warning("the officer chose to keep the database unencrypted")
