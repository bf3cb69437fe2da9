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

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desasadar_gui.domain.rates import RateTable
from desasadar_gui.sync.errors import (
    WorkbookLayoutError,
    damaged,
    unreadable_cell,
)
from desasadar_gui.sync.fast_lane import FastLane
from desasadar_gui.sync.file_checks import FileFacts, check_workbook_file
from desasadar_gui.sync.metadata import read_metadata
from desasadar_gui.sync.progress import Ticker
from desasadar_gui.sync.row_reader import Layout, RowRejected
from desasadar_gui.sync.row_reader import cells_of as row_cells
from desasadar_gui.sync.sheet_checks import (
    missing_rows_note,
    settle_copies,
    settle_shared_keys,
)
from desasadar_gui.sync.sheet_reader import _UUID, SheetReader
from desasadar_gui.sync.staging import Staging
from desasadar_gui.sync.workbook_context import FileContext, _check_meta, file_context
from desasadar_gui.sync.workbook_format import (
    FORMAT_VERSION,
    METADATA_SHEET,
    SHEETS,
    SheetSpec,
)
from desasadar_gui.sync.xlsx_stream import ReaderError, Row, Workbook

MAX_ROWS_PER_SHEET = 2_000_000
CHUNK = 5000
LANE_CHUNK = 2000


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
            tick = Ticker(_expected_rows(meta), progress, cancelled)

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


__all__ = ["ParsedWorkbook", "read_workbook"]
