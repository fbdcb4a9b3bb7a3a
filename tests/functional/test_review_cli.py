"""``avet review`` argument handling (the app itself runs in test_review_app/tmux)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_missing_database_is_a_user_error(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert "no glossary database" in err and "avet extract" in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--poll", "0"], "poll interval"),
    (["--actor", " "], "actor"),
])
def test_bad_options_are_refused_before_the_app_starts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        message: str) -> None:
    from glossary.store import Store

    db = tmp_path / "g.db"
    Store(db).close()
    assert main(["review", "--db", str(db), *args]) == 2
    assert message in capsys.readouterr().err


def test_unknown_bidi_mode_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["review", "--bidi", "rtl"])
    assert exc.value.code == 2
    assert "visual" in capsys.readouterr().err


def test_the_cli_loads_textual_only_when_review_runs() -> None:
    code = ("import sys; from toolkit.cli.main import build_parser; build_parser(); "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"
