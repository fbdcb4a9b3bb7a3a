"""Tests of glossary.matcher: clitics, boundaries, longest match, offsets, scale."""

from __future__ import annotations

import itertools
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.errors import InputError
from glossary.matcher import Match, Matcher
from glossary.model import Entry, Forms
from glossary.normalize import match_key


def _matcher(lang: str, *forms: str, **kw: object) -> Matcher:
    matcher = Matcher(lang, **kw)  # type: ignore[arg-type]
    for i, form in enumerate(forms):
        matcher.add(form, i)
    return matcher


def _found(matcher: Matcher, text: str) -> list[tuple[str, str, str]]:
    """(surface, clitic, text from prefix_start to end) of each match."""
    return [(m.surface, m.clitic, text[m.prefix_start : m.end]) for m in matcher.find(text)]


# ------------------------------------------------------------------ Arabic clitics

_ARTICLE_TERM = "التحول الرقمي"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("التحول الرقمي", [("التحول الرقمي", "", "التحول الرقمي")]),
        ("بالتحول الرقمي", [("التحول الرقمي", "ب", "بالتحول الرقمي")]),
        ("كالتحول الرقمي", [("التحول الرقمي", "ك", "كالتحول الرقمي")]),
        ("والتحول الرقمي", [("التحول الرقمي", "و", "والتحول الرقمي")]),
        ("فالتحول الرقمي", [("التحول الرقمي", "ف", "فالتحول الرقمي")]),
        ("وبالتحول الرقمي", [("التحول الرقمي", "وب", "وبالتحول الرقمي")]),
        ("فبالتحول الرقمي", [("التحول الرقمي", "فب", "فبالتحول الرقمي")]),
        ("للتحول الرقمي", [("لتحول الرقمي", "ل", "للتحول الرقمي")]),
        ("وللتحول الرقمي", [("لتحول الرقمي", "ول", "وللتحول الرقمي")]),
        ("فللتحول الرقمي", [("لتحول الرقمي", "فل", "فللتحول الرقمي")]),
        # negatives
        ("تحول الرقمي", []),  # article missing
        ("لتحول الرقمي", []),  # ل + stem without the article's ل
        ("لالتحول الرقمي", []),  # ل does not take the full article
        ("مالتحول الرقمي", []),  # not a clitic
        ("وكبالتحول الرقمي", []),  # two prepositions
        ("التحولات الرقمية", []),  # longer words
        ("التحول الرقميات", []),
    ],
)
def test_clitics_before_article_terms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(_matcher("ar", _ARTICLE_TERM), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هانوي", [("هانوي", "", "هانوي")]),
        ("بهانوي", [("هانوي", "ب", "بهانوي")]),
        ("لهانوي", [("هانوي", "ل", "لهانوي")]),
        ("كهانوي", [("هانوي", "ك", "كهانوي")]),
        ("وهانوي", [("هانوي", "و", "وهانوي")]),
        ("فهانوي", [("هانوي", "ف", "فهانوي")]),
        ("وبهانوي", [("هانوي", "وب", "وبهانوي")]),
        ("فلهانوي", [("هانوي", "فل", "فلهانوي")]),
        ("الهانوي", []),  # the article makes another word
        ("والهانوي", []),
        ("بالهانوي", []),
        ("مهانوي", []),
        ("هانويون", []),
        ("وببهانوي", []),
    ],
)
def test_clitics_before_plain_terms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(_matcher("ar", "هانوي"), text) == expected


@pytest.mark.parametrize(
    ("form", "text", "clitic", "surface", "standalone"),
    [
        ("الحكومة الرقمية", "للحكومة الرقمية", "ل", "لحكومة الرقمية", "الحكومة الرقمية"),
        ("الحكومة الرقمية", "بالحكومة الرقمية", "ب", "الحكومة الرقمية", "الحكومة الرقمية"),
        ("اللجنة الشعبية", "للجنة الشعبية", "ل", "لجنة الشعبية", "اللجنة الشعبية"),  # ل + اللجنة
        ("اللجنة الشعبية", "وللجنة الشعبية", "ول", "لجنة الشعبية", "اللجنة الشعبية"),
        ("اللجنة الشعبية", "لللجنة الشعبية", "ل", "للجنة الشعبية", "اللجنة الشعبية"),  # 3 lams
        ("لجنة الحزب", "للجنة الحزب", "ل", "لجنة الحزب", "لجنة الحزب"),  # ل + لجنة: no article
        ("هانوي", "لهانوي", "ل", "هانوي", "هانوي"),
    ],
)
def test_standalone_puts_back_the_article_that_lam_elided(
        form: str, text: str, clitic: str, surface: str, standalone: str) -> None:
    (match,) = _matcher("ar", form).find(text)
    assert (match.clitic, match.surface, match.standalone) == (clitic, surface, standalone)
    assert match.surface == text[match.start:match.end]


def test_lam_stem_form_is_not_found_in_its_indefinite_spelling() -> None:
    assert _matcher("ar", "اللجنة الشعبية").find("لجنة الشعبية") == []


def test_clitic_before_name_starting_with_lam() -> None:
    assert _found(_matcher("ar", "لاو كاي"), "للاو كاي") == [("لاو كاي", "ل", "للاو كاي")]


def test_clitics_with_diacritics_are_reported_without_them() -> None:
    text = "وَبِالتَّحَوُّلِ الرَّقْمِيِّ"
    (match,) = _matcher("ar", _ARTICLE_TERM).find(text)
    assert match.clitic == "وب"
    assert match.prefix_start == 0
    assert match.surface == text[match.start : match.end]
    assert match.surface.startswith("ال")
    assert match.end == len(text)


def test_no_clitics_outside_arabic() -> None:
    assert _matcher("en", "hanoi").find("bhanoi") == []


# ------------------------------------------------------------------ boundaries


@pytest.mark.parametrize(
    ("forms", "text", "surfaces"),
    [
        (("NQ",), "القرار 05-NQ/TU بشأن", []),
        (("05-NQ/TU",), "القرار 05-NQ/TU بشأن", ["05-NQ/TU"]),
        (("05-NQ/TU", "NQ"), "05-NQ/TU و NQ", ["05-NQ/TU", "NQ"]),
        (("05-NQ/TU",), "(05-NQ/TU).", ["05-NQ/TU"]),
        (("05-NQ/TU",), "05-NQ/TUX", []),
        (("2025",), "2020-2025", []),
        (("2020-2025",), "الفترة 2020-2025.", ["2020-2025"]),
        (("التحول",), "التحولات", []),
        (("تحول",), "التحول", []),
        (("التحول",), "«التحول»", ["التحول"]),
        (("التحول",), "التحول- هو", ["التحول"]),
        (("لاو كاي",), "لاو كاي،لاو كاي", ["لاو كاي", "لاو كاي"]),
    ],
)
def test_word_boundaries_arabic(forms: tuple[str, ...], text: str, surfaces: list[str]) -> None:
    assert [m.surface for m in _matcher("ar", *forms).find(text)] == surfaces


@pytest.mark.parametrize(
    ("forms", "text", "surfaces"),
    [
        (("form",), "transform the form", ["form"]),
        (("e-government",), "E-Government services", ["E-Government"]),
        (("government",), "e-government", ["government"]),  # "-" between words separates
        (("e-commerce",), "E-Commerce, e commerce", ["E-Commerce"]),  # a hyphen form needs it
        (("U.S.",), "the U.S. economy", ["U.S"]),
        (("U.S.",), "the U.S economy", []),  # edge punctuation must be in the text
        (("C++",), "C++ and C", ["C"]),
        (("(ABC)",), "ABC (ABC)", ["ABC"]),
        (("digital transformation",), "Digital  transformation", []),
        (("digital transformation",), "digital\ntransformation", ["digital\ntransformation"]),
        (("ai",), "AI, ai; Ai.", ["AI", "ai", "Ai"]),
    ],
)
def test_word_boundaries_english(forms: tuple[str, ...], text: str, surfaces: list[str]) -> None:
    assert [m.surface for m in _matcher("en", *forms).find(text)] == surfaces


@pytest.mark.parametrize(
    ("lang", "forms", "text", "surfaces"),
    [
        # "-" and "/" between words are word boundaries...
        ("en", ("Vietnam", "Laos"), "The Vietnam-Laos border.", ["Vietnam", "Laos"]),
        ("en", ("Hanoi", "Vientiane"), "The Hanoi/Vientiane flight", ["Hanoi", "Vientiane"]),
        ("en", ("Vietnam", "US"), "the Vietnam-US partnership", ["Vietnam", "US"]),
        ("en", ("Vietnam", "Vietnam-Laos"), "Vietnam-Laos", ["Vietnam-Laos"]),  # longest
        ("vi", ("Việt Nam", "Lào"), "Biên giới Việt Nam-Lào", ["Việt Nam", "Lào"]),
        ("vi", ("Bà Rịa-Vũng Tàu",), "tỉnh Bà Rịa-Vũng Tàu", ["Bà Rịa-Vũng Tàu"]),
        ("vi", ("Bà Rịa-Vũng Tàu",), "tỉnh Bà Rịa Vũng Tàu", []),
        ("ar", ("هانوي",), "رحلة هانوي/فيينتيان", ["هانوي"]),
        # ...but they join the parts of a code: a digit, or capitals beside no plain word.
        ("en", ("QD-TTg", "TTg", "749/QD-TTg"), "749/QD-TTg, QD-TTg", ["749/QD-TTg", "QD-TTg"]),
        ("en", ("NQ", "TU"), "Resolution 05-NQ/TU", []),
        ("en", ("COVID", "19"), "COVID-19", []),
        ("en", ("COVID-19",), "covid-19 cases", ["covid-19"]),
        ("en", ("US", "EU"), "US/EU", []),
        ("ar", ("QD-TTg",), "القرار QD-TTg", ["QD-TTg"]),
        ("ar", ("TTg",), "القرار 749/QD-TTg", []),
        # A lower-case word after a code is no part of it.
        ("en", ("5G",), "5G-ready networks", ["5G"]),
        ("en", ("COVID-19",), "COVID-19-related aid", ["COVID-19"]),
        ("en", ("Industry 4.0",), "Industry 4.0-driven growth", ["Industry 4.0"]),
        ("en", ("749/QD-TTg",), "decision 749/qd-ttg now", ["749/qd-ttg"]),
        ("vi", ("12/2024/NĐ-CP",), "Nghị định 12/2024/nđ-cp", ["12/2024/nđ-cp"]),
    ],
)
def test_hyphen_and_slash_join_only_codes(
        lang: str, forms: tuple[str, ...], text: str, surfaces: list[str]) -> None:
    assert [m.surface for m in _matcher(lang, *forms).find(text)] == surfaces


@pytest.mark.parametrize(
    ("forms", "text", "expected"),
    [
        (("C", "C++"), "C and C++", [("C", "C"), ("C", "C++")]),
        (("C++", "C"), "C++ and C", [("C", "C++"), ("C", "C")]),
        (("C#",), "C# or C", [("C", "C#")]),
        ((".NET",), ".NET and NET", [("NET", ".NET")]),
    ],
)
def test_edge_punctuation_of_a_form_must_be_in_the_text(
        forms: tuple[str, ...], text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.surface, m.form) for m in _matcher("en", *forms).find(text)] == expected


def test_form_with_inner_punctuation_must_match_it() -> None:
    matcher = _matcher("vi", "Hồ Chí Minh, Việt Nam")
    assert [m.surface for m in matcher.find("ở Hồ Chí Minh, Việt Nam")] == [
        "Hồ Chí Minh, Việt Nam"
    ]
    assert matcher.find("ở Hồ Chí Minh; Việt Nam") == []


# ------------------------------------------------------------------ overlaps


def test_longest_match_wins() -> None:
    matcher = _matcher("ar", "التحول", _ARTICLE_TERM, "الرقمي")
    matches = matcher.find("التحول الرقمي والتحول")
    assert [(m.form, m.clitic) for m in matches] == [(_ARTICLE_TERM, ""), ("التحول", "و")]


def test_leftmost_wins_then_the_rest() -> None:
    matcher = _matcher("en", "a b", "b c", "c", "d")
    assert [m.form for m in matcher.find("a b c d")] == ["a b", "c", "d"]


def test_output_is_sorted_and_disjoint() -> None:
    matcher = _matcher("en", "x y z", "y z w", "z", "w", "x")
    matches = matcher.find("x y z w x y z w")
    assert [m.form for m in matches] == ["x y z", "w", "x y z", "w"]
    for left, right in itertools.pairwise(matches):
        assert left.end <= right.prefix_start


def test_longer_rejected_candidate_does_not_hide_shorter_one() -> None:
    matcher = Matcher("en")
    matcher.add("VNeID app", 1, case_sensitive=True)
    matcher.add("vneid", 2)
    assert [m.key for m in matcher.find("VNeID app, vneid APP")] == [1, 2]
    assert [m.surface for m in matcher.find("vneid APP")] == ["vneid"]


# ------------------------------------------------------------------ offsets


def test_offsets_with_diacritics_tatweel_and_bidi_controls() -> None:
    text = "قال \u200fالتَّحَـوُّلُ الرَّقْمِيُّ\u200f اليوم"
    (match,) = _matcher("ar", _ARTICLE_TERM).find(text)
    assert text[match.start] == "ا"
    assert match.surface == "التَّحَـوُّلُ الرَّقْمِيُّ"
    assert text[match.end :] == "\u200f اليوم"


def test_offsets_vietnamese_decomposed() -> None:
    text = unicodedata.normalize("NFD", "Thủ đô Hà Nội đẹp")
    (match,) = _matcher("vi", "Hà Nội").find(text)
    assert unicodedata.normalize("NFC", match.surface) == "Hà Nội"
    assert text[match.end :] == unicodedata.normalize("NFD", " đẹp")


# ------------------------------------------------------------------ Vietnamese


@pytest.mark.parametrize(
    ("form", "text"),
    [("hòa bình", "Hoà Bình"), ("Hoà Bình", "hòa bình"), ("thủy lợi", "THUỶ LỢI"),
     ("sức khỏe", "sức khoẻ")],
)
def test_vietnamese_tone_placement_variants_match(form: str, text: str) -> None:
    assert [m.surface for m in _matcher("vi", form).find(text)] == [text]


def test_vietnamese_diacritics_matter_unless_folded() -> None:
    assert _matcher("vi", "Hà Nội").find("Ha Noi") == []
    assert [m.surface for m in _matcher("vi", "Hà Nội", fold=True).find("Ha Noi")] == ["Ha Noi"]
    assert [m.surface for m in _matcher("en", "cafe", fold=True).find("Café")] == ["Café"]


# ------------------------------------------------------------------ case


def test_case_sensitive_form() -> None:
    matcher = Matcher("en")
    matcher.add("VNeID", "app", case_sensitive=True)
    assert [m.surface for m in matcher.find("VNeID vneid VNEID")] == ["VNeID"]


def test_case_insensitive_by_default_in_arabic_text() -> None:
    matcher = _matcher("ar", "VNeID")
    assert [m.surface for m in matcher.find("تطبيق VNEID وvneid")] == ["VNEID", "vneid"]


def test_case_sensitive_and_insensitive_forms_share_a_key() -> None:
    matcher = Matcher("en")
    matcher.add("VNeID", "exact", case_sensitive=True)
    matcher.add("vneid", "loose", role="variant")
    assert [m.key for m in matcher.find("VNeID vneid")] == ["exact", "loose"]


# ------------------------------------------------------------------ API


def test_match_fields_and_frozen() -> None:
    matcher = Matcher("en")
    matcher.add("digital", 7, role="variant")
    (match,) = matcher.find("Go Digital!")
    assert match == Match(7, "en", 3, 10, "Digital", "digital", "variant", "", 3)
    assert hash(match) == hash(Match(7, "en", 3, 10, "Digital", "digital", "variant", "", 3))
    assert match._asdict()["surface"] == "Digital"
    with pytest.raises(AttributeError):
        match.start = 0  # type: ignore[misc]


def test_find_spans_gives_normalized_offsets_and_slots() -> None:
    matcher = _matcher("ar", _ARTICLE_TERM)
    norm, spans = matcher.find_spans("قال وَللتحول الرقمي")
    ((prefix, start, end, _slot),) = spans
    assert norm.text[prefix:start] == "ول"
    assert norm.text[start:end] == "لتحول الرقمي"


def test_len_and_lazy_build() -> None:
    matcher = _matcher("en", "a", "b")
    assert len(matcher) == 2
    assert [m.form for m in matcher.find("a b")] == ["a", "b"]
    matcher.add("a b", 9)
    assert len(matcher) == 3
    assert [m.form for m in matcher.find("a b")] == ["a b"]


def test_empty_matcher_and_text() -> None:
    assert Matcher("ar").find("نص") == []
    assert _matcher("ar", "نص").find("") == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Matcher("fr"), "unsupported language"),
        (lambda: Matcher("en").add("x", 1, role="bad"), "unknown role"),
        (lambda: Matcher("en").add(" ,; ", 1), "no word"),
        (lambda: Matcher.from_entries([], "en", roles=("bad",)), "unknown role"),
    ],
)
def test_errors(call: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        call()  # type: ignore[operator]


def _entry(entry_id: int, status: str, **forms: Forms) -> Entry:
    return Entry(id=entry_id, status=status, forms=dict(forms))


def test_from_entries_filters_statuses_and_roles() -> None:
    entries = [
        _entry(
            1, "approved", en=Forms("digital transformation", ["digitalisation"], ["digitization"])
        ),
        _entry(2, "candidate", en=Forms("smart city")),
        _entry(3, "approved", ar=Forms("هانوي")),
    ]
    text = "digital transformation, digitalisation, digitization, smart city"
    default = Matcher.from_entries(entries, "en")
    assert [(m.key, m.role) for m in default.find(text)] == [(1, "preferred"), (1, "variant")]
    everything = Matcher.from_entries(
        entries, "en", statuses=("approved", "candidate"),
        roles=("preferred", "variant", "forbidden"),
    )
    assert [(m.key, m.role, m.form) for m in everything.find(text)] == [
        (1, "preferred", "digital transformation"),
        (1, "variant", "digitalisation"),
        (1, "forbidden", "digitization"),
        (2, "preferred", "smart city"),
    ]
    assert [m.key for m in Matcher.from_entries(entries, "ar").find("في هانوي")] == [3]


# ------------------------------------------------------------------ properties

_WORDS = ["التحول", "الرقمي", "هانوي", "في", "مدينة", "لاو", "كاي", "05-NQ/TU"]
_FORMS = ["التحول الرقمي", "هانوي", "مدينة هانوي", "لاو كاي", "في", "05-NQ/TU", "الرقمي"]


@settings(max_examples=100, deadline=None)
@given(
    words=st.lists(
        st.tuples(
            st.sampled_from(["", "و", "ب", "ل", "وب", "ال"]),
            st.sampled_from(_WORDS),
            st.sampled_from(["", "\u064e", "\u0640", "\u200f"]),
            st.sampled_from([" ", "، ", "\n", " - "]),
        ),
        max_size=12,
    )
)
def test_matches_are_disjoint_sorted_and_faithful(words: list[tuple[str, str, str, str]]) -> None:
    text = "".join(prefix + word + mark + sep for prefix, word, mark, sep in words)
    matcher = _matcher("ar", *_FORMS)
    matches = matcher.find(text)
    last = 0
    for m in matches:
        assert last <= m.prefix_start <= m.start < m.end
        assert m.surface == text[m.start : m.end]
        last = m.end
        surface = ("ا" if m.clitic.endswith("ل") and m.form.startswith("ال") else "") + m.surface
        assert match_key(surface, "ar") == match_key(m.form, "ar")


# ------------------------------------------------------------------ scale


@pytest.mark.slow
def test_hundred_thousand_entries() -> None:
    rng = random.Random(3)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    forms = sorted(
        {
            " ".join(
                "".join(rng.choice(letters) for _ in range(rng.randint(3, 7)))
                for _ in range(rng.randint(1, 3))
            )
            for _ in range(100_000)
        }
    )
    entries = [
        Entry(id=i, status="approved", forms={"ar": Forms(form)}) for i, form in enumerate(forms)
    ]
    matcher = Matcher.from_entries(entries, "ar")
    assert len(matcher) == len(forms) > 99_000
    sample = rng.sample(range(len(forms)), 200)
    text = "، ".join(("و" if n % 2 else "") + forms[i] for n, i in enumerate(sample))
    matches = matcher.find(text)
    assert [m.key for m in matches] == sample
    assert [m.clitic for m in matches] == ["و" if n % 2 else "" for n in range(200)]


_ORACLE_FORMS = ["التحول الرقمي", "التحول", "هانوي", "مدينة هانوي", "لاو كاي", "كاي", "لاو",
                 "الرقمي", "بنك", "اللجنة"]
_PLAIN_PREFIXES = ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل"]
_ARTICLE_PREFIXES = ["", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"]


def _oracle(words: list[str], forms: list[str]) -> list[tuple[int, str, str]]:
    """Leftmost-longest matching by brute force over space-separated words:
    (word index, clitic, form)."""
    def clitic_of(word: str, first: str) -> str | None:
        prefixes = [(p, first) for p in (_ARTICLE_PREFIXES if first.startswith("ال")
                                          else _PLAIN_PREFIXES)]
        if first.startswith("ال"):  # ل + ال -> لل, the clitic is ل
            prefixes += [(p + "ل", first[1:]) for p in ("", "و", "ف")]
        if first.startswith("الل"):  # ل + اللجنة -> للجنة
            prefixes += [(p + "ل", first[2:]) for p in ("", "و", "ف")]
        for prefix, stem in sorted(prefixes, key=lambda ps: len(ps[0])):
            if word == prefix + stem:
                return prefix
        return None

    found, i = [], 0
    by_length = sorted(forms, key=lambda f: -len(f.split()))
    while i < len(words):
        for form in by_length:
            parts = form.split()
            clitic = clitic_of(words[i], parts[0])
            if clitic is not None and words[i + 1 : i + len(parts)] == parts[1:]:
                found.append((i, clitic, form))
                i += len(parts)
                break
        else:
            i += 1
    return found


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.tuples(st.sampled_from(["", "و", "ب", "ل", "وب", "ول", "فل", "بو", "ال"]),
                  st.sampled_from(["التحول", "الرقمي", "هانوي", "مدينة", "لاو", "كاي", "بنك",
                                   "في", "اللجنة", "لجنة"])),
        max_size=10,
    )
)
def test_matches_agree_with_a_brute_force_oracle(words: list[tuple[str, str]]) -> None:
    tokens = [prefix + word for prefix, word in words]
    text = " ".join(tokens)
    starts = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
    got = [(starts.index(m.prefix_start), m.clitic, m.form)
           for m in _matcher("ar", *_ORACLE_FORMS).find(text)]
    assert got == _oracle(tokens, _ORACLE_FORMS)
