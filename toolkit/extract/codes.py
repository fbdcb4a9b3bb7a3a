"""Latin-script document codes and acronyms, kept verbatim (do not translate).

Document codes follow the Vietnamese numbering of legal documents: a number,
then the type and issuer abbreviations joined by ``-`` and ``/`` (05-NQ/TU,
749/QD-TTg, 52-NQ/TW, 08-DA/TU). Acronyms and product names are Latin-script
words with a capital letter that is not only the first one, or a capitalised
word beside one (VNeID, LGSP, iHanoi, C-ThaiNguyen, Thai Nguyen ID). URLs,
e-mail addresses and their pieces are never candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["CODE_RE", "URL_RE", "CodeMatch", "find_codes", "url_spans"]

#: URLs, bare domains and e-mail addresses (excluded with everything inside them).
URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|info|int)\b(?:/\S*)?",
    re.IGNORECASE | re.ASCII,  # ASCII \w: Arabic words are never scanned as domains
)
#: A document code: number (and year), then letter groups joined by - or /.
CODE_RE = re.compile(
    r"(?<![A-Za-z0-9/-])\d{1,5}(?:/\d{4})?(?:[-/][A-ZĐ][A-Za-zĐđ]{0,7}){1,4}(?![A-Za-z0-9/-])"
)
# A Latin word with optional hyphenated parts (3G, VNeID, C-ThaiNguyen).
_LATIN_WORD = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
_LATIN_RUN_RE = re.compile(rf"(?<![A-Za-z0-9./@-]){_LATIN_WORD}(?:[ ]+{_LATIN_WORD})*")


@dataclass(frozen=True)
class CodeMatch:
    """A form found in a text to keep verbatim: the form, its kind (``code``,
    ``acronym``; :mod:`toolkit.sourcecodes` adds ``url`` and ``number``) and its offsets."""

    text: str
    kind: str
    start: int
    end: int


def url_spans(text: str) -> list[tuple[int, int]]:
    """Returns the ``(start, end)`` spans of URLs, domains and e-mail addresses."""
    return [m.span() for m in URL_RE.finditer(text)]


def _is_acronym_word(word: str) -> bool:
    """A Latin word with a capital after its first character (VNeID, iHanoi, 4G, TL)."""
    letters = word.replace("-", "")
    return len(letters) >= 2 and any(ch.isupper() for ch in letters[1:])


def _is_name_word(word: str) -> bool:
    """A capitalised Latin word (Viettel, Thai)."""
    return len(word) >= 2 and word[0].isupper() and word.replace("-", "").isalnum()


def _latin_items(text: str, start: int, end: int) -> Iterator[CodeMatch]:
    """Groups a run of Latin words into acronyms and capitalised names (brands)."""
    words = [(start + m.start(), start + m.end())
             for m in re.finditer(_LATIN_WORD, text[start:end])]
    group: list[tuple[int, int]] = []
    for s, e in [*words, (-1, -1)]:
        word = text[s:e] if s >= 0 else ""
        if s >= 0 and (_is_acronym_word(word) or _is_name_word(word)):
            group.append((s, e))
            continue
        if group:
            yield CodeMatch(text[group[0][0]:group[-1][1]], "acronym", group[0][0], group[-1][1])
            group = []


def find_codes(text: str) -> list[CodeMatch]:
    """Finds document codes and Latin-script acronyms in ``text``.

    Args:
        text: The original document text.

    Returns:
        The matches in text order; codes are ``kind="code"``, the others
        ``kind="acronym"``. Nothing inside a URL is returned.
    """
    blocked = url_spans(text)

    def free(s: int, e: int) -> bool:
        return not any(s < be and bs < e for bs, be in blocked)

    found: list[CodeMatch] = []
    for m in CODE_RE.finditer(text):
        if "/" in m.group() and free(*m.span()):
            found.append(CodeMatch(m.group(), "code", m.start(), m.end()))
            blocked.append(m.span())
    for m in _LATIN_RUN_RE.finditer(text):
        if free(*m.span()):
            found.extend(c for c in _latin_items(text, m.start(), m.end())
                         if free(c.start, c.end))
    return sorted(found, key=lambda c: c.start)
