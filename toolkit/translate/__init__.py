"""Translation with a local MT engine and glossary enforcement.

Example:
    >>> from toolkit.translate import TranslateOptions, translate_document
"""

from toolkit.translate.pipeline import (
    DocumentResult,
    SegmentResult,
    TermOutcome,
    TranslateOptions,
    translate_document,
    translate_segments,
)
from toolkit.translate.report import (
    build_signature,
    signature_string,
    translation_report,
    write_report,
)

__all__ = [
    "DocumentResult",
    "SegmentResult",
    "TermOutcome",
    "TranslateOptions",
    "build_signature",
    "signature_string",
    "translate_document",
    "translate_segments",
    "translation_report",
    "write_report",
]
