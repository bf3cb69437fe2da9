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
    include_name=include_name,  # the FTS search indexes are not in the models
    # migrate.py runs the whole upgrade in one transaction of its own (``connection`` is
    # already inside it), so a kill leaves the old revision intact, never half of one.
    transaction_per_migration=False,
    on_version_apply=config.attributes.get("on_version_apply"),
)
with context.begin_transaction():
    context.run_migrations()
