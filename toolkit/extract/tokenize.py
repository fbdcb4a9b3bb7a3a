"""Tokens with offsets into the original text, Arabic folding and clitic stripping.

Tokens are found on the normalized text (:func:`glossary.normalize.normalize_ar`:
no diacritics, tatweel or invisible controls, folded letters) and mapped back
with its offset map, so every offset is an offset into what the user gave.
A token is Arabic (``ar``), Latin-script (``lat``), a number
(``num``) or a separator (``sep``, any other visible character, and a blank line:
a title ends with its paragraph, while a line wrapped inside a paragraph goes on).
Runs of Arabic tokens between separators are *chunks*: term and name candidates
never cross a chunk boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from glossary.normalize import normalize_ar, read_presentation_forms

__all__ = [
    "ARTICLE",
    "BLOCK_CHARS",
    "CONJUNCTIONS",
    "LAM_OBJECT",
    "NISBA_ENDINGS",
    "PREPOSITION_CLITICS",
    "Token",
    "arabic_vocabulary",
    "blocks",
    "chunks",
    "clitic_splits",
    "coded_key",
    "derived_verb",
    "fold_ar",
    "future_verb",
    "lam_keyed",
    "lam_object",
    "light_ar",
    "nisba_gender",
    "split_clitic",
    "strip_article",
    "term_key",
    "term_word_key",
    "tokenize",
    "word_key",
]

#: An Arabic letter (harakat included): a run of them is an Arabic word.
_AR_LETTER = r"[\u0621-\u065F\u0670-\u06D3\u06FA-\u06FF]"
_TOKEN_RE = re.compile(
    rf"(?P<ar>{_AR_LETTER}+)"
    r"|(?P<lat>[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF]*)"
    r"|(?P<num>[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*)"
    r"|(?P<sep>\S|\n\s*\n)"
)
#: Most characters of a document tokenized at once (see :func:`blocks`).
BLOCK_CHARS = 1_000_000
#: Last visible characters of a line that ends a sentence: a block may end after it.
_SENTENCE_END = frozenset(".!?:;\u061f\u061b\u06d4)]\"'\u00bb\u2026")
_AR_WORD_RE = re.compile(f"{_AR_LETTER}+")
#: The Arabic definite article ال.
ARTICLE = "\u0627\u0644"
#: The conjunctions written as a proclitic: و ف.
CONJUNCTIONS = ("\u0648", "\u0641")
#: The prepositions written as a proclitic: ب ل ك.
PREPOSITION_CLITICS = ("\u0628", "\u0644", "\u0643")
#: Starts the last word of a term key that is the object of ل + the article (للنقل):
#: a folded word never starts with لل once its article is gone.
LAM_OBJECT = "\u0644\u0644"


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the original text.

    Attributes:
        text: The token as written (a slice of the original text; presentation
            forms copied from a PDF read as letters by
            :func:`~glossary.normalize.read_presentation_forms`).
        start: Offset of its first character in the original text.
        end: Offset just after its last character.
        type: ``ar``, ``lat``, ``num`` or ``sep``.
        norm: The token normalized and folded (see :func:`fold_ar`).
        light: The token without diacritics, letters as written (see :func:`light_ar`);
            the article is told apart here (الإلكترونية has one, إلكترونية none).
    """

    text: str
    start: int
    end: int
    type: str
    norm: str = ""
    light: str = ""


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Splits ``text`` (or ``text[start:end]``) into tokens with offsets into ``text``.

    Args:
        text: The original document text.
        start: Where the part to split starts.
        end: Where it ends (``None``: the end of ``text``).

    Returns:
        The tokens in order; whitespace is dropped.
    """
    part = text[start:end] if start or end is not None else text
    light = normalize_ar(part, match=False)
    shaped = read_presentation_forms(part).text != part  # copied from a PDF: ﻧﺠﻮﻳﻦ
    tokens: list[Token] = []
    for m in _TOKEN_RE.finditer(light.text):
        first, last = light.span_to_original(m.start(), m.end())
        word = m.group()
        surface = read_presentation_forms(part[first:last]).text if shaped else part[first:last]
        tokens.append(Token(surface, first + start, last + start, m.lastgroup or "sep",
                            fold_ar(word), word))
    return tokens


def blocks(text: str, size: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """Cuts a long text into ``(start, end)`` blocks of at most about ``size`` characters.

    A block ends at a line end after a sentence (its last visible character is one of
    ``. ! ? : ; ؟ ؛ ) » …`` or the line is blank), where no name, term or code goes on; failing
    that, at any line end, then at a space. A text of ``size`` characters or fewer is
    one block, so extraction of an ordinary document is not cut at all.

    Args:
        text: The document text.
        size: The longest block, in characters (1 or more).

    Returns:
        The blocks in order, covering ``text``.
    """
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit, low = start + size, start + size // 2
        cut = -1
        pos = text.rfind("\n", low, limit)
        while pos > low:
            before = text[text.rfind("\n", start, pos) + 1:pos].rstrip()
            if not before or before[-1] in _SENTENCE_END:
                cut = pos + 1
                break
            pos = text.rfind("\n", low, pos)
        if cut < 0:
            pos = text.rfind("\n", low, limit)
            cut = pos + 1 if pos > low else text.rfind(" ", low, limit) + 1
        if cut <= start:
            cut = limit
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def arabic_vocabulary(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """The folded Arabic words of ``text[start:end]``: the ``norm`` of its ``ar`` tokens
    (:func:`tokenize`), without making the tokens."""
    part = text[start:end] if start or end is not None else text
    return {fold_ar(w) for w in _AR_WORD_RE.findall(normalize_ar(part, match=False).text)}


def chunks(tokens: Sequence[Token]) -> Iterator[list[Token]]:
    """Yields the runs of Arabic tokens between separators, numbers and Latin words."""
    run: list[Token] = []
    for tok in tokens:
        if tok.type == "ar":
            run.append(tok)
        elif run:
            yield run
            run = []
    if run:
        yield run


@lru_cache(maxsize=65536)
def fold_ar(word: str) -> str:
    """Folds an Arabic word for counting (the match normalization of glossary.normalize).

    Args:
        word: An Arabic word.

    Returns:
        The folded word: no diacritics or tatweel, أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي.
    """
    return normalize_ar(word).text


@lru_cache(maxsize=65536)
def light_ar(word: str) -> str:
    """Removes diacritics, tatweel and invisible controls; keeps the letters as written."""
    return normalize_ar(word, match=False).text


def strip_article(word: str) -> str:
    """Removes a leading article ال from a word that keeps two letters or more.

    Give the light form (:func:`light_ar`): in the folded one إلكترونية would look
    like it had the article.

    Args:
        word: One Arabic word, in its light form.

    Returns:
        The word without its article, or ``word`` itself.
    """
    if word.startswith(ARTICLE) and len(word) >= 4:
        return word[2:]
    return word


@lru_cache(maxsize=131072)
def term_word_key(light: str) -> str:
    """The counting key of a clitic-free word: article removed, then folded."""
    return fold_ar(strip_article(light))


def split_clitic(folded: str, known: Callable[[str], bool] | None = None,
                 lexical: Callable[[str], bool] | None = None) -> tuple[str, str]:
    """Splits proclitics (و ف ب ك ل and the article combinations) off a folded word.

    A prefix that carries the article (بال، وال، لل …) is split whenever at least
    two letters remain; ``لل`` gives back the article (للتحول → ل + التحول). A bare
    one-letter prefix (و ب ل ك ف, or وب ول …) is split only if ``known`` accepts
    the rest and ``lexical`` does not accept the whole word, so وزارة stays whole;
    a word ``lexical`` accepts keeps an article-like ال too (وكالة، وكالات);
    the longest such prefix, unless a shorter one leaves a word ``lexical`` accepts
    (وبطاقات: و + بطاقات, not وب + طاقات).

    Args:
        folded: A word, light (:func:`light_ar`) or folded (:func:`fold_ar`).
        known: Tells whether a stem is a word (lexicon, document vocabulary,
            Vietnamese syllable); ``None`` splits only article prefixes.
        lexical: Tells whether the whole word is a word as it is (``None``: ``known``).

    Returns:
        ``(prefix, stem)``; ``prefix`` is ``""`` when nothing was split.
    """
    bare: list[tuple[str, str]] = []
    whole = lexical is not None and lexical(folded)  # وكالة، وكالات: no و + ك + ال
    for prefix, article in _matching_prefixes(folded):
        rest = folded[len(prefix):]
        if article and whole:
            continue
        if article:
            if prefix.endswith("\u0644\u0644"):  # لل: ل + (ا)ل, or ل + a word starting with ل
                plain = folded[len(prefix) - 1:]
                if known is not None and known(plain) and not known(ARTICLE + rest):
                    return prefix[:-1], plain
                return prefix[:-1], ARTICLE + rest
            return prefix[:-2], ARTICLE + rest
        if rest.startswith(ARTICLE) and len(rest) > len(ARTICLE) + 1 and not whole:
            return prefix, rest  # وكالمدينة; not وكالة (وك + الة)
        if known is not None and known(rest) and not (lexical or known)(folded):
            bare.append((prefix, rest))
    if not bare:
        return "", folded
    # وبطاقات: و + بطاقات, a word of the lexicon, before وب + طاقات
    if lexical is not None:
        for prefix, rest in reversed(bare):
            if lexical(rest):
                return prefix, rest
    return bare[0]


@lru_cache(maxsize=131072)
def _matching_prefixes(word: str) -> tuple[tuple[str, bool], ...]:
    """The proclitic prefixes (longest first) that ``word`` starts with, leaving two letters."""
    from toolkit.extract.data import clitic_prefixes

    return tuple((prefix, article) for prefix, article in clitic_prefixes()
                 if word.startswith(prefix) and len(word) - len(prefix) >= 2)


def clitic_splits(folded: str) -> list[tuple[str, str]]:
    """Returns every literal proclitic split of a folded word, the whole word first.

    Unlike :func:`split_clitic` no article is restored, so names that start
    with ل keep it: للاو → (ل, لاو). Stems shorter than two letters are skipped.

    Args:
        folded: A word folded with :func:`fold_ar`.

    Returns:
        ``[("", folded), (prefix, stem), ...]``, shorter prefixes first.
    """
    return list(_clitic_splits(folded))


@lru_cache(maxsize=65536)
def _clitic_splits(folded: str) -> tuple[tuple[str, str], ...]:
    from toolkit.extract.data import clitic_prefixes

    splits = [("", folded)]
    for prefix, article in reversed(clitic_prefixes()):  # shorter prefixes first
        if not article and folded.startswith(prefix) and len(folded) - len(prefix) >= 2:
            splits.append((prefix, folded[len(prefix):]))
    return tuple(splits)


def word_key(word: str, known: Callable[[str], bool] | None = None, *, first: bool = True,
             lexical: Callable[[str], bool] | None = None) -> str:
    """Returns the counting key of one word: folded, clitics and article removed.

    Args:
        word: An Arabic word as written.
        known: See :func:`split_clitic`.
        lexical: See :func:`split_clitic`.
        first: Whether the word starts a phrase (only then bare one-letter
            proclitics are split; inside a phrase only article combinations are).

    Returns:
        The key, e.g. ``تحول`` for بالتحول.
    """
    _, stem = split_clitic(light_ar(word), known if first else None, lexical)
    return term_word_key(stem)


def term_key(text: str, known: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """The key of an Arabic form: its words article-free, as the term counter keys them
    (the first loses its proclitics), and its numbers and Latin words verbatim.

    A numbered form (القرار 749/QD-TTg، المشروع 06) thus never shares the key of its
    Arabic words alone (القرار): the term counter, which reads Arabic words only, never
    proposes it. A last word with ل + the article keeps :data:`LAM_OBJECT` (البنية التحتية
    للبيانات: بنيه تحتيه للبيانات), so the phrase and the coordination البنية التحتية
    والبيانات have different keys.

    Args:
        text: The form.
        known: Tells whether a folded word is a word (see :func:`split_clitic`).
    """
    key: list[str] = []
    lam = False
    for tok in tokenize(text):
        lam = False
        if tok.type == "ar":
            prefix, stem = split_clitic(tok.light, None if key else known)
            lam = bool(key) and prefix == "\u0644" and stem.startswith(ARTICLE)
            key.append(term_word_key(stem))
        elif tok.type in ("num", "lat"):
            key.append(tok.norm)
    return lam_keyed(tuple(key)) if lam else tuple(key)


def lam_keyed(key: tuple[str, ...]) -> tuple[str, ...]:
    """The key of a phrase whose last word is the object of ل + the article: that word
    marked with :data:`LAM_OBJECT` (بنيه تحتيه نقل → بنيه تحتيه للنقل)."""
    return (*key[:-1], LAM_OBJECT + key[-1])


def lam_object(key: Sequence[str]) -> bool:
    """Whether a key of :func:`term_key` ends with the object of ل + the article
    (البنية التحتية للنقل), a complement of the words before it."""
    return len(key) > 1 and key[-1].startswith(LAM_OBJECT)


#: Endings of an indefinite nisba adjective as written (رقمي، رقمية), which heads no construct.
NISBA_ENDINGS = ("\u064a", "\u064a\u0629")
#: Letters that a past verb of the derived forms VII, VIII and X has nowhere after its
#: prefix: long vowels and the ending ة (folded ه), which its verbal noun and nouns have
#: (اختتام، انطلاقة، استثمار).
_NOT_IN_DERIVED_VERB = frozenset("\u0627\u0648\u064a\u0647")


def derived_verb(folded: str) -> bool:
    """Whether a folded word is the past tense of a derived verb: form VIII افتعل
    (اختتم، اعتمد), form VII انفعل (انطلق) or form X استفعل (استقبل), also after the
    conjunction و or ف (واختتم). Such a word starts no term and heads no noun phrase.

    Args:
        folded: A clitic-free folded word (:func:`fold_ar`), article removed.
    """
    if len(folded) in (6, 7) and folded.startswith(CONJUNCTIONS):
        folded = folded[1:]
    if not folded.startswith("\u0627") or _NOT_IN_DERIVED_VERB.intersection(folded[1:]):
        return False
    if len(folded) == 5:
        return folded[2] == "\u062a" or folded[1] == "\u0646"
    return len(folded) == 6 and folded.startswith("\u0627\u0633\u062a")


#: The future prefix س, then an imperfect prefix (ي ت ن أ).
_FUTURE = ("\u0633\u064a", "\u0633\u062a", "\u0633\u0646", "\u0633\u0623")
#: Endings of nouns and adjectives that start like a future verb (سياسة، سياسات،
#: سيبراني، سيناريو، سينما), never of the verb's singular forms.
_NOMINAL_ENDINGS = ("\u0629", "\u0627\u062a", "\u064a", "\u0648", "\u0627", "\u0649")


def future_verb(stem: str) -> bool:
    """Whether a clitic-free light word (letters as written) is a verb in the future:
    the prefix س and an imperfect prefix, then a stem of three letters or more
    (سيصبح، ستنفذ، سنعمل، سأعمل, also after و or ف: وسيصبح), not ending like a noun
    (سياسة، سيبراني). Such a word is in no term candidate.

    Args:
        stem: A clitic-free light word.
    """
    if stem[:2] in ("\u0648\u0633", "\u0641\u0633"):
        stem = stem[1:]  # وسيصبح، فستنفذ: the conjunction was not split off
    return (len(stem) >= 5 and stem.startswith(_FUTURE)
            and not stem.endswith(_NOMINAL_ENDINGS))


def nisba_gender(stem: str) -> str:
    """``m`` for a definite masculine nisba adjective (الإقليمي), ``f`` for a feminine
    one (الإقليمية), else ``""``. Broken plurals of the shape الأراضي (CCاCي) and
    words in ـاية (الوقاية، الرعاية) are nouns.

    Args:
        stem: The clitic-free light word.
    """
    if not stem.startswith(ARTICLE):
        return ""
    bare = stem[2:]
    if bare.endswith("\u064a\u0629") and len(bare) >= 5 and bare[-3] != "\u0627":
        return "f"  # ية, but not اية: الوقاية، الرعاية are nouns
    if (bare.endswith("\u064a") and len(bare) >= 4
            and not (len(bare) == 5 and bare[2] == "\u0627")):
        return "m"
    return ""


def coded_key(key: Sequence[str]) -> bool:
    """Whether a key of :func:`term_key` holds a number or a Latin word."""
    return any(not any("\u0621" <= ch <= "\u064A" for ch in word) for word in key)
