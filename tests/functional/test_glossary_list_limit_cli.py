"""``avet glossary list`` says when it cuts the list (on stderr, so that ``--json``
stays one entry per line), refuses a limit below 1, and ``--all`` lists everything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.functional.cli_driver import avet


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from toolkit.cli.main import main

    path = tmp_path_factory.mktemp("list") / "g.db"
    assert main(["glossary", "import", "--starter", "--db", str(path), "--json"]) == 0
    return path


def _total(db: Path, capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _ = avet(capsys, "glossary", "stats", "--json", "--db", str(db))
    assert code == 0
    return int(json.loads(out)["entries"])


@pytest.mark.parametrize(("args", "shown"), [
    ([], 50), (["--limit", "3"], 3), (["--limit", "3", "--sort", "en"], 3),
])
@pytest.mark.parametrize("as_json", [False, True])
def test_a_cut_list_says_so_on_stderr(db: Path, capsys: pytest.CaptureFixture[str],
                                      args: list[str], shown: int, as_json: bool) -> None:
    total = _total(db, capsys)
    code, out, err = avet(capsys, "glossary", "list", *args, *(["--json"] * as_json),
                          "--db", str(db))
    assert code == 0
    assert err == f"avet: showing {shown} of {total} entries; --limit N or --all for more\n"
    if as_json:
        ids = [json.loads(line)["id"] for line in out.splitlines()]
        assert len(ids) == shown and ("--sort" in args or ids == list(range(1, shown + 1)))
    else:
        assert f"{shown} of {total} entries" in out


@pytest.mark.parametrize("as_json", [False, True])
def test_all_and_an_uncut_list_say_nothing(db: Path, capsys: pytest.CaptureFixture[str],
                                           as_json: bool) -> None:
    total = _total(db, capsys)
    code, out, err = avet(capsys, "glossary", "list", "--all", *(["--json"] * as_json),
                          "--db", str(db))
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == total if as_json else f"{total} of {total}" in out
    code, out, err = avet(capsys, "glossary", "list", "--text", "Hà Nội", "--limit", "1000",
                          "--json", "--db", str(db))
    assert (code, err) == (0, "") and 0 < len(out.splitlines()) < total


def test_text_filter_counts_only_matching_entries(db: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = avet(capsys, "glossary", "list", "--text", "Hà Nội", "--all", "--json",
                          "--db", str(db))
    matching = len(out.splitlines())
    code, out, err = avet(capsys, "glossary", "list", "--text", "Hà Nội", "--limit", "1",
                          "--db", str(db))
    assert code == 0 and f"1 of {matching} entr" in out
    assert err == (f"avet: showing 1 of {matching} entries; --limit N or --all for more\n"
                   if matching > 1 else "")


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_a_limit_below_1_is_refused(db: Path, capsys: pytest.CaptureFixture[str],
                                    value: str) -> None:
    with pytest.raises(SystemExit) as exited:
        avet(capsys, "glossary", "list", "--limit", value, "--db", str(db))
    out, err = capsys.readouterr()
    assert (exited.value.code, out) == (2, "")
    assert f"argument --limit: '{value}' is not a whole number of 1 or more (use --all" in err


def test_limit_and_all_together_are_refused(db: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        avet(capsys, "glossary", "list", "--limit", "3", "--all", "--db", str(db))
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_help_names_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        avet(capsys, "glossary", "list", "--help")
    out = " ".join(capsys.readouterr().out.split())
    assert "at most N entries (default: 50)" in out and "--all list every entry" in out
