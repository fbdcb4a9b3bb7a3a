"""Edits of a target line: what post-editing changes and reports, and how it spells it.

:mod:`toolkit.postedit` finds what the glossary asks of a translated line and
:mod:`toolkit.qa` reports it; both speak in the records here (:class:`Edit`,
:class:`Missing`, :class:`LineAnalysis`, :class:`PostEditResult`). The
replacement text keeps the case signal of the text it replaces
(:func:`adapt_case`) and an Arabic proclitic (:func:`ar_replacement`), and
:func:`apply_edits` puts the edits into the line. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ACTIONS",
    "CODE_KEY",
    "Edit",
    "LineAnalysis",
    "Missing",
    "PostEditResult",
    "adapt_case",
    "apply_edits",
    "ar_replacement",
]

#: The edit actions, in the order summaries list them.
ACTIONS = ("replaced_forbidden", "replaced_variant", "fixed_near_miss", "restored_code")

#: Key prefix of a source code that is no glossary entry (``code:749/QD-TTg``).
CODE_KEY = "code:"


@dataclass(frozen=True)
class Edit:
    """One change made to a target line.

    Attributes:
        entry_id: The glossary entry enforced (``None`` for a code of the
            source line that is no glossary entry).
        action: One of :data:`ACTIONS`.
        before: The replaced text (with an Arabic proclitic if there was one).
        after: Its replacement.
        start: Start offset of ``before`` in the target line as given.
        end: End offset of ``before`` in the target line as given.
        key: Index key of the entry.
    """

    entry_id: int | None
    action: str
    before: str
    after: str
    start: int
    end: int
    key: str = ""

    def to_dict(self, line: int) -> dict[str, Any]:
        """Returns the ``--json`` record of this edit on 1-based ``line``."""
        return {"line": line, "entry_id": self.entry_id, "action": self.action,
                "before": self.before, "after": self.after,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Missing:
    """A source term whose preferred target form is absent from the target line.

    Attributes:
        entry_id: The glossary entry (``None`` for a code of the source line
            that is no glossary entry).
        source_term: The source surface found.
        expected: The target form that should be there.
        key: Index key of the entry (``code:…`` for such a code).
        note: Why it was left (e.g. several near misses).
    """

    entry_id: int | None
    source_term: str
    expected: str
    key: str = ""
    note: str = ""


@dataclass
class LineAnalysis:
    """What the glossary says about one line pair (before any change).

    Attributes:
        edits: Changes to make, in order of position.
        missing: Terms absent from the target.
        source_counts: Per entry key, occurrences in the source line.
        source_surface: Per entry key, the first source surface.
        renderings: Per entry key, the target surfaces found for it (any role,
            near misses and mangled codes included), before the edits.
    """

    edits: list[Edit] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    source_counts: dict[str, int] = field(default_factory=dict)
    source_surface: dict[str, str] = field(default_factory=dict)
    renderings: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PostEditResult:
    """The post-edited line.

    Attributes:
        text: The target line with the edits applied.
        edits: What was changed (offsets refer to the line as given).
        missing: Terms still missing after the edits.
    """

    text: str
    edits: list[Edit]
    missing: list[Missing]


def adapt_case(found: str, replacement: str, form: str | None = None, *,
               sentence_start: bool = False) -> str:
    """Carries the case signal of ``found`` over to ``replacement``.

    An all-capital ``found`` gives an all-capital replacement, and a capital
    initial gives a capital initial, unless the glossary ``form`` that matched
    is itself written that way (an acronym or a proper name says nothing
    about the sentence) and ``found`` does not start a sentence. Scripts
    without case are returned unchanged.

    Args:
        found: The text as written in the target.
        replacement: The glossary's form that replaces it.
        form: The glossary form that matched ``found`` (default: ``found`` itself).
        sentence_start: Whether ``found`` starts a sentence (its capital is then
            the sentence's, whatever ``form`` looks like).

    Returns:
        ``replacement`` in the case ``found`` signals.
    """
    form = found if form is None else form
    letters = [c for c in found if c.isalpha()]
    form_letters = [c for c in form if c.isalpha()]
    if not letters or not any(c.isupper() or c.islower() for c in letters):
        return replacement
    if (len(letters) > 1 and all(c.isupper() for c in letters if c.isupper() or c.islower())
            and not all(c.isupper() for c in form_letters if c.isupper() or c.islower())
            and form is not found):
        return replacement.upper()
    if letters[0].isupper() and (sentence_start or (form_letters and form_letters[0].islower())):
        for i, c in enumerate(replacement):
            if c.isalpha():
                return replacement[:i] + c.upper() + replacement[i + 1:]
    return replacement


def ar_replacement(surface: str, clitic: str, preferred: str) -> str:
    """Rebuilds an Arabic span as proclitic + preferred form.

    The proclitic is kept as written; ``ل`` before the article contracts with
    it (ل + التحول → للتحول), as Arabic spelling requires.

    Args:
        surface: The span as written, proclitic included.
        clitic: The proclitic the match split off (``""``: none).
        preferred: The preferred form that replaces the term.

    Returns:
        The replacement text.
    """
    if not clitic:
        return preferred
    prefix = surface[:len(clitic)] if surface.startswith(clitic) else clitic
    if prefix.endswith("لل"):
        prefix = prefix[:-1]
    if prefix.endswith("ل") and preferred.startswith("الل"):
        return prefix + preferred[2:]  # ل + اللجنة → للجنة
    if prefix.endswith("ل") and preferred.startswith("ال"):
        return prefix + preferred[1:]
    return prefix + preferred


def apply_edits(target: str, edits: Sequence[Edit]) -> str:
    """Returns ``target`` with non-overlapping ``edits`` applied (in one pass)."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts += (target[pos:edit.start], edit.after)
        pos = edit.end
    parts.append(target[pos:])
    return "".join(parts)
