"""Codes, acronyms, URLs and numbers of a source line that a translation must keep.

Translation, QA and post-editing ask the same of every document code
(749/QD-TTg), Latin-script acronym (VNeID) and URL of the source line, glossary
entry or not: it comes back character for character. Codes and acronyms are
those :func:`toolkit.extract.codes.find_codes` finds; in a Latin-script source
(English, Vietnamese) only acronym words count (a capital after the first
character: VNeID, LGSP, 4G), since every capitalised word there is not a code.

Numbers are different: their writing changes with the language (12,345 in
English is 12.345 in Vietnamese; Arabic-Indic digits may become ASCII ones),
so a number is kept when its digits, in order, are in the target, whatever
the separators (:func:`number_kept`). In a code, Arabic-Indic (٠-٩) and Extended
Arabic-Indic (۰-۹) digits are the ASCII digits (:func:`ascii_digits`): a code of an
Arabic source is written with ASCII digits in English and Vietnamese (:func:`code_form`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from toolkit.extract.codes import URL_RE, CodeMatch, ascii_digits, find_codes, overlaps

__all__ = [
    "SourceCode",
    "ascii_digits",
    "code_counts",
    "code_form",
    "digits_of",
    "number_kept",
    "overlaps",
    "source_codes",
    "source_numbers",
    "url_spans",
    "urls",
]

#: Languages written in the Latin script (capitalised words are not codes there).
_LATIN_LANGS = ("en", "vi")
#: Punctuation that ends a sentence or clause rather than a URL.
_URL_TAIL = ".,;:!?)]}»\"'،؛؟…۔"
#: Characters a URL never holds unescaped (RFC 3986): markup around it (``">`` of a link).
_URL_STOP = re.compile(r"[\"<>]")
_ACRONYM_WORD = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
#: A number: digit groups joined by a decimal or grouping mark (12,345 / ١٢٫٥).
_NUMBER = re.compile(r"(?<![\w/.,-])\d+(?:[.,\u066b\u066c]\d+)*(?![\w/-])")
#: Arabic-Indic (U+0660-0669) and Extended Arabic-Indic (U+06F0-06F9) digits -> ASCII.


#: A form to keep verbatim: its text, kind (code, acronym, url, number) and offsets.
SourceCode = CodeMatch


def urls(text: str) -> list[SourceCode]:
    """Returns the URLs, domains and e-mail addresses of ``text``, without trailing punctuation."""
    out = []
    for m in URL_RE.finditer(text):
        form = _URL_STOP.split(m.group(), maxsplit=1)[0].rstrip(_URL_TAIL)
        if form:
            out.append(SourceCode(form, "url", m.start(), m.start() + len(form)))
    return out


def url_spans(text: str) -> list[tuple[int, int]]:
    """Returns the ``(start, end)`` spans of :func:`urls`, in text order.

    Nothing inside them is a glossary term, a code to restore or a near miss:
    :class:`toolkit.glossary_source.GlossaryIndex` drops the matches that overlap
    them, and post-editing never edits inside them (``ha-noi`` in
    ``https://hanoi.gov.vn/ha-noi`` is no variant of Hà Nội).
    """
    if "." not in text and "@" not in text and "://" not in text:
        return []
    return [(u.start, u.end) for u in urls(text)]


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, those that overlap joined: what :func:`overlaps` asks."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _acronym_words(text: str, start: int, end: int) -> list[SourceCode]:
    """Splits a name run into its acronym words (a capital after the first character)."""
    out = []
    for m in _ACRONYM_WORD.finditer(text, start, end):
        letters = m.group().replace("-", "")
        if len(letters) >= 2 and any(c.isupper() for c in letters[1:]):
            out.append(SourceCode(m.group(), "acronym", m.start(), m.end()))
    return out


def source_codes(text: str, lang: str) -> list[SourceCode]:
    """Finds the codes, acronyms and URLs of a source line, to be kept verbatim.

    Args:
        text: The source line.
        lang: Its language (``ar``, ``en`` or ``vi``).

    Returns:
        The forms in text order, URLs included (with trailing punctuation left out).
    """
    found = urls(text)
    for c in find_codes(text):
        if c.kind == "acronym" and lang in _LATIN_LANGS:
            found += _acronym_words(text, c.start, c.end)
        else:
            found.append(c)
    return sorted(found, key=lambda c: c.start)


def code_form(code: str, lang: str) -> str:
    """Returns how a code is written in a ``lang`` text: ASCII digits in English and
    Vietnamese, as written in Arabic."""
    return ascii_digits(code) if lang in _LATIN_LANGS else code


def code_counts(text: str, lang: str, taken: Sequence[tuple[int, int]] = ()
                ) -> dict[str, tuple[str, int]]:
    """Returns {form: (kind, occurrences)} of the source codes outside the ``taken`` spans.

    Args:
        text: The source line.
        lang: Its language.
        taken: Spans already accounted for (glossary matches).
    """
    out: dict[str, tuple[str, int]] = {}
    spans = _merged(taken)
    for c in source_codes(text, lang):
        if not overlaps(spans, c.start, c.end):
            out[c.text] = (c.kind, out.get(c.text, (c.kind, 0))[1] + 1)
    return out


def source_numbers(text: str, taken: list[tuple[int, int]] | None = None) -> list[SourceCode]:
    """Finds the numbers of two digits or more outside the ``taken`` spans (codes, URLs).

    Single digits are left out: a translation may write them as words.
    """
    spans = _merged(taken or [])
    return [SourceCode(m.group(), "number", m.start(), m.end()) for m in _NUMBER.finditer(text)
            if len(digits_of(m.group())) >= 2 and not overlaps(spans, m.start(), m.end())]


def digits_of(text: str) -> str:
    """Returns the digits of ``text`` as ASCII digits, in order (``١٢,٣`` → ``123``)."""
    return "".join(str(unicodedata.digit(c)) for c in text if c.isdigit()
                   and unicodedata.digit(c, None) is not None)


def number_kept(number: str, target: str) -> bool:
    """Tells whether a number of ``target`` has the digits of ``number`` (any separators)."""
    want = digits_of(number)
    return any(digits_of(m.group()) == want for m in _NUMBER.finditer(target))
