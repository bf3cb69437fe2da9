"""How dates, times, counts, money and phones are shown to people: one format each.

Every screen, dialog, message and human-readable printout goes through these, so the
same value never looks two ways (01/12/2026 in a table, 01-12-2026 in a dialog):

- a date: ``01/12/2026`` (day/month/year, as Indonesians and the British write it);
  ``long_date`` gives ``1 Desember 2026`` / ``1 December 2026`` where a sentence
  needs the month in words;
- a moment: ``01/12/2026 22.16`` in Indonesian (a period between hour and minute,
  as KBBI writes time), ``01/12/2026 22:16`` in English, in the laptop's local time;
- a count: ``36.000`` in Indonesian, ``36,000`` in English;
- money: ``Rp36.000`` (:func:`money.format_rupiah`, the same in both languages);
- a phone: ``0812-3456-7890`` (:func:`phone.display_phone`), never the stored +62….

Machine output (CLI ``--json``, file names, workbook cells) stays ISO and is not made
here. The language is passed in: ``domain`` knows nothing of the current choice.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from .money import format_rupiah
from .phone import display_phone
from .problems import format_date as long_date

__all__ = [
    "count",
    "date_time",
    "display_phone",
    "format_rupiah",
    "long_date",
    "short_date",
    "stored_text",
    "time_of_day",
]


def short_date(value: date | None) -> str:
    """``01/12/2026``; an empty text for no date."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _local(moment: datetime, utc: bool) -> datetime:
    if moment.tzinfo is not None:
        return moment.astimezone()
    if utc:
        return moment.replace(tzinfo=timezone.utc).astimezone()
    return moment


def time_of_day(
    moment: datetime, lang: str = "id", *, seconds: bool = False, utc: bool = True
) -> str:
    """``22.16`` (Indonesian) / ``22:16`` (English), in local time."""
    local = _local(moment, utc)
    sep = ":" if lang == "en" else "."
    text = f"{local.hour:02d}{sep}{local.minute:02d}"
    return f"{text}{sep}{local.second:02d}" if seconds else text


def date_time(
    moment: datetime | None, lang: str = "id", *, seconds: bool = False, utc: bool = True
) -> str:
    """``01/12/2026 22.16`` in the laptop's local time.

    A naive ``moment`` is UTC (the form the database stores) unless ``utc`` is False
    (backup file names carry local time); an aware one is converted.
    """
    if moment is None:
        return ""
    local = _local(moment, utc)
    return f"{short_date(local.date())} {time_of_day(local, lang, seconds=seconds, utc=False)}"


def count(n: int | None, lang: str = "id") -> str:
    """``36.000`` (Indonesian) / ``36,000`` (English); an empty text for None."""
    if n is None:
        return ""
    return f"{n:,}".replace(",", "." if lang != "en" else ",")


def stored_text(value: str, lang: str = "id") -> str:
    """A stored ISO date (``2026-12-01``) or UTC moment (``2026-12-01 22:16:05.123``)
    shown as :func:`short_date` / :func:`date_time`; any other text as it is."""
    text = value.strip()
    try:
        if len(text) == 10:
            return short_date(date.fromisoformat(text))
        return date_time(datetime.fromisoformat(text.replace("Z", "+00:00")), lang)
    except ValueError:
        return value
