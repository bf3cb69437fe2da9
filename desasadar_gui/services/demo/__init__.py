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
summarises the run, and the database is marked as a practice one
(``services/practice.py``) in the same transaction.

The package, by concern: ``places`` and ``names`` (the built-in lists), ``state``
(the seeded generator and its helpers), ``villages``, ``sessions``,
``participants`` and ``targets`` (the builders), ``write`` (revisions and the bulk
load) and ``generate`` (the steps in order).
"""

from desasadar_gui.services.demo.generate import DemoRefusedError, DemoSummary, generate_demo
from desasadar_gui.services.demo.places import FALLBACK_VILLAGES, MARKETS, TARGET_VILLAGES
from desasadar_gui.services.demo.targets import BRANCH_TARGET
from desasadar_gui.services.demo.villages import REGIONS_ENV, default_regions_dir

__all__ = [
    "BRANCH_TARGET",
    "REGIONS_ENV",
    "DemoRefusedError",
    "DemoSummary",
    "FALLBACK_VILLAGES",
    "MARKETS",
    "TARGET_VILLAGES",
    "default_regions_dir",
    "generate_demo",
]
