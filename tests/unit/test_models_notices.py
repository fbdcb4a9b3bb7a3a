"""Constraint warnings are logged once per engine with a count; length warnings are silenced."""

from __future__ import annotations

import gc
import logging

import pytest

from models.discovery import inspect_dir
from models.notices import RepeatedWarnings
from tests.tinymodels import synthetic_sentences


def test_repeated_warnings_are_logged_once_then_counted(caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    notices = RepeatedWarnings(logging.getLogger("avet.test"))
    with caplog.at_level("WARNING", logger="avet.test"):
        for _ in range(3):
            notices.warn("constraint %r cannot be spelled", "VNeID")
        notices.warn("constraint %r cannot be spelled", "LGSP")
        assert len(caplog.records) == 2
        assert notices.counts() == {"constraint 'VNeID' cannot be spelled": 3,
                                    "constraint 'LGSP' cannot be spelled": 1}
        notices.flush()
    assert [r.getMessage() for r in caplog.records[2:]] == [
        "constraint 'VNeID' cannot be spelled: 3 times in all"]
    assert notices.counts() == {}


@pytest.fixture(scope="module", params=["transformers", "ctranslate2"])
def engine_path(request: pytest.FixtureRequest) -> str:
    name = "tiny_marian_ct2" if request.param == "ctranslate2" else "tiny_marian"
    return str(request.getfixturevalue(name))


def test_an_engine_warns_once_per_constraint_and_counts_at_the_end(
        engine_path: str, caplog: pytest.LogCaptureFixture) -> None:
    from models import engine_for

    engine = engine_for(inspect_dir(engine_path))
    unspellable = "749/QD-TTg"  # the tiny vocabulary has no Latin capitals nor digits
    with caplog.at_level("WARNING", logger="avet.models"):
        for _ in range(2):
            engine.translate(["حكومة رقمي", "مدينة كبير"], "ar", "en",
                             constraints=[[unspellable], [unspellable]], max_length=4)
        first = [r.getMessage() for r in caplog.records]
        del engine
        gc.collect()  # the engine's finalizer logs the totals
    assert len(first) == 1 and "cannot be spelled" in first[0], first
    totals = [r.getMessage() for r in caplog.records[1:]]
    assert totals == [f"constraint {unspellable!r} cannot be spelled with this model's "
                      "vocabulary; decoding without it: 4 times in all"]


def test_measuring_a_long_sentence_gives_no_tokenizer_length_warning(
        engine_path: str, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from models import engine_for

    engine = engine_for(inspect_dir(engine_path))
    tokenizer = engine._tokenizer  # type: ignore[attr-defined]
    monkeypatch.setattr(tokenizer, "model_max_length", 16)
    monkeypatch.setattr(tokenizer, "deprecation_warnings", {})
    # transformers' loggers do not propagate to the root logger by default.
    monkeypatch.setattr(logging.getLogger("transformers"), "propagate", True)
    long = " ".join(synthetic_sentences("ar", 8, seed=3))
    with caplog.at_level("WARNING"):
        [out] = engine.translate([long], "ar", "en", max_length=3)
    assert out.text
    assert "sequence length is longer" not in caplog.text
