"""Files written whole: the old file or the new one, never half of either."""

from __future__ import annotations

from pathlib import Path

import pytest
from checker.files import written_whole


def test_the_new_file_takes_the_old_ones_place_once_written(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_text("old", encoding="utf-8")
    with written_whole(target) as partial:
        partial.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"  # not yet
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


def test_a_failure_leaves_the_old_file_and_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), written_whole(target) as partial:
        partial.write_text("half", encoding="utf-8")
        raise RuntimeError("the writer failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]
