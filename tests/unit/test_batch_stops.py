"""How a batch job stops when it cannot go on: a full disk, SIGTERM while Ray starts;
and what Ray's start does to the driver (its working directory on the workers' path,
its SIGTERM handler). No real tmpfs or Ray here: the writes and ``ray`` are stand-ins
(``test_batch_ray_cwd`` runs the real Ray; tests/functional/test_batch_stops_cli.py
runs the same stops through the CLI, a read-only output folder too)."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary.errors import DatabaseFileError, InputError
from glossary.fileio import atomic_open
from tests.functional.batch_fixtures import write_postedit_job
from toolkit.batch import Manifest, PostEditSpec, run_batch
from toolkit.batch import local as batch_local
from toolkit.batch import manifest as batch_manifest
from toolkit.batch.folders import LOCK_NAME
from toolkit.batch.outdir import RESERVE_BYTES
from toolkit.glossary_source import load_glossary


def _postedit_spec(glossary: Path) -> PostEditSpec:
    source = load_glossary(str(glossary), glossary.parent / "none.db", src="ar", tgt="en")
    return PostEditSpec("ar", "en", tuple(source.entries), source.hash, source.origin)


def _rows(out: Path) -> dict[str, tuple[str, int]]:
    with Manifest(out) as m:
        return {s.rel: (s.status, s.attempts) for s in m.states()}


# ---------------------------------------------------------------- a full disk
def _write_on_a_full_disk(path: Path) -> None:
    """A write through ``atomic_open`` that finds the disk full, as ``write`` would."""
    with atomic_open(path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(("failing_write", "named"), [
    (5, "d0/doc002.en.txt"),             # the output of the second chunk's first document
    (6, "reports/d0/doc002.txt.json"),   # its report
])
def test_a_full_disk_stops_the_job_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            failing_write: int, named: str) -> None:
    src, tgt, glossary = write_postedit_job(tmp_path, 4)
    out = tmp_path / "out"
    spec = _postedit_spec(glossary)
    writes: list[Path] = []
    real_write = batch_local.atomic_write_text
    reserved: list[int] = []

    def write(path: Path, text: str, **kwargs: Any) -> None:
        writes.append(Path(path))
        reserved.append((out / LOCK_NAME).stat().st_size)
        if len(writes) == failing_write:  # each document: its output, then its report
            _write_on_a_full_disk(path)
        real_write(path, text, **kwargs)

    monkeypatch.setattr(batch_local, "atomic_write_text", write)
    with pytest.raises(InputError) as info:
        run_batch(spec, src, out, targets=tgt, chunk_docs=2)
    assert str(info.value) == f"{out / named}: no space left on device (free space and rerun)"
    assert info.value.exit_code == 2
    # The first chunk is done; the one in flight is pending again, no attempt counted.
    assert _rows(out) == {"d0/doc000.txt": ("done", 1), "d0/doc001.txt": ("done", 1),
                          "d0/doc002.txt": ("pending", 0), "d0/doc003.txt": ("pending", 0)}
    assert min(reserved) >= RESERVE_BYTES  # held while the job ran ...
    assert (out / LOCK_NAME).stat().st_size == 0  # ... and given back
    monkeypatch.undo()
    rerun = run_batch(spec, src, out, targets=tgt, chunk_docs=2)  # space freed: it finishes
    assert (rerun.report["run"]["done"], rerun.report["run"]["skipped"]) == (2, 2)
    assert all(d["attempts"] == 1 for d in rerun.report["documents"])


def test_a_full_manifest_is_one_error_and_records_nothing_half(tmp_path: Path) -> None:
    with Manifest(tmp_path) as m:
        m.plan([("a.txt", "k")], 3)
        pages = m._db.execute("PRAGMA page_count").fetchone()[0]
        m._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
        with pytest.raises(DatabaseFileError) as info:
            m.plan([(f"doc{i:04d}.txt" + "x" * 200, "k" * 64) for i in range(400)], 3)
        assert str(info.value) == (f"{tmp_path / 'manifest.sqlite'}: no space left on device "
                                   "(free space and rerun)")
        assert [s.rel for s in m.states()] == ["a.txt"]  # rolled back whole
        m.start(["a.txt"])  # a write that needs no new page still goes through
        assert m.release_running() == 1


@pytest.mark.parametrize("exc", [
    OSError(errno.ENOSPC, "No space left on device"),
    OSError(errno.EDQUOT, "Disk quota exceeded"),
])
def test_disk_full_errors_are_recognised(exc: OSError) -> None:
    assert batch_manifest.is_disk_full(exc)
    assert not batch_manifest.is_disk_full(OSError(errno.EACCES, "Permission denied"))


# ---------------------------------------------------------------- Ray's start
@pytest.fixture
def fake_ray(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.SimpleNamespace]:
    """A stand-in for ``ray`` whose ``init`` does what Ray's does to the driver."""
    seen = types.SimpleNamespace(cwd=None, init=None)

    def ray_sigterm(signum: int, frame: Any) -> None:  # as ray.init's: sys.exit(signum)
        sys.exit(signum)

    def init(**kwargs: Any) -> None:
        seen.cwd = os.getcwd()
        signal.signal(signal.SIGTERM, ray_sigterm)
        if seen.init is not None:
            seen.init()

    module = types.ModuleType("ray")
    module.is_initialized = lambda: False  # type: ignore[attr-defined]
    module.init = init  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ray", module)
    saved = signal.getsignal(signal.SIGTERM)
    yield seen
    signal.signal(signal.SIGTERM, saved)


def _avet_handler(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def test_ray_starts_from_avets_folder_and_gives_sigterm_back(
        fake_ray: types.SimpleNamespace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.batch.ray_runner import _init_ray, packages_root

    (tmp_path / "models").mkdir()  # as the README lays out a job folder
    monkeypatch.chdir(tmp_path)
    signal.signal(signal.SIGTERM, _avet_handler)
    _init_ray(None)
    # Ray puts the driver's working directory first on the workers' sys.path: it was
    # the folder of avet's own packages, not the one holding models/.
    assert fake_ray.cwd == str(packages_root())
    assert (packages_root() / "models" / "__init__.py").is_file()
    assert os.getcwd() == str(tmp_path)
    assert signal.getsignal(signal.SIGTERM) is _avet_handler


def test_sigterm_while_ray_starts_is_an_interruption(
        fake_ray: types.SimpleNamespace, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.batch.ray_runner import _init_ray

    monkeypatch.chdir(tmp_path)
    signal.signal(signal.SIGTERM, _avet_handler)
    fake_ray.init = lambda: os.kill(os.getpid(), signal.SIGTERM)  # Ray's handler: exit
    with pytest.raises(KeyboardInterrupt):
        _init_ray(None)
    assert os.getcwd() == str(tmp_path)
    assert signal.getsignal(signal.SIGTERM) is _avet_handler


def test_sigterm_while_ray_starts_leaves_no_manifest(
        fake_ray: types.SimpleNamespace, tmp_path: Path) -> None:
    from toolkit.batch.ray_runner import ray_executor

    src, tgt, glossary = write_postedit_job(tmp_path, 2)
    out = tmp_path / "out"
    spec = _postedit_spec(glossary)
    signal.signal(signal.SIGTERM, _avet_handler)
    fake_ray.init = lambda: os.kill(os.getpid(), signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt):
        run_batch(spec, src, out, targets=tgt, executor=ray_executor(spec))
    assert not list(out.glob("manifest.sqlite*"))  # the new folder is bound to no job


def test_a_manifest_error_of_a_sqlite_full_is_recognised() -> None:
    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorcode = sqlite3.SQLITE_FULL
    assert batch_manifest.is_disk_full(exc)
