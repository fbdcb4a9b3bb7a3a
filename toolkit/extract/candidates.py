"""Term candidates and the merging of their spellings.

A :class:`TermCandidate` holds the evidence of one candidate key (article-free
folded words). Candidates that differ only in number (الخدمة العامة، الخدمات
العامة) or in a conjunction left on the first word (وموظفي الخدمة) are merged
before ranking.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from glossary.model import Context
from toolkit.extract.contexts import MAX_CONTEXTS
from toolkit.extract.data import governed_prepositions, modifier_keys
from toolkit.extract.tokenize import ARTICLE, light_ar, split_clitic

__all__ = [
    "KnownSpans",
    "TermCandidate",
    "ending_phrase",
    "governed_positions",
    "merge_conjunctions",
    "merge_numbers",
    "number_key",
    "phrase_spans",
    "surface_shape",
    "surface_without_clitic",
]

#: Proclitics that a first word may keep when its stem is unknown: و ف (and), ل ب (to, by).
_PROCLITICS = ("\u0648", "\u0641", "\u0644", "\u0628")


@dataclass
class TermCandidate:
    """A term candidate and its evidence.

    Attributes:
        key: Article-free folded words.
        forms: Surface forms (first-word clitics removed) and their counts (filled
            from ``surfaces``, the word tuples counted while streaming, by ranking).
        count: Occurrences.
        docs: Occurrences per document.
        contexts: Up to :data:`~toolkit.extract.contexts.MAX_CONTEXTS` contexts.
        cvalue: C-value.
        keyness: Mean log2 ratio against the reference list.
        score: Termhood: C-value weighted by keyness and shape.
        coordinated: Whether its last word is coordinated by و (… والاتصالات).
        aliases: Keys of the singular/plural forms merged into it (see :func:`number_key`).
        cuts: Occurrences per document of a coordinated candidate whose last word goes
            on with an adjective (الاقتصاد الرقمي والمجتمع | الرقمي): a phrase cut in two.
        covered: Occurrences that lie inside a longer occurrence of an approved glossary
            entry (الصناعة in وزارة الصناعة والتجارة), per entry (its index).
        matched: Occurrences that are also an occurrence of an approved entry found by
            the glossary matcher (the same words), per ``(entry index, document)``, so
            that :func:`toolkit.extract.known.absorb` counts them once.
    """

    key: tuple[str, ...]
    forms: Counter[str] = field(default_factory=Counter)
    count: int = 0
    surfaces: dict[tuple[str, ...], int] = field(default_factory=dict)
    docs: Counter[str] = field(default_factory=Counter)
    contexts: list[Context] = field(default_factory=list)
    cvalue: float = 0.0
    keyness: float = 0.0
    score: float = 0.0
    coordinated: bool = False
    aliases: tuple[tuple[str, ...], ...] = ()
    cuts: Counter[str] = field(default_factory=Counter)
    covered: Counter[str] = field(default_factory=Counter)
    matched: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def form(self) -> str:
        """The most frequent surface form; on a tie the definite one, then the shortest."""
        return min(self.forms.items(),
                   key=lambda kv: (-kv[1], not kv[0].startswith(ARTICLE), len(kv[0]), kv[0]))[0]


def surface_without_clitic(surface: str, prefix: str, article: bool) -> tuple[str, int]:
    """Removes a proclitic from a surface word that may carry diacritics.

    Args:
        surface: The word as written.
        prefix: The folded prefix to drop (its letters, e.g. ``ب`` or ``و``).
        article: Whether the stem needs its article back (لل + X → ال + X).

    Returns:
        ``(word, offset)``: the word without the prefix letters (diacritics kept
        on the stem), and where the stem starts in ``surface``.
    """
    if not prefix:
        return surface, 0
    letters = 0
    i = 0
    while i < len(surface) and letters < len(prefix):
        if "\u0621" <= surface[i] <= "\u064A":
            letters += 1
        i += 1
    while i < len(surface) and not ("\u0621" <= surface[i] <= "\u064A"):
        i += 1  # diacritics of the prefix letter
    rest = surface[i:]
    if article:
        rest = "\u0627" + rest  # لل + X: the alef of the article was elided
    return rest, i


def number_key(key: Sequence[str]) -> tuple[str, ...]:
    """The key of a term with its sound plurals made singular, for merging.

    ``ـات`` → ``ـه`` (الخدمات العامة → الخدمة العامة), and the masculine plural
    ``ـون``/``ـين`` of a word of six letters or more is dropped (الموظفون،
    المواطنين الرقميين). Broken plurals are left alone. The result is a merging
    key, not always a real singular (اتصالات → اتصاله).

    Args:
        key: Article-free folded words.

    Returns:
        The merging key.
    """
    out = []
    for word in key:
        if word.endswith("\u0627\u062a") and len(word) >= 5:
            word = word[:-2] + "\u0647"
        elif word.endswith(("\u0648\u0646", "\u064a\u0646")) and len(word) >= 6:
            word = word[:-2]
        out.append(word)
    return tuple(out)


def merge_numbers(cands: Iterable[TermCandidate]) -> list[TermCandidate]:
    """Merges candidates that differ only in singular and plural (:func:`number_key`);
    a coordinated candidate (X والY) is never merged with an uncoordinated one.

    A group becomes one new candidate keyed like its most frequent member, with
    the counts, forms, documents and contexts of all; the other keys are its
    ``aliases``. Candidates alone in their group are returned as they are.

    Args:
        cands: Candidates whose ``forms`` are filled.

    Returns:
        The candidates after merging.
    """
    groups: dict[tuple[tuple[str, ...], bool], list[TermCandidate]] = {}
    for cand in cands:
        groups.setdefault((number_key(cand.key), cand.coordinated), []).append(cand)
    out: list[TermCandidate] = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        members.sort(key=lambda c: (-c.count, c.key))
        head = members[0]
        merged = TermCandidate(head.key, coordinated=head.coordinated,
                               aliases=tuple(c.key for c in members[1:]))
        for cand in members:
            merged.count += cand.count
            merged.cuts.update(cand.cuts)
            merged.covered.update(cand.covered)
            merged.matched.update(cand.matched)
            merged.forms.update(cand.forms)
            merged.docs.update(cand.docs)
            merged.contexts.extend(cand.contexts[:max(0, MAX_CONTEXTS - len(merged.contexts))])
        out.append(merged)
    return out


def merge_conjunctions(terms: dict[tuple[str, ...], TermCandidate]) -> None:
    """Folds a candidate whose first word kept a proclitic (وموظفي الخدمة، لتتبع المنشأ:
    و or ل was not split off, the rest being unknown to the lexicon) into the candidate
    without it, when that one was seen too; its forms and contexts lose the proclitic.

    Args:
        terms: Candidates by key, their ``forms`` filled (changed in place).
    """
    for key in [k for k in terms if k[0][:1] in _PROCLITICS and len(k[0]) >= 4]:
        target = terms.get((key[0][1:], *key[1:]))
        cand = terms[key]
        if target is None or target.coordinated != cand.coordinated:
            continue
        del terms[key]
        target.count += cand.count
        target.docs.update(cand.docs)
        target.cuts.update(cand.cuts)
        target.covered.update(cand.covered)
        target.matched.update(cand.matched)
        target.aliases += (key, *cand.aliases)
        for form, n in cand.forms.items():
            target.forms[surface_without_clitic(form, key[0][0], False)[0]] += n
        for ctx in cand.contexts[:max(0, MAX_CONTEXTS - len(target.contexts))]:
            cut = surface_without_clitic(ctx.form, key[0][0], False)[1]
            target.contexts.append(replace(ctx, start=ctx.start + cut, form=ctx.form[cut:]))


def surface_shape(form: str) -> list[tuple[bool, str]]:
    """How the words of a term form are marked: ``(definite, proclitic)`` per word.

    Args:
        form: A surface form (its first word without clitics, the others as written).

    Returns:
        Per word, whether its stem has the article and the proclitic before it
        (``"و"`` in والاتصالات, ``"ل"`` in للتحول, ``""`` for none).
    """
    out = []
    for word in form.split():
        prefix, stem = split_clitic(light_ar(word))
        out.append((stem.startswith(ARTICLE), prefix))
    return out


def phrase_spans(words: Sequence[str], phrases: frozenset[tuple[str, ...]]
                 ) -> dict[int, tuple[int, int]]:
    """Where fixed modifier phrases (:func:`toolkit.extract.data.modifier_phrases`)
    stand in a run of words: each position of a phrase → its first and last position.

    Args:
        words: Folded words (with their article), or a candidate key when
            ``phrases`` are keyed the same way
            (:func:`toolkit.extract.data.modifier_keys`).
        phrases: The phrases, as words of the same kind.

    Returns:
        Position → ``(first, last)`` of the phrase that holds it; empty if none.
    """
    spans: dict[int, tuple[int, int]] = {}
    heads = _by_first_word(phrases)
    for i, word in enumerate(words):
        for phrase in heads.get(word, ()):
            last = i + len(phrase) - 1
            if tuple(words[i:last + 1]) == phrase:
                spans.update((k, (i, last)) for k in range(i, last + 1))
    return spans


@lru_cache(maxsize=4)
def _by_first_word(phrases: frozenset[tuple[str, ...]]
                   ) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    heads: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in sorted(phrases):
        heads[phrase[0]] = (*heads.get(phrase[0], ()), phrase)
    return heads


def ending_phrase(key: Sequence[str]) -> int:
    """Where the fixed modifier phrase that ends a candidate key starts (التطبيب عن بعد:
    1), or 0 when none does (a key that is only the phrase counts as none)."""
    phrase = phrase_spans(key, modifier_keys()).get(len(key) - 1)
    return phrase[0] if phrase is not None else 0


def governed_positions(key: Sequence[str]) -> list[int]:
    """Where a candidate key holds a preposition that the noun before it governs (الحد
    من الفقر: 1), right after the noun or after its adjective (التحول الرقمي في: 2),
    as governed.tsv lists them."""
    pairs = governed_prepositions()
    preps = _governed_words()
    return [i for i in range(1, len(key) - 1) if key[i] in preps
            and any((w, key[i]) in pairs for w in key[max(0, i - 2):i])]


@lru_cache(maxsize=1)
def _governed_words() -> frozenset[str]:
    """The prepositions of governed.tsv: a key without one holds none governed."""
    return frozenset(prep for _, prep in governed_prepositions())


class KnownSpans:
    """Where approved glossary entries occur in one document, for lookups in O(log n).

    Args:
        spans: ``(start, end, entry)`` of the matches; the glossary matcher's are
            leftmost-longest, so they do not overlap.
    """

    def __init__(self, spans: Iterable[tuple[int, int, str]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _, _ in ordered]
        self.ends = [end for _, end, _ in ordered]
        self.entries = [entry for _, _, entry in ordered]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def same(self, first_start: int, first_end: int, end: int) -> str | None:
        """The entry with an occurrence of the same words as a candidate's: it starts in
        the candidate's first word (after its proclitics) and ends where it ends.

        Args:
            first_start: Where the candidate's first word starts, proclitics included.
            first_end: Where that word ends.
            end: Where the candidate ends.
        """
        i = bisect_right(self.starts, first_end - 1) - 1
        if i < 0 or self.ends[i] != end or self.starts[i] < first_start:
            return None
        return self.entries[i]

    def covering(self, start: int, end: int) -> str | None:
        """The entry whose occurrence holds ``start:end`` and is longer, or ``None``."""
        i = bisect_right(self.starts, start) - 1
        if i < 0 or end > self.ends[i] or (self.starts[i], self.ends[i]) == (start, end):
            return None
        return self.entries[i]
