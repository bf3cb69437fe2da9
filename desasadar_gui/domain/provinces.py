"""Indonesian province codes that can open a NIK.

A NIK keeps the province code of the place where it was first issued, so the list
is every code ever used, not only today's. Kemendagri codes since the 2022 Papua
split (Kepmendagri 100.1.1-6117/2022): 91 Papua, 92 Papua Barat, 93 Papua Selatan,
94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya. Older decrees and BPS use
91 Papua Barat, 94 Papua (and BPS 92/95/96/97 for the new provinces), so 91-97 are
all accepted; names below follow the current Kemendagri numbering.

python-stdnum's own table (stdnum.id.loc) predates Kalimantan Utara (65) and the
new Papua provinces, which is why the NIK check uses this list instead.
"""

from __future__ import annotations

PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
    "97": "Papua Pegunungan (kode BPS)",
}

PROVINCE_CODES: frozenset[str] = frozenset(PROVINCES)
