"""``avet postedit`` and ``avet check``: enforce or check the glossary on a translation.

Both read a source file and its line-aligned translation (line i of the
target translates line i of the source). ``postedit`` writes the target with
the approved terms enforced and every other byte unchanged (line endings,
BOM, trailing spaces; a Vietnamese target is written in NFC). ``check``
changes nothing and reports findings; it exits 0 even with findings, unless
``--fail-on`` says otherwise (exit 3).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from typing import Any

from glossary.model import LANGS
from toolkit.config import Config
from toolkit.textfiles import TextFile, read_aligned

__all__ = ["EXIT_FINDINGS", "register", "signature_line"]

#: Exit code of ``check --fail-on`` when findings reach the threshold.
EXIT_FINDINGS = 3


def _add_direction(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="src", required=True, choices=LANGS, help="source language")
    p.add_argument("--to", dest="tgt", required=True, choices=LANGS, help="target language")
    p.add_argument("--source", required=True, help="source text file, one segment per line")
    p.add_argument("--target", required=True, help="its line-aligned translation")
    p.add_argument("--glossary", help="glossary database or file (CSV/TSV/TBX/XLSX/JSON); "
                                      "default: the --db database")
    p.add_argument("--json", action="store_true", help="print one JSON object per line")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Adds the ``postedit`` and ``check`` commands."""
    p = sub.add_parser(
        "postedit", parents=[common], help="enforce approved glossary terms on a translation",
        description="Replace forbidden renderings and variants by the preferred target "
                    "term, fix misspelled names and mangled codes, for the approved entries "
                    "found in each source line. All other text stays byte-identical, except that a "
                    "Vietnamese target is written in NFC.")
    _add_direction(p)
    p.add_argument("--out", help="write the edited text here (atomically); default: stdout "
                                  "(with --json the text is written only to --out)")
    p.set_defaults(func=run_postedit)
    c = sub.add_parser(
        "check", parents=[common], help="report terminology issues of a translation",
        description="Terminology QA: missing, forbidden and variant terms, misspelled names, "
                    "codes not kept verbatim, inconsistent renderings across lines. Exits 0 "
                    "even with findings; with --fail-on error it exits 3 when a finding of "
                    "severity error is reported (--fail-on warning: any finding).")
    _add_direction(c)
    c.add_argument("--fail-on", choices=("error", "warning"),
                   help="exit 3 when a finding of this severity (or worse) is reported")
    c.set_defaults(func=run_check)


def _index(args: argparse.Namespace, config: Config, command: str
           ) -> tuple[Any, tuple[TextFile, TextFile], dict[str, Any]]:
    """Reads the files and the glossary; returns the index, the files and the signature.

    The signature is the one ``avet batch postedit`` writes into its report (avet's
    version, the command, the direction and the glossary's origin and hash).
    """
    from toolkit.batch.jobs import PostEditSpec
    from toolkit.glossary_source import GlossaryIndex, check_direction, load_glossary

    check_direction(args.src, args.tgt)
    source, target = read_aligned(args.source, args.target)
    loaded = load_glossary(args.glossary, config.db, src=args.src, tgt=args.tgt)
    signature = PostEditSpec(args.src, args.tgt, tuple(loaded.entries), loaded.hash,
                             loaded.origin, command=command).signature()
    return GlossaryIndex(loaded.entries, args.src, args.tgt), (source, target), signature


def signature_line(signature: Mapping[str, Any]) -> str:
    """Returns a postedit/check signature on one line, e.g.
    ``avet:0.1.0|check|vi-en|glossary:1a2b3c4d5e6f``."""
    ghash = signature["glossary"]["hash"]
    return "|".join([f"avet:{signature['avet']}", signature["command"],
                     f"{signature['src']}-{signature['tgt']}",
                     f"glossary:{ghash[:12] if ghash else 'none'}"])


def run_postedit(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet postedit``."""
    from glossary.fileio import atomic_write_text
    from toolkit.cli.output import count, print_json, print_table, write_line
    from toolkit.postedit import ACTIONS, postedit_lines

    index, (source, target), signature = _index(args, config, "postedit")
    results = postedit_lines(source.lines, target.lines, index)
    text = target.render([r.text for r in results])
    if args.out:
        atomic_write_text(args.out, text)
    actions = Counter(e.action for r in results for e in r.edits)
    missing = [(n, m) for n, r in enumerate(results, start=1) for m in r.missing]
    changed = sum(1 for r, old in zip(results, target.lines, strict=True) if r.text != old)
    if args.json:
        for n, r in enumerate(results, start=1):
            for e in r.edits:
                print_json(e.to_dict(n))
        print_json({"summary": True, "lines": len(results), "lines_changed": changed,
                    "edits": {a: actions.get(a, 0) for a in ACTIONS},
                    "missing": [{"line": n, "entry_id": m.entry_id, "source_term": m.source_term,
                                 "expected": m.expected} for n, m in missing],
                    "out": args.out, "signature": signature})
        return 0
    if not args.out:
        sys.stdout.buffer.write(text.encode("utf-8")) if hasattr(sys.stdout, "buffer") \
            else sys.stdout.write(text)
        sys.stdout.flush()
        err = sys.stderr
        err.write(f"avet postedit: {count(len(results), 'line')}, {changed} changed; "
                  + ", ".join(f"{a} {actions.get(a, 0)}" for a in ACTIONS)
                  + f"; terms still missing {len(missing)}\n")
        for n, m in missing:
            err.write(f"  line {n}: missing {m.expected!r} for {m.source_term!r}\n")
        err.write(f"signature: {signature_line(signature)}\n")
        return 0
    rows: list[list[Any]] = [["lines", len(results)], ["lines changed", changed]]
    rows += [[a, actions.get(a, 0)] for a in ACTIONS]
    rows.append(["terms still missing", len(missing)])
    print_table(["", "count"], rows, title=f"postedit -> {args.out}")
    if missing:
        print_table(["line", "entry", "source term", "expected"],
                    [[n, m.entry_id, m.source_term, m.expected] for n, m in missing],
                    title="terms still missing")
    write_line(f"signature: {signature_line(signature)}")
    return 0


def run_check(args: argparse.Namespace, config: Config) -> int:
    """Runs ``avet check``."""
    from toolkit.cli.output import count, print_json, print_table, write_line
    from toolkit.qa import ISSUES, check_lines, summarize

    index, (source, target), signature = _index(args, config, "check")
    findings = check_lines(source.lines, target.lines, index)
    summary = {**summarize(findings, len(source.lines)), "signature": signature}
    if args.json:
        for f in findings:
            print_json(f.to_dict())
        print_json(summary)
    else:
        if findings:
            print_table(["line", "severity", "issue", "source term", "found", "expected"],
                        [[f.line, f.severity, ISSUES[f.issue][1], f.source_term, f.found,
                          f.expected] for f in findings], title="terminology check")
        write_line(f"{count(summary['lines'], 'line')}: {count(summary['errors'], 'error')}, "
                   f"{count(summary['warnings'], 'warning')}")
        write_line(f"signature: {signature_line(signature)}")
    fail = {"error": ("error",), "warning": ("error", "warning")}.get(args.fail_on or "", ())
    if any(f.severity in fail for f in findings):
        return EXIT_FINDINGS
    return 0
