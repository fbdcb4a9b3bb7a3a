"""One table of entry kinds for extraction (toolkit/extract/kinds.py): the modules that
sort entries by kind share it, and batch extract's key (known.known_hash) reads names
and codes as written, terms by their spellings. Forms written for these tests."""

from __future__ import annotations

import pytest

from glossary.model import KINDS
from tests.unit.entries import approved
from toolkit.extract import building, kinds, known, pipeline


@pytest.mark.parametrize(("module", "name"), [
    (building, "COMPATIBLE_KINDS"),
    (pipeline, "NAME_KINDS"),
    (pipeline, "CODE_KINDS"),
    (pipeline, "COMPATIBLE_KINDS"),
    (known, "VERBATIM_KINDS"),
])
def test_the_modules_share_one_kind_table(module: object, name: str) -> None:
    assert getattr(module, name) is getattr(kinds, name)


def test_verbatim_kinds_are_the_name_and_code_kinds() -> None:
    assert {*kinds.NAME_KINDS, *kinds.CODE_KINDS} == kinds.VERBATIM_KINDS
    # every kind of the glossary is a name, a code or the term
    assert set(KINDS) == {*kinds.VERBATIM_KINDS, "term"}
    assert set(kinds.COMPATIBLE_KINDS) == set(kinds.NAME_KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_known_hash_reads_names_and_codes_as_written(kind: str) -> None:
    plain = approved("جامعة", "đại học", "university", kind=kind)
    spelled = approved("جامعة", "đại học", "university", kind=kind, variants=("الجامعة",))
    # The article form only spells the term (no count changes); of a name or a code,
    # it is another form the matcher finds.
    changed = known.known_hash([plain]) != known.known_hash([spelled])
    assert changed is (kind in kinds.VERBATIM_KINDS)
