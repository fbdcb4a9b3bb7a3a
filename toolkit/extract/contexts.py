"""Keyword-in-context snippets with offsets into the original text."""

from __future__ import annotations

from glossary.model import Context

__all__ = ["MAX_CONTEXTS", "make_context", "snippet"]

#: Contexts kept per candidate during extraction (memory stays bounded).
MAX_CONTEXTS = 5


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    """Returns the words around ``text[start:end]`` on one line.

    Args:
        text: The original document text.
        start: Start offset of the keyword.
        end: End offset of the keyword.
        width: About how many characters to keep on each side.

    Returns:
        The snippet, cut at spaces and at line ends, whitespace collapsed,
        with ``…`` where it was cut inside a line.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    left = max(line_start, start - width)
    right = min(line_end, end + width)
    if left > line_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    body = " ".join(text[left:right].split())
    return ("…" if left > line_start else "") + body + ("…" if right < line_end else "")


def make_context(doc: str, text: str, start: int, end: int, restore: str = "") -> Context:
    """Builds the :class:`~glossary.model.Context` of one occurrence.

    Args:
        doc: The document path as given.
        text: The original document text.
        start: Start offset in ``text``.
        end: End offset in ``text``.
        restore: Letters written before the form that the text fused with a proclitic:
            ``"ا"`` after ل + the article (للمدينة: the form is المدينة, though the
            offsets cover لمدينة).

    Returns:
        The context, whose ``form`` is the surface form found there.
    """
    return Context(doc=doc, start=start, end=end, snippet=snippet(text, start, end),
                   form=restore + text[start:end])
