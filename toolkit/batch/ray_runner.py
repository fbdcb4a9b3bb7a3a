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
:func:`check_ray_address` checks ``--ray`` before anything is loaded: its form,
the Ray Client package that ``ray://`` needs, and that something answers at the
address (Ray itself retries an address where nothing listens for minutes).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from typing import Any

from glossary.errors import InputError
from toolkit.batch.jobs import DocOutcome, DocTask, JobSpec

__all__ = ["CONNECT_TIMEOUT_S", "ChunkActor", "check_ray_address", "pool_size",
           "ray_executor"]

log = logging.getLogger("avet.batch")

#: Seconds to wait for a Ray address to answer before giving up.
CONNECT_TIMEOUT_S = 5.0
_FORMS = ("give auto, local, HOST:PORT or ray://HOST:PORT, e.g. --ray 10.0.0.5:6379 or "
          "--ray ray://10.0.0.5:10001; --ray alone starts a local instance")
_HOST_PORT = re.compile(
    r"(?:\[(?P<ip6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9._-]+)):(?P<port>\d{1,5})")
_INSTALL = "pip install -c constraints.txt 'ray[client]'"


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def check_ray_address(address: str, *, timeout: float = CONNECT_TIMEOUT_S) -> str | None:
    """Checks a ``--ray`` address before the job loads anything.

    Args:
        address: ``local`` (start a local instance), ``auto`` (join the instance
            running on this machine), ``HOST:PORT`` (a cluster's head, its GCS port)
            or ``ray://HOST:PORT`` (a cluster's Ray Client server).
        timeout: Seconds to wait for ``HOST:PORT`` to accept a connection.

    Returns:
        The address for ``ray.init``: ``None`` for ``local``, else ``address``.

    Raises:
        InputError: If Ray is not installed, the address has another form,
            ``ray://`` lacks the Ray Client package (grpcio), or nothing accepts a
            connection at ``HOST:PORT`` within ``timeout`` seconds.
    """
    if not _installed("ray"):
        raise InputError("--ray needs Ray, which is not installed",
                         hint="pip install -c constraints.txt '.[distributed]'")
    if address in ("local", "auto"):
        return None if address == "local" else address
    client = address.startswith("ray://")
    match = _HOST_PORT.fullmatch(address.removeprefix("ray://"))
    port = int(match["port"]) if match else 0
    if match is None or not 1 <= port <= 65535:
        raise InputError(f"--ray {address}: not a Ray address", hint=_FORMS)
    if client and not _installed("grpc"):
        raise InputError(f"--ray {address}: a ray:// address needs the Ray Client "
                         "(ray[client]), which is not installed",
                         hint=_INSTALL)
    host = match["ip6"] or match["host"]
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        why = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise InputError(
            f"--ray {address}: nothing answers at {host}:{port} within {timeout:g} s: {why}",
            hint="start the cluster with 'ray start --head --port=6379 "
                 "--ray-client-server-port=10001', or check the address") from exc
    return address


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
            try:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
            except ConnectionError as exc:
                if address != "auto":
                    raise
                raise InputError("--ray auto: no Ray instance is running on this machine",
                                 hint="start one with 'ray start --head', or give --ray "
                                      "alone to start one for this job") from exc
    return ray


def ray_executor(spec: JobSpec, address: str | None = None, *, actors: int | None = None
                 ) -> Callable[[Sequence[Sequence[DocTask]], Callable[[Sequence[DocTask]], None]],
                               Iterator[tuple[Sequence[DocTask], list[DocOutcome]]]]:
    """Returns an executor that runs the chunks on Ray actors.

    Args:
        spec: The job's spec; each actor calls ``spec.open()`` once.
        address: ``None`` for a local Ray instance (or the one already
            initialised), else an address that :func:`check_ray_address` accepted
            (``auto``, ``HOST:6379``, ``ray://HOST:10001``).
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
