"""Measures term extraction on held-out documents: terms of documents avet was never tuned on.

Usage::

    .venv/bin/python benchmarks/eval_terms_heldout.py [--set NAME] [--json]

The held-out sets (tests/data/heldout*, see eval_names_heldout.py) each carry a
term key, ``terms.tsv``, written by an annotator who read only the documents:
for ``heldout`` and ``heldout2`` after they were written, for ``heldout3`` to
``heldout20`` by the documents' writer. Prints, for each set, with and without the starter
termbase: how many key terms are among the term candidates kept (``--max-terms`` 300, as
``avet extract`` keeps), at rank |key| (R-precision) and in the top 100, the
share of the top |key| candidates that are key terms, and, of the key terms
found, how many have an English and a Vietnamese rendering filled in, and how many
of those filled are the key's own (ignoring case; a synonym counts as a miss). A key term
matches a candidate when one of its Arabic forms has the candidate's term key
(clitics, the article and spelling variants folded, as the extractor keys terms).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "benchmarks"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from eval_names_heldout import SETS, folder, run  # noqa: E402

from toolkit.extract.pipeline import Extracted  # noqa: E402
from toolkit.extract.tokenize import term_key  # noqa: E402

#: The top of the list a reviewer reads first.
TOP_TERMS = 100


@dataclass
class KeyTerm:
    """One held-out term: its Arabic forms, Vietnamese and English."""

    forms: list[str]
    vi: str
    en: str


def load_terms(path: Path) -> list[KeyTerm]:
    """Reads a term key: Arabic form, other spellings (| separated), vi, en[, note].

    Lines starting with ``#`` and blank lines are skipped.
    """
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        ar, others, vi, en = (cells + [""] * 4)[:4]
        forms = [ar.strip()] + [f.strip() for f in others.split("|") if f.strip()]
        rows.append(KeyTerm(forms, vi.strip(), en.strip()))
    return rows


def evaluate(found: list[Extracted], key: list[KeyTerm]) -> dict[str, float]:
    """Scores the ranked term candidates of an extraction (:func:`run`) against a key;
    fractions in 0..1."""
    terms = [x for x in found if x.origin == "term"]

    def hits(top: int) -> dict[int, Extracted]:
        keys: dict[tuple[str, ...], Extracted] = {}
        for cand in terms[:top]:
            for form in cand.entry.forms["ar"].all_admitted():
                keys.setdefault(term_key(form), cand)
        found = {}
        for n, row in enumerate(key):
            match = next((keys[k] for k in map(term_key, row.forms) if k in keys), None)
            if match is not None:
                found[n] = match
        return found

    total = len(key) or 1
    kept = hits(len(terms))
    at_r = hits(len(key))
    key_words = {term_key(f) for row in key for f in row.forms}
    top_r = terms[:len(key)]
    share = sum(any(term_key(f) in key_words for f in c.entry.forms["ar"].all_admitted())
                for c in top_r) / (len(top_r) or 1)
    return {
        "recall_kept": len(kept) / total,
        "r_precision": len(at_r) / total,
        "recall_top100": len(hits(TOP_TERMS)) / total,
        "key_share_top_r": share,
        "en_filled_when_kept": sum(bool(c.entry.term("en")) for c in kept.values())
        / (len(kept) or 1),
        "vi_filled_when_kept": sum(bool(c.entry.term("vi")) for c in kept.values())
        / (len(kept) or 1),
        "vi_as_key_when_filled": _agree(kept, key, "vi"),
        "en_as_key_when_filled": _agree(kept, key, "en"),
    }


def _agree(kept: dict[int, Extracted], key: list[KeyTerm], lang: str) -> float:
    """Share of the filled drafts (or approved renderings) in ``lang`` that are the key's,
    ignoring case: a lower bound, as a synonym counts as a miss."""
    pairs = [(c.entry.term(lang), getattr(key[n], lang)) for n, c in kept.items()
             if c.entry.term(lang)]
    same = sum(_plain(got) == _plain(want) for got, want in pairs)
    return same / (len(pairs) or 1)


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, action="append",
                        help="the held-out set to measure (default: every set with a terms.tsv)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name in args.set or SETS:
        data = folder(name)
        if not (data / "terms.tsv").is_file():
            if args.set:
                print(f"{data / 'terms.tsv'}: not found", file=sys.stderr)
                return 2
            continue
        key = load_terms(data / "terms.tsv")
        results[name] = {}
        if not args.json:
            print(f"{name}: {len(key)} key terms")
        for use_starter in (False, True):
            title = "with starter termbase" if use_starter else "without starter termbase"
            numbers = evaluate(run(data, use_starter), key)
            results[name][title] = numbers
            if not args.json:
                print(f"== {title}")
                for measure, value in numbers.items():
                    print(f"  {measure:22s} {value * 100:5.1f}%")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
