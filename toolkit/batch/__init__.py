"""Batch jobs over folders: resumable, with a manifest, reports and a failed list; local or Ray.

Example:
    >>> from toolkit.batch import PostEditSpec, run_batch
    >>> # result = run_batch(spec, "in/", "out/")  # out/manifest.sqlite, report.json

See :mod:`toolkit.batch.local` for the driver, :mod:`toolkit.batch.jobs` for the
jobs shared by the local runner and the Ray actors, :mod:`toolkit.batch.tasks`
for what a job is given and gives back,
:mod:`toolkit.batch.folders` for the walk of the input and the output folder's job,
:mod:`toolkit.batch.outdir` for the lock, a full disk and the outputs of failed or
gone documents,
:mod:`toolkit.batch.aggregate` for out-of-core extraction and
:mod:`toolkit.batch.ray_runner` for Ray. Ray is imported only by ``--ray``.
"""

from toolkit.batch.jobs import (
    MAX_SEGMENT_CHARS,
    DocOutcome,
    DocTask,
    ExtractSpec,
    JobSpec,
    PostEditSpec,
    TranslateSpec,
    Worker,
)
from toolkit.batch.local import (
    DEFAULT_CHUNK_DOCS,
    EXIT_FAILED,
    BatchResult,
    check_folders,
    check_job_folder,
    discover,
    local_executor,
    run_batch,
    skipped_paths,
    walk_input,
    with_engine_signature,
)
from toolkit.batch.manifest import MANIFEST_NAME, DocState, Manifest
from toolkit.batch.summary import FAILED_NAME, REPORT_NAME

__all__ = [
    "DEFAULT_CHUNK_DOCS",
    "EXIT_FAILED",
    "FAILED_NAME",
    "MANIFEST_NAME",
    "MAX_SEGMENT_CHARS",
    "REPORT_NAME",
    "BatchResult",
    "DocOutcome",
    "DocState",
    "DocTask",
    "ExtractSpec",
    "JobSpec",
    "Manifest",
    "PostEditSpec",
    "TranslateSpec",
    "Worker",
    "check_folders",
    "check_job_folder",
    "discover",
    "local_executor",
    "run_batch",
    "skipped_paths",
    "walk_input",
    "with_engine_signature",
]
