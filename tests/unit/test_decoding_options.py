"""Decoding sizes are checked at the library's edge: TranslateOptions and each engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossary.errors import InputError
from models.base import Translation, check_counts
from models.discovery import inspect_dir
from models.errors import ModelError
from models.pivot import PivotEngine
from toolkit.translate import TranslateOptions

BAD = [0, -1, True, 2.0, "4", None]


@pytest.mark.parametrize("name", ["beam_size", "max_length", "batch_size", "parallel"])
@pytest.mark.parametrize("value", BAD)
def test_translate_options_refuse_sizes_below_one(name: str, value: Any) -> None:
    with pytest.raises(InputError) as caught:
        TranslateOptions("ar", "en", **{name: value})
    assert name in caught.value.message and caught.value.hint
    assert "--" not in str(caught.value)


def test_translate_options_keep_valid_sizes() -> None:
    options = TranslateOptions("ar", "en", beam_size=1, max_length=1, batch_size=1, parallel=3)
    assert (options.beam_size, options.max_length, options.batch_size, options.parallel) == (
        1, 1, 1, 3)


@pytest.mark.parametrize("value", BAD)
def test_check_counts_raises_model_error(value: Any) -> None:
    with pytest.raises(ModelError) as caught:
        check_counts(beam_size=4, max_length=value)
    assert "max_length" in caught.value.message and caught.value.hint


class _Leg:
    """An engine that must not be reached."""

    name, model_id = "fake", "fake"

    def __init__(self, pair: tuple[str, str]) -> None:
        self.pair = pair

    def directions(self) -> set[tuple[str, str]]:
        return {self.pair}

    def translate(self, segments: Any, src: str, tgt: str, **_: Any) -> list[Translation]:
        raise AssertionError("decoded with a bad option")


@pytest.mark.parametrize(("option", "value"), [("beam_size", 0), ("max_length", -1)])
def test_pivot_engine_refuses_before_decoding(option: str, value: int) -> None:
    engine = PivotEngine(_Leg(("ar", "en")), _Leg(("en", "vi")), "en")  # type: ignore[arg-type]
    kwargs: dict[str, Any] = {option: value}
    with pytest.raises(ModelError, match=option):
        engine.translate(["x"], "ar", "vi", **kwargs)


@pytest.fixture(scope="module")
def engines(tiny_marian: Path, tiny_marian_ct2: Path) -> dict[str, Any]:
    from models.ct2_backend import CT2Engine
    from models.hf_backend import HFEngine

    return {"transformers": HFEngine(inspect_dir(tiny_marian)),
            "ctranslate2": CT2Engine(inspect_dir(tiny_marian_ct2))}


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
@pytest.mark.parametrize(("option", "value"), [("beam_size", 0), ("max_length", 0),
                                               ("max_length", -1), ("beam_size", 1.5)])
def test_engines_raise_model_error_for_bad_sizes(engines: dict[str, Any], engine: str,
                                                 option: str, value: Any) -> None:
    with pytest.raises(ModelError) as caught:
        engines[engine].translate(["مدينة"], "ar", "en", **{option: value})
    assert option in caught.value.message


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_engines_refuse_a_batch_size_below_one(tiny_marian: Path, tiny_marian_ct2: Path,
                                               engine: str) -> None:
    from models import engine_for

    info = inspect_dir(tiny_marian if engine == "transformers" else tiny_marian_ct2)
    with pytest.raises(ModelError, match="batch_size"):
        engine_for(info, batch_size=0)


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_engines_still_translate_with_sizes_of_one(engines: dict[str, Any], engine: str) -> None:
    [out] = engines[engine].translate(["مدينة"], "ar", "en", beam_size=1, max_length=1)
    assert len(out.tokens) <= 1
