"""Finding models offline: paths, AVET_MODELS_DIR, the Hugging Face cache; safety checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from models.discovery import (
    OBTAIN_HINT,
    find_models,
    find_named,
    hf_cache_dir,
    inspect_dir,
    lookup,
    resolve,
)
from models.errors import (
    DamagedModelError,
    ModelError,
    ModelNotFoundError,
    UnsafeModelError,
    UnsupportedDirectionError,
)

#: Placeholder tokenizer files of every family (inspection only checks they exist).
TOKENIZER_FILES = {"source.spm": "", "target.spm": "", "vocab.json": "{}",
                   "sentencepiece.bpe.model": "", "tokenizer.json": "{}"}


def _fake_model(path: Path, config: dict, files: tuple[str, ...] = ("model.safetensors",),
                tokenizer_config: dict | None = None) -> Path:
    """Writes a model directory's metadata with empty weight files (inspection only)."""
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    if tokenizer_config is not None:
        (path / "tokenizer_config.json").write_text(json.dumps(tokenizer_config),
                                                    encoding="utf-8")
    for name, text in TOKENIZER_FILES.items():
        (path / name).write_text(text, encoding="utf-8")
    for name in files:
        (path / name).write_bytes(b"")
    return path


def _hf_cache(root: Path, model_id: str, source: Path, revision: str = "0123abcd") -> Path:
    """Lays out ``source`` as the Hugging Face cache would hold ``model_id``."""
    repo = root / ("models--" + model_id.replace("/", "--"))
    shutil.copytree(source, repo / "snapshots" / revision)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision, encoding="utf-8")
    return repo / "snapshots" / revision


def test_inspect_tiny_marian(tiny_marian: Path) -> None:
    info = inspect_dir(tiny_marian)
    assert (info.family, info.format) == ("marian", "transformers")
    assert info.directions == {("ar", "en")}


def test_inspect_tiny_m2m100_covers_all_pairs(tiny_m2m100: Path) -> None:
    info = inspect_dir(tiny_m2m100)
    assert info.family == "m2m100"
    assert len(info.directions) == 6 and ("ar", "vi") in info.directions


def test_nllb_is_m2m100_architecture_with_nllb_tokenizer(tmp_path: Path) -> None:
    path = _fake_model(tmp_path / "nllb-200-distilled-600M", {"model_type": "m2m_100"},
                       tokenizer_config={"tokenizer_class": "NllbTokenizer"})
    assert inspect_dir(path).family == "nllb"


@pytest.mark.parametrize(("name", "tok", "expected"), [
    ("opus-mt-vi-en", {}, {("vi", "en")}),
    ("opus-mt-tc-big-en-ar", {}, {("en", "ar")}),
    ("whatever", {"source_lang": "en", "target_lang": "vi"}, {("en", "vi")}),
    ("whatever", {}, set()),
])
def test_marian_directions_from_name_or_tokenizer_config(
        tmp_path: Path, name: str, tok: dict, expected: set) -> None:
    path = _fake_model(tmp_path / name, {"model_type": "marian"}, tokenizer_config=tok)
    assert inspect_dir(path).directions == expected


def test_multi_target_marian_reads_target_tokens_from_vocab(tmp_path: Path) -> None:
    path = _fake_model(tmp_path / "opus-mt-en-mul", {"model_type": "marian"})
    (path / "vocab.json").write_text(json.dumps({">>vie<<": 0, ">>ara<<": 1, "▁a": 2}),
                                     encoding="utf-8")
    info = inspect_dir(path)
    assert info.directions == {("en", "vi"), ("en", "ar")}
    assert info.target_tokens == {"vi": ">>vie<<", "ar": ">>ara<<"}


def test_pickle_only_weights_are_refused(tmp_path: Path) -> None:
    path = _fake_model(tmp_path / "opus-mt-ar-en", {"model_type": "marian"},
                       files=("pytorch_model.bin",))
    with pytest.raises(UnsafeModelError) as info:
        inspect_dir(path)
    assert "pytorch_model.bin" in str(info.value)
    assert "convert it to safetensors on a trusted machine" in str(info.value)


@pytest.mark.parametrize("where", ["config.json", "tokenizer_config.json"])
def test_remote_code_is_refused(tmp_path: Path, where: str) -> None:
    path = _fake_model(tmp_path / "m", {"model_type": "marian"}, tokenizer_config={})
    data = json.loads((path / where).read_text(encoding="utf-8"))
    data["auto_map"] = {"AutoModel": "evil.Model"}
    (path / where).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UnsafeModelError, match="remote code"):
        inspect_dir(path)


def test_directory_without_weights_names_the_directory(tmp_path: Path) -> None:
    path = _fake_model(tmp_path / "empty", {"model_type": "marian"}, files=())
    with pytest.raises(ModelNotFoundError) as info:
        inspect_dir(path)
    assert str(path) in str(info.value) and "no model weights" in str(info.value)


def test_unsupported_model_type_lists_supported(tmp_path: Path) -> None:
    path = _fake_model(tmp_path / "t5", {"model_type": "t5"})
    with pytest.raises(ModelError, match="supported: marian"):
        inspect_dir(path)


def test_missing_model_hint_says_how_to_get_one(tmp_path: Path) -> None:
    env = {"AVET_MODELS_DIR": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path / "hf")}
    with pytest.raises(ModelNotFoundError) as info:
        resolve("Helsinki-NLP/opus-mt-ar-en", "ar", "en", env=env)
    text = str(info.value)
    assert "Helsinki-NLP/opus-mt-ar-en" in text and "facebook/nllb-200-distilled-600M" in text
    assert "hf download" in text and "--model PATH" in text
    assert "avet models convert" in OBTAIN_HINT


@pytest.mark.parametrize(("env", "expected"), [
    ({"HF_HUB_CACHE": "/a/hub"}, Path("/a/hub")),
    ({"HF_HOME": "/h"}, Path("/h/hub")),
    ({"HF_HOME": "/h", "HF_HUB_CACHE": "/c"}, Path("/c")),
])
def test_hf_cache_dir_follows_environment(env: dict, expected: Path) -> None:
    assert hf_cache_dir(env) == expected


def test_find_models_in_fake_hf_cache_and_avet_dir(
        tmp_path: Path, tiny_marian: Path, tiny_m2m100: Path) -> None:
    snapshot = _hf_cache(tmp_path / "hub", "Helsinki-NLP/opus-mt-ar-en", tiny_marian)
    shutil.copytree(tiny_m2m100, tmp_path / "avet" / "m2m100-tiny")
    _fake_model(tmp_path / "avet" / "pickled", {"model_type": "marian"},
                files=("pytorch_model.bin",))
    env = {"AVET_MODELS_DIR": str(tmp_path / "avet"), "HF_HUB_CACHE": str(tmp_path / "hub")}
    usable, refused = find_models(env)
    by_id = {i.model_id: i for i in usable}
    assert set(by_id) == {"Helsinki-NLP/opus-mt-ar-en", "m2m100-tiny"}
    assert by_id["Helsinki-NLP/opus-mt-ar-en"].path == snapshot
    assert by_id["Helsinki-NLP/opus-mt-ar-en"].revision == "0123abcd"
    assert [(r[0], type(r[2])) for r in refused] == [("pickled", UnsafeModelError)]


def test_resolve_prefers_bilingual_model_and_checks_direction(
        tmp_path: Path, tiny_marian: Path, tiny_m2m100: Path) -> None:
    _hf_cache(tmp_path / "hub", "Helsinki-NLP/opus-mt-ar-en", tiny_marian)
    _hf_cache(tmp_path / "hub", "facebook/m2m100_418M", tiny_m2m100)
    env = {"AVET_MODELS_DIR": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path / "hub")}
    assert resolve(None, "ar", "en", env=env).model_id == "Helsinki-NLP/opus-mt-ar-en"
    assert resolve(None, "vi", "ar", env=env).model_id == "facebook/m2m100_418M"
    with pytest.raises(UnsupportedDirectionError, match="covers ar→en"):
        resolve("Helsinki-NLP/opus-mt-ar-en", "vi", "en", env=env)


def test_resolve_by_path(tiny_marian: Path) -> None:
    info = resolve(str(tiny_marian), "ar", "en", env={})
    assert info.path == tiny_marian


MARIAN = {"model_type": "marian"}


@pytest.mark.parametrize(("weights", "tokenizer"), [
    ("model.safetensors", None), ("model.bin", {"tokenizer_class": "MarianTokenizer"})])
def test_weights_that_are_broken_links_are_refused_as_damaged(
        tmp_path: Path, weights: str, tokenizer: dict | None) -> None:
    # An HF cache whose blob is gone: the snapshot's link points at nothing.
    snapshot = _fake_model(tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-ar-en" / "snapshots"
                           / "0123abcd", MARIAN, files=(), tokenizer_config=tokenizer)
    (snapshot / weights).symlink_to(tmp_path / "hub" / "blobs" / "gone")
    env = {"AVET_MODELS_DIR": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path / "hub")}
    usable, refused = find_models(env)
    assert usable == []
    [(model_id, _path, error)] = refused
    assert model_id == "Helsinki-NLP/opus-mt-ar-en" and isinstance(error, DamagedModelError)
    assert str(error) == (f"{snapshot / weights}: model weights are damaged or missing "
                          "(copy/download the model again)")
    with pytest.raises(DamagedModelError):
        resolve("Helsinki-NLP/opus-mt-ar-en", "ar", "en", env=env)


@pytest.mark.parametrize(("src", "tgt", "message"), [
    ("vi", "en", "no usable local model translates vi→en: Helsinki-NLP/opus-mt-vi-en is "
                 "installed but refused: only pickle weights (pytorch_model.bin)"),
    ("en", "vi", "no local model translates en→vi"),
])
def test_a_search_names_an_installed_model_that_was_refused(
        tmp_path: Path, src: str, tgt: str, message: str) -> None:
    _fake_model(tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-vi-en" / "snapshots" / "0123",
                MARIAN, files=("pytorch_model.bin",))
    env = {"AVET_MODELS_DIR": str(tmp_path / "none"), "HF_HUB_CACHE": str(tmp_path / "hub")}
    with pytest.raises(ModelNotFoundError) as caught:
        resolve(None, src, tgt, env=env)
    assert caught.value.message.startswith(message)
    assert (caught.value.hint == OBTAIN_HINT) == (src == "en")


@pytest.fixture()
def two_places(tmp_path: Path) -> dict[str, str]:
    """opus-mt-ar-en in the HF cache; opus-mt-en-vi twice under AVET_MODELS_DIR (two orgs)."""
    _fake_model(tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-ar-en" / "snapshots" / "01",
                MARIAN)
    for org in ("a", "b"):
        _fake_model(tmp_path / "avet" / org / "opus-mt-en-vi", MARIAN)
    return {"AVET_MODELS_DIR": str(tmp_path / "avet"), "HF_HUB_CACHE": str(tmp_path / "hub")}


@pytest.mark.parametrize(("name", "found"), [
    ("Helsinki-NLP/opus-mt-ar-en", ["Helsinki-NLP/opus-mt-ar-en"]),
    ("opus-mt-ar-en", ["Helsinki-NLP/opus-mt-ar-en"]),  # the last part, as the README says
    ("a/opus-mt-en-vi", ["a/opus-mt-en-vi"]),
    ("x/opus-mt-ar-en", []),  # an id with an org must match whole
    ("opus-mt-vi-en", []),
])
def test_lookup_takes_the_ids_models_list_prints_or_their_last_part(
        two_places: dict[str, str], name: str, found: list[str]) -> None:
    assert [model_id for model_id, _path, _rev in lookup(name, two_places)] == found


def test_a_bare_name_of_several_models_lists_them(two_places: dict[str, str]) -> None:
    with pytest.raises(ModelNotFoundError,
                       match="'opus-mt-en-vi' matches several models: a/opus-mt-en-vi, "
                             "b/opus-mt-en-vi"):
        find_named("opus-mt-en-vi", env=two_places)
    assert resolve("opus-mt-ar-en", "ar", "en", env=two_places).model_id == (
        "Helsinki-NLP/opus-mt-ar-en")
