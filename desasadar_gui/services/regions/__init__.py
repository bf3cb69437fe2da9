"""Kemendagri region reference: import from CSV/XLSX, and lookups for the region picker.

The reference is local-only data (table ``region_areas``) that a user or installer
provides; the project ships no copy. Three shapes of file are recognised by their
header row (column order does not matter, extra columns are ignored):

- regencies: ``code,name,kind``                (code 4 digits; kind kabupaten/kota)
- districts: ``code,regency_code,name``        (code 6 digits)
- villages:  ``code,district_code,name,kind``  (code 10 digits; kind desa/kelurahan)

An XLSX workbook may hold one or more sheets, each in one of these shapes. Codes are
kept as text. An import is all-or-nothing: every file is read and checked first, and
only then are the rows written, in one transaction; a bad file changes nothing and
the message names the file and the line.

Everything here works (returns empty answers) when no reference has been loaded: the
app then takes villages as free text.

The package, by concern: ``codes`` (pure code helpers), ``files`` (reading and
recognising region files) and ``store`` (the import into the database and the lookups).
"""

from desasadar_gui.services.regions.codes import (
    REGION_NAMESPACE,
    RegionImportError,
    normalise_code,
    village_id_for_code,
    village_kind_for_code,
)
from desasadar_gui.services.regions.files import (
    RegionFiles,
    SkippedFile,
    find_region_files,
    scan_region_folder,
    sort_region_files,
    why_not_region_file,
)
from desasadar_gui.services.regions.store import (
    RegionImportResult,
    RegionItem,
    VillagePlace,
    describe_village_code,
    has_regions,
    import_regions,
    list_districts,
    list_regencies,
    list_villages,
    region_counts,
    region_dataset_version,
)

__all__ = [
    "REGION_NAMESPACE",
    "RegionFiles",
    "RegionImportError",
    "RegionImportResult",
    "RegionItem",
    "SkippedFile",
    "VillagePlace",
    "describe_village_code",
    "find_region_files",
    "has_regions",
    "import_regions",
    "list_districts",
    "list_regencies",
    "list_villages",
    "normalise_code",
    "region_counts",
    "region_dataset_version",
    "scan_region_folder",
    "sort_region_files",
    "village_id_for_code",
    "village_kind_for_code",
    "why_not_region_file",
]
