"""The entry kinds as extraction reads them: names, codes, terms.

One table for the modules that sort approved entries and candidates by kind
(:mod:`toolkit.extract.building`, :mod:`toolkit.extract.pipeline`,
:mod:`toolkit.extract.known`); it imports nothing of the package.
"""

from __future__ import annotations

__all__ = ["CODE_KINDS", "COMPATIBLE_KINDS", "NAME_KINDS", "VERBATIM_KINDS"]

#: Kinds of names (transliterated, read into Vietnamese).
NAME_KINDS = ("person", "place", "org")
#: Kinds of codes (kept verbatim).
CODE_KINDS = ("code", "acronym")
#: Kinds whose Arabic forms extraction reads as written (names, codes), not as terms.
VERBATIM_KINDS = frozenset(NAME_KINDS + CODE_KINDS)
#: The kinds of approved names that a detected name of a kind may be.
COMPATIBLE_KINDS = {"person": ("person",), "place": ("place", "org"), "org": ("place", "org")}
