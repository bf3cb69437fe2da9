"""privacy records: the processing record and the list of erased people

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

``processing_log`` records every export, import, backup, restore, privacy copy,
subject-access report and erasure (who, when, what, file name and SHA-256, counts),
never a personal value: it is what the branch's data-protection officer reads.
``erasures`` lists the records whose personal fields were erased ("hapus data
pribadi") by id, revision and time only; it travels in the workbook's Metadata so
other laptops erase the same person and an older workbook cannot bring them back.
Both tables are local (not part of the content digest). Safe to run again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processing_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("device", sa.String(length=120), nullable=False),
        sa.Column("officer", sa.String(length=120), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processing_log")),
        if_not_exists=True,
    )
    op.create_index("ix_processing_log_at", "processing_log", ["at"], if_not_exists=True)
    op.create_table(
        "erasures",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("rev", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("device", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_erasures")),
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_table("erasures")
    op.drop_index("ix_processing_log_at", table_name="processing_log")
    op.drop_table("processing_log")
