"""progress indexes: the dashboard and the session counts from covering indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

The dashboard (services/dashboard.py) counts a year's registrations per day, village,
officer and occupation. Measured at 500k participants (406k registered in one year,
benchmarks/bench_dashboard.py): with only single-column indexes each GROUP BY read the
year's rows from the table and sorted them, 200-500 ms apiece and about 2 s for the
dashboard. These composite indexes let every figure come from an index alone, in
index order (about 0.4 s CPU in all). Officials get a small partial index.

Attendance indexes become covering (same names): a session's counts and the "did
this person attend an earlier session?" test read no table rows.

Only indexes change (no table is recreated), so the FTS triggers of 0003 stay.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_NEW_PARTICIPANT_INDEXES = {
    "ix_participants_progress": [
        "status", "registration_date", "deleted_at", "prog_jkk", "prog_jkm", "prog_jht",
        "contribution",
    ],
    "ix_participants_village_progress": ["village_id", "status", "registration_date", "deleted_at"],
    "ix_participants_officer_progress": ["officer", "status", "registration_date", "deleted_at"],
    "ix_participants_occupation_progress": [
        "occupation", "status", "registration_date", "deleted_at",
    ],
}  # fmt: skip

# Old single-column index -> columns of its covering replacement (same name).
_ATTENDANCE_INDEXES = {
    "ix_attendance_session_id": (
        ["session_id"], ["session_id", "deleted_at", "participant_id", "outcome"]
    ),
    "ix_attendance_participant_id": (
        ["participant_id"], ["participant_id", "deleted_at", "session_id"]
    ),
}  # fmt: skip

_OFFICIALS_WHERE = sa.text("official_role IS NOT NULL")


def upgrade() -> None:
    # Safe to run again over a half-applied copy of itself (a power cut while an older
    # app version built these indexes outside a transaction left some of them behind).
    for name, columns in _NEW_PARTICIPANT_INDEXES.items():
        op.create_index(name, "participants", columns, unique=False, if_not_exists=True)
    op.create_index(
        "ix_participants_officials",
        "participants",
        ["village_id", "official_role", "deleted_at"],
        unique=False,
        sqlite_where=_OFFICIALS_WHERE,
        postgresql_where=_OFFICIALS_WHERE,
        if_not_exists=True,
    )
    for name, (_old, new) in _ATTENDANCE_INDEXES.items():
        op.drop_index(name, table_name="attendance", if_exists=True)
        op.create_index(name, "attendance", new, unique=False)


def downgrade() -> None:
    for name, (old, _new) in _ATTENDANCE_INDEXES.items():
        op.drop_index(name, table_name="attendance")
        op.create_index(name, "attendance", old, unique=False)
    op.drop_index("ix_participants_officials", table_name="participants")
    for name in reversed(list(_NEW_PARTICIPANT_INDEXES)):
        op.drop_index(name, table_name="participants")
