"""Pivoting X → en → Y with two tiny models, and load_engine's choices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models import load_engine
from models.errors import ModelError, ModelNotFoundError
from models.pivot import PivotEngine, _word_index


@pytest.fixture(scope="module")
def models_env(tmp_path_factory: pytest.TempPathFactory, tiny_marian: Path,
               tiny_marian_en_vi: Path) -> dict[str, str]:
    root = tmp_path_factory.mktemp("avet-models")
    shutil.copytree(tiny_marian, root / "opus-mt-ar-en")
    shutil.copytree(tiny_marian_en_vi, root / "opus-mt-en-vi")
    return {"AVET_MODELS_DIR": str(root), "HF_HUB_CACHE": str(root / "no-hub")}


def test_load_engine_pivots_when_no_direct_model(models_env: dict[str, str]) -> None:
    engine = load_engine(None, "ar", "vi", env=models_env)
    assert isinstance(engine, PivotEngine)
    assert engine.directions() == {("ar", "vi")}
    sig = engine.signature()
    assert [leg["model"] for leg in sig["legs"]] == ["opus-mt-ar-en", "opus-mt-en-vi"]
    assert sig["pivot"] == "en"


def test_pivot_output_is_second_leg_of_first_leg(models_env: dict[str, str]) -> None:
    pivot = load_engine(None, "ar", "vi", env=models_env)
    first = load_engine("opus-mt-ar-en", "ar", "en", env=models_env)
    second = load_engine("opus-mt-en-vi", "en", "vi", env=models_env)
    segments = ["حكومة رقمي", "مدينة"]
    middle = [t.text for t in first.translate(segments, "ar", "en", max_length=8)]
    expected = [t.text for t in second.translate(middle, "en", "vi", max_length=8)]
    assert [t.text for t in pivot.translate(segments, "ar", "vi", max_length=8)] == expected


def test_pivot_constraints_apply_to_final_leg(models_env: dict[str, str]) -> None:
    pivot = load_engine("opus-mt-ar-en+opus-mt-en-vi", "ar", "vi", env=models_env)
    out = pivot.translate(["حكومة رقمي", "مدينة"], "ar", "vi",
                          constraints=[["chuyểnđổi số"], []], max_length=10,
                          return_alignment=True)
    assert "chuyểnđổi số" in out[0].text
    assert out[0].source_tokens == ["▁حكومة", "▁رقمي"]
    assert out[0].alignment is not None
    assert all(0 <= s < 2 and 0 <= t < len(out[0].tokens) for s, t in out[0].alignment)


def test_no_pivot_possible_says_how_to_get_models(tmp_path: Path) -> None:
    env = {"AVET_MODELS_DIR": str(tmp_path), "HF_HUB_CACHE": str(tmp_path / "hub")}
    with pytest.raises(ModelNotFoundError, match="directly or through en"):
        load_engine(None, "ar", "vi", env=env)


def test_engine_format_mismatch_names_convert(models_env: dict[str, str]) -> None:
    with pytest.raises(ModelError, match=r"asks for ctranslate2.*avet models convert"):
        load_engine("opus-mt-ar-en", "ar", "en", engine="ctranslate2", env=models_env,
                    engine_source="--engine")
    with pytest.raises(ModelError, match="unknown engine"):
        load_engine(None, "ar", "en", engine="onnx", env=models_env)


def test_a_named_model_runs_with_its_own_format_when_no_engine_is_asked_for(
        models_env: dict[str, str]) -> None:
    engine = load_engine("opus-mt-ar-en", "ar", "en", engine="ctranslate2", env=models_env)
    assert engine.signature()["engine"] == "transformers"


@pytest.mark.parametrize("model", ["+opus-mt-en-vi", "opus-mt-ar-en+"])
def test_an_empty_pivot_leg_is_searched_for(models_env: dict[str, str], model: str) -> None:
    engine = load_engine(model, "ar", "vi", env=models_env)
    assert [leg["model"] for leg in engine.signature()["legs"]] == ["opus-mt-ar-en",
                                                                    "opus-mt-en-vi"]


@pytest.mark.parametrize(("tokens", "words"), [
    (["▁a", "b", "▁c"], [0, 0, 1]),
    (["x", "▁y"], [0, 1]),
    ([], []),
])
def test_word_index(tokens: list[str], words: list[int]) -> None:
    assert _word_index(tokens) == words
