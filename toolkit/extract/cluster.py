"""Folding spelling variants into one candidate, and choosing the canonical form.

Names are grouped by the transliterator's spelling-insensitive key
(:func:`toolkit.translit.name_key`: تاي نجوين = ثاي نجوين = تاي نغوين); terms by
their article-free folded words (:class:`toolkit.extract.terms.TermCounter`);
codes verbatim. The canonical Arabic form is the most frequent spelling; ties go
to a spelling the glossary already admits, then to the transliterator's
canonical spelling, then to the first in alphabetical order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product

from glossary.model import Context
from toolkit.extract.contexts import MAX_CONTEXTS
from toolkit.extract.data import letter_names, stopwords
from toolkit.extract.namespans import leading_kind

__all__ = [
    "NG_FOLD",
    "SPELLING_FOLDS",
    "Cluster",
    "canonical_form",
    "is_letter_name",
    "spelled_acronym_readings",
    "spelling_skeleton",
]

#: Differences between two Arabic spellings of one Vietnamese syllable that the
#: transliteration tables allow (toolkit/data/translit), each folded away by
#: :func:`spelling_skeleton`: (pattern over one word, replacement, what it folds).
SPELLING_FOLDS: tuple[tuple[str, str, str], ...] = (
    ("([\u0648\u064a])\\1+", "\\1", "a doubled vowel letter: كووك = كوك, فييت = فيت"),
    ("\u064a?\u0646\u0647$|\u064a\u0646$", "\u0646",
     "-nh/-n after i: هوينه = هوين (Huỳnh), مينه = منه (Minh)"),
    ("^\u062a[\u0631\u0634]|^\u0634", "\u0634", "the onsets tr and ch: ترانغ = تشانغ = شانغ"),
    ("^\u062a\u064a$", "\u062b\u064a", "the middle name Thị as a word: تي = ثي"),
)
#: ng written نج or نغ at either end of a word (نجوين = نغوين, هانج = هانغ): folded only
#: between names that read the same (:func:`spelling_skeleton` with ``ng``); with the folds
#: above it would make ترونج (Trung) and تشونغ (Chung) alike.
NG_FOLD = ("^\u0646\u062c|\u0646\u062c$", "\u0646\u063a")


@dataclass
class Cluster:
    """Evidence gathered for one name or code over all documents.

    Attributes:
        key: The clustering key.
        forms: Arabic (or Latin, for codes) spellings and their counts.
        docs: Occurrences per document.
        contexts: Up to :data:`~toolkit.extract.contexts.MAX_CONTEXTS` contexts.
        votes: Kind → weight of context evidence, summed over occurrences (names).
        shape: Kind → weight the spelling itself suggests, once per document (names).
        likelihood: Best name likelihood seen (names).
        known: Index of the known glossary entry it matched, if any.
        glosses: Latin-script glosses written after the name and their counts (names:
            فام مينه تشينه (Phạm Minh Chính)).
        own: Occurrences after an organisation cue of the organisation's own name
            (شركة، مجموعة; names).
    """

    key: str
    forms: Counter[str] = field(default_factory=Counter)
    docs: Counter[str] = field(default_factory=Counter)
    contexts: list[Context] = field(default_factory=list)
    votes: dict[str, float] = field(default_factory=dict)
    shape: dict[str, float] = field(default_factory=dict)
    likelihood: float = 0.0
    known: int | None = None
    glosses: Counter[str] = field(default_factory=Counter)
    own: int = 0

    @property
    def count(self) -> int:
        """Occurrences of all the cluster's forms."""
        return sum(self.forms.values())

    def add(self, form: str, doc: str, context: Callable[[], Context] | None = None) -> None:
        """Records one occurrence; ``context`` builds its context while fewer are kept.

        Args:
            form: The form as written in the document.
            doc: The document's path.
            context: Builds the occurrence's context; called only while fewer
                than :data:`MAX_CONTEXTS` are kept.
        """
        self.forms[form] += 1
        self.docs[doc] += 1
        if context is not None and len(self.contexts) < MAX_CONTEXTS:
            self.contexts.append(context())

    def vote(self, kind: str, weight: float = 1.0) -> None:
        """Adds evidence for a kind.

        Args:
            kind: An entry kind (``person``, ``place``, ``org``…).
            weight: How much the evidence counts.
        """
        self.votes[kind] = self.votes.get(kind, 0.0) + weight

    @classmethod
    def merged(cls, clusters: Sequence[Cluster], known: int | None = None) -> Cluster:
        """One new cluster holding the evidence of several (keyed as the first).

        Args:
            clusters: At least one cluster (left unchanged).
            known: Index of the known glossary entry the result is.

        Returns:
            The new cluster.
        """
        out = cls(clusters[0].key, known=known)
        for cluster in clusters:
            out.forms.update(cluster.forms)
            out.docs.update(cluster.docs)
            out.contexts.extend(cluster.contexts[:max(0, MAX_CONTEXTS - len(out.contexts))])
            for kind, weight in cluster.votes.items():
                out.vote(kind, weight)
            for kind, weight in cluster.shape.items():
                out.shape[kind] = out.shape.get(kind, 0.0) + weight
            out.likelihood = max(out.likelihood, cluster.likelihood)
            out.glosses.update(cluster.glosses)
            out.own += cluster.own
        return out

    def kind(self, default: str) -> str:
        """The kind with the most votes (shape included), or ``default`` without votes.

        Args:
            default: The kind of a cluster without votes.

        Returns:
            The kind; ties go to the first in alphabetical order.
        """
        totals = dict(self.votes)
        for kind, weight in self.shape.items():
            totals[kind] = totals.get(kind, 0.0) + weight
        return leading_kind(totals) or default


def canonical_form(forms: Counter[str], preferred: Collection[str] = (),
                   canonical: Callable[[str], str | None] | None = None) -> str:
    """Chooses the canonical spelling among variants.

    Args:
        forms: Spelling → count.
        preferred: Spellings the glossary already admits (win ties).
        canonical: Returns the transliterator's canonical spelling for a form
            (wins the remaining ties), or ``None``.

    Returns:
        The most frequent spelling, ties broken as the module docstring says.
    """
    top = max(forms.values())
    tied = sorted(f for f, n in forms.items() if n == top)
    if len(tied) == 1:
        return tied[0]
    for form in tied:
        if form in preferred:
            return form
    if canonical is not None:
        for form in tied:
            if canonical(form) == form:
                return form
    return tied[0]


def spelling_skeleton(ar: str, ng: bool = False) -> str:
    """An Arabic name with the spelling differences of :data:`SPELLING_FOLDS` folded
    away, word by word: two spellings of one name that the transliteration tables
    allow share it (هوينه كووك فيت, هوين كووك فييت), while names whose letters
    spell other sounds keep theirs apart (تان Tân, ثانه Thanh).

    Args:
        ar: The name in Arabic script (words separated by spaces).
        ng: Whether to fold :data:`NG_FOLD` too.

    Returns:
        The skeleton.
    """
    words = []
    for word in ar.split():
        for pattern, repl, _ in SPELLING_FOLDS:
            word = re.sub(pattern, repl, word)
        if ng:
            word = re.sub(*NG_FOLD, word)
        words.append(word)
    return " ".join(words)


def is_letter_name(word: str) -> bool:
    """Whether a folded Arabic word is the name of a Latin letter (بي، تي، إف …)."""
    return word in letter_names()


def spelled_acronym_readings(words: Sequence[str], limit: int = 16) -> list[str]:
    """Reads Arabic letter names as a Latin acronym (في إن بي تي → VNPT, VNBT …).

    Args:
        words: Folded Arabic words, one letter name each.
        limit: Most readings returned.

    Returns:
        The possible acronyms, most usual reading first; ``[]`` if a word is not a
        letter name, there are fewer than two, or all of them are stopwords.
    """
    table = letter_names()
    if len(words) < 2 or any(w not in table for w in words):
        return []
    stop = stopwords()
    if all(w in stop for w in words) or (len(words) == 2 and any(w in stop for w in words)):
        return []
    options: Iterable[tuple[str, ...]] = product(*(table[w].split("|") for w in words))
    readings: list[str] = []
    for combo in options:
        readings.append("".join(combo))
        if len(readings) >= limit:
            break
    return readings
