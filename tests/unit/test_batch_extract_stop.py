"""``batch extract`` stopped early (Ctrl-C, SIGTERM, a full disk): ``glossary.json``
holds what the documents done so far give (written atomically; ``report.json`` says it
is partial), not the previous run's; the rerun finishes with the glossary of an
uninterrupted run. If it cannot be written, the previous one is removed and the report
says why."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import InputError
from tests.functional.batch_fixtures import AR_DOCS
from toolkit.batch import ExtractSpec, run_batch
from toolkit.batch.jobs import DocTask

#: The corpus in input order; the first night has only the first two.
ORDER = ["a.txt", "b.txt", "sub/c.txt", "sub/d.md"]


class StoppingWorker:
    """Raises ``stop`` when a chunk holds document ``rel``."""

    def __init__(self, rel: str, stop: BaseException) -> None:
        self.inner, self.rel, self.stop = ExtractSpec().open(), rel, stop

    def process(self, tasks: Sequence[DocTask], progress: Any = None) -> list[Any]:
        if any(t.rel == self.rel for t in tasks):
            raise self.stop
        return list(self.inner.process(tasks, progress))


def _corpus(root: Path, rels: Sequence[str]) -> Path:
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(AR_DOCS[rel], encoding="utf-8")
    return root


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _single_pass(corpus: Path, rels: Sequence[str]) -> list[dict[str, Any]]:
    """``avet extract`` over those documents of ``corpus``, as glossary.json's entries."""
    from toolkit.extract.pipeline import extract_paths

    found = extract_paths([corpus / rel for rel in rels], ExtractSpec().extractor())
    return [x.entry.to_dict() for x in found.candidates]


@pytest.mark.parametrize(("stop", "raised"), [
    (KeyboardInterrupt(), KeyboardInterrupt),  # Ctrl-C, or SIGTERM through the CLI
    (InputError("out/x: no space left on device", hint="free space and rerun"), InputError),
])
def test_a_stopped_run_leaves_the_glossary_of_the_documents_done(
        tmp_path: Path, stop: BaseException, raised: type[BaseException]) -> None:
    corpus, out = _corpus(tmp_path / "corpus", ORDER[:2]), tmp_path / "out"
    spec = ExtractSpec()
    first = run_batch(spec, corpus, out, chunk_docs=1)  # the first night: complete
    assert first.report["glossary_partial"] is False
    assert _read(out / "glossary.json")["entries"] == _single_pass(corpus, ORDER[:2])
    # The next night two documents are new; the job stops before the last one.
    _corpus(corpus, ORDER[2:])
    with pytest.raises(raised):
        run_batch(spec, corpus, out, worker=StoppingWorker("sub/d.md", stop), chunk_docs=1)
    partial = _read(out / "glossary.json")["entries"]
    assert partial == _single_pass(corpus, ORDER[:3])  # a, b and c: not the first night's
    assert partial != _single_pass(corpus, ORDER[:2])
    report = _read(out / "report.json")
    assert (report["interrupted"], report["glossary_partial"]) == (True, True)
    assert (report["glossary"], report["entries"]) == (str(out / "glossary.json"), len(partial))
    assert (report["totals"]["done"], report["totals"]["pending"]) == (3, 1)
    assert report["options"] == spec.options()
    # The rerun finishes with the glossary of one uninterrupted run over the corpus.
    final = run_batch(spec, corpus, out, chunk_docs=1)
    whole = run_batch(spec, corpus, tmp_path / "whole", chunk_docs=1)
    assert (final.report["run"]["done"], final.report["glossary_partial"]) == (1, False)
    assert _read(out / "glossary.json") == _read(tmp_path / "whole" / "glossary.json")
    assert len(whole.extracted) == final.report["entries"] > len(partial)
    # Each part holds the evidence of one document done (none of a stopped chunk).
    assert len(list((out / "parts").glob("part-*.parquet"))) == len(ORDER)


def test_a_glossary_that_cannot_be_written_at_the_stop_is_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    corpus, out = _corpus(tmp_path / "corpus", ORDER), tmp_path / "out"
    spec = ExtractSpec()
    run_batch(spec, corpus, out, chunk_docs=2)
    (corpus / "a.txt").write_text(AR_DOCS["b.txt"], encoding="utf-8")  # changed: redone

    def full(*_args: Any, **_kw: Any) -> None:
        raise InputError(f"{out / 'glossary.json'}: no space left on device",
                         hint="free space and rerun")

    monkeypatch.setattr("glossary.formats.write_glossary", full)
    with pytest.raises(KeyboardInterrupt):  # the stop, not the failed write
        run_batch(spec, corpus, out, worker=StoppingWorker("a.txt", KeyboardInterrupt()),
                  chunk_docs=2)
    assert not (out / "glossary.json").exists()  # not the previous run's
    report = _read(out / "report.json")
    assert (report["interrupted"], report["glossary_partial"]) == (True, True)
    assert (report["glossary"], report["entries"]) == (None, 0)
    assert report["glossary_error"] == (f"{out / 'glossary.json'}: no space left on device "
                                        "(free space and rerun)")
    assert any("glossary.json not updated, removed" in r.getMessage() for r in caplog.records)
