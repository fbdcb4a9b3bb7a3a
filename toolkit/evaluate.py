"""Evaluation of a translation against a reference: sacrebleu and terminology metrics.

Corpus BLEU, chrF and TER come from sacrebleu (with their signatures). BLEU
tokenization: ``intl`` for Arabic targets (it splits Unicode punctuation such
as ، ؛ ؟, which ``13a`` leaves attached), ``13a`` for English and Vietnamese
(space-separated syllables, ASCII punctuation), ``13a`` when no target
language is given. chrF and TER use sacrebleu's defaults. Every segment is
NFC-normalized first, so a Vietnamese text in decomposed form (NFD, as some
editors and macOS write it) scores as the same text composed.

Terminology metrics (:mod:`toolkit.termmetrics`) use a term list chosen by
``terms``: ``none`` (no term metrics), ``real`` (glossary entries matched on
the source) or ``random`` (WMT23-style random pseudo-terms, seeded). The
result carries a signature, sacrebleu style, of what produced it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glossary.errors import InputError, NotFoundError
from toolkit.glossary_source import GlossaryIndex

__all__ = [
    "TERM_MODES",
    "EvalResult",
    "MetricResult",
    "bleu_tokenizer",
    "evaluate",
]

TERM_MODES = ("none", "real", "random")
DEFAULT_SEED = 1234


@dataclass(frozen=True)
class MetricResult:
    """One metric's value.

    Attributes:
        name: Metric name (``BLEU``, ``chrF``, ``TER``, ``exact_match``...).
        value: The score, or ``None`` where not applicable (no terms).
        signature: What produced it (sacrebleu's signature, or avet's).
        detail: Counts behind the value.
    """

    name: str
    value: float | None
    signature: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Returns the ``--json`` record of the metric."""
        return {"metric": self.name, "value": self.value, "signature": self.signature,
                **self.detail}


@dataclass(frozen=True)
class EvalResult:
    """All metrics of one evaluation and the signature of the run.

    Attributes:
        metrics: The metric results, sacrebleu ones first.
        signature: ``avet-eval`` signature: languages, term mode, glossary hash,
            options, versions.
        lines: Number of segments.
        terms: Number of term occurrences used (0 for ``none``).
    """

    metrics: list[MetricResult]
    signature: str
    lines: int
    terms: int

    def metric(self, name: str) -> MetricResult:
        """Returns the metric called ``name``.

        Raises:
            NotFoundError: If there is none (the message lists the metrics there are).
        """
        for m in self.metrics:
            if m.name == name:
                return m
        raise NotFoundError(f"no metric {name!r} in this evaluation",
                            hint=f"use one of: {', '.join(m.name for m in self.metrics)}")


def bleu_tokenizer(lang: str | None) -> str:
    """Returns the sacrebleu BLEU tokenizer avet uses for a target language."""
    return "intl" if lang == "ar" else "13a"


def _nfc(lines: Sequence[str]) -> list[str]:
    """Returns ``lines`` NFC-normalized (composed Vietnamese; harmless for ar and en)."""
    return [unicodedata.normalize("NFC", line) for line in lines]


def _sacrebleu(hypotheses: Sequence[str], references: Sequence[str],
               tgt: str | None) -> list[MetricResult]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    refs = [list(references)]
    out = []
    for name, metric in (("BLEU", BLEU(tokenize=bleu_tokenizer(tgt))), ("chrF", CHRF()),
                         ("TER", TER())):
        score = metric.corpus_score(list(hypotheses), refs)
        out.append(MetricResult(name, round(float(score.score), 4),
                                str(metric.get_signature())))
    return out


def evaluate(
    sources: Sequence[str],
    references: Sequence[str],
    hypotheses: Sequence[str],
    *,
    src: str | None = None,
    tgt: str | None = None,
    glossary: GlossaryIndex | None = None,
    glossary_hash: str | None = None,
    terms: str = "none",
    seed: int = DEFAULT_SEED,
    window: int = 2,
    term_weight: float = 2.0,
) -> EvalResult:
    """Scores hypotheses against references.

    Args:
        sources: Source segments.
        references: Reference translations, aligned.
        hypotheses: System translations, aligned.
        src: Source language (needed for term metrics).
        tgt: Target language (BLEU tokenizer, term matching).
        glossary: Index for ``src``→``tgt`` (built for that direction); needed
            for ``real`` terms and used for the number of ``random`` terms per line.
        glossary_hash: Hash of the glossary, reported in the signature.
        terms: ``none``, ``real`` or ``random``.
        seed: Seed of the random pseudo-terms.
        window: Window (words per side) of the window-overlap metric: 1 or more.
        term_weight: Edit cost of a term word in TERm.

    Sources, references and hypotheses are NFC-normalized before scoring.

    Returns:
        The metrics and the signature.

    Raises:
        InputError: On empty or misaligned inputs, an unknown term mode, terms
            without the languages or glossary they need, a ``window`` below 1, or
            a glossary index built for another direction.
    """
    from toolkit import __version__, termmetrics

    n = len(sources)
    if n == 0:
        raise InputError("no segments to score", hint="give at least one line")
    if len(references) != n or len(hypotheses) != n:
        raise InputError(f"{n} source, {len(references)} reference and {len(hypotheses)} "
                         "hypothesis segments", hint="give line-aligned files")
    if terms not in TERM_MODES:
        raise InputError(f"unknown term mode {terms!r}",
                         hint=f"use one of: {', '.join(TERM_MODES)}")
    if terms != "none" and (src is None or tgt is None):
        raise InputError(f"--terms {terms} needs the languages", hint="give --from and --to")
    if terms == "real" and glossary is None:
        raise InputError("--terms real needs a glossary", hint="give --glossary or --db")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise InputError(f"window {window!r} is not a positive whole number",
                         hint="give 1 or more words per side; the default is 2")
    if glossary is not None:
        glossary.check_direction(src, tgt, "evaluate")
    sources, references, hypotheses = _nfc(sources), _nfc(references), _nfc(hypotheses)
    metrics = _sacrebleu(hypotheses, references, tgt)
    occurrences: list[list[termmetrics.TermOccurrence]] = [[] for _ in range(n)]
    if terms == "real" and glossary is not None:
        occurrences = termmetrics.real_terms(sources, glossary)
    elif terms == "random":
        counts = None
        if glossary is not None:
            counts = [max(1, len(line)) for line in termmetrics.real_terms(sources, glossary)]
        occurrences = termmetrics.random_terms(sources, references, seed=seed, counts=counts)
    total = sum(len(line) for line in occurrences)
    parts = [f"avet-eval:{__version__}", f"src:{src or '-'}", f"tgt:{tgt or '-'}",
             f"terms:{terms}",
             f"glossary:{glossary_hash[:16] if glossary_hash else 'none'}"]
    if terms == "random":
        parts.append(f"seed:{seed}")
    parts += [f"window:{window}", f"term-weight:{term_weight:g}", "tok:word-matchkey"]
    signature = "|".join(parts)
    lang = tgt or "en"
    if terms == "none":
        for name in ("exact_match", f"window_overlap_{window}", "1-TERm", "consistency"):
            metrics.append(MetricResult(name, None, signature, {"terms": 0}))
    else:
        acc, correct, count = termmetrics.exact_match(hypotheses, occurrences, lang)
        metrics.append(MetricResult("exact_match", acc, signature,
                                    {"correct": correct, "terms": count}))
        wo, counted = termmetrics.window_overlap(hypotheses, references, occurrences, lang,
                                                 window=window)
        metrics.append(MetricResult(f"window_overlap_{window}", wo, signature,
                                    {"terms": counted}))
        term = termmetrics.one_minus_term(hypotheses, references, occurrences, lang,
                                          weight=term_weight)
        metrics.append(MetricResult("1-TERm", term, signature, {"terms": total}))
        cons, repeated = termmetrics.consistency(hypotheses, occurrences, lang)
        metrics.append(MetricResult("consistency", cons, signature, {"terms": repeated}))
    return EvalResult(metrics, signature, n, total)
