"""The contribution rate table: bundled seed, or a newer one the user imported.

The table is data (``resources/contribution_rates.csv``); an imported table is kept
in this database's settings so every computation on this laptop uses the same one.
"""

from __future__ import annotations

from pathlib import Path

from desasadar_gui.db.models import Setting
from desasadar_gui.domain.contribution import RateTable
from desasadar_gui.errors import UserError
from desasadar_gui.paths import resource_path
from desasadar_gui.services.database import Database

RATES_KEY = "contribution_rates_csv"
_BUNDLED: RateTable | None = None


def bundled_rate_table() -> RateTable:
    global _BUNDLED
    if _BUNDLED is None:
        text = resource_path("contribution_rates.csv").read_text(encoding="utf-8")
        _BUNDLED = RateTable.from_csv_text(text)
    return _BUNDLED


def rate_table(db: Database) -> RateTable:
    """The table in force on this database (cached on the Database object)."""
    cached = getattr(db, "_rate_table", None)
    if cached is not None:
        return cached
    with db.read_session() as s:
        row = s.get(Setting, RATES_KEY)
        table = RateTable.from_csv_text(row.value) if row else bundled_rate_table()
    db._rate_table = table  # type: ignore[attr-defined]
    return table


def rate_table_text(db: Database) -> str:
    """The table in force as CSV (what an export carries in its Metadata)."""
    return rate_table(db).to_csv_text()


def import_rate_table(db: Database, path: Path) -> RateTable:
    """Replace the rate table with a CSV file; a malformed file changes nothing."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            f"Berkas tarif '{Path(path).name}' tidak bisa dibaca: {exc}",
            f"The rate file '{Path(path).name}' could not be read: {exc}",
        ) from exc
    try:
        table = RateTable.from_csv_text(text)
    except ValueError as exc:
        raise UserError(
            f"Berkas tarif '{Path(path).name}' tidak sesuai format: {exc}",
            f"The rate file '{Path(path).name}' is not in the expected format: {exc}",
        ) from exc
    with db.session() as s:
        s.merge(Setting(key=RATES_KEY, value=text))
    db._rate_table = table  # type: ignore[attr-defined]
    return table


def reset_rate_table(db: Database) -> None:
    with db.session() as s:
        row = s.get(Setting, RATES_KEY)
        if row is not None:
            s.delete(row)
    db._rate_table = None  # type: ignore[attr-defined]
