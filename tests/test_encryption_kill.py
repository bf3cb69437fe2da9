"""A kill or a power cut while an existing plain database is being encrypted loses
nothing: every file is plain or encrypted (never half of either), the next start
finishes each half-done swap, and the encryption then completes with the passphrase."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from safety_helpers import add_people

from desasadar_gui.cli.main import clean_leftovers
from desasadar_gui.db import cipher
from desasadar_gui.db.backup_files import backup_files, backups_dir
from desasadar_gui.services import backups, security
from desasadar_gui.services.database import Database
from desasadar_gui.services.stats import content_digest

CHILD = (
    "import sys; from desasadar_gui.services import security; "
    "security.encrypt_database(sys.argv[1], security.prepare_key(sys.argv[2])); "
    "print('encrypted', flush=True)"
)


def _kill_at(path: Path, point: str) -> None:
    env = dict(os.environ, DESASADAR_ENCRYPT_HOOK=f"{point}:60")
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as child:
        try:
            line = child.stdout.readline().strip()
        finally:
            child.send_signal(signal.SIGKILL)
            _, err = child.communicate(timeout=30)
    assert line == f"encrypt-hook {point}", err[-2000:]


def _leftovers(path: Path) -> list[str]:
    names = [p.name for p in path.parent.iterdir()] + [p.name for p in backups_dir(path).iterdir()]
    return [n for n in names if n.endswith((".part", ".encrypting", ".plain-old")) or ".part" in n]


@pytest.mark.slow
@pytest.mark.parametrize("point", ["after-backup", "mid-swap"])
def test_a_kill_during_encryption_loses_nothing_and_the_next_run_finishes(
    db: Database, point: str
) -> None:
    add_people(db)
    for _ in range(3):
        backups.take_backup(db, backups.MANUAL)
    path = db.path
    digest = content_digest(db)
    db.close()

    _kill_at(path, point)

    # The next start: leftovers cleaned, half-done swaps finished, nothing lost.
    clean_leftovers(path)
    assert _leftovers(path) == []
    # The three, and the copy of the data as it was, taken before the first swap.
    assert path.exists() and len(backup_files(path)) == 4
    assert security.protection(path) == security.INTERRUPTED  # the key file is there
    kinds = {cipher.file_kind(b.path) for b in backup_files(path)}
    assert cipher.ENCRYPTED in kinds  # at least the first copy was done
    with pytest.raises(cipher.PassphraseNeededError):
        security.encrypt_database(path)  # finishing needs the passphrase

    security.unlock(path, PASSPHRASE)
    for b in backup_files(path):  # every copy readable, plain or encrypted
        assert backups.validate_backup_file(b.path).ok
    result = security.encrypt_database(path)
    assert not result.left_plain
    assert cipher.file_kind(path) == cipher.ENCRYPTED
    assert {cipher.file_kind(b.path) for b in backup_files(path)} == {cipher.ENCRYPTED}
    assert _leftovers(path) == []
    with Database.open(path) as reopened:
        assert content_digest(reopened) == digest
