"""Reading documents: UTF-8, UTF-16 with a BOM, or Windows-1256; folders walked in order."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import InputError, NotFoundError

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MIN_ARABIC_SHARE",
    "Document",
    "arabic_share",
    "iter_document_paths",
    "read_document",
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


def iter_document_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yields the files to read: files as given, folders walked for *.txt and *.md.

    Folders are walked recursively in sorted order, so the order is the same on
    every machine. A path that does not exist is yielded as it is:
    :func:`read_document` reports it.

    Args:
        paths: Files and folders.

    Yields:
        File paths.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = [p for p in path.rglob("*")
                     if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()]
            yield from sorted(found, key=lambda p: p.as_posix())
        else:
            yield path


def _is_arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc"


def arabic_share(text: str) -> float | None:
    """The share of the letters of ``text`` that are Arabic.

    Args:
        text: A document's text.

    Returns:
        0..1, or ``None`` if ``text`` has no letters (nothing to judge by).
    """
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            arabic += _is_arabic_letter(ch)
    return arabic / letters if letters else None


def _looks_like_text(text: str) -> bool:
    if any(ch in _CONTROL for ch in text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    latin = sum(1 for ch in letters if ch.isascii())
    return (arabic + latin) / len(letters) > 0.8


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
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as {encoding}: {exc.reason}", path=path,
                         hint="save it as UTF-8") from None
    if encoding == "cp1256" and not _looks_like_text(text):
        raise InputError("not text in a supported encoding", path=path,
                         hint="supported: UTF-8, UTF-16 with a BOM, Windows-1256; save it as UTF-8")
    return text, encoding


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
        InputError: If it is a folder, unreadable, binary or undecodable.
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
    text, encoding = _decode(data, name)
    return Document(name, text, encoding)
