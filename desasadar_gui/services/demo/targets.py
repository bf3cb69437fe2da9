"""The year's targets of the demo: branch, kabupaten, launched villages, officers."""

from __future__ import annotations

from typing import Any

from desasadar_gui.domain.enums import (
    TargetScope,
    VillageStatus,
)
from desasadar_gui.services.demo.state import (
    _Gen,
    _Village,
)

BRANCH_TARGET = 36_000


def _targets(g: _Gen, villages: list[_Village]) -> list[dict[str, Any]]:
    year = g.year
    rows = [
        {"year": year, "scope": TargetScope.BRANCH.value, "scope_key": "", "value": BRANCH_TARGET}
    ]
    share: dict[str, int] = {}
    for v in villages:
        share[v.kabupaten] = share.get(v.kabupaten, 0) + v.est
    total = sum(share.values()) or 1
    for kabupaten in sorted(share):
        if not kabupaten:
            continue
        value = max(500, round(BRANCH_TARGET * 0.9 * share[kabupaten] / total / 500) * 500)
        rows.append(
            {
                "year": year,
                "scope": TargetScope.KABUPATEN.value,
                "scope_key": kabupaten,
                "value": value,
            }
        )
    for v in villages:
        if v.status == VillageStatus.LAUNCHED.value:
            rounded = max(50, round(v.est * g.rng.uniform(0.3, 0.5), -1))
            rows.append(
                {
                    "year": year,
                    "scope": TargetScope.VILLAGE.value,
                    "scope_key": v.id,
                    "value": int(rounded),
                }
            )
    for i, name in enumerate(g.officers):
        value = 12_000 if i == 0 else g.pick((6_000, 7_000, 8_000))
        rows.append(
            {"year": year, "scope": TargetScope.OFFICER.value, "scope_key": name, "value": value}
        )
    for row in rows:
        row["id"] = g.uid()
    return rows
