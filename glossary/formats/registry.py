"""Which formats exist, their file extensions, readers and writers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from glossary.errors import FormatError, InputError
from glossary.formats._common import Located, Written, read_text
from glossary.formats.csvfmt import read_table, write_table
from glossary.formats.deepl import read_deepl, write_deepl
from glossary.formats.jsonfmt import read_json, read_jsonl, write_json, write_jsonl
from glossary.formats.services import read_amazon, read_google_pairs, write_amazon, write_google
from glossary.formats.table import parse_header
from glossary.formats.tbx import read_tbx, write_tbx
from glossary.formats.xlsx import read_xlsx, write_xlsx
from glossary.model import LANGS, Entry

__all__ = ["EXTENSIONS", "REGISTRY", "Format", "check_directions", "get_format", "guess_format"]

Reader = Callable[[Path, str | None, str | None], list[Located]]
#: ``write(entries, path, source_lang, target_lang, langs)``.
Writer = Callable[
    [Sequence[Entry], Path, str | None, str | None, Sequence[str] | None], Written]


@dataclass(frozen=True)
class Format:
    """One glossary format.

    Attributes:
        name: The name users pass as ``format``.
        description: One line for help texts.
        read: ``read(path, source_lang, target_lang)`` -> ``(line, entry)`` pairs.
        write: ``write(entries, path, source_lang, target_lang, langs)`` -> what it wrote.
        statuses: The statuses exported when the caller names none (``None``: all).
        langs: Whether the format lets the caller choose its languages.
        directions: What a writer does with ``source_lang`` and ``target_lang``:
            ``"both"`` needs the two (``deepl``), ``"source"`` takes the source
            only (TBX's document language), ``"pair"`` takes the source alone or
            both (``google``, ``amazon``), ``"none"`` takes neither.
        extension: The extension of the files it writes (``.tsv`` for ``deepl``):
            what ``avet review``'s export dialog proposes.
    """

    name: str
    description: str
    read: Reader
    write: Writer
    statuses: tuple[str, ...] | None = None
    langs: bool = False
    directions: str = "none"
    extension: str = ""


def _read_json_any(path: Path, src: str | None, tgt: str | None) -> list[Located]:
    return read_jsonl(path) if path.suffix.lower() == ".jsonl" else read_json(path)


def _write_json_any(entries: Sequence[Entry], path: Path, src: str | None, tgt: str | None,
                    langs: Sequence[str] | None) -> Written:
    if path.suffix.lower() == ".jsonl":
        return Written.same(write_jsonl(entries, path))
    return Written.same(write_json(entries, path))


def _read_google(path: Path, src: str | None, tgt: str | None) -> list[Located]:
    if src and tgt:
        return read_google_pairs(path, src, tgt)
    return read_table(path, delimiter=",")


def _read_amazon(path: Path, src: str | None, tgt: str | None) -> list[Located]:
    return read_amazon(path)


REGISTRY: Mapping[str, Format] = MappingProxyType(
    {
        "tbx": Format(
            "tbx",
            "TBX-Basic (ISO 30042:2019); also reads TBX 2008 martif",
            lambda p, s, t: read_tbx(p),
            lambda e, p, s, t, g: Written.same(write_tbx(e, p, source_lang=s)),
            directions="source",
            extension=".tbx",
        ),
        "csv": Format(
            "csv",
            "avet's multilingual CSV: language columns plus kind, status, variants, forbidden "
            "forms (round trips; reads Google and Amazon files too)",
            lambda p, s, t: read_table(p, delimiter=","),
            lambda e, p, s, t, g: Written.same(write_table(e, p, delimiter=",")),
            extension=".csv",
        ),
        "tsv": Format(
            "tsv",
            "the multilingual layout with tabs",
            lambda p, s, t: read_table(p, delimiter="\t"),
            lambda e, p, s, t, g: Written.same(write_table(e, p, delimiter="\t")),
            extension=".tsv",
        ),
        "deepl": Format(
            "deepl",
            "DeepL two-column TSV, one direction (needs source_lang and target_lang)",
            lambda p, s, t: read_deepl(p, source_lang=s, target_lang=t),
            lambda e, p, s, t, g: write_deepl(e, p, source_lang=s, target_lang=t),
            statuses=("approved",),
            directions="both",
            extension=".tsv",
        ),
        "google": Format(
            "google",
            "Google Cloud Translation CSV: with --from and --to a unidirectional glossary "
            "(source,target rows, no header, variants as extra rows), else an "
            "equivalent-term-set glossary (a header of language codes, preferred forms)",
            _read_google,
            lambda e, p, s, t, g: write_google(e, p, langs=g, source_lang=s, target_lang=t),
            statuses=("approved",),
            langs=True,
            directions="pair",
            extension=".csv",
        ),
        "amazon": Format(
            "amazon",
            "Amazon Translate custom terminology CSV (TSV for .tsv): a header of language "
            "codes, the source first with a row per variant, every cell filled",
            _read_amazon,
            lambda e, p, s, t, g: write_amazon(e, p, langs=g, source_lang=s, target_lang=t),
            statuses=("approved",),
            langs=True,
            directions="pair",
            extension=".csv",
        ),
        "xlsx": Format(
            "xlsx",
            "Excel workbook, sheet 'glossary', CSV columns",
            lambda p, s, t: read_xlsx(p),
            lambda e, p, s, t, g: Written.same(write_xlsx(e, p)),
            extension=".xlsx",
        ),
        "json": Format(
            "json",
            "avet JSON, full fidelity (.jsonl: one entry per line)",
            _read_json_any,
            _write_json_any,
            extension=".json",
        ),
    }
)

#: File extension -> format name (``.tsv`` may turn out to be ``deepl``).
EXTENSIONS: Mapping[str, str] = MappingProxyType(
    {
        ".tbx": "tbx",
        ".xml": "tbx",
        ".csv": "csv",
        ".tsv": "tsv",
        ".xlsx": "xlsx",
        ".json": "json",
        ".jsonl": "json",
    }
)


def get_format(name: str) -> Format:
    """Returns the format called ``name``.

    Raises:
        FormatError: If there is none, listing the supported ones.
    """
    try:
        return REGISTRY[name.lower()]
    except KeyError:
        raise FormatError(
            f"unknown glossary format {name!r}",
            hint=f"supported formats: {', '.join(REGISTRY)}",
        ) from None


_TAKES = {"both": "both", "source": "the source language only",
          "pair": "the source language alone, or both"}


def check_directions(
    name: str,
    source_lang: str | None,
    target_lang: str | None,
    *,
    flags: tuple[str, str] = ("source_lang", "target_lang"),
    path: Path | None = None,
) -> None:
    """Checks that a writer of format ``name`` takes the languages given.

    Args:
        name: The format.
        source_lang: The source language given, if any.
        target_lang: The target language given, if any.
        flags: How the caller names the two (``("--from", "--to")`` in the CLI).
        path: The output file, for errors.

    Raises:
        InputError: If a language is given that the format would ignore, only
            one of two needed ones is given, or both are the same; the message
            says which formats take them.
    """
    fmt = get_format(name)
    given = [flag for flag, value in zip(flags, (source_lang, target_lang), strict=True) if value]
    refused = {"both": (), "source": flags[1:], "none": flags,
               "pair": () if source_lang else flags[1:]}[fmt.directions]
    takes = ", ".join(
        ", ".join(n for n, f in REGISTRY.items() if f.directions == kind) + f" ({what})"
        for kind, what in _TAKES.items())
    hint = f"formats that take them: {takes}; the others take neither"
    wrong = [flag for flag in given if flag in refused]
    if wrong:
        alone = " without " + flags[0] if fmt.directions == "pair" else ""
        raise InputError(f"the {fmt.name} format does not take {' and '.join(wrong)}{alone}",
                         path=path, hint=hint)
    if fmt.directions == "both" and len(given) < 2:
        missing = " and ".join(flag for flag in flags if flag not in given)
        raise InputError(f"the {fmt.name} format holds one direction: {missing} missing",
                         path=path, hint=f"give both {flags[0]} and {flags[1]}, each one of "
                                         f"{', '.join(LANGS)}, e.g. {flags[0]} ar {flags[1]} en")
    if source_lang and source_lang == target_lang:
        raise InputError(f"{flags[0]} and {flags[1]} are both {source_lang!r}", path=path,
                         hint="a glossary direction goes from one language to another")


def _looks_like_deepl(path: Path) -> bool:
    for number, raw in enumerate(read_text(path).split("\n"), start=1):
        if not raw.strip():
            continue
        cells = raw.removesuffix("\r").split("\t")
        if len(cells) != 2:
            return False
        try:
            parse_header(cells, path=path, line=number)
        except FormatError:
            return True
        return False
    return False


def guess_format(
    path: Path, *, reading: bool, source_lang: str | None = None, target_lang: str | None = None
) -> str:
    """Guesses the format from the file extension.

    A ``.tsv`` file is ``deepl`` when reading and its first row has exactly two
    fields that are not a header of language codes, or when writing and both
    ``source_lang`` and ``target_lang`` are given; otherwise ``tsv``.

    Args:
        path: The glossary file.
        reading: Whether the file is read (its first row is looked at) or written.
        source_lang: Source language, when writing.
        target_lang: Target language, when writing.

    Returns:
        A format name of :data:`FORMATS`.

    Raises:
        FormatError: If the extension is not one of :data:`EXTENSIONS`.
    """
    suffix = path.suffix.lower()
    name = EXTENSIONS.get(suffix)
    if name is None:
        raise FormatError(
            f"cannot tell the glossary format from the extension {suffix or '(none)'!r}",
            path=path,
            hint=f"use one of {', '.join(EXTENSIONS)} or name the format "
            f"({', '.join(REGISTRY)})",
        )
    if name == "tsv":
        if reading and _looks_like_deepl(path):
            return "deepl"
        if not reading and source_lang and target_lang:
            return "deepl"
    return name
