"""Which villages the demo works in and how far each one got: the designated
villages, more from the region reference (or the built-in list), markets; their
status, timeline, officer and size. Also where the region files for demos are."""

from __future__ import annotations

import math
import os
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from desasadar_gui.db.models import (
    RegionArea,
)
from desasadar_gui.domain.enums import (
    VillageStatus,
)
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo.places import (
    _OTHER_REGENCY_WEIGHT,
    FALLBACK_REGION_VERSION,
    FALLBACK_VILLAGES,
    MARKETS,
    REGENCY_WEIGHTS,
    TARGET_VILLAGES,
    _is_river,
)
from desasadar_gui.services.demo.state import (
    _DESA,
    _KELURAHAN,
    _PASAR,
    _Gen,
    _Village,
    _weighted_sample,
)
from desasadar_gui.services.regions import (
    describe_village_code,
    find_region_files,
    village_id_for_code,
    village_kind_for_code,
)

REGIONS_ENV = "DESASADAR_REGIONS_DIR"


def _has_region_files(folder: Path) -> bool:
    return folder.is_dir() and bool(find_region_files(folder))


def default_regions_dir() -> Path | None:
    """The region reference folder for demos: ``DESASADAR_REGIONS_DIR``, else
    ``../shared/data/regions`` next to the working directory or the repository."""
    env = os.environ.get(REGIONS_ENV, "").strip()
    candidates: list[Path] = []
    if env:
        candidates.append(Path(env))
    candidates.append(Path.cwd() / ".." / "shared" / "data" / "regions")
    repo_root = Path(__file__).resolve().parents[3]
    candidates.append(repo_root / ".." / "shared" / "data" / "regions")
    for folder in candidates:
        if _has_region_files(folder):
            return folder.resolve()
    return None


def _reference_villages(db: Database) -> list[tuple[str, str, str, str]]:
    """Jambi villages in the loaded reference: (code, name, kind, dataset_version)."""
    with db.read_session() as s:
        rows = s.execute(
            select(RegionArea.code, RegionArea.name, RegionArea.kind, RegionArea.dataset_version)
            .where(RegionArea.level == 4, RegionArea.code.like("15%"))
            .order_by(RegionArea.code)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _reference_names(db: Database) -> dict[str, str]:
    with db.read_session() as s:
        rows = s.execute(
            select(RegionArea.code, RegionArea.name).where(
                RegionArea.level.in_((2, 3)), RegionArea.code.like("15%")
            )
        ).all()
    return {c: n for c, n in rows}


def _build_villages(g: _Gen, participants: int, use_reference: bool) -> list[_Village]:
    rng = g.rng
    villages: list[_Village] = []
    names = _reference_names(g.db) if use_reference else {}
    for code, name, kecamatan, kabupaten in TARGET_VILLAGES:
        place = describe_village_code(g.db, code) if use_reference else None
        if place is not None:
            name, kecamatan = place.name, place.kecamatan or kecamatan
            kabupaten, version = place.kabupaten or kabupaten, place.dataset_version
        else:
            version = FALLBACK_REGION_VERSION
        villages.append(
            _Village(village_id_for_code(code), name, _DESA, kecamatan,
                     kabupaten, code, version, code[:6], _is_river(name, kecamatan))
        )  # fmt: skip
    markets = list(MARKETS[:2]) + ([MARKETS[2]] if rng.random() < 0.5 else [])
    wanted = max(len(villages) + len(markets) + 2, math.ceil(participants / g.ri(150, 300)))
    extra = wanted - len(villages) - len(markets)
    if use_reference:
        taken = {v.region_code for v in villages}
        pool = [r for r in _reference_villages(g.db) if r[0] not in taken]
        weights = [REGENCY_WEIGHTS.get(r[0][:4], _OTHER_REGENCY_WEIGHT) for r in pool]
        chosen = _weighted_sample(rng, pool, weights, extra)
        if chosen and not any(r[2] == "kelurahan" for r in chosen):
            kel = [r for r in pool if r[2] == "kelurahan"]
            if kel:
                chosen[-1] = kel[rng.randrange(len(kel))]
        for code, name, kind, version in chosen:
            kecamatan = names.get(code[:6], "")
            kabupaten = names.get(code[:4], "")
            kind = (
                kind if kind in ("desa", "kelurahan") else (village_kind_for_code(code) or "desa")
            )
            villages.append(
                _Village(village_id_for_code(code), name, kind, kecamatan, kabupaten, code,
                         version, code[:6], _is_river(name, kecamatan))
            )  # fmt: skip
    else:
        pool_f = list(FALLBACK_VILLAGES)
        rng.shuffle(pool_f)
        chosen_f = pool_f[:extra]
        if chosen_f and not any(v[1] == "kelurahan" for v in chosen_f):
            chosen_f[-1] = next(v for v in pool_f if v[1] == "kelurahan")
        for name, kind, kecamatan, kabupaten, district in chosen_f:
            villages.append(
                _Village(g.uid(), name, kind, kecamatan, kabupaten, None, None, district,
                         _is_river(name, kecamatan))
            )  # fmt: skip
    for name, kecamatan, kabupaten, district in markets:
        villages.append(
            _Village(g.uid(), name, _PASAR, kecamatan, kabupaten, None, None,
                     district, False)
        )  # fmt: skip
    return villages


def _plan_villages(g: _Gen, villages: list[_Village]) -> None:
    """Status, timeline, officer and size of each village."""
    rng = g.rng
    span = max(1, (g.end - g.start).days)
    launched_market = False
    for i, v in enumerate(villages):
        if i < len(TARGET_VILLAGES):
            status = VillageStatus.LAUNCHED.value
        elif v.kind == _PASAR:
            status = (
                VillageStatus.SOCIALISED.value
                if launched_market
                else (VillageStatus.LAUNCHED.value)
            )
            launched_market = True
        else:
            r = rng.random()
            status = (
                VillageStatus.PROSPECT.value
                if r < 0.35
                else VillageStatus.SOCIALISED.value
                if r < 0.72
                else VillageStatus.LAUNCHED.value
            )
        v.status = status
        latest_first = g.start + timedelta(days=int(span * 0.45))
        if status == VillageStatus.PROSPECT.value:
            latest_first = g.start + timedelta(days=int(span * 0.85))
        v.first_contact = g.day_between(g.start, latest_first)
        if status == VillageStatus.LAUNCHED.value:
            low = min(g.end, v.first_contact + timedelta(days=21))
            v.launch_date = g.day_between(low, g.end)
        v.officer = g.officers[0] if i < 2 else g.pick_officer()
        if v.kind == _PASAR:
            v.est = rng.randrange(600, 3000, 10)
        elif v.kind == _KELURAHAN:
            v.est = rng.randrange(800, 5000, 10)
        else:
            v.est = rng.randrange(250, 2500, 10)
        v.head_phone = g.phone(0.95)
