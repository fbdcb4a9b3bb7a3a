"""Markup in documents (HTML or XML tags, comments, DOCTYPE, entities) is not text.

Word and web pages saved as .md or .txt keep tags such as ``<p class="MsoNormal"
style="TEXT-ALIGN: right">``; their names and attribute values must not become
acronym or term candidates. :func:`blank_markup` overwrites markup with spaces
(line ends kept), so every offset into the result is the same offset into the
original text and contexts still point at what the document wrote.
"""

from __future__ import annotations

import re

__all__ = ["blank_markup"]

#: What is markup: comments, CDATA, declarations (<!DOCTYPE …>), processing instructions
#: (<?xml …?>), script and style elements with their content, tags with their attributes
#: (a tag name starts with a Latin letter right after < or </), and character entities
#: (&nbsp; &amp; &#1575; &#x627;).
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<![A-Za-z][^<>]*>"
    r"|<\?.*?\?>"
    r"|<(script|style)\b[^<>]*>.*?(?:</\1\s*>|\Z)"
    r"|</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s+(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
    re.DOTALL | re.IGNORECASE,
)
_NOT_NEWLINE = re.compile(r"[^\r\n]")


def _blank(match: re.Match[str]) -> str:
    return _NOT_NEWLINE.sub(" ", match.group(0))


def blank_markup(text: str) -> str:
    """Overwrites the markup of ``text`` with spaces, keeping its length and line ends.

    Args:
        text: A document's text.

    Returns:
        The text with every tag, comment, declaration, script or style element and
        character entity replaced by as many spaces (``\\r`` and ``\\n`` kept); the same
        string when there is none.
    """
    if "<" not in text and "&" not in text:
        return text
    return _MARKUP.sub(_blank, text)
