"""Counting of multiword term candidates over a stream of documents.

Candidates are n-grams of 1–5 Arabic words inside one chunk (no punctuation,
number or Latin word in between), with no stopword at either edge and only
connectors (عبر، غير) and a preposition that the noun before it governs (الحد من الفقر,
governed.tsv) inside. The first word loses its proclitics
(بالتحول الرقمي → التحول الرقمي); every word is keyed without the article, so
التحول الرقمي and تحول رقمي are one term.

Verb-like first words (يتقدم، أنفقت، حددته) never start a candidate, and a word
with a preposition clitic (للتحول) or a pronoun suffix never ends one, except ل + the
article after a definite noun and its adjective (البنية التحتية للنقل). Behind a bare
ل or ب, a noun starts one only when its genitive follows (لشبكة النقل → شبكة النقل),
and not an action noun (لتنفيذ), a compound preposition (بقيمة) or a verb (لتصل). A verb in
the future (سيصبح، ستنفذ، ستشمل) is in no candidate at all, like a stopword. A
definite noun between a feminine construct noun and a feminine adjective (قاعدة
بيانات السكان الوطنية) starts no phrase with that adjective (السكان الوطنية).
:meth:`TermCounter.ranked` scores them (:mod:`toolkit.extract.ranking`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence

from glossary.normalize import normalize_ar
from toolkit.extract.candidates import (
    KnownSpans,
    TermCandidate,
    merge_conjunctions,
    merge_numbers,
    number_key,
    phrase_spans,
    surface_without_clitic,
)
from toolkit.extract.contexts import MAX_CONTEXTS, make_context
from toolkit.extract.data import (
    connectors,
    deictic_nouns,
    governed_prepositions,
    light_heads,
    modifier_phrases,
    person_words,
    place_cue_words,
    preposition_nouns,
    prepositions,
    stopwords,
    term_heads,
    time_adjectives,
    time_nouns,
    word_senses,
)
from toolkit.extract.ranking import (
    ADJECTIVE_START_WEIGHT,
    COORDINATION_WEIGHT,
    INDEFINITE_WEIGHT,
    LIGHT_HEAD_WEIGHT,
    TERM_HEAD_WEIGHT,
    UNIGRAM_GENERAL_WEIGHT,
    UNIGRAM_MIN_KEYNESS,
    VERB_START_WEIGHT,
    rank_candidates,
)
from toolkit.extract.termhood import (
    RARE,
    REFERENCE_FLOOR,
    UNIGRAM_WEIGHT,
    cvalues,
    keyness,
)
from toolkit.extract.termwords import (
    Agreement,
    Word,
    adjective_follows,
    construct_head,
    coordinated_adjective,
    feminine_adjective,
    noun_of_left_noun,
)
from toolkit.extract.tokenize import (
    ARTICLE,
    CONJUNCTIONS,
    NISBA_ENDINGS,
    PREPOSITION_CLITICS,
    Token,
    derived_verb,
    fold_ar,
    future_verb,
    lam_keyed,
    light_ar,
    nisba_gender,
    split_clitic,
    term_word_key,
)

__all__ = [
    "ADJECTIVE_START_WEIGHT",
    "COORDINATION_WEIGHT",
    "INDEFINITE_WEIGHT",
    "LIGHT_HEAD_WEIGHT",
    "MAX_TERM_WORDS",
    "RARE",
    "REFERENCE_FLOOR",
    "TERM_HEAD_WEIGHT",
    "UNIGRAM_GENERAL_WEIGHT",
    "UNIGRAM_MIN_KEYNESS",
    "UNIGRAM_WEIGHT",
    "VERB_START_WEIGHT",
    "KnownSpans",
    "TermCandidate",
    "TermCounter",
    "cvalues",
    "keyness",
    "merge_conjunctions",
    "merge_numbers",
    "number_key",
    "surface_without_clitic",
]

#: Longest term candidate, in words.
MAX_TERM_WORDS = 5
#: Term candidates held in memory before the rarest are dropped (lossy counting).
MAX_CANDIDATES = 1_000_000
#: Word analyses kept across documents (memory bound).
MAX_WORD_MEMO = 200_000
#: Endings of a noun that takes feminine adjectives: ة and the plural ات.
_FEMININE_ENDINGS = ("\u0629", "\u0627\u062a")
#: و + alef with hamza (وأ، وإ، وآ): no Arabic noun starts so (وأد is a rare verb), so
#: the و is the conjunction even when the rest is not in the lexicon (وأكشاك).
_WAW_HAMZA = ("\u0648\u0623", "\u0648\u0625", "\u0648\u0622")
_PRONOUN_SUFFIXES = ("\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627", "\u0643\u0645",
                     "\u0646\u0627")  # ها هم هما كم نا
#: عشر، عشرة after a number or ordinal make 11–19 (التاسعة عشرة: the nineteenth): the word
#: before them is half a number, so no candidate ends there (keys as term_word_key gives them).
#: No governed preposition: no start position, no governing word.
_NONE = (-1, -1)
#: في "in", folded: after ل + an object it is mostly the place of the sentence.
_FI = "\u0641\u064a"
#: First letters of a verb in the imperfect (يصل، تصل): after ل, a short word with one
#: says what for.
_IMPERFECT_PREFIXES = ("\u064a", "\u062a")
#: The imperfect of the tenth form (تستفيد، يستخدم): its verbal noun starts with است.
_IMPERFECT_TENTH = ("\u062a\u0633\u062a", "\u064a\u0633\u062a")
_TEENS = frozenset({"\u0639\u0634\u0631", "\u0639\u0634\u0631\u0647"})


class TermCounter:
    """Counts term candidates over a stream of documents (one chunk at a time).

    Args:
        known: Tells whether a folded word is a word (lexicon or document
            vocabulary): a bare proclitic is split off when the rest is known...
        lexical: ...and the whole word is not in the lexicon.
        max_words: Longest candidate.
        max_candidates: Candidates held before the rarest are dropped.
    """

    def __init__(self, known: Callable[[str], bool] | None = None,
                 lexical: Callable[[str], bool] | None = None,
                 max_words: int = MAX_TERM_WORDS,
                 max_candidates: int = MAX_CANDIDATES) -> None:
        self.known = known
        self.lexical = lexical
        self.max_candidates = max_candidates
        #: Candidates seen fewer times than this may have been dropped (0: none were).
        self.pruned_below = 0
        self.max_words = max_words
        self.terms: dict[tuple[str, ...], TermCandidate] = {}
        self.word_counts: Counter[str] = Counter()
        self.total_words = 0
        self._stop = stopwords()
        self._connectors = connectors()
        self._phrases = modifier_phrases()
        self._governed = governed_prepositions()
        self._deictic = deictic_nouns()
        self._places = self._deictic | place_cue_words()
        self._heads = term_heads()
        self._light = light_heads()
        self._preposition_nouns = preposition_nouns()
        self._prepositions = prepositions()
        self._posts = person_words()
        self._times = time_nouns()
        self._time_adjectives = time_adjectives()
        self._senses = word_senses()
        self._words: dict[str, Word] = {}
        self._memo: dict[tuple[str, str], Word] = {}

    def start_document(self) -> None:
        """Forgets the per-document word cache (the ``known`` lexicon may change).

        When more than :attr:`max_candidates` candidates are held, the rarest are
        dropped (lossy counting: those seen once, then twice …), so memory stays
        bounded on large corpora; the frequent candidates keep exact counts.
        """
        self._words.clear()
        floor = 1
        while len(self.terms) > self.max_candidates:
            self.terms = {k: c for k, c in self.terms.items() if c.count > floor}
            self.pruned_below = max(self.pruned_below, floor + 1)
            floor += 1

    def _word(self, tok: Token) -> Word:
        cached = self._words.get(tok.text)
        if cached is None:
            # Only the proclitic split depends on the document (its vocabulary); the
            # rest of the analysis is kept across documents, per (word, split).
            light = tok.light or light_ar(tok.text)
            prefix, stem = split_clitic(light, self.known, self.lexical)
            if not prefix and light.startswith(_WAW_HAMZA) and len(light) >= 5:
                prefix, stem = light[:1], light[1:]  # وأكشاك: و + أكشاك
            memo_key = (tok.text, prefix)
            cached = self._memo.get(memo_key)
            if cached is None:
                cached = self._new_word(tok, light, prefix, stem)
                if len(self._memo) < MAX_WORD_MEMO:
                    self._memo[memo_key] = cached
            self._words[tok.text] = cached
        return cached

    def _new_word(self, tok: Token, light: str, prefix: str, stem: str) -> Word:
        inner_prefix, inner_stem = split_clitic(light, None)
        restored = stem.startswith(ARTICLE) and not light[len(prefix):].startswith(ARTICLE)
        first_surface, offset = surface_without_clitic(tok.text, prefix, restored)
        # Forms are spelled without harakat or tatweel (الرقـمي is الرقمي: ``light``), as
        # names are; contexts keep what the document wrote.
        first_surface = normalize_ar(first_surface, match=False).text
        bare = term_word_key(stem)
        folded_stem = fold_ar(stem)
        folded = tok.norm or fold_ar(light)
        past_verb = not stem.startswith(ARTICLE) and derived_verb(folded_stem)
        stop = (folded_stem in self._stop or folded in self._stop
                or (folded[:1] in CONJUNCTIONS and folded[1:] in self._stop)
                or "\u064b" in tok.text  # tanween fath: an adverbial accusative
                or future_verb(stem))  # ستنفذ: no candidate holds a verb
        return Word(light, first_surface, offset, bare,
                     term_word_key(inner_stem), stop, folded_stem in self._connectors,
                     prefix.endswith(PREPOSITION_CLITICS) and not restored
                     and not light[len(prefix):].startswith(ARTICLE),
                     prefix.startswith(CONJUNCTIONS), stem.startswith(ARTICLE),
                     inner_prefix.endswith(PREPOSITION_CLITICS)
                     or prefix.endswith(PREPOSITION_CLITICS),
                     (folded_stem.startswith("\u064a") and len(folded_stem) >= 4)
                     or self._perfect_verb(stem, folded_stem) or past_verb,
                     len(folded_stem) >= 5 and folded_stem.endswith(_PRONOUN_SUFFIXES),
                     nisba_gender(stem) if not prefix.endswith(PREPOSITION_CLITICS) else "",
                     stem.endswith(_FEMININE_ENDINGS), restored,
                     prefix.endswith("\u0644") and stem.startswith("\u0644")
                     and not stem.startswith(ARTICLE), past_verb)

    def add_chunk(self, doc: str, text: str, tokens: Sequence[Token],
                  skip: Iterable[int] = (), known: KnownSpans | None = None) -> None:
        """Counts the candidates of one chunk.

        Args:
            doc: Document path.
            text: Original document text (for contexts).
            tokens: The Arabic tokens of the chunk.
            skip: Indexes of tokens that belong to names: no candidate contains them.
            known: Where the approved glossary entries occur in the document: an
                occurrence inside a longer one is counted as ``covered`` by that entry.
        """
        skipped = set(skip)
        words = [self._word(t) for t in tokens]
        for w in words:
            self.word_counts[w.first_key] += 1
        self.total_words += len(words)
        n = len(words)
        terms = self.terms
        # عن بعد، في الوقت الحقيقي: words a term holds after a noun, a stopword or not
        phrases = phrase_spans([t.norm or fold_ar(t.text) for t in tokens], self._phrases)
        # الحد من الفقر: a preposition inside, and الحد a stopword that starts a term
        governed, governing = self._governed_at(words)
        for i in range(n):
            wi = words[i]
            # للجنة التوجيهية: a definite adjective after it, so ل + اللجنة, not ل + لجنة
            fused = (wi.fused and i + 1 < n and words[i + 1].definite
                     and bool(words[i + 1].nisba))
            if ((wi.stop and i not in governing) or wi.connector
                    or (wi.preposition and not fused and not self._clitic_head(words, i, skipped))
                    or wi.verb_like
                    or (skipped and i in skipped) or self._time_adverb(words, i)):
                continue
            key: tuple[str, ...] = (wi.first_key,)
            restore = "\u0627" if wi.restored else ARTICLE if fused else ""
            surfaces: tuple[str, ...] = ((ARTICLE if fused else "") + wi.first_surface,)
            coordinations = 0
            agreement = Agreement(wi)
            left_cut = i > 0 and noun_of_left_noun(words[i - 1], wi) and not (
                skipped and i - 1 in skipped)
            closed = False  # a modifier phrase ends the candidate
            for j in range(i, min(n, i + self.max_words)):
                if j > i:
                    wj = words[j]
                    phrase = phrases.get(j) if phrases else None
                    inside = phrase is not None and phrase[0] > i
                    held = governed.get(j, _NONE)[0] >= i or (wj.stop and j in governing)
                    if closed or (skipped and j in skipped) or (
                            wj.past_verb) or (
                            wj.stop and not wj.connector and not inside and not held):
                        break  # ملوك هونغ | استقبل: a past verb of a derived form ends it
                    if not agreement.add(wj):
                        break  # an adjective that no noun of the candidate can take
                    # a coordinated word (والاتصالات) or a list of them ends it, with the
                    # last one's adjective (الزراعة والتنمية الريفية)
                    if coordinations and not wj.coordinated and not coordinated_adjective(
                            words[j - 1], wj):
                        break
                    if self._time_adverb(words, j):
                        break  # صندوق دعم المزارعين | العام الماضي: "last year"
                    if wj.coordinated:
                        coordinations += 1
                    key += (wj.key,)
                    surfaces += (wj.surface,)
                    if wj.connector or wj.suffixed or held or (
                            wj.attached and not self._lam_end(words, i, j, skipped)) or (
                            phrase is not None and inside and j < phrase[1]):
                        continue  # never the last word
                    closed = inside
                elif wi.suffixed or not wi.definite or wi.stop:
                    continue  # a single-word term is a noun: seen with the article
                if j + 1 < n and words[j + 1].first_key in _TEENS:
                    continue  # التاسعة | عشرة: half of a compound ordinal
                # البنية التحتية للنقل: keyed apart from البنية التحتية والنقل (term_key)
                counted = lam_keyed(key) if j > i and wj.attached else key
                cand = terms.get(counted)
                if cand is None:
                    cand = terms[counted] = TermCandidate(counted, coordinated=coordinations > 0)
                cand.count += 1
                if ((coordinations and adjective_follows(words, j, skipped))
                        or (left_cut and j > i and feminine_adjective(words[i + 1]))
                        or (j > i and self._construct_cut(words, i, j, closed, skipped))
                        or governed.get(j + 1, _NONE)[1] == j > i):  # … الوقاية | من
                    cand.cuts[doc] += 1
                cand.surfaces[surfaces] = cand.surfaces.get(surfaces, 0) + 1
                cand.docs[doc] += 1
                start, end = tokens[i].start + wi.first_offset, tokens[j].end
                if known:
                    entry = known.covering(start, end)
                    if entry is not None:
                        cand.covered[entry] += 1
                    entry = known.same(tokens[i].start, tokens[i].end, end)
                    if entry is not None:
                        cand.matched[(entry, doc)] += 1
                if len(cand.contexts) < MAX_CONTEXTS:
                    cand.contexts.append(make_context(doc, text, start, end, restore))

    def _clitic_head(self, words: Sequence[Word], i: int, skipped: Collection[int]) -> bool:
        """Whether a noun behind a bare ل or ب heads a candidate: its genitive follows
        (لشبكة النقل الوطنية → شبكة النقل الوطنية); alone (بقوة، بشكل كبير) it is an
        adverb. Not an action noun of light_heads.txt (لتنفيذ: "in order to carry out"), a
        noun of a compound preposition (بقيمة، بحضور: preposition_nouns.txt), nor a short
        verb in the imperfect after ل (لتصل الصادرات: "for the exports to reach")."""
        key = words[i].first_key
        return (construct_head(words, i, skipped) and key not in self._light
                and key not in self._preposition_nouns
                and not (key[:1] in _IMPERFECT_PREFIXES and len(key) <= 4
                         and key not in self._times)
                and not key.startswith(_IMPERFECT_TENTH))  # لتستفيد: no masdar starts so

    def _lam_end(self, words: Sequence[Word], i: int, j: int, skipped: Collection[int]) -> bool:
        """Whether a word with ل + article ends the candidate ``i..j``: the name of an
        institution or a compound noun (term_heads.txt, or a noun of two words in
        words.tsv) with its adjective, then ل + a noun (المركز الوطني للابتكار، البنية
        التحتية للنقل). Not a place of the text (الحكومة الإلكترونية للمقاطعة); not before
        the object's adjective or a coordinated object (المركز الوطني للأبحاث | المتقدمة،
        اللجنة الوطنية للبحث | والإنقاذ); not a purpose, which governs a preposition (الهيئة
        العامة للتحقق | من) or heads no institution (المستثمرون الأجانب للوصول); a definite
        first word takes one adjective (الهيئة العامة للضرائب), not a second noun (وجهت
        الوزارة الدعوة الرسمية للمستثمرين). Such a candidate has a key of its own
        (:data:`~toolkit.extract.tokenize.LAM_OBJECT`), which nests no shorter one."""
        word, first = words[j], words[i].first_key
        if not (word.restored and not word.coordinated and j - i >= 2 and words[j - 1].definite
                and not words[j - 1].attached and word.first_key not in self._deictic
                and (j - i == 2 or not words[i].definite)):
            return False  # not after another ل (…للصحة للوصول) nor two definite nouns
        sense = self._senses.get((first, words[i + 1].key))
        if first not in self._heads and (sense is None or sense.pos != "noun"):
            return False
        if j + 1 >= len(words) or j + 1 in skipped:
            return True
        nxt = words[j + 1]
        if nxt.definite and not nxt.attached:
            return False  # its adjective (للأبحاث المتقدمة) or a coordinated object (والإنقاذ)
        # a purpose governs a preposition (للتحقق من، للنظر في، للالتزام بـ); في before
        # a name or a place noun is the sentence's place (المركز الوطني للابتكار | في
        # هانوي، في حديقة …), unless the object governs it (للتحكم في) or is an action
        # noun (للإسراع في)
        prep = fold_ar(nxt.surface)
        if prep == _FI and j + 2 < len(words) and (
                j + 2 in skipped or words[j + 2].first_key in self._places):
            return word.key not in self._light and (word.key, prep) not in self._governed
        return not (prep in self._prepositions
                    or (nxt.attached and nxt.surface.startswith("\u0628")))

    def _governed_at(self, words: Sequence[Word]
                     ) -> tuple[dict[int, tuple[int, int]], set[int]]:
        """Where a preposition that a word governs stands (governed.tsv): its position →
        the last position a candidate that holds it may start at, and the governing word's
        position. A candidate may start at the noun right before it (الحد من) or before
        the noun's adjective (التحول الرقمي في), or at a word before a participle (الأسر
        القريبة من). A candidate that ends with the governing word is cut from the phrase
        (التحول الرقمي في الوقاية | من). Not before a deictic noun or a noun of time
        (التحول الرقمي في | المقاطعة، في | السنوات الأخيرة): the sentence's place or time.
        Also returns the nouns that govern one, which may start a candidate though they
        are stopwords (الحد)."""
        found: dict[int, tuple[int, int]] = {}
        nouns: set[int] = set()
        for j in range(1, len(words) - 1):
            word, nxt = words[j], words[j + 1]
            if (not word.stop or word.coordinated or nxt.stop
                    or nxt.first_key in self._deictic or nxt.first_key in self._times):
                continue
            prep = fold_ar(word.surface)
            for head in (j - 1, j - 2):
                if head < 0 or (head == j - 2 and not (
                        words[j - 1].nisba and words[j - 1].definite == words[head].definite)):
                    continue
                entry = self._governed.get((words[head].key, prep))
                if entry is not None and not words[head].attached:
                    found[j] = (head if entry.starts else head - 1, head)
                    if entry.starts:
                        nouns.add(head)
                    break
        return found, nouns

    def _time_adverb(self, words: Sequence[Word], j: int) -> bool:
        """Whether the word at ``j`` is a noun of time with its adjective after it (العام
        الماضي "last year", الشهر المقبل), an adverb that no term holds."""
        return (words[j].first_key in self._times and j + 1 < len(words)
                and words[j + 1].first_key in self._time_adjectives)

    def _construct_cut(self, words: Sequence[Word], i: int, j: int, closed: bool,
                       skipped: Collection[int]) -> bool:
        """Whether the candidate ``i..j`` is cut from a construct: its last word is
        indefinite with its genitive after it, a definite word with no clitic (ممثل إدارة |
        التعليم). A noun of time after it is an adverb (العام الماضي), a deictic noun the
        text's place (حاضنة أعمال | الحي), an ending modifier phrase takes no genitive
        (التعليم عن بعد | الطلاب), nor does an adjective (منصة رقمية | الأسبوع). A first word
        that names a person by the post takes the whole phrase after it as its complement
        (مديرة تعاونية | البن), unless the last word is a post too (نائب رئيس | اللجنة)."""
        if closed or words[j].attached or not construct_head(words, j, skipped):
            return False
        nxt = words[j + 1].first_key
        if nxt in self._times:
            return False
        if words[i].first_key in self._posts:
            return words[j].first_key not in self._posts
        return nxt not in self._deictic and not words[j].surface.endswith(NISBA_ENDINGS)

    def _perfect_verb(self, stem: str, folded: str) -> bool:
        """أنفقت، وضعت، حددته: an indefinite word ending in ت (not the plural ات) or
        ته that the lexicon does not know is taken for a verb (past tense)."""
        if stem.startswith(ARTICLE) or (self.lexical is not None and self.lexical(stem)):
            return False
        if len(folded) >= 5 and folded.endswith("\u062a\u0647"):
            return True  # حددته: a verb with an object pronoun
        return (len(folded) >= 4 and folded.endswith("\u062a")
                and not folded.endswith("\u0627\u062a"))

    def ranked(self, min_count: int = 1) -> list[TermCandidate]:
        """Scores the candidates seen at least ``min_count`` times, best first (see
        :func:`toolkit.extract.ranking.rank_candidates`).

        Args:
            min_count: The fewest occurrences a candidate needs.

        Returns:
            The candidates, best first.
        """
        return rank_candidates(self.terms, self.word_counts, self.total_words, min_count)
