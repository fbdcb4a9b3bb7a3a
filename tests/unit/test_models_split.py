"""Segments longer than a model's positions: cut into pieces, translated, joined."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models.base import TermConstraint, Translation
from models.discovery import inspect_dir
from models.errors import ModelError
from models.split import fit_pieces, join_translations, translate_in_pieces
from tests.tinymodels import synthetic_sentences


def _words(text: str) -> int:
    """A stand-in tokenizer: one token per word, plus EOS."""
    return len(text.split()) + 1


@pytest.mark.parametrize(("text", "limit", "pieces"), [
    ("a b c", 4, ["a b c"]),
    # No punctuation: cut at the last space before the limit.
    ("a b c d e f g", 4, ["a b c", "d e f", "g"]),
    # A comma in the second half of what fits: cut after it.
    ("a b, c d e f", 5, ["a b,", "c d e f"]),
    ("a b c، d e f", 5, ["a b c،", "d e f"]),
    # A comma too early (it would leave a short piece): cut at the space.
    ("a, b c d e f", 6, ["a, b c d e", "f"]),
])
def test_fit_pieces_cuts_at_punctuation_else_space(text: str, limit: int,
                                                   pieces: list[str]) -> None:
    assert fit_pieces(text, _words, limit) == pieces
    assert all(_words(p) <= limit for p in pieces)


def test_fit_pieces_cuts_inside_a_word_longer_than_the_limit() -> None:
    def chars(text: str) -> int:
        return len(text.replace(" ", "")) + 1

    pieces = fit_pieces("ab " + "x" * 10 + " cd", chars, 4)
    assert all(chars(p) <= 4 for p in pieces)
    assert "".join(pieces).replace(" ", "") == "ab" + "x" * 10 + "cd"


def test_fit_pieces_needs_room_beside_special_tokens() -> None:
    with pytest.raises(ModelError, match="no room"):
        fit_pieces("a b c", lambda t: len(t.split()) + 5, 5)


def test_join_shifts_alignments_and_weights_scores() -> None:
    first = Translation("a b", ["▁a", "▁b"], -1.0, [(0, 0), (1, 1)], ["▁x", "▁y"])
    second = Translation("c", ["▁c"], -4.0, [(0, 0)], ["▁z"])
    joined = join_translations([first, second])
    assert joined.text == "a b c" and joined.tokens == ["▁a", "▁b", "▁c"]
    assert joined.alignment == [(0, 0), (1, 1), (2, 2)]
    assert joined.source_tokens == ["▁x", "▁y", "▁z"]
    assert joined.score == pytest.approx(-2.0)


def test_constraints_and_prefix_go_with_their_piece() -> None:
    calls: list[tuple[list[str], list[list[str | TermConstraint]] | None, list[str] | None]]
    calls = []

    def translate(texts: list[str], cons: list[list[str | TermConstraint]] | None,
                  pres: list[str] | None) -> list[Translation]:
        calls.append((texts, cons, pres))
        return [Translation(t.upper(), t.split()) for t in texts]

    later = TermConstraint("E", source="e")
    out = translate_in_pieces(["a b c d e", "f"], [["A", later], []], ["P", ""],
                              lambda s: fit_pieces(s, _words, 4), translate)
    assert [t.text for t in out] == ["A B C D E", "F"]
    [(texts, cons, pres)] = calls
    assert texts == ["a b c", "d e", "f"]
    assert cons == [["A"], [later], []] and pres == ["P", "", ""]


# -- on tiny models: a sentence longer than their 256 positions ------------------------

LONG = " ".join(synthetic_sentences("ar", 60, seed=7))  # about 330 words and tokens


@pytest.fixture(scope="module", params=["transformers", "ctranslate2"])
def engine(request: pytest.FixtureRequest) -> Any:
    """Either backend (both have ``max_positions`` and ``_tokenizer``)."""
    from models import engine_for

    path = request.getfixturevalue("tiny_marian_ct2" if request.param == "ctranslate2"
                                   else "tiny_marian")
    return engine_for(inspect_dir(path))


def test_tiny_models_have_256_positions(engine: Any) -> None:
    assert engine.max_positions == 256


def test_a_long_sentence_is_translated_whole(engine: Any, caplog: pytest.LogCaptureFixture
                                             ) -> None:
    source = engine._tokenizer.tokenize(LONG)
    assert len(source) > 256
    with caplog.at_level("WARNING"):
        [long, short] = engine.translate([LONG, "حكومة رقمي"], "ar", "en", max_length=3,
                                         return_alignment=True)
    assert not caplog.records
    # Every source token was encoded: none was cut off.
    assert long.source_tokens == source
    assert 3 < len(long.tokens) <= 3 * 2 and long.text.count(" ") >= 1
    assert {s for s, _ in long.alignment} <= set(range(len(source)))
    assert [j for _, j in long.alignment] == list(range(len(long.tokens)))
    assert short.source_tokens == ["▁حكومة", "▁رقمي"]


def test_a_constraint_goes_with_the_piece_of_its_source(engine: Any) -> None:
    # "زيتون" is in no lexicon sentence, so only the last piece holds it.
    [out] = engine.translate([LONG + " زيتون"], "ar", "en", max_length=4,
                             constraints=[[TermConstraint("water", source="زيتون")]])
    assert "water" in out.text.split()[-4:]


def test_long_sentences_come_back_alike_from_both_engines(
        tiny_marian: Path, tmp_path: Path) -> None:
    from models.convert import convert_model
    from models.ct2_backend import CT2Engine
    from models.hf_backend import HFEngine

    ct2 = CT2Engine(convert_model(tiny_marian, tmp_path / "f32", quantization="float32"),
                    compute_type="float32")
    hf = HFEngine(inspect_dir(tiny_marian))
    assert ([t.tokens for t in ct2.translate([LONG], "ar", "en", beam_size=1, max_length=5)]
            == [t.tokens for t in hf.translate([LONG], "ar", "en", beam_size=1,
                                               max_length=5)])
