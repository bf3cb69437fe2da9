"""Opening the local database: checks, migrations, this installation's identity and clock.

A :class:`Database` is what the GUI, the command line and the tests pass around.
It holds no open Session; each unit of work opens its own with :meth:`Database.session`
(also from worker threads).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desasadar_gui.db import cipher
from desasadar_gui.db.clock import HybridClock, Rev
from desasadar_gui.db.engine import (
    is_server_url,
    make_engine,
    make_sessionmaker,
    server_engine,
)
from desasadar_gui.db.migrate import (
    UpgradeFailedError,
    UpgradeResult,
    upgrade_database,
    upgrade_failed_error,
)
from desasadar_gui.db.models import Device
from desasadar_gui.errors import UserError
from desasadar_gui.services.instance_lock import InstanceLock, acquire_instance_lock
from desasadar_gui.services.integrity import (
    DamagedDatabaseError,
    damaged_error,
    latest_good_backup,
    verify_before_open,
)
from desasadar_gui.services.oserrors import (
    DatabaseDamagedError,
    ReadOnlyError,
    describe_db_error,
    plain_error,
    writable,
)
from desasadar_gui.services.server_database import (
    ServerLock,
    connection_error,
    display_url,
)

log = logging.getLogger("desasadar.database")

# What opening, writing or trying a database file can raise besides our own errors.
_DB_FAILURES: tuple[type[Exception], ...] = (SQLAlchemyError, *cipher.DB_OR_OS_ERRORS)
_TRIAL_FAILURES: tuple[type[Exception], ...] = (UserError, *_DB_FAILURES)


class DatabaseOpenError(UserError):
    pass


__all__ = [
    "Database",
    "DatabaseOpenError",
    "DamagedDatabaseError",
    "DeviceInfo",
    "UpgradeFailedError",
    "is_server_url",
    "restorable_backup",
]


def utcnow() -> datetime:
    """Naive UTC timestamp (the form stored in the database)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    officer_name: str
    branch: str


def _check_file(path: Path, allow_new: bool = False) -> None:
    """Look before touching: refuse, before any pragma could write to it, a path that
    cannot be our database, is damaged, unreadable, or of a schema we do not know.

    Everything here reads only (the file is opened read-only and immutable, so not even
    a -wal or -shm file appears): a refused file is left byte for byte as it was.
    """
    from desasadar_gui.db.migrate import foreign_file_error, too_new_error
    from desasadar_gui.services.integrity import (
        FOREIGN,
        LOCKED,
        NOT_SQLITE,
        TOO_NEW,
        UNREADABLE,
        inspect_database_file,
    )

    if path.is_dir():
        raise DatabaseOpenError(
            f"'{path}' adalah folder, bukan berkas basis data.",
            f"'{path}' is a folder, not a database file.",
        )
    if not path.parent.exists():
        raise DatabaseOpenError(
            f"Folder '{path.parent}' tidak ada. Periksa lokasi berkas "
            "(mungkin flashdisk sudah dicabut).",
            f"The folder '{path.parent}' does not exist. Check the location "
            "(the USB stick may have been removed).",
        )
    # A damaged file, or a vanished one that had data, is never opened or replaced.
    verify_before_open(path, allow_new=allow_new)
    if path.exists() and not writable(path):
        # SQLite would open it read-only without a word and fail at the first save.
        raise ReadOnlyError(
            f"Berkas basis data '{path}' hanya-baca (terkunci, atau tidak ada izin "
            "menulis), jadi tidak dibuka. Buka kunci flashdisk atau salin berkasnya ke "
            "folder lain. Tidak ada yang diubah.",
            f"The database file '{path}' is read-only (write-protected, or no permission "
            "to write), so it was not opened. Unlock the USB stick or copy the file to "
            "another folder. Nothing was changed.",
        )
    check = inspect_database_file(path, thorough=False)
    if check.status == NOT_SQLITE:
        raise DatabaseOpenError(
            f"'{path.name}' bukan berkas basis data Desa Sadar (isinya bukan SQLite).",
            f"'{path.name}' is not a Desa Sadar database file (it is not SQLite).",
        )
    if check.status == LOCKED:
        raise cipher.passphrase_needed(path)
    if check.status == FOREIGN:
        raise foreign_file_error()
    if check.status == TOO_NEW:
        raise too_new_error()
    if check.status == UNREADABLE:
        error = check.error()
        assert error is not None
        log.warning("database file unreadable: %s (%s)", check.kind, check.detail)
        raise error


class Database:
    """The open local database of this installation."""

    def __init__(
        self,
        engine: Engine,
        path: Path | None,
        upgrade: UpgradeResult,
        key: bytes | None = None,
        url: str | None = None,
    ) -> None:
        self.engine = engine
        self.path = path
        # The server URL of a PostgreSQL database (None: a file, see ``path``).
        self.url = url
        self.upgrade = upgrade
        # The data key of an encrypted file (None: plain). Held in memory only.
        self.key = key
        # The one-instance-per-file lock, when this Database holds it (see ``open``).
        self._instance_lock: InstanceLock | ServerLock | None = None
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self.device = self._ensure_device()
        with self._sessions() as s:
            row = s.get(Device, self.device.id)
            assert row is not None
            self.clock = HybridClock(self.device.id, row.clock_millis, row.clock_counter)

    @property
    def instance_lock(self) -> InstanceLock | ServerLock | None:
        return self._instance_lock

    @instance_lock.setter
    def instance_lock(self, lock: InstanceLock | ServerLock | None) -> None:
        """Hand a held lock to this Database (a restore keeps the lock across closing
        and reopening): it now also covers the file as it is (a new file number)."""
        self._instance_lock = lock
        if lock is not None and self.path is not None:
            lock.refresh_identity(self.path)

    # -- opening ---------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def on_server(self) -> bool:
        """A PostgreSQL database (no file: no file lock, file backups or passphrase)."""
        return self.url is not None

    @property
    def display_name(self) -> str:
        """The short name a window shows: the file's name, or ``dbname @ host`` on a
        server (``:memory:`` for an in-memory database)."""
        if self.url is not None:
            url = make_url(self.url)
            return f"{url.database} @ {url.host or 'localhost'}"
        return self.path.name if self.path is not None else ":memory:"

    @property
    def location(self) -> str:
        """Where the data is, for a person: the file path or the URL without password."""
        if self.url is not None:
            return display_url(self.url)
        return str(self.path)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        allow_new: bool = False,
        lock: bool = False,
        key: bytes | None = None,
    ) -> Database:
        """Open (creating if needed) and upgrade the database file at ``path``.

        An encrypted file needs its data key unlocked first (``services/security.py``:
        ``unlock``), or given as ``key``; a new file given a ``key`` is created
        encrypted with it. A locked file is refused with
        :class:`cipher.PassphraseNeededError`, a key that is not the file's with
        :class:`cipher.WrongPassphraseError` (plain messages, the file untouched).

        Refused with :class:`DamagedDatabaseError` when the file is damaged, or is missing
        although backups of it exist (``allow_new=True`` once the user chose to start an
        empty database there). ``lock=True`` (the GUI, and commands that write) first
        takes the one-instance-per-file lock, held until :meth:`close`; a second copy of
        the app on the same file gets :class:`InstanceLockedError`.

        ``path`` may be a server URL (``postgresql+psycopg://user@host/dbname``): see
        :meth:`open_server`.
        """
        if is_server_url(path):
            return cls.open_server(str(path), lock=lock)
        path = Path(path)
        if key is None and cipher.file_kind(path) == cipher.NEW:
            # A new file beside a key file (written by security.install_key) is created
            # encrypted with that key, which must be unlocked.
            from desasadar_gui.db.keyfile import database_key

            key = database_key(path)
        if key is not None:
            if cipher.file_kind(path) == cipher.PLAIN:
                raise ValueError("a key was given for a plain database file")
            if cipher.is_encrypted(path) and not cipher.opens_with(path, key):
                raise cipher.wrong_passphrase(path)
            cipher.KEYRING.add(key)
        # Look before touching: a file that is refused is left exactly as it was (not
        # even a lock file appears beside it); only then the lock, then the engine.
        _check_file(path, allow_new)
        held = acquire_instance_lock(path) if lock and path.parent.is_dir() else None
        try:
            engine = make_engine(path, key) if key is not None else make_engine(path)
            try:
                result = upgrade_database(engine, path)
                db = cls(engine, path, result, key or cipher.key_for_file(path))
            except UpgradeFailedError as exc:
                engine.dispose()
                # A full disk, a read-only file... during the upgrade: that message (the
                # file is at its old revision, nothing lost); else offer the backup.
                cause = exc.__cause__
                known = describe_db_error(cause, path) if cause is not None else None
                if known is not None and not isinstance(known, DatabaseDamagedError):
                    raise known from exc
                raise _upgrade_failed(path, exc) from exc
            except UserError:
                engine.dispose()
                raise
            except _DB_FAILURES as exc:
                engine.dispose()
                raise _open_error(path, exc) from exc
        except BaseException:
            if held is not None:
                held.release()
            raise
        try:
            db.instance_lock = held  # a file made just now gets its identity lock here
        except BaseException:
            db.engine.dispose()
            if held is not None:
                held.release()
            raise
        return db

    @classmethod
    def open_server(cls, url: str, *, lock: bool = False) -> Database:
        """Open and upgrade the database at the server ``url`` (see
        ``services/server_database.py``). ``lock=True`` takes the one-writer advisory
        lock; a second writer gets :class:`ServerLockedError`. Failing to reach or log
        in to the server is a plain :class:`ServerConnectionError`."""
        engine = server_engine(url)
        held: ServerLock | None = None
        try:
            if lock:
                held = ServerLock.acquire(url)
            result = upgrade_database(engine, None)
            db = cls(engine, None, result, url=url)
        except UpgradeFailedError as exc:
            engine.dispose()
            cause = exc.__cause__
            known = connection_error(cause, url) if cause is not None else None
            if held is not None:
                held.release()
            raise (known or exc) from exc
        except BaseException as exc:
            if held is not None:
                held.release()
            engine.dispose()
            if isinstance(exc, _DB_FAILURES):
                known = connection_error(exc, url)
                if known is not None:
                    raise known from exc
                log.error("server database could not be opened: %s", type(exc).__name__)
                raise plain_error(exc) from exc
            raise
        db._instance_lock = held
        return db

    def close(self) -> None:
        """Close every connection, then let go of the instance lock (if held)."""
        self.engine.dispose()
        lock, self._instance_lock = self._instance_lock, None
        if lock is not None:
            lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- units of work -----------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error.

        A full disk, a read-only folder, a removed USB stick, a locked or damaged file
        come out as a plain :class:`UserError` (after the rollback: nothing half-applies).
        """
        try:
            with self._sessions() as s, s.begin():
                yield s
        except _DB_FAILURES as exc:
            error = describe_db_error(exc, self.path)
            if error is None and self.url is not None:
                error = connection_error(exc, self.url)
            if error is None:
                raise
            log.warning(
                "transaction rolled back: %s (%s)", type(error).__name__, type(exc).__name__
            )
            raise error from exc

    def read_session(self) -> Session:
        """A session for reading only (caller closes it, e.g. ``with db.read_session()``)."""
        return self._sessions()

    # -- identity and clock --------------------------------------------------------

    def _ensure_device(self) -> DeviceInfo:
        with self.session() as s:
            row = s.scalars(select(Device).limit(1)).first()
            if row is None:
                row = Device(
                    id=uuid.uuid4().hex,
                    officer_name="",
                    branch="",
                    created_at=utcnow(),
                    clock_millis=0,
                    clock_counter=0,
                )
                s.add(row)
            return DeviceInfo(row.id, row.officer_name, row.branch)

    def set_officer(self, officer_name: str, branch: str | None = None) -> None:
        with self.session() as s:
            row = s.get(Device, self.device.id)
            assert row is not None
            row.officer_name = officer_name.strip()
            if branch is not None:
                row.branch = branch.strip()
            self.device = DeviceInfo(row.id, row.officer_name, row.branch)

    @property
    def officer(self) -> str:
        return self.device.officer_name

    def next_rev(self) -> str:
        return self.clock.tick().encode()

    def observe_rev(self, rev: str | Rev) -> None:
        self.clock.observe(rev)

    def save_clock(self, s: Session) -> None:
        """Persist the clock inside the caller's transaction (after issuing revisions)."""
        row = s.get(Device, self.device.id)
        assert row is not None
        row.clock_millis, row.clock_counter = self.clock.state


def restorable_backup(db_path: Path, tries: int = 3) -> Path | None:
    """The newest backup of ``db_path`` that this version can open and upgrade.

    Each candidate (newest first, damaged copies skipped) is copied into a scratch
    folder and upgraded there; the file and its backups are not changed. Used when the
    upgrade of the file itself failed: the copy taken just before that upgrade has the
    same problem, so an older one may be the one to offer.
    """
    from desasadar_gui.db.backup_files import DAMAGED, backup_files
    from desasadar_gui.db.engine import backup_sqlite
    from desasadar_gui.scratch import scratch_folder
    from desasadar_gui.services.integrity import inspect_database_file

    candidates = [b for b in backup_files(db_path) if b.kind != DAMAGED][: tries * 3]
    tried = 0
    with scratch_folder("upgrade-trial") as folder:
        for backup in candidates:
            if tried >= tries:
                break
            if not inspect_database_file(backup.path).ok:
                continue
            tried += 1
            trial = folder / f"trial-{tried}.sqlite"
            engine = None
            try:
                backup_sqlite(backup.path, trial)
                engine = make_engine(trial)
                upgrade_database(engine, None)
                return backup.path
            except _TRIAL_FAILURES as exc:
                log.info(
                    "backup %s does not upgrade either: %s", backup.path.name, type(exc).__name__
                )
            finally:
                if engine is not None:
                    engine.dispose()
    return None


def _upgrade_failed(path: Path, exc: UpgradeFailedError) -> UpgradeFailedError:
    """The failed upgrade's message, naming a backup that will open (if there is one)."""
    error = upgrade_failed_error(restorable_backup(path))
    error.path = path
    return error


def _open_error(path: Path, exc: Exception) -> UserError:
    """The plain message for a failure while opening (by error code, see oserrors)."""
    known = describe_db_error(exc, path)
    if isinstance(known, DatabaseDamagedError):
        # Damaged for real (SQLITE_CORRUPT / NOTADB): offer the latest good backup.
        return damaged_error(path, latest_good_backup(path))
    if known is not None:
        return known
    log.error("database could not be opened: %s", type(exc).__name__, exc_info=exc)
    return plain_error(exc, path)
