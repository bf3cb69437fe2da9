"""Alembic environment: always run from code with a live connection (see ``migrate.py``)."""

from __future__ import annotations

from alembic import context

from desasadar_gui.db.models import Base
from desasadar_gui.db.search import include_name

config = context.config
target_metadata = Base.metadata

connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations are never run from the alembic CLI
    raise RuntimeError("run migrations through desasadar_gui.db.migrate")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
    compare_type=True,
    include_name=include_name,  # the FTS name index is not in the models
)
with context.begin_transaction():
    context.run_migrations()
