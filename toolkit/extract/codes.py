"""Latin-script document codes and acronyms, kept verbatim (do not translate).

Document codes follow the Vietnamese numbering of legal documents: a number,
then the type and issuer abbreviations joined by ``-`` and ``/`` (05-NQ/TU,
749/QD-TTg, 52-NQ/TW, 08-DA/TU); its digits may be Arabic-Indic (١٢/٢٠٢٤/NĐ-CP),
which :func:`ascii_digits` turns into the ASCII digits of its Vietnamese and
English forms. A standard cited with its year (TCVN 5687:2010, QCVN 01:2021/BYT)
is one code. Acronyms and product names are Latin-script words with a capital
letter that is not only the first one, or a capitalised word beside one (VNeID,
LGSP, iHanoi, C-ThaiNguyen, Thai Nguyen ID), or one capitalised word alone
(Viettel, a brand). Latin words keep their diacritics (Phạm, Lào): a run of
capitalised words with no acronym among them is a name or ordinary words
(Phạm Minh Chính, Ho Chi Minh City), never an acronym, and neither is a
capitalised word with Vietnamese diacritics (Hà). URLs, e-mail addresses and
their pieces are never candidates.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["CODE_RE", "LATIN_LETTERS", "STANDARD_RE", "URL_RE", "CodeMatch", "ascii_digits",
           "find_codes", "latin_gloss", "overlaps", "url_spans", "written_code"]

#: URLs, bare domains and e-mail addresses (excluded with everything inside them).
URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|gov|edu|info|int)\b(?:/\S*)?",
    re.IGNORECASE | re.ASCII,  # ASCII \w: Arabic words are never scanned as domains
)
#: A document code: number (and year), then letter groups joined by - or /; a group may end
#: in the number of a legislature (20/2023/QH15, a law of the 15th National Assembly).
CODE_RE = re.compile(
    r"(?<![A-Za-z0-9/-])\d{1,5}(?:/\d{4})?(?:[-/][A-ZĐ][A-Za-zĐđ]{0,7}\d{0,2}){1,4}"
    r"(?![A-Za-z0-9/-])"
)
#: A standard cited with its year (TCVN 5687:2010, QCVN 01:2021/BYT, ISO/IEC 27001:2022,
#: TCVN ISO 9001:2015): one code, not an acronym followed by a fragment of a code.
STANDARD_RE = re.compile(
    r"(?<![A-Za-z0-9/-])[A-Z]{2,6}(?:[ /][A-Z]{2,6})*[ ]\d{1,6}(?:-\d{1,4})*:\d{4}"
    r"(?:/[A-ZĐ][A-Za-zĐđ]{0,7}(?:-[A-ZĐ][A-Za-zĐđ]{0,7})*)?(?![A-Za-z0-9/-])"
)
#: Latin letters: ASCII, Latin-1 (without × ÷), Extended-A/B and Extended Additional
#: (the precomposed Vietnamese letters ạ ố ữ ...), as a regular-expression class body.
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
#: Combining marks (Vietnamese typed in decomposed form).
_MARKS = "\u0300-\u036f"
# A Latin word with optional hyphenated parts (3G, VNeID, C-ThaiNguyen, Phạm).
_PART = rf"[{LATIN_LETTERS}0-9][{LATIN_LETTERS}0-9{_MARKS}]*"
_LATIN_WORD = rf"{_PART}(?:-{_PART})*"
_LATIN_RUN_RE = re.compile(
    rf"(?<![{LATIN_LETTERS}0-9{_MARKS}./@-]){_LATIN_WORD}(?:[ ]+{_LATIN_WORD})*")
#: A parenthesised run of Latin words (a gloss: فام مينه تشينه (Phạm Minh Chính)).
_GLOSS_RE = re.compile(rf"[ ]*\([ ]*({_LATIN_WORD}(?:[ ]+{_LATIN_WORD})*)[ ]*\)")
#: Arabic-Indic (U+0660-0669) and Extended Arabic-Indic (U+06F0-06F9) digits -> ASCII.
_ASCII_DIGITS = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)},
                               **{chr(0x06F0 + d): str(d) for d in range(10)}})


@dataclass(frozen=True)
class CodeMatch:
    """A form found in a text to keep verbatim: the form, its kind (``code``,
    ``acronym``; :mod:`toolkit.sourcecodes` adds ``url`` and ``number``) and its offsets."""

    text: str
    kind: str
    start: int
    end: int


def url_spans(text: str) -> list[tuple[int, int]]:
    """Returns the ``(start, end)`` spans of URLs, domains and e-mail addresses.

    Args:
        text: Any text.

    Returns:
        Character offsets into ``text``, in order.
    """
    return [m.span() for m in URL_RE.finditer(text)]


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint ``spans``."""
    i = bisect_left(spans, (end,)) - 1  # the last span starting before ``end``
    return i >= 0 and spans[i][1] > start


def ascii_digits(text: str) -> str:
    """Returns ``text`` with Arabic-Indic and Extended Arabic-Indic digits as ASCII digits.

    One character for one, so offsets into ``text`` hold in the result
    (``١٢/٢٠٢٤/NĐ-CP`` → ``12/2024/NĐ-CP``).

    Args:
        text: Any text.

    Returns:
        ``text`` with ASCII digits, as long as ``text``.
    """
    return text.translate(_ASCII_DIGITS)


def written_code(code: str, forms: Mapping[str, int]) -> str:
    """The Arabic form of a code: as the documents write it most often.

    Args:
        code: The code with ASCII digits (12/2024/NĐ-CP).
        forms: The spellings seen and their counts (١٢/٢٠٢٤/NĐ-CP, 12/2024/NĐ-CP, and for
            an acronym spellings in Arabic letters such as في إن إي آي دي).

    Returns:
        The commonest spelling that is ``code`` up to its digits; ``code`` itself on a
        tie or when it is only spelled in Arabic letters.
    """
    same = [(n, f == code, f) for f, n in forms.items() if ascii_digits(f) == code]
    return max(same)[2] if same else code


def latin_gloss(text: str, pos: int) -> str | None:
    """The Latin-script gloss in parentheses right at ``pos`` (after a name), if any.

    Args:
        text: The document text.
        pos: Where the name ends.

    Returns:
        The gloss (NFC) when it is capitalised words with no acronym among them (Phạm
        Minh Chính, Lao Cai), else ``None`` (none there, or an acronym: (VNPT)).
    """
    m = _GLOSS_RE.match(text, pos)
    if m is None:
        return None
    words = unicodedata.normalize("NFC", m.group(1)).split()
    if all(_is_name_word(w) and not _is_acronym_word(w) for w in words):
        return " ".join(words)
    return None


def _is_acronym_word(word: str) -> bool:
    """A Latin word with a capital after its first character (VNeID, iHanoi, 4G, TL)."""
    letters = word.replace("-", "")
    return len(letters) >= 2 and any(ch.isupper() for ch in letters[1:])


def _is_name_word(word: str) -> bool:
    """A capitalised Latin word (Viettel, Thai, Phạm)."""
    return len(word) >= 2 and word[0].isupper() and word.replace("-", "").isalnum()


def _is_code_group(words: list[str]) -> bool:
    """Whether a group of capitalised Latin words is an acronym or a product name.

    It is when a word of it is an acronym word (Thai Nguyen ID), or when it is one
    word in ASCII letters (Viettel, a brand). Several capitalised words alone are a
    name or ordinary words (Ho Chi Minh City), and a word with Vietnamese
    diacritics is Vietnamese (Phạm Minh Chính, Lào Cai, Hà).
    """
    if any(_is_acronym_word(w) for w in words):
        return True
    return len(words) == 1 and words[0].isascii()


def _latin_items(text: str, start: int, end: int,
                 blocked: Sequence[tuple[int, int]]) -> Iterator[CodeMatch]:
    """Groups a run of Latin words into acronyms and capitalised names (brands).

    A word inside a ``blocked`` span (a document code, a URL) is no candidate
    and ends the group before it; the words around it still count.
    """
    words = [(start + m.start(), start + m.end())
             for m in re.finditer(_LATIN_WORD, text[start:end])]
    group: list[tuple[int, int]] = []
    for s, e in [*words, (-1, -1)]:
        word = unicodedata.normalize("NFC", text[s:e]) if s >= 0 else ""
        if (s >= 0 and not overlaps(blocked, s, e)
                and (_is_acronym_word(word) or _is_name_word(word))):
            group.append((s, e))
            continue
        if group and _is_code_group([unicodedata.normalize("NFC", text[gs:ge])
                                     for gs, ge in group]):
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
    blocked = url_spans(text)  # kept sorted and disjoint: one binary search a question

    def free(s: int, e: int) -> bool:
        return not overlaps(blocked, s, e)

    found: list[CodeMatch] = []
    for pattern in (STANDARD_RE, CODE_RE):
        for m in pattern.finditer(text):
            if (pattern is STANDARD_RE or "/" in m.group()) and free(*m.span()):
                found.append(CodeMatch(m.group(), "code", m.start(), m.end()))
                insort(blocked, m.span())
    for m in _LATIN_RUN_RE.finditer(text):
        # Each word on its own: a run that reaches a code (COVID-19 theo 749/QĐ-TTg)
        # keeps its acronyms.
        found.extend(_latin_items(text, m.start(), m.end(), blocked))
    return sorted(found, key=lambda c: c.start)
