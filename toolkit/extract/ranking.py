"""Termhood ranking of the counted term candidates.

Termhood is the C-value of Frantzi, Ananiadou and Mima (2000), adapted (see
:func:`toolkit.extract.termhood.cvalues`), times a shape weight, weighted by
keyness: the mean log-ratio of each word's relative frequency in the documents
to its frequency in a general-Arabic reference list
(:func:`toolkit.extract.data.reference_frequencies`).

The shape weight is lower for an indefinite last word, an adjective first, a
coordinated last word (unless the head is an institution noun, two adjectives
are coordinated or the pair names a field that an institution is named after),
a coordinated last word cut from its adjective, a generic action noun first
followed by its object (تطوير البنية التحتية, not التوقيع الرقمي), a verb-like
first word, and a general single word or a name classifier such as مقاطعة; it is
higher for an institution or concept head such as وزارة، مركز.

Fragments of sentences rank lower by rules of Arabic grammar (:class:`FragmentRules`):
a verb and its subject (نظمت المقاطعة: an imperfect or past-tense shape that agrees
in gender with the definite word after it, never seen with the article), a first
word that kept a proclitic (لتسرب، ومسؤولي) or carries a possessive pronoun
(تركيزها), a definite feminine noun followed by a definite word that cannot be its
adjective (المقاطعة المشروع), a phrase ending with a deictic administrative noun
(سكان المقاطعة: "the province", deictic_nouns.tsv) and two coordinated plurals
(الأفراد والشركات).

What the C-value nests reads the surface form: an adjective agrees with the word
before it in definiteness, a first word in ـي before a definite word is a noun
in the construct state (موظفي الخدمة), and a phrase after a preposition clitic
(للتحول الرقمي) or a construct's genitive (موظفي | الخدمة المدنية) is a whole noun
phrase, not a fragment. A rare head noun before an established term (خطة التحول
الرقمي) is scored by :func:`~toolkit.extract.termhood.composed_cvalues`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from toolkit.extract.candidates import (
    TermCandidate,
    ending_phrase,
    merge_conjunctions,
    merge_numbers,
    surface_shape,
)
from toolkit.extract.data import (
    WordSense,
    connectors,
    cue_words,
    light_heads,
    reference_frequencies,
    term_heads,
    title_words,
    word_senses,
)
from toolkit.extract.fragments import FragmentRules, looks_plural
from toolkit.extract.termhood import (
    composed_cvalues,
    cvalues,
    keyness,
    keyness_weight,
    nisba_shaped,
)
from toolkit.extract.tokenize import CONJUNCTIONS, PREPOSITION_CLITICS

__all__ = [
    "ADJECTIVE_START_WEIGHT",
    "COORDINATION_WEIGHT",
    "FRAGMENT_WEIGHT",
    "INDEFINITE_WEIGHT",
    "LIGHT_HEAD_WEIGHT",
    "TERM_HEAD_WEIGHT",
    "UNIGRAM_GENERAL_WEIGHT",
    "UNIGRAM_MIN_KEYNESS",
    "VERB_START_WEIGHT",
    "cue_fragment",
    "rank_candidates",
]

#: Weight of a multiword candidate whose last word lacks the article (قوة دافعة):
#: Arabic terms are mostly definite noun phrases (الحوسبة السحابية، مركز البيانات).
INDEFINITE_WEIGHT = 0.6
#: Weight of a candidate that starts with an adjective (الرقمي والمجتمع، العامة المتنقلة):
#: Arabic terms start with their head noun.
ADJECTIVE_START_WEIGHT = 0.3
#: Weight of a phrase headed by a generic action noun and its object (تطوير البنية
#: التحتية), light_heads.txt.
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
#: Weight of a candidate that a grammar rule of :class:`FragmentRules` reads as a piece of a
#: sentence (a proclitic or a possessive pronoun left on the first word, a definite
#: word that cannot be the adjective of the definite feminine noun before it, a
#: deictic administrative noun at the end, two coordinated plurals).
FRAGMENT_WEIGHT = 0.3
#: Endings of folded keys marked feminine: ة (folded ه) and the plural ات.
_FEMININE_KEYS = ("\u0647", "\u0627\u062a")
_IMPERFECT = ("\u062a", "\u064a", "\u0646")  # ت ي ن: prefixes of imperfect verbs

_Shape = Sequence[tuple[bool, str]]


def rank_candidates(terms: dict[tuple[str, ...], TermCandidate], word_counts: Counter[str],
                    total_words: int, min_count: int = 1) -> list[TermCandidate]:
    """Merges and scores the counted candidates, best first.

    Args:
        terms: Candidates by key, as counted (their ``surfaces`` become ``forms``;
            changed in place).
        word_counts: Word counts of the documents (article-free folded keys).
        total_words: Number of words in the documents.
        min_count: Candidates seen fewer times are dropped.

    Returns:
        The candidates seen at least ``min_count`` times, their ``cvalue``,
        ``keyness`` and ``score`` set, best first.
    """
    for cand in terms.values():
        for words, n in cand.surfaces.items():
            cand.forms[" ".join(words)] += n
        cand.surfaces.clear()
    merge_conjunctions(terms)
    merged = merge_numbers(terms.values())
    kept = {c.key: c for c in merged if c.count >= min_count}
    return _Ranking(terms, word_counts, total_words).score(kept)


def cue_fragment(key: Sequence[str]) -> bool:
    """Whether a candidate is a cue word of names or a phrase cut before a name, not a term.

    A single cue word (السيد، مقاطعة: cues.tsv) classifies or titles names; a phrase
    that ends with a title written before a name and has no other cue or institution
    word (ترأس السيد، افتتح السيد) is a verb and the start of a name. Neither is
    proposed unless an approved entry confirms it (الوزير، نائب الوزير stay).

    Args:
        key: The candidate's article-free folded words.
    """
    if len(key) == 1:
        return key[0] in cue_words()
    return key[-1] in title_words() and not any(
        w in cue_words() or w in term_heads() for w in key[:-1])


class _Ranking:
    def __init__(self, terms: dict[tuple[str, ...], TermCandidate], word_counts: Counter[str],
                 total_words: int) -> None:
        self.terms = terms
        self.word_counts = word_counts
        self.total_words = total_words
        self.senses: Mapping[tuple[str, ...], WordSense] = word_senses()
        self.ref = reference_frequencies()
        self.fragments = FragmentRules(terms, word_counts, self.ref)
        self.connectors = connectors()

    def score(self, kept: dict[tuple[str, ...], TermCandidate]) -> list[TermCandidate]:
        shapes = {k: surface_shape(c.form) for k, c in kept.items()}
        freq = {k: c.count for k, c in kept.items()}
        starts = {k: _phrase_starts(k, s, self.connectors) for k, s in shapes.items()}
        institutions = term_heads()
        values = composed_cvalues(
            freq, cvalues(freq, {k for k, c in kept.items() if c.coordinated},
                          adjective_end={k: m for k, s in shapes.items()
                                         if (m := self._adjective_size(k, s))},
                          adjective_start={k for k, s in shapes.items()
                                           if nisba_shaped(k[0]) and not _construct(s)},
                          pp_starts=starts),
            institutions, tails={k: _tail(s, starts[k]) for k, s in shapes.items()},
            confirmed={k for k, c in kept.items() if c.matched},
            aliases={a: k for k, c in kept.items() for a in c.aliases})
        heads = light_heads()
        classifiers = cue_words()
        # Fields: X وY that institutions are named after (وزارة العلوم والتكنولوجيا →
        # العلوم والتكنولوجيا) is one name, not a coordination of two phrases.
        fields = {k[1:] for k, c in kept.items()
                  if c.coordinated and len(k) > 2 and k[0] in institutions}
        for key, cand in kept.items():
            cand.cvalue = values[key]
            cand.keyness = keyness(key, self.word_counts, self.total_words, self.ref)
            # Arabic terms are mostly definite noun phrases: the last word has the article.
            shape = 1.0 if len(key) == 1 or shapes[key][self._noun_end(key)][0] \
                else INDEFINITE_WEIGHT
            if self._adjective(key[0]) and not _construct(shapes[key]):
                shape *= ADJECTIVE_START_WEIGHT
            if len(key) > 1 and key[0] in heads and key[0] not in institutions \
                    and not self._qualified(key, shapes[key]):
                shape *= LIGHT_HEAD_WEIGHT
            if len(key) == 1 and (cand.keyness < UNIGRAM_MIN_KEYNESS or key[0] in classifiers):
                shape *= UNIGRAM_GENERAL_WEIGHT
            if len(key) > 1:
                if key[0] in institutions:
                    shape *= TERM_HEAD_WEIGHT
                if self._verb_start(key[0]):
                    shape *= VERB_START_WEIGHT
                if not cand.matched:  # an approved entry confirms it: no fragment
                    if self.fragments.verb_subject(key, cand.form):
                        shape *= VERB_START_WEIGHT
                    shape *= FRAGMENT_WEIGHT ** self.fragments.count(
                        key, cand.form, shapes[key], cand.coordinated and key not in fields)
            if cand.cuts:
                shape *= max(0.0, 1.0 - sum(cand.cuts.values()) / cand.count)
            # وزارة الصناعة والتجارة is one name; الإدارة والتشغيل two nouns
            if cand.coordinated and not ((key[0] in institutions and len(key) > 2)
                                         or _coordinated_adjectives(key) or key in fields):
                shape *= COORDINATION_WEIGHT
            cand.score = round(cand.cvalue * keyness_weight(cand.keyness) * shape, 4)
        return sorted(kept.values(), key=lambda c: (-c.score, -c.count, c.key))

    def _adjective(self, word: str) -> bool:
        """Whether a word key is an adjective: words.tsv says so (عامة), or it looks like a
        nisba: ـي, or ـية whose ـي form occurs."""
        sense = self.senses.get((word,))
        if (sense is not None and sense.pos == "adj") or (
                word.endswith("\u064a") and len(word) >= 4):
            return True
        return word.endswith("\u064a\u0647") and self.word_counts.get(word[:-1], 0) > 0

    def _adjective_like(self, word: str) -> bool:
        """An adjective, or a word in ـية that may be one (its ـي form need not occur)."""
        return nisba_shaped(word) or self._adjective(word)

    def _adjective_end(self, key: tuple[str, ...], shape: _Shape) -> bool:
        """Whether the last word is an adjective of the word before it: a nisba (ـي،
        ـية) or an adjective of words.tsv, of the same definiteness and with no clitic
        but the و of two coordinated adjectives (المنظمات الاجتماعية والسياسية); a word
        in ـية of another definiteness is a noun (اللجنة الإقليمية ميزانية)."""
        if len(key) < 2 or not self._adjective_like(key[-1]):
            return False
        if len(shape) != len(key):
            return True
        clitic = shape[-1][1]
        return shape[-1][0] == shape[-2][0] and (
            not clitic or (clitic in CONJUNCTIONS and self._adjective_like(key[-2])))

    def _adjective_size(self, key: tuple[str, ...], shape: _Shape) -> int:
        """How many words the adjective that ends a candidate has (0: none): a modifier
        phrase (التطبيب عن بعد: 2), which makes a new concept of the noun before it, or
        one word (:meth:`_adjective_end`). A modifier of the whole phrase (الموارد البشرية
        عالية الجودة، تسويق المنتجات الزراعية عبر الإنترنت) leaves the phrase before it a
        term of its own: it is no adjective here."""
        start = ending_phrase(key)
        return len(key) - start if start else int(self._adjective_end(key, shape))

    def _noun_end(self, key: tuple[str, ...]) -> int:
        """Where the word whose article makes a candidate definite is, counted from the
        end (-1: the last word); before a modifier phrase (التطبيب عن بعد: التطبيب, -3)."""
        start = ending_phrase(key)
        return start - 1 - len(key) if start else -1

    def _qualified(self, key: tuple[str, ...], shape: _Shape) -> bool:
        """Whether the first word is qualified by an adjective of the same definiteness
        (التوقيع الرقمي, a term) rather than followed by its object (تطوير البنية التحتية)."""
        return (len(shape) == len(key) and self._adjective(key[1])
                and shape[0][0] == shape[1][0] and not shape[1][1])

    def _verb_start(self, word: str) -> bool:
        """Whether a first word looks like a verb: never seen with the article (no
        single-word candidate, which needs it), not in the reference list, and with an
        imperfect prefix or a past-tense ending; a conjunction before it (وتدعم، ويحتاج)
        is looked through."""
        if (word,) in self.terms or word in self.ref or word.endswith(("\u0647", "\u064a")):
            return False
        if word[:1] in CONJUNCTIONS and len(word) >= 5 and self._verb_start(word[1:]):
            return True
        return ((word[:1] in _IMPERFECT and 4 <= len(word) <= 5)
                or (word.endswith("\u062a") and not word.endswith("\u0627\u062a")))


def _phrase_starts(key: tuple[str, ...], shape: _Shape, conn: Collection[str]) -> list[int]:
    """The positions inside a candidate where a whole noun phrase starts: a word after a
    preposition clitic (للتحول الرقمي), and the genitive of a construct that ends the
    candidate, a definite noun and its definite adjectives after an indefinite noun
    (موظفي | الخدمة المدنية), when no adjective can be the construct noun's: an idafa's
    second part is then a complete definite noun phrase, not a fragment of the first.
    Where an adjective may qualify either noun (قواعد البيانات الوطنية: الوطنية agrees
    with the plural قواعد) the genitive is read as nested. Connectors (غير الحكومية)
    are no construct noun."""
    if len(shape) != len(key):
        return []
    return [i for i, (definite, clitic) in enumerate(shape) if i and (
        clitic.endswith(PREPOSITION_CLITICS)
        or (definite and not clitic and not shape[i - 1][0] and key[i - 1] not in conn
            and i + 1 < len(key) and all(d and not c for d, c in shape[i + 1:])
            and not _shared_adjective(key, shape, i)))]


def _tail(shape: _Shape, starts: Sequence[int]) -> int:
    """Where the noun phrase after a head noun starts (0: nowhere): its genitive, right
    after it, when the head is in the construct state (no article: خطة التحول الرقمي);
    else the object of the first preposition (اللجنة التوجيهية للتحول الرقمي). A
    candidate whose last word lacks the article or follows a preposition (لجنة الحزب
    لمقاطعة, before a name) is no complete term: nowhere."""
    if not shape or not shape[-1][0] or shape[-1][1].endswith(PREPOSITION_CLITICS):
        return 0
    if not shape[0][0]:
        return 1
    return next((i for i in starts if shape[i][1]), 0)


def _shared_adjective(key: tuple[str, ...], shape: _Shape, i: int) -> bool:
    """Whether an adjective after the genitive at ``i`` (a definite word after a definite
    word) agrees in gender with the construct noun before ``i``: feminine (ـة) with a
    noun in ـة، ـات or a broken plural, masculine with any other noun."""
    noun = key[i - 1]
    feminine = noun.endswith(_FEMININE_KEYS) or looks_plural(noun)
    for j in range(i + 1, len(key)):
        if not (shape[j][0] and shape[j - 1][0]) or shape[j][1]:
            break
        if key[j].endswith("\u0647") == feminine:
            return True
    return False


def _construct(shape: _Shape) -> bool:
    """Whether the first word is a noun in the construct state: without the article
    before a definite word (موظفي الخدمة, whose ـي is the plural's, not a nisba)."""
    return len(shape) > 1 and not shape[0][0] and shape[1][0]


def _coordinated_adjectives(key: tuple[str, ...]) -> bool:
    """X الاجتماعية والاقتصادية: two coordinated adjectives qualify one noun (the key of
    a coordinated candidate, whose last word is keyed without its و)."""
    return len(key) >= 3 and nisba_shaped(key[-2]) and nisba_shaped(key[-1])
