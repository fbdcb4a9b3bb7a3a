"""`avet glossary approve` refuses an entry that clashes with an approved one (exit 2,
one line naming both entries and the fix, nothing approved); importing an approved row
whose clash partner is a candidate still works, and so does a full export of the result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.functional.cli_driver import avet

# Entry 1 approved; entry 2 a candidate whose ar variant is entry 1's ar term, with
# another English term; entry 3 a candidate clashing with nothing.
_CSV = ("ar,en,status,variants_ar\n"
        "التحول الرقمي,digital transformation,approved,\n"
        "التحويل الرقمي,digital shift,candidate,التحول الرقمي\n"
        "الحكومة الإلكترونية,e-government,candidate,\n")


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    csv, path = tmp_path / "g.csv", tmp_path / "g.db"
    csv.write_text(_CSV, encoding="utf-8")
    code, _, err = avet(capsys, "glossary", "import", str(csv), "--db", str(path))
    assert (code, err) == (0, "")
    return path


def _statuses(capsys: pytest.CaptureFixture[str], db: Path) -> dict[int, str]:
    code, out, _ = avet(capsys, "glossary", "list", "--status", "all", "--json", "--db", str(db))
    assert code == 0
    return {row["id"]: row["status"] for row in map(json.loads, out.splitlines())}


@pytest.mark.parametrize("ids", [["2"], ["3", "2"]])
def test_approving_a_clashing_candidate_exits_2_and_approves_nothing(
        db: Path, capsys: pytest.CaptureFixture[str], ids: list[str]) -> None:
    code, out, err = avet(capsys, "glossary", "approve", *ids, "--db", str(db))
    assert (code, out) == (2, "")
    assert err == ("avet: error: entry 2 cannot be approved: its ar variant 'التحول الرقمي' "
                   "is a form of approved entry 1, whose en term is 'digital transformation', "
                   "not 'digital shift'; nothing was approved (merge the two entries (avet "
                   "glossary merge 1 2), edit one of them, or reject one)\n")
    assert _statuses(capsys, db) == {1: "approved", 2: "candidate", 3: "candidate"}


def test_once_the_partner_is_rejected_the_candidate_is_approved_and_exports_back(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert avet(capsys, "glossary", "reject", "1", "--db", str(db))[0] == 0
    assert avet(capsys, "glossary", "approve", "2", "3", "--db", str(db)) == (
        0, "2 entries approved.\n", "")
    out = tmp_path / "all.csv"
    assert avet(capsys, "glossary", "export", str(out), "--status", "all",
                "--db", str(db))[0] == 0
    code, _, err = avet(capsys, "glossary", "import", str(out), "--db", str(tmp_path / "new.db"))
    assert (code, err) == (0, "")
    assert _statuses(capsys, tmp_path / "new.db") == {1: "rejected", 2: "approved",
                                                      3: "approved"}


_SYNONYMS = ("ar,vi,en\n"
             "الحوسبة السحابية,điện toán đám mây,cloud computing\n"
             "الحوسبة الغيمية,điện toán đám mây,cloud computing\n")


@pytest.mark.parametrize(("status", "code", "stored"), [
    ("approved", 2, 0),  # two approved entries sharing a form: what approve refuses
    ("candidate", 0, 2),  # candidates may share it, to be merged in review
])
def test_import_checks_the_approved_rows_of_one_file_as_approve_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], status: str, code: int,
        stored: int) -> None:
    csv, db = tmp_path / "syn.csv", tmp_path / "s.db"
    csv.write_text(_SYNONYMS, encoding="utf-8")
    got, _, err = avet(capsys, "glossary", "import", str(csv), "--status", status,
                       "--db", str(db))
    assert got == code
    if code:
        assert err.startswith(f"avet: error: {csv}:3: the ") and "line 2" in err
        assert "nothing was imported" in err and err.count("\n") == 1
    if db.exists():
        assert len(_statuses(capsys, db)) == stored
