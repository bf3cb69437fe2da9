"""Helpers for the workbook-sync tests: laptops (database copies), records, exchanges."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desasadar_gui.services.database import Database
from desasadar_gui.services.participants import ParticipantInput, create_participant
from desasadar_gui.services.stats import content_digest
from desasadar_gui.services.villages import VillageInput, create_village
from desasadar_gui.sync.workbook_export import export_workbook
from desasadar_gui.sync.workbook_import import ImportOutcome, import_workbook

# Set for a test that runs on PostgreSQL (conftest ``laptops_on_server``): the URL of a
# fresh migrated server database per call; None: laptops are SQLite files.
server_laptop: Callable[[], str] | None = None


def new_laptop(folder: Path, template: Path, name: str) -> Database:
    """A fresh database copied from the migrated template: its own device id. In a
    module that runs on both engines, on the PostgreSQL run, a fresh server database."""
    if server_laptop is not None:
        db = Database.open(server_laptop())
        db.set_officer(f"Petugas {name}", "KC Jambi")
        return db
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.sqlite"
    shutil.copyfile(template, path)
    db = Database.open(path)
    db.set_officer(f"Petugas {name}", "KC Jambi")
    return db


def add_village(db: Database, name: str = "Sungai Baung", code: str | None = None) -> str:
    return create_village(
        db,
        VillageInput(name=name, kecamatan="Muara Bulian", kabupaten="Batanghari", region_code=code),
    ).id


def add_person(
    db: Database,
    village_id: str | None,
    name: str,
    nik: str | None = None,
    status: str = "prospect",
    phone: str | None = None,
) -> str:
    return create_participant(
        db,
        ParticipantInput(
            name=name,
            nik=nik,
            village_id=village_id,
            status=status,
            phone=phone,
            registration_date=date(2024, 5, 2) if status != "prospect" else None,
        ),
    ).row.id


def export(db: Database, path: Path) -> Path:
    return export_workbook(db, path).path


def import_(db: Database, path: Path, **kw) -> ImportOutcome:
    return import_workbook(db, path, **kw)


def digest(db: Database) -> str:
    return content_digest(db)
