"""Terminology post-editing of an existing translation.

Given a source line and its translation, every approved glossary entry found
in the source must appear in the target as its preferred target form.
:func:`postedit_line` replaces forbidden renderings and admitted variants by
the preferred form (keeping the case signal of the text it replaces and any
Arabic proclitic), fixes near-miss spellings of names and terms (only for
entries found in the source line) and restores codes that were not kept
verbatim (:mod:`toolkit.targetcodes`; a code inside a term's preferred form too).
Everything else in the line is left byte for byte as it was. What the source
line asks for is found by :class:`toolkit.sourcematch.SourceMatcher`.

An inflection of the preferred form (a plural or dual,
:func:`glossary.model.is_inflection`), listed as a variant or not, is the
term in another number: a correct rendering, never replaced nor reported.

The functions here do no file I/O; the translation pipeline reuses
:func:`postedit_line` as its final repair step.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from glossary.model import is_inflection
from glossary.normalize import nfc, nfc_mapped
from toolkit.edits import (
    ACTIONS,
    CODE_KEY,
    Edit,
    LineAnalysis,
    Missing,
    PostEditResult,
    adapt_case,
    apply_edits,
    ar_replacement,
)
from toolkit.glossary_source import GlossaryIndex, TermInfo
from toolkit.inflections import inflect_like
from toolkit.nearmiss import (
    NEAR_MISS_RATIO,
    WordKeys,
    fold_of,
    is_near_miss,
    key_of,
    near_miss_words,
    osa_distance,
)
from toolkit.nearmiss import WORD_RE as _WORD
from toolkit.sourcecodes import code_counts, code_form, overlaps, url_spans
from toolkit.sourcematch import SourceMatcher
from toolkit.targetcodes import AR_CLITICS as _AR_CLITICS
from toolkit.targetcodes import Spans, bounded, locate_code, mangled_codes

__all__ = [
    "ACTIONS",
    "CODE_KEY",
    "NEAR_MISS_KINDS",
    "NEAR_MISS_RATIO",
    "Edit",
    "LineAnalysis",
    "Missing",
    "PostEditResult",
    "adapt_case",
    "analyze_line",
    "apply_edits",
    "bounded",
    "is_near_miss",
    "osa_distance",
    "postedit_line",
    "postedit_lines",
]

#: Kinds for which near-miss spellings are looked for.
NEAR_MISS_KINDS = ("person", "place", "org", "term")

_GAP = re.compile(r"[ \t\u00a0\-]+")


def _match_span(m: Any) -> tuple[int, int, str]:
    """Returns (span start incl. proclitic, end, proclitic) of a matcher match."""
    clitic = getattr(m, "clitic", "") or ""
    pstart = getattr(m, "prefix_start", None)
    start = m.start if pstart is None or pstart < 0 else min(pstart, m.start)
    return start, m.end, clitic


def _replacement_for(target: str, start: int, end: int, clitic: str, form: str,
                     info: TermInfo, lang: str) -> str:
    surface = target[start:end]
    # A rendering in the plural (digital conversions) gives the preferred form in the plural.
    preferred = (info.expected if info.verbatim
                 else inflect_like(surface[len(clitic):], form, info.expected, lang))
    if lang == "ar":
        return ar_replacement(surface, clitic, preferred)
    if info.verbatim:
        return preferred
    before = target[:start].rstrip()
    return adapt_case(surface, preferred, form, sentence_start=not before or before[-1] in ".!?:")


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _window_candidates(target: str, words: list[tuple[int, int]], k: int,
                       lang: str) -> Iterable[tuple[int, tuple[int, int, int, str]]]:
    """Yields (first word, (start incl. clitic, term start, end, clitic)) of k-word windows."""
    for i in range(len(words) - k + 1):
        gaps_ok = all(_GAP.fullmatch(target[words[j][1]:words[j + 1][0]])
                      for j in range(i, i + k - 1))
        if not gaps_ok:
            continue
        start, end = words[i][0], words[i + k - 1][1]
        yield i, (start, start, end, "")
        if lang == "ar":
            first = target[words[i][0]:words[i][1]]
            for clitic in _AR_CLITICS:
                if first.startswith(clitic) and len(first) > len(clitic) + 1:
                    yield i, (start, start + len(clitic), end, clitic)


def _verbatim(target: str, info: TermInfo, expected: str, need: int, spans: Spans,
              lang: str, links: list[tuple[int, int]], out: LineAnalysis) -> int:
    """Counts verbatim occurrences of a code; restores mangled ones. Returns found count."""
    hits = locate_code(target, expected, need, spans, lang, links=links)
    out.renderings.setdefault(info.key, []).extend(t for _s, _e, t in hits.kept + hits.restored)
    out.edits += [Edit(info.entry_id, "restored_code", t, expected, s, e, info.key)
                  for s, e, t in hits.restored]
    return hits.found


def _near_misses(target: str, info: TermInfo, need: int, spans: Spans, lang: str,
                 blocked: set[tuple[int, int]], links: list[tuple[int, int]],
                 out: LineAnalysis) -> int:
    """Finds up to ``need`` near-miss windows of the preferred form, none in ``links``."""
    preferred = info.expected
    pwords = [preferred[s:e] for s, e in _words(preferred)]
    k = len(pwords)
    if k == 0:
        return 0
    pkeys = WordKeys.of(pwords, lang)
    words = _words(target)
    cache: dict[str, tuple[str, str]] = {}

    def keys(first: str, i: int, end: int) -> WordKeys:
        texts = [first, *(target[s:e] for s, e in words[i + 1:end])]
        pairs = [cache.get(t) or cache.setdefault(t, (key_of(t, lang), fold_of(t, lang)))
                 for t in texts]
        return WordKeys(tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))

    fixed = 0
    for i, (start, tstart, end, clitic) in _window_candidates(target, words, k, lang):
        if fixed >= need:
            break
        if (not spans.free(start, end) or (tstart, end) in blocked
                or overlaps(links, start, end)):
            continue
        window = target[tstart:end]
        if is_inflection(window, preferred, lang):
            # A plural (or dual) of the term renders it: counted, never "fixed".
            spans.claim(start, end)
            out.renderings.setdefault(info.key, []).append(preferred)
            fixed += 1
            continue
        if not near_miss_words(keys(target[tstart:words[i][1]], i, i + k), pkeys):
            continue
        after = (ar_replacement(target[start:end], clitic, preferred)
                 if lang == "ar" else adapt_case(window, preferred, preferred))
        spans.claim(start, end)
        out.renderings.setdefault(info.key, []).append(window)
        out.edits.append(Edit(info.entry_id, "fixed_near_miss", target[start:end], after,
                              start, end, info.key))
        fixed += 1
    return fixed


def _inside_longer(m: Any, known: Sequence[Any], starts: Sequence[int]) -> bool:
    """Whether match ``m`` lies inside a longer match of another entry among ``known``.

    ``known`` are the matcher's non-overlapping matches sorted by start, and
    ``starts`` their starts: only the last one starting at or before ``m`` can hold it.
    """
    i = bisect_right(starts, m.start) - 1
    if i < 0:
        return False
    k = known[i]
    return m.end <= k.end and k.end - k.start > m.end - m.start and k.key != m.key


def analyze_line(source: str, target: str, glossary: GlossaryIndex,
                 sources: SourceMatcher | None = None) -> LineAnalysis:
    """Finds what the glossary asks of ``target`` as a translation of ``source``.

    A Vietnamese target is read in NFC (the glossary's forms are); the edit
    offsets and ``before`` texts still refer to ``target`` as given.

    Args:
        source: One source line (no line ending).
        target: Its translation.
        glossary: The index for the direction.
        sources: Finds the entries the source asks for (default: a new
            :class:`~toolkit.sourcematch.SourceMatcher`; pass one for many lines).

    Returns:
        The edits to make, the missing terms and the renderings found.
    """
    sources = sources or SourceMatcher(glossary)
    if glossary.src != "ar" and not unicodedata.is_normalized("NFC", source):
        source = nfc(source)  # source terms are reported in NFC, as Vietnamese is kept
    if glossary.tgt != "vi" or unicodedata.is_normalized("NFC", target):
        return _analyze(source, target, glossary, sources)
    composed = nfc_mapped(target)
    out = _analyze(source, composed.text, glossary, sources)
    for n, edit in enumerate(out.edits):
        start, end = composed.span_to_original(edit.start, edit.end)
        out.edits[n] = Edit(edit.entry_id, edit.action, target[start:end], edit.after,
                            start, end, edit.key)
    return out


def _analyze(source: str, target: str, glossary: GlossaryIndex,
             sources: SourceMatcher) -> LineAnalysis:
    out = LineAnalysis()
    order: list[str] = []
    found = sources.find(source)
    for m in found:
        if m.key not in out.source_counts:
            order.append(m.key)
            out.source_surface[m.key] = m.standalone
        out.source_counts[m.key] = out.source_counts.get(m.key, 0) + 1
    codes = code_counts(source, glossary.src, [_match_span(m)[:2] for m in found])
    approved: dict[str, str] = {}  # key -> the approved writing of a case-mangled code
    for text in list(codes):
        # VNEID of the source is the approved VNeID: the glossary is the authority.
        hit = glossary.code_entry(text)
        if hit is not None:
            key, approved[hit[0]] = hit
            if key not in out.source_counts:
                order.append(key)
                out.source_surface[key] = text
            out.source_counts[key] = out.source_counts.get(key, 0) + codes.pop(text)[1]
    if not order and not codes:
        return out
    lang = glossary.tgt
    spans, links = Spans(), url_spans(target)  # nothing in a URL is a term, code, near miss
    ok = dict.fromkeys(order, 0)
    plain = [k for k in order if not glossary.terms[k].verbatim]
    matches = sorted(glossary.find_target(target, plain, links=links),
                     key=lambda m: (m.start, m.end))
    for m in matches:
        m_info = glossary.terms[m.key]
        inflected = m.role == "variant" and is_inflection(m.form, m_info.expected, lang)
        if m.role == "preferred" or inflected:
            # An inflection (public services of public service) is the preferred
            # form in another number: a correct rendering, recorded as the preferred.
            start, end, _ = _match_span(m)
            spans.claim(start, end)
            ok[m.key] += 1
            out.renderings.setdefault(m.key, []).append(m_info.expected if inflected
                                                        else m.standalone)
            if not inflected:  # its codes verbatim, case kept (749/qd-ttg is mangled)
                out.edits += [Edit(m_info.entry_id, "restored_code", run, code, s, e,
                                   CODE_KEY + code) for s, e, run, code in
                              mangled_codes(target, m.start, m.end, m.form, lang)]
    # Every entry's forms, leftmost-longest; found once, only when needed.
    known: list[Any] | None = None
    starts: list[int] = []
    for m in matches:
        if m.role not in ("forbidden", "variant"):
            continue
        if known is None:
            known = glossary.find_target(target, links=links)
            starts = [k.start for k in known]
        if _inside_longer(m, known, starts):
            continue  # part of another term (state in State Bank of Vietnam): not a rendering
        start, end, clitic = _match_span(m)
        if not spans.free(start, end):
            continue
        if m.role == "variant" and _renders_others(target, m, plain, glossary, ok, out):
            spans.claim(start, end)
            continue
        info = glossary.terms[m.key]
        after = _replacement_for(target, start, end, clitic, m.form, info, lang)
        spans.claim(start, end)
        ok[m.key] += 1
        out.renderings.setdefault(m.key, []).append(m.standalone)
        action = "replaced_forbidden" if m.role == "forbidden" else "replaced_variant"
        out.edits.append(Edit(info.entry_id, action, target[start:end], after, start, end,
                              info.key))
    blocked: set[tuple[int, int]] | None = None
    for key in order:
        info = glossary.terms[key]
        need = out.source_counts[key]
        if info.verbatim:  # a code: 749/QD-TTg, with ASCII digits in English and Vietnamese
            expected = code_form(info.expected or approved.get(key, out.source_surface[key]),
                                 lang)
            if info.expected == "":
                info = TermInfo(info.key, info.entry_id, info.entry, info.src_term, expected,
                                True, info.variants, info.forbidden)
            ok[key] += _verbatim(target, info, expected, need, spans, lang, links, out)
        elif ok[key] < need and info.kind in NEAR_MISS_KINDS:
            if blocked is None:
                # The known forms of any entry are no near misses.
                blocked = {(k.start, k.end)
                           for k in known or glossary.find_target(target, links=links)}
            ok[key] += _near_misses(target, info, need - ok[key], spans, lang, blocked, links, out)
        if ok[key] == 0:
            out.missing.append(Missing(info.entry_id, out.source_surface[key],
                                       info.expected or out.source_surface[key], key))
    for text, (kind, need) in codes.items():
        _source_code(target, text, kind, need, spans, lang, links, out)
    out.edits.sort(key=lambda e: e.start)
    return out


def _renders_others(target: str, m: Any, plain: Sequence[str], glossary: GlossaryIndex,
                    ok: dict[str, int], out: LineAnalysis) -> bool:
    """Whether variant ``m`` takes in the preferred form of another entry the source
    asks for, and so renders both (counted for both, left as written).

    ``thành phố Hà Nội`` (a variant of Hà Nội) for مدينة هانوي renders مدينة as
    ``thành phố`` too: shortening it to ``Hà Nội`` would delete one term to fix
    another. The entry of ``m`` is rendered by its own preferred form inside the span
    when there is one (``Hà Nội``), else by the variant as written.
    """
    others = [k for k in plain if k != m.key]
    if not others:
        return False
    span = target[m.start:m.end]
    inner = [x for x in glossary.find_target(span, others) if x.role == "preferred"]
    if not inner:
        return False
    masked = list(span)
    for x in inner:
        ok[x.key] += 1
        out.renderings.setdefault(x.key, []).append(x.standalone)
        masked[x.prefix_start:x.end] = " " * (x.end - x.prefix_start)
    own = [x.standalone for x in glossary.find_target("".join(masked), [m.key])
           if x.role == "preferred"]
    ok[m.key] += 1
    out.renderings.setdefault(m.key, []).append(own[0] if own else m.standalone)
    return True


def _source_code(target: str, text: str, kind: str, need: int, spans: Spans, lang: str,
                 links: list[tuple[int, int]], out: LineAnalysis) -> None:
    """Checks a source code that is no glossary entry; restores unambiguous near misses."""
    key = CODE_KEY + text
    expected = code_form(text, lang)  # ١٢/٢٠٢٤/NĐ-CP is 12/2024/NĐ-CP in English
    hits = locate_code(target, expected, need, spans, lang, kind, links=links)
    out.edits += [Edit(None, "restored_code", t, expected, s, e, key) for s, e, t in hits.restored]
    if hits.found < need:
        out.missing.append(Missing(None, text, expected, key, hits.note))


def postedit_line(source: str, target: str, glossary: GlossaryIndex,
                  src: str | None = None, tgt: str | None = None,
                  sources: SourceMatcher | None = None) -> PostEditResult:
    """Enforces the approved glossary on one translated line.

    A Vietnamese line comes out in NFC (Vietnamese is NFC throughout avet, and
    the forms put in are); the edit offsets refer to ``target`` as given.

    Args:
        source: The source line (without its line ending).
        target: Its translation (without its line ending).
        glossary: Index of the approved entries for the direction.
        src: Source language; must agree with the index if given.
        tgt: Target language; must agree with the index if given.
        sources: Finds the entries the source asks for (pass one for many lines).

    Returns:
        The edited text, the edits and the terms still missing.

    Raises:
        InputError: If ``src``/``tgt`` differ from the index's direction.
    """
    _check_index(glossary, src, tgt)
    analysis = analyze_line(source, target, glossary, sources)
    text = apply_edits(target, analysis.edits)
    if glossary.tgt == "vi":
        text = nfc(text)
    return PostEditResult(text, analysis.edits, analysis.missing)


def postedit_lines(sources: Sequence[str], targets: Sequence[str], glossary: GlossaryIndex,
                   src: str | None = None, tgt: str | None = None) -> list[PostEditResult]:
    """Runs :func:`postedit_line` on aligned lines.

    Args:
        sources: The source lines.
        targets: Their translations, one per source line.
        glossary: Index of the approved entries for the direction.
        src: Source language; must agree with the index if given.
        tgt: Target language; must agree with the index if given.

    Returns:
        One result per line pair, in order.

    Raises:
        InputError: If the two sequences differ in length or the direction
            does not agree with the index.
    """
    from glossary.errors import InputError

    if len(sources) != len(targets):
        raise InputError(f"{len(sources)} source lines but {len(targets)} target lines",
                         hint="give line-aligned source and target")
    _check_index(glossary, src, tgt)
    matcher = SourceMatcher(glossary)
    return [postedit_line(s, t, glossary, sources=matcher)
            for s, t in zip(sources, targets, strict=True)]


def _check_index(glossary: GlossaryIndex, src: str | None, tgt: str | None) -> None:
    glossary.check_direction(src, tgt, "post-edit")
