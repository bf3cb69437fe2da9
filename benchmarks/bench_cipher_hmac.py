"""What SQLCipher's page authentication costs on a whole-file read (the start-up check).

    python benchmarks/bench_cipher_hmac.py                      # 100k people, 3 runs
    python benchmarks/bench_cipher_hmac.py --participants 500000 --repeat 1

The same demo database (cached, shared with the other benchmarks) as a plain file and
as three SQLCipher copies that differ only in their per-page HMAC: HMAC-SHA512 (the
SQLCipher 4 default, what the app uses), HMAC-SHA256, and none. Each is read whole by
``PRAGMA quick_check`` (what ``Database.open`` runs before touching a file) and by a
``count(*)`` over a LIKE that matches nothing; the page cache is fresh for each run, the
file is in the OS cache (a warm second start). Ratios are against the plain file in the
same run. Not a test: the figures behind "why HMAC-SHA512 stays" in docs/security.md.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_participants_table import build_database  # noqa: E402

from desasadar_gui.db.cipher import dbapi  # noqa: E402

KEY = f"x'{secrets.token_hex(32)}'"
PROFILES = {
    "HMAC-SHA512 (default, used)": [],
    "HMAC-SHA256": ["cipher_hmac_algorithm = HMAC_SHA256"],
    "no HMAC": ["cipher_use_hmac = OFF"],
}
READS = {
    "quick_check": "PRAGMA quick_check(20)",
    "scan: name LIKE no hit": "SELECT count(*) FROM participants WHERE name LIKE '%zzzq%'",
}


def encrypted_copy(plain: Path, target: Path, pragmas: list[str]) -> Path:
    con = dbapi.connect(str(plain))
    try:
        con.execute(f'ATTACH DATABASE ? AS e KEY "{KEY}"', (str(target),))
        for pragma in pragmas:
            con.execute(f"PRAGMA e.{pragma}")
        con.execute("SELECT sqlcipher_export('e')")
        con.execute("DETACH DATABASE e")
    finally:
        con.close()
    return target


def timed(path: Path, pragmas: list[str] | None, sql: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        con = dbapi.connect(str(path))
        try:
            if pragmas is not None:
                con.execute(f'PRAGMA key = "{KEY}"')
                for pragma in pragmas:
                    con.execute(f"PRAGMA {pragma}")
            started = time.perf_counter()
            con.execute(sql).fetchall()
            times.append(time.perf_counter() - started)
        finally:
            con.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "desasadar-bench-participants",
    )
    args = parser.parse_args()
    plain = build_database(
        args.cache_dir / f"participants-{args.participants}.sqlite", args.participants
    )
    print(f"{plain.name}: {plain.stat().st_size / 2**20:,.0f} MiB, median of {args.repeat}")
    with tempfile.TemporaryDirectory(prefix="desasadar-hmac-") as tmp:
        copies = {
            name: encrypted_copy(plain, Path(tmp) / f"{n}.sqlite", pragmas)
            for n, (name, pragmas) in enumerate(PROFILES.items())
        }
        print(f"  {'read':<24}{'profile':<30}{'time':>10}{'ratio':>9}")
        for read, sql in READS.items():
            base = timed(plain, None, sql, args.repeat)
            print(f"  {read:<24}{'plain':<30}{base * 1000:>8.0f} ms{1:>8.2f}x")
            for name, path in copies.items():
                t = timed(path, PROFILES[name], sql, args.repeat)
                print(f"  {'':<24}{name:<30}{t * 1000:>8.0f} ms{t / base:>8.2f}x")


if __name__ == "__main__":
    main()
