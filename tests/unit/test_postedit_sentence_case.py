"""A forbidden rendering stored with capitals keeps the sentence's capital when replaced."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Forms
from toolkit.edits import adapt_case
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_line


@pytest.fixture(scope="module")
def vi_en() -> GlossaryIndex:
    entry = Entry(kind="term", status="approved")
    entry.forms["vi"] = Forms(preferred="chuyển đổi số")
    entry.forms["en"] = Forms(preferred="digital transformation", forbidden=["Digital Shift"])
    entry.id = 1
    return GlossaryIndex([entry], "vi", "en")


@pytest.mark.parametrize(("target", "fixed"), [
    ("Digital Shift matters.", "Digital transformation matters."),
    ("It grows. Digital Shift matters.", "It grows. Digital transformation matters."),
    ("the digital shift matters.", "the digital transformation matters."),
    ("We back the Digital Shift plan.", "We back the digital transformation plan."),
])
def test_the_sentence_capital_is_kept(vi_en: GlossaryIndex, target: str, fixed: str) -> None:
    assert postedit_line("Chuyển đổi số quan trọng.", target, vi_en).text == fixed


@pytest.mark.parametrize(("found", "form", "start", "out"), [
    ("Digital Shift", "Digital Shift", True, "Digital transformation"),
    ("Digital Shift", "Digital Shift", False, "digital transformation"),
])
def test_adapt_case_at_a_sentence_start(found: str, form: str, start: bool, out: str) -> None:
    assert adapt_case(found, "digital transformation", form, sentence_start=start) == out
