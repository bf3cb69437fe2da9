"""sync state: last received version per record, and the conflict list

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Local-only tables for workbook sync (not part of the content digest): ``sync_base``
remembers, per synchronised record, the last version received by import and the
sender's own base; ``conflicts`` keeps the losing version of records that both sides
changed since they last agreed, for a supervisor to review and restore.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Safe to run again over a half-applied copy of itself (objects made where missing).
    op.create_table(
        "sync_base",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("rev", sa.String(length=64), nullable=False),
        sa.Column("parent_rev", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_sync_base")),
        if_not_exists=True,
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("winner_rev", sa.String(length=64), nullable=False),
        sa.Column("loser_rev", sa.String(length=64), nullable=False),
        sa.Column("loser_values", sa.Text(), nullable=False),
        sa.Column("loser_side", sa.String(length=8), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
        if_not_exists=True,
    )
    op.create_index(
        "ix_conflicts_record", "conflicts", ["record_id", "loser_rev"], if_not_exists=True
    )
    op.create_index("ix_conflicts_resolved_at", "conflicts", ["resolved_at"], if_not_exists=True)


def downgrade() -> None:
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index("ix_conflicts_resolved_at")
        batch_op.drop_index("ix_conflicts_record")
    op.drop_table("conflicts")
    op.drop_table("sync_base")
