"""Multiword term candidates ranked by C-value and keyness.

Candidates are n-grams of 1–5 Arabic words inside one chunk (no punctuation,
number or Latin word in between), with no stopword at either edge and only
connectors (عبر، غير) inside. The first word loses its proclitics
(بالتحول الرقمي → التحول الرقمي); every word is keyed without the article, so
التحول الرقمي and تحول رقمي are one term.

Verb-like first words (يتقدم، أنفقت، حددته) never start a candidate, and a word
with a preposition clitic (للتحول) or a pronoun suffix never ends one.

Termhood is the C-value of Frantzi, Ananiadou and Mima (2000), adapted (see
:func:`cvalues`), times a shape weight (lower for an indefinite last word, an
adjective first, a coordinated last word, a generic action noun first such as
تطوير, and a general single word), weighted by keyness: the mean log-ratio of
each word's relative frequency in the documents to its frequency in a
general-Arabic reference list (:func:`toolkit.extract.data.reference_frequencies`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from glossary.model import Context
from toolkit.extract.contexts import MAX_CONTEXTS, make_context
from toolkit.extract.data import connectors, light_heads, reference_frequencies, stopwords
from toolkit.extract.tokenize import Token, fold_ar, light_ar, split_clitic, term_word_key

__all__ = [
    "MAX_TERM_WORDS",
    "TermCandidate",
    "TermCounter",
    "cvalues",
    "keyness",
    "surface_without_clitic",
]

#: Longest term candidate, in words.
MAX_TERM_WORDS = 5
#: Term candidates held in memory before the rarest are dropped (lossy counting).
MAX_CANDIDATES = 1_000_000
#: Candidates seen this often or less are scored without nesting (see :func:`cvalues`).
RARE = 2
#: Weight of a multiword candidate whose last word lacks the article (قوة دافعة):
#: Arabic terms are mostly definite noun phrases (الحوسبة السحابية، مركز البيانات).
INDEFINITE_WEIGHT = 0.6
#: Weight of a candidate that starts with an adjective (الرقمي والمجتمع، العامة المتنقلة):
#: Arabic terms start with their head noun.
ADJECTIVE_START_WEIGHT = 0.3
#: Weight of a phrase headed by a generic action noun (تطوير البنية التحتية), light_heads.txt.
LIGHT_HEAD_WEIGHT = 0.4
#: A single word needs this keyness (log2 ratio) to rank as a domain term...
UNIGRAM_MIN_KEYNESS = 3.0
#: ...else its weight is multiplied by this (الناس، الشركات are general words).
UNIGRAM_GENERAL_WEIGHT = 0.3
#: C-value weight of a single word (multiword candidates get log2(n + 1)).
UNIGRAM_WEIGHT = 0.3
#: Weight of a candidate that ends with a coordinated word (الأفراد والشركات).
COORDINATION_WEIGHT = 0.5
#: Reference frequency (per million) assumed for words missing from the list.
REFERENCE_FLOOR = 0.5
_ARTICLE = "\u0627\u0644"
_PREPOSITIONS = ("\u0628", "\u0644", "\u0643")  # ب ل ك
_CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
_NISBA = ("\u064a", "\u064a\u0647")  # ي، ية (folded)
_PRONOUN_SUFFIXES = ("\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627", "\u0643\u0645",
                     "\u0646\u0627")  # ها هم هما كم نا


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

    @property
    def definite_end(self) -> bool:
        """Whether the last word of the usual form has the article (a definite NP)."""
        stem = split_clitic(light_ar(self.form.split()[-1]))[1]
        return stem.startswith(_ARTICLE)

    @property
    def form(self) -> str:
        """The most frequent surface form; on a tie the definite one, then the shortest."""
        return min(self.forms.items(),
                   key=lambda kv: (-kv[1], not kv[0].startswith(_ARTICLE), len(kv[0]), kv[0]))[0]


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


@dataclass
class _Word:
    surface: str
    first_surface: str
    first_offset: int  # where the clitic-free first word starts, from the token start
    first_key: str
    key: str
    stop: bool
    connector: bool
    preposition: bool  # a bare preposition clitic on an indefinite word (بقوة)
    coordinated: bool  # starts with the conjunction و or ف
    definite: bool
    attached: bool  # carries a preposition clitic (للتحول، بالبيانات): not a term end
    verb_like: bool  # looks like a verb: ي + three letters, or a past form in ت
    suffixed: bool  # ends with a pronoun suffix (ها، هم، هما، كم، نا)


class TermCounter:
    """Counts term candidates over a stream of documents (one chunk at a time).

    Args:
        known: Tells whether a folded word is a word (lexicon or document
            vocabulary): a bare proclitic is split off when the rest is known...
        lexical: ...and the whole word is not in the lexicon.
        max_words: Longest candidate.
        max_candidates: Candidates held before the rarest are dropped.
    """

    def __init__(self, known: Callable[[str], bool] | None = None,
                 lexical: Callable[[str], bool] | None = None,
                 max_words: int = MAX_TERM_WORDS,
                 max_candidates: int = MAX_CANDIDATES) -> None:
        self.known = known
        self.lexical = lexical
        self.max_candidates = max_candidates
        #: Candidates seen fewer times than this may have been dropped (0: none were).
        self.pruned_below = 0
        self.max_words = max_words
        self.terms: dict[tuple[str, ...], TermCandidate] = {}
        self.word_counts: Counter[str] = Counter()
        self.total_words = 0
        self._stop = stopwords()
        self._connectors = connectors()
        self._words: dict[str, _Word] = {}

    def start_document(self) -> None:
        """Forgets the per-document word cache (the ``known`` lexicon may change).

        When more than :attr:`max_candidates` candidates are held, the rarest are
        dropped (lossy counting: those seen once, then twice …), so memory stays
        bounded on large corpora; the frequent candidates keep exact counts.
        """
        self._words.clear()
        floor = 1
        while len(self.terms) > self.max_candidates:
            self.terms = {k: c for k, c in self.terms.items() if c.count > floor}
            self.pruned_below = max(self.pruned_below, floor + 1)
            floor += 1

    def _word(self, tok: Token) -> _Word:
        cached = self._words.get(tok.text)
        if cached is None:
            cached = self._words[tok.text] = self._new_word(tok)
        return cached

    def _new_word(self, tok: Token) -> _Word:
        light = tok.light or light_ar(tok.text)
        prefix, stem = split_clitic(light, self.known, self.lexical)
        inner_prefix, inner_stem = split_clitic(light, None)
        restored = stem.startswith(_ARTICLE) and not light[len(prefix):].startswith(_ARTICLE)
        first_surface, offset = surface_without_clitic(tok.text, prefix, restored)
        bare = term_word_key(stem)
        folded_stem = fold_ar(stem)
        folded = tok.norm or fold_ar(light)
        stop = (folded_stem in self._stop or folded in self._stop
                or (folded[:1] in _CONJUNCTIONS and folded[1:] in self._stop)
                or "\u064b" in tok.text)  # tanween fath: an adverbial accusative
        return _Word(tok.text, first_surface, offset, bare,
                     term_word_key(inner_stem), stop, folded_stem in self._connectors,
                     prefix.endswith(_PREPOSITIONS) and not restored
                     and not light[len(prefix):].startswith(_ARTICLE),
                     prefix.startswith(_CONJUNCTIONS), stem.startswith(_ARTICLE),
                     inner_prefix.endswith(_PREPOSITIONS) or prefix.endswith(_PREPOSITIONS),
                     (folded_stem.startswith("\u064a") and len(folded_stem) >= 4)
                     or self._perfect_verb(stem, folded_stem),
                     len(folded_stem) >= 5 and folded_stem.endswith(_PRONOUN_SUFFIXES))

    def add_chunk(self, doc: str, text: str, tokens: Sequence[Token],
                  skip: Iterable[int] = ()) -> None:
        """Counts the candidates of one chunk.

        Args:
            doc: Document path.
            text: Original document text (for contexts).
            tokens: The Arabic tokens of the chunk.
            skip: Indexes of tokens that belong to names: no candidate contains them.
        """
        skipped = set(skip)
        words = [self._word(t) for t in tokens]
        for w in words:
            self.word_counts[w.first_key] += 1
        self.total_words += len(words)
        n = len(words)
        for i in range(n):
            if (i in skipped or words[i].stop or words[i].connector or words[i].preposition
                    or words[i].verb_like):
                continue
            coordinations = 0
            for j in range(i, min(n, i + self.max_words)):
                if j in skipped:
                    break
                wj = words[j]
                if wj.stop and not wj.connector:
                    break
                if coordinations:
                    break  # a coordinated word (والاتصالات) ends the candidate
                if j > i and wj.coordinated:
                    coordinations += 1
                if wj.connector or wj.suffixed or (wj.attached and j > i):
                    continue  # never the last word
                if i == j and not words[i].definite:
                    continue  # a single-word term is a noun: seen with the article
                key = (words[i].first_key, *[w.key for w in words[i + 1:j + 1]])
                cand = self.terms.get(key)
                if cand is None:
                    cand = self.terms[key] = TermCandidate(key, coordinated=coordinations > 0)
                cand.count += 1
                surfaces = (words[i].first_surface, *[w.surface for w in words[i + 1:j + 1]])
                cand.surfaces[surfaces] = cand.surfaces.get(surfaces, 0) + 1
                cand.docs[doc] += 1
                if len(cand.contexts) < MAX_CONTEXTS:
                    cand.contexts.append(make_context(
                        doc, text, tokens[i].start + words[i].first_offset, tokens[j].end))

    def _perfect_verb(self, stem: str, folded: str) -> bool:
        """أنفقت، وضعت، حددته: an indefinite word ending in ت (not the plural ات) or
        ته that the lexicon does not know is taken for a verb (past tense)."""
        if stem.startswith(_ARTICLE) or (self.lexical is not None and self.lexical(stem)):
            return False
        if len(folded) >= 5 and folded.endswith("\u062a\u0647"):
            return True  # حددته: a verb with an object pronoun
        return (len(folded) >= 4 and folded.endswith("\u062a")
                and not folded.endswith("\u0627\u062a"))

    def _adjective(self, word: str) -> bool:
        """Whether a word key looks like a nisba adjective: ـي, or ـية whose ـي form occurs."""
        if word.endswith("\u064a") and len(word) >= 4:
            return True
        return word.endswith("\u064a\u0647") and self.word_counts.get(word[:-1], 0) > 0

    def ranked(self, min_count: int = 1) -> list[TermCandidate]:
        """Scores the candidates seen at least ``min_count`` times, best first."""
        kept = {k: c for k, c in self.terms.items() if c.count >= min_count}
        for cand in kept.values():
            for words, n in cand.surfaces.items():
                cand.forms[" ".join(words)] += n
            cand.surfaces.clear()
        values = cvalues({k: c.count for k, c in kept.items()},
                         {k for k, c in kept.items() if c.coordinated})
        ref = reference_frequencies()
        heads = light_heads()
        for key, cand in kept.items():
            cand.cvalue = values[key]
            cand.keyness = keyness(key, self.word_counts, self.total_words, ref)
            shape = 1.0 if len(key) == 1 or cand.definite_end else INDEFINITE_WEIGHT
            if self._adjective(key[0]):
                shape *= ADJECTIVE_START_WEIGHT
            if len(key) > 1 and key[0] in heads:
                shape *= LIGHT_HEAD_WEIGHT
            if len(key) == 1 and cand.keyness < UNIGRAM_MIN_KEYNESS:
                shape *= UNIGRAM_GENERAL_WEIGHT
            if cand.coordinated:
                shape *= COORDINATION_WEIGHT
            cand.score = round(cand.cvalue * _keyness_weight(cand.keyness) * shape, 4)
        return sorted(kept.values(), key=lambda c: (-c.score, -c.count, c.key))


def _keyness_weight(k: float) -> float:
    """Maps keyness (log2 ratio) to a weight in (0, 2): 1 where the word is as common
    as in general Arabic, near 2 for words typical of the documents."""
    return 1.0 + math.tanh(k / 4.0)


def keyness(key: Sequence[str], counts: Counter[str], total: int,
            reference: dict[str, float]) -> float:
    """Mean log2 ratio of the words' relative frequency here to the reference.

    Args:
        key: The term's article-free folded words.
        counts: Word counts of the documents (same keys).
        total: Number of words in the documents.
        reference: Reference frequencies per million.

    Returns:
        The mean over the words (connectors excluded) of
        ``log2((f_here + 0.5) / (f_ref + 0.5))``, both per million.
    """
    conn = connectors()
    ratios = []
    for word in key:
        if word in conn:
            continue
        here = counts.get(word, 0) * 1e6 / max(total, 1)
        ref = reference.get(word, REFERENCE_FLOOR)
        ratios.append(math.log2((here + 0.5) / (ref + 0.5)))
    return sum(ratios) / len(ratios) if ratios else 0.0


def cvalues(freq: dict[tuple[str, ...], int],
            coordinated: Collection[tuple[str, ...]] = ()) -> dict[tuple[str, ...], float]:
    """Computes the C-value of every candidate.

    ``CV(a) = w(|a|) * (f(a) - nested(a))`` where ``w(n) = log2(n + 1)`` for
    n ≥ 2 and ``w(1) = 0.3``. ``nested(a)`` is the larger of Frantzi's mean
    frequency of the candidates that contain ``a`` and the frequency of its most
    frequent one-word-longer extension (so a fragment that never occurs alone,
    like التحتية الرقمية inside البنية التحتية الرقمية, scores zero). For single
    words ``nested`` is the total of the repeated two-word candidates that
    contain them. A multiword candidate seen at most :data:`RARE` times has no
    nesting evidence (its extensions are as rare), so it gets
    ``(f(a) - adj(a)) * 2 log2(3) / n``: shorter is likelier a term, less what an
    adjective always continues to the right (مؤشر التحول + الرقمي) or, for a
    candidate that starts with an adjective, what precedes it.

    Args:
        freq: Candidate (tuple of words) → frequency.
        coordinated: Candidates that end with a coordinated word (X وY): they
            nest X when X is frequent (وزارة المعلومات inside وزارة المعلومات
            والاتصالات), not when it is rare (البيانات الضخمة والحوسبة).

    Returns:
        Candidate → C-value; never negative.
    """
    nested_sum: Counter[tuple[str, ...]] = Counter()
    nested_types: Counter[tuple[str, ...]] = Counter()
    longest_right: dict[tuple[str, ...], int] = {}  # most frequent a + w
    longest_left: dict[tuple[str, ...], int] = {}  # most frequent w + a
    adjective_right: dict[tuple[str, ...], int] = {}  # most frequent a + adjective
    unigram_cover: Counter[tuple[str, ...]] = Counter()
    for longer, f in freq.items():
        n = len(longer)
        if n < 2:
            continue
        subs = {longer[i:j] for i in range(n) for j in range(i + 1, n + 1) if j - i < n}
        for sub in subs:
            if sub in freq:
                nested_sum[sub] += f
                nested_types[sub] += 1
        right, left = longer[:-1], longer[1:]
        longest_right[right] = max(longest_right.get(right, 0), f)
        longest_left[left] = max(longest_left.get(left, 0), f)
        if longer[-1].endswith(_NISBA) and longer not in coordinated:
            adjective_right[right] = max(adjective_right.get(right, 0), f)
        if n == 2 and f >= 2 and longer not in coordinated:
            for word in set(longer):
                unigram_cover[(word,)] += f
    values: dict[tuple[str, ...], float] = {}
    for cand, f in freq.items():
        own: float
        if len(cand) == 1:
            own = f - unigram_cover[cand]
            weight = UNIGRAM_WEIGHT
        elif f <= RARE:
            # Too rare for nesting evidence: every extension is as rare. Shorter is
            # likelier; a fragment is what an adjective (nisba, ـي/ـية) always
            # continues on the right, or an adjective cut off its noun on the left.
            own = f - adjective_right.get(cand, 0)
            if cand[0].endswith(_NISBA):
                own -= longest_left.get(cand, 0)
            weight = math.log2(3) * 2 / len(cand)
        else:
            mean = nested_sum[cand] / nested_types[cand] if nested_types[cand] else 0.0
            own = f - max(mean, longest_right.get(cand, 0), longest_left.get(cand, 0))
            weight = math.log2(len(cand) + 1)
        values[cand] = max(0.0, weight * own)
    return values
