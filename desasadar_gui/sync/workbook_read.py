"""Reading a sync workbook: file checks, layout checks, every row parsed and judged.

``read_workbook`` refuses a bad file as a whole (a :class:`WorkbookRefused` with a
plain message) or returns a :class:`ParsedWorkbook`: good rows parked in a staging
file in storage form, rejected rows with their reasons, and notes for the plan. It
reads nothing but the file, so every laptop that imports the same file decides the
same way about every row.

Each row is one of three kinds:

- **as exported** (its row hash still matches): taken as it is, after the record
  rules confirm it (a crafted file cannot slip anything past them);
- **edited** in the spreadsheet: it must still be the record its id names (its
  fingerprint tells which cells changed; see ``sheet_checks``), then it is checked
  like form input, derived values are computed again (the contribution, by the rate
  table the file carries), and it gets a *deterministic* new revision: later than the
  row's own and ordered by the file's saved time, so a later save of the same export
  wins over an earlier one;
- **new** (typed at the bottom, no machine columns): the typed village is found in
  the file's *Desa* sheet, blanks take the form's defaults, and the id comes from what
  the record is (``rules.identity_id``), so a re-import after a sort creates nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from desasadar_gui.db.clock import Rev
from desasadar_gui.domain import rules
from desasadar_gui.domain.problems import Problem, describe
from desasadar_gui.domain.rates import RateTable
from desasadar_gui.errors import Cancelled
from desasadar_gui.services.regions import village_id_for_code
from desasadar_gui.sync import cells as C
from desasadar_gui.sync.errors import (
    ForeignWorkbookError,
    PrivacyWorkbookError,
    WorkbookLayoutError,
    WorkbookRefused,
    WorkbookTooNewError,
    damaged,
    unreadable_cell,
)
from desasadar_gui.sync.fast_lane import FastLane
from desasadar_gui.sync.file_checks import FileFacts, check_workbook_file
from desasadar_gui.sync.metadata import read_metadata
from desasadar_gui.sync.row_reader import Layout, NikNumber, RawRow, RowDecoder, RowRejected
from desasadar_gui.sync.row_reader import cells_of as row_cells
from desasadar_gui.sync.sheet_checks import (
    ColumnMoves,
    missing_rows_note,
    row_label,
    settle_copies,
    settle_shared_keys,
)
from desasadar_gui.sync.staging import EDITED, NEW, UNCHANGED, Staging
from desasadar_gui.sync.workbook_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    METADATA_SHEET,
    OLDEST_FORMAT,
    SHEETS,
    SheetSpec,
)
from desasadar_gui.sync.xlsx_stream import ReaderError, Row, Workbook

SPREADSHEET_DEVICE = "spreadsheet"
MAX_ROWS_PER_SHEET = 2_000_000
CHUNK = 5000
LANE_CHUNK = 2000
_REV = re.compile(r"^\d{13}-\d{5}-[0-9A-Za-z]{1,40}\Z")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_EPOCH = datetime(1970, 1, 1)
FIRST_EXPORT = datetime(2015, 1, 1)
# Rows cannot have been edited long after the export that carries them (a laptop's
# clock may run ahead a little): later revisions would win forever, so they are refused.
REV_SLACK = timedelta(days=31)
# How much later than the export a saved time is still believed (else: export + 1 ms).
SAVE_WINDOW = timedelta(days=366)


@dataclass
class ParsedWorkbook:
    path: Path
    sha256: str
    meta: dict[str, str]
    staging: Staging
    format_version: int = FORMAT_VERSION
    rows: dict[str, int] = field(default_factory=dict)  # entity -> rows staged
    edited: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    rejected: int = 0

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def source_device(self) -> str:
        return self.meta.get("device", "")

    @property
    def source_officer(self) -> str:
        return self.meta.get("officer", "")

    def close(self) -> None:
        self.staging.close()

    def __enter__(self) -> ParsedWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- what the whole file says ---------------------------------------------------------------


@dataclass
class FileContext:
    """Facts of the file every row is judged by (the same on every laptop)."""

    name: str
    meta: dict[str, str]
    format_version: int
    export_millis: int
    edit_millis: int  # the revision time of this file's spreadsheet edits
    today: date  # the export date: "today" for the record rules
    rates: RateTable | None
    villages: dict[str, dict[str, Any]] = field(default_factory=dict)  # live, by id

    @property
    def fingerprinted(self) -> bool:
        return self.format_version >= 2


def _millis(moment: datetime) -> int:
    return int((moment - _EPOCH).total_seconds() * 1000)


def _exported_at(name: str, meta: dict[str, str]) -> datetime:
    try:
        moment = datetime.fromisoformat(meta.get("exported_at", "").strip())
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError):
        moment = None  # type: ignore[assignment]
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    if moment is None or not FIRST_EXPORT <= moment <= now + timedelta(days=1):
        shown = meta.get("exported_at", "")[:30] or "-"
        raise WorkbookRefused(
            f"Waktu ekspor di lembar Metadata '{name}' ({shown}) tidak masuk akal (jam laptop "
            "pengekspor salah, atau Metadata diubah). Betulkan jam laptop itu lalu ekspor "
            "lagi. Tidak ada yang diubah.",
            f"The export time in the Metadata of '{name}' ({shown}) is not plausible (the "
            "exporting laptop's clock is wrong, or the Metadata was edited). Fix that clock "
            "and export again. Nothing was changed.",
        )
    return moment


def saved_at(path: Path) -> datetime | None:
    """When the workbook was last saved (docProps/core.xml, written by Excel, LibreOffice
    and the export itself), in UTC; None when the file does not say."""
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("docProps/core.xml")
        root = ElementTree.fromstring(data)  # DOCTYPEs were refused by file_checks
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return None
    for element in root.iter():
        if element.tag.endswith("}modified") and element.text:
            try:
                moment = datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
            except ValueError:
                return None
            if moment.tzinfo is not None:
                moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
            return moment
    return None


def _file_rates(meta: dict[str, str], fallback: RateTable | None) -> RateTable | None:
    text = meta.get("rates", "")
    if text:
        try:
            return RateTable.from_csv_text(text)
        except ValueError:
            pass
    return fallback


def _check_meta(name: str, meta: dict[str, str], sheet_names: list[str]) -> int:
    if meta.get("format") != FORMAT_NAME:
        raise ForeignWorkbookError(
            f"'{name}' adalah buku kerja Excel, tetapi bukan hasil ekspor Desa Sadar "
            "(lembar Metadata tidak ada atau diubah). Tidak ada yang diubah.",
            f"'{name}' is an Excel workbook, but not a Desa Sadar export (its Metadata "
            "sheet is missing or changed). Nothing was changed.",
        )
    try:
        version = int(meta.get("format_version", ""))
    except ValueError:
        version = 10**6
    if version > FORMAT_VERSION:
        raise WorkbookTooNewError(
            f"'{name}' dibuat oleh versi Desa Sadar yang lebih baru (format {version}). "
            "Perbarui aplikasi ini lalu impor lagi. Tidak ada yang diubah.",
            f"'{name}' was made by a newer version of Desa Sadar (format {version}). "
            "Update this app and import again. Nothing was changed.",
        )
    if version < OLDEST_FORMAT:
        raise ForeignWorkbookError(
            f"Metadata '{name}' menyebut format {version}, yang tidak dikenal. "
            "Tidak ada yang diubah.",
            f"The Metadata of '{name}' names format {version}, which is unknown. "
            "Nothing was changed.",
        )
    if meta.get("privacy") == "1":
        raise PrivacyWorkbookError(
            f"'{name}' adalah salinan baca saja (tanpa NIK dan telepon) dan tidak bisa "
            "diimpor. Impor ekspor lengkapnya. Tidak ada yang diubah.",
            f"'{name}' is a read-only copy (no NIK or phone) and cannot be imported. "
            "Import the full export instead. Nothing was changed.",
        )
    missing = [s.name for s in SHEETS if s.name not in sheet_names]
    if missing:
        raise WorkbookLayoutError(
            f"Lembar berikut tidak ada di '{name}': {', '.join(missing)}. Tidak ada yang diubah.",
            f"These sheets are missing from '{name}': {', '.join(missing)}. Nothing was changed.",
        )
    return version


def file_context(path: Path, meta: dict[str, str], version: int, rates: RateTable | None):
    exported = _exported_at(path.name, meta)
    export_millis = _millis(exported)
    saved = saved_at(path)
    if saved is not None and exported < saved <= exported + SAVE_WINDOW:
        edit_millis = _millis(saved)
    else:
        edit_millis = export_millis + 1
    return FileContext(
        path.name,
        meta,
        version,
        export_millis,
        edit_millis,
        exported.date(),
        _file_rates(meta, rates),
    )


# -- one sheet ------------------------------------------------------------------------------


def _storage(value: Any) -> Any:
    """Typed value -> what the staging file (and SQLite) stores."""
    if value is True or value is False:
        return int(value)
    if isinstance(value, datetime):
        return C.datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _problem_text(problems: list[rules.Issue], spec: SheetSpec) -> tuple[str, str]:
    headers = {c.field: c.header for c in spec.columns}
    ids, ens = [], []
    for issue in problems:
        header = headers.get(issue.field, issue.field)
        ids.append(f"Kolom '{header}': {describe(issue.problem, 'id')}")
        ens.append(f"Column '{header}': {describe(issue.problem, 'en')}")
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
        kinds = {f.name: f.kind for f in rules.FIELDS[spec.entity]}
        self.typed_at = [
            i for i, f in enumerate(self.stored) if kinds.get(f) in (rules.DATE, rules.BOOL)
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
            and len(str(v["updated_by"])) <= rules.SYSTEM_TEXT_LIMIT
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
        for key, default in rules.defaults(entity).items():
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


def _label(raw_values: list[Any], layout: Layout) -> str:
    i = layout.index.get(layout.spec.columns[0].field)
    value = raw_values[i] if i is not None and i < len(raw_values) else ""
    return str(value)[:200] if value not in (None, "") else ""


def _read_sheet(
    wb: Workbook,
    spec: SheetSpec,
    ctx: FileContext,
    staging: Staging,
    parsed: ParsedWorkbook,
    tick: Callable[[int], None],
) -> None:
    try:
        header = wb.header(spec.name)
    except ReaderError:
        raise damaged(ctx.name) from None
    layout = Layout.from_header(spec, header)
    reader = SheetReader(spec, layout, ctx, staging)
    lane = FastLane(spec, layout, ctx, reader.note_display_edits)
    if spec.entity == "villages":
        lane.usable = False  # few rows, and each is remembered for the sheets after it
    batch: list[tuple] = []
    pending: list[Row] = []
    staged = rejected = 0

    def judge(rows: list[Row]) -> None:
        nonlocal rejected
        accepted, slow = lane.split(rows, reader.latest_rev)
        batch.extend(accepted)
        reader.seen += len(accepted)
        for row in slow:
            try:
                batch.append(reader.read(reader.decoder.decode(row)))
            except RowRejected as exc:
                staging.reject(
                    spec.name,
                    row.number,
                    _record_id(row.values, layout),
                    _label(row.values, layout),
                    exc.text_id,
                    exc.text_en,
                    row_cells(layout, row),
                    as_new=exc.as_new,
                )
                rejected += 1

    try:
        for row in wb.rows(spec.name, width=layout.width):
            if row.number == 1 or reader.decoder.is_blank(row):
                continue
            if row.number > MAX_ROWS_PER_SHEET:
                raise WorkbookLayoutError(
                    f"Lembar '{spec.name}' punya terlalu banyak baris.",
                    f"Sheet '{spec.name}' has too many rows.",
                )
            pending.append(row)
            if len(pending) >= LANE_CHUNK:
                judge(pending)
                pending = []
            if len(batch) >= CHUNK:
                staging.add_rows(spec, batch)
                staged += len(batch)
                tick(len(batch))
                batch = []
        judge(pending)
    except ReaderError as exc:  # the reader met a cell (or a part) it cannot parse
        raise unreadable_cell(ctx.name, spec.name, exc.after_row + 1) from None
    staging.add_rows(spec, batch)
    staged += len(batch)
    tick(len(batch))
    reader.moves.total = reader.seen
    reader.moves.check(spec.name)
    parsed.rows[spec.entity] = staged
    parsed.edited[spec.entity] = reader.edited
    parsed.added[spec.entity] = reader.added
    parsed.rejected += rejected
    exported = _exported_count(ctx.meta, spec.name)
    if exported is not None:
        missing_rows_note(staging, spec, exported, reader.seen - reader.added)


def _record_id(values: list[Any], layout: Layout) -> str | None:
    i = layout.index.get("id")
    value = values[i] if i is not None and i < len(values) else None
    return value if isinstance(value, str) and _UUID.match(value) else None


def _exported_count(meta: dict[str, str], sheet: str) -> int | None:
    try:
        value = json.loads(meta.get("counts", "{}")).get(sheet)
        return int(value) if value is not None else None
    except (ValueError, TypeError, AttributeError):
        return None


def read_workbook(
    path: Path | str,
    *,
    rates: RateTable | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    checked: FileFacts | None = None,
) -> ParsedWorkbook:
    """``rates``: this laptop's table, used when the file carries none (format 1).
    ``checked``: the result of :func:`check_workbook_file` when already run."""
    path = Path(path)
    facts = checked or check_workbook_file(path)
    try:
        wb = Workbook(path, facts.detailed_parts)
    except ReaderError:
        raise damaged(path.name) from None
    staging = Staging()
    try:
        with wb:
            if METADATA_SHEET not in wb.sheet_names:
                _check_meta(path.name, {}, wb.sheet_names)
            try:
                meta = read_metadata(wb.sheet_values(METADATA_SHEET))
            except ReaderError:
                raise damaged(path.name) from None
            version = _check_meta(path.name, meta, wb.sheet_names)
            ctx = file_context(path, meta, version, rates)
            parsed = ParsedWorkbook(path, facts.sha256, meta, staging, version)
            total = _expected_rows(meta)
            done = [0]

            def tick(n: int) -> None:
                done[0] += n
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(min(done[0], total), total)

            for spec in SHEETS:
                _read_sheet(wb, spec, ctx, staging, parsed, tick)
        staging.index()
        for spec in SHEETS:
            settle_copies(staging, spec)
        settle_shared_keys(staging)
        _recount(staging, parsed)
        staging.finish_loading()
    except BaseException:
        staging.close()
        raise
    return parsed


def _recount(staging: Staging, parsed: ParsedWorkbook) -> None:
    con = staging.conn
    for spec in SHEETS:
        parsed.rows[spec.entity] = con.execute(f"SELECT count(*) FROM {spec.entity}").fetchone()[0]
    parsed.rejected = con.execute("SELECT count(*) FROM rejected").fetchone()[0]


def _expected_rows(meta: dict[str, str]) -> int:
    try:
        counts = json.loads(meta.get("counts", "{}"))
        return max(1, sum(int(v) for v in counts.values()))
    except (ValueError, TypeError, AttributeError):
        return 1


__all__ = ["ParsedWorkbook", "read_workbook", "saved_at"]
