"""What `avet glossary …` tells the user: commands that change nothing say so and leave
undo alone; errors name the flags typed and the file line; notes, case and UTF-16 files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.functional.cli_driver import avet
from toolkit.cli.main import main

_BASE = ("ar,vi,en,note\n"
         "مركز البيانات الوطني,Trung tâm Dữ liệu quốc gia,National Data Centre,first\n"
         "الهوية الرقمية,định danh số,digital identity,\n")


@pytest.fixture()
def base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A database with two approved entries (ids 1 and 2) imported from a CSV file."""
    csv, db = tmp_path / "base.csv", tmp_path / "g.db"
    csv.write_text(_BASE, encoding="utf-8")
    assert avet(capsys, "glossary", "import", str(csv), "--db", str(db))[0] == 0
    return csv, db


@pytest.mark.parametrize(("steps", "said"), [
    ([["approve", "1", "2"], ["undo"]],
     ["0 entries changed: 2 already approved.", "undo: import {csv} (2 entries)."]),
    ([["reject", "1"], ["reject", "1", "1"], ["undo"], ["undo"]],
     ["1 entry rejected.", "0 entries changed: 1 already rejected.",
      "undo: rejected (1 entry).", "undo: import {csv} (2 entries)."]),
    ([["reject", "2"], ["approve", "1", "2"]],
     ["1 entry rejected.", "1 entry approved. 1 already approved: 1."]),
    ([["reject", "1"], ["undo"], ["approve", "1"], ["redo"]],
     ["1 entry rejected.", "undo: rejected (1 entry).", "0 entries changed: 1 already approved.",
      "redo: rejected (1 entry)."]),
])
def test_a_command_that_changes_nothing_says_so_and_undo_skips_it(
        base: tuple[Path, Path], steps: list[list[str]], said: list[str],
        capsys: pytest.CaptureFixture[str]) -> None:
    csv, db = base
    outputs = []
    for step in steps:
        code, out, err = avet(capsys, "glossary", *step, "--db", str(db))
        assert code == 0 and err == ""
        outputs.append(out.strip())
    assert outputs == [line.format(csv=csv) for line in said]


def test_status_json_lists_changed_and_unchanged(base: tuple[Path, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, db = base
    avet(capsys, "glossary", "reject", "2", "--db", str(db))
    code, out, _ = avet(capsys, "glossary", "approve", "1", "2", "--db", str(db), "--json")
    assert code == 0 and json.loads(out) == {"ids": [1, 2], "status": "approved",
                                             "changed": [2], "unchanged": [1]}


@pytest.mark.parametrize(("options", "said"), [
    ([], "--from and --to missing"),
    (["--from", "ar"], "--to missing"),
    (["--to", "en", "--format", "deepl"], "--from missing"),
    (["--from", "ar", "--to", "ar"], "--from and --to are both 'ar'"),
])
def test_deepl_import_names_the_flags_to_pass(tmp_path: Path, options: list[str], said: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "deepl.tsv"
    tsv.write_text("مركز البيانات\tdata centre\n", encoding="utf-8")
    code, _, err = avet(capsys, "glossary", "import", str(tsv), "--db", str(tmp_path / "g.db"),
                        *options)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"avet: error: {tsv}: ") and said in err
    assert "_lang" not in err and not (tmp_path / "g.db").exists()


def test_import_conflict_names_the_file_line(base: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _, db = base
    partner = tmp_path / "partner.csv"
    partner.write_text("ar,en\nالتحول الرقمي,digital transformation\n"
                       "مركز البيانات الوطني,National Data Center of Vietnam\n", encoding="utf-8")
    code, _, err = avet(capsys, "glossary", "import", str(partner), "--db", str(db))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"avet: error: {partner}:3: 'مركز البيانات الوطني' has en ")
    assert "--overwrite" in err


def test_import_appends_a_new_note_and_keeps_the_stored_one(
        base: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, db = base
    other = tmp_path / "other.csv"
    other.write_text("ar,en,note\nمركز البيانات الوطني,National Data Centre,\"second, "
                     "from the partner\"\n", encoding="utf-8")
    for merged in (1, 0):  # the second import finds the note there already
        code, out, _ = avet(capsys, "glossary", "import", str(other), "--db", str(db), "--json")
        assert code == 0 and json.loads(out)["merged"] == merged
    code, out, _ = avet(capsys, "glossary", "show", "1", "--db", str(db), "--json")
    assert json.loads(out)["note"] == "first\nsecond, from the partner"
    with pytest.raises(SystemExit):
        main(["glossary", "import", "--help"])
    assert "note, when the stored note lacks it, is appended" in " ".join(
        capsys.readouterr().out.split())


def test_import_reads_excel_unicode_text(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "excel.tsv"  # Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated
    tsv.write_bytes(b"\xff\xfe" + "ar\ten\r\nمركز البيانات\tdata centre\r\n".encode("utf-16-le"))
    code, out, err = avet(capsys, "glossary", "import", str(tsv), "--db", str(tmp_path / "g.db"))
    assert (code, err) == (0, "") and "1 new" in out
    code, out, _ = avet(capsys, "glossary", "list", "--db", str(tmp_path / "g.db"), "--json")
    assert json.loads(out)["forms"]["en"]["preferred"] == "data centre"


def test_case_sensitive_entry_can_forbid_a_case_variant(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "cs.csv"
    csv.write_text("ar,vi,en,kind,case_sensitive,forbidden_en\n"
                   "VNPT,VNPT,VNPT,acronym,true,Vnpt\n", encoding="utf-8")
    code, _, err = avet(capsys, "glossary", "import", str(csv), "--db", str(tmp_path / "g.db"))
    assert (code, err) == (0, "")
    code, out, _ = avet(capsys, "glossary", "show", "1", "--db", str(tmp_path / "g.db"), "--json")
    assert json.loads(out)["forms"]["en"]["forbidden"] == ["Vnpt"]
