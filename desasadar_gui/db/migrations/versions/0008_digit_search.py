"""participant list: a trigram index over the digits of NIK and phone

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Search found a NIK or a phone only by its start (an index range): the last four digits
of a phone ("7766" for 0812-9988-7766) or the middle of a NIK ("0312") found nobody,
and ``LIKE '%7766%'`` reads every row (about 70 ms at 100k, twice that with the count).
An FTS5 table with the ``trigram`` tokenizer over ``participants.nik`` and
``participants.phone`` answers "contains 7766" from the index in well under a
millisecond (see ``db/search.py``).

Built like the name index of 0003: external content (the values are stored once, in
``participants``), rowid = the participant's rowid, triggers keep it in step, and the
import's bulk load drops and rebuilds it with the other full-text indexes of the table
(``sync/upsert.py`` finds it by its ``content='participants'``). A later batch migration
that recreates ``participants`` must drop it first and run ``install_digit_search``
again at its end. Safe to run again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FTS = "participants_digits_fts"


def install_digit_search(bind: sa.Connection) -> bool:
    """SQLite: an FTS5 trigram index over participants.nik and participants.phone.

    Returns False, leaving the schema as it was, where the SQLite build lacks FTS5 or
    the trigram tokenizer: the list then searches digits with LIKE. Other dialects:
    nothing here (PostgreSQL would get pg_trgm GIN indexes on nik and phone).
    """
    if bind.dialect.name != "sqlite":
        return False
    try:
        bind.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
            "nik, phone, content='participants', content_rowid='rowid', tokenize='trigram')"
        )
    except sa.exc.OperationalError:
        return False
    statements = [
        f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON participants BEGIN
              INSERT INTO {FTS}(rowid, nik, phone) VALUES (new.rowid, new.nik, new.phone);
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON participants BEGIN
              INSERT INTO {FTS}({FTS}, rowid, nik, phone)
                VALUES ('delete', old.rowid, old.nik, old.phone);
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF nik, phone ON participants
            BEGIN
              INSERT INTO {FTS}({FTS}, rowid, nik, phone)
                VALUES ('delete', old.rowid, old.nik, old.phone);
              INSERT INTO {FTS}(rowid, nik, phone) VALUES (new.rowid, new.nik, new.phone);
            END""",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]
    for statement in statements:
        bind.exec_driver_sql(statement)
    return True


def drop_digit_search(bind: sa.Connection) -> None:
    if bind.dialect.name != "sqlite":
        return
    for suffix in ("ai", "ad", "au"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS}")


def upgrade() -> None:
    install_digit_search(op.get_bind())


def downgrade() -> None:
    drop_digit_search(op.get_bind())
