"""Problems found in user input, and their plain-language messages.

Domain checks return :class:`Problem` values (a code plus parameters) instead of
text, so the same finding can be shown in Bahasa Indonesia or English, counted in
an import plan, or asserted in a test without matching on wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LANGS = ("id", "en")


@dataclass(frozen=True)
class Problem:
    """One finding: a stable ``code`` and its ``params`` as (name, value) pairs.

    Params are a tuple of pairs, not a dict, so a Problem stays hashable and frozen.
    """

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def param(self, name: str, default: object = None) -> object:
        for key, value in self.params:
            if key == name:
                return value
        return default

    @classmethod
    def of(cls, code: str, **params: object) -> Problem:
        """Shorthand: ``Problem.of("nik_length", length=15)``."""
        return cls(code, tuple(params.items()))


class ProblemError(ValueError):
    """A ValueError that carries its :class:`Problem`.

    It offers ``text_id``, ``text_en`` and ``message(lang)`` like
    ``desasadar_gui.errors.UserError`` (which the domain may not import), so the UI
    can show either kind the same way. ``str()`` is Indonesian, the UI default.
    """

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.text_id = describe(problem, "id")
        self.text_en = describe(problem, "en")
        super().__init__(self.text_id)

    def message(self, lang: str | None = None) -> str:
        return self.text_en if lang == "en" else self.text_id

    def __str__(self) -> str:
        return self.text_id


_MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def format_date(value: date, lang: str = "id") -> str:
    """'17 Agustus 1985': month names, because 05/04 reads differently to everyone."""
    months = _MONTHS["en" if lang == "en" else "id"]
    return f"{value.day} {months[value.month - 1]} {value.year}"


# code -> (Indonesian, English). Templates use str.format with the problem's params.
_MESSAGES: dict[str, tuple[str, str]] = {
    # NIK
    "nik_empty": ("NIK belum diisi.", "NIK is empty."),
    "nik_not_digits": (
        "NIK hanya boleh berisi angka (ada '{chars}').",
        "NIK may contain digits only (found '{chars}').",
    ),
    "nik_excel_number": (
        "NIK '{text}' sudah diubah Excel menjadi angka sehingga digit terakhir hilang. "
        "Ketik ulang NIK dari KTP (format kolom: Teks).",
        "NIK '{text}' was turned into a number by Excel and its last digits are lost. "
        "Re-type it from the ID card (column format: Text).",
    ),
    "nik_length": (
        "NIK harus 16 digit angka (terisi {length}).",
        "NIK must be 16 digits ({length} entered).",
    ),
    "nik_province": (
        "Dua digit pertama NIK ({province}) bukan kode provinsi yang dikenal.",
        "The first two digits of the NIK ({province}) are not a known province code.",
    ),
    "nik_region_zero": (
        "Kode wilayah di NIK ({district}) tidak lengkap: kabupaten/kecamatan tidak boleh 00.",
        "The region part of the NIK ({district}) is incomplete: regency/district cannot be 00.",
    ),
    "nik_date": (
        "Bagian tanggal lahir di NIK ({digits}) bukan tanggal yang mungkin.",
        "The birth-date part of the NIK ({digits}) is not a possible date.",
    ),
    "nik_serial": (
        "Empat digit terakhir NIK tidak boleh 0000.",
        "The last four digits of the NIK cannot be 0000.",
    ),
    "nik_birth_date_mismatch": (
        "Tanggal lahir menurut NIK {nik_date}, tetapi di formulir {form_date}. "
        "Periksa salah satunya.",
        "The NIK says born {nik_date}, but the form says {form_date}. Check which is right.",
    ),
    "nik_gender_mismatch": (
        "Menurut NIK jenis kelaminnya {nik_gender}, tetapi di formulir {form_gender}.",
        "The NIK says {nik_gender}, but the form says {form_gender}.",
    ),
    "nik_regency_mismatch": (
        "NIK diterbitkan di kabupaten/kota lain (kode {nik_regency}), bukan di {regency}. "
        "Ini wajar bila orangnya pindah; periksa bila ragu.",
        "The NIK was issued in another regency (code {nik_regency}), not {regency}. "
        "This is normal when people move; check if in doubt.",
    ),
    # Phone
    "phone_chars": (
        "Nomor telepon berisi karakter yang tidak dikenal ('{chars}').",
        "The phone number contains characters that are not allowed ('{chars}').",
    ),
    "phone_foreign": (
        "Hanya nomor Indonesia (+62) yang diterima: '{text}'.",
        "Only Indonesian numbers (+62) are accepted: '{text}'.",
    ),
    "phone_mobile_length": (
        "Nomor HP harus 10-13 digit diawali 08 (terisi {length}).",
        "A mobile number must be 10-13 digits starting with 08 ({length} entered).",
    ),
    "phone_mobile_84": (
        "Nomor yang diawali 084 bukan nomor HP Indonesia: '{text}'. Periksa digit ketiga.",
        "Numbers starting 084 are not Indonesian mobile numbers: '{text}'. Check the third digit.",
    ),
    "phone_tollfree": (
        "Nomor 080x adalah nomor layanan/bebas pulsa, bukan nomor pribadi: '{text}'.",
        "080x numbers are service/toll-free lines, not personal numbers: '{text}'.",
    ),
    "phone_invalid": (
        "Nomor telepon '{text}' tidak dikenali. Tulis HP sebagai 08xx-xxxx-xxxx "
        "atau telepon rumah dengan kode area, mis. 0741-123456.",
        "Phone number '{text}' is not recognised. Write mobiles as 08xx-xxxx-xxxx "
        "or landlines with the area code, e.g. 0741-123456.",
    ),
    # Money
    "money_empty": ("Jumlah uang belum diisi.", "The amount is empty."),
    "money_invalid": (
        "'{text}' bukan jumlah Rupiah yang dikenali (contoh: 1.500.000 atau 1,5 juta).",
        "'{text}' is not a recognised Rupiah amount (e.g. 1.500.000 or 1,5 juta).",
    ),
    "money_fraction": (
        "'{text}' bukan Rupiah utuh: sen tidak dipakai.",
        "'{text}' is not a whole Rupiah amount: cents are not used.",
    ),
    # Enumerations (spreadsheet import)
    "enum_unknown": (
        "'{text}' tidak dikenal untuk {kind_id}. Pilihan: {choices_id}.",
        "'{text}' is not a known {kind_en}. Choices: {choices_en}.",
    ),
    # Contribution
    "income_negative": (
        "Penghasilan tidak boleh negatif ({amount}).",
        "Income cannot be negative ({amount}).",
    ),
    "rate_missing": (
        "Tabel iuran tidak punya nilai '{key}' yang berlaku pada {on}.",
        "The contribution table has no '{key}' valid on {on}.",
    ),
    # Record rules (rules.py): any field
    "required": ("{label_id} wajib diisi.", "{label_en} is required."),
    "too_long": (
        "{label_id} terlalu panjang ({length} karakter; paling banyak {limit}).",
        "{label_en} is too long ({length} characters; at most {limit}).",
    ),
    "code_digits": ("{label_id} hanya boleh berisi angka.", "{label_en} may contain digits only."),
    "not_a_number": (
        "{label_id} harus berupa bilangan bulat.",
        "{label_en} must be a whole number.",
    ),
    "out_of_range": (
        "{label_id} harus antara {low} dan {high}.",
        "{label_en} must be between {low} and {high}.",
    ),
    "not_a_date": ("{label_id} bukan tanggal.", "{label_en} is not a date."),
    "date_range": (
        "{label_id} harus antara {low} dan {high}.",
        "{label_en} must be between {low} and {high}.",
    ),
    # Record rules: one entity
    "region_code_length": (
        "Kode wilayah desa harus 10 digit angka.",
        "A village region code must be 10 digits.",
    ),
    "launch_date_required": (
        "Isi tanggal peluncuran untuk desa yang sudah diluncurkan.",
        "Enter the launch date for a launched village.",
    ),
    "nik_required": (
        "NIK wajib diisi untuk peserta yang sudah mendaftar.",
        "A NIK is required once a person registers.",
    ),
    "birth_date_future": ("Tanggal lahir ada di masa depan.", "The birth date is in the future."),
    "registration_future": (
        "Tanggal pendaftaran ada di masa depan.",
        "The registration date is in the future.",
    ),
    "contribution_recomputed": (
        "Iuran per bulan dihitung ulang dari penghasilan, program dan sumber dana: "
        "{computed_rp} (tertulis {typed_rp}).",
        "The monthly contribution was computed again from income, programmes and funding: "
        "{computed_rp} (written {typed_rp}).",
    ),
    "attendee_required": ("Isi peserta atau nama tamu.", "Give a participant or a walk-in name."),
    "scope_key_required": (
        "Isi kunci cakupan (kabupaten, id desa atau nama petugas).",
        "Fill in the scope key (regency, village id or officer name).",
    ),
    "reference_missing": (
        "Merujuk ke {what_id} yang tidak ada ({value}).",
        "Refers to a {what_en} that does not exist ({value}).",
    ),
    "official_role_kind": (
        "Jabatan '{role_id}' tidak ada di {kind_id}. Pilih salah satu: {choices_id}.",
        "The position '{role_en}' does not exist here ({kind_en}). Choose one of: {choices_en}.",
    ),
    "reference_gone": (
        "Pilihan {what_id} tidak ada lagi (mungkin sudah dihapus); pilih lagi dari daftar.",
        "The chosen {what_en} no longer exists (it may have been deleted); choose again.",
    ),
    "nik_taken": (
        "NIK ini sudah terdaftar atas nama {other}.",
        "This NIK is already registered to {other}.",
    ),
    "region_code_taken": (
        "Kode wilayah ini sudah dipakai desa {other}.",
        "This region code is already used by the village {other}.",
    ),
    "target_taken": (
        "Target untuk tahun dan cakupan ini sudah ada ({other}).",
        "A target for this year and scope already exists ({other}).",
    ),
    # Rate table file
    "rates_header": (
        "File tabel iuran tidak punya kolom: {columns}.",
        "The contribution table file lacks the columns: {columns}.",
    ),
    "rates_bad_row": (
        "File tabel iuran, baris {line}, kolom '{column}': '{value}' tidak valid ({expected_id}).",
        "Contribution table file, line {line}, column '{column}': '{value}' is not valid "
        "({expected_en}).",
    ),
}


# Gender params are stored as the codes L/P; an officer reads words.
_GENDER_WORDS = {"L": ("laki-laki", "male"), "P": ("perempuan", "female")}


def _format_value(name: str, value: object, lang: str) -> object:
    if name.endswith("_rp") and isinstance(value, int):
        return f"Rp{value:,}".replace(",", ".")  # money.format_rupiah (which imports us)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", "." if lang == "id" else ",")
    if isinstance(value, date):
        return format_date(value, lang)
    if name.endswith("gender") and str(value) in _GENDER_WORDS:
        return _GENDER_WORDS[str(value)][1 if lang == "en" else 0]
    return value


def describe(problem: Problem, lang: str = "id") -> str:
    """The message an officer reads, in Indonesian ('id', default) or English ('en')."""
    lang = "en" if lang == "en" else "id"
    params = {name: _format_value(name, value, lang) for name, value in problem.params}
    templates = _MESSAGES.get(problem.code)
    if templates is None:
        # Better a raw but complete message than none: the code names the check.
        detail = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{problem.code} ({detail})" if detail else problem.code
    template = templates[1] if lang == "en" else templates[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def known_codes() -> frozenset[str]:
    """Every code :func:`describe` has a message for (used by tests)."""
    return frozenset(_MESSAGES)
