"""Cue words around a transliterated name: what introduces it, what follows it.

A mixin of :class:`toolkit.extract.names.NameDetector`. A name's kind comes from
the cue before it (السيد → person, بلدية → place, تعاونية → org), from a title
after it (، سكرتير الحزب), or from the noun that heads the definite words before it
(منطقة التكنولوجيا العالية هوا لاك: a zone). It also cuts a run where a person's name
follows a place's with no comma (سوك ترانغ لام كووك ترونغ), using the gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from toolkit.extract.data import Cue, cues, expressions, surnames
from toolkit.extract.namebridge import GAZETTEER_MIN, NameBridges
from toolkit.extract.namespans import memo as _memo
from toolkit.extract.namespans import stem_surface as _stem_surface
from toolkit.extract.tokenize import ARTICLE, Token, clitic_splits, strip_article

__all__ = ["COMMON_SURNAME_SHARE", "MAX_HEAD_MODIFIERS", "NameCues"]

#: Definite words a place or organisation cue may stand before a name (منطقة
#: التكنولوجيا العالية هوا لاك): they make it that kind, as a landmark word does.
MAX_HEAD_MODIFIERS = 3
#: Share of people a family name needs for a name it starts to stay a person's after
#: an institution's words (جامعة الطب الوطنية نغوين هوانغ: a researcher, not the school).
COMMON_SURNAME_SHARE = 0.01
MAX_NAME_TOKENS = NameBridges.MAX_NAME_TOKENS
_WAW = "\u0648"  # و: "and", before a coordinated definite word (والرياضة)


class NameCues:
    """Reads the cue words around a name (see the module docstring).

    Args:
        place_reading: Score of the best place reading of a name (near 1 where the
            gazetteer confirms it). ``None``: no name is confirmed.
        middle_named: Whether three Arabic words, read as a person's name, have a
            middle name that only middle names use (Văn, Thị). ``None``: never.
    """

    def __init__(self, place_reading: Callable[[str], float] | None,
                 middle_named: Callable[[str], bool] | None) -> None:
        self.place_reading = place_reading
        self.middle_named = middle_named
        self._cues = cues()
        self._cues_before = [c for c in self._cues if c.position == "before"]
        self._landmarks = [c for c in self._cues if c.position == "landmark"]
        self._expressions = expressions()
        # Titles (وزير): person cues that also follow a name as an appositive.
        self._titles = frozenset(strip_article(c.words[0]) for c in self._cues
                                 if c.kind == "person" and c.position == "after")
        # Every word of a person cue (مدير، رئيس، السيد): before an organisation's name it
        # makes the name after it a person's (مدير مستشفى الأطفال الوطني تران …).
        self._person_words = frozenset(strip_article(w) for c in self._cues
                                       if c.kind == "person" for w in c.words)
        # A place or organisation noun with the article (المنطقة، الميناء) heads the
        # definite words after it as its indefinite form heads a construct.
        self._definite_heads = {ARTICLE + c.words[0]: c for c in self._cues_before
                                if len(c.words) == 1 and c.kind != "person"}
        self._forms_cache: dict[str, frozenset[str]] = {}
        self._surnames = surnames()
        self._common_surnames = surnames(COMMON_SURNAME_SHARE)
        self._word_cache: dict[tuple[str, str], bool] = {}
        self._span_cache: dict[tuple[str, ...], float] = {}

    def _word_is(self, tok: Token, word: str) -> bool:
        if tok.type != "ar":
            return False
        return _memo(self._word_cache, (tok.norm, word), lambda: self._matches_word(tok, word))

    def _forms_of(self, norm: str) -> frozenset[str]:
        """The words a token may be (see :meth:`_matches_word`): itself, its stems
        after a proclitic, and الX for للX."""
        def forms() -> frozenset[str]:
            words = {norm, *(stem for _, stem in clitic_splits(norm)[1:])}
            if norm.startswith("\u0644\u0644"):
                words.add(ARTICLE + norm[2:])
            return frozenset(words)

        return _memo(self._forms_cache, norm, forms)

    def _matches_word(self, tok: Token, word: str) -> bool:
        if tok.norm == word:
            return True
        if word.startswith(ARTICLE) and tok.norm == "\u0644\u0644" + word[2:]:
            return True
        return any(stem == word for _, stem in clitic_splits(tok.norm)[1:])

    def _cue_before(self, tokens: Sequence[Token], first: int,
                    landmark: bool = False) -> Cue | None:
        if first < 1 or tokens[first - 1].type != "ar":
            return None
        forms = self._forms_of(tokens[first - 1].norm)
        for cue in self._landmarks if landmark else self._cues_before:
            if cue.words[-1] not in forms:
                continue
            n = len(cue.words)
            if first - n < 0:
                continue
            window = tokens[first - n:first]
            if all(self._word_is(t, w) for t, w in zip(window, cue.words, strict=True)):
                return cue
        return None

    def _cue_after(self, tokens: Sequence[Token], last: int) -> Cue | None:
        i = last + 1
        if i >= len(tokens) or tokens[i].type != "sep" or tokens[i].text not in "،,-–—":
            return None
        for cue in self._cues:
            if cue.position != "after":
                continue
            window = tokens[i + 1:i + 1 + len(cue.words)]
            if len(window) == len(cue.words) and all(
                    self._word_is(t, w) for t, w in zip(window, cue.words, strict=True)):
                return cue
        return None

    def _head_cue(self, tokens: Sequence[Token], first: int, person: bool = False
                  ) -> Cue | None:
        """The cue that heads the definite words right before a name: a place or
        organisation noun and up to :data:`MAX_HEAD_MODIFIERS` words with the article
        (منطقة التكنولوجيا العالية هوا لاك: a zone; ميناء المياه العميقة …; the noun
        may have the article too, before one or more of them: المنطقة الصناعية), or with
        ``person`` a person's title and its field: one word with the article and the
        fields coordinated with it (وزير المالية هو دوك فوك; نائب وزير الثقافة والرياضة
        والسياحة هو آنه دونغ). A title with an adjective (وزير الخارجية الأمريكي هو …)
        is the subject of a copula."""
        k = first
        for _ in range(MAX_HEAD_MODIFIERS):
            if k < 2 or tokens[k - 1].type != "ar":
                return None
            norm = tokens[k - 1].norm
            coordinated = norm.startswith(_WAW + ARTICLE)
            if not (coordinated or norm.startswith(ARTICLE)):
                return None
            k -= 1
            if person and coordinated:
                continue  # a field coordinated with the one before it
            if not person and k < first - 1:
                # المنطقة الصناعية فو نوي: the head noun itself definite, with an adjective
                head = next((self._definite_heads[f] for f in self._forms_of(norm)
                             if f in self._definite_heads), None)
                if head is not None:
                    return None if self._person_before(tokens, k) else head
            cue = self._cue_before(tokens, k)
            if cue is None:
                if person:
                    return None  # one word with the article, right after the title
                continue
            if (cue.kind == "person") != person:
                return None
            if not person and self._person_before(tokens, k - len(cue.words)):
                return None  # رئيس جامعة العلوم الطبيعية نجوين …: the rector, a person
            return cue
        return None

    def _before_person(self, tokens: Sequence[Token], members: list[int], clitic: str,
                       cue: str = "") -> list[int]:
        """The place of a run that a person's name follows with no comma (رئيس اللجنة
        الشعبية لمقاطعة سوك ترانغ لام كووك ترونغ: Sóc Trăng, then Lâm Quốc Trung).

        A run of four words or fewer that is a listed place is kept. A longer run, or
        one that is no listed place, is cut after the longest listed place it starts
        with when a place cue introduced it (``cue``), when a name of two words or more
        starting with a family name follows, or, with no organisation cue, when another
        listed place follows: كوانج نجاي فو تان دات is Quảng Ngãi, then Võ Tấn Đạt (not
        Phú Tân and دات); با ريا فونغ تاو فام فان هاي is Bà Rịa Vũng Tàu, then Phạm Văn
        Hải; a list of places without commas is cut place by place (لام دونغ داك نونغ).
        A person whose name starts like a place stays whole (الممثلة هوانغ ماي ثو ها:
        Hoàng Mai is a district). After an organisation cue the run is first cut before
        its last three words when they read as a person's name with a middle name (جامعة
        هونغ دوك بوي هوو نغيا: Hồng Đức, then Bùi Hữu Nghĩa)."""
        if len(members) <= MAX_NAME_TOKENS and self._gazetteer_place(tokens, members, clitic):
            return members
        last3 = len(members) - 3
        if (cue == "org" and last3 >= 2 and tokens[members[last3]].norm in self._surnames
                and self.middle_named is not None
                and self.middle_named(" ".join(tokens[k].text for k in members[last3:]))):
            return members[:last3]
        for cut in range(min(len(members) - 1, MAX_NAME_TOKENS), 1, -1):
            if not self._gazetteer_place(tokens, members[:cut], clitic):
                continue
            rest = members[cut:]
            person = len(rest) >= 2 and tokens[rest[0]].norm in self._surnames
            if cue == "place" or person or (cue != "org" and self._place_starts(tokens, rest)):
                return members[:cut]
        return members

    def _place_starts(self, tokens: Sequence[Token], members: Sequence[int]) -> bool:
        """Whether the gazetteer lists a place of two words or more that ``members``
        start with."""
        return any(self._gazetteer_place(tokens, members[:size], "")
                   for size in range(2, min(len(members), MAX_NAME_TOKENS) + 1))

    def _person_shaped(self, first: str, size: int) -> bool:
        """Whether a name of ``size`` tokens starting with ``first`` (folded, no clitic)
        reads as a person's whatever precedes it: a family name and two more words
        (تران مينه دين), or a common family name and one more (نغوين هوانغ)."""
        return (size >= 3 and first in self._surnames) or (
            size >= 2 and first in self._common_surnames)

    def _place_shaped(self, tokens: Sequence[Token], members: Sequence[int], clitic: str,
                      cue: Cue, bare: bool) -> bool:
        """Whether a name of two words after a place noun is the place's although it
        starts like a common family name (:meth:`_person_shaped`): when a landmark word
        without the article stands right before it (``bare``: جسر فونغ تشاو, Phong Châu)
        or the gazetteer lists it (المنطقة الصناعية فو نوي: Phố Nối). After a definite
        head it may be a person in apposition (الصياد في الميناء البحري نغوين نام)."""
        if cue.kind != "place" or len(members) != 2:
            return False
        if bare and not cue.words[0].startswith(ARTICLE):
            return True
        return self._gazetteer_place(tokens, members, clitic)

    def _person_before(self, tokens: Sequence[Token], k: int) -> bool:
        """Whether a word of a person cue (مدير، رئيس، المدير العام) is among the three
        words before ``tokens[k]`` (نائب رئيس مجلس إدارة شركة …)."""
        return any(tokens[m].type == "ar" and any(
            strip_article(stem) in self._person_words for _, stem in clitic_splits(tokens[m].norm))
            for m in range(max(0, k - 3), k))

    def _gazetteer_place(self, tokens: Sequence[Token], members: Sequence[int],
                         clitic: str) -> bool:
        """Whether the tokens read as a place the gazetteer knows (best place reading ≥
        :data:`GAZETTEER_MIN`)."""
        if self.place_reading is None:
            return False
        words = (_stem_surface(tokens[members[0]].text, clitic)[0],
                 *(tokens[k].text for k in members[1:]))
        reading = self.place_reading
        found = _memo(self._span_cache, ("place", *words), lambda: reading(" ".join(words)))
        return found >= GAZETTEER_MIN
