"""Where a detected name starts and ends, which approved name it may join, and which
kind of reading it gets: rules that read the context (cue words, titles, the copula
هو), on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from glossary.model import Candidate
from tests.unit.entries import approved
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.names import NameDetector
from toolkit.extract.readings import rank_readings
from toolkit.extract.tokenize import tokenize

# Per-token name likelihoods of a stand-in transliterator (written for these tests):
# لحي (ل + the cue حي) and دين ("religion"; also Đình spelled without its final ه)
# read as name tokens, as the real transliterator reads them.
SYLLABLES = {"نغيا": 0.7, "دو": 0.8, "لحي": 0.3, "دوك": 0.8, "فوك": 0.8, "نجوين": 0.9,
             "مانه": 0.8, "هونغ": 0.8, "فان": 0.8, "لوك": 0.8, "ثي": 0.8, "ترينه": 0.8,
             "زونغ": 0.4, "دين": 0.8}
READINGS = {"هو": 0.6}
ARABIC = {"قال", "وقال", "اللجنة", "الشعبية", "السيد", "السيدة", "وزير", "المالية", "هو",
          "رئيس", "الوزراء", "المشروع", "في", "دين", "إن"}


def likelihood(tokens: Sequence[str]) -> float:
    product = 1.0
    for token in tokens:
        product *= SYLLABLES.get(token, 0.016)
    return float(product ** (1 / len(tokens)))


def names(text: str) -> list[tuple[str, dict[str, float]]]:
    detector = NameDetector(lambda w: w in ARABIC, likelihood, lambda w: READINGS.get(w, 0.1))
    return [(s.surface, s.votes) for s in detector.detect(tokenize(text))]


def test_a_cue_word_behind_a_proclitic_is_the_cue_not_a_syllable() -> None:
    # لحي = ل + حي ("ward"): two letters after the proclitic, still the cue word.
    assert names("اللجنة الشعبية لحي نغيا دو") == [("نغيا دو", {"place": 2.0})]


@pytest.mark.parametrize(("text", "surface"), [
    ("وقال السيد هو دوك فوك إن", "هو دوك فوك"),            # Hồ after an honorific
    ("قالت السيدة هو ثي لوك إن", "هو ثي لوك"),
    ("وقال السيد هو فان لوك إن", "هو فان لوك"),            # فان may be Phan: still Hồ
    ("وقال وزير المالية هو دوك فوك إن", "هو دوك فوك"),     # title + definite complement
])
def test_ho_after_a_person_cue_is_the_family_name(text: str, surface: str) -> None:
    assert names(text) == [(surface, {"person": 2.0})]


@pytest.mark.parametrize(("text", "surface"), [
    # هو is the copula ("is") where the name after it starts with a family name.
    ("وقال وزير المالية هو نجوين دوك فوك", "نجوين دوك فوك"),
    ("رئيس الوزراء هو نجوين مانه هونغ", "نجوين مانه هونغ"),
    # and without a person cue هو never starts a name.
    ("المشروع هو دوك فوك", "دوك فوك"),
])
def test_ho_as_the_copula_stays_out_of_the_name(text: str, surface: str) -> None:
    assert [found for found, _ in names(text)] == [surface]


@pytest.mark.parametrize(("text", "expected"), [
    # دين reads as a strong name token: it joins the name the cue introduces.
    ("وقال السيد ترينه دين زونغ إن", [("ترينه دين زونغ", {"person": 2.0})]),
    # an Arabic word that is no name token ends it.
    ("وقال السيد ترينه في زونغ", [("ترينه", {"person": 2.0})]),
])
def test_an_arabic_word_read_as_a_name_token_joins_a_cued_person(
        text: str, expected: list[tuple[str, dict[str, float]]]) -> None:
    assert names(text) == expected


TO_LAM = approved("تو لام", "Tô Lâm", "To Lam", kind="person", variants=("طو لام",))
THANH_HOA = approved("ثانه هوا", "Thanh Hóa", "Thanh Hoa", kind="place")


def name_entries(tmp_path: Path, text: str) -> dict[str, tuple[str, str, bool]]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor([TO_LAM, THANH_HOA])).candidates
    return {c.entry.term("ar"): (c.entry.kind, c.entry.term("vi"), c.known)
            for c in found if c.origin == "name"}


@pytest.mark.parametrize("text", [
    "زار الوفد بلدية ثو لام في المقاطعة.",   # a commune: its cue says place
    "وصل ثو لام إلى المدينة.",               # no cue: ث reads Th, never Tô Lâm
])
def test_a_name_with_the_key_of_an_approved_person_stays_apart(
        tmp_path: Path, text: str) -> None:
    entries = name_entries(tmp_path, text)
    assert "ثو لام" in entries
    assert entries["ثو لام"][2] is False
    assert entries["ثو لام"][1] != "Tô Lâm"
    assert "تو لام" not in entries


def test_a_person_cue_keeps_another_spelling_of_an_approved_place_apart(
        tmp_path: Path) -> None:
    # تانه هوا reads Thanh Hóa (the key of ثانه هوا), but السيد names a person.
    entries = name_entries(tmp_path, "وقال السيد تانه هوا إن الوفد وصل.")
    assert entries["تانه هوا"][0] == "person"
    assert entries["تانه هوا"][2] is False
    assert "ثانه هوا" not in entries


def test_another_spelling_of_an_approved_name_joins_it(tmp_path: Path) -> None:
    entries = name_entries(tmp_path, "وقال السيد تو لام إن الوفد زار مقاطعة تانه هوا.")
    assert entries["تو لام"] == ("person", "Tô Lâm", True)
    assert entries["ثانه هوا"] == ("place", "Thanh Hóa", True)   # تانه هوا: its variant


# Readings per kind, each kind's scores normalised on its own (written for these tests):
# as a person the name has one likely reading, as a place its readings differ by a tone.
KIND_READINGS: dict[str | None, list[Candidate]] = {
    "place": [Candidate("Tân Sơn Nhật", 0.4), Candidate("Tân Sơn Nhất", 0.35)],
    "person": [Candidate("Thân Sơn Nhật", 0.5), Candidate("Thân Sơn Nhất", 0.1)],
    None: [Candidate("Tân Sơn Nhật", 0.3), Candidate("Tân Sơn Nhất", 0.25),
           Candidate("Thân Sơn Nhật", 0.2)],
}


class StandInTranslit:
    """Returns :data:`KIND_READINGS` whatever the spelling."""

    def ar_to_vi(self, text: str, *, top: int = 5, kind: str | None = None) -> list[Candidate]:
        return KIND_READINGS[kind][:top]


def test_kinds_of_readings_are_compared_on_likelihood() -> None:
    # تان is also the spelling of the family name Thân: the place's readings are read
    # as a person's too, and the likelier reading (as a name of unknown kind) wins.
    ranked = rank_readings(StandInTranslit(), {"تان سون نهات": 1}, "place", "تان سون نهات")
    assert ranked[0].text == "Tân Sơn Nhật"
    assert {c.text for c in ranked} == {"Tân Sơn Nhật", "Tân Sơn Nhất", "Thân Sơn Nhật",
                                        "Thân Sơn Nhất"}
