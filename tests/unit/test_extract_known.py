"""How approved glossary entries weigh on term ranking (toolkit/extract/known.py),
on small texts written for these tests."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from glossary.model import Entry
from tests.unit.entries import approved
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.cluster import Cluster
from toolkit.extract.known import KNOWN_WEIGHT, absorb, known_score, merge_spellings
from toolkit.extract.reader import read_document
from toolkit.extract.termhood import keyness_weight
from toolkit.extract.terms import TermCandidate


def candidate(key: tuple[str, ...], count: int, score: float, keyness: float = 5.0,
              docs: dict[str, int] | None = None) -> TermCandidate:
    return TermCandidate(key, count=count, score=score, keyness=keyness,
                         docs=Counter(docs or {"d1": count}))


def test_a_confirmed_multiword_term_ignores_its_nesting_and_is_lifted() -> None:
    cand = candidate(("a", "b"), count=3, score=1.0)
    assert known_score(cand) == pytest.approx(round(math.log2(3) * 3 * KNOWN_WEIGHT, 4))
    strong = candidate(("a", "b"), count=3, score=9.0)  # termhood above the floor holds
    assert known_score(strong) == pytest.approx(9.0 * KNOWN_WEIGHT)


def test_general_vocabulary_lowers_the_floor_of_a_confirmed_term() -> None:
    domain = candidate(("a", "b"), count=3, score=0.0, keyness=5.0)
    general = candidate(("a", "b"), count=3, score=0.0, keyness=-4.0)
    assert known_score(general) == pytest.approx(
        known_score(domain) * keyness_weight(-4.0), rel=1e-3)
    assert known_score(general) < known_score(domain)


def test_a_confirmed_single_word_keeps_its_termhood_score() -> None:
    word = candidate(("a",), count=50, score=2.5, keyness=10.0)
    assert known_score(word) == 2.5


def test_absorb_counts_an_occurrence_both_detectors_found_once() -> None:
    cand = candidate(("a", "b"), count=2, score=1.0, docs={"d1": 2})
    cand.forms["أ ب"] = 2
    cand.matched[("0", "d1")] = 2  # the matcher found the counter's two as well
    cluster = Cluster("0")
    for doc in ("d1", "d1", "d1", "d2"):
        cluster.add("أ ب", doc)
    absorb(cand, cluster, 0)
    assert dict(cand.docs) == {"d1": 3, "d2": 1}
    assert cand.count == 4
    assert cand.forms["أ ب"] == 4


def test_spellings_of_one_entry_add_up() -> None:
    first = candidate(("a", "b"), count=2, score=3.0)
    other = candidate(("c", "b"), count=1, score=5.0, docs={"d2": 1})
    alone = candidate(("x", "y"), count=4, score=4.0)
    index: dict[tuple[str, ...], int] = {("a", "b"): 7, ("c", "b"): 7}
    merged, by_known = merge_spellings([first, alone, other], lambda c: index.get(c.key))
    assert merged == [first, alone]
    assert by_known == {7: first}
    assert (first.count, first.score) == (3, 5.0)
    assert first.aliases == (("c", "b"),)
    assert dict(first.docs) == {"d1": 2, "d2": 1}


# Texts written for these tests (not taken from any document).
DOC = (
    "عقدت اللجنة التوجيهية اجتماعا أمس. وناقشت اللجنة التوجيهية خطة الحوسبة السحابية.\n"
    "قدم الخبراء تقريرا لمجلس الإدارة عن الحوسبة السحابية. ووافق مجلس الإدارة على الخطة، "
    "وقال مجلس الإدارة إن البلدية ستنشر الحوسبة السحابية. وتدعم البلدية المدارس، "
    "وتدرب البلدية الموظفين، وتساعد البلدية السكان.\n"
)


KNOWN = [approved("اللجنة التوجيهية", "Ban Chỉ đạo", "steering committee", "org"),
         approved("مجلس الإدارة", "Hội đồng quản trị", "board of directors"),
         approved("البلدية", "xã", "commune"),
         approved("الحوسبة السحابية", "điện toán đám mây", "cloud computing")]


def terms(folder: Path, known: list[Entry]) -> dict[str, Entry]:
    found = extract_paths([folder], Extractor(known)).candidates
    return {c.entry.term("ar"): c.entry for c in found if c.origin == "term"}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(DOC, encoding="utf-8")
    return tmp_path


def test_an_occurrence_seen_by_counter_and_matcher_counts_once(folder: Path) -> None:
    assert terms(folder, KNOWN)["اللجنة التوجيهية"].frequency == 2


def test_an_occurrence_after_a_preposition_clitic_counts_once(folder: Path) -> None:
    # لمجلس الإدارة: the counter reads a construct behind ل, and the matcher finds the
    # approved entry there; the occurrence counts once
    assert terms(folder, [])["مجلس الإدارة"].frequency == 3
    assert terms(folder, KNOWN)["مجلس الإدارة"].frequency == 3


def test_confirmation_lifts_multiword_terms_not_single_words(folder: Path) -> None:
    plain, confirmed = terms(folder, []), terms(folder, KNOWN)
    counter = Extractor([])
    counter.add_document(read_document(folder / "a.txt"))
    termhood = {c.key: c.score for c in counter.terms.ranked()}
    assert "البلدية" not in plain  # a cue word of names: proposed only when confirmed
    assert confirmed["البلدية"].score == termhood[("بلديه",)]
    assert confirmed["الحوسبة السحابية"].score > plain["الحوسبة السحابية"].score
    assert confirmed["البلدية"].frequency > confirmed["الحوسبة السحابية"].frequency
    assert confirmed["البلدية"].score < confirmed["الحوسبة السحابية"].score


@pytest.mark.parametrize(("text", "form", "frequency"), [
    ("تعمل الحوسبة السحابية جيدا.\nوقدم الدعم للحوسبة السحابية.\n", "الحوسبة السحابية", 2),
    ("اجتمعت اللجنة التوجيهية.\nوقدم التقرير للجنة التوجيهية.\n", "اللجنة التوجيهية", 2),
])
def test_after_the_preposition_lam_the_article_is_put_back(tmp_path: Path, text: str, form: str,
                                                           frequency: int) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    entry = terms(tmp_path, KNOWN)[form]
    assert entry.frequency == frequency
    assert entry.forms["ar"].all_admitted() == [form]  # not لحوسبة / لجنة as a variant
    after_lam = [c for c in entry.contexts if c.start > text.index("\n")]
    # the offsets cover the text after the preposition ل (لحوسبة), the form is the term
    assert len(after_lam) == 1 and after_lam[0].form == form
    assert after_lam[0].form.endswith(text[after_lam[0].start:after_lam[0].end])
