"""The one way a user-visible file is written (``files.replaced_when_done``): whole or
not at all, and nothing half-written left beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desasadar_gui.files import replaced_when_done


def test_the_target_appears_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "ekspor ke flashdisk" / "Laporan Desa.xlsx"
    target.parent.mkdir()
    target.write_text("versi lama", encoding="utf-8")
    with replaced_when_done(target) as part:
        part.write_text("versi baru", encoding="utf-8")
        assert part.parent == target.parent and part.name.endswith(".part")
        assert target.read_text(encoding="utf-8") == "versi lama"
    assert target.read_text(encoding="utf-8") == "versi baru"
    assert sorted(p.name for p in target.parent.iterdir()) == ["Laporan Desa.xlsx"]


@pytest.mark.parametrize("durable", [False, True])
def test_a_failure_midway_keeps_the_old_file_and_leaves_no_part(
    tmp_path: Path, durable: bool
) -> None:
    target = tmp_path / "kunci.json"
    target.write_text("lama", encoding="utf-8")
    with pytest.raises(OSError), replaced_when_done(target, durable=durable) as part:
        part.write_text("setengah", encoding="utf-8")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["kunci.json"]
