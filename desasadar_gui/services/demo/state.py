"""The generation state: the seeded generator with its fast helpers (ids, names,
dates, NIKs, revisions, contributions), the plan of one village, and the enumeration
codes as plain text."""

from __future__ import annotations

import bisect
import itertools
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desasadar_gui.db.clock import Rev
from desasadar_gui.domain.contribution import compute_contribution
from desasadar_gui.domain.enums import (
    AttendanceOutcome,
    FundingSource,
    Gender,
    Occupation,
    ParticipantStatus,
    Programme,
    VillageKind,
    VillageStatus,
)
from desasadar_gui.domain.nik import FEMALE_DAY_OFFSET
from desasadar_gui.services.database import Database
from desasadar_gui.services.demo.names import (
    _FEMALE_PREFIX,
    _MALE_PREFIX,
    FEMALE_NAMES,
    FEMALE_SECOND,
    MALE_NAMES,
    MALE_SECOND,
    OFFICER_POOL,
    PHONE_PREFIXES,
)
from desasadar_gui.services.demo.places import OTHER_DISTRICTS
from desasadar_gui.services.rates import rate_table

_EPOCH = datetime(1970, 1, 1)
# Office hours in Jambi (WIB = UTC+7), stored as naive UTC like every timestamp.
_WIB = timedelta(hours=7)

# Enumeration codes as plain text: the hot loops would otherwise spend seconds in
# Enum attribute lookups.
_MALE, _FEMALE = Gender.MALE.value, Gender.FEMALE.value
_P_PROSPECT = ParticipantStatus.PROSPECT.value
_P_REGISTERED = ParticipantStatus.REGISTERED.value
_P_ACTIVE = ParticipantStatus.ACTIVE.value
_P_INACTIVE = ParticipantStatus.INACTIVE.value
_DESA, _KELURAHAN, _PASAR = (
    VillageKind.DESA.value,
    VillageKind.KELURAHAN.value,
    VillageKind.PASAR.value,
)
_MANDIRI, _CSR, _APBD, _APBDES = (
    FundingSource.MANDIRI.value,
    FundingSource.CSR.value,
    FundingSource.APBD.value,
    FundingSource.APBDES.value,
)
_O_ATTENDED = AttendanceOutcome.ATTENDED.value
_O_INTERESTED = AttendanceOutcome.INTERESTED.value
_O_REGISTERED = AttendanceOutcome.REGISTERED.value
_O_DECLINED = AttendanceOutcome.DECLINED.value


_TRANSPORT = frozenset(o.value for o in Occupation if o.is_transport)


@dataclass
class _Village:
    id: str
    name: str
    kind: str
    kecamatan: str
    kabupaten: str
    region_code: str | None
    region_version: str | None
    district: str  # 6-digit district code, for the NIKs of people born here
    river: bool
    status: str = VillageStatus.PROSPECT.value
    first_contact: date | None = None
    launch_date: date | None = None
    officer: str = ""
    est: int = 0
    head_name: str = ""
    head_phone: str | None = None
    sessions: list[dict[str, Any]] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # indexes into participants


class _Gen:
    """The whole generation state, so the steps stay small functions."""

    def __init__(self, db: Database, rng: random.Random, today: date, officer: str | None) -> None:
        self.db = db
        self.rng = rng
        self.today = today
        self.end = today - timedelta(days=1)
        self.year = today.year
        start = date(self.year, 1, 1)
        if (self.end - start).days < 60:  # early January: use the past twelve months
            start = self.end - timedelta(days=364)
        self.start = start
        self.used_millis: dict[str, set[int]] = {}
        self.used_niks: set[str] = set()
        self.kpj_next = rng.randint(1_000_000, 4_000_000)
        main = (officer or "").strip() or db.officer or rng.choice(OFFICER_POOL)
        colleagues = [n for n in OFFICER_POOL if n != main]
        rng.shuffle(colleagues)
        self.officers = [main, *colleagues[: rng.randint(2, 3)]]
        self.devices = {
            name: uuid.UUID(int=rng.getrandbits(128), version=4).hex for name in self.officers
        }
        self.rates = rate_table(db)
        # The contribution only changes where a rate row starts or ends: cache per
        # period between those dates (and per sector), not per day.
        bounds = {r.valid_from for r in self.rates.rows}
        bounds |= {r.valid_to + timedelta(days=1) for r in self.rates.rows if r.valid_to}
        self._rate_bounds = sorted(bounds)
        self.other_districts: list[str] = list(OTHER_DISTRICTS)
        self._contrib_cache: dict[tuple, int] = {}

    # -- small helpers (hot: called a million times for 100k participants) ---------------

    def ri(self, a: int, b: int) -> int:
        """Like rng.randint(a, b), at a third of the cost."""
        return a + int(self.rng.random() * (b - a + 1))

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def wpick(self, items: Sequence[Any], cum: Sequence[float]) -> Any:
        """Weighted pick with cumulative weights."""
        return items[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def uid(self) -> str:
        """A version-4 UUID from the seeded generator (same text as uuid.UUID(..., version=4))."""
        n = self.rng.getrandbits(128)
        n = (n & ~(0xC000 << 48)) | (0x8000 << 48)
        n = (n & ~(0xF000 << 64)) | (4 << 76)
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def day_between(self, a: date, b: date) -> date:
        if b <= a:
            return a
        return a + timedelta(days=self.ri(0, (b - a).days))

    def office_time(self, day: date) -> datetime:
        """A moment in office hours (08:00-17:00 WIB) on ``day``, as naive UTC."""
        millis = self.ri(8 * 3_600_000, 17 * 3_600_000)
        return datetime(day.year, day.month, day.day) + timedelta(milliseconds=millis) - _WIB

    def stamp(
        self, row: dict[str, Any], officer: str, created: datetime, updated: datetime | None = None
    ) -> None:
        """Set rev / created_at / updated_at / updated_by; revs unique per device."""
        device = self.devices[officer]
        when = max(updated or created, created)
        ms = (when - _EPOCH) // timedelta(milliseconds=1)
        used = self.used_millis.setdefault(device, set())
        while ms in used:
            ms += 1
        used.add(ms)
        at = _EPOCH + timedelta(milliseconds=ms)
        row["rev"] = Rev(ms, 0, device).encode()
        row["created_at"] = created if updated is not None and created < at else at
        row["updated_at"] = at
        row["updated_by"] = device
        row["deleted_at"] = None

    def pick_officer(self, main_share: float = 0.65) -> str:
        if self.rng.random() < main_share:
            return self.officers[0]
        return self.pick(self.officers[1:])

    def person_name(self, gender: str) -> str:
        rng = self.rng
        male = gender == _MALE
        first = self.pick(MALE_NAMES if male else FEMALE_NAMES)
        r = rng.random()
        if r < 0.18:
            return first
        if r < 0.42:
            prefix = self.pick(_MALE_PREFIX if male else _FEMALE_PREFIX)
            if prefix == first:
                return first + " " + self.pick(MALE_SECOND if male else FEMALE_SECOND)
            return f"{prefix} {first}"
        return f"{first} {self.pick(MALE_SECOND if male else FEMALE_SECOND)}"

    def phone(self, share: float = 0.85) -> str | None:
        if self.rng.random() >= share:
            return None
        prefix = self.pick(PHONE_PREFIXES)
        digits = 7 if self.rng.random() < 0.25 else 8
        return f"+62{prefix}{self.ri(10 ** (digits - 1), 10**digits - 1)}"

    def birth_date(self, on: date, low: int = 18, high: int = 65, mode: float = 38) -> date:
        age = self.rng.triangular(low, high + 0.99, mode)
        years, frac = int(age), age - int(age)
        try:
            anchor = on.replace(year=on.year - years)
        except ValueError:  # 29 February
            anchor = on.replace(year=on.year - years, day=28)
        return anchor - timedelta(days=int(frac * 365))

    def nik(self, district: str, birth: date, gender: str) -> str:
        """A NIK unique in this database; the layout of ``domain.nik.make_nik`` (women:
        day + 40), written out here because it runs 100,000 times."""
        day = birth.day + (FEMALE_DAY_OFFSET if gender == _FEMALE else 0)
        head = f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        serial = self.ri(1, 30)
        nik = f"{head}{serial:04d}"
        while nik in self.used_niks:
            serial = serial + 1 if serial < 9999 else 1
            nik = f"{head}{serial:04d}"
        self.used_niks.add(nik)
        return nik

    def income(self, bonus: int = 0) -> int:
        steps = min(40, int(self.rng.expovariate(1 / 8)) + bonus)
        return 1_000_000 + 100_000 * steps

    def kpj(self, on: date) -> str:
        self.kpj_next += self.ri(1, 9)
        return f"{on.year % 100:02d}{self.kpj_next:09d}"

    def contribution(
        self, income: int, jht: bool, on: date, funding: str, occupation: str | None
    ) -> int:
        period = bisect.bisect_right(self._rate_bounds, on)
        transport = occupation in _TRANSPORT
        key = (income, jht, period, funding, transport)
        got = self._contrib_cache.get(key)
        if got is None:
            programmes = [Programme.JKK, Programme.JKM] + ([Programme.JHT] if jht else [])
            got = compute_contribution(
                income=income,
                programmes=programmes,
                on=on,
                funding=funding,
                occupation=occupation,
                table=self.rates,
            ).total
            self._contrib_cache[key] = got
        return got


def _cumulative(weights: Mapping[str, float]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    return tuple(weights), tuple(itertools.accumulate(weights.values()))


def _weighted_sample(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    """k distinct items, chance proportional to weight (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]
