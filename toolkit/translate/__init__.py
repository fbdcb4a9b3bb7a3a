"""Translation with a local MT engine and glossary enforcement.

Example:
    >>> from toolkit.translate import TranslateOptions, translate_document
"""

from toolkit.translate.document import (
    MAX_SEGMENT_CHARS,
    PreparedDocument,
    check_distinct_outputs,
    output_name,
    prepare_document,
)
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
    "MAX_SEGMENT_CHARS",
    "DocumentResult",
    "PreparedDocument",
    "SegmentResult",
    "TermOutcome",
    "TranslateOptions",
    "build_signature",
    "check_distinct_outputs",
    "output_name",
    "prepare_document",
    "signature_string",
    "translate_document",
    "translate_segments",
    "translation_report",
    "write_report",
]
