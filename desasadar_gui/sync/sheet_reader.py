"""Judging the rows of one sheet of a sync workbook (as exported, edited in the
spreadsheet, or new): see ``workbook_read`` for the three kinds."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any

from desasadar_gui.db.clock import Rev
from desasadar_gui.domain import fields, rules
from desasadar_gui.domain.problems import Problem, describe
from desasadar_gui.services.regions import village_id_for_code
from desasadar_gui.sync import cells as C
from desasadar_gui.sync.row_reader import Layout, NikNumber, RawRow, RowDecoder, RowRejected
from desasadar_gui.sync.sheet_checks import (
    ColumnMoves,
    row_label,
)
from desasadar_gui.sync.staging import EDITED, NEW, UNCHANGED, Staging
from desasadar_gui.sync.workbook_context import REV_SLACK, FileContext
from desasadar_gui.sync.workbook_format import (
    SheetSpec,
)

SPREADSHEET_DEVICE = "spreadsheet"
_REV = re.compile(r"^\d{13}-\d{5}-[0-9A-Za-z]{1,40}\Z")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


def _storage(value: Any) -> Any:
    """Typed value -> what the staging file (and SQLite) stores."""
    if value is True or value is False:
        return int(value)
    if isinstance(value, datetime):
        return C.datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# A machine column (an id people do not read) is named by the column that shows it.
_SHOWN_AS = {"village_id": "_village", "participant_id": "_person", "session_id": "_held_on"}


def column_name(spec: SheetSpec, field: str, lang: str) -> str:
    """The column a field's problem is reported on, as people know it: the sheet's
    header ('Tanggal lahir'), never a storage name ('birth_date', 'village_id')."""
    headers = {c.field: c.header for c in spec.columns}
    shown = headers.get(_SHOWN_AS.get(field, ""))
    if shown:
        return shown
    header = headers.get(field)
    if header and header != field:
        return header
    known = fields.FIELDS_BY_NAME_ALL.get(field)
    if known is not None:
        return known.label_en if lang == "en" else known.label_id
    return header or field


def _problem_text(problems: list[rules.Issue], spec: SheetSpec) -> tuple[str, str]:
    ids, ens = [], []
    for issue in problems:
        ids.append(
            f"Kolom '{column_name(spec, issue.field, 'id')}': {describe(issue.problem, 'id')}"
        )
        ens.append(
            f"Column '{column_name(spec, issue.field, 'en')}': {describe(issue.problem, 'en')}"
        )
    return " ".join(ids), " ".join(ens)


class SheetReader:
    """Judges the rows of one sheet; good rows go to the staging file."""

    def __init__(self, spec: SheetSpec, layout: Layout, ctx: FileContext, staging: Staging):
        self.spec, self.layout, self.ctx, self.staging = spec, layout, ctx, staging
        self.decoder = RowDecoder(layout)
        self.stored = spec.stored_fields
        self.data_fields = spec.data_fields
        self.checked_specs = spec.checked_columns
        self.checked = [c.field for c in self.checked_specs]
        self.moves = ColumnMoves(spec)
        self.identity, self.corrections = rules.IDENTITY[spec.entity]
        self.identity_at = [self.checked.index(f) for f in self.identity if f in self.checked]
        self.display_at = [
            i for i, c in enumerate(spec.checked_columns) if c.kind.startswith("display")
        ]
        kinds = {f.name: f.kind for f in fields.FIELDS[spec.entity]}
        self.typed_at = [
            i for i, f in enumerate(self.stored) if kinds.get(f) in (fields.DATE, fields.BOOL)
        ]
        self.blank_rules = rules.RuleContext(ctx.today, None, derive=False)
        self.edit_rules = rules.RuleContext(ctx.today, ctx.rates)
        self.seen = 0
        self.edited = self.added = 0
        self.refs = [r.field for r in rules.REFERENCES if r.entity == spec.entity]
        self.latest_rev = ctx.export_millis + int(REV_SLACK.total_seconds() * 1000)

    # Each returns the staged tuple, or raises RowRejected.

    def read(self, raw: RawRow) -> tuple:
        self.seen += 1
        v = raw.values
        if raw.new:
            return self._new(raw)
        self._check_machine(v)
        stored = raw.stored
        nik = v.get("nik")
        if isinstance(nik, NikNumber):
            v["nik"] = self._nik_from_number(v, nik)
            stored = [v.get(f) for f in self.stored]
        deleted = bool(v.get("_deleted"))
        was_deleted = v["deleted_at"] is not None
        if deleted == was_deleted and v.get("_row_hash") == C.row_hash(stored):
            return self._as_exported(raw)
        return self._edited(raw, deleted)

    def _check_machine(self, v: dict[str, Any]) -> None:
        rid, rev = v.get("id"), v.get("rev")
        refs_ok = True
        for ref in self.refs:
            value = v.get(ref)
            if value is not None and not (value.__class__ is str and _UUID.match(value)):
                refs_ok = False
        if not (
            isinstance(rid, str)
            and _UUID.match(rid)
            and isinstance(rev, str)
            and _REV.match(rev)
            and v.get("created_at")
            and v.get("updated_at")
            and v.get("updated_by")
            and len(str(v["updated_by"])) <= fields.SYSTEM_TEXT_LIMIT
            and refs_ok
        ):
            raise RowRejected(
                "Kolom mesin (id, rev, ...) rusak atau tidak lengkap; jangan mengubah kolom "
                "mesin. Ekspor lagi dari laptop asalnya.",
                "The machine columns (id, rev, ...) are damaged or incomplete; do not edit "
                "them. Export again from the laptop the data came from.",
            )
        if int(rev[:13]) > self.latest_rev:  # the regex above checked its shape
            raise RowRejected(
                "Revisi baris ini lebih baru dari waktu ekspor berkas (kolom mesin diubah, "
                "atau jam laptop salah).",
                "This row's revision is later than the file's export time (machine columns "
                "edited, or a laptop's clock is wrong).",
            )

    def _nik_from_number(self, v: dict[str, Any], number: NikNumber) -> str:
        """Excel kept 15 digits of the NIK; the fingerprint tells which 16th digit it was."""
        prints = self._old_prints(v, required=False)
        if prints is not None and len(number.prefix) == 15:
            old = prints[self.checked.index("nik")]
            for digit in "0123456789":
                candidate = number.prefix + digit
                if C.cell_print(candidate) == old:
                    return candidate
        problem = Problem.of("nik_excel_number", text=number.text)
        raise RowRejected(
            f"Kolom 'NIK': {describe(problem, 'id')}", f"Column 'NIK': {describe(problem, 'en')}"
        )

    def _old_prints(self, v: dict[str, Any], required: bool = True) -> list[str] | None:
        if not self.ctx.fingerprinted:
            return None
        prints = C.split_fingerprint(v.get("_fingerprint"), len(self.checked))
        if prints is None and required:
            raise RowRejected(
                "Kolom mesin 'fingerprint' rusak; jangan mengubah kolom mesin. Ekspor lagi.",
                "The machine column 'fingerprint' is damaged; do not edit machine columns. "
                "Export again.",
            )
        return prints

    def _data(self, v: dict[str, Any]) -> dict[str, Any]:
        return {f: v.get(f) for f in self.data_fields}

    def _stage(self, v: dict[str, Any], kind: int, base: str | None, row_num: int) -> tuple:
        row = [v.get(f) for f in self.stored]
        for i in self.typed_at:  # dates and flags: their stored form
            row[i] = _storage(row[i])
        return (*row, base, v.get("_row_hash"), v.get("_fingerprint"), row_num, kind)

    def _checked(
        self, data: dict[str, Any], ctx: rules.RuleContext, in_place: bool = False
    ) -> rules.Checked:
        checked = rules.check_record(self.spec.entity, data, ctx, in_place=in_place)
        if checked.errors:
            raise RowRejected(*_problem_text(checked.errors, self.spec))
        return checked

    def _as_exported(self, raw: RawRow) -> tuple:
        v = raw.values
        fp = v.get("_fingerprint")
        if self.display_at and self.ctx.fingerprinted and fp.__class__ is str:
            # Only display columns can change without changing the row hash.
            w = C.FP_WIDTH
            changed = [
                i
                for i in self.display_at
                if C.cell_print(v.get(self.checked[i])) != fp[w * i : w * i + w]
            ]
            if changed and len(fp) == w * len(self.checked):
                self.note_display_edits(changed, raw.number, v)
        self._checked(v, self.blank_rules, in_place=True)  # only data fields are touched
        self._remember(v)
        base = v.get("_base_rev")
        return self._stage(v, UNCHANGED, base if base and _REV.match(base) else None, raw.number)

    def _edited(self, raw: RawRow, deleted: bool) -> tuple:
        v, num = raw.values, raw.number
        old = self._old_prints(v)
        if old is not None:
            new = [C.cell_print(v.get(f)) for f in self.checked]
            changed = self.moves.add(old, new)
            self.moves.edited += 1
            data_changed = [i for i in changed if i not in self.display_at]
            if not data_changed and deleted == (v["deleted_at"] is not None):
                # No cell people see changed, yet the row hash did: a machine column
                # (id, rev, times, references) was typed over.
                raise RowRejected(
                    "Kolom mesin (id, rev, waktu, rujukan) di baris ini diubah; jangan mengubah "
                    "kolom mesin. Tidak diterapkan.",
                    "A machine column (id, rev, times, references) of this row was changed; do "
                    "not edit machine columns. Not applied.",
                )
            self._check_identity(v, old, changed, num)
            self._check_fixed(old, changed)
            self.note_display_edits(changed, num, v)
        checked = self._checked(self._data(v), self.edit_rules)
        v.update(checked.values)
        self._note_warnings(checked, num, v["id"])
        rev = v["rev"]
        millis = max(Rev.parse(rev).millis + 1, self.ctx.edit_millis)
        stamp = C.millis_datetime_text(millis)
        v["updated_at"], v["updated_by"] = stamp, SPREADSHEET_DEVICE
        if not deleted:
            v["deleted_at"] = None
        elif v["deleted_at"] is None:
            v["deleted_at"] = stamp
        v["rev"] = self._rev(v, millis)
        self._remember(v)
        self.edited += 1
        return self._stage(v, EDITED, rev, num)

    def _rev(self, v: dict[str, Any], millis: int) -> str:
        """Deterministic: the same edit in the same file is the same revision everywhere."""
        v["rev"] = ""
        line = C.canonical([_storage(v.get(f)) for f in self.stored])
        digest = hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return Rev(millis, 0, "xls" + digest).encode()

    def _check_identity(self, v: dict[str, Any], old: list[str], changed: list[int], num: int):
        contradicted = [
            self.checked[i] for i in changed if i in self.identity_at and old[i] != C.BLANK_PRINT
        ]
        if len(contradicted) <= self.corrections:
            return
        self.moves.someone_else += 1
        headers = ", ".join(self.spec.column(f).header for f in contradicted)
        raise RowRejected(
            f"Baris ini tidak lagi berisi data yang sama dengan ID-nya ({headers} berubah "
            "sekaligus): mungkin sebagian kolom diurutkan, atau baris ditimpa dengan orang lain. "
            "Tidak diterapkan. Bila ini orang/data baru, impor berkas kesalahan ini untuk "
            "menambahkannya; bila koreksi, ubah satu per satu.",
            f"This row no longer holds the same record as its id ({headers} changed at "
            "once): some columns may have been sorted apart, or the row was overwritten with "
            "someone else. Not applied. If it is a new record, import this error workbook to "
            "add it; if it is a correction, correct one field at a time.",
            as_new=True,
        )

    def _check_fixed(self, old: list[str], changed: list[int]) -> None:
        """What the form cannot change, the sheet cannot either: a village's region code
        once set (its id was made from it: the key two laptops merge on)."""
        if self.spec.entity != "villages":
            return
        i = self.checked.index("region_code")
        if i in changed and old[i] != C.BLANK_PRINT:
            raise RowRejected(
                "Kode wilayah desa yang sudah ada tidak bisa diubah (kode itu kunci "
                "penggabungan antarlaptop). Bila desanya salah, tambahkan desa yang benar.",
                "The region code of an existing village cannot be changed (it is the key "
                "laptops merge on). If it is the wrong village, add the right one.",
            )

    def note_display_edits(self, changed: list[int], num: int, v: dict[str, Any]) -> None:
        shown = [
            self.checked_specs[i].header
            for i in changed
            if self.checked_specs[i].kind.startswith("display")
        ]
        if shown:
            cols = ", ".join(shown)
            self.staging.note(
                self.spec.name,
                num,
                v["id"],
                "ignored",
                f"Kolom {cols} hanya tampilan dan diabaikan. Untuk memindahkan data ke desa/sesi "
                "lain, ubah di aplikasi.",
                f"The columns {cols} are for display and were ignored. To move the record to "
                "another village/session, change it in the app.",
                row_label(v),
            )

    def _note_warnings(self, checked: rules.Checked, num: int, record_id: str) -> None:
        v = checked.values
        for issue in checked.warnings:
            if issue.field == "contribution":
                self.staging.note(
                    self.spec.name,
                    num,
                    record_id,
                    "recomputed",
                    describe(issue.problem, "id"),
                    describe(issue.problem, "en"),
                    row_label(v),
                )

    def _remember(self, v: dict[str, Any]) -> None:
        if self.spec.entity == "villages" and v.get("deleted_at") is None:
            self.ctx.villages[v["id"]] = {
                k: v.get(k) for k in ("name", "kecamatan", "kabupaten", "region_code")
            }

    # -- new rows -------------------------------------------------------------------------

    def _new(self, raw: RawRow) -> tuple:
        v, entity = raw.values, self.spec.entity
        if isinstance(v.get("nik"), NikNumber):
            problem = Problem.of("nik_excel_number", text=v["nik"].text)
            raise RowRejected(
                f"Kolom 'NIK': {describe(problem, 'id')}",
                f"Column 'NIK': {describe(problem, 'en')}",
            )
        if v.get("deleted_at") is not None or v.get("_deleted"):
            raise RowRejected(
                "Baris baru tidak bisa langsung dihapus (kolom Dihapus).",
                "A new row cannot be deleted right away (column Dihapus).",
            )
        data = self._data(v)
        for key, default in fields.defaults(entity).items():
            if data.get(key) is None and key in data:
                data[key] = default
        if entity == "participants" and not data.get("officer"):
            data["officer"] = self.ctx.meta.get("officer", "")
        if entity in ("participants", "sessions") and not data.get("village_id"):
            data["village_id"] = self._village_typed(v)
        if entity == "attendance" and not data.get("session_id"):
            raise RowRejected(
                "Kehadiran baru hanya bisa dicatat di aplikasi (pada sesinya).",
                "New attendance can only be recorded in the app (on its session).",
            )
        if entity == "targets" and data.get("scope") == "village":
            data["scope_key"] = self._village_key(data.get("scope_key"))
        checked = self._checked(data, self.edit_rules)
        v.update(checked.values)
        code = v.get("region_code") if entity == "villages" else None
        v["id"] = village_id_for_code(code) if code else rules.identity_id(entity, v)
        millis = self.ctx.edit_millis
        stamp = C.millis_datetime_text(millis)
        v.update(created_at=stamp, updated_at=stamp, updated_by=SPREADSHEET_DEVICE, deleted_at=None)
        v["rev"] = self._rev(v, millis)
        self._note_warnings(checked, raw.number, v["id"])
        self._remember(v)
        self.added += 1
        return self._stage(v, NEW, None, raw.number)

    def _village_typed(self, v: dict[str, Any]) -> str | None:
        name = v.get("_village")
        if not name:
            return None
        return self._find_village(name, v.get("_kecamatan"), v.get("_kabupaten"))

    def _village_key(self, key: Any) -> str | None:
        if isinstance(key, str) and key in self.ctx.villages:
            return key
        return self._find_village(key, None, None) if key else key

    def _find_village(self, typed: Any, kecamatan: Any, kabupaten: Any) -> str:
        text = str(typed).strip()
        villages = self.ctx.villages
        if text.isdigit() and len(text) == 10:
            hits = [i for i, x in villages.items() if x["region_code"] == text]
        else:
            want = rules.comparable(text)
            hits = [i for i, x in villages.items() if rules.comparable(x["name"]) == want]
            for key, typed_part in (("kecamatan", kecamatan), ("kabupaten", kabupaten)):
                if typed_part and len(hits) > 1:
                    narrowed = [
                        i
                        for i in hits
                        if rules.comparable(villages[i][key]) == rules.comparable(typed_part)
                    ]
                    hits = narrowed or hits
        if len(hits) == 1:
            return hits[0]
        if not hits:
            raise RowRejected(
                f"Desa '{text}' tidak ada di lembar Desa berkas ini. Tulis nama persis seperti "
                "di lembar Desa, atau kode wilayahnya (10 digit).",
                f"The village '{text}' is not on this file's Desa sheet. Write the name exactly "
                "as on the Desa sheet, or its region code (10 digits).",
            )
        where = "; ".join(
            f"{villages[i]['kecamatan'] or '-'}, {villages[i]['kabupaten'] or '-'}" for i in hits
        )
        raise RowRejected(
            f"Ada {len(hits)} desa bernama '{text}' ({where}). Isi kolom Kecamatan dan "
            "Kabupaten/Kota, atau tulis kode wilayahnya (10 digit) di kolom Desa.",
            f"There are {len(hits)} villages named '{text}' ({where}). Fill in the Kecamatan "
            "and Kabupaten/Kota columns, or write its region code (10 digits) in Desa.",
        )
