"""The forms of extracted entries: spellings kept, known entries adopted, terms composed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glossary.model import Candidate, Entry, Forms
from glossary.normalize import match_key
from toolkit.extract.data import word_senses

__all__ = ["adopt_known", "compose_translation", "other_spellings"]


def adopt_known(entry: Entry, known: Entry) -> Entry:
    """Gives a candidate that a known approved entry confirms all of that entry's forms.

    The known entry's preferred forms, variants and forbidden renderings in every
    language, its do-not-translate and case flags, note and source replace the
    extracted ones; the spellings seen in the documents stay as Arabic variants
    and the ranked Vietnamese readings stay as candidates (the known form first).

    Args:
        entry: The candidate as extraction built it (changed in place).
        known: The approved entry that confirms it.

    Returns:
        ``entry``.
    """
    for lang in ("ar", "vi", "en"):
        own, theirs = entry.forms[lang], known.forms[lang]
        if not theirs.all_admitted():
            continue
        preferred = theirs.preferred or own.preferred
        seen = [*theirs.all_admitted(), *own.all_admitted()]
        forbidden_keys = {match_key(f, lang) for f in theirs.forbidden}
        candidates = list(own.candidates)
        if lang == "vi" and preferred:
            candidates = [Candidate(preferred, 1.0),
                          *[c for c in candidates if c.text != preferred]][:5]
        entry.forms[lang] = Forms(
            preferred=preferred,
            variants=[v for v in other_spellings(preferred, seen, keep_order=True, lang=lang)
                      if match_key(v, lang) not in forbidden_keys],
            forbidden=list(theirs.forbidden), candidates=candidates)
    entry.kind = known.kind
    entry.dnt = known.dnt or entry.dnt
    entry.case_sensitive = known.case_sensitive or entry.case_sensitive
    entry.note = known.note
    entry.source = known.source or entry.source
    return entry


def other_spellings(preferred: str, forms: Iterable[str], *, keep_order: bool = False,
              lang: str = "ar") -> list[str]:
    """The other spellings, one per match key (diacritics-only differences dropped).

    Args:
        preferred: The preferred form (its key is left out).
        forms: The spellings seen.
        keep_order: Keep the order of ``forms`` (else alphabetical).
        lang: Language of the forms, for the match key.

    Returns:
        One spelling per match key other than the preferred one's.
    """
    seen = {match_key(preferred, lang)}
    out = []
    for form in (forms if keep_order else sorted(forms)):
        key = match_key(form, lang)
        if key not in seen:
            seen.add(key)
            out.append(form)
    return out


def compose_translation(key: Sequence[str]) -> tuple[str, str]:
    """Composes Vietnamese and English for ``noun adjective*`` or ``noun noun`` terms.

    Args:
        key: Article-free folded words of the term.

    Returns:
        ``(vi, en)``, or ``("", "")`` where a word is missing from words.tsv or
        the pattern is not regular.
    """
    senses = word_senses()
    units = []
    i = 0
    while i < len(key):
        pair = tuple(key[i:i + 2])
        if len(pair) == 2 and pair in senses:
            units.append(senses[pair])
            i += 2
        elif (key[i],) in senses:
            units.append(senses[(key[i],)])
            i += 1
        else:
            return "", ""
    if not units or units[0].pos != "noun" or len(units) > 3:
        return "", ""
    rest = units[1:]
    if all(u.pos == "adj" for u in rest):
        vi = " ".join(u.vi for u in units)
        en = " ".join([*(u.en for u in reversed(rest)), units[0].en])
        return vi, en
    if len(units) == 2 and rest[0].pos == "noun":
        return f"{units[0].vi} {units[1].vi}", f"{units[1].en} {units[0].en}"
    return "", ""
