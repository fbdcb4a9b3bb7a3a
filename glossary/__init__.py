"""avet's glossary core: term identity.

Entries, normalization, the matcher, the SQLite store and import/export
formats. This package imports no other package of avet's, and importing it
loads neither torch nor textual.
"""

from glossary.checks import (
    SEPARATOR,
    FindByForm,
    approvable,
    check_approval,
    check_approved_rows,
    check_characters,
    check_conflicts,
    check_separator,
    check_terms,
    conflicting_lang,
)
from glossary.errors import (
    AvetError,
    ConflictError,
    FormatError,
    InputError,
    NotFoundError,
    StoreError,
)
from glossary.formats import FORMATS, export_glossary, read_glossary, write_glossary
from glossary.matcher import Match, Matcher
from glossary.model import (
    KINDS,
    LANGS,
    STATUSES,
    Candidate,
    Context,
    Entry,
    Forms,
    glossary_hash,
    is_inflection,
)
from glossary.normalize import Normalized, fold_key, match_key, nfc, normalize
from glossary.starter import load_starter_rows, load_starter_termbase
from glossary.store import Store

__all__ = [
    "FORMATS",
    "KINDS",
    "LANGS",
    "SEPARATOR",
    "STATUSES",
    "AvetError",
    "Candidate",
    "ConflictError",
    "Context",
    "Entry",
    "FindByForm",
    "FormatError",
    "Forms",
    "InputError",
    "Match",
    "Matcher",
    "Normalized",
    "NotFoundError",
    "Store",
    "StoreError",
    "approvable",
    "check_approval",
    "check_approved_rows",
    "check_characters",
    "check_conflicts",
    "check_separator",
    "check_terms",
    "conflicting_lang",
    "export_glossary",
    "fold_key",
    "glossary_hash",
    "is_inflection",
    "load_starter_rows",
    "load_starter_termbase",
    "match_key",
    "nfc",
    "normalize",
    "read_glossary",
    "write_glossary",
]
