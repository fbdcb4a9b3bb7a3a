"""Builders of tiny, randomly initialised MT models for tests.

No pretrained weights can be had offline, so tests build their own models: a
Marian (OPUS-MT layout) and an M2M100 model with SentencePiece tokenizers trained
on the fly from a synthetic text written here (a small word list per language,
combined at random; no corpus sentences). The models translate nothing useful,
but every code path (load, tokenize, beam search, constraints, alignment,
conversion to CTranslate2) runs on real model files.

A model that really aligns is trained by :mod:`tests.aligned_model`.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models.tokenizer import quiet_tokenizer_advice

__all__ = [
    "LEXICON",
    "build_tiny_m2m100",
    "build_tiny_marian",
    "synthetic_parallel",
    "synthetic_sentences",
    "train_spm",
]

#: (en, vi, ar) word triples written for these tests; a single word each so that a
#: word-for-word substitution is a "translation".
LEXICON: tuple[tuple[str, str, str], ...] = (
    ("government", "chínhphủ", "حكومة"), ("ministry", "bộ", "وزارة"),
    ("digital", "số", "رقمي"), ("change", "chuyểnđổi", "تحول"),
    ("city", "thànhphố", "مدينة"), ("people", "ngườidân", "مواطنون"),
    ("data", "dữliệu", "بيانات"), ("service", "dịchvụ", "خدمة"),
    ("new", "mới", "جديد"), ("big", "lớn", "كبير"), ("small", "nhỏ", "صغير"),
    ("school", "trườnghọc", "مدرسة"), ("road", "đường", "طريق"),
    ("water", "nước", "ماء"), ("year", "năm", "سنة"), ("plan", "kếhoạch", "خطة"),
    ("network", "mạng", "شبكة"), ("office", "vănphòng", "مكتب"),
    ("village", "làng", "قرية"), ("river", "sông", "نهر"), ("book", "sách", "كتاب"),
    ("house", "nhà", "بيت"), ("market", "chợ", "سوق"), ("report", "báocáo", "تقرير"),
    ("law", "luật", "قانون"), ("bank", "ngânhàng", "مصرف"), ("health", "ytế", "صحة"),
    ("energy", "nănglượng", "طاقة"), ("farm", "nôngtrại", "مزرعة"),
    ("port", "cảng", "ميناء"), ("train", "tàu", "قطار"), ("light", "đèn", "ضوء"),
)

_LANG_COLUMN = {"en": 0, "vi": 1, "ar": 2}


def synthetic_sentences(lang: str, n: int, seed: int = 0) -> list[str]:
    """Returns ``n`` random sentences of 3-8 lexicon words in ``lang``."""
    rng = random.Random(seed)
    col = _LANG_COLUMN[lang]
    return [" ".join(rng.choice(LEXICON)[col] for _ in range(rng.randint(3, 8)))
            for _ in range(n)]


def synthetic_parallel(src: str, tgt: str, n: int, seed: int = 0
                       ) -> list[tuple[str, str]]:
    """Returns ``n`` word-for-word parallel sentence pairs."""
    rng = random.Random(seed)
    s, t = _LANG_COLUMN[src], _LANG_COLUMN[tgt]
    pairs = []
    for _ in range(n):
        words = [rng.choice(LEXICON) for _ in range(rng.randint(2, 7))]
        pairs.append((" ".join(w[s] for w in words), " ".join(w[t] for w in words)))
    return pairs


def train_spm(texts: Iterable[str], path: Path, vocab_size: int,
              user_symbols: Iterable[str] = (), **options: Any) -> Path:
    """Trains a unigram SentencePiece model on ``texts`` and writes it to ``path``."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(texts)), model_writer=buffer, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        user_defined_symbols=list(user_symbols), minloglevel=2, **options)
    path.write_bytes(buffer.getvalue())
    return path


def _spm_pieces(path: Path) -> list[str]:
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_file=str(path))
    return [proc.id_to_piece(i) for i in range(proc.get_piece_size())]


def _mixed_text(langs: Iterable[str], n: int, seed: int) -> list[str]:
    texts: list[str] = []
    for i, lang in enumerate(langs):
        texts += synthetic_sentences(lang, n, seed + i)
    return texts


def build_tiny_marian(out_dir: Path, src: str = "ar", tgt: str = "en", *, seed: int = 0,
                      d_model: int = 32, layers: int = 1, vocab_size: int = 300,
                      texts: tuple[list[str], list[str]] | None = None,
                      target_tokens: Iterable[str] = ()) -> Path:
    """Builds a random Marian model laid out like an OPUS-MT checkpoint.

    Args:
        out_dir: Where to write it (created).
        src: Source language (``ar``, ``vi``, ``en``).
        tgt: Target language.
        seed: Seed for the weights.
        d_model: Model width.
        layers: Encoder and decoder layers.
        vocab_size: SentencePiece vocabulary size per side.
        texts: Source and target training text for SentencePiece (default: synthetic).
        target_tokens: ``>>xxx<<`` tokens to add (multi-target models).

    Returns:
        ``out_dir``, holding source.spm, target.spm, vocab.json, tokenizer_config.json,
        config.json, generation_config.json and model.safetensors.
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    src_text, tgt_text = texts or (synthetic_sentences(src, 300, seed),
                                   synthetic_sentences(tgt, 300, seed + 1))
    work = out_dir / "_spm"
    work.mkdir(exist_ok=True)
    src_spm = train_spm(src_text, work / "source.spm", vocab_size)
    tgt_spm = train_spm(tgt_text, work / "target.spm", vocab_size)
    pieces = ["</s>", "<unk>", *target_tokens]
    for piece in _spm_pieces(src_spm) + _spm_pieces(tgt_spm):
        if piece not in pieces and piece not in ("<s>", "<pad>"):
            pieces.append(piece)
    pieces.append("<pad>")
    vocab = {p: i for i, p in enumerate(pieces)}
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with quiet_tokenizer_advice():
        tokenizer = MarianTokenizer(str(src_spm), str(tgt_spm), str(work / "vocab.json"),
                                    source_lang=src, target_lang=tgt)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=2 * d_model,
        decoder_ffn_dim=2 * d_model, max_position_embeddings=256, pad_token_id=pad,
        eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True, scale_embedding=True)
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=0,
        forced_eos_token_id=0, pad_token_id=pad, max_length=64, num_beams=4)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return out_dir


def build_tiny_m2m100(out_dir: Path, *, seed: int = 0, d_model: int = 32, layers: int = 1,
                      vocab_size: int = 400) -> Path:
    """Builds a random M2M100 model (``__ar__``/``__vi__``/``__en__`` language tokens).

    The tokenizer is transformers' SentencePiece-based ``M2M100Tokenizer`` over a
    SentencePiece model trained here on synthetic ar/vi/en text. (NLLB checkpoints use
    the same architecture with an ``NllbTokenizer`` and FLORES codes; avet runs both
    through the same code, with the codes of :mod:`models.langcodes`.)

    Returns:
        ``out_dir``, holding config.json, generation_config.json, model.safetensors,
        sentencepiece.bpe.model, vocab.json and tokenizer_config.json.
    """
    import torch
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration
    from transformers.models.m2m_100.tokenization_m2m_100 import M2M100Tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "_spm"
    work.mkdir(exist_ok=True)
    spm_path = train_spm(_mixed_text(("ar", "vi", "en"), 200, seed),
                         work / "sentencepiece.bpe.model", vocab_size)
    pieces = ["<s>", "<pad>", "</s>", "<unk>"]
    pieces += [p for p in _spm_pieces(spm_path) if p not in pieces]
    vocab = {p: i for i, p in enumerate(pieces)}
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(str(work / "vocab.json"), str(spm_path), src_lang="en",
                                tgt_lang="vi")
    # Like facebook/m2m100_418M: pieces, then 100 language tokens, then 8 "madeup" words.
    config = M2M100Config(
        vocab_size=len(vocab) + len(tokenizer.lang_code_to_id) + tokenizer.num_madeup_words,
        d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=4, decoder_attention_heads=4,
        encoder_ffn_dim=2 * d_model, decoder_ffn_dim=2 * d_model,
        max_position_embeddings=256, pad_token_id=1, bos_token_id=0, eos_token_id=2,
        decoder_start_token_id=2, scale_embedding=True)
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig(
        decoder_start_token_id=2, eos_token_id=2, pad_token_id=1, bos_token_id=0,
        max_length=64, num_beams=4)
    model.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)
    # save_pretrained writes the language tokens into vocab.json, which shifts their ids
    # on reload; keep the plain piece vocabulary, as the released checkpoints do.
    (work / "vocab.json").replace(out_dir / "vocab.json")
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return out_dir


