"""Realistic demo data for the Jambi branch: villages, officials, participants, sessions.

``generate_demo`` fills a database with a year of field work: the five villages the
branch designated as Desa Sadar Jaminan Sosial Ketenagakerjaan (with their Kemendagri
codes), more villages and kelurahan picked from the region reference when one is
available (otherwise from a short built-in list), two or three markets (*pasar
sadar*), village officials, informal workers with consistent NIKs, phones,
occupations, incomes and contributions, sessions with attendance and walk-ins, and
branch / kabupaten / village / officer targets.

Everything is derived from ``random.Random(seed)`` and ``today``: ids, names, dates,
revisions and the devices they come from. Two databases filled with the same seed and
the same ``today`` therefore have the same content digest. The records carry
revisions of pseudo devices (one per officer), as if they had been imported from the
officers' laptops; the local clock is moved past them so later local edits win.

Rows are written with SQLAlchemy Core executemany in chunks (not ORM objects), so a
hundred thousand participants take seconds. One audit entry (action ``demo``)
summarises the run.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from desasadar_gui.db.clock import Rev
from desasadar_gui.db.models import (
    Attendance,
    OutreachSession,
    Participant,
    RegionArea,
    Target,
    Village,
)
from desasadar_gui.domain.contribution import compute_contribution
from desasadar_gui.domain.enums import (
    AttendanceOutcome,
    FundingSource,
    Gender,
    Occupation,
    OfficialRole,
    ParticipantStatus,
    Programme,
    SessionType,
    TargetScope,
    VillageKind,
    VillageStatus,
    required_roles,
)
from desasadar_gui.domain.nik import FEMALE_DAY_OFFSET
from desasadar_gui.errors import UserError
from desasadar_gui.services.database import Database, new_id
from desasadar_gui.services.rates import rate_table
from desasadar_gui.services.records import write_audit
from desasadar_gui.services.regions import (
    describe_village_code,
    find_region_files,
    import_regions,
    village_id_for_code,
    village_kind_for_code,
)

REGIONS_ENV = "DESASADAR_REGIONS_DIR"
BRANCH_TARGET = 36_000
CHUNK = 10_000
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

# Codes checked against the Kepmendagri 2025 list (and the 2019 list: identical).
FALLBACK_REGION_VERSION = "Kepmendagri 300.2.2-2138/2025"


class DemoRefusedError(UserError):
    pass


@dataclass(frozen=True)
class DemoSummary:
    villages: int
    officials: int
    participants: int
    sessions: int
    attendance: int
    walkins: int
    targets: int
    region_villages: int  # villages in the region reference used (0 = built-in list)
    participants_by_status: dict[str, int]
    seed: int
    year: int
    officer: str
    seconds: float  # all of it
    write_seconds: float  # of which inserting the rows

    def describe(self) -> str:
        """A few plain lines (Indonesian / English) for the command line."""
        source = (
            f"referensi wilayah / region reference ({self.region_villages} desa)"
            if self.region_villages
            else "daftar bawaan / built-in list"
        )
        statuses = ", ".join(f"{k} {n}" for k, n in self.participants_by_status.items())
        return "\n".join(
            [
                f"Data contoh Jambi / Jambi demo data: seed {self.seed}, tahun / year "
                f"{self.year}, petugas / officer {self.officer}",
                f"Desa / villages:            {self.villages} ({source})",
                f"Peserta / participants:     {self.participants} "
                f"(perangkat desa / officials {self.officials})",
                f"  status:                   {statuses}",
                f"Sesi / sessions:            {self.sessions}",
                f"Kehadiran / attendance:     {self.attendance} (walk-in {self.walkins})",
                f"Target / targets:           {self.targets}",
                f"Waktu / time:               {self.seconds:.1f} s",
            ]
        )


# -- built-in places ---------------------------------------------------------------------

# The five designated villages: (code, name, kecamatan, kabupaten).
TARGET_VILLAGES: tuple[tuple[str, str, str, str], ...] = (
    ("1504032015", "Sungai Baung", "Muara Bulian", "Kabupaten Batanghari"),
    ("1505112002", "Talang Duku", "Taman Rajo", "Kabupaten Muaro Jambi"),
    ("1505062005", "Kasang Pudak", "Kumpeh Ulu", "Kabupaten Muaro Jambi"),
    ("1505012007", "Mendalo Darat", "Jambi Luar Kota", "Kabupaten Muaro Jambi"),
    ("1506112005", "Bram Itam Raya", "Bram Itam", "Kabupaten Tanjung Jabung Barat"),
)

# Real Jambi villages for when no region reference is loaded: (name, kind, kecamatan,
# kabupaten, district code for NIKs). No village codes: they get random ids.
FALLBACK_VILLAGES: tuple[tuple[str, str, str, str, str], ...] = (
    ("Sungai Bertam", "desa", "Jambi Luar Kota", "Kabupaten Muaro Jambi", "150501"),
    ("Pematang Jering", "desa", "Jambi Luar Kota", "Kabupaten Muaro Jambi", "150501"),
    ("Muara Kumpeh", "desa", "Kumpeh Ulu", "Kabupaten Muaro Jambi", "150506"),
    ("Kasang Lopak Alai", "desa", "Kumpeh Ulu", "Kabupaten Muaro Jambi", "150506"),
    ("Pulau Mentaro", "desa", "Kumpeh", "Kabupaten Muaro Jambi", "150503"),
    ("Sungai Bungur", "desa", "Kumpeh", "Kabupaten Muaro Jambi", "150503"),
    ("Suak Putat", "desa", "Sekernan", "Kabupaten Muaro Jambi", "150502"),
    ("Pulau Kayu Aro", "desa", "Sekernan", "Kabupaten Muaro Jambi", "150502"),
    ("Pelempang", "desa", "Mestong", "Kabupaten Muaro Jambi", "150505"),
    ("Nagasari", "desa", "Mestong", "Kabupaten Muaro Jambi", "150505"),
    ("Pasar Terusan", "desa", "Muara Bulian", "Kabupaten Batanghari", "150403"),
    ("Lubuk Ruso", "desa", "Pemayung", "Kabupaten Batanghari", "150405"),
    ("Kuap", "desa", "Pemayung", "Kabupaten Batanghari", "150405"),
    ("Bukit Sari", "desa", "Maro Sebo Ilir", "Kabupaten Batanghari", "150408"),
    ("Rantau Rasau I", "desa", "Rantau Rasau", "Kabupaten Tanjung Jabung Timur", "150704"),
    ("Teluk Majelis", "desa", "Kuala Jambi", "Kabupaten Tanjung Jabung Timur", "150708"),
    ("Tanjung Senjulang", "desa", "Bram Itam", "Kabupaten Tanjung Jabung Barat", "150611"),
    ("Pembengis", "desa", "Bram Itam", "Kabupaten Tanjung Jabung Barat", "150611"),
    ("Sengeti", "kelurahan", "Sekernan", "Kabupaten Muaro Jambi", "150502"),
    ("Tempino", "kelurahan", "Mestong", "Kabupaten Muaro Jambi", "150505"),
    ("Teratai", "kelurahan", "Muara Bulian", "Kabupaten Batanghari", "150403"),
    ("Mudung Laut", "kelurahan", "Pelayangan", "Kota Jambi", "157105"),
    ("Tanjung Raden", "kelurahan", "Danau Teluk", "Kota Jambi", "157106"),
    ("Talang Banjar", "kelurahan", "Jambi Timur", "Kota Jambi", "157103"),
    ("Simpang IV Sipin", "kelurahan", "Telanaipura", "Kota Jambi", "157101"),
)

# Markets (pasar sadar jaminan sosial): (name, kecamatan, kabupaten, district code).
MARKETS: tuple[tuple[str, str, str, str], ...] = (
    ("Pasar Angso Duo", "Pasar Jambi", "Kota Jambi", "157104"),
    ("Pasar Talang Banjar", "Jambi Timur", "Kota Jambi", "157103"),
    ("Pasar Muara Bulian", "Muara Bulian", "Kabupaten Batanghari", "150403"),
)

# Districts elsewhere in Jambi, for the NIKs of people who moved (built-in list).
OTHER_DISTRICTS = (
    "150101", "150201", "150301", "150401", "150402", "150501", "150507", "150601",
    "150701", "150801", "150901", "157101", "157108", "157111", "157201",
)  # fmt: skip

# The branch works mostly around the city; other regencies appear now and then.
REGENCY_WEIGHTS = {"1505": 30.0, "1504": 25.0, "1571": 14.0, "1507": 10.0, "1506": 10.0}
_OTHER_REGENCY_WEIGHT = 2.0

_RIVER_WORDS = (
    "sungai", "muara", "kuala", "pulau", "teluk", "lubuk", "danau", "tanjung", "suak",
    "kumpeh", "sabak", "mendahara", "nipah", "sadu", "pelayangan", "tungkal", "bram itam",
    "berbak", "rantau", "laut", "pantai",
)  # fmt: skip

# -- people --------------------------------------------------------------------------------

MALE_NAMES = (
    "Ahmad", "Muhammad", "Abdul", "Rahmat", "Hendra", "Syahrul", "Zulkifli", "Darmawan",
    "Budi", "Agus", "Joko", "Slamet", "Sutrisno", "Hasan", "Ismail", "Yusuf", "Rizki",
    "Fajar", "Andi", "Dedi", "Hendri", "Irwan", "Jufri", "Nasir", "Syafri", "Taufik",
    "Wahyudi", "Yanto", "Zainal", "Erwin", "Sukri", "Amran", "Azhar", "Bahrun", "Darwis",
    "Effendi", "Firdaus", "Hamdan", "Iskandar", "Junaidi", "Kamaruddin", "Lukman",
    "Mahmud", "Nurdin", "Rusli", "Samsul", "Sudirman", "Supriadi", "Suparman", "Tugiman",
    "Paijo", "Wagiman", "Sugeng", "Bambang", "Eko", "Heri", "Arif", "Fauzi", "Ridwan",
    "Saiful", "Syamsuddin", "Marzuki", "Hasbullah", "Kosim", "Sarjono",
)  # fmt: skip
FEMALE_NAMES = (
    "Siti", "Nur", "Dewi", "Sri", "Rina", "Yuliana", "Fitri", "Nurhayati", "Rahmawati",
    "Wati", "Suryani", "Eka", "Lestari", "Ani", "Ratna", "Sumiati", "Halimah", "Aminah",
    "Zubaidah", "Rosmiati", "Maimunah", "Nurjanah", "Desi", "Mega", "Indah", "Putri",
    "Yanti", "Komariah", "Sulastri", "Jumiati", "Asmah", "Fatimah", "Khadijah", "Mariam",
    "Nuraini", "Rohani", "Salmah", "Sarinah", "Suharti", "Tuti", "Wahyuni", "Yusnani",
    "Zuraida", "Murni", "Nining", "Partini", "Sukarsih", "Tumini", "Juwita", "Kartini",
)  # fmt: skip
MALE_SECOND = (
    "Saputra", "Syahputra", "Pratama", "Hidayat", "Rahman", "Kurniawan", "Setiawan",
    "Santoso", "Susanto", "Wijaya", "Hakim", "Hasibuan", "Siregar", "Nasution", "Lubis",
    "Harahap", "Effendi", "Gunawan", "Ramadhan", "Firmansyah", "Hamzah", "Yusuf",
    "Ibrahim", "Abdullah", "Maulana", "Sulaiman", "Hasanuddin",
)  # fmt: skip
FEMALE_SECOND = (
    "Saputri", "Rahmawati", "Lestari", "Wulandari", "Handayani", "Anggraini", "Puspita",
    "Sari", "Yuliani", "Ningsih", "Susanti", "Oktaviani", "Permata", "Hasibuan", "Siregar",
    "Nasution", "Lubis", "Harahap", "Fitriani", "Maharani", "Aulia", "Safitri", "Ramadhani",
    "Agustina", "Novita",
)  # fmt: skip
_MALE_PREFIX = ("Muhammad", "Ahmad", "Abdul", "M.")
_FEMALE_PREFIX = ("Siti", "Nur", "Sri", "Dewi")

OFFICER_POOL = (
    "Rahmat Hidayat", "Dewi Anggraini", "Fitriani Lubis", "Hendra Saputra", "Yusnita Sari",
    "Arif Kurniawan",
)  # fmt: skip

# Mobile prefixes (without the 0) of the operators seen in Jambi.
PHONE_PREFIXES = (
    "811", "812", "813", "821", "822", "823", "852", "853", "814", "815", "816", "855",
    "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "838", "895",
    "896", "897", "898", "881", "882",
)  # fmt: skip

# Occupation weights per kind of place.
_OCC_DESA = {
    "kebun": 30,
    "tani": 14,
    "buruh_tani": 12,
    "nelayan": 3,
    "budidaya_ikan": 2,
    "ternak": 4,
    "dagang": 8,
    "industri_rumahan": 6,
    "jasa_tukang": 5,
    "transport": 4,
    "harian_lepas": 5,
    "jasa_pribadi": 2,
    "keagamaan_sosial": 2,
    "lainnya": 1,
}
_OCC_KELURAHAN = {
    "dagang": 25,
    "transport": 12,
    "jasa_tukang": 12,
    "industri_rumahan": 10,
    "harian_lepas": 12,
    "jasa_pribadi": 8,
    "keagamaan_sosial": 3,
    "kebun": 3,
    "tani": 3,
    "nelayan": 2,
    "budidaya_ikan": 1,
    "ternak": 1,
    "lainnya": 3,
}
_OCC_PASAR = {
    "dagang": 78,
    "harian_lepas": 8,
    "transport": 5,
    "jasa_pribadi": 3,
    "industri_rumahan": 4,
    "jasa_tukang": 2,
}
_RIVER_BONUS = {"nelayan": 12, "budidaya_ikan": 4}


_TRANSPORT = frozenset(o.value for o in Occupation if o.is_transport)

_STATUS_MIX = (("prospect", 15), ("registered", 25), ("active", 50), ("inactive", 10))
_STATUS_MIX_PROSPECT_VILLAGE = (
    ("prospect", 55),
    ("registered", 25),
    ("active", 17),
    ("inactive", 3),
)


# -- where the region files are ---------------------------------------------------------------


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
    repo_root = Path(__file__).resolve().parents[2]
    candidates.append(repo_root / ".." / "shared" / "data" / "regions")
    for folder in candidates:
        if _has_region_files(folder):
            return folder.resolve()
    return None


# -- generation ------------------------------------------------------------------------------


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


def _is_river(*names: str) -> bool:
    text = " ".join(names).lower()
    return any(word in text for word in _RIVER_WORDS)


def _weighted_sample(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    """k distinct items, chance proportional to weight (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]


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


def _plan_sessions(g: _Gen, v: _Village) -> None:
    rng = g.rng
    assert v.first_contact is not None
    plan: list[tuple[str, date]] = []
    if v.status == VillageStatus.PROSPECT.value:
        plan.append((SessionType.DIALOG.value, v.first_contact))
    else:
        plan.append((SessionType.SOSIALISASI.value, v.first_contact))
        stop = v.launch_date or g.end
        extra = [SessionType.EDUKASI.value] * g.ri(1, 2)
        extra += [SessionType.DIALOG.value] * g.ri(0, 1)
        extra += [SessionType.PENDAFTARAN.value] * (
            g.ri(1, 3) if v.status == VillageStatus.LAUNCHED.value else g.ri(0, 1)
        )
        if v.status == VillageStatus.LAUNCHED.value and rng.random() < 0.4:
            extra.append(SessionType.SOSIALISASI.value)
        for kind in extra:
            plan.append((kind, g.day_between(v.first_contact + timedelta(days=1), stop)))
        if v.launch_date is not None:
            plan.append((SessionType.PELUNCURAN.value, v.launch_date))
    plan.sort(key=lambda p: p[1])
    for kind, held_on in plan:
        v.sessions.append(
            {
                "id": g.uid(),
                "village_id": v.id,
                "held_on": held_on,
                "type": kind,
                "place": _session_place(g, v, kind),
                "facilitator": v.officer,
                "notes": _session_note(v, kind),
                "_registered": [],
            }
        )


def _session_place(g: _Gen, v: _Village, kind: str) -> str:
    if v.kind == _PASAR:
        return g.pick((f"Kantor Pengelola {v.name}", f"Los Blok A {v.name}", f"Musala {v.name}"))
    if v.kind == _KELURAHAN:
        return g.pick(
            (
                f"Kantor Lurah {v.name}",
                f"Aula Kecamatan {v.kecamatan}",
                f"Posyandu RT {g.ri(1, 30):02d} {v.name}",
            )
        )
    if kind == SessionType.PELUNCURAN.value:
        return f"Balai Desa {v.name}"
    return g.pick(
        (
            f"Balai Desa {v.name}",
            f"Kantor Desa {v.name}",
            f"Masjid Al-Ikhlas {v.name}",
            f"Rumah Kepala Dusun {v.name}",
            f"Balai Kelompok Tani {v.name}",
        )
    )


def _session_note(v: _Village, kind: str) -> str:
    programme = (
        "Pasar Sadar Jaminan Sosial Ketenagakerjaan"
        if v.kind == _PASAR
        else "Desa Sadar Jaminan Sosial Ketenagakerjaan"
    )
    return {
        SessionType.SOSIALISASI.value: "Sosialisasi program BPU (JKK, JKM, JHT) bersama "
        "perangkat dan warga.",
        SessionType.EDUKASI.value: "Edukasi manfaat perlindungan kecelakaan kerja dan "
        "kematian bagi pekerja informal.",
        SessionType.DIALOG.value: "Dialog dengan kepala desa dan BPD tentang iuran perangkat "
        "dari APBDes.",
        SessionType.PENDAFTARAN.value: "Pendaftaran peserta BPU (jemput bola).",
        SessionType.PELUNCURAN.value: f"Peluncuran {programme}.",
    }[kind]


def _official_slots(g: _Gen, v: _Village) -> list[str]:
    rng = g.rng
    kind = v.kind
    required = [r.value for r in required_roles(kind)]
    if kind == _PASAR:
        extras = [OfficialRole.KETUA_PEDAGANG.value] * g.ri(1, 2)
    elif kind == _KELURAHAN:
        extras = [OfficialRole.KASI_KESEJAHTERAAN.value, OfficialRole.KASI_PELAYANAN.value]
        extras += [OfficialRole.KETUA_RT_RW.value] * g.ri(2, 6)
        extras += [OfficialRole.STAF_DESA.value] * g.ri(0, 1)
    else:
        extras = [OfficialRole.KEPALA_DUSUN.value] * g.ri(1, 3)
        extras += [OfficialRole.KETUA_BPD.value]
        extras += [OfficialRole.ANGGOTA_BPD.value] * g.ri(1, 3)
        extras += [OfficialRole.STAF_DESA.value] * g.ri(0, 2)
        extras += [OfficialRole.KETUA_RT_RW.value] * g.ri(0, 3)
    if v.status == VillageStatus.LAUNCHED.value:
        return required + extras
    if v.status == VillageStatus.SOCIALISED.value:
        keep = [r for r in required if rng.random() < 0.65]
        return keep + extras[: g.ri(0, 2)]
    return required[:1] if rng.random() < 0.6 else []


def _official_funding(g: _Gen, v: _Village, role: str) -> str:
    r = g.rng.random()
    if v.kind == _PASAR:
        return _CSR if r < 0.3 else _MANDIRI
    if v.kind == _KELURAHAN:
        return _APBD if r < 0.7 else _MANDIRI
    return _APBDES if r < 0.9 else _MANDIRI


def _regular_funding(g: _Gen) -> str:
    r = g.rng.random()
    if r < 0.84:
        return _MANDIRI
    if r < 0.93:
        return _CSR
    return _APBD


def _cumulative(weights: dict[str, float]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    return tuple(weights), tuple(itertools.accumulate(weights.values()))


def _occupation_table(v: _Village) -> tuple[tuple[str, ...], tuple[float, ...]]:
    base = _OCC_PASAR if v.kind == _PASAR else _OCC_KELURAHAN if v.kind == _KELURAHAN else _OCC_DESA
    if v.river:
        base = {k: w + _RIVER_BONUS.get(k, 0) for k, w in base.items()}
    return _cumulative(base)


def _address(g: _Gen, v: _Village) -> str:
    if v.kind == _PASAR:
        return f"Los {g.pick('ABCDEF')} No. {g.ri(1, 120)}, {v.name}"
    if v.kind == _KELURAHAN:
        street = g.pick(
            (
                "Jl. Gajah Mada",
                "Jl. Sultan Thaha",
                "Jl. Kapten Pattimura",
                "Jl. Lingkar Selatan",
                "Lorong Masjid",
                "Lorong Kenanga",
                "Jl. Sumantri Brojonegoro",
            )
        )
        return f"{street} RT {g.ri(1, 40):02d}, Kel. {v.name}"
    dusun = g.pick(("I", "II", "III", "IV", "V"))
    return f"RT {g.ri(1, 15):02d} Dusun {dusun}, Desa {v.name}"


def _person(
    g: _Gen,
    v: _Village,
    status: str,
    reg_date: date | None,
    *,
    role: str | None = None,
    funding: str,
    occupation: str,
    gender: str | None = None,
    officer: str,
) -> dict[str, Any]:
    rand = g.rng.random
    gender = gender or (_MALE if rand() < 0.5 else _FEMALE)
    seen_on = reg_date or g.day_between(v.first_contact or g.start, g.end)
    birth = g.birth_date(seen_on)
    nik = None
    if status != _P_PROSPECT or rand() < 0.7:  # prospects often give no NIK yet
        district = v.district if rand() >= 0.1 else g.pick(g.other_districts)
        nik = g.nik(district, birth, gender)
    income = g.income(bonus=3 if role else (2 if occupation == "dagang" else 0))
    jht = rand() < (0.4 if role else 0.25)
    on = reg_date or g.today
    kpj = None
    if status == _P_ACTIVE or status == _P_INACTIVE:
        kpj = g.kpj(on)
    return {
        "id": g.uid(),
        "nik": nik,
        "name": g.person_name(gender),
        "gender": gender,
        "birth_date": birth,
        "phone": g.phone(0.9 if role else 0.8),
        "address": _address(g, v),
        "village_id": v.id,
        "occupation": occupation,
        "official_role": role,
        "monthly_income": income,
        "prog_jkk": True,
        "prog_jkm": True,
        "prog_jht": jht,
        "contribution": g.contribution(income, jht, on, funding, occupation),
        "funding_source": funding,
        "status": status,
        "registration_date": reg_date,
        "kpj_number": kpj,
        "officer": officer,
        "merged_into": None,
        "_seen_on": seen_on,
    }


def _status_table(v: _Village) -> tuple[tuple[str, ...], tuple[float, ...]]:
    mix = (
        _STATUS_MIX_PROSPECT_VILLAGE if v.status == VillageStatus.PROSPECT.value else (_STATUS_MIX)
    )
    return _cumulative(dict(mix))


def _officials(g: _Gen, villages: list[_Village], budget: int) -> list[dict[str, Any]]:
    rng = g.rng
    people: list[dict[str, Any]] = []
    for v in villages:
        assert v.first_contact is not None
        for role in _official_slots(g, v):
            if len(people) >= budget:
                return people
            if v.status == VillageStatus.LAUNCHED.value:
                status = "active" if rng.random() < 0.9 else "registered"
            elif v.status == VillageStatus.SOCIALISED.value:
                status = "active" if rng.random() < 0.6 else "registered"
            else:
                status = "registered" if rng.random() < 0.5 else "prospect"
            reg = None
            if status != "prospect":
                last = (v.launch_date - timedelta(days=1)) if v.launch_date else g.end
                reg = g.day_between(v.first_contact, max(v.first_contact, last))
            male = rng.random() < (
                0.8 if role in ("kepala_desa", "lurah", "kepala_dusun") else 0.65
            )
            occupation = (
                Occupation.DAGANG.value
                if role == OfficialRole.KETUA_PEDAGANG.value
                else Occupation.APARATUR_DESA.value
            )
            person = _person(
                g, v, status, reg, role=role, funding=_official_funding(g, v, role),
                occupation=occupation, gender="L" if male else "P", officer=v.officer,
            )  # fmt: skip
            if role in ("kepala_desa", "lurah", "kepala_pasar") and not v.head_name:
                v.head_name = person["name"]
                v.head_phone = person["phone"] or v.head_phone
            v.members.append(len(people))
            people.append(person)
    return people


def _regulars(
    g: _Gen,
    villages: list[_Village],
    people: list[dict[str, Any]],
    count: int,
    progress: Callable[[int], None],
) -> None:
    rng = g.rng
    rand = rng.random
    weight = {
        VillageStatus.LAUNCHED.value: 3.0,
        VillageStatus.SOCIALISED.value: 1.6,
        VillageStatus.PROSPECT.value: 0.5,
    }
    weights = [weight[v.status] * (v.est**0.5) for v in villages]
    homes = rng.choices(range(len(villages)), weights=weights, k=count)
    registration = (SessionType.PENDAFTARAN.value, SessionType.PELUNCURAN.value)
    reg_sessions = [[s for s in v.sessions if s["type"] in registration] for v in villages]
    occupations = [_occupation_table(v) for v in villages]
    statuses = [_status_table(v) for v in villages]
    for n, home in enumerate(homes):
        v = villages[home]
        first = v.first_contact
        assert first is not None
        status = g.wpick(*statuses[home])
        reg = None
        session = None
        if status != _P_PROSPECT:
            options = reg_sessions[home]
            if options and rand() < 0.35:
                session = g.pick(options)
                if len(session["_registered"]) >= 150:  # a full day: register another day
                    options.remove(session)
                    session = None
                else:
                    reg = session["held_on"]
            if reg is not None:
                pass
            elif status == _P_INACTIVE:
                span = (g.end - first).days
                reg = g.day_between(first, first + timedelta(days=span // 2))
            else:
                reg = g.day_between(first, g.end)
        officer = v.officer if rand() < 0.9 else g.pick(g.officers)
        funding = _regular_funding(g)
        occupation = g.wpick(*occupations[home])
        person = _person(g, v, status, reg, funding=funding, occupation=occupation, officer=officer)
        if session is not None:
            session["_registered"].append(len(people))
        v.members.append(len(people))
        people.append(person)
        if n % 5000 == 4999:
            progress(n + 1)


def _outcome(g: _Gen, person: dict[str, Any], held_on: date) -> str:
    r = g.rng.random()
    reg: date | None = person["registration_date"]
    if person["status"] == _P_PROSPECT:
        if r < 0.5:
            return _O_INTERESTED
        return _O_ATTENDED if r < 0.8 else _O_DECLINED
    if reg is not None and reg == held_on:
        return _O_REGISTERED
    if reg is not None and reg < held_on:
        return _O_ATTENDED
    return _O_INTERESTED if r < 0.6 else _O_ATTENDED


def _attendance(
    g: _Gen, villages: list[_Village], people: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    rng = g.rng
    rows: list[dict[str, Any]] = []
    walkins = 0
    for v in villages:
        for s in v.sessions:
            registered = s.pop("_registered")
            chosen = set(registered)
            attendees = list(registered)
            others = [i for i in v.members if i not in chosen]
            k = min(len(others), g.ri(8, 40))
            attendees += rng.sample(others, k)
            for i in attendees:
                rows.append(
                    {
                        "id": g.uid(),
                        "session_id": s["id"],
                        "participant_id": people[i]["id"],
                        "walkin_name": "",
                        "walkin_phone": None,
                        "outcome": _outcome(g, people[i], s["held_on"]),
                        "_session": s,
                    }
                )
            for _ in range(g.ri(0, 4)):
                gender = _MALE if rng.random() < 0.5 else _FEMALE
                r = rng.random()
                outcome = _O_INTERESTED if r < 0.5 else _O_ATTENDED if r < 0.85 else _O_DECLINED
                rows.append(
                    {
                        "id": g.uid(),
                        "session_id": s["id"],
                        "participant_id": None,
                        "walkin_name": g.person_name(gender),
                        "walkin_phone": g.phone(0.7),
                        "outcome": outcome,
                        "_session": s,
                    }
                )
                walkins += 1
    return rows, walkins


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
            value = max(50, round(v.est * g.rng.uniform(0.3, 0.5), -1))
            rows.append(
                {
                    "year": year,
                    "scope": TargetScope.VILLAGE.value,
                    "scope_key": v.id,
                    "value": int(value),
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


def _drop_indexes(conn: Connection, table_name: str) -> list[tuple[str, str]]:
    """Drop a table's secondary indexes for a bulk load; returns (name, SQL) to restore.

    SQLite only (reads the exact definitions from sqlite_master, so indexes a
    migration made are restored as they were); other databases keep their indexes.
    """
    if conn.dialect.name != "sqlite":
        return []
    found = [
        (name, sql)
        for name, sql in conn.execute(
            text(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL ORDER BY name"
            ),
            {"t": table_name},
        )
    ]
    for name, _ in found:
        conn.execute(text(f'DROP INDEX "{name}"'))
    return found


def _restore_indexes(conn: Connection, indexes: list[tuple[str, str]]) -> None:
    for _, sql in indexes:
        conn.execute(text(sql))


def _existing(db: Database) -> tuple[int, set[str], set[str]]:
    """(participants in the file, live NIKs, village ids) already in the database."""
    with db.read_session() as s:
        count = s.scalar(select(func.count()).select_from(Participant)) or 0
        niks: set[str] = set()
        ids: set[str] = set()
        if count:
            niks = set(
                s.scalars(
                    select(Participant.nik).where(
                        Participant.deleted_at.is_(None), Participant.nik.is_not(None)
                    )
                )
            )
        ids = set(s.scalars(select(Village.id)))
    return count, niks, ids


def generate_demo(
    db: Database,
    *,
    participants: int = 2000,
    seed: int = 1,
    officer: str | None = None,
    regions_dir: Path | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
) -> DemoSummary:
    """Fill ``db`` with a year of realistic Jambi branch work (see the module doc).

    Refuses (UserError) when the database already holds participants, unless
    ``force``. ``regions_dir`` is a folder of region reference files to import first
    (see :func:`default_regions_dir`); without it, an already loaded reference is
    used, else a built-in list of villages.
    """
    t0 = time.perf_counter()
    if participants < 0:
        raise ValueError("participants must be >= 0")
    existing, live_niks, village_ids = _existing(db)
    if existing and not force:
        raise DemoRefusedError(
            f"Basis data ini sudah berisi {existing} peserta. Data contoh hanya diisi ke basis "
            "data kosong; pakai berkas basis data baru (atau --force bila memang disengaja).",
            f"This database already holds {existing} participants. Demo data only goes into "
            "an empty database; use a new database file (or --force if you really mean it).",
        )
    total_units = 2 * participants + 100

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, total_units), total_units)

    report(0)
    region_villages = 0
    if regions_dir is not None:
        files = find_region_files(Path(regions_dir))
        if not files:
            raise UserError(
                f"Folder '{regions_dir}' tidak berisi berkas data wilayah (CSV/XLSX).",
                f"The folder '{regions_dir}' holds no region data files (CSV/XLSX).",
            )
        import_regions(db, files)
    reference = _reference_villages(db)
    use_reference = bool(reference)
    if use_reference:
        region_villages = len(reference)

    rng = random.Random(seed)
    today = today or date.today()
    g = _Gen(db, rng, today, officer)
    g.used_niks |= live_niks
    if use_reference:
        with db.read_session() as s:
            g.other_districts = list(
                s.scalars(
                    select(RegionArea.code)
                    .where(RegionArea.level == 3, RegionArea.code.like("15%"))
                    .order_by(RegionArea.code)
                )
            ) or list(OTHER_DISTRICTS)

    villages = _build_villages(g, participants, use_reference)
    _plan_villages(g, villages)
    for v in villages:
        _plan_sessions(g, v)
    people = _officials(g, villages, participants)
    n_officials = len(people)
    _regulars(g, villages, people, participants - n_officials, report)
    attendance, walkins = _attendance(g, villages, people)
    targets = _targets(g, villages)
    report(participants)

    # -- who and when: revisions of the officers' devices -----------------------------
    village_rows: list[dict[str, Any]] = []
    for v in villages:
        assert v.first_contact is not None
        created_day = g.day_between(v.first_contact - timedelta(days=20), v.first_contact)
        created = g.office_time(max(g.start, created_day))
        updated = None
        if v.status == VillageStatus.LAUNCHED.value and v.launch_date:
            updated = g.office_time(v.launch_date)
        elif v.status == VillageStatus.SOCIALISED.value:
            updated = g.office_time(v.first_contact)
        row = {
            "id": v.id,
            "kind": v.kind,
            "name": v.name,
            "kecamatan": v.kecamatan,
            "kabupaten": v.kabupaten,
            "region_code": v.region_code,
            "region_version": v.region_version,
            "head_name": v.head_name or g.person_name("L"),
            "contact_phone": v.head_phone,
            "est_informal_workers": v.est,
            "status": v.status,
            "launch_date": v.launch_date,
            "notes": (
                "Desa Sadar Jaminan Sosial Ketenagakerjaan (penetapan KC Jambi)."
                if v.region_code in {c for c, *_ in TARGET_VILLAGES}
                else ""
            ),
        }
        g.stamp(row, v.officer, created, updated)
        village_rows.append(row)

    for v in villages:
        for s in v.sessions:
            created = g.office_time(s["held_on"]) + timedelta(hours=3)
            g.stamp(s, v.officer, created)
    for p in people:
        seen_on = p.pop("_seen_on")
        created = g.office_time(seen_on)
        updated = None
        if p["status"] == _P_ACTIVE:
            updated = g.office_time(min(g.end, seen_on + timedelta(days=g.ri(3, 30))))
        elif p["status"] == _P_INACTIVE:
            updated = g.office_time(min(g.end, seen_on + timedelta(days=g.ri(60, 200))))
        g.stamp(p, p["officer"], created, updated)
    for a in attendance:
        session = a.pop("_session")
        created = session["created_at"] + timedelta(seconds=g.ri(1, 900))
        g.stamp(a, session["facilitator"], created)
    target_day = g.day_between(g.start, g.start + timedelta(days=14))
    for t in targets:
        g.stamp(t, g.officers[0], g.office_time(target_day))
    session_rows = [s for v in villages for s in v.sessions]

    # -- write ----------------------------------------------------------------------------
    t_write = time.perf_counter()
    new_villages = [r for r in village_rows if r["id"] not in village_ids]
    tables = (
        (Village, new_villages),
        (Participant, people),
        (OutreachSession, session_rows),
        (Attendance, attendance),
        (Target, targets),
    )
    rows_total = sum(len(rows) for _, rows in tables) or 1
    written = 0
    max_rev = max((r["rev"] for _, rows in tables for r in rows), default=None, key=lambda x: x)
    try:
        with db.session() as s:
            conn = s.connection()
            for model, rows in tables:
                table = model.__table__  # type: ignore[attr-defined]
                # Filling an empty table and indexing it afterwards is several times
                # faster than updating every index row by row (same transaction, so a
                # failure rolls the indexes back too).
                deferred: list[tuple[str, str]] = []
                if len(rows) >= CHUNK and conn.scalar(select(table.c.id).limit(1)) is None:
                    deferred = _drop_indexes(conn, table.name)
                for i in range(0, len(rows), CHUNK):
                    chunk = rows[i : i + CHUNK]
                    s.execute(insert(table), chunk)
                    written += len(chunk)
                    report(participants + int(participants * written / rows_total))
                _restore_indexes(conn, deferred)
            if max_rev is not None:
                db.observe_rev(max_rev)
            by_status: dict[str, int] = {}
            for p in people:
                by_status[p["status"]] = by_status.get(p["status"], 0) + 1
            counts = {
                "villages": len(new_villages),
                "officials": n_officials,
                "participants": len(people),
                "sessions": len(session_rows),
                "attendance": len(attendance),
                "targets": len(targets),
            }
            changes = {"seed": (None, seed), "year": (None, g.year)}
            changes |= {k: (None, n) for k, n in counts.items()}
            write_audit(s, db, "database", new_id(), "demo", db.next_rev(), changes)
            db.save_clock(s)
    except IntegrityError as exc:
        raise DemoRefusedError(
            f"Data contoh dengan seed {seed} sudah pernah diisi ke basis data ini. "
            "Pakai seed lain.",
            f"Demo data with seed {seed} was already added to this database. Use another seed.",
        ) from exc
    if officer and officer.strip():
        db.set_officer(officer.strip())
    report(total_units)
    return DemoSummary(
        villages=len(new_villages),
        officials=n_officials,
        participants=len(people),
        sessions=len(session_rows),
        attendance=len(attendance),
        walkins=walkins,
        targets=len(targets),
        region_villages=region_villages,
        participants_by_status=dict(sorted(by_status.items())),
        seed=seed,
        year=g.year,
        officer=g.officers[0],
        seconds=round(time.perf_counter() - t0, 3),
        write_seconds=round(time.perf_counter() - t_write, 3),
    )


__all__ = [
    "BRANCH_TARGET",
    "DemoRefusedError",
    "DemoSummary",
    "FALLBACK_VILLAGES",
    "MARKETS",
    "TARGET_VILLAGES",
    "default_regions_dir",
    "generate_demo",
]
