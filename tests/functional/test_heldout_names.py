"""Name extraction on the held-out documents (tests/data/heldout): names found in no
file avet was tuned on keep the recall, precision and codes measured by
benchmarks/eval_names_heldout.py."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "heldout"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_names_heldout", ROOT / "benchmarks" / "eval_names_heldout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_names_heldout"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["names.tsv", "optional.tsv"])
def test_the_key_is_well_formed(name: str) -> None:
    rows = _module().load_names(DATA / name)
    assert rows
    assert {r.kind for r in rows} <= {"person", "place", "org"}
    assert [r.vi for r in rows if unicodedata.normalize("NFC", r.vi) != r.vi] == []
    assert [r.vi for r in rows if not all(s.strip() for s in r.spellings)] == []


@pytest.mark.slow
@pytest.mark.parametrize("use_starter", [False, True])
def test_held_out_names_reach_the_measured_thresholds(use_starter: bool) -> None:
    module = _module()
    codes = [line for line in (DATA / "codes.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    numbers = module.evaluate(module.run(use_starter), module.load_names(DATA / "names.tsv"),
                              module.load_names(DATA / "optional.tsv"), codes)
    # The thresholds this implementation reaches (see the benchmark's report).
    assert numbers["name_recall"] >= 0.93
    assert numbers["name_precision"] >= 0.92
    assert numbers["vi_top1_fold"] >= 0.75
    assert numbers["vi_top5_exact"] >= 0.82
    assert numbers["merged_names"] == 0
    assert numbers["codes_verbatim"] == 1.0
