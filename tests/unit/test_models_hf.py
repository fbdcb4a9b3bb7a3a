"""The transformers backend on tiny random models built by the tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from models.base import Engine
from models.discovery import inspect_dir
from models.errors import ModelError, UnsupportedDirectionError
from models.tokenizer import load_tokenizer

if TYPE_CHECKING:
    from models.hf_backend import HFEngine

SEGMENTS = ["حكومة رقمي جديد", "مدينة كبير", "بيانات"]


@pytest.fixture(scope="module")
def marian_engine(tiny_marian: Path) -> HFEngine:
    from models.hf_backend import HFEngine

    return HFEngine(inspect_dir(tiny_marian))


def test_engine_satisfies_protocol(marian_engine: HFEngine) -> None:
    assert isinstance(marian_engine, Engine)
    assert marian_engine.directions() == {("ar", "en")}


def test_translation_is_the_models_decode_and_deterministic(
        marian_engine: HFEngine, tiny_marian: Path) -> None:
    first = marian_engine.translate(SEGMENTS, "ar", "en", max_length=12)
    again = marian_engine.translate(SEGMENTS, "ar", "en", max_length=12)
    assert [t.text for t in first] == [t.text for t in again]
    tok = load_tokenizer(tiny_marian, hint="rebuild the test model")
    for t in first:
        assert t.tokens and len(t.tokens) <= 12
        ids = tok.convert_tokens_to_ids(t.tokens)
        assert t.text == tok.decode(ids, skip_special_tokens=True)
        assert t.score is not None and t.score < 0


def test_batching_does_not_change_results(tiny_marian: Path) -> None:
    from models.hf_backend import HFEngine

    one = HFEngine(inspect_dir(tiny_marian), batch_size=1)
    many = HFEngine(inspect_dir(tiny_marian), batch_size=8)
    assert ([t.text for t in one.translate(SEGMENTS, "ar", "en", max_length=10)]
            == [t.text for t in many.translate(SEGMENTS, "ar", "en", max_length=10)])


def test_alignment_indexes_source_and_target_tokens(marian_engine: HFEngine) -> None:
    [t] = marian_engine.translate(["حكومة رقمي جديد"], "ar", "en", max_length=10,
                                  return_alignment=True)
    assert t.source_tokens == ["▁حكومة", "▁رقمي", "▁جديد"]
    assert t.alignment is not None
    assert [j for _, j in t.alignment] == list(range(len(t.tokens)))
    assert all(0 <= i < len(t.source_tokens) for i, _ in t.alignment)


def test_prefix_starts_the_translation(marian_engine: HFEngine) -> None:
    out = marian_engine.translate(SEGMENTS[:2], "ar", "en", prefixes=["", "digital service"],
                                  max_length=10)
    assert out[1].text.startswith("digital service")


def test_unsupported_direction(marian_engine: HFEngine) -> None:
    with pytest.raises(UnsupportedDirectionError, match="covers ar→en"):
        marian_engine.translate(["x"], "vi", "en")


def test_constraint_count_must_match_segments(marian_engine: HFEngine) -> None:
    with pytest.raises(ModelError, match="1 constraints for 3 segments"):
        marian_engine.translate(SEGMENTS, "ar", "en", constraints=[["data"]])


def test_signature_names_model_and_weights(marian_engine: HFEngine) -> None:
    sig = marian_engine.signature()
    assert sig["engine"] == "transformers" and sig["family"] == "marian"
    assert sig["model"] == "opus-mt-ar-en" and len(sig["weights_sha256"]) == 16


def test_m2m100_forces_target_language(tiny_m2m100: Path) -> None:
    from models.hf_backend import HFEngine

    engine = HFEngine(inspect_dir(tiny_m2m100))
    out = engine.translate(["حكومة رقمي"], "ar", "vi", max_length=10, return_alignment=True)
    assert out[0].tokens and not any(t.startswith("__") for t in out[0].tokens)
    assert out[0].source_tokens == ["▁حكومة", "▁رقمي"]


@pytest.mark.parametrize("saved", ["float16", "bfloat16"])
def test_half_precision_checkpoint_loads_in_float32_and_says_so(
        tiny_marian: Path, tmp_path: Path, saved: str) -> None:
    import shutil

    import torch
    from transformers import MarianMTModel

    from models.hf_backend import HFEngine

    half = shutil.copytree(tiny_marian, tmp_path / "opus-mt-ar-en")
    model = MarianMTModel.from_pretrained(half, dtype=getattr(torch, saved))
    model.save_pretrained(half, safe_serialization=True)
    assert MarianMTModel.from_pretrained(half).dtype == getattr(torch, saved)  # "auto"
    engine = HFEngine(inspect_dir(half))
    assert engine._model.dtype == torch.float32
    assert engine.signature()["dtype"] == "float32"
    [t] = engine.translate(SEGMENTS[:1], "ar", "en", max_length=6)
    assert t.score is not None
