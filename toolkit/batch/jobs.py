"""The units of work of a batch job, shared by the local runner and the Ray actors.

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
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from glossary.errors import AvetError, InputError, NotFoundError
from glossary.model import Entry
from models.errors import ModelError
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

Progress = Callable[[int], None]


@dataclass(frozen=True)
class DocTask:
    """One document to process.

    Attributes:
        rel: Its path relative to the input folder (the manifest's key).
        path: The path to read, as the single-file commands would be given it.
        order: Its position in the sorted input (extraction keeps first-seen order).
        job_key: From :func:`job_key`.
        target: ``batch postedit``: the translation to post-edit.
    """

    rel: str
    path: str
    order: int
    job_key: str
    target: str | None = None


@dataclass
class DocOutcome:
    """What processing one document gave.

    Attributes:
        rel: The document.
        ok: Whether it succeeded.
        error: One-line error when it failed.
        permanent: The error comes from the input (retrying cannot help).
        text: The output text (translate, postedit).
        report: The per-document report (segments and terms; edits).
        counts: Numbers for the summary (segments, applied, repaired, failed…).
        rows: Extraction evidence rows (see :mod:`toolkit.batch.aggregate`).
        skipped: Why the job does not take the document (``ok`` is then true and
            nothing is written), or ``None``.
    """

    rel: str
    ok: bool
    error: str | None = None
    permanent: bool = True
    text: str | None = None
    report: dict[str, Any] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    rows: list[dict[str, Any]] | None = None
    skipped: str | None = None


class Worker(Protocol):
    """Processes chunks of documents (the engine and glossary loaded once)."""

    def process(self, tasks: Sequence[DocTask], progress: Progress | None = None
                ) -> list[DocOutcome]:
        """Returns one outcome per task, in order."""
        ...


class JobSpec(Protocol):
    """What a batch job does; picklable, so that Ray can ship it to actors.

    Attributes:
        command: ``translate``, ``postedit`` or ``extract``.
        shares_batches: Whether a document's output depends on the other documents of
            its chunk (translation: their sentences share engine batches, and a batched
            engine's numbers depend slightly on padding). The driver then always sends
            whole chunks, done documents included, so that a resumed job decodes the
            same batches as an uninterrupted one.
        replicas: CPU-bound replicas one worker runs side by side (a translate job's
            ``--parallel``); a Ray actor reserves that many CPUs.
    """

    command: str
    shares_batches: ClassVar[bool]

    @property
    def direction(self) -> tuple[str, str] | None:
        """``(src, tgt)``, or ``None`` for a job without one (extraction)."""
        ...

    @property
    def replicas(self) -> int:
        """CPU-bound replicas one worker runs side by side."""
        ...

    def open(self) -> Worker:
        """Loads what the work needs (model, index) and returns the worker."""
        ...

    def signature(self) -> dict[str, Any]:
        """Returns everything that determines the outputs (folded into job keys)."""
        ...

    def output_rel(self, rel: str) -> str | None:
        """Returns the output path relative to OUT_DIR, or ``None`` (extract)."""
        ...


def file_sha256(path: str | Path) -> str:
    """Returns the SHA-256 of a file's bytes (``""`` if it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def job_key(content_hashes: Sequence[str], signature: dict[str, Any]) -> str:
    """Folds a document's content hash(es) and the job's signature into one key."""
    sig = json.dumps(signature, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256("\n".join([*content_hashes, sig]).encode("utf-8")).hexdigest()


def _failure(rel: str, exc: BaseException) -> DocOutcome:
    if isinstance(exc, AvetError | ModelError):
        return DocOutcome(rel, False, error=str(exc), permanent=True)
    log.warning("%s: %s: %s", rel, type(exc).__name__, exc)
    return DocOutcome(rel, False, error=f"{type(exc).__name__}: {exc}".replace("\n", " "),
                      permanent=False)


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
        """Loads the MT engine (torch is imported only here)."""
        from models import load_engine

        return load_engine(self.model, self.options.src, self.options.tgt,
                           engine=self.engine, device=self.device,
                           batch_size=self.options.batch_size, parallel=self.options.parallel)

    def open(self, engine: Any = None) -> TranslateWorker:
        index = (GlossaryIndex(list(self.entries), self.options.src, self.options.tgt)
                 if self.entries is not None else None)
        return TranslateWorker(self, engine if engine is not None else self.load_engine(), index)

    def signature(self) -> dict[str, Any]:
        from toolkit.translate import build_signature

        return build_signature(dict(self.engine_signature), self.glossary_hash,
                               self.glossary_origin, self.options)

    def output_rel(self, rel: str) -> str:
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

        return _Prepared(task, prepare_document(task.path, self.spec.options.src))

    def process(self, tasks: Sequence[DocTask], progress: Progress | None = None
                ) -> list[DocOutcome]:
        """Translates the documents of a chunk (see the module docstring)."""
        outcomes: dict[str, DocOutcome] = {}
        prepared: list[_Prepared] = []
        for task in tasks:
            try:
                prepared.append(self._prepare(task))
            except Exception as exc:
                outcomes[task.rel] = _failure(task.rel, exc)
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
                return [_failure(prepared[0].task.rel, exc)]
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
        counts = doc.counts()
        counts["failed_terms"] = counts.pop("failed")  # "failed" counts documents
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
        return PostEditWorker(GlossaryIndex(list(self.entries), self.src, self.tgt), self.tgt)

    def signature(self) -> dict[str, Any]:
        from toolkit import __version__

        return {"avet": __version__, "command": self.command, "src": self.src, "tgt": self.tgt,
                "glossary": {"origin": self.glossary_origin, "hash": self.glossary_hash}}

    def output_rel(self, rel: str) -> str:
        """Names the output as ``batch translate`` does: ``STEM.TGT.SUFFIX``."""
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
                out.append(_failure(task.rel, exc))
            if progress is not None:
                progress(out[-1].counts.get("segments", 0))
        return out

    def _one(self, task: DocTask) -> DocOutcome:
        from toolkit.cli.postedit_cmd import read_aligned
        from toolkit.postedit import ACTIONS, postedit_lines
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
    """

    known: tuple[Entry, ...] = ()
    min_count: int = 1
    max_terms: int = 300
    approve_known: bool = False
    known_hash: str = ""
    command: str = "extract"
    shares_batches: ClassVar[bool] = False
    replicas: ClassVar[int] = 1

    def extractor(self) -> Any:
        """Returns a fresh :class:`toolkit.extract.pipeline.Extractor`."""
        from toolkit.extract.pipeline import Extractor

        return Extractor(list(self.known), min_count=self.min_count, max_terms=self.max_terms,
                         approve_known=self.approve_known)

    direction: ClassVar[None] = None

    def open(self) -> ExtractWorker:
        return ExtractWorker(self.extractor())

    def signature(self) -> dict[str, Any]:
        # Only what changes a document's evidence: min_count, max_terms and
        # approve_known apply to the aggregate, so changing them redoes no document.
        from toolkit import __version__

        return {"avet": __version__, "command": self.command, "known": self.known_hash}

    def output_rel(self, rel: str) -> None:
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
                                      counts={"segments": 0, "words": words,
                                              "candidates": sum(1 for r in rows
                                                                if r["field"] == "cluster")}))
            except Exception as exc:
                drain(self.extractor, task.rel, task.job_key)  # drop half-counted evidence
                out.append(_failure(task.rel, exc))
            if progress is not None:
                progress(0)
        return out
