"""Sentence segmentation that keeps a document's layout.

:func:`segment` cuts a document into pieces whose concatenation is the
document, byte for byte. Translatable pieces are sentences, without the
whitespace around them; the rest (that whitespace, line
breaks, indentation, Markdown-like markers such as ``#``, ``-``, ``1.``,
``>``, table bars ``|``, images ``![..](..)``, lines that are only a URL or
only numbers and punctuation) is kept as it is. Sentences end at ``.``, ``!``,
``?``, the Arabic question mark ``؟``, ``…`` and the Arabic full stop ``۔``
followed by a space, but never inside a URL, domain or e-mail address (the
punctuation ending one is not part of it, as :func:`toolkit.sourcecodes.urls`
reads it: ``Xem tại https://a.gov.vn. Bộ …`` is cut after ``.vn.``), a
number (``1.3``, ``45.79%``, ``11,595``) or a document code
(``749/QD-TTg``), nor after a one-letter
initial, nor after an abbreviation of the document's language where its
condition holds (``No. 5`` but ``He said no. The …``; ``TS. Nguyễn``): the
table ``toolkit/data/segment/abbreviations.tsv``, read by
:func:`load_abbreviations`.

:func:`reassemble` puts translated sentences back in place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from glossary.errors import FormatError, InputError
from toolkit.extract.codes import URL_RE
from toolkit.sourcecodes import urls

__all__ = ["HOLDS", "Segment", "load_abbreviations", "reassemble", "segment", "translatable"]

_MARKER_RE = re.compile(r"^(\s*)(#{1,6}\s+|[-*+•]\s+|\d{1,3}[.)]\s+|>\s*|\*\s+)?")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_SENT_END_RE = re.compile(r"([.!?؟…۔]+[\"'”’»)\]]*)(\s+)")
_NO_WORDS_RE = re.compile(r"^[\W\d_]*$", re.UNICODE)
#: A line with its ending: only ``\r\n``, ``\n`` and ``\r`` end a line, as in an
#: editor and ``grep -n`` (not the form feed, U+2028 … that :meth:`str.splitlines` takes).
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")
#: Breaks inside a line that no sentence crosses (form feed between pdftotext pages,
#: U+2028 line separator …): kept as layout, on the line they are on.
_SOFT_BREAK_RE = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")
#: A Markdown table's cell separator with the spaces around it.
_TABLE_BAR_RE = re.compile(r"\s*\|\s*")

_LANGS = ("ar", "vi", "en")
_TABLE = "data/segment/abbreviations.tsv"
_COLUMNS = ("lang", "abbreviation", "holds", "expansion")
#: When an abbreviation's full stop is not a sentence end (the ``holds`` column).
HOLDS: tuple[str, ...] = ("always", "digit", "capital", "lower")
#: Opening punctuation skipped before the next word (``TS. “Nguyễn``).
_OPENERS = "\"'“‘«([{"


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
        """Offset just past the piece in the document."""
        return self.start + len(self.text)


def translatable(segments: Sequence[Segment]) -> list[Segment]:
    """Returns the translatable segments, in order."""
    return [s for s in segments if s.translatable]


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs, domains and e-mail addresses, trailing punctuation left out."""
    return [(u.start, u.end) for u in urls(text)]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


@functools.cache
def load_abbreviations() -> Mapping[str, Mapping[str, str]]:
    """Reads the packaged abbreviation table (cached; the result is immutable).

    Returns:
        Language (``ar``, ``vi``, ``en``) -> lower-cased abbreviation without its
        final full stop -> when its full stop is not a sentence end (one of
        :data:`HOLDS`).

    Raises:
        FormatError: If the packaged table is malformed (names the line).
    """
    text = resources.files("toolkit").joinpath(_TABLE).read_text(encoding="utf-8")
    return _parse_abbreviations(text, f"toolkit/{_TABLE}")


def _parse_abbreviations(text: str, where: str) -> Mapping[str, Mapping[str, str]]:
    """Parses the abbreviation table (see :func:`load_abbreviations`)."""
    table: dict[str, dict[str, str]] = {lang: {} for lang in _LANGS}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != _COLUMNS:
                raise FormatError("unexpected header", path=where, line=number,
                                  hint=f"use: {' '.join(_COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(_COLUMNS):
            raise FormatError(f"row has {len(cells)} cells, expected {len(_COLUMNS)}",
                              path=where, line=number,
                              hint="separate the columns with exactly one tab each")
        lang, abbreviation, holds, _ = cells
        if lang not in table or holds not in HOLDS or abbreviation.split() != [abbreviation]:
            raise FormatError(f"bad row {lang!r} {abbreviation!r} {holds!r}", path=where,
                              line=number, hint=f"lang is one of {', '.join(_LANGS)}, holds "
                              f"one of {', '.join(HOLDS)}, the abbreviation one word")
        key = abbreviation.lower()
        if key in table[lang]:
            raise FormatError(f"{lang} abbreviation {abbreviation!r} is listed twice",
                              path=where, line=number, hint="keep one row for it")
        table[lang][key] = holds
    return MappingProxyType({lang: MappingProxyType(rows) for lang, rows in table.items()})


def _holds(condition: str, after: str) -> bool:
    """Whether an abbreviation's condition holds before the text ``after`` its full stop."""
    if condition == "always":
        return True
    first = after.lstrip().lstrip(_OPENERS)[:1]
    if condition == "digit":
        return first.isdigit()
    if condition == "capital":
        return first.isupper()
    return first.islower()


def _is_boundary(body: str, match: re.Match[str], spans: Sequence[tuple[int, int]],
                 abbreviations: Mapping[str, str]) -> bool:
    dot = match.start(1)
    if _inside(dot, spans):
        return False
    before = body[:dot].rsplit(None, 1)
    word = before[-1].lstrip(_OPENERS) if before else ""
    if match.group(1) == "." and word:
        if len(word) == 1 and word.isalpha():
            return False
        condition = abbreviations.get(word.lower())
        if condition is not None and _holds(condition, body[match.end(1):]):
            return False
    return True


def _split_sentences(body: str, offset: int, line: int,
                     abbreviations: Mapping[str, str]) -> list[Segment]:
    """Cuts one line's body into sentences and the whitespace between them."""
    spans = _protected_spans(body)
    pieces: list[Segment] = []
    start = 0
    for match in _SENT_END_RE.finditer(body):
        if not _is_boundary(body, match, spans, abbreviations):
            continue
        end = match.end(1)
        pieces.append(Segment(body[start:end], offset + start, line, True))
        pieces.append(Segment(match.group(2), offset + end, line, False))
        start = match.end()
    if start < len(body):
        pieces.append(Segment(body[start:], offset + start, line, True))
    return [part for p in pieces if p.text for part in _edges(_classify(p))]


def _edges(piece: Segment) -> list[Segment]:
    """Moves a sentence's leading and trailing whitespace into layout pieces of their own,
    so that the spaces around it stay when an engine drops them from its translation."""
    if not piece.translatable:
        return [piece]
    core = piece.text.strip()
    lead = len(piece.text) - len(piece.text.lstrip())
    parts = [Segment(piece.text[:lead], piece.start, piece.line, False),
             Segment(core, piece.start + lead, piece.line, True),
             Segment(piece.text[lead + len(core):], piece.start + lead + len(core), piece.line,
                     False)]
    return [part for part in parts if part.text]


def _classify(piece: Segment) -> Segment:
    """Marks pieces that hold no words (numbers, punctuation, a lone URL) as layout."""
    if not piece.translatable:
        return piece
    core = URL_RE.sub("", piece.text)
    if _NO_WORDS_RE.match(core):
        return Segment(piece.text, piece.start, piece.line, False)
    return piece


def _split_body(body: str, offset: int, line: int,
                abbreviations: Mapping[str, str]) -> list[Segment]:
    """Splits a line body around images and trailing spaces, then into sentences."""
    out: list[Segment] = []
    cursor = 0
    for image in _IMAGE_RE.finditer(body):
        out += _split_sentences(body[cursor:image.start()], offset + cursor, line,
                                abbreviations)
        out.append(Segment(image.group(), offset + image.start(), line, False))
        cursor = image.end()
    rest = body[cursor:]
    stripped = rest.rstrip()
    out += _split_sentences(stripped, offset + cursor, line, abbreviations)
    if len(stripped) < len(rest):
        out.append(Segment(rest[len(stripped):], offset + cursor + len(stripped), line, False))
    return out


def _around(text: str, layout: re.Pattern[str], offset: int, line: int,
            split: Callable[[str, int], list[Segment]]) -> list[Segment]:
    """Cuts ``text`` at the matches of ``layout``, kept verbatim as layout segments, and
    splits the pieces between them with ``split(piece, its offset)``."""
    out: list[Segment] = []
    cursor = 0
    for m in layout.finditer(text):
        out += split(text[cursor:m.start()], offset + cursor)
        out.append(Segment(m.group(), offset + m.start(), line, False))
        cursor = m.end()
    return out + split(text[cursor:], offset + cursor)


def _split_table_row(body: str, offset: int, line: int,
                     abbreviations: Mapping[str, str]) -> list[Segment]:
    return _around(body, _TABLE_BAR_RE, offset, line,
                   functools.partial(_split_body, line=line, abbreviations=abbreviations))


def segment(text: str, lang: str = "ar") -> list[Segment]:
    """Cuts a document into sentences and verbatim layout pieces.

    Args:
        text: The document.
        lang: Its language (``ar``, ``vi`` or ``en``): picks the abbreviations
            of :func:`load_abbreviations`; the other rules are shared.

    Returns:
        Segments whose texts, concatenated, give back ``text`` exactly.

    Raises:
        InputError: If ``lang`` is not supported.
    """
    abbreviations = load_abbreviations().get(lang)
    if abbreviations is None:
        raise InputError(f"unsupported language {lang!r}",
                         hint=f"supported languages: {', '.join(_LANGS)}")
    segments: list[Segment] = []
    for number, line in enumerate(_LINE_RE.finditer(text)):
        content = line.group().rstrip("\r\n")
        offset = line.start()
        split = functools.partial(_split_line, number=number, abbreviations=abbreviations)
        segments += _around(content, _SOFT_BREAK_RE, offset, number, split)
        if len(content) < len(line.group()):
            segments.append(Segment(line.group()[len(content):], offset + len(content),
                                    number, False))
    return [s for s in segments if s.text]


def _split_line(content: str, offset: int, number: int,
                abbreviations: Mapping[str, str]) -> list[Segment]:
    """Cuts a line (or a part between two soft breaks) into its marker and body pieces."""
    segments: list[Segment] = []
    marker = _MARKER_RE.match(content)
    head = marker.group(0) if marker else ""
    if head:
        segments.append(Segment(head, offset, number, False))
    body = content[len(head):]
    body_offset = offset + len(head)
    if body.lstrip().startswith("|") or body.rstrip().endswith("|"):
        segments += _split_table_row(body, body_offset, number, abbreviations)
    else:
        segments += _split_body(body, body_offset, number, abbreviations)
    return segments


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
