"""Built-in places for the demo: the designated villages, a fallback list of real
Jambi villages and markets, and the district codes and regency weights they use."""

from __future__ import annotations

# Codes checked against the Kepmendagri 2025 list (and the 2019 list: identical).
FALLBACK_REGION_VERSION = "Kepmendagri 300.2.2-2138/2025"

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


def _is_river(*names: str) -> bool:
    text = " ".join(names).lower()
    return any(word in text for word in _RIVER_WORDS)
