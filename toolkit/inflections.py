"""Glossary forms written in another grammatical number (plurals and duals).

A term in the plural is the same term (:func:`glossary.model.is_inflection`):
``public services`` renders ``public service``, and the source ``الخدمات العامة``
asks for the entry ``الخدمة العامة``. The glossary matcher finds forms as
written; this module finds them inflected, with the one rule of
:func:`~glossary.model.is_inflection`, so that post-editing, QA and the
translation pipeline agree:

* :func:`inflections` finds where a text writes one form inflected (a target
  line and the preferred form of a term it must render);
* :class:`InflectedForms` finds the inflected source forms of many entries in a
  source line, as matcher matches (:class:`glossary.matcher.Match`).

Windows of as many words as the form has, joined by spaces, hyphens or
apostrophes, are compared; in Arabic a proclitic of the first word is set aside
(``والخدمات``), and ``لل`` gives the article back (``للخدمات``: ``الخدمات``).
An Arabic plural with a meaning of its own (:func:`lexicalised_plurals`:
``البيانات``, data) is no inflection of the word it looks like the plural of
(``البيان``, statement). Vietnamese does not inflect: nothing is found.
Pure functions; the one table is read once.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from functools import lru_cache
from pathlib import Path

from glossary.matcher import Match, is_acronym
from glossary.model import is_inflection
from glossary.normalize import match_key
from toolkit.sourcecodes import overlaps, url_spans
from toolkit.targetcodes import AR_CLITICS

__all__ = ["InflectedForms", "inflect_like", "inflections", "lexicalised_plurals"]

#: The table of Arabic plurals with a meaning of their own (see its header).
_LEXICALISED = (Path(__file__).resolve().parent / "data" / "inflections"
                / "ar_lexicalised_plurals.tsv")

#: Words (letters, digits, combining marks, Arabic harakat and tatweel) and what may
#: join those of one form.
_WORDS = re.compile(r"(?:\w|[\u0300-\u036f\u0640\u064b-\u065f\u0670])+")
_JOIN = re.compile(r"[ \t\u00a0\-'\u2019]+")
#: Endings a word may gain or lose in another number (on ``match_key`` letters: ة is
#: ه), longest first: a word and its inflection share a stem once one is taken off.
_ENDINGS = {
    "en": ("ies", "ves", "men", "man", "es", "fe", "s", "y", "f"),
    "ar": ("تين", "تان", "ات", "ون", "ين", "ان", "ه", "و", "ي"),
}


@lru_cache(maxsize=1)
def lexicalised_plurals() -> frozenset[frozenset[str]]:
    """Returns the Arabic plurals that are no inflection of a look-alike singular.

    Read once from ``toolkit/data/inflections/ar_lexicalised_plurals.tsv`` (its
    header tells the source and columns).

    Returns:
        ``{plural key, singular key}`` pairs on :func:`~glossary.normalize.match_key`
        (``{بيانات, بيان}``).

    Raises:
        FormatError: If a row has not one word in each of its first two columns.
    """
    from glossary.errors import FormatError

    out: set[frozenset[str]] = set()
    header = True
    for number, line in enumerate(_LEXICALISED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        cells = [match_key(c, "ar") for c in line.split("\t")[:2]]
        if len(cells) != 2 or any(len(c.split()) != 1 for c in cells) or cells[0] == cells[1]:
            raise FormatError(f"bad row {line!r}", path=_LEXICALISED, line=number,
                              hint="write a plural word, a tab, the singular it is no plural of")
        out.add(frozenset(cells))
    return frozenset(out)


def _article_readings(word: str) -> set[str]:
    """A word key and, when it starts with the article, the key without it."""
    return {word, word[2:]} if word.startswith("ال") and len(word) > 3 else {word}


def _lexicalised(found: str, form: str) -> bool:
    """Whether a word of ``found`` is a lexicalised plural of ``form``'s word in its
    place, or the other way round (:func:`lexicalised_plurals`)."""
    pairs = lexicalised_plurals()
    return any(frozenset((a, b)) in pairs
               for fw, bw in zip(match_key(found, "ar").split(), match_key(form, "ar").split(),
                                 strict=False)
               for a in _article_readings(fw) for b in _article_readings(bw))


@lru_cache(maxsize=65536)
def _stems(word: str, lang: str) -> frozenset[str]:
    """The first word's key of ``word`` and that key less each ending it may have
    gained: the lookup keys of a form, or of a text's word (cached: words recur)."""
    words = match_key(word, lang).split()
    if not words:
        return frozenset()
    key = words[0]
    return frozenset({key, *(key[:-len(e)] for e in _ENDINGS[lang]
                             if key.endswith(e) and len(key) - len(e) >= 2)})


def _heads(first: str, lang: str) -> list[tuple[str, str, bool]]:
    """``(word, proclitic, article elided)`` readings of a window's first word.

    The word itself, and in Arabic the word without a proclitic (the ل of ``لل``
    gives the article back: ``للخدمات`` is ل + ``الخدمات``).
    """
    out = [(first, "", False)]
    if lang == "ar":
        for clitic in AR_CLITICS:
            rest = first[len(clitic):]
            if first.startswith(clitic) and len(rest) > 1:
                out.append((rest, clitic, False))
                if clitic.endswith("ل") and rest.startswith("ل"):
                    out.append(("ا" + rest, clitic, True))
    return out


def inflections(text: str, form: str, lang: str, *,
                links: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Finds the places where ``text`` writes ``form`` in another number.

    Args:
        text: The text searched.
        form: The form (e.g. the preferred target form of a term).
        lang: The language of both.
        links: URL spans of ``text`` (nothing inside them counts; found here if ``None``).

    Returns:
        ``(start, end)`` of each place, a proclitic included, in text order.
    """
    forms = InflectedForms(lang)
    forms.add(form, 0)
    return [(m.prefix_start, m.end) for m in forms.find(text, links=links)]


#: A form of :class:`InflectedForms`: its word count, text, entry key, role and the
#: lookup keys of its later words.
_Form = tuple[int, str, Hashable, str, tuple[frozenset[str], ...]]


class InflectedForms:
    """Source forms of many entries, found inflected in a line.

    Args:
        lang: The language of the forms (English and Arabic inflect).
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        # first word's lookup key -> (words, form, entry key, role, later words' keys)
        self._forms: dict[str, list[_Form]] = {}

    def __bool__(self) -> bool:
        return bool(self._forms)

    def add(self, form: str, key: Hashable, role: str = "variant") -> None:
        """Adds ``form`` of entry ``key`` (case-insensitive; ignored in Vietnamese).

        Args:
            form: The form as the glossary writes it.
            key: The entry's key.
            role: The role its matches report (``forbidden`` for a forbidden rendering).
        """
        if self.lang not in _ENDINGS:
            return
        words = _WORDS.findall(form)
        later = tuple(_stems(w, self.lang) for w in words[1:])
        for stem in _stems(form, self.lang):
            self._forms.setdefault(stem, []).append((len(words), form, key, role, later))

    def find(self, text: str, taken: Sequence[tuple[int, int]] = (), *,
             links: Sequence[tuple[int, int]] | None = None,
             keys: frozenset[Hashable] | None = None) -> list[Match]:
        """Returns the inflected forms in ``text``, leftmost-longest, none overlapping
        ``taken`` (spans already matched, sorted and disjoint) or a URL.

        Args:
            text: A line.
            taken: Spans already matched (as written).
            links: URL spans of ``text``, if the caller has them.
            keys: Only the forms of these entries (default: all).

        Returns:
            Matches with the role each form was added with; ``clitic``,
            ``prefix_start`` and ``elided`` as the glossary matcher reports them.
        """
        if not self._forms:
            return []
        words = [m.span() for m in _WORDS.finditer(text)]
        spans: Sequence[tuple[int, int]] | None = links
        found: list[Match] = []
        for i, (start, first_end) in enumerate(words):
            if found and start < found[-1].end:
                continue
            heads = [(head, clitic, elided, form) for head, clitic, elided in
                     _heads(text[start:first_end], self.lang)
                     for stem in _stems(head, self.lang) for form in self._forms.get(stem, ())
                     if i + form[0] <= len(words) and (keys is None or form[2] in keys)]
            for head, clitic, elided, (size, form, key, role, later) in sorted(
                    heads, key=lambda h: -h[3][0]):
                end = words[i + size - 1][1]
                if (not all(_stems(text[a:b], self.lang) & keys_of for (a, b), keys_of
                            in zip(words[i + 1:i + size], later, strict=True))
                        or not all(_JOIN.fullmatch(text, words[j][1], words[j + 1][0])
                                   for j in range(i, i + size - 1))
                        or overlaps(taken, start, end)):
                    continue
                found_text = head + text[first_end:end]
                if (not is_inflection(found_text, form, self.lang)
                        # an acronym keeps its capitals: its is no plural of IT
                        or (is_acronym(form) and not found_text.startswith(form))
                        or (self.lang == "ar" and _lexicalised(found_text, form))):
                    continue
                spans = url_spans(text) if spans is None else spans
                if overlaps(spans, start, end):
                    continue
                at = start + len(clitic)
                found.append(Match(key, self.lang, at, end, text[at:end], form, role,
                                   clitic, start, "ا" if elided else ""))
                break
        return found


def inflect_like(found: str, base: str, other: str, lang: str) -> str:
    """Puts ``other`` in the number ``found`` puts ``base`` in.

    ``Digital conversions`` is ``digital conversion`` in the plural, so
    ``digital transformation`` becomes ``digital transformations``: each word
    of ``other`` takes the ending that the word of ``base`` in its place took
    (in Arabic ``التحويلات الرقمية`` gives ``التحولات الرقمية`` for ``التحول الرقمي``).

    Args:
        found: The text found (without an Arabic proclitic).
        base: The glossary form it inflects (e.g. a forbidden rendering).
        other: The form to inflect alike (e.g. the preferred form).
        lang: The language of all three.

    Returns:
        ``other`` inflected, or ``other`` as it is when ``found`` is no
        inflection of ``base`` or the endings do not carry over.
    """
    if not is_inflection(found, base, lang):
        return other
    fwords, bwords = match_key(found, lang).split(), match_key(base, lang).split()
    owords = other.split()
    if len(owords) != len(bwords):
        return other
    out = []
    for fw, bw, ow in zip(fwords, bwords, owords, strict=True):
        n = 0
        while n < min(len(fw), len(bw)) and fw[n] == bw[n]:
            n += 1
        gone, added = bw[n:], fw[n:]
        okey = match_key(ow, lang)
        if not (gone or added):
            out.append(ow)
        elif okey.endswith(gone) and len(okey) > len(gone):
            real = added.replace("ه", "ة") if lang == "ar" else added
            out.append(ow[:len(ow) - len(gone)] + real)
        else:
            return other
    result = " ".join(out)
    return result if is_inflection(result, other, lang) else other
