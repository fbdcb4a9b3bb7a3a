"""``avet batch``: an output folder belongs to one job, a manifest that cannot be used is
a user error, ``batch extract`` skips what ``avet extract`` skips, and ``batch postedit``
takes ``batch translate``'s output folder as its ``--targets``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from tests.functional.batch_fixtures import write_extract_corpus, write_postedit_job
from toolkit.cli.main import main

Job = Callable[[Path, Path], list[str]]


def _postedit(src: str, tgt: str) -> Job:
    def argv(root: Path, out: Path) -> list[str]:
        source, targets, glossary = write_postedit_job(root, 2)
        return ["batch", "postedit", str(source), "--targets", str(targets), "--from", src,
                "--to", tgt, "--glossary", str(glossary), "--out", str(out)]

    return argv


def _extract(root: Path, out: Path) -> list[str]:
    return ["batch", "extract", str(write_extract_corpus(root)), "--no-store", "--db",
            str(root / "g.db"), "--out", str(out)]


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith("manifest.sqlite")}


@pytest.mark.parametrize(("first", "second", "earlier", "now"), [
    (_postedit("ar", "en"), _postedit("en", "ar"), "batch postedit ar→en", "batch postedit en→ar"),
    (_postedit("ar", "en"), _extract, "batch postedit ar→en", "batch extract"),
    (_extract, _postedit("ar", "en"), "batch extract", "batch postedit ar→en"),
])
@pytest.mark.parametrize("legacy", [False, True])
def test_an_output_folder_of_another_job_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], first: Job, second: Job,
        earlier: str, now: str, legacy: bool) -> None:
    out = tmp_path / "out"
    assert main(first(tmp_path, out)) == 0
    if legacy:  # a manifest written before the job's kind was recorded
        with closing(sqlite3.connect(out / "manifest.sqlite")) as con, con:
            con.execute("DELETE FROM meta WHERE key = 'job'")
    before = _snapshot(out)
    capsys.readouterr()
    assert main(second(tmp_path, out)) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line == (f"avet: error: {out}: holds the outputs of another job ({earlier}), not of "
                    f"{now} (give this job another --out, or delete the folder to start over)")
    assert _snapshot(out) == before


def test_the_same_job_with_another_glossary_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    argv = _postedit("ar", "en")(tmp_path, out)
    assert main(argv) == 0
    (tmp_path / "glossary.csv").write_text(
        (tmp_path / "glossary.csv").read_text(encoding="utf-8")
        + "المجلس,council,org,approved,\n", encoding="utf-8")
    assert main([*argv, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["run"]["done"] == 2  # redone for the new glossary, same folder


@pytest.mark.parametrize(("content", "message"), [
    (b"garbage, not a database" * 10, "the job manifest is not a SQLite database"),
    (None, "is not a batch job manifest (another program's tables: entries, evidence"),
])
def test_an_unusable_manifest_is_one_line_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None,
        message: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    manifest = out / "manifest.sqlite"
    if content is None:  # a glossary database copied to the manifest's name
        from glossary.store import Store

        with Store(manifest) as store:
            store.add_many([])
    else:
        manifest.write_bytes(content)
    before = manifest.read_bytes()
    assert main(_postedit("ar", "en")(tmp_path, out)) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"avet: error: {manifest}: {message}")
    assert line.endswith("(give --out a folder of its own, or remove it to start the job afresh)")
    assert manifest.read_bytes() == before


def _stored(db: Path) -> list[str]:
    from glossary.store import Store

    with Store(db) as store:
        return sorted(json.dumps({k: v for k, v in e.to_dict().items()
                                  if k not in ("id", "created_at", "updated_at")},
                                 sort_keys=True, ensure_ascii=False) for e in store.entries())


def test_batch_extract_skips_a_document_that_is_not_arabic_as_avet_extract_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    corpus = write_extract_corpus(tmp_path)
    english = corpus / "sub" / "english.txt"
    english.write_text("The ministry of digital affairs opened a new service centre in "
                       "Hanoi; a short note in English.\n", encoding="utf-8")
    single, batch, out = tmp_path / "single.db", tmp_path / "batch.db", tmp_path / "out"
    assert main(["extract", str(corpus), "--db", str(single), "--json"]) == 0
    assert "english.txt: only 0% of its letters are Arabic" in capsys.readouterr().err
    with caplog.at_level("WARNING", logger="avet.batch"):
        assert main(["batch", "extract", str(corpus), "--out", str(out), "--db", str(batch),
                     "--chunk-docs", "2"]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [f"warning: {english}: only 0% of its letters are Arabic: not an Arabic "
                        "document, skipped"]
    assert _stored(batch) == _stored(single) and len(_stored(batch)) > 5
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["totals"]["skipped"], report["totals"]["failed"]) == (1, 0)
    [doc] = [d for d in report["documents"] if d["input"] == "sub/english.txt"]
    assert doc["status"] == "skipped" and "not an Arabic document" in doc["error"]
    assert not (out / "failed.txt").exists()
    capsys.readouterr()
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--db", str(batch),
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["run"] == {**summary["run"], "done": 0, "skipped": 4}  # the Arabic ones
    assert summary["totals"]["skipped"] == 1


@pytest.mark.slow
def test_batch_postedit_takes_batch_translates_output_folder(
        tmp_path: Path, tiny_marian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.tinymodels import synthetic_sentences

    src = tmp_path / "in"
    sentences = synthetic_sentences("ar", 6, seed=3)
    for i in range(3):
        (src / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (src / f"d{i % 2}" / f"doc{i}.txt").write_text(
            f"{sentences[2 * i]}.\n{sentences[2 * i + 1]}.\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("ar,en,kind,status\nمدينة,city,term,approved\n", encoding="utf-8")
    common = ["--from", "ar", "--to", "en", "--glossary", str(glossary)]
    assert main(["batch", "translate", str(src), "--out", str(tmp_path / "mt"), *common,
                 "--model", str(tiny_marian), "--beam", "1", "--max-length", "12"]) == 0
    capsys.readouterr()
    assert main(["batch", "postedit", str(src), "--targets", str(tmp_path / "mt"), "--out",
                 str(tmp_path / "pe"), "--json", *common]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["totals"]["done"], summary["totals"]["failed"]) == (3, 0)

    def names(folder: Path) -> list[str]:
        return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.en.txt"))

    assert names(tmp_path / "pe") == names(tmp_path / "mt") == [
        "d0/doc0.en.txt", "d0/doc2.en.txt", "d1/doc1.en.txt"]
    for name in names(tmp_path / "pe"):
        edited = (tmp_path / "pe" / name).read_text(encoding="utf-8")
        assert len(edited.splitlines()) == 2  # line-aligned with its source
