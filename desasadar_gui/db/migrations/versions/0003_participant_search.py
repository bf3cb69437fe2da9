"""participant list: covering indexes and a trigram name index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

The participants tab counts, filters and pages half a million rows from SQL. Measured
at 500k (benchmarks/bench_participants_table.py): counting live rows read the whole
table (~90 ms), paging to the end of the list by name took 1.5 s, and a name search
that finds nothing read every row twice (count and page, ~170 ms). The list indexes
now carry the columns those queries need (name, id, deleted_at), so counts and pages
are answered from the index alone, and names get a trigram FTS5 index (SQLite).

Triggers on ``participants`` feed the FTS table. A later batch migration that
recreates ``participants`` (SQLite drops a table's triggers with it, and the copy may
renumber rowids) must drop the FTS table first and run the same SQL as
``install_name_search`` at its end.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FTS = "participants_name_fts"

# Old single-column index -> columns of its covering replacement (same name).
_LIST_INDEXES = {
    "ix_participants_name": (["name"], ["name", "id", "deleted_at"]),
    "ix_participants_nik": (["nik"], ["nik", "deleted_at", "name", "id"]),
    "ix_participants_phone": (["phone"], ["phone", "deleted_at", "name", "id"]),
    "ix_participants_status": (["status"], ["status", "name", "id", "deleted_at"]),
    "ix_participants_village_id": (["village_id"], ["village_id", "name", "id", "deleted_at"]),
}


def install_name_search(bind: sa.Connection) -> bool:
    """SQLite: an FTS5 trigram index over participants.name, kept in sync by triggers.

    External content (the names are stored once, in ``participants``); the FTS rowid
    is the participant's rowid, which stays put: records are never removed (tombstones)
    and VACUUM keeps rowids. Returns False, leaving the schema as it
    was, where the SQLite build lacks FTS5 or the trigram tokenizer (before 3.34): the
    list then searches with LIKE. Other dialects: nothing here (PostgreSQL would get a
    pg_trgm GIN index on name).
    """
    if bind.dialect.name != "sqlite":
        return False
    try:
        bind.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
            "name, content='participants', content_rowid='rowid', tokenize='trigram')"
        )
    except sa.exc.OperationalError:
        return False
    statements = [
        f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON participants BEGIN
              INSERT INTO {FTS}(rowid, name) VALUES (new.rowid, new.name);
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON participants BEGIN
              INSERT INTO {FTS}({FTS}, rowid, name) VALUES ('delete', old.rowid, old.name);
            END""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF name ON participants BEGIN
              INSERT INTO {FTS}({FTS}, rowid, name) VALUES ('delete', old.rowid, old.name);
              INSERT INTO {FTS}(rowid, name) VALUES (new.rowid, new.name);
            END""",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]
    for statement in statements:
        bind.exec_driver_sql(statement)
    return True


def drop_name_search(bind: sa.Connection) -> None:
    if bind.dialect.name != "sqlite":
        return
    for suffix in ("ai", "ad", "au"):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS}")


def upgrade() -> None:
    # Safe to run again over a half-applied copy of itself: an index is dropped if it
    # is there (old or already new) and made anew; FTS objects only where missing.
    for name, (_old, new) in _LIST_INDEXES.items():
        op.drop_index(name, table_name="participants", if_exists=True)
        op.create_index(name, "participants", new, unique=False)
    install_name_search(op.get_bind())


def downgrade() -> None:
    drop_name_search(op.get_bind())
    with op.batch_alter_table("participants", schema=None) as batch_op:
        for name, (old, _new) in _LIST_INDEXES.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, old, unique=False)
