"""Name detection rules, with a stand-in transliterator so the rules are tested alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from glossary.model import Candidate
from toolkit.extract.cluster import canonical_form, spelled_acronym_readings
from toolkit.extract.names import NameDetector
from toolkit.extract.readings import prefer_gloss
from toolkit.extract.tokenize import fold_ar, tokenize

# Per-token name likelihoods of the stand-in transliterator (written for these tests).
SYLLABLES = {
    "نجوين": 0.9, "الوزير": 0.5, "مانه": 0.8, "هونغ": 0.8, "لاو": 0.5, "كاي": 0.5, "ها": 0.7,
    "تينه": 0.6,
    "ثين": 0.7, "ين": 0.4, "تراش": 0.09, "ثانه": 0.8, "لام": 0.7, "هانوي": 0.95,
    "تران": 0.8, "خانه": 0.7, "كبيرا": 0.5, "نجاحا": 0.4,
}
READINGS = {"هو": 0.6, "آن": 0.8, "إن": 0.8}
ARABIC = {"قال", "أكد", "الوزير", "في", "إن", "هو", "تتقدم", "زار", "كبير", "أمس", "نائب", "مدير",
          "بلدية", "تعاونية", "مدينة", "وصل", "إلى", "السيد", "عن", "شركة"}


def likelihood(tokens: Sequence[str]) -> float:
    scores = [SYLLABLES.get(t, 0.016) for t in tokens]
    product = 1.0
    for s in scores:
        product *= s
    return float(product ** (1 / len(scores)))


def detector() -> NameDetector:
    return NameDetector(lambda w: w in ARABIC, likelihood, lambda w: READINGS.get(w, 0.1))


def names(text: str) -> list[tuple[str, str, dict[str, float]]]:
    return [(s.surface, s.clitic, s.votes) for s in detector().detect(tokenize(text))]


def test_particle_between_two_names_does_not_join_them() -> None:
    # A title, a full name, the particle إن and a place (a sentence written for this test).
    text = "أكد الوزير تران ثانه لام إن ها تينه تتقدم"
    found = names(text)
    assert [f[0] for f in found] == ["تران ثانه لام", "ها تينه"]
    assert found[0][2]["person"] > 0
    spans = detector().detect(tokenize(text))
    assert spans[0].shape == {"person": 1.0}  # family name first, three syllables


@pytest.mark.parametrize(("text", "surface", "clitic"), [
    ("زار وها تينه أمس", "ها تينه", "و"),
    ("وصل للاو كاي أمس", "لاو كاي", "ل"),
    ("قال لنجوين مانه هونغ", "نجوين مانه هونغ", "ل"),
    ("قال للوزير نجوين مانه هونغ", "نجوين مانه هونغ", ""),   # للوزير = ل + الوزير
])
def test_clitics_are_stripped(text: str, surface: str, clitic: str) -> None:
    (found,) = names(text)
    assert found[0] == surface
    assert found[1] == clitic


def test_offsets_exclude_the_clitic() -> None:
    text = "زار وها تينه أمس"
    (span,) = detector().detect(tokenize(text))
    assert text[span.start:span.end] == "ها تينه"


def test_cue_words_give_the_kind_and_anchor_weak_names() -> None:
    found = dict((f[0], f[2]) for f in names("بلدية ين تراش، تعاونية ثين آن."))
    assert found["ين تراش"] == {"place": 2.0}       # a medium token after a place cue
    assert found["ثين آن"] == {"org": 2.0}         # آن joins at the end, before punctuation


def test_title_after_the_name_votes_person() -> None:
    ((surface, _, votes),) = names("قال نجوين ثانه لام، نائب مدير الشركة")
    assert surface == "نجوين ثانه لام"
    assert votes["person"] >= 1.5


def test_arabic_word_between_name_syllables_joins_a_short_name() -> None:
    assert [f[0] for f in names("قال تران هو خانه أمس")] == ["تران هو خانه"]


@pytest.mark.parametrize(("text", "expected"), [
    ("وصل هانوي أمس", ["هانوي"]),        # a fused known name stands alone
    ("وصل لام أمس", []),                 # one syllable without a cue is not a name
    ("مدينة هانوي", ["هانوي"]),
    ("حقق نجاحا كبيرا", []),             # كبيرا is كبير with the accusative alef
])
def test_single_tokens(text: str, expected: list[str]) -> None:
    assert [f[0] for f in names(text)] == expected


def test_letters_that_names_never_use_mark_arabic_words() -> None:
    assert names("قال نجوين مانه الرقمية") == [("نجوين مانه", "", {})]
    assert names("حققت منصةً رائدةً") == []


def test_canonical_form_is_the_most_frequent_then_the_glossary_one() -> None:
    forms = Counter({"تاي نجوين": 9, "ثاي نجوين": 3, "تاي نغوين": 2})
    assert canonical_form(forms) == "تاي نجوين"
    tied = Counter({"ثاي نجوين": 2, "تاي نجوين": 2})
    assert canonical_form(tied, preferred=["تاي نجوين"]) == "تاي نجوين"
    assert canonical_form(tied, canonical=lambda f: "ثاي نجوين") == "ثاي نجوين"
    assert canonical_form(tied) == "تاي نجوين"  # alphabetical as the last resort


@pytest.mark.parametrize(("words", "reading"), [
    ("في إن بي تي", "VNPT"), ("إف بي تي", "FPT"), ("إتش تي سي", "HTC"),
])
def test_acronyms_spelled_with_letter_names(words: str, reading: str) -> None:
    readings = spelled_acronym_readings([fold_ar(w) for w in words.split()])
    assert reading in readings


@pytest.mark.parametrize("words", ["في إن", "في المدينة", "بي"])
def test_prepositions_are_not_acronyms(words: str) -> None:
    assert spelled_acronym_readings([fold_ar(w) for w in words.split()]) == []


READINGS_LVT = [Candidate("Lê Văn Thanh", 0.54), Candidate("Lê Văn Thành", 0.36),
                Candidate("Lý Văn Thanh", 0.04)]


@pytest.mark.parametrize(("glosses", "first"), [
    ({}, "Lê Văn Thanh"),
    ({"Lê Văn Thành": 1}, "Lê Văn Thành"),     # the text wrote the tones
    ({"Ly Van Thanh": 2, "Lê Văn Thành": 1}, "Lý Văn Thanh"),  # the commonest gloss
    ({"Hanoi Times": 1}, "Lê Văn Thanh"),      # not this name: ignored
])
def test_a_gloss_confirms_a_reading(glosses: dict[str, int], first: str) -> None:
    ranked = prefer_gloss(READINGS_LVT, glosses)
    assert ranked[0] == Candidate(first, 0.54)
    assert sorted(c.text for c in ranked) == sorted(c.text for c in READINGS_LVT)
