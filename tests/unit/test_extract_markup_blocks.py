"""Extraction skips markup, spells terms without tatweel and reads long documents in blocks."""

from __future__ import annotations

import importlib
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from toolkit.extract import Extractor, extract_paths
from toolkit.extract.markup import blank_markup
from toolkit.extract.namesetup import name_detector
from toolkit.extract.reader import read_document
from toolkit.extract.tokenize import blocks, tokenize

SAMPLES = Path(__file__).resolve().parents[2] / "toolkit" / "data" / "samples" / "ar"
PLAIN = ("نظمت إدارة الصناعة والتجارة في مدينة كان ثو دورة حول التجارة الإلكترونية.\n"
         "وقالت السيدة تران ثي هونغ إن المنصات الرقمية ساعدت المزارعين في هانوي.\n")
HTML = ('<!DOCTYPE html>\n<html lang="ar"><head><meta charset="UTF-8">'
        "<style>P.MsoNormal { TEXT-ALIGN: right }</style></head>\n"
        '<body><div id="NAV-BAR"><!-- MENU TOP -->\n'
        + "".join(f'<p class="MsoNormal" style="TEXT-ALIGN: right">{line}</p>&nbsp;\n'
                  for line in PLAIN.splitlines())
        + "</div></body></html>\n")


def _found(path: Path) -> dict[tuple[str, str], int]:
    result = extract_paths([path], Extractor())
    return {(c.entry.kind, c.entry.term("ar")): c.entry.frequency for c in result.candidates}


@pytest.mark.parametrize(("text", "kept"), [
    ('<p class="MsoNormal">نص</p>', "نص"),
    ("<!DOCTYPE html><br/>نص&nbsp;&#1575;", "نص"),
    ("<script>var UTF = 'NAV-BAR';</script>نص", "نص"),
    ("a < b و TL > 3", "a < b و TL > 3"),  # not markup: kept
])
def test_markup_is_blanked_keeping_offsets(text: str, kept: str) -> None:
    blanked = blank_markup(text)
    assert len(blanked) == len(text)
    assert " ".join(blanked.split()) == kept


def test_html_markup_gives_no_candidates(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(HTML, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(PLAIN, encoding="utf-8")
    found = _found(tmp_path / "page.md")
    assert found == _found(tmp_path / "plain.txt")
    assert not [key for key in found if key[0] in ("acronym", "code")]


def test_contexts_of_a_marked_up_document_point_into_its_text(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(HTML, encoding="utf-8")
    result = extract_paths([tmp_path / "page.md"], Extractor())
    contexts = [c for cand in result.candidates for c in cand.entry.contexts]
    assert contexts and all(HTML[c.start:c.end] == c.form for c in contexts)
    assert not [c for c in contexts if "<" in c.snippet or "MsoNormal" in c.snippet]


@pytest.mark.parametrize("spelled", ["الرقـمي", "الرقــمي"])
def test_a_term_written_with_tatweel_is_stored_plain(tmp_path: Path, spelled: str) -> None:
    text = (f"يتقدم التحول {spelled} في المقاطعة. ويدعم التحول {spelled} المدارس. "
            "وقال المدير إن التحول الرقمي مستمر.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = extract_paths([tmp_path / "a.txt"], Extractor())
    terms = {c.entry.term("ar"): c.entry for c in result.candidates if c.origin == "term"}
    assert "التحول الرقمي" in terms and terms["التحول الرقمي"].frequency == 3
    assert not [f for e in terms.values() for f in (e.term("ar"), *e.forms["ar"].variants)
                if "\u0640" in f]
    contexts = terms["التحول الرقمي"].contexts
    assert all(text[c.start:c.end] == c.form for c in contexts)


@pytest.mark.parametrize("size", [40, 300, 5000])
@pytest.mark.parametrize("text", [(PLAIN * 60).replace("\n", " ", 7),
                                  ("عنوان بلا نقطة\n" + PLAIN) * 40], ids=["long", "titled"])
def test_blocks_cover_the_text_after_sentences(size: int, text: str) -> None:
    parts = blocks(text, size)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a < b == c for (a, b), (c, _) in pairwise(parts))
    assert all(b - a <= size for a, b in parts)
    # Each cut: after a sentence (PLAIN's lines end with ".") where the second half of
    # the block has one; else after a line (a title); else after a space; else anywhere.
    line_ends = {i + 1 for i, c in enumerate(text) if c == "\n"}
    sentence_ends = {e for e in line_ends if text[e - 2] == "."}
    for a, b in parts[:-1]:
        window = set(range(a + size // 2 + 2, a + size + 1))
        if window & sentence_ends:
            assert b == max(window & sentence_ends)
        elif window & line_ends:
            assert b == max(window & line_ends)
        else:
            assert text[b - 1] == " " or (b == a + size and " " not in text[b - size // 2:b])


def test_a_short_text_is_one_block() -> None:
    assert blocks(PLAIN) == [(0, len(PLAIN))]


def test_tokens_of_a_block_have_offsets_into_the_text() -> None:
    start = PLAIN.index("\n") + 1
    whole = [t for t in tokenize(PLAIN) if t.start >= start]
    assert tokenize(PLAIN, start, len(PLAIN)) == whole


def _entries(doc_path: Path, size: int, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    pipeline = importlib.import_module("toolkit.extract.pipeline")
    tokens = importlib.import_module("toolkit.extract.tokenize")
    monkeypatch.setattr(pipeline, "blocks", lambda text: tokens.blocks(text, size))
    extractor = Extractor()
    extractor.add_document(read_document(doc_path))
    return [(e.entry.kind, e.entry.term("ar"), e.entry.term("vi"), e.entry.frequency,
             e.entry.forms["ar"].variants, e.entry.score,
             [(c.start, c.end, c.form, c.snippet) for c in e.entry.contexts])
            for e in extractor.entries()]


def test_a_document_read_in_blocks_gives_the_same_candidates(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))) * 2
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    whole = _entries(tmp_path / "long.txt", len(text) + 1, monkeypatch)
    assert len(blocks(text, 600)) > 5
    assert _entries(tmp_path / "long.txt", 600, monkeypatch) == whole


class _Counting:
    """A transliterator that counts its ar_to_vi calls."""

    def __init__(self) -> None:
        from toolkit.translit import default_transliterator

        self.inner = default_transliterator()
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def ar_to_vi(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.inner.ar_to_vi(*args, **kwargs)


def test_a_repeated_word_is_decoded_once_by_the_detector() -> None:
    translit = _Counting()
    detector = name_detector(translit)
    assert detector.fused is not None
    assert [detector.fused("هانوي") for _ in range(50)] == [True] * 50
    assert translit.calls == 1
