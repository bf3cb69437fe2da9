"""The dashboard (Ringkasan): progress against the year's targets, and the mixes.

Who counts towards a year is defined once, in :mod:`desasadar_gui.services.funnel`
(:func:`~desasadar_gui.services.funnel.counted_in_year`): live participants with
status registered, active or inactive whose registration date falls in the year.
:func:`progress_by_scope` is the one function that turns that definition into figures
per scope (branch, kabupaten, village, officer) against the targets; the dashboard,
its printable export and the sync workbook's summary all call it.

Speed at half a million participants: every figure is an aggregate that SQLite
answers from a covering index (migration 0005) without sorting the year's rows:
per-day totals walk ``ix_participants_progress`` in index order; per village, officer
and occupation the counts are correlated ``count(*)`` over an index led by that
column, one range per key (officers are found by a loose index scan, not DISTINCT).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, ScalarSelect, and_, func, literal, select, union_all
from sqlalchemy.orm import Session

from desasadar_gui.db.dialect import count_true, total
from desasadar_gui.db.models import OutreachSession, Participant, Village
from desasadar_gui.domain.enums import (
    Occupation,
    Programme,
    TargetScope,
    VillageKind,
    VillageStatus,
    required_roles,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.funnel import (
    ACTIVE,
    COUNTED_STATUSES,
    INACTIVE,
    PROSPECT,
    counted_in_year,
    year_bounds,
)
from desasadar_gui.services.targets import TargetRow, list_targets

BRANCH = TargetScope.BRANCH.value
KABUPATEN = TargetScope.KABUPATEN.value
VILLAGE = TargetScope.VILLAGE.value
OFFICER = TargetScope.OFFICER.value


@dataclass(frozen=True)
class ProgressRow:
    """One line of progress: a scope key's registrations in the year against its target.

    ``key`` is '' for the branch, the kabupaten name, the village id or the officer
    name (as targets store them); ``label`` is what people read; ``kabupaten`` is the
    village's regency on village rows. ``prospects`` counts people still at the first
    stage now (any year); it is 0 on officer rows.
    """

    scope: str
    key: str
    label: str
    kabupaten: str
    counted: int
    active: int
    inactive: int
    target: int | None
    prospects: int = 0

    @property
    def ratio(self) -> float | None:
        """counted / target, or None without a (positive) target."""
        if not self.target:
            return None
        return self.counted / self.target

    @property
    def remaining(self) -> int:
        return max(0, (self.target or 0) - self.counted)


@dataclass(frozen=True)
class Pace:
    """What it takes to reach the target by 31 December."""

    months_left: int  # including the current month; 0 once the year is over
    remaining: int
    per_month_needed: int  # rounded up; 0 when reached or no target
    per_month_so_far: int  # average over the months elapsed (rounded)


@dataclass(frozen=True)
class OfficialsCoverage:
    villages: int  # live villages (desa, kelurahan, pasar)
    complete: int  # with every required position held by a registered person
    officials: int  # live participants recorded with an official role
    positions_filled: int  # required positions held, summed over villages
    positions_required: int


@dataclass(frozen=True)
class Dashboard:
    year: int
    as_of: date
    branch: ProgressRow
    pace: Pace
    months: tuple[int, ...]  # registrations counted per month, January..December
    kabupaten: tuple[ProgressRow, ...]
    villages: tuple[ProgressRow, ...]
    officers: tuple[ProgressRow, ...]
    occupations: tuple[tuple[str | None, int], ...]  # (code or None, count), largest first
    programmes: tuple[tuple[str, int], ...]  # (jkk/jkm/jht, people), in that order
    contributions: int  # monthly contributions of the year's active registrations, Rupiah
    prospects: int  # people at the prospect stage now (any year)
    undated: int  # registered people without a registration date (in no year)
    village_status: tuple[tuple[str, int], ...]  # (prospect/socialised/launched, count)
    officials: OfficialsCoverage
    sessions: int  # live sessions held in the year


# -- the single definition, per scope ------------------------------------------------------


def _targets(rows: Iterable[TargetRow]) -> dict[tuple[str, str], int]:
    return {(t.scope, t.scope_key): t.value for t in rows}


def _count(condition: ColumnElement[bool]) -> ScalarSelect[int]:
    return select(func.count()).select_from(Participant).where(condition).scalar_subquery()


def _village_rows(s: Session, year: int) -> list[tuple]:
    """(village id, name, kabupaten, deleted?, counted, active, inactive, prospects) for
    every village, plus one row (None, ...) for people without a village."""
    correlated = Participant.village_id == Village.id
    stmt = select(
        Village.id,
        Village.name,
        Village.kabupaten,
        Village.deleted_at.is_not(None),
        _count(and_(correlated, counted_in_year(year))),
        _count(and_(correlated, counted_in_year(year, ACTIVE))),
        _count(and_(correlated, counted_in_year(year, INACTIVE))),
        _count(and_(correlated, Participant.status == PROSPECT, Participant.deleted_at.is_(None))),
    )
    rows = [tuple(r) for r in s.execute(stmt)]
    nowhere = Participant.village_id.is_(None)
    rows.append(
        tuple(
            s.execute(
                select(
                    literal(None),
                    literal(""),
                    literal(""),
                    literal(False),
                    _count(and_(nowhere, counted_in_year(year))),
                    _count(and_(nowhere, counted_in_year(year, ACTIVE))),
                    _count(and_(nowhere, counted_in_year(year, INACTIVE))),
                    _count(
                        and_(
                            nowhere,
                            Participant.status == PROSPECT,
                            Participant.deleted_at.is_(None),
                        )
                    ),
                )  # fmt: skip
            ).one()
        )
    )
    return rows


def _officer_names_cte():
    """Distinct officer names by a loose index scan: each step jumps to the next name
    in ``ix_participants_officer_progress``, reading one entry per officer instead of
    every participant (plain DISTINCT would)."""
    seed = select(func.min(Participant.officer).label("name"))
    names = seed.cte("officer_names", recursive=True)
    step = select(
        select(func.min(Participant.officer))
        .where(Participant.officer > names.c.name)
        .scalar_subquery()
    ).where(names.c.name.is_not(None))
    return names.union_all(step)


def _officer_rows(s: Session, year: int) -> list[tuple[str, int, int, int]]:
    """(officer, counted, active, inactive) for every officer name in the table."""
    names = _officer_names_cte()
    mine = Participant.officer == names.c.name
    stmt = select(
        names.c.name,
        _count(and_(mine, counted_in_year(year))),
        _count(and_(mine, counted_in_year(year, ACTIVE))),
        _count(and_(mine, counted_in_year(year, INACTIVE))),
    ).where(names.c.name.is_not(None))
    return [tuple(r) for r in s.execute(stmt)]


def officer_names(db: Database) -> list[str]:
    """Officer names on participants and on targets, for the target form."""
    names = _officer_names_cte()
    with db.read_session() as s:
        found = {n for (n,) in s.execute(select(names.c.name)) if n}
    found |= {t.scope_key for t in list_targets(db) if t.scope == OFFICER and t.scope_key}
    return sorted(found, key=str.casefold)


Progress = tuple[ProgressRow, list[ProgressRow], list[ProgressRow], list[ProgressRow]]


def progress_rows(s: Session, year: int, targets: dict[tuple[str, str], int]) -> Progress:
    """(branch, kabupaten rows, village rows, officer rows) inside an open session."""
    village_rows = _village_rows(s, year)
    villages: list[ProgressRow] = []
    per_kab: dict[str, list[int]] = {}
    for vid, name, kab, deleted, counted, active, inactive, prospects in village_rows:
        target = targets.get((VILLAGE, vid)) if vid else None
        if deleted and not (counted or prospects or target):
            continue
        if vid is None and not (counted or prospects):
            continue
        villages.append(
            ProgressRow(VILLAGE, vid or "", name, kab or "", counted, active, inactive, target,
                        prospects)
        )  # fmt: skip
        sums = per_kab.setdefault(kab or "", [0, 0, 0, 0])
        for i, n in enumerate((counted, active, inactive, prospects)):
            sums[i] += n
    for scope, key in targets:
        if scope == KABUPATEN:
            per_kab.setdefault(key, [0, 0, 0, 0])
    kabupaten = [
        ProgressRow(KABUPATEN, kab, kab, kab, c, a, i, targets.get((KABUPATEN, kab)), p)
        for kab, (c, a, i, p) in per_kab.items()
        if kab or c or p
    ]
    officers = [
        ProgressRow(OFFICER, name, name, "", c, a, i, targets.get((OFFICER, name)))
        for name, c, a, i in _officer_rows(s, year)
        if c or (OFFICER, name) in targets
    ]
    known = {r.key for r in officers}
    officers += [
        ProgressRow(OFFICER, key, key, "", 0, 0, 0, value)
        for (scope, key), value in targets.items()
        if scope == OFFICER and key not in known
    ]
    total = [sum(r.counted for r in villages), sum(r.active for r in villages),
             sum(r.inactive for r in villages), sum(r.prospects for r in villages)]  # fmt: skip
    branch = ProgressRow(BRANCH, "", "", "", total[0], total[1], total[2],
                         targets.get((BRANCH, "")), total[3])  # fmt: skip
    order = lambda r: (-r.counted, -(r.target or 0), r.label.casefold())  # noqa: E731
    return (
        branch,
        sorted(kabupaten, key=order),
        sorted(villages, key=order),
        sorted(officers, key=order),
    )


def progress_by_scope(db: Database, year: int) -> list[ProgressRow]:
    """Progress of ``year`` for every scope: the branch first, then each kabupaten,
    village and officer (largest first), each with its target when one is set.

    A row appears when it has registrations in the year or a target (village rows also
    when they have prospects). Participants without a village are one village row with
    key '' (and count under the kabupaten ''). The branch row's count is the total of
    the year, whatever the scope targets add up to.
    """
    targets = _targets(list_targets(db, year))
    with db.read_session() as s:
        branch, kabupaten, villages, officers = progress_rows(s, year, targets)
    return [branch, *kabupaten, *villages, *officers]


# -- the rest of the dashboard -----------------------------------------------------------


def _days(s: Session, year: int) -> list[tuple]:
    """Per (status, day): people, JKK, JKM, JHT, contributions: streams the index."""
    stmt = (
        select(
            Participant.status,
            Participant.registration_date,
            func.count(),
            count_true(Participant.prog_jkk),
            count_true(Participant.prog_jkm),
            count_true(Participant.prog_jht),
            total(Participant.contribution),
        )
        .where(counted_in_year(year))
        .group_by(Participant.status, Participant.registration_date)
    )
    return [tuple(r) for r in s.execute(stmt)]


def _occupations(s: Session, year: int) -> list[tuple[str | None, int]]:
    codes = union_all(*(select(literal(o.value).label("code")) for o in Occupation)).subquery(
        "occupation_codes"
    )
    stmt = select(
        codes.c.code,
        _count(and_(Participant.occupation == codes.c.code, counted_in_year(year))),
    )
    rows = [(code, n) for code, n in s.execute(stmt)]
    unknown = s.scalar(
        select(func.count()).where(Participant.occupation.is_(None), counted_in_year(year))
    )
    rows.append((None, unknown or 0))
    return rows


def _officials(s: Session) -> OfficialsCoverage:
    kinds = {
        vid: kind
        for vid, kind in s.execute(
            select(Village.id, Village.kind).where(Village.deleted_at.is_(None))
        )
    }
    held: dict[str, set[str]] = {}
    officials = 0
    for vid, role, n in s.execute(
        select(Participant.village_id, Participant.official_role, func.count())
        .where(Participant.official_role.is_not(None), Participant.deleted_at.is_(None))
        .group_by(Participant.village_id, Participant.official_role)
    ):
        officials += n
        if vid is not None and role is not None:  # (role: never None, by the query)
            held.setdefault(vid, set()).add(role)
    complete = filled = required_total = 0
    for vid, kind in kinds.items():
        try:
            required = {r.value for r in required_roles(VillageKind(kind))}
        except ValueError:
            continue
        have = len(required & held.get(vid, set()))
        filled += have
        required_total += len(required)
        complete += have == len(required)
    return OfficialsCoverage(len(kinds), complete, officials, filled, required_total)


def _pace(year: int, today: date, counted: int, target: int | None) -> Pace:
    if year < today.year:
        months_left, elapsed = 0, 12
    elif year > today.year:
        months_left, elapsed = 12, 0
    else:
        months_left, elapsed = 13 - today.month, today.month
    remaining = max(0, (target or 0) - counted)
    needed = -(-remaining // months_left) if months_left and remaining else 0
    so_far = round(counted / elapsed) if elapsed else 0
    return Pace(months_left, remaining, needed, so_far)


def compute_dashboard(db: Database, year: int, today: date | None = None) -> Dashboard:
    """Every figure of the dashboard for ``year`` (plain data, safe to pass between
    threads). Runs off the GUI thread."""
    today = today or date.today()
    targets = _targets(list_targets(db, year))
    start, end = year_bounds(year)
    with db.read_session() as s:
        branch, kabupaten, villages, officers = progress_rows(s, year, targets)
        months = [0] * 12
        programmes = {p.value: 0 for p in Programme}
        contributions = 0
        for status, day, n, jkk, jkm, jht, money in _days(s, year):
            months[day.month - 1] += n
            programmes["jkk"] += int(jkk or 0)
            programmes["jkm"] += int(jkm or 0)
            programmes["jht"] += int(jht or 0)
            if status == ACTIVE:
                contributions += int(money or 0)
        occupations = sorted(_occupations(s, year), key=lambda r: (-r[1], r[0] or "~"))
        undated = s.scalar(
            select(func.count()).where(
                Participant.deleted_at.is_(None),
                Participant.status.in_(COUNTED_STATUSES),
                Participant.registration_date.is_(None),
            )
        )
        village_status = dict.fromkeys((v.value for v in VillageStatus), 0)
        for status, n in s.execute(
            select(Village.status, func.count())
            .where(Village.deleted_at.is_(None))
            .group_by(Village.status)
        ):
            village_status[status] = village_status.get(status, 0) + n
        officials = _officials(s)
        sessions = s.scalar(
            select(func.count()).where(
                OutreachSession.deleted_at.is_(None),
                OutreachSession.held_on >= start,
                OutreachSession.held_on < end,
            )
        )
    as_of = min(today, date(year, 12, 31))
    return Dashboard(
        year=year,
        as_of=as_of,
        branch=branch,
        pace=_pace(year, today, branch.counted, branch.target),
        months=tuple(months),
        kabupaten=tuple(kabupaten),
        villages=tuple(villages),
        officers=tuple(officers),
        occupations=tuple((code, n) for code, n in occupations if n),
        programmes=tuple(programmes.items()),
        contributions=contributions,
        prospects=branch.prospects,
        undated=undated or 0,
        village_status=tuple(village_status.items()),
        officials=officials,
        sessions=sessions or 0,
    )


def dashboard_years(db: Database, today: date | None = None) -> list[int]:
    """Years worth offering, newest first: this year, every year between the first and
    the last registration, and years with targets."""
    today = today or date.today()
    with db.read_session() as s:
        # Two statements: SQLite answers a lone min() or max() from the index end.
        first = s.scalar(select(func.min(Participant.registration_date)))
        last = s.scalar(select(func.max(Participant.registration_date)))
    years = {today.year} | {t.year for t in list_targets(db)}
    if first is not None and last is not None:
        years |= set(range(first.year, last.year + 1))
    return sorted(years, reverse=True)


def month_name(month: int, lang: str = "id") -> str:
    """Short month names (Jan, Feb, ..., Agu/Aug, ...)."""
    if lang == "en":
        return calendar.month_abbr[month]
    return ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
            "Des")[month - 1]  # fmt: skip
