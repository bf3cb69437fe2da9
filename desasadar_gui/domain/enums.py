"""Enumerations with stable codes (stored in the database) and bilingual labels.

Each member's value is a short code that never changes once data exists (the DB and
the sync workbooks store it); labels are what people read and may be reworded
freely. ``from_text`` accepts the code, either label or a few common spellings, so a
supervisor's spreadsheet can say "Perempuan", "female" or "P".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from .problems import Problem, ProblemError

if TYPE_CHECKING:
    from typing import Self

E = TypeVar("E", bound="LabelledEnum")

# Per-class metadata lives outside the classes: any plain attribute set in an Enum
# body would become a member.
_TITLES: dict[type, tuple[str, str]] = {}
_ALIASES: dict[type, dict[str, str]] = {}


def _key(text: str) -> str:
    """Comparison key: case-, space- and punctuation-insensitive."""
    return re.sub(r"[\s\-_./()]+", " ", text).strip().casefold()


def describe_enum(
    title_id: str, title_en: str, aliases: dict[str, str] | None = None
) -> Callable[[type[E]], type[E]]:
    """Class decorator: the enumeration's own name (for messages) and extra spellings."""

    def decorate(cls: type[E]) -> type[E]:
        _TITLES[cls] = (title_id, title_en)
        _ALIASES[cls] = {_key(k): v for k, v in (aliases or {}).items()}
        return cls

    return decorate


# Spelling -> member per class, built on first use: imports call from_text per cell.
_LOOKUPS: dict[type, dict[str, LabelledEnum]] = {}


def _lookup(cls: type[E]) -> dict[str, E]:
    table = _LOOKUPS.get(cls)
    if table is None:
        table = {_key(alias): cls(code) for alias, code in _ALIASES.get(cls, {}).items()}
        for member in cls:
            for text in (member.value, member.name, member._label_id, member._label_en):
                table[_key(text)] = member
        table.pop("", None)
        _LOOKUPS[cls] = table
    return table  # type: ignore[return-value]


def _new_member(cls: type[E], code: str, label_id: str, label_en: str) -> E:
    # A function, not super().__new__: Enum swaps a class's __new__ after creation,
    # so subclasses with extra fields (Occupation) cannot call the base's.
    obj = str.__new__(cls, code)
    obj._value_ = code
    obj._label_id = label_id
    obj._label_en = label_en
    return obj


class LabelledEnum(str, Enum):
    """Base: members are declared as ``NAME = (code, label_id, label_en)``."""

    _label_id: str
    _label_en: str

    if TYPE_CHECKING:
        # Calling the class looks a member up by its code: once the members are made,
        # Enum replaces the __new__ below with that lookup. This is what callers see.
        def __new__(cls, code: str) -> Self: ...

    else:

        def __new__(cls, code: str, label_id: str, label_en: str) -> LabelledEnum:
            return _new_member(cls, code, label_id, label_en)

    # str() and f-strings give the stored code, the same on Python 3.10-3.12+
    # (their defaults for str-mixin enums differ between versions).
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)

    @property
    def code(self) -> str:
        return str(self.value)

    @property
    def label_id(self) -> str:
        return self._label_id

    @property
    def label_en(self) -> str:
        return self._label_en

    def label(self, lang: str = "id") -> str:
        return self._label_en if lang == "en" else self._label_id

    @classmethod
    def label_of_code(cls, code: object, blank: str = "") -> str:
        """The Indonesian label of a stored code, for reports: ``blank`` when there is
        none, the code itself when it names no member (data written by another version)."""
        if code in (None, ""):
            return blank
        try:
            return cls(str(code)).label_id
        except ValueError:
            return str(code)

    @classmethod
    def title(cls, lang: str = "id") -> str:
        """What the enumeration itself is called ("Jenis kelamin" / "Gender")."""
        title_id, title_en = _TITLES.get(cls, (cls.__name__, cls.__name__))
        return title_en if lang == "en" else title_id

    @classmethod
    def from_text(cls: type[E], text: object) -> E:
        """The member whose code, name, label or alias matches ``text``.

        Raises ProblemError (a ValueError) naming the choices, for import reports.
        """
        if isinstance(text, cls):
            return text
        if isinstance(text, str):
            exact = cls._value2member_map_.get(text)  # the stored code: the common case
            if exact is not None:
                return exact  # type: ignore[return-value]
        if text is not None:
            member = _lookup(cls).get(_key(str(text)))
            if member is not None:
                return member
        raise ProblemError(
            Problem.of(
                "enum_unknown",
                text="" if text is None else str(text),
                kind_id=cls.title("id").lower(),
                kind_en=cls.title("en").lower(),
                choices_id=", ".join(m._label_id for m in cls),
                choices_en=", ".join(m._label_en for m in cls),
            )
        )


@describe_enum(
    "Jenis kelamin",
    "Gender",
    aliases={
        "lk": "L",
        "laki": "L",
        "pria": "L",
        "m": "L",
        "pr": "P",
        "wanita": "P",
        "w": "P",
        "f": "P",
    },
)
class Gender(LabelledEnum):
    MALE = ("L", "Laki-laki", "Male")
    FEMALE = ("P", "Perempuan", "Female")


@describe_enum("Status peserta", "Participant status")
class ParticipantStatus(LabelledEnum):
    PROSPECT = ("prospect", "Calon peserta", "Prospect")
    REGISTERED = ("registered", "Terdaftar", "Registered")
    ACTIVE = ("active", "Aktif (membayar)", "Active (paying)")
    INACTIVE = ("inactive", "Tidak aktif", "Inactive")


@describe_enum(
    "Sumber dana iuran",
    "Funding source",
    aliases={
        "mandiri": "mandiri",
        "sendiri": "mandiri",
        "self": "mandiri",
        "dana desa": "apbdes",
        "sponsor": "csr",
        "other": "lainnya",
    },
)
class FundingSource(LabelledEnum):
    MANDIRI = ("mandiri", "Mandiri (dibayar sendiri)", "Self-paid")
    APBDES = ("apbdes", "APBDes (dana desa)", "Village budget (APBDes)")
    APBD = ("apbd", "APBD", "Regional budget (APBD)")
    APBN = ("apbn", "APBN", "State budget (APBN)")
    CSR = ("csr", "CSR / sponsor", "CSR / sponsor")
    LAINNYA = ("lainnya", "Lainnya", "Other")


@describe_enum("Program", "Programme")
class Programme(LabelledEnum):
    JKK = ("jkk", "JKK (Jaminan Kecelakaan Kerja)", "JKK (work-accident insurance)")
    JKM = ("jkm", "JKM (Jaminan Kematian)", "JKM (death benefit)")
    JHT = ("jht", "JHT (Jaminan Hari Tua)", "JHT (old-age savings)")


def parse_programmes(text: str | None) -> tuple[Programme, ...]:
    """'JKK, JKM + JHT' -> (JKK, JKM, JHT), in canonical order, for spreadsheet cells."""
    if text is None or not text.strip():
        return ()
    found = {
        Programme.from_text(part) for part in re.split(r"[,;+/&]|\bdan\b", text) if part.strip()
    }
    return tuple(p for p in Programme if p in found)


@describe_enum("Kategori pekerjaan", "Occupation")
class Occupation(LabelledEnum):
    """BPU occupation categories for Jambi (data/reference/bpu_occupation_categories.csv).

    Encoded here, not read at run time: the codes are stored in records, so the list
    changes only with a code (and migration) change. ``is_transport`` decides the
    PP 50/2025 discount window.
    """

    _transport: bool

    if not TYPE_CHECKING:  # members are made with a transport flag (see LabelledEnum)

        def __new__(
            cls, code: str, label_id: str, label_en: str, transport: bool = False
        ) -> Occupation:
            obj = _new_member(cls, code, label_id, label_en)
            obj._transport = transport
            return obj

    TANI = ("tani", "Pertanian tanaman pangan/hortikultura", "Crop farming")
    KEBUN = ("kebun", "Perkebunan", "Plantation smallholding")
    BURUH_TANI = (
        "buruh_tani",
        "Buruh tani/kebun mandiri",
        "Farm/plantation labourer (own-account)",
    )
    TERNAK = ("ternak", "Peternakan", "Livestock")
    NELAYAN = ("nelayan", "Perikanan tangkap", "Fishing")
    BUDIDAYA_IKAN = ("budidaya_ikan", "Budidaya perikanan", "Aquaculture")
    DAGANG = ("dagang", "Perdagangan", "Trade")
    INDUSTRI_RUMAHAN = ("industri_rumahan", "Industri rumahan/kerajinan", "Home industry / crafts")
    JASA_TUKANG = ("jasa_tukang", "Tukang & jasa teknis", "Trades & repair")
    TRANSPORT = ("transport", "Transportasi & pengantaran", "Transport & delivery", True)
    HARIAN_LEPAS = ("harian_lepas", "Pekerja harian/serabutan", "Casual day labour")
    JASA_PRIBADI = ("jasa_pribadi", "Jasa pribadi & rumah tangga", "Personal & domestic services")
    KEAGAMAAN_SOSIAL = ("keagamaan_sosial", "Keagamaan & sosial", "Religious & community roles")
    # The reference marks this "n/a (often APBDes-funded)"; for the discount it
    # counts as non-transport, and APBDes funding is not excluded by PP 50/2025.
    APARATUR_DESA = ("aparatur_desa", "Aparatur desa & lembaga desa", "Village officials & bodies")
    LAINNYA = ("lainnya", "Lainnya", "Other own-account")

    @property
    def is_transport(self) -> bool:
        return self._transport


@describe_enum("Jenis wilayah", "Village kind")
class VillageKind(LabelledEnum):
    DESA = ("desa", "Desa", "Village (desa)")
    KELURAHAN = ("kelurahan", "Kelurahan", "Urban ward (kelurahan)")
    PASAR = ("pasar", "Pasar", "Market (pasar)")


@describe_enum(
    "Jabatan",
    "Official role",
    aliases={
        "kades": "kepala_desa",
        "sekdes": "sekretaris_desa",
        "kadus": "kepala_dusun",
        "bendahara desa": "kaur_keuangan",
        "ketua rt": "ketua_rt_rw",
        "ketua rw": "ketua_rt_rw",
        "sekretaris kelurahan": "sekretaris_lurah",
        "seklur": "sekretaris_lurah",
        "pengelola pasar": "kepala_pasar",
    },
)
class OfficialRole(LabelledEnum):
    """Positions of village officials (Permendagri 84/2015 for desa) and their peers.

    Permendagri 84/2015 has up to three kaur (tata usaha & umum, keuangan,
    perencanaan); smaller desa merge umum and perencanaan, so one code covers both.
    """

    KEPALA_DESA = ("kepala_desa", "Kepala Desa", "Village head")
    SEKRETARIS_DESA = ("sekretaris_desa", "Sekretaris Desa", "Village secretary")
    KAUR_KEUANGAN = ("kaur_keuangan", "Kaur Keuangan", "Head of finance")
    KAUR_UMUM_PERENCANAAN = (
        "kaur_umum_perencanaan",
        "Kaur Tata Usaha, Umum & Perencanaan",
        "Head of general affairs & planning",
    )
    KASI_PEMERINTAHAN = ("kasi_pemerintahan", "Kasi Pemerintahan", "Head of government")
    KASI_KESEJAHTERAAN = ("kasi_kesejahteraan", "Kasi Kesejahteraan", "Head of welfare")
    KASI_PELAYANAN = ("kasi_pelayanan", "Kasi Pelayanan", "Head of services")
    KEPALA_DUSUN = ("kepala_dusun", "Kepala Dusun", "Hamlet head")
    STAF_DESA = ("staf_desa", "Staf desa", "Village staff")
    KETUA_BPD = ("ketua_bpd", "Ketua BPD", "Chair of village council (BPD)")
    ANGGOTA_BPD = ("anggota_bpd", "Anggota BPD", "Village council (BPD) member")
    KETUA_RT_RW = ("ketua_rt_rw", "Ketua RT/RW", "Neighbourhood head (RT/RW)")
    LURAH = ("lurah", "Lurah", "Ward head (lurah)")
    SEKRETARIS_LURAH = ("sekretaris_lurah", "Sekretaris Lurah", "Ward secretary")
    KEPALA_PASAR = ("kepala_pasar", "Kepala/Pengelola Pasar", "Market manager")
    KETUA_PEDAGANG = ("ketua_pedagang", "Ketua paguyuban pedagang", "Chair of traders' association")


# The core positions registered before a desa is launched; each needs at least one
# person (so "at least one kepala dusun" is one entry).
REQUIRED_OFFICIAL_ROLES: tuple[OfficialRole, ...] = (
    OfficialRole.KEPALA_DESA,
    OfficialRole.SEKRETARIS_DESA,
    OfficialRole.KAUR_KEUANGAN,
    OfficialRole.KAUR_UMUM_PERENCANAAN,
    OfficialRole.KASI_PEMERINTAHAN,
    OfficialRole.KASI_KESEJAHTERAAN,
    OfficialRole.KASI_PELAYANAN,
    OfficialRole.KEPALA_DUSUN,
)

# A kelurahan is a government office, not a desa: its seksi differ by regional
# regulation, so only the posts every kelurahan has are required.
_REQUIRED_KELURAHAN: tuple[OfficialRole, ...] = (
    OfficialRole.LURAH,
    OfficialRole.SEKRETARIS_LURAH,
    OfficialRole.KASI_PEMERINTAHAN,
)

# A market has no perangkat desa; the programme starts with whoever runs it.
_REQUIRED_PASAR: tuple[OfficialRole, ...] = (OfficialRole.KEPALA_PASAR,)


def required_roles(village_kind: VillageKind | str) -> tuple[OfficialRole, ...]:
    """Positions that must each have a registered person before launch."""
    kind = VillageKind.from_text(village_kind)
    if kind is VillageKind.KELURAHAN:
        return _REQUIRED_KELURAHAN
    if kind is VillageKind.PASAR:
        return _REQUIRED_PASAR
    return REQUIRED_OFFICIAL_ROLES


# The positions a village of each kind has (the role a form offers for it).
_ROLES_DESA: tuple[OfficialRole, ...] = (
    *REQUIRED_OFFICIAL_ROLES,
    OfficialRole.STAF_DESA,
    OfficialRole.KETUA_BPD,
    OfficialRole.ANGGOTA_BPD,
    OfficialRole.KETUA_RT_RW,
)
_ROLES_KELURAHAN: tuple[OfficialRole, ...] = (
    *_REQUIRED_KELURAHAN,
    OfficialRole.KASI_KESEJAHTERAAN,
    OfficialRole.KASI_PELAYANAN,
    OfficialRole.STAF_DESA,
    OfficialRole.KETUA_RT_RW,
)
_ROLES_PASAR: tuple[OfficialRole, ...] = (OfficialRole.KEPALA_PASAR, OfficialRole.KETUA_PEDAGANG)


def roles_of_kind(village_kind: VillageKind | str) -> tuple[OfficialRole, ...]:
    """The positions a village of this kind has: a desa's perangkat and BPD, a
    kelurahan's lurah and seksi, a market's manager and traders' chair."""
    kind = VillageKind.from_text(village_kind)
    if kind is VillageKind.KELURAHAN:
        return _ROLES_KELURAHAN
    if kind is VillageKind.PASAR:
        return _ROLES_PASAR
    return _ROLES_DESA


def missing_roles(
    village_kind: VillageKind | str, registered: Iterable[OfficialRole | str | None]
) -> tuple[OfficialRole, ...]:
    """Required positions with nobody registered yet; ``registered`` holds the roles
    of the village's participants (None, i.e. not an official, is ignored)."""
    have = {OfficialRole.from_text(r) for r in registered if r}
    return tuple(r for r in required_roles(village_kind) if r not in have)


@describe_enum("Status desa", "Village status")
class VillageStatus(LabelledEnum):
    PROSPECT = ("prospect", "Calon desa sadar", "Prospect")
    SOCIALISED = ("socialised", "Sudah sosialisasi", "Socialised")
    LAUNCHED = ("launched", "Desa Sadar (diluncurkan)", "Launched as Desa Sadar")


@describe_enum("Jenis kegiatan", "Session type")
class SessionType(LabelledEnum):
    SOSIALISASI = ("sosialisasi", "Sosialisasi", "Socialisation")
    EDUKASI = ("edukasi", "Edukasi", "Education")
    DIALOG = ("dialog", "Dialog", "Dialogue")
    PELUNCURAN = ("peluncuran", "Peluncuran Desa Sadar", "Desa Sadar launch")
    PENDAFTARAN = ("pendaftaran", "Pendaftaran", "Registration")


@describe_enum("Hasil kehadiran", "Attendance outcome")
class AttendanceOutcome(LabelledEnum):
    ATTENDED = ("attended", "Hadir", "Attended")
    INTERESTED = ("interested", "Berminat", "Interested")
    REGISTERED = ("registered", "Mendaftar", "Registered")
    DECLINED = ("declined", "Belum berminat", "Not interested yet")


@describe_enum("Cakupan target", "Target scope")
class TargetScope(LabelledEnum):
    BRANCH = ("branch", "Kantor cabang", "Branch office")
    KABUPATEN = ("kabupaten", "Kabupaten/Kota", "Regency/city")
    VILLAGE = ("village", "Desa", "Village")
    OFFICER = ("officer", "Petugas", "Officer")
