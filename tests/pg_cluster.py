"""A throw-away PostgreSQL server for the test run: ``initdb`` + ``pg_ctl`` on 127.0.0.1.

Started once per session (see ``tests/conftest.py``: ``pg_cluster``), in a private
temporary folder (data directory and socket directory), on a free port, with
``fsync=off`` (a test server needs no durability), and stopped at the end of the run
(also from ``atexit`` if pytest is killed softly).

``initdb`` refuses to run as root: under root (CI) every server command runs as the
``postgres`` user that the Debian ``postgresql`` package creates (``runuser``), and
the folder is handed to that user. The server binaries are found through
``DESASADAR_PG_BINDIR`` (only that folder, when set), ``pg_config --bindir`` or
``/usr/lib/postgresql/*/bin`` (the newest). None found: the PostgreSQL tests are
skipped with that reason, unless ``DESASADAR_REQUIRE_PG=1`` (``.ci/run``), which
turns the skip into a failure.

The superuser role is ``desasadar`` with a password (host connections use
scram-sha-256, so a wrong password is refused as on a real server).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "desasadar"
PASSWORD = "rahasia-uji"
TEMPLATE = "desasadar_template"


def find_bindir() -> Path | None:
    candidates: list[str] = []
    if os.environ.get("DESASADAR_PG_BINDIR"):  # given: that folder or none at all
        folder = Path(os.environ["DESASADAR_PG_BINDIR"])
        return folder if (folder / "initdb").is_file() else None
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
            candidates.append(out)
        except (OSError, subprocess.CalledProcessError):
            pass

    def version(path: str) -> float:
        try:
            return float(Path(path).parent.name)
        except ValueError:
            return 0.0

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgCluster:
    bindir: Path
    root: Path
    port: int
    run_as: str | None  # "postgres" when the tests run as root

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, dbname: str, password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{dbname}"

    def _cmd(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return [*prefix, *args]

    def _run(self, *args: str) -> None:
        result = subprocess.run(self._cmd(*args), capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({result.returncode}): "
                f"{result.stderr.strip() or result.stdout.strip()}"
            )

    def start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self.run_as:
            owner = pwd.getpwnam(self.run_as)
            for path in (self.root, pwfile):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            USER,
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8" if _has_c_utf8() else "--locale=C",
            "--no-sync",
        )
        pwfile.unlink()
        sock = self.socket_dir
        self._run("mkdir", "-p", str(sock))
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {sock} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=64MB"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        if not (self.datadir / "postmaster.pid").exists():
            return
        subprocess.run(
            self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "fast", "stop"),
            capture_output=True,
        )

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join((self.root / "server.log").read_text().splitlines()[-lines:])
        except OSError:
            return ""


def _has_c_utf8() -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
    except OSError:
        return False
    return any(name.lower() in ("c.utf8", "c.utf-8") for name in out.split())


def start_cluster() -> PgCluster:
    """Start a server (raises RuntimeError when it cannot; None binaries: see caller)."""
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl) found")
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError as exc:
            raise RuntimeError("running as root and there is no 'postgres' user") from exc
        run_as = "postgres"
    root = Path(tempfile.mkdtemp(prefix="desasadar-pg-"))
    root.chmod(0o700)
    cluster = PgCluster(bindir, root, _free_port(), run_as)
    atexit.register(cluster.cleanup)
    try:
        cluster.start()
    except BaseException:
        tail = cluster.log_tail()
        cluster.cleanup()
        if tail:
            raise RuntimeError(f"PostgreSQL did not start:\n{tail}") from None
        raise
    return cluster
