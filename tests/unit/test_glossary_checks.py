"""glossary.checks: the one set of rules that every import format, the CLI
import and the review app's edits apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import glossary
from glossary import checks
from glossary.errors import ConflictError, FormatError
from glossary.formats import read_glossary, write_glossary
from glossary.model import Entry, Forms
from glossary.normalize import match_key
from tests.unit.formats_samples import write_file

_TBX = ("<?xml version='1.0'?>\n<tbx type='TBX-Basic' style='dca' xml:lang='en'><text><body>\n"
        "<conceptEntry id='c1'><langSec xml:lang='vi'><termSec><term>chuyển đổi số</term>"
        "</termSec></langSec><langSec xml:lang='en'><termSec><term>{en}</term></termSec>"
        "</langSec></conceptEntry>\n</body></text></tbx>\n")


def _jsonl(forms: dict[str, dict[str, object]]) -> str:
    return json.dumps({"forms": forms}, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(("name", "text", "message", "line"), [
    ("g.csv", "ar,vi,en,variants_ar\n,Hà Nội,Hanoi,هانوى\n",
     "ar variants are given but no ar term", 2),
    ("g.jsonl", _jsonl({"ar": {"variants": ["هانوى"]}, "en": {"preferred": "Hanoi"}}),
     "ar variants are given but no ar term", 1),
    ("g.csv", "vi,en\nchuyển đổi số,digital transformation|DX\n",
     "en term 'digital transformation|DX' contains '|'", 2),
    ("g.jsonl", _jsonl({"en": {"preferred": "a", "variants": ["b|c"]}}),
     "en variant 'b|c' contains '|'", 1),
    ("g.jsonl", _jsonl({"en": {"preferred": "a", "forbidden": ["b|c"]}}),
     "en forbidden form 'b|c' contains '|'", 1),
    ("g.tbx", _TBX.format(en="digital transformation|DX"),
     "en term 'digital transformation|DX' contains '|'", 3),
    ("g.deepl.tsv", "chuyển đổi số\tdigital transformation|DX\n",
     "en term 'digital transformation|DX' contains '|'", 1),
])
def test_every_import_format_applies_the_edit_rules(tmp_path: Path, name: str, text: str,
                                                    message: str, line: int) -> None:
    path = write_file(tmp_path / name, text)
    langs = {"source_lang": "vi", "target_lang": "en"} if name.endswith(".deepl.tsv") else {}
    fmt = {"format": "deepl"} if name.endswith(".deepl.tsv") else {}
    with pytest.raises(FormatError) as info:
        read_glossary(path, **fmt, **langs)
    assert (info.value.path, info.value.line, info.value.message) == (str(path), line, message)


def test_what_the_checks_refuse_is_what_a_table_export_cannot_write(tmp_path: Path) -> None:
    entry = Entry(status="approved", forms={"en": Forms("a", ["b|c"])})
    with pytest.raises(FormatError) as checked:
        checks.check_terms(entry)
    with pytest.raises(FormatError) as exported:
        write_glossary([entry], tmp_path / "g.csv")
    assert checked.value.message == "en variant 'b|c' contains '|'"
    assert exported.value.message == "form 'b|c' in column 'variants_en' contains '|'"
    assert "give the others as variants" in (checked.value.hint or "")


@pytest.mark.parametrize(("forms", "before", "refused"), [
    ({"en": Forms("a|b")}, None, "en term 'a|b'"),
    ({"en": Forms("a", forbidden=["x|y"])}, None, "en forbidden form 'x|y'"),
    # An edit is not refused for a form the entry held already (an older store).
    ({"en": Forms("b", ["a|b"])}, {"en": Forms("a", ["a|b"])}, None),
    ({"en": Forms("b|c", ["a|b"])}, {"en": Forms("a", ["a|b"])}, "en term 'b|c'"),
    ({"ar": Forms("a|b"), "en": Forms("a|b")}, {"en": Forms("a|b")}, "ar term 'a|b'"),
])
def test_check_separator(forms: dict[str, Forms], before: dict[str, Forms] | None,
                         refused: str | None) -> None:
    entry = Entry(forms=forms)
    old = None if before is None else Entry(forms=before)
    if refused is None:
        checks.check_terms(entry, before=old)
        return
    with pytest.raises(FormatError) as info:
        checks.check_separator(entry, before=old)
    assert info.value.message == f"{refused} contains '|'"
    assert "give one form" in (info.value.hint or "")


@pytest.mark.parametrize(("a", "b", "lang"), [
    ({"ar": "هانوي", "en": "Hanoi"}, {"ar": "هانوى", "en": "Hue"}, "en"),
    ({"ar": "هانوي", "en": "Hanoi"}, {"ar": "هانوى", "en": "HANOI"}, None),  # same key
    ({"ar": "هانوي"}, {"en": "Hue"}, None),  # no language with both
    ({"vi": "Hà Nội", "en": "Hanoi"}, {"vi": "Huế", "en": "Hue"}, "vi"),  # the first
])
def test_conflicting_lang(a: dict[str, str], b: dict[str, str], lang: str | None) -> None:
    def entry(terms: dict[str, str]) -> Entry:
        return Entry(forms={k: Forms(v) for k, v in terms.items()})

    assert checks.conflicting_lang(entry(a), entry(b)) == lang


@pytest.mark.parametrize("name", checks.__all__)
def test_the_package_reexports_the_checks(name: str) -> None:
    assert name in glossary.__all__
    assert getattr(glossary, name) is getattr(checks, name)


def _entry(entry_id: int | None, **forms: Forms) -> Entry:
    return Entry(id=entry_id, forms=dict(forms))


_HANOI = _entry(1, ar=Forms("هانوي", ["مدينة هانوي"]), vi=Forms("Hà Nội"))


@pytest.mark.parametrize(("entry", "message"), [
    # A variant that is the other entry's term, or its variant, with another translation.
    (_entry(None, ar=Forms("العاصمة", ["هانوي"]), vi=Forms("Thủ đô")),
     "ar variant 'هانوي' is a form of entry 1, whose vi term is 'Hà Nội', not 'Thủ đô'"),
    (_entry(None, ar=Forms("العاصمة", ["مدينة هانوي"]), vi=Forms("Thủ đô")),
     "ar variant 'مدينة هانوي' is a form of entry 1, whose vi term is 'Hà Nội', not 'Thủ đô'"),
    # Only the form's own language differs: the two entries are one concept.
    (_entry(None, ar=Forms("العاصمة الفيتنامية", ["هانوي"])),
     "ar variant 'هانوي' is a form of entry 1, whose ar term is 'هانوي', "
     "not 'العاصمة الفيتنامية'"),
    (_entry(None, ar=Forms("مدينة هانوي"), vi=Forms("Thủ đô")),
     "ar term 'مدينة هانوي' is a variant of entry 1, whose ar term is 'هانوي'"),
    # The same translation, or the entry itself: no conflict.
    (_entry(None, ar=Forms("هانوي", ["مدينة هانوي"]), vi=Forms("Hà Nội")), None),
    (_entry(1, ar=Forms("هانوي", ["مدينة هانوي"]), vi=Forms("Thủ đô")), None),
])
def test_check_conflicts_checks_variants_too(entry: Entry, message: str | None) -> None:
    def find(lang: str, text: str) -> list[Entry]:
        return [e for e in (_HANOI,) if any(match_key(t, lang) == match_key(text, lang)
                                            for t in e.forms[lang].all_admitted())]

    if message is None:
        checks.check_conflicts(entry, find)
        return
    with pytest.raises(ConflictError) as info:
        checks.check_conflicts(entry, find)
    assert info.value.message == message


@pytest.mark.parametrize(("text", "error"), [
    ("ar,vi,variants_ar\nهانوي,Hà Nội,\nالعاصمة,Thủ đô,هانوي\n",
     (3, "ar variant 'هانوي' on line 3 is the ar term 'هانوي' of line 2, whose vi term is "
         "'Hà Nội', not 'Thủ đô'")),
    ("ar,vi,variants_ar\nالعاصمة,Thủ đô,هانوي\nمدينة هانوي,Hà Nội,هانوي\n",
     (3, "ar variant 'هانوي' on line 3 is the ar variant 'هانوي' of line 2, whose vi term is "
         "'Thủ đô', not 'Hà Nội'")),
    # Two sources for one target (as a DeepL file has) and a variant of one concept stay.
    ("ar,vi\nهانوي,Hà Nội\nمدينة هانوي,Hà Nội\n", None),
    ("ar,vi,variants_ar\nهانوي,Hà Nội,\nهانوي,Hà Nội,هانوى\n", None),
])
def test_a_file_cannot_give_one_variant_two_translations(
        tmp_path: Path, text: str, error: tuple[int, str] | None) -> None:
    path = write_file(tmp_path / "g.csv", text)
    if error is None:
        assert read_glossary(path)
        return
    with pytest.raises(FormatError) as info:
        read_glossary(path)
    assert (info.value.line, info.value.message) == error
