"""An approved entry found several ways (two spellings read by two detectors, an
acronym and a term) is one candidate that holds every occurrence."""

from __future__ import annotations

from pathlib import Path

from glossary.model import Entry
from tests.unit.entries import approved
from toolkit.extract import Extractor, extract_paths
from toolkit.extract.results import Extracted


def _found(tmp_path: Path, text: str, known: list[Entry]) -> list[Extracted]:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    return extract_paths([tmp_path / "a.txt"], Extractor(known)).candidates


def test_two_spellings_of_an_approved_place_are_one_candidate(tmp_path: Path) -> None:
    place = approved("تاي نينه", "Tây Ninh", "Tay Ninh", kind="place")
    place.forms["ar"].variants = ["تاي نين"]
    text = ("تاي نينه: خطة جديدة للتحول الرقمي.\n"
            "وقال رئيس اللجنة الشعبية لمقاطعة تاي نين، إن تاي نينه ستطلق المنصة.\n"
            "وتعمل تاي نينه مع المقاطعات المجاورة.\n")
    found = [x for x in _found(tmp_path, text, [place]) if x.entry.term("vi") == "Tây Ninh"]
    assert len(found) == 1
    assert sum(found[0].doc_counts.values()) == found[0].entry.frequency == 4


def test_an_acronym_of_an_approved_body_counts_for_it(tmp_path: Path) -> None:
    committee = approved("اللجنة الشعبية", "Ủy ban nhân dân", "People's Committee", kind="org")
    committee.forms["vi"].variants = ["UBND"]
    text = ("أعلنت اللجنة الشعبية للمقاطعة خطة جديدة. وقالت اللجنة الشعبية إن الخطة "
            "تشمل القرى. ووقع ممثل UBND على الاتفاق.\n")
    found = _found(tmp_path, text, [committee])
    ours = [x for x in found if x.entry.term("en") == "People's Committee"]
    assert len(ours) == 1 and ours[0].known
    assert sum(ours[0].doc_counts.values()) == 3
    assert [x for x in found if x.entry.term("ar") == "UBND"] == []
