"""Name extraction on the held-out documents (tests/data/heldout to heldout20): names
found in documents written for testing keep the recall, precision, kinds and codes measured
by benchmarks/eval_names_heldout.py."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest

from tests.functional.bench_modules import load
from toolkit.extract.pipeline import Extracted

SETS = ["heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
        "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12",
        "heldout13", "heldout14", "heldout15", "heldout16",
        "heldout17", "heldout18", "heldout19", "heldout20"]


@pytest.mark.parametrize("held", SETS)
@pytest.mark.parametrize("name", ["names.tsv", "optional.tsv"])
def test_the_key_is_well_formed(held: str, name: str) -> None:
    module = load("eval_names_heldout")
    rows = module.load_names(module.folder(held) / name)
    assert rows
    assert {r.kind for r in rows} <= {"person", "place", "org"}
    assert [r.vi for r in rows if unicodedata.normalize("NFC", r.vi) != r.vi] == []
    assert [r.vi for r in rows if not all(s.strip() for s in r.spellings)] == []


@pytest.mark.parametrize("held", SETS)
def test_every_spelling_of_the_key_is_in_the_documents(held: str) -> None:
    module = load("eval_names_heldout")
    data = module.folder(held)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((data / "docs").glob("*.txt")))
    keys = [*module.load_names(data / "names.tsv"), *module.load_names(data / "optional.tsv")]
    assert [s for name in keys for s in name.spellings if s not in text] == []
    assert [c for c in module.load_codes(data) if c not in text] == []


# The thresholds this implementation reaches (see the benchmark's report):
# Entries that hold two key names: none, but in heldout18, measured on the code that first
# met it (its errors unread), one, as on the code before.
MERGED = {"heldout18": 1}
# (set, starter): recall, precision, kind, top-1 ignoring diacritics.
FLOORS = {
    ("heldout", False): (0.97, 1.00, 0.98, 0.88),
    ("heldout", True): (0.97, 1.00, 0.98, 0.87),
    ("heldout2", False): (0.98, 1.00, 1.00, 0.91),
    ("heldout2", True): (0.98, 1.00, 1.00, 0.91),
    ("heldout3", False): (0.98, 0.98, 1.00, 0.90),
    ("heldout3", True): (0.98, 0.98, 1.00, 0.89),
    ("heldout4", False): (0.96, 0.96, 0.95, 0.87),
    ("heldout4", True): (0.96, 0.96, 0.95, 0.86),
    ("heldout5", False): (1.00, 0.98, 1.00, 0.91),
    ("heldout5", True): (1.00, 0.98, 1.00, 0.90),
    ("heldout6", False): (0.97, 0.96, 0.98, 0.89),
    ("heldout6", True): (0.97, 0.96, 0.97, 0.89),
    ("heldout7", False): (0.98, 0.96, 0.97, 0.87),
    ("heldout7", True): (1.00, 0.98, 0.97, 0.88),
    ("heldout8", False): (1.00, 0.98, 0.98, 0.93),
    ("heldout8", True): (1.00, 0.98, 1.00, 0.93),
    ("heldout9", False): (0.98, 0.98, 1.00, 0.91),
    ("heldout9", True): (0.98, 0.98, 1.00, 0.91),
    ("heldout10", False): (1.00, 0.98, 0.96, 0.89),
    ("heldout10", True): (0.98, 0.97, 0.97, 0.88),
    ("heldout11", False): (1.00, 0.98, 1.00, 0.89),
    ("heldout11", True): (1.00, 0.98, 1.00, 0.89),
    ("heldout12", False): (0.98, 0.98, 1.00, 0.88),
    ("heldout12", True): (0.98, 0.98, 1.00, 0.87),
    ("heldout13", False): (1.00, 0.98, 0.98, 0.93),
    ("heldout13", True): (1.00, 0.98, 0.98, 0.91),
    ("heldout14", False): (0.97, 0.97, 0.98, 0.90),
    ("heldout14", True): (0.97, 0.97, 0.98, 0.90),
    ("heldout15", False): (0.97, 0.96, 0.95, 0.87),
    ("heldout15", True): (0.97, 0.96, 0.95, 0.87),
    ("heldout16", False): (0.98, 0.97, 0.97, 0.86),
    ("heldout16", True): (0.97, 0.96, 0.97, 0.85),
    ("heldout17", False): (0.98, 0.95, 0.97, 0.87),
    ("heldout17", True): (0.98, 0.94, 0.97, 0.86),
    ("heldout18", False): (0.96, 0.97, 0.95, 0.86),
    ("heldout18", True): (0.96, 0.97, 0.97, 0.84),
    ("heldout19", False): (0.93, 0.98, 0.98, 0.92),
    ("heldout19", True): (0.94, 0.97, 0.98, 0.91),
    ("heldout20", False): (0.95, 0.92, 1.00, 0.90),
    ("heldout20", True): (0.95, 0.94, 1.00, 0.89),
}


@pytest.mark.slow
@pytest.mark.xdist_group("heldout")  # one extraction per set serves both measures
@pytest.mark.parametrize(("held", "use_starter"), list(FLOORS))
def test_held_out_names_reach_the_measured_thresholds(
        held: str, use_starter: bool,
        heldout_found: Callable[[str, bool], list[Extracted]]) -> None:
    module = load("eval_names_heldout")
    data = module.folder(held)
    numbers = module.evaluate(heldout_found(held, use_starter),
                              module.load_names(data / "names.tsv"),
                              module.load_names(data / "optional.tsv"), module.load_codes(data))
    recall, precision, kind, top1_fold = FLOORS[(held, use_starter)]
    assert numbers["name_recall"] >= recall
    assert numbers["name_precision"] >= precision
    assert numbers["kind_accuracy"] >= kind
    assert numbers["vi_top1_fold"] >= top1_fold
    assert numbers["merged_names"] <= MERGED.get(held, 0)
    assert numbers["codes_verbatim"] == 1.0
