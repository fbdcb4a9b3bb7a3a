"""Running a batch job's chunks on Ray (``avet batch ... --ray [ADDRESS]``).

The chunks become a Ray Data dataset; ``map_batches`` sends each chunk to an
actor of a pool. The actor (:class:`ChunkActor`, a callable class) opens the
job's worker once (loads the model, builds the glossary index) and calls the
same ``worker.process`` as the local runner: the work has one implementation.
The outcomes come back to the driver, which writes the outputs and the manifest
exactly as a local run does (:func:`toolkit.batch.local.run_batch`).

Sizing: an actor pool that takes every CPU starves Ray Data's read tasks and
the job hangs (seen with 2 CPUs). The pool is sized from
``ray.cluster_resources()``: ``max(1, CPUs - 1)`` actors, each asking for a
fraction of a CPU so that at least half a CPU stays free for reading. An actor
that runs several model replicas (``--parallel N``) asks for N CPUs, and the pool
shrinks to match, so that ``--ray`` with ``--parallel`` does not multiply the
replicas past the cluster's cores.

Without an address, a local Ray instance is started (it listens on 127.0.0.1
only); ``ray://HOST:10001`` connects to a cluster (see the README).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from typing import Any

from toolkit.batch.jobs import DocOutcome, DocTask, JobSpec

__all__ = ["ChunkActor", "pool_size", "ray_executor"]

log = logging.getLogger("avet.batch")


def pool_size(cpus: float, actors: int | None = None, replicas: int = 1) -> tuple[int, float]:
    """Returns ``(actors, CPUs per actor)`` that leave room for Ray Data's reads.

    Args:
        cpus: CPUs the cluster reports.
        actors: Actors wanted (default ``max(1, (cpus - 1) // replicas)``).
        replicas: CPU-bound replicas each actor runs (a translate job's ``--parallel``).

    Returns:
        The pool size and the CPUs each actor reserves (at most ``replicas``, and
        together at most ``cpus - 0.5``).
    """
    replicas = max(1, replicas)
    n = actors if actors is not None else max(1, int(cpus - 1) // replicas)
    n = max(1, n)
    per_actor = min(float(replicas), max(0.05, (cpus - 0.5) / n))
    return n, round(per_actor, 3)


class ChunkActor:
    """A Ray Data actor: opens the job's worker once, then processes chunks.

    Args:
        spec: The job's spec (pickled to the actor).
    """

    def __init__(self, spec: JobSpec) -> None:
        self.worker = spec.open()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        outs = []
        for payload in batch["tasks"]:
            tasks = [DocTask(**t) for t in json.loads(str(payload))]
            outcomes = self.worker.process(tasks)
            outs.append(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False))
        return {"chunk": list(batch["chunk"]), "outcomes": outs}


def _init_ray(address: str | None) -> Any:
    import ray

    if not ray.is_initialized():
        if address is None:
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
    return ray


def ray_executor(spec: JobSpec, address: str | None = None, *, actors: int | None = None
                 ) -> Callable[[Sequence[Sequence[DocTask]], Callable[[Sequence[DocTask]], None]],
                               Iterator[tuple[Sequence[DocTask], list[DocOutcome]]]]:
    """Returns an executor that runs the chunks on Ray actors.

    Args:
        spec: The job's spec; each actor calls ``spec.open()`` once.
        address: ``None`` for a local Ray instance (or the one already
            initialised), else a cluster address (``ray://HOST:10001``).
        actors: Pool size (default from the cluster's CPUs, see :func:`pool_size`).

    Returns:
        An executor for :func:`toolkit.batch.local.run_batch`. The attempt of a
        chunk is recorded when its outcomes arrive.
    """

    def run(chunks: Sequence[Sequence[DocTask]], on_start: Callable[[Sequence[DocTask]], None]
            ) -> Iterator[tuple[Sequence[DocTask], list[DocOutcome]]]:
        if not chunks:
            return
        ray = _init_ray(address)
        cpus = float(ray.cluster_resources().get("CPU", 1.0))
        n, per_actor = pool_size(cpus, actors, spec.replicas)
        n = min(n, len(chunks))
        log.info("ray: %d actor(s), %.2f CPU each, %d CPU(s) in the cluster", n, per_actor, cpus)
        items = [{"chunk": i, "tasks": json.dumps([asdict(t) for t in chunk])}
                 for i, chunk in enumerate(chunks)]
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            ChunkActor, fn_constructor_kwargs={"spec": spec}, batch_size=1,
            concurrency=n, num_cpus=per_actor, batch_format="numpy")
        for row in ds.iter_rows():
            chunk = chunks[int(row["chunk"])]
            outcomes = [DocOutcome(**o) for o in json.loads(str(row["outcomes"]))]
            on_start(chunk)
            yield chunk, outcomes

    return run
