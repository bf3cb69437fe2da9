"""The type ratchet (tools/mypy_ratchet.py): its comparison on small fixtures, not mypy."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "mypy_ratchet.py"


@pytest.fixture(scope="module")
def ratchet():
    spec = importlib.util.spec_from_file_location("mypy_ratchet", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["mypy_ratchet"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["mypy_ratchet"]


OUTPUT = """\
desasadar_gui/services/demo/state.py:12: error: Incompatible types  [assignment]
desasadar_gui/services/demo/state.py:40:5: error: Missing return  [return]
desasadar_gui/services/demo/state.py:41: note: See https://mypy.rtfd.io
desasadar_gui/domain/__init__.py:3: error: Name "x" is not defined  [name-defined]
Found 3 errors in 2 files (checked 9 source files)
"""


def test_errors_are_counted_per_module(ratchet) -> None:
    assert ratchet.count_errors(OUTPUT) == {
        "desasadar_gui.services.demo.state": 2,
        "desasadar_gui.domain": 1,
    }


def test_a_module_over_its_allowance_fails(ratchet) -> None:
    verdict = ratchet.compare({"a.b": 3}, {"a.b": 2})
    assert not verdict.ok
    assert verdict.worse == ["a.b: 3 type errors, 2 allowed"]


def test_a_new_module_with_errors_fails(ratchet) -> None:
    verdict = ratchet.compare({"a.new": 1}, {})
    assert verdict.worse == ["a.new: 1 type errors in a module allowed none"]


def test_fewer_errors_than_listed_asks_to_shrink(ratchet) -> None:
    verdict = ratchet.compare({"a.b": 1}, {"a.b": 2, "a.c": 1})
    assert not verdict.ok and not verdict.worse
    assert len(verdict.better) == 2
    assert "lower it to 1" in verdict.better[0] and "lower it to 0" in verdict.better[1]


def test_as_allowed_is_ok(ratchet) -> None:
    assert ratchet.compare({"a.b": 2}, {"a.b": 2}).ok
    assert ratchet.compare({}, {}).ok


def test_the_list_round_trips_sorted_and_without_zeros(ratchet) -> None:
    text = ratchet.format_allowed({"z.y": 2, "a.b": 1, "m.n": 0})
    assert [line for line in text.splitlines() if not line.startswith("#")] == [
        "a.b 1",
        "z.y 2",
    ]
    assert ratchet.parse_allowed(text) == {"a.b": 1, "z.y": 2}
    with pytest.raises(ValueError, match="line 1"):
        ratchet.parse_allowed("a.b one\n")


@pytest.mark.parametrize(
    ("found", "allowed", "code", "after"),
    [
        ({"a.b": 3}, "a.b 2\n", 1, "a.b 2"),  # grew: refused, the list is left alone
        ({"a.b": 1}, "a.b 2\n", 0, "a.b 1"),  # shrank: lowered
        ({}, "a.b 2\n", 0, ""),  # all fixed: the module leaves the list
    ],
)
def test_update_only_shrinks_the_list(
    ratchet, monkeypatch, tmp_path, found, allowed, code, after
) -> None:
    listed = tmp_path / "mypy_allowed.txt"
    listed.write_text(allowed)
    output = "".join(
        f"{m.replace('.', '/')}.py:1: error: x  [misc]\n"
        for m, n in found.items()
        for _ in range(n)
    )
    monkeypatch.setattr(ratchet, "run_mypy", lambda: output)
    assert ratchet.main(["--update", "--allowed", str(listed)]) == code
    body = [line for line in listed.read_text().splitlines() if not line.startswith("#")]
    assert body == ([after] if after else [])


def test_check_fails_on_growth_and_on_shrink(ratchet, monkeypatch, tmp_path, capsys) -> None:
    listed = tmp_path / "mypy_allowed.txt"
    listed.write_text("a.b 1\n")
    monkeypatch.setattr(ratchet, "run_mypy", lambda: "a/b.py:1: error: x  [misc]\n" * 2)
    assert ratchet.main(["--allowed", str(listed)]) == 1
    assert "over the allowance" in capsys.readouterr().out
    monkeypatch.setattr(ratchet, "run_mypy", lambda: "")
    assert ratchet.main(["--allowed", str(listed)]) == 1
    assert "lower it to 0" in capsys.readouterr().out
    listed.write_text("")
    assert ratchet.main(["--allowed", str(listed)]) == 0
