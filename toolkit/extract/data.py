"""The data tables of extraction (toolkit/data/extract/), each read by one function.

Every table is plain text written for avet; see toolkit/data/extract/README.md
for sources and methods. Results are cached: the tables are read once per process,
and are read-only (tuples, frozensets, mappings that cannot be changed) since every
caller shares them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from glossary.errors import FormatError
from toolkit.extract.tokenize import ARTICLE, fold_ar, light_ar, term_word_key

__all__ = [
    "Cue",
    "Governed",
    "WordSense",
    "clitic_prefixes",
    "connectors",
    "copulas",
    "cue_forms",
    "cue_words",
    "cues",
    "deictic_nouns",
    "expressions",
    "governed_prepositions",
    "letter_names",
    "light_heads",
    "modifier_keys",
    "modifier_phrases",
    "person_words",
    "place_cue_words",
    "preposition_nouns",
    "reference_frequencies",
    "stopwords",
    "surnames",
    "term_heads",
    "time_adjectives",
    "time_nouns",
    "title_words",
    "word_senses",
    "written_words",
]

_fold = fold_ar
#: Where the tables live.
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "extract"


def _rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    """Reads a table: skips blanks and ``#`` comments, splits on tabs, checks the width."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < columns:
            raise FormatError(f"expected {columns} tab-separated columns, got {len(cells)}",
                              path=f"toolkit/data/extract/{name}", line=number,
                              hint="fix the data file")
        rows.append((number, cells))
    return rows


@dataclass(frozen=True)
class Cue:
    """A cue word: ``words`` (folded, in order), the kind it implies, its position, and
    whether an organisation's own name follows it (``own``: شركة، مجموعة)."""

    words: tuple[str, ...]
    kind: str
    position: str
    own: bool = False


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """Returns the cue words of cues.tsv, longest first."""
    found = [Cue(tuple(_fold(w) for w in cells[0].split()), cells[1], cells[2],
                 cells[3:4] == ["own"]) for _, cells in _rows("cues.tsv", 3)]
    return tuple(sorted(found, key=lambda c: -len(c.words)))


@lru_cache(maxsize=1)
def cue_forms() -> frozenset[str]:
    """Returns the one-word cues of cues.tsv, folded as written (article kept): an Arabic
    word, never part of a name, and the word a glossary name after a cue gives way to."""
    return frozenset(c.words[0] for c in cues() if len(c.words) == 1)


@lru_cache(maxsize=1)
def place_cue_words() -> frozenset[str]:
    """Returns the one-word place cues of cues.tsv (مدينة، مقاطعة، حديقة …) as
    article-free term keys: nouns that name where something is."""
    return frozenset(term_word_key(c.words[0]) for c in cues()
                     if len(c.words) == 1 and c.kind == "place")


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Returns the one-word cues of cues.tsv as article-free term keys (مقاطعة، بلدية،
    جامعة، الوزير …): generic nouns that classify or title names."""
    return frozenset(term_word_key(c.words[0]) for c in cues() if len(c.words) == 1)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Returns the one-word person cues written before a name (السيد، السيدة، الوزير …)
    as article-free term keys: a phrase that ends with one is cut before a name."""
    return frozenset(term_word_key(c.words[0]) for c in cues()
                     if len(c.words) == 1 and c.kind == "person" and c.position == "before")


@lru_cache(maxsize=1)
def person_words() -> frozenset[str]:
    """Returns the one-word person cues of cues.tsv, before or after a name (السيد،
    الوزير، مدير، نائب، سكرتير …), as article-free term keys: nouns that name a person by
    the post, whose complement is the whole phrase after them (مديرة تعاونية البن)."""
    return frozenset(term_word_key(c.words[0]) for c in cues()
                     if len(c.words) == 1 and c.kind == "person")


@lru_cache(maxsize=1)
def clitic_prefixes() -> tuple[tuple[str, bool], ...]:
    """Returns the proclitic prefixes of clitics.tsv, longest first, with their article flag."""
    found = [(_fold(cells[0]), cells[1] == "yes") for _, cells in _rows("clitics.tsv", 2)]
    return tuple(sorted(found, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Returns the folded stopwords of stopwords.txt (single words only)."""
    return frozenset(_fold(cells[0]) for _, cells in _rows("stopwords.txt", 1)
                     if " " not in cells[0])


@lru_cache(maxsize=1)
def expressions() -> frozenset[tuple[str, str]]:
    """Returns the folded word pairs of expressions.txt (آن الأوان): a name never ends
    with the first word when the second follows it."""
    pairs = (cells[0].split() for _, cells in _rows("expressions.txt", 1))
    return frozenset((_fold(p[0]), _fold(p[1])) for p in pairs if len(p) == 2)


@lru_cache(maxsize=1)
def connectors() -> frozenset[str]:
    """Returns the folded function words allowed inside a term (connectors.txt)."""
    return frozenset(_fold(cells[0]) for _, cells in _rows("connectors.txt", 1))


@dataclass(frozen=True)
class Governed:
    """A word of governed.tsv that governs a preposition inside a term (الحد من):
    whether it may start a term (a noun may; a participle, القريبة من, qualifies the noun
    before it), and the Vietnamese and English of the word with its preposition, empty
    where the rendering depends on the object (الحفاظ على)."""

    starts: bool
    vi: str = ""
    en: str = ""


@lru_cache(maxsize=1)
def governed_prepositions() -> Mapping[tuple[str, str], Governed]:
    """Returns the words that govern a preposition inside a term (الحد من، التكيف مع:
    governed.tsv), each keyed ``(word key, folded preposition)``, the word keyed as term
    candidates are (article-free, folded)."""
    return MappingProxyType({
        (term_word_key(cells[0]), _fold(cells[1])):
            Governed(cells[2] == "noun", *(cells[3:5] if len(cells) >= 5 else ()))
        for _, cells in _rows("governed.tsv", 3)})


@lru_cache(maxsize=1)
def modifier_phrases() -> frozenset[tuple[str, ...]]:
    """Returns the fixed phrases that may end a term as an adjective does (التعليم عن
    بعد: modifiers.txt), each as its folded words."""
    return frozenset(tuple(_fold(w) for w in cells[0].split())
                     for _, cells in _rows("modifiers.txt", 1))


@lru_cache(maxsize=1)
def modifier_keys() -> frozenset[tuple[str, ...]]:
    """Returns the phrases of :func:`modifier_phrases` keyed as term candidates are
    (article-free folded words: عن بعد، وقت حقيقي)."""
    return frozenset(tuple(term_word_key(w) for w in phrase) for phrase in modifier_phrases())


@lru_cache(maxsize=1)
def prepositions() -> frozenset[str]:
    """Returns the folded prepositions that never bridge into a name (prepositions.txt)."""
    return frozenset(_fold(cells[0]) for _, cells in _rows("prepositions.txt", 1))


@lru_cache(maxsize=1)
def copulas() -> frozenset[str]:
    """Returns the folded pronouns and verbs that link a subject to its predicate
    (copulas.txt: هو، هي، كان …), which never end a name before an adjective."""
    return frozenset(_fold(cells[0]) for _, cells in _rows("copulas.txt", 1))


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    """Returns the Arabic function words written with a hamza on the alef (particles.tsv),
    as written, diacritics removed: أن ("that") is no syllable, though the folded key
    reads it as the آن of لونغ آن (Long An)."""
    from glossary.normalize import normalize_ar

    return frozenset(normalize_ar(cells[0], match=False).text
                     for _, cells in _rows("particles.tsv", 2))


@lru_cache(maxsize=1)
def written_words() -> frozenset[str]:
    """Returns the stopwords and reference words as written (diacritics removed, letters
    not folded, article dropped unless article_words.txt says it belongs to the word), so
    أن and آن, فإن and فان stay apart."""
    from glossary.normalize import normalize_ar

    bound = {normalize_ar(cells[0], match=False).text for _, cells in _rows("article_words.txt", 1)}
    words: set[str] = set()
    for name in ("stopwords.txt", "reference_words.txt"):
        for _, cells in _rows(name, 1):
            if " " not in cells[0]:
                raw = normalize_ar(cells[0], match=False).text
                # The reference list counts words without the article (السيد: سيد), but
                # some words own their ال (article_words.txt): التي is not ال + تي (Thị).
                if (name != "stopwords.txt" and raw not in bound
                        and raw.startswith("\u0627\u0644") and len(raw) >= 4):
                    raw = raw[2:]
                words.add(raw)
    return frozenset(words)


@lru_cache(maxsize=1)
def light_heads() -> frozenset[str]:
    """Returns light_heads.txt: article-free folded action nouns that head phrases."""
    return frozenset(term_word_key(light_ar(cells[0])) for _, cells in _rows("light_heads.txt", 1))


@lru_cache(maxsize=1)
def preposition_nouns() -> frozenset[str]:
    """Returns preposition_nouns.txt: article-free folded nouns that make a compound
    preposition behind a bare ب or ل (بفضل، بقيمة، لصالح)."""
    return frozenset(term_word_key(light_ar(cells[0]))
                     for _, cells in _rows("preposition_nouns.txt", 1))


@lru_cache(maxsize=1)
def term_heads() -> frozenset[str]:
    """Returns term_heads.txt: article-free folded head nouns of institution names."""
    return frozenset(term_word_key(light_ar(cells[0])) for _, cells in _rows("term_heads.txt", 1))


@lru_cache(maxsize=1)
def time_nouns() -> frozenset[str]:
    """Returns time_nouns.txt: article-free term keys of nouns of time (عام، أسبوع) that
    follow a phrase as an adverb (العام الماضي "last year"), never as its genitive."""
    return frozenset(term_word_key(light_ar(cells[0])) for _, cells in _rows("time_nouns.txt", 1))


@lru_cache(maxsize=1)
def time_adjectives() -> frozenset[str]:
    """Returns time_adjectives.txt: article-free term keys of the adjectives (ماضي، مقبل)
    that make a noun of time an adverb (العام الماضي), which no term holds."""
    return frozenset(term_word_key(light_ar(cells[0]))
                     for _, cells in _rows("time_adjectives.txt", 1))


@lru_cache(maxsize=1)
def deictic_nouns() -> frozenset[str]:
    """Returns deictic_nouns.tsv: article-free folded administrative nouns (مقاطعة،
    مدينة …) that news prose uses with the article for "this province", "this city"."""
    return frozenset(term_word_key(light_ar(cells[0]))
                     for _, cells in _rows("deictic_nouns.tsv", 2))


#: Zipf model of the reference list: frequency per million of the word at rank r.
_ZIPF_C, _ZIPF_S, _ZIPF_OFFSET = 60000.0, 1.0, 2.7


@lru_cache(maxsize=1)
def reference_frequencies() -> Mapping[str, float]:
    """Returns the general-Arabic reference list: article-free folded word → per million.

    The list holds surface words in rank order; a word's frequency is estimated
    from its rank with a Zipf law (see README.md), and forms that fold to the
    same key (with and without the article) add up. A line ``#rank N`` makes the
    following words continue from rank N (a band added later).
    """
    freq: dict[str, float] = {}
    seen: set[str] = set()
    rank = 0
    text = (DATA_DIR / "reference_words.txt").read_text(encoding="utf-8")
    bands = {line.split()[1]: n for n, line in enumerate(text.splitlines())
             if line.startswith("#rank ")}
    band_rank = {int(v): int(k) for k, v in bands.items()}
    for number, line in enumerate(text.splitlines()):
        if number in band_rank:
            rank = band_rank[number] - 1
        if not line.strip() or line.startswith("#"):
            continue
        cells = [line.strip()]
        word = light_ar(cells[0])
        if word in seen:
            continue
        seen.add(word)
        rank += 1
        key = term_word_key(word)
        freq[key] = freq.get(key, 0.0) + _ZIPF_C / math.pow(rank + _ZIPF_OFFSET, _ZIPF_S)
    return MappingProxyType(freq)


@dataclass(frozen=True)
class WordSense:
    """A regular word translation for composing term translations.

    ``pos`` is ``noun``, ``adj`` or ``head`` (a noun heading institution names:
    وزارة, قانون); ``ar`` may hold up to four words (بنية تحتية). ``agr`` is the gender
    and number an adjective shows or a noun takes: ``m``, ``f`` (the plurals of
    things too), ``pl`` (masculine plural of persons) or ``*`` (invariant).
    ``coordinated``: its last word came with و (صناعة والتجارة), so it is only
    read at the end of a coordinated candidate. ``vi`` and ``en`` are empty for a
    word known only for its part of speech (عامة: public or general, by its noun),
    which is translated only inside the longer entries that fix it (خدمة عامة).
    ``en_modifier``: a plural noun's English before another noun (sector data, not
    sectors data); empty where it stays as ``en``.
    """

    ar: tuple[str, ...]
    pos: str
    vi: str
    en: str
    agr: str = ""
    coordinated: bool = False
    en_modifier: str = ""


#: The values of the pos and agreement columns of words.tsv.
_WORD_POS = ("noun", "adj", "head")
_WORD_AGREEMENT = ("m", "f", "pl", "*")


@lru_cache(maxsize=1)
def word_senses() -> Mapping[tuple[str, ...], WordSense]:
    """Returns words.tsv: article-free folded Arabic word(s) → their translation.

    A later word written with وال (صناعة والتجارة) is keyed without its و, as the
    term counter keys a coordinated word.

    Raises:
        FormatError: A row has an unknown pos or agreement.
    """
    table: dict[tuple[str, ...], WordSense] = {}
    for number, cells in _rows("words.tsv", 5):
        if cells[1] not in _WORD_POS or cells[4] not in _WORD_AGREEMENT:
            raise FormatError(f"unknown pos {cells[1]!r} or agreement {cells[4]!r}",
                              path="toolkit/data/extract/words.tsv", line=number,
                              hint=f"use a pos of {', '.join(_WORD_POS)} and an agreement "
                                   f"of {', '.join(_WORD_AGREEMENT)}")
        written = [light_ar(w) for w in cells[0].split()]
        coordinated = len(written) > 1 and written[-1].startswith("\u0648" + ARTICLE)
        if coordinated:
            written[-1] = written[-1][1:]
        words = tuple(term_word_key(w) for w in written)
        modifier = cells[5] if len(cells) > 5 else ""
        table[words] = WordSense(words, cells[1], cells[2], cells[3], cells[4], coordinated,
                                 en_modifier=modifier)
    return MappingProxyType(table)


@lru_cache(maxsize=4)
def surnames(min_share: float = 0.0) -> frozenset[str]:
    """Returns the folded Arabic spellings of Vietnamese family names (the ``ar_variants``
    of the gazetteer's surnames.tsv, read by :func:`toolkit.gazetteer.load_gazetteer`).

    Args:
        min_share: Only the family names that at least this share of people bear
            (0.01: Nguyễn … Dương).
    """
    from toolkit.gazetteer import load_gazetteer

    return frozenset(_fold(ar) for s in load_gazetteer().surnames.values()
                     if s.prior >= min_share for ar in s.ar)


@lru_cache(maxsize=1)
def letter_names() -> Mapping[str, str]:
    """Returns letters.tsv: folded Arabic spelling of a Latin letter's name → the letter."""
    return MappingProxyType({_fold(cells[0]): cells[1] for _, cells in _rows("letters.tsv", 2)})
