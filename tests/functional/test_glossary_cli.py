"""`avet glossary …` end to end through the CLI entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossary import Context, Entry
from glossary.store import Store
from tests.functional.cli_driver import avet


@pytest.fixture()
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "g.db"
    code, out, _ = avet(capsys, "glossary", "import", "--starter", "--db", str(path))
    assert code == 0 and "new" in out
    return path


def test_starter_import_is_idempotent(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = avet(capsys, "glossary", "import", "--starter", "--db", str(db), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["added"] == 0 and summary["merged"] == 0
    assert summary["unchanged"] == summary["read"] >= 300


def test_list_filters_ignore_tones_and_arabic_spelling(db: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = avet(capsys, "glossary", "list", "--db", str(db), "--text", "thai nguyen",
                        "--kind", "place", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["forms"]["vi"]["preferred"] for r in rows] == ["Thái Nguyên"]
    code, out, _ = avet(capsys, "glossary", "list", "--db", str(db), "--text", "ثاي نجوين",
                        "--kind", "place", "--json")
    assert [json.loads(line)["forms"]["en"]["preferred"] for line in out.splitlines()] == [
        "Thai Nguyen"]


@pytest.mark.parametrize("name", ["g.tbx", "g.csv", "g.tsv", "g.xlsx", "g.json", "g.jsonl"])
def test_export_reimport_keeps_the_glossary_hash(db: Path, tmp_path: Path, name: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / name
    code, _, _ = avet(capsys, "glossary", "export", str(out_file), "--db", str(db))
    assert code == 0 and out_file.stat().st_size > 0
    other = tmp_path / "other.db"
    code, _, err = avet(capsys, "glossary", "import", str(out_file), "--db", str(other))
    assert code == 0, err
    with Store(db) as a, Store(other) as b:
        assert a.glossary_hash() == b.glossary_hash()


def test_status_changes_and_undo(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert avet(capsys, "glossary", "reject", "1", "2", "--db", str(db))[0] == 0
    code, out, _ = avet(capsys, "glossary", "stats", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)["by_status"]["rejected"] == 2
    assert avet(capsys, "glossary", "undo", "--db", str(db))[0] == 0
    code, out, _ = avet(capsys, "glossary", "show", "1", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)["status"] == "approved"
    assert avet(capsys, "glossary", "redo", "--db", str(db))[0] == 0
    code, out, _ = avet(capsys, "glossary", "show", "1", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)["status"] == "rejected"


def test_conflicting_import_changes_nothing(db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "conflict.csv"
    csv.write_text("ar,vi,en\nمصطلح جديد,thuật ngữ mới,new term\n"
                   "تاي نجوين,Thái Nguyên,Tai Nuyen\n", encoding="utf-8")
    with Store(db) as store:
        before = store.count()
    code, _, err = avet(capsys, "glossary", "import", str(csv), "--db", str(db))
    assert code == 2
    assert err.startswith("avet: error: ") and err.count("\n") == 1
    assert "nothing was imported" in err and "--overwrite" in err
    with Store(db) as store:
        assert store.count() == before


def test_show_missing_entry_is_a_user_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = avet(capsys, "glossary", "show", "99999", "--db", str(db))
    assert code == 2 and "no entry with id 99999" in err


def test_config_file_sets_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "avet.toml").write_text('db = "conf.db"\n', encoding="utf-8")
    assert avet(capsys, "glossary", "import", "--starter")[0] == 0
    assert (tmp_path / "conf.db").is_file() and not (tmp_path / "avet.db").exists()
    assert avet(capsys, "glossary", "import", "--starter", "--db", "flag.db")[0] == 0
    assert (tmp_path / "flag.db").is_file()


@pytest.mark.parametrize("action", [["stats"], ["list"], ["show", "1"], ["approve", "1"],
                                    ["export", "out.tbx"], ["undo"]])
def test_reading_a_missing_database_creates_nothing(tmp_path: Path, action: list[str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "missing.db"
    code, _, err = avet(capsys, "glossary", *action, "--db", str(db))
    assert code == 2 and "no glossary database" in err and not db.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [("db = 3\n", "must be str"), ("colour = 'red'\n", "unknown setting"),
     ("db = \n", "not valid TOML"), ("engine = 'marian'\n", "unknown engine")],
)
def test_bad_config_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                content: str, message: str) -> None:
    conf = tmp_path / "bad.toml"
    conf.write_text(content, encoding="utf-8")
    code, _, err = avet(capsys, "glossary", "stats", "--config", str(conf))
    assert code == 2 and message in err and str(conf) in err and err.count("\n") == 1


def _rows(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_one_undo_reverts_a_whole_import(db: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "g.csv"
    csv.write_text("ar,vi,en,forbidden_en\nمصطلح جديد,thuật ngữ mới,new term,\n"
                   "كلمة أخرى,từ khác,other word,\n"
                   "تاي نجوين,Thái Nguyên,Thai Nguyen,Thai Nguyen province\n", encoding="utf-8")
    with Store(db) as store:
        before = (store.count(), store.glossary_hash())
    code, out, _ = avet(capsys, "glossary", "import", str(csv), "--db", str(db), "--json")
    assert code == 0 and (json.loads(out)["added"], json.loads(out)["merged"]) == (2, 1)
    code, out, _ = avet(capsys, "glossary", "undo", "--db", str(db))
    assert code == 0 and out == f"undo: import {csv} (3 entries).\n"
    with Store(db) as store:
        assert (store.count(), store.glossary_hash()) == before
    code, out, _ = avet(capsys, "glossary", "undo", "--db", str(db), "--json")
    assert json.loads(out) == {"action": "undo", "done": True, "label": "import starter termbase",
                               "entries": before[0]}


def test_import_cannot_forbid_an_entrys_own_preferred_form(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("ar,vi,en,kind,forbidden_en\nمصطلح جديد,,new term,term,\n"
                   "تاي نجوين,,,place,Thai Nguyen\n", encoding="utf-8")
    with Store(db) as store:
        before = (store.count(), store.glossary_hash(), store.data_version())
    code, _, err = avet(capsys, "glossary", "import", str(bad), "--db", str(db))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"avet: error: {bad}:3: merged into entry ")
    assert "'Thai Nguyen' is both forbidden and the preferred form" in err
    with Store(db) as store:
        assert (store.count(), store.glossary_hash(), store.data_version()) == before


@pytest.mark.parametrize(("options", "status", "reported"), [
    ([], "approved", True),                 # the stored status stays; the difference is told
    (["--overwrite"], "rejected", False),   # the file's status wins
    (["--status", "candidate"], "candidate", False),
])
def test_file_status_of_a_stored_entry(db: Path, tmp_path: Path, options: list[str], status: str,
                                       reported: bool, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "s.csv"
    csv.write_text("ar,vi,en,status\nتاي نجوين,Thái Nguyên,Thai Nguyen,rejected\n",
                   encoding="utf-8")
    code, _, err = avet(capsys, "glossary", "import", str(csv), "--db", str(db), *options)
    assert code == 0 and ("keeps its status" in err) == reported
    code, out, _ = avet(capsys, "glossary", "list", "--db", str(db), "--text", "Thai Nguyen",
                        "--kind", "place", "--json")
    assert [r["status"] for r in _rows(out)] == [status]


def test_list_sorts_empty_values_last(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    csv = tmp_path / "g.csv"
    csv.write_text("ar,vi,en\nأ,,a\nب,bê,b\nت,,c\nث,a,d\n", encoding="utf-8")
    assert avet(capsys, "glossary", "import", str(csv), "--db", str(db))[0] == 0
    code, out, _ = avet(capsys, "glossary", "list", "--db", str(db), "--sort", "vi", "--json")
    assert code == 0
    assert [r["forms"]["vi"]["preferred"] for r in _rows(out)] == ["a", "bê", "", ""]  # type: ignore[index]


@pytest.mark.parametrize(("contexts", "frequency", "shown", "tail"), [
    (["--contexts", "5"], 112, 5, "… 107 more occurrences (3 more stored: --contexts 0)"),
    (["--contexts", "0"], 112, 8, "… 104 more occurrences"),
    ([], 8, 5, "… 3 more occurrences (3 more stored: --contexts 0)"),
    (["--contexts", "0"], 8, 8, None),
])
def test_show_says_how_many_contexts_more(tmp_path: Path, contexts: list[str], frequency: int,
                                          shown: int, tail: str | None,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    entry = Entry(kind="term", frequency=frequency)
    entry.forms["ar"].preferred = "مصطلح"
    entry.contexts = [Context("a.txt", 10 * i, 10 * i + 5, f"snippet {i}") for i in range(8)]
    with Store(db) as store:
        entry_id = store.add(entry)
    code, out, _ = avet(capsys, "glossary", "show", str(entry_id), "--db", str(db), *contexts)
    lines = out.splitlines()
    assert code == 0 and sum("snippet" in line for line in lines) == shown
    assert (lines[-1].strip() if tail else "snippet") in (tail or lines[-1])


def test_merge_command_merges_and_undo_restores(db: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db) as store:
        keep, other = (store.find_by_form("en", t)[0] for t in ("Thai Nguyen", "Bac Ninh"))
        before = store.glossary_hash()
    code, out, _ = avet(capsys, "glossary", "merge", str(keep.id), str(other.id),
                        "--db", str(db), "--json")
    result = json.loads(out)
    assert code == 0 and result["into"] == keep.id and result["merged"] == [other.id]
    assert "Bac Ninh" in result["entry"]["forms"]["en"]["variants"]
    code, out, _ = avet(capsys, "glossary", "undo", "--db", str(db))
    assert code == 0 and out == f"undo: merge into {keep.id} (2 entries).\n"
    with Store(db) as store:
        assert store.glossary_hash() == before
    code, _, err = avet(capsys, "glossary", "merge", str(keep.id), str(keep.id), "--db", str(db))
    assert code == 2 and "give two or more different ids" in err and "select" not in err


_MINISTRY = ("وزارة الإعلام", "Bộ Thông tin", "Ministry of Information")
_TBX = ("<?xml version='1.0'?>\n<tbx type='TBX-Basic' style='dca' xml:lang='en'><text><body>\n"
        "<conceptEntry id='c1'>{notes}<langSec xml:lang='en'><termSec>"
        "<term>Ministry of Information</term></termSec></langSec></conceptEntry>\n"
        "</body></text></tbx>\n")


def _ministry_db(path: Path) -> Path:
    entry = Entry(kind="org", status="approved", case_sensitive=True)
    for lang, text in zip(("ar", "vi", "en"), _MINISTRY, strict=True):
        entry.forms[lang].preferred = text
    with Store(path) as store:
        store.add(entry)
    return path


@pytest.mark.parametrize(("name", "text", "overwrite", "fields", "kept"), [
    # A file that gives kind, dnt and case_sensitive: --overwrite takes them...
    ("g.csv", "ar,vi,en,kind,dnt,case_sensitive\n{ar},{vi},{en},place,yes,no\n", True,
     ("place", True, False), []),
    # ...without it the stored ones stay and the differences are told.
    ("g.csv", "ar,vi,en,kind,dnt,case_sensitive\n{ar},{vi},{en},place,yes,no\n", False,
     ("org", False, True), ["kind", "dnt", "case_sensitive"]),
    # A file without these columns says nothing about them: nothing is reset or told.
    ("g.csv", "ar,vi,en\n{ar},{vi},{en}\n", True, ("org", False, True), []),
    ("g.csv", "ar,vi,en,dnt\n{ar},{vi},{en},no\n", False, ("org", False, True), []),
    ("g.jsonl", '{{"kind": "term", "forms": {{"en": {{"preferred": "{en}"}}}}}}\n', True,
     ("term", False, True), []),
    ("g.tbx", _TBX.format(notes="<note>avet:kind=place</note><note>avet:dnt=yes</note>"),
     True, ("place", True, False), []),  # avet's TBX: no case_sensitive note is no
    ("g.tbx", _TBX.format(notes=""), True, ("org", False, True), []),
])
def test_import_takes_kind_dnt_and_case_only_where_the_file_gives_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str,
        overwrite: bool, fields: tuple[str, bool, bool], kept: list[str]) -> None:
    db = _ministry_db(tmp_path / "g.db")
    path = tmp_path / name
    ar, vi, en = _MINISTRY
    path.write_text(text.format(ar=ar, vi=vi, en=en), encoding="utf-8")
    options = ["--overwrite"] if overwrite else []
    code, out, err = avet(capsys, "glossary", "import", str(path), "--db", str(db), *options,
                          "--json")
    summary = json.loads(out)
    assert code == 0, err
    assert [f for f in ("kind", "dnt", "case_sensitive") if summary[f"{f}_kept"]] == kept
    with Store(db) as store:
        (entry,) = store.entries()
    assert (entry.kind, entry.dnt, entry.case_sensitive) == fields
    assert summary["merged"] == int(fields != ("org", False, True))
    if kept:
        code, _, err = avet(capsys, "glossary", "import", str(path), "--db", str(db))
        assert [re.split(" keeps? (?:its|their) ", line)[1].split()[0]
                for line in err.splitlines()] == kept


@pytest.mark.parametrize(("files", "message"), [
    # A variant that a stored entry has as its term, with another translation.
    (["ar,vi,en\nهانوي,Hà Nội,Hanoi\n", "ar,vi,en,variants_ar\nالعاصمة,Thủ đô,Capital,هانوي\n"],
     "{f}:2: ar variant 'هانوي' is a form of entry 1, whose vi term is 'Hà Nội', not 'Thủ đô'"),
    # The stored entry has it as a variant; the file gives it as a variant too.
    (["ar,vi,en,variants_ar\nمدينة هانوي,Hà Nội,Hanoi,هانوي\n",
      "ar,vi,en,variants_ar\nالعاصمة,Thủ đô,Capital,هانوي\n"],
     "{f}:2: ar variant 'هانوي' is a form of entry 1, whose vi term is 'Hà Nội'"),
    # Two rows of one file.
    (["ar,vi,en,variants_ar\nهانوي,Hà Nội,Hanoi,\nالعاصمة,Thủ đô,Capital,هانوي\n"],
     "{f}:3: ar variant 'هانوي' on line 3 is the ar term 'هانوي' of line 2, whose vi term is "
     "'Hà Nội', not 'Thủ đô'"),
    # A variant merged into a stored entry that another stored entry translates otherwise.
    (["ar,vi,en\nهانوي,Hà Nội,Hanoi\nالعاصمة,Thủ đô,Capital\n",
      "ar,vi,en,variants_ar\nالعاصمة,Thủ đô,Capital,هانوي\n"],
     "{f}:2: ar variant 'هانوي' is a form of entry 1, whose vi term is 'Hà Nội'"),
])
def test_import_refuses_a_variant_that_another_entry_translates_otherwise(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], files: list[str],
        message: str) -> None:
    db = tmp_path / "g.db"
    paths = []
    for i, text in enumerate(files):
        paths.append(tmp_path / f"g{i}.csv")
        paths[-1].write_text(text, encoding="utf-8")
    for path in paths[:-1]:
        assert avet(capsys, "glossary", "import", str(path), "--db", str(db))[0] == 0
    with Store(db) as store:
        before = store.glossary_hash()
    code, _, err = avet(capsys, "glossary", "import", str(paths[-1]), "--db", str(db))
    assert code == 2 and err.count("\n") == 1
    assert message.format(f=paths[-1]) in err
    with Store(db) as store:
        assert store.glossary_hash() == before
    # What is stored exports to DeepL, which allows one target per source.
    if len(paths) > 1:
        out = tmp_path / "g.deepl.tsv"
        code, _, err = avet(capsys, "glossary", "export", str(out), "--format", "deepl",
                            "--from", "ar", "--to", "vi", "--db", str(db))
        assert code == 0, err


@pytest.mark.parametrize(("name", "options", "message"), [
    ("y.tsv", ["--from", "ar"], "the tsv format does not take --from"),
    ("y.tsv", ["--to", "en"], "the tsv format does not take --to"),
    ("y.tbx", ["--from", "ar", "--to", "en"], "the tbx format does not take --to"),
    ("y.csv", ["--format", "google", "--to", "en"], "does not take --to without --from"),
    ("y.tsv", ["--format", "deepl", "--from", "ar"], "--to missing"),
])
def test_export_refuses_from_and_to_that_the_format_ignores(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        options: list[str], message: str) -> None:
    out_file = tmp_path / name
    code, out, err = avet(capsys, "glossary", "export", str(out_file), *options, "--db", str(db))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err
    assert not out_file.exists()


def test_deepl_export_imports_and_exports_the_other_way(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    there = tmp_path / "ar-en.tsv"
    there.write_text("في إن إي آي دي\tVNeID\nVNeID\tVNeID\n", encoding="utf-8")
    db = str(tmp_path / "d.db")
    assert avet(capsys, "glossary", "import", str(there), "--from", "ar", "--to", "en",
                "--db", db)[0] == 0
    code, _, err = avet(capsys, "glossary", "export", str(tmp_path / "back.tsv"), "--from",
                          "en", "--to", "ar", "--db", db)
    assert (code, err) == (0, "")
    assert (tmp_path / "back.tsv").read_text(encoding="utf-8") == "VNeID\tفي إن إي آي دي\n"
    [entry] = _rows(avet(capsys, "glossary", "list", "--json", "--db", db)[1])
    assert (entry["kind"], entry["dnt"], entry["case_sensitive"]) == ("acronym", True, True)


def test_import_refuses_to_for_a_format_without_direction(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.csv"
    path.write_text("ar,en\nالخطة,plan\n", encoding="utf-8")
    code, out, err = avet(capsys, "glossary", "import", str(path), "--to", "en", "--db",
                          str(tmp_path / "g.db"))
    assert (code, out) == (2, "") and "the csv format does not take --to" in err
    assert not (tmp_path / "g.db").exists()
