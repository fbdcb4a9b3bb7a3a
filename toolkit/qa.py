"""Terminology QA of a translation, in the manner of a CAT tool's term check.

:func:`check_lines` reports, without changing anything, what
:mod:`toolkit.postedit` would fix and what it cannot: missing terms, forbidden
terms, variants used instead of the preferred form, near-miss spellings,
codes not kept verbatim, forbidden forms of entries absent from the source
line, and terms rendered inconsistently across the document.

Inconsistency is found from the renderings the glossary knows (admitted and
forbidden forms, near misses) and, for lines where none of them is present,
from an *unknown rendering* inferred across lines: a word n-gram (never across
punctuation) that occurs in at least two, and at least half, of the target lines
lacking the term and in none of the contrast lines (lines rendering the term with a
known form, or whose source lacks it). An n-gram made only of function words
(:func:`load_stopwords`) is never such a rendering; among equally supported n-grams,
one not beginning or ending with a function word wins (in English and Arabic), then
the one whose rarest word is rarest in the document, then one as long as the term,
then the longer.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from glossary.model import is_inflection
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import CODE_KEY, LineAnalysis, analyze_line
from toolkit.sourcematch import SourceMatcher

__all__ = ["DETAIL_LINES", "ISSUES", "SEVERITIES", "Finding", "check_lines", "load_stopwords",
           "summarize"]

SEVERITIES = ("error", "warning")

#: issue -> (severity, label)
ISSUES: dict[str, tuple[str, str]] = {
    "missing_term": ("error", "missing term"),
    "forbidden_term": ("error", "forbidden term used"),
    "variant_used": ("warning", "variant instead of preferred form"),
    "near_miss": ("error", "misspelled name or term"),
    "code_not_verbatim": ("error", "code not kept verbatim"),
    "forbidden_no_source": ("warning", "forbidden term (not in source line)"),
    "inconsistent": ("warning", "inconsistent rendering"),
}

_STOPWORDS = "data/qa/stopwords.tsv"
#: A finding's ``detail`` names at most this many lines (and renderings): the output
#: stays linear in the input however often a term recurs.
DETAIL_LINES = 5
_STOP_LANGS = ("en", "vi", "ar")

_ACTION_ISSUE = {
    "replaced_forbidden": "forbidden_term",
    "replaced_variant": "variant_used",
    "fixed_near_miss": "near_miss",
    "restored_code": "code_not_verbatim",
}


@dataclass(frozen=True)
class Finding:
    """One QA finding.

    Attributes:
        line: 1-based line number.
        issue: A key of :data:`ISSUES`.
        entry_id: The glossary entry concerned (``None`` for a code, acronym
            or URL of the source line that is no glossary entry).
        source_term: The source surface (``""`` if the source lacks it).
        found: What the target has (``""`` if nothing).
        expected: What it should have.
        start: Offset of ``found`` in the target line, if located.
        end: End offset of ``found``, if located.
        detail: Extra explanation (e.g. the lines of each rendering).
    """

    line: int
    issue: str
    entry_id: int | None
    source_term: str
    found: str
    expected: str
    start: int | None = None
    end: int | None = None
    detail: str = ""

    @property
    def severity(self) -> str:
        """``error`` or ``warning``, from :data:`ISSUES`."""
        return ISSUES[self.issue][0]

    def to_dict(self) -> dict[str, Any]:
        """Returns the ``--json`` record of the finding."""
        return {"line": self.line, "severity": self.severity, "issue": self.issue,
                "entry_id": self.entry_id, "source_term": self.source_term,
                "found": self.found, "expected": self.expected,
                "start": self.start, "end": self.end, "detail": self.detail}


def _line_list(lines: Sequence[int], skip: int | None = None) -> str:
    """Names the sorted 1-based ``lines``, ``skip`` left out, at most :data:`DETAIL_LINES`
    of them: ``1, 7, 13, 19, 25 and 995 more``. Reads only what it names."""
    shown = [str(n) for n in lines[:DETAIL_LINES + 1] if n != skip][:DETAIL_LINES]
    at = bisect.bisect_left(lines, skip) if skip is not None else len(lines)
    rest = len(lines) - len(shown) - (1 if at < len(lines) and lines[at] == skip else 0)
    return ", ".join(shown) + (f" and {rest} more" if rest > 0 else "")


def _norm(text: str, lang: str) -> str:
    from glossary.normalize import match_key

    return str(match_key(text, lang))


def _word_spans(text: str) -> list[tuple[int, int]]:
    from toolkit.nearmiss import WORD_RE as _WORD

    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _ngrams(text: str, lang: str, sizes: Sequence[int]) -> dict[tuple[str, ...], str]:
    """Returns the word n-grams of ``text`` (keys) with their surfaces.

    An n-gram never spans punctuation (a comma, a full stop): no rendering does.
    """
    words = _word_spans(text)
    keys = [_norm(text[s:e], lang) for s, e in words]
    joined = [not text[words[i][1]:words[i + 1][0]].strip(" \t\u00a0-")
              for i in range(len(words) - 1)]
    out: dict[tuple[str, ...], str] = {}
    for n in sizes:
        for i in range(len(words) - n + 1):
            if all(joined[i:i + n - 1]):
                out.setdefault(tuple(keys[i:i + n]), text[words[i][0]:words[i + n - 1][1]])
    return out


@functools.cache
def load_stopwords() -> Mapping[str, frozenset[str]]:
    """Reads the packaged function-word table (cached; the result is immutable).

    Returns:
        Language (``en``, ``vi``, ``ar``) -> its function words, as written.

    Raises:
        FormatError: If the packaged table is malformed (names the line).
    """
    from glossary.errors import FormatError

    where = f"toolkit/{_STOPWORDS}"
    text = resources.files("toolkit").joinpath(_STOPWORDS).read_text(encoding="utf-8")
    table: dict[str, set[str]] = {lang: set() for lang in _STOP_LANGS}
    rows = [(n, raw.split("\t")) for n, raw in enumerate(text.splitlines(), start=1)
            if raw.strip() and not raw.startswith("#")]
    for number, cells in rows[1:]:
        if len(cells) != 2 or cells[0] not in table or len(cells[1].split()) != 1:
            raise FormatError(f"bad row {cells!r}", path=where, line=number,
                              hint=f"write lang<TAB>word, lang one of {', '.join(_STOP_LANGS)}")
        table[cells[0]].add(cells[1])
    return MappingProxyType({lang: frozenset(words) for lang, words in table.items()})


def _infer_unknown(missing_lines: list[int], contrast_lines: list[int],
                   targets: Sequence[str], lang: str, k: int) -> dict[int, str]:
    """Returns {line: surface} of an n-gram shared by missing lines only (empty if none)."""
    if len(missing_lines) < 2 or not contrast_lines:
        return {}
    sizes = [n for n in (k, k + 1, k - 1) if n >= 1]
    stop = {_norm(w, lang) for w in load_stopwords().get(lang, ())}
    grams = {i: _ngrams(targets[i], lang, sizes) for i in missing_lines}
    contrast: set[tuple[str, ...]] = set()
    for i in contrast_lines:
        contrast.update(_ngrams(targets[i], lang, sizes))
    support: Counter[tuple[str, ...]] = Counter()
    for i in missing_lines:
        # A run of function words (The, of the) renders no term.
        support.update(g for g in grams[i]
                       if g not in contrast and not all(w in stop for w in g))
    if not support:
        return {}
    lines_with: Counter[str] = Counter()  # word -> target lines holding it
    for target in targets:
        lines_with.update({w for g in _ngrams(target, lang, [1]) for w in g})

    def rank(g: tuple[str, ...]) -> tuple[int, bool, int, bool, int]:
        # A Vietnamese "word" here is a syllable, and a function syllable may end a
        # compound (nội các, cabinet): only English and Arabic n-grams are trimmed.
        trimmed = lang == "vi" or (g[0] not in stop and g[-1] not in stop)
        return (support[g], trimmed, -min(lines_with[w] for w in g), len(g) == k, len(g))

    best = max(support, key=rank)
    if support[best] < max(2, (len(missing_lines) + 1) // 2):
        return {}  # a rendering must recur in at least half of the lines lacking the term
    return {i: grams[i][best] for i in missing_lines if best in grams[i]}


def check_lines(sources: Sequence[str], targets: Sequence[str],
                glossary: GlossaryIndex) -> list[Finding]:
    """Checks a line-aligned translation against the approved glossary.

    Args:
        sources: Source lines (without line endings).
        targets: Their translations.
        glossary: The index for the direction.

    Returns:
        The findings, ordered by line.

    Raises:
        InputError: If the two sequences differ in length.
    """
    from glossary.errors import InputError

    if len(sources) != len(targets):
        raise InputError(f"{len(sources)} source lines but {len(targets)} target lines",
                         hint="give line-aligned source and target")
    lang = glossary.tgt
    matcher = SourceMatcher(glossary)
    analyses: list[LineAnalysis] = [analyze_line(s, t, glossary, matcher)
                                    for s, t in zip(sources, targets, strict=True)]
    findings: list[Finding] = []
    for n, (target, analysis) in enumerate(zip(targets, analyses, strict=True), start=1):
        for edit in analysis.edits:
            surface = (edit.key[len(CODE_KEY):] if edit.key.startswith(CODE_KEY) else
                       analysis.source_surface.get(edit.key, glossary.terms[edit.key].src_term))
            findings.append(Finding(n, _ACTION_ISSUE[edit.action], edit.entry_id, surface,
                                    edit.before, edit.after, edit.start, edit.end))
        # Codes, acronyms and URLs of the source that are no glossary entry.
        findings += [Finding(n, "code_not_verbatim", None, m.source_term, "", m.expected,
                             detail=m.note) for m in analysis.missing
                     if m.key.startswith(CODE_KEY)]
        present = set(analysis.source_counts)
        for m in glossary.find_target(target):
            if m.role == "forbidden" and m.key not in present:
                info = glossary.terms[m.key]
                findings.append(Finding(n, "forbidden_no_source", info.entry_id, "",
                                        target[m.start:m.end], info.expected, m.start, m.end))
    findings += _missing_and_inconsistent(targets, analyses, glossary, lang)
    findings.sort(key=lambda f: (f.line, f.start if f.start is not None else -1, f.issue))
    return findings


def _missing_and_inconsistent(targets: Sequence[str], analyses: list[LineAnalysis],
                              glossary: GlossaryIndex, lang: str) -> list[Finding]:
    findings: list[Finding] = []
    lines_of: dict[str, list[int]] = {}
    for i, analysis in enumerate(analyses):
        for key in analysis.source_counts:
            lines_of.setdefault(key, []).append(i)
    for key, lines in lines_of.items():
        info = glossary.terms[key]
        rendering: dict[int, list[str]] = {i: list(analyses[i].renderings.get(key, []))
                                            for i in lines}
        missing = {i: m for i in lines for m in analyses[i].missing if m.key == key}
        unknown: dict[int, str] = {}
        if len(missing) >= 2 and not info.verbatim:
            contrast = [i for i in range(len(targets)) if i not in missing]
            unknown = _infer_unknown(sorted(missing), contrast, targets, lang,
                                     max(1, len(_word_spans(info.expected))))
        unknown_lines = sorted(j + 1 for j in unknown)
        for i, m in sorted(missing.items()):
            found, detail = "", ""
            if i in unknown:
                found = unknown[i]
                rendering[i].append(found)
                detail = ("unknown rendering, also on line(s) "
                          + _line_list(unknown_lines, skip=i + 1))
            findings.append(Finding(i + 1, "missing_term", m.entry_id, m.source_term,
                                    found, m.expected, detail=detail))
        findings += _inconsistent(key, rendering, analyses, glossary, lang)
    return findings


def _inconsistent(key: str, rendering: dict[int, list[str]], analyses: list[LineAnalysis],
                  glossary: GlossaryIndex, lang: str) -> list[Finding]:
    info = glossary.terms[key]
    surface: dict[str, str] = {}
    on_line: dict[tuple[str, int], str] = {}
    used: dict[str, list[int]] = {}
    for i, forms in sorted(rendering.items()):
        for form in forms:
            k = _norm(form, lang)
            # One rendering in another number (Digital conversions / Digital conversion)
            # is the same rendering, as a correct plural is the preferred form.
            k = next((seen for seen in used if is_inflection(k, seen, lang)), k)
            surface.setdefault(k, form)
            on_line.setdefault((k, i), form)
            seen = used.setdefault(k, [])
            if not seen or seen[-1] != i:  # lines come in order
                seen.append(i)
    if len(used) < 2:
        return []
    preferred = _norm(info.expected, lang) if info.expected else ""
    # The lines that depart from the preferred form, or else from the commonest
    # rendering, are reported; what they should have is always the preferred form.
    major = preferred if preferred in used else max(used, key=lambda k: (len(used[k]),
                                                                          -used[k][0]))
    expected = info.expected or surface[major]
    # The renderings by first line, each with its lines, both capped (DETAIL_LINES).
    order = sorted(used, key=lambda k: used[k][0])
    detail = "; ".join(f"{surface[k]!r} on line(s) {_line_list([i + 1 for i in used[k]])}"
                       for k in order[:DETAIL_LINES])
    if len(order) > DETAIL_LINES:
        detail += f"; and {len(order) - DETAIL_LINES} other rendering(s)"
    out = []
    for k, lines in used.items():
        if k == major:
            continue
        for i in lines:
            src = analyses[i].source_surface.get(key, info.src_term)
            out.append(Finding(i + 1, "inconsistent", info.entry_id, src, on_line[(k, i)],
                               expected, detail=detail))
    return out


def summarize(findings: Sequence[Finding], lines: int) -> dict[str, Any]:
    """Returns the summary object: counts by severity and by issue."""
    by_issue = Counter(f.issue for f in findings)
    by_sev = Counter(f.severity for f in findings)
    return {"summary": True, "lines": lines, "findings": len(findings),
            "errors": by_sev.get("error", 0), "warnings": by_sev.get("warning", 0),
            "by_issue": {k: by_issue[k] for k in ISSUES if by_issue.get(k)}}
