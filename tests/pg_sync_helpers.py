"""Server databases for the sync tests beyond the conftest's fresh clones: one created
with a language's collation (ICU), to show the digest does not follow it.

The server is the test run's own (``tests/pg_cluster.py``, fixture ``pg_cluster``);
the schema comes from the app's migrations, as on a branch server.
"""

from __future__ import annotations

import os
from itertools import count

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from desasadar_gui.db.engine import server_engine
from desasadar_gui.db.migrate import upgrade_database

_numbers = count(1)


def new_database_with_collation(cluster, icu_locale: str) -> str:  # noqa: ANN001
    """The URL of a new migrated database sorted by ``icu_locale`` (e.g. 'en-US')
    instead of the server's default."""
    name = f"collated_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(
            text(
                f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                f"LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'"
            )
        )
    admin.dispose()
    engine = server_engine(cluster.url(name))
    upgrade_database(engine, None)
    engine.dispose()
    return cluster.url(name)
