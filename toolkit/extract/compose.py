"""Vietnamese and English drafts of term candidates, composed from word translations.

The words come from words.tsv (:func:`toolkit.extract.data.word_senses`); a term is
composed only when its shape tells how the words bind, from the surface form alone:

* ``noun+ adjective*``: a chain of genitives (نظام إدارة الوثائق), then adjectives
  (السجلات الطبية الإلكترونية). Every noun but the last is in the construct state
  (no article), every adjective has the definiteness of the last noun and agrees
  in gender and number with a noun of the chain, the adjectives of a later noun
  first (مركز البيانات الوطني: الوطني is masculine like مركز; مؤشر التحول الرقمي:
  الرقمي goes with التحول). Vietnamese keeps the Arabic order and English reverses
  it: which noun an adjective qualifies changes neither (national data centre,
  digital transformation index).
* ``head noun+ adjective*``: an institution head (وزارة) and its field: English
  "Ministry of …", Vietnamese "Bộ …" with the field capitalized; the title of a law
  (قانون البيانات: Luật Dữ liệu, Law on Data) reads the same way. An adjective
  must agree with the field and not with the head, else it is not decided.
* coordinations (the candidate's last word came with و): ``noun وnoun``,
  ``noun adjective وadjective`` and ``head noun وnoun`` (وزارة العلوم
  والتكنولوجيا); a fixed coordination of the table (صناعة والتجارة) reads as one word.
  A list of three (two words with و in the form): ``noun وnoun وnoun`` and ``head noun
  وnoun وnoun`` (وزارة الثقافة والرياضة والسياحة: Bộ Văn hóa, Thể thao và Du lịch).

* ``noun preposition object``: a noun with the preposition it governs (governed.tsv)
  and its object, composed on its own: الحد من الفقر → giảm nghèo, reduction of poverty.

Anything else is left empty for review: a wrong draft is worse than none. So is a
fragment: a candidate seen only as the start of a longer one (وزارة الصناعة inside
وزارة الصناعة والتجارة, مؤشر التحول inside مؤشر التحول الرقمي) is a piece of a name,
not a name; :func:`fragment` tells it from the counts of the longer candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from toolkit.extract.candidates import governed_positions
from toolkit.extract.data import WordSense, governed_prepositions, word_senses
from toolkit.extract.tokenize import ARTICLE, CONJUNCTIONS, lam_object, light_ar, split_clitic

__all__ = ["compose_translation", "conjunctions", "definiteness", "fragment",
           "longest_extensions"]

#: At most this many nouns (a head included) and adjectives in a composed term.
_MAX_NOUNS, _MAX_ADJECTIVES, _MAX_UNITS = 3, 2, 4
#: English words left in lower case in an institution name.
_MINOR_EN = frozenset({"and", "of", "for", "the", "in", "on", "to"})


@dataclass(frozen=True)
class _Unit:
    """A word sense found in a key, and the key words it covers."""

    sense: WordSense
    start: int
    end: int


def compose_translation(key: Sequence[str], *, coordinated: bool = False,
                        form: str = "") -> tuple[str, str]:
    """Composes Vietnamese and English for regular term shapes (see the module doc).

    Args:
        key: Article-free folded words of the term.
        coordinated: Whether the last word was coordinated by و (the key drops it).
        form: The surface form (first word without clitics), to read each word's
            article; without it, definiteness is not checked.

    Returns:
        ``(vi, en)``, or ``("", "")`` where a word is missing from words.tsv or
        the shape is not one of the above.
    """
    governed = governed_positions(key)
    if governed:
        return _compose_governed(key, governed, coordinated, form)
    units = _units(key, coordinated)
    if not units:
        return "", ""
    definite = definiteness(form, len(key))
    if coordinated and not units[-1].sense.coordinated:
        return _compose_coordinated(units, definite, 3 if conjunctions(form) == 2 else 2)
    return _compose_plain(units, definite)


def _compose_governed(key: Sequence[str], governed: Sequence[int], coordinated: bool,
                      form: str) -> tuple[str, str]:
    """A noun, the preposition it governs and the object (الحد من الفقر): the pair's
    rendering (governed.tsv) before the object's, composed as a term of its own. English
    is left empty when the object ends with an adjective of the noun's gender, which may
    qualify either (الحد من الفقر المستدام: giảm nghèo bền vững, but sustainable poverty
    reduction, not reduction of sustainable poverty)."""
    if list(governed) != [1]:
        return "", ""
    pair = governed_prepositions().get((key[0], key[1]))
    words = form.split()
    if pair is None or not pair.vi or (form and len(words) != len(key)):
        return "", ""
    vi, en = compose_translation(key[2:], coordinated=coordinated,
                                 form=" ".join(words[2:]))
    if not vi:
        return "", ""
    last = word_senses().get((key[-1],))
    if last is not None and last.pos == "adj" and len(key) > 3 and (
            last.agr == "*" or (last.agr == "f") == key[0].endswith("\u0647")):
        en = ""
    return f"{pair.vi} {vi}", f"{pair.en} {en}" if en else ""


def conjunctions(form: str) -> int:
    """How many words after the first of an Arabic form carry the conjunction و or ف
    (وزارة الثقافة والرياضة والسياحة: 2; البنية التحتية للبيانات: 0).

    Args:
        form: An Arabic form (0 for an empty one).

    Returns:
        The number of coordinated words.
    """
    return sum(1 for word in form.split()[1:]
               if split_clitic(light_ar(word))[0].startswith(CONJUNCTIONS))


def longest_extensions(counts: Iterable[tuple[tuple[str, ...], int, bool]]
                       ) -> dict[tuple[str, ...], int]:
    """The count of each key's most frequent one-word-longer extension that continues
    it as one name (see :func:`_continues`); the object of ل + the article does not
    (الإسكان الاجتماعي | للعمال: the words before it are a whole term).

    Args:
        counts: ``(key, count, coordinated)`` of every counted candidate; a coordinated
            last word is keyed without its و, so وزارة الصناعة والتجارة extends وزارة
            الصناعة.

    Returns:
        Key → the largest count of such a candidate that is the key plus one word.
    """
    longest: dict[tuple[str, ...], int] = {}
    for key, count, coordinated in counts:
        if len(key) > 1 and not lam_object(key) and _continues(key, coordinated):
            start = key[:-1]
            longest[start] = max(longest.get(start, 0), count)
    return longest


def _continues(key: Sequence[str], coordinated: bool) -> bool:
    """Whether the last word of a key continues the words before it as one name.

    After a noun, an adjective or a genitive does (مؤشر التحول + الرقمي, قاعدة بيانات +
    السكان), and so does a coordinated noun in an institution's field (وزارة الصناعة +
    والتجارة); after an adjective, a coordinated adjective does (الشركات الصغيرة +
    والمتوسطة), and a known noun after a noun of two words (البنية التحتية +
    للاتصالات). A list (البيانات الضخمة والحوسبة) or a further adjective of a whole
    phrase (الهجمات الإلكترونية المتطورة) does not.
    """
    senses = word_senses()
    pair = senses.get(tuple(key[-2:]))
    if coordinated and pair is not None and pair.coordinated:
        return True  # a fixed coordination of the table (صغيرة والمتوسطة)
    adjective = _adjective_word(key[-1])
    if _adjective_word(key[-2]):
        if coordinated:
            return adjective
        # a further adjective qualifies the whole phrase (البنية التحتية الرقمية); a
        # known noun continues a noun of two words (البنية التحتية + للاتصالات)
        last = senses.get((key[-1],))
        return (last is not None and last.pos in ("noun", "head")
                and not _ends_in_adjective(key[:-1]))
    if not coordinated:
        return True
    head = senses.get((key[0],))
    return not adjective and head is not None and head.pos == "head"


def _ends_in_adjective(words: Sequence[str]) -> bool:
    """Whether words end in an adjective: not in an entry of two words or more that
    is a noun (بنية تحتية ends in a noun)."""
    senses = word_senses()
    for size in range(len(words), 1, -1):
        sense = senses.get(tuple(words[-size:]))
        if sense is not None and not sense.coordinated:
            return sense.pos == "adj"
    return _adjective_word(words[-1])


def _adjective_word(word: str) -> bool:
    """A word key that words.tsv gives as an adjective, or an unknown one that ends
    in the nisba ـي/ـية (folded ـيه)."""
    sense = word_senses().get((word,))
    if sense is not None:
        return sense.pos == "adj"
    return word.endswith(("\u064a", "\u064a\u0647"))


def fragment(keys: Iterable[tuple[str, ...]], count: int,
             longest: Mapping[tuple[str, ...], int]) -> bool:
    """Whether a multiword candidate is never seen alone: its keys' one-word-longer
    extensions (see :func:`longest_extensions`) are together seen as often as it is.
    A single word is never a fragment here: it is counted only with the article,
    its extensions also without it (تحول رقمي).

    Args:
        keys: The candidate's keys (its own and the other numbers merged into it).
        count: How often the candidate was seen.
        longest: The result of :func:`longest_extensions`.

    Returns:
        ``True`` for a fragment, which gets no composed draft.
    """
    distinct = set(keys)
    if count <= 0 or not distinct or min(map(len, distinct)) < 2:
        return False
    return sum(longest.get(key, 0) for key in distinct) >= count


def definiteness(form: str, words: int) -> list[bool] | None:
    """Whether each word of a surface form has the article (after its proclitics).

    Args:
        form: A surface form (its first word without clitics); may be empty.
        words: The number of words of its key.

    Returns:
        One flag per word, or ``None`` when the form is empty or has another
        number of words than the key.
    """
    parts = form.split()
    if not parts or len(parts) != words:
        return None
    return [split_clitic(light_ar(word))[1].startswith(ARTICLE) for word in parts]


def _units(key: Sequence[str], coordinated: bool) -> list[_Unit]:
    """The word senses of a key, longest entries first; empty if a word is unknown
    or has no translation of its own (عامة).

    A fixed coordination of the table (صناعة والتجارة) is only taken at the end
    of a coordinated key.
    """
    senses = word_senses()
    longest = max(map(len, senses), default=1)  # the longest entry, in words
    units: list[_Unit] = []
    i = 0
    while i < len(key):
        for size in range(min(longest, len(key) - i), 0, -1):
            sense = senses.get(tuple(key[i:i + size]))
            if sense is not None and sense.vi and (not sense.coordinated
                                      or (coordinated and i + size == len(key))):
                units.append(_Unit(sense, i, i + size))
                i += size
                break
        else:
            return []
    return units


def _definite(unit: _Unit, definite: list[bool] | None) -> bool | None:
    """The definiteness of a unit (that of its last word); ``None`` if unknown."""
    return None if definite is None else definite[unit.end - 1]


def _construct(unit: _Unit, definite: list[bool] | None) -> bool:
    """Whether a unit can govern a genitive: none of its words has the article."""
    return definite is None or not any(definite[unit.start:unit.end])


def _agreeing(adjectives: Sequence[_Unit], nouns: Sequence[_Unit]) -> bool:
    """Whether each adjective agrees with a noun, the adjectives of later nouns first
    (greedy from the last noun: the one that leaves the most nouns to the others)."""
    at = len(nouns) - 1
    for adj in adjectives:
        if adj.sense.agr == "*":
            continue
        while at >= 0 and nouns[at].sense.agr not in (adj.sense.agr, "*"):
            at -= 1
        if at < 0:
            return False
    return True


def _chain(units: Sequence[_Unit], definite: list[bool] | None) -> tuple[str, str]:
    """``noun+ adjective*`` without a head; ``("", "")`` if the shape does not hold."""
    count = next((i for i, u in enumerate(units) if u.sense.pos != "noun"), len(units))
    nouns, adjectives = units[:count], units[count:]
    if (not nouns or len(nouns) > _MAX_NOUNS or len(adjectives) > _MAX_ADJECTIVES
            or len(units) > _MAX_UNITS or any(u.sense.pos != "adj" for u in adjectives)):
        return "", ""
    if not all(_construct(u, definite) for u in nouns[:-1]):
        return "", ""
    phrase = _definite(nouns[-1], definite)
    if any(_definite(a, definite) != phrase for a in adjectives if a.sense.agr != "*"):
        return "", ""
    if not _agreeing(adjectives, nouns):
        return "", ""
    # English ends with the first noun; a later one qualifies it: sector data
    english = [u.sense.en_modifier or u.sense.en if u in nouns[1:] else u.sense.en
               for u in reversed(units)]
    return " ".join(u.sense.vi for u in units), " ".join(english)


def _compose_plain(units: Sequence[_Unit], definite: list[bool] | None) -> tuple[str, str]:
    """A chain, or a head and its field; a lone head is a common noun (bộ, ministry:
    its English without the preposition)."""
    head = units[0].sense
    if head.pos == "adj":
        return "", ""
    if head.pos != "head":
        return _chain(units, definite)
    if len(units) == 1:
        return head.vi.lower(), " ".join(head.en.split()[:-1]).lower()
    field = units[1:]
    if (field[0].sense.pos != "noun" or not _construct(units[0], definite)
            or any(u.sense.pos == "adj" and u.sense.agr in (head.agr, "*") for u in field)):
        return "", ""
    vi, en = _chain(field, definite)
    return (f"{head.vi} {_capital(vi)}", f"{head.en} {_title(en)}") if vi else ("", "")


def _compose_coordinated(units: Sequence[_Unit], definite: list[bool] | None, items: int
                         ) -> tuple[str, str]:
    """``noun وnoun``, ``noun adjective وadjective`` and ``head noun وnoun``, or with
    ``items`` 3 a list of three: ``noun وnoun وnoun`` and ``head noun وnoun وnoun``."""
    pos = [u.sense.pos for u in units]
    same = definite is None or len({_definite(u, definite) for u in units[-items:]}) == 1
    if not same:
        return "", ""
    if pos == ["noun"] * items:
        return (_listed([u.sense.vi for u in units], "và"),
                _listed([u.sense.en for u in units], "and"))
    if items == 2 and pos == ["noun", "adj", "adj"]:
        noun, first, second = (u.sense for u in units)
        if (_definite(units[0], definite) != _definite(units[1], definite)
                or not _agreeing(units[1:], units[:1])):
            return "", ""
        return (f"{noun.vi} {first.vi} và {second.vi}",
                f"{first.en} and {second.en} {noun.en}")
    if pos == ["head", *["noun"] * items] and _construct(units[0], definite):
        head, fields = units[0].sense, [u.sense for u in units[1:]]
        return (f"{head.vi} " + _listed([_capital(f.vi) for f in fields], "và"),
                f"{head.en} " + _listed([_title(f.en) for f in fields], "and"))
    return "", ""


def _listed(items: Sequence[str], conjunction: str) -> str:
    """``A và B``, ``A, B và C`` (Vietnamese) or ``A and B``, ``A, B and C`` (English)."""
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _capital(text: str) -> str:
    """Vietnamese: the first letter of a field in an institution name is capitalized."""
    return text[:1].upper() + text[1:]


def _title(text: str) -> str:
    """English: the words of an institution name are capitalized, but and/of …"""
    return " ".join(w if w in _MINOR_EN else w[:1].upper() + w[1:] for w in text.split())
