"""Wording of CLI output: counts in the right number, help texts printed as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli.main import main
from toolkit.cli.output import count


def avet(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("n", "word", "plural", "text"), [
    (1, "entry", None, "1 entry"),
    (0, "entry", None, "0 entries"),
    (2, "approved entry", None, "2 approved entries"),
    (1, "line", None, "1 line"),
    (3, "line", None, "3 lines"),
    (2, "day", None, "2 days"),
    (2, "index", "indices", "2 indices"),
])
def test_count_puts_the_noun_in_the_right_number(n: int, word: str, plural: str | None,
                                                 text: str) -> None:
    assert count(n, word, plural) == text


def test_extract_help_prints_percent_once(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "less than 20% Arabic" in out


@pytest.fixture()
def one_entry_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    glossary = tmp_path / "one.csv"
    glossary.write_text("ar,en,status\nالخطة,plan,approved\nالقرار,decision,candidate\n",
                        encoding="utf-8")
    db = tmp_path / "g.db"
    code, out, _ = avet(capsys, "glossary", "import", str(glossary), "--db", str(db))
    assert code == 0
    return db, out


def test_import_and_export_say_one_entry(one_entry_db: tuple[Path, str], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db, imported = one_entry_db
    assert imported.startswith("Imported 2 entries from ")
    code, out, _ = avet(capsys, "glossary", "export", str(tmp_path / "x.csv"), "--db", str(db))
    assert (code, out) == (0, f"Exported 1 approved entry to {tmp_path / 'x.csv'}.\n")


@pytest.mark.parametrize(("status", "shown"), [("all", 2), ("approved", 1), ("candidate", 1)])
def test_list_takes_status_all(one_entry_db: tuple[Path, str], capsys: pytest.CaptureFixture[str],
                               status: str, shown: int) -> None:
    db, _ = one_entry_db
    code, out, _ = avet(capsys, "glossary", "list", "--status", status, "--json", "--db", str(db))
    assert code == 0 and len(out.splitlines()) == shown


def test_postedit_names_line_counts_in_the_right_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "s.ar", tmp_path / "t.en"
    source.write_text("الخطة\n", encoding="utf-8")
    target.write_text("plan\nmore\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("ar,en\nالخطة,plan\n", encoding="utf-8")
    code, _, err = avet(capsys, "check", "--from", "ar", "--to", "en", "--source", str(source),
                        "--target", str(target), "--glossary", str(glossary))
    assert code == 2 and "has 1 line but" in err and "has 2 lines" in err
