"""Evaluation: sacrebleu scores and WMT terminology metrics on hand-computed examples."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from glossary import glossary_hash
from glossary.errors import InputError
from glossary.formats import read_glossary
from toolkit.evaluate import bleu_tokenizer, evaluate
from toolkit.glossary_source import GlossaryIndex
from toolkit.termmetrics import (
    TermOccurrence,
    consistency,
    exact_match,
    find_term,
    one_minus_term,
    random_terms,
    real_terms,
    tokens,
    weighted_edit_distance,
    window_overlap,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "postedit"
DT = TermOccurrence("dt", "chuyển đổi số", ("digital transformation",))
HN = TermOccurrence("hn", "Hà Nội", ("Hanoi", "Ha Noi"))


def test_exact_match_counts_occurrences() -> None:
    # Line 1: 1 term, found. Line 2: the term twice in the source, once in the
    # hypothesis -> 1 of 2. Total 2 / 3.
    acc, correct, total = exact_match(
        ["Digital transformation matters", "digital transformation is key"], [[DT], [DT, DT]],
        "en")
    assert (correct, total) == (2, 3)
    assert acc == pytest.approx(2 / 3)


def test_exact_match_without_terms_is_not_applicable() -> None:
    assert exact_match(["a"], [[]], "en") == (None, 0, 0)


def test_window_overlap_by_hand() -> None:
    # Line 1: reference context (w=2) = the, new | plan, starts; hypothesis
    # context = a, new | plan, begins -> shared new, plan = 2/4 = 0.5.
    # Line 2: term absent from the hypothesis -> 0. Line 3: the reference is the
    # term alone (empty context) -> not counted. Mean (0.5 + 0) / 2 = 0.25.
    score, counted = window_overlap(
        ["a new digital transformation plan begins today", "nothing here",
         "digital transformation"],
        ["the new digital transformation plan starts today",
         "we need digital transformation now", "digital transformation"],
        [[DT], [DT], [DT]], "en", window=2)
    assert counted == 2
    assert score == pytest.approx(0.25)


def test_weighted_edit_distance_by_hand() -> None:
    # hyp a b -> ref a c d, weight of c is 2: substitute b->c (2) + insert d (1) = 3,
    # or substitute b->d (1) + insert c (2) = 3; deleting b costs 4 in all.
    assert weighted_edit_distance(["a", "b"], ["a", "c", "d"], [1, 2, 1]) == 3.0
    assert weighted_edit_distance([], ["x", "y"], [2, 1]) == 3.0
    assert weighted_edit_distance(["x"], [], []) == 1.0


def test_one_minus_term_weights_term_words() -> None:
    # Line 1: "conversion" for the term word "transformation": substitution of a
    # term word costs 2 -> 2 / 4 reference words = 0.5 (plain TER would be 0.25).
    # Line 2 (no terms): identical -> 0. 1 - mean(0.5, 0) = 0.75.
    value = one_minus_term(["we support digital conversion", "good day"],
                           ["we support digital transformation", "good day"], [[DT], []], "en")
    assert value == pytest.approx(0.75)


def test_one_minus_term_uses_ter_shifts() -> None:
    # One block shift moves "digital transformation" to the end: 1 edit / 4 words.
    value = one_minus_term(["digital transformation we support"],
                           ["we support digital transformation"], [[DT]], "en")
    assert value == pytest.approx(0.75)


def test_consistency_by_hand() -> None:
    # DT on lines 1-2, rendered the same way both times -> consistent.
    # HN on lines 1 and 3: "Hanoi" then "Ha Noi" -> inconsistent. Score 1 / 2.
    score, repeated = consistency(
        ["Digital transformation in Hanoi", "digital transformation again", "Ha Noi"],
        [[DT, HN], [DT], [HN]], "en")
    assert (score, repeated) == (0.5, 2)


def test_consistency_counts_a_missing_rendering_as_inconsistent() -> None:
    assert consistency(["digital transformation", "something else"], [[DT], [DT]],
                       "en") == (0.0, 1)


@pytest.mark.parametrize(("text", "term", "positions"), [
    ("وللتحول الرقمي أهمية", "التحول الرقمي", [0]),   # و + ل + article contracted
    ("بالتحول الرقمي", "التحول الرقمي", [0]),
    ("التحول الرقمي والتحول الرقمي", "التحول الرقمي", [0, 2]),
    ("تحول رقمي", "التحول الرقمي", []),
])
def test_find_term_in_arabic_with_clitics(text: str, term: str, positions: list[int]) -> None:
    assert find_term(tokens(text, "ar"), tokens(term, "ar"), "ar") == positions


def test_random_terms_are_seeded_reference_spans() -> None:
    sources = ["một hai ba bốn năm", "sáu bảy tám"]
    refs = ["one two three four five", "six seven eight"]
    first = random_terms(sources, refs, seed=7, counts=[2, 1])
    assert first == random_terms(sources, refs, seed=7, counts=[2, 1])
    assert [len(line) for line in first] == [2, 1]
    for ref, line in zip(refs, first, strict=True):
        for term in line:
            assert term.targets[0] in ref and term.key.startswith("rand:")
    # A hypothesis equal to the reference renders every random term.
    assert exact_match(refs, first, "en")[0] == 1.0


def test_real_terms_from_glossary() -> None:
    index = GlossaryIndex(read_glossary(DATA / "glossary.csv"), "vi", "en")
    terms = real_terms(["Chuyển đổi số ở Hà Nội", "Quyết định 749/QĐ-TTg"], index)
    assert [[t.targets for t in line] for line in terms] == [
        [("digital transformation", "digitalization"), ("Hanoi", "Ha Noi")],
        [("749/QD-TTg",)]]


@pytest.mark.parametrize(("lang", "tok"), [("ar", "intl"), ("vi", "13a"), ("en", "13a"),
                                           (None, "13a")])
def test_bleu_tokenizer(lang: str | None, tok: str) -> None:
    assert bleu_tokenizer(lang) == tok


def test_evaluate_identical_output_and_signatures() -> None:
    entries = read_glossary(DATA / "glossary.csv")
    index = GlossaryIndex(entries, "vi", "en")
    src = ["Chuyển đổi số ở Hà Nội.", "Chuyển đổi số cần vốn."]
    ref = ["Digital transformation in Hanoi.", "Digital transformation needs capital."]
    digest = glossary_hash(e for e in entries if e.status == "approved")
    result = evaluate(src, ref, ref, src="vi", tgt="en", glossary=index, glossary_hash=digest,
                      terms="real")
    assert result.metric("BLEU").value == pytest.approx(100.0)
    assert result.metric("TER").value == pytest.approx(0.0)
    assert "tok:13a" in result.metric("BLEU").signature
    assert result.metric("exact_match").value == 1.0
    assert result.metric("exact_match").detail == {"correct": 3, "terms": 3}
    assert result.metric("1-TERm").value == pytest.approx(1.0)
    assert result.metric("consistency").value == 1.0
    assert result.terms == 3
    assert f"glossary:{digest[:16]}" in result.signature
    assert "terms:real" in result.signature


@pytest.mark.parametrize("nfd_side", ["hypothesis", "reference"])
@pytest.mark.parametrize(("tgt", "line"), [
    ("vi", "Hà Nội là thủ đô của Việt Nam"),
    ("ar", "أطلقت الوزارة منصة رقمية جديدة"),
    ("en", "The café opened in Hà Nội"),
])
def test_evaluate_scores_decomposed_text_as_composed(tgt: str, line: str,
                                                     nfd_side: str) -> None:
    nfd = unicodedata.normalize("NFD", line)
    assert nfd != line
    ref, hyp = ([line], [nfd]) if nfd_side == "hypothesis" else ([nfd], [line])
    result = evaluate(["source"], ref, hyp, src="en" if tgt != "en" else "vi", tgt=tgt)
    assert result.metric("BLEU").value == pytest.approx(100.0)
    assert result.metric("chrF").value == pytest.approx(100.0)
    assert result.metric("TER").value == pytest.approx(0.0)


def test_evaluate_term_modes_differ_in_signature() -> None:
    src, ref, hyp = ["a b c"], ["x y z"], ["x y w"]
    none = evaluate(src, ref, hyp, src="vi", tgt="ar", terms="none")
    rand = evaluate(src, ref, hyp, src="vi", tgt="ar", terms="random", seed=3)
    assert none.metric("exact_match").value is None and none.terms == 0
    assert "tok:intl" in none.metric("BLEU").signature
    assert "terms:none" in none.signature and "seed" not in none.signature
    assert "terms:random" in rand.signature and "seed:3" in rand.signature
    assert rand.terms == 1


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"terms": "real", "src": "vi", "tgt": "en"}, "needs a glossary"),
    ({"terms": "random"}, "needs the languages"),
    ({"terms": "bogus"}, "unknown term mode"),
])
def test_evaluate_rejects_bad_options(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        evaluate(["a"], ["a"], ["a"], **kwargs)


def test_evaluate_rejects_misaligned() -> None:
    with pytest.raises(InputError, match="2 source, 1 reference and 2 hypothesis"):
        evaluate(["a", "b"], ["a"], ["a", "b"])


@pytest.mark.parametrize(("exact", "correct"), [
    # Exact (verbatim or case-sensitive): VNEID and vneid are not VNeID -> lines 1 and 3.
    (True, 2),
    # Others: case folded, as before -> all three lines.
    (False, 3),
])
def test_exact_match_keeps_case_of_exact_terms(exact: bool, correct: int) -> None:
    term = TermOccurrence("id", "VNeID", ("VNeID",), exact=exact)
    hyps = ["Register on VNeID today", "Register on VNEID today", "on vneid or VNeID"]
    acc, got, total = exact_match(hyps, [[term]] * 3, "en")
    assert (got, total) == (correct, 3)
    assert acc == pytest.approx(correct / 3)
    # In Arabic an exact form may still carry a proclitic.
    assert exact_match(["سجل وVNeID"], [[term]], "ar")[1:] == (1, 1)


def test_consistency_tells_exact_renderings_apart() -> None:
    term = TermOccurrence("id", "VNeID", ("VNeID",), ("VNEID",), exact=True)
    assert consistency(["VNeID app", "VNEID app"], [[term], [term]], "en") == (0.0, 1)
    assert consistency(["VNeID app", "VNeID app"], [[term], [term]], "en") == (1.0, 1)


def test_real_terms_mark_verbatim_and_case_sensitive_entries_exact() -> None:
    from glossary.model import Entry

    def entry(ar: str, en: str, **kw: object) -> Entry:
        e = Entry(status="approved", **kw)  # type: ignore[arg-type]
        e.forms["ar"].preferred, e.forms["en"].preferred = ar, en
        return e

    index = GlossaryIndex([entry("VNeID", "VNeID", kind="code", dnt=True),
                           entry("مايكروسوفت", "Microsoft", case_sensitive=True),
                           entry("الحكومة", "government")], "ar", "en")
    [line] = real_terms(["VNeID مايكروسوفت الحكومة"], index)
    assert {t.targets[0]: t.exact for t in line} == {
        "VNeID": True, "Microsoft": True, "government": False}
    assert exact_match(["VNEID MICROSOFT GOVERNMENT"], [line], "en")[1:] == (1, 3)


def test_asking_for_a_metric_that_is_not_there_names_the_ones_that_are() -> None:
    from glossary.errors import NotFoundError
    from toolkit.evaluate import EvalResult, MetricResult

    result = EvalResult([MetricResult("BLEU", 12.5, "bleu"), MetricResult("chrF", 40.0, "chrf")],
                        "sig", 1, 0)
    with pytest.raises(NotFoundError, match="no metric 'BLUE'") as info:
        result.metric("BLUE")
    assert info.value.hint == "use one of: BLEU, chrF" and info.value.exit_code == 2
