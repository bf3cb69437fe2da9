"""Shared fixtures: offscreen Qt, an isolated data folder, fast databases.

The schema is migrated once per test run into a template file; each test gets a copy
(migrating takes far longer than copying a file).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import: GUI tests run with no display, everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DESASADAR_LANG", "id")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_REGIONS = SHARED / "data" / "regions"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user's data folder, settings or database."""
    home = tmp_path_factory.mktemp("user data")
    monkeypatch.setenv("DESASADAR_DATA_DIR", str(home))
    monkeypatch.delenv("DESASADAR_DB", raising=False)
    yield


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Schema only: each copy gets its own device id when first opened, like a new laptop.
    from desasadar_gui.db.engine import make_engine
    from desasadar_gui.db.migrate import upgrade_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(path)
    upgrade_database(engine, path)
    engine.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """A fresh, migrated database file in a folder with a space and a non-ASCII letter."""
    folder = tmp_path / "data désa"
    folder.mkdir()
    path = folder / "desa sadar.sqlite"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator:
    from desasadar_gui.services.database import Database

    database = Database.open(db_path)
    database.set_officer("Petugas Uji", "KC Jambi")
    yield database
    database.close()


@pytest.fixture
def shared_regions() -> Path:
    if not SHARED_REGIONS.is_dir():
        pytest.skip(f"shared region data not found at {SHARED_REGIONS}")
    return SHARED_REGIONS
