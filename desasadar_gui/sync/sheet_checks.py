"""Checks across the rows of a sheet: sorted-apart columns, copied rows, and keys that
two live rows of the file share.

A supervisor who sorts only some columns (Excel's "continue with the current
selection"; the grouped machine columns stay put) moves people's data onto other
people's ids. Row by row that looks like edits. Two things give it away:

- **values that moved**: in a column that was sorted apart from its rows, the new
  values are, as a multiset, the values other rows had at export. Each exported row
  carries a fingerprint (a short hash per visible cell, ``cells.fingerprint``), so the
  import compares, per column, the old and new cell prints of the rows changed in it;
- **identity**: a row whose NIK, name and birth date (for people; see
  ``rules.IDENTITY``) changed at once is someone else.

A sheet with either sign is refused as a whole with a plain message: an import must
never put one person's data on another person's id.

Copied rows (the same id on several rows) and live keys shared inside the file (one NIK
on two people, one region code on two villages, two targets for one year and scope)
are settled set-wise in the staging file, after every row is read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desasadar_gui.domain import rules
from desasadar_gui.sync.errors import SheetScrambledError
from desasadar_gui.sync.staging import EDITED, NEW, UNCHANGED, Staging, staged_columns
from desasadar_gui.sync.workbook_format import SHEETS, SheetSpec

# A column counts as sorted apart from its rows when at least this many rows changed in
# it and this share of their new values are values other rows had at export ...
MOVED_MIN_ROWS = 3
MOVED_SHARE = 0.6
# ... or when this many rows (and this share of the edited rows) are someone else.
SCRAMBLED_MIN_ROWS = 5
SCRAMBLED_SHARE = 0.2
# Columns of few distinct values (choices, Ya/Tidak, dates of a few sessions) match
# other rows by chance: they count only on a large scale.
FEW_VALUE_KINDS = frozenset({"enum", "bool", "display_enum", "display_date"})
FEW_VALUE_MIN_ROWS = 20
FEW_VALUE_MIN_SHARE_OF_SHEET = 0.25


@dataclass
class ColumnMoves:
    """Per checked column: the old and new cell prints of rows edited in it."""

    spec: SheetSpec
    old: list[Counter] = field(default_factory=list)
    new: list[Counter] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # rows changed per column
    someone_else: int = 0  # rows whose identity changed beyond a correction
    edited: int = 0
    total: int = 0

    def __post_init__(self) -> None:
        n = len(self.spec.checked_columns)
        self.old = [Counter() for _ in range(n)]
        self.new = [Counter() for _ in range(n)]
        self.rows = [0] * n

    def add(self, old_prints: list[str], new_prints: list[str]) -> list[int]:
        """One edited row; returns the indexes of the checked columns that changed."""
        changed = []
        for i, (a, b) in enumerate(zip(old_prints, new_prints, strict=True)):
            if a != b:
                self.old[i][a] += 1
                self.new[i][b] += 1
                self.rows[i] += 1
                changed.append(i)
        return changed

    def moved_columns(self) -> list[str]:
        """Headers of the columns whose values moved between rows."""
        out = []
        for i, column in enumerate(self.spec.checked_columns):
            n = self.rows[i]
            if n < MOVED_MIN_ROWS:
                continue
            if column.kind in FEW_VALUE_KINDS and (
                n < FEW_VALUE_MIN_ROWS or n < FEW_VALUE_MIN_SHARE_OF_SHEET * self.total
            ):
                continue
            overlap = sum((self.old[i] & self.new[i]).values())
            if overlap >= MOVED_SHARE * n:
                out.append(column.header)
        return out

    def check(self, sheet: str) -> None:
        """Refuse the file when the sheet's data was moved between rows."""
        moved = self.moved_columns()
        scrambled = self.someone_else >= SCRAMBLED_MIN_ROWS and (
            self.someone_else >= SCRAMBLED_SHARE * max(self.edited, 1)
        )
        if moved or scrambled:
            raise SheetScrambledError(sheet, moved, self.someone_else)


# -- copies and shared keys (set-wise, after loading) -------------------------------------


def row_label(values: dict) -> str:
    """How a row is named to people: its name (or walk-in, place, key)."""
    for key in ("name", "walkin_name", "place", "scope_key"):
        if values.get(key):
            return str(values[key])
    return ""


def settle_copies(staging: Staging, spec: SheetSpec) -> None:
    """Rows sharing one id. Identical copies: one is kept (the others were harmless
    copies). Otherwise no copy may overwrite the record: the copies that differ from the
    row as exported are rejected (all of them when none is as exported), and their
    error-workbook rows carry no id, so importing a fixed copy adds a new record instead
    of applying it over the original."""
    con, t = staging.conn, spec.entity
    names = staged_columns(spec)
    stored = spec.stored_fields
    groups = con.execute(
        f"SELECT id FROM {t} WHERE id IN (SELECT id FROM {t} GROUP BY id HAVING count(*) > 1)"
        " GROUP BY id"
    ).fetchall()
    for (record_id,) in groups:
        rows = con.execute(
            f"SELECT rowid, * FROM {t} WHERE id = ? ORDER BY row_num", (record_id,)
        ).fetchall()
        copies = [(r[0], dict(zip(names, r[1:], strict=True))) for r in rows]
        contents = {tuple(v[f] for f in stored) for _, v in copies}
        if len(contents) == 1:
            keep, *extra = copies
            for rowid, v in extra:
                staging.note(
                    spec.name,
                    v["row_num"],
                    record_id,
                    "copy",
                    f"Baris ini salinan persis baris {keep[1]['row_num']}; diabaikan.",
                    f"This row is an exact copy of row {keep[1]['row_num']}; ignored.",
                    row_label(v),
                )
                con.execute(f"DELETE FROM {t} WHERE rowid = ?", (rowid,))
            continue
        originals = [c for c in copies if c[1]["row_kind"] == UNCHANGED]
        losers = [c for c in copies if c not in originals[:1]]
        others = ", ".join(str(v["row_num"]) for _, v in copies)
        for rowid, v in losers:
            if v["row_kind"] == NEW:
                text_id = (
                    f"Baris baru ini sama dengan data di baris lain ({others}): orang/data yang "
                    "sama sudah ada. Ubah data di baris itu saja."
                )
                text_en = (
                    f"This new row is the same as another row ({others}): the record already "
                    "exists. Make the change on that row only."
                )
            else:
                text_id = (
                    f"ID baris ini juga ada di baris {others} (baris disalin?) dengan isi lain; "
                    "tidak ada salinan yang diterapkan. Ubah data di baris aslinya saja; bila ini "
                    "orang baru, impor berkas kesalahan ini untuk menambahkannya."
                )
                text_en = (
                    f"This row's id is also on rows {others} (a copied row?) with other "
                    "contents; no copy was applied. Make the change on the original row only; "
                    "if this is a new person, import this error workbook to add them."
                )
            staging.reject(
                spec.name,
                v["row_num"],
                record_id,
                row_label(v),
                text_id,
                text_en,
                values=v,
                as_new=v["row_kind"] != NEW,
            )
            con.execute(f"DELETE FROM {t} WHERE rowid = ?", (rowid,))


_SHARED_KEY_TEXT = {
    "participants": (
        "NIK {key} sudah dipakai {other} (baris {row}). Satu NIK hanya untuk satu orang.",
        "NIK {key} is already used by {other} (row {row}). One NIK belongs to one person.",
    ),
    "villages": (
        "Kode wilayah {key} sudah dipakai desa {other} (baris {row}).",
        "The region code {key} is already used by the village {other} (row {row}).",
    ),
    "targets": (
        "Target untuk tahun dan cakupan ini sudah ada di baris {row}; ubah nilainya di sana.",
        "A target for this year and scope is already on row {row}; change its value there.",
    ),
}


def settle_shared_keys(staging: Staging) -> None:
    """An edited or new row may not take a key another live row of the file holds
    (``rules.UNIQUE_LIVE``): the form would refuse it. Rows that came back as exported
    and share a key are possible duplicates for the plan, not errors."""
    con = staging.conn
    for entity, key in rules.UNIQUE_LIVE.items():
        spec = next(s for s in SHEETS if s.entity == entity)
        names = staged_columns(spec)
        same = " AND ".join(f"o.{k} = s.{k}" for k in key)
        present = " AND ".join(f"s.{k} IS NOT NULL" for k in key)
        rows = con.execute(
            f"SELECT s.rowid, s.*, min(o.row_num), o.{_label_column(entity)} FROM {entity} s "
            f"JOIN {entity} o ON {same} AND o.id <> s.id AND o.deleted_at IS NULL "
            f"WHERE s.row_kind IN ({EDITED}, {NEW}) AND s.deleted_at IS NULL AND {present} "
            + ("AND s.nik <> '' " if entity == "participants" else "")
            + "GROUP BY s.rowid"
        ).fetchall()
        text_id, text_en = _SHARED_KEY_TEXT[entity]
        for rowid, *rest in rows:
            v = dict(zip(names, rest[: len(names)], strict=True))
            other_row, other = rest[len(names)], rest[len(names) + 1]
            params = {"key": v.get(key[-1]), "other": other or "", "row": other_row}
            staging.reject(
                spec.name,
                v["row_num"],
                v["id"],
                row_label(v),
                text_id.format(**params),
                text_en.format(**params),
                values=v,
            )
            con.execute(f"DELETE FROM {entity} WHERE rowid = ?", (rowid,))


def _label_column(entity: str) -> str:
    return "scope_key" if entity == "targets" else "name"


def missing_rows_note(staging: Staging, spec: SheetSpec, exported: int, seen: int) -> None:
    """Rows deleted in the spreadsheet are not deletions: say so."""
    if exported <= seen:
        return
    n = exported - seen
    staging.note(
        spec.name,
        None,
        None,
        "missing",
        f"{n} baris dari ekspor tidak ada lagi di lembar ini. Menghapus baris di Excel tidak "
        "menghapus data: isi kolom Dihapus = Ya untuk menghapus.",
        f"{n} rows of the export are no longer on this sheet. Deleting rows in Excel does not "
        "delete records: set Dihapus = Ya to delete.",
    )
