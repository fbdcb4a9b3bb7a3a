"""Running a batch job's chunks on Ray (``avet batch ... --ray [ADDRESS]``).

Each chunk goes to an actor of a pool (``ray.util.ActorPool``). The actor
(:class:`ChunkActor`) opens the job's worker once (loads the model, builds the
glossary index) and calls the same ``worker.process`` as the local runner: the
work has one implementation. The outcomes come back to the driver, which writes
the outputs and the manifest exactly as a local run does
(:func:`toolkit.batch.local.run_batch`). Plain actors work through Ray Client
(``ray://``) as well as on a node of the cluster; Ray Data does not work through
Ray Client (its maintainers say so: ray-project/ray#48682).

The actors read the documents themselves, so the tasks they get carry absolute
paths: a cluster's workers do not run in the driver's working directory.

Sizing: the pool is sized from ``ray.cluster_resources()``: ``max(1, CPUs - 1)``
actors, each asking for a fraction of a CPU, so that at least half a CPU stays
free for the driver, which writes every output (on a local instance it shares
the machine). An actor that runs several model replicas (``--parallel N``) asks
for N CPUs, and the pool shrinks to match, so that ``--ray`` with ``--parallel``
does not multiply the replicas past the cluster's cores. The engine of an actor
runs as many CPU threads as the actor reserved (:func:`ship_spec`), at least one.

Without an address, a local Ray instance is started (it listens on 127.0.0.1
only); ``ray://HOST:10001`` connects to a cluster (see the README).
:func:`check_ray_address` checks ``--ray`` before anything is loaded: its form,
the Ray Client package that ``ray://`` needs, and that Ray answers at the
address (Ray itself retries an address where nothing listens for minutes).

Two things ``ray.init`` does to the driver are undone (:func:`_init_ray`):

* It puts the driver's working directory first on every worker's ``sys.path``
  (``JobConfig.py_driver_sys_path``), so a folder there named like one of avet's
  packages (``models/``, the README's own layout) would shadow it in the workers.
  ``ray.init`` is called from the folder that holds avet's packages instead, so the
  workers import the avet the driver runs.
* It replaces the driver's SIGTERM handler (its C++ core installs one that aborts
  with a stack trace). avet's handler is put back, so SIGTERM stops a ``--ray``
  job in order, as Ctrl-C does; a SIGTERM while Ray starts, which Ray's own handler
  turns into an exit, is an interruption too.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import re
import signal
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, cast

from glossary.errors import InputError
from toolkit.batch.jobs import DocOutcome, DocTask, JobSpec

__all__ = ["CONNECT_TIMEOUT_S", "ChunkActor", "check_ray_address", "packages_root", "pool_size",
           "ray_executor", "ship_spec"]

log = logging.getLogger("avet.batch")

#: Seconds to wait for a Ray address to answer before giving up.
CONNECT_TIMEOUT_S = 5.0
_FORMS = ("give auto, local, HOST:PORT or ray://HOST:PORT, e.g. --ray 10.0.0.5:6379 or "
          "--ray ray://10.0.0.5:10001; --ray alone starts a local instance")
_HOST_PORT = re.compile(
    r"(?:\[(?P<ip6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9._-]+)):(?P<port>\d{1,5})")
_INSTALL = "pip install -c constraints.txt 'ray[client]'"
_PORTS = ("give HOST and the head's GCS port (6379 by default), or ray://HOST and its Ray "
          "Client port (10001 by default); the dashboard's port (8265) is neither")
_START = ("start the cluster with 'ray start --head --port=6379 "
          "--ray-client-server-port=10001', or check the address")


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
            hint=_START) from exc
    if _installed("grpc") and not _speaks_grpc(host, port, timeout):
        raise InputError(
            f"--ray {address}: {host}:{port} answers, but not as Ray (no gRPC handshake "
            f"within {timeout:g} s)",
            hint=_PORTS)
    return address


def _speaks_grpc(host: str, port: int, timeout: float) -> bool:
    """Whether ``host:port`` completes a gRPC (HTTP/2) handshake within ``timeout``.

    Ray's GCS and its Ray Client server both speak gRPC; another service (the
    dashboard's HTTP port, a web server) never completes the handshake, and Ray
    would retry it for minutes or fail with a trace.
    """
    import grpc

    target = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    channel = grpc.insecure_channel(target)
    try:
        grpc.channel_ready_future(channel).result(timeout=timeout)
    except grpc.FutureTimeoutError:
        return False
    finally:
        channel.close()
    return True


def pool_size(cpus: float, actors: int | None = None, replicas: int = 1) -> tuple[int, float]:
    """Returns ``(actors, CPUs per actor)`` that leave room for the driver.

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
    """A Ray actor: opens the job's worker once, then processes chunks.

    Args:
        spec: The job's spec (pickled to the actor).
    """

    def __init__(self, spec: JobSpec) -> None:
        self.worker = spec.open()

    def process(self, index: int, payload: str) -> tuple[int, str]:
        """Processes one chunk.

        Args:
            index: The chunk's position in the job (given back with its outcomes).
            payload: The chunk's tasks, a JSON list of :class:`DocTask` fields.

        Returns:
            ``(index, outcomes)``, the outcomes a JSON list of :class:`DocOutcome` fields.
        """
        tasks = [DocTask(**t) for t in json.loads(payload)]
        outcomes = self.worker.process(tasks)
        return index, json.dumps([asdict(o) for o in outcomes], ensure_ascii=False)


def _absolute(task: DocTask) -> DocTask:
    """The task with absolute paths: the actors do not run in the driver's directory."""
    target = os.path.abspath(task.target) if task.target is not None else None
    return replace(task, path=os.path.abspath(task.path), target=target)


def _with_absolute_model(spec: JobSpec) -> JobSpec:
    """The spec with its model directory absolute, when it names one that exists here
    (the specs are frozen dataclasses; :class:`JobSpec` is their Protocol)."""
    model = getattr(spec, "model", None)
    if isinstance(model, str) and os.path.isdir(model) and not os.path.isabs(model):
        return cast(JobSpec, replace(cast(Any, spec), model=os.path.abspath(model)))
    return spec


def ship_spec(spec: JobSpec, cpus: float) -> JobSpec:
    """The spec as the actors get it: its model directory absolute, and its engine's
    CPU threads (a spec with a ``threads`` field) set to the CPUs an actor reserves,
    so that an actor never runs more threads than Ray gave it.

    Args:
        spec: The job's spec.
        cpus: The CPUs each actor reserves (``num_cpus``; may be a fraction).

    Returns:
        The spec to ship.
    """
    spec = _with_absolute_model(spec)
    if is_dataclass(spec) and any(f.name == "threads" for f in fields(spec)):
        return cast(JobSpec, replace(cast(Any, spec), threads=max(1, int(cpus))))
    return spec


def packages_root() -> Path:
    """Returns the folder that holds avet's top-level packages (``glossary``, ``models``,
    ``toolkit``): the repository of an editable install, else ``site-packages``.

    Raises:
        RuntimeError: If the three packages do not lie in one folder (a broken install).
    """
    import glossary
    import models
    import toolkit

    roots = {Path(package.__file__ or "").resolve().parent.parent
             for package in (glossary, models, toolkit)}
    if len(roots) != 1:
        raise RuntimeError(f"avet's packages lie in several folders: {sorted(map(str, roots))}")
    return roots.pop()


@contextlib.contextmanager
def _ray_start() -> Iterator[None]:
    """Around ``ray.init``: from :func:`packages_root`, and with SIGTERM kept avet's.

    Ray puts the driver's working directory first on the workers' ``sys.path``; from
    :func:`packages_root`, that entry is where avet's packages are (the process's
    working directory is back as it was afterwards). Ray replaces the SIGTERM handler
    (in Python, then in its C++ core); the one that was there is put back, and a
    SIGTERM that Ray's handler turned into ``SystemExit`` while it started is an
    interruption (``KeyboardInterrupt``), as avet's handler makes it.
    """
    main = threading.current_thread() is threading.main_thread()
    handler = signal.getsignal(signal.SIGTERM) if main else None
    here = os.getcwd()
    try:
        try:
            os.chdir(packages_root())
            yield
        finally:
            os.chdir(here)
            if handler is not None:
                signal.signal(signal.SIGTERM, handler)
    except SystemExit as exc:
        raise KeyboardInterrupt(f"signal {int(signal.SIGTERM)} while Ray started") from exc


def _init_ray(address: str | None) -> Any:
    import ray

    if not ray.is_initialized():
        with _ray_start():
            _connect(ray, address)
    return ray


def _connect(ray: Any, address: str | None) -> None:
    """``ray.init`` for ``address`` (see :func:`ray_executor`)."""
    if address is None:
        # "local" starts a new instance even when one runs here (ray.init() alone
        # would join it: that is --ray auto).
        ray.init(address="local", include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
    else:
        try:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        except ConnectionError as exc:
            if address == "auto":
                raise InputError("--ray auto: no Ray instance is running on this machine",
                                 hint="start one with 'ray start --head', or give --ray "
                                      "alone to start one for this job") from exc
            raise InputError(f"--ray {address}: Ray did not connect: {exc}",
                             hint=f"{_PORTS}; a cluster that uses token authentication "
                                  "(Ray turns it on when a token file exists, "
                                  "~/.ray/auth_token) needs RAY_AUTH_MODE=token and its "
                                  "token (RAY_AUTH_TOKEN or that file) where avet runs"
                             ) from exc


def ray_executor(spec: JobSpec, address: str | None = None, *, actors: int | None = None
                 ) -> Callable[[Sequence[Sequence[DocTask]], Callable[[Sequence[DocTask]], None],
                                Callable[[int], None]],
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
        chunk is recorded when its outcomes arrive. Progress moves per chunk: an
        actor cannot cheaply call back into the driver, so ``on_progress`` is not
        called.
    """

    def run(chunks: Sequence[Sequence[DocTask]], on_start: Callable[[Sequence[DocTask]], None],
            on_progress: Callable[[int], None] | None = None
            ) -> Iterator[tuple[Sequence[DocTask], list[DocOutcome]]]:
        if not chunks:
            return
        ray = _init_ray(address)
        from ray.util import ActorPool

        cpus = float(ray.cluster_resources().get("CPU", 1.0))
        n, per_actor = pool_size(cpus, actors, spec.replicas)
        n = min(n, len(chunks))
        log.info("ray: %d actor(s), %.2f CPU each, %d CPU(s) in the cluster", n, per_actor, cpus)
        actor = ray.remote(num_cpus=per_actor)(ChunkActor)
        shipped = ship_spec(spec, per_actor)
        pool = ActorPool([actor.remote(shipped) for _ in range(n)])
        payloads = [(i, json.dumps([asdict(_absolute(t)) for t in chunk]))
                    for i, chunk in enumerate(chunks)]
        for index, outs in pool.map_unordered(
                lambda a, item: a.process.remote(*item), payloads):
            chunk = chunks[index]
            outcomes = [DocOutcome(**o) for o in json.loads(outs)]
            on_start(chunk)
            yield chunk, outcomes

    return run
