"""evaluate() checks its window and the glossary index's direction, as the CLI and
postedit_lines do."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from glossary.formats import read_glossary
from toolkit.evaluate import evaluate
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_lines

DATA = Path(__file__).resolve().parents[1] / "data" / "postedit"
SOURCES = ["chuyển đổi số ở Hà Nội"]
REFERENCES = ["digital transformation in Hanoi"]
HYPOTHESES = ["digital change in Hanoi"]


@pytest.fixture(scope="module")
def vi_en() -> GlossaryIndex:
    return GlossaryIndex(read_glossary(DATA / "glossary.csv"), "vi", "en")


@pytest.mark.parametrize("window", [0, -1, 1.5, True, "2", None])
@pytest.mark.parametrize("terms", ["none", "random"])
def test_a_window_that_is_not_a_positive_int_is_refused(window: object, terms: str) -> None:
    with pytest.raises(InputError, match=r"^window .* is not a positive whole number") as caught:
        evaluate(SOURCES, REFERENCES, HYPOTHESES, src="vi", tgt="en", terms=terms,
                 window=window)  # type: ignore[arg-type]
    assert caught.value.hint == "give 1 or more words per side; the default is 2"


@pytest.mark.parametrize("window", [1, 3])
def test_a_positive_window_names_its_metric(window: int) -> None:
    result = evaluate(SOURCES, REFERENCES, HYPOTHESES, src="vi", tgt="en", terms="random",
                      window=window)
    assert result.metric(f"window_overlap_{window}").value is not None
    assert f"window:{window}" in result.signature


@pytest.mark.parametrize(("src", "tgt", "asked", "terms"), [
    *((src, tgt, f"{src}->{tgt}", terms)
      for src, tgt in [("ar", "en"), ("vi", "ar"), ("en", "vi")]
      for terms in ("none", "real", "random")),
    (None, "ar", "vi->ar", "none"),
])
def test_an_index_for_another_direction_is_refused(vi_en: GlossaryIndex, src: str | None,
                                                   tgt: str, asked: str, terms: str) -> None:
    with pytest.raises(InputError) as caught:
        evaluate(SOURCES, REFERENCES, HYPOTHESES, src=src, tgt=tgt, terms=terms,
                 glossary=vi_en)
    assert caught.value.message == f"the glossary index is for vi->en, not {asked}"
    assert caught.value.hint == "build a GlossaryIndex for the direction you evaluate"


def test_the_index_s_own_direction_is_scored(vi_en: GlossaryIndex) -> None:
    result = evaluate(SOURCES, REFERENCES, HYPOTHESES, src="vi", tgt="en", terms="real",
                      glossary=vi_en)
    assert "src:vi|tgt:en|terms:real" in result.signature
    assert result.terms >= 1


def test_postedit_lines_refuses_the_same_mismatch_with_its_own_hint(
        vi_en: GlossaryIndex) -> None:
    with pytest.raises(InputError) as caught:
        postedit_lines(SOURCES, HYPOTHESES, vi_en, src="ar", tgt="en")
    assert caught.value.message == "the glossary index is for vi->en, not ar->en"
    assert caught.value.hint == "build a GlossaryIndex for the direction you post-edit"
