"""Known entries and what extraction proposes beside them: numbered terms, names spelled
otherwise, fragments and cue words, and documents given twice. Texts written for these tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from glossary.model import Entry
from glossary.store import Store
from tests.unit.entries import approved
from toolkit.extract import Extractor, extract_paths, store_candidates
from toolkit.extract.forms import construct_state, indefinite_form
from toolkit.extract.ranking import cue_fragment
from toolkit.extract.tokenize import coded_key, term_key


def extract(tmp_path: Path, text: str, known: list[Entry]) -> dict[str, Entry]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor(known)).candidates
    return {c.entry.term("ar"): c.entry for c in found}


# ------------------------------------------------------------------ numbered terms
GENERIC = [approved("القرار", "nghị quyết", "resolution", variants=("قرار",)),
           approved("المشروع", "đề án", "project", variants=("مشروع",))]
NUMBERED = [approved("القرار 749/QD-TTg", "Quyết định 749/QĐ-TTg", "Decision 749/QD-TTg",
                     variants=("القرار رقم 749/QD-TTg",)),
            approved("المشروع 06", "Đề án 06", "Project 06", variants=("المشروع رقم 06",))]


@pytest.mark.parametrize(("form", "key"), [
    ("القرار 749/QD-TTg", ("قرار", "749", "QD", "TTg")),
    ("المشروع رقم 06", ("مشروع", "رقم", "06")),
    ("القرار", ("قرار",)),
    ("بالتحول الرقمي", ("تحول", "رقمي")),
])
def test_a_form_keeps_its_numbers_and_latin_words_in_its_key(
        form: str, key: tuple[str, ...]) -> None:
    assert term_key(form) == key
    assert coded_key(key) == (len(key) > 1 and key[-1].isascii())


@pytest.mark.parametrize(("text", "numbered", "generic"), [
    ("وأشار الوزير إلى القرار 749/QD-TTg بشأن البرنامج الوطني للتحول الرقمي.\n",
     "القرار 749/QD-TTg", "القرار"),
    ("وناقش الاجتماع القرار رقم 749/QD-TTg والقرار الجديد للمقاطعة.\n",
     "القرار 749/QD-TTg", "القرار"),
    ("وتابعت المقاطعة تنفيذ المشروع 06 في المدارس.\n", "المشروع 06", "المشروع"),
])
def test_a_numbered_known_term_is_its_own_entry_not_a_variant_of_the_generic_word(
        tmp_path: Path, text: str, numbered: str, generic: str) -> None:
    found = extract(tmp_path, text, [*GENERIC, *NUMBERED])
    assert numbered in found
    assert found[numbered].term("en") in {"Decision 749/QD-TTg", "Project 06"}
    coded = [(ar, v) for ar, e in found.items() if e.kind == "term" and not coded_key(term_key(ar))
             for v in e.forms["ar"].all_admitted() if re.search("[0-9A-Za-z]", v)]
    assert coded == []  # القرار never gains القرار 749/QD-TTg as a variant
    if generic in found:  # seen on its own too (والقرار الجديد)
        assert found[generic].term("en") in {"resolution", "project"}


# ------------------------------------------------------------------ fragments and cue words
MINISTRY = approved("وزارة الصناعة والتجارة", "Bộ Công Thương", "Ministry of Industry and Trade",
                    "org")
DOC_MINISTRY = ("افتتح السيد تران فان آن المؤتمر بحضور ممثلين عن وزارة الصناعة والتجارة. "
                "وترأس السيد تران فان آن الجلسة، وقالت السيدة فام ثي لان إن الحوسبة السحابية "
                "تحتاج إلى استثمار.\n")


@pytest.mark.parametrize("known", [True, False])
def test_fragments_of_a_known_entry_and_cue_words_are_not_proposed(
        tmp_path: Path, known: bool) -> None:
    found = extract(tmp_path, DOC_MINISTRY, [MINISTRY] if known else [])
    fragments = {"وزارة الصناعة", "الصناعة والتجارة", "الصناعة"}
    cues = {"السيد", "السيدة", "ترأس السيد", "افتتح السيد", "وترأس السيد"}
    assert not cues & set(found)
    assert "الحوسبة السحابية" in found
    if known:
        assert "وزارة الصناعة والتجارة" in found and not fragments & set(found)
    else:  # without the entry nothing covers them: they stay candidates
        assert fragments & set(found)


def test_a_fragment_seen_outside_the_known_entry_or_shared_by_two_is_proposed(
        tmp_path: Path) -> None:
    known = [approved("منظومة الشركات الناشئة", "hệ sinh thái khởi nghiệp", "startup ecosystem"),
             approved("الشركات الناشئة المبتكرة", "khởi nghiệp sáng tạo", "innovative startup"),
             MINISTRY]
    text = ("تدعم المقاطعة منظومة الشركات الناشئة، وتمول الشركات الناشئة المبتكرة. "
            "وتتعاون وزارة الصناعة والتجارة مع قطاع الصناعة في المقاطعة.\n")
    found = extract(tmp_path, text, known)
    assert "الشركات الناشئة" in found  # nested in two known entries: a term they share
    assert "الصناعة" in found  # also seen outside the ministry's name
    assert "الصناعة والتجارة" not in found


@pytest.mark.parametrize(("form", "fragment"), [
    ("السيد", True), ("السيدة", True), ("المقاطعة", True),
    ("ترأس السيد", True), ("افتتح السيد", True),
    ("نائب الوزير", False),  # a title of its own: نائب is a cue word too
    ("الحوسبة السحابية", False), ("رئيس الوزراء", False),
])
def test_cue_words_and_phrases_cut_before_a_name(form: str, fragment: bool) -> None:
    assert cue_fragment(term_key(form)) is fragment


# ------------------------------------------------------------------ names spelled otherwise
QUY_NHON = approved("كوي نهون", "Quy Nhơn", "Quy Nhon", "place")
DOC_QUY_NHON = "وأكدت المقاطعة أن مدينة كوي نون ستصبح مدينة ذكية، وزار الوفد مدينة كوي نون.\n"


def test_a_name_read_as_a_known_names_vietnamese_form_is_that_name(tmp_path: Path) -> None:
    found = extract(tmp_path, DOC_QUY_NHON, [QUY_NHON])
    names = {ar: e for ar, e in found.items() if e.kind in ("place", "person", "org")}
    assert list(names) == ["كوي نهون"]
    entry = names["كوي نهون"]
    assert entry.term("vi") == "Quy Nhơn" and entry.frequency == 2
    assert "كوي نون" in entry.forms["ar"].variants


@pytest.mark.parametrize("other", [
    approved("كوي نهون", "Quy Nhon", "Quy Nhon", "place"),  # no diacritics: not the reading
    approved("كوي نهون", "Quy Nhơn", "Quy Nhon", "person"),  # a person: not a place's kind
    approved("كوي نهون", "Quy Nhơn", "Quy Nhon", "term"),  # a term: not a name
])
def test_only_an_exact_reading_of_a_compatible_name_joins_it(
        tmp_path: Path, other: Entry) -> None:
    found = extract(tmp_path, DOC_QUY_NHON, [other])
    assert "كوي نون" in found and found["كوي نون"].term("vi") == "Quy Nhơn"
    assert "كوي نون" not in found["كوي نون"].forms["ar"].variants


# ------------------------------------------------------------------ one document, one count
DOC = "تعمل الحوسبة السحابية في مدينة كوي نون، وتدعم الحوسبة السحابية المدارس.\n"


def test_a_file_given_twice_is_read_once_under_its_absolute_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "dd"
    docs.mkdir()
    (docs / "d1.txt").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = extract_paths(["dd", "dd/d1.txt", str(docs / "d1.txt")], Extractor())
    real = os.path.realpath(docs / "d1.txt")
    assert result.documents == [real]
    cloud = next(c for c in result.candidates if c.entry.term("ar") == "الحوسبة السحابية")
    assert cloud.entry.frequency == 2 and cloud.doc_counts == {real: 2}
    assert {c.doc for c in cloud.entry.contexts} == {real}


def test_extracting_a_file_again_by_another_path_counts_it_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "dd"
    docs.mkdir()
    (docs / "d1.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "link").symlink_to(docs)
    frequencies = []
    with Store(tmp_path / "g.db") as store:
        for cwd, path in [(tmp_path, "dd/d1.txt"), (docs, "d1.txt"),
                          (tmp_path, str(docs / "d1.txt")), (tmp_path, "link/d1.txt")]:
            monkeypatch.chdir(cwd)
            rows = store_candidates(store, extract_paths([path], Extractor()).candidates)
            frequencies.append({e.term("ar"): e.frequency for e, _ in rows}["الحوسبة السحابية"])
    assert frequencies == [2, 2, 2, 2]


@pytest.mark.parametrize(("form", "construct"), [
    ("مدير إدارة", True),  # before a genitive: مدير إدارة العلوم والتكنولوجيا
    ("مدير الإدارة", False),
    ("مدراء الإدارة", False),  # another word
    ("مدير", False),
])
def test_a_construct_state_spelling_is_told_apart(form: str, construct: bool) -> None:
    assert construct_state(form, "مدير الإدارة") is construct


def test_extracting_again_with_the_first_runs_glossary_proposes_nothing_new(
        tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text("وقال مدير إدارة العلوم والتكنولوجيا إن مدير إدارة العلوم والتكنولوجيا "
                   "يتابع التحول الرقمي.\n", encoding="utf-8")
    starter = [approved("مدير الإدارة", "giám đốc sở", "Director of the Department"),
               approved("إدارة العلوم والتكنولوجيا", "Sở Khoa học và Công nghệ",
                        "Department of Science and Technology")]
    with Store(tmp_path / "g.db") as store:
        runs = []
        for _ in range(2):
            known = [*store.iter_entries(status="approved"), *starter]
            found = extract_paths([doc], Extractor(known, approve_known=True)).candidates
            store_candidates(store, found, approve_known=True)
            runs.append(sorted(c.entry.term("ar") for c in found))
        assert runs[0] == runs[1]
        director = next(e for e in store.iter_entries() if e.term("ar") == "مدير الإدارة")
        assert "مدير إدارة" not in director.forms["ar"].variants


@pytest.mark.parametrize(("form", "indefinite"), [
    ("الموارد البشرية الرقمية", "موارد بشرية رقمية"),
    ("التحول الرقمي", "تحول رقمي"),
    ("مدير الإدارة", None),  # a construct: مدير إدارة is the construct state
    ("الحكومة", None),  # one word
    ("قاعدة البيانات", None),
])
def test_the_indefinite_form_of_a_definite_noun_phrase(form: str,
                                                       indefinite: str | None) -> None:
    assert indefinite_form(form) == indefinite


def test_an_indefinite_occurrence_of_an_approved_term_covers_its_fragments(
        tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text("تحتاج المقاطعة إلى موارد بشرية رقمية مؤهلة، وتدرب الموارد البشرية "
                   "الرقمية في كل بلدية.\n", encoding="utf-8")
    known = [approved("الموارد البشرية الرقمية", "nhân lực số", "digital human resources")]
    found = extract_paths([doc], Extractor(known)).candidates
    terms = {c.entry.term("ar"): c for c in found}
    # Every occurrence of these lies inside one of the entry's (its keys drop the article).
    assert not {"البشرية الرقمية", "الموارد البشرية", "بشرية رقمية", "موارد بشرية"} & set(terms)
    assert terms["الموارد البشرية الرقمية"].entry.frequency == 2
