"""The batch jobs (translate, postedit, extract), shared by the local runner and the Ray actors.

A job is described by a *spec* (a small picklable object: options, model path,
the glossary entries as a read-only snapshot) whose :meth:`open` builds a
*worker* (the engine and the glossary index, loaded once). A worker's
``process(tasks)`` turns a chunk of :class:`DocTask` into one
:class:`DocOutcome` per document; it never writes a file. The runner (local or
Ray) writes the outputs atomically and records them in the manifest, so the
work itself has one implementation.

A bad document gives a failed outcome with a one-line error, never an
exception out of ``process``: the chunk goes on. A document that the job does
not take (``batch extract``: hardly any Arabic, as ``avet extract`` skips it) gives
a skipped outcome with the reason.

The task and outcome types and the protocols are in :mod:`toolkit.batch.tasks`
(re-exported here).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar

from glossary.errors import InputError, NotFoundError
from glossary.model import Entry
from toolkit.batch.tasks import (
    DocOutcome,
    DocTask,
    JobSpec,
    Progress,
    Worker,
    failure,
    file_sha256,
    job_key,
)
from toolkit.glossary_source import GlossaryIndex
from toolkit.translate import MAX_SEGMENT_CHARS, PreparedDocument, TranslateOptions

__all__ = [
    "MAX_SEGMENT_CHARS",
    "DocOutcome",
    "DocTask",
    "ExtractSpec",
    "JobSpec",
    "PostEditSpec",
    "TranslateSpec",
    "Worker",
    "file_sha256",
    "job_key",
    "not_arabic",
]

log = logging.getLogger("avet.batch")


def not_arabic(text: str) -> str | None:
    """Why ``avet extract`` would skip a document as not Arabic, or ``None``.

    Args:
        text: The document's text.

    Returns:
        ``only 5% of its letters are Arabic: not an Arabic document`` when fewer
        than :data:`toolkit.extract.reader.MIN_ARABIC_SHARE` of its letters are
        Arabic; ``None`` otherwise (also for a document without letters).
    """
    from toolkit.extract.reader import MIN_ARABIC_SHARE, arabic_share

    share = arabic_share(text)
    if share is None or share >= MIN_ARABIC_SHARE:
        return None
    return f"only {share:.0%} of its letters are Arabic: not an Arabic document"


def _read(path: str) -> Any:
    """Reads a document as ``avet extract`` does; notes a Windows-1256 one."""
    from toolkit.extract.reader import read_document

    doc = read_document(path)
    if doc.encoding == "cp1256":
        log.warning("%s: decoded as Windows-1256", doc.path)
    return doc


# ---------------------------------------------------------------------- translate
@dataclass(frozen=True)
class TranslateSpec:
    """``batch translate``.

    Attributes:
        options: How to translate.
        model: Model id or directory (``None``: any local model).
        engine: ``transformers`` or ``ctranslate2``.
        device: ``cpu`` or ``cuda``.
        entries: The approved entries (a snapshot shipped with the job), or ``None``.
        glossary_hash: Their hash.
        glossary_origin: Where they came from.
        engine_signature: The engine's signature, filled by the driver once it
            has loaded the model (part of the job key).
        threads: CPU threads the engine may use (a Ray actor's reservation);
            ``None``: the CPUs the process may use.
    """

    options: TranslateOptions
    model: str | None
    engine: str = "transformers"
    device: str = "cpu"
    entries: tuple[Entry, ...] | None = None
    glossary_hash: str | None = None
    glossary_origin: str | None = None
    engine_signature: tuple[tuple[str, Any], ...] = ()
    command: str = "translate"
    threads: int | None = None
    shares_batches: ClassVar[bool] = True

    @property
    def replicas(self) -> int:
        """The ``--parallel`` model replicas of the worker's engine."""
        return self.options.parallel

    @property
    def direction(self) -> tuple[str, str]:
        """``(src, tgt)``."""
        return self.options.src, self.options.tgt

    def load_engine(self) -> Any:
        """Loads the MT engine (torch is imported only here).

        Returns:
            A :class:`models.Engine` for the job's model and direction.

        Raises:
            ModelError: As :func:`models.load_engine` (a subclass names the cause).
        """
        from models import load_engine

        return load_engine(self.model, self.options.src, self.options.tgt,
                           engine=self.engine, device=self.device,
                           batch_size=self.options.batch_size, parallel=self.options.parallel,
                           threads=self.threads)

    def open(self, engine: Any = None) -> TranslateWorker:
        """Builds the worker: the glossary index and the engine.

        Args:
            engine: An engine already loaded (the driver's), or ``None`` to load
                one with :meth:`load_engine`.

        Returns:
            The worker that translates chunks of documents.

        Raises:
            InputError: If the glossary index's direction is not supported.
            ModelError: As :meth:`load_engine`.
        """
        index = (GlossaryIndex(list(self.entries), self.options.src, self.options.tgt)
                 if self.entries is not None else None)
        return TranslateWorker(self, engine if engine is not None else self.load_engine(), index)

    def signature(self) -> dict[str, Any]:
        """Returns the translation signature (engine, glossary, options) of the outputs.

        Returns:
            A JSON-ready dict (see :func:`toolkit.translate.build_signature`).
        """
        from toolkit.translate import build_signature

        return build_signature(dict(self.engine_signature), self.glossary_hash,
                               self.glossary_origin, self.options)

    def output_rel(self, rel: str) -> str:
        """Names the output of document ``rel``: ``STEM.TGT.SUFFIX``, relative to OUT_DIR.

        Args:
            rel: The document's path relative to INPUT_DIR.

        Returns:
            The output's POSIX path relative to OUT_DIR.
        """
        from toolkit.translate import output_name

        return output_name(rel, self.options.tgt).as_posix()


@dataclass
class _Prepared:
    task: DocTask
    document: PreparedDocument


class TranslateWorker:
    """Translates chunks: the sentences of all documents in one engine call."""

    def __init__(self, spec: TranslateSpec, engine: Any, index: GlossaryIndex | None) -> None:
        self.spec = spec
        self.engine = engine
        self.index = index

    def _prepare(self, task: DocTask) -> _Prepared:
        from toolkit.translate import prepare_document

        return _Prepared(task, prepare_document(task.path, self.spec.options.src,
                                                quiet=task.context))

    def process(self, tasks: Sequence[DocTask], progress: Progress | None = None
                ) -> list[DocOutcome]:
        """Translates the documents of a chunk (see the module docstring)."""
        outcomes: dict[str, DocOutcome] = {}
        prepared: list[_Prepared] = []
        for task in tasks:
            try:
                prepared.append(self._prepare(task))
            except Exception as exc:
                outcomes[task.rel] = failure(task.rel, exc)
        for outcome in self._translate(prepared, progress):
            outcomes[outcome.rel] = outcome
        return [outcomes[t.rel] for t in tasks]

    def _translate(self, prepared: list[_Prepared], progress: Progress | None
                   ) -> list[DocOutcome]:
        from toolkit.translate import translate_segments

        texts = [sentence for p in prepared for sentence in p.document.sentences]
        try:
            results = translate_segments(texts, self.engine, self.index, self.spec.options,
                                         progress)
        except Exception as exc:
            if len(prepared) == 1:
                return [failure(prepared[0].task.rel, exc)]
            # Find the document that breaks the engine: one at a time.
            return [o for p in prepared for o in self._translate([p], progress)]
        out = []
        pos = 0
        for p in prepared:
            mine = results[pos:pos + len(p.document.wanted)]
            pos += len(p.document.wanted)
            out.append(self._outcome(p, mine))
        return out

    def _outcome(self, p: _Prepared, results: list[Any]) -> DocOutcome:
        doc = p.document.result(results)
        counts = doc.counts()  # failed_terms: "failed" counts documents
        report = {"input": p.task.rel, "output": self.spec.output_rel(p.task.rel),
                  "counts": counts, "segments": [s.to_dict() for s in results]}
        return DocOutcome(p.task.rel, True, text=p.document.output_text(doc),
                          report=report, counts=counts)


# ---------------------------------------------------------------------- postedit
@dataclass(frozen=True)
class PostEditSpec:
    """``batch postedit``: the approved terms enforced on existing translations.

    Attributes:
        src: Source language.
        tgt: Target language.
        entries: The approved entries (snapshot).
        glossary_hash: Their hash.
        glossary_origin: Where they came from.
    """

    src: str
    tgt: str
    entries: tuple[Entry, ...]
    glossary_hash: str
    glossary_origin: str
    command: str = "postedit"
    shares_batches: ClassVar[bool] = False
    replicas: ClassVar[int] = 1

    @property
    def direction(self) -> tuple[str, str]:
        """``(src, tgt)``."""
        return self.src, self.tgt

    def open(self) -> PostEditWorker:
        """Builds the worker: the glossary index of the snapshot.

        Returns:
            A worker that post-edits one document per task.

        Raises:
            InputError: If the direction is not supported.
        """
        return PostEditWorker(GlossaryIndex(list(self.entries), self.src, self.tgt), self.tgt)

    def signature(self) -> dict[str, Any]:
        """Returns what determines the outputs: avet version, languages and glossary.

        Returns:
            A JSON-ready dict.
        """
        from toolkit import __version__

        return {"avet": __version__, "command": self.command, "src": self.src, "tgt": self.tgt,
                "glossary": {"origin": self.glossary_origin, "hash": self.glossary_hash}}

    def output_rel(self, rel: str) -> str:
        """Names the output as ``batch translate`` does: ``STEM.TGT.SUFFIX``.

        Args:
            rel: The document's path relative to INPUT_DIR.

        Returns:
            The output's POSIX path relative to OUT_DIR.
        """
        from toolkit.translate import output_name

        return output_name(rel, self.tgt).as_posix()


class PostEditWorker:
    """Post-edits line-aligned translations, every other byte unchanged.

    Args:
        index: The glossary index.
        tgt: The target language (names the translation looked for).
    """

    def __init__(self, index: GlossaryIndex, tgt: str) -> None:
        self.index = index
        self.tgt = tgt

    def process(self, tasks: Sequence[DocTask], progress: Progress | None = None
                ) -> list[DocOutcome]:
        """Post-edits each ``task.target`` against ``task.path``."""
        out = []
        for task in tasks:
            try:
                out.append(self._one(task))
            except Exception as exc:
                out.append(failure(task.rel, exc))
            if progress is not None:
                progress(out[-1].counts.get("segments", 0))
        return out

    def _one(self, task: DocTask) -> DocOutcome:
        from toolkit.postedit import ACTIONS, postedit_lines
        from toolkit.textfiles import read_aligned
        from toolkit.translate import output_name

        if task.target is None:
            raise InputError("no translation to post-edit", path=task.path,
                             hint="give --targets DIR with the same relative paths")
        if not Path(task.target).exists():
            raise NotFoundError(
                f"no such file: neither {output_name(task.rel, self.tgt).name} nor "
                f"{Path(task.rel).name}, the translation of {task.rel}",
                path=Path(task.target).parent,
                hint="give --targets the folder 'avet batch translate' wrote, or translations "
                     "under the inputs' names")
        source, target = read_aligned(task.path, task.target)
        results = postedit_lines(source.lines, target.lines, self.index)
        counts = {"segments": len(results), **dict.fromkeys(ACTIONS, 0), "missing": 0}
        edits = []
        for n, r in enumerate(results, start=1):
            counts["missing"] += len(r.missing)
            for e in r.edits:
                counts[e.action] += 1
                edits.append(e.to_dict(n))
        report = {"input": task.rel, "target": task.target,
                  "output": output_name(task.rel, self.tgt).as_posix(),
                  "counts": counts, "edits": edits,
                  "missing": [{"line": n, **asdict(m)} for n, r in enumerate(results, start=1)
                              for m in r.missing]}
        return DocOutcome(task.rel, True, text=target.render([r.text for r in results]),
                          report=report, counts=counts)


# ---------------------------------------------------------------------- extract
@dataclass(frozen=True)
class ExtractSpec:
    """``batch extract``: evidence per document, aggregated out of core at the end.

    Attributes:
        known: Approved entries that confirm candidates (starter termbase, store).
        min_count: Candidates seen fewer times are dropped (applied at the end).
        max_terms: Term candidates kept (applied at the end).
        approve_known: Approve the candidates a known entry confirms.
        known_hash: The hash of ``known``.
        starter: Whether ``known`` includes the starter termbase.
    """

    known: tuple[Entry, ...] = ()
    min_count: int = 1
    max_terms: int = 300
    approve_known: bool = False
    known_hash: str = ""
    starter: bool = True
    command: str = "extract"
    shares_batches: ClassVar[bool] = False
    replicas: ClassVar[int] = 1

    def extractor(self) -> Any:
        """Returns a fresh :class:`toolkit.extract.pipeline.Extractor`.

        Returns:
            An extractor with the job's known entries and options, holding no document.
        """
        from toolkit.extract.pipeline import Extractor

        return Extractor(list(self.known), min_count=self.min_count, max_terms=self.max_terms,
                         approve_known=self.approve_known)

    direction: ClassVar[None] = None

    def open(self) -> ExtractWorker:
        """Builds the worker around a fresh :meth:`extractor`.

        Returns:
            A worker that extracts the evidence of one document per task.
        """
        return ExtractWorker(self.extractor())

    def signature(self) -> dict[str, Any]:
        """Returns what determines a document's evidence: avet version and known entries.

        Returns:
            A JSON-ready dict.
        """
        # Only what changes a document's evidence: min_count, max_terms and
        # approve_known apply to the aggregate, so changing them redoes no document.
        from toolkit import __version__

        return {"avet": __version__, "command": self.command, "known": self.known_hash}

    def options(self) -> dict[str, Any]:
        """Returns the options of the aggregate (``avet extract --json`` and ``batch
        extract``'s report give them beside the signature): ``min_count``,
        ``max_terms``, ``approve_known``, ``starter``.

        Returns:
            A JSON-ready dict of those four options.
        """
        return {"min_count": self.min_count, "max_terms": self.max_terms,
                "approve_known": self.approve_known, "starter": self.starter}

    def output_rel(self, rel: str) -> None:
        """Returns ``None``: evidence goes into the aggregate, not one file per document.

        Args:
            rel: The document's path relative to INPUT_DIR (unused).
        """
        return None


class ExtractWorker:
    """Counts the evidence of each document and hands it back as rows."""

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor

    def process(self, tasks: Sequence[DocTask], progress: Progress | None = None
                ) -> list[DocOutcome]:
        """Returns each document's evidence rows (see :func:`toolkit.batch.aggregate.drain`)."""
        from toolkit.batch.aggregate import drain

        out = []
        for task in tasks:
            try:
                document = _read(task.path)
                reason = not_arabic(document.text)
                if reason is not None:
                    out.append(DocOutcome(task.rel, True, skipped=reason))
                    continue
                self.extractor.add_document(document)
                rows, words = drain(self.extractor, task.rel, task.job_key)
                out.append(DocOutcome(task.rel, True, rows=rows,
                                      counts={"words": words,
                                              "candidates": sum(1 for r in rows
                                                                if r["field"] == "cluster")}))
            except Exception as exc:
                drain(self.extractor, task.rel, task.job_key)  # drop half-counted evidence
                out.append(failure(task.rel, exc))
            if progress is not None:
                progress(out[-1].counts.get("words", 0))
        return out
