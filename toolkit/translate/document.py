"""A document made ready for translation, and the name of its translation.

``avet translate`` and ``avet batch translate`` read, check and name documents
through these functions only, so that the same input gets the same answer from
both: the same decoding, the same errors (a sentence too long for a model) and
the same notices (Windows-1256, nothing to translate).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import InputError
from toolkit.segment import Segment, segment
from toolkit.translate.pipeline import DocumentResult, SegmentResult, assemble

__all__ = ["MAX_SEGMENT_CHARS", "PreparedDocument", "output_name", "prepare_document"]

if TYPE_CHECKING:
    from toolkit.extract.reader import Document

log = logging.getLogger("avet.translate")

#: Longest sentence (characters) sent to an MT engine. A longer one (a 50 MB line
#: without sentence punctuation) fails its document with an error naming the line:
#: cut silently, it would be translated as garbage.
MAX_SEGMENT_CHARS = 4000

_BOM = "\ufeff"


@dataclass(frozen=True)
class PreparedDocument:
    """A document read, decoded, cut into sentences and checked.

    Attributes:
        path: The path it was read from, as given.
        text: Its text.
        encoding: The encoding it was decoded with (``utf-8-sig``: it starts
            with a byte order mark, and so does its translation).
        segments: Its sentences and layout pieces (:func:`toolkit.segment.segment`).
        wanted: The indexes of the sentences to translate, in order.
    """

    path: str
    text: str
    encoding: str
    segments: tuple[Segment, ...]
    wanted: tuple[int, ...]

    @property
    def sentences(self) -> list[str]:
        """Returns the sentences to translate, in order."""
        return [self.segments[i].text for i in self.wanted]

    def result(self, results: Sequence[SegmentResult]) -> DocumentResult:
        """Returns the translated document from its sentences' results."""
        return DocumentResult(assemble(self.segments, self.wanted, results), list(results))

    def output_text(self, result: DocumentResult) -> str:
        """Returns the text to write: the translation, with the input's byte order mark."""
        return (_BOM if self.encoding == "utf-8-sig" else "") + result.text


def prepare_document(path: str | Path | Document, src: str) -> PreparedDocument:
    """Reads a document to translate and checks that a model can take its sentences.

    A document with nothing to translate (empty, blank or layout only) is no
    error: its translation is itself, and a notice on the log says so.

    Args:
        path: The file (UTF-8, UTF-16 with a BOM, or Windows-1256, noted on the
            log), or a document already read (standard input).
        src: Its language.

    Returns:
        The prepared document.

    Raises:
        NotFoundError: If the file does not exist.
        InputError: If it cannot be read or decoded, or holds a sentence longer
            than :data:`MAX_SEGMENT_CHARS` characters (naming its line).
    """
    from toolkit.extract.reader import Document, read_document

    document = path if isinstance(path, Document) else read_document(path)
    if document.encoding == "cp1256":
        log.warning("%s: decoded as Windows-1256", document.path)
    segments = tuple(segment(document.text, src))
    wanted = tuple(i for i, s in enumerate(segments) if s.translatable)
    for i in wanted:
        if len(segments[i].text) > MAX_SEGMENT_CHARS:
            raise InputError(
                f"a sentence of {len(segments[i].text)} characters is longer than the "
                f"{MAX_SEGMENT_CHARS} an MT model can take", path=document.path,
                line=segments[i].line + 1,
                hint="split the line into sentences (end them with . ! ? or a line break)")
    if not wanted:
        what = "blank document" if not document.text.strip() else "no sentence"
        log.warning("%s: nothing to translate (%s); its translation is the document as it is",
                    document.path, what)
    return PreparedDocument(document.path, document.text, document.encoding, segments, wanted)


def output_name(rel: str | Path, tgt: str) -> Path:
    """Names the translation of ``rel`` in an output folder: ``STEM.TGT.SUFFIX``.

    ``sub/doc.md`` becomes ``sub/doc.en.md`` and a file without a suffix gets
    ``.txt`` (``README`` becomes ``README.en.txt``).

    Args:
        rel: The document's path relative to its input folder.
        tgt: The target language.

    Returns:
        The output's path relative to the output folder.
    """
    p = Path(rel)
    return p.parent / f"{p.stem}.{tgt}{p.suffix or '.txt'}"
