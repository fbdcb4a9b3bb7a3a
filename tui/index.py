"""The review app's core: table rows, the fold-key filter index, sorting, concordance.

Nothing here imports Textual; the app keeps a :class:`RowIndex` and asks it
for the rows to show. Filtering scans precomputed fold keys (Arabic without
diacritics and hamza forms, Vietnamese without tones, English case-folded),
and a query that extends the previous one only rescans the previous result,
so a keystroke stays well under 100 ms with 100k entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress
from typing import Any

from glossary.model import LANGS, Context, Entry
from glossary.normalize import fold_key, normalize

__all__ = [
    "COLUMNS",
    "Column",
    "Folder",
    "KwicLine",
    "Query",
    "Row",
    "RowIndex",
    "best_vi",
    "kwic",
    "make_row",
]


@dataclass(frozen=True, slots=True, eq=False)
class Row:
    """What the table shows of one entry, with its fold keys for filtering.

    Rows compare by identity, so finding one in a 100k list stays in C.
    """

    id: int
    ar: str
    variants: int
    vi: str
    vi_is_candidate: bool
    en: str
    kind: str
    frequency: int
    score: float
    status: str
    fold: str


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: key, title, width in cells (0: the rest) and sort key."""

    key: str
    title: str
    width: int
    sort_key: Callable[[Row], Any]
    descending: bool = False
    numeric: bool = False


#: The table's columns, left to right.
COLUMNS: tuple[Column, ...] = (
    Column("id", "#", 6, lambda r: r.id, numeric=True),
    Column("ar", "Arabic", 24, lambda r: r.ar),
    Column("variants", "Var", 3, lambda r: r.variants, descending=True, numeric=True),
    Column("vi", "Vietnamese", 22, lambda r: r.vi.casefold()),
    Column("en", "English", 18, lambda r: r.en.casefold()),
    Column("kind", "Kind", 7, lambda r: r.kind),
    Column("frequency", "Freq", 5, lambda r: r.frequency, descending=True, numeric=True),
    Column("score", "Score", 6, lambda r: r.score, descending=True, numeric=True),
    Column("status", "Status", 9, lambda r: r.status),
)
_COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
#: Filter results kept per row set and order.
_CACHE_SIZE = 16


def best_vi(entry: Entry) -> tuple[str, bool]:
    """Returns the entry's Vietnamese form to show and whether it is only a candidate."""
    forms = entry.forms["vi"]
    text = forms.best()
    return text, bool(text) and not forms.preferred


class Folder:
    """:func:`~glossary.normalize.fold_key` word by word, remembering each word.

    Names and terms share most of their words, so loading 100k entries folds
    each distinct word once. Folding word by word also drops punctuation at
    the edges of every word, for the text and the query alike.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str], str] = {}

    def __call__(self, text: str, lang: str) -> str:
        words = []
        for word in text.split():
            folded = self._memo.get((word, lang))
            if folded is None:
                folded = self._memo[(word, lang)] = fold_key(word, lang)
            if folded:
                words.append(folded)
        return " ".join(words)


def _fold_all(entry: Entry, fold: Folder) -> str:
    """Fold keys of every admitted form and candidate, one per line, all languages."""
    keys = []
    for lang in LANGS:
        forms = entry.forms[lang]
        for text in [*forms.all_admitted(), *(c.text for c in forms.candidates)]:
            if text:
                keys.append(fold(text, lang))
    return "\n".join(keys)


def make_row(entry: Entry, fold: Folder | None = None) -> Row:
    """Builds the table row of a stored entry.

    Args:
        entry: The entry (with an id).
        fold: A :class:`Folder` shared by the rows of one load, to fold each word once.
    """
    assert entry.id is not None, "only stored entries have rows"
    vi, is_candidate = best_vi(entry)
    return Row(
        id=entry.id,
        ar=entry.forms["ar"].preferred or next(iter(entry.forms["ar"].variants), ""),
        variants=sum(len(entry.forms[lang].variants) for lang in LANGS),
        vi=vi,
        vi_is_candidate=is_candidate,
        en=entry.forms["en"].preferred,
        kind=entry.kind,
        frequency=entry.frequency,
        score=entry.score,
        status=entry.status,
        fold=_fold_all(entry, fold or Folder()),
    )


@dataclass(frozen=True, slots=True)
class Query:
    """A filter: status and kind (``None``: any) and the text's fold keys.

    ``keys`` holds the text folded by each language's rules (Arabic, Vietnamese,
    English), without repeats; a row matches if any key occurs in its folded forms.
    """

    status: str | None = None
    kind: str | None = None
    keys: tuple[str, ...] = ()

    @classmethod
    def build(cls, text: str = "", status: str | None = None, kind: str | None = None) -> Query:
        """Folds ``text`` once per language."""
        fold = Folder()
        keys = dict.fromkeys(fold(text, lang) for lang in LANGS)
        return cls(status, kind, tuple(k for k in keys if k))

    def narrows(self, previous: Query) -> bool:
        """Whether every row matching ``self`` also matches ``previous``."""
        if (self.status, self.kind) != (previous.status, previous.kind):
            return False
        if not previous.keys:
            return True
        return bool(self.keys) and all(any(old in new for old in previous.keys)
                                       for new in self.keys)

    def matches(self, row: Row) -> bool:
        """Whether ``row`` passes this filter."""
        if self.status is not None and row.status != self.status:
            return False
        if self.kind is not None and row.kind != self.kind:
            return False
        return not self.keys or any(key in row.fold for key in self.keys)


def _scan(rows: list[Row], folds: list[str], query: Query) -> tuple[list[Row], list[str]]:
    """The rows that ``query`` keeps and their fold strings (``folds[i]`` is ``rows[i].fold``).

    The text test runs over the plain list of strings, one comprehension per
    case, and :func:`itertools.compress` picks the rows: no attribute lookup
    per row, which keeps a keystroke fast with 100k entries.
    """
    keys = query.keys
    if keys:
        if len(keys) == 1:
            key = keys[0]
            mask = [key in f for f in folds]
        elif len(keys) == 2:
            a, b = keys
            mask = [a in f or b in f for f in folds]
        else:
            mask = [any(k in f for k in keys) for f in folds]
        rows, folds = list(compress(rows, mask)), list(compress(folds, mask))
    for attr, wanted in (("status", query.status), ("kind", query.kind)):
        if wanted is not None:
            mask = [getattr(r, attr) == wanted for r in rows]
            rows, folds = list(compress(rows, mask)), list(compress(folds, mask))
    return rows, folds


class RowIndex:
    """All rows in the current sort order, and the filtered view of them.

    Args:
        rows: The rows, in any order.
        sort: Column key to sort by.
        reverse: Invert the column's natural direction.
    """

    def __init__(self, rows: Iterable[Row] = (), sort: str = "frequency",
                 reverse: bool = False) -> None:
        self._by_id: dict[int, Row] = {r.id: r for r in rows}
        self.sort_column = _COLUMN_BY_KEY[sort]
        self.reverse = reverse
        self._sorted: list[Row] = []
        self._folds: list[str] = []
        self._to_review = 0
        self.query = Query()
        self.view: list[Row] = []
        self._view_folds: list[str] = []
        # Recent filter results for the current rows and order: backspace is instant.
        self._cache: dict[Query, tuple[list[Row], list[str]]] = {}
        self._resort()

    # -- content -----------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, entry_id: int) -> Row | None:
        """Returns the row of ``entry_id`` (shown or filtered out), or ``None``."""
        return self._by_id.get(entry_id)

    def to_review(self) -> int:
        """Entries with status candidate, over all rows."""
        return self._to_review

    def replace_all(self, rows: Iterable[Row]) -> None:
        """Replaces every row (a reload), keeping sort and filter."""
        self._by_id = {r.id: r for r in rows}
        self._resort()

    def apply(self, changed: Iterable[Row], removed: Iterable[int] = ()) -> None:
        """Updates, adds and removes rows, keeping sort and filter."""
        for entry_id in removed:
            self._by_id.pop(entry_id, None)
        for row in changed:
            self._by_id[row.id] = row
        self._resort()

    # -- order and filter ---------------------------------------------------

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sorts by column ``key``; the same column again flips the direction.

        Raises:
            KeyError: For an unknown column.
        """
        column = _COLUMN_BY_KEY[key]
        if reverse is None:
            reverse = (not self.reverse) if column is self.sort_column else False
        self.sort_column, self.reverse = column, reverse
        self._resort()

    def _resort(self) -> None:
        column = self.sort_column
        descending = column.descending != self.reverse
        # Ties keep id order in both directions.
        ordered = sorted(self._by_id.values(), key=lambda r: r.id)
        self._sorted = sorted(ordered, key=column.sort_key, reverse=descending)
        self._folds = [r.fold for r in self._sorted]
        self._cache.clear()
        self._to_review = sum(1 for r in self._sorted if r.status == "candidate")
        self.view, self._view_folds = _scan(self._sorted, self._folds, self.query)

    def filter(self, query: Query) -> list[Row]:
        """Sets the filter and returns the rows it keeps, in sort order."""
        cached = self._cache.get(query)
        if cached is None:
            if query.narrows(self.query):
                rows, folds = self.view, self._view_folds
            else:
                rows, folds = self._sorted, self._folds
            cached = _scan(rows, folds, query)
            if len(self._cache) >= _CACHE_SIZE:
                del self._cache[next(iter(self._cache))]
            self._cache[query] = cached
        self.query = query
        self.view, self._view_folds = cached
        return self.view

    def find(self, entry_id: int | None) -> int | None:
        """Position of the entry in the view, or ``None`` if it is not shown."""
        row = self._by_id.get(entry_id) if entry_id is not None else None
        if row is None:
            return None
        try:
            return self.view.index(row)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One concordance line: left context, the term as found, right context."""

    doc: str
    left: str
    term: str
    right: str
    form: str


def _find(snippet: str, form: str, lang: str) -> tuple[int, int] | None:
    if not form:
        return None
    start = snippet.find(form)
    if start >= 0:
        return start, start + len(form)
    options: dict[str, Any] = {"fold": True} if lang == "vi" else {}
    hay = normalize(snippet, lang, **options)
    needle = normalize(form, lang, **options).text.strip()
    found = hay.text.find(needle) if needle else -1
    if found < 0:
        return None
    return hay.span_to_original(found, found + len(needle))


def kwic(entry: Entry, width: int = 60) -> list[KwicLine]:
    """Keyword-in-context lines from the entry's contexts.

    The term is located by the context's ``form`` (exactly, else ignoring
    diacritics and hamza forms), falling back to the entry's offsets. Each side
    keeps at most ``width`` characters next to the term.
    """
    lines = []
    ar_forms = entry.forms["ar"].all_admitted()
    for ctx in entry.contexts:
        span = None
        # after لل the form (المدينة) is written with the article's alef fused (للمدينة)
        fused = ctx.form[1:] if ctx.form.startswith("\u0627\u0644") else ""
        for form in [ctx.form, fused, *ar_forms]:
            span = _find(ctx.snippet, form, "ar")
            if span:
                break
        lines.append(_kwic_line(ctx, span, width))
    return lines


def _kwic_line(ctx: Context, span: tuple[int, int] | None, width: int) -> KwicLine:
    text = " ".join(ctx.snippet.split("\n"))
    if span is None:
        return KwicLine(ctx.doc, text[:width], "", "", ctx.form)
    start, end = span
    left = text[:start][-width:]
    right = text[end:][:width]
    return KwicLine(ctx.doc, left, text[start:end], right, ctx.form or text[start:end])
