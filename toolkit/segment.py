"""Sentence segmentation that keeps a document's layout.

:func:`segment` cuts a document into pieces whose concatenation is the
document, byte for byte. Translatable pieces are sentences; the rest (line
breaks, indentation, Markdown-like markers such as ``#``, ``-``, ``1.``,
``>``, table bars ``|``, images ``![..](..)``, lines that are only a URL or
only numbers and punctuation) is kept as it is. Sentences end at ``.``, ``!``,
``?``, the Arabic question mark ``؟``, ``…`` and the Arabic full stop ``۔``
followed by a space, but never inside a URL, a number (``1.3``, ``45.79%``,
``11,595``) or a document code (``749/QD-TTg``), nor after a one-letter
initial or a listed abbreviation.

:func:`reassemble` puts translated sentences back in place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Segment", "reassemble", "segment", "translatable"]

#: URLs, e-mail addresses and bare domains; never cut and never translated.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.]+", re.UNICODE)
_MARKER_RE = re.compile(r"^(\s*)(#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s+|>\s*|\*\s+)?")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_SENT_END_RE = re.compile(r"([.!?؟…۔]+[\"'”’»)\]]*)(\s+)")
_NO_WORDS_RE = re.compile(r"^[\W\d_]*$", re.UNICODE)
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "no", "vs", "etc", "e.g", "i.e",
                            "st", "ông", "bà", "tp", "tt", "q", "p"})


@dataclass(frozen=True)
class Segment:
    """A piece of a document.

    Attributes:
        text: The piece, exactly as in the document.
        start: Offset of the piece in the document.
        line: 0-based line number.
        translatable: True for a sentence, False for layout kept verbatim.
    """

    text: str
    start: int
    line: int
    translatable: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def translatable(segments: Sequence[Segment]) -> list[Segment]:
    """Returns the translatable segments, in order."""
    return [s for s in segments if s.translatable]


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in URL_RE.finditer(text)]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _is_boundary(body: str, match: re.Match[str], spans: Sequence[tuple[int, int]]) -> bool:
    dot = match.start(1)
    if _inside(dot, spans):
        return False
    before = body[:dot].rsplit(None, 1)
    word = before[-1] if before else ""
    if match.group(1) == "." and word:
        if len(word) == 1 and word.isalpha():
            return False
        if word.lower().rstrip(".") in _ABBREVIATIONS:
            return False
    return True


def _split_sentences(body: str, offset: int, line: int) -> list[Segment]:
    """Cuts one line's body into sentences and the whitespace between them."""
    spans = _protected_spans(body)
    pieces: list[Segment] = []
    start = 0
    for match in _SENT_END_RE.finditer(body):
        if not _is_boundary(body, match, spans):
            continue
        end = match.end(1)
        pieces.append(Segment(body[start:end], offset + start, line, True))
        pieces.append(Segment(match.group(2), offset + end, line, False))
        start = match.end()
    if start < len(body):
        pieces.append(Segment(body[start:], offset + start, line, True))
    return [_classify(p) for p in pieces if p.text]


def _classify(piece: Segment) -> Segment:
    """Marks pieces that hold no words (numbers, punctuation, a lone URL) as layout."""
    if not piece.translatable:
        return piece
    core = URL_RE.sub("", piece.text)
    if _NO_WORDS_RE.match(core):
        return Segment(piece.text, piece.start, piece.line, False)
    return piece


def _split_body(body: str, offset: int, line: int) -> list[Segment]:
    """Splits a line body around images and trailing spaces, then into sentences."""
    out: list[Segment] = []
    cursor = 0
    for image in _IMAGE_RE.finditer(body):
        out += _split_sentences(body[cursor:image.start()], offset + cursor, line)
        out.append(Segment(image.group(), offset + image.start(), line, False))
        cursor = image.end()
    rest = body[cursor:]
    stripped = rest.rstrip()
    out += _split_sentences(stripped, offset + cursor, line)
    if len(stripped) < len(rest):
        out.append(Segment(rest[len(stripped):], offset + cursor + len(stripped), line, False))
    return out


def _split_table_row(body: str, offset: int, line: int) -> list[Segment]:
    out: list[Segment] = []
    cursor = 0
    for bar in re.finditer(r"\s*\|\s*", body):
        out += _split_body(body[cursor:bar.start()], offset + cursor, line)
        out.append(Segment(bar.group(), offset + bar.start(), line, False))
        cursor = bar.end()
    out += _split_body(body[cursor:], offset + cursor, line)
    return out


def segment(text: str, lang: str = "ar") -> list[Segment]:
    """Cuts a document into sentences and verbatim layout pieces.

    Args:
        text: The document.
        lang: Its language (``ar``, ``vi`` or ``en``); the rules are shared, the
            argument is kept for language-specific abbreviations.

    Returns:
        Segments whose texts, concatenated, give back ``text`` exactly.
    """
    del lang  # The rules above cover the three languages alike.
    segments: list[Segment] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        content = raw.rstrip("\r\n")
        newline = raw[len(content):]
        marker = _MARKER_RE.match(content)
        head = marker.group(0) if marker else ""
        if head:
            segments.append(Segment(head, offset, number, False))
        body = content[len(head):]
        body_offset = offset + len(head)
        if body.lstrip().startswith("|") or body.rstrip().endswith("|"):
            segments += _split_table_row(body, body_offset, number)
        else:
            segments += _split_body(body, body_offset, number)
        if newline:
            segments.append(Segment(newline, offset + len(content), number, False))
        offset += len(raw)
    return [s for s in segments if s.text]


def reassemble(segments: Sequence[Segment], translations: Mapping[int, str]) -> str:
    """Rebuilds a document with translated sentences.

    Args:
        segments: The output of :func:`segment`.
        translations: Translated text by index into ``segments``; pieces
            without a translation are kept as they are.

    Returns:
        The document with every translated piece replaced.
    """
    return "".join(translations.get(i, seg.text) for i, seg in enumerate(segments))
