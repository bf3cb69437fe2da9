"""participant search index (reserved)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Reserved for the participants-table search work (e.g. an FTS5 trigram index over
names); empty until that lands so that later revisions have a fixed parent.
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
