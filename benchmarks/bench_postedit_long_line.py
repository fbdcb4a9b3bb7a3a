"""Check and post-editing on one long line: CPU time must grow linearly with its length.

Usage:
    .venv/bin/python benchmarks/bench_postedit_long_line.py [--repeat 1500] [--scale 10]

One Vietnamese line (a phrase of our own repeated ``--repeat`` times: a term, a
place and a term with no rendering in the target, so variants, near-miss search
and missing terms all run) and its English translation are checked
(:func:`toolkit.qa.check_lines`) and post-edited (:func:`toolkit.postedit.postedit_lines`)
against the packaged starter termbase, then the same at ``--scale`` times the
length. The ratio of the two CPU times should stay near ``--scale`` (goal:
<= 1.5 x scale); a quadratic step shows as a ratio near scale squared.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

from glossary.starter import load_starter_termbase
from toolkit.glossary_source import GlossaryIndex
from toolkit.postedit import postedit_lines
from toolkit.qa import check_lines

_VI = "Chuyển đổi số ở Hà Nội và dịch vụ công "
_EN = "Digital change in Ha Noi and public services "


def _cpu(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1500, help="phrases in the short line")
    parser.add_argument("--scale", type=int, default=10, help="how many times longer the long line")
    args = parser.parse_args()
    index = GlossaryIndex(load_starter_termbase(), "vi", "en")
    steps: tuple[tuple[str, Callable[..., object]], ...] = (
        ("check", check_lines), ("postedit", postedit_lines))
    for name, step in steps:
        times = []
        for n in (args.repeat, args.repeat * args.scale):
            source, target = [_VI * n], [_EN * n]
            times.append(_cpu(partial(step, source, target, index)))
            print(f"{name:8s} {len(target[0]) / 1000:8.0f} K chars: {times[-1]:6.2f} s CPU")
        ratio = times[1] / times[0]
        print(f"{name:8s} ratio long/short: {ratio:5.1f} for {args.scale}x the length "
              f"(goal <= {1.5 * args.scale:.0f})")


if __name__ == "__main__":
    main()
