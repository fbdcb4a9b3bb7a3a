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


#: Gold rows of a term: the name of a body may be longer than RUN words
#: (اللجنة التوجيهية المركزية لتطوير ... : nine words); its Arabic cells are terms,
#: not passages, when they have at most this many words.
TERM_WORDS = 10


def checked_text(path: Path, text: str) -> str:
    """``text`` without the Arabic cells of the gold set's term rows (each one term)."""
    if path.suffix != ".tsv" or path.parent.name != "gold":
        return text
    kept = []
    for line in text.splitlines():
        cells = line.split("\t")
        if cells[0] == "term" and len(cells) > 2 and all(
                len(words(form)) <= TERM_WORDS for form in [cells[1], *cells[2].split("|")]):
            cells[1:3] = ["", ""]
        kept.append("\t".join(cells))
    return "\n".join(kept)


def test_a_long_gold_term_is_a_term_and_its_note_is_still_checked() -> None:
    term, note = "ا ب ت ث ج ح خ", "س ش ص ض ط ظ ع"
    row = f"term\t{term}\t\tvi\ten\tterm\tno\t{note}"
    in_gold = runs(checked_text(Path("tests/data/gold/x.tsv"), row))
    assert runs(note) <= in_gold and not runs(term) & in_gold
    assert runs(term) <= runs(checked_text(Path("tests/data/x.tsv"), row))


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
        found = runs(checked_text(path, text)) & corpus
        if found:
            copied.append(f"{path.relative_to(ROOT)}: {' '.join(min(found))}")
    assert copied == []
