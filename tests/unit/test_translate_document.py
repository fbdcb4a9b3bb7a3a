"""Reading a document to translate: its script must fit ``--from`` (toolkit.translate.document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from toolkit.extract.reader import MIN_ARABIC_SHARE
from toolkit.translate import prepare_document
from toolkit.translate.document import MAX_LATIN_ARABIC_SHARE

ARABIC = "أطلقت الحكومة منصة رقمية جديدة لخدمة المواطنين عبر تطبيق VNeID.\n"
ENGLISH = "The government launched a new digital platform for citizens through VNeID.\n"
VIETNAMESE = ("Chính phủ đã ban hành nghị quyết về chuyển đổi số quốc gia. Người dân có thể "
              "dùng ứng dụng định danh điện tử để làm thủ tục hành chính trực tuyến.\n")
# English naming Vietnamese people and places: English all the same.
ENGLISH_NAMES = ("Prime Minister Phạm Minh Chính met the leaders of Thừa Thiên Huế and "
                 "Hà Nội to discuss the digital transformation of the public services.\n")


def _doc(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "src", "message", "hint"), [
    (ENGLISH, "ar", "only 0% of its letters are Arabic: it looks like English or Vietnamese",
     "give --from en or --from vi"),
    (VIETNAMESE, "ar", "it looks like Vietnamese, not Arabic", "give --from vi"),
    ("政府推出了新的数字平台。\n", "ar", "it looks like neither Arabic nor Latin script",
     "give --from ar, en or vi"),
    (ARABIC, "en", "of its letters are Arabic: it looks like Arabic, not English (--from en)",
     "give --from ar"),
    (ARABIC, "vi", "it looks like Arabic, not Vietnamese (--from vi)", "give --from ar"),
], ids=["en-as-ar", "vi-as-ar", "zh-as-ar", "ar-as-en", "ar-as-vi"])
def test_a_text_not_in_the_from_language_is_refused_naming_the_fix(
        tmp_path: Path, text: str, src: str, message: str, hint: str) -> None:
    path = _doc(tmp_path, text)
    with pytest.raises(InputError) as info:
        prepare_document(path, src)
    assert str(path) in str(info.value) and message in str(info.value)
    assert info.value.hint is not None and hint in info.value.hint


@pytest.mark.parametrize(("text", "src"), [
    (ARABIC, "ar"),
    # An Arabic text quoting Latin names and codes: the share extract takes as Arabic.
    ("وقال Nguyen Manh Hung إن VNeID و LGSP تربط Ha Noi و Da Nang\n", "ar"),
    (ENGLISH, "en"),
    (ENGLISH, "vi"),  # English and Vietnamese are not told apart: both Latin
    (VIETNAMESE, "vi"),
    (ENGLISH + ARABIC, "en"),  # an English text quoting Arabic
    ("", "ar"),
    ("2024 - 749/QD-TTg\n", "en"),  # no letters to judge by
], ids=["ar", "ar-quoting-latin", "en", "en-as-vi", "vi", "en-quoting-ar", "empty", "codes"])
def test_a_text_in_the_script_of_its_language_is_taken(
        tmp_path: Path, text: str, src: str, caplog: pytest.LogCaptureFixture) -> None:
    doc = prepare_document(_doc(tmp_path, text), src)
    assert doc.text == text
    assert not [r for r in caplog.records if "looks like" in r.getMessage()]


@pytest.mark.parametrize("arabic", [0, 10, 19, 20, 21, 50, 51, 100])
def test_an_arabic_source_is_refused_where_extract_skips_it(tmp_path: Path,
                                                            arabic: int) -> None:
    from toolkit.batch.jobs import not_arabic

    text = "ب" * arabic + " " + "x" * (100 - arabic) + "\n"
    refused_by_extract = not_arabic(text) is not None
    assert refused_by_extract == (arabic < MIN_ARABIC_SHARE * 100)
    path = _doc(tmp_path, text)
    if refused_by_extract:
        with pytest.raises(InputError, match="not Arabic"):
            prepare_document(path, "ar")
    else:
        prepare_document(path, "ar")
    # A Latin-script source may quote Arabic, up to MAX_LATIN_ARABIC_SHARE of its letters.
    if arabic > MAX_LATIN_ARABIC_SHARE * 100:
        with pytest.raises(InputError, match="looks like Arabic"):
            prepare_document(path, "en")
    else:
        prepare_document(path, "en")


@pytest.mark.parametrize(("text", "warned"), [
    (VIETNAMESE, True),
    (ENGLISH_NAMES, False),
    (ENGLISH, False),
    ("Phạm Minh Chính, Nguyễn Thị Thanh Hoa, Thừa Thiên Huế, Hà Nội and the other "
     "leaders of the provinces met in the capital of the country to discuss the plan.\n",
     False),
], ids=["vietnamese", "english-with-names", "english", "english-many-names"])
def test_vietnamese_given_as_english_is_warned_of(
        tmp_path: Path, text: str, warned: bool, caplog: pytest.LogCaptureFixture) -> None:
    path = _doc(tmp_path, text)
    prepare_document(path, "en")
    notes = [r.getMessage() for r in caplog.records if "looks like Vietnamese" in r.getMessage()]
    assert notes == ([f"{path}: it looks like Vietnamese, not English (--from en): many of "
                      "its letters are only Vietnamese (ơ ư đ ạ ả…); give --from vi if it is"]
                     if warned else [])
