"""``generate_demo``: the steps of a demo fill, in order (see the package doc)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desasadar_gui.db.models import (
    Attendance,
    OutreachSession,
    Participant,
    RegionArea,
    Target,
    Village,
)
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo.participants import _officials, _regulars
from desasadar_gui.services.demo.places import OTHER_DISTRICTS
from desasadar_gui.services.demo.sessions import _attendance, _plan_sessions
from desasadar_gui.services.demo.state import _Gen, _Village
from desasadar_gui.services.demo.targets import _targets
from desasadar_gui.services.demo.villages import (
    _build_villages,
    _plan_villages,
    _reference_villages,
)
from desasadar_gui.services.demo.write import (
    _existing,
    _stamp_records,
    _table,
    _village_rows,
    _write_rows,
)
from desasadar_gui.services.regions import (
    find_region_files,
    import_regions,
)


class DemoRefusedError(UserError):
    pass


@dataclass(frozen=True)
class DemoSummary:
    villages: int
    officials: int
    participants: int
    sessions: int
    attendance: int
    walkins: int
    targets: int
    region_villages: int  # villages in the region reference used (0 = built-in list)
    participants_by_status: dict[str, int]
    seed: int
    year: int
    officer: str
    seconds: float  # all of it
    write_seconds: float  # of which inserting the rows

    def describe(self) -> str:
        """A few plain lines (Indonesian / English) for the command line."""
        source = (
            f"referensi wilayah / region reference ({self.region_villages} desa)"
            if self.region_villages
            else "daftar bawaan / built-in list"
        )
        statuses = ", ".join(f"{k} {n}" for k, n in self.participants_by_status.items())
        return "\n".join(
            [
                f"Data contoh Jambi / Jambi demo data: seed {self.seed}, tahun / year "
                f"{self.year}, petugas / officer {self.officer}",
                f"Desa / villages:            {self.villages} ({source})",
                f"Peserta / participants:     {self.participants} "
                f"(perangkat desa / officials {self.officials})",
                f"  status:                   {statuses}",
                f"Sesi / sessions:            {self.sessions}",
                f"Kehadiran / attendance:     {self.attendance} (walk-in {self.walkins})",
                f"Target / targets:           {self.targets}",
                f"Waktu / time:               {self.seconds:.1f} s",
            ]
        )


@dataclass
class _Planned:
    """Everything a demo fill writes, before the revisions are stamped."""

    villages: list[_Village]
    people: list[dict[str, Any]]
    officials: int
    attendance: list[dict[str, Any]]
    walkins: int
    targets: list[dict[str, Any]]


def _refuse_if_filled(db: Database, force: bool) -> tuple[set[str], set[str]]:
    """(live NIKs, village ids) already in ``db``; refused when it holds participants,
    unless ``force``."""
    existing, live_niks, village_ids = _existing(db)
    if existing and not force:
        raise DemoRefusedError(
            f"Basis data ini sudah berisi {existing} peserta. Data contoh hanya diisi ke basis "
            "data kosong; pakai berkas basis data baru (atau --force bila memang disengaja).",
            f"This database already holds {existing} participants. Demo data only goes into "
            "an empty database; use a new database file (or --force if you really mean it).",
        )
    return live_niks, village_ids


def _load_reference(db: Database, regions_dir: Path | None) -> int:
    """Import the region files of ``regions_dir`` (if given); returns the number of
    Jambi villages in the reference now loaded (0: none, the built-in list is used)."""
    if regions_dir is not None:
        files = find_region_files(Path(regions_dir))
        if not files:
            raise UserError(
                f"Folder '{regions_dir}' tidak berisi berkas data wilayah (CSV/XLSX).",
                f"The folder '{regions_dir}' holds no region data files (CSV/XLSX).",
            )
        import_regions(db, files)
    return len(_reference_villages(db))


def _reference_districts(db: Database) -> list[str]:
    """The Jambi district codes of the loaded reference (else the built-in list)."""
    with db.read_session() as s:
        return list(
            s.scalars(
                select(RegionArea.code)
                .where(RegionArea.level == 3, RegionArea.code.like("15%"))
                .order_by(RegionArea.code)
            )
        ) or list(OTHER_DISTRICTS)


def _plan(
    g: _Gen, participants: int, use_reference: bool, report: Callable[[int], None]
) -> _Planned:
    """Villages, sessions, officials, other participants, attendance and targets."""
    villages = _build_villages(g, participants, use_reference)
    _plan_villages(g, villages)
    for v in villages:
        _plan_sessions(g, v)
    people = _officials(g, villages, participants)
    n_officials = len(people)
    _regulars(g, villages, people, participants - n_officials, report)
    attendance, walkins = _attendance(g, villages, people)
    targets = _targets(g, villages)
    return _Planned(villages, people, n_officials, attendance, walkins, targets)


def generate_demo(
    db: Database,
    *,
    participants: int = 2000,
    seed: int = 1,
    officer: str | None = None,
    regions_dir: Path | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
) -> DemoSummary:
    """Fill ``db`` with a year of realistic Jambi branch work (see the package doc).

    Refuses (UserError) when the database already holds participants, unless
    ``force``. ``regions_dir`` is a folder of region reference files to import first
    (see :func:`default_regions_dir`); without it, an already loaded reference is
    used, else a built-in list of villages.
    """
    t0 = time.perf_counter()
    if participants < 0:
        raise ValueError("participants must be >= 0")
    live_niks, village_ids = _refuse_if_filled(db, force)
    total_units = 2 * participants + 100

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, total_units), total_units)

    report(0)
    region_villages = _load_reference(db, regions_dir)
    use_reference = bool(region_villages)

    g = _Gen(db, random.Random(seed), today or date.today(), officer)
    g.used_niks |= live_niks
    if use_reference:
        g.other_districts = _reference_districts(db)
    plan = _plan(g, participants, use_reference, report)
    report(participants)

    # Who and when: revisions of the officers' devices.
    village_rows = _village_rows(g, plan.villages)
    _stamp_records(g, plan.villages, plan.people, plan.attendance, plan.targets)
    session_rows = [s for v in plan.villages for s in v.sessions]

    t_write = time.perf_counter()
    new_villages = [r for r in village_rows if r["id"] not in village_ids]
    tables = (
        (_table(Village), new_villages),
        (_table(Participant), plan.people),
        (_table(OutreachSession), session_rows),
        (_table(Attendance), plan.attendance),
        (_table(Target), plan.targets),
    )
    by_status: dict[str, int] = {}
    for p in plan.people:
        by_status[p["status"]] = by_status.get(p["status"], 0) + 1
    counts = {
        "villages": len(new_villages),
        "officials": plan.officials,
        "participants": len(plan.people),
        "sessions": len(session_rows),
        "attendance": len(plan.attendance),
        "targets": len(plan.targets),
    }
    changes: dict[str, tuple[Any, Any]] = {"seed": (None, seed), "year": (None, g.year)}
    changes |= {k: (None, n) for k, n in counts.items()}

    def written(done: int, rows_total: int) -> None:
        report(participants + int(participants * done / rows_total))

    try:
        _write_rows(db, tables, changes, written)
    except IntegrityError as exc:
        raise DemoRefusedError(
            f"Data contoh dengan seed {seed} sudah pernah diisi ke basis data ini. "
            "Pakai seed lain.",
            f"Demo data with seed {seed} was already added to this database. Use another seed.",
        ) from exc
    if officer and officer.strip():
        db.set_officer(officer.strip())
    report(total_units)
    return DemoSummary(
        villages=len(new_villages),
        officials=plan.officials,
        participants=len(plan.people),
        sessions=len(session_rows),
        attendance=len(plan.attendance),
        walkins=plan.walkins,
        targets=len(plan.targets),
        region_villages=region_villages,
        participants_by_status=dict(sorted(by_status.items())),
        seed=seed,
        year=g.year,
        officer=g.officers[0],
        seconds=round(time.perf_counter() - t0, 3),
        write_seconds=round(time.perf_counter() - t_write, 3),
    )
