"""What a batch job is given and gives back, shared by every job and runner.

A runner (local or Ray) hands a worker chunks of :class:`DocTask` and gets one
:class:`DocOutcome` per document. :class:`JobSpec` and :class:`Worker` are the
protocols a job implements (the jobs themselves are in :mod:`toolkit.batch.jobs`);
:func:`job_key` folds a document's content hash and the job's signature into the
manifest key that makes a job resumable.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from glossary.errors import AvetError
from models.errors import ModelError

__all__ = [
    "DocOutcome",
    "DocTask",
    "JobSpec",
    "Progress",
    "Worker",
    "failure",
    "file_sha256",
    "job_key",
]

log = logging.getLogger("avet.batch")

#: Called with the number of segments done.
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
        context: Processed only for the engine batches it shares with the others of
            its chunk (done by an earlier run): its outcome is not written, and it
            gives no notice.
    """

    rel: str
    path: str
    order: int
    job_key: str
    target: str | None = None
    context: bool = False


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
        """Returns one outcome per task, in order.

        Args:
            tasks: The documents to process.
            progress: Called with the number of segments done, if given.

        Returns:
            One :class:`DocOutcome` per task; a failed document's records its error.
        """
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

    shares_batches: ClassVar[bool]

    @property
    def command(self) -> str:
        """``translate``, ``postedit`` or ``extract``."""
        ...

    @property
    def direction(self) -> tuple[str, str] | None:
        """``(src, tgt)``, or ``None`` for a job without one (extraction)."""
        ...

    @property
    def replicas(self) -> int:
        """CPU-bound replicas one worker runs side by side."""
        ...

    def open(self) -> Worker:
        """Loads what the work needs (model, index) and returns the worker.

        Returns:
            The worker.
        """
        ...

    def signature(self) -> dict[str, Any]:
        """Returns everything that determines the outputs (folded into job keys).

        Returns:
            A JSON-ready dict.
        """
        ...

    def output_rel(self, rel: str) -> str | None:
        """Returns the output path relative to OUT_DIR, or ``None`` (extract).

        Args:
            rel: The document's path relative to INPUT_DIR.

        Returns:
            The output's POSIX path, or ``None`` when the job writes no file per document.
        """
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


def failure(rel: str, exc: BaseException) -> DocOutcome:
    """Returns the failed outcome of a document whose processing raised ``exc``.

    Args:
        rel: The document.
        exc: What it raised.

    Returns:
        A permanent failure with the message of an :class:`~glossary.errors.AvetError`
        or a :class:`~models.errors.ModelError` (bad input); any other exception is
        logged and gives a one-line, retryable failure.
    """
    if isinstance(exc, AvetError | ModelError):
        return DocOutcome(rel, False, error=str(exc), permanent=True)
    log.warning("%s: %s: %s", rel, type(exc).__name__, exc)
    return DocOutcome(rel, False, error=f"{type(exc).__name__}: {exc}".replace("\n", " "),
                      permanent=False)
