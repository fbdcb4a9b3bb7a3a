"""Terminology metrics of the WMT 2021 and WMT 2023 terminology shared tasks.

Implemented after the definitions of Alam et al. (2021), "On the Evaluation of
Machine Translation for Terminology Consistency" (the WMT21 task's metrics,
Anastasopoulos et al. 2021), and Semenov et al. (2023), "Findings of the WMT
2023 Shared Task on Machine Translation with Terminologies". Differences from
the reference scripts are noted per function.

Texts are compared on word tokens (``\\w`` runs; punctuation is not a token),
each normalized with ``glossary.normalize.match_key`` (case folded; Arabic
diacritics and letter variants folded; Vietnamese NFC). In Arabic a term also
matches after a proclitic (و ف ب ك ل, with ل + ال → لل), as a word-level
matcher must. Verbatim terms (codes, do-not-translate) and case-sensitive
entries match exactly, case kept (``VNEID`` is not ``VNeID``); the others as
above.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from glossary.model import is_inflection
from toolkit.glossary_source import GlossaryIndex

__all__ = [
    "TermOccurrence",
    "consistency",
    "exact_match",
    "find_term",
    "one_minus_term",
    "random_terms",
    "real_terms",
    "tokens",
    "weighted_edit_distance",
    "window_overlap",
]

_AR_CLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ك", "ل")


@dataclass(frozen=True)
class TermOccurrence:
    """One source term on one line and the target forms that render it.

    Attributes:
        key: Term identity across lines (entry key, or ``rand:`` + source span).
        source: The source surface.
        targets: Admitted target forms, preferred first.
        others: Other known renderings (forbidden forms), used for consistency.
        exact: Match the words as written, case kept (verbatim and
            case-sensitive entries), not only their normalized keys.
    """

    key: str
    source: str
    targets: tuple[str, ...]
    others: tuple[str, ...] = ()
    exact: bool = False


def tokens(text: str, lang: str, cache: dict[str, str] | None = None) -> list[str]:
    """Returns the normalized word tokens of ``text``."""
    return [key for key, _word in _token_pairs(text, lang, cache)]


def _token_pairs(text: str, lang: str, cache: dict[str, str] | None = None
                 ) -> list[tuple[str, str]]:
    """Returns ``(normalized key, word as written)`` of each word token of ``text``."""
    from glossary.normalize import match_key
    from toolkit.nearmiss import WORD_RE as _WORD

    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if cache is not None and word in cache:
            key = cache[word]
        else:
            key = str(match_key(word, lang))
            if cache is not None:
                cache[word] = key
        if key:
            out.append((key, word))
    return out


def _written(words: Sequence[str], start: int, form: Sequence[str], lang: str) -> bool:
    """Whether ``form`` (words as written) stands at ``start`` of ``words``, case kept.

    In Arabic the first word may carry a proclitic before the form.
    """
    n = len(form)
    if not n or list(words[start + 1:start + n]) != list(form[1:]):
        return False
    first = words[start]
    return first == form[0] or (lang == "ar" and first.endswith(form[0])
                                and first[:-len(form[0])] in _AR_CLITICS)


def _first_matches(word: str, first: str, lang: str) -> bool:
    if word == first:
        return True
    if lang != "ar":
        return False
    for clitic in _AR_CLITICS:
        if word.startswith(clitic) and word[len(clitic):] == first:
            return True
        if clitic.endswith("ل") and first.startswith("ال") and word == clitic + first[1:]:
            return True
    return False


def find_term(words: Sequence[str], term: Sequence[str], lang: str) -> list[int]:
    """Returns the start indices where the token sequence ``term`` occurs in ``words``."""
    n = len(term)
    if n == 0:
        return []
    rest = list(term[1:])
    return [i for i in range(len(words) - n + 1)
            if _first_matches(words[i], term[0], lang) and list(words[i + 1:i + n]) == rest]


def real_terms(sources: Sequence[str], glossary: GlossaryIndex) -> list[list[TermOccurrence]]:
    """Returns, per line, the glossary terms found in the source (one per occurrence).

    Verbatim entries (codes, do-not-translate) expect their source surface
    when the entry has no target form.
    """
    from toolkit.sourcematch import SourceMatcher

    matcher = SourceMatcher(glossary)  # the entries QA and post-editing ask for
    out: list[list[TermOccurrence]] = []
    for source in sources:
        line = []
        for m in matcher.find(source):
            info = glossary.terms[m.key]
            surface = source[m.start:m.end]
            targets = (info.expected or surface, *info.variants)
            line.append(TermOccurrence(m.key, surface, targets, info.forbidden,
                                       exact=info.verbatim or info.entry.case_sensitive))
        out.append(line)
    return out


def random_terms(sources: Sequence[str], references: Sequence[str], *, seed: int,
                 counts: Sequence[int] | None = None) -> list[list[TermOccurrence]]:
    """Draws random pseudo-terms, as WMT23's "random terminology" condition.

    WMT23 aligned random source words to the reference with a word aligner;
    offline avet has none, so per line it draws non-overlapping reference spans
    of 1 or 2 word tokens (``random.Random(f"{seed}:{line}")``) as target
    terms and pairs each with the source span at the same relative position.

    Args:
        sources: Source lines.
        references: Reference lines.
        seed: The seed (reported in the signature).
        counts: Terms to draw per line (default 1); e.g. the number of real
            terms, so both conditions weigh lines alike.

    Returns:
        Per line, the pseudo-terms.
    """
    from toolkit.nearmiss import WORD_RE as _WORD

    out: list[list[TermOccurrence]] = []
    for i, (source, ref) in enumerate(zip(sources, references, strict=True)):
        rng = random.Random(f"{seed}:{i}")
        rwords = [(m.start(), m.end()) for m in _WORD.finditer(ref)
                  if not m.group().isdigit()]
        swords = [(m.start(), m.end()) for m in _WORD.finditer(source)]
        want = 1 if counts is None else counts[i]
        taken: set[int] = set()
        line: list[TermOccurrence] = []
        for _ in range(want):
            free = [j for j in range(len(rwords)) if j not in taken]
            if not free:
                break
            j = rng.choice(free)
            length = 2 if (rng.random() < 0.5 and j + 1 < len(rwords)
                           and j + 1 not in taken) else 1
            taken.update(range(j, j + length))
            target = ref[rwords[j][0]:rwords[j + length - 1][1]]
            src_text = ""
            if swords:
                s = min(len(swords) - 1, round(j * len(swords) / max(len(rwords), 1)))
                e = min(len(swords) - 1, s + length - 1)
                src_text = source[swords[s][0]:swords[e][1]]
            line.append(TermOccurrence(f"rand:{src_text.casefold()}", src_text, (target,)))
        out.append(line)
    return out


def _find(words: _Words, form: str, exact: bool, lang: str, tok: _Tok) -> list[int]:
    """Returns where ``form`` starts in ``words`` (as written too when ``exact``)."""
    keys, written = tok(form)
    starts = find_term(words[0], keys, lang)
    if exact:
        starts = [i for i in starts if _written(words[1], i, written, lang)]
    return starts


def _locate(words: _Words, term: TermOccurrence, lang: str, tok: _Tok) -> list[tuple[int, int]]:
    """Returns (start, length) of every occurrence of any target form of ``term``."""
    found: list[tuple[int, int]] = []
    for form in term.targets:
        n = len(tok(form)[0])
        found += [(i, n) for i in _find(words, form, term.exact, lang, tok)]
    return sorted(set(found))


#: The word tokens of a text: normalized keys, and the same words as written.
_Words = tuple[list[str], list[str]]
_Tok = Callable[[str], _Words]


def _tokenizer(lang: str) -> _Tok:
    cache: dict[str, str] = {}

    def tok(text: str) -> _Words:
        pairs = _token_pairs(text, lang, cache)
        return [k for k, _w in pairs], [w for _k, w in pairs]

    return tok


def exact_match(hypotheses: Sequence[str], terms: Sequence[Sequence[TermOccurrence]],
                lang: str) -> tuple[float | None, int, int]:
    """Exact-match term accuracy (WMT21).

    A term occurrence counts as correct when one of its target forms occurs in
    the hypothesis at a position no earlier occurrence on the line has used
    (so a term twice in the source needs two renderings).

    Returns:
        ``(accuracy, correct, total)``; accuracy is ``None`` without terms.
    """
    tok = _tokenizer(lang)
    correct = total = 0
    for hyp, line in zip(hypotheses, terms, strict=True):
        words = tok(hyp)
        used: set[int] = set()
        for term in line:
            total += 1
            for start, _length in _locate(words, term, lang, tok):
                if start not in used:
                    used.add(start)
                    correct += 1
                    break
    return (correct / total if total else None), correct, total


def _context(words: _Words, start: int, length: int, window: int) -> list[str]:
    keys = words[0]
    return [*keys[max(0, start - window):start], *keys[start + length:start + length + window]]


def _overlap(ref_ctx: Sequence[str], hyp_ctx: Sequence[str]) -> float:
    common = Counter(ref_ctx) & Counter(hyp_ctx)
    return sum(common.values()) / len(ref_ctx)


def window_overlap(hypotheses: Sequence[str], references: Sequence[str],
                   terms: Sequence[Sequence[TermOccurrence]], lang: str,
                   window: int = 2) -> tuple[float | None, int]:
    """Window overlap (WMT21): how well the words around each term are kept.

    For every term occurrence located in the reference, the ``window`` words on
    each side of it there are compared with those around its rendering in the
    hypothesis: score = shared words (multiset) / reference context words. A
    term missing from the hypothesis scores 0; with several renderings the
    best unused one is taken. Differences from the WMT21 script: the mean is
    over term occurrences (micro) rather than per sentence, and occurrences
    whose reference context is empty (a one-term line) are not counted.

    Returns:
        ``(score, counted occurrences)``; score is ``None`` if none counted.
    """
    tok = _tokenizer(lang)
    scores: list[float] = []
    for hyp, ref, line in zip(hypotheses, references, terms, strict=True):
        hwords, rwords = tok(hyp), tok(ref)
        used_ref: set[int] = set()
        used_hyp: set[int] = set()
        for term in line:
            in_ref = [p for p in _locate(rwords, term, lang, tok) if p[0] not in used_ref]
            if not in_ref:
                continue
            rstart, rlen = in_ref[0]
            ref_ctx = _context(rwords, rstart, rlen, window)
            if not ref_ctx:
                continue
            used_ref.add(rstart)
            options = [(_overlap(ref_ctx, _context(hwords, s, n, window)), -s)
                       for s, n in _locate(hwords, term, lang, tok) if s not in used_hyp]
            if not options:
                scores.append(0.0)
                continue
            best, neg_start = max(options)
            used_hyp.add(-neg_start)
            scores.append(best)
    return (sum(scores) / len(scores) if scores else None), len(scores)


def weighted_edit_distance(hyp: Sequence[str], ref: Sequence[str],
                           weights: Sequence[float]) -> float:
    """Word edit distance where touching reference word ``j`` costs ``weights[j]``.

    Substituting or inserting reference word ``j`` costs ``weights[j]``;
    deleting a hypothesis word costs 1.
    """
    prev = [0.0]
    for j in range(len(ref)):
        prev.append(prev[-1] + weights[j])
    for i in range(1, len(hyp) + 1):
        cur = [prev[0] + 1.0]
        for j in range(1, len(ref) + 1):
            sub = prev[j - 1] + (0.0 if hyp[i - 1] == ref[j - 1] else weights[j - 1])
            cur.append(min(sub, prev[j] + 1.0, cur[j - 1] + weights[j - 1]))
        prev = cur
    return prev[-1]


def _shifted(hyp: list[str], ref: list[str]) -> tuple[list[str], int]:
    """Applies TER's greedy block shifts (sacrebleu's Tercom port); returns (words, shifts)."""
    from sacrebleu.metrics import lib_ter

    if not ref or not hyp:
        return hyp, 0
    cached = lib_ter.BeamEditDistance(ref)
    shifts, checked = 0, 0
    words = hyp
    while True:
        delta, new_words, checked = lib_ter._shift(words, ref, cached, checked)
        if checked >= lib_ter._MAX_SHIFT_CANDIDATES or delta <= 0:
            break
        shifts += 1
        words = new_words
    return words, shifts


def one_minus_term(hypotheses: Sequence[str], references: Sequence[str],
                   terms: Sequence[Sequence[TermOccurrence]], lang: str,
                   weight: float = 2.0) -> float | None:
    """1 - TERm (WMT21): TER in which edits of reference term words cost ``weight``.

    Per line: the hypothesis is first block-shifted as TER does (sacrebleu's
    Tercom search, each shift costing 1), then the weighted word edit distance
    (:func:`weighted_edit_distance`, reference term words weighing ``weight``)
    is added and the sum divided by the reference length in words. The score
    is 1 minus the mean over lines (lines with an empty reference are
    skipped), as the WMT21 script does; lines without terms count as plain
    TER. Approximation: the shifts are chosen by plain TER, not re-searched
    under the weights. Can be negative for very poor output.

    Returns:
        The score, or ``None`` if every reference line is empty.
    """
    tok = _tokenizer(lang)
    values: list[float] = []
    for hyp, ref, line in zip(hypotheses, references, terms, strict=True):
        hwords, rwords = tok(hyp), tok(ref)
        if not rwords[0]:
            continue
        weights = [1.0] * len(rwords[0])
        for term in line:
            for start, length in _locate(rwords, term, lang, tok):
                for j in range(start, start + length):
                    weights[j] = weight
        shifted, shifts = _shifted(hwords[0], rwords[0])
        values.append((shifts + weighted_edit_distance(shifted, rwords[0], weights))
                      / len(rwords[0]))
    return 1.0 - sum(values) / len(values) if values else None


def consistency(hypotheses: Sequence[str], terms: Sequence[Sequence[TermOccurrence]],
                lang: str) -> tuple[float | None, int]:
    """Term consistency across the document (after WMT23).

    For every source term on two or more lines, the rendering used on each of
    its lines is the first known form (admitted or forbidden) found in the
    hypothesis, or none; an inflection of the preferred form (a plural,
    :func:`glossary.model.is_inflection`) counts as the preferred form. The
    term is consistent when every line uses the same rendering and none lacks
    one. Score = consistent terms / repeated terms.

    Returns:
        ``(score, repeated terms)``; score is ``None`` without repeated terms.
    """
    tok = _tokenizer(lang)
    renders: dict[str, list[str | None]] = {}
    for hyp, line in zip(hypotheses, terms, strict=True):
        words = tok(hyp)
        seen: set[str] = set()
        for term in line:
            if term.key in seen:
                continue
            seen.add(term.key)
            found: list[tuple[int, str]] = []
            for form in (*term.targets, *term.others):
                # A plural of the preferred form is the same rendering in another number.
                named = term.targets[0] if is_inflection(form, term.targets[0], lang) else form
                name = " ".join(tok(named)[1 if term.exact else 0])
                found += [(i, name) for i in _find(words, form, term.exact, lang, tok)]
            renders.setdefault(term.key, []).append(min(found)[1] if found else None)
    repeated = [r for r in renders.values() if len(r) >= 2]
    if not repeated:
        return None, 0
    ok = sum(1 for r in repeated if None not in r and len(set(r)) == 1)
    return ok / len(repeated), len(repeated)
