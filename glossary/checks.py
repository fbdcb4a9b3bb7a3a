"""The rules an entry must meet to be stored, shared by import and by edits.

An entry written by one part of avet must read back through avet's own import
and export to every format: :func:`check_terms` holds the checks on one entry
(every import format applies it, and the review app's edit dialog),
:func:`check_conflicts` the check against the other entries (one admitted
form, term or variant, with two different translations),
:func:`conflicting_lang` the comparison that both import and its duplicate
check use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from glossary.errors import ConflictError, FormatError
from glossary.model import LANGS, Entry
from glossary.normalize import match_key

__all__ = [
    "SEPARATOR",
    "FindByForm",
    "check_characters",
    "check_conflicts",
    "check_separator",
    "check_terms",
    "conflicting_lang",
]

#: Separates several forms in one cell of the table formats (CSV, TSV, XLSX), so
#: no form may contain it.
SEPARATOR = "|"

#: Characters no form may hold: C0 and C1 controls (tab and line breaks included), DEL,
#: and the line and paragraph separators U+2028/U+2029. DeepL refuses a glossary term
#: holding one (its client libraries' ``validateGlossaryTerm``), TBX (XML) and Excel
#: cannot store most of them, and none belongs in a term.
_FORM_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Characters no note may hold: the C0 and C1 controls but tab and line breaks (a note
#: may have several lines), which TBX (XML) and Excel cannot store.
_NOTE_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

#: ``find(lang, text)``: the entries with an admitted ``lang`` form equal to ``text``
#: under :func:`~glossary.normalize.match_key` (``Store.find_by_form``).
FindByForm = Callable[[str, str], Iterable[Entry]]


def check_terms(entry: Entry, *, before: Entry | None = None) -> None:
    """Checks one entry as import does: :meth:`~glossary.model.Entry.validate`
    (kind, status, languages, forbidden forms), then at least one term, variants
    only beside a term of their language, no form containing
    :data:`SEPARATOR` (:func:`check_separator`) and no control character in a
    form or the note (:func:`check_characters`).

    Args:
        entry: The entry to check.
        before: The entry as stored, for an edit: forms it holds already are
            not checked for :data:`SEPARATOR` or control characters (an edit does
            not fail on a form it left alone).

    Raises:
        FormatError: On the first problem, with a hint naming the fix.
    """
    entry.validate()
    if not any(entry.forms[lang].preferred.strip() for lang in LANGS):
        raise FormatError("the entry has no term in ar, vi or en",
                          hint="give at least one term")
    for lang in LANGS:
        forms = entry.forms[lang]
        if not forms.preferred.strip() and forms.variants:
            raise FormatError(f"{lang} variants are given but no {lang} term",
                              hint=f"give the {lang} term; one of the variants may be it")
    check_separator(entry, before=before)
    check_characters(entry, before=before)


def check_characters(entry: Entry, *, before: Entry | None = None) -> None:
    """Checks that no form holds a C0 or C1 control character, DEL or U+2028/U+2029,
    and that the note holds no control character but tab and line breaks (DeepL,
    TBX or XLSX exports would refuse them).

    Args:
        entry: The entry to check.
        before: The entry as stored, for an edit: forms it holds already, and its
            note if unchanged, are not checked.

    Raises:
        FormatError: Naming the form (language and role) or the note, and the character.
    """
    for lang, role, text in _new_forms(entry, before):
        bad = _FORM_CONTROLS.search(text)
        if bad:
            raise FormatError(
                f"{lang} {role} {text!r} has the control character "
                f"U+{ord(bad.group()):04X}",
                hint="remove it; a term is one line of text without tabs, line "
                     "breaks or other control characters, which DeepL, TBX and "
                     "Excel refuse")
    bad = _NOTE_CONTROLS.search(entry.note)
    if bad and (before is None or entry.note != before.note):
        raise FormatError(
            f"the note {entry.note!r} has the control character U+{ord(bad.group()):04X}",
            hint="remove it; a note may hold tabs and line breaks but no other control "
                 "character, which TBX and Excel refuse")


def check_separator(entry: Entry, *, before: Entry | None = None) -> None:
    """Checks that no form of ``entry`` contains :data:`SEPARATOR`, which the
    table formats use between forms (an export to them would refuse it).

    Args:
        entry: The entry to check.
        before: Forms this entry holds in the same language are not checked.

    Raises:
        FormatError: Naming the first such form, its language and its role.
    """
    for lang, role, text in _new_forms(entry, before):
        if SEPARATOR in text:
            raise FormatError(
                f"{lang} {role} {text!r} contains {SEPARATOR!r}",
                hint=f"give one form; {SEPARATOR!r} separates forms in the CSV, "
                     "TSV and XLSX formats, so give the others as variants")


def _new_forms(entry: Entry, before: Entry | None) -> Iterator[tuple[str, str, str]]:
    """Yields ``(lang, role, text)`` for each form of ``entry`` (term, variants,
    forbidden forms) that ``before`` does not hold in the same language."""
    for lang in LANGS:
        forms = entry.forms[lang]
        known = set() if before is None else {
            *before.forms[lang].all_admitted(), *before.forms[lang].forbidden}
        for role, texts in (("term", [forms.preferred]), ("variant", forms.variants),
                            ("forbidden form", forms.forbidden)):
            for text in texts:
                if text not in known:
                    yield lang, role, text


def conflicting_lang(a: Entry, b: Entry, *, last: str | None = None) -> str | None:
    """Returns the first language in which both entries have a term and the
    terms differ under :func:`~glossary.normalize.match_key`, else ``None``.

    Args:
        a: One entry.
        b: The other entry.
        last: A language tried after the others (the language of a form both
            entries share, whose clash tells less than one of its translations).

    Returns:
        A language code of :data:`~glossary.model.LANGS`, or ``None`` if the
        entries agree wherever both have a term.
    """
    for lang in sorted(LANGS, key=lambda lang: lang == last):
        x, y = a.term(lang), b.term(lang)
        if x and y and match_key(x, lang) != match_key(y, lang):
            return lang
    return None


def check_conflicts(entry: Entry, find: FindByForm) -> None:
    """Checks that no admitted form of ``entry`` (term or variant) is a form of
    another entry that translates it differently (import refuses such a pair as
    a conflict; a DeepL export could not write it).

    Args:
        entry: The entry as it would be stored (its ``id`` is skipped in the results).
        find: Looks entries up by form, e.g. ``store.find_by_form``.

    Raises:
        ConflictError: Naming the form, the other entry and the language of the clash.
    """
    for lang in LANGS:
        term = entry.term(lang)
        for form in entry.forms[lang].all_admitted():
            for other in find(lang, form):
                if entry.id is not None and other.id == entry.id:
                    continue
                clash = conflicting_lang(entry, other, last=lang if form != term else None)
                if clash is None:
                    continue
                if form != term:
                    raise ConflictError(
                        f"{lang} variant {form!r} is a form of entry {other.id}, whose "
                        f"{clash} term is {other.term(clash)!r}, not {entry.term(clash)!r}",
                        hint="remove the variant, or merge the two entries")
                if clash == lang:
                    raise ConflictError(
                        f"{lang} term {term!r} is a variant of entry {other.id}, whose {lang} "
                        f"term is {other.term(lang)!r}",
                        hint=f"give another {lang} term, or merge the two entries")
                raise ConflictError(
                    f"{lang} term {term!r} is a form of entry {other.id}, whose {clash} is "
                    f"{other.term(clash)!r}, not {entry.term(clash)!r}",
                    hint=f"give another {lang} term, or merge the two entries")
