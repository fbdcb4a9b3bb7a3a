"""Grammar rules that tell a piece of a sentence from a term (:class:`FragmentRules`), used
by the termhood ranking (:mod:`toolkit.extract.ranking`): a verb and its subject (نظمت
المقاطعة), a first word that kept a proclitic (لتسرب، ومسؤولي) or carries a possessive
pronoun (تركيزها), a definite feminine noun followed by a definite word that cannot be its
adjective (المقاطعة المشروع), a phrase ending with a deictic administrative noun (سكان
المقاطعة) and two coordinated plurals (الأفراد والشركات).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from toolkit.extract.candidates import TermCandidate, ending_phrase, governed_positions
from toolkit.extract.data import connectors, cue_words, deictic_nouns, term_heads
from toolkit.extract.tokenize import ARTICLE, light_ar, split_clitic, term_word_key

__all__ = ["FragmentRules", "looks_plural"]

#: ``(definite, proclitic)`` per word of a surface form (candidates.surface_shape).
_Shape = Sequence[tuple[bool, str]]

#: Imperfect prefixes of a verb in the third person: ت (she; also you) and ي (he).
_VERB_PREFIXES = ("\u062a", "\u064a")
#: Possessive pronoun suffixes of nouns: ها هم هما كم كما نا.
_POSSESSIVES = ("\u0647\u0645\u0627", "\u0643\u0645\u0627", "\u0647\u0627", "\u0647\u0645",
                "\u0643\u0645", "\u0646\u0627")
#: Proclitics that can stay on an unknown first word: و ف (and) ل ب (to, with).
_PROCLITICS = ("\u0648", "\u0641", "\u0644", "\u0628")
#: Endings of a word in the feminine singular (ة، ى) and of the feminine plural (ات).
_TA_MARBUTA, _ALIF_MAQSURA, _FEMININE_PLURAL = "\u0629", "\u0649", "\u0627\u062a"
#: Feminine adjective of colours and defects (فعلاء: الخضراء، البيضاء).
_FALA = "\u0627\u0621"
#: Suffixes tried when a stripped stem is looked up (construct ي، sound plurals, ة).
_STEM_SUFFIXES = ("\u064a\u0646", "\u0648\u0646", "\u0627\u062a", "\u064a", "\u0647")


class FragmentRules:
    """Grammar rules that tell a piece of a sentence from a term (see the module doc).

    Args:
        terms: All candidates by key: a word with a single-word candidate was seen
            with the article, so it is a noun.
        word_counts: Word counts of the documents (article-free folded keys).
        ref: The general-Arabic reference frequencies.
    """

    def __init__(self, terms: Mapping[tuple[str, ...], TermCandidate],
                 word_counts: Counter[str], ref: Mapping[str, float]) -> None:
        self.terms = terms
        self.word_counts = word_counts
        self.ref = ref
        self.deictic = deictic_nouns()
        self.heads = term_heads() | cue_words()
        self.connectors = connectors()

    def count(self, key: tuple[str, ...], form: str, shape: _Shape, coordinated: bool) -> int:
        """How many fragment rules a multiword candidate breaks (each costs
        :data:`~toolkit.extract.ranking.FRAGMENT_WEIGHT`).

        Args:
            key: The candidate's article-free folded words.
            form: Its most frequent surface form.
            shape: ``(definite, proclitic)`` per word of ``form``.
            coordinated: Whether it ends with a coordinated word and is no field
                named by an institution (وزارة العلوم والتكنولوجيا).
        """
        words = form.split()
        if len(words) != len(key) or len(key) < 2:
            return 0
        broken = self.clitic_left(key[0], words[0]) + self.possessed(key[0], words[0])
        # a modifier phrase at the end (التطبيب عن بعد) qualifies the phrase before it
        if start := ending_phrase(key):
            key, words, shape = key[:start], words[:start], shape[:start]
        if len(key) < 2:
            return broken
        return broken + sum((self.disagreeing(key, words, shape),
                             self.definite_then_bare(key, words, shape),
                             self.deictic_end(key, shape),
                             coordinated and len(key) == 2 and all(map(looks_plural, key))))

    def known(self, stem: str) -> bool:
        """Whether a light stem is a word: in the reference list or the documents, as it
        is or without a construct ـي, a sound plural ending or ة."""
        key = term_word_key(stem)
        if not key:
            return False
        variants = [key, *(key[:-len(s)] for s in _STEM_SUFFIXES
                           if key.endswith(s) and len(key) - len(s) >= 3)]
        return any(v in self.ref or self.word_counts.get(v, 0) > 0 for v in variants)

    def _noun(self, key: str) -> bool:
        """Seen with the article (a single-word candidate) or in the reference list."""
        return (key,) in self.terms or key in self.ref

    def clitic_left(self, key: str, word: str) -> bool:
        """ومسؤولي، لتسرب: a first word starting with a proclitic letter that is no known
        word, never seen with the article, whose rest is a known word: the proclitic
        was not split off (the rest, as written, is not in the lexicon)."""
        return (word.startswith(_PROCLITICS) and len(word) >= 5 and not self._noun(key)
                and not word.startswith(ARTICLE) and self.known(word[1:]))

    def possessed(self, key: str, word: str) -> bool:
        """تركيزها التالي: the first word ends with a possessive pronoun and is no known
        word, but is one without it (ـتها is ـة + ها): a term never holds a pronoun."""
        if len(word) < 5 or (key and self._noun(key)) or word.endswith(_TA_MARBUTA):
            return False
        for suffix in _POSSESSIVES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[:-len(suffix)]
                if self.known(stem) or (stem.endswith("\u062a")
                                        and self.known(stem[:-1] + _TA_MARBUTA)):
                    return True
        return False

    def disagreeing(self, key: tuple[str, ...], words: Sequence[str], shape: _Shape) -> bool:
        """المقاطعة المشروع: a definite feminine singular noun (ـة) followed by a definite
        word: two definite words in a row are a noun and its adjective, and an adjective of
        a feminine singular noun is feminine (ـة، ـى، ـاء); a word without that ending is
        another phrase."""
        if not (shape[0][0] and shape[1][0] and not shape[1][1]):
            return False
        second = light_ar(words[1])
        return (light_ar(words[0]).endswith(_TA_MARBUTA) and key[1] not in self.connectors
                and not second.endswith((_TA_MARBUTA, _ALIF_MAQSURA, _FALA)))

    def definite_then_bare(self, key: tuple[str, ...], words: Sequence[str],
                           shape: _Shape) -> bool:
        """المقاطعة أنجزت، المقاطعة صعوبات: a definite word followed by a word without the
        article. An adjective agrees with its noun in definiteness and the first noun of a
        construct has no article, so the two belong to different phrases (a subject and
        its predicate). Left aside: connectors (غير), a preposition that the noun
        governs (الوقاية من), a word that may start with a
        proclitic (وتبادلها، لتكنولوجيا), and an adjective in a construct with a
        definite word (الإنترنت عريض النطاق)."""
        n = len(key)
        governed = governed_positions(key)
        return any(shape[i][0] and not shape[i + 1][0] and not shape[i + 1][1]
                   and key[i + 1] not in self.connectors and i + 1 not in governed
                   and not self._proclitic(light_ar(words[i + 1]))
                   and (i + 2 == n or not shape[i + 2][0] or bool(shape[i + 2][1])
                        or _verb_shape(words[i + 1]))
                   for i in range(n - 1))

    def _proclitic(self, word: str) -> bool:
        """Whether a word may start with a proclitic: و ف ل ب ك and a known rest."""
        return word.startswith((*_PROCLITICS, "\u0643")) and (
            self.known(word[1:]) or self.possessed("", word[1:]))

    def deictic_end(self, key: tuple[str, ...], shape: _Shape) -> bool:
        """سكان المقاطعة: two words ending with a definite deictic administrative noun
        ("the province": deictic_nouns.tsv) that no institution noun, title or name cue
        heads (مجلس المقاطعة، رئيس البلدية stay)."""
        return (len(key) == 2 and key[1] in self.deictic and shape[1][0] and not shape[1][1]
                and key[0] not in self.heads)

    def verb_subject(self, key: tuple[str, ...], form: str) -> bool:
        """نظمت المقاطعة، تواجه المقاطعة، ويتزايد الاهتمام: a verb and its subject.

        The first word is never seen with the article (verbs never take it; a noun such
        as التحول is seen so elsewhere) and has the shape of a verb in the third person:
        an imperfect (ت or ي and a stem of two to five letters; not the verbal noun
        تفعيل) or a past tense in ـت. The definite word after it agrees with it as a
        subject: ت and ـت are feminine (a word in ـة or ـات), ي masculine.
        """
        words = form.split()
        if len(words) < 2 or len(words) != len(key):
            return False
        first, second = light_ar(words[0]), light_ar(words[1])
        stem = term_word_key(first)
        if first[:1] in ("\u0648", "\u0641") and len(first) >= 5:
            first, stem = first[1:], stem[1:]  # ويتزايد: the conjunction stayed on it
        if ((key[0],) in self.terms or (stem,) in self.terms or first.startswith(ARTICLE)
                or not split_clitic(second)[1].startswith(ARTICLE)
                or first.endswith((_TA_MARBUTA, _FEMININE_PLURAL))):
            return False
        feminine = second.endswith((_TA_MARBUTA, _FEMININE_PLURAL))
        if first.startswith(_VERB_PREFIXES) and (4 <= len(first) <= 6 or (
                len(first) == 3 and first.endswith(_ALIF_MAQSURA))):  # ترى
            if first[0] == "\u062a" and first[-2] == "\u064a" and len(first) >= 5:
                return False  # تنفيذ، تفاصيل: the verbal noun تفعيل, the plural تفاعيل
            return feminine == (first[0] == "\u062a")
        return first.endswith("\u062a") and 4 <= len(first) <= 6 and feminine


def _verb_shape(word: str) -> bool:
    """Whether a word without the article has the shape of a verb: an imperfect prefix
    (ت ي ن) on three or four letters (تضع، يستخدم) or a past-tense ending ـت، ـوا."""
    word = light_ar(word)
    return ((word.startswith(("\u062a", "\u064a", "\u0646")) and 3 <= len(word) <= 5)
            or (word.endswith(("\u0648\u0627", "\u062a"))
                and not word.endswith(_FEMININE_PLURAL)))


def looks_plural(word: str) -> bool:
    """Whether an article-free folded word is plural: a sound plural (ـات، ـون، ـين) or a
    common broken plural pattern (أفعال الأفراد، فعول الفروع، فعالل البرامج، مفاعل
    المناطق، فواعل الشوارع)."""
    if (len(word) >= 5 and word.endswith("\u0627\u062a")) or (
            len(word) >= 6 and word.endswith(("\u0648\u0646", "\u064a\u0646"))):
        return True  # not تعاون، قانون
    n = len(word)
    return ((n == 5 and word[0] == "\u0627" and word[3] == "\u0627")  # أفعال
            or (n == 4 and word[2] == "\u0648")  # فعول
            # فعالل، مفاعل، فواعل (البرامج، المناطق، الشوارع); not تفاعل (تعاون) nor فعالة
            or (n == 5 and word[2] == "\u0627" and word[0] != "\u062a"
                and not word.endswith("\u0647")))
