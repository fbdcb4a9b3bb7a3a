"""A border gate (بوابة، معبر) and a communal house or relic complex (الدار الجماعية، مجمع
آثار) name a place; the alef with madda written alone is the syllable A (بنك دونغ آ); an
established one-word spelling inside a longer name keeps its reading (بيا سايغون: Bia Sài
Gòn); a region the gazetteer lists is read before a site whose p is spelled ب (باك بو:
Bắc Bộ, not Pác Bó). The real transliterator, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.names_helpers import name_readings as _read
from toolkit.translit import Transliterator


@pytest.fixture(scope="module")
def translit() -> Transliterator:
    return Transliterator.default()


@pytest.mark.parametrize(("text", "ar"), [
    ("وتعمل بوابة تا لونغ على مدار الساعة.", "تا لونغ"),
    ("وتقع بوابة هوو نغي في مقاطعة لانغ سون.", "هوو نغي"),
    ("وعبرت الشاحنات معبر لاو باو أمس.", "لاو باو"),
    ("رممت البلدية الدار الجماعية تشو كوين العام الماضي.", "تشو كوين"),
    ("وتطور المقاطعة بوابة تشا لو، وتربطها بالطريق السريع.", "تشا لو"),
])
def test_a_gate_or_a_heritage_word_names_a_place(tmp_path: Path, text: str, ar: str) -> None:
    kind, _ = _read(tmp_path, text)[ar]
    assert kind == "place"


@pytest.mark.parametrize(("text", "ar", "vi"), [
    ("وقدم بنك دونغ آ قروضا للمزارعين في لونغ آن.", "دونغ آ", "Đồng A"),
    ("وقالت مديرة فرع بنك نام آ في المدينة إن الطلب ارتفع.", "نام آ", "Nam A"),
])
def test_a_lone_alef_with_madda_ends_a_name(tmp_path: Path, text: str, ar: str,
                                            vi: str) -> None:
    assert _read(tmp_path, text)[ar] == ("org", vi)


def test_a_lone_alef_with_madda_after_a_given_name(tmp_path: Path) -> None:
    readings = _read(tmp_path, "وقال المزارع جيانغ آ باو إن المحصول تحسن.")
    assert readings["جيانغ آ باو"] == ("person", "Giàng A Páo")


@pytest.mark.parametrize(("text", "ar", "first"), [
    ("وتستثمر شركة بيا سايغون في خط إنتاج جديد.", "بيا سايغون", "Bia"),
    ("ووقعت شركة تان كانغ سايغون عقدا جديدا.", "تان كانغ سايغون", "Tân"),
])
def test_a_fused_established_spelling_inside_an_organisation(tmp_path: Path, text: str,
                                                             ar: str, first: str) -> None:
    kind, vi = _read(tmp_path, text)[ar]
    assert (kind, vi.split()[0], vi.endswith(" Sài Gòn")) == ("org", first, True)


def test_a_fused_spelling_alone_is_still_the_city(translit: Transliterator) -> None:
    assert translit.ar_to_vi("سايغون", kind="place")[0].text == "Sài Gòn"


@pytest.mark.parametrize(("ar", "vi"), [
    ("باك بو", "Bắc Bộ"),
    ("نام بو", "Nam Bộ"),
    ("سا با", "Sa Pa"),
    ("كرونغ باك", "Krông Pắc"),
])
def test_a_region_before_a_site_spelled_alike(translit: Transliterator, ar: str,
                                              vi: str) -> None:
    assert translit.ar_to_vi(ar, kind="place")[0].text == vi


def test_the_site_spelled_alike_stays_a_candidate(translit: Transliterator) -> None:
    texts = [c.text for c in translit.ar_to_vi("باك بو", kind="place", top=3)]
    assert texts[:2] == ["Bắc Bộ", "Pác Bó"]


@pytest.mark.parametrize(("ar", "kind", "vi"), [
    ("هوو لونغ", "place", "Hữu Lũng"),
    ("نجوين هوو ثانغ", "person", "Nguyễn Hữu Thắng"),
])
def test_double_waw_still_spells_huu(translit: Transliterator, ar: str, kind: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, kind=kind)[0].text == vi
