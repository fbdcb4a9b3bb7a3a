"""The CTranslate2 backend: converted Marian, M2M100 and NLLB models.

Tokenization uses the model's own SentencePiece/transformers tokenizer, saved
beside the converted weights by ``avet models convert``. CTranslate2 has no
lexical constraints, so avet enforces them by **constrained re-decoding by
prefix**, the usual workaround: decode; for each constraint missing from the best
hypothesis, re-decode with ``target_prefix`` = the hypothesis up to the place the
term belongs, followed by the constraint's tokens, and let the engine finish the
sentence. The place is where attention says the constraint's source term is
rendered when the source term is known (:class:`models.base.TermConstraint`);
otherwise every word start of the hypothesis is tried in one batch and the
best-scoring continuation wins. Earlier constraints stay inside the prefix, so the
result contains every constraint. So that a placed term stays a word of its own,
the re-decoding asks for alternatives at the first position after the prefix and
keeps the best one that does not glue a subword onto the term.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from models.base import (
    TermConstraint,
    Translation,
    check_counts,
    check_device,
    check_per_segment,
    constraint_text,
    glues,
    gpu_count,
)
from models.discovery import ModelInfo
from models.errors import DamagedModelError, ModelError, UnsupportedDirectionError
from models.hf_backend import constraint_variants, language_token_ids, weights_hash
from models.langcodes import lang_token, normalize_lang
from models.notices import RepeatedWarnings
from models.split import fit_pieces, translate_in_pieces
from models.tokenizer import load_tokenizer

log = logging.getLogger("avet.models")

__all__ = ["CT2Engine", "cpu_threads", "position_limit", "usable_cpus"]

#: CTranslate2's messages for a truncated or corrupt model.bin.
_DAMAGED = re.compile(r"model\.bin is incomplete|has an invalid payload size")

#: Word starts tried per missing constraint when its source term is unknown.
MAX_POSITIONS = 24
#: Alternatives asked for at the first free position after a placed constraint, so
#: that one that starts a new word can be kept (a subword would glue onto the term).
ALTERNATIVES = 8
#: CTranslate2's own ``intra_threads`` default, kept for a single replica.
DEFAULT_THREADS = 4


def usable_cpus() -> int:
    """Returns the CPUs this process may run on (its affinity where the system
    tells it, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no sched_getaffinity (macOS, Windows)
        return os.cpu_count() or 1


def cpu_threads(parallel: int = 1, threads: int | None = None) -> int:
    """Threads per model replica on CPU (CTranslate2's ``intra_threads``).

    Args:
        parallel: Replicas decoding side by side (``inter_threads``).
        threads: The CPU threads the engine may use in all (a Ray actor's
            reservation); ``None``: the CPUs this process may use.

    Returns:
        ``threads // parallel`` (at least 1); one replica takes at most
        CTranslate2's default of 4.
    """
    available = usable_cpus() if threads is None else threads
    share = max(1, available // max(1, parallel))
    return min(DEFAULT_THREADS, share) if parallel <= 1 else share


def _read_string(handle: BinaryIO) -> str:
    (size,) = struct.unpack("<H", handle.read(2))
    return handle.read(size)[:-1].decode("utf-8")


def position_limit(path: Path) -> int | None:
    """Returns the number of positions a CTranslate2 model encodes, from ``model.bin``.

    Reads the variable headers (skipping their data) as CTranslate2's
    ``ModelSpec._serialize`` writes them, and returns the first dimension of the
    ``position_encodings/encodings`` table.

    Args:
        path: The CTranslate2 model directory.

    Returns:
        The number of positions, or ``None`` when the model has no position table
        (relative or rotary positions: no fixed limit).
    """
    with (path / "model.bin").open("rb") as handle:
        (version,) = struct.unpack("<I", handle.read(4))
        if version >= 2:
            _read_string(handle)  # the spec name
            handle.read(4)  # its revision
        (count,) = struct.unpack("<I", handle.read(4))
        for _ in range(count):
            name = _read_string(handle)
            (rank,) = struct.unpack("<B", handle.read(1))
            dims = struct.unpack(f"<{rank}I", handle.read(4 * rank))
            handle.read(1)  # the type id (the item size before version 4)
            (size,) = struct.unpack("<I", handle.read(4))
            if name.endswith("position_encodings/encodings") and dims:
                return int(dims[0])
            handle.seek(size, os.SEEK_CUR)
    return None


def _contains(tokens: list[str], variants: list[list[str]]) -> bool:
    return any(tokens[i:i + len(v)] == v for v in variants
               for i in range(len(tokens) - len(v) + 1))


class CT2Engine:
    """Translates with a CTranslate2 model directory.

    Args:
        info: The model, as found by :mod:`models.discovery`.
        device: ``cpu`` or ``cuda``.
        compute_type: CTranslate2 compute type; default ``int8`` on CPU,
            ``int8_float16`` on CUDA.
        batch_size: Segments per batch.
        intra_threads: Threads per batch (0: :func:`cpu_threads`, the CPUs this
            process may use, or ``threads``, shared out among the replicas).
        parallel: Batches decoded at once, each by its own model replica
            (CTranslate2's ``inter_threads``); a call with more segments than
            ``batch_size`` is split into batches that run side by side.
        threads: CPU threads the engine may use in all (a Ray actor passes the
            CPUs it reserved); ``None``: the CPUs this process may use.

    Raises:
        ModelError: If ``batch_size``, ``parallel`` or ``threads`` is below 1, or
            the directory is not a CTranslate2 model.
        DamagedModelError: If ``model.bin`` is truncated or corrupt.

    Attributes:
        parallel_batches: ``parallel``: callers give up to this many batches per call.
    """

    name = "ctranslate2"

    def __init__(self, info: ModelInfo, device: str = "cpu", compute_type: str | None = None,
                 batch_size: int = 16, intra_threads: int = 0, parallel: int = 1,
                 threads: int | None = None) -> None:
        import ctranslate2

        if info.format != "ctranslate2":
            raise ModelError("not a CTranslate2 model", path=info.path,
                             hint="convert it with `avet models convert DIR OUT`")
        check_device(device, lambda: gpu_count("ctranslate2"))
        self.info = info
        self.model_id = info.model_id
        self.device = device
        self.compute_type = compute_type or ("int8" if device == "cpu" else "int8_float16")
        check_counts(batch_size=batch_size, parallel=parallel,
                     **({} if threads is None else {"threads": threads}))
        self.batch_size = batch_size
        self.parallel_batches = parallel
        if intra_threads == 0 and device == "cpu":
            intra_threads = cpu_threads(parallel, threads)
        #: Threads per replica (0 on CUDA: CTranslate2's default).
        self.intra_threads = intra_threads
        try:
            self._translator = ctranslate2.Translator(
                str(info.path), device=device, compute_type=self.compute_type,
                inter_threads=parallel, intra_threads=intra_threads)
        except RuntimeError as exc:
            # CTranslate2 reports a truncated or corrupt model.bin as a RuntimeError:
            # only those messages are the user's damaged copy; anything else propagates.
            if _DAMAGED.search(str(exc)) is None:
                raise
            raise DamagedModelError(info.path / "model.bin") from exc
        self._tokenizer = load_tokenizer(
            info.path, hint="re-convert with `avet models convert`, which copies it")
        self._lang_tokens = list(self._tokenizer.convert_ids_to_tokens(
            language_token_ids(self._tokenizer)))
        # M2M100's filler entries exist only in the converted vocabulary.
        self._lang_tokens += [f"madeupword{i}" for i in
                              range(int(getattr(self._tokenizer, "num_madeup_words", 0) or 0))]
        self._hash = weights_hash(info.path, "model.bin")
        #: Tokens the model encodes at most (source, and target with its prefix).
        self.max_positions = position_limit(info.path)
        # Constraint warnings repeat per sentence: once each, counted, totals at the end.
        self._warnings = RepeatedWarnings(log)
        weakref.finalize(self, self._warnings.flush)

    def directions(self) -> set[tuple[str, str]]:
        """Returns the ``(src, tgt)`` pairs the model translates."""
        return set(self.info.directions)

    def signature(self) -> dict[str, Any]:
        """Returns the model id, engine, weights hash and options for reports."""
        return {"model": self.model_id, "engine": self.name, "family": self.info.family,
                "revision": self.info.revision, "weights_sha256": self._hash,
                "device": self.device, "compute_type": self.compute_type}

    def _setup(self, src: str, tgt: str) -> tuple[str, list[str]]:
        if self.info.directions and (src, tgt) not in self.info.directions:
            have = ", ".join(sorted(f"{s}→{t}" for s, t in self.info.directions))
            raise UnsupportedDirectionError(
                f"model {self.model_id} does not translate {src}→{tgt} (it covers {have})",
                path=self.info.path, hint="pick another model, or pivot through en")
        if self.info.family == "marian":
            token = self.info.target_tokens.get(tgt)
            return (f"{token} " if token else ""), []
        self._tokenizer.src_lang = (src if self.info.family == "m2m100"
                                    else lang_token(self.info.family, src))
        return "", [lang_token(self.info.family, tgt)]

    def _source_tokens(self, text: str) -> list[str]:
        # Long sentences are measured on purpose (then split): no length warning.
        ids = self._tokenizer(text, verbose=False)["input_ids"]
        return list(self._tokenizer.convert_ids_to_tokens(ids))

    def _target_pieces(self, text: str) -> list[str]:
        ids = self._tokenizer(text_target=text, add_special_tokens=False)["input_ids"]
        return list(self._tokenizer.convert_ids_to_tokens(ids))

    def translate(
        self,
        segments: Sequence[str],
        src: str,
        tgt: str,
        *,
        constraints: Sequence[Sequence[str | TermConstraint]] | None = None,
        prefixes: Sequence[str] | None = None,
        beam_size: int = 4,
        max_length: int = 256,
        return_alignment: bool = False,
    ) -> list[Translation]:
        """Translates segments; see :meth:`models.base.Engine.translate`.

        A segment longer than the model's positions is translated in pieces that
        fit (:mod:`models.split`). ``max_length`` bounds every decode, constraint
        re-decoding included: a constraint that does not fit is left out, with a
        warning.
        """
        check_counts(beam_size=beam_size, max_length=max_length)
        src, tgt = normalize_lang(src), normalize_lang(tgt)
        text_prefix, head = self._setup(src, tgt)
        check_per_segment(len(segments), constraints=constraints, prefixes=prefixes)

        def run(texts: list[str], cons: list[list[str | TermConstraint]] | None,
                pres: list[str] | None) -> list[Translation]:
            return self._translate(texts, text_prefix, head, cons, pres, beam_size,
                                   max_length, return_alignment)

        limit = self.max_positions
        if limit is None:
            return run(list(segments), [list(c) for c in constraints] if constraints else None,
                       list(prefixes) if prefixes else None)
        return translate_in_pieces(
            segments, constraints, prefixes,
            lambda s: fit_pieces(s, lambda t: len(self._source_tokens(text_prefix + t)), limit),
            run)

    def _translate(self, segments: list[str], text_prefix: str, head: list[str],
                   constraints: list[list[str | TermConstraint]] | None,
                   prefixes: list[str] | None, beam_size: int, max_length: int,
                   return_alignment: bool) -> list[Translation]:
        n = len(segments)
        sources = [self._source_tokens(text_prefix + s) for s in segments]
        targets = [head + (self._target_pieces(prefixes[i]) if prefixes and prefixes[i] else [])
                   for i in range(n)]
        # max_length counts the tokens after the language token and the given prefix.
        bounds = [self._bound(max_length + len(t)) for t in targets]
        results = self._decode(sources, targets, beam_size, max(bounds, default=0),
                               return_alignment or bool(constraints))
        if constraints:
            for i in range(n):
                if constraints[i]:
                    results[i] = self._enforce(sources[i], results[i], list(constraints[i]),
                                               len(head), beam_size, bounds[i])
        return [self._finish(sources[i], tokens, score, attention, len(head), return_alignment)
                for i, (tokens, score, attention) in enumerate(results)]

    def _bound(self, length: int) -> int:
        """Caps a decoding length at the model's positions (less one: rescoring a
        hypothesis feeds the decoder-start token too)."""
        return length if self.max_positions is None else min(length, self.max_positions - 1)

    def _decode(self, sources: list[list[str]], targets: list[list[str]], beam_size: int,
                max_decoding_length: int, attention: bool, word_after_prefix: bool = False
                ) -> list[tuple[list[str], float | None, list[list[float]] | None]]:
        """Decodes in batches; returns each segment's best hypothesis.

        With ``word_after_prefix``, CTranslate2 returns :data:`ALTERNATIVES` continuations
        at the first position after each prefix (a placed constraint), and the best
        one whose first piece does not glue onto the prefix is kept (the best one if
        every alternative glues).
        """
        if not sources:
            return []
        suppress = [[t] for t in self._lang_tokens]
        extra: dict[str, Any] = {}
        if word_after_prefix:
            extra = {"return_alternatives": True, "num_hypotheses": ALTERNATIVES}
        # One call: CTranslate2 cuts it into batches of batch_size (sorted by length)
        # and decodes `parallel` of them at once.
        longest = max(len(p) for p in targets)
        results = self._translator.translate_batch(
            sources, target_prefix=targets if longest else None, max_batch_size=self.batch_size,
            beam_size=beam_size, max_decoding_length=max_decoding_length, return_scores=True,
            return_attention=attention, suppress_sequences=suppress or None, **extra)
        out: list[tuple[list[str], float | None, list[list[float]] | None]] = []
        for forced, result in zip(targets, results, strict=True):
            hyps = result.hypotheses
            pick = next((h for h, tokens in enumerate(hyps)
                         if not (0 < len(forced) < len(tokens)
                                 and glues(forced[-1], tokens[len(forced)]))), 0)
            out.append((list(hyps[pick]), float(result.scores[pick]) if result.scores else None,
                        [list(a) for a in result.attention[pick]] if attention else None))
        return out

    def _enforce(self, source: list[str], best: tuple[list[str], float | None, Any],
                 constraints: list[str | TermConstraint], head: int, beam_size: int,
                 bound: int) -> tuple[list[str], float | None, Any]:
        """Re-decodes with prefixes until every constraint is in the hypothesis.

        ``bound`` is the decoding length of the first decode (head, prefix and
        ``max_length``): no re-decoding goes beyond it, and a constraint that can
        be placed nowhere within it is left out with a warning.
        """
        locked = head  # tokens before this index hold constraints already placed
        spelled = [[list(self._tokenizer.convert_ids_to_tokens(v))
                    for v in constraint_variants(self._tokenizer, constraint_text(c),
                                                 self._warnings.warn)]
                   for c in constraints]
        for k, (constraint, variants) in enumerate(zip(constraints, spelled, strict=True)):
            text = constraint_text(constraint)
            if not variants:
                continue
            tokens = best[0]
            if _contains(tokens[head:], variants):
                continue
            # Leave room for the constraints still to place, if there is room for it.
            later = sum(len(vs[0]) for vs in spelled[k + 1:] if vs)
            positions = (self._positions(source, best, constraint, locked, head,
                                         bound - len(variants[0]) - later)
                         or self._positions(source, best, constraint, locked, head,
                                            bound - len(variants[0])))
            if not positions:
                self._warnings.warn("constraint %r does not fit within max_length (%d tokens); "
                                    "decoding without it", text, bound - head)
                continue
            prefixes = [tokens[:p] + variants[0] for p in positions]
            tries = self._decode([source] * len(prefixes), prefixes, beam_size, bound, True,
                                 word_after_prefix=True)
            # Scores of prefixed decodes leave the forced prefix out: rescore in full.
            scored = self._translator.score_batch([source] * len(tries),
                                                  [t[0] for t in tries])
            means = [sum(r.log_probs) / max(1, len(r.log_probs)) for r in scored]
            pick = max(range(len(tries)), key=means.__getitem__)
            best = (tries[pick][0], means[pick], tries[pick][2])
            locked = positions[pick] + len(variants[0])
        return best

    def _positions(self, source: list[str], best: tuple[list[str], float | None, Any],
                   constraint: str | TermConstraint, locked: int, head: int,
                   last: int) -> list[int]:
        """Returns the prefix lengths (at most ``last``) at which to insert a missing
        constraint."""
        tokens, _, attention = best
        if isinstance(constraint, TermConstraint) and constraint.source and attention:
            span = self._source_pieces_span(source, constraint.source)
            if span is not None:
                for j in range(locked, min(len(tokens), last + 1)):
                    row = attention[j]
                    if span[0] <= max(range(len(row)), key=row.__getitem__) < span[1]:
                        return [j]
        # Word starts, the end, and the sentence start when nothing is placed yet.
        starts = [j for j in range(locked, len(tokens))
                  if tokens[j].startswith("▁") or j == locked == head]
        starts.append(len(tokens))
        starts = [j for j in starts if j <= last]
        if not starts:
            return []
        if len(starts) > MAX_POSITIONS:
            step = len(starts) / MAX_POSITIONS
            starts = sorted({starts[int(k * step)] for k in range(MAX_POSITIONS)})
        return starts

    def _source_pieces_span(self, source: list[str], phrase: str) -> tuple[int, int] | None:
        pieces = self._source_tokens(phrase)
        pieces = [p for p in pieces if p not in self._tokenizer.all_special_tokens]
        for variant in (pieces, [pieces[0].lstrip("▁"), *pieces[1:]] if pieces else []):
            for i in range(len(source) - len(variant) + 1):
                if variant and source[i:i + len(variant)] == variant:
                    return i, i + len(variant)
        return None

    def _finish(self, source: list[str], tokens: list[str], score: float | None,
                attention: list[list[float]] | None, head: int,
                return_alignment: bool) -> Translation:
        tok = self._tokenizer
        target = tokens[head:]
        ids = tok.convert_tokens_to_ids(target)
        alignment, source_tokens = None, None
        if return_alignment and attention is not None:
            special = set(tok.all_special_tokens) | set(self._lang_tokens)
            keep = [i for i, t in enumerate(source) if t not in special]
            source_tokens = [source[i] for i in keep]
            alignment = []
            for j, row in enumerate(attention[head:head + len(target)]):
                if keep:
                    weights = [row[i] for i in keep]
                    alignment.append((weights.index(max(weights)), j))
        return Translation(text=str(tok.decode(ids, skip_special_tokens=True)), tokens=target,
                           score=score, alignment=alignment, source_tokens=source_tokens)
