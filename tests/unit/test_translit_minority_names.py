"""Names of the Hmong and Thái naming traditions: a family or middle name of the tradition
(Thào, A, Seo, Lò) lifts its given names (Sình, Sử, Xiêng), which stay unlikely in other
names; p, written ب, is read in the syllables that known names and priors have (Páo, Pác Bó)."""

from __future__ import annotations

import pytest

from toolkit.translit import Tables, Transliterator


@pytest.mark.parametrize(("role", "syllable", "group"), [
    ("surname", "thào", "hmong"),
    ("middle", "a", "hmong"),
    ("middle", "seo", "hmong"),
    ("given", "sình", "hmong"),
    ("surname", "cầm", "thai"),
    ("given", "xiêng", "thai"),
])
def test_groups_are_read_by_role(tables: Tables, role: str, syllable: str, group: str) -> None:
    assert tables.lexicon.groups[(role, syllable)] == group


def test_kinh_syllables_have_no_group(tables: Tables) -> None:
    groups = tables.lexicon.groups
    assert ("surname", "nguyễn") not in groups and ("given", "minh") not in groups


@pytest.mark.parametrize(("ar", "vi"), [
    ("ثاو آ سينه", "Thào A Sình"),      # Hmong family name and middle name A
    ("فانغ سيو سو", "Vàng Seo Sử"),     # middle name Seo
    ("لاو مي لو", "Lầu Mí Lử"),         # Mí, not Mỹ, after a Hmong family name
    ("ثاو سيو دين", "Thào Seo Dìn"),
    ("كام فان شيينغ", "Cầm Văn Xiêng"),  # Thái family name, Thái given name
    ("لو فان هوم", "Lò Văn Hom"),        # Lò rather than Lưu before a Thái given name
])
def test_given_names_of_the_tradition(plain: Transliterator, ar: str, vi: str) -> None:
    assert plain.ar_to_vi(ar, kind="person")[0].text == vi


@pytest.mark.parametrize(("ar", "kinh", "minority"), [
    ("نجوين فان باو", "Nguyễn Văn Bảo", "Nguyễn Văn Páo"),
    ("تران ثي با", "Trần Thị Ba", "Trần Thị Pà"),
])
def test_kinh_names_keep_kinh_given_names(plain: Transliterator, ar: str, kinh: str,
                                          minority: str) -> None:
    ranked = [c.text for c in plain.ar_to_vi(ar, kind="person", top=10)]
    assert ranked[0] == kinh and minority not in ranked


def test_a_tradition_middle_name_prefers_the_tradition_family_name(
        plain: Transliterator) -> None:
    ranked = [c.text for c in plain.ar_to_vi("جيانغ آ مينه", kind="person", top=10)]
    assert ranked.index("Giàng A Minh") < ranked.index("Giang A Minh")


@pytest.mark.parametrize(("ar", "vi"), [
    ("باك بو", "Pác Bó"),   # p read in a listed place
    ("سابا", "Sa Pa"),      # fused: read from the place's own spelling
    ("سا با", "Sa Pa"),
    ("باك نينه", "Bắc Ninh"),  # b stays b
])
def test_p_is_read_in_known_places(translit: Transliterator, ar: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, kind="place")[0].text == vi


def test_p_is_not_read_in_syllables_no_name_has(plain: Transliterator) -> None:
    readings = [c.text for c in plain.ar_to_vi("بينه", kind="place", top=10)]
    assert readings and not any(r.startswith("P") for r in readings)


@pytest.mark.parametrize(("ar", "vi"), [
    ("نجوين فان بانه", "Nguyễn Văn Banh"),  # not the Thái Pánh: no Thái family name
    ("نجوين ثي أون", "Nguyễn Thị Ôn"),      # not the Thái Ún
    ("نجوين فان تشا", "Nguyễn Văn Chà"),    # not the Hmong Chá
    ("لي آ تا", "Lê A Tạ"),                 # A after a Kinh family name lifts no Hmong name
])
def test_a_tradition_given_name_needs_the_tradition_family_name(
        translit: Transliterator, ar: str, vi: str) -> None:
    assert translit.ar_to_vi(ar, kind="person")[0].text == vi
