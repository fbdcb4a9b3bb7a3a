"""Spelling a Vietnamese name in Arabic script (vi -> ar).

The text is split into words (letter runs) and the punctuation between them, which is
kept (``,`` ``;`` ``?`` in their Arabic forms). Every word must be a Vietnamese syllable:

* written with its marks (Nguyễn, Nội), it is that syllable; the tone does not change the
  Arabic;
* written without any (Nguyen, Duc, Van) in a text without marks, or where it is no
  syllable as written, it stands for every syllable whose letters are the same once the
  marks are dropped (nguyên; đức, dức ...), weighted by how usable each is in names, and
  their Arabic spellings are mixed by those weights.

Names of the Central Highlands and the northern mountains are spelled outside these rules
(Đắk Lắk, Krông Pắc, Pleiku, Hmông, Ea H'leo). A word that is no syllable as written is
then spelled by the same onset and rhyme tables when it is well-formed Latin: a rhyme
with any coda of the table (Đắk, the syllables the ar -> vi side reads in gazetteer
names; the codas h, r, l and the onset j of minority names are written, not read: Chư
Păh, Ea Kar, Đắk Mil, Cư Jút); an onset before r, l, m, n or b (Krông, Hmông, Glei,
Kbang, Chro); several such
syllables in one word when one of them has a cluster or the word is in a gazetteer name
(Pleiku); a lone consonant before an apostrophe (H'leo, M'Đrắk).

A word that is none of these (Smith, TP, London) is an error naming it, unless the whole
text is a name with an established Arabic spelling (exonyms.tsv, the gazetteer): a
half-Latin Arabic spelling is never returned.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

from glossary.errors import InputError
from glossary.model import Candidate
from toolkit.translit.model import Model
from toolkit.translit.rules import render_syllable
from toolkit.translit.syllables import (
    Syllable,
    fold,
    generate_inventory,
    parse_syllable,
    split_tone,
)

__all__ = ["ARABIC_PUNCTUATION", "plain_index", "spell_vi", "split_words"]

#: Least probability of a syllable spelling, relative to the best, that is proposed.
VARIANT_MIN = 0.12
#: Most spellings proposed per syllable.
SPELLINGS_PER_WORD = 8
#: Weight of a syllable that no prior knows, when a word without marks may be several.
UNKNOWN_WEIGHT = 1e-4
#: Latin punctuation written in its Arabic form; other marks (- . ( ) digits) stay as they are.
ARABIC_PUNCTUATION = {",": "\u060c", ";": "\u061b", "?": "\u061f"}
#: Second consonants of the onset clusters of ethnic-minority names (Krông, Plei, Hmông,
#: Đrắk, Glei, Mnông, Kbang, Chro): one of CLUSTER_FIRSTS followed by one of these.
CLUSTER_SECONDS = ("r", "l", "m", "n", "b")
#: First consonants of those clusters (stops, h and m; not r, l, n: Berlin is no name).
CLUSTER_FIRSTS = ("ch", "b", "c", "d", "đ", "g", "h", "k", "m", "p", "t")
#: Apostrophes that join a lone consonant to the next word (H'leo, M'Đrắk); not written.
APOSTROPHES = ("'", "\u2019")

_TOKEN = re.compile(r"(\s*)([^\W\d_]+|\d+|[^\w\s]+|\S)")
#: Marks that join the words of one name (Bà Rịa-Vũng Tàu, H'leo).
_JOINERS = frozenset("-\u2010\u2011'\u2019")


def split_words(text: str) -> list[tuple[bool, str, bool]]:
    """Splits text into words and the punctuation between them.

    Args:
        text: Vietnamese text (NFC).

    Returns:
        ``(spaced, token, is_word)`` triples in order: ``spaced`` says whether white space
        came before the token, ``is_word`` whether it is a run of letters.
    """
    return [(bool(m.group(1)), m.group(2), m.group(2).isalpha())
            for m in _TOKEN.finditer(text)]


def plain_index(model: Model) -> dict[str, tuple[Syllable, ...]]:
    """Maps the letters of every untoned syllable without marks to the syllables so written.

    ``nguyen`` -> (nguyên,), ``duc`` -> (đưc, đuc, dưc, duc); every onset counts, the ones
    only written for vi -> ar (p) included.
    """
    tables = model.tables
    out: dict[str, set[Syllable]] = {}
    every = generate_inventory(["", *tables.onsets], tables.vowel_info)
    for syl in (*every, *model.inventory):
        out.setdefault(fold(syl.text), set()).add(syl)
    return {k: tuple(sorted(v, key=lambda s: s.text)) for k, v in out.items()}


def _readings(
    model: Model, word: str, plain: Mapping[str, tuple[Syllable, ...]],
    usable: Mapping[str, float], *, marked_text: bool,
) -> list[tuple[Syllable, float]]:
    """The syllables ``word`` may be, with weights summing to 1 (empty: not Vietnamese).

    A word with marks, or one without that is a syllable as written in a text that has
    marks elsewhere (Lan in Nguyễn Thị Lan), is exactly that syllable.
    """
    base = split_tone(word)[0]
    marked = fold(base) != base or word.lower() != base
    if marked or marked_text:
        syl = parse_syllable(base, model.tables.vowel_info, onsets=model.tables.onsets)
        if syl is not None or marked:
            return [(syl, 1.0)] if syl is not None else []
    options = plain.get(base, ())
    weights = [usable.get(s.text, 0.0) + UNKNOWN_WEIGHT for s in options]
    total = sum(weights)
    return [(s, w / total) for s, w in zip(options, weights, strict=True)]


def _word_spellings(model: Model, readings: Sequence[tuple[Syllable, float]], *,
                    initial: bool = True) -> list[tuple[str, float]]:
    """Arabic spellings of one word (or, ``initial`` false, of a later syllable of a word),
    mixed over its readings, rare ones dropped."""
    mixed: dict[str, float] = {}
    for syl, weight in readings:
        for ar, p in render_syllable(model.tables, syl, initial=initial, written=True):
            mixed[ar] = mixed.get(ar, 0.0) + weight * p
    ranked = sorted(mixed.items(), key=lambda kv: (-kv[1], kv[0]))
    # Rare spellings (ح for h) are readable but not worth proposing; a dropped vowel never is.
    return [(o, q) for o, q in ranked if q >= VARIANT_MIN * ranked[0][1]][:SPELLINGS_PER_WORD]


def _rule_piece(model: Model, piece: str) -> tuple[str, Syllable] | None:
    """One syllable of a name spelled outside the rules: (cluster consonant, syllable).

    Any coda of the table is accepted after any vowel (đăk, păh, mil); an onset may stand
    before a syllable starting with r, l, m, n or b (k + rông, h + mông, ch + ro).
    """
    codas = model.tables.codas
    syl = parse_syllable(piece, model.tables.vowel_info, codas, onsets=model.tables.onsets)
    if syl is not None and (syl.onset in model.tables.onsets or not syl.onset):
        return "", syl
    for first in (piece[:2], piece[:1]):
        rest_text = piece[len(first):]
        if first not in CLUSTER_FIRSTS or not rest_text.startswith(CLUSTER_SECONDS):
            continue
        rest = parse_syllable(rest_text, model.tables.vowel_info, codas,
                              onsets=model.tables.onsets)
        if rest is not None and rest.onset in model.tables.onsets:
            return first, rest
    return None


def _rule_pieces(model: Model, base: str) -> list[tuple[str, Syllable]] | None:
    """Splits a word into the fewest :func:`_rule_piece` syllables (None: not Latin-Vietnamese).

    A word of several syllables (Pleiku) is accepted only if one has a cluster or the word is
    in a gazetteer name, so that foreign words (London) stay errors.
    """
    n = len(base)
    best: list[list[tuple[str, Syllable]] | None] = [[], *([None] * n)]
    for i in range(n):
        done = best[i]
        if done is None:
            continue
        for j in range(i + 1, n + 1):
            piece = _rule_piece(model, base[i:j])
            if piece is not None:
                candidate = [*done, piece]
                known = best[j]
                if known is None or len(candidate) < len(known):
                    best[j] = candidate
    pieces = best[n]
    if not pieces:
        return None
    if len(pieces) > 1 and not any(c for c, _ in pieces) and base not in _place_words(model):
        return None
    return pieces


def _place_words(model: Model) -> frozenset[str]:
    """Untoned lower-case words of gazetteer place and organisation names."""
    return frozenset(split_tone(w)[0] for place in model.places for w in place.vi.split())


def _rule_spellings(model: Model, pieces: Sequence[tuple[str, Syllable]]
                    ) -> list[tuple[str, float]]:
    """Arabic spellings of a word spelled outside the rules, syllable by syllable, fused."""
    spelled: list[tuple[str, float]] = [("", 1.0)]
    for i, (cluster, syl) in enumerate(pieces):
        head = list(model.tables.onsets.get(cluster, ())) if cluster else [("", 1.0)]
        # A vowel inside the word has no hamza (Ayun = آيون).
        options = _word_spellings(model, [(syl, 1.0)], initial=i == 0 or bool(cluster))
        spelled = heapq.nlargest(
            SPELLINGS_PER_WORD,
            ((f"{s}{h}{o}", p * ph * q) for s, p in spelled for h, ph in head
             for o, q in options),
            key=lambda x: x[1],
        )
    top = spelled[0][1] if spelled else 0.0
    return [(o, q) for o, q in spelled if q >= VARIANT_MIN * top]


def _established(model: Model, vi: str) -> list[str]:
    """Established Arabic spellings of the whole name (exonyms, then the gazetteer).

    Written without marks, the name may also be the English one (Ha Noi, Hanoi, Saigon,
    Ho Chi Minh City: the ``en`` column of exonyms.tsv and the gazetteer's English names).
    """
    key = " ".join(vi.lower().split())
    if not key:
        return []
    plain = fold(vi) == key
    names = {key}
    if plain and key in model.tables.exonym_names:
        names.add(model.tables.exonym_names[key].lower())
    fixed: list[str] = []
    for place in model.places:
        if place.vi.lower() == key or (plain and key in (fold(place.vi), place.en.lower())):
            names.add(place.vi.lower())
            fixed.extend(place.ar)
    exonyms = [ar for name, ars in model.tables.exonyms.items()
               if name.lower() in names or (plain and fold(name) == key) for ar in ars]
    return list(dict.fromkeys([*exonyms, *fixed]))


def _lone_consonant(model: Model, token: tuple[bool, str, bool]) -> bool:
    """Whether a token is one consonant letter (the H of H'leo), an onset of the table."""
    text = token[1].lower()
    return token[2] and len(text) == 1 and text in model.tables.onsets


def _best(spellings: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """Spellings at least :data:`VARIANT_MIN` of the best one."""
    top = max((p for _, p in spellings), default=0.0)
    return [(o, p) for o, p in spellings if p >= VARIANT_MIN * top]


def _run_ends(tokens: Sequence[tuple[bool, str, bool]]) -> list[tuple[int, int]]:
    """Splits tokens into names and the punctuation around them: ``(first, end)`` ranges.

    A name is a run of words joined by spaces, hyphens or apostrophes (Bà Rịa-Vũng Tàu,
    H'leo); any other mark (, ; . ( ) quotes, digits) is a range of its own, so that the
    name inside ``(Hà Nội),`` keeps its established spelling.
    """
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for i, (_spaced, token, is_word) in enumerate(tokens):
        joins = is_word or (start is not None and set(token) <= _JOINERS)
        if joins:
            if start is None:
                start = i
            continue
        if start is not None:
            ranges.append((start, i))
            start = None
        ranges.append((i, i + 1))
    if start is not None:
        ranges.append((start, len(tokens)))
    # A name does not end in a hyphen or apostrophe: they go back to the punctuation.
    out: list[tuple[int, int]] = []
    for first, end in ranges:
        last = end
        while last > first + 1 and not tokens[last - 1][2]:
            last -= 1
        out.append((first, last))
        out.extend((k, k + 1) for k in range(last, end))
    return out


def _spell_words(
    model: Model, tokens: Sequence[tuple[bool, str, bool]], *, top: int,
    plain: Mapping[str, tuple[Syllable, ...]], usable: Mapping[str, float], marked_text: bool,
) -> list[tuple[float, str]]:
    """Word-by-word spellings of one name (a run of :func:`_run_ends`), best first.

    Raises:
        InputError: If a word is not a Vietnamese syllable.
    """
    beam: list[tuple[float, str]] = [(1.0, "")]
    for i, (spaced, token, is_word) in enumerate(tokens):
        sep = " " if spaced and i else ""
        if not is_word:
            joined = token in APOSTROPHES and i > 0 and _lone_consonant(model, tokens[i - 1])
            options = [("" if joined else token, 1.0)]
        elif (i + 1 < len(tokens) and tokens[i + 1][1] in APOSTROPHES
              and not tokens[i + 1][0] and _lone_consonant(model, tokens[i])):
            options = _best(model.tables.onsets[token.lower()])
        else:
            readings = _readings(model, token, plain, usable, marked_text=marked_text)
            pieces = None if readings else _rule_pieces(model, split_tone(token)[0])
            if readings:
                options = _word_spellings(model, readings)
            elif pieces is not None:
                options = _rule_spellings(model, pieces)
            else:
                raise InputError(
                    f"{token!r} is not a Vietnamese syllable",
                    hint="write every word as a Vietnamese syllable, with or without marks: "
                         "Thành phố Hồ Chí Minh, Nguyen Van Thanh")
        beam = heapq.nlargest(
            max(top * 4, 20),
            ((p * q, f"{s}{sep}{o}") for p, s in beam for o, q in options),
            key=lambda x: x[0],
        )
    return beam


def _spell_name(
    model: Model, tokens: Sequence[tuple[bool, str, bool]], *, top: int,
    plain: Mapping[str, tuple[Syllable, ...]], usable: Mapping[str, float], marked_text: bool,
) -> list[tuple[str, float]]:
    """Spellings of one name with weights summing to 1: its established spellings first
    (:func:`_established`), then the word-by-word ones.

    Raises:
        InputError: If a word is not a Vietnamese syllable and the name has no
            established spelling.
    """
    name = "".join((" " if spaced and i else "") + token
                   for i, (spaced, token, _) in enumerate(tokens))
    fixed = _established(model, name)
    try:
        beam = _spell_words(model, tokens, top=top, plain=plain, usable=usable,
                            marked_text=marked_text)
    except InputError:
        if not fixed:
            raise
        beam = []
    out: dict[str, float] = {}
    for i, ar in enumerate(fixed):
        out[ar] = 1.0 / (i + 2)
    # The word-by-word spellings share half the weight of the last established one, so
    # that an established spelling always comes first (Vietnam: فيتنام before فييتنام).
    share = min(out.values()) / 2 if out else 1.0
    total = sum(p for p, _ in beam) or 1.0
    for p, ar in beam:
        if ar not in out:
            out[ar] = p / total * share
    norm = sum(out.values()) or 1.0
    return sorted(((ar, q / norm) for ar, q in out.items()), key=lambda kv: -kv[1])


def spell_vi(
    model: Model, text: str, *, top: int, plain: Mapping[str, tuple[Syllable, ...]],
    usable: Mapping[str, float],
) -> list[Candidate]:
    """Arabic spellings of a Vietnamese name with scores, established spellings first.

    Punctuation around a name is kept outside it (``Hà Nội,`` is هانوي،, ``(Hà Nội)`` is
    (هانوي)); underscores separate words as spaces do (Nguyễn_Văn_An).

    Args:
        model: The compiled model.
        text: Vietnamese, with or without marks; punctuation is kept.
        top: How many spellings to return (1 or more).
        plain: :func:`plain_index` of ``model``.
        usable: Untoned syllable -> how usable it is in names (orders readings of a word
            written without marks).

    Returns:
        Candidates, best first; scores sum to at most 1.

    Raises:
        InputError: If a word is not a Vietnamese syllable (and its name has no
            established spelling), or ``text`` has no word.
    """
    vi = unicodedata.normalize("NFC", " ".join(text.replace("_", " ").split()))
    tokens = split_words(vi)
    if not any(is_word for _, _, is_word in tokens):
        raise InputError(f"no Vietnamese word in {text!r}",
                         hint="give a Vietnamese name, e.g. Nguyễn Mạnh Hùng")
    marked_text = fold(vi) != vi.lower()
    beam: list[tuple[float, str]] = [(1.0, "")]
    for first, end in _run_ends(tokens):
        part = tokens[first:end]
        sep = " " if part[0][0] and beam[0][1] else ""
        if part[0][2]:
            options = _spell_name(model, part, top=top, plain=plain, usable=usable,
                                  marked_text=marked_text)
        else:
            options = [(ARABIC_PUNCTUATION.get(part[0][1], part[0][1]), 1.0)]
        beam = heapq.nlargest(
            max(top * 4, 20),
            ((p * q, f"{s}{sep}{o}") for p, s in beam for o, q in options),
            key=lambda x: x[0],
        )
    norm = sum(p for p, _ in beam) or 1.0
    return [Candidate(text=ar, score=math.floor(p / norm * 1e6) / 1e6) for p, ar in beam[:top]]
