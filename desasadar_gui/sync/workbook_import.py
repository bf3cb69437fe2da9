"""Import: read -> validate -> plan -> (show) -> apply in one transaction.

The steps are separate so the GUI can show the plan before anything changes:

    parsed = read_workbook(path, local_nik=...)   # file checks, every row judged
    plan = plan_import(db, parsed)                # new / updated / ... / rejected
    result = apply_plan(db, plan)                 # one transaction
    parsed.close()

:func:`import_workbook` runs them all (the command line). A refused file raises a
:class:`WorkbookRefused` before anything changes; a file already imported (same
SHA-256 in the sync log) changes nothing and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desasadar_gui.services.database import Database
from desasadar_gui.sync.apply import ImportResult, apply_plan
from desasadar_gui.sync.error_workbook import write_error_workbook
from desasadar_gui.sync.file_checks import check_workbook_file
from desasadar_gui.sync.plan import ImportPlan, already_imported, plan_import
from desasadar_gui.sync.workbook_read import LocalNik, ParsedWorkbook, read_workbook

__all__ = [
    "ImportOutcome",
    "ImportPlan",
    "ImportResult",
    "ParsedWorkbook",
    "apply_plan",
    "import_workbook",
    "local_nik_lookup",
    "plan_import",
    "read_workbook",
]

Progress = Callable[[int, int], None]


def local_nik_lookup(db: Database) -> LocalNik:
    """The stored NIK of a participant id (for NIK cells Excel turned into numbers)."""

    def lookup(record_id: str) -> str | None:
        with db.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT nik FROM participants WHERE id = ?", (record_id,)
            ).scalar()

    return lookup


def previous_import(db: Database, sha256: str) -> str | None:
    with db.engine.connect() as conn:
        return already_imported(conn, sha256)


@dataclass(frozen=True)
class ImportOutcome:
    """What the command line and the GUI report after an import (or a dry run)."""

    plan: ImportPlan | None  # None when the file was imported before (not read again)
    result: ImportResult | None  # None for a dry run or a file imported before
    already_imported: str | None
    errors_written: int
    errors_path: Path | None

    @property
    def exit_code(self) -> int:
        return 1 if self.plan is not None and self.plan.rejected else 0


def import_workbook(
    db: Database,
    path: Path | str,
    dry_run: bool = False,
    errors_path: Path | str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportOutcome:
    path = Path(path)
    facts = check_workbook_file(path)
    seen = previous_import(db, facts.sha256)
    if seen is not None:
        return ImportOutcome(None, None, seen, 0, None)
    parsed = read_workbook(
        path, local_nik=local_nik_lookup(db), progress=progress, cancelled=cancelled, checked=facts
    )
    with parsed:
        plan = plan_import(db, parsed)
        written = 0
        out = Path(errors_path) if errors_path else None
        if out is not None and plan.rejected:
            written = write_error_workbook(parsed, out)
        result = None if dry_run else apply_plan(db, plan, progress=progress, cancelled=cancelled)
        if result is not None and result.already_imported:
            return ImportOutcome(plan, None, result.already_imported, written, out)
        return ImportOutcome(plan, result, None, written, out if written else None)
