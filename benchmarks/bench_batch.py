"""Batch throughput, one run each, with a tiny random Marian model (built on the fly).

Prints:

1. documents/s and segments/s for many small documents against few large ones,
   the same sentences in total (goal: within 1.5x);
2. the overhead of the manifest, atomic outputs and reports against the bare
   pipeline (the same worker on the same chunks, writing nothing) (goal: <= 5%);
3. local against Ray (a local instance; actors load the model themselves).

Usage: ``python benchmarks/bench_batch.py [--sentences 1600] [--no-ray]``
(a few minutes on 2 CPUs). The model translates nothing useful; it only
makes the engine do real work of a realistic shape.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _write_docs(root: Path, sentences: list[str], per_doc: int) -> Path:
    root.mkdir(parents=True)
    for i in range(0, len(sentences), per_doc):
        body = ". ".join(sentences[i:i + per_doc]) + ".\n"
        (root / f"doc{i // per_doc:05d}.txt").write_text(body, encoding="utf-8")
    return root


T = TypeVar("T")


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1600)
    parser.add_argument("--chunk-docs", type=int, default=128)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of each arm, interleaved; the best is kept (shared machines)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    from models import load_engine
    from tests.tinymodels import build_tiny_marian, synthetic_sentences
    from toolkit.batch import TranslateSpec, run_batch, with_engine_signature
    from toolkit.batch.jobs import DocTask
    from toolkit.batch.local import _chunks, discover
    from toolkit.translate import TranslateOptions

    work = Path(tempfile.mkdtemp(prefix="avet-bench-batch-"))
    model = build_tiny_marian(work / "model", "ar", "en")
    options = TranslateOptions("ar", "en", beam_size=2, max_length=16, batch_size=16)
    engine = load_engine(str(model), "ar", "en")
    spec = with_engine_signature(TranslateSpec(options, str(model)), engine)
    worker = spec.open(engine)
    sentences = synthetic_sentences("ar", args.sentences, seed=42)
    small = _write_docs(work / "small", sentences, 2)
    large = _write_docs(work / "large", sentences, args.sentences // 4)

    runs = iter(range(1_000_000))

    def batch(folder: Path, name: str) -> tuple[dict, float]:
        out = work / f"out-{name}-{next(runs)}"  # a fresh job each time: nothing skipped
        result, seconds = _timed(lambda: run_batch(
            spec, folder, out, worker=worker, chunk_docs=args.chunk_docs,
            stream=open("/dev/null", "w")))  # noqa: SIM115
        return result.report["totals"], seconds

    # The same chunks through the worker alone (read, segment, translate, assemble).
    tasks = [DocTask(rel, path, i, "") for i, (rel, path, _) in
             enumerate(discover(small, work / "none"))]
    for chunk in _chunks(tasks, args.chunk_docs):  # warm-up: one untimed pass
        worker.process(chunk)
    bare = seconds_small = seconds_large = float("inf")
    for _ in range(args.repeats):  # interleaved, best of each: load hits all arms alike
        bare = min(bare, _timed(lambda: [worker.process(c)
                                         for c in _chunks(tasks, args.chunk_docs)])[1])
        totals_small, s = batch(small, "small")
        seconds_small = min(seconds_small, s)
        totals_large, s = batch(large, "large")
        seconds_large = min(seconds_large, s)
    rates = {}
    full = seconds_small
    for name, totals, seconds in (("small", totals_small, seconds_small),
                                  ("large", totals_large, seconds_large)):
        segs, docs = totals["segments"], totals["done"]
        rates[name] = segs / seconds
        print(f"{name:>5}: {docs:4d} docs, {segs} segments in {seconds:6.1f}s: "
              f"{docs / seconds:7.2f} docs/s, {segs / seconds:6.1f} segments/s")
    print(f"segments/s, many small docs / few large docs: {rates['small'] / rates['large']:.2f} "
          f"(goal >= 0.67)")
    print(f"bare pipeline {bare:.1f}s, with manifest + outputs + reports {full:.1f}s: "
          f"overhead {100 * (full / bare - 1):+.1f}% (goal <= 5%)")

    if not args.no_ray:
        import ray

        from toolkit.batch.ray_runner import ray_executor

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
        _, ray_s = _timed(lambda: run_batch(spec, small, work / "out-ray",
                                            executor=ray_executor(spec),
                                            chunk_docs=args.chunk_docs,
                                            stream=open("/dev/null", "w")))  # noqa: SIM115
        ray.shutdown()
        print(f"ray (local instance, 2 CPUs, actors load the model): {ray_s:.1f}s against "
              f"local {full:.1f}s: ray/local time {ray_s / full:.2f}")
    print(f"(files in {work})")


if __name__ == "__main__":
    main()
