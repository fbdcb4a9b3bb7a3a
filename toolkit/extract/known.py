"""How approved glossary entries weigh on the ranking of term candidates.

An approved entry (starter termbase, store) that confirms a candidate says it is
a term; the glossary matcher also counts its forms, clitics included. This module
merges that evidence with the term counter's without counting an occurrence
twice, and scores the confirmed candidates (:func:`known_score`).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable

from glossary.model import Entry, Forms, glossary_hash
from toolkit.extract.cluster import Cluster
from toolkit.extract.contexts import MAX_CONTEXTS
from toolkit.extract.forms import spelling_key
from toolkit.extract.kinds import VERBATIM_KINDS
from toolkit.extract.termhood import keyness_weight
from toolkit.extract.terms import TermCandidate

__all__ = ["KNOWN_WEIGHT", "absorb", "covered_by_known", "known_hash", "known_score",
           "merge_spellings"]

#: Score factor of a multiword term candidate that an approved glossary entry confirms.
KNOWN_WEIGHT = 4.0


def merge_spellings(cands: Iterable[TermCandidate], known_at: Callable[[TermCandidate], int | None]
                    ) -> tuple[list[TermCandidate], dict[int, TermCandidate]]:
    """Merges the candidates that one glossary entry confirms (اللجنة الحزبية الإقليمية,
    لجنة الحزب الإقليمية): different keys are different occurrences, so counts add up.

    Args:
        cands: Candidates, best first.
        known_at: The index of the entry that confirms a candidate, or ``None``.

    Returns:
        The candidates after merging (in their order), and entry index → its candidate.
    """
    by_known: dict[int, TermCandidate] = {}
    merged: list[TermCandidate] = []
    for cand in cands:
        index = known_at(cand)
        first = by_known.get(index) if index is not None else None
        if first is None:
            if index is not None:
                by_known[index] = cand
            merged.append(cand)
            continue
        first.score = max(first.score, cand.score)
        first.aliases += (cand.key, *cand.aliases)
        first.forms.update(cand.forms)
        first.docs.update(cand.docs)
        first.count += cand.count
        first.covered.update(cand.covered)
        first.matched.update(cand.matched)
        first.contexts = (first.contexts + cand.contexts)[:MAX_CONTEXTS]
    return merged, by_known


def absorb(cand: TermCandidate, cluster: Cluster, index: int) -> None:
    """Adds the glossary matcher's occurrences of an entry to its candidate.

    Both detectors saw the same text: an occurrence that both found (the same
    words, :attr:`TermCandidate.matched`) counts once, and each detector adds
    those the other missed (the matcher: لرئيس الوزراء, after a preposition
    clitic; the counter: the spellings and plurals it merged). So the count does
    not depend on which forms the entry already lists: after extraction adds the
    spellings it saw, a re-run counts the same.

    Args:
        cand: The candidate (changed in place).
        cluster: The matcher's occurrences of the entry's forms.
        index: The entry's index among the known entries.
    """
    entry = str(index)
    for doc, n in cluster.docs.items():
        extra = max(0, n - cand.matched[(entry, doc)])
        cand.docs[doc] += extra
        cand.count += extra
    for form, n in cluster.forms.items():
        cand.forms[form] = max(cand.forms[form], n)
    seen = {(c.doc, c.end) for c in cand.contexts}
    extra_contexts = [c for c in cluster.contexts if (c.doc, c.end) not in seen]
    cand.contexts = (cand.contexts + extra_contexts)[:MAX_CONTEXTS]


def known_score(cand: TermCandidate) -> float:
    """The score of a term candidate that an approved glossary entry confirms.

    The glossary says it is a term, so its nesting in longer candidates does not
    count against it: the C-value weight times its frequency is a floor under its
    termhood score, lowered by keyness for general vocabulary (words commoner in
    general Arabic than here), and :data:`KNOWN_WEIGHT` lifts the result. A single
    word keeps its termhood score (keyness and the general-word weight included):
    the glossary confirms general words too (province, minister), and lifting them
    would push the documents' multiword terms down the list.

    Args:
        cand: The candidate, its termhood score, count and keyness set.

    Returns:
        The score, rounded to four decimals.
    """
    if len(cand.key) == 1:
        return cand.score
    floor = math.log2(len(cand.key) + 1) * cand.count * min(1.0, keyness_weight(cand.keyness))
    return round(max(cand.score, floor) * KNOWN_WEIGHT, 4)


def covered_by_known(cand: TermCandidate) -> bool:
    """Whether every occurrence of a candidate lies inside a longer occurrence of one
    approved glossary entry (وزارة الصناعة، الصناعة والتجارة in وزارة الصناعة والتجارة):
    that entry already covers it, so it is not proposed on its own. A candidate nested
    in two entries or more (الشركات الناشئة in منظومة الشركات الناشئة and الشركات
    الناشئة المبتكرة) is a term they share, as the C-value reads nesting.

    Args:
        cand: A candidate that no approved entry confirms.
    """
    return 0 < cand.count <= sum(cand.covered.values()) and len(cand.covered) == 1


def known_hash(entries: Iterable[Entry]) -> str:
    """The hash of the approved entries as extraction reads them, for ``batch extract``'s
    job key.

    As :func:`glossary.model.glossary_hash`, except that the Arabic variants of a term
    count by their :func:`~toolkit.extract.forms.spelling_key`: a variant that only
    spells another admitted form (تحول رقمي of التحول الرقمي, what extraction itself
    adds) changes no count, since :func:`absorb` counts an occurrence that both the
    matcher and the term counter found once. So storing a run's candidates does not
    change the key of the documents it read, and a re-run skips them; a form of
    another term (a new key), a name's spelling or any other field still does.

    Args:
        entries: The known entries (approved store entries, starter termbase).

    Returns:
        64 lowercase hex digits.
    """
    def projected(entry: Entry) -> Entry:
        if entry.kind in VERBATIM_KINDS:  # names, codes: hashed as they are
            return entry
        ar = entry.forms["ar"]
        own = spelling_key(ar.preferred)
        classes = {spelling_key(v) for v in ar.variants} - {own}
        out = copy.deepcopy(entry)
        out.forms["ar"] = Forms(
            preferred=ar.preferred, forbidden=list(ar.forbidden),
            variants=sorted(" ".join(key) + (" +coordination" if coordination else "")
                            for key, coordination in classes))
        return out

    return glossary_hash(projected(e) for e in entries)
