"""Codes in a target line: kept verbatim, or mangled and to be restored.

Post-editing and QA ask the same of a code (749/QD-TTg), an acronym (VNeID) or
a URL that a translation must keep: it stands in the target as a whole word
(:func:`bounded`); a writing that differs only in case, diacritics, separators
or a few letters (749/qd-ttg, 749 / QD-TTg) is mangled and restorable
(:func:`locate_code`). Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹)
digits count as the ASCII digits they stand for (١٢ is 12).

Pure functions over one line; :class:`Spans` records what the caller has
already claimed, so that one occurrence never counts twice. Only a URL code
is looked for inside a URL, domain or e-mail address of the target
(:func:`toolkit.sourcecodes.url_spans`): a code in a link's path is part of the
link, neither kept nor mangled.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from toolkit.nearmiss import same_code
from toolkit.sourcecodes import ascii_digits, overlaps, source_codes, url_spans, urls

__all__ = [
    "AR_CLITICS",
    "CODE_RUN",
    "CodeHits",
    "Spans",
    "bounded",
    "code_candidates",
    "is_mangled",
    "locate_code",
    "mangled_codes",
    "verbatim_hits",
]

#: Arabic proclitics that may stand before a term or code (conjunction + preposition).
AR_CLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")

#: A run of letters and digits joined by code separators (``749 / QD-TTg``).
CODE_RUN = re.compile(r"\w+(?:[ \t]*[/\-.:][ \t]*\w+)*")

_WORD = re.compile(r"\w+")
#: Each ASCII digit with its Arabic-Indic and Extended Arabic-Indic forms.
_DIGIT_CLASS = {str(d): f"[{d}{chr(0x0660 + d)}{chr(0x06F0 + d)}]" for d in range(10)}


class Spans:
    """Character spans already claimed on a line (so edits never overlap).

    Claimed spans are kept merged and sorted, so that :meth:`free` is a binary
    search (:func:`toolkit.sourcecodes.overlaps`): a line of many terms costs a
    logarithm per question, not a scan.
    """

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no claimed span."""
        return not overlaps(self._spans, start, end)

    def claim(self, start: int, end: int) -> None:
        """Claims ``[start, end)`` (merged with the claimed spans it overlaps)."""
        # Disjoint spans: their ends rise with their starts.
        lo = bisect_right(self._spans, start, key=itemgetter(1))  # spans ending after ``start``...
        hi = bisect_left(self._spans, (end,))  # ...and starting before ``end`` overlap it
        if lo < hi:
            start, end = min(start, self._spans[lo][0]), max(end, self._spans[hi - 1][1])
        else:
            hi = lo
        self._spans[lo:hi] = [(start, end)]


#: D and Đ are one letter of a document code in English and Arabic (749/QD-TTg).
_D_CLASS = {"D": "[DĐ]", "Đ": "[DĐ]", "d": "[dđ]", "đ": "[dđ]"}


def _char_pattern(char: str, fold_d: bool = False) -> str:
    return (_DIGIT_CLASS.get(ascii_digits(char)) or (fold_d and _D_CLASS.get(char))
            or re.escape(char))


def bounded(form: str, lang: str | None = None, *, spaced: bool = False) -> re.Pattern[str]:
    """Returns a pattern finding ``form`` as a whole word, not inside a longer one.

    ``IT`` is not found in ``ITU``. In Arabic (``lang="ar"``) a proclitic
    written onto the form, with or without a tatweel, does not glue it to a
    longer word: ``4G`` is found in ``و4G`` and ``بـ4G``. A digit is found in
    any of its scripts: ``١٢/٢٠٢٤/NĐ-CP`` is found in ``12/2024/NĐ-CP``. In an
    English or Arabic text, D and Đ of a document code (a form with a digit) are
    one letter: ``749/QD-TTg`` is found in ``749/QĐ-TTg`` and the other way round.

    Args:
        form: The exact text to find.
        lang: The language of the text searched.
        spaced: Also find ``form`` with any spacing between its characters
            (``749 / QD-TTg`` for ``749/QD-TTg``), as a decoder may write it.

    Returns:
        The compiled pattern.
    """
    starts = [r"(?<!\w)"]
    if lang == "ar":
        starts += [rf"(?<=(?<!\w){c}{t})" for c in AR_CLITICS for t in ("", "\u0640")]
    fold_d = lang in ("en", "ar") and any(c.isdigit() for c in form)
    body = (r"\s*".join(_char_pattern(c, fold_d) for c in form if not c.isspace()) if spaced
            else "".join(_char_pattern(c, fold_d) for c in form))
    return re.compile(rf"(?:{'|'.join(starts)}){body}(?!\w)")


def code_candidates(target: str, kind: str | None = None, start: int = 0,
                    end: int | None = None, *, links: Sequence[tuple[int, int]] | None = None
                    ) -> Iterable[tuple[int, int, str]]:
    """Yields (start, end, text) of the runs of ``target`` that may render a code.

    Args:
        target: The target line.
        kind: ``url``, ``acronym``, ``code``, or ``None`` (any run).
        start: Where to start looking.
        end: Where to stop looking (default: the end of the line).
        links: ``url_spans(target)``, if the caller has them (else found here).
    """
    stop = len(target) if end is None else end
    if kind == "url":
        yield from ((u.start, u.end, u.text) for u in urls(target)
                    if start <= u.start and u.end <= stop)
        return
    links = url_spans(target) if links is None else links
    for m in CODE_RUN.finditer(target, start, stop):
        # An all-lowercase word is an ordinary word, not a mangled acronym (it / IT).
        if ((kind != "acronym" or any(c.isupper() or c.isdigit() for c in m.group()))
                and not overlaps(links, m.start(), m.end())):
            yield m.start(), m.end(), m.group()


def is_mangled(candidate: str, expected: str) -> bool:
    """Whether ``candidate`` is a mangled writing of the code ``expected`` (digits of
    any script alike), not the code itself."""
    a, b = ascii_digits(candidate), ascii_digits(expected)
    return a != b and same_code(a, b)


def _mangled_part(start: int, run: str, expected: str, *, whole: bool = False
                  ) -> tuple[int, int, str] | None:
    """The part of a run at ``start`` that is a mangled writing of ``expected``.

    A run may take in the words around the code (``749/qđ-ttg: kế``, where the colon
    ends the code and ``kế`` starts the sentence), so the part is looked for among
    the windows of as many words as the code has; replacing the whole run would
    delete those words. A URL (``whole``) is one run: its parts are no words.

    Returns:
        ``(start, end, text)`` of the first such part, or ``None``.
    """
    words = list(_WORD.finditer(run))
    size = len(_WORD.findall(expected)) or 1
    if whole or len(words) <= size:
        return (start, start + len(run), run) if is_mangled(run, expected) else None
    for i in range(len(words) - size + 1):
        a, b = words[i].start(), words[i + size - 1].end()
        if is_mangled(run[a:b], expected):
            return start + a, start + b, run[a:b]
    return None


@dataclass
class CodeHits:
    """Where a code stands in a target line.

    Attributes:
        kept: ``(start, end, text)`` of the occurrences kept verbatim.
        restored: Mangled writings to be replaced by the code.
        left: Mangled writings left as they are (more of them than missing occurrences).
    """

    kept: list[tuple[int, int, str]] = field(default_factory=list)
    restored: list[tuple[int, int, str]] = field(default_factory=list)
    left: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def found(self) -> int:
        """Occurrences kept or restored."""
        return len(self.kept) + len(self.restored)

    @property
    def note(self) -> str:
        """Why the occurrences not found were left: the mangled writings, if any."""
        if not self.left:
            return "not in the target"
        return f"{len(self.left)} near misses: " + ", ".join(repr(t) for _s, _e, t in self.left)


def locate_code(target: str, expected: str, need: int, spans: Spans, lang: str,
                kind: str | None = None, *, links: Sequence[tuple[int, int]] | None = None
                ) -> CodeHits:
    """Finds ``need`` occurrences of a code in ``target``, claiming them in ``spans``.

    Occurrences kept verbatim come first; then mangled writings
    (:func:`toolkit.nearmiss.same_code`, digits of any script alike) stand for
    the missing ones. For a glossary code (``kind=None``) they are taken in
    text order; for a code of the source line that is no glossary entry, only
    when there are no more of them than occurrences missing (else which one
    renders the code is unclear, and all are ``left``).

    Args:
        target: The target line.
        expected: The code as the target must write it.
        need: Occurrences the source asks for.
        spans: Spans already claimed (updated).
        lang: The target language.
        kind: The source code's kind (``code``, ``acronym``, ``url``), or
            ``None`` for a glossary entry.
        links: ``url_spans(target)``, if the caller has them (else found here):
            one scan of the line for all its codes.

    Returns:
        What was found.
    """
    hits = CodeHits()
    link = kind == "url" or bool(url_spans(expected))  # a glossary code may be a URL
    if link:
        links = []
    elif links is None:
        links = url_spans(target)
    for s, e, t in verbatim_hits(target, expected, lang, kind, links=links):
        if len(hits.kept) >= need:
            break
        if spans.free(s, e):
            spans.claim(s, e)
            hits.kept.append((s, e, t))
    if hits.found >= need:
        return hits
    near = [hit for s, e, t in code_candidates(target, "url" if link else kind, links=links)
            if (hit := _mangled_part(s, t, expected, whole=link)) is not None
            and spans.free(hit[0], hit[1])]
    if kind is None:
        near = near[:need - hits.found]
    elif len(near) > need - hits.found:
        hits.left = near
        return hits
    for s, e, _t in near:
        spans.claim(s, e)
    hits.restored = near
    return hits


def verbatim_hits(target: str, expected: str, lang: str, kind: str | None = None, *,
                  links: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Finds the occurrences of a code written verbatim in ``target`` (:func:`bounded`).

    A code that is no URL is never found inside a URL, domain or e-mail address
    of the target (``VNeID`` in ``https://vneid.gov.vn/VNeID``); a URL is never
    found inside a longer one (``hanoi.gov.vn`` in ``info@hanoi.gov.vn``,
    ``https://mic.gov.vn`` in ``https://mic.gov.vn/tin-tuc``).

    Args:
        target: The target line.
        expected: The code as the target must write it.
        lang: The target language.
        kind: The code's kind (``url`` for a URL), or ``None`` (a URL when
            ``expected`` is one).
        links: ``url_spans(target)``, if the caller has them (for a code that is
            no URL; else found here).

    Returns:
        ``(start, end, text)`` of each occurrence, in text order.
    """
    found = [(m.start(), m.end(), m.group()) for m in bounded(expected, lang).finditer(target)]
    if not found:
        return found
    if kind == "url" or url_spans(expected):
        longer = [(u.start, u.end) for u in urls(target)]
        return [(s, e, t) for s, e, t in found
                if not any(a <= s and e <= b and b - a > e - s for a, b in longer)]
    links = url_spans(target) if links is None else links
    return [(s, e, t) for s, e, t in found if not overlaps(links, s, e)]


def mangled_codes(target: str, start: int, end: int, form: str, lang: str
                  ) -> list[tuple[int, int, str, str]]:
    """Finds the codes of a glossary ``form`` that its rendering ``target[start:end]`` mangled.

    A term matched without regard to case (``Decision 749/qd-ttg`` for
    ``Decision 749/QD-TTg``) must still keep its codes character for character.

    Args:
        target: The target line.
        start: Start of the rendering of ``form``.
        end: Its end.
        form: The glossary form (as the target must write it).
        lang: The target language.

    Returns:
        ``(start, end, mangled writing, code)`` for each code to restore.
    """
    out = []
    for code in source_codes(form, lang):
        if bounded(code.text, lang).search(target, start, end):
            continue
        for run in CODE_RUN.finditer(target, start, end):
            hit = _mangled_part(run.start(), run.group(), code.text)
            if hit is not None:
                out.append((*hit, code.text))
                break
    return out
