"""Import cleans forms: no bidi marks, no tatweel in Arabic, plain spaces, in every format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossary.formats import read_glossary, write_glossary
from glossary.model import Entry, Forms
from glossary.normalize import clean_form

RLM, LRM, ALM, NBSP, NNBSP = "\u200f", "\u200e", "\u061c", "\u00a0", "\u202f"

_FORMATS = [
    ("csv", "g.csv", {}),
    ("tsv", "g.tsv", {}),
    ("xlsx", "g.xlsx", {}),
    ("tbx", "g.tbx", {}),
    ("json", "g.json", {}),
    ("json", "g.jsonl", {}),
    ("deepl", "d.tsv", {"source_lang": "en", "target_lang": "ar"}),
    ("google", "g.csv", {}),
    ("amazon", "a.csv", {}),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    (f"{RLM}الهوية الرقمية{RLM}", "ar", "الهوية الرقمية"),
    (f"الهوية{ALM} الرقمية", "ar", "الهوية الرقمية"),
    ("\u202bالتحـوّل الأخضر\u202c", "ar", "التحوّل الأخضر"),
    ("\u2067هانوي\u2069", "ar", "هانوي"),
    (f"data{NBSP}centre", "en", "data centre"),
    (f"{LRM}Hà{NNBSP}Nội {NBSP}", "vi", "Hà Nội"),
    ("a  \u00a0 b", "en", "a b"),
    ("x\u0640y", "en", "x\u0640y"),  # tatweel goes from Arabic forms only
    ("لا\u200cيزال", "ar", "لا\u200cيزال"),  # ZWNJ is kept
    (f"{RLM}{NBSP}", "ar", ""),
])
def test_clean_form(text: str, lang: str, expected: str) -> None:
    assert clean_form(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("\u202bالتحـوّل الأخضر\u202c", "ar", "التحول الأخضر"),
    ("هُو تْشِي مِنْه", "ar", "هو تشي منه"),
    ("ا\u0654منية", "ar", "أمنية"),  # a combining hamza stays on its letter
    (f"{LRM}cafe\u0301{NBSP}", "en", "café"),  # harakat are Arabic marks only
])
def test_clean_form_without_harakat(text: str, lang: str, expected: str) -> None:
    assert clean_form(text, lang, keep_harakat=False) == expected


def _dirty() -> Entry:
    entry = Entry(status="approved")
    entry.forms["ar"] = Forms(f"{RLM}الهوية الرقمـية{RLM}", [f"الهوية{NBSP}الرقمية{LRM}"],
                              [f"{RLM}الهوية الإلكترونية"])
    entry.forms["en"] = Forms(f"digital{NBSP}identity{LRM}", [f"digital{NNBSP}ID"])
    entry.forms["vi"] = Forms(f"định{NBSP}danh số{RLM}")
    return entry


@pytest.mark.parametrize(("fmt", "name", "langs"), _FORMATS)
def test_every_format_imports_clean_forms(tmp_path: Path, fmt: str, name: str,
                                          langs: dict[str, Any]) -> None:
    # The export writes the marks as they are; the import takes them out.
    path = tmp_path / name
    write_glossary([_dirty()], path, format=fmt, **langs)
    [entry] = read_glossary(path, format=fmt, **langs)
    assert entry.forms["ar"].preferred == "الهوية الرقمية"
    assert entry.forms["en"].preferred == "digital identity"
    assert entry.forms["vi"].preferred in ("", "định danh số")  # DeepL: two languages
    if fmt not in ("deepl", "google", "amazon"):  # pairs of terms only
        # The Arabic variant, once clean, is the term: it is dropped.
        assert entry.forms["ar"].variants == []
        assert entry.forms["ar"].forbidden == ["الهوية الإلكترونية"]
        assert entry.forms["en"].variants == ["digital ID"]


def test_a_form_of_marks_only_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(f"ar,en,variants_ar\nهانوي,Hanoi,{RLM}|بهانوي\n", encoding="utf-8")
    [entry] = read_glossary(path)
    assert entry.forms["ar"].variants == ["بهانوي"]
