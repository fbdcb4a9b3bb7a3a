"""CTranslate2's CPU threads: from the CPUs the process may use, or a Ray actor's reservation."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import models
from models import ct2_backend
from models.ct2_backend import cpu_threads, usable_cpus
from models.errors import ModelError
from toolkit.batch.jobs import ExtractSpec, TranslateSpec
from toolkit.batch.ray_runner import ship_spec
from toolkit.translate import TranslateOptions


@pytest.mark.parametrize(("parallel", "threads", "expected"), [
    (1, 1, 1),   # a Ray actor that reserved one CPU
    (1, 2, 2),
    (1, 16, 4),  # one replica: at most CTranslate2's default
    (2, 2, 1),
    (2, 3, 1),
    (3, 2, 1),   # never below one
    (4, 16, 4),
    (2, 16, 8),
])
def test_cpu_threads_shares_the_given_cpus(parallel: int, threads: int, expected: int) -> None:
    assert cpu_threads(parallel, threads) == expected


@pytest.mark.parametrize(("allowed", "parallel", "expected"), [(3, 1, 3), (6, 2, 3), (1, 4, 1)])
def test_cpu_threads_follow_the_process_affinity(monkeypatch: pytest.MonkeyPatch, allowed: int,
                                                 parallel: int, expected: int) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(allowed)), raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert usable_cpus() == allowed
    assert cpu_threads(parallel) == expected


def test_usable_cpus_falls_back_to_the_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 5)
    assert usable_cpus() == 5


@pytest.mark.parametrize(("reserved", "threads"), [(0.45, 1), (1.0, 1), (2.0, 2), (3.5, 3)])
def test_ray_ships_the_actor_reservation_as_threads(reserved: float, threads: int) -> None:
    spec = TranslateSpec(TranslateOptions("ar", "en"), model=None)
    shipped = ship_spec(spec, reserved)
    assert isinstance(shipped, TranslateSpec)
    assert shipped.threads == threads
    assert spec.threads is None  # the driver's spec is left as it was


def test_a_spec_without_an_engine_is_shipped_unchanged() -> None:
    spec = ExtractSpec()
    assert ship_spec(spec, 2.0) == spec


def test_translate_spec_passes_its_threads_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(models, "load_engine", lambda *a, **kw: seen.update(kw) or "engine")
    spec = TranslateSpec(TranslateOptions("ar", "en", parallel=2), model=None, threads=3)
    assert spec.load_engine() == "engine"
    assert (seen["threads"], seen["parallel"]) == (3, 2)


@pytest.mark.parametrize(("parallel", "threads", "intra"), [(1, 1, 1), (2, 2, 1), (2, 4, 2)])
def test_ct2_engine_runs_the_threads_it_is_given(
        monkeypatch: pytest.MonkeyPatch, tiny_marian_ct2: Path, parallel: int, threads: int,
        intra: int) -> None:
    import ctranslate2

    seen: dict[str, Any] = {}
    real = ctranslate2.Translator

    def translator(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", translator)
    engine = models.engine_for(models.inspect_dir(tiny_marian_ct2), parallel=parallel,
                               threads=threads)
    assert (seen["inter_threads"], seen["intra_threads"]) == (parallel, intra)
    assert engine.intra_threads == intra  # type: ignore[attr-defined]
    assert ct2_backend.CT2Engine is type(engine)


@pytest.mark.parametrize("threads", [0, -2])
def test_ct2_engine_refuses_no_threads(tiny_marian_ct2: Path, threads: int) -> None:
    with pytest.raises(ModelError, match="threads"):
        models.engine_for(models.inspect_dir(tiny_marian_ct2), threads=threads)
