"""Lexically constrained beam search: state machine, beam allocation, end-to-end."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.base import glues
from models.constrained import ConstraintState, WordPieces, _allocate, _late_starts

# Two constraints: [5, 6, 7] (or its variant [8, 6, 7]) and [9].
CONSTRAINTS = [[[5, 6, 7], [8, 6, 7]], [[9]]]


def _run(tokens: list[int]) -> ConstraintState:
    state = ConstraintState.start(len(CONSTRAINTS))
    for token in tokens:
        state = state.advance(token, CONSTRAINTS)
    return state


@pytest.mark.parametrize(("tokens", "done", "met"), [
    ([], (False, False), 0),
    ([5, 6], (False, False), 2),
    ([5, 6, 7], (True, False), 3),
    ([8, 6, 7], (True, False), 3),
    ([5, 6, 1], (False, False), 0),  # broken off: progress resets
    ([5, 6, 5, 6, 7], (True, False), 3),  # restarts on a new first token
    ([9, 1, 5, 6, 7], (True, True), 4),
])
def test_constraint_state_tracks_progress(tokens: list[int], done: tuple, met: int) -> None:
    state = _run(tokens)
    assert state.done == done
    assert state.met(CONSTRAINTS) == met


def test_next_tokens_continue_current_or_start_unmet() -> None:
    assert _run([]).next_tokens(CONSTRAINTS) == {5, 8, 9}
    assert _run([5]).next_tokens(CONSTRAINTS) == {5, 8, 9, 6}
    assert _run([9]).next_tokens(CONSTRAINTS) == {5, 8}


def test_a_continuing_piece_may_not_start_a_constraint_where_it_would_glue() -> None:
    # 8 is the spelling of the first constraint without the word-start piece.
    state = ConstraintState.start(len(CONSTRAINTS))
    assert state.next_tokens(CONSTRAINTS, no_start={8}) == {5, 9}
    assert state.advance(8, CONSTRAINTS, no_start={8}).current == -1
    assert state.advance(8, CONSTRAINTS).current == 0


@pytest.mark.parametrize(("tokens", "just_met"), [
    ([5, 6, 7], True), ([5, 6, 7, 1], False), ([9], True), ([9, 5], False), ([5, 6], False)])
def test_state_says_when_a_constraint_was_just_met(tokens: list[int], just_met: bool) -> None:
    assert _run(tokens).just_met is just_met


@pytest.mark.parametrize(("tokens", "steps_left", "late"), [
    ([], 5, set()),  # [5, 6, 7], [8, 6, 7] and [9] all end before the last step
    ([], 4, set()),
    ([], 3, {5, 8}),  # three tokens, then EOS: no room
    ([], 1, {5, 8, 9}),
    ([9], 3, {5, 8}),  # [9] is met: only the first constraint is left
])
def test_a_constraint_does_not_start_where_max_length_would_cut_it(
        tokens: list[int], steps_left: int, late: set[int]) -> None:
    assert _late_starts(CONSTRAINTS, _run(tokens), steps_left) == late


def test_word_pieces_classify_sentencepiece_tokens() -> None:
    pieces = WordPieces.from_pieces(["</s>", "▁service", "s", ",", "▁(", "ي", "▁"])
    assert pieces.continuing == {2, 5}
    assert pieces.word_final == {1, 2, 5}


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("▁service", "s", True), ("▁ministry", "public", True), ("▁service", "▁new", False),
    ("▁service", ",", False), ("▁(", "public", False), ("▁التحول", "ها", True), ("", "s", False),
])
def test_glues(before: str, after: str, expected: bool) -> None:
    assert glues(before, after) is expected


def test_allocation_shares_beams_across_banks_fullest_first() -> None:
    state = ConstraintState.start(0)
    cands = [(-1.0, 0, 1, state, 0), (-2.0, 0, 2, state, 0), (-3.0, 0, 3, state, 0),
             (-9.0, 0, 4, state, 2), (-8.0, 0, 5, state, 1)]
    chosen = _allocate(cands, 3)
    assert [c[2] for c in chosen] == [4, 5, 1]


@pytest.mark.parametrize("constraints", [
    [["digital city"], ["water"]],
    [["new report", "bank"], []],
    [["government ministry office"], ["light"]],
])
def test_hf_marian_output_contains_constraints(tiny_marian: Path,
                                              constraints: list[list[str]]) -> None:
    from models.discovery import inspect_dir
    from models.hf_backend import HFEngine

    engine = HFEngine(inspect_dir(tiny_marian))
    out = engine.translate(["حكومة رقمي جديد", "مدينة كبير"], "ar", "en",
                           constraints=constraints, max_length=16)
    for translation, wanted in zip(out, constraints, strict=True):
        for phrase in wanted:
            assert phrase in translation.text


def test_hf_m2m100_output_contains_constraints(tiny_m2m100: Path) -> None:
    from models.discovery import inspect_dir
    from models.hf_backend import HFEngine

    engine = HFEngine(inspect_dir(tiny_m2m100))
    constraints = [["chuyểnđổi số"], ["ngânhàng", "sông"]]
    out = engine.translate(["حكومة رقمي", "مدينة"], "ar", "vi", constraints=constraints,
                           max_length=16)
    assert "chuyểnđổi số" in out[0].text
    assert "ngânhàng" in out[1].text and "sông" in out[1].text


def test_constraint_without_vocabulary_is_skipped_with_a_warning(
        tiny_marian: Path, caplog: pytest.LogCaptureFixture) -> None:
    from models.discovery import inspect_dir
    from models.hf_backend import HFEngine

    engine = HFEngine(inspect_dir(tiny_marian))
    plain = engine.translate(["حكومة"], "ar", "en", max_length=8)
    with caplog.at_level("WARNING"):
        out = engine.translate(["حكومة"], "ar", "en", constraints=[["日本"]], max_length=8)
    assert out[0].text == plain[0].text and "日本" not in out[0].text
    assert "cannot be spelled" in caplog.text


def test_hf_accepts_term_constraint_records(tiny_marian: Path) -> None:
    from models.base import TermConstraint
    from models.discovery import inspect_dir
    from models.hf_backend import HFEngine

    engine = HFEngine(inspect_dir(tiny_marian))
    [t] = engine.translate(["حكومة رقمي"], "ar", "en", max_length=10,
                           constraints=[[TermConstraint("data service", source="رقمي")]])
    assert "data service" in t.text


def test_constraints_for_another_number_of_segments_are_a_model_error() -> None:
    torch = pytest.importorskip("torch")
    from types import SimpleNamespace

    from models.constrained import constrained_beam_search
    from models.errors import ModelError

    config = SimpleNamespace(num_beams=2)
    with pytest.raises(ModelError, match="3 items for 2 segments") as info:
        constrained_beam_search(None, torch.zeros((4, 1), dtype=torch.long), None, None, config,
                                avet_constraints=[[], [], []])
    assert "one list of constraints per segment" in str(info.value)
