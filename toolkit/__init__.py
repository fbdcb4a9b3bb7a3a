"""avet's workflows: segmentation, extraction, transliteration, translation,
post-editing, QA, batch jobs, evaluation, and the ``avet`` CLI.

The workflow entry points a script needs are importable from here::

    from models import load_engine
    from toolkit import (TranslateOptions, ar_to_vi, check_lines, load_glossary,
                         GlossaryIndex, postedit_lines, translate_document)

    glossary = load_glossary(None, "avet.db")            # the approved entries
    index = GlossaryIndex(glossary.entries, "ar", "vi")
    engine = load_engine(None, "ar", "vi")
    done = translate_document(text, engine, index, TranslateOptions("ar", "vi"))
    edits = postedit_lines(sources, targets, index)       # fix forbidden terms, variants
    findings = check_lines(sources, targets, index)       # QA, nothing changed

Segmentation and evaluation: ``toolkit.segment.segment`` and
``toolkit.evaluate.evaluate``.

Each name is imported from its subpackage when first used, so ``import toolkit``
stays fast and loads neither torch nor textual (nor the other workflows).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Public name -> the module that defines it. Segmentation and evaluation are
#: ``toolkit.segment.segment`` and ``toolkit.evaluate.evaluate``: a function here
#: cannot share its name with a submodule, so they are not re-exported.
_EXPORTS = {
    # the glossary a workflow uses
    "GlossaryIndex": "toolkit.glossary_source",
    "load_glossary": "toolkit.glossary_source",
    # extraction
    "Extractor": "toolkit.extract",
    "extract_paths": "toolkit.extract",
    "store_candidates": "toolkit.extract",
    # transliteration
    "ar_to_vi": "toolkit.translit",
    "vi_to_ar": "toolkit.translit",
    # translation
    "TranslateOptions": "toolkit.translate",
    "translate_document": "toolkit.translate",
    "translate_segments": "toolkit.translate",
    # post-editing and QA
    "postedit_lines": "toolkit.postedit",
    "check_lines": "toolkit.qa",
    # batch jobs
    "ExtractSpec": "toolkit.batch",
    "PostEditSpec": "toolkit.batch",
    "TranslateSpec": "toolkit.batch",
    "run_batch": "toolkit.batch",
}

__all__ = [
    "ExtractSpec",
    "Extractor",
    "GlossaryIndex",
    "PostEditSpec",
    "TranslateOptions",
    "TranslateSpec",
    "__version__",
    "ar_to_vi",
    "check_lines",
    "extract_paths",
    "load_glossary",
    "postedit_lines",
    "run_batch",
    "store_candidates",
    "translate_document",
    "translate_segments",
    "vi_to_ar",
]

if TYPE_CHECKING:
    from toolkit.batch import ExtractSpec, PostEditSpec, TranslateSpec, run_batch
    from toolkit.extract import Extractor, extract_paths, store_candidates
    from toolkit.glossary_source import GlossaryIndex, load_glossary
    from toolkit.postedit import postedit_lines
    from toolkit.qa import check_lines
    from toolkit.translate import TranslateOptions, translate_document, translate_segments
    from toolkit.translit import ar_to_vi, vi_to_ar


def __getattr__(name: str) -> Any:
    """Imports a public name from its subpackage on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    """Lists the module's names with the lazily imported ones."""
    return sorted({*globals(), *_EXPORTS})
