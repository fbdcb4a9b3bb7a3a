"""A document made ready for translation, and the name of its translation.

``avet translate`` and ``avet batch translate`` read, check and name documents
through these functions only, so that the same input gets the same answer from
both: the same decoding, the same errors (a sentence too long for a model, a
text not in the ``--from`` language) and the same notices (Windows-1256, nothing
to translate).

Whether a text is in its ``--from`` language is told by its script, as
``avet extract`` tells an Arabic document
(:func:`toolkit.extract.reader.arabic_share`): an Arabic source with less than
:data:`toolkit.extract.reader.MIN_ARABIC_SHARE` of its letters Arabic, or an
English or Vietnamese one with more than :data:`MAX_LATIN_ARABIC_SHARE`, is
refused. English and Vietnamese share the Latin script; an English source
written with many letters only Vietnamese has (ơ ư đ ạ ả ấ…) and almost none
of the commonest English words gets a warning.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import InputError
from glossary.model import LANGS
from toolkit.segment import Segment, segment
from toolkit.translate.pipeline import DocumentResult, SegmentResult, assemble

__all__ = [
    "MAX_LATIN_ARABIC_SHARE",
    "MAX_SEGMENT_CHARS",
    "PreparedDocument",
    "all_left_out_error",
    "check_distinct_outputs",
    "folder_documents",
    "folder_walk",
    "language_tag",
    "left_out_notice",
    "other_language_documents",
    "output_name",
    "prepare_document",
]

if TYPE_CHECKING:
    from toolkit.extract.reader import Document

log = logging.getLogger("avet.translate")

#: Longest sentence (characters) sent to an MT engine. A longer one (a 50 MB line
#: without sentence punctuation) fails its document with an error naming the line:
#: cut silently, it would be translated as garbage.
MAX_SEGMENT_CHARS = 4000

_BOM = "\ufeff"

#: Most share of Arabic among the letters of an English or Vietnamese source: a text
#: whose letters are mostly Arabic is an Arabic document given the wrong ``--from``.
MAX_LATIN_ARABIC_SHARE = 0.5
#: Letters only Vietnamese writes: ă đ ơ ư and the vowels of the Latin Extended
#: Additional block (ạ ả ấ ầ ẩ ẫ ậ … ỹ). á à ã â é ê ô… are left out (French,
#: Portuguese). Vietnamese prose has about a quarter of its letters among them; an
#: English text naming Vietnamese people and places a few in a hundred.
_VIETNAMESE_ONLY_RE = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0"
                                 "\u1ea0-\u1ef9]")
#: Least share of Vietnamese-only letters of a text that looks Vietnamese.
_MIN_VIETNAMESE_SHARE = 0.1
#: The commonest English words: over a tenth of the words of English prose, none of
#: Vietnamese prose.
_ENGLISH_WORDS = frozenset({"the", "of", "and", "to", "is", "in"})
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
#: The scripts are judged on the start of a long text.
_SAMPLE_CHARS = 1 << 20
_LANG_NAMES = {"ar": "Arabic", "en": "English", "vi": "Vietnamese"}


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
        """Returns the translated document from its sentences' results.

        Args:
            results: One result per translatable segment, in order.
        """
        return DocumentResult(assemble(self.segments, self.wanted, results), list(results))

    def output_text(self, result: DocumentResult) -> str:
        """Returns the text to write: the translation, with the input's byte order mark.

        Args:
            result: The translated document (:meth:`result`).
        """
        return (_BOM if self.encoding == "utf-8-sig" else "") + result.text


def prepare_document(path: str | Path | Document, src: str, *,
                     quiet: bool = False) -> PreparedDocument:
    """Reads a document to translate and checks that a model can take its sentences.

    A document with nothing to translate (empty, blank or layout only) is no
    error: its translation is itself, and a notice on the log says so.

    Args:
        path: The file (UTF-8, UTF-16 with a BOM, or Windows-1256, noted on the
            log), or a document already read (standard input).
        src: Its language.
        quiet: Give no notice (nothing to translate, Windows-1256): a batch job
            prepares a document done earlier again, for its chunk's engine batches.

    Returns:
        The prepared document.

    Raises:
        NotFoundError: If the file does not exist.
        InputError: If it cannot be read or decoded, is not written in the script
            of ``src`` (see the module docstring), or holds a sentence longer
            than :data:`MAX_SEGMENT_CHARS` characters (naming its line).
    """
    from toolkit.extract.reader import Document, read_document

    document = path if isinstance(path, Document) else read_document(path)
    if document.encoding == "cp1256" and not quiet:
        log.warning("%s: decoded as Windows-1256", document.path)
    _check_script(document.text, src, document.path)
    segments = tuple(segment(document.text, src))
    wanted = tuple(i for i, s in enumerate(segments) if s.translatable)
    for i in wanted:
        if len(segments[i].text) > MAX_SEGMENT_CHARS:
            raise InputError(
                f"a sentence of {len(segments[i].text)} characters is longer than the "
                f"{MAX_SEGMENT_CHARS} an MT model can take", path=document.path,
                line=segments[i].line + 1,
                hint="split the line into sentences (end them with . ! ? or a line break)")
    if not wanted and not quiet:
        what = "blank document" if not document.text.strip() else "no sentence"
        log.warning("%s: nothing to translate (%s); its translation is the document as it is",
                    document.path, what)
    return PreparedDocument(document.path, document.text, document.encoding, segments, wanted)


def _check_script(text: str, src: str, path: str) -> None:
    """Refuses a text whose script does not fit ``src``; warns of Vietnamese given as English.

    Raises:
        InputError: If an Arabic source has too few Arabic letters, or an English
            or Vietnamese one is mostly Arabic.
    """
    from toolkit.extract.reader import MIN_ARABIC_SHARE, arabic_share

    share = arabic_share(text)
    if share is None:  # no letters: nothing to judge by (and nothing to translate)
        return
    name = _LANG_NAMES.get(src, src)
    if src == "ar" and share < MIN_ARABIC_SHARE:
        looks, fix = _latin_language(text)
        raise InputError(f"only {share:.0%} of its letters are Arabic: it looks like {looks}, "
                         f"not Arabic (--from ar)", path=path, hint=fix)
    if src != "ar" and share > MAX_LATIN_ARABIC_SHARE:
        raise InputError(f"{share:.0%} of its letters are Arabic: it looks like Arabic, not "
                         f"{name} (--from {src})", path=path, hint="give --from ar")
    if src == "en" and _looks_vietnamese(text[:_SAMPLE_CHARS]):
        log.warning("%s: it looks like Vietnamese, not English (--from en): many of its "
                    "letters are only Vietnamese (ơ ư đ ạ ả…); give --from vi if it is",
                    path)


def _latin_language(text: str) -> tuple[str, str]:
    """Returns what a text that is not Arabic looks like, and the ``--from`` to give."""
    sample = unicodedata.normalize("NFC", text[:_SAMPLE_CHARS])
    letters = sum(1 for c in sample if c.isalpha())
    if letters and _LATIN_RE.subn("", sample)[1] * 2 < letters:
        return ("neither Arabic nor Latin script",
                "avet translates Arabic, English and Vietnamese: give --from ar, en or vi")
    if _looks_vietnamese(sample):
        return "Vietnamese", "give --from vi"
    return "English or Vietnamese (Latin script)", "give --from en or --from vi"


def _looks_vietnamese(sample: str) -> bool:
    """Whether a Latin-script text is clearly Vietnamese: many Vietnamese-only letters
    and almost none of the commonest English words."""
    sample = unicodedata.normalize("NFC", sample)
    letters = sum(1 for c in sample if c.isalpha())
    if not letters or _VIETNAMESE_ONLY_RE.subn("", sample)[1] < _MIN_VIETNAMESE_SHARE * letters:
        return False
    words = _WORD_RE.findall(sample.lower())
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    return english * 50 < len(words)


def output_name(rel: str | Path, tgt: str) -> Path:
    """Names the translation of ``rel`` in an output folder: ``STEM.TGT.SUFFIX``.

    ``sub/doc.md`` becomes ``sub/doc.en.md`` and a file without a suffix gets
    ``.txt`` (``README`` becomes ``README.en.txt``). A name that ends in the tag
    of another of avet's languages has it replaced: ``news.ar.txt`` becomes
    ``news.en.txt`` and ``h.ar`` becomes ``h.en`` (a tag that is already ``TGT``
    stays, and ``TGT`` is added: ``a.vi.txt`` becomes ``a.vi.vi.txt`` for vi).

    Args:
        rel: The document's path relative to its input folder.
        tgt: The target language.

    Returns:
        The output's path relative to the output folder.
    """
    p = Path(rel)
    tags = {f".{lang}" for lang in LANGS if lang != tgt}
    if p.suffix.lower() in tags:  # h.ar
        return p.parent / f"{p.stem}.{tgt}"
    inner = Path(p.stem)
    if inner.suffix.lower() in tags and inner.stem:  # news.ar.txt
        return p.parent / f"{inner.stem}.{tgt}{p.suffix}"
    return p.parent / f"{p.stem}.{tgt}{p.suffix or '.txt'}"


def language_tag(name: str | Path) -> str | None:
    """The language tag of a file name, as :func:`output_name` reads it: ``x.en.txt``,
    ``x.vi.md`` and ``x.en`` are tagged ``en``, ``vi`` and ``en``; ``x.txt`` is not.

    Args:
        name: A file name or path (only its last part is read).

    Returns:
        One of avet's languages, or ``None``.
    """
    p = Path(name)
    tags = {f".{lang}": lang for lang in LANGS}
    if p.suffix.lower() in tags:  # h.en
        return tags[p.suffix.lower()]
    inner = Path(p.stem)
    if inner.suffix.lower() in tags and inner.stem:  # news.en.txt
        return tags[inner.suffix.lower()]
    return None


def other_language_documents(paths: Iterable[Path], src: str) -> list[tuple[Path, str]]:
    """The documents of a folder's walk whose names carry the tag of another language
    than ``src`` (``a.en.txt`` beside ``a.ar.txt``: the translation of a document,
    not a source): a folder's walk leaves them out.

    Args:
        paths: The documents of the walk.
        src: The source language (``--from``).

    Returns:
        ``(path, tag)`` per document left out, in order.
    """
    return [(path, tag) for path in paths if (tag := language_tag(path)) not in (None, src)]


def _tag_counts(left_out: Sequence[tuple[object, str]]) -> str:
    """``*.en.*: 2, *.vi.*: 1``: how many documents carry each tag."""
    tags: dict[str, int] = {}
    for _path, tag in left_out:
        tags[tag] = tags.get(tag, 0) + 1
    return ", ".join(f"*.{tag}.*: {n}" for tag, n in sorted(tags.items()))


def left_out_notice(folder: str | Path, left_out: Sequence[tuple[object, str]], src: str,
                    hint: str = "name a file to translate it anyway") -> str:
    """The one line that says how many documents of a folder's walk were left out for
    their language tag, and why (see :func:`other_language_documents`).

    Args:
        folder: The input folder.
        left_out: ``(path, tag)`` per document left out (not empty).
        src: The source language.
        hint: What to do to have one read all the same.

    Returns:
        E.g. ``in: 2 documents left out: their names carry the tag of another language
        than --from ar (*.en.*: 2), as translations do; name a file to translate it
        anyway``.
    """
    count = len(left_out)
    return (f"{folder}: {count} document{'s' if count > 1 else ''} left out: "
            f"{'their names carry' if count > 1 else 'its name carries'} the tag of another "
            f"language than --from {src} ({_tag_counts(left_out)}), as translations do; {hint}")


def all_left_out_error(folders: Sequence[str | Path], left_out: Sequence[tuple[object, str]],
                       src: str) -> InputError:
    """The error for folders whose every document was left out for its language tag
    (see :func:`other_language_documents`): nothing is left to translate.

    Args:
        folders: The input folders.
        left_out: ``(path, tag)`` per document left out (not empty).
        src: The source language.

    Returns:
        E.g. ``in: all 2 documents found are named as translations (*.en.*), not
        --from ar sources (check --from: is it --from en?; or give a file by name to
        translate it anyway)``.
    """
    count = len(left_out)
    tags = sorted({tag for _path, tag in left_out})
    which = f"*.{tags[0]}.*" if len(tags) == 1 else _tag_counts(left_out)
    named = (f"all {count} documents found are named as translations ({which}), not "
             f"--from {src} sources" if count > 1 else
             f"the only document found is named as a translation ({which}), not a "
             f"--from {src} source")
    guess = f": is it --from {tags[0]}?" if len(tags) == 1 else ""
    return InputError(named, path=", ".join(str(f) for f in folders),
                      hint=f"check --from{guess}; or give a file by name to translate it "
                           "anyway")


def check_distinct_outputs(pairs: Iterable[tuple[str | Path, str | Path]]) -> None:
    """Refuses two documents whose translations would get one name.

    ``a.txt`` and ``a.ar.txt`` both become ``a.en.txt`` (see :func:`output_name`);
    the second would overwrite the first.

    Args:
        pairs: ``(document, output)`` for every document, in order.

    Raises:
        InputError: Naming the second document, the output and the first document.
    """
    seen: dict[str, str | Path] = {}
    for document, output in pairs:
        first = seen.setdefault(Path(output).as_posix(), document)
        if first != document:
            raise InputError(f"its output {Path(output).as_posix()} is also the output of {first}",
                             path=Path(document),
                             hint="rename one of the two, or translate them into separate folders")


def folder_documents(folder: str | Path, out: str | Path | None, src: str | None = None
                     ) -> list[Path]:
    """Lists the documents of an input folder, leaving out an output folder inside it,
    and the translations beside the sources.

    ``avet translate DIR --out DIR/en`` reads DIR but never what it wrote into
    DIR/en: a second run would translate its own translations. With ``src``, a
    document whose name carries the tag of another language (``a.en.txt`` beside
    ``a.ar.txt``, see :func:`other_language_documents`) is left out too, with one
    warning naming how many.

    Args:
        folder: The input folder (walked as
            :func:`toolkit.extract.reader.iter_document_paths` walks it).
        out: The output folder, or ``None`` (standard output).
        src: The source language (``None``: no document is left out for its name).

    Returns:
        The documents, sorted.

    Raises:
        InputError: If ``out`` is ``folder`` itself (the translations would be
            written among the documents and read by the next run).
    """
    found, left_out = folder_walk(folder, out, src)
    if left_out and src is not None:
        log.warning("warning: %s", left_out_notice(folder, left_out, src))
    return found


def folder_walk(folder: str | Path, out: str | Path | None, src: str | None = None
                ) -> tuple[list[Path], list[tuple[Path, str]]]:
    """:func:`folder_documents` without its warning: the documents, and those left
    out for their language tag.

    Args:
        folder: The input folder.
        out: The output folder, or ``None`` (standard output).
        src: The source language (``None``: no document is left out for its name).

    Returns:
        ``(documents, left_out)``: the documents, sorted, and ``(path, tag)`` per
        document left out (see :func:`other_language_documents`).

    Raises:
        InputError: As :func:`folder_documents`.
    """
    from toolkit.extract.reader import iter_document_paths

    root = Path(folder)
    skip = Path(out).resolve() if out is not None else None
    if skip is not None and skip == root.resolve():
        raise InputError("the output folder is the input folder: the next run would read "
                         "its translations as documents", path=out,
                         hint=f"write into a folder of its own, e.g. {root / 'out'}, which "
                              f"the walk of {folder} leaves out")
    found = [path for path in iter_document_paths([root])
             if skip is None or not path.resolve().is_relative_to(skip)]
    if src is None:
        return found, []
    left_out = other_language_documents(found, src)
    dropped = {path for path, _tag in left_out}
    return [path for path in found if path not in dropped], left_out
