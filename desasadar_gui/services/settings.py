"""Whole-number settings stored in the database (``settings`` table): read with their
defaults, written in one transaction. The backup policy and the retention periods are
kept this way; the rules about each value stay with its owner."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desasadar_gui.db.models import Setting
from desasadar_gui.services.database import Database


def read_counts(db: Database, defaults: Mapping[str, int]) -> dict[str, int]:
    """Each key's stored whole number (at least 1); its default when unset or invalid."""
    with db.read_session() as s:
        rows = {key: s.get(Setting, key) for key in defaults}
    values: dict[str, int] = {}
    for key, fallback in defaults.items():
        row = rows[key]
        try:
            values[key] = max(1, int(row.value)) if row is not None else fallback
        except ValueError:
            values[key] = fallback
    return values


def write_counts(db: Database, pairs: Iterable[tuple[str, int]]) -> None:
    with db.session() as s:
        for key, value in pairs:
            s.merge(Setting(key=key, value=str(int(value))))


__all__ = ["read_counts", "write_counts"]
