"""Kemendagri region codes: levels, normalising, the kind a code implies, and the
stable record id of a village picked from the reference. Pure: no files, no database."""

from __future__ import annotations

import re
import uuid

from desasadar_gui.errors import UserError

# Never change this: villages picked from the reference on two laptops must get the
# same record id (uuid5 of this namespace and the village code), so that the merge
# sees one record edited twice, not two villages.
REGION_NAMESPACE = uuid.UUID("7d0c6f0e-2b7a-5d2e-9a51-3f1d5e0b9c11")

LEVEL_REGENCY = 2
LEVEL_DISTRICT = 3
LEVEL_VILLAGE = 4
_CODE_LENGTH = {LEVEL_REGENCY: 4, LEVEL_DISTRICT: 6, LEVEL_VILLAGE: 10}
_PARENT_LENGTH = {LEVEL_DISTRICT: 4, LEVEL_VILLAGE: 6}

_LEVEL_WORDS = {
    LEVEL_REGENCY: ("kabupaten/kota", "regency"),
    LEVEL_DISTRICT: ("kecamatan", "district"),
    LEVEL_VILLAGE: ("desa/kelurahan", "village"),
}


class RegionImportError(UserError):
    pass


def _fail(text_id: str, text_en: str) -> RegionImportError:
    return RegionImportError(text_id, text_en)


_DOTTED = re.compile(r"^\d{2}(\.\d{2}){1,2}(\.\d{4})?$")


def normalise_code(value: object) -> str:
    """Region code as text: strips spaces, accepts ``15.04.03.2015`` and Excel numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip().replace(" ", "")
    if _DOTTED.match(text):
        text = text.replace(".", "")
    return text


def village_kind_for_code(code: str) -> str | None:
    """'kelurahan' or 'desa' from the first digit of the 4-digit village part.

    1 = kelurahan, 2 = desa, 3 = desa adat (a desa); None when the code is not a
    10-digit village code or the digit is none of those.
    """
    code = normalise_code(code)
    if len(code) != 10 or not code.isdigit():
        return None
    return {"1": "kelurahan", "2": "desa", "3": "desa"}.get(code[-4])


def regency_kind_for_code(code: str) -> str:
    """Regency part 01-69 is a kabupaten, 71-99 a kota."""
    return "kota" if int(code[2:4]) >= 70 else "kabupaten"


def village_id_for_code(code: str) -> str:
    """The record id of a village picked from the reference: the same on every laptop."""
    text = normalise_code(code)
    if len(text) != 10 or not text.isdigit():
        raise ValueError(f"not a 10-digit Kemendagri village code: {code!r}")
    return str(uuid.uuid5(REGION_NAMESPACE, "kemendagri-village:" + text))
