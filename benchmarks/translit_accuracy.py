"""Prints top-1/top-5 accuracy of Arabic -> Vietnamese name recovery on the gold sets.

Usage: .venv/bin/python benchmarks/translit_accuracy.py [GOLD.tsv ...] [--misses] [--no-kind]
Default gold files: tests/data/gold/names_dev.tsv (the set the tables are tuned on),
tests/data/gold/names_heldout.tsv (measurement only) and, if present,
tests/data/gold/corpus_gold.tsv (rows of kind person/place/org only; ``top1_unamb`` is the
exact top-1 over the rows whose ``ambiguous`` column is ``no``).

``--misses`` lists the misses of every set except names_heldout.tsv, whose failures are not
printed so that nobody tunes the tables to them; ``--heldout-misses`` prints those too.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from toolkit.translit import Transliterator
from toolkit.translit.evaluate import evaluate, read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
HELDOUT = "names_heldout.tsv"


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    use_kind = "--no-kind" not in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or [
        p for p in (GOLD / "names_dev.tsv", GOLD / HELDOUT, GOLD / "corpus_gold.tsv")
        if p.is_file()
    ]
    start = time.perf_counter()
    translit = Transliterator.default()
    print(f"build: {time.perf_counter() - start:.2f} s")
    for path in files:
        gold = read_gold(path)
        if path.name == "corpus_gold.tsv":
            gold = [g for g in gold if g.kind is not None]
        start = time.perf_counter()
        acc = evaluate(translit, gold, use_kind=use_kind)
        secs = time.perf_counter() - start
        r = acc.ratios()
        unamb = (f" top1_unamb={r['top1_unambiguous']:.3f} (n={acc.unambiguous})"
                 if acc.unambiguous < acc.total else "")
        print(f"{path.name}: n={acc.total} top1={r['top1']:.3f} top5={r['top5']:.3f} "
              f"top1_folded={r['top1_folded']:.3f} top5_folded={r['top5_folded']:.3f}{unamb} "
              f"({secs / max(acc.total, 1) * 1000:.1f} ms/name, "
              f"kind={'gold' if use_kind else 'none'})")
        if show and (path.name != HELDOUT or "--heldout-misses" in argv):
            for ar, vi, got in acc.misses:
                print(f"  miss: {ar}  gold={vi}  top1={got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
