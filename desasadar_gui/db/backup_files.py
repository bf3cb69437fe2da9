"""Where backup copies of a database file live and how they are named.

Backups of a database are kept in ``<data folder>/backups/<db stem>-<hash of its
path>/`` so that two database files (a laptop's own and one opened from a USB stick)
never mix their copies. A copy is named ``<kind>-<YYYYmmdd-HHMMSS>.sqlite`` (local
time), with ``-2``, ``-3``... when two are taken within the same second.

This module only knows files and the SQLite backup API; the policy (when to back up,
how many to keep, validating and restoring) is in ``services/backups/``. It sits in
``db/`` so that schema upgrades (``db/migrate.py``) can take their copy the same way.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desasadar_gui.db.engine import backup_sqlite
from desasadar_gui.paths import data_dir

DAILY = "daily"
PRE_IMPORT = "pre-import"
PRE_UPGRADE = "pre-upgrade"
PRE_RESTORE = "pre-restore"
MANUAL = "manual"
# A raw copy of a file that SQLite could no longer read, kept before it is replaced.
DAMAGED = "damaged"
KINDS = (DAILY, PRE_IMPORT, PRE_UPGRADE, PRE_RESTORE, MANUAL, DAMAGED)
_KIND_LABELS = {
    DAILY: ("cadangan harian", "daily backup"),
    PRE_IMPORT: ("sebelum impor", "before import"),
    PRE_UPGRADE: ("sebelum pembaruan", "before upgrade"),
    PRE_RESTORE: ("sebelum pemulihan", "before restore"),
    MANUAL: ("cadangan manual", "manual backup"),
    DAMAGED: ("salinan berkas rusak", "copy of a damaged file"),
}

SUFFIX = ".sqlite"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<kind>" + "|".join(re.escape(k) for k in KINDS) + r")-"
    r"(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?" + re.escape(SUFFIX) + r"$"
)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    taken_at: datetime  # local time, from the file name
    seq: int


def kind_label(kind: str, lang: str = "id") -> str:
    label_id, label_en = _KIND_LABELS.get(kind, (kind, kind))
    return label_en if lang == "en" else label_id


def _path_key(db_path: Path | str) -> str:
    resolved = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]


def backups_dir(db_path: Path | str, create: bool = True) -> Path:
    """The folder holding the backups of ``db_path`` (one folder per database file)."""
    stem = Path(db_path).stem or "database"
    folder = data_dir() / "backups" / f"{stem}-{_path_key(db_path)}"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return BackupFile(path, match["kind"], taken, int(match["seq"] or 1))


def backup_files(db_path: Path | str) -> list[BackupFile]:
    """The backups of ``db_path`` found on disk, newest first."""
    folder = backups_dir(db_path, create=False)
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if p.is_file() and (b := parse_backup_name(p))]
    return sorted(found, key=lambda b: (b.taken_at, b.seq), reverse=True)


def new_backup_path(folder: Path, kind: str, when: datetime | None = None) -> Path:
    """A name not yet used in ``folder`` for a ``kind`` copy taken at ``when``."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind: {kind}")
    stamp = (when or datetime.now()).strftime(_STAMP)
    # Past every copy of that second already there (even one removed by rotation
    # since): a new copy must never sort as older than an existing one.
    taken = [
        b.seq
        for p in folder.glob(f"{kind}-{stamp}*")
        if (b := parse_backup_name(p.with_name(p.name.removesuffix(".part"))))
    ]
    seq = max(taken, default=0) + 1
    path = folder / (f"{kind}-{stamp}{SUFFIX}" if seq == 1 else f"{kind}-{stamp}-{seq}{SUFFIX}")
    while path.exists() or Path(str(path) + ".part").exists():
        seq += 1
        path = folder / f"{kind}-{stamp}-{seq}{SUFFIX}"
    return path


def take_backup_file(db_path: Path | str, kind: str, out: Path | str | None = None) -> Path:
    """A consistent copy of the database file at ``db_path`` (which may be open and live).

    Written to ``out`` if given, else into the database's backups folder. The copy is
    complete and durable under its final name, or absent.
    """
    target = Path(out) if out is not None else new_backup_path(backups_dir(db_path), kind)
    return backup_sqlite(db_path, target)
