"""Line-aligned text files (toolkit.textfiles): read, checked, written back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from toolkit.textfiles import read_aligned, read_text_file


@pytest.mark.parametrize("data", [
    b"one\ntwo\n",
    b"one\r\ntwo",
    b"\xef\xbb\xbfone\rtwo\r\n",
    b"one  \n\n",
])
def test_render_gives_the_bytes_back(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(data)
    assert read_text_file(path).render().encode("utf-8") == data


def test_blank_lines_at_the_end_do_not_count(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("x\ny\n\n\n", encoding="utf-8")
    source, target = read_aligned(tmp_path / "s.txt", tmp_path / "t.txt")
    assert (source.lines, target.lines, target.tail) == (["a", "b"], ["x", "y"], "\n\n")
    assert target.render(["X", "Y"]) == "X\nY\n\n\n"


def test_misaligned_files_name_the_line_and_both_counts(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2 has no counterpart: .*3 lines but .*1 line "):
        read_aligned(tmp_path / "s.txt", tmp_path / "t.txt")
