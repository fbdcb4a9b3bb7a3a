"""Runs the ``avet`` CLI in-process in tests (shared by the CLI tests)."""

from __future__ import annotations

import pytest

from toolkit.cli.main import main


def avet(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Runs ``avet ARGS``; returns its exit code, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
