"""A glossary database the user can fix, given to the CLI: one line, exit 2, no
traceback (the store's side: tests/unit/test_store_consistency.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.store_files import FILE_PROBLEMS
from toolkit.cli.main import main


@pytest.mark.parametrize(("spoil", "message"), FILE_PROBLEMS[:3])
def test_the_cli_reports_a_store_file_problem_in_one_line_with_exit_2(
        tmp_path: Path, spoil: Callable[[Path], None], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.db"
    spoil(path)
    assert main(["glossary", "stats", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and str(path) in err
    assert "Traceback" not in err
