"""Read-only queries behind the villages tab, its detail panel and the status bar.

Everything is filtered, counted and sorted in SQL (counts through GROUP BY
subqueries, never one query per village) and returned as frozen dataclasses, so the
widgets hold plain data and build no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from desasadar_gui.db.models import OutreachSession, Participant, Village
from desasadar_gui.domain.enums import VillageKind, required_roles
from desasadar_gui.services.database import Database
from desasadar_gui.services.villages import OfficialsCoverage, VillageRow, officials_coverage

# Sort keys the villages table offers (one per column).
SORT_KEYS = (
    "kind",
    "name",
    "kecamatan",
    "kabupaten",
    "status",
    "launch_date",
    "officials",
    "participants",
)


@dataclass(frozen=True)
class VillageQuery:
    """Filters and order of the villages list; empty filters match everything."""

    search: str = ""
    kabupaten: str = ""
    status: str = ""
    kind: str = ""
    sort_key: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class VillageListRow:
    id: str
    kind: str
    name: str
    kecamatan: str
    kabupaten: str
    status: str
    launch_date: date | None
    officials_registered: int
    officials_required: int
    participants: int


@dataclass(frozen=True)
class ParticipantBrief:
    id: str
    name: str
    occupation: str | None
    official_role: str | None
    status: str


@dataclass(frozen=True)
class SessionBrief:
    id: str
    held_on: date
    type: str
    place: str


@dataclass(frozen=True)
class VillageDetail:
    village: VillageRow
    coverage: OfficialsCoverage
    participants_total: int
    participants_by_status: tuple[tuple[str, int], ...]  # (status code, count)
    participants: tuple[ParticipantBrief, ...]  # the most recently changed few
    sessions_total: int
    sessions: tuple[SessionBrief, ...]  # the latest few


@dataclass(frozen=True)
class LiveCounts:
    villages: int
    participants: int
    sessions: int


def _required_role_match() -> ColumnElement[bool]:
    """True when a participant's role is one its village's kind requires."""
    return or_(
        *(
            and_(
                Village.kind == kind.value,
                Participant.official_role.in_([r.value for r in required_roles(kind)]),
            )
            for kind in VillageKind
        )
    )


def _required_count() -> ColumnElement[int]:
    return case(
        *((Village.kind == kind.value, len(required_roles(kind))) for kind in VillageKind),
        else_=literal(0),
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_village_rows(db: Database, query: VillageQuery = VillageQuery()) -> list[VillageListRow]:
    """Live villages matching ``query``, with their counts, in one statement."""
    live_people = and_(Participant.deleted_at.is_(None), Participant.village_id == Village.id)
    people = (
        select(Participant.village_id.label("vid"), func.count().label("n"))
        .where(Participant.deleted_at.is_(None), Participant.village_id.is_not(None))
        .group_by(Participant.village_id)
        .subquery("people")
    )
    officials = (
        select(
            Participant.village_id.label("vid"),
            func.count(func.distinct(Participant.official_role)).label("n"),
        )
        .join(Village, live_people)
        .where(Participant.official_role.is_not(None), _required_role_match())
        .group_by(Participant.village_id)
        .subquery("officials")
    )
    n_people = func.coalesce(people.c.n, 0)
    n_officials = func.coalesce(officials.c.n, 0)
    stmt = (
        select(
            Village.id,
            Village.kind,
            Village.name,
            Village.kecamatan,
            Village.kabupaten,
            Village.status,
            Village.launch_date,
            n_officials,
            _required_count(),
            n_people,
        )
        .outerjoin(people, people.c.vid == Village.id)
        .outerjoin(officials, officials.c.vid == Village.id)
        .where(Village.deleted_at.is_(None))
    )
    text = " ".join(query.search.split())
    if text:
        pattern = f"%{_escape_like(text)}%"
        stmt = stmt.where(
            or_(
                Village.name.ilike(pattern, escape="\\"),
                Village.kecamatan.ilike(pattern, escape="\\"),
                Village.region_code.like(f"{_escape_like(text)}%", escape="\\"),
            )
        )
    if query.kabupaten:
        stmt = stmt.where(Village.kabupaten == query.kabupaten)
    if query.status:
        stmt = stmt.where(Village.status == query.status)
    if query.kind:
        stmt = stmt.where(Village.kind == query.kind)
    sort_columns = {
        "kind": Village.kind,
        "name": func.lower(Village.name),
        "kecamatan": func.lower(Village.kecamatan),
        "kabupaten": func.lower(Village.kabupaten),
        "status": case(
            (Village.status == "prospect", 0), (Village.status == "socialised", 1), else_=2
        ),
        "launch_date": Village.launch_date,
        "officials": n_officials,
        "participants": n_people,
    }
    key = sort_columns.get(query.sort_key, sort_columns["name"])
    order = key.desc() if query.descending else key.asc()
    stmt = stmt.order_by(order, func.lower(Village.name), Village.id)
    with db.read_session() as s:
        return [VillageListRow(*row) for row in s.execute(stmt)]


def kabupaten_names(db: Database) -> list[str]:
    """Distinct regencies of live villages, for the filter."""
    with db.read_session() as s:
        names = s.scalars(
            select(Village.kabupaten)
            .where(Village.deleted_at.is_(None), Village.kabupaten != "")
            .distinct()
        ).all()
    return sorted(names, key=str.casefold)


def village_detail(
    db: Database, village_id: str, people_limit: int = 6, sessions_limit: int = 5
) -> VillageDetail:
    """What the detail panel shows: officials, a few participants and the latest sessions."""
    from desasadar_gui.services.villages import get_village

    village = get_village(db, village_id)
    coverage = officials_coverage(db, village_id)
    with db.read_session() as s:
        live_people = and_(Participant.village_id == village_id, Participant.deleted_at.is_(None))
        by_status = s.execute(
            select(Participant.status, func.count()).where(live_people).group_by(Participant.status)
        ).all()
        people = s.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.occupation,
                Participant.official_role,
                Participant.status,
            )
            .where(live_people)
            .order_by(Participant.updated_at.desc(), Participant.name)
            .limit(people_limit)
        ).all()
        live_sessions = and_(
            OutreachSession.village_id == village_id, OutreachSession.deleted_at.is_(None)
        )
        sessions_total = s.scalar(
            select(func.count()).select_from(OutreachSession).where(live_sessions)
        )
        sessions = s.execute(
            select(
                OutreachSession.id,
                OutreachSession.held_on,
                OutreachSession.type,
                OutreachSession.place,
            )
            .where(live_sessions)
            .order_by(OutreachSession.held_on.desc(), OutreachSession.id)
            .limit(sessions_limit)
        ).all()
    return VillageDetail(
        village=village,
        coverage=coverage,
        participants_total=sum(n for _, n in by_status),
        participants_by_status=tuple((status, n) for status, n in by_status),
        participants=tuple(ParticipantBrief(*row) for row in people),
        sessions_total=sessions_total or 0,
        sessions=tuple(SessionBrief(*row) for row in sessions),
    )


def live_counts(db: Database) -> LiveCounts:
    """Live villages, participants and sessions (the status bar), in one round trip."""

    def live(model) -> ColumnElement[int]:
        return (
            select(func.count())
            .select_from(model)
            .where(model.deleted_at.is_(None))
            .scalar_subquery()
        )

    with db.read_session() as s:
        row = s.execute(select(live(Village), live(Participant), live(OutreachSession))).one()
    return LiveCounts(*row)


def showcase_village_id(db: Database) -> str | None:
    """The village a screenshot selects: the busiest one not launched yet (its detail
    shows missing officials and the launch action), else the busiest one."""
    rows = list_village_rows(db, VillageQuery(sort_key="participants", descending=True))
    pending = [r for r in rows if r.status != "launched"]
    chosen = (pending or rows)[:1]
    return chosen[0].id if chosen else None


@dataclass(frozen=True)
class VillageChoice:
    id: str
    name: str
    kecamatan: str
    kabupaten: str
    kind: str


def village_choices(db: Database) -> list[VillageChoice]:
    """Live villages for forms and filters (sessions, participants, targets), by name."""
    with db.read_session() as s:
        rows = s.execute(
            select(Village.id, Village.name, Village.kecamatan, Village.kabupaten, Village.kind)
            .where(Village.deleted_at.is_(None))
            .order_by(func.lower(Village.name), Village.kabupaten, Village.id)
        ).all()
    return [VillageChoice(*row) for row in rows]
