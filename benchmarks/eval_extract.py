"""Measures `avet extract` against the gold set of the reference corpus.

Usage::

    .venv/bin/python benchmarks/eval_extract.py [--corpus DIR] [--gold TSV ...] \\
        [--no-starter] [--json]

Prints name precision/recall and kind accuracy, accuracy of the Vietnamese
form (top-1/top-5, exact and ignoring diacritics, top-1 exact on the unambiguous
names), recall of the gold terms in the top 100 (and 200, and at rank |gold terms|:
R-precision) term candidates, how many gold terms are extracted at all, the
share of the top 100 that are gold terms, the recall of the gold terms in the top
100 of each document extracted alone (``term_recall_top100_per_document``), and
the codes found. The gold set is
tests/data/gold/corpus_gold.tsv plus the second, independent reading of the
corpus for terms (corpus_gold_terms2.tsv); the term measures are also given on
the first file alone (``*_first_pass``). By default
the starter termbase is used, as ``avet extract`` does; ``--no-starter`` measures
detection and transliteration alone. ``evaluate()`` is imported by the
functional test.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from glossary.normalize import match_key  # noqa: E402
from toolkit.extract.pipeline import Extracted, _term_key_of  # noqa: E402

DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpus" / "ar"
DEFAULT_GOLD = ROOT / "tests" / "data" / "gold" / "corpus_gold.tsv"
#: The second, independent reading of the corpus for policy terms (terms only).
SECOND_PASS = ROOT / "tests" / "data" / "gold" / "corpus_gold_terms2.tsv"
DEFAULT_GOLDS = (DEFAULT_GOLD, SECOND_PASS)
#: The term measures also reported on the first gold pass alone, for comparison
#: with the numbers measured before the second pass existed.
TERM_MEASURES = ("term_recall_top100", "term_r_precision", "term_recall_top200",
                 "term_recall_anywhere")
TOP_TERMS = 100


@dataclass
class GoldRow:
    """One row of the gold set."""

    type: str
    ar: str
    variants_ar: list[str]
    vi: str
    en: str
    kind: str
    ambiguous: bool
    note: str = ""

    @property
    def forms(self) -> list[str]:
        return [self.ar, *self.variants_ar]


@dataclass
class Report:
    """The measured numbers (fractions in 0..1) and the misses, for printing."""

    numbers: dict[str, float] = field(default_factory=dict)
    counts: dict[str, str] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)


def load_gold(*paths: Path) -> list[GoldRow]:
    """Reads gold TSVs, in order (header line ``type ar …``; ``#`` lines are comments)."""
    rows = []
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("type\t"):
            continue
        cells = line.split("\t") + [""] * 8
        rows.append(GoldRow(cells[0], cells[1], [v for v in cells[2].split("|") if v],
                            cells[3], cells[4], cells[5], cells[6] == "yes", cells[7]))
    return rows


def _fold(vi: str) -> str:
    text = unicodedata.normalize("NFD", vi.lower()).replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _nfc(vi: str) -> str:
    return unicodedata.normalize("NFC", vi).lower()


def run_extraction(corpus: Path, use_starter: bool = True) -> list[Extracted]:
    """Runs the extractor over ``corpus`` as ``avet extract`` does (no store)."""
    from glossary.starter import load_starter_termbase
    from toolkit.extract.pipeline import Extractor, extract_paths

    known = load_starter_termbase() if use_starter else []
    return extract_paths([corpus], Extractor(known)).candidates


def per_document_recall(corpus: Path, gold: list[GoldRow], use_starter: bool = True) -> float:
    """Recall of the gold terms in the top 100 term candidates of each document
    extracted alone, as a translator who runs ``avet extract`` on one document reads
    them: over the documents, the gold terms found in a document's top 100 over the
    gold terms the document holds (a form occurring in its text, inside a longer term
    too)."""
    terms = [g for g in gold if g.type == "term"]
    held = found = 0
    for doc in sorted(corpus.glob("*.txt")):
        text = match_key(doc.read_text(encoding="utf-8"), "ar")
        present = [g for g in terms if any(match_key(f, "ar") in text for f in g.forms)]
        top = [c for c in run_extraction(doc, use_starter) if c.origin == "term"][:TOP_TERMS]
        keys = {_term_key_of(f) for c in top for f in c.entry.forms["ar"].all_admitted()}
        held += len(present)
        found += sum(any(_term_key_of(f) in keys for f in g.forms) for g in present)
    return found / (held or 1)


def candidates_from_json(rows: list[dict[str, Any]]) -> list[Extracted]:
    """Rebuilds candidates from ``avet extract --json`` lines (in their order)."""
    from glossary.model import Candidate, Entry, Forms

    out = []
    for row in rows:
        entry = Entry(kind=row["kind"], status=row["status"], frequency=row["count"],
                      score=row["score"], dnt=row["dnt"])
        entry.forms["ar"] = Forms(preferred=row["ar"], variants=list(row["variants_ar"]))
        vi = [Candidate(c["text"], c["score"]) for c in row["vi"]]
        entry.forms["vi"] = Forms(preferred=vi[0].text if vi else "", candidates=vi)
        entry.forms["en"] = Forms(preferred=row["en"])
        out.append(Extracted(entry, row["origin"]))
    return out


def evaluate(candidates: list[Extracted], gold: list[GoldRow]) -> Report:
    """Scores extraction output against the gold set."""
    report = Report()
    names = [c for c in candidates if c.origin == "name"]
    gold_names = [g for g in gold if g.type == "name"]
    gold_keys = {match_key(f, "ar"): g for g in gold_names for f in g.forms}
    # Brand names in Arabic letters are gold `code` rows (their target is the Latin
    # brand); a name entry for one is a correct detection, not a gold name.
    brand_keys = {match_key(f, "ar") for g in gold if g.type == "code"
                  for f in g.forms if not f.isascii()}

    def forms(c: Extracted) -> list[str]:
        return c.entry.forms["ar"].all_admitted()

    correct = [c for c in names
               if any(match_key(f, "ar") in gold_keys or match_key(f, "ar") in brand_keys
                      for f in forms(c))]
    wrong = [c for c in names if c not in correct]
    found: dict[str, Extracted] = {}
    for c in correct:
        for f in forms(c):
            g = gold_keys.get(match_key(f, "ar"))
            if g is not None:
                found.setdefault(g.ar, c)
    n = report.numbers
    n["name_precision"] = len(correct) / len(names) if names else 0.0
    n["name_recall"] = len(found) / len(gold_names) if gold_names else 0.0
    report.counts["names"] = f"{len(found)}/{len(gold_names)} gold found, " \
                             f"{len(correct)}/{len(names)} predicted correct"
    report.misses["names not found"] = [g.ar for g in gold_names if g.ar not in found]
    report.misses["names not in gold"] = [c.entry.term("ar") for c in wrong]

    n["name_kind_accuracy"] = sum(found[g.ar].entry.kind == g.kind for g in gold_names
                                  if g.ar in found) / (len(found) or 1)
    top1 = top1_fold = top5 = top5_fold = top1_clear = clear = 0
    wrong_vi = []
    for g in gold_names:
        cands = [x.text for x in found[g.ar].entry.forms["vi"].candidates] if g.ar in found else []
        clear += not g.ambiguous
        if cands and _nfc(cands[0]) == _nfc(g.vi):
            top1 += 1
            top1_clear += not g.ambiguous
        elif g.ar in found:
            wrong_vi.append(f"{g.ar}: {cands[0] if cands else '-'} (gold {g.vi})")
        top1_fold += bool(cands) and _fold(cands[0]) == _fold(g.vi)
        top5 += any(_nfc(c) == _nfc(g.vi) for c in cands[:5])
        top5_fold += any(_fold(c) == _fold(g.vi) for c in cands[:5])
    total = len(gold_names) or 1
    n["vi_top1_exact"] = top1 / total
    n["vi_top1_fold"] = top1_fold / total
    n["vi_top5_exact"] = top5 / total
    n["vi_top5_fold"] = top5_fold / total
    n["vi_top1_exact_unambiguous"] = top1_clear / (clear or 1)
    report.counts["unambiguous names"] = str(clear)
    report.misses["wrong top-1 Vietnamese"] = wrong_vi

    all_terms = [c for c in candidates if c.origin == "term"]
    gold_terms = [g for g in gold if g.type == "term"]
    # R-precision: recall at rank |gold terms|; "anywhere": in the whole candidate list.
    ranks = [("term_recall_top100", TOP_TERMS), ("term_r_precision", len(gold_terms)),
             ("term_recall_top200", 2 * TOP_TERMS), ("term_recall_anywhere", len(all_terms))]
    for name, top in ranks:
        term_keys: dict[tuple[str, ...], Extracted] = {}
        for c in all_terms[:top]:
            for f in forms(c):
                term_keys.setdefault(_term_key_of(f), c)
        hit = {g.ar: next((term_keys[_term_key_of(f)] for f in g.forms
                           if _term_key_of(f) in term_keys), None) for g in gold_terms}
        got = [g for g in gold_terms if hit[g.ar] is not None]
        n[name] = len(got) / len(gold_terms) if gold_terms else 0.0
        if name == "term_recall_anywhere":
            most = min(TOP_TERMS, len(gold_terms)) / (len(gold_terms) or 1)
            report.counts["gold terms"] = (
                f"{len(gold_terms)} (recall@100 >= 90% needs {math.ceil(0.9 * len(gold_terms))}"
                f" in the top 100, which can hold {most:.1%} of them at most; {len(got)} are "
                f"among all {len(all_terms)} term candidates)")
            report.misses["terms never extracted"] = [g.ar for g in gold_terms
                                                      if hit[g.ar] is None]
        if name == "term_recall_top100":
            gold_term_keys = {_term_key_of(f) for g in gold_terms for f in g.forms}
            is_gold = [any(_term_key_of(f) in gold_term_keys for f in forms(c))
                       for c in all_terms[:top]]
            n["term_gold_share_top100"] = sum(is_gold) / (min(top, len(all_terms)) or 1)
            confirmed = sum(1 for c, g in zip(all_terms[:top], is_gold, strict=True)
                            if c.known and not g)
            report.counts["top 100 terms"] = (
                f"{sum(is_gold)} gold, {confirmed} confirmed by an approved entry but not in"
                f" gold, {len(is_gold) - sum(is_gold) - confirmed} other")
            ok = 0
            for g in got:
                entry = hit[g.ar]
                ok += entry is not None and _nfc(entry.entry.term("vi")) == _nfc(g.vi)
            n["term_vi_correct_when_found"] = ok / len(got) if got else 0.0
            report.counts["terms"] = f"{len(got)}/{len(gold_terms)} gold terms in the top {top}"
            report.misses[f"terms not in top {top}"] = [g.ar for g in gold_terms
                                                        if hit[g.ar] is None]
    codes = [c for c in candidates if c.origin == "code"]
    code_forms = {f for c in codes for f in forms(c)}
    code_vi = {c.entry.term("vi") for c in codes}
    gold_codes = [g for g in gold if g.type == "code"]
    latin = [g for g in gold_codes if g.ar.isascii()]
    arabic = [g for g in gold_codes if not g.ar.isascii()]
    n["codes_found"] = sum(g.ar in code_forms for g in latin) / (len(latin) or 1)
    n["arabic_brands_found"] = sum(
        g.ar in code_forms and g.vi in code_vi for g in arabic) / (len(arabic) or 1)
    report.counts["codes"] = f"{sum(g.ar in code_forms for g in latin)}/{len(latin)} Latin codes"
    report.misses["codes not found"] = [g.ar for g in latin if g.ar not in code_forms]
    gold_code_forms = {f for g in gold_codes for f in [*g.forms, g.vi]}
    report.misses["codes not in gold"] = sorted(code_forms - gold_code_forms)
    return report


def _print(report: Report, title: str) -> None:
    print(f"== {title}")
    for key, value in report.numbers.items():
        print(f"  {key:34s} {value * 100:6.1f}%")
    for key, text in report.counts.items():
        print(f"  {key}: {text}")
    for key, items in report.misses.items():
        if items:
            print(f"  {key}: {', '.join(items)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--gold", type=Path, nargs="+", default=list(DEFAULT_GOLDS),
                        help="gold TSVs (default: both passes; the term measures are "
                             "also given on the first one alone)")
    parser.add_argument("--no-starter", action="store_true",
                        help="only the no-starter run (detection and transliteration alone)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    gold = load_gold(*args.gold)
    first = load_gold(args.gold[0]) if len(args.gold) > 1 else None
    runs = [False] if args.no_starter else [True, False]
    results: dict[str, Any] = {}
    for use_starter in runs:
        title = "with starter termbase" if use_starter else "without starter termbase"
        candidates = run_extraction(args.corpus, use_starter)
        report = evaluate(candidates, gold)
        if first is not None:
            alone = evaluate(candidates, first).numbers
            report.numbers.update({f"{key}_first_pass": alone[key] for key in TERM_MEASURES})
        report.numbers["term_recall_top100_per_document"] = per_document_recall(
            args.corpus, gold, use_starter)
        results[title] = report.numbers
        if not args.json:
            _print(report, title)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
