"""The command line on a PostgreSQL database: ``--db`` (or ``DESASADAR_DB``) takes a
server URL; file-only commands and a server that cannot be reached are plain messages
with exit code 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pg_cluster
from test_cli import run


def _stats(target: str | Path) -> dict:
    result = run("--db", str(target), "stats", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_on_a_server_gives_the_same_data_as_on_a_file(pg_url: str, tmp_path: Path) -> None:
    on_server = run("--db", pg_url, "demo", "--participants", "1000", "--seed", "7")
    assert on_server.returncode == 0, on_server.stderr
    on_file = run("--db", str(tmp_path / "a.sqlite"), "demo", "--participants", "1000",
                  "--seed", "7")  # fmt: skip
    assert on_file.returncode == 0, on_file.stderr
    server, file = _stats(pg_url), _stats(tmp_path / "a.sqlite")
    assert server["participants"] == 1000
    # The same records on both engines: the same content digest.
    assert server["content_digest"] == file["content_digest"]
    assert pg_cluster.PASSWORD not in on_server.stdout + on_server.stderr


def test_the_database_url_may_come_from_the_environment(pg_url: str) -> None:
    result = run("stats", "--json", env={"DESASADAR_DB": pg_url})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["participants"] == 0


def test_file_only_commands_are_refused_with_the_pg_dump_hint(pg_url: str) -> None:
    for command in (["backup"], ["passphrase", "status"], ["restore", "x.sqlite"]):
        result = run("--db", pg_url, *command)
        assert result.returncode == 2, (command, result.stderr)
        assert "pg_dump" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_server_that_refuses_or_is_away_is_a_plain_message(pg_url: str) -> None:
    wrong = pg_url.replace(pg_cluster.PASSWORD, "bukan-sandinya-x9")
    result = run("--db", wrong, "stats")
    assert result.returncode == 2
    assert "menolak login" in result.stderr and "bukan-sandinya-x9" not in result.stderr
    base, _ = pg_url.rsplit("/", 1)
    result = run("--db", base + "/tidak_ada", "demo", "--participants", "10")
    assert result.returncode == 2
    assert "tidak ada" in result.stderr and "Traceback" not in result.stderr
