"""Applying an import plan: one transaction, set-wise SQL, in referential order.

Inside a single write transaction: the sync log row is written first (taking the
write lock), references are checked again, then per entity (villages, participants,
sessions, attendance, targets) the outcome of every staged record is computed into a
temporary table, the loser of each conflict is kept in the conflict list, the winners
are upserted in chunks, an audit entry per changed record is written, and the sync
base is advanced. The clock observes every incoming revision, so the next local
edit orders after all of them. Any error rolls everything back.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from desasadar_gui.db.clock import Rev
from desasadar_gui.db.dialect import run
from desasadar_gui.services import processing
from desasadar_gui.services.database import Database, utcnow
from desasadar_gui.services.erasure import enforce_erasures, purge_free_space
from desasadar_gui.services.oserrors import describe_db_error
from desasadar_gui.sync.cells import datetime_text, storage_form
from desasadar_gui.sync.erasures import drop_erased_versions, file_erasures
from desasadar_gui.sync.merge import Outcome
from desasadar_gui.sync.plan import (
    ImportPlan,
    already_imported,
    build_plan,
    move_reference_violations,
    outcome_query,
)
from desasadar_gui.sync.progress import Ticker
from desasadar_gui.sync.staging import Names, attached
from desasadar_gui.sync.upsert import bulk_load, upsert_from_select
from desasadar_gui.sync.workbook_format import SHEETS, SheetSpec

log = logging.getLogger("desasadar.sync.apply")

CHUNK = 50_000
APPLIES = tuple(o.value for o in Outcome if o.applies)
KEEPS_BASE = (*APPLIES, Outcome.UNCHANGED.value)


@dataclass
class ImportResult:
    plan: ImportPlan
    applied: bool = False
    already_imported: str | None = None
    conflicts_recorded: int = 0
    erasures_new: int = 0  # people erased here because the file carried their erasure
    sync_log_id: int | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    check: Any = None  # the full integrity check the GUI runs after applying

    @property
    def rejected(self) -> int:
        return self.plan.rejected


def _in_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _classify(conn: Connection, spec: SheetSpec) -> None:
    """The outcome of each staged row, in ``o_<entity>`` (its ``rowid`` numbers the rows
    in staging order: SQLite's own, a row number on PostgreSQL)."""
    n = Names(conn)
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {n.temp('o_' + spec.entity)}")
    extra = ", s.rowid AS srow"
    if not n.sqlite:
        extra += ", row_number() OVER (ORDER BY s.rowid) AS rowid"
    conn.exec_driver_sql(
        f"CREATE TEMP TABLE o_{spec.entity} AS "
        + outcome_query(n, spec.entity, extra).replace("SELECT ", "SELECT s.id AS id, ", 1)
        + " ORDER BY s.rowid"
    )


def _record_conflicts(conn: Connection, spec: SheetSpec, source_file: str) -> int:
    """Keep the losing version of each conflicting record (once per loser)."""
    fields = spec.stored_fields
    n = Names(conn)
    cols = ", ".join(f"s.{f}" for f in fields)
    local_cols = ", ".join(f"t.{f}" for f in fields)
    rows = conn.exec_driver_sql(
        f"SELECT o.outcome, {cols}, {local_cols} FROM {n.temp('o_' + spec.entity)} o "
        f"JOIN {n.stg(spec.entity)} s ON s.rowid = o.srow "
        f"JOIN {n.main(spec.entity)} t ON t.id = o.id "
        f"WHERE o.outcome IN ('{Outcome.CONFLICT_INCOMING_WINS.value}', "
        f"'{Outcome.CONFLICT_LOCAL_WINS.value}')"
    ).all()
    now = datetime_text(utcnow())
    recorded = 0
    width = len(fields)
    for outcome, *typed in rows:
        both = [storage_form(v) for v in typed]  # JSON as SQLite keeps it, on every engine
        incoming = dict(zip(fields, both[:width], strict=True))
        local = dict(zip(fields, both[width:], strict=True))
        if outcome == Outcome.CONFLICT_INCOMING_WINS.value:
            winner, loser, side = incoming, local, "local"
        else:
            winner, loser, side = local, incoming, "incoming"
        seen = run(
            conn,
            f"SELECT 1 FROM {n.main('conflicts')} WHERE record_id = ? AND loser_rev = ?",
            (loser["id"], loser["rev"]),
        ).first()
        if seen:
            continue
        run(
            conn,
            f"INSERT INTO {n.main('conflicts')} (entity, record_id, winner_rev, loser_rev, "
            "loser_values, loser_side, source_file, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                spec.entity,
                loser["id"],
                winner["rev"],
                loser["rev"],
                json.dumps(loser, ensure_ascii=False, sort_keys=True),
                side,
                source_file,
                now,
            ),
        )
        recorded += 1
    return recorded


def _upsert(conn: Connection, spec: SheetSpec, tick: Callable[[int], None]) -> None:
    fields = spec.stored_fields
    n = Names(conn)
    outcomes = n.temp("o_" + spec.entity)
    last = conn.exec_driver_sql(f"SELECT max(rowid) FROM {outcomes}").scalar() or 0
    select = (
        f"SELECT {', '.join('s.' + f for f in fields)} FROM {outcomes} o "
        f"JOIN {n.stg(spec.entity)} s ON s.rowid = o.srow "
        f"WHERE o.outcome IN ({_in_list(APPLIES)}) AND o.rowid BETWEEN ? AND ?"
    )
    sql = upsert_from_select(conn.dialect.name, n.main(spec.entity), fields, select)
    arriving = conn.exec_driver_sql(
        f"SELECT count(*) FROM {outcomes} WHERE outcome = '{Outcome.NEW.value}'"
    ).scalar()
    with bulk_load(conn, spec.entity, arriving or 0):
        for low in range(1, last + 1, CHUNK):
            run(conn, sql, (low, low + CHUNK - 1))
            tick(min(CHUNK, last - low + 1))


def _changes_sql(spec: SheetSpec, n: Names) -> str:
    """JSON {field: [old, new]} of the fields an incoming version changes (SQLite JSON1;
    ``jsonb`` on PostgreSQL, which writes its own text of dates and flags).

    Built by removing unchanged fields from an object of every field. A record new to
    this laptop gets ``{}``: its first version is the record itself, and a second copy
    of every personal value in the log would only be more to protect.
    """
    fields = (*spec.data_fields, "deleted_at")
    if n.sqlite:
        pairs = ", ".join(f"'{f}', json_array(t.{f}, s.{f})" for f in fields)
        drops = ", ".join(
            f"CASE WHEN {n.same('t.' + f, 's.' + f)} THEN '$.{f}' ELSE '$.-' END" for f in fields
        )
        changes = f"json_remove(json_object({pairs}), {drops})"
    else:
        pairs = ", ".join(f"'{f}', jsonb_build_array(t.{f}, s.{f})" for f in fields)
        drops = ", ".join(f"CASE WHEN {n.same('t.' + f, 's.' + f)} THEN '{f}' END" for f in fields)
        changes = f"(jsonb_build_object({pairs}) - ARRAY[{drops}]::text[])::text"
    return f"CASE WHEN t.id IS NULL THEN '{{}}' ELSE {changes} END"


def _audit(conn: Connection, spec: SheetSpec, device: str, officer: str, at: str) -> None:
    """One audit entry per record the import changes, with its field changes (written
    before the upsert, while the old values are still there)."""
    n = Names(conn)
    at_value = "CAST(? AS TIMESTAMP)" if not n.sqlite else "?"
    run(
        conn,
        f"INSERT INTO {n.main('audit_log')} (entity, record_id, action, rev, at, device, "
        f"officer, changes) SELECT '{spec.entity}', s.id, 'import', s.rev, {at_value}, ?, ?, "
        f"{_changes_sql(spec, n)} "
        f"FROM {n.temp('o_' + spec.entity)} o JOIN {n.stg(spec.entity)} s ON s.rowid = o.srow "
        f"LEFT JOIN {n.main(spec.entity)} t ON t.id = s.id "
        f"WHERE o.outcome IN ({_in_list(APPLIES)})",
        (at, device, officer),
    )


def _advance_base(conn: Connection, spec: SheetSpec) -> None:
    n = Names(conn)
    select = (
        f"SELECT s.id, '{spec.entity}', s.rev, s.base_rev FROM {n.temp('o_' + spec.entity)} o "
        f"JOIN {n.stg(spec.entity)} s ON s.rowid = o.srow "
        f"WHERE o.outcome IN ({_in_list(KEEPS_BASE)})"
    )
    conn.exec_driver_sql(
        upsert_from_select(
            conn.dialect.name,
            n.main("sync_base"),
            ("record_id", "entity", "rev", "parent_rev"),
            select,
            key="record_id",
            only_if_changed="rev",
        )
    )


def _observe_clock(conn: Connection, db: Database) -> None:
    newest = max(
        (
            conn.exec_driver_sql(f"SELECT max(rev) FROM {Names(conn).stg(spec.entity)}").scalar()
            or ""
            for spec in SHEETS
        ),
        default="",
    )
    if newest:
        db.observe_rev(Rev.parse(newest))
    millis, counter = db.clock.state
    run(
        conn,
        f"UPDATE {Names(conn).main('device')} SET clock_millis = ?, clock_counter = ? WHERE id = ?",
        (millis, counter, db.device.id),
    )


def apply_plan(
    db: Database,
    plan: ImportPlan,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    parsed = plan.parsed
    result = ImportResult(plan)
    tick = Ticker(max(1, sum(parsed.rows.values())), progress, cancelled)

    # A consistent copy before anything changes (data safety; a full disk stops here).
    from desasadar_gui.services.backups import backup_before_import

    backup_before_import(db)
    try:
        _apply(db, plan, result, tick)
        if result.erasures_new:
            purge_free_space(db)
        return result
    except (sqlite3.Error, SQLAlchemyError, OSError) as exc:
        # A full disk, a read-only file, a removed stick: the transaction rolled back
        # and the user reads why (the staging attachment bypasses Database.session).
        error = describe_db_error(exc, db.path)
        if error is None:
            raise
        log.warning("import rolled back: %s (%s)", type(error).__name__, type(exc).__name__)
        raise error from exc


def _apply(
    db: Database, plan: ImportPlan, result: ImportResult, tick: Callable[[int], None]
) -> ImportResult:
    parsed = plan.parsed
    now = datetime_text(utcnow())
    with attached(db, parsed.staging) as conn:
        seen = already_imported(conn, parsed.sha256)
        if seen is not None:
            result.already_imported = seen
            return result
        # The first statement writes, so the transaction holds the write lock from here.
        n = Names(conn)
        log_id = run(
            conn,
            f"INSERT INTO {n.main('sync_log')} (direction, file_name, sha256, at, device, "
            "officer, source_device, counts) VALUES ('import', ?, ?, ?, ?, ?, ?, '{}') "
            "RETURNING id",
            (parsed.file_name, parsed.sha256, now, db.device.id, db.officer, parsed.source_device),
        ).scalar()
        if n.sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")  # erased values are overwritten
        drop_erased_versions(conn, parsed.meta)
        move_reference_violations(conn)
        for spec in SHEETS:
            _classify(conn, spec)
            result.conflicts_recorded += _record_conflicts(conn, spec, parsed.file_name)
            _audit(conn, spec, parsed.source_device or "?", parsed.source_officer, now)
            _upsert(conn, spec, tick)
            _advance_base(conn, spec)
        result.erasures_new = enforce_erasures(conn, file_erasures(parsed.meta))
        _observe_clock(conn, db)
        final = build_plan_from_temp(conn, plan)
        run(
            conn,
            f"UPDATE {n.main('sync_log')} SET counts = ? WHERE id = ?",
            (json.dumps(final, ensure_ascii=False, sort_keys=True), log_id),
        )
        processing.record_in(
            conn,
            db,
            processing.IMPORT,
            parsed.path,
            sha256=parsed.sha256,
            counts={sheet: sum(per.values()) for sheet, per in final.items()},
            note=f"dari perangkat {parsed.source_device or '?'}",
        )
        for spec in SHEETS:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {n.temp('o_' + spec.entity)}")
        conn.commit()
        result.applied = True
        result.sync_log_id = log_id
        result.counts = final
    return result


def build_plan_from_temp(conn: Connection, plan: ImportPlan) -> dict[str, dict[str, int]]:
    """The outcome counts as applied (from the temporary outcome tables)."""
    counts: dict[str, dict[str, int]] = {}
    names = Names(conn)
    for spec in SHEETS:
        per: dict[str, int] = {}
        for outcome, n in conn.exec_driver_sql(
            f"SELECT outcome, count(*) FROM {names.temp('o_' + spec.entity)} GROUP BY outcome"
        ):
            key = "conflict" if outcome.startswith("conflict") else outcome
            per[key] = per.get(key, 0) + n
        per["rejected"] = (
            run(
                conn, f"SELECT count(*) FROM {names.stg('rejected')} WHERE sheet = ?", (spec.name,)
            ).scalar()
            or 0
        )
        dup = plan.counts.get(spec.name, {}).get("duplicate")
        if dup:
            per["duplicate"] = dup
        counts[spec.name] = per
    return counts


__all__ = ["ImportResult", "apply_plan", "build_plan"]
