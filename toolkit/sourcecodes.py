"""Codes, acronyms, URLs and numbers of a source line that a translation must keep.

Translation, QA and post-editing ask the same of every document code
(749/QD-TTg), Latin-script acronym (VNeID) and URL of the source line, glossary
entry or not: it comes back character for character. Codes and acronyms are
those :func:`toolkit.extract.codes.find_codes` finds; in a Latin-script source
(English, Vietnamese) only acronym words count (a capital after the first
character: VNeID, LGSP, 4G), since every capitalised word there is not a code.
Words are split on whole Latin letters (HĐND is one word, never ND). An
all-capital word is no code when it is a translatable abbreviation
(:func:`translatable_abbreviations`: UBND, TP, US, EU). In a line of capitals
only, its words are read as words: in a run of two or more all-capital words a
Vietnamese syllable (NINH, QUẢNG) is no code, and in a run of three or more (a
headline: MINISTRY APPROVES PLAN) neither is a word with a vowel, unless it is
a known acronym (:func:`headline_acronyms`: ICT, MOU, NASA, ASEAN). Outside such
runs an all-capital word is a code (NGO, LAN, SIM in a sentence); a word with a
digit or a lower-case letter (COVID-19, VNeID) is always a code.

Numbers are different: their writing changes with the language (12,345 in
English is 12.345 in Vietnamese; Arabic-Indic digits may become ASCII ones),
so a number is kept when a number of the target has its value, either read
English-style or Vietnamese-style (:func:`number_values`, :func:`number_kept`). In a code,
Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits are the ASCII digits
(:func:`ascii_digits`): a code of an Arabic source is written with ASCII digits
in English and Vietnamese (:func:`code_form`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from glossary.normalize import strip_latin_marks
from toolkit.extract.codes import (
    LATIN_LETTERS,
    URL_RE,
    CodeMatch,
    ascii_digits,
    find_codes,
    overlaps,
)

__all__ = [
    "SourceCode",
    "ascii_digits",
    "code_counts",
    "code_form",
    "digits_of",
    "headline_acronyms",
    "number_kept",
    "number_values",
    "overlaps",
    "source_codes",
    "source_numbers",
    "translatable_abbreviations",
    "url_spans",
    "urls",
]

#: Languages written in the Latin script (capitalised words are not codes there).
_LATIN_LANGS = ("en", "vi")
#: Languages that write the Đ of a document code as D (Vietnamese keeps Đ).
_D_LANGS = ("en", "ar")
#: Punctuation that ends a sentence or clause rather than a URL.
_URL_TAIL = ".,;:!?)]}»\"'،؛؟…۔"
#: Characters a URL never holds unescaped (RFC 3986): markup around it (``">`` of a link).
_URL_STOP = re.compile(r"[\"<>]")
#: A Latin word (letters as toolkit.extract.codes reads them, combining marks of
#: Vietnamese typed decomposed), with hyphenated parts.
_ACRONYM_WORD = re.compile(
    rf"[{LATIN_LETTERS}0-9][{LATIN_LETTERS}0-9\u0300-\u036f]*"
    rf"(?:-[{LATIN_LETTERS}0-9][{LATIN_LETTERS}0-9\u0300-\u036f]*)*")
#: All-capital words in a run of at least this many are Vietnamese words when they
#: are syllables (QUẢNG NINH) ...
_CAPS_LINE_WORDS = 2
#: ... and a headline's words when they have a vowel (MINISTRY APPROVES PLAN).
_HEADLINE_WORDS = 3
_VOWELS = frozenset("aeiouy")
#: The table of abbreviations translated in words (see its header).
_ABBREVIATIONS = Path(__file__).resolve().parent / "data" / "codes" / "abbreviations.tsv"
#: The table of acronyms kept as codes in a headline of capitals (see its header).
_ACRONYMS = Path(__file__).resolve().parent / "data" / "codes" / "acronyms.tsv"
#: A number: digit groups joined by a decimal or grouping mark (12,345 / ١٢٫٥).
_NUMBER = re.compile(r"(?<![\w/.,-])\d+(?:[.,\u066b\u066c]\d+)*(?![\w/-])")
#: Arabic-Indic (U+0660-0669) and Extended Arabic-Indic (U+06F0-06F9) digits -> ASCII.


#: A form to keep verbatim: its text, kind (code, acronym, url, number) and offsets.
SourceCode = CodeMatch


def urls(text: str) -> list[SourceCode]:
    """Returns the URLs, domains and e-mail addresses of ``text``, without trailing punctuation."""
    out = []
    for m in URL_RE.finditer(text):
        form = _URL_STOP.split(m.group(), maxsplit=1)[0].rstrip(_URL_TAIL)
        if form:
            out.append(SourceCode(form, "url", m.start(), m.start() + len(form)))
    return out


def url_spans(text: str) -> list[tuple[int, int]]:
    """Returns the ``(start, end)`` spans of :func:`urls`, in text order.

    Nothing inside them is a glossary term, a code to restore or a near miss:
    :class:`toolkit.glossary_source.GlossaryIndex` drops the matches that overlap
    them, and post-editing never edits inside them (``ha-noi`` in
    ``https://hanoi.gov.vn/ha-noi`` is no variant of Hà Nội).
    """
    if "." not in text and "@" not in text and "://" not in text:
        return []
    return [(u.start, u.end) for u in urls(text)]


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, those that overlap joined: what :func:`overlaps` asks."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _first_column(path: Path) -> Iterable[tuple[int, str]]:
    """``(line number, first cell in NFC)`` of the rows of a code table, after its
    ``#`` comments and its header row."""
    rows = ((number, line) for number, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#"))
    next(rows, None)  # the header row
    for number, line in rows:
        yield number, unicodedata.normalize("NFC", line.split("\t")[0].strip())


@lru_cache(maxsize=1)
def translatable_abbreviations() -> frozenset[str]:
    """Returns the abbreviations a translation renders in words (UBND, TP, US, EU).

    Read once from ``toolkit/data/codes/abbreviations.tsv`` (its header tells
    the source and columns); matched as written.

    Raises:
        FormatError: If a row has no abbreviation.
    """
    from glossary.errors import FormatError

    out: set[str] = set()
    for number, word in _first_column(_ABBREVIATIONS):
        if not word or " " in word:
            raise FormatError(f"bad abbreviation {word!r}", path=_ABBREVIATIONS, line=number,
                              hint="write one abbreviation, a tab, its language and expansion")
        out.add(word)
    return frozenset(out)


@lru_cache(maxsize=1)
def _syllable_tables() -> Any:
    """The transliteration's tables of Vietnamese onsets, vowel nuclei and codas."""
    from toolkit.translit.tables import load_tables

    return load_tables()


def _is_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a Vietnamese syllable with a tone its coda allows."""
    from toolkit.translit.syllables import allowed_tones, parse_syllable, split_tone

    untoned, tone = split_tone(word)
    tables = _syllable_tables()
    syl = parse_syllable(untoned, tables.vowel_info, onsets=tables.onsets)
    return syl is not None and tone in allowed_tones(syl.coda)


@lru_cache(maxsize=1)
def headline_acronyms() -> frozenset[str]:
    """Returns the acronyms that stay codes in a headline of capitals (ICT, NASA, ASEAN).

    Read once from ``toolkit/data/codes/acronyms.tsv`` (its header tells the
    source and columns); matched as written.

    Raises:
        FormatError: If a row is not one all-capital word.
    """
    from glossary.errors import FormatError

    out: set[str] = set()
    for number, word in _first_column(_ACRONYMS):
        if not word.isupper() or " " in word:
            raise FormatError(f"bad acronym {word!r}", path=_ACRONYMS, line=number,
                              hint="write one all-capital acronym, a tab, its expansion")
        out.add(word)
    return frozenset(out)


def _caps_runs(text: str) -> dict[int, int]:
    """Maps the start of each word of ``text`` with no lower-case letter to the number
    of words with letters in its run: such words joined by spaces only (``ĐÀ NẴNG``,
    ``VNPT 4G PLATFORM``; ``NGO và LAN`` and ``NGO, LAN`` are runs of one)."""
    runs: list[list[re.Match[str]]] = []
    for m in _ACRONYM_WORD.finditer(text):
        if any(c.islower() for c in m.group()):
            continue  # the text up to the next word then holds more than spaces
        if runs and not text[runs[-1][-1].end():m.start()].strip(" "):
            runs[-1].append(m)
        else:
            runs.append([m])
    return {m.start(): sum(any(c.isalpha() for c in w.group()) for w in run)
            for run in runs for m in run}


def _is_code_word(word: str, caps_run: int) -> bool:
    """Whether an acronym word of a Latin-script source is a code to keep verbatim.

    ``caps_run`` is the number of words in the run of words with no lower-case
    letter it stands in (see :func:`_caps_runs`).
    """
    if any(c.isdigit() or c.islower() for c in word):
        return word not in translatable_abbreviations()  # COVID-19, VNeID; not ThS
    if word in translatable_abbreviations():
        return False
    if caps_run < _CAPS_LINE_WORDS or word in headline_acronyms():
        return True  # NGO, LAN, SIM in a sentence; ICT, NASA in a headline
    if caps_run >= _HEADLINE_WORDS and any(c in _VOWELS for c in strip_latin_marks(word.lower())):
        return False  # MINISTRY, APPROVES of a capitalised headline
    return not all(_is_syllable(p) for p in word.split("-"))  # NINH, QUẢNG, TỈNH


def _acronym_words(text: str, start: int, end: int, runs: dict[int, int]) -> list[SourceCode]:
    """Splits a name run into its acronym words (a capital after the first character)
    that are codes (see the module docstring); ``runs`` is :func:`_caps_runs` of ``text``."""
    out = []
    for m in _ACRONYM_WORD.finditer(text, start, end):
        word = unicodedata.normalize("NFC", m.group())
        letters = word.replace("-", "")
        if (len(letters) >= 2 and any(c.isupper() for c in letters[1:])
                and _is_code_word(word, runs.get(m.start(), 0))):
            out.append(SourceCode(m.group(), "acronym", m.start(), m.end()))
    return out


def source_codes(text: str, lang: str) -> list[SourceCode]:
    """Finds the codes, acronyms and URLs of a source line, to be kept verbatim.

    Args:
        text: The source line.
        lang: Its language (``ar``, ``en`` or ``vi``).

    Returns:
        The forms in text order, URLs included (with trailing punctuation left out).
    """
    found = urls(text)
    runs: dict[int, int] | None = None
    for c in find_codes(text):
        if c.kind == "acronym" and lang in _LATIN_LANGS:
            runs = _caps_runs(text) if runs is None else runs
            found += _acronym_words(text, c.start, c.end, runs)
        else:
            found.append(c)
    return sorted(found, key=lambda c: c.start)


def code_form(code: str, lang: str) -> str:
    """Returns how a code is written in a ``lang`` text: ASCII digits in English and
    Vietnamese, as written in Arabic; in English and Arabic, the Đ of a document
    code (a form with a digit) is D (749/QĐ-TTg is 749/QD-TTg)."""
    if lang in _D_LANGS and any(c.isdigit() for c in code):
        code = code.replace("Đ", "D").replace("đ", "d")
    return ascii_digits(code) if lang in _LATIN_LANGS else code


def code_counts(text: str, lang: str, taken: Sequence[tuple[int, int]] = ()
                ) -> dict[str, tuple[str, int]]:
    """Returns {form: (kind, occurrences)} of the source codes outside the ``taken`` spans.

    Longest forms first: a caller that claims their occurrences in this order
    gives ``https://mic.gov.vn/tin-tuc`` its own before ``https://mic.gov.vn``.

    Args:
        text: The source line.
        lang: Its language.
        taken: Spans already accounted for (glossary matches).
    """
    out: dict[str, tuple[str, int]] = {}
    spans = _merged(taken)
    for c in source_codes(text, lang):
        if not overlaps(spans, c.start, c.end):
            out[c.text] = (c.kind, out.get(c.text, (c.kind, 0))[1] + 1)
    return dict(sorted(out.items(), key=lambda item: -len(item[0])))


def source_numbers(text: str, taken: list[tuple[int, int]] | None = None) -> list[SourceCode]:
    """Finds the numbers of two digits or more outside the ``taken`` spans (codes, URLs).

    Single digits are left out: a translation may write them as words.
    """
    spans = _merged(taken or [])
    return [SourceCode(m.group(), "number", m.start(), m.end()) for m in _NUMBER.finditer(text)
            if len(digits_of(m.group())) >= 2 and not overlaps(spans, m.start(), m.end())]


def digits_of(text: str) -> str:
    """Returns the digits of ``text`` as ASCII digits, in order (``١٢,٣`` → ``123``)."""
    return "".join(str(unicodedata.digit(c)) for c in text if c.isdigit()
                   and unicodedata.digit(c, None) is not None)


def number_values(number: str) -> frozenset[Decimal]:
    """Returns the values a number can have, in any of avet's languages.

    ``,`` and ``.`` are a decimal or a grouping mark, English-style (``1,000.5``)
    or Vietnamese-style (``1.000,5``), and every well-formed reading counts
    (groups of three digits, one decimal mark after them): ``1,5`` is 1.5 in
    any language, ``12.345.678`` is 12345678, and a number that reads both
    ways (``25,000``, ``1.000``: one mark, three digits after it) has both
    values, since Vietnamese and Arabic texts are written both ways (many
    follow English) and English ones quote them. ``٫`` is always the decimal
    mark and ``٬`` the grouping one; digits of any script count.

    Args:
        number: A number as :func:`source_numbers` finds it.

    Returns:
        Its possible values (empty if no reading is well formed).
    """
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)
    text = text.replace("\u066c", "'").replace("\u066b", "_")  # Arabic grouping, decimal
    return frozenset(v for marks in (_EN_MARKS, _VI_MARKS)
                     if (v := _reading(text, *marks)) is not None)


#: (grouping marks, decimal marks) of English and of Vietnamese; ' and _ stand for
#: the Arabic grouping and decimal marks in both.
_EN_MARKS = (",'", "._")
_VI_MARKS = (".'", ",_")


def _reading(text: str, grouping: str, decimal: str) -> Decimal | None:
    """The value of ``text`` with these marks, or ``None`` if it is not well formed."""
    parts = re.split(r"(\D)", text)
    digits, marks = parts[0::2], parts[1::2]
    if any(m not in grouping + decimal for m in marks):
        return None
    if sum(m in decimal for m in marks) > 1 or (marks and marks[-1] not in decimal
                                                and any(m in decimal for m in marks)):
        return None
    whole = digits[:len(marks) - (1 if marks and marks[-1] in decimal else 0) + 1]
    if len(whole) > 1 and (not 1 <= len(whole[0]) <= 3 or any(len(g) != 3 for g in whole[1:])
                           or len({m for m in marks if m in grouping}) > 1):
        return None
    value = "".join(whole)
    if marks and marks[-1] in decimal:
        value += "." + digits[-1]
    return Decimal(value).normalize()


def number_kept(number: str, target: str) -> bool:
    """Tells whether ``target`` holds a number of the value of ``number``.

    A copy of it as written keeps it. Else the values are compared
    (:func:`number_values`): ``1,5`` of a Vietnamese or Arabic source is kept
    by ``1.5`` in English, not by ``15``; ``25,000`` of a Vietnamese source by
    ``25,000`` or ``25000`` (it reads both ways); a number no reading makes
    sense of is compared by its digits.

    Args:
        number: A number of the source line.
        target: The translation.
    """
    if any(m.group() == number for m in _NUMBER.finditer(target)):
        return True
    want = number_values(number)
    if not want:
        digits = digits_of(number)
        return any(digits_of(m.group()) == digits for m in _NUMBER.finditer(target))
    return any(want & number_values(m.group()) for m in _NUMBER.finditer(target))
