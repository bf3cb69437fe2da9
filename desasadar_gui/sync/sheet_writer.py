"""Writing one formatted data sheet with XlsxWriter in constant-memory mode.

Every user text goes through ``write_string`` (never ``write``), so a name such as
``=1+2`` or ``@sum`` stays text. Dates are real day numbers shown dd/mm/yyyy, money
is Rupiah-formatted, NIK / phone / codes are text in text-formatted columns (so what
a supervisor types there stays text too), and machine columns sit at the right,
grouped and collapsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desasadar_gui.errors import UserError
from desasadar_gui.sync.cells import date_serial, shown_phone
from desasadar_gui.sync.workbook_format import (
    BOOL_FALSE,
    BOOL_TRUE,
    LISTS_SHEET,
    Column,
    SheetSpec,
)
from desasadar_gui.sync.xlsx_stream import column_letter

XLS_STRMAX = 32767
LAST_ROW = 1_048_575


class Formats:
    """The workbook's shared cell formats."""

    def __init__(self, wb: Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        self.header = wb.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#1F5C99",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "border": 1,
                "valign": "vcenter",
            }
        )
        self.header_machine = wb.add_format(
            {**base, "italic": True, "bg_color": "#D9D9D9", "font_color": "#595959", "border": 1}
        )
        self.header_display = wb.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#5B86B5",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "border": 1,
                "valign": "vcenter",
            }
        )
        self.text = wb.add_format({**base, "num_format": "@"})
        self.plain = wb.add_format(base)
        self.date = wb.add_format({**base, "num_format": "dd/mm/yyyy", "align": "left"})
        self.int = wb.add_format({**base, "num_format": "#,##0"})
        self.rupiah = wb.add_format({**base, "num_format": '"Rp"#,##0'})
        self.machine = wb.add_format({**base, "num_format": "@", "font_color": "#7F7F7F"})
        self.display = wb.add_format({**base, "font_color": "#404040"})
        self.rich_plain = wb.add_format()


def column_format(fmt: Formats, column: Column) -> Any:
    kind = column.kind
    if column.machine:
        return fmt.machine
    if kind in ("date", "display_date"):
        return fmt.date
    if kind == "int":
        return fmt.int
    if kind == "rupiah":
        return fmt.rupiah
    if kind.startswith("display"):
        return fmt.display
    return fmt.text


class TextTooLongError(UserError):
    pass


def text_writer(ws: Worksheet, fmt: Formats) -> Callable[[int, int, str], None]:
    # The undecorated writers skip XlsxWriter's A1-notation check on every cell.
    write_string = getattr(ws, "_write_string", ws.write_string)
    write_rich = ws.write_rich_string
    plain = fmt.rich_plain

    def slow(r: int, c: int, v: str) -> None:
        if len(v.encode("utf-16-le")) // 2 > XLS_STRMAX:
            raise TextTooLongError(
                f"Sebuah teks terlalu panjang untuk Excel (lebih dari {XLS_STRMAX} karakter) "
                f"di lembar '{ws.name}', baris {r + 1}. Perpendek teks itu di aplikasi lalu "
                "ekspor lagi.",
                f"A text is too long for Excel (over {XLS_STRMAX} characters) on sheet "
                f"'{ws.name}', row {r + 1}. Shorten it in the app and export again.",
            )
        if v.startswith("<r>") and v.endswith("</r>"):
            # XlsxWriter passes such text through as rich-text XML; split it into two
            # plain runs so it is escaped like any other text.
            write_rich(r, c, v[:1], plain, v[1:])
        else:
            write_string(r, c, v)

    def put(r: int, c: int, v: str) -> None:
        if v[:3] == "<r>" or len(v) > XLS_STRMAX // 2:
            slow(r, c, v)
        else:
            write_string(r, c, v)

    return put


def value_writers(
    ws: Worksheet, spec: SheetSpec, fmt: Formats
) -> list[Callable[[int, int, Any], None]]:
    """One function per column: (row, col, stored value) -> cell; values are not blank."""
    text = text_writer(ws, fmt)
    number = getattr(ws, "_write_number", ws.write_number)
    writers: list[Callable[[int, int, Any], None]] = []
    for column in spec.columns:
        kind = column.kind
        if kind in ("date", "display_date"):

            def put_date(r: int, c: int, v: Any) -> None:
                serial = date_serial(v)
                if isinstance(serial, int):
                    number(r, c, serial)
                else:
                    text(r, c, serial)

            writers.append(put_date)
        elif kind in ("int", "rupiah"):
            writers.append(number)
        elif kind in ("enum", "display_enum"):
            assert column.enum is not None  # an enum column names its enumeration
            labels: dict[str, str] = {m.value: m.label_id for m in column.enum}

            def put_label(r: int, c: int, v: Any, labels: dict[str, str] = labels) -> None:
                text(r, c, labels.get(v, v))

            writers.append(put_label)
        elif kind == "bool":
            writers.append(lambda r, c, v: text(r, c, BOOL_TRUE if v else BOOL_FALSE))
        elif kind == "deleted":
            writers.append(lambda r, c, v: text(r, c, BOOL_TRUE))
        elif kind == "phone":
            writers.append(lambda r, c, v: text(r, c, shown_phone(v)))
        elif kind == "display":
            writers.append(lambda r, c, v: text(r, c, v if isinstance(v, str) else str(v)))
        else:
            writers.append(text)
    return writers


def setup_sheet(
    ws: Worksheet, spec: SheetSpec, fmt: Formats, rows: int, lists: dict[str, str]
) -> None:
    """Headers, widths, column formats, filter, freeze, dropdowns, print setup."""
    first_machine = spec.first_machine_index
    last = len(spec.columns) - 1
    for c, column in enumerate(spec.columns):
        options = {"level": 1, "hidden": True} if column.machine else {}
        ws.set_column(c, c, column.width, column_format(fmt, column), options)
    # The "+" button that opens the machine group sits on the column after it.
    ws.set_column(last + 1, last + 1, None, None, {"collapsed": True})
    ws.set_row(0, 30)
    for c, column in enumerate(spec.columns):
        style = (
            fmt.header_machine
            if column.machine
            else fmt.header_display
            if column.kind.startswith("display")
            else fmt.header
        )
        ws.write_string(0, c, column.header, style)
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, max(rows, 1), last)
    for c, column in enumerate(spec.columns):
        source = None
        if column.kind == "enum":
            source = lists[column.enum.__name__]  # type: ignore[union-attr]
        elif column.kind == "bool":
            source = lists["bool"]
        elif column.kind == "deleted":
            source = lists["deleted"]
        if source:
            ws.data_validation(
                1,
                c,
                LAST_ROW,
                c,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "warning",
                    "error_title": "Pilihan tidak dikenal",
                    "error_message": "Pilih dari daftar (atau ketik kodenya).",
                },
            )
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.print_area(0, 0, max(rows, 1), first_machine - 1)
    ws.set_header(f"&L&B{spec.name}&RDesa Sadar Jaminan Sosial Ketenagakerjaan")
    ws.set_footer("&LDicetak &D&RHalaman &P dari &N")


def write_lists_sheet(ws: Worksheet, specs: tuple[SheetSpec, ...], fmt: Formats) -> dict[str, str]:
    """Fill the hidden sheet of dropdown choices; returns list name -> range formula."""
    enums: dict[str, Any] = {}
    for spec in specs:
        for column in spec.columns:
            if column.kind == "enum" and column.enum is not None:
                enums.setdefault(column.enum.__name__, column.enum)
    columns: list[tuple[str, str, list[str]]] = [
        (name, enum.title("id"), [m.label_id for m in enum]) for name, enum in enums.items()
    ]
    columns.append(("bool", "Ya/Tidak", [BOOL_TRUE, BOOL_FALSE]))
    columns.append(("deleted", "Dihapus", [BOOL_TRUE]))
    height = max(len(values) for _, _, values in columns)
    refs: dict[str, str] = {}
    for c, (name, _title, values) in enumerate(columns):
        letter = column_letter(c)
        refs[name] = f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    for r in range(height + 1):
        for c, (_name, title, values) in enumerate(columns):
            if r == 0:
                ws.write_string(0, c, title, fmt.header)
            elif r <= len(values):
                ws.write_string(r, c, values[r - 1])
    for c in range(len(columns)):
        ws.set_column(c, c, 34)
    ws.hide()
    return refs
