"""Short mentions of a person: a title and the given name alone (السيدة آنه).

Vietnamese news names a person in full once (السيدة تشو ثي نغوك آنه) and then by title
and given name (وأكدت السيدة آنه, "bà Ánh"), sometimes the other way round. A one-word
name after a person cue is such a mention when a person named in full in the same
document ends with that word: it is counted as that person (its context kept, the full
spelling counted), never as a name of its own (Anh, a given name, is no entry). A
one-word name that no full name of the document ends with stays a name of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from toolkit.extract.cluster import spelling_skeleton
from toolkit.extract.namespans import NameSpan, leading_kind

__all__ = ["ShortMentions"]

_PERSON = "person"


def _key(word: str) -> str:
    """Spelling key of one word: ثوان and توان, نجوين and نغوين alike."""
    return spelling_skeleton(word, ng=True)


@dataclass
class ShortMentions:
    """One document's full person names and its one-word person mentions.

    Feed every name span of a document in text order to :meth:`add`; the spans it
    returns ``True`` for are held back; :meth:`resolve` then gives each held-back span
    as it is to be counted: as the full name it refers to (the mention's offsets and
    votes, the full name's spelling) or, where no full name ends with it, unchanged.
    """

    full: list[NameSpan] = field(default_factory=list)
    short: list[NameSpan] = field(default_factory=list)

    def add(self, span: NameSpan) -> bool:
        """Notes one name span of the document.

        Args:
            span: A name span, in text order.

        Returns:
            Whether it is a one-word person mention, held back until :meth:`resolve`.
        """
        words = span.surface.split()
        if len(words) == 1:
            if leading_kind(span.votes) == _PERSON:
                self.short.append(span)
                return True
            return False
        if leading_kind(span.votes) == _PERSON or (
                not span.votes and leading_kind(span.shape) == _PERSON):
            self.full.append(span)
        return False

    def resolve(self) -> list[NameSpan]:
        """The held-back mentions as they are to be counted, in text order; clears both
        lists.

        Returns:
            For each one-word mention: the nearest person before it (else after it) whose
            full name ends with the same word, spelled as that full name; else the
            mention unchanged.
        """
        by_word: dict[str, list[NameSpan]] = {}  # last word's key → full names, in text order
        for full in self.full:
            by_word.setdefault(_key(full.surface.split()[-1]), []).append(full)
        counted = []
        for span in self.short:
            named = by_word.get(_key(span.surface), [])
            before = [f for f in named if f.end <= span.start]
            after = [f for f in named if f.start >= span.end]
            found = before[-1] if before else (after[0] if after else None)
            if found is None:
                counted.append(span)
                continue
            counted.append(replace(found, first=span.first, last=span.last, start=span.start,
                                   end=span.end, clitic=span.clitic, votes=dict(span.votes),
                                   cued=span.cued, shape={}, own=False))
        self.full.clear()
        self.short.clear()
        return counted
