"""The region reference in the database: importing checked rows (all or nothing,
upsert by code) and the lookups of the region picker."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from desasadar_gui.db.models import RegionArea, Setting
from desasadar_gui.errors import current_language
from desasadar_gui.services.database import Database
from desasadar_gui.services.regions.codes import (
    _CODE_LENGTH,
    _LEVEL_WORDS,
    LEVEL_DISTRICT,
    LEVEL_REGENCY,
    LEVEL_VILLAGE,
    _fail,
    normalise_code,
    village_kind_for_code,
)
from desasadar_gui.services.regions.files import _collect, _Row

SETTING_KEY = "region_dataset"

_CHUNK = 500


@dataclass(frozen=True)
class RegionImportResult:
    regencies: int
    districts: int
    villages: int
    dataset_version: str
    files: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.regencies + self.districts + self.villages

    def describe(self) -> str:
        """Plain lines (Indonesian / English) for the command line."""
        files = ", ".join(self.files)
        return "\n".join(
            [
                f"Data wilayah dimuat / region data loaded: {files}",
                f"Kabupaten/kota / regencies:  {self.regencies}",
                f"Kecamatan / districts:       {self.districts}",
                f"Desa/kelurahan / villages:   {self.villages}",
                f"Versi / version:             {self.dataset_version}",
            ]
        )


@dataclass(frozen=True)
class RegionItem:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class VillagePlace:
    code: str
    name: str
    kind: str  # desa / kelurahan, from the code
    district_code: str
    kecamatan: str
    regency_code: str
    kabupaten: str
    dataset_version: str


def _existing_codes(s: Session, codes: Iterable[str]) -> set[str]:
    codes = list(codes)
    found: set[str] = set()
    for i in range(0, len(codes), _CHUNK):
        chunk = codes[i : i + _CHUNK]
        found.update(s.scalars(select(RegionArea.code).where(RegionArea.code.in_(chunk))))
    return found


def _check_parents(s: Session, rows: list[_Row]) -> None:
    present = {r.code for r in rows}
    wanted = {r.parent_code for r in rows if r.parent_code} - present
    missing = wanted - _existing_codes(s, wanted)
    if not missing:
        return
    for r in rows:
        if r.parent_code in missing:
            p_id, p_en = _LEVEL_WORDS[r.level - 1]
            raise _fail(
                f"{r.where_id}: kode induk {r.parent_code} ({p_id}) tidak ada di berkas yang "
                "diimpor maupun di data wilayah yang sudah dimuat. Impor juga berkas "
                f"{p_id}.",
                f"{r.where_en}: the parent code {r.parent_code} ({p_en}) is neither in the "
                f"imported files nor in the region data already loaded. Import the {p_en} "
                "file too.",
            )


DERIVED_VERSION_PREFIX = "sha256:"


def _default_version(rows: list[_Row]) -> str:
    digest = hashlib.sha256()
    for r in sorted(rows, key=lambda r: r.code):
        digest.update(f"{r.code}\t{r.parent_code or ''}\t{r.name}\t{r.kind}\n".encode())
    return DERIVED_VERSION_PREFIX + digest.hexdigest()[:16]


def version_label(version: str | None, lang: str | None = None) -> str:
    """A dataset version as an officer reads it: a named one ("Kepmendagri
    300.2.2-2138/2025") as written; one derived from the files' content (a hash, kept
    so that laptops agree) in plain words instead of the hash."""
    if not version:
        return "—"
    if not version.startswith(DERIVED_VERSION_PREFIX):
        return version
    if (lang or current_language()) == "en":
        return "no version number given (recognised by the files' content)"
    return "tanpa nomor versi (dikenali dari isi berkasnya)"


def import_regions(
    db: Database,
    paths: Sequence[Path],
    dataset_version: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RegionImportResult:
    """Load region reference files into the database, all or nothing.

    Rows with the codes in the files replace the stored ones (upsert); other stored
    codes stay. ``dataset_version`` (e.g. "Kepmendagri 300.2.2-2138/2025") is stored
    with every row and in the ``region_dataset`` setting; when omitted, a version is
    derived from the content, so the same files give the same version everywhere.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise _fail("Tidak ada berkas wilayah yang dipilih.", "No region file was chosen.")
    rows = _collect(paths)
    if not rows:
        raise _fail(
            "Berkas wilayah tidak berisi satu baris data pun.",
            "The region files contain no data rows.",
        )
    version = (dataset_version or "").strip() or _default_version(rows)
    if len(version) > 60:
        raise _fail(
            "Nama versi data wilayah terlalu panjang (maks. 60 karakter).",
            "The region dataset version is too long (max 60 characters).",
        )
    rows.sort(key=lambda r: (r.level, r.code))
    total = len(rows)
    if progress:
        progress(0, total)
    with db.session() as s:
        _check_parents(s, rows)
        table = RegionArea.__table__
        assert isinstance(table, Table)  # a mapped class's FromClause: here its Table
        for i in range(0, total, _CHUNK):
            chunk = rows[i : i + _CHUNK]
            s.execute(delete(table).where(table.c.code.in_([r.code for r in chunk])))
            s.execute(
                insert(table),
                [
                    {
                        "code": r.code,
                        "level": r.level,
                        "parent_code": r.parent_code,
                        "name": r.name,
                        "kind": r.kind,
                        "dataset_version": version,
                    }
                    for r in chunk
                ],
            )
            if progress:
                progress(min(i + _CHUNK, total), total)
        setting = s.get(Setting, SETTING_KEY)
        if setting is None:
            s.add(Setting(key=SETTING_KEY, value=version))
        else:
            setting.value = version
    counts = {level: 0 for level in _CODE_LENGTH}
    for r in rows:
        counts[r.level] += 1
    return RegionImportResult(
        regencies=counts[LEVEL_REGENCY],
        districts=counts[LEVEL_DISTRICT],
        villages=counts[LEVEL_VILLAGE],
        dataset_version=version,
        files=tuple(p.name for p in paths),
    )


# -- lookups --------------------------------------------------------------------------


def _sort_items(items: Iterable[RegionItem]) -> list[RegionItem]:
    return sorted(items, key=lambda it: (it.name.casefold(), it.code))


def has_regions(db: Database) -> bool:
    with db.read_session() as s:
        return s.scalar(select(RegionArea.code).limit(1)) is not None


def region_dataset_version(db: Database) -> str | None:
    """The version of the last region import, or None when none was loaded."""
    with db.read_session() as s:
        row = s.get(Setting, SETTING_KEY)
        return row.value if row is not None and row.value else None


def region_counts(db: Database) -> dict[str, int]:
    """{'regencies': n, 'districts': n, 'villages': n} stored now."""
    with db.read_session() as s:
        got = {
            level: n
            for level, n in s.execute(
                select(RegionArea.level, func.count()).group_by(RegionArea.level)
            )
        }
    return {
        "regencies": got.get(LEVEL_REGENCY, 0),
        "districts": got.get(LEVEL_DISTRICT, 0),
        "villages": got.get(LEVEL_VILLAGE, 0),
    }


def _children(db: Database, level: int, parent_code: str | None) -> list[RegionItem]:
    stmt = select(RegionArea.code, RegionArea.name, RegionArea.kind).where(
        RegionArea.level == level
    )
    if parent_code is not None:
        stmt = stmt.where(RegionArea.parent_code == normalise_code(parent_code))
    with db.read_session() as s:
        return _sort_items(RegionItem(c, n, k) for c, n, k in s.execute(stmt))


def list_regencies(db: Database) -> list[RegionItem]:
    return _children(db, LEVEL_REGENCY, None)


def list_districts(db: Database, regency_code: str) -> list[RegionItem]:
    return _children(db, LEVEL_DISTRICT, regency_code)


def list_villages(db: Database, district_code: str) -> list[RegionItem]:
    return _children(db, LEVEL_VILLAGE, district_code)


def describe_village_code(db: Database, code: str) -> VillagePlace | None:
    """Village, kecamatan and kabupaten names of a village code; None when unknown."""
    code = normalise_code(code)
    if len(code) != 10 or not code.isdigit():
        return None
    wanted = (code, code[:6], code[:4])
    with db.read_session() as s:
        found = {
            c: (n, k, v)
            for c, n, k, v in s.execute(
                select(
                    RegionArea.code, RegionArea.name, RegionArea.kind, RegionArea.dataset_version
                ).where(RegionArea.code.in_(wanted))
            )
        }
    if code not in found:
        return None
    name, stored_kind, version = found[code]
    return VillagePlace(
        code=code,
        name=name,
        kind=village_kind_for_code(code) or stored_kind or "desa",
        district_code=code[:6],
        kecamatan=found.get(code[:6], ("", "", ""))[0],
        regency_code=code[:4],
        kabupaten=found.get(code[:4], ("", "", ""))[0],
        dataset_version=version,
    )
