"""Names found in a document: the :class:`NameSpan` record, the check that a
glossary name was not matched by reading a particle as a syllable, and two helpers
of the name detector (:func:`memo`, :func:`stem_surface`).

:class:`toolkit.extract.names.NameDetector` makes the spans of the names it
detects, and extraction those of the glossary's names found verbatim;
:func:`reads_particle` serves extraction and the translation's source matching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from toolkit.extract.data import particles
from toolkit.extract.tokenize import light_ar

__all__ = ["MEMO_SIZE", "NameSpan", "leading_kind", "memo", "reads_particle", "stem_surface"]

#: Entries kept by each memo table of the detector (memory stays bounded).
MEMO_SIZE = 100_000

_K = TypeVar("_K")
_V = TypeVar("_V")


def leading_kind(weights: Mapping[str, float]) -> str | None:
    """The kind with the most weight (ties: the first alphabetically).

    Args:
        weights: Kind → weight (a span's or cluster's votes or shape).

    Returns:
        The kind, ``None`` when ``weights`` is empty.
    """
    return max(sorted(weights), key=lambda k: weights[k]) if weights else None


def memo(table: dict[_K, _V], key: _K, compute: Callable[[], _V]) -> _V:
    """``table[key]``, computed by ``compute`` when missing and then kept while
    ``table`` holds fewer than :data:`MEMO_SIZE` entries."""
    found = table.get(key)
    if found is None:
        found = compute()
        if len(table) < MEMO_SIZE:
            table[key] = found
    return found


def stem_surface(surface: str, clitic: str) -> tuple[str, int]:
    """Drops the ``len(clitic)`` first letters (with their marks) of ``surface``.

    Returns:
        The rest of ``surface`` and the offset where it starts.
    """
    letters, i = 0, 0
    while i < len(surface) and letters < len(clitic):
        if "\u0621" <= surface[i] <= "\u064A":
            letters += 1
        i += 1
    while i < len(surface) and not ("\u0621" <= surface[i] <= "\u064A"):
        i += 1
    return surface[i:], i


@dataclass
class NameSpan:
    """A name found in a document.

    Attributes:
        first: Index of its first token in the document's token list.
        last: Index of its last token (inclusive).
        start: Start offset in the original text (after any proclitic).
        end: End offset in the original text.
        surface: The name as written, without the proclitic.
        clitic: The proclitic split off the first token (folded), or ``""``.
        likelihood: Name likelihood of the run.
        votes: Kind → weight of evidence from the context (cue words, titles).
        cued: Whether a cue word anchored it.
        shape: Kind → weight that the name's own shape suggests (a family name
            first → person); a property of the spelling, counted once per document.
        own: Whether an organisation cue of the organisation's own name stood before it
            (شركة، مجموعة: see :class:`~toolkit.extract.data.Cue`).
    """

    first: int
    last: int
    start: int
    end: int
    surface: str
    clitic: str = ""
    likelihood: float = 0.0
    votes: dict[str, float] = field(default_factory=dict)
    cued: bool = False
    shape: dict[str, float] = field(default_factory=dict)
    own: bool = False

    def vote(self, kind: str, weight: float) -> None:
        """Adds ``weight`` to the evidence that the span is a name of ``kind``.

        Args:
            kind: An entry kind (``person``, ``place``, ``org``…).
            weight: How much the evidence counts.
        """
        self.votes[kind] = self.votes.get(kind, 0.0) + weight


def reads_particle(forms: Iterable[str], written: Iterable[str]) -> bool:
    """Whether a glossary name was matched by reading a particle as a syllable: the
    text has أن ("that") or إن where the name has آن (لونغ أن for لونغ آن = Long An).

    Args:
        forms: The name's admitted Arabic forms.
        written: The matched words as written, diacritics removed (:func:`light_ar`).
    """
    found = [w for w in written if w in particles()]
    if not found:
        return False
    words = {w for form in forms for w in light_ar(form).split()}
    return any(w not in words for w in found)
