"""Scoring a batch job's outputs with ``avet eval``: it takes files, and says so when
it is given a job's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli.main import main


@pytest.mark.parametrize("option", ["--source", "--reference", "--hypothesis"])
def test_eval_given_a_folder_says_it_needs_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    files = {name: tmp_path / f"ev.{name}" for name in ("source", "reference", "hypothesis")}
    for path in files.values():
        path.write_text("one line\n", encoding="utf-8")
    folder = tmp_path / "out"  # a batch job's OUT_DIR
    folder.mkdir()
    (folder / "doc.en.txt").write_text("one line\n", encoding="utf-8")
    args = {f"--{name}": str(path) for name, path in files.items()} | {option: str(folder)}
    assert main(["eval", *(x for pair in args.items() for x in pair)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"avet: error: {folder}: {option} is a folder; avet eval scores "
                             "one file (give a file with one segment per line")
