"""Where things live: bundled resources, the per-user data folder, logs.

One helper knows the frozen (PyInstaller) case so that nothing else has to.
No Qt here: the command line uses it too.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

APP_NAME = "DesaSadar"
APP_AUTHOR = "BPJS Ketenagakerjaan"
DB_ENV = "DESASADAR_DB"
DATA_ENV = "DESASADAR_DATA_DIR"


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, in a checkout, an install or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        base = Path(frozen_root) / "resources"
    else:
        # The package maps the top-level resources/ folder (see pyproject.toml), so it
        # is imported by name: in a checkout it is not under desasadar_gui/.
        resources = importlib.import_module("desasadar_gui.resources")
        assert resources.__file__ is not None
        base = Path(resources.__file__).resolve().parent
    return base.joinpath(*parts)


def data_dir() -> Path:
    """The per-user data folder (created on demand); ``DESASADAR_DATA_DIR`` overrides it."""
    override = os.environ.get(DATA_ENV)
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The database an officer works on when no ``--db`` is given."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override)
    return data_dir() / "desasadar.sqlite"


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
