"""Language codes per model family and the shape of model errors."""

from __future__ import annotations

import pytest

from models.errors import ModelError, ModelNotFoundError, UnsafeModelError
from models.langcodes import lang_token, marian_target_token, normalize_lang


@pytest.mark.parametrize(("given", "expected"), [
    ("ar", "ar"), ("ARA", "ar"), ("arb_Arab", "ar"), ("__ar__", "ar"), ("Arabic", "ar"),
    ("vi", "vi"), ("vie", "vi"), ("vie_Latn", "vi"), ("__vi__", "vi"),
    ("en", "en"), ("eng_Latn", "en"), (" en ", "en"),
])
def test_normalize_lang_accepts_every_family_spelling(given: str, expected: str) -> None:
    assert normalize_lang(given) == expected


def test_unknown_language_lists_the_supported_ones() -> None:
    with pytest.raises(ModelError) as info:
        normalize_lang("fr")
    assert "'fr'" in str(info.value)
    assert "ar, vi, en" in str(info.value)


@pytest.mark.parametrize(("family", "lang", "token"), [
    ("nllb", "ar", "arb_Arab"), ("nllb", "vi", "vie_Latn"), ("nllb", "en", "eng_Latn"),
    ("m2m100", "ar", "__ar__"), ("m2m100", "vi", "__vi__"), ("m2m100", "eng", "__en__"),
])
def test_lang_token_per_family(family: str, lang: str, token: str) -> None:
    assert lang_token(family, lang) == token


def test_marian_has_no_language_tokens() -> None:
    with pytest.raises(ModelError, match="no language tokens"):
        lang_token("marian", "vi")


@pytest.mark.parametrize(("vocab", "lang", "expected"), [
    ({">>vie<<", ">>ara<<", "▁a"}, "vi", ">>vie<<"),
    ({">>vi<<"}, "vi", ">>vi<<"),
    ({">>arb<<", ">>ara<<"}, "ar", ">>ara<<"),
    ({"▁a", "▁b"}, "vi", None),
])
def test_marian_target_token_picks_the_spelling_in_the_vocabulary(
        vocab: set[str], lang: str, expected: str | None) -> None:
    assert marian_target_token(lang, vocab) == expected


@pytest.mark.parametrize(("error", "text"), [
    (ModelError("bad", path="/m", hint="fix it"), "/m: bad (fix it)"),
    (ModelNotFoundError("missing"), "missing"),
    (UnsafeModelError("pickle", path="/x"), "/x: pickle"),
    (ModelError("two\nlines"), "two lines"),
])
def test_error_text_is_one_line_path_message_hint(error: ModelError, text: str) -> None:
    assert str(error) == text
    assert error.exit_code == 2
