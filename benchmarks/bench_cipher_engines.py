"""Which encrypted SQLite engine: sqlcipher3 (SQLCipher 4) against apsw-sqlite3mc
(SQLite3 Multiple Ciphers), with the plain stdlib ``sqlite3`` in the same run as floor.

    python benchmarks/bench_cipher_engines.py                 # 100k rows, 3 runs each
    python benchmarks/bench_cipher_engines.py --rows 500000 --repeat 1

For each engine and mode it measures, on a file of its own in a scratch folder:

- insert: N participant-shaped rows (15 columns) with ``executemany`` in one
  transaction, then two indexes (NIK, name);
- open: connect, key, first read of the schema (what every start pays);
- scan: ``count(*) WHERE name LIKE '%zzzq%'`` (no hit: every page is read, and for a
  cipher every page decrypted);
- prefix: ``WHERE nik >= ? AND nik < ? LIMIT 100`` through the index;
- first rows: ``ORDER BY name LIMIT 200`` through the index.

Engines that are not installed are skipped. Keys are raw 256-bit keys (``x'..'`` for
SQLCipher, ``hexkey`` for sqlite3mc), so neither engine's own KDF is in the figures;
the app derives its key once with scrypt (docs/security.md). Not a test: the figures
behind the engine choice in docs/security.md.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KEY_HEX = secrets.token_hex(32)
COLUMNS = (
    "id, nik, name, gender, birth_date, phone, address, village_id, occupation, role, "
    "income, programmes, contribution, status, registered_on"
)


def rows(n: int, seed: int = 1) -> list[tuple]:
    rnd = random.Random(seed)
    first = ("Siti", "Ahmad", "Budi", "Rahmat", "Dewi", "Nur", "Agus", "Sri", "Yusuf", "Ani")
    last = ("Hidayat", "Saputra", "Wati", "Lestari", "Pratama", "Nasution", "Harahap")
    out = []
    for i in range(n):
        out.append(
            (
                f"{i:032x}",
                f"1504{rnd.randrange(10**12):012d}",
                f"{rnd.choice(first)} {rnd.choice(last)} {i}",
                rnd.choice("LP"),
                f"19{rnd.randrange(50, 99)}-0{rnd.randrange(1, 9)}-1{rnd.randrange(9)}",
                f"+628{rnd.randrange(10**9, 10**10)}",
                f"RT {rnd.randrange(1, 20)} Dusun {rnd.randrange(1, 9)}, Jambi",
                f"{rnd.randrange(400):032x}",
                rnd.choice(("petani", "nelayan", "pedagang", "ojek")),
                None,
                rnd.randrange(1, 8) * 500_000,
                "JKK,JKM",
                16_800,
                "registered",
                "2025-03-01",
            )
        )
    return out


# -- the engines -------------------------------------------------------------------------


class Engine:
    name = ""

    def connect(self, path: Path):  # noqa: ANN201
        raise NotImplementedError

    def executemany(self, con, sql: str, data: list[tuple]) -> None:  # noqa: ANN001
        con.executemany(sql, data)

    def all(self, con, sql: str, params: tuple = ()) -> list:  # noqa: ANN001
        return list(con.execute(sql, params))

    def begin(self, con) -> None:  # noqa: ANN001
        con.execute("BEGIN")

    def commit(self, con) -> None:  # noqa: ANN001
        con.execute("COMMIT")

    def close(self, con) -> None:  # noqa: ANN001
        con.close()


class Stdlib(Engine):
    name = "sqlite3 (stdlib, plain)"

    def connect(self, path: Path):  # noqa: ANN201
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        return con


class SqlCipher(Engine):
    def __init__(self, keyed: bool) -> None:
        import sqlcipher3.dbapi2 as dbapi  # noqa: PLC0415

        self.dbapi = dbapi
        self.keyed = keyed
        version = dbapi.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0]
        self.name = f"sqlcipher3 (SQLCipher {version}, {'AES-256' if keyed else 'no key'})"

    def connect(self, path: Path):  # noqa: ANN201
        con = self.dbapi.connect(str(path), isolation_level=None)
        if self.keyed:
            con.execute(f"PRAGMA key = \"x'{KEY_HEX}'\"")
        con.execute("PRAGMA journal_mode=WAL")
        return con


class Sqlite3mc(Engine):
    def __init__(self, cipher: str | None) -> None:
        import apsw  # noqa: PLC0415

        self.apsw = apsw
        self.cipher = cipher
        label = cipher or "no key"
        self.name = f"apsw-sqlite3mc ({getattr(apsw, 'mc_version', '?')}, {label})"

    def connect(self, path: Path):  # noqa: ANN201
        con = self.apsw.Connection(str(path))
        if self.cipher is not None:
            con.execute(f"PRAGMA cipher = '{self.cipher}'")
            if self.cipher == "sqlcipher":
                # SQLCipher 4's own format; x'..' is a raw key there (no KDF).
                con.execute("PRAGMA legacy = 4")
                con.execute(f"PRAGMA key = \"x'{KEY_HEX}'\"")
            else:
                # sqlite3mc's ChaCha20 always runs its KDF: one round for a raw key.
                con.execute("PRAGMA kdf_iter = 1")
                con.execute(f"PRAGMA hexkey = '{KEY_HEX}'")
        con.execute("PRAGMA journal_mode=WAL")
        return con

    def executemany(self, con, sql: str, data: list[tuple]) -> None:  # noqa: ANN001
        con.cursor().executemany(sql, data)


def engines() -> list[Engine]:
    found: list[Engine] = [Stdlib()]
    try:
        found += [SqlCipher(False), SqlCipher(True)]
    except ImportError:
        print("sqlcipher3 not installed: skipped")
    try:
        found += [Sqlite3mc(None), Sqlite3mc("chacha20"), Sqlite3mc("sqlcipher")]
    except ImportError:
        print("apsw-sqlite3mc not installed: skipped")
    return found


# -- the measurements -------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def measure(engine: Engine, folder: Path, data: list[tuple], repeat: int) -> dict[str, float]:
    path = folder / f"{abs(hash(engine.name))}.sqlite"
    marks = ", ".join("?" * 15)
    inserts = []
    for _ in range(repeat):
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        con = engine.connect(path)

        def fill(con=con) -> None:  # noqa: ANN001
            con.execute(f"CREATE TABLE people ({COLUMNS})")
            engine.begin(con)
            engine.executemany(con, f"INSERT INTO people VALUES ({marks})", data)
            engine.commit(con)
            con.execute("CREATE INDEX ix_nik ON people (nik)")
            con.execute("CREATE INDEX ix_name ON people (name)")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        inserts.append(timed(fill))
        engine.close(con)
    figures = {"insert": statistics.median(inserts), "size_mb": path.stat().st_size / 2**20}

    def opened() -> None:
        con = engine.connect(path)
        engine.all(con, "SELECT count(*) FROM sqlite_master")
        engine.close(con)

    figures["open"] = statistics.median(timed(opened) for _ in range(repeat * 5))
    con = engine.connect(path)
    try:
        queries = {
            "scan": ("SELECT count(*) FROM people WHERE name LIKE '%zzzq%'", ()),
            "prefix": (
                "SELECT * FROM people WHERE nik >= ? AND nik < ? LIMIT 100",
                ("150412", "150413"),
            ),
            "first rows": ("SELECT * FROM people ORDER BY name LIMIT 200", ()),
        }
        for label, (sql, params) in queries.items():
            engine.all(con, sql, params)  # warm the page cache once, as a session would
            figures[label] = statistics.median(
                timed(lambda sql=sql, params=params: engine.all(con, sql, params))
                for _ in range(repeat * 3)
            )
    finally:
        engine.close(con)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = rows(args.rows)
    results: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-cipher-") as tmp:
        for engine in engines():
            results.append((engine.name, measure(engine, Path(tmp), data, args.repeat)))
    base = results[0][1]
    keys = ("open", "insert", "scan", "prefix", "first rows")
    print(f"\n{args.rows:,} rows, median of {args.repeat} runs (ms; x = over the plain floor)")
    print(f"{'engine':<60}" + "".join(f"{k:>18}" for k in keys) + f"{'MB':>8}")
    for name, fig in results:
        cells = "".join(f"{fig[k]:>10.2f} {fig[k] / base[k]:>5.2f}x " for k in keys)
        print(f"{name:<60}{cells}{fig['size_mb']:>8.1f}")
    print(f"(cores: {os.cpu_count()})")


if __name__ == "__main__":
    main()
