"""clean text: every stored user text in the one normal form of domain/text.py

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

From this version on, forms and workbook imports store text through
``domain.text.clean_text`` (LF line ends, no control characters, no tabs, no stray
spaces). Records saved before may still hold a CR LF or a tab; a spreadsheet program
re-saving an export changes exactly those, which would then look like edits. This
migration brings the stored text into the normal form once. It changes no revision:
the clean form is what every laptop makes of the same record, so laptops still agree
after each of them upgrades. Re-running it changes nothing.
"""

from __future__ import annotations

from alembic import op

from desasadar_gui.domain.text import clean_text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# (table, single-line text columns, multi-line text columns), as of this revision.
_TEXT = (
    (
        "villages",
        ("name", "kecamatan", "kabupaten", "region_code", "region_version", "head_name"),
        ("notes",),
    ),
    ("participants", ("name", "nik", "kpj_number", "officer"), ("address",)),
    ("sessions", ("place", "facilitator"), ("notes",)),
    ("attendance", ("walkin_name",), ()),
    ("targets", ("scope_key",), ()),
)
_CHUNK = 5000


def upgrade() -> None:
    conn = op.get_bind()
    for table, lines, texts in _TEXT:
        columns = (*lines, *texts)
        multiline = (False,) * len(lines) + (True,) * len(texts)
        result = conn.exec_driver_sql(f"SELECT id, {', '.join(columns)} FROM {table}")
        updates = []
        while rows := result.fetchmany(_CHUNK):
            for rid, *values in rows:
                clean = [
                    v if v is None else clean_text(v, multiline=m)
                    for v, m in zip(values, multiline, strict=True)
                ]
                if clean != values:
                    updates.append((*clean, rid))
        sets = ", ".join(f"{c} = ?" for c in columns)
        for i in range(0, len(updates), _CHUNK):
            conn.exec_driver_sql(f"UPDATE {table} SET {sets} WHERE id = ?", updates[i : i + _CHUNK])


def downgrade() -> None:
    pass  # the clean form is valid for every earlier version
