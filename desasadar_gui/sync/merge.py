"""Merge rules: which version of a record wins, and when that hides a conflict.

The winner is decided by revision alone (last writer wins). Revisions are hybrid
logical clock stamps, totally ordered with the device id as the final tie-break, so
every laptop that has seen the same versions keeps the same one, in any import order.
Tombstones are ordinary versions, so deletions travel like edits.

Conflict detection uses what each laptop last *received*: ``local_base`` (this
laptop's last received version of the record, and ``local_parent``, the sender's base
that came with it) and ``incoming_base`` (the sender's last received version, written
in the workbook beside each row; for a spreadsheet edit, the row's original version).
A version ``v`` is known to be an ancestor of the incoming one when it *is* the
incoming base, or when the sender never received the record (no base) and ``v`` is an
earlier version made by the sender itself (its edits form one line). Both sides
changed since they last agreed when

* our version is not a known ancestor of the incoming one,
* ours was not made from it (``incoming != local_base``),
* the sender really changed it (``incoming != incoming_base``), and
* we really changed it: ours is a local edit (``local != local_base``), or a version
  we received whose own base is an ancestor of the incoming one (two other laptops
  edited the same record: a supervisor must see that too).

The loser's values are then kept in the conflict list. This module is pure: the
import runs the same rules as one SQL CASE expression (:func:`outcome_sql`).
"""

from __future__ import annotations

from enum import Enum


class Outcome(str, Enum):
    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    STALE = "stale"
    CONFLICT_INCOMING_WINS = "conflict_in"
    CONFLICT_LOCAL_WINS = "conflict_local"

    @property
    def applies(self) -> bool:
        """The incoming version replaces the local row."""
        return self in (Outcome.NEW, Outcome.UPDATED, Outcome.CONFLICT_INCOMING_WINS)

    @property
    def is_conflict(self) -> bool:
        return self in (Outcome.CONFLICT_INCOMING_WINS, Outcome.CONFLICT_LOCAL_WINS)


def _device(rev: str) -> str:
    return rev[20:]


def is_ancestor(version: str | None, incoming: str, incoming_base: str | None) -> bool:
    if version is None:
        return False
    if version == incoming_base:
        return True
    return incoming_base is None and _device(version) == _device(incoming) and version < incoming


def is_conflict(
    incoming: str,
    incoming_base: str | None,
    local: str,
    local_base: str | None,
    local_parent: str | None,
) -> bool:
    return (
        incoming != local
        and not is_ancestor(local, incoming, incoming_base)
        and incoming != local_base
        and incoming != incoming_base
        and (local != local_base or is_ancestor(local_parent, incoming, incoming_base))
    )


def decide(
    incoming: str,
    incoming_base: str | None,
    local: str | None,
    local_base: str | None = None,
    local_parent: str | None = None,
) -> Outcome:
    """The outcome for one record (``local`` None: not on this laptop)."""
    if local is None:
        return Outcome.NEW
    if incoming == local:
        return Outcome.UNCHANGED
    if is_conflict(incoming, incoming_base, local, local_base, local_parent):
        return Outcome.CONFLICT_INCOMING_WINS if incoming > local else Outcome.CONFLICT_LOCAL_WINS
    return Outcome.UPDATED if incoming > local else Outcome.STALE


def outcome_sql(s: str = "s", t: str = "t", b: str = "b", dialect: str = "sqlite") -> str:
    """:func:`decide` as a SQL expression over staged row ``s`` (rev, base_rev), local
    row ``t`` (rev) and sync base ``b`` (rev, parent_rev). ``IS`` / ``IS NOT`` are
    SQLite's null-safe comparisons (``IS [NOT] DISTINCT FROM`` elsewhere)."""
    same, differs = (
        ("IS", "IS NOT") if dialect == "sqlite" else ("IS NOT DISTINCT FROM", "IS DISTINCT FROM")
    )

    def ancestor(v: str) -> str:
        return (
            f"({v} IS NOT NULL AND ({v} {same} {s}.base_rev OR ({s}.base_rev IS NULL "
            f"AND substr({v}, 21) = substr({s}.rev, 21) AND {v} < {s}.rev)))"
        )

    conflict = (
        f"NOT {ancestor(t + '.rev')} AND {s}.rev {differs} {b}.rev "
        f"AND {s}.rev {differs} {s}.base_rev "
        f"AND ({t}.rev {differs} {b}.rev OR {ancestor(b + '.parent_rev')})"
    )
    return (
        f"CASE WHEN {t}.id IS NULL THEN '{Outcome.NEW.value}' "
        f"WHEN {s}.rev = {t}.rev THEN '{Outcome.UNCHANGED.value}' "
        f"WHEN {conflict} THEN CASE WHEN {s}.rev > {t}.rev "
        f"THEN '{Outcome.CONFLICT_INCOMING_WINS.value}' "
        f"ELSE '{Outcome.CONFLICT_LOCAL_WINS.value}' END "
        f"WHEN {s}.rev > {t}.rev THEN '{Outcome.UPDATED.value}' "
        f"ELSE '{Outcome.STALE.value}' END"
    )
