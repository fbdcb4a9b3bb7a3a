"""An approved term that the term counter never proposes (a phrase with ل inside, a word
seen only without the article) is counted from the glossary matcher's occurrences
(toolkit/extract/building.py), once per occurrence. Texts written for these tests."""

from __future__ import annotations

import pytest

from glossary.model import Entry
from tests.unit.entries import approved
from toolkit.extract import MAX_CONTEXTS, Document, Extracted, Extractor

INFRA = approved("البنية التحتية للبيانات", "hạ tầng dữ liệu", "data infrastructure")
UNIVERSITY = approved("جامعة", "đại học", "university", variants=("الجامعة",))
DUTY = approved("مسؤولية", "trách nhiệm", "responsibility", variants=("مسئولية",))

#: Three occurrences of the ل-phrase (bare, after ل, after و) and one coordination.
PHRASE = ("تدعم الحكومة البنية التحتية للبيانات في المدن. وتستثمر الشركات في البنية "
          "التحتية والبيانات معا.\nوتحتاج القرى للبنية التحتية للبيانات، والبنية التحتية "
          "للبيانات أساس الخدمات.\n")
#: جامعة twice without the article, once as a dual (another number: not counted).
INDEFINITE = ("قال الوزير إن جامعة واحدة لا تكفي. وتتعاون جامعتين في البحث، وتبني المدينة "
              "جامعة جديدة.\n")
#: The spelling مسئولية (an approved variant) and مسؤولية, both without the article.
SPELLED = "قال الوزير إن مسئولية الحكومة كبيرة. وتتحمل الشركات مسؤولية كاملة.\n"
#: The counter proposes الجامعة (twice); the matcher adds جامعة (once): three in all.
BOTH = "زار الوزير الجامعة الجديدة. وقال إن الجامعة تعمل مع جامعة أخرى.\n"


def extracted(entries: list[Entry], *texts: str) -> dict[str, Extracted]:
    extractor = Extractor(entries)
    for i, text in enumerate(texts):
        extractor.add_document(Document(f"/docs/{i}.txt", text, "utf-8"))
    return {x.entry.term("ar"): x for x in extractor.entries()}


@pytest.mark.parametrize(("entry", "texts", "count"), [
    (INFRA, (PHRASE,), 3),
    (INFRA, (PHRASE, PHRASE), 6),
    (UNIVERSITY, (INDEFINITE,), 2),
    (DUTY, (SPELLED,), 2),
    (UNIVERSITY, (BOTH,), 3),
    (UNIVERSITY, (BOTH, INDEFINITE), 5),
])
def test_an_approved_term_counts_every_occurrence_the_matcher_finds(
        entry: Entry, texts: tuple[str, ...], count: int) -> None:
    found = extracted([entry], *texts)[entry.term("ar")]
    assert found.known
    assert found.entry.frequency == count
    assert found.entry.term("vi") == entry.term("vi")
    assert len(found.entry.contexts) == min(count, MAX_CONTEXTS)


def test_a_coordination_and_a_dual_are_not_forms_of_the_term() -> None:
    found = extracted([INFRA, UNIVERSITY], PHRASE, INDEFINITE)
    assert "البنية التحتية والبيانات" not in found[INFRA.term("ar")].entry.forms["ar"].variants
    assert "جامعتين" not in found[UNIVERSITY.term("ar")].entry.forms["ar"].all_admitted()
    coordination = found.get("البنية التحتية والبيانات")
    assert coordination is None or not coordination.known


@pytest.mark.parametrize("approve", [False, True])
def test_a_term_found_only_by_the_matcher_is_approved_with_approve_known(approve: bool) -> None:
    extractor = Extractor([INFRA], approve_known=approve)
    extractor.add_document(Document("/docs/0.txt", PHRASE, "utf-8"))
    found = {x.entry.term("ar"): x for x in extractor.entries()}[INFRA.term("ar")]
    assert found.entry.status == ("approved" if approve else "candidate")
    assert found.entry.score > 0
