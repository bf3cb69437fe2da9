"""The fast lane and the row-by-row path agree.

Rows that came back as exported are judged column-wise (``sync/fast_lane.py``); every
other row, and every row when ``DESASADAR_ROW_BY_ROW`` is set, row by row. For any
workbook, untouched or mutated as the fuzz corpus mutates it, both give the very same
staged rows, rejections and notes: the lane may only be faster, never different.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sync_fuzz import EXPLORE, mutations, small  # noqa: F401  (the fixture)
from workbook_ops import apply_openpyxl

from desasadar_gui.services.rates import bundled_rate_table
from desasadar_gui.sync.fast_lane import ROW_BY_ROW_ENV
from desasadar_gui.sync.workbook_format import SHEETS
from desasadar_gui.sync.workbook_read import read_workbook


def _staged(path: Path, row_by_row: bool, monkeypatch) -> dict[str, list]:
    if row_by_row:
        monkeypatch.setenv(ROW_BY_ROW_ENV, "1")
    else:
        monkeypatch.delenv(ROW_BY_ROW_ENV, raising=False)
    try:
        parsed = read_workbook(path, rates=bundled_rate_table())
    except Exception as exc:  # a refused file must be refused alike
        return {"refused": [type(exc).__name__, str(exc)]}
    with parsed:
        con = parsed.staging.connect()  # the staging file has its own key
        out = {
            spec.entity: con.execute(f"SELECT * FROM {spec.entity} ORDER BY row_num").fetchall()
            for spec in SHEETS
        }
        out["rejected"] = con.execute(
            "SELECT * FROM rejected ORDER BY sheet, row_num, reason_en"
        ).fetchall()
        out["notes"] = con.execute(
            "SELECT * FROM notes ORDER BY sheet, row_num, text_en"
        ).fetchall()
        con.close()
    return out


def _agree(path: Path, monkeypatch) -> None:
    fast = _staged(path, False, monkeypatch)
    slow = _staged(path, True, monkeypatch)
    assert fast.keys() == slow.keys()
    for key in fast:
        assert fast[key] == slow[key], key


def test_an_untouched_export_is_staged_alike(small, monkeypatch):  # noqa: F811
    _agree(small["export"], monkeypatch)


@settings(
    max_examples=EXPLORE or 25,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_mutated_workbook_is_staged_alike(small, tmp_path_factory, monkeypatch, data):  # noqa: F811
    ops = data.draw(mutations(small))
    book = apply_openpyxl(small["export"], tmp_path_factory.mktemp("lane") / "m.xlsx", ops)
    _agree(book, monkeypatch)


@pytest.mark.parametrize(
    "ops",
    [
        [("set", "Peserta", 2, "Alamat", "RT 01\nRW 02")],  # a multi-line address
        [("set", "Peserta", 3, "Telepon", "0741-123456")],  # a landline
        [("set", "Peserta", 2, "Nama", " Spasi Depan")],
        [("set", "Peserta", 2, "Penghasilan per bulan", 1.5)],
        [("set", "Kehadiran", 2, "Hasil", "Berminat")],
        [  # a rev the lane cannot read (found by the fuzz test)
            ("set", "Desa", 2, "Nama desa/pasar", None),
            ("append", "Target", {"fingerprint": None, "updated_by": None, "rev": "\ufeff"}),
        ],
    ],
)
def test_cells_the_lane_leaves_to_the_row_path_are_staged_alike(small, tmp_path, ops, monkeypatch):  # noqa: F811
    _agree(apply_openpyxl(small["export"], tmp_path / "m.xlsx", ops), monkeypatch)
