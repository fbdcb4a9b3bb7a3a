"""The rules an entry must meet to be stored, shared by import and by edits.

An entry written by one part of avet must read back through avet's own import
and export to every format: :func:`check_terms` holds the checks on one entry
(every import format applies it, and the review app's edit dialog),
:func:`check_conflicts` the check against the other entries (one admitted
form, term or variant, with two different translations),
:func:`check_approval` the same check against the approved entries only, for
entries about to be approved (:func:`approvable` keeps those that pass),
:func:`conflicting_lang` the comparison that both import and its duplicate
check use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from pathlib import Path

from glossary.errors import ConflictError, FormatError
from glossary.model import LANGS, Entry
from glossary.normalize import match_key

__all__ = [
    "SEPARATOR",
    "FindByForm",
    "approvable",
    "check_approval",
    "check_approved_rows",
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
    found = _first_clash(entry, find)
    if found is None:
        return
    other, lang, form, clash = found
    problem = _describe(entry, other, lang, form, clash, f"entry {other.id}")
    if form != entry.term(lang):
        hint = "remove the variant, or merge the two entries"
    else:
        hint = f"give another {lang} term, or merge the two entries"
    raise ConflictError(problem, hint=hint)


def check_approval(entries: Sequence[Entry], find: FindByForm) -> None:
    """Checks that stored entries may be approved together: no admitted form of one
    (term or variant, any language) is a form of an approved entry, or of another
    one of ``entries``, that translates it differently. Matching reads the approved
    entries only, so a candidate or rejected entry sharing a form is no clash.

    Args:
        entries: The stored entries to approve (with their ids).
        find: Looks entries up by form, e.g. ``store.find_by_form``.

    Raises:
        ConflictError: Naming the first entry that cannot be approved, its form, the
            other entry and the fix.
    """
    approving = {entry.id for entry in entries}
    for entry in entries:
        found = _first_clash(entry, _approved_only(find, approving))
        if found is not None:
            raise _approval_error(entry, *found, approving)


def check_approved_rows(rows: Sequence[tuple[int, Entry]], path: str | Path) -> None:
    """Checks that the approved entries of one file may stand together, as
    :func:`check_approval` requires of entries approved in one action: no admitted
    form of one is a form of another that translates it differently (two Arabic
    synonyms with one English term are one entry, the second a variant).

    Args:
        rows: ``(line, entry)`` of the file, in order; entries not approved are passed over.
        path: The file, named in the error.

    Raises:
        ConflictError: Naming the later row's line, its form and the earlier row's line.
    """
    seen: dict[tuple[str, str], list[tuple[int, Entry]]] = {}
    for line, entry in rows:
        if entry.status != "approved":
            continue
        for lang in LANGS:
            for form in entry.forms[lang].all_admitted():
                for earlier, other in seen.get((lang, match_key(form, lang)), []):
                    clash = conflicting_lang(entry, other)
                    if clash is not None:
                        raise ConflictError(
                            f"the {lang} form {form!r} is also a form of the approved entry "
                            f"of line {earlier}, whose {clash} is {other.term(clash)!r}, not "
                            f"{entry.term(clash)!r}; nothing was imported",
                            path=path, line=line or None,
                            hint="make one row a variant of the other, or import one as a "
                                 "candidate (--status candidate) and merge them in review")
        for lang in LANGS:
            for form in entry.forms[lang].all_admitted():
                seen.setdefault((lang, match_key(form, lang)), []).append((line, entry))


def approvable(entries: Sequence[Entry], find: FindByForm) -> list[Entry]:
    """Returns the stored entries that may be approved together, in order: each one
    clashes (as :func:`check_approval` tells) with no approved entry and no entry
    kept before it; the others are left out.

    Args:
        entries: The stored entries to approve (with their ids).
        find: Looks entries up by form, e.g. ``store.find_by_form``.

    Returns:
        The entries that :func:`check_approval` accepts, a subset of ``entries``.
    """
    kept: list[Entry] = []
    approving: set[int | None] = set()
    for entry in entries:
        if _first_clash(entry, _approved_only(find, approving)) is None:
            kept.append(entry)
            approving.add(entry.id)
    return kept


def _approved_only(find: FindByForm, approving: Set[int | None]) -> FindByForm:
    """``find`` limited to approved entries and those of ``approving`` (to be approved)."""
    def found(lang: str, text: str) -> list[Entry]:
        return [other for other in find(lang, text)
                if other.status == "approved" or other.id in approving]
    return found


def _approval_error(entry: Entry, other: Entry, lang: str, form: str, clash: str,
                    approving: Set[int | None]) -> ConflictError:
    """The error of an entry that cannot be approved for its clash with ``other``."""
    name = (f"entry {other.id} (approved in the same action)" if other.id in approving
            and other.status != "approved" else f"approved entry {other.id}")
    return ConflictError(
        f"entry {entry.id} cannot be approved: its "
        f"{_describe(entry, other, lang, form, clash, name)}; nothing was approved",
        hint=f"merge the two entries (avet glossary merge {other.id} {entry.id}), edit one "
             "of them, or reject one")


def _first_clash(entry: Entry, find: FindByForm) -> tuple[Entry, str, str, str] | None:
    """The first admitted form of ``entry`` that another entry found by ``find``
    translates differently, as ``(other, lang, form, clash)``: ``clash`` is the
    language where the two differ (:func:`conflicting_lang`)."""
    for lang in LANGS:
        term = entry.term(lang)
        for form in entry.forms[lang].all_admitted():
            for other in find(lang, form):
                if entry.id is not None and other.id == entry.id:
                    continue
                clash = conflicting_lang(entry, other, last=lang if form != term else None)
                if clash is not None:
                    return other, lang, form, clash
    return None


def _describe(entry: Entry, other: Entry, lang: str, form: str, clash: str,
              name: str) -> str:
    """Says how ``form`` of ``entry`` clashes with ``other`` (named ``name``)."""
    term = entry.term(lang)
    if form != term:
        return (f"{lang} variant {form!r} is a form of {name}, whose {clash} term is "
                f"{other.term(clash)!r}, not {entry.term(clash)!r}")
    if clash == lang:
        return (f"{lang} term {term!r} is a variant of {name}, whose {lang} term is "
                f"{other.term(lang)!r}")
    return (f"{lang} term {term!r} is a form of {name}, whose {clash} is "
            f"{other.term(clash)!r}, not {entry.term(clash)!r}")
