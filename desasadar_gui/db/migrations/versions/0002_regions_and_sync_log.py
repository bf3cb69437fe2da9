"""region reference, sync log, village region dataset version

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Region reference data (Kemendagri codes loaded from a user's file), the log of
workbook exports and imports, and the dataset version stored beside a village's code
(codes and names change between decrees).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Safe to run again over a half-applied copy of itself (an older app version ran
    # DDL outside a transaction): each object is created only where it is missing.
    op.create_table(
        "region_areas",
        sa.Column("code", sa.String(length=13), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("parent_code", sa.String(length=13), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("dataset_version", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region_areas")),
        if_not_exists=True,
    )
    op.create_index("ix_region_areas_name", "region_areas", ["name"], if_not_exists=True)
    op.create_index(
        "ix_region_areas_parent_code", "region_areas", ["parent_code"], if_not_exists=True
    )

    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("device", sa.String(length=120), nullable=False),
        sa.Column("officer", sa.String(length=120), nullable=False),
        sa.Column("source_device", sa.String(length=120), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_log")),
        if_not_exists=True,
    )
    op.create_index("ix_sync_log_sha256", "sync_log", ["sha256"], if_not_exists=True)

    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("villages")}
    if "region_version" not in columns:
        with op.batch_alter_table("villages", schema=None) as batch_op:
            batch_op.add_column(sa.Column("region_version", sa.String(length=60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("villages", schema=None) as batch_op:
        batch_op.drop_column("region_version")
    with op.batch_alter_table("region_areas", schema=None) as batch_op:
        batch_op.drop_index("ix_region_areas_parent_code")
        batch_op.drop_index("ix_region_areas_name")

    op.drop_table("region_areas")
    with op.batch_alter_table("sync_log", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_log_sha256")

    op.drop_table("sync_log")
