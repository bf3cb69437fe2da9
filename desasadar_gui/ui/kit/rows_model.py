"""A thin read-only table model over a short list of rows (lists, logs, previews).

For the few hundred rows of a sync history, a conflict list or an import preview;
large tables page from SQL instead. Each row is a tuple of plain values, shown as text
(and as the tooltip, for cells cut short); ``headers`` is a callable so the titles
follow the language, and the number of titles is the number of columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desasadar_gui.ui.kit.table_model import Column, ColumnTableModel, plain_text


def _cell(column: int) -> Callable[[Sequence[Any]], str]:
    return lambda row: plain_text(row[column])


class RowsModel(ColumnTableModel[Sequence[Any]]):
    """Rows of plain values, each with an optional payload (what the row stands for)."""

    def __init__(self, headers: Callable[[], Sequence[str]], parent: Any = None) -> None:
        self._headers = headers
        self._payload: list[Any] = []
        super().__init__(parent)

    def columns(self) -> tuple[Column, ...]:
        return tuple(
            Column(self._header(i), _cell(i), tooltip=_cell(i)) for i in range(len(self._headers()))
        )

    def _header(self, column: int) -> Callable[[], str]:
        return lambda: self._headers()[column]

    def set_rows(self, rows: Sequence[Sequence[Any]], payload: Sequence[Any] | None = None) -> None:
        self._payload = list(payload) if payload is not None else [None] * len(rows)
        super().set_rows([tuple(r) for r in rows])

    def payload(self, row: int) -> Any:
        return self._payload[row] if 0 <= row < len(self._payload) else None
