"""Import: check the file -> read and judge every row -> plan -> (show) -> apply.

One pipeline for the command line and the GUI (which shows the plan in between):

    prepared = prepare_import(db, path)         # file checks, every row judged, the plan
    result = apply_prepared(db, prepared)       # one transaction
    write_errors(prepared, "rejected.xlsx")     # rejected rows, to fix and import again
    prepared.close()

:func:`import_workbook` runs them all (the command line). A refused file raises a
:class:`WorkbookRefused` before anything changes; a file already imported (same
SHA-256 in the sync log) is not read again and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from desasadar_gui.services.database import Database
from desasadar_gui.services.integrity import FullCheckResult, full_check, repair_indexes
from desasadar_gui.services.rates import rate_table
from desasadar_gui.sync.apply import ImportResult, apply_plan
from desasadar_gui.sync.error_workbook import write_error_workbook
from desasadar_gui.sync.file_checks import check_workbook_file, sha256_of
from desasadar_gui.sync.plan import ImportPlan, already_imported, plan_import
from desasadar_gui.sync.workbook_password import is_protected, opened, write_protected
from desasadar_gui.sync.workbook_read import ParsedWorkbook, read_workbook

__all__ = [
    "ImportOutcome",
    "ImportPlan",
    "ImportResult",
    "ParsedWorkbook",
    "PreparedImport",
    "apply_prepared",
    "changed_anything",
    "check_after_import",
    "import_workbook",
    "prepare_import",
    "write_errors",
]

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def previous_import(db: Database, sha256: str) -> str | None:
    with db.engine.connect() as conn:
        return already_imported(conn, sha256)


@dataclass
class PreparedImport:
    """A file read and planned, nothing changed yet; ``close()`` removes its staging."""

    path: Path
    already_imported: str | None  # when this very file was imported before (not read)
    plan: ImportPlan | None
    # The password of a protected workbook: its error workbook is protected with it too.
    password: str | None = field(default=None, repr=False)

    def close(self) -> None:
        if self.plan is not None:
            self.plan.parsed.close()

    def __enter__(self) -> PreparedImport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def prepare_import(
    db: Database,
    path: Path | str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    password: str | None = None,
) -> PreparedImport:
    """``password``: for a workbook protected with one (ignored for a plain one); a
    protected workbook without it, or with a wrong one, is refused (nothing read)."""
    path = Path(path)
    protected = is_protected(path)
    if protected:  # a file imported before is known by its bytes as they came
        sha = sha256_of(path)
        seen = previous_import(db, sha)
        if seen is not None:
            return PreparedImport(path, seen, None)
    # A protected workbook is decrypted into this process's scratch folder, read into
    # the (encrypted) staging database, and the plain copy removed at once.
    with opened(path, password) as plain:
        facts = check_workbook_file(plain)
        if protected:
            facts = replace(facts, sha256=sha)
        else:
            seen = previous_import(db, facts.sha256)
            if seen is not None:
                return PreparedImport(path, seen, None)
        parsed = read_workbook(
            plain, rates=rate_table(db), progress=progress, cancelled=cancelled, checked=facts
        )
    if protected:
        parsed.path = path  # the plain copy is gone: the file is named as the user chose it
    try:
        return PreparedImport(path, None, plan_import(db, parsed), password if protected else None)
    except BaseException:
        parsed.close()
        raise


def apply_prepared(
    db: Database,
    prepared: PreparedImport,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    assert prepared.plan is not None, "a file imported before has nothing to apply"
    return apply_plan(db, prepared.plan, progress=progress, cancelled=cancelled)


def changed_anything(result: ImportResult) -> bool:
    """Whether the applied import wrote records (a re-import of known data does not)."""
    counts = result.counts
    return result.applied and any(
        per.get(k, 0) for per in counts.values() for k in ("new", "updated", "conflict")
    )


def check_after_import(db: Database) -> FullCheckResult | None:
    """The full integrity check after an import changed the file (it also proves every
    index agrees with its table, which a quick check does not). Index-only damage is
    repaired on the spot (indexes rebuilt from the tables); anything else is reported
    by the caller with the result's plain message. None for a database server (no
    file to check: the server keeps its own)."""
    if db.path is None:
        return None
    result = full_check(db)
    if result.index_only:
        result = repair_indexes(db)
    return result


def write_errors(prepared: PreparedImport, out: Path | str) -> int:
    """The rejected rows as an error workbook; returns how many were written."""
    assert prepared.plan is not None
    parsed = prepared.plan.parsed
    return write_protected(
        lambda target: write_error_workbook(parsed, target), Path(out), prepared.password
    )


@dataclass(frozen=True)
class ImportOutcome:
    """What the command line reports after an import (or a dry run)."""

    plan: ImportPlan | None  # None when the file was imported before (not read again)
    result: ImportResult | None  # None for a dry run or a file imported before
    already_imported: str | None
    errors_written: int
    errors_path: Path | None
    check: FullCheckResult | None = None  # the full check after the changes were applied

    @property
    def exit_code(self) -> int:
        return 1 if self.plan is not None and self.plan.rejected else 0


def import_workbook(
    db: Database,
    path: Path | str,
    dry_run: bool = False,
    errors_path: Path | str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    password: str | None = None,
) -> ImportOutcome:
    with prepare_import(db, path, progress, cancelled, password) as prepared:
        if prepared.plan is None:
            return ImportOutcome(None, None, prepared.already_imported, 0, None)
        plan = prepared.plan
        out = Path(errors_path) if errors_path else None
        written = write_errors(prepared, out) if out is not None and plan.rejected else 0
        result = None if dry_run else apply_prepared(db, prepared, progress, cancelled)
        if result is not None and result.already_imported:
            return ImportOutcome(plan, None, result.already_imported, written, out)
    check = check_after_import(db) if result is not None and changed_anything(result) else None
    return ImportOutcome(plan, result, None, written, out if written else None, check)
