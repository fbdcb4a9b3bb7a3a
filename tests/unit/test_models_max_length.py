"""``max_length`` bounds every decode, with constraints and repair on, on both engines."""

from __future__ import annotations

from typing import Any

import pytest

from models.base import Engine, Translation
from models.discovery import inspect_dir

SEGMENTS = ["حكومة رقمي جديد", "مدينة كبير", "بيانات"]


@pytest.fixture(scope="module", params=["transformers", "ctranslate2"])
def engine(request: pytest.FixtureRequest) -> Engine:
    from models import engine_for

    path = request.getfixturevalue("tiny_marian_ct2" if request.param == "ctranslate2"
                                   else "tiny_marian")
    return engine_for(inspect_dir(path))


@pytest.mark.parametrize("max_length", [3, 4, 6])
def test_constraints_that_fit_are_placed_within_max_length(engine: Engine, max_length: int
                                                           ) -> None:
    constraints = [["water", "new report"], ["school"], []]
    out = engine.translate(SEGMENTS, "ar", "en", constraints=constraints,
                           max_length=max_length)
    for t, wanted in zip(out, constraints, strict=True):
        assert len(t.tokens) <= max_length, t.tokens
        for c in wanted:
            assert c in t.text, (c, t.text)


def test_a_constraint_longer_than_max_length_is_left_out_with_a_warning(
        engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    long_term = "digital city new report water"
    with caplog.at_level("WARNING", logger="avet.models"):
        [t] = engine.translate(SEGMENTS[:1], "ar", "en", constraints=[[long_term]],
                               max_length=3)
    assert len(t.tokens) <= 3
    assert f"constraint {long_term!r} does not fit within max_length" in caplog.text


@pytest.mark.parametrize(("constrain", "repair"), [(True, True), (True, False),
                                                   (False, True), (False, False)])
def test_the_pipeline_passes_max_length_unchanged(engine: Engine, constrain: bool,
                                                  repair: bool) -> None:
    from glossary import Entry
    from toolkit.glossary_source import GlossaryIndex
    from toolkit.translate import TranslateOptions, translate_segments

    def entry(ar: str, en: str, dnt: bool = False) -> Entry:
        e = Entry(kind="code" if dnt else "term", status="approved", dnt=dnt)
        e.forms["ar"].preferred, e.forms["en"].preferred = ar, en
        e.id = len(ar)
        return e

    index = GlossaryIndex([entry("حكومة رقمي", "digital government city"),
                           entry("مدينة", "big new school"), entry("749", "749", dnt=True)],
                          "ar", "en")
    decodes: list[tuple[int, Translation]] = []
    translate = engine.translate

    def recording(*args: Any, **kwargs: Any) -> list[Translation]:
        out: list[Translation] = translate(*args, **kwargs)
        decodes.extend((kwargs["max_length"], t) for t in out)
        return out

    options = TranslateOptions(src="ar", tgt="en", max_length=2, beam_size=2,
                               constrain=constrain, repair=repair)
    try:
        engine.translate = recording  # type: ignore[method-assign]  # this engine only
        translate_segments([*SEGMENTS, "حكومة رقمي مدينة 749"], engine, index, options)
    finally:
        del engine.translate
    assert decodes and all(m == 2 and len(t.tokens) <= 2 for m, t in decodes), decodes
