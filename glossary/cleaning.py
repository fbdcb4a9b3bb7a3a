"""How a glossary form is stored: :func:`clean_form`.

Matching (:mod:`glossary.normalize`) ignores residue that copying leaves in a
form, but a translation must not receive it: the form that avet stores, and
puts into translations, is cleaned here once, by import, the review app's edits
and picks, and extraction.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_form"]

#: Bidi marks and controls that copying from Word or Excel leaves in a cell: LRM, RLM,
#: ALM, the embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069.
_BIDI_CONTROLS_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
#: Invisible format characters that pasting from web pages and Windows files leaves in a
#: form and that mean nothing in an Arabic, Vietnamese or English term: soft hyphen
#: U+00AD, Mongolian vowel separator U+180E, word joiner and invisible operators
#: U+2060–U+2064, the deprecated format controls U+206A–U+206F and the BOM / zero width
#: no-break space U+FEFF. ZWNJ and ZWJ (U+200C, U+200D) are kept: Arabic-script text can
#: need them inside a word.
_INVISIBLE_RE = re.compile("[\u00ad\u180e\u2060-\u2064\u206a-\u206f\ufeff]")
#: The zero width space U+200B: a word break, as matching reads it in Arabic (a space)
#: and deletes it in Vietnamese and English.
_ZWSP = "\u200b"
#: No-break spaces (U+00A0, the narrow U+202F), and runs of spaces.
_SPACES_RE = re.compile("[ \u00a0\u202f]{2,}|[\u00a0\u202f]")
#: What an Arabic form loses: tatweel, harakat and tanween, the superscript alef and
#: the Quranic annotation marks (the marks :func:`glossary.normalize.normalize_ar` deletes).
_AR_FORM_MARKS_RE = re.compile(
    "[\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]+"
)


def clean_form(text: str, lang: str, *, keep_harakat: bool = True) -> str:
    """Returns a glossary form as avet stores it: without the residue that matching
    ignores but a translation must not receive. Import, the review app's edits
    and picks all store forms through it.

    Removes the bidi marks and controls (LRM, RLM, ALM, embeddings, overrides,
    isolates) and the invisible format characters (soft hyphen, word joiner, BOM,
    U+180E, U+2061–U+2064, U+206A–U+206F) wherever they are, and tatweel U+0640
    from an Arabic form; the zero width space U+200B is removed from a Vietnamese or
    English form and is a space in an Arabic one (as matching reads them); makes
    no-break spaces (U+00A0, U+202F) and runs of spaces one plain space; then
    trims surrounding whitespace and returns NFC. Letters, digits, ZWNJ/ZWJ and
    punctuation are kept, and so are harakat unless ``keep_harakat`` is false.

    Args:
        text: The form, as read from a file or typed.
        lang: Its language (``ar``, ``vi`` or ``en``).
        keep_harakat: Keep the harakat of an Arabic form, as import does (a
            glossary file round-trips its vocalised forms). ``False`` also removes
            tanween, harakat, the superscript alef and Quranic marks, after NFC has
            put a combining hamza or madda on its letter (ا + U+0654 → أ): the
            unvocalised spelling of running text, that extraction and the review
            app's edits store.

    Returns:
        The form to store (``""`` if nothing visible is left).
    """
    text = _INVISIBLE_RE.sub("", _BIDI_CONTROLS_RE.sub("", text))
    text = text.replace(_ZWSP, " " if lang == "ar" else "")
    if lang == "ar":
        if keep_harakat:
            text = text.replace("\u0640", "")
        else:
            text = _AR_FORM_MARKS_RE.sub("", unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", _SPACES_RE.sub(" ", text).strip())
