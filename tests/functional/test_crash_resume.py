"""Kill a batch job with SIGKILL at random points; every resume completes, and the final
outputs are byte-identical to an uninterrupted run: nothing lost, nothing duplicated.
Interrupt it (SIGINT, SIGTERM) instead: no attempt is counted, nothing is left running.

The points are steps of the job, not moments: the job runs with its steps counted (the
manifest's plan, start and finish; each output and report written, and renamed into
place) and stops itself (SIGSTOP) before a step drawn at random; the test then kills or
interrupts it there. Where the kills land depends on the seed alone, not on how fast the
machine is, and each kill is checked against the step it landed on."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.functional.batch_fixtures import write_postedit_job
from toolkit.cli.main import main

REPO = Path(__file__).resolve().parents[2]
_ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}

# ``python -m toolkit.cli.main`` with its steps counted; it stops itself before step
# argv[1] (0: before the CLI starts), after naming the step on stderr. Ctrl-C raises
# KeyboardInterrupt even where the test runner's parent started it with SIGINT ignored.
_STEPPED = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
stop_at = int(sys.argv.pop(1))
steps = 0

def stop(name):
    sys.stderr.write(f"stopped before step {steps}: {name}\\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGSTOP)

def counted(name, fn):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == stop_at:
            stop(name)
        return fn(*args, **kwargs)
    return step

from toolkit.batch import local, summary
from toolkit.batch.manifest import Manifest
for name in ("plan", "start", "finish"):
    setattr(Manifest, name, counted(name, getattr(Manifest, name)))
local.atomic_write_text = counted("write", local.atomic_write_text)
summary.atomic_write_text = counted("write", summary.atomic_write_text)
os.replace = counted("rename", os.replace)
if stop_at == 0:
    stop("start-up")
from toolkit.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass(frozen=True)
class Stop:
    """Where the job was stopped: before step ``step`` (``name``), with ``done_before``
    documents recorded done when it started and ``done_after`` once it was gone."""

    step: int
    name: str
    done_before: int
    done_after: int


def _tree(out: Path) -> dict[str, bytes]:
    """Every file a job leaves, except those that legitimately differ between runs."""
    skip = {"manifest.sqlite", "manifest.sqlite-wal", "manifest.sqlite-shm", "report.json",
            ".avet-batch.lock"}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in skip}


def _job_report(out: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report.pop("run")  # this run's numbers: skipped/done differ after a resume
    for doc in report["documents"]:
        assert doc.pop("attempts") >= 1  # a kill counts an attempt: it may be above 1
    return report


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "toolkit.cli.main", *args], cwd=REPO,
                            env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _manifest(out: Path) -> list[tuple[str, int, str | None]]:
    """The manifest's (status, attempts, output) rows; none before it exists."""
    db = out / "manifest.sqlite"
    if not db.exists():
        return []
    with closing(sqlite3.connect(db, timeout=5)) as con:
        return [(s, int(a), o) for s, a, o in con.execute(
            "SELECT status, attempts, output FROM docs ORDER BY rel")]


def _done(out: Path) -> int:
    return sum(1 for status, _, _ in _manifest(out) if status == "done")


def _stopped(args: list[str], step: int) -> subprocess.Popen[bytes]:
    """Starts the job (see ``_STEPPED``) and returns it stopped before ``step``."""
    proc = subprocess.Popen([sys.executable, "-c", _STEPPED, str(step), *args], cwd=REPO,
                            env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status = os.waitpid(proc.pid, os.WUNTRACED)  # returns once it stopped or ended
    if not os.WIFSTOPPED(status):
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        _, err = proc.communicate()
        raise AssertionError(f"the job ended (exit {proc.returncode}) before step {step}; "
                             f"draw fewer steps:\n{err.decode()}")
    return proc


def _landed(err: bytes, step: int) -> str:
    """The step's name, from what the stopped job wrote: it stopped where it was told."""
    prefix = f"stopped before step {step}: "
    [line] = [ln for ln in err.decode().splitlines() if ln.startswith("stopped before")]
    assert line.startswith(prefix), line
    return line.removeprefix(prefix)


def _check_manifest(out: Path, stop: Stop) -> None:
    """What a kill may leave: documents pending, running or done, each done one with its
    output in place, and none of those recorded before lost."""
    rows = _manifest(out)
    assert stop.done_after >= stop.done_before, stop
    assert {status for status, _, _ in rows} <= {"pending", "running", "done"}, stop
    missing = [output for status, _, output in rows
               if status == "done" and not (output and (out / output).is_file())]
    assert not missing, (stop, missing)


def _kill(args: list[str], out: Path, kills: int, seed: int, most: int) -> list[Stop]:
    """Starts the job ``kills`` times and SIGKILLs it each time before a random step:
    before the CLI starts one time in five, else before one of its first ``most`` steps
    (a few chunks, far fewer than the job has). Checks the manifest after each kill.

    Returns:
        Where each kill landed.
    """
    rng = random.Random(seed)
    stops = []
    for _ in range(kills):
        before = _done(out)
        step = 0 if rng.random() < 0.2 else rng.randint(1, most)
        proc = _stopped(args, step)
        proc.kill()  # SIGKILL: no cleanup, no atexit, no finally
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL, err.decode()
        stop = Stop(step, _landed(err, step), before, _done(out))
        _check_manifest(out, stop)
        stops.append(stop)
    return stops


def _resume_completes(args: list[str], out: Path, reference: Path, total: int) -> None:
    """Runs the job once more, uninterrupted: it does exactly the documents not done yet,
    and leaves what the uninterrupted run left."""
    done_before = _done(out)
    assert done_before < total  # the kills did interrupt the work
    final = _spawn(args)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    run = json.loads((out / "report.json").read_text(encoding="utf-8"))["run"]
    assert (run["skipped"], run["done"], run["failed"]) == (done_before, total - done_before, 0)
    assert _tree(out) == _tree(reference)
    assert _job_report(out) == _job_report(reference)
    assert {status for status, _, _ in _manifest(out)} == {"done"}
    assert len(_manifest(out)) == total
    assert not [p for p in out.rglob("*.tmp")]  # no half-written file left behind


def _postedit_job(tmp_path: Path, docs: int, *, lines: int, max_attempts: int
                  ) -> tuple[list[str], Path, Path]:
    """Writes a post-editing job of ``docs`` documents and runs it once uninterrupted.

    Returns:
        The job's arguments (``--out`` included), its output folder (not yet
        written) and the uninterrupted run's output folder.
    """
    src, tgt, glossary = write_postedit_job(tmp_path, docs, lines=lines)
    common = ["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to",
              "en", "--glossary", str(glossary), "--chunk-docs", "2", "--max-attempts",
              str(max_attempts), "--json"]
    reference = tmp_path / "reference"
    assert main([*common, "--out", str(reference)]) == 0
    out = tmp_path / "out"
    return [*common, "--out", str(out)], out, reference


@pytest.mark.slow
def test_postedit_job_survives_sigkill(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    # A chunk of 2 documents is 10 steps (start, 4 writes, 4 renames, finish): 12 kills
    # within the first 40 steps of each run leave most of the 240 documents to the resume.
    args, out, reference = _postedit_job(tmp_path, 240, lines=6, max_attempts=100)
    stops = _kill(args, out, kills=12, seed=20261121, most=40)
    assert {s.name for s in stops} >= {"start-up", "start", "write", "rename", "finish"}, stops
    assert any(s.done_after > s.done_before for s in stops)  # some runs got documents done
    _resume_completes(args, out, reference, 240)


@pytest.mark.slow
def test_translate_job_survives_sigkill(tmp_path: Path, tiny_marian: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.tinymodels import synthetic_sentences

    src = tmp_path / "in"
    sentences = synthetic_sentences("ar", 32, seed=11)
    for i in range(16):
        (src / f"d{i % 3}").mkdir(parents=True, exist_ok=True)
        (src / f"d{i % 3}" / f"doc{i:02d}.txt").write_text(
            ". ".join(sentences[2 * i:2 * i + 2]) + ".\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("ar,en,kind,status\nمدينة,city,term,approved\n", encoding="utf-8")
    # Batches of 4 sentences across the 2 documents of a chunk: a resumed run must
    # decode the same batches (padding included) as the uninterrupted one.
    common = ["batch", "translate", str(src), "--from", "ar", "--to", "en", "--model",
              str(tiny_marian), "--glossary", str(glossary), "--beam", "2", "--max-length", "8",
              "--batch-size", "4", "--chunk-docs", "2", "--max-attempts", "100", "--json"]
    reference = tmp_path / "reference"
    assert main([*common, "--out", str(reference)]) == 0
    out = tmp_path / "out"
    args = [*common, "--out", str(out)]
    # 10 steps a chunk, as above, and the model loaded after the plan: kills within the
    # first 20 steps, one of them after a chunk was done.
    stops = _kill(args, out, kills=3, seed=10, most=20)
    assert any(s.done_after > s.done_before for s in stops), stops
    _resume_completes(args, out, reference, 16)


def _interrupt(args: list[str], out: Path, sig: signal.Signals, times: int, seed: int,
               most: int) -> list[Stop]:
    """Sends ``sig`` to the job ``times`` times, each time before a random one of its
    first ``most`` steps; after each, checks that the job said so and exited 130, that
    nothing is left running and that no attempt was counted.

    Returns:
        Where each interruption landed.
    """
    rng = random.Random(seed)
    stops = []
    for _ in range(times):
        before = _done(out)
        step = rng.randint(1, most)
        proc = _stopped(args, step)
        proc.send_signal(sig)  # pending while stopped: delivered right after SIGCONT
        os.kill(proc.pid, signal.SIGCONT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err.decode()
        assert err.decode().strip().splitlines()[-1] == "avet: interrupted"
        stop = Stop(step, _landed(err, step), before, _done(out))
        _check_manifest(out, stop)
        assert {(status, attempts) for status, attempts, _ in _manifest(out)} <= {
            ("done", 1), ("pending", 0)}, stop  # not running, no attempt counted
        stops.append(stop)
    return stops


@pytest.mark.parametrize("sig", [pytest.param(signal.SIGINT, id="SIGINT"),
                                 pytest.param(signal.SIGTERM, id="SIGTERM")])
def test_interrupted_job_counts_no_attempt(tmp_path: Path, sig: signal.Signals,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # --max-attempts 1: a single interruption counted as an attempt would fail documents.
    args, out, reference = _postedit_job(tmp_path, 100, lines=6, max_attempts=1)
    stops = _interrupt(args, out, sig, times=3, seed=int(sig), most=40)
    assert {s.name for s in stops} <= {"plan", "start", "write", "rename", "finish"}
    _resume_completes(args, out, reference, 100)
    assert {(status, attempts) for status, attempts, _ in _manifest(out)} == {("done", 1)}
    assert not (out / "failed.txt").exists()
