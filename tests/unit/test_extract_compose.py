"""Vi/en drafts composed from words.tsv: the table and the shapes (toolkit.extract.compose)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from glossary.errors import FormatError
from toolkit.extract import Extractor, extract_paths
from toolkit.extract import data as extract_data
from toolkit.extract.compose import compose_translation, definiteness
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
    assert len(cells) == 5, f"line {number}: {cells}"
    ar, pos, vi, en, agr = cells
    assert all(c == c.strip() and c for c in cells)
    assert all("\u0621" <= ch <= "\u06ff" for ch in ar.replace(" ", ""))
    assert pos in ("noun", "adj", "head") and agr in ("m", "f", "pl", "*")
    assert vi == unicodedata.normalize("NFC", vi)
    assert en.isascii() and not any("\u0600" <= ch <= "\u06ff" for ch in vi)
    assert len(ar.split()) <= 3


def test_no_arabic_key_has_two_translations() -> None:
    seen: dict[tuple[str, ...], tuple[int, str, str]] = {}
    clashes = []
    for number, (ar, _, vi, en, _) in ROWS:
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
     "national public services portal"),
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
    ("اللجنة الشعبية الإقليمية", "ủy ban nhân dân tỉnh", "provincial People's Committee"),
    # an invariant adjective (عبر الإنترنت) after a noun adjective
    ("الخدمات العامة عبر الإنترنت", "dịch vụ công trực tuyến", "online public services"),
    # the agreement of persons (masculine plural)
    ("السياح الدوليين", "khách du lịch quốc tế", "international tourists"),
])
def test_chains_of_nouns_and_adjectives(form: str, vi: str, en: str) -> None:
    assert compose(form) == (vi, en)


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
    ("التنمية الاجتماعية والاقتصادية", "phát triển xã hội và kinh tế",
     "social and economic development"),
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
