"""Streaming extraction: documents in, trilingual candidate entries out.

:class:`Extractor` takes one document at a time (only that document is in
memory) and keeps counts, capped contexts and votes per candidate; memory grows
with the number of distinct candidates, not with the corpus. :meth:`Extractor.
entries` (:mod:`toolkit.extract.building`) then clusters, ranks and fills the
Vietnamese and English sides:

* names: Vietnamese candidates from :func:`toolkit.translit.ar_to_vi` over every
  spelling seen (weighted by count), English by :func:`toolkit.translit.to_english`;
* terms: from an approved glossary entry with the same key, else composed word
  by word where the composition is regular (words.tsv), else left empty;
* codes and acronyms: verbatim, do-not-translate.

Known approved entries (the starter termbase and the store's approved entries)
give a candidate they confirm all their forms (preferred, variants and forbidden
renderings in every language), flags, note and source
(:func:`toolkit.extract.forms.adopt_known`); with ``approve_known`` those
candidates are approved. How the confirmation weighs on the ranking (counts
from the glossary matcher, spellings merged, the score) is in
:mod:`toolkit.extract.known`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial

from glossary.matcher import Match, Matcher
from glossary.model import Entry
from glossary.normalize import normalize_ar
from toolkit.extract.building import EntryBuilder
from toolkit.extract.cluster import Cluster
from toolkit.extract.codecount import CodeCounter
from toolkit.extract.codes import latin_gloss
from toolkit.extract.contexts import make_context
from toolkit.extract.data import Cue, cue_forms, reference_frequencies, stopwords
from toolkit.extract.forms import adopt_known, compose_translation, coordinated, indefinite_form
from toolkit.extract.kinds import CODE_KINDS, COMPATIBLE_KINDS, NAME_KINDS
from toolkit.extract.markup import blank_markup
from toolkit.extract.mentions import ShortMentions
from toolkit.extract.names import NameSpan, reads_particle
from toolkit.extract.namesetup import name_detector
from toolkit.extract.namespans import leading_kind
from toolkit.extract.reader import Document
from toolkit.extract.results import Extracted, ExtractResult, extract_paths
from toolkit.extract.terms import KnownSpans, TermCounter
from toolkit.extract.tokenize import (
    ARTICLE,
    Token,
    arabic_vocabulary,
    blocks,
    fold_ar,
    term_word_key,
    tokenize,
)
from toolkit.extract.tokenize import term_key as _term_key_of

__all__ = [
    "DEFAULT_MAX_TERMS",
    "ExtractResult",
    "Extracted",
    "Extractor",
    "adopt_known",
    "compose_translation",
    "extract_paths",
]

#: Term candidates kept (best first); names and codes are all kept.
DEFAULT_MAX_TERMS = 300
#: How far after a cue word a glossary name is looked for (see Extractor._find_known).
_CUE_LOOKAHEAD = 120


class Extractor(EntryBuilder):
    """Accumulates evidence over documents and builds candidate entries.

    Args:
        known: Approved glossary entries (starter termbase, store) that confirm
            candidates and give their Vietnamese and English.
        min_count: Candidates seen fewer times are dropped.
        max_terms: Term candidates kept, best first.
        approve_known: Approve the candidates an approved entry confirms.
    """

    def __init__(self, known: Sequence[Entry] = (), *, min_count: int = 1,
                 max_terms: int = DEFAULT_MAX_TERMS, approve_known: bool = False) -> None:
        self.known = [e for e in known if e.status == "approved"]
        self.min_count = max(1, min_count)
        self.max_terms = max_terms
        self.approve_known = approve_known
        self.documents: list[str] = []
        self._ref = reference_frequencies()
        self._stop = stopwords()
        self._vocab: set[str] = set()
        self.terms = TermCounter(self._known_word, self._lexical_folded)
        self.names: dict[str, Cluster] = {}
        self.codes = CodeCounter()
        self._known_terms: dict[int, Cluster] = {}
        self._name_like_cache: dict[int, bool] = {}
        self._name_keys: dict[str, str] = {}
        self._joins_memo: dict[tuple[str, int], bool] = {}
        from toolkit.translit import default_transliterator

        # One transliterator for the whole run: its memo tables make repeated names cheap.
        self._translit = default_transliterator()
        self._detector = name_detector(self._translit)
        self._place_reading = self._detector.place_reading or (lambda name: 0.0)
        self._matcher = Matcher("ar")
        self._known_name_keys: dict[str, int] = {}
        self._known_name_vi: dict[str, int] = {}
        self._known_term_keys: dict[tuple[str, ...], int] = {}
        self._known_coordinated: set[tuple[str, ...]] = set()
        self._known_codes: dict[str, int] = {}
        self._cue_words = cue_forms()
        self._build_known()

    # ---------------------------------------------------------------- lexicon
    def _lexical_folded(self, word: str) -> bool:
        """Whether a word is in the lexicon (reference list, stopwords), also as the
        plural in ـات of a singular in ـة there (محطات: محطة; فعاليات: فعالية)."""
        folded = fold_ar(word)
        if term_word_key(word) in self._ref or folded in self._stop:
            return True
        return (len(folded) >= 5 and folded.endswith("\u0627\u062a")
                and term_word_key(folded[:-2] + "\u0647") in self._ref)

    def _known_word(self, word: str) -> bool:
        """Whether a word is known: in the lexicon (:meth:`_lexical_folded`), or in the
        document as written or with the article (تسرب after التسرب). The term counter
        then splits a proclitic off it (ومحطات، وتسرب)."""
        folded = fold_ar(word)
        return (self._lexical_folded(word) or folded in self._vocab
                or ARTICLE + folded in self._vocab)

    def _build_known(self) -> None:
        name_key = self._translit.name_key
        added = 0
        for index, entry in enumerate(self.known):
            for form in entry.forms["ar"].all_admitted():
                if not any("\u0621" <= ch <= "\u064A" for ch in form):
                    continue
                self._matcher.add(form, index, "preferred")
                added += 1
                bare = indefinite_form(form) if entry.kind not in NAME_KINDS else None
                if bare is not None:
                    self._matcher.add(bare, index, "variant")
                if entry.kind in NAME_KINDS:
                    self._known_name_keys.setdefault(name_key(form), index)
                term_key = _term_key_of(form)
                if term_key not in self._known_term_keys:
                    self._known_term_keys[term_key] = index
                    if coordinated(form):  # X والY confirms a coordination only
                        self._known_coordinated.add(term_key)
            if entry.kind in NAME_KINDS:
                for form in entry.forms["vi"].all_admitted():
                    self._known_name_vi.setdefault(unicodedata.normalize("NFC", form), index)
            for lang in ("ar", "vi", "en"):
                for form in entry.forms[lang].all_admitted():
                    if entry.kind in CODE_KINDS or _acronym_like(form):
                        # UBND, a Vietnamese form of اللجنة الشعبية: the code detector
                        # finds it, and it is that entry, not a code of its own.
                        self._known_codes.setdefault(form, index)
        if added:
            self._matcher.build()

    # ---------------------------------------------------------------- documents
    def add_document(self, doc: Document) -> None:
        """Counts the names, codes and term candidates of one document, known by its
        absolute path with links resolved (the same file however its path is spelled).
        Markup (HTML/XML tags, entities) is skipped: see :mod:`toolkit.extract.markup`.
        A long document is read in blocks of about :data:`~toolkit.extract.tokenize.
        BLOCK_CHARS` characters cut after sentences (:func:`~toolkit.extract.tokenize.
        blocks`), so that memory does not grow with it beyond its text.

        Counts add up: a document added twice is counted twice.
        :func:`~toolkit.extract.results.extract_paths` adds only the documents not
        yet in :attr:`documents`.

        Args:
            doc: The document, as :func:`~toolkit.extract.reader.read_document` returns it.
        """
        # Markup is blanked (same length: offsets and contexts stay right).
        doc = replace(doc, path=os.path.realpath(doc.path), text=blank_markup(doc.text))
        self.documents.append(doc.path)
        self.terms.start_document()
        parts = blocks(doc.text)
        if len(parts) > 1:
            self._vocab = set().union(*(arabic_vocabulary(doc.text, a, b) for a, b in parts))
        seen: dict[str, Cue] = {}  # names cues introduced, read again without one
        mentions = ShortMentions()  # السيدة آنه after السيدة تشو ثي نغوك آنه
        for start, end in parts:
            self._add_block(doc, start, end, seen, mentions)
        for span in mentions.resolve():
            self._add_name(doc, span)
        self._vocab = set()

    def _add_block(self, doc: Document, start: int, end: int,
                   seen: dict[str, Cue] | None = None,
                   mentions: ShortMentions | None = None) -> None:
        """Counts the candidates of ``doc.text[start:end]``; ``seen``: the names that
        cues introduced in the document's earlier blocks (see
        :meth:`~toolkit.extract.names.NameDetector.detect`); ``mentions``: the
        document's person names, which hold back its one-word person mentions."""
        text = doc.text
        tokens = tokenize(text, start, end)
        if end - start == len(text):  # the whole document: its words are its vocabulary
            self._vocab = {t.norm for t in tokens if t.type == "ar"}
        taken: set[int] = set()
        self.codes.add_document(doc, tokens, taken, start, end)
        known: list[tuple[int, int, str]] = []  # where approved entries occur
        if self.known:
            starts = {t.start: i for i, t in enumerate(tokens)}
            ends = {t.end: i for i, t in enumerate(tokens)}
            self._add_known_names(
                doc, tokens,
                list(self._known_spans(doc, tokens, starts, ends, taken, known, start, end)),
                taken)
        # A glossary place or body written with Arabic words (مدينة هو تشي منه) is
        # counted as a term: a name read inside it that is one of its own forms (هو تشي
        # منه after the cue) is that entry again, not a name of its own; another name
        # inside it (تاي نجوين in جامعة تاي نجوين) is still read.
        named = [(s, e, int(key)) for s, e, key in known
                 if self.known[int(key)].kind in NAME_KINDS]
        for span in self._detector.detect(tokens, taken, seen):
            if any(s <= span.start and span.end <= e and self._is_form(index, span.surface)
                   for s, e, index in named):
                continue
            taken.update(range(span.first, span.last + 1))
            if mentions is None or not mentions.add(span):
                self._add_name(doc, span)
        spans = KnownSpans(known)
        for chunk in self._chunks(tokens):
            skip = [k for k, index in enumerate(chunk) if index in taken]
            self.terms.add_chunk(doc.path, text, [tokens[i] for i in chunk], skip, spans)

    def _chunks(self, tokens: Sequence[Token]) -> Iterable[list[int]]:
        run: list[int] = []
        for i, tok in enumerate(tokens):
            if tok.type == "ar":
                run.append(i)
            elif run:
                yield run
                run = []
        if run:
            yield run

    def _add_known_names(self, doc: Document, tokens: Sequence[Token], spans: list[NameSpan],
                         taken: set[int]) -> None:
        """Adds the glossary's names found verbatim, except a place that ends a person's
        name (السيدة نجوين ثي ثانه هوا: Thanh Hoa, not the province Thanh Hóa; see
        :meth:`~toolkit.extract.names.NameDetector.continues_person`): its tokens are
        left to the name detector, which reads the whole name."""
        owner = {k for span in spans for k in range(span.first, span.last + 1)}
        for span in spans:
            kind = max(span.votes, key=lambda k: span.votes[k])
            if (kind != "person" and not span.clitic and self._detector.continues_person(
                    tokens, span.first, span.last, lambda k: k in taken or k in owner)):
                for k in range(span.first, span.last + 1):
                    owner.discard(k)
                continue
            taken.update(range(span.first, span.last + 1))
            self._add_name(doc, span, verbatim=True)

    def _known_spans(self, doc: Document, tokens: Sequence[Token], starts: dict[int, int],
                     ends: dict[int, int], taken: set[int],
                     found: list[tuple[int, int, str]], start: int = 0,
                     end: int | None = None) -> Iterable[NameSpan]:
        """Names of the glossary (places, persons, organisations) found verbatim in
        ``doc.text[start:end]``; where every approved entry occurs goes to ``found``."""
        if not self.known:
            return
        whole = not start and end is None
        for match in self._find_known(doc.text if whole else doc.text[start:end]):
            if start:
                match = match._replace(start=match.start + start, end=match.end + start,
                                       prefix_start=match.prefix_start + start)
            found.append((match.start, match.end, str(match.key)))
            entry = self.known[int(str(match.key))]
            first = starts.get(match.prefix_start, starts.get(match.start))
            last = ends.get(match.end)
            if first is None or last is None:
                continue
            if (entry.kind in CODE_KINDS or entry.kind in NAME_KINDS) and \
                    self._detector.longer_name(tokens, first, last, taken) is not None:
                # شركة فيتيل بوست: the longest name wins; the detector reads it.
                continue
            if entry.kind in CODE_KINDS:
                code = entry.term("en") or entry.term("ar")
                cluster = self.codes.clusters.setdefault(code, Cluster(code))
                cluster.known = int(str(match.key))
                cluster.vote(entry.kind)
                cluster.add(match.surface, doc.path,
                            partial(make_context, doc.path, doc.text, match.start, match.end))
                taken.update(range(first, last + 1))
                continue
            if entry.kind not in NAME_KINDS:
                # A glossary term: the matcher counts its forms with their clitics
                # (لرئيس الوزراء), which the term counter may miss.
                self._add_known_term(doc, match)
                continue
            if not self._name_like(int(str(match.key))):
                # An organisation name made of Arabic words: a term, not a name.
                self._add_known_term(doc, match)
                continue
            if reads_particle(entry.forms["ar"].all_admitted(),
                              [t.light for t in tokens[first:last + 1]]):
                continue
            span = NameSpan(first, last, match.start, match.end, match.surface,
                            fold_ar(match.clitic), 1.0, cued=True)
            span.vote(entry.kind, 3.0)
            yield span

    def _find_known(self, text: str) -> list[Match]:
        """The glossary's forms in ``text``, leftmost-longest, except that a name's form
        that starts with a cue word (مدينة هوي: Huế) gives way to a glossary name that
        starts after the cue and ends further on (مدينة هوي آن: the city of Hội An)."""
        out: list[Match] = []
        for match in self._matcher.find(text):
            if out and match.start < out[-1].end:
                continue  # inside the name that took a cue form's place
            out.append(self._after_cue(text, match) or match)
        return out

    def _after_cue(self, text: str, match: Match) -> Match | None:
        """The glossary name that starts after the cue word of ``match`` and ends further
        on (see :meth:`_find_known`), or None."""
        head, _, rest = match.surface.partition(" ")
        if not rest.strip() or self.known[int(str(match.key))].kind not in NAME_KINDS:
            return None
        if fold_ar(head) not in self._cue_words:
            return None
        begin = match.end - len(rest.lstrip())
        window = text[begin:begin + _CUE_LOOKAHEAD]
        found = self._matcher.find(window)
        if not found or found[0].prefix_start != 0 or not (
                match.end - begin < found[0].end < len(window)):
            return None
        if self.known[int(str(found[0].key))].kind not in NAME_KINDS:
            return None
        return found[0]._replace(start=found[0].start + begin, end=found[0].end + begin,
                                 prefix_start=begin)

    def _is_form(self, index: int, surface: str) -> bool:
        """Whether ``surface`` is an admitted Arabic form of the known entry ``index``."""
        folded = fold_ar(surface)
        return any(fold_ar(form) == folded
                   for form in self.known[index].forms["ar"].all_admitted())

    def _name_like(self, index: int) -> bool:
        """Whether a known entry's Arabic form is a transliterated name, not Arabic words.

        Places and persons are names unless a word has the article or is a cue
        word (المنطقة الوسطى، جامعة …); organisations also need the form to read
        as a Vietnamese name (so اللجنة التوجيهية and لجنة توجيهية are terms).
        """
        cached = self._name_like_cache.get(index)
        if cached is None:
            from toolkit.extract.names import SPAN_MIN

            entry = self.known[index]
            words = entry.term("ar").split()
            cached = not any(fold_ar(w).startswith("\u0627\u0644") or fold_ar(w) in self._cue_words
                             for w in words)
            if cached and entry.kind == "org":
                cached = self._translit.name_likelihood(words) >= SPAN_MIN
            self._name_like_cache[index] = cached
        return cached

    def _add_known_term(self, doc: Document, match: Match) -> None:
        """Counts a glossary term's occurrence, as it stands alone (لحكومة → الحكومة)."""
        index = int(str(match.key))
        cluster = self._known_terms.setdefault(index, Cluster(str(index), known=index))
        cluster.add(match.standalone, doc.path,
                    partial(make_context, doc.path, doc.text, match.start, match.end))

    def _joins_known(self, span: NameSpan, index: int) -> bool:
        """Whether a detected name whose key is an approved name's is that name.

        The key folds letters that spell different sounds (ت and ث: تو لام is Tô Lâm,
        ثو لام Thư Lâm), so the name joins the approved one only when its context
        names no incompatible kind (بلدية ثو لام: a commune, not the person) and the
        approved name's Vietnamese, diacritics aside, is among the five best readings
        of the spelling as a name of the approved kind.
        """
        entry = self.known[index]
        if span.votes:
            kind = leading_kind(span.votes)
            if kind is not None and entry.kind not in COMPATIBLE_KINDS.get(kind, ()):
                return False
        memo_key = (span.surface, index)
        found = self._joins_memo.get(memo_key)
        if found is None:
            from glossary.normalize import fold_key

            vi = {fold_key(form, "vi") for form in entry.forms["vi"].all_admitted()}
            readings = self._translit.ar_to_vi(span.surface, top=5, kind=entry.kind)
            found = not vi or any(fold_key(c.text, "vi") in vi for c in readings)
            if len(self._joins_memo) < 100_000:
                self._joins_memo[memo_key] = found
        return found

    def _add_name(self, doc: Document, span: NameSpan, verbatim: bool = False) -> None:
        """Counts one name in its cluster. A glossary name found verbatim joins its
        approved entry; a detected one only when :meth:`_joins_known` agrees, else it
        is a name of its own (clustered apart from that entry's spellings)."""
        key = self._name_keys.get(span.surface)
        if key is None:
            key = self._translit.name_key(span.surface)
            if len(self._name_keys) < 100_000:
                self._name_keys[span.surface] = key
        index = self._known_name_keys.get(key)
        if index is not None and not verbatim and not self._joins_known(span, index):
            key, index = key + "\t(not approved)", None
        cluster = self.names.get(key)
        if cluster is None:
            cluster = self.names[key] = Cluster(key, known=index)
        for kind, weight in span.votes.items():
            cluster.vote(kind, weight)
        if doc.path not in cluster.docs:
            # The shape is a property of the spelling: counted once per document.
            for kind, weight in span.shape.items():
                cluster.shape[kind] = cluster.shape.get(kind, 0.0) + weight
        cluster.likelihood = max(cluster.likelihood, span.likelihood)
        cluster.own += span.own
        gloss = latin_gloss(doc.text, span.end)
        if gloss is not None and len(gloss.split()) == len(span.surface.split()):
            cluster.glosses[gloss] += 1
        # Spelled without harakat or tatweel (تْرَان هُونْغ هَا is تران هونغ ها): the
        # preferred form and variants are plain spellings, as for terms.
        cluster.add(normalize_ar(span.surface, match=False).text, doc.path,
                    partial(make_context, doc.path, doc.text, span.start, span.end))


def _acronym_like(form: str) -> bool:
    """Whether a form reads as an acronym or code: one word, two capitals or more."""
    return not any(ch.isspace() for ch in form) and sum(ch.isupper() for ch in form) >= 2
