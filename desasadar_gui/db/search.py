"""Name and number search that stays fast at half a million people: one function per
dialect need.

SQLite first: migration 0003 keeps an FTS5 table with the ``trigram`` tokenizer over
``participants.name`` (external content, rowid = ``participants.rowid``; triggers keep it
in step). A trigram index answers "name contains 'siti'" in a few milliseconds where
``LIKE '%siti%'`` reads every row (about 60 ms for a miss at 500k, twice that with a
count). Trigrams need three characters, so shorter words fall back to ``LIKE``.
Migration 0008 adds a second one, the same way, over ``participants.nik`` and
``participants.phone``: "7766" finds the phone +6281299887766 and "0312" the middle of
a NIK, from the index (:func:`digits_anywhere`).

The FTS tables live outside the ORM metadata: :func:`include_name` hides them from
Alembic's schema comparison. Their segments keep the values of erased people until
they are rebuilt: :func:`rebuild_search_indexes` (erasure) and the import's bulk load
(``sync/upsert.py``, every FTS5 table with ``content='participants'``) rebuild them.

PostgreSQL uses the ``pg_trgm`` extension instead (migration 0009: GIN indexes on
``name``, ``nik`` and ``phone`` with ``gin_trgm_ops``, which make ``ILIKE '%x%'`` and
``LIKE '%7766%'`` indexed); there the plain ``LIKE`` / ``ILIKE`` branches below are the
query, and the planner picks the index.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Connection, TextClause, and_, or_, text, true

from desasadar_gui.db.models import Participant

NAME_FTS_TABLE = "participants_name_fts"
DIGITS_FTS_TABLE = "participants_digits_fts"  # nik and phone (migration 0008)
SEARCH_INDEXES = (NAME_FTS_TABLE, DIGITS_FTS_TABLE)
TRIGRAM = 3  # the shortest word the trigram index can answer
# PostgreSQL's counterparts (migration 0009): GIN indexes with pg_trgm's gin_trgm_ops.
PG_TRIGRAM_INDEXES = (
    "ix_participants_name_trgm",
    "ix_participants_nik_trgm",
    "ix_participants_phone_trgm",
)


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic hook: the search indexes (FTS tables and their shadow tables on SQLite,
    trigram GIN indexes on PostgreSQL) are not part of the models."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_INDEXES)
    if type_ == "index":
        return name not in PG_TRIGRAM_INDEXES
    return True


def _has_table(conn: Connection, name: str) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": name}
    ).first()
    return found is not None


def _has_pg_index(conn: Connection, name: str) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    found = conn.execute(
        text("SELECT 1 FROM pg_indexes WHERE tablename = 'participants' AND indexname = :n"),
        {"n": name},
    ).first()
    return found is not None


def has_name_index(conn: Connection) -> bool:
    """Whether this database has a trigram name index: FTS5 on SQLite (builds without
    FTS5 don't), the pg_trgm GIN index on PostgreSQL (migration 0009)."""
    return _has_table(conn, NAME_FTS_TABLE) or _has_pg_index(conn, PG_TRIGRAM_INDEXES[0])


def has_digit_index(conn: Connection) -> bool:
    """Whether this database has the trigram index over NIK and phone (0008 FTS5 on
    SQLite; the pg_trgm GIN indexes of 0009 on PostgreSQL)."""
    return _has_table(conn, DIGITS_FTS_TABLE) or _has_pg_index(conn, PG_TRIGRAM_INDEXES[1])


def rebuild_search_indexes(conn: Connection) -> None:
    """Rebuild every full-text index this database has from ``participants``: the old
    segments (which still hold erased values) are replaced by ones made from the rows
    as they are now. The caller commits."""
    for table in SEARCH_INDEXES:
        if _has_table(conn, table):
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _fts_query(words: Sequence[str]) -> str | None:
    long = [w for w in words if len(w) >= TRIGRAM]
    return " AND ".join(_fts_phrase(w) for w in long) if long else None


def name_index_hits(conn: Connection, words: Sequence[str]) -> int | None:
    """How many names (live or not) the trigram index finds for ``words``: a few
    milliseconds from the index alone. None when the index cannot answer."""
    query = _fts_query(words)
    if query is None or conn.dialect.name != "sqlite":
        return None
    return int(
        conn.execute(
            text(f"SELECT count(*) FROM {NAME_FTS_TABLE} WHERE {NAME_FTS_TABLE} MATCH :q"),
            {"q": query},
        ).scalar_one()
    )


def name_contains_all(
    words: Sequence[str], *, dialect: str, use_index: bool
) -> ColumnElement[bool]:
    """A condition on ``participants``: the name contains every word, in any case."""
    if not words:
        return true()
    conditions: list[ColumnElement[bool] | TextClause] = []
    by_like = list(words)
    query = _fts_query(words) if dialect == "sqlite" and use_index else None
    if query is not None:
        by_like = [w for w in words if len(w) < TRIGRAM]
        conditions.append(
            text(
                f"participants.rowid IN (SELECT rowid FROM {NAME_FTS_TABLE} "
                f"WHERE {NAME_FTS_TABLE} MATCH :name_words)"
            ).bindparams(name_words=query)
        )
    for word in by_like:
        if dialect == "sqlite":
            # SQLite's LIKE already ignores (ASCII) case; lower() would only cost time.
            conditions.append(Participant.name.contains(word, autoescape=True))
        else:
            conditions.append(Participant.name.icontains(word, autoescape=True))
    return and_(*conditions)


def digit_index_hits(conn: Connection, digits: str, *, up_to: int | None = None) -> int | None:
    """How many people (live or not) have ``digits`` in their NIK or phone, from the
    index alone (about 10 ms for "1504", one person in thirteen at 500k; under 2 ms for
    the end of a phone). ``up_to``: stop counting there (enough to tell "many").
    None when the index cannot answer."""
    if len(digits) < TRIGRAM or conn.dialect.name != "sqlite":
        return None
    hits = f"SELECT rowid FROM {DIGITS_FTS_TABLE} WHERE {DIGITS_FTS_TABLE} MATCH :q"
    if up_to is not None:
        hits += f" LIMIT {int(up_to)}"
    return int(
        conn.execute(
            text(f"SELECT count(*) FROM ({hits})"), {"q": _fts_phrase(digits)}
        ).scalar_one()
    )


def live_digit_hits(conn: Connection, digits: str, hits: int) -> int:
    """Of the ``hits`` people with ``digits`` in NIK or phone, how many are not deleted:
    ``hits`` less the tombstones among them. Finding the tombstones is one pass over a
    covering index that holds ``deleted_at`` (about 30 ms at 500k, whatever the digits),
    where checking each hit's row costs about 2 us a hit (80 ms for "1504" at 500k):
    worth it for many hits only. The ``+`` keeps SQLite from looking the hits up by
    rowid instead."""
    tombstones = conn.execute(
        text(
            "SELECT count(*) FROM participants WHERE deleted_at IS NOT NULL AND "
            f"+participants.rowid IN (SELECT rowid FROM {DIGITS_FTS_TABLE} "
            f"WHERE {DIGITS_FTS_TABLE} MATCH :q)"
        ),
        {"q": _fts_phrase(digits)},
    ).scalar_one()
    return hits - int(tombstones)


def last_participant_rowid(conn: Connection) -> int:
    """About how many participant rows there are (none is ever removed), at once: the
    largest rowid on SQLite, the planner's estimate on PostgreSQL (no rowid there)."""
    if conn.dialect.name == "postgresql":
        estimate = conn.execute(
            text("SELECT reltuples FROM pg_class WHERE oid = 'participants'::regclass")
        ).scalar()
        return max(0, int(estimate or 0))
    return int(conn.execute(text("SELECT max(rowid) FROM participants")).scalar() or 0)


def digits_anywhere(digits: str, *, dialect: str, use_index: bool) -> ColumnElement[bool]:
    """A condition on ``participants``: ``digits`` occur somewhere in the NIK or in the
    stored phone (``+62...``). Through the trigram index on SQLite (three digits or
    more), else ``LIKE '%digits%'`` on both columns, which reads every row."""
    if dialect == "sqlite" and use_index and len(digits) >= TRIGRAM:
        found = text(
            f"participants.rowid IN (SELECT rowid FROM {DIGITS_FTS_TABLE} "
            f"WHERE {DIGITS_FTS_TABLE} MATCH :number_digits)"
        ).bindparams(number_digits=_fts_phrase(digits))
        return and_(found)
    return or_(
        Participant.nik.contains(digits, autoescape=True),
        Participant.phone.contains(digits, autoescape=True),
    )
