"""Transliterated Vietnamese names: spans of name-like tokens, anchored by cue words.

Each Arabic token is scored with the transliterator
(:func:`toolkit.translit.name_likelihood`); a token that is an Arabic word
(reference list, stopword, cue word, or a word with the article) is never
name-like. A name is a run of name-like tokens:

* *strong* tokens (likelihood ≥ :data:`STRONG`) form the run; the first token
  may carry a proclitic (وها تينه، لتاي نجوين، بلاو كاي);
* a *medium* token (≥ :data:`MEDIUM`) joins a run next to a strong token;
* a short Arabic word that is also a Vietnamese syllable (هو = Hồ, منه = Minh,
  judged by :func:`~toolkit.extract.namebridge.syllable_share`) joins between two
  name tokens when the name stays within :data:`MAX_NAME_TOKENS`, or at the end of
  a name that a place or organisation cue introduces (قرية با هو) or that the
  gazetteer confirms as a place (ديان بيان); it also starts a name after a person
  or place cue (السيدة لو ثي ماي، مدينة كان ثو), and without one a person's
  name when it is a family name before a middle-only middle name and a given name
  (هو فان لام) or a place that the gazetteer confirms whole (آن جيانغ): see
  :mod:`toolkit.extract.namebridge`;
* a word that the gazetteer lists as a place's Arabic spelling (فيتنام) is a name
  even though Arabic uses it as a word, and a proclitic ك stays on a word that
  reads as a place only with it (منطقة كرونغ باك: Krông Pắc);
* after a person cue, an Arabic word that the transliterator reads as a strong
  name token joins between name tokens (السيد ترينه دين زونغ: دين = Đình);
* a cue word behind a proclitic (لحي، لبلدية) is an Arabic word, whatever its
  length, and the cue of the name after it.

A run of two tokens or more is a name when the whole run is likely enough or reads
as a place the gazetteer knows (وهوتشي منه، هوي آن); a single token only after a cue
word or when it is a fused known name (هانوي) or a word spelling several syllables
that the gazetteer confirms as a place (دالات، كانتو). A word of
:data:`~toolkit.extract.namebridge.FUSED_LEN` letters or more that spells several
syllables is a name only on its own (لونجان هونغ ين: the fruit, then Hưng Yên).
The kind comes from votes: the cue before the name (السيد → person, بلدية →
place, تعاونية → org), a title after it (، سكرتير الحزب → person), and the
shape (a family name first, three syllables → person), which counts once per
document rather than once per occurrence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from toolkit.extract.cluster import spelling_skeleton
from toolkit.extract.data import Cue
from toolkit.extract.namebridge import (
    ALEF_MADDA,
    BRIDGE_LEN,
    GAZETTEER_MIN,
    STRONG,
    NameBridges,
    syllable_share,
)
from toolkit.extract.namecues import NameCues
from toolkit.extract.namespans import MEMO_SIZE, NameSpan, leading_kind, reads_particle
from toolkit.extract.namespans import memo as _memo
from toolkit.extract.namespans import stem_surface as _stem_surface
from toolkit.extract.nametokens import (
    FUSED_MIN,
    MEDIUM,
    ListedNames,
    NameToken,
    TokenClassifier,
)
from toolkit.extract.tokenize import (
    Token,
    clitic_splits,
)

__all__ = [
    "BRIDGE_LEN",
    "GAZETTEER_MIN",
    "MAX_NAME_TOKENS",
    "MEDIUM",
    "MEMO_SIZE",
    "STRONG",
    "NameDetector",
    "NameSpan",
    "reads_particle",
]

#: Likelihood a run of two or more tokens needs without a cue word.
SPAN_MIN = 0.2
#: Fewest tokens of a run that may hold a person's name after a place's (سوك ترانغ لام
#: كووك …): a place of two words, then two.
MIN_PLACE_AND_PERSON = 3
#: Likelihood a run needs after a cue word.
CUED_MIN = 0.05
#: Longest name, in tokens.
MAX_NAME_TOKENS = NameBridges.MAX_NAME_TOKENS

_NOTHING: Mapping[str, Cue] = MappingProxyType({})
_KAF = "\u0643"  # ك: "like", also the first letter of onset clusters (كرونغ = Krông)
#: Likelihood a single token needs after a cue word.
SINGLE_CUED_MIN = 0.3


class NameDetector(NameCues, NameBridges):
    """Finds transliterated Vietnamese names in the token list of one document.

    Args:
        lexical: Tells whether a word (as written) is an ordinary Arabic word.
        likelihood: Name likelihood of a sequence of Arabic tokens
            (default: :func:`toolkit.translit.name_likelihood`).
        reading: Probability that one Arabic token spells one Vietnamese syllable,
            for bridging words (default: :func:`~toolkit.extract.namebridge.
            syllable_share` with the default transliterator).
        place_reading: Score of the best place reading of a name (near 1 where
            the gazetteer confirms it); lets an Arabic word that is also a syllable
            end a cued name before more words (مستشفى باك كان العام → Bắc Kạn).
            ``None``: only at the end of a chunk.
        fused: Whether one Arabic word spells several syllables (هانوي = Hà Nội).
            A person's name writes each syllable as a word, so a fused place is
            never part of one (:meth:`continues_person`), and a long fused word
            that no table knows is a name only on its own. ``None``: no word is.
        middle_named: Whether three Arabic words, read as a person's name, have a
            middle name that only middle names use (Văn, Thị); lets a family name
            that is also an Arabic word start a name without a cue (هو فان لام).
            ``None``: never.
        listed: Names listed with an Arabic word after the name (فيتين بنك), read
            whole wherever they occur. ``None``: none.
        dashed: Whether two names joined by a dash are one listed place (با ريا - فونغ
            تاو: Bà Rịa – Vũng Tàu; not هانوي - هاي فونغ, a route). ``None``: never.
    """

    def __init__(self, lexical: Callable[[str], bool],
                 likelihood: Callable[[Sequence[str]], float] | None = None,
                 reading: Callable[[str], float] | None = None,
                 place_reading: Callable[[str], float] | None = None,
                 fused: Callable[[str], bool] | None = None,
                 middle_named: Callable[[str], bool] | None = None,
                 listed: ListedNames | None = None,
                 dashed: Callable[[str], bool] | None = None) -> None:
        if likelihood is None or reading is None:
            from toolkit.translit import default_transliterator

            translit = default_transliterator()

            def _reading(token: str) -> float:
                return syllable_share(translit, token)

            likelihood = likelihood or translit.name_likelihood
            reading = reading or _reading
        NameCues.__init__(self, place_reading, middle_named)
        self.lexical = lexical
        self.likelihood = likelihood
        self.reading = reading
        self.fused = fused
        self.listed = listed
        self.dashed = dashed
        self._tokens = TokenClassifier(lexical, likelihood, reading, fused)

    # ------------------------------------------------------------------ tokens
    def _classify(self, tok: Token) -> NameToken:
        return self._tokens.classify(tok)

    def _medium_ok(self, tokens: Sequence[Token], first: int, j: int) -> bool:
        """A medium token joins after a cue word, or when a strong token follows it."""
        if self._cue_before(tokens, first) is not None:
            return True
        nxt = j + 1
        return (nxt < len(tokens) and tokens[nxt].type == "ar"
                and self._classify(tokens[nxt]).strong)

    # ------------------------------------------------------------------ spans
    def detect(self, tokens: Sequence[Token], taken: set[int] | None = None,
               seen: dict[str, Cue] | None = None) -> list[NameSpan]:
        """Finds the names in one document.

        Args:
            tokens: The document's tokens (:func:`toolkit.extract.tokenize.tokenize`).
            taken: Indexes already covered (e.g. by known glossary names); skipped.
            seen: The names that cues introduced in the document's earlier blocks
                (updated); ``None``: only those of ``tokens``.

        Returns:
            The names in text order. A name that a cue introduced earlier in the
            tokens is read again without its cue (وأشار هو دوك فووك after وزير المالية
            هو دوك فوك), spelled as the transliteration tables allow.
        """
        taken = taken or set()
        found: list[NameSpan] = []
        if seen is None:
            seen = {}  # skeleton of each cued name read so far → its cue
        i, n = 0, len(tokens)
        while i < n:
            span = self._grow(tokens, i, taken, seen)
            if span is None:
                i += 1
                continue
            span = self._joined_by_dash(tokens, span, taken) or span
            found.append(span)
            kind = leading_kind(span.votes) if span.cued else None
            if kind is not None and len(span.surface.split()) >= 2:
                seen.setdefault(spelling_skeleton(span.surface), Cue((), kind, "before"))
            i = span.last + 1
        return found

    def _joined_by_dash(self, tokens: Sequence[Token], before: NameSpan, taken: set[int]
                        ) -> NameSpan | None:
        """The listed place that a name and the words after a dash make together (فونغ
        نها - كي بانغ: Phong Nha – Kẻ Bàng), the longest first, or None."""
        dash = before.last + 1
        if (self.dashed is None or dash + 1 >= len(tokens) or tokens[dash].type != "sep"
                or tokens[dash].text not in "-\u2013\u2014"):
            return None
        for last in range(min(len(tokens), dash + MAX_NAME_TOKENS) - 1, dash, -1):
            after = range(dash + 1, last + 1)
            if any(k in taken or tokens[k].type != "ar" for k in after):
                continue
            surface = " ".join((before.surface, tokens[dash].text,
                                *(tokens[k].text for k in after)))
            if self.dashed(surface):
                joined = NameSpan(before.first, last, before.start, tokens[last].end, surface,
                                  before.clitic, before.likelihood, cued=before.cued)
                joined.vote("place", 3.0)
                return joined
        return None

    def _listed(self, tokens: Sequence[Token], i: int, taken: set[int]) -> NameSpan | None:
        """The listed name (:class:`ListedNames`) that starts at ``tokens[i]``, the
        longest first, or None."""
        listed = self.listed
        assert listed is not None
        for clitic, stem in clitic_splits(tokens[i].norm):
            if stem not in listed.first:
                continue
            first_word, offset = _stem_surface(tokens[i].text, clitic)
            for last in range(min(len(tokens), i + listed.longest) - 1, i, -1):
                window = range(i, last + 1)
                if any(k in taken or tokens[k].type != "ar" for k in window):
                    continue
                words = (first_word, *(tokens[k].text for k in window[1:]))
                kind = listed.kind(words)
                if kind is None:
                    continue
                span = NameSpan(i, last, tokens[i].start + offset, tokens[last].end,
                                " ".join(words), clitic, 1.0, cued=True)
                span.vote(kind, 3.0)
                return span
        return None

    def _likely(self, tokens: Sequence[Token], members: Sequence[int], clitic: str) -> float:
        """The name likelihood of ``members`` read without the first word's proclitic."""
        words = (_stem_surface(tokens[members[0]].text, clitic)[0],
                 *(tokens[k].text for k in members[1:]))
        return _memo(self._span_cache, words, lambda: self.likelihood(words))

    def _grow(self, tokens: Sequence[Token], i: int, taken: set[int],
              seen: Mapping[str, Cue] = _NOTHING) -> NameSpan | None:
        tok = tokens[i]
        if tok.type != "ar" or i in taken:
            return None
        if self.listed is not None and (span := self._listed(tokens, i, taken)) is not None:
            return span
        info = self._classify(tok)
        clitic = info.clitic
        cue = None
        vouched = -1  # last token of a name that its start or its end vouches for
        if not info.strong and not clitic:
            cue = self._bridge_start(tokens, i, taken, seen)
            if cue is None:
                uncued = self._uncued_start(tokens, i, taken)
                if uncued is None:
                    return None
                clitic, vouched = uncued
        cue = cue or self._cue_before(tokens, i)
        if clitic == _KAF and info.strong and (
                cue is not None or self._gazetteer_place(tokens, [i], "")):
            clitic = ""  # منطقة كرونغ باك: Kr-, not "like Rông"
        members = [i]
        j = i + 1
        while j < len(tokens) and tokens[j].type == "ar" and j not in taken:
            nxt = self._classify(tokens[j])
            if nxt.clitic or nxt.fused_word or self._classify(tokens[members[0]]).fused_word:
                break  # و/ل/ب + name: a new name starts here; a fused word stays alone
            after_strong = self._classify(tokens[j - 1]).strong
            madda = tokens[j].text == ALEF_MADDA and (after_strong or j < vouched)
            if nxt.strong or madda or (
                    nxt.medium and after_strong and self._medium_ok(tokens, i, j)):
                members.append(j)
                j += 1
                continue
            joined = 0
            if nxt.bridge and j + 1 < len(tokens) and tokens[j + 1].type == "ar":
                run = self._strong_run(tokens, j + 1, taken)
                joined = 1 + run if run and len(members) + 1 + run <= MAX_NAME_TOKENS else 0
            if not joined and cue is not None and cue.kind == "person":
                joined = self._inner_word(tokens, j, len(members), taken)
            if joined:
                members.extend(range(j, j + joined))
                j += joined
                continue
            break
        if j < len(tokens) and j not in taken and tokens[j].type == "ar" \
                and len(members) < MAX_NAME_TOKENS \
                and self._ends_name(tokens, members, j, cue, clitic):
            if self._phrase_end(tokens, j + 1) and self._likely(tokens, members, clitic) >= (
                    CUED_MIN if cue is not None else SPAN_MIN):
                # ترونغ ثي نغوك انه،، حي زينه كي في مدينة …: Ánh, Kế, which alone read as
                # Arabic words, end the name where its phrase ends
                vouched = j
            members.append(j)
        if (cue is None or cue.kind != "person") and len(members) > MIN_PLACE_AND_PERSON:
            members = self._before_person(tokens, members, clitic,
                                          cue.kind if cue is not None else "")
        if len(members) > MAX_NAME_TOKENS:
            members = members[:MAX_NAME_TOKENS]
        while len(members) > 1 and members[-1] + 1 < len(tokens) and (  # آن | الأوان
                tokens[members[-1]].norm, tokens[members[-1] + 1].norm) in self._expressions:
            members.pop()
        first, last = members[0], members[-1]
        surface_first, offset = _stem_surface(tokens[first].text, clitic)
        start = tokens[first].start + offset
        end = tokens[last].end
        words = (surface_first, *(tokens[k].text for k in members[1:]))
        lik = self._likely(tokens, members, clitic)
        if len(members) == 1:
            ok = (cue is not None and lik >= SINGLE_CUED_MIN) or lik >= FUSED_MIN or (
                lik >= STRONG and self.fused is not None and self.fused(surface_first)
                and self._gazetteer_place(tokens, members, clitic))  # دالات: Đà Lạt
        else:
            ok = (lik >= (CUED_MIN if cue is not None else SPAN_MIN) or last == vouched
                  or self._gazetteer_place(tokens, members, clitic))  # هوي آن: Hội An
        if not ok:
            return None
        span = NameSpan(first, last, start, end, " ".join(words), clitic, lik,
                        cued=cue is not None)
        if cue is not None:
            span.vote(cue.kind, 2.0)
            span.own = cue.own
        else:
            landmark = self._cue_before(tokens, first, landmark=True)
            head = landmark or self._head_cue(tokens, first)
            if head is not None and (
                    not self._person_shaped(tokens[first].norm[len(clitic):], len(members))
                    or self._place_shaped(tokens, members, clitic, head, landmark is not None)):
                span.vote(head.kind, 1.0)
        after_cue = self._cue_after(tokens, last)
        if after_cue is not None:
            span.vote(after_cue.kind, 1.5)
        first_stem = tokens[first].norm[len(clitic):]
        if first_stem in self._surnames:
            span.shape["person"] = 1.0 if len(members) >= 3 else 0.3
        return span
