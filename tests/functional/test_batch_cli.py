"""``avet batch``: manifest, resume, changed inputs, failed list, reports, extraction."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.functional.batch_fixtures import write_extract_corpus, write_postedit_job
from toolkit.cli.main import main


def _postedit(src: Path, tgt: Path, glossary: Path, out: Path, *extra: str) -> int:
    return main(["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to",
                 "en", "--glossary", str(glossary), "--out", str(out), "--json", *extra])


def _summary(capsys: pytest.CaptureFixture[str]) -> dict:
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    return json.loads(lines[-1])


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.txt"))
            if p.name != "failed.txt"}


def test_postedit_job_writes_outputs_manifest_and_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 12)
    out = tmp_path / "out"
    assert _postedit(src, tgt, glossary, out, "--chunk-docs", "5") == 0
    summary = _summary(capsys)
    assert summary["run"] == {**summary["run"], "done": 12, "skipped": 0, "failed": 0}
    edited = (out / "d0" / "doc000.en.txt").read_text(encoding="utf-8")
    assert "digital transformation" in edited and "digital conversion" not in edited
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["done"] == 12 and report["totals"]["replaced_forbidden"] > 0
    assert report["signature"]["glossary"]["hash"]
    assert (out / "reports" / "d0" / "doc000.txt.json").is_file()
    assert not (out / "failed.txt").exists()
    with closing(sqlite3.connect(out / "manifest.sqlite")) as con:
        rows = con.execute(
            "SELECT status, attempts, count(*) FROM docs GROUP BY status, attempts").fetchall()
    assert rows == [("done", 1, 12)]


def test_rerun_skips_done_and_redoes_changed(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 6)
    out = tmp_path / "out"
    assert _postedit(src, tgt, glossary, out) == 0
    first = _outputs(out)
    capsys.readouterr()
    assert _postedit(src, tgt, glossary, out) == 0
    assert _summary(capsys)["run"]["skipped"] == 6
    # One input changes, then the glossary: only that document, then all, are redone.
    changed = tgt / "d0" / "doc001.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("schools", "villages"),
                       encoding="utf-8")
    assert _postedit(src, tgt, glossary, out) == 0
    run = _summary(capsys)["run"]
    assert (run["done"], run["skipped"]) == (1, 5)
    assert "villages" in (out / "d0" / "doc001.en.txt").read_text(encoding="utf-8")
    assert _outputs(out)["d0/doc000.en.txt"] == first["d0/doc000.en.txt"]
    glossary.write_text(glossary.read_text(encoding="utf-8") +
                        "المجلس,council,org,approved,\n", encoding="utf-8")
    assert _postedit(src, tgt, glossary, out) == 0
    assert _summary(capsys)["run"]["done"] == 6


def test_bad_document_goes_to_failed_list_and_job_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 4)
    (tgt / "d0" / "doc002.txt").write_bytes(b"\xff\xfe\x00binary")
    (tgt / "d0" / "doc003.txt").unlink()
    out = tmp_path / "out"
    assert _postedit(src, tgt, glossary, out) == 3
    captured = capsys.readouterr()
    # Bad inputs: a retry as they are cannot help, so --retry-failed is not offered.
    assert captured.err.strip().splitlines()[-1] == (
        f"avet: 2 documents failed; see {out / 'failed.txt'}; fix the input(s) listed there "
        "and rerun (a changed document is redone; --retry-failed cannot help)")
    failed = (out / "failed.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in failed] == ["d0/doc002.txt", "d0/doc003.txt"]
    assert "cannot decode as utf-16" in failed[0] and "(save it as UTF-8)" in failed[0]
    assert "no such file: neither doc003.en.txt nor doc003.txt" in failed[1]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [d["permanent"] for d in report["documents"] if d["status"] == "failed"] == [True,
                                                                                       True]
    assert not (out / "d0" / "doc002.en.txt").exists()
    assert not (out / "d0" / "doc003.en.txt").exists()
    assert (out / "d0" / "doc000.en.txt").is_file() and (out / "d0" / "doc001.en.txt").is_file()
    # Fixing the input retries it; the failed list goes away.
    (tgt / "d0" / "doc002.txt").write_bytes((tgt / "d0" / "doc000.txt").read_bytes())
    (tgt / "d0" / "doc003.txt").write_bytes((tgt / "d0" / "doc001.txt").read_bytes())
    assert _postedit(src, tgt, glossary, out) == 0
    assert not (out / "failed.txt").exists()


@pytest.mark.parametrize("change", ["translation deleted", "source deleted"])
def test_postedit_removes_the_outputs_of_a_document_that_failed_or_is_gone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 3)
    out = tmp_path / "out"
    assert _postedit(src, tgt, glossary, out) == 0
    (tgt if change == "translation deleted" else src).joinpath("d0", "doc001.txt").unlink()
    capsys.readouterr()
    gone = change == "source deleted"
    assert _postedit(src, tgt, glossary, out, "--prune-gone") == (0 if gone else 3)
    reason = "input gone" if gone else "failed"
    removed = [{"input": "d0/doc001.txt", "reason": reason,
                "files": ["d0/doc001.en.txt", "reports/d0/doc001.txt.json"]}]
    assert _summary(capsys)["removed"] == removed
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["removed"] == removed
    assert sorted(_outputs(out)) == ["d0/doc000.en.txt", "d0/doc002.en.txt"]
    assert not (out / "reports" / "d0" / "doc001.txt.json").exists()
    assert [d["input"] for d in report["documents"]] == (
        ["d0/doc000.txt", "d0/doc002.txt"] if gone
        else ["d0/doc000.txt", "d0/doc001.txt", "d0/doc002.txt"])
    # The table says so too.
    (src / "d0" / "doc002.txt").unlink()
    assert main(["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to",
                 "en", "--glossary", str(glossary), "--out", str(out),
                 "--prune-gone"]) == (0 if gone else 3)
    table = capsys.readouterr().out
    # Columns: this run, whole job.
    assert re.search(r"documents gone from the input \(outputs removed\) +│ 1 +│ +│", table)


def test_postedit_keeps_the_outputs_of_a_document_gone_from_the_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 3)
    out = tmp_path / "out"
    assert _postedit(src, tgt, glossary, out) == 0
    src.joinpath("d0", "doc001.txt").unlink()
    capsys.readouterr()
    assert main(["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to",
                 "en", "--glossary", str(glossary), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert re.search(r"documents gone from the input \(outputs kept\) +│ +│ 1 +│",
                     captured.out)
    assert any("input gone; kept its outputs d0/doc001.en.txt" in r.getMessage()
               for r in caplog.records)
    assert (out / "d0" / "doc001.en.txt").is_file()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["gone"] == [{"input": "d0/doc001.txt",
                               "kept": ["d0/doc001.en.txt", "reports/d0/doc001.txt.json"]}]
    assert report["removed"] == []


def test_output_folder_inside_input_is_not_read(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 3)
    out = src / "out"
    assert _postedit(src, tgt, glossary, out) == 0
    assert _postedit(src, tgt, glossary, out) == 0
    assert _summary(capsys)["run"]["skipped"] == 3


def test_retry_failed_tries_given_up_documents_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 4)
    out = tmp_path / "out"
    assert _postedit(src, tgt, glossary, out) == 0
    first = _outputs(out)
    # As the job left them after being killed during each of --max-attempts attempts.
    with closing(sqlite3.connect(out / "manifest.sqlite")) as con, con:
        con.execute("UPDATE docs SET status = 'running', attempts = 3 "
                    "WHERE rel IN ('d0/doc001.txt', 'd0/doc002.txt')")
    for rel in ("d0/doc001.en.txt", "d0/doc002.en.txt"):
        (out / rel).unlink()
    capsys.readouterr()
    for _ in range(2):  # a plain rerun gives up on them, every time
        assert _postedit(src, tgt, glossary, out) == 3
        assert capsys.readouterr().err.strip().splitlines()[-1].endswith(
            "; rerun with --retry-failed to try them again")
    assert _postedit(src, tgt, glossary, out, "--retry-failed") == 0
    assert (_summary(capsys)["run"]["done"], _outputs(out)) == (2, first)
    assert not (out / "failed.txt").exists()
    with closing(sqlite3.connect(out / "manifest.sqlite")) as con:
        rows = con.execute(
            "SELECT status, attempts, count(*) FROM docs GROUP BY status, attempts").fetchall()
    assert rows == [("done", 1, 4)]


@pytest.mark.parametrize("job", ["translate", "postedit", "extract"])
def test_help_names_retry_failed(job: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["batch", job, "--help"])
    assert info.value.code == 0
    assert "--retry-failed" in capsys.readouterr().out


def _job(kind: str, src: Path, tgt: Path, glossary: Path, out: Path, db: Path) -> int:
    if kind == "postedit":
        return _postedit(src, tgt, glossary, out)
    return main(["batch", "extract", str(src), "--out", str(out), "--json", "--no-store",
                 "--db", str(db)])


def _job_inputs(out: Path) -> list[str]:
    with closing(sqlite3.connect(out / "manifest.sqlite")) as con:
        return [r[0] for r in con.execute("SELECT rel FROM docs ORDER BY rel")]


@pytest.mark.parametrize("kind", ["postedit", "extract"])
def test_outputs_of_an_earlier_job_inside_the_input_are_not_read(
        tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 2)
    # A document that fails: out/failed.txt is written.
    (src / "d0" / "bad.txt").write_bytes(b"\x00\x01 binary")
    (tgt / "d0" / "bad.txt").write_bytes(b"\xff\xfe\x00binary")
    db = tmp_path / "none.db"
    assert _job(kind, src, tgt, glossary, src / "out", db) == 3
    assert (src / "out" / "failed.txt").is_file()
    inputs = _job_inputs(src / "out")
    assert inputs == ["d0/bad.txt", "d0/doc000.txt", "d0/doc001.txt"]
    assert _job(kind, src, tgt, glossary, tmp_path / "other", db) == 3
    assert _job_inputs(tmp_path / "other") == inputs  # not out/*.txt nor out/failed.txt


@pytest.mark.parametrize("kind", ["postedit", "extract"])
@pytest.mark.parametrize(("out", "message"), [
    ("src", "--out is the input folder"), (".", "--out holds the input folder")])
def test_output_folder_that_is_or_holds_the_input_is_refused(
        tmp_path: Path, kind: str, out: str, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 2)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert _job(kind, src, tgt, glossary, tmp_path / out, tmp_path / "none.db") == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"avet: error: {tmp_path / out}: {message}")
    assert "(give --out a folder of its own" in line
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("chunk_docs", ["1", "3"])
def test_batch_extract_equals_single_pass(tmp_path: Path, chunk_docs: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from glossary.starter import load_starter_termbase
    from toolkit.extract.pipeline import Extractor, extract_paths

    corpus = write_extract_corpus(tmp_path)
    out = tmp_path / "out"
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--json", "--no-store",
                 "--chunk-docs", chunk_docs, "--db", str(tmp_path / "none.db")]) == 0
    batch = json.loads((out / "glossary.json").read_text(encoding="utf-8"))["entries"]
    single = extract_paths([corpus], Extractor(load_starter_termbase())).candidates
    assert batch == [x.entry.to_dict() for x in single]
    assert len(batch) > 5
    assert list((out / "parts").glob("*.parquet"))


def test_batch_extract_ignores_stale_parts_after_an_edit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from glossary.starter import load_starter_termbase
    from toolkit.extract.pipeline import Extractor, extract_paths

    corpus = write_extract_corpus(tmp_path)
    out = tmp_path / "out"
    db = ["--db", str(tmp_path / "none.db"), "--no-store"]
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--chunk-docs", "2", *db]) == 0
    (corpus / "b.txt").write_text("تعمل مدينة هانوي على تطوير الحكومة الرقمية.\n",
                                  encoding="utf-8")
    (corpus / "a.txt").unlink()
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--json", *db]) == 0
    summary = _summary(capsys)
    assert (summary["removed"], summary["gone"]) == ([], [{"input": "a.txt", "kept": []}])
    batch = json.loads((out / "glossary.json").read_text(encoding="utf-8"))["entries"]
    single = extract_paths([corpus], Extractor(load_starter_termbase())).candidates
    assert batch == [x.entry.to_dict() for x in single]
    assert len(list((out / "parts").glob("*.parquet"))) == 2  # stale part removed


def test_batch_extract_drops_the_evidence_of_a_document_that_now_fails(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from glossary.starter import load_starter_termbase
    from toolkit.extract.pipeline import Extractor, extract_paths

    corpus = write_extract_corpus(tmp_path)
    out = tmp_path / "out"
    db = ["--db", str(tmp_path / "none.db"), "--no-store"]
    assert main(["batch", "extract", str(corpus), "--out", str(out), *db]) == 0
    before = (out / "glossary.json").read_text(encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"\x00\x01binary")  # hanoi was only in b.txt
    assert main(["batch", "extract", str(corpus), "--out", str(out), *db]) == 3
    (corpus / "b.txt").unlink()
    single = extract_paths([corpus], Extractor(load_starter_termbase())).candidates
    batch = json.loads((out / "glossary.json").read_text(encoding="utf-8"))["entries"]
    assert batch == [x.entry.to_dict() for x in single]
    assert "هانوي" in before and "هانوي" not in json.dumps(batch, ensure_ascii=False)


@pytest.mark.slow
def test_batch_extract_equals_single_pass_on_the_reference_corpus(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from glossary.starter import load_starter_termbase
    from toolkit.extract.pipeline import Extractor, extract_paths

    corpus = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "ar"
    if not corpus.is_dir():
        pytest.skip("the reference corpus ../shared/corpus/ar is absent")
    out = tmp_path / "out"
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--chunk-docs", "2",
                 "--db", str(tmp_path / "none.db"), "--no-store"]) == 0
    batch = json.loads((out / "glossary.json").read_text(encoding="utf-8"))["entries"]
    single = extract_paths([corpus], Extractor(load_starter_termbase())).candidates
    assert batch == [x.entry.to_dict() for x in single]


def _stored(db: Path) -> list[dict]:
    from glossary.store import Store

    with Store(db) as store:
        entries = [e.to_dict() for e in store.entries()]
    for e in entries:
        for key in ("id", "created_at", "updated_at"):
            e.pop(key)
    return sorted(entries, key=lambda e: json.dumps(e, sort_keys=True, ensure_ascii=False))


@pytest.mark.parametrize("options", [[], ["--min-count", "3", "--max-terms", "10",
                                          "--approve-known", "--no-starter"]])
def test_batch_extract_reports_its_options_as_avet_extract(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    corpus = write_extract_corpus(tmp_path)
    db = ["--db", str(tmp_path / "none.db")]
    assert main(["extract", str(corpus), "--json", *db, *options]) == 0
    single = _summary(capsys)
    out = tmp_path / "out"
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--json", "--no-store",
                 *db, *options]) == 0
    summary = _summary(capsys)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["options"] == summary["options"] == single["options"]
    assert report["options"]["starter"] is not ("--no-starter" in options)
    assert report["signature"] == summary["signature"] == single["signature"]
    # Extraction has no segments: per document, the words read and candidates found.
    counts = [d["counts"] for d in report["documents"]]
    assert counts and all(set(c) == {"words", "candidates"} and c["words"] > 0 for c in counts)


def test_batch_extract_stores_what_avet_extract_stores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_extract_corpus(tmp_path)
    single, batch = tmp_path / "single.db", tmp_path / "batch.db"
    assert main(["extract", str(corpus), "--db", str(single), "--json"]) == 0
    assert main(["batch", "extract", str(corpus), "--out", str(tmp_path / "out"), "--db",
                 str(batch), "--chunk-docs", "2"]) == 0
    assert _stored(batch) == _stored(single)
    assert len(_stored(batch)) > 5


@pytest.mark.slow
def test_batch_translate_matches_single_file_translate(
        tmp_path: Path, tiny_marian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.tinymodels import synthetic_sentences

    src = tmp_path / "in"
    sentences = synthetic_sentences("ar", 12, seed=5)
    for i in range(4):
        (src / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (src / f"d{i % 2}" / f"doc{i}.txt").write_text(
            ". ".join(sentences[i * 3:(i + 1) * 3]) + ".\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("ar,en,kind,status\nمدينة,city,term,approved\n", encoding="utf-8")
    opts = ["--from", "ar", "--to", "en", "--model", str(tiny_marian), "--glossary",
            str(glossary), "--beam", "2", "--max-length", "16", "--batch-size", "1"]
    # --batch-size 1: no padding, so the outputs cannot depend on how sentences
    # were grouped, and batch and single-file outputs must be equal.
    out = tmp_path / "out"
    assert main(["batch", "translate", str(src), "--out", str(out), "--json", *opts]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["totals"]["done"] == 4 and report["totals"]["segments"] == 12
    assert report["signature"]["glossary"]["hash"] and report["signature"]["model"]
    assert report["signature_string"].startswith("avet:")
    single = tmp_path / "single.en.txt"
    assert main(["translate", str(src / "d1" / "doc3.txt"), "--out", str(single), *opts]) == 0
    assert (out / "d1" / "doc3.en.txt").read_text(encoding="utf-8") == \
        single.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["batch", "translate", str(src), "--out", str(out), "--json", *opts]) == 0
    assert _summary(capsys)["run"]["skipped"] == 4


@pytest.mark.slow
def test_resumed_translation_decodes_the_same_batches(
        tmp_path: Path, tiny_marian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.tinymodels import synthetic_sentences

    src = tmp_path / "in"
    src.mkdir()
    sentences = synthetic_sentences("ar", 24, seed=9)
    for i in range(6):
        (src / f"doc{i}.txt").write_text(". ".join(sentences[i * 4:(i + 1) * 4]) + ".\n",
                                         encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("ar,en,kind,status\nمدينة,city,term,approved\n", encoding="utf-8")
    # Batches of 8 sentences across the documents of a chunk: padding is in play.
    args = ["batch", "translate", str(src), "--from", "ar", "--to", "en", "--model",
            str(tiny_marian), "--glossary", str(glossary), "--beam", "2", "--max-length", "16",
            "--batch-size", "8", "--chunk-docs", "3", "--json"]
    out = tmp_path / "out"
    assert main([*args, "--out", str(out)]) == 0
    reference = _outputs(out)
    # As if the job had stopped before doc4 was written: its chunk-mates are done.
    with closing(sqlite3.connect(out / "manifest.sqlite")) as con, con:
        con.execute("UPDATE docs SET status = 'pending' WHERE rel = 'doc4.txt'")
    (out / "doc4.en.txt").unlink()
    capsys.readouterr()
    assert main([*args, "--out", str(out)]) == 0
    run = _summary(capsys)["run"]
    assert (run["done"], run["skipped"]) == (1, 5)
    assert _outputs(out) == reference
