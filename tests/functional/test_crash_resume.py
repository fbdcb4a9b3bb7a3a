"""Kill a batch job with SIGKILL at random points; every resume completes, and the final
outputs are byte-identical to an uninterrupted run: nothing lost, nothing duplicated.
Interrupt it (SIGINT, SIGTERM) instead: no attempt is counted, nothing is left running."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.functional.batch_fixtures import write_postedit_job
from toolkit.cli.main import main

REPO = Path(__file__).resolve().parents[2]


def _tree(out: Path) -> dict[str, bytes]:
    """Every file a job leaves, except those that legitimately differ between runs."""
    skip = {"manifest.sqlite", "manifest.sqlite-wal", "manifest.sqlite-shm", "report.json",
            ".avet-batch.lock"}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in skip}


def _job_report(out: Path) -> dict:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report.pop("run")  # this run's numbers: skipped/done differ after a resume
    for doc in report["documents"]:
        assert doc.pop("attempts") >= 1  # a kill counts an attempt: it may be above 1
    return report


def _spawn(args: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "toolkit.cli.main", *args], cwd=REPO,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _done(out: Path) -> int:
    db = out / "manifest.sqlite"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM docs WHERE status = 'done'")
                       .fetchone()[0])
    except sqlite3.OperationalError:  # created but not yet initialised
        return 0


def _kill_and_resume(args: list[str], out: Path, kills: int, seed: int) -> int:
    """Starts the job and SIGKILLs it at random points until ``kills`` kills landed.

    A kill comes either at a random moment of start-up, or a random moment after
    the job has recorded a random number (0-5) of further documents, so that it
    falls between any two of the job's steps (output written, report written,
    manifest updated). Returns how many kills landed on a running job.
    """
    rng = random.Random(seed)
    landed = 0
    for _ in range(kills * 3):
        before = _done(out)
        proc = _spawn(args)
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.0, 1.0))
        else:
            target = before + rng.randint(0, 5)
            while proc.poll() is None and _done(out) < target:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.03))
        if proc.poll() is None:
            proc.kill()  # SIGKILL: no cleanup, no atexit, no finally
            landed += 1
        proc.wait()
        if landed >= kills:
            break
    return landed


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
    args, out, reference = _postedit_job(tmp_path, 240, lines=6, max_attempts=100)
    landed = _kill_and_resume(args, out, kills=12, seed=20261121)
    assert landed >= 10
    done_before = sqlite3.connect(out / "manifest.sqlite").execute(
        "SELECT count(*) FROM docs WHERE status = 'done'").fetchone()[0]
    assert done_before < 240  # the kills did interrupt the work
    final = _spawn(args)
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert _tree(out) == _tree(reference)
    assert _job_report(out) == _job_report(reference)
    rows = sqlite3.connect(out / "manifest.sqlite").execute(
        "SELECT status, count(*) FROM docs GROUP BY status").fetchall()
    assert rows == [("done", 240)]
    assert not [p for p in out.rglob("*.tmp")]  # no half-written file left behind


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
    assert _kill_and_resume(args, out, kills=3, seed=7) == 3
    assert _done(out) < 16
    final = _spawn(args)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    assert _tree(out) == _tree(reference)
    assert _job_report(out) == _job_report(reference)


# As ``python -m toolkit.cli.main``, with Ctrl-C raising KeyboardInterrupt even where the
# test runner's parent shell started it with SIGINT ignored (which Python would keep).
_INTERRUPTIBLE = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                  "from toolkit.cli.main import main; sys.exit(main(sys.argv[1:]))")


def _rows(out: Path) -> list[tuple[str, int, int]]:
    with sqlite3.connect(out / "manifest.sqlite", timeout=5) as con:
        return con.execute("SELECT status, attempts, count(*) FROM docs GROUP BY status, attempts"
                           ).fetchall()


def _interrupt(args: list[str], out: Path, sig: signal.Signals, times: int, seed: int) -> int:
    """Sends ``sig`` to the job at random points after it has recorded 1-5 more documents;
    after each landed interruption, checks that nothing is running and no attempt was
    counted. Returns how many landed."""
    rng = random.Random(seed)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    landed = 0
    for _ in range(times * 3):
        target = _done(out) + rng.randint(1, 5)
        proc = subprocess.Popen([sys.executable, "-c", _INTERRUPTIBLE, *args], cwd=REPO,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None and _done(out) < target:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.03))
        if proc.poll() is None:
            proc.send_signal(sig)
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 130, err.decode()
            assert err.decode().strip().splitlines()[-1] == "avet: interrupted"
            rows = _rows(out)
            assert {(status, attempts) for status, attempts, _ in rows} <= {
                ("done", 1), ("pending", 0)}, rows  # not running, no attempt counted
            landed += 1
        else:
            proc.communicate()
        if landed >= times:
            break
    return landed


@pytest.mark.parametrize("sig", [pytest.param(signal.SIGINT, id="SIGINT"),
                                 pytest.param(signal.SIGTERM, id="SIGTERM")])
def test_interrupted_job_counts_no_attempt(tmp_path: Path, sig: signal.Signals,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # 100 lines a document: about 1 s of work, so that the job cannot finish between
    # the moment the test decides to interrupt it and the signal.
    # --max-attempts 1: a single interruption counted as an attempt would fail documents.
    args, out, reference = _postedit_job(tmp_path, 100, lines=100, max_attempts=1)
    assert _interrupt(args, out, sig, times=2, seed=int(sig)) == 2
    assert _done(out) < 100
    final = _spawn(args)
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    assert _rows(out) == [("done", 1, 100)]
    assert _tree(out) == _tree(reference)
    assert not (out / "failed.txt").exists()
