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
import logging
import re
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.model import LANGS
from toolkit.config import Config

__all__ = ["EXIT_FINDINGS", "TextFile", "read_aligned", "read_text_file", "register",
           "signature_line"]

#: Exit code of ``check --fail-on`` when findings reach the threshold.
EXIT_FINDINGS = 3

_EOL = re.compile(r"\r\n|\n|\r")
log = logging.getLogger(__name__)
_BOM = "\ufeff"


@dataclass
class TextFile:
    """A text file split into lines, keeping what is needed to write it back byte for byte.

    Attributes:
        path: Where it was read from.
        bom: Whether it started with a UTF-8 byte order mark (kept on output).
        lines: Line contents, without line endings (and without the BOM).
        endings: The line ending of each line (``""`` for a last line without one).
        encoding: How it was decoded (``utf-8``, ``utf-8-sig``, ``utf-16`` or
            ``cp1256``, see :func:`toolkit.extract.reader.read_document`); the
            output is UTF-8 whatever it is, as ``avet translate`` writes it.
        tail: Blank lines after the last line that another file lacks (see
            :func:`read_aligned`), with their endings, written back after them.
    """

    path: Path
    bom: bool
    lines: list[str]
    endings: list[str]
    encoding: str = "utf-8"
    tail: str = ""

    def render(self, lines: list[str] | None = None) -> str:
        """Returns the file text with ``lines`` (default: its own) and the original endings."""
        body = "".join(f"{line}{end}" for line, end in
                       zip(self.lines if lines is None else lines, self.endings, strict=True))
        return (_BOM if self.bom else "") + body + self.tail


def read_text_file(path: str | Path) -> TextFile:
    """Reads a text file into lines (``\\n``, ``\\r\\n`` and ``\\r`` end a line).

    The file is read as ``avet translate`` reads its input
    (:func:`toolkit.extract.reader.read_document`): UTF-8 with or without a BOM,
    UTF-16 with a BOM, or else Windows-1256, which a notice on the log names.

    Raises:
        NotFoundError: If the file does not exist.
        InputError: If it is a folder, binary, damaged UTF-8 (naming the line of
            the first bad byte) or in no supported encoding.
    """
    from toolkit.extract.reader import read_document

    path = Path(path)
    document = read_document(path)
    if document.encoding == "cp1256":
        log.warning("%s: decoded as Windows-1256", document.path)
    text = document.text
    lines: list[str] = []
    endings: list[str] = []
    pos = 0
    for m in _EOL.finditer(text):
        lines.append(text[pos:m.start()])
        endings.append(m.group())
        pos = m.end()
    if pos < len(text):
        lines.append(text[pos:])
        endings.append("")
    return TextFile(path, document.encoding == "utf-8-sig", lines, endings, document.encoding)


def _content_lines(file: TextFile) -> int:
    """The number of lines up to the last one that is not blank."""
    n = len(file.lines)
    while n and not file.lines[n - 1].strip():
        n -= 1
    return n


def _cut(file: TextFile, n: int) -> TextFile:
    """``file`` with its lines past the ``n``-th (blank ones) moved into its tail."""
    tail = "".join(f"{line}{end}" for line, end in zip(file.lines[n:], file.endings[n:],
                                                          strict=True))
    return TextFile(file.path, file.bom, file.lines[:n], file.endings[:n], file.encoding,
                    tail + file.tail)


def read_aligned(*paths: str | Path) -> list[TextFile]:
    """Reads files that must have the same number of lines.

    Blank lines at the end of a file do not count: when the files differ only
    by them, each is cut to the shortest one's line count and keeps the blank
    lines past it in :attr:`TextFile.tail` (its :meth:`~TextFile.render` gives
    them back).

    Raises:
        InputError: If the line counts differ otherwise, naming the first line of
            the longer file that has no counterpart and both counts.
    """
    from toolkit.cli.output import count

    files = [read_text_file(p) for p in paths]
    short = min(files, key=lambda f: len(f.lines))
    long = max(files, key=_content_lines)
    if _content_lines(long) > len(short.lines):
        one, two = sorted((short, long), key=files.index)
        raise InputError(
            f"line {len(short.lines) + 1} has no counterpart: {one.path} has "
            f"{count(len(one.lines), 'line')} but {two.path} has "
            f"{count(len(two.lines), 'line')}", path=long.path, line=len(short.lines) + 1,
            hint="give line-aligned files: line i of one translates line i of the other; "
                 "blank lines at the end do not count")
    shortest = len(short.lines)
    return [_cut(f, shortest) if len(f.lines) > shortest else f for f in files]


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
