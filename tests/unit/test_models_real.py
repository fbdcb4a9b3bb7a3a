"""A real downloaded model (AVET_TEST_MODEL=PATH), and the tiny trained model's builder."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest


@pytest.mark.realmodel
@pytest.mark.skipif(not os.environ.get("AVET_TEST_MODEL"),
                    reason="set AVET_TEST_MODEL=PATH to a downloaded Marian/NLLB/M2M100 model")
def test_real_model_translates_offline() -> None:
    from models import engine_for, inspect_dir

    info = inspect_dir(os.environ["AVET_TEST_MODEL"])
    assert info.directions, "the model's directions could not be identified"
    src, tgt = sorted(info.directions)[0]
    sample = {"en": "The ministry published a new digital plan.",
              "vi": "Bộ đã công bố kế hoạch số mới.",
              "ar": "نشرت الوزارة خطة رقمية جديدة."}[src]
    engine = engine_for(info)
    [t] = engine.translate([sample], src, tgt, max_length=64, return_alignment=True)
    assert t.text.strip() and t.alignment
    first_word = t.text.split()[0]
    [c] = engine.translate([sample], src, tgt, constraints=[[first_word]], max_length=64)
    assert first_word in c.text


@pytest.mark.slow
def test_train_tiny_aligned_model_learns(tmp_path: Path) -> None:
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    from tests.tinymodels import synthetic_parallel, train_tiny_aligned_model

    held_out = synthetic_parallel("en", "vi", 32, seed=99)

    model_dir = train_tiny_aligned_model(tmp_path / "trained", steps=15)
    tok = MarianTokenizer.from_pretrained(model_dir)
    model = MarianMTModel.from_pretrained(model_dir, use_safetensors=True).eval()
    enc = tok([p[0] for p in held_out], text_target=[p[1] for p in held_out],
              padding=True, return_tensors="pt")
    enc["labels"][enc["labels"] == tok.pad_token_id] = -100
    with torch.inference_mode():
        loss = float(model(**enc).loss)
    # A random model's loss is about ln(vocabulary size); training must beat it clearly.
    assert loss < 0.8 * math.log(model.config.vocab_size)
