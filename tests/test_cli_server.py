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


def _import_changes(target: str | Path, workbook: Path) -> str:
    result = run("--db", str(target), "import", str(workbook))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_workbook_moves_between_a_server_and_a_file_both_ways(
    pg_new_database, tmp_path: Path
) -> None:
    """Issue 15, acceptance 1, by the commands an officer and a branch admin type:
    demo on the server -> export -> import into a file gives the same content digest,
    the reverse direction too, and importing the same workbook again changes nothing."""
    server_a, server_b = pg_new_database(), pg_new_database()
    file_a, file_b = tmp_path / "laptop a.sqlite", tmp_path / "laptop b.sqlite"

    assert run("--db", server_a, "demo", "--participants", "800", "--seed", "3").returncode == 0
    book = tmp_path / "dari server.xlsx"
    exported = run("--db", server_a, "export", str(book))
    assert exported.returncode == 0, exported.stderr
    _import_changes(file_b, book)
    assert _stats(file_b)["content_digest"] == _stats(server_a)["content_digest"]

    assert run("--db", str(file_a), "demo", "--participants", "800", "--seed", "4").returncode == 0
    back = tmp_path / "dari laptop.xlsx"
    assert run("--db", str(file_a), "export", str(back)).returncode == 0
    _import_changes(server_b, back)
    assert _stats(server_b)["content_digest"] == _stats(file_a)["content_digest"]

    for target, workbook in ((file_b, book), (server_b, back)):
        before = _stats(target)["content_digest"]
        said = _import_changes(target, workbook)
        assert "tidak ada yang diubah" in said or "baru 0, diperbarui 0" in said, said
        assert _stats(target)["content_digest"] == before
