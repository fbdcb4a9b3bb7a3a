"""Reading documents: UTF-8, UTF-16 with a BOM, or Windows-1256; folders walked in order."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import InputError, NotFoundError

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MIN_ARABIC_SHARE",
    "Document",
    "arabic_share",
    "decode_document",
    "iter_document_paths",
    "passed_over",
    "read_document",
    "skip_notice",
    "unique_documents",
]

#: File name endings read when a folder is given.
DOCUMENT_SUFFIXES = (".txt", ".md")
#: Least share of Arabic among the letters of an Arabic document (an Arabic news text
#: quoting English names and codes has well over half).
MIN_ARABIC_SHARE = 0.2
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Document:
    """A document read into memory: its path (as given), text and the encoding used."""

    path: str
    text: str
    encoding: str


def _scan(folder: Path) -> tuple[list[Path], list[Path]]:
    """Walks ``folder``: the paths named *.txt or *.md, sorted, and the links to a folder
    that holds them (loops), not followed.

    Hidden names are left out: a name starting with ``.`` (.git, .hidden/notes.txt,
    .draft.txt) below ``folder``. Links to folders are followed, as links to files
    are, except a loop: a link to a folder that holds (or is) one of the folders from
    ``folder`` down to the one it lies in, ``folder``'s own parents included, as
    following it would walk them again.
    """
    found: list[Path] = []
    loops: list[Path] = []
    # The real folders from ``folder`` down to the one being walked: a link to one of
    # them, or to a folder holding one (above ``folder`` too), is a loop. os.walk goes
    # depth-first, so this chain is its current path.
    chain: list[tuple[str, str]] = []  # (walked path, real path)
    for top, dirs, files in os.walk(folder, followlinks=True):
        while chain and not _is_below(top, chain[-1][0]):
            chain.pop()
        chain.append((top, os.path.realpath(top)))
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            path = os.path.join(top, name)
            if os.path.islink(path) and _holds_any(os.path.realpath(path), chain):
                loops.append(Path(path))
                continue
            kept.append(name)
            if os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
                found.append(Path(path))  # dir.txt: passed over, see passed_over
        dirs[:] = kept
        found += [Path(top, name) for name in files if not name.startswith(".")
                  and os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES]
    return sorted(found, key=lambda p: p.as_posix()), sorted(loops, key=lambda p: p.as_posix())


def _is_below(path: str, parent: str) -> bool:
    """Whether the walked ``path`` lies in the walked folder ``parent`` (or is it)."""
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def _holds_any(target: str, chain: list[tuple[str, str]]) -> bool:
    """Whether the real folder ``target`` is or holds one of the real paths of ``chain``."""
    return any(_is_below(real, target) for _walked, real in chain)


def _walk(folder: Path) -> list[Path]:
    """The paths under ``folder`` named *.txt or *.md, sorted (see :func:`_scan`)."""
    return _scan(folder)[0]


def unique_documents(paths: Iterable[Path]) -> list[Path]:
    """Keeps one path per file (by :func:`os.path.realpath`): of the paths that lead to
    one file (a link beside it, a folder reached twice through a link), the one through
    the fewest links, the first of those.

    Args:
        paths: File paths, in order.

    Returns:
        The paths kept, in their order.
    """
    given = list(paths)
    groups: dict[str, list[int]] = {}
    for i, path in enumerate(given):
        groups.setdefault(os.path.realpath(path), []).append(i)
    kept = [min(group, key=lambda i: (_links_in(given[i]), i)) if len(group) > 1 else group[0]
            for group in groups.values()]
    return [given[i] for i in sorted(kept)]


def _links_in(path: Path) -> int:
    """How many of ``path`` and the folders it names are links."""
    return sum(1 for p in (path, *path.parents) if p.is_symlink())


def iter_document_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yields the files to read: files as given, folders walked for *.txt and *.md.

    Folders are walked recursively in sorted order, so the order is the same on
    every machine; hidden files and folders (named ``.X``) are left out, and so
    is what is not a regular file (see :func:`passed_over`). Links to files and
    to folders are followed, except a link to a folder that holds it (a loop): a
    file reached by two paths is yielded twice (see :func:`unique_documents`). A
    path that does not exist is yielded as it is: :func:`read_document` reports it.

    Args:
        paths: Files and folders.

    Yields:
        File paths.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from (p for p in _walk(path) if p.is_file())
        else:
            yield path


def _why_not_a_file(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "a broken link"
    if path.is_dir():
        return "a folder, not a document"
    for test, what in ((path.is_fifo, "a FIFO"), (path.is_socket, "a socket"),
                       (path.is_char_device, "a device"), (path.is_block_device, "a device")):
        if test():
            return f"{what}, not a regular file"
    return "not a regular file"


def skip_notice(path: str | Path, why: str) -> str:
    """The warning for a path a walk or a job passes over: ``PATH: WHY, skipped``.

    Args:
        path: The path, as it will be shown.
        why: Why it is passed over (:func:`passed_over`'s reasons, a skipped document's).

    Returns:
        The line, without the ``warning:`` prefix.
    """
    return f"{path}: {why}, skipped"


def passed_over(folder: str | Path) -> list[tuple[Path, str]]:
    """Lists what the walk of a folder (:func:`iter_document_paths`) passes over although
    its name ends in .txt or .md: broken links, folders, FIFOs, sockets, devices; and,
    whatever its name, a link to a folder that holds it (a loop, not followed).

    Args:
        folder: A folder (anything else has nothing passed over).

    Returns:
        ``(path, reason)`` per path, sorted, e.g. ``(Path("docs/old.txt"), "a broken link")``.
    """
    path = Path(folder)
    if not path.is_dir():
        return []
    found, loops = _scan(path)
    listed = [(p, _why_not_a_file(p)) for p in found if not p.is_file()]
    listed += [(p, "a link to a folder that holds it (a loop)") for p in loops]
    return sorted(listed, key=lambda item: item[0].as_posix())


#: Arabic letters: the Arabic, Arabic Supplement and Presentation Forms-A/B blocks.
_ARABIC_LETTERS_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufefc]")
_NOT_LETTER_RE = re.compile(r"[\W\d_]+")


#: arabic_share reads a long text in this many evenly spaced slices of SHARE_SLICE characters.
SHARE_SLICES = 256
SHARE_SLICE = 4096


def arabic_share(text: str) -> float | None:
    """The share of the letters of ``text`` that are Arabic.

    A text longer than :data:`SHARE_SLICES` × :data:`SHARE_SLICE` characters
    (about a million) is judged by that many evenly spaced slices of it, so the
    check stays cheap on a 50 MB document.

    Args:
        text: A document's text.

    Returns:
        0..1, or ``None`` if ``text`` has no letters (nothing to judge by).
    """
    if len(text) > SHARE_SLICES * SHARE_SLICE:
        step = len(text) // SHARE_SLICES
        text = "".join(text[i:i + SHARE_SLICE] for i in range(0, step * SHARE_SLICES, step))
    letters = _NOT_LETTER_RE.sub("", text)
    if not letters:
        return None
    others = _ARABIC_LETTERS_RE.sub("", letters)
    return (len(letters) - len(others)) / len(letters)


def _looks_like_text(text: str) -> bool:
    if any(ch in _CONTROL for ch in text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    latin = sum(1 for ch in letters if ch.isascii())
    return (arabic + latin) / len(letters) > 0.8


def _damaged_utf8(data: bytes, path: str) -> InputError | None:
    """The error for UTF-8 text with a few bad bytes, or ``None`` if it is not that.

    Decoded leniently, UTF-8 text keeps its multi-byte characters and shows a
    few undecodable bytes; Windows-1256 text shows almost only undecodable bytes
    (its Arabic letters are single bytes, and a valid pair such as a letter
    before ``؟`` is rare). More valid multi-byte characters than bad bytes:
    damaged UTF-8, which read as Windows-1256 would be garbled.
    """
    lenient = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in lenient if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in lenient if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
    if multibyte <= bad:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    line = data.count(b"\n", 0, first) + 1
    column = len(data[data.rfind(b"\n", 0, first) + 1:first].decode("utf-8", "replace")) + 1
    return InputError(
        f"not valid UTF-8: byte 0x{data[first]:02X} at column {column} "
        f"({bad} bad byte{'s' if bad > 1 else ''} in a UTF-8 file)", path=path, line=line,
        hint="the file is damaged: fix or retype the character there and save it as UTF-8")


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in data:
            raise InputError("binary file (NUL bytes), not a text document", path=path,
                             hint="give UTF-8, UTF-16 (with BOM) or Windows-1256 text")
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1256"
        damaged = _damaged_utf8(data, path)
        if damaged is not None:
            raise damaged
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {encoding}: {exc.reason}", path=path,
                         hint="save it as UTF-8") from None
    if encoding == "cp1256" and not _looks_like_text(text):
        raise InputError("not text in a supported encoding", path=path,
                         hint="supported: UTF-8, UTF-16 with a BOM, Windows-1256; save it as UTF-8")
    return text, encoding


def decode_document(data: bytes, name: str) -> Document:
    """Decodes a document's bytes as :func:`read_document` does a file's.

    Args:
        data: The bytes (read from standard input, say).
        name: What errors call it (``-`` for standard input).

    Returns:
        The document.

    Raises:
        InputError: If the bytes are binary, damaged UTF-8 or undecodable.
    """
    text, encoding = _decode(data, name)
    return Document(name, text, encoding)


def read_document(path: str | Path) -> Document:
    """Reads one document.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are;
    other bytes are tried as Windows-1256 (``Document.encoding`` says so, and
    :func:`toolkit.extract.extract_paths` reports it as a notice).

    Args:
        path: The file.

    Returns:
        The document; line ends are kept as they are.

    Raises:
        NotFoundError: If the file does not exist.
        InputError: If it is a folder, unreadable, binary, UTF-8 with bad bytes
            (naming the line of the first) or undecodable.
    """
    name = os.fspath(path)
    p = Path(path)
    if p.is_dir():
        raise InputError("is a directory", path=name, hint="give files, or a folder to walk")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise NotFoundError("no such file", path=name, hint="check the path") from None
    except PermissionError:
        raise InputError("permission denied", path=name,
                         hint="make the file readable (chmod +r)") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    return decode_document(data, name)
