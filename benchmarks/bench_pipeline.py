"""The translation pipeline's overhead over the bare engine, on an OPUS-MT-sized model.

Builds the random Marian model of ``benchmarks/bench_engines.py`` (OPUS-MT's real
dimensions: d_model 512, 6+6 layers, ~58k vocabulary; here with a source
SentencePiece model trained on the corpus, so sentences have realistic lengths
in pieces), converts it to
CTranslate2 int8 (or keeps transformers fp32 with ``--engine transformers``),
and on the same few dozen sentences of ``../shared/corpus/ar`` times:

* **bare**: ``engine.translate`` on the sentences, sorted by length and batched
  as the pipeline batches them, no alignment;
* **pipeline**: :func:`toolkit.translate.translate_document` on the same text
  with the packaged starter termbase: segmentation, term matching, constraint
  planning, decoding with alignment, verification and repair.

Decoding work is made equal: every output is exactly ``--tokens`` tokens long
(``min_decoding_length = max_decoding_length``, ``min_new_tokens``), constraints
are off (``constrain=False``), the termbase's do-not-translate entries are left
out and sentences holding a URL are skipped (both would still be hard
constraints). A random model renders no term, so repair runs on every matched
term and ends by re-decoding the sentence with the term as a hard constraint:
that decoding is extra model work, not pipeline overhead, so it is counted but
not run (see ``_Timed``). The goal is ``pipeline / bare <= 1.15``.

Usage::

    .venv/bin/python benchmarks/bench_pipeline.py [--sentences 40] [--tokens 24]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"


class _FixedLength:
    """Wraps a ``ctranslate2.Translator`` so that every hypothesis has the maximum length."""

    def __init__(self, translator: Any) -> None:
        self._translator = translator

    def __getattr__(self, name: str) -> Any:
        return getattr(self._translator, name)

    def translate_batch(self, source: Any, **kwargs: Any) -> Any:
        kwargs["min_decoding_length"] = kwargs.get("max_decoding_length", 256)
        return self._translator.translate_batch(source, **kwargs)


class _Timed:
    """Times the engine's first passes; answers re-decodings without decoding.

    Re-decoding a sentence with a missing term as a hard constraint is extra
    model work, not pipeline overhead, and on a random model it happens for every
    term; it is counted and answered with an empty translation (which the
    pipeline rejects, as it would a re-decoding that does not help).
    """

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.first = 0.0
        self.redecodes = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def translate(self, segments: Sequence[str], src: str, tgt: str, **kwargs: Any) -> Any:
        if not kwargs.get("return_alignment") and kwargs.get("constraints"):
            from models.base import Translation

            self.redecodes += 1
            return [Translation("", []) for _ in segments]
        start = time.perf_counter()
        out = self.engine.translate(segments, src, tgt, **kwargs)
        self.first += time.perf_counter() - start
        return out


def corpus_sentences() -> list[str]:
    """Returns the corpus's sentences of four words or more without URLs, in order."""
    from toolkit.extract.reader import read_document
    from toolkit.segment import URL_RE, segment, translatable

    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = read_document(path).text
        sentences += [s.text for s in translatable(segment(text, "ar"))
                      if not URL_RE.search(s.text) and len(s.text.split()) >= 4]
    if not sentences:
        sys.exit(f"no corpus found at {CORPUS.resolve()}")
    return sentences


def corpus_document(sentences: list[str], n: int) -> str:
    """Returns ``n`` sentences spread over ``sentences``, one per line."""
    step = max(1, len(sentences) // n)
    return "\n".join(sentences[::step][:n]) + "\n"


def build_model(out: Path, source_texts: list[str]) -> Path:
    """The OPUS-MT-sized random Marian of bench_engines, its source tokenizer trained
    on the corpus so that sentence lengths are realistic."""
    from bench_engines import build_model as build_opus_sized

    return build_opus_sized(out, source_texts, source_vocab=2000)


def load_engine(model_dir: Path, engine: str, threads: int, tokens: int) -> Any:
    """Loads the engine, patched to decode exactly the requested number of tokens."""
    from models import load_engine as load

    loaded: Any = load(str(model_dir), "ar", "en", engine=engine)
    if engine == "ctranslate2":
        import ctranslate2

        loaded._translator = _FixedLength(ctranslate2.Translator(
            str(model_dir), device="cpu", compute_type="int8", intra_threads=threads))
    else:
        import torch

        torch.set_num_threads(threads)
        cfg = loaded._model.generation_config
        cfg.forced_eos_token_id = None  # the last token would be EOS, the others equal
        cfg.min_new_tokens = tokens  # with max_new_tokens = tokens: every output is that long
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=40, help="corpus sentences")
    parser.add_argument("--tokens", type=int, default=24, help="target tokens per sentence")
    parser.add_argument("--beam", type=int, default=4, help="beam size")
    parser.add_argument("--batch", type=int, default=16, help="sentences per engine call")
    parser.add_argument("--engine", choices=("ctranslate2", "transformers"),
                        default="ctranslate2")
    parser.add_argument("--threads", type=int, default=min(os.cpu_count() or 1, 2))
    parser.add_argument("--repeats", type=int, default=3, help="runs of each (best is kept)")
    parser.add_argument("--profile", action="store_true",
                        help="print the pipeline's hottest functions (engine time included)")
    args = parser.parse_args()

    from bench_engines import VOCAB_SIZE

    from glossary.starter import load_starter_termbase
    from models.convert import convert_model
    from toolkit.glossary_source import GlossaryIndex
    from toolkit.segment import segment, translatable
    from toolkit.translate import TranslateOptions, translate_document

    corpus = corpus_sentences()
    document = corpus_document(corpus, args.sentences)
    entries = [e for e in load_starter_termbase()
               if not e.dnt and e.kind != "code" and e.forms["ar"].preferred
               and e.forms["en"].preferred]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        model_dir = build_model(Path(tmp) / "opus-mt-ar-en", corpus)
        if args.engine == "ctranslate2":
            model_dir = convert_model(model_dir, Path(tmp) / "opus-mt-ar-en-ct2", "int8").path
        engine = load_engine(model_dir, args.engine, args.threads, args.tokens)
        print(f"model built in {time.perf_counter() - started:.1f} s: random Marian, vocab "
              f"{VOCAB_SIZE}, d_model 512, 6+6 layers, {args.engine}, {args.threads} threads")

        options = TranslateOptions("ar", "en", beam_size=args.beam, max_length=args.tokens,
                                   batch_size=args.batch, constrain=False, repair=True)
        sentences = [s.text for s in translatable(segment(document, "ar"))]
        batches = sorted(sentences, key=len)
        engine.translate(batches[:2], "ar", "en", beam_size=args.beam, max_length=4)  # warm-up

        t0 = time.perf_counter()
        index = GlossaryIndex(entries, "ar", "en")
        t_index = time.perf_counter() - t0

        def run_bare() -> list[Any]:
            out: list[Any] = []
            for start in range(0, len(batches), args.batch):
                out += engine.translate(batches[start:start + args.batch], "ar", "en",
                                        beam_size=args.beam, max_length=args.tokens)
            return out

        # Alternate the two, keep each one's best time: the machine may be shared.
        t_bare = t_pipe = float("inf")
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            bare = run_bare()
            t_bare = min(t_bare, time.perf_counter() - t0)
            timed = _Timed(engine)
            t0 = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            result = translate_document(document, timed, index, options)
            if profiler is not None:
                profiler.disable()
            if time.perf_counter() - t0 < t_pipe:
                t_pipe, first, redecodes = time.perf_counter() - t0, timed.first, timed.redecodes
            print(f"  bare {t_bare:.2f} s, pipeline {t_pipe:.2f} s (best so far)", flush=True)

    counts = result.counts()
    lengths = {len(t.tokens) for t in bare}
    mean_src = sum(len(engine._tokenizer(t)["input_ids"]) for t in sentences) / len(sentences)
    print(f"{len(sentences)} sentences ({mean_src:.0f} source pieces on average), "
          f"{counts['applied'] + counts['repaired'] + counts['failed_terms']}"
          f" term occurrences, {args.tokens} tokens each (bare lengths {sorted(lengths)}), "
          f"beam {args.beam}, batch {args.batch}")
    print(f"glossary index ({len(entries)} entries), built once per run: {t_index:.2f} s")
    print(f"bare engine: {t_bare:7.2f} s")
    print(f"pipeline:    {t_pipe:7.2f} s  (engine with alignment {first:.2f} s, "
          f"own work {t_pipe - first:.2f} s; {redecodes} re-decodings not run)")
    print(f"ratio pipeline / bare: {t_pipe / t_bare:.3f} "
          f"(overhead {100 * (t_pipe / t_bare - 1):+.1f} %, goal <= +15 %)")
    print(f"pipeline's own work (all but the engine) / bare: {(t_pipe - first) / t_bare:.3f}")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
