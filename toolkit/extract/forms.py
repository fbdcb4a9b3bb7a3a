"""The forms of extracted entries: spellings kept, known entries adopted, terms composed
(:func:`~toolkit.extract.compose.compose_translation`, re-exported here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glossary.model import Candidate, Entry, Forms, is_inflection
from glossary.normalize import match_key
from toolkit.extract.compose import compose_translation, conjunctions
from toolkit.extract.tokenize import ARTICLE, light_ar, strip_article, term_key

__all__ = ["adopt_known", "compose_translation", "construct_state", "coordinated",
           "indefinite_form", "other_spellings", "spelling_key", "term_variants"]


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
                      if match_key(v, lang) not in forbidden_keys
                      and not (lang == "ar" and v not in theirs.all_admitted()
                               and construct_state(v, preferred))],
            forbidden=list(theirs.forbidden), candidates=candidates)
    entry.kind = known.kind
    entry.dnt = known.dnt or entry.dnt
    entry.case_sensitive = known.case_sensitive or entry.case_sensitive
    entry.note = known.note
    entry.source = known.source or entry.source
    return entry


def construct_state(form: str, preferred: str) -> bool:
    """Whether an Arabic spelling is a form in the construct state: its last word lacks
    the article that the preferred form's last word has (مدير إدارة of مدير الإدارة).

    Such a spelling is only ever seen before a genitive (مدير إدارة العلوم
    والتكنولوجيا): as a variant of the entry it would take the words that start
    another entry there, so extraction keeps it out of the variants it adds.

    Args:
        form: A spelling seen in the documents.
        preferred: The entry's preferred Arabic form.
    """
    seen, own = form.split(), preferred.split()
    if (len(seen) != len(own) or not own[-1].startswith(ARTICLE)
            or seen[-1].startswith(ARTICLE)):
        return False
    definite = " ".join([*seen[:-1], ARTICLE + seen[-1]])
    return match_key(definite, "ar") == match_key(preferred, "ar")


def indefinite_form(form: str) -> str | None:
    """The indefinite form of a definite noun phrase: every word has the article
    (الموارد البشرية الرقمية → موارد بشرية رقمية), which is the same term.

    Extraction also looks for it in the documents, so that an approved entry covers
    its indefinite occurrences as it covers its own (their fragments, بشرية رقمية,
    are not proposed). A phrase with a word in the construct state (مدير الإدارة)
    has none: مدير إدارة is only ever seen before a genitive
    (:func:`construct_state`).

    Args:
        form: An Arabic form.

    Returns:
        The form without its articles, or ``None`` for a single word or a form with
        a word that lacks the article.
    """
    words = form.split()
    bare = [strip_article(w) for w in words]
    if len(words) < 2 or any(b == w for b, w in zip(bare, words, strict=True)):
        return None
    return " ".join(bare)


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


def coordinated(form: str) -> bool:
    """Whether a word after the first of an Arabic form carries the conjunction و or ف
    (البنية التحتية والبيانات: infrastructure and data, not البنية التحتية للبيانات).

    Args:
        form: An Arabic form.
    """
    return conjunctions(form) > 0


def spelling_key(form: str) -> tuple[tuple[str, ...], bool]:
    """The key under which Arabic forms of a term differ only in spelling: its words
    folded (hamza, alef, ya, ta marbuta), without the article or the proclitics of the
    first word (:func:`~toolkit.extract.tokenize.term_key`), and whether it is a
    coordination (:func:`coordinated`), which is another phrase.

    Args:
        form: An Arabic form.
    """
    return term_key(form), coordinated(form)


def _bare(form: str) -> str:
    return " ".join(strip_article(light_ar(word)) for word in form.split())


def term_variants(preferred: str, forms: Iterable[str], admitted: Sequence[str] = ()
                  ) -> list[str]:
    """The spellings of a term that extraction keeps as its Arabic variants.

    A variant differs from the term only in spelling: its :func:`spelling_key` is
    that of the preferred form or of a form the glossary admits, and it is not the
    preferred form in another number. So a plural or dual (المقاطعات, المحافظات of
    مقاطعة: listed as a variant, a plural would be translated as the singular) and a
    coordination (البنية التحتية والبيانات of البنية التحتية للبيانات) are no
    variants. The forms the glossary admits stay whatever they are.

    Args:
        preferred: The preferred form.
        forms: The spellings seen (and admitted), in their order.
        admitted: The forms an approved entry admits.

    Returns:
        One spelling per match key other than the preferred one's.
    """
    listed = {match_key(f, "ar") for f in admitted}
    keys = {spelling_key(f) for f in (preferred, *admitted)}
    bare = _bare(preferred)

    def keep(form: str) -> bool:
        if match_key(form, "ar") in listed:
            return True
        return spelling_key(form) in keys and not is_inflection(_bare(form), bare, "ar")

    return [f for f in other_spellings(preferred, forms, keep_order=True) if keep(f)]
