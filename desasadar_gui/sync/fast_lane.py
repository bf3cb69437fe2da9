"""Rows that came back exactly as exported, judged a chunk at a time.

Almost every row of an import is one that another laptop exported and nobody touched.
Judging each of half a million of them on its own (decode every cell, hash, run every
field rule) is most of an import's time. This lane takes a chunk of rows, turns it
into columns and checks each column with a few whole-column operations that run in C
(types, ``str.isprintable``, lengths, membership in a set of codes, a regular
expression over every id), then hashes every row at once.

It only ever *accepts*: a row is taken here when each of its cells is plainly what the
record rules accept as it is (clean text within its length, a known code, a whole
number in range, a date, a stored-form phone, a well-formed id) and its row hash
matches. The entity rules (``rules.check_entity``: the NIK, dates, required pairs) then
run on it as on any row. Anything else (a cell that needs cleaning or decoding, an
edited or new row, a rule's complaint) goes to the row-by-row path, which gives the
same answer for the rows this lane accepts (``tests/test_sync_fast_lane.py`` holds
both to that) and the reasons for the others.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from desasadar_gui.domain import fields, rules
from desasadar_gui.domain.phone import is_stored_mobile
from desasadar_gui.sync import cells as C
from desasadar_gui.sync.row_reader import Layout
from desasadar_gui.sync.staging import UNCHANGED
from desasadar_gui.sync.workbook_format import BOOL_FALSE, BOOL_TRUE, Column, SheetSpec
from desasadar_gui.sync.xlsx_stream import Row

# Diagnostics (and the equivalence test): set to judge every row on the row path.
ROW_BY_ROW_ENV = "DESASADAR_ROW_BY_ROW"

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_REV = re.compile(r"\d{13}-\d{5}-[0-9A-Za-z]{1,40}")
_SHOWN_MOBILE = re.compile(r"08\d{2}-\d{2,4}-\d{2,5}")
_FLAGS = {BOOL_TRUE: 1, BOOL_FALSE: 0}
_SHA = hashlib.sha256

# A column check: (raw cells) -> (canonical texts, stored values, typed values, bad rows).
ColumnCheck = Callable[[tuple], tuple[list, list, list, set[int]]]


def _bad_where(col: tuple, ok: Callable[[Any], bool]) -> set[int]:
    return {k for k, v in enumerate(col) if not ok(v)}


def _plain_text(col: tuple, limit: int, required: bool, blank: Any) -> tuple:
    """Text that needs no cleaning: the only form an export writes."""
    bad: set[int] = set()
    if not set(map(type, col)) <= {str}:
        bad |= _bad_where(col, lambda v: v.__class__ is str)
        col = tuple(v if v.__class__ is str else "" for v in col)
    joined = "\x1f".join(col)
    if not all(map(str.isprintable, col)):
        bad |= _bad_where(col, str.isprintable)
    if list(map(str.strip, col)) != list(col):
        bad |= _bad_where(col, lambda v: v == v.strip())
    if "  " in joined:
        bad |= _bad_where(col, lambda v: "  " not in v)
    if not joined.isascii() and not unicodedata.is_normalized("NFC", joined):
        bad |= _bad_where(col, lambda v: unicodedata.is_normalized("NFC", v))
    if col and max(map(len, col)) > limit:
        bad |= _bad_where(col, lambda v: len(v) <= limit)
    if required and "" in col:
        bad |= _bad_where(col, bool)
    stored = [v if v else blank for v in col]
    return list(col), stored, stored, bad


def _matching(col: tuple, pattern: re.Pattern[str], nullable: bool) -> tuple:
    bad: set[int] = set()
    if not set(map(type, col)) <= {str}:
        bad |= _bad_where(col, lambda v: v.__class__ is str)
    for k, (v, hit) in enumerate(zip(col, map(_fullmatch(pattern), col), strict=True)):
        if hit is None and not (nullable and v == ""):
            bad.add(k)
    stored = [v if v.__class__ is str and v else None for v in col]
    return _texts(col), stored, stored, bad


def _texts(col: tuple) -> list[str]:
    """Canonical texts of a column; a cell of another type (its row is judged by the row
    path) counts as blank here."""
    return [v if v.__class__ is str else "" for v in col]


def _fullmatch(pattern: re.Pattern[str]) -> Callable[[Any], Any]:
    return lambda v: pattern.fullmatch(v) if v.__class__ is str else None


def _choices(col: tuple, codes: dict[str, Any], required: bool) -> tuple:
    known = codes if required else {**codes, "": None}
    bad = set() if set(col) <= known.keys() else _bad_where(col, lambda v: v in known)
    stored = [known.get(v) for v in col]
    canon = ["" if s is None else str(s) for s in stored]
    return canon, stored, stored, bad


def _flags(col: tuple) -> tuple:
    bad = set() if set(col) <= _FLAGS.keys() else _bad_where(col, lambda v: v in _FLAGS)
    stored = [_FLAGS.get(v, 0) for v in col]
    return [str(s) for s in stored], stored, [bool(s) for s in stored], bad


def _numbers(col: tuple, low: int, high: int, nullable: bool) -> tuple:
    def ok(v: Any) -> bool:
        return (v.__class__ is int and low <= v <= high) or (nullable and v == "")

    ints = [v for v in col if v.__class__ is int]
    plain = set(map(type, col)) <= ({int, str} if nullable else {int})
    in_range = not ints or (low <= min(ints) and max(ints) <= high)
    bad = (
        set()
        if plain and in_range and (not nullable or not _stray_text(col))
        else (_bad_where(col, ok))
    )
    stored = [v if v.__class__ is int else None for v in col]
    return [str(v) for v in col], stored, stored, bad


def _stray_text(col: tuple) -> bool:
    return any(v.__class__ is str and v != "" for v in col)


def _dates(col: tuple, required: bool) -> tuple:
    def ok(v: Any) -> bool:
        return v.__class__ is date or (v == "" and not required)

    bad = set() if set(map(type, col)) <= {date} else _bad_where(col, ok)
    iso = [v.isoformat() if v.__class__ is date else "" for v in col]
    return iso, [s or None for s in iso], [v if v.__class__ is date else None for v in col], bad


def _timestamps(col: tuple, nullable: bool) -> tuple:
    bad: set[int] = set()
    if not set(map(type, col)) <= {str}:
        bad |= _bad_where(col, lambda v: v.__class__ is str)
    for k, v in enumerate(col):
        if v == "" and nullable:
            continue
        if v.__class__ is not str or len(v) != 26 or v[10] != " " or not "2000" <= v <= "2200":
            bad.add(k)
    present = [v for k, v in enumerate(col) if k not in bad and v]
    try:
        list(map(datetime.fromisoformat, present))
    except ValueError:
        bad |= _bad_where(col, _valid_timestamp)
    stored = [v if v.__class__ is str and v else None for v in col]
    return _texts(col), stored, stored, bad


def _valid_timestamp(v: Any) -> bool:
    try:
        datetime.fromisoformat(v)
    except (TypeError, ValueError):
        return v == ""
    return True


def _phones(col: tuple) -> tuple:
    stored: list[Any] = []
    bad: set[int] = set()
    for k, v in enumerate(col):
        if v == "":
            stored.append(None)
        elif v.__class__ is str and _SHOWN_MOBILE.fullmatch(v):
            e164 = "+62" + v[1:].replace("-", "")
            stored.append(e164)
            if not is_stored_mobile(e164):
                bad.add(k)
        else:
            stored.append(None)
            bad.add(k)
    return ["" if s is None else s for s in stored], stored, stored, bad


def column_check(spec: SheetSpec, column: Column) -> ColumnCheck | None:
    """The whole-column check of one stored column, or None (no fast lane for it)."""
    f = fields.FIELDS_BY_NAME[spec.entity].get(column.field)
    kind = column.kind
    nullable = column.nullable
    if kind == "id":
        return lambda col: _matching(col, _UUID, False)
    if kind == "ref":
        return lambda col: _matching(col, _UUID, True)
    if kind == "rev":
        return lambda col: _matching(col, _REV, False)
    if kind == "datetime":
        return lambda col: _timestamps(col, nullable)
    if kind == "device":
        return lambda col: _plain_text(col, fields.SYSTEM_TEXT_LIMIT, True, None)
    if f is None:
        return None
    if kind in ("text", "code", "nik"):
        if f.kind == fields.CODE or kind == "nik":
            digits = re.compile(rf"\d{{1,{f.max_len}}}")
            return lambda col: _matching(col, digits, not f.required)
        blank = f.default if f.default is not None else None
        return lambda col: _plain_text(col, f.max_len, f.required, blank)
    if kind == "enum":
        assert column.enum is not None
        codes = {m.label_id: m.value for m in column.enum}
        return lambda col: _choices(col, codes, f.required)
    if kind == "bool":
        return _flags
    if kind in ("int", "rupiah"):
        return lambda col: _numbers(col, f.low, f.high, nullable and f.default is None)
    if kind == "date":
        return lambda col: _dates(col, f.required)
    if kind == "phone":
        return _phones
    return None


def display_canon(column: Column) -> Callable[[tuple], list]:
    """Display cells in the form their fingerprint was made of."""
    if column.kind == "display_enum":
        codes = {m.label_id: m.value for m in column.enum}  # type: ignore[union-attr]
        return lambda col: [codes.get(v, v) for v in col]
    if column.kind == "display_date":
        return lambda col: [v.isoformat() if v.__class__ is date else v for v in col]
    return lambda col: list(col)


def _machine_cell(value: Any) -> str | None:
    """A hash-like machine cell as the row path keeps it (``RowDecoder.decode``)."""
    return value.strip() or None if value.__class__ is str else None


class FastLane:
    """Splits a chunk of rows into those accepted here (their staged tuples) and the
    rest, for the row-by-row path."""

    def __init__(self, spec: SheetSpec, layout: Layout, ctx: Any, on_display: Callable) -> None:
        self.spec = spec
        self.entity = spec.entity
        self.ctx = ctx
        self.on_display = on_display  # (row number, changed display indexes, values)
        checks = []
        for name in spec.stored_fields:
            column = spec.column(name)
            check = column_check(spec, column)
            if check is None or name not in layout.index:
                self.usable = False
                return
            checks.append((name, layout.index[name], check))
        self.usable = (
            ctx.fingerprinted
            and not os.environ.get(ROW_BY_ROW_ENV)
            and all(
                f in layout.index for f in ("_row_hash", "_fingerprint", "_deleted", "_base_rev")
            )
        )
        self.checks = checks
        self.rev_at = spec.stored_fields.index("rev")
        self.hash_at = layout.index.get("_row_hash", -1)
        self.fp_at = layout.index.get("_fingerprint", -1)
        self.deleted_at = layout.index.get("_deleted", -1)
        self.base_at = layout.index.get("_base_rev", -1)
        checked = spec.checked_columns
        self.fp_width = C.FP_WIDTH * len(checked)
        self.display = [
            (i, layout.index[c.field], display_canon(c), c.field)
            for i, c in enumerate(checked)
            if c.kind.startswith("display") and c.field in layout.index
        ]
        self.data_names = [n for n in spec.stored_fields if n in fields.FIELDS_BY_NAME[self.entity]]
        self.rules_ctx = rules.RuleContext(ctx.today, None, derive=False)

    def split(self, rows: list[Row], latest_rev: int) -> tuple[list[tuple], list[Row]]:
        if not self.usable or not rows:
            return [], rows
        cols = list(zip(*(r.values for r in rows), strict=True))
        bad: set[int] = {k for k, r in enumerate(rows) if r.odd}
        canon_cols: list[list] = []
        stored_cols: list[list] = []
        typed: dict[str, list] = {}
        for name, at, check in self.checks:
            canon, stored, as_typed, worse = check(cols[at])
            bad |= worse
            canon_cols.append(canon)
            stored_cols.append(stored)
            typed[name] = as_typed
        self._mark_changed(cols, canon_cols, stored_cols, latest_rev, bad)
        return self._settle(rows, cols, stored_cols, typed, bad, self._display_changes(cols))

    def _mark_changed(
        self,
        cols: list[tuple],
        canon_cols: list[list],
        stored_cols: list[list],
        latest_rev: int,
        bad: set[int],
    ) -> None:
        """Add to ``bad`` the rows not as exported: a revision later than the file can
        hold, a row hash that does not match, a deletion flag that disagrees."""
        revs = stored_cols[self.rev_at]
        for k, rev in enumerate(revs):
            if k not in bad and int(rev[:13]) > latest_rev:
                bad.add(k)
        hashes = cols[self.hash_at]
        lines = map("\x1f".join, zip(*canon_cols, strict=True))
        for k, (line, cell) in enumerate(zip(lines, hashes, strict=True)):
            if (
                k not in bad
                and _SHA(line.encode("utf-8", "surrogatepass")).hexdigest()[:20] != cell
            ):
                bad.add(k)  # edited (or a hash typed over): the row path sees why
        deleted_at = stored_cols[self.spec.stored_fields.index("deleted_at")]
        for k, (flag, gone) in enumerate(zip(cols[self.deleted_at], deleted_at, strict=True)):
            if (flag == BOOL_TRUE) != (gone is not None) or flag not in ("", BOOL_TRUE):
                bad.add(k)

    def _display_changes(self, cols: list[tuple]) -> dict[int, list[int]]:
        """Row index -> the display columns whose cell no longer matches its print."""
        fps = cols[self.fp_at]
        display_changes: dict[int, list[int]] = {}
        for i, at, shown, _field in self.display:
            w = C.FP_WIDTH * i
            for k, (value, fp) in enumerate(zip(shown(cols[at]), fps, strict=True)):
                if fp.__class__ is str and len(fp) == self.fp_width:
                    if C.cell_print(value) != fp[w : w + C.FP_WIDTH]:
                        display_changes.setdefault(k, []).append(i)
        return display_changes

    def _settle(
        self,
        rows: list[Row],
        cols: list[tuple],
        stored_cols: list[list],
        typed: dict[str, list],
        bad: set[int],
        display_changes: dict[int, list[int]],
    ) -> tuple[list[tuple], list[Row]]:
        """The rows the entity rule accepts unchanged, staged; the rest for the row path."""
        accepted: list[tuple] = []
        slow: list[Row] = []
        names = self.data_names
        check_entity = rules.check_entity
        entity, ctx = self.entity, self.rules_ctx
        hashes, fps, bases = cols[self.hash_at], cols[self.fp_at], cols[self.base_at]
        stored_rows = list(zip(*stored_cols, strict=True))
        typed_cols = [typed[n] for n in names]
        for k, row in enumerate(rows):
            if k in bad:
                slow.append(row)
                continue
            record = dict(zip(names, [c[k] for c in typed_cols], strict=True))
            before = dict(record)
            if not check_entity(entity, record, ctx) or record != before:
                slow.append(row)  # a rule complains, or would change a value: row path
                continue
            if k in display_changes:
                self.on_display(display_changes[k], row.number, {"id": stored_rows[k][0], **record})
            base = _machine_cell(bases[k])
            base = base if base and _REV.fullmatch(base) else None
            hash_cell, fp_cell = _machine_cell(hashes[k]), _machine_cell(fps[k])
            accepted.append((*stored_rows[k], base, hash_cell, fp_cell, row.number, UNCHANGED))
        return accepted, slow
