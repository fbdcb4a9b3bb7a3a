"""Find every glossary term of one language in a text, in one pass.

A :class:`Matcher` holds normalized forms in an Aho-Corasick automaton
(pyahocorasick) and reports leftmost-longest, non-overlapping matches with
offsets in the ORIGINAL text, whatever diacritics, tatweel or bidi controls the
normalization removed.

How it works: the text is normalized (:mod:`glossary.normalize`), lower-cased
and "shadowed" (:mod:`glossary.shadow`): every character that is not a word
character becomes a space, except joiners: ``.`` between ASCII letters or
digits, and ``-`` and ``/`` between word characters of a code-like run (a part
with a digit, or an all-capitals part beside no plain word), so that codes such
as ``05-NQ/TU``, ``749/QD-TTg`` or ``COVID-19`` are one word and ``NQ`` alone
never matches inside them. Between words (``Vietnam-Laos``, ``Hanoi/Vientiane``,
``e-commerce``) ``-`` and ``/`` separate them like spaces; a form that holds one
(``Bà Rịa-Vũng Tàu``) is verified, so it still needs it. Word characters are
Unicode letters, digits, ``_`` and combining marks. Keys are the shadowed
forms with a space on both sides (in Arabic also with each letter a proclitic
can end with in front instead of the space) and are searched in the reversed
shadow text, so that the automaton itself checks both word boundaries: hits
arrive ordered by start, longest first, and the first hit of each start is the
candidate; a greedy pass keeps the leftmost-longest, non-overlapping ones.
Forms with punctuation inside (other than joiners) or at their edges, and
case-sensitive forms, are verified against the normalized text.

Arabic proclitics. In front of a term a word may carry the conjunctions و or ف,
then one of the prepositions ب ك ل; Match.clitic reports them and
Match.start points after them (Match.prefix_start before them):

* A term that begins with the article ال (its first word is ال and at least two
  more letters) matches after
  ``[وف]?[بك]?``: التحول, والتحول (clitic و), بالتحول (ب), وبالتحول (وب). With
  the preposition ل the article loses its alef: للتحول matches with clitic ل and
  the span starts at the second ل (so surface is لتحول); وللتحول has clitic ول.
* A term without the article matches after ``[وف]?[بكل]?``: هانوي, بهانوي,
  وهانوي, لهانوي, فبهانوي. It does NOT match after the article (الهانوي is
  another word), nor after any other prefix.

No other prefix is accepted, and there is no clitic outside Arabic. A short
stem can therefore match inside a longer word that happens to start with a
clitic letter (تاب in كتاب); keep Arabic forms specific.

Case: matching ignores case unless a form is added with ``case_sensitive=True``
(then the original span must have the form's case), or is an acronym
(:func:`is_acronym`: ``IT``, ``MOST``, ``UBND``), which is always matched with its
case, so the pronoun ``It`` and the word ``most`` are no terms. Vietnamese matches on
:func:`~glossary.normalize.normalize_vi` keys (old and new tone placement are
equal, diacritics count); ``Matcher(lang, fold=True)`` ignores Vietnamese and
English diacritics, for QA.

Limits: the words of a form must be separated in the text by exactly one
space or punctuation character (a double space breaks a match); punctuation at
the edges of a form must be in the text but is not part of the match (``U.S.``
matches as ``U.S``, and only before a dot; ``C++`` never matches a bare ``C``).

Several forms with the same normalized key keep their order of addition; roles
rank preferred, then variant, then forbidden, and the first one that fits wins.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

from glossary.errors import InputError
from glossary.model import Entry
from glossary.normalize import (
    SUPPORTED_LANGS,
    Normalized,
    normalize_ar,
    normalize_en,
    normalize_vi,
)
from glossary.shadow import Cased, lower_1to1, original_slicer, shadow_text

__all__ = ["ROLES", "Match", "Matcher", "is_acronym"]

ROLES: tuple[str, ...] = ("preferred", "variant", "forbidden")
_ROLE_RANK = MappingProxyType({role: i for i, role in enumerate(ROLES)})

# Arabic clitic letters and the prefixes allowed before each kind of key.
_CLITIC_LETTERS = frozenset("وفبكل")
# A form whose first word is ال + at least two letters has the article. After the
# preposition ل the article loses its alef (ل + الحكومة = للحكومة: a _LAM_ARTICLE key),
# and before a stem that starts with ل its lam too (ل + اللجنة = للجنة: a _LAM_STEM key).
_PLAIN, _ARTICLE, _LAM_ARTICLE, _LAM_STEM = 0, 1, 2, 3
_ALLOWED_PREFIXES: tuple[frozenset[str], ...] = (
    frozenset({"", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"}),
    frozenset({"", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"}),
    frozenset({"", "و", "ف"}),  # key لل+stem: its first ل is itself the clitic
    frozenset({"", "و", "ف"}),  # key ل+stem (stem in ل): the same
)
# Per kind of key, the letters of the article that the preposition ل elided.
_ELIDED: tuple[str, ...] = ("", "", "ا", "ال")
# The letters an allowed prefix can end with, per kind of key.
_LAST_CLITIC_LETTERS: tuple[str, ...] = tuple(
    "".join(sorted({prefix[-1] for prefix in allowed if prefix})) for allowed in _ALLOWED_PREFIXES
)


def is_acronym(form: str) -> bool:
    """Tells whether ``form`` is written entirely in capitals (an acronym).

    Such a form (``IT``, ``MOST``, ``TP HCM``) is matched with its case whatever
    its entry's ``case_sensitive`` says: ``It`` is a pronoun, not information
    technology. A code with a digit (``COVID-19``, ``12/2024/NĐ-CP``) is no word
    in any case and keeps the entry's setting; letters without case (Arabic)
    make no acronym.

    Args:
        form: A glossary form.

    Returns:
        ``True`` if ``form`` has no digit and two or more cased letters, all capitals.
    """
    letters = [ch for ch in form if ch.isupper() or ch.islower()]
    return (len(letters) >= 2 and all(ch.isupper() for ch in letters)
            and not any(ch.isdigit() for ch in form))


class Match(NamedTuple):
    """One occurrence of a glossary form in a text (an immutable named tuple).

    Attributes:
        key: The payload the form was added with (e.g. the entry id).
        lang: Language of the matcher.
        start: Start of the term in the original text (after any clitic).
        end: End of the term in the original text (exclusive).
        surface: ``original[start:end]``.
        form: The glossary form that matched.
        role: ``"preferred"``, ``"variant"`` or ``"forbidden"``.
        clitic: The Arabic proclitics in front (``"و"``, ``"ب"``, ``"وب"``...), else ``""``.
        prefix_start: Start including the clitic (equals ``start`` without one).
        elided: The letters of the article that the preposition ل elided: ``"ا"``
            in للحكومة (``surface`` لحكومة), ``"ال"`` in للجنة (``surface`` لجنة);
            else ``""``.
    """

    key: Hashable
    lang: str
    start: int
    end: int
    surface: str
    form: str
    role: str
    clitic: str
    prefix_start: int
    elided: str = ""

    @property
    def standalone(self) -> str:
        """The occurrence as it stands alone: the elided article put back (الحكومة)."""
        return self.elided + self.surface


# One automaton value: (form length, kind of key, verify, records by role,
# skip (1 for a لل key: the span starts after its first ل), clitic key).
_Slot = tuple[int, int, bool, "tuple[_Record, ...]", int, bool]


@dataclass(frozen=True, slots=True)
class _Record:
    form: str
    key: Hashable
    role: str
    case_sensitive: bool
    exact: str  # normalized form for verification (case kept if case-sensitive), or ""
    before: str = ""  # punctuation at the form's edges, which the text must have
    after: str = ""


class Matcher:
    """Finds the forms of a glossary in texts of one language.

    Args:
        lang: ``"ar"``, ``"vi"`` or ``"en"``.
        fold: Match Vietnamese and English ignoring diacritics (for QA).

    Raises:
        InputError: If ``lang`` is not supported.
    """

    def __init__(self, lang: str, *, fold: bool = False) -> None:
        if lang not in SUPPORTED_LANGS:
            raise InputError(
                f"unsupported language {lang!r}",
                hint=f"supported languages: {', '.join(SUPPORTED_LANGS)}",
            )
        self.lang = lang
        self.fold = fold
        # shadow key (with trailing space) -> records; the automaton is built lazily.
        self._keys: dict[str, list[_Record]] = {}
        self._kinds: dict[str, int] = {}
        self._count = 0
        self._automaton: Any = None
        self._slots: list[_Slot] = []
        self._maxlen = 0
        self._fast: list[bool] = []

    def __len__(self) -> int:
        """The number of forms added."""
        return self._count

    # ------------------------------------------------------------ building

    def _normalize(self, text: str, *, casefold: bool = True) -> Normalized:
        if self.lang == "ar":
            return normalize_ar(text)
        if self.lang == "vi":
            return normalize_vi(text, fold=self.fold, casefold=casefold)
        return normalize_en(text, fold=self.fold, casefold=casefold)

    def _shadow(self, text: str, cased: Cased) -> str:
        return shadow_text(text, cased, lower=self.lang == "ar")

    def add(
        self, form: str, key: Hashable, role: str = "preferred", case_sensitive: bool = False
    ) -> None:
        """Adds a form.

        Args:
            form: The term as written in the glossary.
            key: The payload reported with each match (e.g. the entry id).
            role: ``"preferred"``, ``"variant"`` or ``"forbidden"``.
            case_sensitive: Match Latin letters with their case (codes like VNeID).
                An acronym (:func:`is_acronym`) is matched with its case anyway.

        Raises:
            InputError: If the role is unknown or the form has no word character.
        """
        if role not in _ROLE_RANK:
            raise InputError(f"unknown role {role!r}", hint=f"use one of: {', '.join(ROLES)}")
        case_sensitive = case_sensitive or is_acronym(form)
        norm = " ".join(self._normalize(form).text.split())
        kept: list[str] = [norm] if self.lang == "ar" else []  # Arabic keeps the case

        def cased() -> str:  # the form with its case, normalized only when needed
            if not kept:
                kept.append(" ".join(self._normalize(form, casefold=False).text.split()))
            return kept[0]

        full = self._shadow(norm, lambda start, end: cased()[start:end])
        lead = len(full) - len(full.lstrip(" "))
        stop = len(full.rstrip(" "))
        shadow = full[lead:stop]
        if not shadow:
            raise InputError(f"form {form!r} has no word to match", hint="give a non-empty term")
        exact = ""
        # The shadow only turns characters into spaces: more spaces, punctuation inside.
        punct_inside = shadow.count(" ") != norm.count(" ", lead, stop)
        if case_sensitive or punct_inside:
            exact = cased()[lead:stop] if case_sensitive else lower_1to1(norm[lead:stop])
        # Punctuation at the edges (C++, U.S.) is not part of a match, but the text must have it.
        record = _Record(form, key, role, case_sensitive, exact, norm[:lead], norm[stop:])
        kind = _PLAIN
        if self.lang == "ar" and shadow.startswith("ال") and len(shadow.split(" ")[0]) > 3:
            kind = _ARTICLE
            lam = "لل" + shadow[2:] + " "
            self._keys.setdefault(lam, []).append(record)
            self._kinds[lam] = _LAM_ARTICLE
            if shadow[2] == "ل":
                lam = "ل" + shadow[2:] + " "
                self._keys.setdefault(lam, []).append(record)
                self._kinds[lam] = _LAM_STEM
        self._keys.setdefault(shadow + " ", []).append(record)
        self._kinds[shadow + " "] = kind
        self._count += 1
        self._automaton = None

    def build(self) -> None:
        """Builds the automaton (``find`` does it on first use after ``add``)."""
        import ahocorasick

        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        slots: list[_Slot] = []
        maxlen = 0
        for skey, records in self._keys.items():
            # A form with edge punctuation (C++) goes before one without (C) of its key.
            ranked = tuple(sorted(records, key=lambda r: (-len(r.before) - len(r.after),
                                                          _ROLE_RANK[r.role])))
            verify = any(r.exact or r.before or r.after for r in ranked)
            kind = self._kinds[skey]
            skip = int(kind in (_LAM_ARTICLE, _LAM_STEM))
            length = len(skey) - 1
            # Bounded key: a space on both sides of the form.
            slots.append((length, kind, verify, ranked, skip, False))
            automaton.add_word(skey[::-1] + " ", len(slots) - 1)
            if self.lang == "ar":
                # Clitic keys: the form right after the last letter of a proclitic.
                slots.append((length, kind, verify, ranked, skip, True))
                for letter in _LAST_CLITIC_LETTERS[kind]:
                    automaton.add_word(skey[::-1] + letter, len(slots) - 1)
            maxlen = max(maxlen, len(skey) + 1)
        if slots:
            automaton.make_automaton()
        self._automaton = automaton
        self._slots = slots
        self._maxlen = maxlen
        # Fast: a bounded hit that needs no verification and no skip is a match as it is.
        self._fast = [not slot[5] and not slot[2] and not slot[4] for slot in slots]

    @classmethod
    def from_entries(
        cls,
        entries: Iterable[Entry],
        lang: str,
        *,
        statuses: Sequence[str] = ("approved",),
        roles: Sequence[str] = ("preferred", "variant"),
        fold: bool = False,
    ) -> Matcher:
        """Builds a matcher from glossary entries; each match's key is the entry id.

        Args:
            entries: The entries.
            lang: Which language's forms to match.
            statuses: Only entries with one of these statuses are added.
            roles: Which forms to add: ``preferred``, ``variant``, ``forbidden``.
            fold: See :class:`Matcher`.

        Returns:
            The matcher, built.

        Raises:
            InputError: If ``lang`` or a role is not supported.
        """
        unknown = [r for r in roles if r not in _ROLE_RANK]
        if unknown:
            raise InputError(f"unknown role {unknown[0]!r}", hint=f"use: {', '.join(ROLES)}")
        matcher = cls(lang, fold=fold)
        for entry in entries:
            if entry.status not in statuses or lang not in entry.forms:
                continue
            forms = entry.forms[lang]
            by_role = {
                "preferred": [forms.preferred] if forms.preferred else [],
                "variant": forms.variants,
                "forbidden": forms.forbidden,
            }
            for role in roles:
                for form in by_role[role]:
                    if form.strip():
                        matcher.add(form, entry.id, role, entry.case_sensitive)
        matcher.build()
        return matcher

    # ------------------------------------------------------------ searching

    def find_spans(self, text: str) -> tuple[Normalized, list[tuple[int, int, int, int]]]:
        """Finds matches without building :class:`Match` objects (the fast core).

        Args:
            text: The text to search.

        Returns:
            The normalized text and, sorted by start, ``(prefix_start, start, end,
            slot)`` with offsets in the normalized text; :meth:`find` turns them
            into matches.
        """
        if self._automaton is None:
            self.build()
        norm = self._normalize(text)
        if not self._slots or not norm.text:
            return norm, []
        shadow = " " + self._shadow(norm.text, original_slicer(norm)) + " "
        rev = shadow[::-1]
        base = len(shadow) - 1  # rev index e <-> shadow index base - e
        # Hits come by rev end, i.e. by start descending, longest first for one
        # end: the first hit of each end is the candidate. A hit at rev end e
        # starts its form at normalized offset base - e (the shadow has one
        # leading space more than the normalized text).
        last = -1
        firsts = [(e, v) for e, v in self._automaton.iter(rev) if e != last and (last := e) >= 0]
        slots = self._slots
        fast = self._fast
        out: list[tuple[int, int, int, int]] = []
        append = out.append
        frontier = -1  # end of the last match; the next word starts after a space
        for e, v in reversed(firsts):
            n = base - e
            if fast[v]:
                if n > frontier:
                    frontier = n + slots[v][0]
                    append((n, n, frontier, v))
                continue
            # A clitic key's match starts one or two letters before n.
            if n - slots[v][5] <= frontier:
                continue
            found = self._resolve(shadow, rev, norm, e, n, v)
            if found is not None and found[0] > frontier:
                frontier = found[2]
                append(found)
        return norm, out

    def _resolve(
        self, shadow: str, rev: str, norm: Normalized, e: int, n: int, first: int
    ) -> tuple[int, int, int, int] | None:
        """The longest form ending at rev index ``e`` whose prefix and check pass.

        Args:
            shadow: The shadow text.
            rev: ``shadow`` reversed.
            norm: The normalized text.
            e: The rev index where the hits end.
            n: The normalized offset where their forms start.
            first: The first (longest) hit's slot.

        Returns:
            ``(prefix_start, start, end, slot)``, or None.
        """
        prefix_start, prefix = n, ""
        if self._slots[first][5]:
            # A clitic key: the proclitic is one or two letters after a space.
            before = shadow[n - 1]  # the letter before the clitic key's last letter
            if before == " ":
                prefix_start, prefix = n - 1, shadow[n]
            elif before in _CLITIC_LETTERS and shadow[n - 2] == " ":
                prefix_start, prefix = n - 2, shadow[n - 1 : n + 1]
            else:
                return None
        candidates = [first]
        low = max(0, e - self._maxlen)
        for e2, v2 in self._automaton.iter(rev[low : e + 1]):
            if e2 + low == e and v2 != first:
                candidates.append(v2)
        candidates.sort(key=lambda v: -self._slots[v][0])
        for v in candidates:
            length, kind, verify, _, skip, _ = self._slots[v]
            if prefix not in _ALLOWED_PREFIXES[kind]:
                continue
            if not verify or self._verify(norm, n + skip, n + length, v) is not None:
                return prefix_start, n + skip, n + length, v
        return None

    def _verify(self, norm: Normalized, start: int, end: int, slot: int) -> _Record | None:
        """The first record of ``slot`` whose edge punctuation and exact form
        (punctuation inside, case) the text has."""
        records, elided = self._slots[slot][3], _ELIDED[self._slots[slot][1]]
        surface = folded = ""
        text = norm.text
        for record in records:
            before, after = record.before, record.after
            if before and (start < len(before) or text[start - len(before) : start] != before):
                continue
            if after and text[end : end + len(after)] != after:
                continue
            if not record.exact:
                return record
            if not surface:
                o_start, o_end = norm.span_to_original(start, end)
                raw = self._normalize(norm.original[o_start:o_end], casefold=False).text
                surface = elided + " ".join(raw.split())
                folded = lower_1to1(surface)
            if (surface if record.case_sensitive else folded) == record.exact:
                return record
        return None

    def find(self, text: str) -> list[Match]:
        """Finds all glossary forms in ``text``.

        Args:
            text: The text to search.

        Returns:
            Leftmost-longest, non-overlapping matches sorted by start, with
            offsets in ``text``.
        """
        norm, spans = self.find_spans(text)
        lang = self.lang
        slots = self._slots
        mapped = norm.spans_to_original_many((start, end) for _, start, end, _ in spans)
        matches: list[Match] = []
        append = matches.append
        make = _tuple_new  # Match(...) without the Python-level __new__: 3x faster
        for (prefix, start, end, v), (o_start, o_end) in zip(spans, mapped, strict=True):
            slot = slots[v]
            record = slot[3][0] if not slot[2] else self._verify(norm, start, end, v)
            if record is None:  # pragma: no cover - find_spans verified it
                continue
            if prefix == start:
                o_prefix, clitic = o_start, ""
            else:
                o_prefix = norm.to_original(prefix)
                clitic = _clitic_text(text[o_prefix:o_start])
            append(make(Match, (record.key, lang, o_start, o_end, text[o_start:o_end],
                                record.form, record.role, clitic, o_prefix, _ELIDED[slot[1]])))
        return matches


_tuple_new = tuple.__new__


def _clitic_text(raw: str) -> str:
    """The clitic letters of an original prefix, without diacritics or tatweel."""
    return normalize_ar(raw, match=False).text
