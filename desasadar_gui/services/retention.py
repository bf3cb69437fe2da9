"""Keeping less personal data (UU 27/2022: retention limits).

Two rules, run when the app closes (before the daily backup, so the new backup is
already pruned) and by ``desasadar prune``:

- **History**: audit-log entries older than the retention period (setting
  ``privacy.retention_days``, default 365) keep who and when but lose their values;
  conflict-list entries (losing versions, with values) older than it are removed.
- **Final deletions**: a participant deleted longer ago than the tombstone period
  (``privacy.tombstone_days``, default 30: long enough for every laptop to see the
  deletion and for a mistaken one to be undone) is erased like "hapus data pribadi"
  (``services/erasure.py``), record only: the tombstone then syncs without personal
  fields, and the erasure wins over older workbooks on every laptop. Walk-in
  attendance is left alone (the person may live on in a merged record).

Nothing here touches a record that is not deleted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from desasadar_gui.services import processing
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.erasure import (
    ErasureEntry,
    apply_erasure,
    purge_free_space,
    remember,
)
from desasadar_gui.services.settings import read_counts, write_counts

log = logging.getLogger("desasadar.retention")

SETTING_RETENTION_DAYS = "privacy.retention_days"
SETTING_TOMBSTONE_DAYS = "privacy.tombstone_days"
DEFAULT_RETENTION_DAYS = 365
DEFAULT_TOMBSTONE_DAYS = 30


@dataclass(frozen=True)
class RetentionPolicy:
    retention_days: int = DEFAULT_RETENTION_DAYS
    tombstone_days: int = DEFAULT_TOMBSTONE_DAYS


@dataclass(frozen=True)
class PruneResult:
    history_cleared: int
    conflicts_removed: int
    tombstones_erased: int

    @property
    def changed(self) -> bool:
        return bool(self.history_cleared or self.conflicts_removed or self.tombstones_erased)


def load_retention(db: Database) -> RetentionPolicy:
    n = read_counts(
        db,
        {
            SETTING_RETENTION_DAYS: DEFAULT_RETENTION_DAYS,
            SETTING_TOMBSTONE_DAYS: DEFAULT_TOMBSTONE_DAYS,
        },
    )
    return RetentionPolicy(n[SETTING_RETENTION_DAYS], n[SETTING_TOMBSTONE_DAYS])


def backup_max_age_days(db: Database) -> int:
    from desasadar_gui.services.backups import load_policy

    return load_policy(db).max_age_days


def save_retention(
    db: Database, retention_days: int, tombstone_days: int, backup_days: int | None = None
) -> RetentionPolicy:
    """Store the periods (``backup_days``: the backup policy's ``max_age_days``)."""
    from desasadar_gui.errors import UserError
    from desasadar_gui.services.backups.policy import SETTING_MAX_AGE_DAYS

    if retention_days < 1 or tombstone_days < 1 or (backup_days is not None and backup_days < 1):
        raise UserError(
            "Masa simpan harus paling sedikit 1 hari.",
            "Retention periods must be at least 1 day.",
        )
    pairs = [(SETTING_RETENTION_DAYS, retention_days), (SETTING_TOMBSTONE_DAYS, tombstone_days)]
    if backup_days is not None:
        pairs.append((SETTING_MAX_AGE_DAYS, backup_days))
    write_counts(db, pairs)
    return RetentionPolicy(retention_days, tombstone_days)


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def prune_personal_data(db: Database, now: datetime | None = None) -> PruneResult:
    """Apply both rules (see the module text); one transaction, then a purge."""
    policy = load_retention(db)
    now = now or utcnow()
    history_before = _text(now - timedelta(days=policy.retention_days))
    tombstone_before = _text(now - timedelta(days=policy.tombstone_days))
    at = _text(now)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        try:
            cleared = conn.exec_driver_sql(
                "UPDATE audit_log SET changes = '{}' WHERE at < ? AND changes != '{}'",
                (history_before,),
            ).rowcount
            removed = conn.exec_driver_sql(
                "DELETE FROM conflicts WHERE detected_at < ?", (history_before,)
            ).rowcount
            final = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM participants WHERE deleted_at IS NOT NULL "
                    "AND deleted_at < ? AND id NOT IN (SELECT record_id FROM erasures)",
                    (tombstone_before,),
                )
            ]
            for pid in final:
                entry = ErasureEntry(pid, "participants", db.next_rev(), at, db.device.id)
                remember(conn, entry)
                apply_erasure(conn, entry)
                conn.exec_driver_sql(
                    "INSERT INTO audit_log (entity, record_id, action, rev, at, device, "
                    "officer, changes) VALUES ('participants', ?, 'erase', ?, ?, ?, ?, '{}')",
                    (pid, entry.rev, at, db.device.id, db.officer),
                )
            if final:
                millis, counter = db.clock.state
                conn.exec_driver_sql(
                    "UPDATE device SET clock_millis = ?, clock_counter = ? WHERE id = ?",
                    (millis, counter, db.device.id),
                )
            result = PruneResult(cleared, removed, len(final))
            if result.changed:
                processing.record_in(
                    conn,
                    db,
                    processing.RETENTION,
                    counts={
                        "audit_entries_cleared": cleared,
                        "conflicts_removed": removed,
                        "tombstones_erased": len(final),
                    },
                    note=f"masa simpan {policy.retention_days} hari, "
                    f"catatan terhapus {policy.tombstone_days} hari",
                )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    if result.changed:
        purge_free_space(db)
        log.info(
            "retention: %d history entries cleared, %d conflicts removed, %d tombstones erased",
            cleared,
            removed,
            len(final),
        )
    return result


__all__ = [
    "PruneResult",
    "RetentionPolicy",
    "load_retention",
    "prune_personal_data",
    "save_retention",
]
