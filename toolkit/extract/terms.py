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
adjective first, a coordinated last word unless the head is an institution noun,
two adjectives are coordinated or the pair names a field that an institution is
named after, a coordinated last word cut from its adjective, a generic action
noun first such as تطوير, a verb-like first word, and a general single word or a
name classifier such as مقاطعة; higher for an institution or concept head such
as وزارة، مركز), weighted by keyness: the mean log-ratio of
each word's relative frequency in the documents to its frequency in a
general-Arabic reference list (:func:`toolkit.extract.data.reference_frequencies`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from glossary.model import Context
from toolkit.extract.contexts import MAX_CONTEXTS, make_context
from toolkit.extract.data import (
    WordSense,
    connectors,
    cue_words,
    light_heads,
    reference_frequencies,
    stopwords,
    term_heads,
    word_senses,
)
from toolkit.extract.termhood import (
    RARE,
    REFERENCE_FLOOR,
    UNIGRAM_WEIGHT,
    cvalues,
    keyness,
    keyness_weight,
)
from toolkit.extract.tokenize import Token, fold_ar, light_ar, split_clitic, term_word_key

__all__ = [
    "MAX_TERM_WORDS",
    "RARE",
    "REFERENCE_FLOOR",
    "UNIGRAM_WEIGHT",
    "TermCandidate",
    "TermCounter",
    "cvalues",
    "keyness",
    "merge_numbers",
    "number_key",
    "surface_without_clitic",
]

#: Longest term candidate, in words.
MAX_TERM_WORDS = 5
#: Term candidates held in memory before the rarest are dropped (lossy counting).
MAX_CANDIDATES = 1_000_000
#: Word analyses kept across documents (memory bound).
MAX_WORD_MEMO = 200_000
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
#: ...else its weight is multiplied by this (الناس، الشركات are general words); so is
#: the weight of a single word that classifies names (مقاطعة، بلدية، جامعة in cues.tsv):
#: a generic noun however often the documents name provinces.
UNIGRAM_GENERAL_WEIGHT = 0.3
#: Weight of a candidate that ends with a coordinated word (الأفراد والشركات).
COORDINATION_WEIGHT = 0.5
#: Weight of a candidate headed by an institution or concept noun (term_heads.txt).
TERM_HEAD_WEIGHT = 1.2
#: Weight of a candidate whose first word looks like a verb: never seen with the
#: article, unknown to the reference list, with a verb prefix or suffix (تمتلك المقاطعة).
VERB_START_WEIGHT = 0.3
_ARTICLE = "\u0627\u0644"
_PREPOSITIONS = ("\u0628", "\u0644", "\u0643")  # ب ل ك
_CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
_NISBA = ("\u064a", "\u064a\u0647")  # ي، ية (folded)
_IMPERFECT = ("\u062a", "\u064a", "\u0646")  # ت ي ن: prefixes of imperfect verbs
#: و + alef with hamza (وأ، وإ، وآ): no Arabic noun starts so (وأد is a rare verb), so
#: the و is the conjunction even when the rest is not in the lexicon (وأكشاك).
_WAW_HAMZA = ("\u0648\u0623", "\u0648\u0625", "\u0648\u0622")
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
        aliases: Keys of the singular/plural forms merged into it (see :func:`number_key`).
        cuts: Occurrences per document of a coordinated candidate whose last word goes
            on with an adjective (الاقتصاد الرقمي والمجتمع | الرقمي): a phrase cut in two.
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
        self._memo: dict[tuple[str, str], _Word] = {}

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
            # Only the proclitic split depends on the document (its vocabulary); the
            # rest of the analysis is kept across documents, per (word, split).
            light = tok.light or light_ar(tok.text)
            prefix, stem = split_clitic(light, self.known, self.lexical)
            if not prefix and light.startswith(_WAW_HAMZA) and len(light) >= 5:
                prefix, stem = light[:1], light[1:]  # وأكشاك: و + أكشاك
            memo_key = (tok.text, prefix)
            cached = self._memo.get(memo_key)
            if cached is None:
                cached = self._new_word(tok, light, prefix, stem)
                if len(self._memo) < MAX_WORD_MEMO:
                    self._memo[memo_key] = cached
            self._words[tok.text] = cached
        return cached

    def _new_word(self, tok: Token, light: str, prefix: str, stem: str) -> _Word:
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
        terms = self.terms
        for i in range(n):
            wi = words[i]
            if (wi.stop or wi.connector or wi.preposition or wi.verb_like
                    or (skipped and i in skipped)):
                continue
            key: tuple[str, ...] = (wi.first_key,)
            surfaces: tuple[str, ...] = (wi.first_surface,)
            coordinations = 0
            for j in range(i, min(n, i + self.max_words)):
                if j > i:
                    wj = words[j]
                    if (skipped and j in skipped) or (wj.stop and not wj.connector):
                        break
                    if coordinations:
                        break  # a coordinated word (والاتصالات) ends the candidate
                    if wj.coordinated:
                        coordinations += 1
                    key += (wj.key,)
                    surfaces += (wj.surface,)
                    if wj.connector or wj.suffixed or wj.attached:
                        continue  # never the last word
                elif wi.suffixed or not wi.definite:
                    continue  # a single-word term is a noun: seen with the article
                cand = terms.get(key)
                if cand is None:
                    cand = terms[key] = TermCandidate(key, coordinated=coordinations > 0)
                cand.count += 1
                if coordinations and _adjective_follows(words, j, skipped):
                    cand.cuts[doc] += 1
                cand.surfaces[surfaces] = cand.surfaces.get(surfaces, 0) + 1
                cand.docs[doc] += 1
                if len(cand.contexts) < MAX_CONTEXTS:
                    cand.contexts.append(make_context(
                        doc, text, tokens[i].start + wi.first_offset, tokens[j].end))

    def _perfect_verb(self, stem: str, folded: str) -> bool:
        """أنفقت، وضعت، حددته: an indefinite word ending in ت (not the plural ات) or
        ته that the lexicon does not know is taken for a verb (past tense)."""
        if stem.startswith(_ARTICLE) or (self.lexical is not None and self.lexical(stem)):
            return False
        if len(folded) >= 5 and folded.endswith("\u062a\u0647"):
            return True  # حددته: a verb with an object pronoun
        return (len(folded) >= 4 and folded.endswith("\u062a")
                and not folded.endswith("\u0627\u062a"))

    def _adjective(self, word: str, senses: dict[tuple[str, ...], WordSense]) -> bool:
        """Whether a word key is an adjective: words.tsv says so (عامة), or it looks like a
        nisba: ـي, or ـية whose ـي form occurs."""
        sense = senses.get((word,))
        if (sense is not None and sense.pos == "adj") or (
                word.endswith("\u064a") and len(word) >= 4):
            return True
        return word.endswith("\u064a\u0647") and self.word_counts.get(word[:-1], 0) > 0

    def _verb_start(self, word: str, ref: dict[str, float]) -> bool:
        """Whether a first word looks like a verb: never seen with the article (no
        single-word candidate, which needs it), not in the reference list, and with an
        imperfect prefix or a past-tense ending; a conjunction before it (وتدعم، ويحتاج)
        is looked through."""
        if (word,) in self.terms or word in ref or word.endswith(("\u0647", "\u064a")):
            return False
        if word[:1] in _CONJUNCTIONS and len(word) >= 5 and self._verb_start(word[1:], ref):
            return True
        return ((word[:1] in _IMPERFECT and 4 <= len(word) <= 5)
                or (word.endswith("\u062a") and not word.endswith("\u0627\u062a")))

    def ranked(self, min_count: int = 1) -> list[TermCandidate]:
        """Scores the candidates seen at least ``min_count`` times, best first."""
        for cand in self.terms.values():
            for words, n in cand.surfaces.items():
                cand.forms[" ".join(words)] += n
            cand.surfaces.clear()
        merged = merge_numbers(self.terms.values())
        kept = {c.key: c for c in merged if c.count >= min_count}
        values = cvalues({k: c.count for k, c in kept.items()},
                         {k for k, c in kept.items() if c.coordinated})
        ref = reference_frequencies()
        heads = light_heads()
        institutions = term_heads()
        classifiers = cue_words()
        senses = word_senses()
        # Fields: X وY that institutions are named after (وزارة العلوم والتكنولوجيا →
        # العلوم والتكنولوجيا) is one name, not a coordination of two phrases.
        fields = {k[1:] for k, c in kept.items()
                  if c.coordinated and len(k) > 2 and k[0] in institutions}
        for key, cand in kept.items():
            cand.cvalue = values[key]
            cand.keyness = keyness(key, self.word_counts, self.total_words, ref)
            shape = 1.0 if len(key) == 1 or cand.definite_end else INDEFINITE_WEIGHT
            if self._adjective(key[0], senses):
                shape *= ADJECTIVE_START_WEIGHT
            if len(key) > 1 and key[0] in heads:
                shape *= LIGHT_HEAD_WEIGHT
            if len(key) == 1 and (cand.keyness < UNIGRAM_MIN_KEYNESS or key[0] in classifiers):
                shape *= UNIGRAM_GENERAL_WEIGHT
            if len(key) > 1:
                if key[0] in institutions:
                    shape *= TERM_HEAD_WEIGHT
                if self._verb_start(key[0], ref):
                    shape *= VERB_START_WEIGHT
            if cand.cuts:
                shape *= max(0.0, 1.0 - sum(cand.cuts.values()) / cand.count)
            if cand.coordinated and not (key[0] in institutions or _coordinated_adjectives(key)
                                         or key in fields):
                shape *= COORDINATION_WEIGHT
            cand.score = round(cand.cvalue * keyness_weight(cand.keyness) * shape, 4)
        return sorted(kept.values(), key=lambda c: (-c.score, -c.count, c.key))


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
            merged.forms.update(cand.forms)
            merged.docs.update(cand.docs)
            merged.contexts.extend(cand.contexts[:max(0, MAX_CONTEXTS - len(merged.contexts))])
        out.append(merged)
    return out


def _adjective_follows(words: Sequence[_Word], j: int, skipped: Collection[int]) -> bool:
    """Whether the word after ``j`` is a nisba adjective that can qualify it (same
    definiteness, no clitic): والمجتمع الرقمي goes on past the candidate's end."""
    if j + 1 >= len(words) or j + 1 in skipped:
        return False
    word, nxt = words[j], words[j + 1]
    return (nxt.key.endswith(_NISBA) and len(nxt.key) >= 4 and not nxt.stop
            and not nxt.coordinated and not nxt.attached and nxt.definite == word.definite)


def _bare(word: str) -> str:
    """A word key without the conjunction of a coordinated word (واتصالات → اتصالات)."""
    return word[1:] if word[:1] in _CONJUNCTIONS and len(word) >= 4 else word


def _coordinated_adjectives(key: tuple[str, ...]) -> bool:
    """X الاجتماعية والاقتصادية: two coordinated adjectives qualify one noun."""
    return (len(key) >= 3 and key[-2].endswith(_NISBA)
            and _bare(key[-1]).endswith(_NISBA) and key[-1][:1] in _CONJUNCTIONS)
