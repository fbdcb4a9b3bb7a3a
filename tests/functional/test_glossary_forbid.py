"""`avet glossary forbid` and `avet glossary allow`: a forbidden rendering can be
removed again, undoably, and mistakes end as one line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.store import Store
from tests.functional.cli_driver import avet


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    csv, db = tmp_path / "g.csv", tmp_path / "g.db"
    csv.write_text("ar,vi,en,forbidden_en\nالتحول الرقمي,chuyển đổi số,digital transformation,"
                   "digital conversion\n", encoding="utf-8")
    assert avet(capsys, "glossary", "import", str(csv), "--db", str(db))[0] == 0
    return db


def _forbidden(db: Path) -> list[str]:
    with Store(db) as store:
        return store.get(1).forms["en"].forbidden


@pytest.mark.parametrize(("steps", "said", "left"), [
    ([["allow", "1", "en", "digital conversion"]],
     ["Entry 1: en 'digital conversion' allowed again; forbidden en forms: none."], []),
    ([["allow", "1", "en", "digital conversion"], ["undo"]],
     ["Entry 1: en 'digital conversion' allowed again; forbidden en forms: none.",
      "undo: allow (1 entry)."], ["digital conversion"]),
    ([["forbid", "1", "en", "digital shift"], ["forbid", "1", "en", "digital shift"]],
     ["Entry 1: en 'digital shift' forbidden; forbidden en forms: digital conversion, "
      "digital shift.", "Entry 1: en 'digital shift' is forbidden already."],
     ["digital conversion", "digital shift"]),
])
def test_forbid_and_allow_change_the_forbidden_forms(
        db: Path, capsys: pytest.CaptureFixture[str], steps: list[list[str]],
        said: list[str], left: list[str]) -> None:
    outs = []
    for step in steps:
        code, out, err = avet(capsys, "glossary", *step, "--db", str(db))
        assert (code, err) == (0, "")
        outs.append(out.strip())
    assert outs == said
    assert _forbidden(db) == left


def test_allow_then_the_form_can_be_the_term(db: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = avet(capsys, "glossary", "allow", "1", "en", "Digital Conversion",
                        "--db", str(db), "--json")
    assert code == 0
    assert json.loads(out) == {"id": 1, "lang": "en", "form": "Digital Conversion",
                               "action": "allow", "changed": True, "forbidden": []}
    with Store(db) as store:
        store.modify(1, lambda e: setattr(e.forms["en"], "preferred", "digital conversion"))
        assert store.get(1).term("en") == "digital conversion"


@pytest.mark.parametrize(("args", "message"), [
    (["allow", "1", "en", "digital shift"],
     "'digital shift' is not a forbidden en form of entry 1 (its forbidden en forms: "
     "'digital conversion')"),
    (["allow", "1", "vi", "x"], "it has no forbidden vi form"),
    (["forbid", "1", "en", "digital transformation"],
     "'digital transformation' is the preferred en form of entry 1"),
    (["allow", "7", "en", "x"], "no entry with id 7"),
])
def test_mistakes_are_one_line_and_exit_2(db: Path, capsys: pytest.CaptureFixture[str],
                                          args: list[str], message: str) -> None:
    code, out, err = avet(capsys, "glossary", *args, "--db", str(db))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err
    assert _forbidden(db) == ["digital conversion"]
