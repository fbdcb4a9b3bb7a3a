"""Conversion to CTranslate2 and the CTranslate2 backend, on tiny random models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from models.base import Engine, TermConstraint
from models.discovery import inspect_dir
from models.errors import ModelError, UnsafeModelError
from models.tokenizer import load_tokenizer

if TYPE_CHECKING:
    from models.ct2_backend import CT2Engine

SEGMENTS = ["حكومة رقمي جديد", "مدينة كبير", "بيانات"]


@pytest.fixture(scope="module")
def marian_ct2(tiny_marian_ct2: Path) -> CT2Engine:
    from models.ct2_backend import CT2Engine

    return CT2Engine(inspect_dir(tiny_marian_ct2))


def test_converted_directory_keeps_tokenizer_and_directions(tiny_marian_ct2: Path) -> None:
    info = inspect_dir(tiny_marian_ct2)
    assert (info.format, info.family) == ("ctranslate2", "marian")
    assert info.directions == {("ar", "en")}
    for name in ("model.bin", "source.spm", "target.spm", "vocab.json"):
        assert (tiny_marian_ct2 / name).is_file()


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "src", "tgt"), [("tiny_marian", "ar", "en"),
                                                     ("tiny_m2m100", "ar", "vi")])
def test_float32_conversion_translates_like_transformers(
        request: pytest.FixtureRequest, tmp_path: Path, fixture: str, src: str,
        tgt: str) -> None:
    from models.convert import convert_model
    from models.ct2_backend import CT2Engine
    from models.hf_backend import HFEngine

    source = request.getfixturevalue(fixture)
    ct2 = CT2Engine(convert_model(source, tmp_path / "f32", quantization="float32"),
                    compute_type="float32")
    hf = HFEngine(inspect_dir(source))
    for beam in (1, 4):
        assert ([t.tokens for t in ct2.translate(SEGMENTS, src, tgt, beam_size=beam,
                                                 max_length=10)]
                == [t.tokens for t in hf.translate(SEGMENTS, src, tgt, beam_size=beam,
                                                   max_length=10)])


def test_ct2_translation_is_decoded_text(marian_ct2: CT2Engine, tiny_marian: Path) -> None:
    assert isinstance(marian_ct2, Engine)
    tok = load_tokenizer(tiny_marian, hint="rebuild the test model")
    out = marian_ct2.translate(SEGMENTS, "ar", "en", max_length=10, return_alignment=True)
    for t in out:
        assert 0 < len(t.tokens) <= 10
        assert t.text == tok.decode(tok.convert_tokens_to_ids(t.tokens),
                                    skip_special_tokens=True)
        assert t.alignment is not None
        assert [j for _, j in t.alignment] == list(range(len(t.tokens)))
    assert out[0].source_tokens == ["▁حكومة", "▁رقمي", "▁جديد"]
    assert marian_ct2.signature()["compute_type"] == "int8"


@pytest.mark.parametrize("constraints", [
    [["digital city"], [], ["water", "new report"]],
    [[TermConstraint("bank", source="كبير")], ["school"], []],
])
def test_ct2_marian_constraints_by_prefix_redecoding(marian_ct2: CT2Engine,
                                                     constraints: list[list[str | TermConstraint]]
                                                     ) -> None:
    out = marian_ct2.translate(SEGMENTS, "ar", "en", constraints=constraints, max_length=12)
    for t, wanted in zip(out, constraints, strict=True):
        for c in wanted:
            assert (c.target if isinstance(c, TermConstraint) else c) in t.text


def test_ct2_m2m100_constraints_and_language(tiny_m2m100_ct2: Path) -> None:
    from models.ct2_backend import CT2Engine

    engine = CT2Engine(inspect_dir(tiny_m2m100_ct2))
    out = engine.translate(SEGMENTS[:2], "ar", "vi", constraints=[["chuyểnđổi số"], ["sông"]],
                           max_length=10)
    assert "chuyểnđổi số" in out[0].text and "sông" in out[1].text
    assert not any(t.startswith("__") or t.startswith("madeupword") for t in out[0].tokens)


def test_ct2_prefix(marian_ct2: CT2Engine) -> None:
    out = marian_ct2.translate(SEGMENTS[:1], "ar", "en", prefixes=["new data"], max_length=8)
    assert out[0].text.startswith("new data")


def test_convert_refuses_pickle_only(tmp_path: Path) -> None:
    from models.convert import convert_model

    src = tmp_path / "opus-mt-ar-en"
    src.mkdir()
    (src / "config.json").write_text(json.dumps({"model_type": "marian"}), encoding="utf-8")
    (src / "pytorch_model.bin").write_bytes(b"\x80\x04")
    with pytest.raises(UnsafeModelError):
        convert_model(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_convert_does_not_overwrite_without_force(tiny_marian: Path, tmp_path: Path) -> None:
    from models.convert import convert_model

    (tmp_path / "out").mkdir()
    with pytest.raises(ModelError, match="already exists"):
        convert_model(tiny_marian, tmp_path / "out")
    with pytest.raises(ModelError, match="unknown quantization"):
        convert_model(tiny_marian, tmp_path / "other", quantization="int3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("nonzero", [False, True])
def test_conversion_warns_about_a_nonzero_start_embedding(
        tiny_marian: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        nonzero: bool) -> None:
    import json
    import shutil

    from safetensors.torch import load_file, save_file

    from models.convert import convert_model

    source = tmp_path / "src"
    shutil.copytree(tiny_marian, source)
    if nonzero:
        weights = load_file(source / "model.safetensors")
        start = json.loads((source / "config.json").read_text())["decoder_start_token_id"]
        for name in weights:
            if name.endswith("shared.weight"):
                weights[name][start] = 0.5
        save_file(weights, source / "model.safetensors", metadata={"format": "pt"})
    with caplog.at_level("WARNING"):
        convert_model(source, tmp_path / "out")
    assert ("decoder-start (pad) embedding is not zero" in caplog.text) is nonzero


def test_parallel_replicas_decode_the_same_batches(tiny_marian_ct2: Path) -> None:
    from models.ct2_backend import CT2Engine
    from tests.tinymodels import synthetic_sentences

    segments = synthetic_sentences("ar", 9, seed=4)
    one = CT2Engine(inspect_dir(tiny_marian_ct2), batch_size=2)
    two = CT2Engine(inspect_dir(tiny_marian_ct2), batch_size=2, parallel=2)
    assert (one.parallel_batches, two.parallel_batches) == (1, 2)
    constraints = [["new city"] if i % 3 == 0 else [] for i in range(len(segments))]
    first = one.translate(segments, "ar", "en", constraints=constraints, max_length=10)
    second = two.translate(segments, "ar", "en", constraints=constraints, max_length=10)
    assert [t.tokens for t in first] == [t.tokens for t in second]
    assert all("new city" in t.text for t, c in zip(first, constraints, strict=True) if c)


@pytest.mark.parametrize(("parallel", "message"), [(0, "at least 1"), (-2, "at least 1")])
def test_parallel_must_be_positive(tiny_marian_ct2: Path, parallel: int, message: str) -> None:
    from models.ct2_backend import CT2Engine

    with pytest.raises(ModelError, match=message):
        CT2Engine(inspect_dir(tiny_marian_ct2), parallel=parallel)


def test_parallel_needs_ctranslate2(tiny_marian: Path) -> None:
    from models import engine_for

    with pytest.raises(ModelError, match="one batch at a time") as caught:
        engine_for(inspect_dir(tiny_marian), parallel=2)
    assert "avet models convert" in (caught.value.hint or "")


@pytest.mark.parametrize(("cut", "engine"), [(0, "ctranslate2"), (5000, "ctranslate2"),
                                             (5000, "transformers"), (-10, "transformers")])
def test_truncated_weights_are_damaged_not_an_internal_error(
        tiny_marian: Path, tiny_marian_ct2: Path, tmp_path: Path, cut: int, engine: str) -> None:
    import os
    import shutil

    from models import engine_for
    from models.errors import DamagedModelError

    source, weights = ((tiny_marian_ct2, "model.bin") if engine == "ctranslate2"
                       else (tiny_marian, "model.safetensors"))
    copy = tmp_path / "copy"
    shutil.copytree(source, copy)
    size = (copy / weights).stat().st_size
    os.truncate(copy / weights, cut if cut >= 0 else size + cut)
    with pytest.raises(DamagedModelError) as caught:
        engine_for(inspect_dir(copy))
    assert str(caught.value) == (f"{copy / weights}: model weights are damaged or missing "
                                 "(copy/download the model again)")


def test_other_ctranslate2_load_failures_are_not_called_damage(
        tiny_marian_ct2: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    from models.ct2_backend import CT2Engine

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("CUDA failed with error out of memory")

    monkeypatch.setattr(ctranslate2, "Translator", fail)
    with pytest.raises(RuntimeError, match="out of memory"):
        CT2Engine(inspect_dir(tiny_marian_ct2))
