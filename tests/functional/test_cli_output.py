"""CLI tables print user text verbatim: brackets are never read as rich markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli.main import main
from toolkit.cli.output import print_table

# Forms a translator may well write: a closing tag with no opening one (rich raised
# MarkupError), a style tag (rich dropped it), an empty pair, a link-like tag.
FORMS = ["Decree [/i] 5", "[bold]government", "a [] b", "[link=x]site"]


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database in a folder whose name has brackets too, holding entries in :data:`FORMS`."""
    folder = tmp_path / "[red]d [i]x"
    folder.mkdir()
    csv = tmp_path / "g.csv"
    arabic = ["مرسوم", "الحكومة", "قوس", "موقع"]
    csv.write_text("ar,en\n" + "".join(f"{a},{e}\n" for a, e in zip(arabic, FORMS, strict=True)),
                   encoding="utf-8")
    path = folder / "g.db"
    assert main(["glossary", "import", str(csv), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["glossary", "list"], FORMS),
        (["glossary", "show", "1"], [FORMS[0]]),
        (["glossary", "show", "2"], [FORMS[1]]),
        (["glossary", "stats"], ["[red]d [i]x"]),
    ],
    ids=["list", "show-closing-tag", "show-style-tag", "stats-title"],
)
def test_brackets_are_printed_verbatim(db: Path, argv: list[str], expected: list[str],
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no cell folded over two lines
    code = main([*argv, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    # the stats title (a temporary path) wraps to the table's width: compare without spaces
    flat = "".join(out.split())
    for text in expected:
        assert "".join(text.split()) in flat


@pytest.mark.parametrize("text", [*FORMS, "[/]", "[", "]", "\\[x]"])
def test_print_table_keeps_markup_like_text(text: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    print_table([text, "n"], [[text, None]], title=text)
    out = capsys.readouterr().out
    # title, header and cell
    assert out.count(text) == 3
