"""avet's workflows: segmentation, extraction, transliteration, translation,
post-editing, QA, batch jobs, evaluation, and the ``avet`` CLI.

Importing this package loads neither torch nor textual.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
