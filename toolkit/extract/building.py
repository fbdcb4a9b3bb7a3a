"""The second half of :class:`toolkit.extract.pipeline.Extractor`: candidate entries
built from the evidence it has accumulated over the documents.

* names: Vietnamese candidates from :func:`toolkit.translit.ar_to_vi` over every
  spelling seen (weighted by count), English by :func:`toolkit.translit.to_english`;
  a name read as an approved name of a compatible kind joins its entry;
* codes and acronyms: verbatim, do-not-translate;
* terms: from an approved glossary entry with the same key, else composed word
  by word where the composition is regular (words.tsv), else left empty; ranked
  by score (a composed one's by :data:`DOMAIN_FACTOR` times it), the first
  ``max_terms`` kept (and every confirmed one).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from glossary.errors import InputError
from glossary.model import Candidate, Entry, Forms
from toolkit.extract.cluster import Cluster, canonical_form, spelling_skeleton
from toolkit.extract.codecount import CodeCounter
from toolkit.extract.codes import written_code
from toolkit.extract.compose import fragment, longest_extensions
from toolkit.extract.contexts import MAX_CONTEXTS
from toolkit.extract.data import term_heads
from toolkit.extract.forms import (
    adopt_known,
    compose_translation,
    coordinated,
    other_spellings,
    term_variants,
)
from toolkit.extract.kinds import COMPATIBLE_KINDS
from toolkit.extract.known import absorb, covered_by_known, known_score, merge_spellings
from toolkit.extract.names import GAZETTEER_MIN
from toolkit.extract.namesetup import reads_middle_named
from toolkit.extract.ranking import cue_fragment
from toolkit.extract.readings import prefer_gloss, rank_readings
from toolkit.extract.results import Extracted
from toolkit.extract.termhood import keyness
from toolkit.extract.terms import TermCandidate, TermCounter
from toolkit.extract.tokenize import coded_key, lam_object, term_word_key
from toolkit.extract.tokenize import term_key as _term_key_of

if TYPE_CHECKING:
    from toolkit.translit import Transliterator

__all__ = ["EntryBuilder"]

_Draft = tuple[str, str, list[Candidate]]

#: Score of its top reading both names need to be merged as spellings of one name.
CONFIDENT = 0.5
#: Factor on the score of a new multiword term candidate that the word table composes
#: (every word listed, in a shape it translates): the domain's vocabulary (الأمن السيبراني)
#: before general phrases that keyness alone ranks as high (الأسماك المجففة). Not for a
#: coordination (المواطنين والسياح), a phrase with a general word of the stopword list
#: (المركز الجديد), nor an institution noun's phrase always seen inside a longer
#: candidate (وزارة الزراعة of وزارة الزراعة والبيئة and … والتنمية الريفية).
DOMAIN_FACTOR = 2.0


class EntryBuilder:
    """Builds the candidate entries from what an extractor has counted.

    A base of :class:`~toolkit.extract.pipeline.Extractor`, which sets the
    attributes below while it reads the documents.
    """

    known: list[Entry]
    min_count: int
    max_terms: int
    approve_known: bool
    names: dict[str, Cluster]
    codes: CodeCounter
    terms: TermCounter
    _known_terms: dict[int, Cluster]
    _known_name_vi: dict[str, int]
    _known_term_keys: dict[tuple[str, ...], int]
    _known_coordinated: set[tuple[str, ...]]
    _known_codes: dict[str, int]
    _ref: Mapping[str, float]
    _stop: frozenset[str]
    _translit: Transliterator
    _place_reading: Callable[[str], float]

    def entries(self) -> list[Extracted]:
        """Builds the candidate entries: names, then codes, then terms by score."""
        out = [*self._name_entries(), *self._code_entries(), *self._term_entries()]
        return one_per_known(out)

    def _status(self, known: bool) -> str:
        return "approved" if known and self.approve_known else "candidate"

    def _name_entries(self) -> list[Extracted]:
        from toolkit.translit.english import to_english

        translit = self._translit

        def canonical(form: str) -> str | None:
            try:
                best = translit.ar_to_vi(form, top=1)
                spelled = translit.vi_to_ar_scored(best[0].text, top=1) if best else []
                return spelled[0].text if spelled else None
            except InputError:  # nothing readable as Vietnamese: no spelling to
                return None  # break a tie with (see canonical_form)

        def draft(cluster: Cluster) -> _Draft:
            """The canonical spelling, kind and Vietnamese readings of a cluster."""
            known = self.known[cluster.known] if cluster.known is not None else None
            admitted = known.forms["ar"].all_admitted() if known else []
            ar = canonical_form(cluster.forms, admitted, canonical)
            kind = known.kind if known else self._new_name_kind(cluster, ar)
            readings = rank_readings(translit, cluster.forms, kind, ar)
            return ar, kind, prefer_gloss(readings, cluster.glosses)

        out = []
        for cluster, (ar, kind, vi) in self._known_readings(draft):
            if cluster.count < self.min_count:
                continue
            known = self.known[cluster.known] if cluster.known is not None else None
            if known and known.term("vi"):
                vi = [Candidate(known.term("vi"), 1.0),
                      *[c for c in vi if c.text != known.term("vi")]][:5]
            best = vi[0].text if vi else ""
            # A person named like a listed company (هوا فات: Hòa Phát) is no Hoa Phat Group.
            en = known.term("en") if known and known.term("en") else (
                to_english(best) if kind == "person" else
                to_english(best, translit.places, translit.tables.exonym_en))
            entry = Entry(kind=kind, status=self._status(known is not None),
                          confidence=round(vi[0].score if vi else 0.0, 4),
                          frequency=cluster.count, score=round(cluster.likelihood, 4),
                          contexts=list(cluster.contexts), source="extract")
            entry.forms["ar"] = Forms(preferred=ar, variants=other_spellings(ar, cluster.forms))
            entry.forms["vi"] = Forms(preferred=best, candidates=vi)
            entry.forms["en"] = Forms(preferred=en)
            if known is not None:
                adopt_known(entry, known)
            out.append(Extracted(entry, "name", dict(cluster.docs), known is not None))
        out.sort(key=lambda x: (-x.entry.frequency, x.entry.term("ar")))
        return out

    def _new_name_kind(self, cluster: Cluster, ar: str) -> str:
        """The kind of a name that no approved entry has: the votes of its cues and
        titles and its shape (see :meth:`Cluster.kind`), then the gazetteer's word.

        A name that the gazetteer lists as a place (its best place reading scores at
        least :data:`GAZETTEER_MIN`) is a place unless a person cue or title stood
        by one of its occurrences, or it reads as a person's name with a middle name
        (Văn, Thị, Hữu…): a family name first alone does not make a person of لام
        دونغ (Lâm Đồng) or ها زانغ (Hà Giang). Likewise an organisation cue before a
        listed place (مستشفى باك كان) names the place, unless the gazetteer lists
        the name as an organisation (مستشفى تشو راي: Chợ Rẫy) or a cue of a company's
        own name (شركة، مجموعة) stood by every occurrence of it. A name with no place
        cue that reads as an organisation the gazetteer lists is that organisation
        (فيتينبنك: VietinBank).
        """
        kind = cluster.kind("person" if len(ar.split()) >= 3 else "place")
        if kind == "person" and cluster.votes.get("person", 0.0) > 0.0:
            return kind
        if kind == "org" and cluster.own >= cluster.count:
            return kind  # شركة هاو جيانغ للأدوية: the company, not the province
        if kind == "place" and not cluster.votes.get("place") and self._listed_org(ar):
            return "org"  # فيتينبنك with no cue: the bank the gazetteer lists
        if kind not in ("person", "org") or self._place_reading(ar) < GAZETTEER_MIN:
            return kind
        if kind == "person" and self._middle_named(ar):
            return kind
        if kind == "org" and self._listed_org(ar):
            return kind
        return "place"

    def _listed_org(self, ar: str) -> bool:
        """Whether the best place reading of ``ar`` is an organisation of the gazetteer."""
        try:
            best = self._translit.ar_to_vi(ar, top=1, kind="place")
        except InputError:
            return False
        return bool(best) and any(p.kind == "org" and p.vi == best[0].text
                                  for p in self._translit.places)

    def _middle_named(self, ar: str) -> bool:
        """Whether ``ar``, read as a person's name, has a syllable between its first
        and last that the gazetteer lists as a middle name only (Văn, Thị, Hữu)."""
        if len(ar.split()) < 3:
            return False
        try:
            return reads_middle_named(self._translit, ar)
        except InputError:
            return False

    def _known_readings(self, draft: Callable[[Cluster], _Draft]
                        ) -> list[tuple[Cluster, _Draft]]:
        """The name clusters and their drafts (spelling, kind, readings).

        A name whose top Vietnamese reading is, exactly (diacritics included), the
        Vietnamese form of an approved name of a compatible kind is that name under
        another spelling (كوي نون, the starter's كوي نهون: Quy Nhơn): it joins the
        name's cluster, so its spelling becomes a variant of that entry.
        """
        drafts: list[tuple[Cluster, _Draft]] = []
        joined: dict[int, list[Cluster]] = {}
        for cluster in self.names.values():
            found = draft(cluster)
            if cluster.known is None and found[2]:
                index = self._known_name_vi.get(unicodedata.normalize("NFC", found[2][0].text))
                if index is not None and \
                        self.known[index].kind in COMPATIBLE_KINDS.get(found[1], ()):
                    joined.setdefault(index, []).append(cluster)
                    continue
            drafts.append((cluster, found))
        drafts = self._merge_spellings(drafts, draft)
        # Two clusters of one approved name (its spelling read verbatim, and read by the
        # detector under another cluster key) are one entry too.
        by_known = Counter(c.known for c, _ in drafts if c.known is not None)
        for index, n in by_known.items():
            if n > 1:
                joined.setdefault(index, [])
        if not joined:
            return drafts
        out = [(c, d) for c, d in drafts if c.known not in joined]
        for index, members in joined.items():
            same = [c for c, _ in drafts if c.known == index]
            cluster = Cluster.merged([*same, *members], known=index)
            out.append((cluster, draft(cluster)))
        return out

    @staticmethod
    def _merge_spellings(drafts: list[tuple[Cluster, _Draft]], draft: Callable[[Cluster], _Draft]
                         ) -> list[tuple[Cluster, _Draft]]:
        """Merges the new names that are one name spelled two ways (هوينه كووك فيت and
        هوين كووك فييت: Huỳnh Quốc Việt): the same kind, the same top reading with its
        diacritics, both read with a score of at least :data:`CONFIDENT`, and spellings
        that differ only as the transliteration tables allow
        (:func:`~toolkit.extract.cluster.spelling_skeleton`), or any spellings of a place
        or organisation read with a score of at least :data:`GAZETTEER_MIN` (تشو راي,
        تشوراي: Chợ Rẫy). Spellings alike of one
        kind also merge when one's sure top reading is among the other's readings (كيو
        مينه توان: Kiều Minh Tuấn; كيو مين توان: Kiều Mến Tuấn, then Kiều Minh Tuấn):
        the readings of both then rank the name. The reading alone would also join
        names that the letters tell apart (نغوين فان تان Tân, نغوين فان ثانه Thanh,
        should both read Thanh).
        """
        same_reading: dict[tuple[str, str, str], list[int]] = {}
        alike: dict[tuple[str, str], list[int]] = {}  # the same kind and skeleton
        for n, (cluster, (ar, kind, vi)) in enumerate(drafts):
            if cluster.known is not None or not vi:
                continue
            alike.setdefault((kind, spelling_skeleton(ar)), []).append(n)
            if vi[0].score >= CONFIDENT:
                # A place read as surely as the gazetteer confirms one is that place,
                # however spelled (جيا لاي، زا لاي: Gia Lai; فينه لونغ، فينلونغ).
                sure = kind in ("place", "org") and vi[0].score >= GAZETTEER_MIN
                key = (unicodedata.normalize("NFC", vi[0].text), kind,
                       "" if sure else spelling_skeleton(ar, ng=True))
                same_reading.setdefault(key, []).append(n)
        root = list(range(len(drafts)))

        def find(n: int) -> int:
            while root[n] != n:
                root[n] = root[root[n]]
                n = root[n]
            return n

        pairs = [pair for members in same_reading.values() for pair in combinations(members, 2)]
        # spelled alike, the top reading of one among the other's (كيو مين توان, كيو مينه
        # توان): both spellings then rank the readings
        pairs += [(a, b) for members in alike.values() for a, b in combinations(members, 2)
                  if _shares_reading(drafts[a][1][2], drafts[b][1][2])]
        for a, b in pairs:
            root[find(a)] = find(b)
        components: dict[int, list[int]] = {}
        for n in range(len(drafts)):
            components.setdefault(find(n), []).append(n)
        merged = [members for members in components.values() if len(members) > 1]
        if not merged:
            return drafts
        gone = {n for members in merged for n in members}
        out = [d for n, d in enumerate(drafts) if n not in gone]
        for members in merged:
            cluster = Cluster.merged([drafts[n][0] for n in members])
            out.append((cluster, draft(cluster)))
        return out

    def _code_entries(self) -> list[Extracted]:
        self.codes.merge_spelled(self._known_codes)
        out = []
        for code, cluster in self.codes.clusters.items():
            if cluster.count < self.min_count:
                continue
            index = cluster.known if cluster.known is not None else self._known_codes.get(code)
            known = self.known[index] if index is not None else None
            kind = known.kind if known else cluster.kind("acronym")
            written = written_code(code, cluster.forms)
            arabic = sorted(f for f in cluster.forms if f != written)
            entry = Entry(kind=kind, status=self._status(known is not None), dnt=True,
                          case_sensitive=True, confidence=1.0, frequency=cluster.count,
                          score=float(cluster.count), contexts=list(cluster.contexts),
                          source="extract")
            entry.forms["ar"] = Forms(preferred=written, variants=arabic)
            for lang in ("vi", "en"):
                entry.forms[lang] = Forms(preferred=code)
            if known is not None:
                adopt_known(entry, known)
            out.append(Extracted(entry, "code", dict(cluster.docs), known is not None))
        out.sort(key=lambda x: (-x.entry.frequency, x.entry.term("ar")))
        return out

    def _term_entries(self) -> list[Extracted]:
        ranked = self.terms.ranked(self.min_count)
        merged, by_known = merge_spellings(ranked, self._known_at)
        by_key = {key: cand for cand in merged for key in (cand.key, *cand.aliases)}
        for index, cluster in self._known_terms.items():
            form = self.known[index].term("ar")
            key = _term_key_of(form)
            target = by_known.get(index)
            if target is None and key in by_key and \
                    by_key[key].coordinated == coordinated(form):
                target = by_key[key]  # not a coordination for an idafa (X والY, X للY)
            if target is None:
                # Occurrences the term counter cannot propose: a phrase with ل inside
                # (البنية التحتية للبيانات), a word seen only without the article (قرية),
                # an organisation or place written in Arabic words (see _name_like), a
                # numbered term (القرار 749/QD-TTg). The matcher's occurrences make the
                # candidate, ranked with the terms.
                target = by_known[index] = TermCandidate(key, coordinated=coordinated(form))
                by_key.setdefault(key, target)
                target.keyness = keyness([w for w in key if not coded_key((w,))],
                                         self.terms.word_counts, self.terms.total_words,
                                         self._ref)
                merged.append(target)
            absorb(target, cluster, index)
        longest = longest_extensions((k, c.count, c.coordinated)
                                     for k, c in self.terms.terms.items())
        drafts: dict[int, tuple[str, str]] = {}
        general = frozenset(term_word_key(w) for w in self._stop)
        heads = term_heads()
        extended: Counter[tuple[str, ...]] = Counter()
        for key, counted in self.terms.terms.items():
            if len(key) > 2 and key[0] in heads and not lam_object(key):
                extended[key[:-1]] += counted.count
        for cand in merged:
            if self._known_at(cand) is not None:
                cand.score = known_score(cand)
                continue
            # No draft for a piece of a longer name (وزارة الصناعة of …والتجارة).
            drafts[id(cand)] = draft = ("", "") if fragment(
                (cand.key, *cand.aliases), cand.count, longest) else compose_translation(
                cand.key, coordinated=cand.coordinated, form=cand.form)
            if draft[0] and len(cand.key) > 1 and not cand.coordinated and \
                    extended[cand.key] < cand.count and not general.intersection(cand.key):
                cand.score *= DOMAIN_FACTOR
        merged.sort(key=lambda c: (-c.score, -c.count, c.key))
        out: list[Extracted] = []
        for cand in merged:
            if cand.count < self.min_count:
                continue
            known_at = self._known_at(cand)
            if known_at is None and (len(out) >= self.max_terms or covered_by_known(cand)
                                     or cue_fragment(cand.key)):
                continue
            known = self.known[known_at] if known_at is not None else None
            out.append(self._term_entry(cand, known, drafts.get(id(cand), ("", ""))))
        return out

    def _known_at(self, cand: TermCandidate) -> int | None:
        """The index of the known entry that confirms a term candidate (any of its keys):
        one of its forms has the key, and is a coordination if the candidate is one."""
        for key in (cand.key, *cand.aliases):
            found = self._known_term_keys.get(key)
            if found is not None and (key in self._known_coordinated) == cand.coordinated:
                return found
        return None

    def _term_entry(self, cand: TermCandidate, known: Entry | None,
                    draft: tuple[str, str]) -> Extracted:
        ar = cand.form
        if known is not None:
            vi, en, kind = known.term("vi"), known.term("en"), known.kind
        else:
            (vi, en), kind = draft, "term"
        entry = Entry(kind=kind, status=self._status(known is not None),
                      confidence=1.0 if known else (0.5 if vi else 0.0),
                      frequency=cand.count, score=cand.score,
                      contexts=list(cand.contexts), source="extract",
                      note="" if known or not vi else "vi/en composed word by word")
        # A known entry's spellings are sorted out once its forms are adopted. A new
        # multiword candidate keeps its other number (الخدمات العامة of الخدمة العامة),
        # which the glossary reads as an inflection (glossary.model.is_inflection); a
        # single word lists only its spellings (see term_variants).
        spelled = other_spellings(ar, cand.forms)
        if known is None and len(cand.key) == 1:
            spelled = term_variants(ar, spelled)
        entry.forms["ar"] = Forms(preferred=ar, variants=spelled)
        entry.forms["vi"] = Forms(preferred=vi, candidates=[Candidate(vi, 1.0)] if vi else [])
        entry.forms["en"] = Forms(preferred=en)
        if known is not None:
            adopt_known(entry, known)
            ar_forms = entry.forms["ar"]
            # Only spellings: not the plurals the counter merged (see term_variants).
            ar_forms.variants = term_variants(ar_forms.preferred, ar_forms.variants,
                                              known.forms["ar"].all_admitted())
        return Extracted(entry, "term", dict(cand.docs), known is not None)


def one_per_known(found: list[Extracted]) -> list[Extracted]:
    """Folds the candidates that are one approved entry found by two detectors (the
    acronym UBND and the term اللجنة الشعبية, both forms of one entry): the one seen
    most often keeps the others' counts, contexts and Arabic spellings, in its place.

    Args:
        found: The candidates, best first within each detector.

    Returns:
        The candidates, at most one per approved entry, in their order.
    """
    groups: dict[tuple[str, str, str], list[Extracted]] = {}
    for item in found:
        if item.known:
            entry = item.entry
            groups.setdefault((entry.kind, entry.term("ar"), entry.term("en")), []).append(item)
    gone: set[int] = set()
    for items in groups.values():
        if len(items) < 2:
            continue
        kept = max(items, key=lambda x: x.entry.frequency)
        for item in items:
            if item is not kept:
                _absorb(kept, item)
                gone.add(id(item))
    return [item for item in found if id(item) not in gone]


def _absorb(kept: Extracted, item: Extracted) -> None:
    """Adds ``item``'s evidence to ``kept`` (one approved entry)."""
    for doc, n in item.doc_counts.items():
        kept.doc_counts[doc] = kept.doc_counts.get(doc, 0) + n
    kept.entry.frequency += item.entry.frequency
    seen = {(c.doc, c.start) for c in kept.entry.contexts}
    room = max(0, MAX_CONTEXTS - len(kept.entry.contexts))
    kept.entry.contexts.extend(
        [c for c in item.entry.contexts if (c.doc, c.start) not in seen][:room])
    forms = kept.entry.forms["ar"]
    forms.variants.extend(v for v in item.entry.forms["ar"].all_admitted()
                          if v not in forms.all_admitted())


def _shares_reading(one: Sequence[Candidate], other: Sequence[Candidate]) -> bool:
    """Whether the top reading of either name, read with a score of at least
    :data:`CONFIDENT`, is among the other's readings."""
    def sure_in(first: Sequence[Candidate], readings: Sequence[Candidate]) -> bool:
        top = unicodedata.normalize("NFC", first[0].text)
        return first[0].score >= CONFIDENT and any(
            unicodedata.normalize("NFC", c.text) == top for c in readings)

    return bool(one and other) and (sure_in(one, other) or sure_in(other, one))

