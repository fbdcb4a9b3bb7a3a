"""A real downloaded model (AVET_TEST_MODEL=PATH), and the tiny trained model's builder."""

from __future__ import annotations

import os

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
