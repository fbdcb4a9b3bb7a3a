"""Line-aligned text files: read them, keep their bytes, write them back.

``avet postedit``, ``avet check``, ``avet eval`` and ``avet batch postedit``
read a source file and its line-aligned translation (line i of one translates
line i of the other) with :func:`read_aligned`, and write the edited text back
with :meth:`TextFile.render`, which keeps the line endings, the BOM and the
blank lines at the end.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import InputError

__all__ = ["TextFile", "read_aligned", "read_text_file"]

_EOL = re.compile(r"\r\n|\n|\r")
_BOM = "\ufeff"
log = logging.getLogger(__name__)


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
        """Returns the file text with other lines and the original endings.

        Args:
            lines: The line contents to write (default: the file's own), one per
                line of the file.

        Returns:
            The text, with the BOM, the endings and the tail of the file.
        """
        body = "".join(f"{line}{end}" for line, end in
                       zip(self.lines if lines is None else lines, self.endings, strict=True))
        return (_BOM if self.bom else "") + body + self.tail


def read_text_file(path: str | Path) -> TextFile:
    """Reads a text file into lines (``\\n``, ``\\r\\n`` and ``\\r`` end a line).

    The file is read as ``avet translate`` reads its input
    (:func:`toolkit.extract.reader.read_document`): UTF-8 with or without a BOM,
    UTF-16 with a BOM, or else Windows-1256, which a notice on the log names.

    Args:
        path: The file to read.

    Returns:
        The file's lines and line endings.

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


def _lines(n: int) -> str:
    """``1 line``, ``2 lines``."""
    return f"{n} line" if n == 1 else f"{n} lines"


def read_aligned(*paths: str | Path) -> list[TextFile]:
    """Reads files that must have the same number of lines.

    Blank lines at the end of a file do not count: when the files differ only
    by them, each is cut to the shortest one's line count and keeps the blank
    lines past it in :attr:`TextFile.tail` (its :meth:`~TextFile.render` gives
    them back).

    Args:
        *paths: The files, e.g. a source and its translation.

    Returns:
        The files, in the order given, with the same number of lines.

    Raises:
        InputError: If the line counts differ otherwise, naming the first line of
            the longer file that has no counterpart and both counts (and what
            :func:`read_text_file` raises).
    """
    files = [read_text_file(p) for p in paths]
    short = min(files, key=lambda f: len(f.lines))
    long = max(files, key=_content_lines)
    if _content_lines(long) > len(short.lines):
        one, two = sorted((short, long), key=files.index)
        raise InputError(
            f"line {len(short.lines) + 1} has no counterpart: {one.path} has "
            f"{_lines(len(one.lines))} but {two.path} has {_lines(len(two.lines))}",
            path=long.path, line=len(short.lines) + 1,
            hint="give line-aligned files: line i of one translates line i of the other; "
                 "blank lines at the end do not count")
    shortest = len(short.lines)
    return [_cut(f, shortest) if len(f.lines) > shortest else f for f in files]
