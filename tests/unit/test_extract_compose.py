"""Vi/en drafts composed from words.tsv: the table and the shapes (toolkit.extract.compose)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from glossary.errors import FormatError
from toolkit.extract import Extractor, building, extract_paths
from toolkit.extract import data as extract_data
from toolkit.extract.compose import (
    compose_translation,
    definiteness,
    fragment,
    longest_extensions,
)
from toolkit.extract.data import DATA_DIR, word_senses
from toolkit.extract.forms import coordinated
from toolkit.extract.tokenize import light_ar, term_word_key

WORDS = DATA_DIR / "words.tsv"


def _table_rows() -> list[tuple[int, list[str]]]:
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")) for n, line in enumerate(lines, 1)
            if line.strip() and not line.startswith("#")]


ROWS = _table_rows()


def compose(form: str) -> tuple[str, str]:
    """Composes a surface form as extraction does: its key, coordination and articles."""
    words = form.split()
    key = tuple(term_word_key(light_ar(w[1:] if i and w.startswith("\u0648\u0627\u0644") else w))
                for i, w in enumerate(words))
    return compose_translation(key, coordinated=coordinated(form), form=form)


# --- the table ---------------------------------------------------------------------


def test_table_is_general_and_says_where_it_comes_from() -> None:
    header = WORDS.read_text(encoding="utf-8").split("\n\u0627", 1)[0]
    assert "written by hand for avet" in header and "Apache-2.0" in header
    assert len(ROWS) >= 400
    pos = {cells[1] for _, cells in ROWS}
    assert pos == {"noun", "adj", "head"}


@pytest.mark.parametrize(("number", "cells"), ROWS, ids=[str(n) for n, _ in ROWS])
def test_every_row_is_well_formed(number: int, cells: list[str]) -> None:
    assert len(cells) in (5, 6), f"line {number}: {cells}"
    ar, pos, vi, en, agr = cells[:5]
    if len(cells) == 6:  # the English of a plural noun before another noun
        assert pos == "noun" and cells[5].isascii() and cells[5] not in ("", en)
    assert all(c == c.strip() for c in cells) and ar and pos and agr
    # only an adjective may be known without a translation of its own (عامة)
    assert (bool(vi) and bool(en)) or (pos == "adj" and not vi and not en)
    assert all("\u0621" <= ch <= "\u06ff" for ch in ar.replace(" ", ""))
    assert pos in ("noun", "adj", "head") and agr in ("m", "f", "pl", "*")
    assert vi == unicodedata.normalize("NFC", vi)
    assert en.isascii() and not any("\u0600" <= ch <= "\u06ff" for ch in vi)
    assert len(ar.split()) <= 4


def test_no_arabic_key_has_two_translations() -> None:
    seen: dict[tuple[str, ...], tuple[int, str, str]] = {}
    clashes = []
    for number, (ar, _, vi, en, *_) in ROWS:
        key = tuple(term_word_key(light_ar(w)) for w in ar.split())
        if key in seen and seen[key][1:] != (vi, en):
            clashes.append((seen[key][0], number, ar))
        seen.setdefault(key, (number, vi, en))
    assert clashes == []


@pytest.mark.parametrize("word", ["إدارة", "أجهزة", "هوية", "مشاركة"])
def test_words_with_two_usual_translations_stay_out(word: str) -> None:
    # إدارة: quản lý / Sở; أجهزة: thiết bị / cơ quan; هوية: định danh / bản sắc
    assert (term_word_key(light_ar(word)),) not in word_senses()


def test_a_fixed_coordination_is_keyed_without_its_conjunction() -> None:
    sense = word_senses()[("صناعه", "تجاره")]
    assert sense.coordinated and sense.vi == "Công Thương"
    assert not word_senses()[("بنيه", "تحتيه")].coordinated


def test_an_unknown_pos_names_the_file_line_and_fix(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "words.tsv").write_text("# c\nتحول\tverb\tchuyển đổi\ttransformation\tm\n",
                                        encoding="utf-8")
    monkeypatch.setattr(extract_data, "DATA_DIR", tmp_path)
    word_senses.cache_clear()
    try:
        with pytest.raises(FormatError) as err:
            word_senses()
    finally:
        word_senses.cache_clear()
    assert err.value.line == 2 and "noun, adj, head" in str(err.value.hint)


# --- the shapes --------------------------------------------------------------------


@pytest.mark.parametrize(("form", "vi", "en"), [
    ("السجلات الطبية الإلكترونية", "hồ sơ y tế điện tử", "electronic medical records"),
    # noun noun adjective: the adjective agrees with the second noun, or the first
    ("مؤشر التحول الرقمي", "chỉ số chuyển đổi số", "digital transformation index"),
    ("مركز البيانات الوطني", "trung tâm dữ liệu quốc gia", "national data centre"),
    ("منصات التجارة الإلكترونية", "nền tảng thương mại điện tử", "e-commerce platforms"),
    ("الشركات الصغيرة والمتوسطة", "doanh nghiệp nhỏ và vừa",
     "small and medium-sized enterprises"),  # a fixed coordination of adjectives
    # noun noun adjective adjective
    ("بوابة الخدمات العامة الوطنية", "cổng dịch vụ công quốc gia",
     "national public service portal"),
    ("برنامج التحول الرقمي الوطني", "chương trình chuyển đổi số quốc gia",
     "national digital transformation programme"),
    # a two-word adjective (عالية الجودة), a two-word noun after a noun
    ("الموارد البشرية عالية الجودة", "nhân lực chất lượng cao", "high-quality human resources"),
    ("شبكة الجيل الخامس", "mạng 5G", "5G network"),
    # noun + a two-word entry, and a chain of three nouns
    ("تطوير الموارد البشرية", "phát triển nhân lực", "human resources development"),
    ("خطة تطوير البنية التحتية", "kế hoạch phát triển hạ tầng",
     "infrastructure development plan"),
    # entries of two and three words that do not compose word by word
    ("الاستثمار الأجنبي المباشر", "đầu tư trực tiếp nước ngoài",
     "foreign direct investment"),
    ("السياحة البيئية", "du lịch sinh thái", "ecotourism"),
    ("اللجنة الشعبية الإقليمية", "Ủy ban nhân dân tỉnh", "provincial People's Committee"),
    ("سلامة الأراضي", "toàn vẹn lãnh thổ", "territorial integrity"),  # not "land safety"
    # the fourth pass: environment, finance, land
    ("طاقة الرياح البحرية", "năng lượng gió ngoài khơi", "offshore wind energy"),
    ("ضريبة الدخل الشخصي", "thuế thu nhập cá nhân", "personal income tax"),
    ("حقوق استخدام الأراضي", "quyền sử dụng đất", "land use rights"),
    # the fifth pass: disasters and water, industry, tourism
    ("موسم الأمطار", "mùa mưa", "rainy season"),
    ("المنخفض الاستوائي", "áp thấp nhiệt đới", "tropical depression"),
    ("خطوط الإنتاج", "dây chuyền sản xuất", "production lines"),
    ("المنتجعات الساحلية", "khu nghỉ dưỡng ven biển", "coastal resorts"),
    # a plural of persons before the head reads as its singular in English
    ("حماية الأطفال", "bảo vệ trẻ em", "child protection"),
    # an invariant adjective (عبر الإنترنت) after a noun adjective
    ("الخدمات العامة عبر الإنترنت", "dịch vụ công trực tuyến", "online public services"),
    # the agreement of persons (masculine plural)
    ("السياح الدوليين", "khách du lịch quốc tế", "international tourists"),
])
def test_chains_of_nouns_and_adjectives(form: str, vi: str, en: str) -> None:
    assert compose(form) == (vi, en)


@pytest.mark.parametrize("form", ["إخلاء السكان", "المجمعات الصناعية", "البيانات السكانية"])
def test_a_word_whose_sense_depends_on_context_drafts_nothing(form: str) -> None:
    # إخلاء: evacuation or site clearance; مجمع صناعي: cụm or khu công nghiệp; سكاني: dân số
    # or dân cư. Left out of the table, the term waits for the reviewer.
    assert compose(form) == ("", "")


@pytest.mark.parametrize(("form", "vi", "en"), [
    ("وزارة الصحة", "Bộ Y tế", "Ministry of Health"),
    ("وزارة الأمن العام", "Bộ Công an", "Ministry of Public Security"),
    ("وزارة الزراعة", "Bộ Nông nghiệp", "Ministry of Agriculture"),
    ("معهد التكنولوجيا الرقمية", "Viện Công nghệ số", "Institute of Digital Technology"),
    ("وزارة العلوم والتكنولوجيا", "Bộ Khoa học và Công nghệ",
     "Ministry of Science and Technology"),
    ("وزارة التعليم والتدريب", "Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
    ("وزارة الصناعة والتجارة", "Bộ Công Thương", "Ministry of Industry and Trade"),
    ("الوزارة", "bộ", "ministry"),
])
def test_institution_heads_read_x_of_y(form: str, vi: str, en: str) -> None:
    assert compose(form) == (vi, en)


@pytest.mark.parametrize(("form", "vi", "en"), [
    ("العلوم والتكنولوجيا", "khoa học và công nghệ", "science and technology"),
    ("الثقافة والرياضة", "văn hóa và thể thao", "culture and sport"),
])
def test_coordinations_say_and(form: str, vi: str, en: str) -> None:
    assert compose(form) == (vi, en)


@pytest.mark.parametrize("form", [
    "مركز البيانات الوطنيين",        # a plural of persons: no noun of the chain takes it
    "التحول الرقمية",                # a feminine adjective after a masculine noun
    "البيانات المعلومات",            # the first noun has the article: no genitive
    "مؤشر التحول رقمي",              # the adjective is not as definite as the phrase
    "وزارة التعليم الوطنية",         # the adjective agrees with وزارة: not decided
    "الوزارة الوطنية",               # a head with an adjective alone
    "معهد الاقتصاد الرقمي",          # الرقمي may go with معهد as well: not decided
    "الوزارة الزراعة",               # a head with the article governs no genitive
    "العلوم وتكنولوجيا",             # coordinated words of different definiteness
    "البيانات الضخمة والحوسبة",      # و binds apart
    "تكنولوجيا المعلومات والعلوم",   # noun noun وnoun: not decided
    "خطة تطوير قاعدة بيانات السكان",  # five nouns: too long
    "الرقمي التحول",                 # an adjective first
    "الإدارة العامة",                # إدارة is left out of the table
])
def test_undecided_shapes_stay_empty(form: str) -> None:
    assert compose(form) == ("", "")


def test_a_fixed_coordination_is_read_only_coordinated() -> None:
    assert compose("وزارة الصناعة والتجارة")[0] == "Bộ Công Thương"
    assert "Thương" not in compose("صناعة التجارة")[0]  # the industry of trade
    assert compose("صناعة التجارة")[0] == "công nghiệp thương mại"


def test_without_a_form_agreement_still_decides() -> None:
    assert compose_translation(("تحول", "رقمي")) == ("chuyển đổi số", "digital transformation")
    assert compose_translation(("تحول", "رقميه")) == ("", "")


@pytest.mark.parametrize(("form", "words", "expected"), [
    ("مؤشر التحول الرقمي", 3, [False, True, True]),
    ("العلوم والتكنولوجيا", 2, [True, True]),
    ("مؤشر التحول", 3, None),
    ("", 1, None),
])
def test_definiteness_reads_the_article_after_proclitics(
        form: str, words: int, expected: list[bool] | None) -> None:
    assert definiteness(form, words) == expected


def test_extraction_drafts_an_institution_name(tmp_path: Path) -> None:
    # Sentences written for this test.
    (tmp_path / "a.txt").write_text(
        "أعلنت وزارة الصحة خطة جديدة. وقالت وزارة الصحة إن المستشفيات تطبق الخطة.\n"
        "وتعمل وزارة الصحة مع المدارس.\n", encoding="utf-8")
    found = extract_paths([tmp_path], Extractor())
    terms = {c.entry.term("ar"): c.entry for c in found.candidates if c.origin == "term"}
    entry = terms["وزارة الصحة"]
    assert (entry.term("vi"), entry.term("en")) == ("Bộ Y tế", "Ministry of Health")
    assert entry.note == "vi/en composed word by word"


# --- no draft for a fragment of a longer name ----------------------------------------


def test_longest_extensions_keep_the_most_frequent_longer_key() -> None:
    counts = [(("وزاره", "صناعه"), 2, False), (("وزاره", "صناعه", "تجاره"), 2, True),
              (("وزاره", "صناعه", "جديده"), 1, False), (("تحول",), 5, False)]
    assert longest_extensions(counts) == {("وزاره", "صناعه"): 2, ("وزاره",): 2}


@pytest.mark.parametrize(("form", "continues"), [
    ("مؤشر التحول الرقمي", True),              # an adjective of the inner noun
    ("قاعدة بيانات السكان", True),             # a genitive
    ("البنية التحتية البيانات", True),         # a noun after a noun of two words
    ("البنية التحتية الرقمية", False),         # an adjective of the whole phrase
    ("وزارة الصناعة والتجارة", True),          # a coordinated field of an institution
    ("الشركات الصغيرة والمتوسطة", True),       # coordinated adjectives
    ("البيانات الضخمة والحوسبة", False),       # a list of terms
    ("مركز البيانات والإنترنت", False),        # a list: مركز is no institution head
    ("الهجمات الإلكترونية المتطورة", False),   # an adjective of the whole phrase
])
def test_which_longer_candidates_continue_a_name(form: str, continues: bool) -> None:
    words = form.split()
    key = tuple(term_word_key(light_ar(w[1:] if i and w.startswith("\u0648\u0627\u0644") else w))
                for i, w in enumerate(words))
    found = longest_extensions([(key, 3, coordinated(form))])
    assert (found.get(key[:-1]) == 3) is continues


@pytest.mark.parametrize(("keys", "count", "expected"), [
    ([("مؤشر", "تحول")], 3, True),              # always inside مؤشر التحول الرقمي
    ([("مؤشر", "تحول")], 4, False),             # once alone
    ([("مؤشر", "تحول"), ("مؤشرات", "تحول")], 4, True),  # its other number counts too
    ([("تحول",)], 1, False),                    # a single word is never a fragment
])
def test_a_fragment_is_never_seen_alone(
        keys: list[tuple[str, ...]], count: int, expected: bool) -> None:
    longest = {("مؤشر", "تحول"): 3, ("مؤشرات", "تحول"): 1, ("تحول",): 1}
    assert fragment(keys, count, longest) is expected


def test_extraction_drafts_no_fragment_of_a_longer_name(tmp_path: Path) -> None:
    # Sentences written for this test.
    (tmp_path / "a.txt").write_text(
        "أعلنت وزارة الصناعة والتجارة خطة. وقالت وزارة الصناعة والتجارة إن الدعم كبير.\n"
        "وتدعم الخطة الشركات الصغيرة والمتوسطة. وتحتاج الشركات الصغيرة والمتوسطة إلى التمويل.\n"
        "وارتفع مؤشر التحول الرقمي. ونشر المكتب مؤشر التحول الرقمي.\n"
        "وأعلنت وزارة الصحة خطة. وقالت وزارة الصحة إن المستشفيات تعمل.\n"
        "وتعمل وزارة الصحة والسكان.\n",
        encoding="utf-8")
    found = extract_paths([tmp_path], Extractor())
    terms = {c.entry.term("ar"): c.entry for c in found.candidates if c.origin == "term"}
    for piece in ("وزارة الصناعة", "الشركات الصغيرة", "مؤشر التحول"):
        assert piece in terms and (terms[piece].term("vi"), terms[piece].term("en")) == ("", "")
    assert terms["وزارة الصناعة والتجارة"].term("vi") == "Bộ Công Thương"
    assert terms["مؤشر التحول الرقمي"].term("en") == "digital transformation index"
    assert terms["الشركات الصغيرة والمتوسطة"].term("vi") == "doanh nghiệp nhỏ và vừa"
    assert terms["وزارة الصحة"].term("vi") == "Bộ Y tế"  # seen alone as well


# --- عام: public only where the phrase fixes it ------------------------------------


@pytest.mark.parametrize("form", [
    "الهدف العام", "المؤتمر العام", "المستشفى العام", "الخطة العامة", "التقييم العام",
    "مستشفى المقاطعة العام", "الإدارة العامة",
])
def test_general_is_not_drafted_public(form: str) -> None:
    assert compose(form) == ("", "")


@pytest.mark.parametrize(("form", "vi", "en"), [
    ("الخدمة العامة", "dịch vụ công", "public service"),
    ("الخدمات العامة", "dịch vụ công", "public services"),
    ("الاستثمار العام", "đầu tư công", "public investment"),
    ("الإنفاق العام", "chi tiêu công", "public spending"),
    ("الدين العام", "nợ công", "public debt"),
    ("القطاع العام", "khu vực công", "public sector"),
    ("الصحة العامة", "y tế công cộng", "public health"),
])
def test_public_in_the_fixed_phrases(form: str, vi: str, en: str) -> None:
    assert compose(form) == (vi, en)


def test_a_general_adjective_stays_an_adjective_for_ranking() -> None:
    sense = word_senses()[(term_word_key(light_ar("عامة")),)]
    assert sense.pos == "adj" and (sense.vi, sense.en) == ("", "")


# --- rows and official names ------------------------------------------------------


@pytest.mark.parametrize(("form", "vi", "en"), [
    ("النطاق العريض", "băng thông rộng", "broadband"),
    ("أهداف التنمية المستدامة", "mục tiêu phát triển bền vững",
     "sustainable development goals"),
    ("اللجنة الشعبية", "Ủy ban nhân dân", "People's Committee"),
    ("المجلس الشعبي", "Hội đồng nhân dân", "People's Council"),
    ("المنظمات الاجتماعية والسياسية", "tổ chức chính trị - xã hội",
     "socio-political organizations"),
    ("التنمية الاجتماعية والاقتصادية", "phát triển kinh tế - xã hội",
     "socio-economic development"),
    ("التنمية الاقتصادية والاجتماعية", "phát triển kinh tế - xã hội",
     "socio-economic development"),
    ("وزارة الموارد الطبيعية والبيئة", "Bộ Tài nguyên và Môi trường",
     "Ministry of Natural Resources and Environment"),
    ("وزارة المواصلات", "Bộ Giao thông vận tải", "Ministry of Transport"),
    ("وزارة النقل", "Bộ Giao thông vận tải", "Ministry of Transport"),
    ("قاعدة بيانات السكان الوطنية", "cơ sở dữ liệu quốc gia về dân cư",
     "national population database"),
    ("مرسوم الحكومة", "nghị định chính phủ", "government decree"),
    # a law title reads like an institution: Luật X / Law on X
    ("قانون البيانات", "Luật Dữ liệu", "Law on Data"),
    ("قانون الاستثمار", "Luật Đầu tư", "Law on Investment"),
    ("مشروع قانون الاستثمار", "dự thảo Luật Đầu tư", "draft Law on Investment"),
    ("القانون", "luật", "law"),
])
def test_official_names_and_fixed_rows(form: str, vi: str, en: str) -> None:
    assert compose(form) == (vi, en)


@pytest.mark.parametrize("form", [
    "اتفاقية التعاون",   # thỏa thuận or hiệp định: by who signs it
    "اتفاقيات التعاون",
])
def test_ambiguous_words_stay_out(form: str) -> None:
    assert compose(form) == ("", "")


# --- the drafts against the starter termbase ------------------------------------------

#: Starter entries whose composed Vietnamese differs from the approved one (synonyms
#: and capitals of proper names: đô thị / thành phố, tài liệu / văn bản, Ban Chỉ đạo).
#: 32 on 18b664c; it may only go down, but for synonyms a new word brings: 18 since the
#: fourth word pass (الشركات الناشئة المبتكرة: doanh nghiệp khởi nghiệp sáng tạo), 20 since
#: the fifth (الخدمات البريدية: dịch vụ bưu chính; مؤتمر الحزب الإقليمي: đại hội Đảng tỉnh, where
#: the starter has bưu chính and Đại hội Đảng bộ tỉnh).
STARTER_DISAGREEMENTS = 20


def _starter_drafts() -> list[tuple[str, str, str]]:
    """``(ar, composed vi, starter vi)`` for the starter terms that compose."""
    from glossary.starter import load_starter_termbase

    drafts = []
    for entry in load_starter_termbase():
        if entry.kind in ("person", "place", "code"):
            continue
        vi, _ = compose(entry.term("ar"))
        if vi:
            drafts.append((entry.term("ar"), vi, entry.term("vi")))
    return drafts


def test_drafts_agree_with_the_starter_termbase() -> None:
    drafts = _starter_drafts()
    differ = [f"{ar}: {vi} (starter {want})" for ar, vi, want in drafts if vi != want]
    assert len(drafts) >= 120
    assert len(differ) <= STARTER_DISAGREEMENTS, "\n".join(differ)


# --- English: a plural noun before another noun is a modifier ---------------------------


@pytest.mark.parametrize(("form", "en"), [
    ("بيانات القطاعات", "sector data"),
    ("سوق الأسهم", "stock market"),
    ("مؤشر أسعار المستهلكين", "consumer price index"),
    ("شبكة العيادات", "clinic network"),
    ("صادرات المنتجات الزراعية", "agricultural product exports"),
    ("منصات التجارة الإلكترونية", "e-commerce platforms"),  # the last English noun stays
    ("تطوير الموارد البشرية", "human resources development"),  # no modifier form
])
def test_english_modifiers_are_singular(form: str, en: str) -> None:
    assert compose(form)[1] == en


@pytest.mark.parametrize(("factor", "first"), [(1.0, "الأسماك المجففة"),
                                               (building.DOMAIN_FACTOR, "الأمن السيبراني")])
def test_a_term_the_word_table_composes_ranks_first_at_equal_termhood(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, factor: float, first: str) -> None:
    # Seen once each, a general phrase and a term of the domain score alike on keyness;
    # the one whose every word the table lists and composes is ranked first.
    (tmp_path / "a.txt").write_text(
        "تعزز المقاطعة الأمن السيبراني في المدارس هذا العام. ويبيع الصيادون الأسماك "
        "المجففة في السوق القديم كل صباح.", encoding="utf-8")
    monkeypatch.setattr(building, "DOMAIN_FACTOR", factor)
    found = [x.entry for x in extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
             if x.origin == "term"]
    pair = [e for e in found if e.term("ar") in ("الأسماك المجففة", "الأمن السيبراني")]
    assert next(e.term("ar") for e in pair) == first
    assert {e.term("ar"): e.term("vi") for e in pair}["الأمن السيبراني"] == "an ninh mạng"


@pytest.mark.parametrize(("form", "boosted"), [
    ("الأمن السيبراني", True),
    ("الأسماك", False),  # one word: a general noun, though the table lists it
    ("المركز الجديد", False),  # جديد is a general word (stopwords.txt)
    ("المواطنين والسياح", False),  # a coordination
])
def test_the_domain_factor_is_for_multiword_terms_of_the_domain(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str, boosted: bool) -> None:
    (tmp_path / "a.txt").write_text(
        "تعزز المقاطعة الأمن السيبراني في المدارس. ويبيع الصيادون الأسماك في السوق. "
        "وافتتح المركز الجديد أبوابه. ويستقبل المواطنين والسياح كل يوم.", encoding="utf-8")

    def score(factor: float) -> float:
        monkeypatch.setattr(building, "DOMAIN_FACTOR", factor)
        found = extract_paths([tmp_path / "a.txt"], Extractor([])).candidates
        return next(x.entry.score for x in found if x.entry.term("ar") == form)

    assert score(2.0) == pytest.approx(score(1.0) * (2.0 if boosted else 1.0))
