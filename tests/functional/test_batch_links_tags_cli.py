"""``batch extract`` counts a document reached through a link once, as ``avet extract``
does; ``avet translate DIR`` leaves out the translations beside the sources; the batch
jobs' help describes each job's own chunks and retries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.functional.batch_fixtures import write_extract_corpus
from toolkit.cli.main import main


def _stored(db: Path) -> list[str]:
    from glossary.store import Store

    with Store(db) as store:
        return sorted(json.dumps({k: v for k, v in e.to_dict().items()
                                  if k not in ("id", "created_at", "updated_at")},
                                 sort_keys=True, ensure_ascii=False) for e in store.entries())


def _frequency(db: Path, ar: str) -> int:
    from glossary.store import Store

    with Store(db) as store:
        return next(e.frequency for e in store.entries() if e.term("ar") == ar)


def test_batch_extract_counts_a_linked_document_once_as_avet_extract(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_extract_corpus(tmp_path)
    (corpus / "z_link.txt").symlink_to("a.txt")  # a link beside the document
    (corpus / "linked").symlink_to("sub", target_is_directory=True)  # a linked folder
    (corpus / "sub" / "loop").symlink_to("..", target_is_directory=True)
    single, batch, out = tmp_path / "single.db", tmp_path / "batch.db", tmp_path / "out"
    plain, once = tmp_path / "plain.db", tmp_path / "plain-corpus"
    once.mkdir()
    for rel in ("a.txt", "b.txt", "sub"):
        (once / rel).symlink_to(corpus / rel)
    assert main(["extract", str(corpus), "--db", str(single), "--no-starter"]) == 0
    assert main(["batch", "extract", str(corpus), "--out", str(out), "--db", str(batch),
                 "--no-starter", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert main(["extract", str(once), "--db", str(plain), "--no-starter"]) == 0
    assert _stored(batch) == _stored(single) and len(_stored(batch)) > 5
    assert _frequency(batch, "التحول الرقمي") == _frequency(plain, "التحول الرقمي")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(d["input"] for d in report["documents"]) == [
        "a.txt", "b.txt", "sub/c.txt", "sub/d.md"]  # the paths without links
    loop = "a link to a folder that holds it (a loop)"
    assert report["skipped_paths"] == [{"path": "linked/loop", "reason": loop},
                                       {"path": "sub/loop", "reason": loop}]
    assert summary["totals"]["documents"] == 4


@pytest.mark.parametrize(("job", "absent"), [
    ("postedit", ["engine", "sorted by length", "model"]),
    ("extract", ["engine", "sorted by length", "model", "glossary and options"]),
])
def test_job_help_describes_only_what_the_job_has(
        job: str, absent: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["batch", job, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    options = text[text.index("--chunk-docs CHUNK_DOCS "):]
    assert "a crash redoes at most one chunk" in options
    assert "try again the documents of failed.txt" in options
    assert [word for word in absent if word in options] == []
    if job == "extract":
        assert "parquet part" in options


def test_translate_help_keeps_the_engine_wording(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["batch", "translate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "documents whose sentences go to the engine together, sorted by length" in text
    assert "(same input, model, glossary and options)" in text


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "no-hub"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "news.ar.txt").write_text("مدينة جديد.\n", encoding="utf-8")
    (tmp_path / "in" / "news.en.txt").write_text("A new city.\n", encoding="utf-8")
    (tmp_path / "in" / "news.vi.txt").write_text("Thành phố mới.\n", encoding="utf-8")
    return tmp_path


def test_translate_folder_leaves_out_translations_with_one_notice(
        work: Path, tiny_marian_ct2: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="avet.translate"):
        assert main(["translate", "in", "--from", "ar", "--to", "en", "--model",
                     str(tiny_marian_ct2), "--out", "out", "--max-length", "8", "--beam", "1",
                     "--no-glossary"]) == 0
    assert [r.getMessage() for r in caplog.records if "left out" in r.getMessage()] == [
        "warning: in: 2 documents left out: their names carry the tag of another "
        "language than --from ar (*.en.*: 1, *.vi.*: 1), as translations do; name a file to "
        "translate it anyway"]
    assert sorted(p.name for p in (work / "out").iterdir()) == ["news.en.txt", "report.json"]
    report = json.loads((work / "out" / "report.json").read_text(encoding="utf-8"))
    assert [d["input"] for d in report["documents"]] == [str(Path("in") / "news.ar.txt")]


def test_a_translation_named_explicitly_is_still_checked(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "in/news.en.txt", "--from", "ar", "--to", "en", "--model",
                 "not/needed", "--out", "x.txt"]) == 2
    err = capsys.readouterr().err
    assert "in/news.en.txt: only 0% of its letters are Arabic" in err and "left out" not in err
