"""One Extractor fed by several extract_paths calls counts each document once."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.extract import Extractor, extract_paths

# Written for these tests.
DOC_ONE = ("زار السيد نجوين مانه هونغ مقاطعة تاي نجوين، وأكد أن التحول الرقمي "
           "في مقاطعة تاي نجوين يعتمد على منصة VNeID.\n")
DOC_TWO = ("تعمل مدينة دا نانغ على التحول الرقمي والحوسبة السحابية، "
           "وتدعم الحوسبة السحابية الخدمات العامة في مقاطعة تاي نجوين.\n")


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.txt").write_text(DOC_ONE, encoding="utf-8")
    (two / "b.txt").write_text(DOC_TWO, encoding="utf-8")
    return one, two


def _evidence(candidates: list) -> dict[tuple[str, str], dict[str, int]]:
    return {(c.origin, c.entry.term("ar")): dict(c.doc_counts) for c in candidates}


@pytest.mark.parametrize("again", ["same", "parent", "file"])
def test_a_second_call_over_the_same_documents_adds_nothing(
        folders: tuple[Path, Path], again: str) -> None:
    one, _ = folders
    extractor = Extractor()
    first = extract_paths([one], extractor)
    before = _evidence(first.candidates)
    path = {"same": one, "parent": one / ".." / "one", "file": one / "a.txt"}[again]
    second = extract_paths([path], extractor)
    assert second.documents == first.documents == [str((one / "a.txt").resolve())]
    assert _evidence(second.candidates) == before
    assert max(n for counts in before.values() for n in counts.values()) >= 2
    assert len(second.notices) == 1
    assert second.notices[0].endswith(
        "a.txt: already read into this extractor, not counted again")


def test_folder_by_folder_adds_up_to_one_call(folders: tuple[Path, Path]) -> None:
    one, two = folders
    extractor = Extractor()
    extract_paths([one], extractor)
    stepwise = extract_paths([one, two], extractor)
    single = extract_paths([one, two], Extractor())
    assert stepwise.documents == single.documents
    assert len(single.documents) == 2
    assert _evidence(stepwise.candidates) == _evidence(single.candidates)
    assert [n for n in stepwise.notices if "already read" in n] == [
        f"{one / 'a.txt'}: already read into this extractor, not counted again"]
    assert not single.notices
