"""Translation with glossary enforcement.

For each sentence the pipeline

1. finds the approved glossary entries the source asks for
   (:class:`toolkit.sourcematch.SourceMatcher`, as post-editing and QA find them:
   no place inside a person's name, no particle read as a name syllable);
2. protects codes, do-not-translate entries and URLs: they become hard
   constraints (the verbatim form, with ASCII digits in English and Vietnamese:
   :func:`toolkit.sourcecodes.code_form`) and are restored character for character.
   Besides the glossary's, every document code, Latin-script acronym and URL of
   the sentence (:func:`toolkit.sourcecodes.source_codes`) is protected so;
   numbers are checked by their values (their separators change with the
   language: 12,345 is 12.345 in Vietnamese; :func:`toolkit.sourcecodes.number_kept`),
   not forced. With ``constrain=False`` the decoder is given no constraint at
   all, codes and URLs included; they are still verified and restored;
3. decodes with the other terms' approved targets as lexical constraints
   (the engine's constrained beam search for transformers, its best effort
   for CTranslate2);
4. verifies and repairs: each term is looked for in the output; a missing one
   is located from the model's alignment and replaced, or found by variant and
   fuzzy matching (:func:`toolkit.postedit.postedit_line`), or the sentence is
   re-decoded with the missing terms the first decoding was not given as
   constraints (``constrain=False``) as hard constraints; a repair is taken
   only if it loses no term, code or number the output held before. A
   constraint the first decoding was given and did not place is not asked for
   again: the engine would give the same answer (and warn again);
5. reports per sentence, per term, code and number: ``applied``, ``repaired``
   (and how) or ``failed``, each measured on the final output, so that no code
   is lost silently.

Vietnamese output is put in NFC (the engine's text, before any check).

Sentences of all documents are batched together and sorted by length before
they reach the engine (see :func:`translate_segments`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from glossary.errors import InputError
from toolkit.glossary_source import GlossaryIndex, TermInfo
from toolkit.postedit import CODE_KEY, bounded, postedit_line
from toolkit.segment import Segment, reassemble, segment
from toolkit.sourcecodes import (
    SourceCode,
    code_form,
    number_kept,
    source_codes,
    source_numbers,
)
from toolkit.sourcematch import SourceMatcher
from toolkit.targetcodes import verbatim_hits
from toolkit.translate.align import aligned_target_spans, replace_aligned, target_form

__all__ = [
    "DocumentResult",
    "SegmentResult",
    "TermOutcome",
    "TranslateOptions",
    "assemble",
    "translate_document",
    "translate_segments",
]

#: Outcome statuses, in the report.
STATUSES = ("applied", "repaired", "failed")
#: The report's count of each status (``failed_terms``, as batch reports name it: a
#: failed document is another count there).
COUNT_KEYS = {"applied": "applied", "repaired": "repaired", "failed": "failed_terms"}


@dataclass(frozen=True)
class TranslateOptions:
    """How to translate.

    Attributes:
        src: Source language.
        tgt: Target language.
        beam_size: Beam width.
        max_length: Maximum target tokens per sentence.
        batch_size: Sentences per batch.
        constrain: Give approved terms, codes and URLs to the decoder as
            constraints (``False``: no constraint at all; all are still verified).
        repair: Run the verify-and-repair pass.
        parallel: Batches per engine call, decoded side by side by an engine that
            can (CTranslate2 replicas); the engine must have been loaded with it.

    Raises:
        InputError: If ``beam_size``, ``max_length``, ``batch_size`` or
            ``parallel`` is not a whole number of at least 1.
    """

    src: str
    tgt: str
    beam_size: int = 4
    max_length: int = 256
    batch_size: int = 16
    constrain: bool = True
    repair: bool = True
    parallel: int = 1

    def __post_init__(self) -> None:
        from models.base import check_counts
        from models.errors import ModelError

        try:
            check_counts(beam_size=self.beam_size, max_length=self.max_length,
                         batch_size=self.batch_size, parallel=self.parallel)
        except ModelError as exc:
            raise InputError(exc.message, hint=exc.hint) from exc


@dataclass
class TermOutcome:
    """What happened to one glossary term, code or number in one sentence.

    Attributes:
        entry_id: The glossary entry; ``None`` for a code, acronym, URL or
            number of the sentence that is no glossary entry.
        source: The source surface.
        expected: What the translation must hold.
        status: ``applied``, ``repaired`` or ``failed``.
        method: How it was enforced (``protected``, ``constrained``, ``checked``…)
            or repaired.
        kind: ``term`` (a glossary entry), or ``code``, ``acronym``, ``url``,
            ``number``.
    """

    entry_id: int | None
    source: str
    expected: str
    status: str
    method: str
    kind: str = "term"

    def to_dict(self) -> dict[str, Any]:
        """Returns the outcome as a JSON-ready dict of its fields.

        Returns:
            The fields by name.
        """
        return asdict(self)


@dataclass
class SegmentResult:
    """One translated sentence and its terms."""

    source: str
    output: str
    terms: list[TermOutcome] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Returns the sentence's report record: source, output and term outcomes.

        Returns:
            A JSON-ready dict with ``source``, ``output`` and ``terms``.
        """
        return {"source": self.source, "output": self.output,
                "terms": [t.to_dict() for t in self.terms]}


@dataclass
class DocumentResult:
    """A translated document: its text and a result per sentence."""

    text: str
    segments: list[SegmentResult]

    def counts(self) -> dict[str, int]:
        """Returns the number of sentences and of terms per outcome status
        (``segments``, ``applied``, ``repaired``, ``failed_terms``).

        Returns:
            The counts by name.
        """
        out = {"segments": len(self.segments), **dict.fromkeys(COUNT_KEYS.values(), 0)}
        for seg in self.segments:
            for term in seg.terms:
                out[COUNT_KEYS[term.status]] += 1
        return out


@dataclass(frozen=True)
class _Demand:
    """One form the translation must hold: a glossary term or a code of the sentence."""

    key: str
    info: TermInfo | None  # None: a code, acronym or URL that is no glossary entry
    expected: str
    span: tuple[int, int]
    kind: str = "term"
    surface: str = ""  # the source term as it stands alone (التحول of للتحول)

    @property
    def verbatim(self) -> bool:
        return self.info is None or self.info.verbatim


@dataclass
class _Plan:
    """The glossary's (and the sentence's codes') demands on one sentence."""

    source: str
    terms: list[_Demand]
    constraints: list[str]
    protected: list[str]  # kept character for character: codes, do-not-translate, URLs
    numbers: list[SourceCode] = field(default_factory=list)


def _plan(text: str, sources: SourceMatcher, options: TranslateOptions) -> _Plan:
    """Lists what the translation of ``text`` must hold, as post-editing and QA ask it."""
    terms: list[_Demand] = []
    seen: set[str] = set()
    taken: list[tuple[int, int]] = []
    for match in sources.find(text):
        info = sources.glossary.terms[match.key]
        taken.append((match.start, match.end))
        expected = (code_form(info.expected or match.standalone, options.tgt)
                    if info.verbatim else info.expected)
        if expected and info.key not in seen:
            seen.add(info.key)
            terms.append(_Demand(info.key, info, expected, (match.start, match.end),
                                 surface=match.standalone))
    codes = [c for c in source_codes(text, options.src)
             if not any(c.start < e and s < c.end for s, e in taken)]
    for c in codes:
        # VNEID of the source is the approved VNeID: the glossary writes it (as QA asks).
        if (hit := sources.glossary.code_entry(c.text)) is not None:
            info = sources.glossary.terms[hit[0]]
            if info.key not in seen:
                seen.add(info.key)
                terms.append(_Demand(info.key, info, code_form(info.expected or hit[1],
                                                               options.tgt), (c.start, c.end),
                                     surface=c.text))
            continue
        # ١٢/٢٠٢٤/NĐ-CP of an Arabic source is 12/2024/NĐ-CP in English and Vietnamese.
        form = code_form(c.text, options.tgt)
        if c.text not in seen and not any(d.expected == form and d.verbatim for d in terms):
            seen.add(c.text)
            terms.append(_Demand(CODE_KEY + c.text, None, form, (c.start, c.end), c.kind,
                                 c.text))
    # --no-constraints: nothing is forced on the decoder, codes and URLs included
    # (they are still verified and restored).
    constraints: list[str] = []
    for d in terms:
        if options.constrain and d.expected not in constraints:
            constraints.append(d.expected)
    protected = [d.expected for d in terms if d.verbatim]
    numbers = source_numbers(text, taken + [(c.start, c.end) for c in codes])
    return _Plan(text, terms, constraints, protected, numbers)


def _present(output: str, demand: _Demand, index: GlossaryIndex) -> bool:
    """Whether ``output`` holds what ``demand`` asks, as post-editing and QA count it."""
    if demand.info is None or demand.info.verbatim:
        # As a whole word (IT is not kept by ITU), never inside a URL unless a URL
        # itself (VNeID in https://vneid.gov.vn/VNeID is no VNeID).
        return bool(verbatim_hits(output, demand.expected, index.tgt,
                                  "url" if demand.kind == "url" else None))
    # The preferred form, or an inflection of it (public services: public service).
    return bool(index.rendered(output, demand.info.key))


def _restore_verbatim(output: str, forms: Sequence[str], tgt: str) -> str:
    """Puts protected forms back exactly where the decoder re-spaced them."""
    for form in forms:
        if bounded(form, tgt).search(output):
            continue
        output = bounded(form, tgt, spaced=True).sub(form.replace("\\", "\\\\"), output,
                                                     count=1)
    return output


def _occurrences(text: str, forms: Sequence[str], tgt: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for form in forms if form
            for m in bounded(form, tgt).finditer(text)]


def _aligned_spans(plan: _Plan, translation: Any,
                   spans: Sequence[tuple[int, int]]) -> list[tuple[int, int] | None]:
    if not translation.alignment or not translation.source_tokens:
        return [None] * len(spans)
    return aligned_target_spans(plan.source, translation.source_tokens, translation.text,
                                translation.tokens, translation.alignment, spans)


Redecode = Callable[[str, list[str]], Any]


def _keeps(plan: _Plan, before: str, after: str, index: GlossaryIndex) -> bool:
    """Whether ``after`` still holds every term, code and number that ``before`` holds.

    A repair step is taken only if it loses nothing: a re-decoding (constraints are
    the engine's best effort) or an edit may gain one term and drop another.
    """
    return (all(_present(after, d, index) for d in plan.terms if _present(before, d, index))
            and all(number_kept(n.text, after) for n in plan.numbers
                    if number_kept(n.text, before)))


def _verify_and_repair(plan: _Plan, translation: Any, sources: SourceMatcher,
                       options: TranslateOptions, redecode: Redecode) -> SegmentResult:
    index = sources.glossary
    output = target_form(_restore_verbatim(translation.text, plan.protected, options.tgt),
                          options.tgt)
    missing = [d for d in plan.terms if not _present(output, d, index)]
    repaired: dict[str, str] = {}  # key -> how it was repaired
    if options.repair and missing:
        output = _repair(plan, translation, sources, missing, repaired, output, redecode,
                         options.tgt)
    output = target_form(output, options.tgt)  # glossary forms put in are NFC already
    # Every outcome is measured on the final output: a report never claims a term,
    # code or number that the text does not hold.
    lost = {d.key for d in missing}
    terms = []
    for d in plan.terms:
        if _present(output, d, index):
            status = "repaired" if d.key in lost else "applied"
            method = repaired.get(d.key) or _method(d, options)
        else:
            status = "failed"
            method = _method(d, options) if options.repair else "not repaired"
        terms.append(TermOutcome(d.info.entry_id if d.info else None,
                                 d.surface or plan.source[d.span[0]:d.span[1]], d.expected,
                                 status, method, d.kind))
    # Numbers: their values must be there, each written as the target language writes it.
    terms += [TermOutcome(None, n.text, n.text,
                          "applied" if number_kept(n.text, output)
                          else "failed", "checked", "number") for n in plan.numbers]
    return SegmentResult(plan.source, output, terms)


def _method(demand: _Demand, options: TranslateOptions) -> str:
    if demand.verbatim:
        return "protected"
    return "constrained" if options.constrain else "as-is"


def _repair(plan: _Plan, translation: Any, sources: SourceMatcher, missing: list[_Demand],
            repaired: dict[str, str], output: str, redecode: Redecode, tgt: str) -> str:
    """Runs the repair steps in turn; each is taken only if it loses nothing.

    Records in ``repaired`` how each term it restores was restored, and returns
    the repaired output.
    """
    index = sources.glossary
    # 1. Variants, forbidden renderings, near misses and mangled codes.
    edited = postedit_line(plan.source, output, index, sources=sources).text
    if _keeps(plan, output, edited, index):
        for d in missing:
            if not _present(output, d, index) and _present(edited, d, index):
                repaired[d.key] = "variant/fuzzy"
        output = edited
    # 2. The model's own alignment tells where it rendered the term.
    todo = [d for d in missing if not _present(output, d, index)]
    found = _aligned_spans(plan, translation, [d.span for d in todo])
    for d, where in zip(todo, found, strict=True):
        if where is None or _present(output, d, index):
            continue
        others = [o.info.key for o in plan.terms
                  if o.key != d.key and o.info is not None and not o.info.verbatim]
        keep = _occurrences(output, plan.protected, tgt)
        keep += [span for key in others for span in index.rendered(output, key)]
        aligned = replace_aligned(translation.text, where, output, d.expected,
                                  len(plan.source[d.span[0]:d.span[1]].split()), keep, tgt)
        if (aligned is not None and _present(aligned, d, index)
                and _keeps(plan, output, aligned, index)):
            output = aligned
            repaired[d.key] = "alignment"
    # 3. Re-decode with the still missing terms that the first decoding was not given
    #    (constrain=False) as hard constraints; the new output is post-edited like the
    #    first, and taken only if it gains a term and loses none. A constraint given
    #    and not placed (one the model cannot spell, or that does not fit within
    #    max_length) is not asked for again: the engine would answer the same, and
    #    warn about it once more for this one occurrence.
    asked = set(plan.constraints)
    unplaced = {d.expected for d in missing} & asked
    new = [d.expected for d in missing
           if d.expected not in asked and not _present(output, d, index)]
    if new:
        # Only what the first decoding was given, and the missing terms: with
        # --no-constraints no code or URL is forced on the decoder here either (a
        # new output that loses one is not taken: _keeps).
        ask = [c for c in plan.constraints if c not in unplaced]
        again = redecode(plan.source, list(dict.fromkeys([*ask, *new])))
        candidate = target_form(_restore_verbatim(again.text, plan.protected, tgt), tgt)
        candidate = postedit_line(plan.source, candidate, index, sources=sources).text
        gained = [d for d in missing
                  if not _present(output, d, index) and _present(candidate, d, index)]
        if gained and _keeps(plan, output, candidate, index):
            output = candidate
            for d in gained:
                repaired[d.key] = "re-decoded"
    return output


def translate_segments(
    texts: Sequence[str],
    engine: Any,
    index: GlossaryIndex | None,
    options: TranslateOptions,
    progress: Callable[[int], None] | None = None,
) -> list[SegmentResult]:
    """Translates sentences with glossary enforcement.

    Sentences are sorted by length and sent to the engine ``options.parallel``
    batches of ``options.batch_size`` at a time; results come back in input order.

    Args:
        texts: Source sentences (from one or many documents).
        engine: A :class:`models.Engine`.
        index: Approved glossary entries for the direction, or ``None``.
        options: How to translate.
        progress: Called with the number of sentences finished after each batch.

    Returns:
        One :class:`SegmentResult` per sentence, in order.

    Raises:
        InputError: If ``options``' direction is not supported (without ``index``).
        ModelError: As the engine's :meth:`~models.Engine.translate`
            (:class:`~models.UnsupportedDirectionError` for a direction it lacks).
    """
    # Codes of the sentences are checked (and repaired) without a glossary too.
    checks = index if index is not None else GlossaryIndex([], options.src, options.tgt)
    sources = SourceMatcher(checks)  # the entries post-editing and QA ask for
    plans = [_plan(t, sources, options) for t in texts]
    order = sorted(range(len(plans)), key=lambda i: len(plans[i].source))
    results: list[SegmentResult | None] = [None] * len(plans)

    def redecode(source: str, constraints: list[str]) -> Any:
        return engine.translate([source], options.src, options.tgt, constraints=[constraints],
                                beam_size=options.beam_size,
                                max_length=options.max_length)[0]

    step = options.batch_size * options.parallel
    for start in range(0, len(order), step):
        batch = order[start:start + step]
        # Alignments serve only to repair terms and codes: none asked for a batch without.
        want_alignment = options.repair and any(plans[i].terms for i in batch)
        translations = engine.translate(
            [plans[i].source for i in batch], options.src, options.tgt,
            constraints=[plans[i].constraints for i in batch],
            beam_size=options.beam_size,
            max_length=options.max_length,
            return_alignment=want_alignment)
        for i, translation in zip(batch, translations, strict=True):
            results[i] = _verify_and_repair(plans[i], translation, sources, options, redecode)
        if progress is not None:
            progress(len(batch))
    return [r for r in results if r is not None]


def translate_document(text: str, engine: Any, index: GlossaryIndex | None,
                       options: TranslateOptions,
                       progress: Callable[[int], None] | None = None) -> DocumentResult:
    """Translates one document, keeping its layout.

    Args:
        text: The document.
        engine: A :class:`models.Engine`.
        index: Approved glossary entries for the direction, or ``None``.
        options: How to translate.
        progress: Called with the number of sentences finished after each batch.

    Returns:
        The translated document and a result per sentence.

    Raises:
        InputError: If ``options.src`` is not supported.
        ModelError: As :func:`translate_segments`.
    """
    segments = segment(text, options.src)
    wanted = [i for i, s in enumerate(segments) if s.translatable]
    results = translate_segments([segments[i].text for i in wanted], engine, index, options,
                                 progress)
    return DocumentResult(assemble(segments, wanted, results), results)


def assemble(segments: Sequence[Segment], wanted: Sequence[int],
             results: Sequence[SegmentResult]) -> str:
    """Puts translated sentences back into their document's layout."""
    return reassemble(segments, {i: r.output for i, r in zip(wanted, results, strict=True)})
