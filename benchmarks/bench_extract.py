"""Throughput of `avet extract` against a bare tokenizing pass, from one run.

Usage::

    .venv/bin/python benchmarks/bench_extract.py [--corpus DIR] [--megabytes 3]

The reference corpus is repeated (each copy is a new document name) until it
holds about ``--megabytes`` of UTF-8 text. Both passes stream the same documents
one at a time: the bare pass only tokenizes (normalization with offset maps
included); the full pass counts names, codes and terms and then builds the
entries (clustering, ranking, transliteration). Prints the two throughputs and
their ratio (wall clock and CPU time: CPU time is the fairer one on a shared
machine), and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from toolkit.extract import Document, Extractor, tokenize  # noqa: E402

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"


def documents(corpus: Path, megabytes: float) -> tuple[list[tuple[str, str]], int]:
    """Reads the corpus once; returns its (name, text) pairs and the repeat count."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    return texts, max(1, round(megabytes * 1_000_000 / size))


def stream(texts: list[tuple[str, str]], repeats: int) -> Iterator[Document]:
    for copy in range(repeats):
        for name, text in texts:
            yield Document(f"{copy:04d}/{name}", text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--megabytes", type=float, default=3.0)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    texts, repeats = documents(args.corpus, args.megabytes)
    total = sum(len(t.encode("utf-8")) for _, t in texts) * repeats / 1e6

    start, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(tokenize(doc.text)) for doc in stream(texts, repeats))
    bare, bare_cpu = time.perf_counter() - start, time.process_time() - cpu

    from glossary.starter import load_starter_termbase

    extractor = Extractor(load_starter_termbase())  # built outside the timing (model load)
    start, cpu = time.perf_counter(), time.process_time()
    for doc in stream(texts, repeats):
        extractor.add_document(doc)
    counted = time.perf_counter() - start
    entries = extractor.entries()
    full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {len(texts)} documents x {repeats} = {total:.2f} MB, {tokens} tokens")
    print(f"bare tokenizing pass : {bare:7.2f} s  {total / bare:6.2f} MB/s")
    print(f"extraction (counting): {counted:7.2f} s  {total / counted:6.2f} MB/s")
    print(f"extraction (total)   : {full:7.2f} s  {total / full:6.2f} MB/s  "
          f"({len(entries)} candidates)")
    print(f"ratio extraction/bare: {full / bare:.1f}x slower (wall clock), "
          f"{full_cpu / bare_cpu:.1f}x (CPU time: {full_cpu:.2f} s / {bare_cpu:.2f} s)")
    print(f"peak resident memory : {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
