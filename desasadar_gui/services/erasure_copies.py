"""An erasure reaches every copy of the database on this laptop, not only the file in use.

- :func:`erase_in_backups`: after *Hapus data pribadi*, each backup that still holds the
  person gets the same erasure (the same fixed values, history and conflicts cleared,
  the erasure remembered), then its free pages are purged; a backup that does not hold
  them is left untouched. A copy that cannot be rewritten (a raw copy of a damaged file,
  a locked or unreadable one) is counted, never silently skipped: the caller tells the
  user how many still hold the person.
- :func:`carry_over_erasures`: restoring an older backup must not bring an erased
  person back (and let them sync out again); the erasures the replaced file knew are
  applied to the restored one.

Backups are edited in place in their rollback-journal mode (never switched to WAL, so
the read-only checks of the backups view keep working), one transaction each; a crash
midway leaves each file either as it was or erased.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from desasadar_gui.db import cipher
from desasadar_gui.db.backup_files import DAMAGED, backup_files
from desasadar_gui.db.engine import keyed_engine, sqlite_url
from desasadar_gui.db.search import rebuild_search_indexes
from desasadar_gui.errors import UserError
from desasadar_gui.services.erasure import (
    ERASED_NAME,
    ErasureEntry,
    apply_erasure,
    known_erasures,
    remember,
)

log = logging.getLogger("desasadar.erasure")
# What a copy that cannot be rewritten raises: SQLite, the disk, a key not unlocked.
_COPY_ERRORS: tuple[type[Exception], ...] = (*cipher.DB_OR_OS_ERRORS, UserError)


@dataclass(frozen=True)
class CopiesErased:
    cleaned: int  # backups that held the person and no longer do
    not_cleaned: int  # backups that may still hold them (could not be rewritten)


def _tables(conn: Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}


def _holds(conn: Connection, entries: Sequence[ErasureEntry]) -> bool:
    """Whether the file still has a personal value of any of the erased records."""
    for entry in entries:
        if entry.entity == "participants":
            sql = (
                "SELECT 1 FROM participants WHERE id = ? AND (name != ? OR nik IS NOT NULL "
                "OR phone IS NOT NULL OR birth_date IS NOT NULL)"
            )
            params: tuple[Any, ...] = (entry.record_id, ERASED_NAME)
        else:
            sql = (
                "SELECT 1 FROM attendance WHERE id = ? AND (walkin_name != ? "
                "OR walkin_phone IS NOT NULL)"
            )
            params = (entry.record_id, ERASED_NAME)
        if conn.exec_driver_sql(sql, params).first() is not None:
            return True
        history = conn.exec_driver_sql(
            "SELECT 1 FROM audit_log WHERE entity = ? AND record_id = ? AND changes != '{}'",
            (entry.entity, entry.record_id),
        ).first()
        if history is not None:
            return True
    return False


def erase_in_file(path: Path, entries: Sequence[ErasureEntry]) -> bool:
    """Apply ``entries`` to the database file at ``path``; True if it changed.

    The file keeps its journal mode and its key; the search indexes are rebuilt and the file
    VACUUMed so no erased byte stays in a free page.
    """
    engine = keyed_engine(sqlite_url(path), cipher.key_for_file(path))
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            if not _holds(conn, entries):
                return False
            tables = _tables(conn)
            for entry in entries:
                # A copy from before the erasures table existed (an old pre-upgrade
                # backup) still loses the values; only the note of the erasure is missing.
                if "erasures" in tables:
                    remember(conn, entry)
                apply_erasure(conn, entry)
            rebuild_search_indexes(conn)  # those the copy has: an old one may lack some
            conn.commit()
            raw: Any = conn.connection.dbapi_connection
            raw.execute("VACUUM")
        return True
    finally:
        engine.dispose()


def erase_in_backups(db_path: Path | str, entries: Sequence[ErasureEntry]) -> CopiesErased:
    """Apply the erasure to every backup of ``db_path`` that still holds the person."""
    cleaned = not_cleaned = 0
    for backup in backup_files(db_path):
        if backup.kind == DAMAGED:
            # A raw copy of a file SQLite could no longer read: it cannot be edited
            # safely, so it is counted for the user to delete.
            not_cleaned += 1
            continue
        try:
            cleaned += erase_in_file(backup.path, entries)
        except _COPY_ERRORS as exc:
            log.warning(
                "erasure not applied to backup %s: %s", backup.path.name, type(exc).__name__
            )
            not_cleaned += 1
    if cleaned or not_cleaned:
        log.info("erasure applied to %d backups; %d not rewritten", cleaned, not_cleaned)
    return CopiesErased(cleaned, not_cleaned)


def erasures_of_file(path: Path | str) -> list[ErasureEntry]:
    """The erasures a database file knows (none if it cannot be read or predates them)."""
    engine = keyed_engine(sqlite_url(path), cipher.key_for_file(path))
    try:
        with engine.connect() as conn:
            if "erasures" not in _tables(conn):
                return []
            return list(known_erasures(conn).values())
    except _COPY_ERRORS as exc:
        log.warning("erasures of %s not read: %s", Path(path).name, type(exc).__name__)
        return []
    finally:
        engine.dispose()


def carry_over_erasures(entries: Sequence[ErasureEntry], restored: Path | str) -> int:
    """After a restore: erase in the restored file whom the replaced file had erased.

    Returns how many erasures were applied (0 when the restored copy already had them).
    """
    if not entries:
        return 0
    restored = Path(restored)
    try:
        if not erase_in_file(restored, entries):
            return 0
    except _COPY_ERRORS as exc:
        # Never leave it at a log line: the restore itself succeeded, so the user is
        # told by the caller to erase again (the person is found by NIK or name).
        log.warning("erasures not carried over to the restored file: %s", type(exc).__name__)
        raise UserError(
            "Cadangan sudah dipulihkan, tetapi penghapusan data pribadi yang tercatat di "
            "basis data lama tidak bisa diterapkan padanya. Ulangi Hapus data pribadi "
            "untuk orang-orang itu.",
            "The backup was restored, but the personal-data erasures recorded in the old "
            "database could not be applied to it. Repeat the erasure for those people.",
        ) from exc
    log.info("carried %d erasures over to the restored file", len(entries))
    return len(entries)


__all__ = [
    "CopiesErased",
    "carry_over_erasures",
    "erase_in_backups",
    "erase_in_file",
    "erasures_of_file",
]
