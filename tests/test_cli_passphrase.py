"""The passphrase on the command line: DESASADAR_PASSPHRASE or a terminal prompt; with
neither, or with a wrong one, a plain message and exit 2 (never "damaged")."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from desasadar_gui.db import cipher

PASS = "sawit dan karet di batanghari"
NEW = "kebun kopi di kerinci tinggi"


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DESASADAR_PASS")}
    base.pop("DESASADAR_NEW_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "desasadar_gui", *args],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        env={**base, **env},
    )


def recovery_key(stderr: str) -> str:
    found = re.search(r"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})\b", stderr)
    assert found, stderr
    return found.group(1)


def test_created_encrypted_by_env_opened_refused_and_rekeyed(tmp_path: Path) -> None:
    db = tmp_path / "petugas.sqlite"
    made = run("--db", str(db), "demo", "--participants", "30", DESASADAR_PASSPHRASE=PASS)
    assert made.returncode == 0, made.stderr
    key = recovery_key(made.stderr)
    assert cipher.is_encrypted(db) and not db.read_bytes().startswith(b"SQLite format 3")

    opened = run("--db", str(db), "stats", "--json", DESASADAR_PASSPHRASE=PASS)
    assert opened.returncode == 0, opened.stderr
    digest = json.loads(opened.stdout)["content_digest"]

    locked = run("--db", str(db), "stats")  # no terminal, no variable
    assert locked.returncode == 2
    assert "DESASADAR_PASSPHRASE" in locked.stderr and "Traceback" not in locked.stderr

    wrong = run("--db", str(db), "stats", DESASADAR_PASSPHRASE="salah")
    assert wrong.returncode == 2
    assert "Kata sandi salah" in wrong.stderr
    assert "rusak" not in wrong.stderr and "Traceback" not in wrong.stderr
    english = run("--db", str(db), "stats", DESASADAR_PASSPHRASE="salah", DESASADAR_LANG="en")
    assert english.returncode == 2 and "Wrong passphrase" in english.stderr

    by_recovery = run("--db", str(db), "stats", "--json", DESASADAR_PASSPHRASE=key)
    assert by_recovery.returncode == 0, by_recovery.stderr
    assert json.loads(by_recovery.stdout)["content_digest"] == digest

    changed = run(
        "--db", str(db), "passphrase", "change",
        DESASADAR_PASSPHRASE=PASS, DESASADAR_NEW_PASSPHRASE=NEW,
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert run("--db", str(db), "stats", DESASADAR_PASSPHRASE=PASS).returncode == 2
    after = run("--db", str(db), "stats", "--json", DESASADAR_PASSPHRASE=NEW)
    assert after.returncode == 0 and json.loads(after.stdout)["content_digest"] == digest

    exported = run("--db", str(db), "export", str(tmp_path / "out.xlsx"), DESASADAR_PASSPHRASE=NEW)
    assert exported.returncode == 0, exported.stderr


def test_passphrase_set_encrypts_a_plain_database_and_its_backups(tmp_path: Path) -> None:
    db = tmp_path / "lama.sqlite"
    assert run("--db", str(db), "demo", "--participants", "20").returncode == 0
    assert db.read_bytes().startswith(b"SQLite format 3")
    assert run("--db", str(db), "backup").returncode == 0
    before = json.loads(run("--db", str(db), "stats", "--json").stdout)["content_digest"]

    refused = run("--db", str(db), "passphrase", "set", DESASADAR_NEW_PASSPHRASE="pendek")
    assert refused.returncode == 2 and "Terlalu pendek" in refused.stderr

    done = run("--db", str(db), "passphrase", "set", DESASADAR_NEW_PASSPHRASE=PASS)
    assert done.returncode == 0, done.stderr
    recovery_key(done.stderr)
    assert run("--db", str(db), "passphrase", "status").stdout.strip() == "encrypted"
    after = run("--db", str(db), "stats", "--json", DESASADAR_PASSPHRASE=PASS)
    assert json.loads(after.stdout)["content_digest"] == before
    listed = run("--db", str(db), "backup", DESASADAR_PASSPHRASE=PASS)
    assert listed.returncode == 0, listed.stderr
    for copy in Path(listed.stdout.strip()).parent.glob("*.sqlite"):
        assert not copy.read_bytes().startswith(b"SQLite format 3"), copy.name
