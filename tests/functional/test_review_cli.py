"""``avet review`` argument handling (the app itself runs in test_review_app/end_to_end)."""

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


@pytest.mark.parametrize(("fmt", "langs", "first_line"), [
    ("deepl", ("en", "ar"), "digital transformation\tالتحول الرقمي"),
    ("amazon", ("vi", "ar"), "vi,ar"),
    ("google", ("en", "vi", "ar"), "en,vi,ar"),
])
def test_the_apps_export_takes_the_languages_the_cli_takes(
        tmp_path: Path, fmt: str, langs: tuple[str, ...], first_line: str) -> None:
    from tests.functional.review_fixtures import build_review_db
    from toolkit.cli.review_cmd import _exporter

    db = build_review_db(tmp_path / "g.db")  # one approved entry: التحول الرقمي
    out = tmp_path / f"out.{fmt}"
    written = _exporter(db, "tests")(out, fmt, langs)
    assert (written.entries, written.rows) == (1, 1)
    assert out.read_text(encoding="utf-8").splitlines()[0] == first_line


def test_the_apps_deepl_export_needs_a_direction(tmp_path: Path) -> None:
    from glossary.errors import InputError
    from tests.functional.review_fixtures import build_review_db
    from toolkit.cli.review_cmd import _exporter

    db = build_review_db(tmp_path / "g.db")
    with pytest.raises(InputError, match="one direction"):
        _exporter(db, "tests")(tmp_path / "g.tsv", "deepl", None)
    assert not (tmp_path / "g.tsv").exists()
