"""Arabic words that are also Vietnamese syllables, inside and at the start of names.

Short Arabic function words (هو "he", كان "was", لو "if", منه "from him") are also
how Vietnamese syllables are spelled (Hồ, Cần, Lò, Minh). Such a *bridging* word
is judged by :func:`syllable_share`: the probability that it spells one Vietnamese
syllable, whatever its tone and vowel quality, which Arabic script writes neither
of (a word's best toned reading alone splits the score: منه is Mênh 0.28 but one
syllable 1.0). The context then decides (:class:`NameBridges`, a base of
:class:`toolkit.extract.names.NameDetector`):

* between name tokens, when a syllable-like word that is no Arabic word follows
  (فام منه تشينه: Phạm Minh Chính);
* at the start of a name after a person or place cue, when such words follow
  (السيدة لو ثي ماي، مدينة كان ثو، مدينة هو تشي منه); the Arabic reading (مدينة
  كان فيها "the city was") is followed by an Arabic word;
* not at the start of a name without a cue (في باك نينه is "in Bắc Ninh", and an
  unlisted place after في reads as well as a person named Vi), unless a cue
  introduced that name earlier in the document;
* at the end of a name after a place or organisation cue (قرية با هو), or when the
  name then reads as a place the gazetteer knows (ديان بيان: Điện Biên);
* at the start of a name without a cue when the name is a whole place the gazetteer
  knows (تعمل آن جيانغ، وآن جيانغ، كي سون), or when the word is a family name before
  a middle name that only middle names use and a given name (ويملك هو فان لام: Văn
  never starts a name, so هو is Hồ, not "he"); see :meth:`NameBridges._uncued_start`.

It also finds the name that holds a glossary name and more words
(:meth:`NameBridges.longer_name`: بلدة فينه تشاو holds Vinh), which extraction
prefers to the glossary name: the longest name wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from toolkit.extract.cluster import spelling_skeleton
from toolkit.extract.data import Cue, copulas, cue_forms, particles, prepositions, stopwords
from toolkit.extract.namespans import NameSpan, stem_surface
from toolkit.extract.namespans import memo as _memo
from toolkit.extract.tokenize import (
    ARTICLE,
    Token,
    clitic_splits,
    light_ar,
    nisba_gender,
    strip_article,
)

if TYPE_CHECKING:
    from toolkit.extract.nametokens import NameToken

__all__ = ["ALEF_MADDA", "BRIDGE_LEN", "BRIDGE_MIN", "FUSED_LEN", "GAZETTEER_MIN", "HAMZA_FORMS",
           "STRONG", "NameBridges", "syllable_share"]

#: Best place reading a name needs to count as confirmed by the gazetteer.
GAZETTEER_MIN = 0.9
_NOTHING: Mapping[str, Cue] = MappingProxyType({})
#: Token likelihood above which a token is name-like on its own.
STRONG = 0.15
#: Longest Arabic word (letters) that may bridge as a syllable (بيان = Biên).
BRIDGE_LEN = 4
#: Probability of spelling one syllable a word needs to bridge.
BRIDGE_MIN = 0.5
#: Shortest word (letters) that, spelling several syllables and no known name, stays a
#: name of its own: a person's name writes each syllable as a word, and a word such as
#: لونجان (longan) or جينسنغ before a name (لونجان هونغ ين) is a loanword.
FUSED_LEN = 5
#: Pronouns that follow a definite subject as the copula ("is"): هو is then no family
#: name (المباراة هو فان دايك); other family names that are Arabic words (لو "if")
#: are never a copula, so الجندي لو فان بانه is the soldier Lò Văn Pánh.
COPULA_HO = "\u0647\u0648"
COPULAS = frozenset((COPULA_HO, "\u0647\u064a"))
#: "That" after a verb of saying (أكدت السيدة … أن) never follows "that he" (انه, folded),
#: which before it is then Anh, the name's last syllable. Other words before it are
#: Arabic (دون أن "without", لو أن "if", ما إن "as soon as", ثم إن "moreover").
COMPLEMENTIZERS = frozenset(("\u0623\u0646", "\u0625\u0646", "\u0628\u0623\u0646"))
THAT_HE = "\u0627\u0646\u0647"
#: The bare و that starts a given name whose vowel is a glide (وانه, وان: Oanh), where
#: Arabic would read "and"; "that" follows such a name, never "and" + a word; a و
#: before a hamza or madda (وأن، وإن، وآنه) is always "and".
_WAW = "\u0648"
_HAMZA_ALEFS = frozenset("\u0623\u0625\u0622")
#: في "in", and the proclitic ب "in, at", before a place cue after a name.
_IN = "\u0641\u064a"
_BA = "\u0628"
#: أ إ: a word that starts with them (أن / إن, particles) never bridges as a syllable, nor one
#: that holds them (فإن "then it is", read فان once the hamza is folded).
HAMZA_FORMS = ("\u0623", "\u0625")
#: The alef with madda written alone: after a name word it is the syllable A (بنك نام آ: Nam
#: Á; جيانغ آ باو: Giàng A Páo); it never starts a name (شركة آ بي سي, تل آ 1).
ALEF_MADDA = "\u0622"


def syllable_share(translit: Any, word: str) -> float:
    """The probability that an Arabic word spells one Vietnamese syllable.

    Summed over the word's untoned readings (:meth:`toolkit.translit.Transliterator.
    parse_token`, weighted as the transliterator ranks them): all tones and vowel
    qualities of one syllable count together, and no tone is decoded (fast).

    Args:
        translit: A :class:`toolkit.translit.Transliterator`.
        word: One Arabic word as written.

    Returns:
        The share of the one-syllable readings, 0..1 (0 if the word spells nothing).
    """
    from toolkit.translit.rules import arabic_tokens

    tokens = arabic_tokens(word)
    if len(tokens) != 1:
        return 0.0
    parses = translit.parse_token(tokens[0])
    total = sum(p.weight for p in parses)
    if total <= 0:
        return 0.0
    return sum(p.weight for p in parses if len(p.syllables) == 1) / total


def _adjective(tok: Token) -> bool:
    """Whether a token is a definite nisba adjective (الثانوية، الجبلية), which qualifies
    the cue before a name and ends the name's phrase."""
    return tok.type == "ar" and bool(nisba_gender(tok.light or light_ar(tok.text)))


class NameBridges:
    """Where a bridging word joins a name, and longer names (see the module docstring).

    A mixin of :class:`~toolkit.extract.names.NameDetector`, which sets the
    attributes below.
    """

    #: Longest name, in tokens.
    MAX_NAME_TOKENS = 4
    _titles: frozenset[str]
    _surnames: frozenset[str]
    _span_cache: dict[tuple[str, ...], float]
    likelihood: Callable[[Sequence[str]], float]
    reading: Callable[[str], float]
    fused: Callable[[str], bool] | None
    middle_named: Callable[[str], bool] | None

    if TYPE_CHECKING:
        def _classify(self, tok: Token) -> NameToken: ...
        def _cue_before(self, tokens: Sequence[Token], first: int,
                        landmark: bool = ...) -> Cue | None: ...
        def _head_cue(self, tokens: Sequence[Token], first: int, person: bool = ...
                      ) -> Cue | None: ...
        def _grow(self, tokens: Sequence[Token], i: int, taken: set[int],
                  seen: Mapping[str, Cue] = ...) -> NameSpan | None: ...
        def _gazetteer_place(self, tokens: Sequence[Token], members: Sequence[int],
                             clitic: str) -> bool: ...
        def _cue_after(self, tokens: Sequence[Token], last: int) -> Cue | None: ...


    def _strong_run(self, tokens: Sequence[Token], start: int, taken: set[int],
                    bridges: bool = False) -> int:
        """How many strong name tokens (with ``bridges``, also bridging words) follow one
        another from ``tokens[start]``."""
        end = start
        while (end < len(tokens) and tokens[end].type == "ar" and end not in taken
               and (self._classify(tokens[end]).strong
                    or (bridges and self._classify(tokens[end]).bridge))
               and not self._classify(tokens[end]).fused_word):
            end += 1
        return end - start

    def _uncued_start(self, tokens: Sequence[Token], i: int, taken: set[int]
                      ) -> tuple[str, int] | None:
        """Where a word that reads as a syllable starts a name without a cue: the
        proclitic to split off it and the index of the name's last token, ``None`` if
        it starts none.

        The word (also behind a proclitic: وآن) and the strong name tokens after it
        must read as a whole place the gazetteer knows (آن جيانغ: An Giang; كان ثو: Cần
        Thơ); after a strong token, bridging words may end it (إلى هو تشي منه: Hồ Chí
        Minh). A family name before آ and one name token is a Hmong man's name (هو آ
        تشو: Hờ A Chứ). Or the word must be a family name before two or three name tokens of
        which the first is, read as a person's name, a middle name that only middle
        names use (هو فان لام: Hồ Văn Lâm; هو ثي لان آنه; ``middle_named``). Arabic
        never puts "he" or "was" before such a name: "X is Văn Lâm" lacks the family
        name. Each of the others must then read as one syllable (:func:`syllable_share`;
        دايك، جال spell two: فان دايك is Dutch), and the word must not follow a definite
        word, after which it is the copula (أفضل لاعب في المباراة هو فان دايك: "is").
        """
        tok = tokens[i]
        if tok.light in particles():
            return None
        whole = self._strong_run(tokens, i + 1, taken)
        if not whole:
            # هو آ تشو: Hờ A Chứ, a Hmong man's name (آ alone is no Arabic word)
            hmong = (tok.norm in self._surnames and i + 2 < len(tokens)
                     and tokens[i + 1].text == ALEF_MADDA and i + 1 not in taken
                     and self._strong_run(tokens, i + 2, taken) == 1
                     and self._classify(tok).bridge and not self._after_definite(tokens, i))
            return ("", i + 2) if hmong else None
        # a longer run is a place, then a person; after a strong word, a listed place
        # may take syllables that are Arabic words too (إلى هو تشي منه: Hồ Chí Minh)
        strong = min(whole, self.MAX_NAME_TOKENS - 1)
        run = min(self._strong_run(tokens, i + 1, taken, bridges=True), self.MAX_NAME_TOKENS - 1)
        info = self._classify(tok)
        clitics = [""] if info.bridge else []
        for prefix, stem in clitic_splits(tok.norm)[1:]:
            rest = stem_surface(tok.text, prefix)[0]
            if (len(stem) <= BRIDGE_LEN and stem not in prepositions() and stem not in particles()
                    and not rest.startswith(HAMZA_FORMS) and self.reading(rest) >= BRIDGE_MIN):
                clitics.append(prefix)
        for size in range(run, 0, -1):
            members = range(i, i + 1 + size)
            # past the strong tokens, only the word as written (no proclitic split off)
            for clitic in clitics if size <= strong else [c for c in clitics if not c]:
                if self._gazetteer_place(tokens, members, clitic):
                    return clitic, members[-1]
        # هو فان تشي ثانه: Phan Chí Thanh after the copula, not Hồ Văn Chí Thanh
        four = whole == 3 and tokens[i + 1].norm not in self._surnames
        if (info.bridge and (whole == 2 or four) and tok.norm in self._surnames
                and not self._after_definite(tokens, i)
                and all(self.reading(t.text) >= BRIDGE_MIN for t in tokens[i + 1:i + 1 + whole])
                and self.middle_named is not None
                and self.middle_named(" ".join(t.text for t in tokens[i:i + 3]))):
            return "", i + whole
        return None

    def _after_definite(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether ``tokens[i]`` is a copula pronoun (:data:`COPULAS`) after a definite
        word with no cue: a subject or a predicate noun (المباراة هو، الهولندي هو، الفكرة
        هو), after which هو is the copula ("is"), not the family name Hồ."""
        if (tokens[i].norm not in COPULAS or i < 1 or tokens[i - 1].type != "ar"
                or self._cue_before(tokens, i) is not None):
            return False
        prev = tokens[i - 1].norm
        if prev in prepositions() or prev in particles():
            return False
        return any(stem.startswith(ARTICLE) and len(stem) > len(ARTICLE) + 1
                   for _, stem in clitic_splits(prev))

    def _bridge_start(self, tokens: Sequence[Token], i: int, taken: set[int],
                      seen: Mapping[str, Cue] = _NOTHING) -> Cue | None:
        """The cue by which a word that reads as a syllable starts a name, ``None`` if
        it does not start one.

        The word (هو = Hồ, see :func:`syllable_share`) must be followed by strong name
        tokens and stand right after a person or place cue (السيد هو دوك فوك، مدينة
        كان ثو) or after a title and one definite word (وزير المالية هو دوك فوك). A
        title may be the subject of a sentence whose هو is the copula (رئيس الوزراء
        هو فام مينه تشينه, "is"): after one, the tokens that follow must not start
        with a family name. An honorific (السيد) is no subject: after it هو is the
        family name (السيد هو فان لوك). Without a cue the word is read as Arabic (في
        باك نينه: "in Bắc Ninh"; وأشار هو …: "he"), unless the name it starts is one
        that a cue introduced before (``seen``: skeleton of
        :func:`~toolkit.extract.cluster.spelling_skeleton` → cue): وأشار هو دوك فووك
        after وزير المالية هو دوك فوك; it then gets that cue.
        """
        info = self._classify(tokens[i])
        # مدينة في ثانه، غابة أو مينه ها: a preposition or a particle right after a place
        # cue spells a syllable when the name it starts is a place the gazetteer knows
        # (Vị Thanh, U Minh Hạ).
        preposition = tokens[i].light in particles() or (
            not info.bridge and tokens[i].norm in prepositions())
        if not (info.bridge or preposition):
            return None
        run = min(self._strong_run(tokens, i + 1, taken), self.MAX_NAME_TOKENS - 1)
        if not run:
            return self._bridged_place(tokens, i, taken) if info.bridge else None
        cue = self._cue_before(tokens, i) or self._cue_before(tokens, i, landmark=True)
        if preposition:  # the whole run is the place (في ثانه هوا is "in Thanh Hóa")
            return cue if cue is not None and cue.kind == "place" and self._gazetteer_place(
                tokens, range(i, i + 1 + run), "") else None
        if cue is not None and cue.position == "landmark":
            cue = None  # a landmark vouches for no word that is Arabic too
        title = cue is not None and any(strip_article(w) in self._titles for w in cue.words)
        if cue is None:
            # وزير المالية هو دوك فوك: a title and its field; مدينة الكان ثو: only a
            # title takes a definite complement
            cue = self._head_cue(tokens, i, person=True)
            title = cue is not None
        if cue is None and seen:
            words = " ".join(tok.text for tok in tokens[i:i + 1 + run])
            again = seen.get(spelling_skeleton(words))
            if again is not None:
                return again
        if cue is None or cue.kind not in ("person", "place"):
            return None
        if title and (tokens[i].norm != COPULA_HO or tokens[i + 1].norm in self._surnames
                      or self._gazetteer_place(tokens, range(i + 1, i + 1 + run), "")):
            return None  # الوزير هو دا نانغ: "is Đà Nẵng"; هي is never a family name
        return cue

    def _bridged_place(self, tokens: Sequence[Token], i: int, taken: set[int]) -> Cue | None:
        """The place cue before ``tokens[i]`` when it and the bridging words after it,
        all Arabic words too, read as a whole place the gazetteer knows and the phrase
        ends there: punctuation, the end, or the cue's definite adjective follows
        (بمقاطعة دين بين، : Điện Biên, "religion" and "between"; not في قرية تم بين
        عامي: "was done between two years"), else ``None``."""
        cue = self._cue_before(tokens, i)
        if cue is None or cue.kind != "place":
            return None
        run = min(self._strong_run(tokens, i + 1, taken, bridges=True), self.MAX_NAME_TOKENS - 1)
        for size in range(run, 0, -1):
            after = tokens[i + 1 + size] if i + 1 + size < len(tokens) else None
            if (after is None or after.type == "sep" or _adjective(after)
                    ) and self._gazetteer_place(tokens, range(i, i + 1 + size), ""):
                return cue
        return None

    def continues_person(self, tokens: Sequence[Token], first: int, last: int,
                         blocked: Callable[[int], bool]) -> bool:
        """Whether ``tokens[first..last]`` (a place the glossary knows) is the end of a
        person's name rather than a place.

        Vietnamese given names are often place names (Nguyễn Thị Thanh Hoa, Nguyễn
        Hòa Bình): the span continues a person's name when the name tokens right before
        it (no separator, no Arabic word between) start with a family name or follow
        a person cue word (السيدة نجوين ثي ثانه هوا), or when a person cue stands
        right before the span itself (السيد هوا بينه); the whole name must stay within
        :attr:`MAX_NAME_TOKENS`. A place that the text separates from the name (في
        مقاطعة …), that carries a proclitic (وهانوي) or that is written fused (زار
        السيد نجوين هانوي: Hà Nội is one word, a name's syllables are one word each)
        is not given here.

        Args:
            tokens: The document's tokens.
            first: Index of the span's first token.
            last: Index of its last token (inclusive).
            blocked: Whether a token index belongs to another name or a code (not
                walked over).

        Returns:
            ``True`` if the span ends a person's name.
        """
        if self._holds_fused(tokens, first, last):
            return False
        j = first
        while j > 0 and not blocked(j - 1) and tokens[j - 1].type == "ar":
            info = self._classify(tokens[j - 1])
            if not (info.strong or info.medium or info.clitic):
                break
            j -= 1
            if info.clitic:
                break  # ونجوين: the proclitic starts the name
        if first - j + last - first + 1 > self.MAX_NAME_TOKENS:
            return False
        cue = self._cue_before(tokens, j)
        if cue is not None or j == first:
            return cue is not None and cue.kind == "person"
        return tokens[j].norm[len(self._classify(tokens[j]).clitic):] in self._surnames

    def _inner_word(self, tokens: Sequence[Token], j: int, size: int, taken: set[int]) -> int:
        """How many tokens from ``tokens[j]`` (an Arabic word) join a person's name of
        ``size`` tokens so far: the word and the strong run after it when the
        transliterator reads the word as a strong name token (دين of السيد ترينه دين
        زونغ: Đình written without its final ه, also "religion"), else 0."""
        tok = tokens[j]
        if not self._classify(tok).lexical or tok.light in particles():
            return 0
        words = (tok.text,)
        if _memo(self._span_cache, words, lambda: self.likelihood(words)) < STRONG:
            return 0
        run = self._strong_run(tokens, j + 1, taken)
        return 1 + run if run and size + 1 + run <= self.MAX_NAME_TOKENS else 0

    def longer_name(self, tokens: Sequence[Token], first: int, last: int,
                    taken: set[int]) -> NameSpan | None:
        """A name the detector reads over ``tokens[first..last]`` and more words, which
        a cue anchors or the gazetteer confirms (بلدة فينه تشاو holds the known Vinh;
        شركة فيتيل بوست the known Viettel): the longer name wins over a glossary
        name found inside it. A glossary name written as one word for several
        syllables (هانوي) is never inside another name (see
        :meth:`~toolkit.extract.names.NameDetector.continues_person`).

        Args:
            tokens: The document's tokens.
            first: Index of the inner name's first token.
            last: Index of its last token (inclusive).
            taken: Indexes not to read (codes).

        Returns:
            The longer name, or ``None``.
        """
        if not (self._may_extend(tokens, first - 1, taken)
                or self._may_extend(tokens, last + 1, taken)):
            return None  # no name-like word beside it: the usual case, decided cheaply
        if self._holds_fused(tokens, first, last):
            return None  # زار السيد نجوين فان هونغ هانوي: a fused place is its own name
        for start in range(max(0, first - self.MAX_NAME_TOKENS + 1), first + 1):
            span = self._grow(tokens, start, taken)
            if (span is not None and span.first <= first and span.last >= last
                    and span.last - span.first > last - first
                    and (span.cued or span.likelihood >= GAZETTEER_MIN)):
                return span
        return None

    def _holds_fused(self, tokens: Sequence[Token], first: int, last: int) -> bool:
        """Whether an Arabic word of ``tokens[first..last]`` is a name written fused
        (هانوي); the dash or number of a listed name (با ريا - فونغ تاو) is none."""
        return self.fused is not None and any(self.fused(tokens[k].text)
                                              for k in range(first, last + 1)
                                              if tokens[k].type == "ar")

    def _may_extend(self, tokens: Sequence[Token], k: int, taken: set[int]) -> bool:
        """Whether ``tokens[k]`` may belong to a name beside another (no Arabic word
        that reads as no syllable)."""
        if not 0 <= k < len(tokens) or k in taken or tokens[k].type != "ar":
            return False
        info = self._classify(tokens[k])
        return info.medium or info.bridge or bool(info.clitic)

    def _phrase_end(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether a name's phrase ends before ``tokens[k]``: at the end, punctuation,
        "that", a definite nisba adjective or a larger place (:meth:`_place_phrase_at`)."""
        if k >= len(tokens) or tokens[k].type == "sep":
            return True
        return (tokens[k].light in COMPLEMENTIZERS or _adjective(tokens[k])
                or self._place_phrase_at(tokens, k))

    def _place_phrase_at(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether the phrase at ``tokens[k]`` places the name before it in a larger
        place: في and a place cue (في مقاطعة كون توم), or a place cue behind ب
        (بمقاطعة)."""
        if k >= len(tokens) or tokens[k].type != "ar":
            return False
        if tokens[k].light == _IN:
            cue = self._cue_before(tokens, k + 2)
        elif tokens[k].norm.startswith(_BA) and tokens[k].norm not in cue_forms():
            cue = self._cue_before(tokens, k + 1)  # بمقاطعة; not بلدة itself
        else:
            return False
        return cue is not None and cue.kind == "place"

    def _glued_syllable(self, tokens: Sequence[Token], members: Sequence[int], j: int,
                        cue: Cue | None, clitic: str) -> bool:
        """Whether ``tokens[j]``, which Arabic reads as a word, is the last syllable of a
        person's name (see :meth:`_ends_name`): "that" after "that he" (انه أن), or a
        title after a comma, never follows the Arabic reading."""
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        person = cue.kind == "person" if cue is not None else (
            len(members) >= 2 and tokens[members[0]].norm[len(clitic):] in self._surnames)
        if after is None or not person:
            return False
        tok = tokens[j]
        if tok.norm == THAT_HE:
            if cue is not None and after.light in COMPLEMENTIZERS:
                return True  # السيدة دو تي لان انه أن
            # فام ثي ثو انه، مديرة المدرسة: a title follows (not انه، رغم الصعوبات، …)
            title = self._cue_after(tokens, j)
            return tok.light == THAT_HE and title is not None and title.kind == "person"
        # السيدة فان تي كيم وانه إن: the و of Oanh, not "and" (وإن، وأن، وآنه are Arabic)
        return (cue is not None and len(members) >= 2 and tok.light.startswith(_WAW)
                and tok.light[1:2] not in _HAMZA_ALEFS and after.light in COMPLEMENTIZERS
                and self.reading(tok.text) >= BRIDGE_MIN)

    def _ends_name(self, tokens: Sequence[Token], members: Sequence[int], j: int,
                   cue: Cue | None, clitic: str) -> bool:
        """Whether the Arabic word ``tokens[j]`` ends the name ``members``:

        * a bridging word after a place or organisation cue (قرية با هو), unless an
          Arabic word follows other than a definite nisba adjective (the cue's: مدرسة لي
          كوي دون الثانوية) or a larger place (بلدة مانغ دين في مقاطعة كون توم);
        * انه after a person cue before "that" (السيدة دو تي لان انه أن) or, written
          without hamza, before a comma and a person's title after a person cue or a
          family name (فام ثي ثو انه، مديرة المدرسة);
        * a one-syllable word with a bare initial و after a person cue and two name
          words, before "that" (السيدة فان تي كيم وانه إن: Oanh, whose glide Arabic
          writes as "and");
        * a preposition only after a place cue or an uncued name of two words or more,
          when the name is no such place without it (باخ لونغ في: Bạch Long Vĩ; جبل با
          في: Ba Vì; not هاي فونغ | في, nor السيد كونغ | في);
        * a short word with which the name reads as a place the gazetteer knows (ديان
          بيان: Điện Biên), cue or not."""
        tok = tokens[j]
        info = self._classify(tok)
        if cue is not None and cue.kind in ("place", "org") and info.bridge:
            after = tokens[j + 1] if j + 1 < len(tokens) else None
            if not info.lexical or after is None or after.type == "sep":
                return True
            if tok.norm not in copulas() and (_adjective(after) or (
                    tok.norm not in stopwords() and self._place_phrase_at(tokens, j + 1))):
                # مدرسة لي كوي دون الثانوية، بلدة مانغ دين في مقاطعة …; not a function
                # word before the next place (مدينة هوي ثم في مدينة …)
                return True
        if len(tok.norm) > BRIDGE_LEN or tok.light in particles():
            return False
        if self._glued_syllable(tokens, members, j, cue, clitic):
            return True
        if tok.norm in prepositions():  # باخ لونغ في: Bạch Long Vĩ, في no "in" here
            return ((cue.kind == "place" if cue is not None else len(members) >= 2)
                    and self._gazetteer_place(tokens, [*members, j], clitic)
                    and not self._gazetteer_place(tokens, members, clitic))
        if cue is None and not (info.bridge or info.medium):
            return False
        return self._gazetteer_place(tokens, [*members, j], clitic)

