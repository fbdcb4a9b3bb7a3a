"""Terminology extraction from Arabic documents (``avet extract``).

Reads documents one at a time and finds transliterated Vietnamese names (with
ranked Vietnamese readings), multiword terms ranked by C-value and keyness, and
Latin-script codes and acronyms; spelling variants are folded into one entry.

Example::

    from toolkit.extract import Extractor, extract_paths
    result = extract_paths(["docs/"], Extractor())
    for found in result.candidates:
        print(found.origin, found.entry.term("ar"), found.entry.term("vi"))
"""

from toolkit.extract.cluster import Cluster, canonical_form, spelled_acronym_readings
from toolkit.extract.codes import CodeMatch, ascii_digits, find_codes, url_spans
from toolkit.extract.contexts import MAX_CONTEXTS, make_context, snippet
from toolkit.extract.names import NameDetector, NameSpan
from toolkit.extract.pipeline import (
    DEFAULT_MAX_TERMS,
    Extracted,
    Extractor,
    ExtractResult,
    adopt_known,
    compose_translation,
    extract_paths,
)
from toolkit.extract.reader import Document, iter_document_paths, passed_over, read_document
from toolkit.extract.storing import store_candidates
from toolkit.extract.terms import TermCandidate, TermCounter, cvalues, keyness
from toolkit.extract.tokenize import Token, fold_ar, split_clitic, strip_article, tokenize

__all__ = [
    "DEFAULT_MAX_TERMS",
    "MAX_CONTEXTS",
    "Cluster",
    "CodeMatch",
    "Document",
    "ExtractResult",
    "Extracted",
    "Extractor",
    "NameDetector",
    "NameSpan",
    "TermCandidate",
    "TermCounter",
    "Token",
    "adopt_known",
    "ascii_digits",
    "canonical_form",
    "compose_translation",
    "cvalues",
    "extract_paths",
    "find_codes",
    "fold_ar",
    "iter_document_paths",
    "keyness",
    "make_context",
    "passed_over",
    "read_document",
    "snippet",
    "spelled_acronym_readings",
    "split_clitic",
    "store_candidates",
    "strip_article",
    "tokenize",
    "url_spans",
]
