"""A full export (``--status all``) of a database imports again into a new one, also when
a candidate shares a form with an approved entry (as extraction stores it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.model import Entry, Forms
from glossary.store import Store
from tests.functional.cli_driver import avet
from toolkit.cli.main import main

_VOLATILE = ("created_at", "updated_at", "updated_by", "source")


def _copies(status: str) -> Entry:
    # Its vi term is the vi variant of the starter's التوأم الرقمي (song sinh số).
    return Entry(forms={"ar": Forms("النسخ الرقمية"), "vi": Forms("bản sao số"),
                        "en": Forms("digital copies")}, status=status)


def _db(folder: Path, status: str) -> Path:
    path = folder / f"{status}.db"
    assert main(["glossary", "import", "--starter", "--db", str(path)]) == 0
    with Store(path, actor="test") as store:
        store.add(_copies(status))
    return path


@pytest.fixture(scope="module")
def candidate_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _db(tmp_path_factory.mktemp("round"), "candidate")


def _listed(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, object]]:
    code, out, _ = avet(capsys, "glossary", "list", "--all", "--status", "all", "--json",
                        "--db", str(db))
    assert code == 0
    return [{k: v for k, v in json.loads(line).items() if k not in _VOLATILE}
            for line in out.splitlines()]


@pytest.mark.parametrize("name", ["g.json", "g.csv", "g.tsv", "g.tbx"])
def test_a_full_export_with_a_candidate_clash_round_trips(
        candidate_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        name: str) -> None:
    out_file, new_db = tmp_path / name, tmp_path / "new.db"
    assert avet(capsys, "glossary", "export", str(out_file), "--status", "all",
                "--db", str(candidate_db))[0] == 0
    code, _, err = avet(capsys, "glossary", "import", str(out_file), "--db", str(new_db))
    assert (code, err) == (0, "")
    before, after = _listed(capsys, candidate_db), _listed(capsys, new_db)
    if name == "g.json":  # the JSON export keeps every field
        assert after == before
    keys = ("forms", "status", "kind", "note", "dnt", "case_sensitive")
    assert [{k: e[k] for k in keys} for e in after] == [{k: e[k] for k in keys} for e in before]


def test_two_approved_entries_sharing_a_form_are_still_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _db(tmp_path, "approved")
    out_file = tmp_path / "g.jsonl"
    assert avet(capsys, "glossary", "export", str(out_file), "--status", "all",
                "--db", str(db))[0] == 0
    lines = out_file.read_text(encoding="utf-8").splitlines()
    twin = next(i for i, t in enumerate(lines, 1) if '"التوأم الرقمي"' in t)
    code, _, err = avet(capsys, "glossary", "import", str(out_file), "--db",
                        str(tmp_path / "new.db"))
    assert code == 2
    assert (f"g.jsonl:{len(lines)}: vi term 'bản sao số' on line {len(lines)} is the vi "
            f"variant 'bản sao số' of line {twin}, whose ar term is 'التوأم الرقمي', not "
            "'النسخ الرقمية'") in err
    assert not (tmp_path / "new.db").exists() or _listed(capsys, tmp_path / "new.db") == []
