"""Built-in names for demo people: first and second names, officers, phone prefixes."""

from __future__ import annotations

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
