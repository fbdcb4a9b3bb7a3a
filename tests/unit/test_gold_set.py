"""The gold set of the reference corpus is well formed: both passes, no row twice,
Vietnamese in NFC, and every Arabic form of a term found in the corpus."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from glossary.normalize import match_key
from toolkit.extract.pipeline import _term_key_of

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
PASSES = [GOLD_DIR / "corpus_gold.tsv", GOLD_DIR / "corpus_gold_terms2.tsv"]
CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines
            if line.strip() and not line.startswith(("#", "type\t"))]


@pytest.mark.parametrize("path", PASSES, ids=lambda p: p.name)
def test_every_row_has_eight_columns_a_type_and_nfc_vietnamese(path: Path) -> None:
    rows = _rows(path)
    assert rows
    assert [r[1] for r in rows if len(r) != 8] == []
    assert {r[0] for r in rows} <= {"name", "term", "code"}
    assert [r[3] for r in rows if unicodedata.normalize("NFC", r[3]) != r[3]] == []
    assert [r[1] for r in rows if not r[3] or not r[4]] == []


def test_no_term_is_listed_twice_across_the_passes() -> None:
    # A row's variants may share its key (تحول رقمي, التحول الرقمي); two rows may not.
    keys = [key for path in PASSES for row in _rows(path) if row[0] == "term"
            for key in {_term_key_of(form) for form in [row[1], *filter(None, row[2].split("|"))]}]
    assert len(keys) == len(set(keys))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="reference corpus ../shared/corpus/ar absent")
def test_every_second_pass_form_occurs_in_the_corpus() -> None:
    text = " ".join(match_key(p.read_text(encoding="utf-8"), "ar")
                    for p in sorted(CORPUS.glob("*.txt")))
    # A form may follow a fused ل (للبنية): look for it without its article too.
    missing = [form for row in _rows(PASSES[1])
               for form in [row[1], *filter(None, row[2].split("|"))]
               if match_key(form, "ar") not in text
               and match_key(form, "ar").removeprefix("ال") not in text]
    assert missing == []
