"""Pure functions that merge entries: extraction evidence, merges of entries, and the
Unicode normalisation of every form before it is stored.

Used by the store; they change the entries they are given and touch no database.
"""

from __future__ import annotations

from collections.abc import Iterable

from glossary.checks import check_characters, check_separator
from glossary.errors import ConflictError, InputError, NotFoundError
from glossary.model import LANGS, Candidate, Context, Entry
from glossary.normalize import clean_form, match_key, nfc, normalize

__all__ = ["MAX_CONTEXTS", "absorb", "add_evidence", "allow_form", "clean_forbidden",
           "forbid_form", "form_key", "merge_candidates", "merge_contexts", "nfc_forms",
           "same_content", "split_off"]

#: Fields that say when and by whom an entry changed, not what it holds.
_STAMPS = ("created_at", "updated_at", "updated_by")

#: Contexts kept per entry; evidence beyond it is counted, not stored.
MAX_CONTEXTS = 20


def _check_lang(lang: str) -> None:
    """Raises :class:`InputError` if ``lang`` is not one of :data:`LANGS`."""
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}", hint=f"use one of: {', '.join(LANGS)}")


def nfc_forms(entry: Entry) -> None:
    """Puts every form of ``entry`` in Unicode NFC, in place.

    Preferred forms, variants, forbidden forms, candidates and the forms of the
    contexts; a form that NFC makes a repeat of an earlier one in its list is
    dropped (a candidate keeps its best score). Snippets stay as the document
    has them, so that their offsets hold.
    """
    for lang in LANGS:
        forms = entry.forms[lang]
        forms.preferred = nfc(forms.preferred)
        forms.variants = list(dict.fromkeys(nfc(t) for t in forms.variants))
        forms.forbidden = list(dict.fromkeys(nfc(t) for t in forms.forbidden))
        if any(nfc(c.text) != c.text for c in forms.candidates):
            forms.candidates = merge_candidates(
                [], (Candidate(nfc(c.text), c.score) for c in forms.candidates))
    for ctx in entry.contexts:
        ctx.form = nfc(ctx.form)


def same_content(a: Entry, b: Entry) -> bool:
    """Tells whether two states of an entry hold the same (timestamps aside)."""
    one, other = a.to_dict(), b.to_dict()
    return all(one[k] == other[k] for k in one if k not in _STAMPS)


def form_key(text: str, lang: str, case_sensitive: bool = False) -> str:
    """The key under which two forms of an entry are one form.

    :func:`~glossary.normalize.match_key`; on a case-sensitive entry Latin
    letters keep their case (``Vnpt`` is not ``VNPT``).
    """
    if not case_sensitive or lang == "ar":
        return match_key(text, lang)
    return " ".join(normalize(text, lang, casefold=False).text.split())


def clean_forbidden(lang: str, text: str) -> str:
    """Returns a form to forbid as import would store it, or raises if import would
    refuse it.

    The form goes through :func:`~glossary.normalize.clean_form` (no bidi marks,
    no tatweel, plain single spaces, trimmed, NFC), then the checks of
    :func:`~glossary.checks.check_separator` and
    :func:`~glossary.checks.check_characters`, so that every export can write it.

    Args:
        lang: The form's language.
        text: The form, as typed.

    Returns:
        The cleaned form.

    Raises:
        InputError: If ``lang`` is unknown or nothing is left of ``text`` once cleaned.
        FormatError: If the form holds ``|`` or a control character (a tab, a line
            break).
    """
    _check_lang(lang)
    form = clean_form(text, lang)
    if not form:
        raise InputError(f"the {lang} form to forbid is empty ({text!r})",
                         hint="give the rendering to forbid, as it appears in translations")
    probe = Entry()
    probe.forms[lang].forbidden.append(form)
    check_separator(probe)
    check_characters(probe)
    return form


def forbid_form(entry: Entry, lang: str, text: str) -> None:
    """Adds ``text`` to the forbidden ``lang`` forms of ``entry`` (in place), taking it
    out of the variants; compared by :func:`form_key`. ``text`` is first cleaned and
    checked as import does (:func:`clean_forbidden`), so ``entry`` is left as it was
    when that fails.

    Raises:
        InputError: If ``lang`` is unknown or ``text`` is blank.
        FormatError: If ``text`` holds ``|`` or a control character.
        ConflictError: If ``text`` is the preferred form.
    """
    text = clean_forbidden(lang, text)
    forms = entry.forms[lang]
    key = form_key(text, lang, entry.case_sensitive)
    if forms.preferred and key == form_key(forms.preferred, lang, entry.case_sensitive):
        raise ConflictError(f"{text!r} is the preferred {lang} form of entry {entry.id}",
                            hint="edit the preferred form first")
    forms.variants = [v for v in forms.variants
                      if form_key(v, lang, entry.case_sensitive) != key]
    if text not in forms.forbidden:
        forms.forbidden.append(text)


def allow_form(entry: Entry, lang: str, text: str) -> None:
    """Takes ``text`` out of the forbidden ``lang`` forms of ``entry`` (in place): the
    form itself, else the forms equal to it under :func:`form_key`.

    Raises:
        InputError: If ``lang`` is unknown.
        NotFoundError: If no forbidden form is ``text``; the hint lists them.
    """
    _check_lang(lang)
    forms = entry.forms[lang]
    same = [t for t in forms.forbidden if nfc(t) == nfc(text)]
    if not same:
        key = form_key(text, lang, entry.case_sensitive)
        same = [t for t in forms.forbidden if form_key(t, lang, entry.case_sensitive) == key]
    if not same:
        listed = ", ".join(repr(t) for t in forms.forbidden)
        raise NotFoundError(f"{text!r} is not a forbidden {lang} form of entry {entry.id}",
                            hint=f"its forbidden {lang} forms: {listed}" if listed
                            else f"it has no forbidden {lang} form")
    forms.forbidden = [t for t in forms.forbidden if t not in same]


def merge_candidates(into: list[Candidate], new: Iterable[Candidate]) -> list[Candidate]:
    """Merges two candidate lists: one candidate per text, with its best score.

    Args:
        into: The candidates kept so far (not changed).
        new: Candidates to add.

    Returns:
        A new list, best score first.
    """
    best: dict[str, float] = {c.text: c.score for c in into}
    for cand in new:
        best[cand.text] = max(best.get(cand.text, cand.score), cand.score)
    return [Candidate(t, s) for t, s in sorted(best.items(), key=lambda kv: -kv[1])]


def merge_contexts(into: list[Context], new: Iterable[Context]) -> list[Context]:
    """Merges two context lists, keeping one context per place (document, start, end).

    Args:
        into: The contexts kept so far (not changed).
        new: Contexts to add, in order.

    Returns:
        A new list: ``into``, then new ones while it holds fewer than
        :data:`MAX_CONTEXTS`.
    """
    seen = {(c.doc, c.start, c.end) for c in into}
    merged = list(into)
    for ctx in new:
        if len(merged) >= MAX_CONTEXTS:
            break
        if (ctx.doc, ctx.start, ctx.end) not in seen:
            seen.add((ctx.doc, ctx.start, ctx.end))
            merged.append(ctx)
    return merged


def _add_form_variants(target: Entry, lang: str, texts: Iterable[str]) -> None:
    forms = target.forms[lang]
    known = {match_key(t, lang) for t in [*forms.all_admitted(), *forms.forbidden]}
    for text in texts:
        key = match_key(text, lang)
        if text and key not in known:
            known.add(key)
            if forms.preferred:
                forms.variants.append(text)
            else:
                forms.preferred = text


def add_evidence(existing: Entry, new: Entry) -> None:
    """Merges extraction evidence of ``new`` into ``existing``.

    Arabic forms are spellings seen in the documents: a new one becomes a
    variant (the preferred form of an entry without one) unless it is forbidden.
    Vietnamese and English forms are readings that extraction proposed, not
    spellings seen: a reading fills the empty preferred form of an entry that is
    not approved; every other reading joins the ranked candidates, never the
    variants, so the preferred form (a reviewer's pick or an earlier reading)
    stays and a rival reading (another person's name) is not admitted beside
    it. Candidates keep each text's best score and leave out forbidden forms;
    contexts, score and confidence are merged too.
    """
    _add_form_variants(existing, "ar", new.forms["ar"].all_admitted())
    for lang in LANGS:
        forms, incoming = existing.forms[lang], new.forms[lang]
        readings = incoming.all_admitted() if lang != "ar" else []
        forbidden = {match_key(t, lang) for t in forms.forbidden}
        if not forms.preferred and existing.status != "approved":
            forms.preferred = next((t for t in readings if match_key(t, lang) not in forbidden
                                    and t not in forms.variants), "")
        admitted = {match_key(t, lang) for t in forms.all_admitted()}
        scores = {c.text: c.score for c in incoming.candidates}
        proposed = [*incoming.candidates,
                    *(Candidate(t, scores.get(t, new.confidence)) for t in readings
                      if match_key(t, lang) not in admitted)]
        forms.candidates = merge_candidates(
            forms.candidates, (c for c in proposed if match_key(c.text, lang) not in forbidden))
    existing.contexts = merge_contexts(existing.contexts, new.contexts)
    existing.score = max(existing.score, new.score)
    existing.confidence = max(existing.confidence, new.confidence)


def absorb(target: Entry, other: Entry) -> None:
    """Makes ``other``'s forms variants of ``target`` (merge)."""
    for lang in LANGS:
        _add_form_variants(target, lang, other.forms[lang].all_admitted())
        for text in other.forms[lang].forbidden:
            if text not in target.forms[lang].forbidden:
                target.forms[lang].forbidden.append(text)
        target.forms[lang].candidates = merge_candidates(
            target.forms[lang].candidates, other.forms[lang].candidates)
    target.contexts = merge_contexts(target.contexts, other.contexts)
    target.frequency += other.frequency
    target.score = max(target.score, other.score)
    if other.note and other.note not in target.note:
        target.note = f"{target.note}\n{other.note}".strip()


def split_off(entry: Entry, lang: str, variant: str) -> Entry:
    """Moves a variant out of ``entry`` (with its contexts) into a new entry.

    Args:
        entry: The entry holding the variant; changed in place.
        lang: The variant's language.
        variant: The variant.

    Returns:
        The new entry: the variant is its preferred form.

    Raises:
        InputError: If ``lang`` is unknown.
        NotFoundError: If ``variant`` is not a variant of the entry.
    """
    _check_lang(lang)
    forms = entry.forms[lang]
    if variant not in forms.variants:
        raise NotFoundError(f"{variant!r} is not a {lang} variant of entry {entry.id}",
                            hint=f"variants: {', '.join(forms.variants) or 'none'}")
    forms.variants.remove(variant)
    new = Entry(kind=entry.kind, dnt=entry.dnt, source=f"split from entry {entry.id}")
    new.forms[lang].preferred = variant
    new.contexts = [c for c in entry.contexts if c.form == variant]
    entry.contexts = [c for c in entry.contexts if c.form != variant]
    return new
