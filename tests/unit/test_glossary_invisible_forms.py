"""Invisible format characters that pasting leaves (zero width space, word joiner,
BOM, soft hyphen) are cleaned out of forms, by import, forbid and the review app's
edits alike; ZWNJ and ZWJ, which Arabic-script words can need, stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.formats import read_glossary
from glossary.model import Entry, Forms
from glossary.normalize import clean_form, match_key
from glossary.store import Store
from tui.jobs import apply_edit

ZWSP, WJ, BOM, SHY = "\u200b", "\u2060", "\ufeff", "\u00ad"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    (f"Lao Cai Province{ZWSP}", "en", "Lao Cai Province"),
    (f"Hà\u00a0Nội{ZWSP}", "vi", "Hà Nội"),
    (f"{BOM}Hanoi{WJ}", "en", "Hanoi"),
    (f"data{SHY}centre", "en", "datacentre"),
    (f"Hà {ZWSP}Nội", "vi", "Hà Nội"),
    (f"{BOM}هانوي{SHY}", "ar", "هانوي"),
    (f"مدينة{ZWSP}هانوي", "ar", "مدينة هانوي"),  # a word break in Arabic, as matching reads it
    ("لا\u200cيزال", "ar", "لا\u200cيزال"),  # ZWNJ stays
    ("\u0644\u200d", "ar", "\u0644\u200d"),  # ZWJ stays
    (f"{ZWSP}{BOM}", "vi", ""),
])
def test_clean_form_removes_invisible_format_characters(text: str, lang: str,
                                                         expected: str) -> None:
    cleaned = clean_form(text, lang)
    assert cleaned == expected
    assert clean_form(text, lang, keep_harakat=False) == expected
    assert match_key(cleaned, lang) == match_key(text, lang)  # matching reads both alike


def test_clean_form_removes_other_default_ignorable_format_characters() -> None:
    assert clean_form("a\u2061b\u206ac\u180e", "en") == "abc"


def test_import_cleans_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(f"ar,vi,en,variants_en\nهانوي{ZWSP},Hà Nội{BOM},Ha{SHY}noi,"
                    f"Hanoi City{WJ}\n", encoding="utf-8")
    entry = read_glossary(path)[0]
    assert entry.forms["ar"].preferred == "هانوي"
    assert entry.forms["vi"].preferred == "Hà Nội"
    assert entry.forms["en"].preferred == "Hanoi"
    assert entry.forms["en"].variants == ["Hanoi City"]


def test_forbid_and_edit_clean_invisible_characters(tmp_path: Path) -> None:
    with Store(tmp_path / "g.db") as store:
        entry_id = store.add(Entry(forms={"en": Forms("Hanoi"), "vi": Forms("Hà Nội")}))
        assert store.forbid(entry_id, "en", f"Ha Noi{ZWSP}")
        assert store.get(entry_id).forms["en"].forbidden == ["Ha Noi"]
    entry = Entry(forms={"en": Forms("Hanoi")})
    apply_edit(entry, en=f"{BOM}Hanoi City{ZWSP}", vi=f"Hà\u00a0Nội{WJ}")
    assert (entry.forms["en"].preferred, entry.forms["vi"].preferred) == ("Hanoi City",
                                                                         "Hà Nội")
