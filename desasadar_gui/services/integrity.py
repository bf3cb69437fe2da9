"""Is this file a healthy Desa Sadar database? Checked at start-up and before a restore.

``quick_check(path)`` runs SQLite's ``PRAGMA quick_check`` on a read-only connection
(nothing is written, not even a journal) and says plainly what is wrong; when the file
is damaged it names the latest good backup. ``Database.open`` calls
:func:`verify_before_open`, so no code path opens a damaged file, or starts over an
empty one silently when the file had data before.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from desasadar_gui.db import cipher
from desasadar_gui.db.backup_files import DAMAGED, BackupFile, backup_files, kind_label
from desasadar_gui.domain import display
from desasadar_gui.errors import UserError

log = logging.getLogger("desasadar.integrity")

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every Desa Sadar database has had since the first schema.
CORE_TABLES = frozenset({"alembic_version", "villages", "participants", "device", "audit_log"})

# FileCheck.status values
OK = "ok"
MISSING = "missing"
EMPTY = "empty"  # a file of 0 bytes, or a SQLite file without any table
NOT_SQLITE = "not-sqlite"
DAMAGED_FILE = "damaged"
FOREIGN = "foreign"
TOO_NEW = "too-new"
UNREADABLE = "unreadable"  # cannot be opened at all (permissions, device gone)
LOCKED = "locked"  # encrypted, and its key is not unlocked in this process


@dataclass(frozen=True)
class FileCheck:
    """What a file is; ``detail`` is technical text for the log (no personal data)."""

    path: Path
    status: str
    revision: str | None = None
    detail: str = ""
    # For UNREADABLE: the failure's kind from ``oserrors.classify`` (disk-full,
    # read-only, io, gone, locked...), so the message says what is really wrong.
    kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == OK

    def error(self) -> UserError | None:
        """The plain message for an unreadable or locked file (``None`` otherwise)."""
        if self.status == LOCKED:
            return cipher.passphrase_needed(self.path)
        if self.status != UNREADABLE:
            return None
        from desasadar_gui.services.oserrors import CANT_OPEN, message_for

        return message_for(self.kind or CANT_OPEN, self.path)


@functools.cache
def _known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    from desasadar_gui.db.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(s.revision for s in script.walk_revisions())


def _is_corrupt(exc: BaseException) -> bool:
    from desasadar_gui.services.oserrors import CORRUPT, classify

    return classify(exc) == CORRUPT


def _connect_read_only(path: Path):  # noqa: ANN202 (a sqlcipher3 connection)
    """A connection that writes nothing: no journal, no -wal, no -shm, no header change.

    An encrypted file is keyed with its unlocked key (:func:`cipher.key_for_file`:
    :class:`cipher.PassphraseNeededError` when there is none).

    ``mode=ro`` still creates the -shm of a WAL file (and needs the folder writable to
    do so); when that fails (read-only folder, full disk), the file is read as it is on
    disk (``immutable``). Only used for checking, never for working on the data.
    """
    key = cipher.key_for_file(path)
    sidecars = [Path(str(path) + s) for s in ("-wal", "-shm")]
    existed = [p.exists() for p in sidecars]
    con = None
    try:
        # No WAL in use: opening immutable reads the file without creating anything.
        con = cipher.connect(path, key=key, mode="ro" if any(existed) else "ro-immutable")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except cipher.DB_ERRORS as exc:
        if con is not None:
            con.close()
        if _is_corrupt(exc) or not any(existed):
            raise
    con = cipher.connect(path, key=key, mode="ro-immutable")
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        con.close()
        raise
    return con


def _key_record_near(path: Path):  # noqa: ANN202
    """The key record that belongs with ``path``: its own key file (a database), or the
    copy in its folder (a backup); None when there is none."""
    from desasadar_gui.db.keyfile import BACKUP_COPY, KeyRecord, key_file_path

    for candidate in (key_file_path(path), path.parent / BACKUP_COPY):
        try:
            return KeyRecord.from_json(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


def _encrypted_status(path: Path, head: bytes) -> FileCheck | None:
    """For a file without the SQLite header: LOCKED when it is an encrypted database
    whose key is not unlocked; DAMAGED when its key is unlocked but the header is not
    its salt (the first page was overwritten); None to go on (the key is unlocked and
    matches, or nothing says it is encrypted: then it is no database at all)."""
    if cipher.KEYRING.for_salt(head) is not None:
        return None
    record = _key_record_near(path)
    if record is None:
        return FileCheck(path, NOT_SQLITE, detail="no SQLite header")
    if cipher.KEYRING.has_key_id(record.key_id):
        return FileCheck(path, DAMAGED_FILE, detail="encrypted header does not match its key")
    return FileCheck(path, LOCKED, detail="encrypted; key not unlocked")


def _unreadable(path: Path, exc: BaseException) -> FileCheck:
    from desasadar_gui.services.oserrors import classify

    kind = classify(exc, path)
    detail = f"{exc.__class__.__name__} {getattr(exc, 'sqlite_errorname', '')}".strip()
    if isinstance(exc, OSError):
        detail = f"{exc.__class__.__name__} errno={exc.errno}"
    return FileCheck(path, UNREADABLE, detail=detail, kind=kind)


def _first_bytes(path: Path) -> FileCheck | bytes:
    """The bytes where the SQLite header would be, or the verdict on a path with no
    file to open (missing, a folder, empty, unreadable)."""
    try:
        if not path.exists():
            return FileCheck(path, MISSING)
        if path.is_dir():
            return FileCheck(path, NOT_SQLITE, detail="is a folder")
        size = path.stat().st_size
        if size == 0:
            return FileCheck(path, EMPTY, detail="0 bytes")
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return _unreadable(path, exc)


def _db_error(path: Path, exc: BaseException) -> FileCheck:
    if _is_corrupt(exc):
        return FileCheck(path, DAMAGED_FILE, detail=str(exc))
    return _unreadable(path, exc)


def _classify_open(path: Path, con, thorough: bool) -> FileCheck:  # noqa: ANN001
    """The verdict on an opened file (``con``: a read-only sqlcipher3 connection, which
    has no type stubs): damaged, empty, not ours, too new, or ok."""
    if thorough:
        rows = [r[0] for r in con.execute("PRAGMA quick_check(20)").fetchall()]
        if rows != ["ok"]:
            return FileCheck(path, DAMAGED_FILE, detail="; ".join(map(str, rows))[:500])
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return FileCheck(path, EMPTY, detail="no tables")
    revision = None
    if "alembic_version" in tables:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    if revision is None or not CORE_TABLES <= tables:
        return FileCheck(path, FOREIGN, revision, detail=f"{len(tables)} tables")
    if revision not in _known_revisions():
        return FileCheck(path, TOO_NEW, revision)
    return FileCheck(path, OK, revision)


def inspect_database_file(path: Path | str, *, thorough: bool = True) -> FileCheck:
    """Classify ``path`` without changing it. ``thorough`` runs ``PRAGMA quick_check``."""
    path = Path(path)
    head = _first_bytes(path)
    if isinstance(head, FileCheck):
        return head
    if head != SQLITE_MAGIC:
        early = _encrypted_status(path, head)
        if early is not None:
            return early
    try:
        con = _connect_read_only(path)
    except cipher.EncryptedFileError:
        return FileCheck(path, LOCKED, detail="encrypted; key not unlocked")
    except cipher.DB_ERRORS as exc:
        return _db_error(path, exc)
    try:
        return _classify_open(path, con, thorough)
    except cipher.DB_ERRORS as exc:
        return _db_error(path, exc)
    finally:
        con.close()


def latest_good_backup(db_path: Path | str) -> BackupFile | None:
    """The newest backup of ``db_path`` that passes the check (damaged copies skipped)."""
    for backup in backup_files(db_path):
        if backup.kind == DAMAGED:
            continue
        if inspect_database_file(backup.path).ok:
            return backup
        log.warning("backup %s fails the integrity check; skipped", backup.path.name)
    return None


class DamagedDatabaseError(UserError):
    """The database file must not be opened: it is damaged, or it is gone although it
    had data (``missing``). ``latest_backup`` is the copy to offer, if any."""

    def __init__(
        self,
        text_id: str,
        text_en: str,
        path: Path,
        latest_backup: BackupFile | None,
        missing: bool = False,
    ) -> None:
        super().__init__(text_id, text_en)
        self.path = path
        self.latest_backup = latest_backup
        self.missing = missing


def describe_backup(backup: BackupFile, lang: str = "id") -> str:
    """'cadangan harian 12/03/2025 17.40' — how a copy is named to a user."""
    return f"{kind_label(backup.kind, lang)} {display.date_time(backup.taken_at, lang, utc=False)}"


def damaged_error(
    path: Path, latest: BackupFile | None, empty: bool = False
) -> DamagedDatabaseError:
    what_id = "kosong (0 bita), padahal sebelumnya berisi data" if empty else "rusak"
    what_en = "empty (0 bytes) although it held data before" if empty else "damaged"
    if latest is not None:
        return DamagedDatabaseError(
            f"Berkas basis data '{path.name}' {what_id}, jadi tidak dibuka. Cadangan baik "
            f"terakhir: {describe_backup(latest, 'id')} ({latest.path}). Pulihkan cadangan "
            "itu; berkas yang rusak disimpan dulu, tidak dihapus.",
            f"The database file '{path.name}' is {what_en}, so it was not opened. Latest "
            f"good backup: {describe_backup(latest, 'en')} ({latest.path}). Restore that "
            "backup; the damaged file is kept, not deleted.",
            path,
            latest,
        )
    return DamagedDatabaseError(
        f"Berkas basis data '{path.name}' {what_id}, jadi tidak dibuka, dan tidak ada "
        "cadangan yang baik. Jangan hapus berkas ini; serahkan ke supervisor atau petugas "
        "TI untuk diselamatkan.",
        f"The database file '{path.name}' is {what_en}, so it was not opened, and there "
        "is no good backup. Do not delete the file; hand it to a supervisor or IT staff "
        "to rescue.",
        path,
        None,
    )


@dataclass(frozen=True)
class IntegrityResult:
    """The start-up verdict on a database path.

    ``status``: ``ok`` (a healthy file), ``new`` (no file and no backups: a first run),
    ``missing`` (no file, but backups of it exist: offer them rather than starting
    empty), ``damaged`` (never open it; offer ``latest_backup``), or ``unusable`` (not
    ours / too new / unreadable: ``error`` says why; the normal open reports it too).
    """

    path: Path
    status: str
    latest_backup: BackupFile | None = None
    error: UserError | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "new")


def quick_check(path: Path | str) -> IntegrityResult:
    """Check the database at ``path`` before opening it (read-only; changes nothing)."""
    path = Path(path)
    check = inspect_database_file(path)
    has_backups = any(b.kind != DAMAGED for b in backup_files(path))
    if check.status == MISSING:
        if not has_backups:
            return IntegrityResult(path, "new")
        latest = latest_good_backup(path)
        error = DamagedDatabaseError(
            f"Berkas basis data '{path}' tidak ditemukan, padahal ada cadangannya "
            "(flashdisk dicabut atau berkas dipindahkan?). Pulihkan cadangan terakhir, "
            "atau pilih sendiri untuk mulai dengan basis data kosong.",
            f"The database file '{path}' was not found, although backups of it exist "
            "(USB stick removed or file moved?). Restore the latest backup, or choose "
            "yourself to start an empty database.",
            path,
            latest,
            missing=True,
        )
        return IntegrityResult(path, "missing", latest, error)
    if check.status == EMPTY and not has_backups:
        # Never held data (e.g. a first start interrupted before the schema was made).
        return IntegrityResult(path, "new")
    if check.status == NOT_SQLITE and not has_backups:
        # Most likely the wrong file was chosen; the normal open explains it.
        return IntegrityResult(path, "unusable", detail=check.detail)
    if check.status in (EMPTY, DAMAGED_FILE, NOT_SQLITE):
        log.warning("database file fails the integrity check: %s", check.detail)
        latest = latest_good_backup(path)
        error = damaged_error(path, latest, empty=check.status == EMPTY)
        return IntegrityResult(path, "damaged", latest, error, check.detail)
    if check.status == OK:
        return IntegrityResult(path, "ok", detail=check.detail)
    return IntegrityResult(path, "unusable", None, check.error(), check.detail)


def verify_before_open(path: Path, allow_new: bool = False) -> None:
    """Raise :class:`DamagedDatabaseError` if ``path`` must not be opened.

    Called by ``Database.open``: a damaged file is never worked on, and a file that had
    data (it has backups) is never silently replaced by a new empty database unless the
    caller says so (``allow_new``, after the user chose it). Files that are not ours or
    too new are left to the normal open, which explains them.
    """
    result = quick_check(path)
    if result.status == "damaged" or (result.status == "missing" and not allow_new):
        assert isinstance(result.error, DamagedDatabaseError)
        raise result.error


# -- the full check ---------------------------------------------------------------------

FULL_CHECK_MAX_ROWS = 100


@dataclass(frozen=True)
class FullCheckResult:
    """What ``PRAGMA integrity_check`` found. ``problems`` is SQLite's technical text
    (table and index names, row numbers: no personal data) for the log and support."""

    path: Path
    problems: tuple[str, ...]
    seconds: float
    readable: bool = True

    @property
    def ok(self) -> bool:
        return self.readable and not self.problems

    @property
    def index_only(self) -> bool:
        """Every problem is in an index: rebuilding the indexes repairs it, no data lost."""
        return (
            self.readable
            and bool(self.problems)
            and all(_is_index_problem(p) for p in self.problems)
        )

    def message(self, lang: str | None = None) -> str:
        from desasadar_gui.errors import current_language

        en = (lang or current_language()) == "en"
        if self.ok:
            return (
                f"The database '{self.path.name}' was checked in full: no damage found."
                if en
                else f"Basis data '{self.path.name}' sudah diperiksa menyeluruh: tidak ada "
                "kerusakan."
            )
        if self.index_only:
            return (
                f"The full check found damage in the search indexes of '{self.path.name}' "
                f"({len(self.problems)} problems). The data itself is intact; rebuilding the "
                "indexes repairs it (nothing is lost). Until then searches, counts and the "
                "duplicate-NIK check may miss people."
                if en
                else f"Pemeriksaan menyeluruh menemukan kerusakan pada indeks pencarian "
                f"'{self.path.name}' ({len(self.problems)} masalah). Datanya sendiri utuh; "
                "membangun ulang indeks memperbaikinya (tidak ada yang hilang). Sampai itu, "
                "pencarian, hitungan dan pemeriksaan NIK ganda bisa melewatkan orang."
            )
        return (
            f"The full check found damage in the database '{self.path.name}' "
            f"({len(self.problems)} problems). Do not delete the file; restore the latest "
            "good backup (Backups) and hand this file to a supervisor or IT staff."
            if en
            else f"Pemeriksaan menyeluruh menemukan kerusakan pada basis data "
            f"'{self.path.name}' ({len(self.problems)} masalah). Jangan hapus berkasnya; "
            "pulihkan cadangan baik terakhir (Cadangan) dan serahkan berkas ini ke "
            "supervisor atau petugas TI."
        )


_INDEX_PROBLEM_WORDS = ("index", "wrong # of entries")


def _is_index_problem(text: str) -> bool:
    """'row 5 missing from index ix_...', 'wrong # of entries in index ix_...',
    'non-unique entry in index ...': problems REINDEX mends."""
    return any(word in text for word in _INDEX_PROBLEM_WORDS) and "Page" not in text


def full_check(path_or_db: object, max_rows: int = FULL_CHECK_MAX_ROWS) -> FullCheckResult:
    """The FULL ``PRAGMA integrity_check`` of a database file (or an open ``Database``).

    Unlike ``quick_check`` (run at every start) it also checks that every index holds
    exactly the rows of its table: a damaged NIK index makes the duplicate-NIK check
    and searches miss people while ``quick_check`` says "ok". Read-only (nothing is
    written, the file may be open and in use); takes seconds on a large database, so
    run it off the GUI thread. Called after each import, on each daily backup copy and
    by the "Periksa basis data" action; :func:`repair_indexes` mends index-only damage.
    """
    import time

    path = Path(getattr(path_or_db, "path", None) or path_or_db)  # type: ignore[arg-type]
    started = time.monotonic()
    try:
        con = _connect_read_only(path)
    except cipher.EncryptedFileError:
        return FullCheckResult(path, (), time.monotonic() - started, readable=False)
    except cipher.DB_ERRORS as exc:
        if _is_corrupt(exc):
            return FullCheckResult(path, (str(exc)[:200],), time.monotonic() - started)
        return FullCheckResult(path, (), time.monotonic() - started, readable=False)
    try:
        rows = [str(r[0]) for r in con.execute(f"PRAGMA integrity_check({int(max_rows)})")]
    except cipher.DB_ERRORS as exc:
        if not _is_corrupt(exc):
            return FullCheckResult(path, (), time.monotonic() - started, readable=False)
        rows = [str(exc)[:200]]
    finally:
        con.close()
    problems = tuple(r for r in rows if r != "ok")
    result = FullCheckResult(path, problems, time.monotonic() - started)
    if problems:
        log.warning(
            "full integrity check of %s: %d problem(s), index-only=%s; first: %s",
            path.name,
            len(problems),
            result.index_only,
            problems[0][:200],
        )
    else:
        log.info("full integrity check of %s: ok (%.1f s)", path.name, result.seconds)
    return result


def repair_indexes(db: object) -> FullCheckResult:
    """Rebuild every index of the open ``Database`` (``REINDEX``, in one transaction),
    then check again. For index-only damage found by :func:`full_check`: the tables
    hold the data; the indexes are made anew from them."""
    with db.session() as s:  # type: ignore[attr-defined]
        s.connection().exec_driver_sql("REINDEX")
    log.info("indexes rebuilt")
    return full_check(db)
