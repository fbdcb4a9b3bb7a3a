"""CTranslate2 int8 vs transformers fp32 decoding speed on an OPUS-MT-sized model.

Builds a randomly initialised Marian model with OPUS-MT's real dimensions (d_model
512, 6+6 layers, 8 heads, FFN 2048, ~58k shared vocabulary; the SentencePiece model
is trained on synthetic text and the vocabulary padded with synthetic pieces),
converts it with ``avet``'s converter (int8), and decodes the same batch with both
engines at a fixed output length (``min_new_tokens = max_new_tokens = N`` in
transformers, ``min_decoding_length = max_decoding_length = N`` in CTranslate2), so
both do the same work. Runs are interleaved and the best of ``--repeats`` is kept.
Prints target tokens per second and their ratio for each batch size, from one run:
the ratio depends on the batch size (small batches are bound by transformers'
per-step Python overhead, large ones by matrix products, where int8 gains least
on a CPU without AVX-512 VNNI), so several are measured. Then the whole machine:
``--parallel-batches`` batches of ``--machine-batch`` segments, transformers with
one PyTorch thread per core, CTranslate2 as ``avet translate --engine ctranslate2
--parallel N`` runs it (N model replicas, the cores shared out among them).

Usage::

    .venv/bin/python benchmarks/bench_engines.py [--batch 1 4 8 16] [--tokens 32] [--beam 4]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VOCAB_SIZE = 58_000


def build_model(out: Path, source_texts: list[str] | None = None,
                source_vocab: int = 300) -> Path:
    """Writes a random OPUS-MT-sized Marian model (safetensors) into ``out``."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    from tests.tinymodels import _spm_pieces, synthetic_sentences, train_spm

    out.mkdir(parents=True)
    src_spm = train_spm(source_texts or synthetic_sentences("ar", 400, 0), out / "source.spm",
                        source_vocab)
    tgt_spm = train_spm(synthetic_sentences("en", 400, 1), out / "target.spm", 300)
    pieces = ["</s>", "<unk>"]
    for piece in _spm_pieces(src_spm) + _spm_pieces(tgt_spm):
        if piece not in pieces and piece not in ("<s>", "<pad>"):
            pieces.append(piece)
    pieces += [f"▁syn{i:05d}" for i in range(VOCAB_SIZE - 1 - len(pieces))]
    pieces.append("<pad>")
    vocab = {p: i for i, p in enumerate(pieces)}
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=512, encoder_layers=6, decoder_layers=6,
        encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048,
        decoder_ffn_dim=2048, max_position_embeddings=512, pad_token_id=pad, eos_token_id=0,
        decoder_start_token_id=pad, forced_eos_token_id=0, scale_embedding=True,
        share_encoder_decoder_embeddings=True)
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=0, pad_token_id=pad)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer = MarianTokenizer(str(src_spm), str(tgt_spm), str(out / "vocab.json"),
                                source_lang="ar", target_lang="en")
    tokenizer.save_pretrained(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 4, 8, 16],
                        help="segments per batch (one measurement each)")
    parser.add_argument("--tokens", type=int, default=32, help="target tokens per segment")
    parser.add_argument("--beam", type=int, default=4, help="beam size")
    parser.add_argument("--threads", type=int, default=1,
                        help="CPU threads for both engines (default 1: on a shared, busy "
                             "machine PyTorch's OpenMP threads stall and the ratio means "
                             "nothing)")
    parser.add_argument("--machine-batch", type=int, default=16,
                        help="batch size of the whole-machine comparison")
    parser.add_argument("--parallel-batches", type=int, default=os.cpu_count() or 1,
                        help="whole-machine comparison: batches (and CTranslate2 replicas); "
                             "default: one per core")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed runs per engine, interleaved (best is kept)")
    args = parser.parse_args()

    import ctranslate2
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    from models.convert import convert_model
    from tests.tinymodels import synthetic_sentences

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        hf_dir = build_model(Path(tmp) / "opus-mt-ar-en")
        ct2_dir = convert_model(hf_dir, Path(tmp) / "opus-mt-ar-en-ct2", "int8").path
        print(f"built and converted in {time.perf_counter() - started:.1f} s "
              f"(vocab {VOCAB_SIZE}, d_model 512, 6+6 layers)")

        tokenizer = MarianTokenizer.from_pretrained(hf_dir)
        model = MarianMTModel.from_pretrained(hf_dir, use_safetensors=True).eval()
        model.generation_config.max_length = None
        b = args.beam

        def run_hf(segs: list[str], n: int) -> int:
            enc = tokenizer(segs, return_tensors="pt", padding=True)
            with torch.inference_mode():
                out = model.generate(**enc, num_beams=b, min_new_tokens=n, max_new_tokens=n)
            return int(out.shape[0]) * n

        translator = ctranslate2.Translator(str(ct2_dir), device="cpu", compute_type="int8",
                                            intra_threads=args.threads)

        def run_ct2(segs: list[str], n: int) -> int:
            source = [tokenizer.convert_ids_to_tokens(tokenizer(s)["input_ids"]) for s in segs]
            results = translator.translate_batch(
                source, beam_size=b, min_decoding_length=n, max_decoding_length=n,
                max_batch_size=len(segs))
            return sum(len(r.hypotheses[0]) for r in results)

        engines = {"transformers fp32": run_hf, "ctranslate2 int8": run_ct2}
        for fn in engines.values():
            fn(synthetic_sentences("ar", 2, seed=7), 4)  # warm-up
        print(f"target tokens/s: beam {b}, {args.tokens} tokens each, {args.threads} threads")
        print(f"{'batch':>5}  {'transformers fp32':>17}  {'ctranslate2 int8':>16}  ratio")
        for batch in args.batch:
            segments = synthetic_sentences("ar", batch, seed=7)
            speeds = dict.fromkeys(engines, 0.0)
            # Interleaved runs, best kept: a busy machine slows both engines alike.
            for _ in range(args.repeats):
                for name, fn in engines.items():
                    t0 = time.perf_counter()
                    produced = fn(segments, args.tokens)
                    speeds[name] = max(speeds[name], produced / (time.perf_counter() - t0))
            hf, ct2 = speeds["transformers fp32"], speeds["ctranslate2 int8"]
            print(f"{batch:5d}  {hf:17.1f}  {ct2:16.1f}  {ct2 / hf:4.2f}x  (goal >= 3x)")

        # The whole machine: each engine uses every core its own way.
        cores, size = os.cpu_count() or 1, args.machine_batch
        replicas = ctranslate2.Translator(
            str(ct2_dir), device="cpu", compute_type="int8", inter_threads=args.parallel_batches,
            intra_threads=max(1, cores // args.parallel_batches))
        segments = synthetic_sentences("ar", size * args.parallel_batches, seed=7)
        source = [tokenizer.convert_ids_to_tokens(tokenizer(s)["input_ids"]) for s in segments]

        def machine_hf(n: int) -> int:
            torch.set_num_threads(cores)
            try:
                return sum(run_hf(segments[i:i + size], n)
                           for i in range(0, len(segments), size))
            finally:
                torch.set_num_threads(args.threads)

        def machine_ct2(n: int) -> int:
            results = replicas.translate_batch(
                source, beam_size=b, min_decoding_length=n, max_decoding_length=n,
                max_batch_size=size)
            return sum(len(r.hypotheses[0]) for r in results)

        machine = {"transformers": machine_hf, "ctranslate2": machine_ct2}
        best = dict.fromkeys(machine, 0.0)
        for _ in range(args.repeats):
            for name, run in machine.items():
                t0 = time.perf_counter()
                produced = run(args.tokens)
                best[name] = max(best[name], produced / (time.perf_counter() - t0))
        hf, ct2 = best["transformers"], best["ctranslate2"]
        print(f"whole machine ({cores} cores, {args.parallel_batches} batches of {size}): "
              f"transformers {hf:.1f} ({cores} threads), ctranslate2 {ct2:.1f} "
              f"({args.parallel_batches} replicas x {max(1, cores // args.parallel_batches)} "
              f"threads) target tokens/s: {ct2 / hf:.2f}x  (goal >= 3x)")


if __name__ == "__main__":
    main()
