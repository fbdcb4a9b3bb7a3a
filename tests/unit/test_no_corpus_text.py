"""No run of corpus text is copied into the tests or the shipped data.

The reference corpus (../shared/corpus/ar) may be read, never copied: single names,
terms and codes are fine, a run of :data:`RUN` consecutive words is a copied passage.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary.normalize import normalize_ar

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"
#: Consecutive words shared with the corpus that make a copied passage.
RUN = 6
_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3A-Za-z0-9\u00C0-\u1EFF]+")
#: Where text written for avet lives.
CHECKED = ("tests", "toolkit/data")


def words(text: str) -> list[str]:
    """The words of ``text``, folded as match keys (diacritics and hamza forms ignored)."""
    return _WORD.findall(normalize_ar(text).text)


def runs(text: str) -> set[tuple[str, ...]]:
    ws = words(text)
    return {tuple(ws[i:i + RUN]) for i in range(len(ws) - RUN + 1)}


def test_runs_are_found_across_diacritics_and_lines() -> None:
    assert runs("أ ب ت\nث ج ح") == runs("ا ب ت ث ج ح") != set()


@pytest.fixture(scope="module")
def corpus() -> set[tuple[str, ...]]:
    if not CORPUS.is_dir():
        pytest.skip("the reference corpus is not here")
    found: set[tuple[str, ...]] = set()
    for path in sorted(CORPUS.glob("*.txt")):
        found |= runs(path.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("folder", CHECKED)
def test_no_corpus_passage_is_copied(folder: str, corpus: set[tuple[str, ...]]) -> None:
    assert corpus
    copied = []
    for path in sorted((ROOT / folder).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary (xlsx, snapshots of other kinds)
        found = runs(text) & corpus
        if found:
            copied.append(f"{path.relative_to(ROOT)}: {' '.join(min(found))}")
    assert copied == []
