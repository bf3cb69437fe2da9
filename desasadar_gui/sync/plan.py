"""Planning an import: what each staged record would do to this laptop's data.

Outcomes per record: new, updated, unchanged, stale (ours is newer), conflict (both
sides changed; the winner still goes by revision), plus possible duplicates (a
person whose NIK a different live record already holds) and rejected rows (with the
reason). The plan is computed in SQL against the attached staging file; nothing in
the local database changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from desasadar_gui.db.dialect import run
from desasadar_gui.domain import rules
from desasadar_gui.domain.problems import describe
from desasadar_gui.services.database import Database
from desasadar_gui.sync.cells import storage_form
from desasadar_gui.sync.merge import Outcome, outcome_sql
from desasadar_gui.sync.sheet_reader import column_name
from desasadar_gui.sync.staging import Names, attached
from desasadar_gui.sync.workbook_format import SHEETS, SHEETS_BY_ENTITY
from desasadar_gui.sync.workbook_read import ParsedWorkbook

SAMPLE = 200
LABEL_SQL = {
    "villages": "s.name",
    "participants": "s.name",
    "sessions": "s.held_on || ' ' || s.type",
    "attendance": "COALESCE(NULLIF(s.walkin_name, ''), s.participant_id)",
    "targets": "s.year || ' ' || s.scope || ' ' || s.scope_key",
}
# Outcomes as shown to people (the two conflict outcomes are one list).
SHOWN = ("new", "updated", "unchanged", "stale", "conflict", "duplicate", "rejected")


def shown_outcome(outcome: str) -> str:
    return "conflict" if outcome.startswith("conflict") else outcome


@dataclass(frozen=True)
class PlanItem:
    sheet: str
    row_num: int
    record_id: str
    label: str
    detail: str = ""  # a reason (rejected), the other record (duplicate), the side (conflict)
    detail_en: str = ""


@dataclass
class ImportPlan:
    parsed: ParsedWorkbook
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # sheet -> outcome -> n
    items: dict[str, list[PlanItem]] = field(default_factory=dict)  # shown outcome -> samples
    already_imported: str | None = None  # when the same file was imported before
    notes: list[PlanItem] = field(default_factory=list)  # ignored parts, recomputed values
    notes_total: int = 0

    def total(self, outcome: str) -> int:
        return sum(c.get(outcome, 0) for c in self.counts.values())

    @property
    def totals(self) -> dict[str, int]:
        return {o: self.total(o) for o in SHOWN}

    @property
    def rejected(self) -> int:
        return self.total("rejected")

    @property
    def changes(self) -> int:
        return self.total("new") + self.total("updated") + self.total("conflict")


def move_reference_violations(conn: Connection) -> int:
    """Staged rows pointing at a record neither staged nor local become rejected rows
    (``rules.REFERENCES``, evaluated set-wise)."""
    moved = 0
    n = Names(conn)
    for ref in rules.REFERENCES:
        entity, column, target = ref.entity, ref.field, ref.target
        spec = SHEETS_BY_ENTITY[entity]
        target_sheet = SHEETS_BY_ENTITY[target].name
        cur = run(
            conn,
            f"SELECT s.rowid, s.* FROM {n.stg(entity)} s WHERE s.{column} IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {n.main(target)} x WHERE x.id = s.{column}) "
            f"AND NOT EXISTS (SELECT 1 FROM {n.stg(target)} y WHERE y.id = s.{column})",
        )
        names = list(cur.keys())[1:]
        shown = column_name(spec, column, "id"), column_name(spec, column, "en")
        for rowid, *rest in cur.fetchall():
            values = {k: storage_form(v) for k, v in zip(names, rest, strict=False) if k != "rowid"}
            _reject_staged(
                conn,
                entity,
                rowid,
                values,
                f"Kolom '{shown[0]}' merujuk ke data di lembar '{target_sheet}' yang tidak ada "
                "di berkas maupun di laptop ini (mungkin baris itu terhapus dari berkas).",
                f"Column '{shown[1]}' refers to a record of sheet '{target_sheet}' that is "
                "neither in the file nor on this laptop (its row may have been deleted from "
                "the file).",
            )
            moved += 1
    return moved + _move_role_kind_violations(conn)


def _reject_staged(
    conn: Connection,
    entity: str,
    rowid: int,
    values: dict[str, Any],
    reason_id: str,
    reason_en: str,
) -> None:
    """Move one staged row of ``entity`` to the rejected rows, with its reason."""
    n = Names(conn)
    run(
        conn,
        f"INSERT INTO {n.stg('rejected')} VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
        (
            SHEETS_BY_ENTITY[entity].name,
            values["row_num"],
            values["id"],
            str(values.get("name") or values.get("walkin_name") or ""),
            reason_id,
            reason_en,
            json.dumps({"values": values}, ensure_ascii=False, default=str),
        ),
    )
    run(conn, f"DELETE FROM {n.stg(entity)} WHERE rowid = ?", (rowid,))


def _move_role_kind_violations(conn: Connection) -> int:
    """Staged officials whose position does not exist in their village's kind (the
    village staged in the same file, else this laptop's) become rejected rows, by the
    rule the form uses (``rules.role_kind_problem``)."""
    n = Names(conn)
    cur = conn.exec_driver_sql(
        "SELECT s.rowid, COALESCE(sv.kind, mv.kind) AS village_kind, s.* "
        f"FROM {n.stg('participants')} s "
        f"LEFT JOIN {n.stg('villages')} sv ON sv.id = s.village_id "
        f"LEFT JOIN {n.main('villages')} mv ON mv.id = s.village_id "
        "WHERE s.official_role IS NOT NULL AND s.official_role <> '' "
        "AND s.deleted_at IS NULL"
    )
    names = list(cur.keys())[2:]
    moved = 0
    for rowid, kind, *rest in cur.fetchall():
        values = {k: storage_form(v) for k, v in zip(names, rest, strict=False) if k != "rowid"}
        problem = rules.role_kind_problem(values["official_role"], kind)
        if problem is None:
            continue
        _reject_staged(
            conn, "participants", rowid, values, describe(problem, "id"), describe(problem, "en")
        )
        moved += 1
    return moved


def outcome_query(n: Names, entity: str, extra: str = "") -> str:
    dialect = "sqlite" if n.sqlite else "other"
    return (
        f"SELECT {outcome_sql(dialect=dialect)} AS outcome{extra} FROM {n.stg(entity)} s "
        f"LEFT JOIN {n.main(entity)} t ON t.id = s.id "
        f"LEFT JOIN {n.main('sync_base')} b ON b.record_id = s.id"
    )


def _count_outcomes(conn: Connection, plan: ImportPlan) -> None:
    n = Names(conn)
    for spec in SHEETS:
        counts = plan.counts.setdefault(spec.name, {})
        for outcome, count in conn.exec_driver_sql(
            f"SELECT outcome, count(*) FROM ({outcome_query(n, spec.entity)}) q GROUP BY outcome"
        ):
            key = shown_outcome(outcome)
            counts[key] = counts.get(key, 0) + count
        extra = f", s.row_num, s.id, {LABEL_SQL[spec.entity]} AS label"
        samples = conn.exec_driver_sql(
            f"SELECT * FROM ({outcome_query(n, spec.entity, extra)}) q "
            f"WHERE outcome <> 'unchanged' ORDER BY row_num LIMIT {SAMPLE * 8}"
        )
        for outcome, row_num, record_id, label in samples:
            items = plan.items.setdefault(shown_outcome(outcome), [])
            if len(items) < SAMPLE * len(SHEETS):  # a sample per list, not every row
                side = (
                    ""
                    if not outcome.startswith("conflict")
                    else "versi berkas menang"
                    if outcome == Outcome.CONFLICT_INCOMING_WINS.value
                    else "versi laptop ini menang"
                )
                side_en = (
                    ""
                    if not side
                    else "the file's version wins"
                    if outcome == Outcome.CONFLICT_INCOMING_WINS.value
                    else "this laptop's version wins"
                )
                items.append(
                    PlanItem(spec.name, row_num, record_id, str(label or ""), side, side_en)
                )


def duplicate_query(n: Names) -> str:
    """Incoming people (new or newer) whose NIK another live record holds (one line
    per incoming person: SQLite's bare GROUP BY, PostgreSQL's DISTINCT ON)."""
    stg, main = n.stg("participants"), n.main("participants")
    body = (
        f"FROM {stg} s "
        f"LEFT JOIN {main} t ON t.id = s.id "
        f"JOIN (SELECT id, name, nik FROM {main} WHERE deleted_at IS NULL "
        f"      UNION ALL SELECT id, name, nik FROM {stg} WHERE deleted_at IS NULL"
        ") o ON o.nik = s.nik AND o.id <> s.id "
        "WHERE s.deleted_at IS NULL AND s.nik IS NOT NULL AND (t.id IS NULL OR s.rev > t.rev) "
        f"AND NOT EXISTS (SELECT 1 FROM {stg} z WHERE z.id = o.id "
        "               AND z.deleted_at IS NOT NULL) "
    )
    columns = "s.row_num, s.id, s.name, s.nik, o.id, o.name "
    if n.sqlite:
        return f"SELECT {columns}{body}GROUP BY s.id ORDER BY s.row_num"
    return (
        f"SELECT * FROM (SELECT DISTINCT ON (s.id) {columns}{body}ORDER BY s.id, o.id) d ORDER BY 1"
    )


def _duplicates(conn: Connection, plan: ImportPlan) -> None:
    items = plan.items.setdefault("duplicate", [])
    n = 0
    for row_num, rid, name, nik, other_id, other_name in conn.exec_driver_sql(
        duplicate_query(Names(conn))
    ):
        n += 1
        if len(items) < SAMPLE:
            items.append(
                PlanItem(
                    "Peserta",
                    row_num,
                    rid,
                    str(name or ""),
                    f"NIK {nik} juga milik {other_name} ({other_id})",
                    f"NIK {nik} also belongs to {other_name} ({other_id})",
                )
            )
    plan.counts.setdefault("Peserta", {})["duplicate"] = n


def _rejected(conn: Connection, plan: ImportPlan) -> None:
    items = plan.items.setdefault("rejected", [])
    rejected = Names(conn).stg("rejected")
    for sheet, n in conn.exec_driver_sql(f"SELECT sheet, count(*) FROM {rejected} GROUP BY sheet"):
        plan.counts.setdefault(sheet, {})["rejected"] = n
    for sheet, row_num, rid, label, reason_id, reason_en in conn.exec_driver_sql(
        f"SELECT sheet, row_num, record_id, label, reason_id, reason_en FROM {rejected} "
        f"ORDER BY rowid LIMIT {SAMPLE * 5}"
    ):
        items.append(PlanItem(sheet, row_num, rid or "", str(label or ""), reason_id, reason_en))


def _notes(conn: Connection, plan: ImportPlan) -> None:
    notes = Names(conn).stg("notes")
    plan.notes_total = conn.exec_driver_sql(f"SELECT count(*) FROM {notes}").scalar() or 0
    for sheet, row_num, rid, label, text_id, text_en in conn.exec_driver_sql(
        f"SELECT sheet, row_num, record_id, label, text_id, text_en FROM {notes} "
        f"ORDER BY row_num IS NOT NULL, rowid LIMIT {SAMPLE * 2}"
    ):
        plan.notes.append(PlanItem(sheet, row_num or 0, rid or "", label or "", text_id, text_en))


def already_imported(conn: Connection, sha256: str) -> str | None:
    row = run(
        conn,
        "SELECT at FROM sync_log WHERE direction = 'import' AND sha256 = ? ORDER BY at LIMIT 1",
        (sha256,),
    ).first()
    return None if row is None else str(row[0])


def build_plan(conn: Connection, parsed: ParsedWorkbook) -> ImportPlan:
    plan = ImportPlan(parsed)
    plan.already_imported = already_imported(conn, parsed.sha256)
    _count_outcomes(conn, plan)
    _duplicates(conn, plan)
    _rejected(conn, plan)
    _notes(conn, plan)
    return plan


def plan_import(db: Database, parsed: ParsedWorkbook) -> ImportPlan:
    """Classify every staged record against the local database (read-only for it)."""
    from desasadar_gui.sync.erasures import drop_erased_versions

    with attached(db, parsed.staging) as conn:
        drop_erased_versions(conn, parsed.meta)
        move_reference_violations(conn)
        conn.commit()  # only the staging file was written
        return build_plan(conn, parsed)


def describe_counts(counts: dict[str, dict[str, Any]]) -> list[str]:
    lines = []
    for sheet, per in counts.items():
        shown = ", ".join(f"{k} {v}" for k, v in per.items() if v)
        lines.append(f"  {sheet}: {shown or '-'}")
    return lines
