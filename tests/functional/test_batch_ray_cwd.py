"""``--ray`` on a real local Ray instance, started by avet itself: the workers import
avet's own packages whatever folders the driver's working directory holds, and SIGTERM
stays avet's after Ray's start.

Ray needs TCP on 127.0.0.1 between its own processes (the local instance listens on
the loopback only), hence ``enable_socket``; nothing leaves the machine.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

# One worker runs the tests that start a local Ray instance (pytest -n: --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.enable_socket, pytest.mark.xdist_group("ray")]


def test_workers_import_avet_not_the_folders_of_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ray = pytest.importorskip("ray")
    import glossary
    import models
    import toolkit
    from toolkit.batch.ray_runner import _init_ray

    if ray.is_initialized():
        ray.shutdown()
    for name in ("models", "glossary", "toolkit"):  # namespace packages, if on the path
        (tmp_path / name).mkdir()
    monkeypatch.chdir(tmp_path)
    received: list[int] = []

    def handler(signum: int, frame: Any) -> None:
        received.append(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        _init_ray(None)
        assert signal.getsignal(signal.SIGTERM) is handler
        os.kill(os.getpid(), signal.SIGTERM)  # Ray's own handler would exit or abort
        assert received == [signal.SIGTERM]
        assert os.getcwd() == str(tmp_path)

        @ray.remote(num_cpus=0.1)
        def where() -> list[str | None]:
            import glossary
            import models
            import toolkit

            return [package.__file__ for package in (glossary, models, toolkit)]

        assert ray.get(where.remote()) == [p.__file__ for p in (glossary, models, toolkit)]
    finally:
        ray.shutdown()
        signal.signal(signal.SIGTERM, previous)
