"""Tests of glossary import/export formats (glossary.formats)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from glossary.errors import ConflictError, FormatError
from glossary.formats import read_glossary, write_glossary
from glossary.model import KINDS, STATUSES, Candidate, Context, Entry, Forms
from glossary.normalize import match_key
from tests.unit.formats_samples import DATA, TBX_NS, content, nfc, sample_entries, write_file

# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("tbx", "g.tbx"),
        ("csv", "g.csv"),
        ("tsv", "g.tsv"),
        ("xlsx", "g.xlsx"),
        ("json", "g.json"),
        ("json", "g.jsonl"),
    ],
)
def test_round_trip_keeps_content(tmp_path: Path, fmt: str, name: str) -> None:
    entries = sample_entries()
    path = tmp_path / name
    assert write_glossary(entries, path, format=fmt) == len(entries)
    back = read_glossary(path, format=fmt)
    assert [content(e) for e in back] == [content(e) for e in entries]


@pytest.mark.parametrize("name", ["g.tbx", "g.csv", "g.tsv", "g.xlsx", "g.json", "g.jsonl"])
def test_format_is_guessed_from_extension(tmp_path: Path, name: str) -> None:
    entries = sample_entries()
    write_glossary(entries, tmp_path / name)
    back = read_glossary(tmp_path / name)
    assert [content(e) for e in back] == [content(e) for e in entries]


@pytest.mark.parametrize("name", ["g.json", "g.jsonl"])
def test_json_keeps_everything(tmp_path: Path, name: str) -> None:
    entry = sample_entries()[0]
    entry.id = 7
    entry.forms["vi"].candidates = [Candidate(nfc("Bộ Tài chính"), 0.9)]
    entry.contexts = [Context("doc1.txt", 3, 18, "... وزارة المالية ...", "وزارة المالية")]
    entry.created_at, entry.updated_at, entry.updated_by = (
        "2026-01-02T03:04:05+00:00", "2026-02-03T04:05:06+00:00", "tui",
    )
    entry.confidence, entry.frequency, entry.score = 0.75, 12, 3.5
    write_glossary([entry], tmp_path / name)
    assert [e.to_dict() for e in read_glossary(tmp_path / name)] == [entry.to_dict()]


def test_tbx_keeps_dates_and_case(tmp_path: Path) -> None:
    entry = sample_entries()[0]
    entry.case_sensitive = True
    entry.created_at, entry.updated_at, entry.updated_by = (
        "2026-01-02T03:04:05+00:00", "2026-02-03T04:05:06+00:00", "cli",
    )
    write_glossary([entry], tmp_path / "g.tbx")
    (back,) = read_glossary(tmp_path / "g.tbx")
    # TBX dates are days (xsd:date)
    assert (back.created_at, back.updated_at, back.updated_by, back.case_sensitive) == (
        "2026-01-02", "2026-02-03", "cli", True,
    )


def test_tbx_output_is_tbx_basic(tmp_path: Path) -> None:
    write_glossary(sample_entries(), tmp_path / "g.tbx")
    root = ET.parse(tmp_path / "g.tbx").getroot()
    assert root.tag == f"{TBX_NS}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.find(f"{TBX_NS}tbxHeader/{TBX_NS}fileDesc/{TBX_NS}sourceDesc") is not None
    concepts = root.findall(f"{TBX_NS}text/{TBX_NS}body/{TBX_NS}conceptEntry")
    assert [c.get("id") for c in concepts] == ["e1", "e2", "e3", "e4"]
    ar = concepts[0].find(f"{TBX_NS}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='ar']")
    assert ar is not None
    statuses = [
        (sec.findtext(f"{TBX_NS}term"),
         sec.findtext(f"{TBX_NS}termNote[@type='administrativeStatus']"))
        for sec in ar.findall(f"{TBX_NS}termSec")
    ]
    assert statuses == [
        (nfc("وِزَارَةُ المَالِيَّةِ"), "preferredTerm-admn-sts"),
        (nfc("وزارة المالية"), "admittedTerm-admn-sts"),
        (nfc("بوزارة المالية"), "admittedTerm-admn-sts"),
        (nfc("الوزارة المالية"), "deprecatedTerm-admn-sts"),
    ]
    term_types = {
        sec.findtext(f"{TBX_NS}term"): sec.findtext(f"{TBX_NS}termNote[@type='termType']")
        for sec in concepts[1].iter(f"{TBX_NS}termSec")}
    # termType says which form is the acronym (TBX-Basic's picklist: fullForm, acronym,
    # ...); several Arabic words get none (they may spell the acronym's letters out).
    assert term_types == {nfc("الذَّكَاءُ الاصْطِنَاعِيُّ"): None, nfc("والذكاء الاصطناعي"): None,
                          nfc("trí tuệ nhân tạo"): "fullForm", "AI": "acronym",
                          "A.I.": "acronym"}


def test_tbx_plain_notes_that_look_like_avet_notes(tmp_path: Path) -> None:
    entry = sample_entries()[1]
    entry.note = "avet: check with the editor"
    write_glossary([entry], tmp_path / "g.tbx")
    (back,) = read_glossary(tmp_path / "g.tbx")
    assert (back.note, back.kind) == ("avet: check with the editor", "acronym")


def test_tbx_refuses_control_characters(tmp_path: Path) -> None:
    entry = sample_entries()[1]
    entry.forms["en"].preferred = "A\x0bI"
    with pytest.raises(FormatError, match="U\\+000B") as info:
        write_glossary([entry], tmp_path / "g.tbx")
    assert info.value.path == str(tmp_path / "g.tbx")
    assert not (tmp_path / "g.tbx").exists()


def test_deepl_round_trip_maps_every_source_form(tmp_path: Path) -> None:
    path = tmp_path / "vi-ar.tsv"
    rows = write_glossary(
        sample_entries(), path, format="deepl", source_lang="ar", target_lang="vi"
    )
    # approved only: org (3 ar forms) and place (2); the candidate and rejected are left out
    assert rows == 5
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        nfc("وِزَارَةُ المَالِيَّةِ") + "\t" + nfc("Bộ Tài chính")
    )
    back = read_glossary(path, source_lang="ar", target_lang="vi")
    pairs = {(form, e.term("vi")) for e in back for form in e.forms["ar"].all_admitted()}
    assert pairs == {
        (nfc("وِزَارَةُ المَالِيَّةِ"), nfc("Bộ Tài chính")),
        (nfc("وزارة المالية"), nfc("Bộ Tài chính")),
        (nfc("بوزارة المالية"), nfc("Bộ Tài chính")),
        ("هانوي", nfc("Hà Nội")),
        ("بهانوي", nfc("Hà Nội")),
    }
    assert {e.status for e in back} == {"approved"}


def test_deepl_export_dnt_maps_source_to_itself(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    write_glossary(
        sample_entries(), path, source_lang="vi", target_lang="ar", statuses=["rejected"]
    )
    assert path.read_text(encoding="utf-8") == nfc("Nguyễn Thị Hường\tNguyễn Thị Hường\n")


def test_deepl_export_conflict(tmp_path: Path) -> None:
    one, two = Entry(status="approved"), Entry(status="approved")
    one.forms["en"], one.forms["vi"] = Forms("bank"), Forms(nfc("ngân hàng"))
    two.forms["en"], two.forms["vi"] = Forms("river bank", ["bank"]), Forms(nfc("bờ sông"))
    with pytest.raises(ConflictError, match="bank"):
        write_glossary([one, two], tmp_path / "d.tsv", format="deepl", source_lang="en",
                       target_lang="vi")
    assert not (tmp_path / "d.tsv").exists()


_LETTERS = "ابتثجحخدذرسشصضطظعغفقكلمنهوي" + "ءأإآةى" + "\u064b\u064e\u064f\u0650\u0651\u0652"
_LETTERS += nfc("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹốồổỗộớờởỡợúùủũụứừửữự")
_LETTERS += "ABCXYZ0123456789-.'&()/"
_WORD = st.text(alphabet=_LETTERS, min_size=1, max_size=8).map(nfc).filter(lambda w: w.strip() == w)
_FORM = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


@st.composite
def _entries(draw: st.DrawFn) -> list[Entry]:
    entries = []
    for _ in range(draw(st.integers(1, 3))):
        entry = Entry(kind=draw(st.sampled_from(KINDS)), status=draw(st.sampled_from(STATUSES)),
                      dnt=draw(st.booleans()))
        for lang in ("ar", "vi", "en"):
            texts = draw(st.lists(_FORM, max_size=4, unique=True))
            if texts:
                cut = draw(st.integers(1, len(texts)))
                entry.forms[lang] = Forms(texts[0], texts[1:cut], texts[cut:])
        if not any(entry.forms[lang].preferred for lang in ("ar", "vi", "en")):
            entry.forms["en"] = Forms("x")
        entries.append(entry)
    return entries


@pytest.mark.parametrize("name", ["p.tbx", "p.csv", "p.tsv", "p.jsonl"])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries=_entries())
def test_round_trip_property(tmp_path: Path, name: str, entries: list[Entry]) -> None:
    # distinct entries only: ones sharing their first preferred form would be merged on import
    keys = [
        next((lang, match_key(e.forms[lang].preferred, lang)) for lang in ("ar", "vi", "en")
             if e.forms[lang].preferred)
        for e in entries
    ]
    assume(len(set(keys)) == len(keys))
    # and no form admitted by two entries: import refuses a variant with two translations
    admitted = [{(lang, match_key(t, lang)) for lang in ("ar", "vi", "en")
                 for t in e.forms[lang].all_admitted()} for e in entries]
    assume(sum(map(len, admitted)) == len(set().union(*admitted)))
    path = tmp_path / name
    write_glossary(entries, path)
    assert [content(e) for e in read_glossary(path)] == [content(e) for e in entries]


# ------------------------------------------------------------------ reading files of others


def test_header_with_lists() -> None:
    entries = read_glossary(DATA / "header.csv")
    assert len(entries) == 3
    minister, hanoi, egov = entries
    assert minister.term("ar") == nfc("وَزِيرُ الخَارِجِيَّةِ")
    assert minister.forms["ar"].variants == [nfc("وزير الخارجية"), nfc("بوزير الخارجية")]
    assert minister.forms["en"].forbidden == ["Foreign Minister of State"]
    assert (minister.kind, minister.status) == ("term", "approved")
    assert (hanoi.kind, hanoi.term("vi"), hanoi.forms["en"].forbidden) == (
        "place", nfc("Hà Nội"), ["Ha Noi"],
    )
    assert egov.term("ar") == "الحكومة الإلكترونية, الرقمية"


def test_martif_import() -> None:
    mic, gdp = read_glossary(DATA / "martif.tbx")
    assert mic.term("en") == "Ministry of Information and Communications"
    assert mic.forms["en"].variants == ["MIC"]
    assert mic.term("vi") == nfc("Bộ Thông tin và Truyền thông")
    assert mic.term("ar") == "وزارة الإعلام والاتصالات"
    assert mic.forms["ar"].forbidden == ["وزارة المعلومات والاتصالات"]
    assert (mic.kind, mic.status, mic.note) == ("term", "approved", "Government body")
    assert (gdp.kind, gdp.term("en"), gdp.term("vi")) == ("acronym", "GDP", "GDP")


def test_tbx_v3_import_orders_by_administrative_status() -> None:
    (entry,) = read_glossary(DATA / "basic.tbx")
    assert entry.term("vi") == nfc("chuyển đổi số")
    assert entry.term("ar") == nfc("التحوّل الرقمي")
    assert entry.forms["ar"].variants == ["رقمنة"]
    assert entry.forms["ar"].forbidden == ["التحويل الرقمي"]
    assert entry.term("en") == "digital transformation"
    assert entry.note == (
        "definition (en): Use of digital technology to change how an organisation works."
    )


def test_tbx_skips_other_languages(tmp_path: Path) -> None:
    path = write_file(
        tmp_path / "multi.tbx",
        "<tbx><text><body>"
        "<conceptEntry id='a'><langSec xml:lang='fr'><termSec><term>capitale</term></termSec>"
        "</langSec><langSec xml:lang='en-GB'><termSec><term>capital\n   city</term></termSec>"
        "</langSec></conceptEntry>"
        "<conceptEntry id='b'><langSec xml:lang='de'><termSec><term>Stadt</term></termSec>"
        "</langSec></conceptEntry></body></text></tbx>",
    )
    (entry,) = read_glossary(path)
    assert (entry.term("en"), entry.term("vi"), entry.term("ar")) == ("capital city", "", "")


def test_deepl_import_from_guessed_tsv() -> None:
    entries = read_glossary(DATA / "deepl_vi_ar.tsv", source_lang="vi", target_lang="ar")
    assert [(e.term("vi"), e.term("ar")) for e in entries] == [
        (nfc("chuyển đổi số"), "التحول الرقمي"),
        (nfc("Chính phủ số"), "الحكومة الرقمية"),
        (nfc("Hà Nội"), "هانوي"),
    ]


@pytest.mark.parametrize(("langs", "message"), [
    ({}, "the source language is required for the DeepL format"),
    ({"source_lang": "vi"}, "the target language is required for the DeepL format"),
    ({"source_lang": "vi", "target_lang": "vi-VN"}, "source and target languages are both 'vi'"),
])
def test_deepl_needs_two_languages_named_without_parameter_names(
        langs: dict[str, str], message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        read_glossary(DATA / "deepl_vi_ar.tsv", **langs)
    assert "_lang" not in str(info.value)  # the CLI's users type --from/--to, not these names


def test_two_column_tsv_with_header_is_multilingual(tmp_path: Path) -> None:
    path = write_file(tmp_path / "t.tsv", nfc("vi\tar\nHà Nội\tهانوي\n"))
    (entry,) = read_glossary(path)
    assert (entry.term("vi"), entry.term("ar")) == (nfc("Hà Nội"), "هانوي")


def test_csv_with_bom_and_decomposed_vietnamese(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Thủ tướng Chính phủ")
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeffvi,en\n" + decomposed + ",Prime Minister\n").encode("utf-8"))
    (entry,) = read_glossary(path)
    assert entry.term("vi") == nfc("Thủ tướng Chính phủ")
    assert entry.term("vi") != decomposed


def test_xlsx_keeps_formula_like_text(tmp_path: Path) -> None:
    entry = Entry(status="approved")
    entry.forms["en"], entry.forms["vi"] = Forms("=SUM(A1)"), Forms("+84")
    write_glossary([entry], tmp_path / "g.xlsx")
    (back,) = read_glossary(tmp_path / "g.xlsx")
    assert (back.term("en"), back.term("vi")) == ("=SUM(A1)", "+84")


def test_duplicates_without_conflict_are_merged(tmp_path: Path) -> None:
    path = write_file(tmp_path / "d.csv", "ar,vi,variants_ar\nهانوي,Hà Nội,بهانوي\nهانوي,,وهانوي\n")
    (entry,) = read_glossary(path)
    assert entry.forms["ar"].variants == ["بهانوي", "وهانوي"]


def test_import_does_not_load_openpyxl() -> None:
    code = "import sys, glossary.formats; print('openpyxl' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
