"""TBX termbases: TBX-Basic (ISO 30042:2019) out, TBX-Basic and TBX 2008 ``martif`` in.

Export writes DCA-style TBX-Basic::

    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><sourceDesc><p>...</p></sourceDesc></fileDesc></tbxHeader>
      <text><body><conceptEntry id="c1"> ... </conceptEntry></body></text>
    </tbx>

How an :class:`~glossary.model.Entry` maps onto TBX-Basic data categories:

==========================  ==============================================================
avet                        TBX-Basic
==========================  ==============================================================
entry id                    ``conceptEntry/@id`` (``c<id>``; ``e<n>`` for unstored entries)
note                        ``<note>`` on the conceptEntry
kind, status, dnt,          one ``<note>avet:<field>=<value></note>`` each on the
case_sensitive              conceptEntry (TBX-Basic has no data category for them; ``note``
                            is allowed everywhere and other tools show it as a note)
created_at / updated_at     ``<transacGrp>`` with ``transac type="transactionType"``
(and updated_by)            ``origination`` / ``modification``, ``<date>`` (the day only:
                            TBX dates are ``xsd:date``) and
                            ``transacNote type="responsibility"``
language                    ``langSec/@xml:lang``
preferred form              ``termSec`` with ``termNote type="administrativeStatus"``
                            ``preferredTerm-admn-sts``
variant                     ... ``admittedTerm-admn-sts``
forbidden form              ... ``deprecatedTerm-admn-sts``
kind acronym                ``termNote type="termType"``: ``acronym`` on a form of one
                            word (``VNPT``), ``fullForm`` on a Latin-script form of
                            several (``Vietnam Posts and Telecommunications Group``),
                            none on an Arabic form of several words (the spelled-out
                            letters ``في إن بي تي`` are no full form)
kind other than term        ``termNote type="partOfSpeech"`` ``noun`` (names are nouns)
==========================  ==============================================================

Candidates, contexts and scores are not exported (use JSON for full fidelity).

Import reads TBX-Basic (namespaces ``urn:iso:std:iso:30042:ed-2`` or
``ed:3.0``, or none) and TBX 2008 ``<martif>`` (``termEntry/langSet/tig`` or
``ntig/termGrp``). Definitions (``descrip type="definition"``) are added to the
note as ``definition: ...`` (``definition (en): ...`` from a language section);
other descriptive data is not imported.
``supersededTerm-admn-sts`` (and the informal ``forbidden``,
``obsolete``) count as forbidden. Without an administrative status the first
term of a language is preferred and the others are variants; without avet notes
the entry is an approved ``term`` (``acronym`` when its preferred form has
``termType`` ``acronym`` or ``abbreviation``). Language sections in languages
other than ar, vi and en are skipped (multilingual termbases are common), and
so is a concept that has no other; a concept whose ar/vi/en terms are all
deprecated is an error. Whitespace runs inside terms and definitions (XML line
wrapping) become one space.

XML is parsed with defusedxml: any entity declaration (external entities,
entity-expansion bombs) is refused, and an external DTD named in a DOCTYPE is
never loaded.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.handler import ContentHandler

from glossary.errors import FormatError
from glossary.fileio import atomic_open
from glossary.formats._common import (
    IMPORT_STATUS,
    OPTIONAL_FIELDS,
    FileEntry,
    Located,
    check_entry,
    clean,
    lang_of,
    read_bytes,
)
from glossary.model import KINDS, LANGS, STATUSES, Entry

if TYPE_CHECKING:
    from xml.sax.xmlreader import AttributesImpl, Locator

__all__ = ["TBX_NAMESPACE", "read_tbx", "write_tbx"]

#: The namespace of ISO 30042:2019 TBX.
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PREFERRED, _ADMITTED, _DEPRECATED = (
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
)
#: administrativeStatus values (lower case) -> "preferred" / "variant" / "forbidden".
_STATUS_ROLE = {
    "preferredterm-admn-sts": "preferred",
    "preferredterm": "preferred",
    "preferred": "preferred",
    "standardizedterm": "preferred",
    "admittedterm-admn-sts": "variant",
    "admittedterm": "variant",
    "admitted": "variant",
    "legalterm": "variant",
    "regulatedterm": "variant",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "deprecatedterm": "forbidden",
    "supersededterm": "forbidden",
    "deprecated": "forbidden",
    "forbidden": "forbidden",
    "obsolete": "forbidden",
}
_NOTE_PREFIX = "avet:"
_NOTE_FIELDS = ("kind", "status", "dnt", "case_sensitive")
_NOTE_RE = re.compile(rf"^{_NOTE_PREFIX}({'|'.join(_NOTE_FIELDS)})=(.*)$", re.DOTALL)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Characters XML 1.0 cannot hold.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: An Arabic letter.
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_CONCEPT = frozenset({"conceptEntry", "termEntry"})
_LANG_SECTION = frozenset({"langSec", "langSet"})
_TERM_SECTION = frozenset({"termSec", "tig", "ntig"})


# ---------------------------------------------------------------- reading


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    chunks: list[str | _Node] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.chunks)

    def find_all(self, names: frozenset[str]) -> list[_Node]:
        found: list[_Node] = []
        for child in self.children:
            if child.tag in names:
                found.append(child)
            else:
                found.extend(child.find_all(names))
        return found


class _TreeBuilder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: _Node | None = None
        self._stack: list[_Node] = []
        self._where: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self._where = locator

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        line = (self._where.getLineNumber() or 0) if self._where else 0
        node = _Node(name.split(":")[-1], dict(attrs), line)
        if self._stack:
            self._stack[-1].children.append(node)
            self._stack[-1].chunks.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name: str) -> None:
        self._stack.pop()

    def characters(self, content: str) -> None:
        if self._stack:
            self._stack[-1].chunks.append(content)


def _parse(path: Path) -> _Node:
    from xml.sax import SAXParseException

    from defusedxml.common import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    class _SafeParser(DefusedExpatParser):
        """defusedxml's SAX parser that skips (never loads) an external DTD instead of failing."""

        def defused_external_entity_ref_handler(
            self, context: str | None, base: str | None, sysid: str | None, pubid: str | None
        ) -> int:
            return 1

    data = read_bytes(path)
    builder = _TreeBuilder()
    parser = _SafeParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(builder)
    try:
        parser.parse(io.BytesIO(data))
    except SAXParseException as exc:
        raise FormatError(
            f"malformed XML: {exc.getMessage()} at column {(exc.getColumnNumber() or 0) + 1}",
            path=path,
            line=exc.getLineNumber(),
            hint="fix the XML there (a tag that is not closed, a stray '<' or '&')",
        ) from exc
    except DefusedXmlException as exc:
        raise FormatError(
            f"XML entity declarations are not allowed ({type(exc).__name__})",
            path=path,
            line=parser.getLineNumber(),
            hint="remove the <!ENTITY ...> declarations; TBX does not need them",
        ) from exc
    if builder.root is None:  # pragma: no cover - expat rejects documents without a root
        raise FormatError("no XML root element", path=path, line=1)
    return builder.root


def _role(value: str, *, path: Path, line: int) -> str:
    role = _STATUS_ROLE.get(value.strip().lower())
    if role is None:
        raise FormatError(
            f"unknown administrativeStatus {value!r}",
            path=path,
            line=line,
            hint=f"use one of: {_PREFERRED}, {_ADMITTED}, {_DEPRECATED}, supersededTerm-admn-sts",
        )
    return role


def _apply_note(entry: Entry, match: re.Match[str], *, path: Path, line: int) -> None:
    name, value = match.group(1), match.group(2).strip()
    allowed = {"kind": KINDS, "status": STATUSES}.get(name, ("yes", "no"))
    if value not in allowed:
        raise FormatError(
            f"note {match.group(0)!r} has an unknown {name}",
            path=path,
            line=line,
            hint=f"use one of: {', '.join(allowed)}",
        )
    setattr(entry, name, value if name in ("kind", "status") else value == "yes")


def _concept(node: _Node, *, path: Path) -> Entry:
    entry = FileEntry(status=IMPORT_STATUS)
    notes: list[str] = []
    noted: set[str] = set()
    acronym = False
    for child in node.children:
        if child.tag == "note":
            text = clean(child.text())
            match = _NOTE_RE.match(text)
            if match:
                noted.add(match.group(1))
                _apply_note(entry, match, path=path, line=child.line)
            elif text:
                notes.append(text)
        elif child.tag == "transacGrp":
            _apply_transaction(entry, child)
    notes += [f"definition: {text}" for text in _definitions(node)]
    for section in node.find_all(_LANG_SECTION):
        code = section.attrs.get("xml:lang") or section.attrs.get("lang", "")
        lang = lang_of(code)
        if lang is None:
            continue  # a language avet does not handle (documented above)
        notes += [f"definition ({lang}): {text}" for text in _definitions(section)]
        forms = entry.forms[lang]
        found: list[tuple[str, str, str]] = []
        for term_section in section.find_all(_TERM_SECTION):
            terms = term_section.find_all(frozenset({"term"}))
            if not terms:
                raise FormatError(
                    f"<{term_section.tag}> has no <term>",
                    path=path,
                    line=term_section.line,
                    hint="add the term or remove the section",
                )
            text = _collapse(terms[0].text())
            if not text:
                raise FormatError(
                    "empty <term>", path=path, line=terms[0].line, hint="write the term"
                )
            role = ""
            term_type = ""
            for note in term_section.find_all(frozenset({"termNote"})):
                kind = note.attrs.get("type", "")
                if kind == "administrativeStatus":
                    role = _role(note.text(), path=path, line=note.line)
                elif kind == "termType":
                    term_type = note.text().strip()
            if role == "forbidden":
                forms.forbidden.append(text)
            else:
                found.append((text, role, term_type))
        found.sort(key=lambda item: {"preferred": 0, "": 1}.get(item[1], 2))
        for text, _, term_type in found:
            if not forms.preferred:
                forms.preferred = text
                acronym |= term_type in ("acronym", "abbreviation")
            elif text != forms.preferred and text not in forms.variants:
                forms.variants.append(text)
    if acronym and "kind" not in noted:
        entry.kind = "acronym"
        noted.add("kind")
    if "dnt" in noted:
        noted.add("case_sensitive")  # avet writes it beside dnt only when yes: none is no
    entry.given = frozenset(noted.intersection(OPTIONAL_FIELDS))
    entry.note = "\n".join(notes)
    return entry


def _definitions(node: _Node) -> list[str]:
    """Returns the definitions directly on ``node`` (or in its descripGrp children)."""
    found: list[str] = []
    for child in node.children:
        candidates = child.children if child.tag == "descripGrp" else [child]
        for descrip in candidates:
            if descrip.tag == "descrip" and descrip.attrs.get("type") == "definition":
                text = _collapse(descrip.text())
                if text:
                    found.append(text)
    return found


def _collapse(text: str) -> str:
    """NFC with runs of whitespace (XML line wrapping) made one space."""
    return " ".join(clean(text).split())


def _apply_transaction(entry: Entry, group: _Node) -> None:
    kind = date = who = ""
    for child in group.children:
        if child.tag == "transac":
            kind = child.text().strip()
        elif child.tag == "date":
            date = child.text().strip()
        elif child.tag == "transacNote" and child.attrs.get("type") == "responsibility":
            who = child.text().strip()
    if kind == "origination":
        entry.created_at = date
    elif kind == "modification":
        entry.updated_at, entry.updated_by = date, who


def read_tbx(path: Path) -> list[Located]:
    """Reads a TBX-Basic or TBX 2008 (martif) termbase.

    Returns:
        ``(line, entry)`` for every conceptEntry/termEntry.

    Raises:
        FormatError: On malformed XML or entity declarations (with the parser's
            line), a root other than ``tbx``/``martif``, or naming the line of the
            first unsupported language, status or empty term.
    """
    root = _parse(path)
    if root.tag not in ("tbx", "martif"):
        raise FormatError(
            f"the root element is <{root.tag}>, not <tbx> or <martif>",
            path=path,
            line=root.line,
            hint="give a TBX file (ISO 30042)",
        )
    located: list[Located] = []
    for node in root.find_all(_CONCEPT):
        entry = _concept(node, path=path)
        if all(entry.forms[lang].is_empty() for lang in LANGS):
            continue  # only languages avet does not handle
        if not any(entry.forms[lang].all_admitted() for lang in LANGS):
            raise FormatError(
                f"<{node.tag}> has no admitted term in ar, vi or en",
                path=path,
                line=node.line,
                hint="give at least one term that is not deprecated",
            )
        check_entry(entry, path=path, line=node.line)
        located.append((node.line, entry))
    return located


# ---------------------------------------------------------------- writing


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    bad = _XML_INVALID.search(text)
    if bad:
        raise FormatError(
            f"<{tag}> text {text!r} has the control character U+{ord(bad.group()):04X}",
            hint="XML cannot hold it; remove it from the entry",
        )
    if text:
        element.text = text
    return element


def _term_type(text: str) -> str | None:
    """The TBX-Basic ``termType`` of a form of an acronym entry: ``acronym`` for one
    word, ``fullForm`` for several words in Latin script, else none (several Arabic
    words may spell the acronym's letters out)."""
    if len(text.split()) == 1:
        return "acronym"
    return None if _ARABIC_LETTER.search(text) else "fullForm"


def _term_sec(lang_sec: ET.Element, text: str, status: str, entry: Entry) -> None:
    sec = _sub(lang_sec, "termSec")
    _sub(sec, "term", text)
    if entry.kind != "term":
        _sub(sec, "termNote", "noun", type="partOfSpeech")
    term_type = _term_type(text) if entry.kind == "acronym" else None
    if term_type:
        _sub(sec, "termNote", term_type, type="termType")
    _sub(sec, "termNote", status, type="administrativeStatus")


def _concept_element(body: ET.Element, entry: Entry, number: int) -> None:
    ident = f"c{entry.id}" if entry.id is not None else f"e{number}"
    concept = _sub(body, "conceptEntry", id=ident)
    if entry.note:
        _sub(concept, "note", entry.note)
    _sub(concept, "note", f"{_NOTE_PREFIX}kind={entry.kind}")
    _sub(concept, "note", f"{_NOTE_PREFIX}status={entry.status}")
    _sub(concept, "note", f"{_NOTE_PREFIX}dnt={'yes' if entry.dnt else 'no'}")
    if entry.case_sensitive:
        _sub(concept, "note", f"{_NOTE_PREFIX}case_sensitive=yes")
    for kind, date, who in (
        ("origination", entry.created_at, ""),
        ("modification", entry.updated_at, entry.updated_by),
    ):
        day = date[:10]
        if _DATE.match(day):
            group = _sub(concept, "transacGrp")
            _sub(group, "transac", kind, type="transactionType")
            _sub(group, "date", day)
            if who:
                _sub(group, "transacNote", who, type="responsibility")
    for lang in LANGS:
        forms = entry.forms[lang]
        if not (forms.all_admitted() or forms.forbidden):
            continue
        lang_sec = ET.SubElement(concept, "langSec", {_XML_LANG: lang})
        if forms.preferred:
            _term_sec(lang_sec, forms.preferred, _PREFERRED, entry)
        for text in forms.variants:
            if text != forms.preferred:
                _term_sec(lang_sec, text, _ADMITTED, entry)
        for text in forms.forbidden:
            _term_sec(lang_sec, text, _DEPRECATED, entry)


def write_tbx(
    entries: Sequence[Entry], path: Path, *, source_lang: str | None = None
) -> int:
    """Writes a TBX-Basic (ISO 30042:2019, DCA style) termbase.

    Args:
        entries: The entries to write.
        path: The output file.
        source_lang: The document language (``xml:lang`` of the root); ``en`` by default.

    Returns:
        The number of entries written.

    Raises:
        FormatError: If a form holds a character XML cannot hold (names ``path``);
            nothing is written then.
        InputError: If ``path`` cannot be written (see
            :func:`~glossary.fileio.atomic_open`).
    """
    root = ET.Element(
        "tbx",
        {
            "type": "TBX-Basic",
            "style": "dca",
            _XML_LANG: source_lang or "en",
            "xmlns": TBX_NAMESPACE,
        },
    )
    header = _sub(root, "tbxHeader")
    source_desc = _sub(_sub(header, "fileDesc"), "sourceDesc")
    _sub(source_desc, "p", "Exported by avet (Arabic-Vietnamese-English glossary)")
    body = _sub(_sub(root, "text"), "body")
    try:
        for number, entry in enumerate(entries, start=1):
            _concept_element(body, entry, number)
    except FormatError as exc:
        raise FormatError(exc.message, path=path, hint=exc.hint) from exc
    ET.indent(root, space="  ")
    with atomic_open(path, "w") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write(ET.tostring(root, encoding="unicode"))
        handle.write("\n")
    return len(entries)
