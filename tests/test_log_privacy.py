"""No NIK, name or phone number of a participant ends up in the log file.

A session of typical use (register and edit people, a duplicate NIK refused, sessions
with a walk-in, backups, export and import, a restore, bugs with personal data in
their exception messages, a failing background task), then the log is grepped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from safety_helpers import PEOPLE, add_people
from sqlalchemy import text

from desasadar_gui import logs
from desasadar_gui.errors import UserError
from desasadar_gui.logs import mask_personal_data, setup_logging, shutdown_logging
from desasadar_gui.services import backups
from desasadar_gui.services.database import Database
from desasadar_gui.services.history import record_history
from desasadar_gui.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
    update_participant,
)
from desasadar_gui.services.sessions import SessionInput, add_walkin, create_session
from desasadar_gui.services.villages import VillageInput, create_village

# Each test using `db` runs on SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.both_engines

WALKIN = ("Yusuf Maulana", "081377712345")
VILLAGE_HEAD = "Hasan Basri"


@pytest.fixture
def log_file() -> Iterator[Path]:
    shutdown_logging()
    path = setup_logging(logging.DEBUG)
    yield path
    shutdown_logging()


def _personal_values() -> list[str]:
    values = []
    for name, nik, phone in PEOPLE:
        values += [nik, phone, phone[1:], "62" + phone[1:], name, *name.split()]
    values += [WALKIN[0], *WALKIN[0].split(), WALKIN[1], VILLAGE_HEAD, *VILLAGE_HEAD.split()]
    return values


def _log_text(log_file: Path) -> str:
    for handler in logging.getLogger("desasadar").handlers:
        handler.flush()
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(log_file.parent.glob(log_file.name + "*"))
    )


def _typical_session(db: Database, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    log = logging.getLogger("desasadar.test")
    village = create_village(db, VillageInput(name="Sungai Baung", head_name=VILLAGE_HEAD))
    ids = add_people(db)
    first = get_participant(db, ids[0])
    update_participant(
        db,
        ids[0],
        ParticipantInput(
            name=first.name,
            nik=first.nik,
            phone=first.phone,
            village_id=village.id,
            monthly_income=1_500_000,
        ),
    )
    # The same NIK again: refused, as a plain message.
    with pytest.raises(UserError):
        create_participant(db, ParticipantInput(name="Orang Lain", nik=PEOPLE[1][1]))
    session = create_session(db, SessionInput(village_id=village.id, held_on=date(2025, 3, 12)))
    add_walkin(db, session.id, WALKIN[0], WALKIN[1])
    record_history(db, "participants", ids[0])

    # Backups: manual, daily, before an import, a restore.
    copy = backups.take_backup(db, backups.MANUAL)
    backups.daily_backup_if_due(db)

    # Bugs whose exception messages carry personal data, logged with their tracebacks.
    name, nik, phone = PEOPLE[2]
    try:
        {}[name]
    except KeyError:
        log.exception("lookup failed")
    try:
        raise ValueError(f"unexpected NIK {nik} or phone {phone} for {name!r}")
    except ValueError:
        log.exception("validation bug")
    try:  # a database error: SQLAlchemy would print the statement's parameters
        with db.session() as s:
            s.execute(
                text(
                    "INSERT INTO participants (id, rev, created_at, updated_at, updated_by, "
                    "nik, name) VALUES (:id, 'r', '2025-01-01', '2025-01-01', 'd', :nik, :name)"
                ),
                {"id": ids[0], "nik": nik, "name": name},
            )
    except Exception:
        log.exception("insert failed")
    log.info("participant %s saved (%s)", nik, phone)  # a careless message

    # A failing background task in the GUI (logged by ui/kit/background.py).
    from desasadar_gui.ui.kit.background import run_in_background

    failures = []

    def work(progress, cancelled):  # noqa: ANN001
        raise RuntimeError(f"could not save {name!r} with NIK {nik}")

    run_in_background(work, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)

    # Sync, when the workbook import is part of the build.
    try:
        from desasadar_gui.sync.workbook_export import export_workbook
        from desasadar_gui.sync.workbook_import import import_workbook
    except ImportError:
        pass
    else:
        workbook = export_workbook(db, tmp_path / "ekspor.xlsx").path
        export_workbook(db, tmp_path / "supervisor.xlsx", privacy=True)
        other_path = tmp_path / "laptop lain.sqlite"
        with Database.open(other_path) as other:
            import_workbook(other, workbook)
            second = get_participant(other, ids[1])
            update_participant(
                other, ids[1], replace(_input(second), address="Dusun III Sungai Baung")
            )
            back = export_workbook(other, tmp_path / "kembali.xlsx").path
        import_workbook(db, back)

    path = db.path
    db.close()
    backups.restore_backup(path, copy)


def _input(row) -> ParticipantInput:  # noqa: ANN001
    return ParticipantInput(
        name=row.name,
        nik=row.nik,
        phone=row.phone,
        address=row.address,
        village_id=row.village_id,
        monthly_income=row.monthly_income,
    )


@pytest.mark.sqlite_only(reason="typical use includes a backup of the database file")
def test_no_nik_name_or_phone_in_the_log_after_typical_use(
    qtbot, db: Database, tmp_path: Path, log_file: Path
) -> None:
    _typical_session(db, tmp_path, qtbot)

    logged = _log_text(log_file)
    assert "lookup failed" in logged and "validation bug" in logged  # it did log
    assert "background task failed" in logged
    leaks = [v for v in _personal_values() if re.search(re.escape(v), logged)]
    assert leaks == [], f"personal data in the log: {leaks}\n{logged[-3000:]}"
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", logged)


def test_the_filter_masks_what_looks_personal() -> None:
    assert mask_personal_data("NIK 1504014506900001 ok") == "NIK [NIK] ok"
    assert mask_personal_data("NIK 1504 0145 0690 0001") == "NIK [NIK]"
    assert mask_personal_data("hp 0812-3456-7801, +62 812 3456 7801") == "hp [phone], [phone]"
    # Revisions, backup names, counts and sizes stay readable.
    kept = "rev 1795562268455-00000-bb76 daily-20250312-174000.sqlite 20000 rows 90464256 B"
    assert mask_personal_data(kept) == kept
    assert "[parameters: hidden]" in mask_personal_data(
        "(sqlite3.IntegrityError) UNIQUE constraint failed\n"
        "[SQL: INSERT INTO x VALUES (?)]\n[parameters: ('Siti Aminah',)]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )


def test_log_records_stay_usable_for_support(log_file: Path) -> None:
    log = logging.getLogger("desasadar.test")
    try:
        raise AttributeError("'DemoSummary' object has no attribute 'describe'")
    except AttributeError:
        log.exception("bug in %s", "cmd_demo")
    logged = _log_text(log_file)
    assert "bug in cmd_demo" in logged
    assert "'DemoSummary' object has no attribute 'describe'" in logged
    assert logs.LOG_NAME in log_file.name
