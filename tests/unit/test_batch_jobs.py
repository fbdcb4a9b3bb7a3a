"""Batch units of work with a fake engine (no model): chunking, isolation of a bad
document, retries, the failed list, and the order of outputs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from models.base import Translation
from toolkit.batch import TranslateSpec, run_batch, with_engine_signature
from toolkit.batch.jobs import MAX_SEGMENT_CHARS, DocTask
from toolkit.progress import Progress
from toolkit.translate import TranslateOptions


class FakeEngine:
    """Upper-cases the source; raises on a sentence that contains ``BOOM``."""

    name = "fake"
    model_id = "fake/upper"

    def __init__(self) -> None:
        self.calls: list[int] = []

    def signature(self) -> dict[str, Any]:
        return {"model": self.model_id, "engine": self.name}

    def translate(self, segments: Sequence[str], src: str, tgt: str, **_: Any
                  ) -> list[Translation]:
        self.calls.append(len(segments))
        if any("BOOM" in s for s in segments):
            raise RuntimeError("engine crashed")
        return [Translation(s.upper(), s.upper().split()) for s in segments]


def _spec(engine: FakeEngine) -> TranslateSpec:
    options = TranslateOptions("en", "vi", beam_size=1, batch_size=64)
    return with_engine_signature(TranslateSpec(options, "fake"), engine)


def _docs(root: Path, texts: dict[str, str]) -> Path:
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_sentences_of_a_chunk_go_to_the_engine_together(tmp_path: Path) -> None:
    engine = FakeEngine()
    src = _docs(tmp_path / "in", {f"d{i}.txt": f"one {i}. two {i}.\n" for i in range(6)})
    result = run_batch(_spec(engine), src, tmp_path / "out", worker=_spec(engine).open(engine),
                       chunk_docs=3)
    assert engine.calls == [6, 6]  # two chunks of three documents, two sentences each
    assert (tmp_path / "out" / "d4.vi.txt").read_text(encoding="utf-8") == "ONE 4. TWO 4.\n"
    assert result.exit_code == 0 and result.report["totals"]["segments"] == 12


def test_a_document_that_breaks_the_engine_is_isolated_and_retried(tmp_path: Path) -> None:
    engine = FakeEngine()
    src = _docs(tmp_path / "in", {"a.txt": "fine.\n", "b.txt": "BOOM here.\n",
                                  "c.txt": "also fine.\n"})
    spec = _spec(engine)
    result = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine), chunk_docs=3,
                       max_attempts=2)
    assert result.exit_code == 3
    assert sorted(p.name for p in (tmp_path / "out").glob("*.vi.txt")) == ["a.vi.txt",
                                                                            "c.vi.txt"]
    failed = (tmp_path / "out" / "failed.txt").read_text(encoding="utf-8")
    assert failed == "b.txt\t2\tRuntimeError: engine crashed\n"  # two attempts, then given up
    assert result.report["run"]["retried"] == 1


def test_overlong_sentence_fails_its_document_naming_the_line(tmp_path: Path) -> None:
    engine = FakeEngine()
    src = _docs(tmp_path / "in", {"long.txt": "ok.\n" + "x" * (MAX_SEGMENT_CHARS + 1) + "\n"})
    spec = _spec(engine)
    [outcome] = spec.open(engine).process([DocTask("long.txt", str(src / "long.txt"), 0, "k")])
    assert not outcome.ok and outcome.permanent
    assert f"long.txt:2: a sentence of {MAX_SEGMENT_CHARS + 1} characters" in (outcome.error or "")
    assert engine.calls == []


def test_changed_options_redo_everything(tmp_path: Path) -> None:
    engine = FakeEngine()
    src = _docs(tmp_path / "in", {"a.txt": "one.\n", "b.txt": "two.\n"})
    spec = _spec(engine)
    run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    again = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    assert (again.report["run"]["done"], again.report["run"]["skipped"]) == (0, 2)
    from dataclasses import replace

    other = replace(spec, options=replace(spec.options, beam_size=3))
    redone = run_batch(other, src, tmp_path / "out", worker=other.open(engine))
    assert redone.report["run"]["done"] == 2
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["signature"]["options"]["beam_size"] == 3


def test_two_jobs_cannot_share_an_output_folder(tmp_path: Path) -> None:
    from glossary.errors import InputError
    from toolkit.batch.local import _exclusive

    with _exclusive(tmp_path), pytest.raises(InputError, match="another batch job"), \
            _exclusive(tmp_path):
        pass


def test_progress_line_shows_documents_and_segments() -> None:
    import io

    stream = io.StringIO()
    with Progress(10, "documents", stream=stream, interval=0.0) as progress:
        progress.note("segments", 40)
        progress.advance(4)
    line = stream.getvalue().strip()
    assert line.startswith("avet: 4/10 documents,") and "40 segments (" in line
    assert "ETA" in line


@pytest.mark.parametrize("parallel", [1, 3])
def test_translate_spec_replicas_follow_parallel(parallel: int) -> None:
    options = TranslateOptions("en", "vi", parallel=parallel)
    assert TranslateSpec(options, "fake").replicas == parallel
