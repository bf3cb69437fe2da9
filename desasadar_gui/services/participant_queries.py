"""The participants list at half a million rows: count, filter, sort and page in SQL.

The table never holds the people in Python: it asks :func:`count_participants` for the
total and :func:`fetch_page` for blocks of light rows as they scroll into view.

Search as you type (one box) understands two things:

- words: each must occur in the name (trigram index, see ``db/search.py``);
- digits (spaces, dots, dashes and brackets ignored): they must occur anywhere in the
  NIK or the phone number, which is what an officer holding a card or a phone types:
  "7766" finds 0812-9988-7766, "0312" the middle of a NIK, "812 9988" and "62812" a
  phone too (stored numbers are ``+62812...``, see ``domain/phone.py``). A term that
  starts with 0 is also read as the start of a domestic number ("0812..." looks for
  phones starting with "+62812", by index range), and one with a plus as the start of
  an international one ("+62 812" and the common "+62 0812"). Both NIK and phone are
  answered by a trigram index over their digits (migration 0008).
  Fewer than :data:`MIN_DIGITS` digits are not searched yet: the trigram index could
  answer three, but "150" is in nine NIKs in ten in Jambi (they start with 15), so
  three digits narrow nothing while the officer is still typing; four digits (the end
  of a phone, a birth date or serial in a NIK) are what people remember, and the index
  answers them in a few milliseconds ("1774": 416 people of 500k, 0.08%).

Pages are fetched with the ids of the page first (an index-only query when the sort
has an index, see the participants indexes in ``db/models.py``), then their columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from desasadar_gui.db.dialect import ordered
from desasadar_gui.db.interrupt import interruptible
from desasadar_gui.db.models import Participant, Village
from desasadar_gui.db.search import (
    digit_index_hits,
    digits_anywhere,
    has_digit_index,
    has_name_index,
    last_participant_rowid,
    live_digit_hits,
    name_contains_all,
    name_index_hits,
)
from desasadar_gui.domain.enums import LabelledEnum, Occupation, OfficialRole, ParticipantStatus
from desasadar_gui.errors import current_language
from desasadar_gui.services.database import Database
from desasadar_gui.services.village_queries import kabupaten_names

__all__ = [
    "MIN_DIGITS",
    "PROGRAMMES",
    "SORT_COLUMNS",
    "ParticipantFilter",
    "ParticipantListRow",
    "SearchTerms",
    "count_participants",
    "fetch_page",
    "kabupaten_options",
    "parse_search",
]

MIN_DIGITS = 4
# Above this many people whose name holds the words, a page sorted by name is read by
# walking the name index (about 0.15 us a name) rather than by looking every match up
# (about 2 us each): at 500k people both ways then cost at most a few milliseconds.
DENSE_NAME_HITS = 2000
# Digits are "many" when more than one person in this many has them (and at least
# DENSE_NAME_HITS). Then a page sorted by name walks the name index, checking NIK and
# phone in each row (about 5 us a row, so only worth it where matches are close
# together: "15040", 38k hits at 500k, 6 ms that way, 100 ms by looking them up; "0312",
# 1.5k hits, 110 ms that way, 4 ms by the index), and a digits-only count is the index's
# count less the tombstones (one pass over them costs as much as checking some 15k hits).
DENSE_DIGIT_SHARE = 32
PROGRAMMES = ("jkk", "jkm", "jht")


@dataclass(frozen=True)
class ParticipantFilter:
    """What the list shows; empty fields match everything."""

    text: str = ""
    village_id: str | None = None
    kabupaten: str | None = None
    status: str | None = None
    occupation: str | None = None
    programme: str | None = None  # "jkk", "jkm" or "jht": people who chose it
    official: bool | None = None  # True: village officials only; False: everyone else
    include_deleted: bool = False


@dataclass(frozen=True)
class ParticipantListRow:
    """One line of the list: only what the table shows."""

    id: str
    name: str
    nik: str | None
    gender: str | None
    phone: str | None
    village_name: str
    kabupaten: str
    occupation: str | None
    status: str
    registration_date: date | None
    contribution: int
    official_role: str | None
    deleted: bool = False


@dataclass(frozen=True)
class SearchTerms:
    """What the search box asks for. ``digits``: anywhere in the NIK or the stored phone;
    ``phone_prefix``: the start of a stored phone (``+62...``). A row matches either."""

    words: tuple[str, ...] = ()
    digits: str | None = None
    phone_prefix: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.words or self.digits or self.phone_prefix)


_NUMBER_SEPARATORS = re.compile(r"[\s.\-()/]+")


def parse_search(text: str) -> SearchTerms:
    """Words of a name, or the digits of a NIK / phone number being typed."""
    text = (text or "").strip()
    compact = _NUMBER_SEPARATORS.sub("", text)
    if re.fullmatch(r"\+?\d+", compact):
        plus = compact.startswith("+")
        digits = compact.lstrip("+")
        if len(digits) < MIN_DIGITS:
            return SearchTerms()
        if plus:  # international: "+62 0812" is the common misspelling of "+62 812"
            if digits.startswith("620"):
                digits = "62" + digits[2:].lstrip("0")
            return SearchTerms(phone_prefix="+" + digits)
        if digits.startswith("0"):  # also domestic: 0812... is stored +62812...
            return SearchTerms(digits=digits, phone_prefix="+62" + digits[1:])
        # "812..." (a leading 0 lost in a spreadsheet) and "62812..." are inside the
        # stored "+62812...": the search anywhere finds them.
        return SearchTerms(digits=digits)
    return SearchTerms(words=tuple(text.split()))


def _prefix(column, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix`` as an index range ('1504' -> >= '1504' < '1505').

    Bumping the last character works for the digit strings searched here (a '9'
    becomes ':', the next ASCII character).
    """
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _has_index(db: Database, s: Session, attr: str, probe: Callable[[Any], bool]) -> bool:
    """Asked once per open database (the schema does not change while it is open)."""
    known = getattr(db, attr, None)
    if known is None:
        known = probe(s.connection())
        setattr(db, attr, known)
    return bool(known)


def _uses_name_index(db: Database, s: Session) -> bool:
    return _has_index(db, s, "_participant_name_index", has_name_index)


def _uses_digit_index(db: Database, s: Session) -> bool:
    """The NIK / phone index (migration 0008)."""
    return _has_index(db, s, "_participant_digit_index", has_digit_index)


def _conditions(
    db: Database,
    s: Session,
    flt: ParticipantFilter,
    terms: SearchTerms,
    name_index: bool,
    digit_index: bool,
) -> list[ColumnElement[bool]]:
    p = Participant
    conditions: list[ColumnElement[bool]] = []
    if not flt.include_deleted:
        conditions.append(p.deleted_at.is_(None))
    if flt.village_id:
        conditions.append(p.village_id == flt.village_id)
    if flt.kabupaten:
        in_regency = select(Village.id).where(Village.kabupaten == flt.kabupaten)
        conditions.append(p.village_id.in_(in_regency.scalar_subquery()))
    if flt.status:
        conditions.append(p.status == flt.status)
    if flt.occupation:
        conditions.append(p.occupation == flt.occupation)
    if flt.programme:
        chosen = {"jkk": p.prog_jkk, "jkm": p.prog_jkm, "jht": p.prog_jht}[flt.programme]
        conditions.append(chosen == true())
    if flt.official is not None:
        has_role = p.official_role.is_not(None)
        conditions.append(has_role if flt.official else p.official_role.is_(None))
    dialect = s.get_bind().dialect.name
    if terms.words:
        conditions.append(name_contains_all(terms.words, dialect=dialect, use_index=name_index))
    numbers = []
    if terms.digits:
        numbers.append(digits_anywhere(terms.digits, dialect=dialect, use_index=digit_index))
    if terms.phone_prefix:
        numbers.append(_prefix(p.phone, terms.phone_prefix))
    if numbers:
        conditions.append(or_(*numbers))
    return conditions


def count_participants(
    db: Database,
    flt: ParticipantFilter = ParticipantFilter(),  # noqa: B008
    *,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """How many rows ``flt`` shows. ``cancelled``: stop early (``errors.Cancelled``) once true."""
    terms = parse_search(flt.text)
    with db.read_session() as s, interruptible(s, cancelled):
        name_index, digit_index = _uses_name_index(db, s), _uses_digit_index(db, s)
        if digit_index and terms.digits and not terms.phone_prefix and _search_only(flt):
            known = _count_from_digit_index(s, terms.digits, flt.include_deleted)
            if known is not None:
                return known
        conditions = _conditions(db, s, flt, terms, name_index, digit_index)
        stmt = select(func.count()).select_from(Participant).where(*conditions)
        return int(s.execute(stmt).scalar_one())


def _search_only(flt: ParticipantFilter) -> bool:
    """Whether ``flt`` is the search box alone (every other filter at "all")."""
    return flt == ParticipantFilter(text=flt.text, include_deleted=flt.include_deleted)


def _count_from_digit_index(s: Session, digits: str, include_deleted: bool) -> int | None:
    """The count of a digits-only search from the index, when that is the quicker way:
    always with the tombstones included; else when the hits are many (a regency's NIK
    code, "1504": one person in thirteen at 500k), where checking each hit's row costs
    more than one pass over the tombstones. None: count the usual way."""
    conn = s.connection()
    hits = digit_index_hits(conn, digits)
    if hits is None or include_deleted:
        return hits
    if hits <= _many_digit_hits(s):
        return None
    return live_digit_hits(conn, digits, hits)


def _many_digit_hits(s: Session) -> int:
    """Above this many hits, digits are "many" (see :data:`DENSE_DIGIT_SHARE`)."""
    return max(DENSE_NAME_HITS, last_participant_rowid(s.connection()) // DENSE_DIGIT_SHARE)


def _list_row(r: Sequence[Any]) -> ParticipantListRow:
    """A row of the page query: the shown columns, then whether it is deleted."""
    (pid, name, nik, gender, phone, village, kabupaten, occupation, status, registered,
     contribution, role, deleted) = r  # fmt: skip
    return ParticipantListRow(
        pid, name, nik, gender, phone, village, kabupaten, occupation, status, registered,
        contribution, role, deleted=bool(deleted),
    )  # fmt: skip


def _label_order(
    column: InstrumentedAttribute[str | None], enum: type[LabelledEnum], lang: str
) -> ColumnElement[int]:
    """Sort codes by the label people read (in ``lang``); unknown codes last."""
    labels = sorted(enum, key=lambda m: m.label(lang).casefold())
    return case(*((column == m.value, i) for i, m in enumerate(labels)), else_=len(labels))


_STATUS_ORDER = {m.value: i for i, m in enumerate(ParticipantStatus)}  # prospect -> inactive


def _sort_key(column: str, lang: str) -> ColumnElement[Any] | InstrumentedAttribute[Any]:
    p = Participant
    if column == "village":
        return Village.name
    if column == "kabupaten":
        return Village.kabupaten
    if column == "status":  # the order of the lifecycle, not of the alphabet
        return case(*((p.status == code, i) for code, i in _STATUS_ORDER.items()), else_=99)
    if column == "occupation":
        return _label_order(p.occupation, Occupation, lang)
    if column == "official_role":
        return _label_order(p.official_role, OfficialRole, lang)
    return getattr(p, column)


SORT_COLUMNS = (
    "name",
    "nik",
    "gender",
    "phone",
    "village",
    "kabupaten",
    "occupation",
    "status",
    "registration_date",
    "contribution",
    "official_role",
)


def fetch_page(
    db: Database,
    flt: ParticipantFilter = ParticipantFilter(),  # noqa: B008
    sort_column: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    *,
    total: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ParticipantListRow]:
    """``limit`` rows from ``offset`` in the given order (the id breaks ties).

    ``total``, the count for ``flt`` when the caller knows it, lets a page past the
    middle be read from the far end in the reverse order: OFFSET costs the rows it
    skips, so the end of a long list then comes as quickly as its start.
    """
    if sort_column not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort_column!r}")
    offset = max(0, offset)
    reverse = total is not None and offset > total // 2
    if reverse:
        assert total is not None
        limit = min(limit, total - offset)
        offset, descending = max(0, total - offset - limit), not descending
    if limit <= 0:
        return []
    key = _sort_key(sort_column, current_language())
    dialect = db.engine.dialect.name
    order = [
        ordered(key, descending=descending, dialect=dialect),
        ordered(Participant.id, descending=descending, dialect=dialect),
    ]
    p = Participant
    terms = parse_search(flt.text)
    with db.read_session() as s, interruptible(s, cancelled):
        name_index, digit_index = _uses_name_index(db, s), _uses_digit_index(db, s)
        if name_index and terms.words and sort_column == "name":
            # Many matches ("nur": one person in thirteen): walking the names in order
            # finds a page of them at once, where looking each match up costs more.
            hits = name_index_hits(s.connection(), terms.words)
            name_index = hits is None or hits <= DENSE_NAME_HITS
        if digit_index and terms.digits and sort_column == "name":
            # The same for digits ("1504", a regency's NIK code: one person in thirteen).
            many = _many_digit_hits(s)
            found = digit_index_hits(s.connection(), terms.digits, up_to=many + 1)
            digit_index = found is None or found <= many
        # The ids of the page first: with an index on the sort key this reads the index
        # alone, however deep the offset; then the columns of those ids only.
        ids = select(p.id)
        if sort_column in ("village", "kabupaten"):
            ids = ids.outerjoin(Village, Village.id == p.village_id)
        conditions = _conditions(db, s, flt, terms, name_index, digit_index)
        ids = ids.where(*conditions).order_by(*order).limit(limit).offset(offset)
        stmt = (
            select(
                p.id,
                p.name,
                p.nik,
                p.gender,
                p.phone,
                func.coalesce(Village.name, ""),
                func.coalesce(Village.kabupaten, ""),
                p.occupation,
                p.status,
                p.registration_date,
                p.contribution,
                p.official_role,
                p.deleted_at.is_not(None),
            )
            .select_from(p)
            .outerjoin(Village, Village.id == p.village_id)
            .where(p.id.in_(ids.scalar_subquery()))
            .order_by(*order)
        )
        rows = [_list_row(r) for r in s.execute(stmt)]
    if reverse:
        rows.reverse()
    return rows


def kabupaten_options(db: Database) -> list[str]:
    """Regencies of live villages, for the filter."""
    return kabupaten_names(db)
