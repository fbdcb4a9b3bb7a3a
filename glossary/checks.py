"""The rules an entry must meet to be stored, shared by import and by edits.

An entry written by one part of avet must read back through avet's own import:
:func:`check_terms` holds the checks on one entry, :func:`check_conflicts` the
check against the other entries (one form, two different translations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from glossary.errors import ConflictError, FormatError
from glossary.model import LANGS, Entry
from glossary.normalize import match_key

__all__ = ["FindByForm", "check_conflicts", "check_terms", "conflicting_lang"]

#: ``find(lang, text)``: the entries with an admitted ``lang`` form equal to ``text``
#: under :func:`~glossary.normalize.match_key` (``Store.find_by_form``).
FindByForm = Callable[[str, str], Iterable[Entry]]


def check_terms(entry: Entry) -> None:
    """Checks one entry as import does: at least one term, variants only beside
    a term of their language, then :meth:`~glossary.model.Entry.validate`.

    Raises:
        FormatError: On the first problem, with a hint naming the fix.
    """
    if not any(entry.forms[lang].preferred.strip() for lang in LANGS):
        raise FormatError("the entry has no term in ar, vi or en",
                          hint="give at least one term")
    for lang in LANGS:
        forms = entry.forms[lang]
        if not forms.preferred.strip() and forms.variants:
            raise FormatError(f"{lang} variants are given but no {lang} term",
                              hint=f"give the {lang} term; one of the variants may be it")
    entry.validate()


def conflicting_lang(a: Entry, b: Entry) -> str | None:
    """Returns the first language in which both entries have a term and the
    terms differ under :func:`~glossary.normalize.match_key`, else ``None``."""
    for lang in LANGS:
        x, y = a.term(lang), b.term(lang)
        if x and y and match_key(x, lang) != match_key(y, lang):
            return lang
    return None


def check_conflicts(entry: Entry, find: FindByForm) -> None:
    """Checks that no term of ``entry`` is a form of another entry that
    translates it differently (import refuses such a pair as a conflict).

    Args:
        entry: The entry as it would be stored (its ``id`` is skipped in the results).
        find: Looks entries up by form, e.g. ``store.find_by_form``.

    Raises:
        ConflictError: Naming the other entry and the language of the clash.
    """
    for lang in LANGS:
        term = entry.term(lang)
        if not term:
            continue
        for other in find(lang, term):
            if entry.id is not None and other.id == entry.id:
                continue
            clash = conflicting_lang(entry, other)
            if clash == lang:
                raise ConflictError(
                    f"{lang} term {term!r} is a variant of entry {other.id}, whose {lang} "
                    f"term is {other.term(lang)!r}",
                    hint=f"give another {lang} term, or merge the two entries")
            if clash is not None:
                raise ConflictError(
                    f"{lang} term {term!r} is a form of entry {other.id}, whose {clash} is "
                    f"{other.term(clash)!r}, not {entry.term(clash)!r}",
                    hint=f"give another {lang} term, or merge the two entries")
