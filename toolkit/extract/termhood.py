"""Termhood measures: the adapted C-value of candidates and their keyness.

The C-value follows Frantzi, Ananiadou and Mima (2000), adapted for small
corpora and Arabic adjective order (see :func:`cvalues`), and raised for rare
candidates that put a head noun before a known term (:func:`composed_cvalues`);
keyness compares a word's relative frequency in the documents with a general-Arabic
reference list (:func:`toolkit.extract.data.reference_frequencies`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from toolkit.extract.candidates import governed_positions, phrase_spans
from toolkit.extract.data import connectors, modifier_keys
from toolkit.extract.tokenize import lam_object

__all__ = ["NISBA", "RARE", "REFERENCE_FLOOR", "UNIGRAM_WEIGHT", "composed_cvalues", "cvalues",
           "keyness", "keyness_weight",
           "nisba_shaped"]

#: Candidates seen this often or less are scored without nesting (see :func:`cvalues`).
RARE = 2
#: C-value weight of a single word (multiword candidates get log2(n + 1)).
UNIGRAM_WEIGHT = 0.15
#: Reference frequency (per million) assumed for words missing from the list.
REFERENCE_FLOOR = 0.5
#: Endings of a nisba adjective (folded): ي، ية.
NISBA = ("\u064a", "\u064a\u0647")
#: Folded ending ـاية of nouns that look like a feminine nisba: verbal nouns of defective
#: verbs and their kin (وقاية، حماية، رعاية، نهاية), no adjective.
_NOUN_AYA = "\u0627\u064a\u0647"


def nisba_shaped(key: str) -> bool:
    """Whether a folded key ends like a nisba adjective (رقمي، رقميه), not like a noun
    in ـاية (وقايه، رعايه)."""
    return key.endswith(NISBA) and not key.endswith(_NOUN_AYA)


def keyness_weight(k: float) -> float:
    """Maps keyness (log2 ratio) to a weight in (0, 2): 1 where the word is as common
    as in general Arabic, near 2 for words typical of the documents."""
    return 1.0 + math.tanh(k / 4.0)


def keyness(key: Sequence[str], counts: Counter[str], total: int,
            reference: Mapping[str, float]) -> float:
    """Mean log2 ratio of the words' relative frequency here to the reference.

    Args:
        key: The term's article-free folded words.
        counts: Word counts of the documents (same keys).
        total: Number of words in the documents.
        reference: Reference frequencies per million.

    Returns:
        The mean over the words (connectors, modifier phrases such as عن بعد and
        a preposition governed by the noun before it, الحد من, excluded) of
        ``log2((f_here + 0.5) / (f_ref + 0.5))``, both per million.
    """
    conn = connectors()
    phrases = phrase_spans(key, modifier_keys())
    governed = governed_positions(key)
    ratios = []
    for i, word in enumerate(key):
        if word in conn or i in phrases or i in governed:
            continue
        here = counts.get(word, 0) * 1e6 / max(total, 1)
        ref = reference.get(word, REFERENCE_FLOOR)
        ratios.append(math.log2((here + 0.5) / (ref + 0.5)))
    return sum(ratios) / len(ratios) if ratios else 0.0


def cvalues(freq: dict[tuple[str, ...], int],
            coordinated: Collection[tuple[str, ...]] = (), *,
            adjective_end: Collection[tuple[str, ...]] | Mapping[tuple[str, ...], int]
            | None = None,
            adjective_start: Collection[tuple[str, ...]] | None = None,
            pp_starts: Mapping[tuple[str, ...], Collection[int]] | None = None,
            ) -> dict[tuple[str, ...], float]:
    """Computes the C-value of every candidate.

    ``CV(a) = w(|a|) * (f(a) - nested(a))`` where ``w(n) = log2(n + 1)`` for
    n ≥ 2 and ``w(1) =`` :data:`UNIGRAM_WEIGHT`. ``nested(a)`` is the larger of Frantzi's mean
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
        adjective_end: Candidates whose last word is an adjective of the word before
            it (``None``: those ending in a nisba, ـي/ـية, and not coordinated), or a
            mapping of candidates to the words of their last adjective (2: عالية
            السرعة، عن بعد).
        adjective_start: Candidates whose first word is an adjective (``None``:
            those starting with a nisba).
        pp_starts: Per candidate, the positions of words that start a prepositional
            phrase (للتحول in البرنامج الوطني للتحول الرقمي): a candidate starting
            there is the object of the preposition, a whole noun phrase, so it is not
            nested there. A candidate that ends with ل + the article's object
            (:func:`~toolkit.extract.tokenize.lam_object`: البنية التحتية للنقل) nests
            no candidate without that object either: the words before it are whole.

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
        pp = pp_starts.get(longer, ()) if pp_starts is not None else ()
        # ل + the article's object (البنية التحتية | للنقل) leaves the words before it whole
        whole = n - 1 if lam_object(longer) else 0
        subs = {longer[i:j] for i in range(n) for j in range(max(i + 1, whole + 1), n + 1)
                if j - i < n and i not in pp}
        for sub in subs:
            if sub in freq:
                nested_sum[sub] += f
                nested_types[sub] += 1
        right, left = longer[:-1], longer[1:]
        if not whole:
            longest_right[right] = max(longest_right.get(right, 0), f)
        if 1 not in pp:
            longest_left[left] = max(longest_left.get(left, 0), f)
        if adjective_end is None:
            size = int(nisba_shaped(longer[-1]) and longer not in coordinated)
        elif isinstance(adjective_end, Mapping):
            size = adjective_end.get(longer, 0)
        else:
            size = int(longer in adjective_end)
        if 0 < size < n:
            head = longer[:-size]
            adjective_right[head] = max(adjective_right.get(head, 0), f)
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
            if (cand in adjective_start if adjective_start is not None
                    else nisba_shaped(cand[0])):
                own -= longest_left.get(cand, 0)
            # a governed preposition (الحد من الفقر) adds no length to the term
            weight = math.log2(3) * 2 / (len(cand) - len(governed_positions(cand)))
        else:
            mean = nested_sum[cand] / nested_types[cand] if nested_types[cand] else 0.0
            own = f - max(mean, longest_right.get(cand, 0), longest_left.get(cand, 0))
            weight = math.log2(len(cand) + 1)
        values[cand] = max(0.0, weight * own)
    return values


def composed_cvalues(freq: Mapping[tuple[str, ...], int], values: Mapping[tuple[str, ...], float],
                     heads: Collection[str], *,
                     tails: Mapping[tuple[str, ...], int] | None = None,
                     confirmed: Collection[tuple[str, ...]] = (),
                     aliases: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
                     ) -> dict[tuple[str, ...], float]:
    """Raises the C-value of rare candidates composed of a head noun and a known term.

    Arabic names new terms by putting an institution or concept noun (term_heads.txt:
    خطة، مشروع، نظام، منصة) before an existing term, which then follows as a whole
    noun phrase: the genitive of the head in the construct state (خطة | التحول الرقمي)
    or the object of a preposition after a definite head and its adjectives (اللجنة
    التوجيهية | للتحول الرقمي). Such a candidate is often seen once, so the rare weight
    of :func:`cvalues` would rank it with the sentence fragments; the term inside it is
    evidence of termhood that C-value's nesting reads the other way. A candidate of
    :data:`RARE` occurrences or fewer, of three words or more, whose first word is a
    head and whose tail is an established term (approved, or repeated with a positive
    C-value), gets the C-value of a multiword candidate without nesting,
    ``log2(n + 1) * f``; unless it is cut from a longer candidate as frequent whose tail
    also occurs without this head (مركز تكنولوجيا المعلومات | والاتصالات: تكنولوجيا
    المعلومات والاتصالات is seen elsewhere).

    Args:
        freq: Candidate → frequency.
        values: Candidate → C-value, from :func:`cvalues`.
        heads: Head nouns (article-free folded keys).
        tails: Per candidate, where its tail starts (default 1; absent: none).
        confirmed: Candidates that an approved glossary entry confirms.
        aliases: Keys merged into a candidate (its other number) → the candidate's key.

    Returns:
        Candidate → C-value, raised where the rule applies.
    """
    def established(key: tuple[str, ...]) -> bool:
        key = aliases.get(key, key) if aliases is not None else key
        return key in confirmed or (freq.get(key, 0) >= 2 and values.get(key, 0.0) > 0.0)

    longer: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for cand in freq:
        if len(cand) > 3 and cand[0] in heads:
            longer.setdefault(cand[:-1], []).append(cand)
    out = dict(values)
    for cand, f in freq.items():
        n = len(cand)
        i = (tails.get(cand) if tails is not None else 1) or 0
        if f > RARE or n < 3 or cand[0] not in heads or not 0 < i <= n - 2:
            continue
        if established(cand[i:]) and not any(
                freq[ext] >= f and freq.get(ext[i:], 0) > freq[ext]
                for ext in longer.get(cand, ())):
            out[cand] = max(values[cand], math.log2(n + 1) * f)
    return out
