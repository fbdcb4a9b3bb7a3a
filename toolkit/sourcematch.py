"""The glossary entries a source line asks its translation to render.

:class:`SourceMatcher` finds the approved entries in a source line, as
:meth:`toolkit.glossary_source.GlossaryIndex.find_source` does, less two kinds
of false match in an Arabic source:

* A function word read as a name syllable. The glossary matcher folds the
  alef forms (أ إ آ → ا) into one key, so the conjunction أن ("that") after the
  given name لونغ matches the province لونغ آن (Long An). A match is no match when
  one of its words is written as a function word of
  :func:`toolkit.extract.data.particles` and the glossary form writes that word
  otherwise (:func:`toolkit.extract.names.reads_particle`, as extraction reads it). The
  cause is in the matcher's key; the guard is here, as data, so that every
  caller of :class:`SourceMatcher` (post-editing, QA, term metrics) agrees.
* A name inside a longer name. Vietnamese given names are often place names
  (Nguyễn Thị Thanh Hoa, Lê Thanh Long): a place or organisation entry that
  continues a person's name (name tokens before it that start with a family
  name or follow a person cue such as السيدة, or a person cue right before it)
  is part of that name
  (:meth:`toolkit.extract.names.NameDetector.continues_person`); a person
  entry is, when name tokens stand before it. A place after a place cue or a
  preposition (مقاطعة ثانه هوا، في ثانه هوا) and a name with a proclitic
  (وهانوي) are still asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from toolkit.glossary_source import GlossaryIndex

__all__ = ["NAME_KINDS", "SourceMatcher"]

#: Entry kinds that are names, whose match may sit inside a longer name.
NAME_KINDS = ("person", "place", "org")


class SourceMatcher:
    """Finds the entries a source line asks for; one per document (it keeps memo tables).

    Args:
        glossary: The index for the direction.
    """

    def __init__(self, glossary: GlossaryIndex) -> None:
        self.glossary = glossary
        self._names: Any = None

    def find(self, source: str) -> list[Any]:
        """Returns the matches of approved source forms that ``source`` asks for.

        Args:
            source: One source line.

        Returns:
            The matcher's matches (:class:`glossary.matcher.Match`), in text
            order, less false matches (see the module docstring).
        """
        found = self.glossary.find_source(source)
        if self.glossary.src != "ar" or not found:
            return found
        from toolkit.extract.names import reads_particle
        from toolkit.extract.tokenize import light_ar

        found = [m for m in found
                 if not reads_particle([m.form], map(light_ar, m.surface.split()))]
        if not any(self.glossary.terms[m.key].kind in NAME_KINDS and not m.clitic
                   for m in found):
            return found
        return self._outside_names(source, found)

    def _outside_names(self, source: str, found: list[Any]) -> list[Any]:
        from toolkit.extract.tokenize import tokenize

        tokens = tokenize(source)
        starts = {t.start: i for i, t in enumerate(tokens)}
        ends = {t.end: i for i, t in enumerate(tokens)}
        places = [(starts.get(m.prefix_start, -1), ends.get(m.end, -1)) for m in found]
        keep = []
        for n, m in enumerate(found):
            first, last = places[n]
            kind = self.glossary.terms[m.key].kind
            if (kind in NAME_KINDS and not m.clitic and first >= 0 and last >= 0
                    and self._in_person_name(tokens, first, last, kind, places, n)):
                continue
            keep.append(m)
        return keep

    def _in_person_name(self, tokens: Sequence[Any], first: int, last: int, kind: str,
                        places: list[tuple[int, int]], n: int) -> bool:
        """Whether ``tokens[first..last]`` (a name entry) is part of a person's name."""
        others = {k for j, (a, b) in enumerate(places) if j != n and a >= 0 and b >= 0
                  for k in range(a, b + 1)}
        names = self._detector()
        if not names.continues_person(tokens, first, last, others.__contains__):
            return False
        if kind != "person":
            return True
        # A person's own name after a cue (السيد تو لام) is that person: only name
        # tokens before it (السيد نجوين تو لام) make it part of a longer name.
        walled = others | {first - 1}
        return not names.continues_person(tokens, first, last, walled.__contains__)

    def _detector(self) -> Any:
        """The extraction's name detector, over one transliterator (made once)."""
        if self._names is None:
            from toolkit.extract.namesetup import name_detector
            from toolkit.translit import default_transliterator

            self._names = name_detector(default_transliterator())
        return self._names
