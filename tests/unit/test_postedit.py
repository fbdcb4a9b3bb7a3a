"""Post-editing: glossary enforcement on existing translations (toolkit.postedit)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from glossary import glossary_hash
from glossary.errors import InputError, NotFoundError
from glossary.formats import read_glossary
from glossary.model import Entry, Forms
from toolkit.glossary_source import GlossaryIndex, load_glossary
from toolkit.postedit import (
    CODE_KEY,
    adapt_case,
    bounded,
    is_near_miss,
    osa_distance,
    postedit_line,
    postedit_lines,
)
from toolkit.qa import check_lines

DATA = Path(__file__).resolve().parents[1] / "data" / "postedit"


def _cases() -> list[tuple[str, ...]]:
    rows = []
    for line in (DATA / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rows.append(tuple(line.split("\t")))
    return rows


CASES = _cases()


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return read_glossary(DATA / "glossary.csv")


@pytest.fixture(scope="module")
def indexes(entries: list[Entry]) -> dict[tuple[str, str], GlossaryIndex]:
    pairs = {(row[1], row[2]) for row in CASES} | {("vi", "en"), ("vi", "ar")}
    return {pair: GlossaryIndex(entries, *pair) for pair in pairs}


def test_case_file_covers_every_action_and_unchanged_cases() -> None:
    actions = {a for row in CASES for a in row[6].split(",")}
    assert {"replaced_forbidden", "replaced_variant", "fixed_near_miss", "restored_code",
            "-"} <= actions
    assert {row[1] for row in CASES} == {"vi", "en", "ar"}
    assert {row[2] for row in CASES} == {"vi", "en", "ar"}


@pytest.mark.parametrize(("name", "src", "tgt", "source", "target", "expected", "actions"),
                         CASES, ids=[row[0] for row in CASES])
def test_postedit_case(indexes: dict[tuple[str, str], GlossaryIndex], name: str, src: str,
                       tgt: str, source: str, target: str, expected: str, actions: str) -> None:
    result = postedit_line(source, target, indexes[(src, tgt)], src, tgt)
    assert result.text == expected
    assert [e.action for e in result.edits] == ([] if actions == "-" else actions.split(","))
    for edit in result.edits:
        assert target[edit.start:edit.end] == edit.before
    if actions == "-":
        assert result.text.encode("utf-8") == target.encode("utf-8")


def test_edit_offsets_refer_to_original_line(indexes: dict[tuple[str, str], GlossaryIndex]
                                             ) -> None:
    result = postedit_line("Bộ trưởng Nguyễn Mạnh Hùng nói về chuyển đổi số.",
                           "Minister Nguyen Manh Hong spoke about digitalization.",
                           indexes[("vi", "en")])
    assert result.text == "Minister Nguyen Manh Hung spoke about digital transformation."
    assert [(e.action, e.start, e.end) for e in result.edits] == [
        ("fixed_near_miss", 9, 25), ("replaced_variant", 38, 52)]
    assert result.edits[0].to_dict(3) == {
        "line": 3, "entry_id": 3, "action": "fixed_near_miss", "before": "Nguyen Manh Hong",
        "after": "Nguyen Manh Hung", "start": 9, "end": 25}


def test_arabic_clitics_on_both_forbidden_occurrences(
        indexes: dict[tuple[str, str], GlossaryIndex]) -> None:
    result = postedit_line("chuyển đổi số tại Thái Nguyên",
                           "بالتحويل الرقمي في ثاي نجوين وللتحويل الرقمي",
                           indexes[("vi", "ar")])
    assert result.text == "بالتحول الرقمي في تاي نجوين وللتحول الرقمي"
    assert [e.before for e in result.edits] == ["بالتحويل الرقمي", "ثاي نجوين",
                                                "وللتحويل الرقمي"]


def test_trailing_spaces_and_unrelated_text_kept(indexes: dict[tuple[str, str], GlossaryIndex]
                                                 ) -> None:
    target = "  Digital conversion,\tof course!   "
    result = postedit_line("chuyển đổi số", target, indexes[("vi", "en")])
    assert result.text == "  Digital transformation,\tof course!   "


def test_missing_term_reported_when_nothing_matches(
        indexes: dict[tuple[str, str], GlossaryIndex]) -> None:
    result = postedit_line("Chính phủ số ở Hà Nội.", "An e-government in Hanoi.",
                           indexes[("vi", "en")])
    assert result.text == "An e-government in Hanoi."
    assert [(m.source_term, m.expected) for m in result.missing] == [
        ("Chính phủ số", "digital government")]


def test_code_needs_one_fix_per_source_occurrence(
        indexes: dict[tuple[str, str], GlossaryIndex]) -> None:
    result = postedit_line("749/QĐ-TTg", "749/QD-TTG and 749 / QD-TTg", indexes[("vi", "en")])
    assert result.text == "749/QD-TTg and 749 / QD-TTg"
    assert [e.action for e in result.edits] == ["restored_code"]


def test_postedit_lines_rejects_misaligned_input(indexes: dict[tuple[str, str], GlossaryIndex]
                                                 ) -> None:
    with pytest.raises(InputError, match="2 source lines but 1 target lines"):
        postedit_lines(["a", "b"], ["a"], indexes[("vi", "en")])


def test_direction_must_match_index(indexes: dict[tuple[str, str], GlossaryIndex]) -> None:
    with pytest.raises(InputError, match="vi->en"):
        postedit_line("a", "b", indexes[("vi", "en")], "vi", "ar")


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("", "abc", 3), ("hung", "hong", 1), ("ab", "ba", 1), ("kitten", "sitting", 3),
    ("ثاي", "تاي", 1), ("same", "same", 0)])
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert osa_distance(a, b) == distance


@pytest.mark.parametrize(("candidate", "preferred", "lang", "expected"), [
    ("Nguyen Manh Hong", "Nguyen Manh Hung", "en", True),
    ("Thai Nguyen", "Thái Nguyên", "vi", True),
    ("ثاي نجوين", "تاي نجوين", "ar", True),
    ("Nguyen Van Hung", "Nguyen Manh Hung", "en", False),   # another person
    ("Tay Nguyen", "Thai Nguyen", "en", False),             # another region
    ("Nguyen Manh", "Nguyen Manh Hung", "en", False),       # token counts differ
    ("Nguyen Manh Hung", "Nguyen Manh Hung", "en", False),  # identical is no near miss
])
def test_is_near_miss(candidate: str, preferred: str, lang: str, expected: bool) -> None:
    assert is_near_miss(candidate, preferred, lang) is expected


@pytest.mark.parametrize(("found", "replacement", "form", "expected"), [
    ("Digital conversion", "digital transformation", "digital conversion",
     "Digital transformation"),
    ("DIGITAL CONVERSION", "digital transformation", "digital conversion",
     "DIGITAL TRANSFORMATION"),
    ("digital conversion", "digital transformation", "digital conversion",
     "digital transformation"),
    ("AI", "artificial intelligence", "AI", "artificial intelligence"),  # acronym: no signal
    ("Ha Noi", "Hanoi", "Ha Noi", "Hanoi"),
    ("التحويل", "التحول", "التحويل", "التحول"),
])
def test_adapt_case(found: str, replacement: str, form: str, expected: str) -> None:
    assert adapt_case(found, replacement, form) == expected


def test_glossary_from_file_keeps_approved_only(entries: list[Entry], tmp_path: Path) -> None:
    loaded = load_glossary(DATA / "glossary.csv", tmp_path / "unused.db", src="vi", tgt="en")
    assert loaded.kind == "file"
    assert len(loaded.entries) == len(entries) - 1  # the candidate row is left out
    assert all(e.status == "approved" for e in loaded.entries)
    assert not (tmp_path / "unused.db").exists()


def test_glossary_from_database_hashes_like_the_file(tmp_path: Path) -> None:
    from glossary.store import Store

    db = tmp_path / "g.db"
    with Store(db) as store:
        store.add_many(read_glossary(DATA / "glossary.csv"))
    from_db = load_glossary(str(db), tmp_path / "other.db")
    from_file = load_glossary(DATA / "glossary.csv", db)
    assert from_db.kind == "db"
    assert len(from_db.entries) == len(from_file.entries)
    assert from_db.hash == from_file.hash == glossary_hash(from_file.entries)
    default = load_glossary(None, db)  # falls back to the configured database
    assert default.hash == from_db.hash


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no glossary database"):
        load_glossary(None, tmp_path / "avet.db")
    assert not (tmp_path / "avet.db").exists()


def test_index_skips_entries_without_target_form() -> None:
    only_vi = Entry(kind="term", status="approved",
                    forms={"vi": Forms(preferred="kinh tế số")})
    code = Entry(kind="code", status="approved", dnt=True,
                 forms={"vi": Forms(preferred="05-NQ/TU")})
    index = GlossaryIndex([only_vi, code], "vi", "en")
    assert [t.src_term for t in index.terms.values()] == ["05-NQ/TU"]
    result = postedit_line("Nghị quyết 05-NQ/TU", "Resolution 05-NQ / TU", index)
    assert result.text == "Resolution 05-NQ/TU"


CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "ar"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared Arabic corpus not available")
def test_real_arabic_text_changes_only_inside_edit_spans(
        indexes: dict[tuple[str, str], GlossaryIndex]) -> None:
    # Every corpus line is paired with a source naming Thái Nguyên and chuyển đổi số:
    # whatever is edited, the bytes outside the edit spans must stay as they were.
    edited = 0
    for path in sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        sources = ["chuyển đổi số ở Thái Nguyên"] * len(lines)
        for line, result in zip(lines, postedit_lines(sources, lines, indexes[("vi", "ar")]),
                                strict=True):
            rebuilt, pos = [], 0
            for edit in result.edits:
                rebuilt += [line[pos:edit.start], edit.after]
                pos = edit.end
            assert "".join([*rebuilt, line[pos:]]) == result.text
            if not result.edits:
                assert result.text == line
            edited += bool(result.edits)
            for edit in result.edits:
                assert edit.after.endswith("تاي نجوين") or "تحول الرقمي" in edit.after
    assert edited > 0


def test_english_plural_counts_as_rendered(indexes: dict[tuple[str, str], GlossaryIndex]
                                           ) -> None:
    result = postedit_line("Các chính phủ số", "Digital governments", indexes[("vi", "en")])
    assert (result.text, result.edits, result.missing) == ("Digital governments", [], [])


@pytest.mark.parametrize(("name", "src", "tgt", "source", "target", "expected", "actions"),
                         CASES, ids=[row[0] for row in CASES])
def test_postedit_is_idempotent(indexes: dict[tuple[str, str], GlossaryIndex], name: str,
                                src: str, tgt: str, source: str, target: str, expected: str,
                                actions: str) -> None:
    again = postedit_line(source, expected, indexes[(src, tgt)])
    assert (again.text, again.edits) == (expected, [])


def test_unmatchable_form_names_the_entry() -> None:
    bad = Entry(id=7, kind="term", status="approved",
                forms={"vi": Forms(preferred="chuyển đổi số"),
                       "en": Forms(preferred="digital transformation", forbidden=["—"])})
    with pytest.raises(InputError, match=r"glossary entry 7 \('chuyển đổi số'\)"):
        GlossaryIndex([bad], "vi", "en")


@pytest.mark.parametrize("form", ["NFD", "NFC"])
def test_vietnamese_target_is_written_in_nfc(form: Literal["NFD", "NFC"]) -> None:
    import unicodedata

    place = Entry(id=1, kind="place", status="approved",
                  forms={"vi": Forms(preferred="Quảng Ninh"), "en": Forms(preferred="Quang Ninh")})
    index = GlossaryIndex([place], "en", "vi")
    target = unicodedata.normalize(form, "Tỉnh Quang Ninh đẩy mạnh chuyển đổi số")
    result = postedit_line("Quang Ninh speeds up digital transformation", target, index)
    assert result.text == unicodedata.normalize("NFC", "Tỉnh Quảng Ninh đẩy mạnh chuyển đổi số")
    # The offsets refer to the line as given (NFD "Tỉnh" is 5 characters), as check's do.
    [edit] = result.edits
    start = 6 if form == "NFD" else 5
    assert (edit.start, edit.end, edit.before) == (start, start + 10, "Quang Ninh")
    assert target[edit.start:edit.end] == edit.before
    [finding] = check_lines(["Quang Ninh speeds up digital transformation"], [target], index)
    assert (finding.start, finding.end) == (edit.start, edit.end)


@pytest.mark.parametrize(("source", "target", "text", "missing"), [
    # One unambiguous near miss of each code, acronym and URL: restored.
    ("749/QD-TTg 05-NQ/TU https://a.gov.vn/x_y", "749/QD-TT 05-NQ/TW https://a.gov.vn/x-y",
     "749/QD-TTg 05-NQ/TU https://a.gov.vn/x_y", []),
    ("عبر تطبيق VNeID", "via the VNEID app", "via the VNeID app", []),
    # Two near misses of one code: ambiguous, left and reported.
    ("القرار 749/QD-TTg", "749/QD-TT and 749/QD-TTh", "749/QD-TT and 749/QD-TTh",
     ["749/QD-TTg"]),
    # An ordinary lowercase word is not a mangled acronym.
    ("قطاع IT", "it is the sector", "it is the sector", ["IT"]),
])
def test_codes_that_are_no_glossary_entry(source: str, target: str, text: str,
                                          missing: list[str]) -> None:
    result = postedit_line(source, target, GlossaryIndex([], "ar", "en"))
    assert result.text == text
    assert [m.expected for m in result.missing] == missing
    assert all(m.entry_id is None and m.key == CODE_KEY + m.expected for m in result.missing)
    assert all(e.action == "restored_code" and e.entry_id is None for e in result.edits)


def _government_and_bank(forbidden: str = "state", variant: str = "") -> GlossaryIndex:
    gov = Entry(id=1, kind="org", status="approved",
                forms={"vi": Forms("Chính phủ"),
                       "en": Forms("Government", [variant] if variant else [], [forbidden])})
    bank = Entry(id=2, kind="org", status="approved",
                 forms={"vi": Forms("Ngân hàng Nhà nước"), "en": Forms("State Bank of Vietnam")})
    return GlossaryIndex([gov, bank], "vi", "en")


@pytest.mark.parametrize(("forbidden", "variant", "target", "expected", "actions"), [
    # The forbidden form inside another entry's form is left; the term is there.
    ("state", "", "The State Bank of Vietnam was asked by the government to cut rates.",
     "The State Bank of Vietnam was asked by the government to cut rates.", []),
    # ... also when the term is missing: reported missing, the other entry intact.
    ("state", "", "The State Bank of Vietnam was asked to cut rates.",
     "The State Bank of Vietnam was asked to cut rates.", []),
    # A variant inside another entry's form likewise.
    ("regime", "state", "The State Bank of Vietnam cut rates, the cabinet said.",
     "The State Bank of Vietnam cut rates, the cabinet said.", []),
    # Standing alone, the forbidden form is still replaced.
    ("state", "", "The State Bank of Vietnam was asked by the state to cut rates.",
     "The State Bank of Vietnam was asked by the Government to cut rates.",
     ["replaced_forbidden"]),
])
def test_forbidden_inside_another_entrys_form_is_left(forbidden: str, variant: str,
                                                      target: str, expected: str,
                                                      actions: list[str]) -> None:
    result = postedit_line("Chính phủ yêu cầu Ngân hàng Nhà nước hạ lãi suất.", target,
                           _government_and_bank(forbidden, variant))
    assert result.text == expected
    assert [e.action for e in result.edits] == actions


@pytest.mark.parametrize(("form", "lang", "text", "found"), [
    ("IT", "en", "The ITU forum.", []),
    ("IT", "en", "IT and ITU, (IT).", ["IT", "IT"]),
    ("4G", "ar", "شبكات 5G و4G وبـ4G", ["4G", "4G"]),
    ("4G", "ar", "ساو4G", []),  # glued to a word that is no proclitic
    ("4G", "en", "and4G", []),
    # A digit is found in any of its scripts.
    ("١٢/٢٠٢٤/NĐ-CP", "en", "Decree 12/2024/NĐ-CP.", ["12/2024/NĐ-CP"]),
    ("12/2024", "ar", "المرسوم ١٢/٢٠٢٤ و۱۲/۲۰۲۴", ["١٢/٢٠٢٤", "۱۲/۲۰۲۴"]),
])
def test_bounded_finds_whole_words_only(form: str, lang: str, text: str,
                                        found: list[str]) -> None:
    assert [m.group() for m in bounded(form, lang).finditer(text)] == found


def test_arabic_code_after_a_proclitic_is_kept() -> None:
    result = postedit_line("Mạng 4G và 5G.", "شبكات الجيل 5G و4G.", GlossaryIndex([], "vi", "ar"))
    assert (result.text, result.edits, result.missing) == ("شبكات الجيل 5G و4G.", [], [])


@pytest.mark.parametrize(("source", "target", "text"), [
    # A code of the source in Arabic-Indic digits comes back in ASCII digits.
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP.", "Decree 12/2024/nd-cp was issued.",
     "Decree 12/2024/ND-CP was issued."),  # D in English
    # A code inside a term matched without regard to case keeps its case.
    ("وأصدرت الحكومة القرار 749/QD-TTg.", "The government issued Decision 749/qd-ttg.",
     "The government issued Decision 749/QD-TTg."),
])
def test_codes_are_restored_in_target_form(source: str, target: str, text: str) -> None:
    decision = Entry(id=8, kind="term", status="approved",
                     forms={"ar": Forms(preferred="القرار 749/QD-TTg"),
                            "en": Forms(preferred="Decision 749/QD-TTg")})
    result = postedit_line(source, target, GlossaryIndex([decision], "ar", "en"))
    assert (result.text, [e.action for e in result.edits]) == (text, ["restored_code"])


def _vneid() -> Entry:
    return Entry(id=1, kind="acronym", status="approved", dnt=True, case_sensitive=True,
                 forms={"en": Forms(preferred="VNeID"), "vi": Forms(preferred="VNeID")})


@pytest.mark.parametrize(("source", "target", "text"), [
    # Punctuation after a mangled code, then the next words: only the code is restored.
    ("Under Decision 749/QD-TTg: the plan runs to 2030.",
     "Theo Quyết định 749/qđ-ttg: kế hoạch kéo dài đến 2030.",
     "Theo Quyết định 749/QD-TTg: kế hoạch kéo dài đến 2030."),
    ("Under Decision 749/QD-TTg. The plan runs to 2030.",
     "Theo Quyết định 749/qđ-ttg. Kế hoạch kéo dài đến 2030.",
     "Theo Quyết định 749/QD-TTg. Kế hoạch kéo dài đến 2030."),
    ("The plan - see 749/QD-TTg - runs to 2030.",
     "Kế hoạch - xem 749/qđ-ttg - kéo dài đến 2030.",
     "Kế hoạch - xem 749/QD-TTg - kéo dài đến 2030."),
    ("Install VNeID. It is free.", "Cài đặt vneid. Nó miễn phí.",
     "Cài đặt VNeID. Nó miễn phí."),
])
def test_restoring_a_code_keeps_every_character_around_it(source: str, target: str,
                                                         text: str) -> None:
    result = postedit_line(source, target, GlossaryIndex([_vneid()], "en", "vi"))
    assert result.text == text
    assert [e.action for e in result.edits] == ["restored_code"]
