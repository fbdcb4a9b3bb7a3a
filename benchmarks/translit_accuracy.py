"""Prints top-1/top-5 accuracy of Arabic -> Vietnamese name recovery on the gold sets.

Usage: .venv/bin/python benchmarks/translit_accuracy.py [GOLD.tsv ...] [--misses] [--no-kind]
Default gold files: tests/data/gold/names_heldout.tsv and, if present,
tests/data/gold/corpus_gold.tsv (rows of kind person/place/org only).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from toolkit.translit import Transliterator
from toolkit.translit.evaluate import evaluate, read_gold

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    use_kind = "--no-kind" not in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or [
        p for p in (ROOT / "tests/data/gold/names_heldout.tsv",
                    ROOT / "tests/data/gold/corpus_gold.tsv") if p.is_file()
    ]
    start = time.perf_counter()
    translit = Transliterator.default()
    print(f"build: {time.perf_counter() - start:.2f} s")
    for path in files:
        gold = read_gold(path)
        if path.name != "names_heldout.tsv":
            gold = [g for g in gold if g.kind is not None]
        start = time.perf_counter()
        acc = evaluate(translit, gold, use_kind=use_kind)
        secs = time.perf_counter() - start
        r = acc.ratios()
        print(f"{path.name}: n={acc.total} top1={r['top1']:.3f} top5={r['top5']:.3f} "
              f"top1_folded={r['top1_folded']:.3f} top5_folded={r['top5_folded']:.3f} "
              f"({secs / max(acc.total, 1) * 1000:.1f} ms/name, "
              f"kind={'gold' if use_kind else 'none'})")
        if show:
            for ar, vi, got in acc.misses:
                print(f"  miss: {ar}  gold={vi}  top1={got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
