"""The extraction pipeline end to end on texts written for these tests, with a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.store import Store
from tests.unit.entries import approved
from toolkit.extract import Extractor, extract_paths

DOC_A = (
    "زار السيد نجوين مانه هونغ مقاطعة تاي نجوين أمس، وأكد أن التحوّل الرقمي في مقاطعة "
    "ثاي نجوين يتقدم بسرعة. وتعمل مقاطعة تاي نغوين على تطبيق VNeID وفق القرار 12-NQ/TU.\n"
    "المصدر: https://example.vn/tin-12-NQ-TU.htm\n"
)
DOC_B = (
    "وفي مقاطعة تاي نجوين يعتمد التحول الرقمي على الحوسبة السحابية، "
    "كما تدعم الحوسبة السحابية بالتحول الرقمي في المدارس.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.md").write_text(DOC_B, encoding="utf-8")
    return folder


def by_origin(result_candidates: list, origin: str) -> dict[str, object]:
    return {c.entry.term("ar"): c for c in result_candidates if c.origin == origin}


def test_three_spellings_are_one_name_entry(corpus: Path) -> None:
    result = extract_paths([corpus], Extractor())
    names = by_origin(result.candidates, "name")
    assert "تاي نجوين" in names
    entry = names["تاي نجوين"].entry  # type: ignore[attr-defined]
    assert sorted(entry.forms["ar"].variants) == ["تاي نغوين", "ثاي نجوين"]
    assert entry.frequency == 4
    assert entry.kind == "place"
    assert entry.forms["vi"].candidates and entry.term("vi").startswith("Th")
    assert entry.term("en") and entry.term("en").isascii()
    assert result.documents == [str(corpus / "a.txt"), str(corpus / "b.md")]


def test_codes_are_verbatim_and_urls_ignored(corpus: Path) -> None:
    codes = by_origin(extract_paths([corpus], Extractor()).candidates, "code")
    assert set(codes) == {"VNeID", "12-NQ/TU"}
    code = codes["12-NQ/TU"].entry  # type: ignore[attr-defined]
    assert (code.kind, code.dnt) == ("code", True)
    assert code.term("vi") == code.term("en") == "12-NQ/TU"
    assert code.frequency == 1  # the pieces of the URL are not counted
    assert codes["VNeID"].entry.kind == "acronym"  # type: ignore[attr-defined]


def test_terms_fold_definiteness_and_clitics(corpus: Path) -> None:
    terms = by_origin(extract_paths([corpus], Extractor()).candidates, "term")
    entry = terms["التحول الرقمي"].entry  # type: ignore[attr-defined]
    assert entry.frequency == 3
    assert entry.forms["ar"].variants == []  # التحوّل differs only by a diacritic
    assert "بالتحول الرقمي" not in entry.forms["ar"].variants
    assert entry.term("vi") == "chuyển đổi số"  # composed from words.tsv
    assert entry.term("en") == "digital transformation"
    assert "الحوسبة السحابية" in terms


def test_contexts_are_offsets_into_the_original_text(corpus: Path) -> None:
    result = extract_paths([corpus], Extractor())
    for found in result.candidates:
        for ctx in found.entry.contexts:
            text = Path(ctx.doc).read_text(encoding="utf-8")
            assert text[ctx.start:ctx.end] == ctx.form
            assert found.entry.contexts.index(ctx) < 5


def test_known_entries_give_vi_and_en_and_can_be_approved(corpus: Path) -> None:
    known = [approved("الحوسبة السحابية", "điện toán đám mây", "cloud computing"),
             approved("تاي نجوين", "Thái Nguyên", "Thai Nguyen", "place")]
    result = extract_paths([corpus], Extractor(known, approve_known=True))
    terms = by_origin(result.candidates, "term")
    cloud = terms["الحوسبة السحابية"]
    assert cloud.entry.term("vi") == "điện toán đám mây"  # type: ignore[attr-defined]
    assert cloud.entry.status == "approved"  # type: ignore[attr-defined]
    name = by_origin(result.candidates, "name")["تاي نجوين"]
    assert name.entry.term("vi") == "Thái Nguyên"  # type: ignore[attr-defined]
    assert name.entry.forms["vi"].candidates[0].score == 1.0  # type: ignore[attr-defined]
    assert terms["التحول الرقمي"].entry.status == "candidate"  # type: ignore[attr-defined]


def test_a_confirmed_candidate_carries_the_known_entry_s_full_forms(
        corpus: Path, tmp_path: Path) -> None:
    known = approved("التحول الرقمي", "chuyển đổi số", "digital transformation")
    known.forms["ar"].variants = ["تحول رقمي"]
    known.forms["ar"].forbidden = ["التحويل الرقمي"]
    known.forms["vi"].variants = ["CĐS"]
    known.forms["en"].forbidden = ["digital conversion"]
    known.note, known.source = "abbreviated CĐS", "starter termbase: test"
    place = approved("تاي نجوين", "Thái Nguyên", "Thai Nguyen", "place")
    place.forms["ar"].variants = ["ثاي نغوين"]
    place.forms["en"].forbidden = ["Thai Nguyen Province"]
    result = extract_paths([corpus], Extractor([known, place], approve_known=True))
    term = by_origin(result.candidates, "term")["التحول الرقمي"].entry  # type: ignore[attr-defined]
    assert term.forms["ar"].forbidden == ["التحويل الرقمي"]
    assert term.forms["ar"].variants == ["تحول رقمي"]
    assert term.forms["vi"].variants == ["CĐS"]
    assert term.forms["en"].forbidden == ["digital conversion"]
    assert (term.note, term.source) == ("abbreviated CĐS", "starter termbase: test")
    name = by_origin(result.candidates, "name")["تاي نجوين"].entry  # type: ignore[attr-defined]
    assert sorted(name.forms["ar"].variants) == ["تاي نغوين", "ثاي نجوين", "ثاي نغوين"]
    assert name.forms["en"].forbidden == ["Thai Nguyen Province"]
    with Store(tmp_path / "g.db", actor="test") as store:
        from toolkit.extract import store_candidates

        rows = store_candidates(store, result.candidates, approve_known=True)
        stored = next(e for e, _ in rows if e.term("ar") == "التحول الرقمي")
        assert stored.status == "approved"
        assert stored.forms["en"].forbidden == ["digital conversion"]
        assert stored.forms["ar"].forbidden == ["التحويل الرقمي"]


def test_approved_entries_are_never_overwritten(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "g.db", actor="test") as store:
        entry_id = store.add(approved("التحول الرقمي", "chuyển đổi số (đã duyệt)", "DX"))
        known = list(store.iter_entries(status="approved"))
        result = extract_paths([corpus], Extractor(known))
        for found in result.candidates:
            store.upsert_evidence(found.entry, found.doc_counts)
        stored = store.get(entry_id)
        assert stored.status == "approved"
        assert stored.term("vi") == "chuyển đổi số (đã duyệt)"
        assert stored.term("en") == "DX"
        assert stored.frequency == 3
        assert stored.contexts
        # Running it again counts the same documents once.
        for found in extract_paths([corpus], Extractor(known)).candidates:
            store.upsert_evidence(found.entry, found.doc_counts)
        assert store.get(entry_id).frequency == 3


def test_a_bad_file_is_reported_and_the_others_go_on(corpus: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    result = extract_paths([corpus, corpus / "absent.txt"], Extractor())
    failed = sorted(str(f.path) for f in result.failures)
    assert failed == sorted([str(corpus / "broken.txt"), str(corpus / "absent.txt")])
    assert len(result.documents) == 2
    assert by_origin(result.candidates, "name")


def test_min_count_drops_rare_candidates(corpus: Path) -> None:
    result = extract_paths([corpus], Extractor(min_count=3))
    assert result.candidates
    assert all(c.entry.frequency >= 3 for c in result.candidates)


@pytest.mark.parametrize(("text", "kind", "vi"), [
    # A ward named after a person: read both ways, the gazetteer confirms the place.
    ("يقع حي فان دينه فونغ في وسط المدينة الجديدة.", "place", "Phan Đình Phùng"),
    ("قال السيد فان دينه فونغ إن العمل مستمر.", "person", "Phan Đình Phong"),
])
def test_a_place_named_after_a_person_is_read_both_ways(
        tmp_path: Path, text: str, kind: str, vi: str) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    names = by_origin(extract_paths([tmp_path / "a.txt"], Extractor()).candidates, "name")
    entry = names["فان دينه فونغ"].entry  # type: ignore[attr-defined]
    assert (entry.kind, entry.term("vi")) == (kind, vi)
    readings = [c.text for c in entry.forms["vi"].candidates]
    assert len(readings) == len(set(readings)) <= 5


def test_shape_counts_once_and_the_gazetteer_confirms_places(tmp_path: Path) -> None:
    # ها (Hà) is a family name, but a cue says place: the shape vote is not
    # multiplied by the seven mentions. مستشفى (org cue) + a gazetteer place.
    text = ("زار الوفد مقاطعة ها تينه. ها تينه تتقدم، وها تينه تعمل، ها تينه تنمو، "
            "ها تينه تبني. ها تينه تكبر. وفي ها تينه يقوم مستشفى باك كان العام بدوره.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    names = by_origin(extract_paths([tmp_path / "a.txt"], Extractor()).candidates, "name")
    ha_tinh = names["ها تينه"].entry  # type: ignore[attr-defined]
    assert (ha_tinh.kind, ha_tinh.term("vi"), ha_tinh.frequency) == ("place", "Hà Tĩnh", 7)
    bac_kan = names["باك كان"].entry  # type: ignore[attr-defined]
    assert (bac_kan.kind, bac_kan.term("vi")) == ("place", "Bắc Kạn")


@pytest.mark.parametrize(("share", "read"), [(0.0, 2), (0.2, 1)])
def test_extract_paths_skips_documents_hardly_arabic(tmp_path: Path, share: float,
                                                    read: int) -> None:
    (tmp_path / "ar.txt").write_text("أطلقت الوزارة منصة رقمية جديدة.", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The ministry launched a new platform.", encoding="utf-8")
    result = extract_paths([tmp_path], Extractor([]), min_arabic_share=share)
    assert len(result.documents) == read
    assert result.skipped == ([] if read == 2 else [(str(tmp_path / "en.txt"), 0.0)])


@pytest.fixture(scope="module")
def starter_entries() -> list:
    from glossary.starter import load_starter_termbase

    return load_starter_termbase()


@pytest.mark.parametrize(("text", "person", "vi"), [
    # Given names that are also province names: one person, no province.
    ("وأكدت السيدة نجوين ثي ثانه هوا أن اللجنة ستعمل.", "نجوين ثي ثانه هوا",
     "Nguyễn Thị Thanh Hoa"),
    ("وأشار السيد نجوين هوا بينه إلى أهمية العمل.", "نجوين هوا بينه", "Nguyễn Hòa Bình"),
    # The conjunction أن after the name is not the syllable آن of Long An.
    ("وأكد السيد لي ثانه لونغ أن الخطة تسير.", "لي ثانه لونغ", "Lê Thanh Long"),
])
def test_a_place_inside_a_person_name_does_not_split_it(
        tmp_path: Path, starter_entries: list, text: str, person: str,
        vi: str) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = extract_paths([tmp_path / "a.txt"], Extractor(starter_entries))
    names = {c.entry.term("ar"): c.entry for c in result.candidates if c.origin == "name"}
    assert list(names) == [person]
    assert (names[person].kind, names[person].term("vi")) == ("person", vi)


@pytest.mark.parametrize(("text", "expected"), [
    # The text separates the person and the place: both stay.
    ("زار السيد نجوين فان هونغ مقاطعة ثانه هوا أمس.",
     {"نجوين فان هونغ": "person", "ثانه هوا": "place"}),
    ("وقال السيد تران هونغ في مقاطعة لونغ آن إن العمل مستمر.",
     {"تران هونغ": "person", "لونغ آن": "place"}),
    # A place written as one word is no syllable of the name before it (the verb's object).
    ("وزار السيد نجوين فان هونغ هانوي أمس.",
     {"نجوين فان هونغ": "person", "هانوي": "place"}),
])
def test_a_person_then_a_place_stay_two_names(
        tmp_path: Path, starter_entries: list, text: str,
        expected: dict[str, str]) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = extract_paths([tmp_path / "a.txt"], Extractor(starter_entries))
    names = {c.entry.term("ar"): c.entry.kind for c in result.candidates if c.origin == "name"}
    assert names == expected


@pytest.mark.parametrize(("text", "ar", "variants"), [
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP أمس.", "١٢/٢٠٢٤/NĐ-CP", []),
    ("صدر المرسوم ١٢/٢٠٢٤/NĐ-CP ثم المرسوم 12/2024/NĐ-CP ونص المرسوم ١٢/٢٠٢٤/NĐ-CP.",
     "١٢/٢٠٢٤/NĐ-CP", ["12/2024/NĐ-CP"]),
    ("صدر المرسوم 12/2024/NĐ-CP أمس.", "12/2024/NĐ-CP", []),
])
def test_a_code_in_arabic_indic_digits_has_ascii_digits_in_vi_and_en(
        tmp_path: Path, text: str, ar: str, variants: list[str]) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (code,) = [c.entry for c in extract_paths([tmp_path / "a.txt"], Extractor()).candidates
               if c.origin == "code"]
    assert (code.term("ar"), code.term("vi"), code.term("en")) == (
        ar, "12/2024/NĐ-CP", "12/2024/NĐ-CP")
    assert code.forms["ar"].variants == variants


@pytest.mark.parametrize(("text", "count"), [
    ("وقال نائب رئيس الوزراء تْرَان هُونْغ هَا إن العمل مستمر.", 1),
    ("وقال السيد تْرَان هُونْغ هَا إن العمل مستمر، وأكد السيد تْرَانْ هُونْـغ هَا "
     "أن الخطة جيدة. وزار السيد تران هونغ ها المدينة.", 3),
])
def test_a_name_written_with_harakat_is_stored_plain(
        tmp_path: Path, text: str, count: int) -> None:
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    names = by_origin(extract_paths([tmp_path / "a.txt"], Extractor()).candidates, "name")
    assert list(names) == ["تران هونغ ها"]
    entry = names["تران هونغ ها"].entry  # type: ignore[attr-defined]
    assert (entry.forms["ar"].variants, entry.frequency) == ([], count)


@pytest.mark.parametrize("verb", ["ستنفذ", "سيصبح", "ستشمل", "سنعمل"])
def test_a_future_verb_is_in_no_term_candidate(tmp_path: Path, verb: str) -> None:
    text = f"قالت الوزارة إن اللجنة الشعبية {verb} القرار الجديد. والإنترنت {verb} المنصة الرقمية."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    terms = by_origin(extract_paths([tmp_path / "a.txt"], Extractor()).candidates, "term")
    assert "اللجنة الشعبية" in terms and "المنصة الرقمية" in terms
    assert not [t for t in terms if verb in t.split()]


def test_a_latin_gloss_puts_its_reading_first_and_is_no_acronym(tmp_path: Path) -> None:
    text = ("وقال السيد لي فان ثانه (Lê Văn Thành) إن العمل مستمر في لاو كاي (Lào Cai). "
            "وأكد السيد لي فان ثانه أن الخطة جيدة.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    found = extract_paths([tmp_path / "a.txt"], Extractor()).candidates
    names = by_origin(found, "name")
    assert names["لي فان ثانه"].entry.term("vi") == "Lê Văn Thành"  # type: ignore[attr-defined]
    assert names["لاو كاي"].entry.term("vi") == "Lào Cai"  # type: ignore[attr-defined]
    assert by_origin(found, "code") == {}
