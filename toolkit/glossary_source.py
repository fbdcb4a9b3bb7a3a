"""Where a command's glossary comes from, and the index built from it.

:func:`load_glossary` is the one function that loads "the glossary" for a
command: from the SQLite store (``--db`` / ``avet.toml``) or from a glossary
file (CSV/TSV/TBX/XLSX/JSON) named by ``--glossary``. :class:`GlossaryIndex`
turns the approved entries into what post-editing, QA and evaluation need for
one direction: a matcher over the source forms and per-entry target forms.

Nothing inside a URL, domain or e-mail address (:func:`toolkit.sourcecodes.url_spans`)
is a term: the index's matches never overlap one, so post-editing, QA and the
translation pipeline's term checks all leave ``ha-noi`` in
``https://hanoi.gov.vn/ha-noi`` alone.

A document code inside a target form (``القرار 749/QD-TTg``) is also found as the
source writes it (``القرار 749/QĐ-TTg``, Đ and D, Arabic-Indic and ASCII digits
alike), as a variant: a code copied from the source is no missing term, as the
verbatim-code rule (:func:`toolkit.nearmiss.same_code`) sees it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.errors import InputError, NotFoundError
from glossary.model import LANGS, Entry, glossary_hash
from toolkit.inflections import InflectedForms, inflections
from toolkit.sourcecodes import ascii_digits, overlaps, source_codes, url_spans

__all__ = [
    "VERBATIM_KINDS",
    "GlossaryIndex",
    "GlossarySource",
    "TermInfo",
    "check_direction",
    "load_glossary",
]

_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Extensions that make ``--glossary`` a SQLite database, whatever the file holds.
_DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")

#: Kinds whose target form is the source form kept character for character.
VERBATIM_KINDS = ("code",)
#: Source languages whose inflected forms ask for a term: Arabic sound plurals and duals
#: (الخدمات العامة asks for الخدمة العامة). An English plural is often a word of its own
#: (news, customs, the United States), so English forms are matched as written only.
_INFLECTED_SOURCES = ("ar",)
#: Entry kinds whose source forms ask for them inflected too. A name is no term in the
#: plural (الحكومات, governments, never names the Government).
_INFLECTED_KINDS = ("term",)


@dataclass(frozen=True)
class GlossarySource:
    """A loaded glossary.

    Attributes:
        entries: The entries with the requested statuses.
        origin: The database or file it came from.
        kind: ``"db"`` or ``"file"``.
        hash: SHA-256 over the meaning of ``entries`` (the store's glossary hash:
            ids, timestamps and contexts do not count), so a database and its
            export hash the same.
    """

    entries: list[Entry]
    origin: str
    kind: str
    hash: str


def check_direction(src: str, tgt: str) -> None:
    """Checks a ``--from``/``--to`` pair.

    Raises:
        InputError: If a language is not supported or both are the same.
    """
    for name, lang in (("--from", src), ("--to", tgt)):
        if lang not in LANGS:
            raise InputError(f"{name} {lang!r} is not a supported language",
                             hint=f"use one of: {', '.join(LANGS)}")
    if src == tgt:
        raise InputError(f"--from and --to are both {src!r}", hint="give two different languages")


def _header(path: Path) -> bytes:
    """The first bytes of ``path`` (as many as the SQLite magic); ``b""`` if unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC))
    except OSError:
        return b""


def _is_sqlite(path: Path) -> bool:
    return path.suffix.lower() in _DB_SUFFIXES or _header(path) == _SQLITE_MAGIC


def load_glossary(
    glossary: str | Path | None,
    db: str | Path,
    *,
    src: str | None = None,
    tgt: str | None = None,
    statuses: Sequence[str] = ("approved",),
) -> GlossarySource:
    """Loads the glossary a command works with.

    Args:
        glossary: ``--glossary``: a SQLite database or a glossary file
            (CSV/TSV/TBX/XLSX/JSON, read by ``glossary.formats.read_glossary``).
            ``None`` uses ``db``.
        db: The configured database (``--db`` or ``avet.toml``), used when
            ``glossary`` is ``None``.
        src: Source language, for two-column files that do not name theirs.
        tgt: Target language, likewise.
        statuses: Which entries to keep (files without a status column are
            imported as approved).

    Returns:
        The entries, where they came from and their hash.

    Raises:
        NotFoundError: If the database or file does not exist (the database is
            never created here).
        InputError: If it is a folder, or a ``--glossary`` file named as a
            database is none.
        DatabaseFileError: If the database cannot be read (it is read without
            writing to it, so it may lie on a read-only file system).
        FormatError: If the glossary file cannot be read.
    """
    path = Path(glossary) if glossary is not None else Path(db)
    if path.is_dir():
        raise InputError("is a folder, not a glossary file", path=path,
                         hint="pass --glossary FILE (database or CSV/TSV/TBX/XLSX/JSON)"
                         if glossary is not None else "pass --db FILE (a glossary database)")
    if not path.is_file():
        if glossary is None:
            raise NotFoundError(
                "no glossary database", path=path,
                hint="pass --glossary FILE (database or CSV/TSV/TBX/XLSX/JSON) or --db, "
                     "or create the database with 'avet glossary import'")
        raise NotFoundError("no such glossary file", path=path, hint="check the --glossary path")
    if _is_sqlite(path):
        from glossary.store import Store

        header = _header(path)
        if glossary is not None and header and header != _SQLITE_MAGIC:
            raise InputError(
                "is not a SQLite database", path=path,
                hint="--glossary takes an avet glossary database, or a glossary file "
                     "named by its format: .csv, .tsv, .tbx, .xlsx or .json")
        # One snapshot: the hash describes exactly the entries read, even when
        # another process writes meanwhile. Opened read-only: nothing is written.
        with Store(path, actor="read", read_only=True) as store, store.snapshot():
            entries = [e for status in statuses for e in store.entries(status=status)]
            digest = store.glossary_hash(statuses=tuple(statuses))
        return GlossarySource(entries=entries, origin=str(path), kind="db", hash=digest)
    from glossary.formats import read_glossary

    read = read_glossary(path, source_lang=src, target_lang=tgt)
    entries = [e for e in read if e.status in statuses]
    return GlossarySource(entries=entries, origin=str(path), kind="file",
                          hash=glossary_hash(entries))


@dataclass(frozen=True)
class TermInfo:
    """What one glossary entry asks of a translation in one direction.

    Attributes:
        key: Matcher key (the entry's position in the index, as text).
        entry_id: Store id, or the 1-based position for entries read from a file.
        entry: The entry.
        src_term: Preferred source form (or first admitted one).
        expected: Preferred target form; ``""`` for a verbatim entry without one
            (then the source surface is expected).
        verbatim: Code or do-not-translate entry: kept character for character.
        variants: Admitted target variants (to be replaced by ``expected``).
        forbidden: Forbidden target renderings.
        copied: Target forms with their codes written as the source writes them
            (``القرار 749/QĐ-TTg`` for ``القرار 749/QD-TTg``), matched as variants.
    """

    key: str
    entry_id: int
    entry: Entry
    src_term: str
    expected: str
    verbatim: bool
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    copied: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """The entry's kind (``term``, ``person``, ``code``...)."""
        return self.entry.kind

    def known_forms(self) -> list[tuple[str, str]]:
        """Returns ``(form, role)`` for every target form: preferred, variants, forbidden."""
        out = [(self.expected, "preferred")] if self.expected else []
        out += [(v, "variant") for v in (*self.variants, *self.copied)]
        out += [(f, "forbidden") for f in self.forbidden]
        return out


@dataclass
class GlossaryIndex:
    """Approved entries indexed for one direction; built once, used per line.

    Args:
        entries: Glossary entries (only ``approved`` ones are used).
        src: Source language.
        tgt: Target language.

    Raises:
        InputError: If the direction is not supported.
    """

    entries: list[Entry]
    src: str
    tgt: str
    terms: dict[str, TermInfo] = field(init=False)
    _cache: dict[frozenset[str], Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        check_direction(self.src, self.tgt)
        from glossary.matcher import Matcher

        self.terms = {}
        self._cache = {}
        self._codes: dict[str, tuple[str, str] | None] = {}
        self.src_matcher = Matcher(self.src)
        self.tgt_matcher = Matcher(self.tgt)
        self._inflected = InflectedForms(self.src)
        self._forbidden = InflectedForms(self.tgt)  # forbidden renderings, inflected
        for pos, entry in enumerate(self.entries):
            if entry.status != "approved":
                continue
            info = self._term_info(pos, entry)
            if info is None:
                continue
            self.terms[info.key] = info
            sf = entry.forms[self.src]
            sensitive = entry.case_sensitive or info.verbatim
            if info.verbatim:
                for form in sf.all_admitted():
                    # A case-mangled writing (VNEID) of an approved code's source form:
                    # the entry, unless two entries share it.
                    fold = _code_fold(form, fold_d=False)
                    seen = self._codes.get(fold, (info.key, form))
                    self._codes[fold] = (info.key, form) if seen and seen[0] == info.key else None
            try:
                for form in sf.all_admitted():
                    role = "preferred" if form == sf.preferred else "variant"
                    self.src_matcher.add(form, info.key, role=role, case_sensitive=sensitive)
                    if not sensitive and self.src in _INFLECTED_SOURCES and _inflects(entry,
                                                                                       form):
                        # also asked for in the plural (الخدمات العامة)
                        self._inflected.add(form, info.key)
                for form, role in info.known_forms():
                    self.tgt_matcher.add(form, info.key, role=role, case_sensitive=sensitive)
                    if role == "forbidden" and not sensitive:
                        self._forbidden.add(form, info.key, "forbidden")
            except InputError as exc:
                raise InputError(f"glossary entry {info.entry_id} ({info.src_term!r}): "
                                 f"{exc.message}", hint="fix or remove that form") from exc

    def _term_info(self, pos: int, entry: Entry) -> TermInfo | None:
        sf, tf = entry.forms[self.src], entry.forms[self.tgt]
        admitted = sf.all_admitted()
        if not admitted:
            return None
        verbatim = entry.dnt or entry.kind in VERBATIM_KINDS
        if not tf.preferred and not verbatim:
            return None
        key = str(pos)
        variants = tuple(v for v in tf.variants if v and v != tf.preferred)
        known = {tf.preferred, *variants, *tf.forbidden}
        copied = [alt for alt in _source_code_writings([tf.preferred, *variants], admitted,
                                                       self.src, self.tgt) if alt not in known]
        return TermInfo(
            key=key,
            entry_id=entry.id if entry.id is not None else pos + 1,
            entry=entry,
            src_term=sf.preferred or admitted[0],
            expected=tf.preferred,
            verbatim=verbatim,
            variants=variants,
            forbidden=tuple(f for f in tf.forbidden if f),
            copied=tuple(dict.fromkeys(copied)),
        )

    def check_direction(self, src: str | None, tgt: str | None, task: str) -> None:
        """Refuses a direction other than the index's.

        Args:
            src: Source language the caller works in; ``None``: not checked.
            tgt: Target language; ``None``: not checked.
            task: What the caller does with the index (``post-edit``, ``evaluate``),
                named in the hint.

        Raises:
            InputError: If ``src`` or ``tgt`` differs from the index's.
        """
        if (src is not None and src != self.src) or (tgt is not None and tgt != self.tgt):
            raise InputError(
                f"the glossary index is for {self.src}->{self.tgt}, not "
                f"{src or self.src}->{tgt or self.tgt}",
                hint=f"build a GlossaryIndex for the direction you {task}")

    def code_entry(self, code: str) -> tuple[str, str] | None:
        """Finds the approved code or do-not-translate entry whose source form ``code``
        writes with another case (``VNEID`` for ``VNeID``).

        The glossary is the authority on how an approved code is written, over a
        source that mangled it.

        Args:
            code: A code as the source writes it.

        Returns:
            ``(key, approved source form)``, or ``None`` if no entry (or more than
            one) has such a form.
        """
        return self._codes.get(_code_fold(code, fold_d=False))

    def find_source(self, text: str) -> list[Any]:
        """Returns the matches of source forms in ``text`` (none inside a URL), in text order.

        In an Arabic source a term's form of two or more words written in another
        number (``الخدمات العامة`` for ``الخدمة العامة``,
        :func:`glossary.model.is_inflection`) is found too, where no form as
        written is: as a ``variant`` match (never a single word's plural,
        ``القرارات``, nor a name's, ``الحكومات``); not a plural
        with a meaning of its own (``البيانات``, data, for ``البيان``:
        :func:`toolkit.inflections.lexicalised_plurals`). English forms are
        found as written only (``news`` does not ask for ``new``).

        Args:
            text: A source line.

        Returns:
            :class:`glossary.Match` objects of approved entries, in text order.
        """
        links = url_spans(text)
        found = _outside_urls(text, [m for m in self.src_matcher.find(text)
                                     if m.key in self.terms], links)
        more = self._inflected.find(text, [(min(m.prefix_start, m.start), m.end) for m in found],
                                    links=links)
        if not more:
            return found
        return sorted([*found, *more], key=lambda m: m.prefix_start)

    def rendered(self, text: str, key: str, *,
                 links: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """Returns where ``text`` renders entry ``key`` correctly (none inside a URL).

        A rendering is the preferred target form, or the form put in another
        number (:func:`glossary.model.is_inflection`: ``public services`` for
        ``public service``), listed as a variant or not: the rule post-editing,
        QA and the translation pipeline share.

        Args:
            text: A target line.
            key: The entry's key.
            links: ``url_spans(text)``, if the caller has them.

        Returns:
            ``(start, end)`` of each rendering (an Arabic proclitic included), in
            text order.
        """
        from glossary.model import is_inflection

        info = self.terms[key]
        links = url_spans(text) if links is None else links
        spans = {(min(m.prefix_start, m.start), m.end)
                 for m in self.find_target(text, [key], links=links)
                 if m.role == "preferred" or (m.role == "variant" and is_inflection(
                     m.form, info.expected, self.tgt))}
        spans.update(inflections(text, info.expected, self.tgt, links=links))
        return sorted(spans)

    def find_target(self, text: str, keys: Iterable[str] | None = None, *,
                    links: Sequence[tuple[int, int]] | None = None) -> list[Any]:
        """Returns matches of target forms in ``text`` (none inside a URL).

        Args:
            text: A target line.
            keys: Restrict to these entries; a matcher over only their forms is
                used (and cached), so a longer form of an unrelated entry
                cannot hide them.
            links: ``url_spans(text)``, if the caller has them (else found
                here): a caller asking several times of one line scans it once.

        Returns:
            :class:`glossary.Match` objects, forbidden renderings included
            (``role="forbidden"``), in text order.
        """
        if keys is None:
            return self._with_forbidden(text, self.tgt_matcher.find(text), links, None)
        wanted = frozenset(keys)
        if not wanted:
            return []
        matcher = self._cache.get(wanted)
        if matcher is None:
            from glossary.matcher import Matcher

            matcher = Matcher(self.tgt)
            for key in sorted(wanted):
                info = self.terms[key]
                for form, role in info.known_forms():
                    matcher.add(form, key, role=role,
                                case_sensitive=info.entry.case_sensitive or info.verbatim)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[wanted] = matcher
        return self._with_forbidden(text, matcher.find(text), links, wanted)

    def _with_forbidden(self, text: str, matches: list[Any],
                        links: Sequence[tuple[int, int]] | None,
                        keys: frozenset[str] | None) -> list[Any]:
        """``matches`` outside URLs, with the forbidden renderings written in another
        number (``digital conversions``) where no form as written is."""
        if not self._forbidden:
            return _outside_urls(text, matches, links)
        links = url_spans(text) if links is None else links
        found = _outside_urls(text, matches, links)
        more = self._forbidden.find(text, [(min(m.prefix_start, m.start), m.end) for m in found],
                                    links=links, keys=keys)
        return sorted([*found, *more], key=lambda m: m.prefix_start) if more else found


def _inflects(entry: Entry, form: str) -> bool:
    """Whether a source ``form`` of ``entry`` asks for the entry in another number too.

    Only a term's form of two or more words does (الخدمات العامة for الخدمة العامة):
    a single word in the plural is often another word (القرارات, decisions, for
    القرار, resolution) and a name's plural names no one (الحكومات, governments).
    """
    return entry.kind in _INFLECTED_KINDS and len(form.split()) >= 2


def _outside_urls(text: str, matches: list[Any],
                  links: Sequence[tuple[int, int]] | None = None) -> list[Any]:
    """The ``matches`` that overlap no URL, domain or e-mail address of ``text``
    (``links``: their spans, if known)."""
    if not matches:
        return []
    spans = url_spans(text) if links is None else links
    if not spans:
        return list(matches)
    return [m for m in matches if not overlaps(spans, min(m.prefix_start, m.start), m.end)]


def _code_fold(code: str, *, fold_d: bool) -> str:
    """A code without case and digit-script differences (VNEID: VNeID, ١٢: 12) and,
    with ``fold_d``, without Đ/D ones either (749/qd-ttg: 749/QĐ-TTg)."""
    if fold_d:
        code = code.replace("Đ", "D").replace("đ", "d")
    return ascii_digits(code).casefold()


def _source_code_writings(forms: Sequence[str], sources: Sequence[str], src: str,
                          tgt: str) -> list[str]:
    """The target ``forms`` with their codes written as a source form writes them.

    ``القرار 749/QD-TTg`` becomes ``القرار 749/QĐ-TTg`` for the source form
    ``Quyết định 749/QĐ-TTg``: same code under :func:`_code_fold`, other letters.
    """
    written = {_code_fold(c.text, fold_d=True): c.text for form in sources
               if any(ch.isdigit() for ch in form)  # every document code has a number
               for c in source_codes(form, src) if c.kind == "code"}
    if not written:
        return []
    out = []
    for form in forms:
        alt = form
        for c in source_codes(form, tgt):
            other = written.get(_code_fold(c.text, fold_d=True))
            # As the source writes it, Đ kept (code_form would write D in en/ar).
            copy = ascii_digits(other) if other is not None and tgt != "ar" else other
            if c.kind == "code" and copy is not None and copy != c.text:
                alt = alt.replace(c.text, copy)
        if alt != form:
            out.append(alt)
    return out
