"""The participants table: pages of rows from SQL, never the whole list in Python.

The model knows the total (one count) and keeps a few blocks of :data:`BLOCK_SIZE`
light rows (an LRU of :data:`CACHED_BLOCKS`). A row that scrolls into view without its
block shows a placeholder while the block is read in the background. A row's texts
are formatted the first time it is painted, and kept with it.

A new filter shows its first rows before it is counted: the first block comes first
(``loaded``; when it is short, it is the whole answer), the exact total after it
(``counted``). Counting "s" means reading every name, while its first 200 rows are
found at once. A new sort keeps the total and only reads the first block again.

Every query runs off the GUI thread (``operations.run_operation``): a new filter (debounced
while the officer types), a new sort or a refresh bumps the *generation*; answers for
an older generation are dropped, work still queued for one is skipped, and a statement
still running for one is interrupted, so stale queries never hold a thread.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from shiboken6 import isValid

from desasadar_gui.domain.enums import Gender
from desasadar_gui.errors import Cancelled
from desasadar_gui.services.database import Database
from desasadar_gui.services.oserrors import plain_error
from desasadar_gui.services.participant_queries import (
    SORT_COLUMNS,
    ParticipantFilter,
    ParticipantListRow,
    count_participants,
    fetch_page,
)
from desasadar_gui.ui.kit.background import wait_for_all
from desasadar_gui.ui.kit.i18n import enum_label, language
from desasadar_gui.ui.kit.operations import Operation, run_operation
from desasadar_gui.ui.kit.table_model import (
    ALIGN,
    CENTER,
    DISPLAY,
    FONT,
    FOREGROUND,
    RIGHT,
    TOOLTIP,
    Column,
    ColumnTableModel,
    Index,
)
from desasadar_gui.ui.participants.columns import (
    COL_NAME,
    COL_OCCUPATION,
    COL_ROLE,
    COL_STATUS,
    COL_VILLAGE,
    COLUMN_COUNT,
    display_texts,
)

BLOCK_SIZE = 200
CACHED_BLOCKS = 16  # 3,200 rows: several screens either side of the one in view
DEBOUNCE_MS = 150
MAX_QUEUED_BLOCKS = 3

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

_PENDING = QColor("#9ca3af")
_DELETED = QColor("#9ca3af")

# Roles as plain ints: data() runs for every cell of every paint, for each role.
_ID = int(ID_ROLE)
_ROW = int(ROW_ROLE)
_ANSWERED = frozenset({DISPLAY, ALIGN, TOOLTIP, FOREGROUND, FONT, _ID, _ROW})


class _Line:
    """A row of a loaded block, and its display texts once it has been painted."""

    __slots__ = ("row", "texts")

    def __init__(self, row: ParticipantListRow) -> None:
        self.row = row
        self.texts: tuple[str, ...] | None = None


class ParticipantTableModel(ColumnTableModel[_Line]):
    """``loaded``: the first rows of a new filter or order (or the refreshed rows) are in;
    ``counted``: the total is exact. Both follow every reload, ``loaded`` first."""

    loaded = Signal()
    counted = Signal(int)
    busy_changed = Signal(bool)
    load_failed = Signal(str)

    def __init__(
        self,
        db: Database | Callable[[], Database],
        parent=None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        block_size: int = BLOCK_SIZE,
        cached_blocks: int = CACHED_BLOCKS,
        start: bool = True,
    ) -> None:
        super().__init__(parent)
        # The tab passes ``lambda: ctx.db``: each load reads the window's database of the
        # moment (a restore or Berkas > Buka basis data… swaps it).
        self._db_source = db if callable(db) else (lambda: db)
        self._block_size = block_size
        self._cached_blocks = max(2, cached_blocks)
        self._filter = ParticipantFilter()
        self._sort_column = COL_NAME
        self._descending = False
        self._total = 0
        self._exact = False  # whether _total is the count, or only the rows seen so far
        self._blocks: OrderedDict[int, list[_Line]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        self._busy = False
        self._tasks: set[Operation] = set()
        self._block_tasks: OrderedDict[int, Operation] = OrderedDict()
        self._reset_pending = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(lambda: self._reload(reset=True))
        self._placeholder = ""
        self._lang = language()
        self._deleted_font = QFont()
        self._deleted_font.setStrikeOut(True)
        self.retranslate()
        if start:
            self._reload(reset=True)

    # -- what is shown ------------------------------------------------------------

    @property
    def filter(self) -> ParticipantFilter:
        return self._filter

    def set_filter(self, flt: ParticipantFilter, immediate: bool = False) -> None:
        """Show the rows matching ``flt``; typing is debounced unless ``immediate``."""
        if flt == self._filter and not immediate:
            return
        self._filter = flt
        if immediate:
            self._reload(reset=True)
        else:
            self._debounce.start()

    @property
    def total(self) -> int:
        """Rows in the list: exact once ``counted`` (see :attr:`exact`)."""
        return self._total

    @property
    def exact(self) -> bool:
        return self._exact

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def descending(self) -> bool:
        return self._descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return  # the view asks again when sorting is switched on
        self._sort_column, self._descending = column, descending
        # Same rows in another order: the count stands unless a new one is on its way.
        self._reload(reset=True, recount=not self._exact or self._debounce.isActive())

    def refresh(self) -> None:
        """Read again after an edit, keeping the rows in view and the scroll position."""
        self._reload(reset=False)

    def columns(self) -> tuple[Column, ...]:
        """The columns' titles, alignment and tooltips; their texts are formatted once
        per row, by :func:`display_texts` (kept on the row's line)."""

        def text_tip(column: int):
            return lambda line: line.texts[column] or None

        return (
            Column(lambda: self.tr("Nama"), tooltip=text_tip(COL_NAME)),
            Column(lambda: self.tr("NIK")),
            Column(
                lambda: self.tr("JK"),
                align=CENTER,
                header_tip=lambda: self.tr("Jenis kelamin"),
                tooltip=lambda line: enum_label(Gender, line.row.gender) or None,
            ),
            Column(lambda: self.tr("Telepon")),
            Column(lambda: self.tr("Desa"), tooltip=text_tip(COL_VILLAGE)),
            Column(
                lambda: self.tr("Kabupaten/Kota"), tooltip=lambda line: line.row.kabupaten or None
            ),
            Column(lambda: self.tr("Pekerjaan"), tooltip=text_tip(COL_OCCUPATION)),
            Column(lambda: self.tr("Status"), tooltip=text_tip(COL_STATUS)),
            Column(
                lambda: self.tr("Tgl daftar"),
                align=CENTER,
                header_tip=lambda: self.tr("Tanggal pendaftaran"),
            ),
            Column(
                lambda: self.tr("Iuran/bulan"),
                align=RIGHT,
                header_align=RIGHT,
                header_tip=lambda: self.tr("Iuran per bulan (JKK + JKM + JHT, setelah diskon)"),
            ),
            Column(
                lambda: self.tr("Jabatan desa"),
                header_tip=lambda: self.tr("Jabatan perangkat desa, bila ada"),
                tooltip=text_tip(COL_ROLE),
            ),
        )

    def retranslate(self) -> None:
        """Headers and labels follow the interface language."""
        self._placeholder = self.tr("memuat…")
        self._lang = language()
        for lines in self._blocks.values():
            for line in lines:
                line.texts = None  # formatted again, in the new language, when painted
        super().retranslate()

    # -- rows ---------------------------------------------------------------------

    # The columns read the loaded lines (a row and its texts); callers want the row.
    def row_at(self, row: int) -> ParticipantListRow | None:  # type: ignore[override]
        """The row, if its block is loaded (None while it is being read)."""
        line = self._line(row, request=False)
        return line.row if line else None

    def row_of(self, participant_id: str) -> int:
        """Position of a participant among the loaded rows, or -1."""
        for number, lines in self._blocks.items():
            for i, line in enumerate(lines):
                if line.row.id == participant_id:
                    return number * self._block_size + i
        return -1

    def is_loaded(self, row: int) -> bool:
        return self._line(row, request=False) is not None

    def _line(self, row: int, request: bool = True) -> _Line | None:
        if not 0 <= row < self._total:
            return None
        number, i = divmod(row, self._block_size)
        lines = self._blocks.get(number)
        if lines is None:
            if request:
                self._request_block(number)
            return None
        self._blocks.move_to_end(number)
        return lines[i] if i < len(lines) else None

    def _all_changed(self) -> None:
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, COLUMN_COUNT - 1))

    # -- Qt interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in _ANSWERED or not index.isValid():
            return None
        column = index.column()
        line = self._line(index.row())
        if line is None:  # its block is being read
            if role == DISPLAY and column == COL_NAME:
                return self._placeholder
            return _PENDING if role == FOREGROUND else None
        if line.texts is None:
            line.texts = display_texts(line.row, self._lang)
        if role == DISPLAY:
            return line.texts[column]
        if role == _ID:
            return line.row.id
        if role == _ROW:
            return line.row
        if line.row.deleted and role in (FOREGROUND, FONT):
            return _DELETED if role == FOREGROUND else self._deleted_font
        return self._columns[column].cell(line, role)

    # -- loading ------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _submit(
        self, work: Callable[[Callable[[], bool]], Any], on_done: Callable[[Any], None]
    ) -> Operation:
        generation = self._generation
        task: list[Operation] = []

        def current() -> bool:
            if task:
                self._tasks.discard(task[0])
            return isValid(self) and generation == self._generation

        def run(progress, cancelled):
            if cancelled():
                raise Cancelled
            return work(cancelled)

        def done(result: Any) -> None:
            if current():
                on_done(result)

        def failed(exc: BaseException) -> bool:
            if current():
                self._requested.clear()
                self._block_tasks.clear()
                self._set_busy(False)
                self.load_failed.emit(plain_error(exc).message())
            return True  # told in the tab's count line, not in a message box

        def skipped() -> None:
            current()

        task.append(run_operation(self, run, on_success=done, on_failure=failed,
                                  on_cancelled=skipped))  # fmt: skip
        self._tasks.add(task[0])
        return task[0]

    def _cancel_all(self) -> None:
        self._debounce.stop()
        self._generation += 1
        for task in self._tasks:
            task.cancel()  # queued work is skipped, a running statement interrupted
        self._tasks.clear()
        self._block_tasks.clear()
        self._requested.clear()

    @property
    def _db(self) -> Database:
        return self._db_source()

    def _query(self) -> tuple[Database, ParticipantFilter, str, bool, int]:
        """What a worker needs, captured on the GUI thread."""
        column = SORT_COLUMNS[self._sort_column]
        return self._db, self._filter, column, self._descending, self._block_size

    def _reload(self, reset: bool, recount: bool = True) -> None:
        if self._reset_pending:
            reset, recount = True, True
        self._cancel_all()
        self._reset_pending = reset
        if reset and recount:
            self._exact = False  # a count for another filter says nothing about this one
        self._set_busy(True)
        db, flt, column, descending, size = self._query()
        if not reset:
            # A refresh: the count and the blocks in view, swapped in together.
            wanted = list(self._blocks)[-3:] or [0]

            def refreshed(cancelled: Callable[[], bool]) -> tuple[int, dict[int, list[_Line]]]:
                total = count_participants(db, flt, cancelled=cancelled)
                blocks: dict[int, list[_Line]] = {}
                for number in wanted:
                    if number * size < total:
                        rows = fetch_page(
                            db, flt, column, descending, number * size, size,
                            total=total, cancelled=cancelled,
                        )  # fmt: skip
                        blocks[number] = [_Line(r) for r in rows]
                return total, blocks

            self._submit(refreshed, self._refreshed)
            return
        known = None if recount else self._total

        def first_rows(cancelled: Callable[[], bool]) -> tuple[int | None, list[_Line]]:
            rows = fetch_page(db, flt, column, descending, 0, size, total=known,
                              cancelled=cancelled)  # fmt: skip
            exact = known if known is not None else len(rows) if len(rows) < size else None
            return exact, [_Line(r) for r in rows]

        self._submit(first_rows, self._first_rows)

    def _first_rows(self, result: tuple[int | None, list[_Line]]) -> None:
        exact, lines = result
        self.beginResetModel()
        self._reset_pending = False
        self._total = exact if exact is not None else len(lines)
        self._exact = exact is not None
        self._blocks = OrderedDict({0: lines} if lines else {})
        self.endResetModel()
        self.loaded.emit()
        if self._exact:
            self._set_busy(False)
            self.counted.emit(self._total)
            return
        # Count once these rows are painted: a thread started now would compete with
        # the paint for the interpreter, and the rows matter more than their number.
        generation = self._generation
        QTimer.singleShot(0, lambda: self._start_count(generation))

    def _start_count(self, generation: int) -> None:
        if not isValid(self) or generation != self._generation:
            return  # deleted, or a newer reload has taken over
        db, flt = self._db, self._filter
        self._submit(lambda cancelled: count_participants(db, flt, cancelled=cancelled),
                     self._set_total)  # fmt: skip

    def _resize(self, total: int) -> None:
        old = self._total
        if total > old:
            self.beginInsertRows(QModelIndex(), old, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < old:
            self.beginRemoveRows(QModelIndex(), total, old - 1)
            self._total = total
            self.endRemoveRows()

    def _set_total(self, total: int) -> None:
        self._resize(total)
        self._exact = True
        self._set_busy(False)
        self.counted.emit(total)

    def _refreshed(self, result: tuple[int, dict[int, list[_Line]]]) -> None:
        total, blocks = result
        self._reset_pending = False
        self._blocks = OrderedDict(blocks.items())
        self._resize(total)
        self._all_changed()
        self.loaded.emit()
        self._set_total(total)

    def _request_block(self, number: int) -> None:
        if number in self._requested or self._busy:
            return  # already on its way, or a new list is coming (it brings the first block)
        # Scrolling fast asks for many blocks: only the latest few are still worth reading.
        while len(self._block_tasks) >= MAX_QUEUED_BLOCKS:
            stale, task = self._block_tasks.popitem(last=False)
            task.cancel()
            self._requested.discard(stale)
        self._requested.add(number)
        db, flt, column, descending, size = self._query()
        total = self._total

        def block(cancelled: Callable[[], bool]) -> list[_Line]:
            rows = fetch_page(db, flt, column, descending, number * size, size,
                              total=total, cancelled=cancelled)  # fmt: skip
            return [_Line(r) for r in rows]

        self._block_tasks[number] = self._submit(
            block, lambda lines: self._block_arrived(number, lines)
        )

    def _block_arrived(self, number: int, lines: list[_Line]) -> None:
        self._requested.discard(number)
        self._block_tasks.pop(number, None)
        self._blocks[number] = lines
        self._blocks.move_to_end(number)
        while len(self._blocks) > self._cached_blocks:
            self._blocks.popitem(last=False)
        first = number * self._block_size
        last = min(first + len(lines), self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    def shutdown(self, msecs: int = 10000) -> None:
        """Stop loading and wait for the query in flight (before the database closes)."""
        self._cancel_all()
        wait_for_all(msecs=msecs)
