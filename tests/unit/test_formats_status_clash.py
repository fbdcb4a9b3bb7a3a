"""A form shared by an approved entry and a candidate or rejected one: a full export
(every status) reads back, as matching uses approved entries only; two approved
entries sharing a form with different translations are still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import FormatError
from glossary.formats import read_glossary_lines, write_glossary
from glossary.model import STATUSES, Entry, Forms


def _entries(status: str) -> list[Entry]:
    # As extraction stores them: a candidate whose vi reading is an approved entry's variant.
    twin = Entry(forms={"ar": Forms("التوأم الرقمي"), "vi": Forms("song sinh số", ["bản sao số"]),
                        "en": Forms("digital twin")}, status="approved")
    copies = Entry(forms={"ar": Forms("النسخ الرقمية"), "vi": Forms("bản sao số"),
                          "en": Forms("digital copies")}, status=status)
    return [twin, copies]


def _view(entry: Entry) -> tuple[object, ...]:
    return (entry.status, *((entry.forms[lang].preferred, tuple(entry.forms[lang].variants))
                            for lang in ("ar", "vi", "en")))


@pytest.mark.parametrize("name", ["g.json", "g.jsonl", "g.csv", "g.tsv", "g.tbx", "g.xlsx"])
@pytest.mark.parametrize("status", ["candidate", "rejected"])
def test_a_full_export_with_a_candidate_clash_reads_back(
        tmp_path: Path, name: str, status: str) -> None:
    entries = _entries(status)
    write_glossary(entries, tmp_path / name, statuses=STATUSES)
    read = [entry for _, entry in read_glossary_lines(tmp_path / name)]
    assert [_view(e) for e in read] == [_view(e) for e in entries]


@pytest.mark.parametrize(("name", "line"), [("g.jsonl", 2), ("g.csv", 3), ("g.tsv", 3)])
def test_two_approved_entries_sharing_a_form_are_still_refused(
        tmp_path: Path, name: str, line: int) -> None:
    write_glossary(_entries("approved"), tmp_path / name, statuses=STATUSES)
    with pytest.raises(FormatError) as info:
        read_glossary_lines(tmp_path / name)
    assert info.value.line == line
    assert info.value.message == (
        f"vi term 'bản sao số' on line {line} is the vi variant 'bản sao số' of line "
        f"{line - 1}, whose ar term is 'التوأم الرقمي', not 'النسخ الرقمية'")
