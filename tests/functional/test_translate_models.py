"""``avet translate`` with models that really translate.

* A tiny Marian model trained here for about a minute (tests/aligned_model.py) on
  a synthetic ar → en pair with adjective-noun reordering: its cross-attention
  aligns words, so the pipeline's alignment-based repair can be shown to find
  and replace the model's own rendering of a term.
* A real model named by ``AVET_TEST_MODEL`` (a local Marian/NLLB/M2M100
  directory, transformers or CTranslate2); skipped when the variable is unset.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.aligned_model import aligned_pairs, render, train_aligned_model
from toolkit.cli.main import main

#: Training steps: under a minute on two CPU cores; about nine held-out sentences in ten
#: come out exact.
STEPS = 500

# "digital government", "city", "new data", with Arabic order noun-adjective.
SOURCE, REFERENCE = render([("government", "digital"), ("city", None), ("data", "new")])


@pytest.fixture(scope="session")
def aligned_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_aligned_model(tmp_path_factory.mktemp("models") / "opus-mt-ar-en-aligned",
                               steps=STEPS)


@pytest.fixture(scope="session")
def aligned_model_ct2(aligned_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from models.convert import convert_model

    out = tmp_path_factory.mktemp("ct2") / "opus-mt-ar-en-aligned-ct2"
    return convert_model(aligned_model, out, quantization="float32").path


def _model(engine: str, request: pytest.FixtureRequest) -> Path:
    path: Path = request.getfixturevalue(
        "aligned_model_ct2" if engine == "ctranslate2" else "aligned_model")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_trained_model_translates_and_aligns_words(engine: str,
                                                   request: pytest.FixtureRequest) -> None:
    from models import load_engine

    model = load_engine(str(_model(engine, request)), "ar", "en", engine=engine)
    held_out = [*aligned_pairs(40, seed=123), (SOURCE, REFERENCE)]
    outputs = model.translate([s for s, _ in held_out], "ar", "en", max_length=40,
                              return_alignment=True)
    exact = [(o, src, ref) for o, (src, ref) in zip(outputs, held_out, strict=True)
             if o.text == ref]
    assert len(exact) >= 33, [(o.text, ref) for o, (_s, ref) in zip(outputs, held_out,
                                                                      strict=True)]
    # The first piece of each English word is aligned with the Arabic word that means
    # it, adjectives included, though they precede their noun in English and follow it
    # in Arabic (the pipeline reads alignments that way: toolkit/translate/align.py).
    right = total = 0
    for out, src, ref in exact:
        assert out.source_tokens and out.alignment
        src_word, tgt_word = _word_of(out.source_tokens), _word_of(out.tokens)
        first_piece: dict[int, int] = {}
        for s, t in sorted(out.alignment, key=lambda p: p[1]):
            first_piece.setdefault(tgt_word[t], src_word[s])
        hits = [first_piece.get(j) == src.split().index(render([(english, None)])[0])
                for j, english in enumerate(ref.split())]
        right, total = right + sum(hits), total + len(hits)
        if src == SOURCE:
            assert all(hits), (out.source_tokens, out.tokens, out.alignment)
    assert right / total >= 0.85, (right, total)


def _word_of(pieces: list[str]) -> list[int]:
    """Maps each SentencePiece piece to the index of its word."""
    out, word = [], -1
    for piece in pieces:
        word += piece.startswith("▁") or word < 0
        out.append(word)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_alignment_repair_replaces_the_models_own_rendering(
        engine: str, request: pytest.FixtureRequest, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(f"{SOURCE}\n", encoding="utf-8")
    # The glossary demands renderings the model never produces: "e-government" for the
    # reordered pair "digital government", "dataset" for "data".
    (tmp_path / "g.csv").write_text(
        "ar,en,kind,status,dnt\n"
        "حكومة رقمي,e-government,term,approved,no\n"
        "بيانات,dataset,term,approved,no\n", encoding="utf-8")
    from models import load_engine

    model = _model(engine, request)
    [own] = load_engine(str(model), "ar", "en", engine=engine).translate([SOURCE], "ar", "en")
    assert "digital government" in own.text and "data" in own.text.split()  # its own way
    out = tmp_path / "doc.en.txt"
    code = main(["translate", str(tmp_path / "doc.txt"), "--from", "ar", "--to", "en",
                 "--glossary", str(tmp_path / "g.csv"), "--model", str(model),
                 "--engine", engine, "--no-constraints", "--out", str(out)])
    assert code == 0
    repaired = own.text.replace("digital government", "e-government").replace("data", "dataset")
    assert out.read_text(encoding="utf-8") == repaired + "\n"
    report: dict[str, Any] = json.loads((tmp_path / "doc.en.txt.report.json").read_text(
        encoding="utf-8"))
    [seg] = report["documents"][0]["segments"]
    assert {(t["source"], t["expected"], t["status"], t["method"]) for t in seg["terms"]} == {
        ("حكومة رقمي", "e-government", "repaired", "alignment"),
        ("بيانات", "dataset", "repaired", "alignment"),
    }


# Sentences written for this test, one per source language.
_REAL = {
    "ar": ("أكدت الحكومة أهمية التحول الرقمي في كل المحافظات.", "التحول الرقمي",
           {"en": "digital transformation", "vi": "chuyển đổi số"}),
    "en": ("The government stressed the importance of digital transformation.",
           "digital transformation", {"vi": "chuyển đổi số", "ar": "التحول الرقمي"}),
    "vi": ("Chính phủ nhấn mạnh tầm quan trọng của chuyển đổi số.", "chuyển đổi số",
           {"en": "digital transformation", "ar": "التحول الرقمي"}),
}


def _real_direction(path: Path) -> tuple[str, str]:
    from models import inspect_dir

    directions = inspect_dir(path).directions
    for pair in (("ar", "en"), ("en", "vi"), ("vi", "en"), ("en", "ar"), ("ar", "vi")):
        if not directions or pair in directions:
            return pair
    pytest.skip(f"AVET_TEST_MODEL covers none of ar/en/vi: {sorted(directions)}")


@pytest.mark.slow
def test_real_model_from_avet_test_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    given = os.environ.get("AVET_TEST_MODEL")
    if not given:
        pytest.skip("set AVET_TEST_MODEL to a local Marian/NLLB model directory")
    model = Path(given).expanduser()
    src, tgt = _real_direction(model)
    sentence, term, targets = _REAL[src]
    engine = "ctranslate2" if (model / "model.bin").is_file() else "transformers"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text(f"# {sentence}\n\n- {sentence} 749/QD-TTg\n",
                                     encoding="utf-8")
    (tmp_path / "g.csv").write_text(
        f"{src},{tgt},kind,status,dnt\n{term},{targets[tgt]},term,approved,no\n"
        "749/QD-TTg,749/QD-TTg,code,approved,yes\n", encoding="utf-8")
    out = tmp_path / "doc.out.md"
    code = main(["translate", str(tmp_path / "doc.md"), "--from", src, "--to", tgt,
                 "--glossary", str(tmp_path / "g.csv"), "--model", str(model),
                 "--engine", engine, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# ") and lines[1] == "" and lines[2].startswith("- ")
    assert all(targets[tgt].casefold() in line.casefold() for line in (lines[0], lines[2]))
    assert "749/QD-TTg" in lines[2]
    report = json.loads((tmp_path / "doc.out.md.report.json").read_text(encoding="utf-8"))
    assert report["totals"]["failed_terms"] == 0 and report["totals"]["applied"] >= 2
