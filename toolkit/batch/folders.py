"""An output folder and the documents of a job: what the walk takes and passes over,
where ``batch postedit`` finds each translation, and which job a folder belongs to."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossary.errors import InputError
from toolkit.batch.manifest import MANIFEST_NAME, Manifest
from toolkit.batch.summary import FAILED_NAME

if TYPE_CHECKING:
    from toolkit.batch.tasks import JobSpec

__all__ = ["LOCK_NAME", "JobWalk", "Skipped", "check_folders", "check_job_folder",
           "check_not_all_left_out", "check_same_job", "discover", "job_label",
           "skipped_notices", "skipped_paths", "walk_input", "walk_job"]

log = logging.getLogger("avet.batch")

#: The lock file of a running job, inside OUT_DIR.
LOCK_NAME = ".avet-batch.lock"


def check_folders(input_dir: Path, out_dir: Path, targets: Path | None = None) -> None:
    """Refuses an output folder that is, or holds, the job's input.

    Outputs written there would overwrite the inputs (``batch postedit``), be read
    as documents by the next run, or have the input walked by the sweep of
    temporary files. An OUT_DIR inside INPUT_DIR is fine: the walk skips it.

    Args:
        input_dir: The input folder.
        out_dir: The output folder.
        targets: ``batch postedit``: the folder of translations.

    Raises:
        InputError: If OUT_DIR is INPUT_DIR or ``--targets``, or holds either; if
            OUT_DIR or one of its parents is a file.
    """
    blocker = next((p for p in (out_dir, *out_dir.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        if blocker == out_dir:
            raise InputError("is a file, not a folder", path=out_dir, hint="give a folder path")
        raise InputError(f"cannot create the folder: {blocker} is a file, not a folder",
                         path=out_dir, hint="give a path in a folder you can write to")
    out = out_dir.resolve()
    for name, folder in (("the input folder", input_dir), ("the --targets folder", targets)):
        if folder is None:
            continue
        where = folder.resolve()
        if where == out:
            problem = f"--out is {name}"
        elif where.is_relative_to(out):
            problem = f"--out holds {name} {folder}"
        else:
            continue
        raise InputError(problem, path=out_dir, hint="give --out a folder of its own, e.g. "
                         f"{where.parent / (where.name + '-out')}")


def _is_job_folder(folder: Path) -> bool:
    """Whether ``folder`` is a batch job's output folder (it has a manifest or a lock)."""
    return (folder / MANIFEST_NAME).is_file() or (folder / LOCK_NAME).is_file()


def _in_job_folder(path: Path, root: Path, cache: dict[Path, bool]) -> bool:
    """Whether ``path`` lies in a job's output folder strictly inside ``root``."""
    for folder in path.parents:
        if folder == root or not folder.is_relative_to(root):
            return False
        if folder not in cache:
            cache[folder] = _is_job_folder(folder)
        if cache[folder]:
            return True
    return False


def _walked(path: Path, input_dir: Path, out: Path, own_failed: Path | None,
            cache: dict[Path, bool]) -> bool:
    """Whether the walk takes ``path`` (not something a batch job wrote)."""
    return not (path.resolve().is_relative_to(out) or path == own_failed
                or _in_job_folder(path, input_dir, cache))


def _walk_filter(input_dir: Path, out_dir: Path) -> Callable[[Path], bool]:
    """:func:`_walked` for one job: what the walk of ``input_dir`` takes."""
    out = out_dir.resolve()
    own_failed = input_dir / FAILED_NAME if _is_job_folder(input_dir) else None
    cache: dict[Path, bool] = {}
    return lambda path: _walked(path, input_dir, out, own_failed, cache)


class Skipped(NamedTuple):
    """A path the walk of a job's input passes over.

    Attributes:
        rel: Its path relative to the input folder.
        reason: Why, as report.json says it (``"a broken link"``).
        tag: The language tag of a document named as a translation (``a.en.txt``
            for ``--from ar``: ``"en"``); ``None`` for what is not a document.
    """

    rel: str
    reason: str
    tag: str | None = None


class JobWalk(NamedTuple):
    """What the walk of a job's input found (see :func:`walk_job`).

    Attributes:
        documents: ``(rel, path, target)`` per document, as :func:`discover` gives them.
        skipped: What it passed over, as :func:`skipped_paths` gives it.
    """

    documents: list[tuple[str, str, str | None]]
    skipped: list[Skipped]


def _legacy_name(rel: str, tgt: str) -> Path:
    """The name earlier avet versions gave the translation of ``rel``: ``.TGT`` put
    before the last suffix of the whole name (``a.ar.txt`` → ``a.ar.en.txt``, where
    :func:`toolkit.translate.output_name` now gives ``a.en.txt``)."""
    p = Path(rel)
    return p.parent / f"{p.stem}.{tgt}{p.suffix or '.txt'}"


def _translation(targets: Path, rel: str, tgt: str | None, source: Path) -> str:
    """``batch postedit``: the translation of ``rel`` in ``targets``, the first that
    exists of: the name ``batch translate`` gives it (``a.ar.txt`` → ``a.en.txt``), the
    name earlier versions gave it (``a.ar.en.txt``), and ``rel`` itself; if none does,
    the first (the worker reports it missing). A candidate that is the ``source`` file
    itself (``--targets`` is the input folder, translations beside their sources) is no
    translation: a source without one is reported missing, not post-edited as its own."""
    if tgt is None:
        return str(targets / rel)
    from toolkit.translate import output_name

    named = targets / output_name(rel, tgt)
    itself = os.path.realpath(source)
    candidates = (named, targets / _legacy_name(rel, tgt), targets / rel)
    return str(next((c for c in candidates
                     if c.exists() and os.path.realpath(c) != itself), named))


def discover(input_dir: Path, out_dir: Path, targets: Path | None = None,
             tgt: str | None = None, *, src: str | None = None, unique: bool = False
             ) -> list[tuple[str, str, str | None]]:
    """Lists the documents of a job: ``(rel, path, target)``, sorted.

    The walk skips what batch jobs write: ``out_dir`` and the output folder of any
    other job (a folder holding ``manifest.sqlite``) inside ``input_dir``, and
    ``failed.txt`` when ``input_dir`` is itself a job's output folder (the
    translations of one job given to the next). It follows links to files and
    folders (not a link to a folder that holds it: see :func:`skipped_paths`).
    With ``src``, documents named as translations (``a.en.txt`` for ``src`` ``ar``,
    see :func:`toolkit.translate.document.other_language_documents`) are left out.

    Args:
        input_dir: The folder walked for *.txt and *.md.
        out_dir: The job's output folder.
        targets: ``batch postedit``: the folder of translations: ``sub/doc.ar.txt``'s
            is ``sub/doc.TGT.txt`` (as ``batch translate`` writes it), else
            ``sub/doc.ar.TGT.txt`` (as earlier versions wrote it), else ``sub/doc.ar.txt``.
        tgt: ``batch postedit``: the target language (``None``: same names only).
        src: ``batch translate`` and ``postedit``: the source language.
        unique: Keep one path per file (``batch extract``: a link beside a document,
            or a linked folder, would count it twice), as ``avet extract`` reads it
            once (see :func:`toolkit.extract.reader.unique_documents`).

    Returns:
        ``(rel, path, target)`` per document, sorted by ``rel``; ``target`` is the
        translation's path for ``batch postedit``, else ``None``.

    Raises:
        InputError: If ``input_dir`` is not a folder, or ``out_dir`` is or holds
            ``input_dir`` or ``targets`` (see :func:`check_folders`).
    """
    return _documents(input_dir, out_dir, targets, tgt, src, unique)[0]


def walk_job(input_dir: Path, out_dir: Path, targets: Path | None = None,
             tgt: str | None = None, *, src: str | None = None, unique: bool = False
             ) -> JobWalk:
    """:func:`discover` and :func:`skipped_paths` from one walk of the documents.

    Args:
        input_dir: The folder walked for *.txt and *.md.
        out_dir: The job's output folder.
        targets: See :func:`discover`.
        tgt: See :func:`discover`.
        src: See :func:`discover`.
        unique: See :func:`discover`.

    Returns:
        The documents and what the walk passed over.

    Raises:
        InputError: As :func:`discover`.
    """
    documents, tagged, walked = _documents(input_dir, out_dir, targets, tgt, src, unique)
    return JobWalk(documents, _skipped(input_dir, walked, tagged, src))


def walk_input(spec: JobSpec, input_dir: str | Path, out_dir: str | Path,
               targets: str | Path | None = None) -> JobWalk:
    """Walks a job's input folder and refuses it as ``run_batch`` does, loading nothing.

    ``batch translate`` calls it before it loads the model (which signs the job, and can
    take minutes and GPU memory), then gives the walk to
    :func:`toolkit.batch.local.run_batch`: a folder of translations only is refused at
    once, an empty one needs no model, and the folder is walked once. The warnings for
    what the walk passes over are logged here.

    Args:
        spec: What to do; only its command, direction and output names are used.
        input_dir: The input folder.
        out_dir: The output folder.
        targets: ``batch postedit``: the folder of translations.

    Returns:
        The documents and what the walk passed over (see :func:`walk_job`).

    Raises:
        InputError: If a folder is missing or misplaced (see :func:`discover`); if every
            document found is named as a translation (``--from ar`` over a folder of
            ``*.en.txt``, see :func:`check_not_all_left_out`); if two documents would
            have the same output.
    """
    src_dir, out = Path(input_dir), Path(out_dir)
    direction = spec.direction
    src = direction[0] if direction is not None else None  # a.en.txt: left out for ar
    walk = walk_job(src_dir, out, Path(targets) if targets is not None else None,
                    direction[1] if direction is not None else None, src=src,
                    unique=spec.command == "extract")  # extraction: a file once
    check_not_all_left_out(src_dir, walk, src)  # only translations: as avet translate
    from toolkit.translate import check_distinct_outputs

    check_distinct_outputs((src_dir / rel, out / output) for rel, _path, _target in walk.documents
                           if (output := spec.output_rel(rel)) is not None)
    for line in skipped_notices(src_dir, walk.skipped, src):
        log.warning("warning: %s", line)
    return walk


def check_not_all_left_out(input_dir: Path, walk: JobWalk, src: str | None) -> None:
    """Refuses a walk whose every document was left out for its language tag (a folder
    of translations given to ``batch translate --from ar``), as ``avet translate`` does;
    an empty folder is an empty job.

    Args:
        input_dir: The input folder.
        walk: What :func:`walk_job` found there.
        src: The source language (``None``: nothing is left out).

    Raises:
        InputError: If no document is left and some were left out for their tag, e.g.
            ``in: the only document found is named as a translation (*.en.*), not a
            --from ar source (check --from: is it --from en?; or rename a file to have
            it read)``.
    """
    left_out = [(s.rel, s.tag) for s in walk.skipped if s.tag is not None]
    if src is None or walk.documents or not left_out:
        return
    from toolkit.translate.document import all_left_out_error

    error = all_left_out_error([input_dir], left_out, src)
    # A batch job reads a folder, not a file given by name: renaming one is the way.
    check = (error.hint or "").split(";")[0]
    error.hint = f"{check}; or rename a file to have it read"
    raise error


def _documents(input_dir: Path, out_dir: Path, targets: Path | None, tgt: str | None,
               src: str | None, unique: bool
               ) -> tuple[list[tuple[str, str, str | None]], list[tuple[Path, str]],
                          Callable[[Path], bool]]:
    """:func:`discover`'s documents, the ``(path, tag)`` of those left out as
    translations, and the walk's filter."""
    from toolkit.extract.reader import iter_document_paths, unique_documents

    if not input_dir.is_dir():
        raise InputError("not a folder" if input_dir.exists() else "no such folder",
                         path=input_dir, hint="give the folder that holds the documents")
    if targets is not None and not targets.is_dir():
        raise InputError("--targets is not a folder", path=targets,
                         hint="give the folder of translations, with the inputs' relative paths")
    check_folders(input_dir, out_dir, targets)
    walked = _walk_filter(input_dir, out_dir)
    paths = [path for path in iter_document_paths([input_dir]) if walked(path)]
    tagged = _tagged(paths, src)
    if tagged:
        dropped = {path for path, _tag in tagged}
        paths = [path for path in paths if path not in dropped]
    if unique:
        paths = unique_documents(paths)
    docs = []
    for path in paths:
        rel = path.relative_to(input_dir).as_posix()
        target = _translation(targets, rel, tgt, path) if targets is not None else None
        docs.append((rel, str(path), target))
    return docs, tagged, walked


def _tagged(paths: list[Path], src: str | None) -> list[tuple[Path, str]]:
    """The documents of ``paths`` named as translations from ``src`` (none without it)."""
    if src is None:
        return []
    from toolkit.translate.document import other_language_documents

    return other_language_documents(paths, src)


def _skipped(input_dir: Path, walked: Callable[[Path], bool], tagged: list[tuple[Path, str]],
             src: str | None) -> list[Skipped]:
    """What the walk passes over (see :func:`toolkit.extract.reader.passed_over`) and
    the documents it left out as translations, sorted."""
    from toolkit.extract.reader import passed_over

    listed = [Skipped(p.relative_to(input_dir).as_posix(), why)
              for p, why in passed_over(input_dir) if walked(p)]
    listed += [Skipped(p.relative_to(input_dir).as_posix(),
                       f"named as a translation (*.{tag}.*), not a --from {src} source", tag)
               for p, tag in tagged]
    return sorted(listed, key=lambda s: (s.rel, s.reason))


def skipped_paths(input_dir: Path, out_dir: Path, src: str | None = None) -> list[Skipped]:
    """Lists what the walk of :func:`discover` passes over although its name ends in .txt
    or .md: broken links, folders, FIFOs, sockets, devices; a link to a folder that
    holds it (a loop, whatever its name); with ``src``, the documents named as
    translations. :func:`walk_job` gives them with the documents, from one walk.

    Args:
        input_dir: The input folder.
        out_dir: The job's output folder (what lies in it is not listed).
        src: ``batch translate`` and ``postedit``: the source language.

    Returns:
        One :class:`Skipped` per path, sorted, e.g. ``Skipped("old.txt", "a broken
        link")``; a document named as a translation has its ``tag``.
    """
    from toolkit.extract.reader import iter_document_paths

    walked = _walk_filter(input_dir, out_dir)
    paths = ([p for p in iter_document_paths([input_dir]) if walked(p)]
             if src is not None and input_dir.is_dir() else [])
    return _skipped(input_dir, walked, _tagged(paths, src), src)


def skipped_notices(input_dir: Path, skipped: Sequence[Skipped], src: str | None = None
                    ) -> list[str]:
    """The warnings for what :func:`skipped_paths` lists: one line per path, and one
    line for all the documents named as translations.

    Args:
        input_dir: The input folder.
        skipped: What :func:`skipped_paths` returned.
        src: The ``src`` given to :func:`skipped_paths`.

    Returns:
        Lines such as ``in/old.txt: a broken link, skipped``.
    """
    from toolkit.extract.reader import skip_notice
    from toolkit.translate.document import left_out_notice

    lines = [skip_notice(input_dir / s.rel, s.reason) for s in skipped if s.tag is None]
    tagged = [(s.rel, s.tag) for s in skipped if s.tag is not None]
    if tagged and src is not None:
        lines.append(left_out_notice(input_dir, tagged, src,
                                     hint="rename a file to have it read; report.json lists them"))
    return lines


def job_label(command: str, direction: Sequence[str] | None) -> str:
    """Names a job for messages: ``batch translate ar→en``, ``batch extract``."""
    return f"batch {command}" + (f" {direction[0]}→{direction[1]}" if direction else "")


def _earlier_job(manifest: Manifest) -> tuple[str, tuple[str, str] | None] | None:
    """``(command, direction)`` of the job whose manifest this is, or ``None`` (new).

    Manifests written before the ``job`` entry existed are read from their
    command and signature."""
    job = manifest.get_meta("job")
    if isinstance(job, dict) and isinstance(job.get("command"), str):
        direction = job.get("direction")
        return job["command"], tuple(direction) if direction else None
    command = manifest.get_meta("command")
    if not isinstance(command, str):
        return None
    signature = manifest.get_meta("signature") or {}
    where = signature.get("options", {}) if command == "translate" else signature
    if command in ("translate", "postedit") and isinstance(where, dict) and "src" in where:
        return command, (str(where["src"]), str(where.get("tgt")))
    return command, None


def check_job_folder(out_dir: Path, command: str, direction: Sequence[str] | None) -> None:
    """Refuses an output folder that holds another kind of job, or another direction.

    A job that went on there would replace its manifest and report, and leave its
    outputs behind, no longer listed anywhere.

    Args:
        out_dir: The output folder (nothing happens if it holds no manifest).
        command: ``translate``, ``postedit`` or ``extract``.
        direction: ``(src, tgt)``, or ``None`` for extraction.

    Raises:
        InputError: If the folder holds another job's manifest.
        DatabaseFileError: If the manifest cannot be used (see :class:`Manifest`).
    """
    if not (out_dir / MANIFEST_NAME).is_file():
        return
    with Manifest(out_dir) as manifest:
        check_same_job(manifest, out_dir, command, direction)


def check_same_job(manifest: Manifest, out_dir: Path, command: str,
                    direction: Sequence[str] | None) -> None:
    """Refuses an open manifest that belongs to another kind of job or direction.

    Args:
        manifest: The output folder's manifest, already open.
        out_dir: The output folder (named in the error).
        command: ``translate``, ``postedit`` or ``extract``.
        direction: ``(src, tgt)``, or ``None`` for extraction.

    Raises:
        InputError: If the manifest records another job.
    """
    earlier = _earlier_job(manifest)
    wanted = (command, tuple(direction) if direction else None)
    if earlier is not None and earlier != wanted:
        raise InputError(
            f"holds the outputs of another job ({job_label(*earlier)}), not of "
            f"{job_label(*wanted)}", path=out_dir,
            hint="give this job another --out, or delete the folder to start over")
