"""The command line as a user runs it: a real process, real files, plain messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desasadar_gui import __version__


def run(
    *args: str, env: dict | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desasadar_gui", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def stats(db: Path) -> dict:
    result = run("--db", str(db), "stats", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"desasadar {__version__}"


def test_demo_then_stats_reports_the_programme(tmp_path: Path) -> None:
    db = tmp_path / "data désa" / "x.sqlite"
    db.parent.mkdir()
    result = run("--db", str(db), "demo", "--participants", "3000", "--seed", "7")
    assert result.returncode == 0, result.stderr
    s = stats(db)
    assert s["participants"] == 3000
    assert s["villages"] >= 5
    assert s["sessions"] > 0 and s["attendance"] > 0
    assert sum(s["participants_by_status"].values()) == 3000
    assert set(s["participants_by_status"]) <= {"prospect", "registered", "active", "inactive"}
    assert len(s["content_digest"]) == 64


def test_same_seed_same_digest_other_seed_differs(tmp_path: Path) -> None:
    digests = []
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        db = tmp_path / f"{name}.sqlite"
        assert run("--db", str(db), "demo", "--participants", "300", "--seed", seed).returncode == 0
        digests.append(stats(db)["content_digest"])
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_env_var_chooses_the_database(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite"
    result = run("demo", "--participants", "50", env={"DESASADAR_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()
    assert stats(db)["participants"] == 50


def test_a_junk_database_file_is_refused_plainly(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"PK\x03\x04 this is a zip, not a database")
    result = run("--db", str(junk), "stats")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "bukan" in result.stderr
    assert junk.read_bytes().startswith(b"PK")


def test_missing_folder_is_refused_plainly(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "no such drive" / "x.sqlite"), "stats")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang, word", [("id", "bukan"), ("en", "not")])
def test_messages_follow_the_language(tmp_path: Path, lang: str, word: str) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello")
    result = run("--db", str(junk), "stats", env={"DESASADAR_LANG": lang})
    assert result.returncode == 2
    assert word in result.stderr
