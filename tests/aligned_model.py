"""A tiny Marian model that really translates, and so really aligns.

The random models of :mod:`tests.tinymodels` exercise every code path, but their
cross-attention means nothing, so the pipeline's alignment-based repair cannot
be shown on them. :func:`train_aligned_model` trains a Marian model (d_model 64,
two layers) for a fixed number of steps, seeded, on a synthetic "language pair"
written here: Arabic words of :data:`tests.tinymodels.LEXICON` are replaced by
their English counterparts, with one light reordering, as between the two real
languages: an adjective follows its noun in the source (``حكومة رقمي``) and
precedes it in the target (``digital government``). A target word therefore
does not always sit at its source word's position, and an alignment that just
assumed monotone order would be caught out.

About a minute on two CPU cores. Tests cache the result for the session.
"""

from __future__ import annotations

import random
from pathlib import Path

from models.tokenizer import load_tokenizer
from tests.tinymodels import LEXICON, build_tiny_marian

__all__ = ["ADJECTIVES", "aligned_pairs", "render", "train_aligned_model"]

#: English adjectives of the lexicon; in the source they follow their noun.
ADJECTIVES = frozenset({"digital", "new", "big", "small"})

_AR = {en: ar for en, _vi, ar in LEXICON}
_NOUNS = [en for en, _vi, _ar in LEXICON if en not in ADJECTIVES]
_ADJS = sorted(ADJECTIVES)


def render(phrase: list[tuple[str, str | None]]) -> tuple[str, str]:
    """Renders ``(noun, adjective or None)`` groups as an (Arabic, English) pair.

    Args:
        phrase: Noun groups, in order.

    Returns:
        The source (noun then adjective) and target (adjective then noun).
    """
    src: list[str] = []
    tgt: list[str] = []
    for noun, adj in phrase:
        src += [_AR[noun]] + ([_AR[adj]] if adj else [])
        tgt += ([adj] if adj else []) + [noun]
    return " ".join(src), " ".join(tgt)


def aligned_pairs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """Returns ``n`` synthetic ar → en sentence pairs of 2-5 noun groups."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        groups = [(rng.choice(_NOUNS), rng.choice(_ADJS) if rng.random() < 0.4 else None)
                  for _ in range(rng.randint(2, 5))]
        pairs.append(render(groups))
    return pairs


def train_aligned_model(out_dir: Path, *, steps: int = 500, seed: int = 0,
                        batch_size: int = 48, lr: float = 3e-3) -> Path:
    """Trains the tiny ar → en Marian model and saves it in OPUS-MT layout.

    Args:
        out_dir: Where to write the model (created).
        steps: Optimizer steps (deterministic for a given seed and torch build).
        seed: Seed for the data, the weights and the batches.
        batch_size: Sentence pairs per step.
        lr: AdamW learning rate.

    Returns:
        ``out_dir``, a safetensors Marian checkpoint loadable by ``avet translate``.
    """
    import torch
    from transformers import MarianMTModel

    pairs = aligned_pairs(4000, seed)
    model_dir = build_tiny_marian(
        out_dir, "ar", "en", seed=seed, d_model=64, layers=2, vocab_size=120,
        texts=([p[0] for p in pairs], [p[1] for p in pairs]))
    tokenizer = load_tokenizer(model_dir, hint="rebuild the test model")
    model = MarianMTModel.from_pretrained(model_dir, use_safetensors=True)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    rng = random.Random(seed)
    torch.manual_seed(seed)
    # Matrices this small gain nothing from threads; on a busy machine, threads spinning
    # for a share of the cores make each step many times slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        for _ in range(steps):
            batch = rng.sample(pairs, batch_size)
            enc = tokenizer([p[0] for p in batch], text_target=[p[1] for p in batch],
                            padding=True, return_tensors="pt")
            labels = enc["labels"]
            labels[labels == tokenizer.pad_token_id] = -100
            loss = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                         labels=labels).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                # The decoder starts from <pad>, whose embedding OPUS-MT keeps at zero and
                # CTranslate2 assumes zero (start_from_zero_embedding); the tied output
                # layer would otherwise train it, and the converted model would diverge.
                model.model.shared.weight[tokenizer.pad_token_id].zero_()
    finally:
        torch.set_num_threads(threads)
    model.eval()
    model.save_pretrained(model_dir, safe_serialization=True)
    return model_dir
