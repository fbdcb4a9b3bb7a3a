"""Throughput of glossary.matcher.Matcher against per-term regexes and bare pyahocorasick.

Usage:
    .venv/bin/python benchmarks/bench_matcher.py [--corpus DIR] [--mb 10] [--entries 10000]

The text is the Arabic corpus (``../shared/corpus/ar/*.txt`` from the repository
root) repeated to ``--mb`` megabytes of UTF-8. The glossary holds every word
1-3-gram of the corpus, most frequent first, topped up with synthetic Arabic
strings to ``--entries`` forms. Everything is measured in one run and reported
as MB/s and ratios:

* per-term regex: one compiled ``\\b...\\b`` regex per form, each run over the
  text (on a slice, extrapolated linearly, when the full run would take > 60 s);
* bare pyahocorasick: ``list(automaton.iter(raw_text))`` with the same forms as
  keys, without normalization, boundary checks or overlap resolution.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Sized
from pathlib import Path
from typing import Any, TypeVar

import ahocorasick

from glossary.matcher import Matcher

_TOKEN_RE = re.compile(r"\w+(?:[-/]\w+)*")
_CHUNK_RE = re.compile(r"[^\w\s/-]+")
_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
T = TypeVar("T")


def load_corpus(directory: Path) -> str:
    files = sorted(directory.glob("*.txt"))
    if not files:
        raise SystemExit(f"no *.txt in {directory}; pass --corpus DIR")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def make_forms(corpus: str, count: int, seed: int = 7) -> list[str]:
    counts: Counter[str] = Counter()
    for chunk in _CHUNK_RE.split(corpus):
        tokens = _TOKEN_RE.findall(chunk)
        for n in (1, 2, 3):
            for i in range(len(tokens) - n + 1):
                counts[" ".join(tokens[i : i + n])] += 1
    forms = [form for form, _ in counts.most_common(count)]
    rng = random.Random(seed)
    seen = set(forms)
    while len(forms) < count:
        words = [
            "".join(rng.choice(_ARABIC_LETTERS) for _ in range(rng.randint(3, 8)))
            for _ in range(rng.randint(1, 3))
        ]
        form = " ".join(words)
        if form not in seen:
            seen.add(form)
            forms.append(form)
    return forms


def timed(func: Callable[..., T], *args: Any) -> tuple[float, T]:
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def run_regex(patterns: list[re.Pattern[str]], text: str) -> int:
    return sum(len(p.findall(text)) for p in patterns)


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=root / ".." / "shared" / "corpus" / "ar")
    parser.add_argument("--mb", type=float, default=10.0, help="text size in MB (UTF-8)")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--regex-budget", type=float, default=60.0, help="seconds")
    parser.add_argument("--repeat", type=int, default=3, help="best of N timings")
    args = parser.parse_args()

    corpus = load_corpus(args.corpus)
    target = int(args.mb * 1_000_000)
    repeat = target // len(corpus.encode("utf-8")) + 1
    text = "\n".join([corpus] * repeat)
    mb = len(text.encode("utf-8")) / 1_000_000
    forms = make_forms(corpus, args.entries)
    ngrams = sum(1 for f in forms if f in corpus)
    print(f"text: {mb:.1f} MB ({len(text):,} chars)")
    print(f"forms: {len(forms):,} ({ngrams:,} corpus n-grams, the rest synthetic)")

    matcher = Matcher("ar")
    for i, form in enumerate(forms):
        matcher.add(form, i)
    build_s, _ = timed(matcher.build)
    bare = ahocorasick.Automaton()
    for i, form in enumerate(forms):
        bare.add_word(form, i)
    bare.make_automaton()

    # The three contenders take turns, so that a busy machine slows all alike.
    contenders: dict[str, Callable[[], Sized]] = {
        "find": lambda: matcher.find(text),
        "find_spans": lambda: matcher.find_spans(text)[1],
        "bare": lambda: list(bare.iter(text)),
    }
    best = dict.fromkeys(contenders, float("inf"))
    sizes = dict.fromkeys(contenders, 0)
    for _ in range(args.repeat):
        for name, func in contenders.items():
            # Each contender starts from the same heap: the previous one's result
            # (7 million raw hits for bare pyahocorasick) would slow the next one's
            # garbage collection.
            gc.collect()
            seconds, result = timed(func)
            best[name] = min(best[name], seconds)
            sizes[name] = len(result)
            del result
    find_s, spans_s, bare_s = best["find"], best["find_spans"], best["bare"]
    print(f"timings: best of {args.repeat}, contenders interleaved")
    print(f"matcher build: {build_s:.2f} s")
    n_found, n_raw = sizes["find"], sizes["bare"]
    print(f"matcher.find:       {find_s:6.2f} s  {mb / find_s:6.1f} MB/s  {n_found:,} matches")
    print(f"matcher.find_spans: {spans_s:6.2f} s  {mb / spans_s:6.1f} MB/s  (no Match objects)")
    print(f"bare pyahocorasick: {bare_s:6.2f} s  {mb / bare_s:6.1f} MB/s  {n_raw:,} raw hits")

    patterns = [re.compile(r"\b" + re.escape(form) + r"\b") for form in forms]
    probe = text[:20_000]
    probe_s, _ = timed(run_regex, patterns, probe)
    estimate = probe_s * len(text) / len(probe)
    if estimate <= args.regex_budget:
        regex_s, _ = timed(run_regex, patterns, text)
        note = "full run"
    else:
        size = max(len(probe), int(len(text) * args.regex_budget / 3 / estimate))
        part_s, _ = timed(run_regex, patterns, text[:size])
        regex_s = part_s * len(text) / size
        note = f"extrapolated from {size:,} chars ({part_s:.1f} s)"
    print(f"per-term regex:     {regex_s:6.1f} s  {mb / regex_s:6.2f} MB/s  ({note})")

    print(f"speed-up of find over per-term regex:      {regex_s / find_s:8.1f}x  (goal >= 50x)")
    print(f"find time / bare pyahocorasick time:       {find_s / bare_s:8.2f}x  (goal <= 2x)")
    print(f"find_spans time / bare pyahocorasick time: {spans_s / bare_s:8.2f}x")


if __name__ == "__main__":
    main()
