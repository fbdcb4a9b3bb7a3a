"""What a glossary entry is.

An :class:`Entry` is one concept with its forms in Arabic, Vietnamese and
English. Per language it has a preferred form, admitted variants, forbidden
renderings and ranked candidate forms (as extraction or transliteration
proposed them). Entries serialise to plain dicts (``to_dict``/``from_dict``),
which the store, the JSON format and the ``--json`` CLI output share.
"""

from __future__ import annotations

import hashlib
import json
import shlex
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, get_args

from glossary.errors import FormatError
from glossary.normalize import match_key

__all__ = [
    "KINDS",
    "LANGS",
    "STATUSES",
    "Candidate",
    "Context",
    "Entry",
    "Forms",
    "Kind",
    "Lang",
    "Status",
    "glossary_hash",
    "is_inflection",
    "now_iso",
]

Lang = Literal["ar", "vi", "en"]
Kind = Literal["term", "person", "place", "org", "code", "acronym"]
Status = Literal["candidate", "approved", "rejected"]

LANGS: tuple[str, ...] = get_args(Lang)
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)


def now_iso() -> str:
    """Returns the current UTC time as an ISO 8601 string (seconds precision)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Candidate:
    """A ranked candidate form, e.g. a Vietnamese reading of an Arabic name."""

    text: str
    score: float


@dataclass
class Context:
    """Where a term was seen: document, character offsets and a snippet.

    ``form`` is the surface form found there (which variant the document uses).
    """

    doc: str
    start: int
    end: int
    snippet: str
    form: str = ""


@dataclass
class Forms:
    """The forms of one entry in one language."""

    preferred: str = ""
    variants: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def all_admitted(self) -> list[str]:
        """Returns the preferred form followed by the variants, without blanks or repeats.

        A variant that is an inflection of the preferred form (see
        :func:`is_inflection`: a plural, a dual) is admitted like the others
        but is a correct rendering in itself, not a variant to replace.

        Returns:
            The admitted forms, preferred first.
        """
        seen: list[str] = []
        for text in [self.preferred, *self.variants]:
            if text and text not in seen:
                seen.append(text)
        return seen

    def ranked(self) -> list[Candidate]:
        """Returns the candidates, highest score first.

        Returns:
            A new list; the entry is not changed.
        """
        return sorted(self.candidates, key=lambda c: -c.score)

    def best(self) -> str:
        """Returns the preferred form, else the best-scored candidate, else ``""``.

        Returns:
            The form to show for this language.
        """
        if self.preferred:
            return self.preferred
        return max(self.candidates, key=lambda c: c.score).text if self.candidates else ""

    def is_empty(self) -> bool:
        """Returns whether there is no form at all: no preferred form, variant,
        forbidden rendering or candidate.

        Returns:
            ``True`` if the language has no form.
        """
        return not (self.preferred or self.variants or self.forbidden or self.candidates)


def _empty_forms() -> dict[str, Forms]:
    return {lang: Forms() for lang in LANGS}


@dataclass
class Entry:
    """One trilingual glossary entry.

    Attributes:
        id: Store id, ``None`` until the entry is stored.
        kind: One of :data:`KINDS`.
        forms: Per language (``ar``, ``vi``, ``en``) its :class:`Forms`.
        status: ``candidate``, ``approved`` or ``rejected``.
        dnt: Do not translate: the source form is kept verbatim in every language.
        case_sensitive: Match the Latin-script forms with their case.
        confidence: 0..1, how sure the producer (extraction, import) was.
        frequency: How often the term was seen.
        score: Termhood or ranking score from extraction.
        contexts: Where the term was seen.
        note: Free text for reviewers.
        source: Where the entry came from (file, "starter termbase", "extract").
        created_at, updated_at: ISO 8601 timestamps.
        updated_by: Who or what changed it last ("cli", "tui", "extract", a user name).
    """

    id: int | None = None
    kind: str = "term"
    forms: dict[str, Forms] = field(default_factory=_empty_forms)
    status: str = "candidate"
    dnt: bool = False
    case_sensitive: bool = False
    confidence: float = 0.0
    frequency: int = 0
    score: float = 0.0
    contexts: list[Context] = field(default_factory=list)
    note: str = ""
    source: str = ""
    created_at: str = ""
    updated_at: str = ""
    updated_by: str = ""

    def __post_init__(self) -> None:
        for lang in LANGS:
            self.forms.setdefault(lang, Forms())

    def term(self, lang: str) -> str:
        """Returns the preferred form in ``lang``, or ``""``.

        Args:
            lang: A language code (``ar``, ``vi`` or ``en``).

        Returns:
            The preferred form, ``""`` when the entry has none in ``lang``.
        """
        return self.forms[lang].preferred if lang in self.forms else ""

    def validate(self) -> None:
        """Checks kind, status, languages, and that no form is both admitted and forbidden.

        A forbidden form is compared with the preferred form and the variants of its
        language in NFC, case-folded (not on a case-sensitive entry, where ``Vnpt``
        may be forbidden beside ``VNPT``), with whitespace collapsed: a forbidden
        spelling variant (``هانوى`` of ``هانوي``, ``Bac Ninh`` of ``Bắc Ninh``) stays allowed.

        Raises:
            FormatError: If a field holds a value avet does not support.
        """
        if self.kind not in KINDS:
            raise FormatError(
                f"unknown kind {self.kind!r}", hint=f"use one of: {', '.join(KINDS)}"
            )
        if self.status not in STATUSES:
            raise FormatError(
                f"unknown status {self.status!r}", hint=f"use one of: {', '.join(STATUSES)}"
            )
        unknown = sorted(set(self.forms) - set(LANGS))
        if unknown:
            raise FormatError(
                f"unknown language code {unknown[0]!r}",
                hint=f"supported languages: {', '.join(LANGS)}",
            )
        if not any(self.forms[lang].all_admitted() for lang in LANGS):
            raise FormatError("entry has no form in any language", hint="give at least one term")
        for lang in LANGS:
            forms = self.forms[lang]
            cased = self.case_sensitive
            admitted = {_same_text_key(t, cased): t for t in forms.all_admitted()}
            for text in forms.forbidden:
                same = admitted.get(_same_text_key(text, cased))
                if same is not None:
                    role = "preferred" if same == forms.preferred else "variant"
                    raise FormatError(
                        f"{lang} form {text!r} is both forbidden and the {role} form {same!r}",
                        hint="remove it from the forbidden forms or from the admitted ones"
                        if self.id is None else
                        f"give another {lang} form, or allow this one again first: F in "
                        f"avet review, or avet glossary allow {self.id} {lang} "
                        f"{shlex.quote(text)}")

    def to_dict(self) -> dict[str, Any]:
        """Returns a JSON-serialisable dict (the shape of the JSON format).

        Returns:
            The entry's fields, with forms for every language of :data:`LANGS`.
        """
        data = asdict(self)
        data["forms"] = {lang: asdict(self.forms[lang]) for lang in LANGS}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        """Builds an entry from :meth:`to_dict` output; missing keys take defaults.

        Args:
            data: A dict of the shape :meth:`to_dict` returns.

        Returns:
            The entry.

        Raises:
            FormatError: If the dict does not have the shape of an entry.
        """
        try:
            forms = {
                lang: Forms(
                    preferred=f.get("preferred", ""),
                    variants=list(f.get("variants", [])),
                    forbidden=list(f.get("forbidden", [])),
                    candidates=[Candidate(**c) for c in f.get("candidates", [])],
                )
                for lang, f in (data.get("forms") or {}).items()
            }
            contexts = [Context(**c) for c in data.get("contexts", [])]
            plain = {
                k: v for k, v in data.items() if k not in ("forms", "contexts")
            }
            entry = cls(forms=forms, contexts=contexts, **plain)
        except (TypeError, AttributeError) as exc:
            raise FormatError(f"not a glossary entry: {exc}") from exc
        return entry


def _same_text_key(text: str, case_sensitive: bool = False) -> str:
    """The key under which two forms are the same text: NFC, case-folded (unless
    ``case_sensitive``), spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    return " ".join((text if case_sensitive else text.casefold()).split())


def _identity(entry: Entry) -> dict[str, Any]:
    """The content that defines an entry's meaning (what the glossary hash covers)."""
    return {
        "kind": entry.kind,
        "dnt": entry.dnt,
        "case_sensitive": entry.case_sensitive,
        "forms": {
            lang: {
                "preferred": entry.forms[lang].preferred,
                "variants": sorted(entry.forms[lang].variants),
                "forbidden": sorted(entry.forms[lang].forbidden),
            }
            for lang in LANGS
        },
    }


#: English plural endings: (singular ending, plural ending), tried on each word.
_EN_PLURALS: tuple[tuple[str, str], ...] = (
    ("", "s"), ("", "es"), ("y", "ies"), ("man", "men"), ("f", "ves"), ("fe", "ves"),
    ("person", "people"), ("child", "children"),
)
#: Arabic regular (sound) plurals and duals on the letters ``match_key`` leaves
#: (ة is folded to ه): (singular ending, plural or dual ending).
_AR_PLURALS: tuple[tuple[str, str], ...] = (
    ("ه", "ات"), ("ه", "تان"), ("ه", "تين"),
    ("", "ون"), ("", "ين"), ("", "ان"), ("", "ات"),
)
#: Arabic sound masculine plural of a construct's first noun, which loses its ن
#: (موظفو / موظفي الخدمة المدنية); never after the article.
_AR_CONSTRUCT: tuple[str, ...] = ("و", "ي")
#: Arabic ending that agrees with a plural without being one: an adjective after a
#: non-human plural takes the feminine singular (المشروع الوطني, المشروعات الوطنية).
_AR_AGREEMENT = "ه"


def _word_inflection(word: str, base: str, table: tuple[tuple[str, str], ...]) -> bool:
    return any(base.endswith(sing) and len(base) >= max(len(sing), 1)
               and word == base[:len(base) - len(sing)] + plural for sing, plural in table)


def _inflects(form: list[str], base: list[str], lang: str) -> bool:
    """Tells whether the words of ``form`` are those of ``base``, some in the plural."""
    table = _EN_PLURALS if lang == "en" else _AR_PLURALS
    plural = False
    for i, (word, stem) in enumerate(zip(form, base, strict=True)):
        if word == stem:
            continue
        if _word_inflection(word, stem, table) or (
                lang == "ar" and i < len(base) - 1 and not stem.startswith("ال")
                and any(word == stem + end for end in _AR_CONSTRUCT)):
            plural = True
        elif not (lang == "ar" and word == stem + _AR_AGREEMENT):
            return False
    return plural


def is_inflection(form: str, base: str, lang: str) -> bool:
    """Tells whether ``form`` is ``base`` correctly inflected for number.

    A plural or dual is the same term in another grammatical number, not a
    variant: post-editing never replaces it by the preferred form and QA never
    reports it. Recognised, word by word on :func:`~glossary.normalize.match_key`
    keys (case and Arabic letter variants folded), in either direction (the
    singular of a plural term is an inflection too):

    * English: regular plurals (``-s``, ``-es``, ``y`` → ``-ies``, ``f(e)`` →
      ``-ves``, ``-man`` → ``-men``) on any word (``public services``,
      ``rearrangements of administrative units``), and person/people, child/children.
    * Arabic: sound plurals and duals (``ة`` → ``ات``/``تان``/``تين``, ``+ون``,
      ``+ين``, ``+ات``, ``+ان``; ``+و``/``+ي`` on a construct's first noun),
      with the adjective's agreement (``+ة``). Broken plurals (الكوادر of
      الكادر) cannot be told from another word and stay variants.
    * Vietnamese does not inflect: never.

    Args:
        form: The form to classify (e.g. a variant).
        base: The form it may inflect (e.g. the preferred form).
        lang: ``ar``, ``vi`` or ``en``.

    Returns:
        ``True`` if ``form`` and ``base`` differ and one is the other with some
        words put in another number.
    """
    if lang not in ("en", "ar") or not form or not base:
        return False
    a, b = match_key(form, lang).split(), match_key(base, lang).split()
    if len(a) != len(b) or a == b:
        return False
    return _inflects(a, b, lang) or _inflects(b, a, lang)


def glossary_hash(entries: Iterable[Entry]) -> str:
    """Returns a SHA-256 hex digest over the meaning of ``entries``.

    Order, ids, timestamps, statuses, contexts and counts do not count: a
    database and its export, or two stores with the same terms, hash the same.

    Args:
        entries: The entries of a glossary.

    Returns:
        64 lowercase hex digits.
    """
    items = sorted(json.dumps(_identity(e), ensure_ascii=False, sort_keys=True) for e in entries)
    digest = hashlib.sha256()
    for item in items:
        digest.update(item.encode("utf-8") + b"\n")
    return digest.hexdigest()
