"""--no-constraints holds in the re-decode repair too; TranslateOptions checks its sizes."""

from __future__ import annotations

from typing import Any

import pytest

from glossary import Entry
from glossary.errors import InputError
from models.base import Translation
from toolkit.glossary_source import GlossaryIndex
from toolkit.translate import TranslateOptions, translate_segments

SRC = "الحكومة الرقمية على https://a.vn/x-y و 749/QD-TTg"


class Engine:
    """Answers the first decoding without the term, a re-decoding with it."""

    def __init__(self, again: str) -> None:
        self.again = again
        self.calls: list[Any] = []
        self.name = self.model_id = "scripted"

    def translate(self, segments: Any, src: str, tgt: str, *, constraints: Any = None,
                  **kw: Any) -> list[Translation]:
        self.calls.append(constraints)
        text = "first at https://a.vn/x-y and 749/QD-TTg" if len(self.calls) == 1 else self.again
        return [Translation(text, text.split()) for _ in segments]


@pytest.fixture()
def index() -> GlossaryIndex:
    e = Entry(kind="term", status="approved")
    e.forms["ar"].preferred = "الحكومة الرقمية"
    e.forms["en"].preferred = "digital government"
    e.id = 1
    return GlossaryIndex([e], "ar", "en")


@pytest.mark.parametrize(("constrain", "first", "again"), [
    # --no-constraints: the re-decoding is given the missing term alone, no code or URL.
    (False, [[]], [["digital government"]]),
    (True, [["digital government", "https://a.vn/x-y", "749/QD-TTg"]], None),
])
def test_redecoding_forces_no_code_without_constraints(
        index: GlossaryIndex, constrain: bool, first: Any, again: Any) -> None:
    engine = Engine("digital government at https://a.vn/x-y and 749/QD-TTg")
    result = translate_segments([SRC], engine, index,
                                TranslateOptions("ar", "en", constrain=constrain))[0]
    assert engine.calls[0] == first
    if again is None:  # the term was asked for already: nothing to re-decode with
        assert len(engine.calls) == 1
    else:
        assert engine.calls[1] == again
        assert result.output == "digital government at https://a.vn/x-y and 749/QD-TTg"


def test_a_redecoding_that_loses_a_code_is_not_taken(index: GlossaryIndex) -> None:
    engine = Engine("digital government at https://a.vn/x-y")
    result = translate_segments([SRC], engine, index,
                                TranslateOptions("ar", "en", constrain=False))[0]
    assert result.output == "first at https://a.vn/x-y and 749/QD-TTg"
    assert {t.source: t.status for t in result.terms}["الحكومة الرقمية"] == "failed"


@pytest.mark.parametrize(("name", "value"), [
    ("beam_size", 0), ("max_length", -1), ("batch_size", True), ("parallel", 1.5)])
def test_bad_sizes_are_input_errors(name: str, value: Any) -> None:
    with pytest.raises(InputError, match=f"{name}=.*at least 1") as info:
        TranslateOptions("ar", "en", **{name: value})
    assert info.value.hint is not None and name in info.value.hint
