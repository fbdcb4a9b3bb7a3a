"""``avet translate``: standard input and output, output paths, engines and avet.toml models.

The documents and the tiny models are written for these tests (tests/tinymodels.py).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from toolkit.cli.main import main

DOC = "مدينة حكومة رقمية بيانات.\nطريق كبير.\n"
FAST = ["--max-length", "8", "--beam", "1", "--no-glossary"]


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with an Arabic document; models are found only where a test puts them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "no-hub"))
    (tmp_path / "doc.ar.txt").write_text(DOC, encoding="utf-8")
    return tmp_path


def _translate(*args: str) -> int:
    return main(["translate", *args, "--from", "ar", "--to", "en", *FAST])


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _one_error(err: str) -> str:
    assert err.startswith("avet: error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux /proc")
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_out_stdout_by_path_writes_the_text_and_no_report_beside_it(
        work: Path, tiny_marian_ct2: Path, name: str, capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    report = Path(name + ".report.json")
    existed = report.exists()
    assert _translate("doc.ar.txt", "--model", str(tiny_marian_ct2), "--out", name) == 0
    out, err = capfd.readouterr()
    assert out.count("\n") == DOC.count("\n") and "Translated" not in out
    assert "Translated 1" in err
    assert f"{name} is not a file: no report written" in caplog.text
    assert existed or not report.exists()


def test_out_dash_prints_and_makes_no_folder(work: Path, tiny_marian_ct2: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert _translate("doc.ar.txt", "--model", str(tiny_marian_ct2), "--out", "-") == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == DOC.count("\n") and "Translated 1" in err
    assert sorted(p.name for p in work.iterdir()) == ["doc.ar.txt"]


@pytest.mark.parametrize("out", [[], ["--out", "-"], ["--out", "t.txt"]])
def test_dash_reads_one_document_from_stdin(work: Path, tiny_marian_ct2: Path, out: list[str],
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, DOC.encode())
    assert _translate("-", "--model", str(tiny_marian_ct2), *out, "--json") == 0
    printed = json.loads(capsys.readouterr().out)
    text = (work / "t.txt").read_text(encoding="utf-8") if out[1:] == ["t.txt"] \
        else printed["text"]
    assert text.count("\n") == DOC.count("\n") and printed["totals"]["segments"] == 2


@pytest.mark.parametrize(("data", "message"), [
    ("وزارة ".encode() + b"\xd9 " + "خدمة.\n".encode(), "-:1: not valid UTF-8"),
    (b"\x00\x01", "-: binary file"),
], ids=["damaged-utf8", "binary"])
def test_bad_stdin_is_one_line_naming_it(work: Path, data: bytes, message: str,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, data)
    assert _translate("-", "--model", "not/needed") == 2
    assert message in _one_error(capsys.readouterr().err)


def test_stdin_with_other_inputs_is_refused(work: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert _translate("-", "doc.ar.txt", "--out", "o/", "--model", "not/needed") == 2
    assert "standard input" in _one_error(capsys.readouterr().err)
    assert not (work / "o").exists()


@pytest.mark.parametrize(("out", "written"), [
    ("result", ["result", "result.report.json"]),
    ("result/", ["result/doc.en.txt", "result/report.json"]),
    ("sub/result", ["sub/result", "sub/result.report.json"]),
])
def test_out_for_one_document_is_a_file_unless_it_ends_with_a_slash(
        work: Path, tiny_marian_ct2: Path, out: str, written: list[str]) -> None:
    assert _translate("doc.ar.txt", "--model", str(tiny_marian_ct2), "--out", out) == 0
    files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    assert files == sorted(["doc.ar.txt", *written])


def test_a_damaged_utf8_document_is_refused_before_a_model_loads(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "bad.txt").write_bytes("وزارة رقمي\n".encode() * 2 + b"\xd9 " + "خدمة.\n".encode())
    assert _translate("bad.txt", "--model", "not/needed") == 2
    err = _one_error(capsys.readouterr().err)
    assert "bad.txt:3: not valid UTF-8: byte 0xD9" in err and "save it as UTF-8" in err


@pytest.mark.parametrize(("model", "asked", "config", "fix"), [
    ("tiny_marian", "ctranslate2", False, "avet models convert"),
    ("tiny_marian_ct2", "transformers", False, "transformers model it was converted from"),
    ("tiny_marian", "ctranslate2", True, "avet models convert"),
], ids=["flag-ct2", "flag-transformers", "avet.toml-ct2"])
def test_an_engine_asked_for_must_match_the_model_folder(
        work: Path, model: str, asked: str, config: bool, fix: str,
        request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> None:
    path: Path = request.getfixturevalue(model)
    if config:
        (work / "avet.toml").write_text(f'actor = "lan"\nengine = "{asked}"\n', encoding="utf-8")
        flags = []
        source = "engine in avet.toml:2"
    else:
        flags = ["--engine", asked]
        source = "--engine"
    assert _translate("doc.ar.txt", "--model", str(path), *flags, "--out", "o.txt") == 2
    err = _one_error(capsys.readouterr().err)
    other = "transformers" if asked == "ctranslate2" else "ctranslate2"
    assert f"{path}: is a {other} model, but {source} asks for {asked}" in err
    assert fix in err and f"or drop {source}" in err
    assert not (work / "o.txt").exists()


@pytest.fixture()
def models_dir(work: Path, tiny_marian: Path, tiny_marian_en_vi: Path) -> Path:
    """AVET_MODELS_DIR holding the tiny ar→en and en→vi models."""
    root = work / "models"
    root.mkdir()
    for model in (tiny_marian, tiny_marian_en_vi):
        (root / model.name).symlink_to(model, target_is_directory=True)
    return root


def _signature(capsys: pytest.CaptureFixture[str]) -> str:
    out, _err = capsys.readouterr()
    return str(json.loads(out)["signature"])


def test_config_model_for_another_direction_falls_back_with_a_notice(
        work: Path, models_dir: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    (work / "en.txt").write_text("digital city.\n", encoding="utf-8")
    (work / "avet.toml").write_text('actor = "lan"\nmodel = "opus-mt-ar-en"\n', encoding="utf-8")
    assert main(["translate", "en.txt", "--from", "en", "--to", "vi", *FAST, "--json"]) == 0
    assert "model:opus-mt-en-vi|" in _signature(capsys)
    assert "avet.toml:2 (model): model opus-mt-ar-en does not translate en→vi" in caplog.text


def test_config_models_table_pivots_through_en(work: Path, models_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (work / "avet.toml").write_text('[models]\nar-en = "opus-mt-ar-en"\n'
                                    'en-vi = "opus-mt-en-vi"\n', encoding="utf-8")
    assert main(["translate", "doc.ar.txt", "--from", "ar", "--to", "vi", *FAST, "--json"]) == 0
    assert "model:opus-mt-ar-en+opus-mt-en-vi|engine:pivot" in _signature(capsys)


@pytest.mark.parametrize(("toml", "message"), [
    ('[models]\nar-en = "opus-mt-en-vi"\n',
     "avet.toml:2: [models] ar-en = 'opus-mt-en-vi': model opus-mt-en-vi does not translate "
     "ar→en"),
    ('actor = "x"\nmodel = "no-such-model"\n',
     "avet.toml:2: model = 'no-such-model': model 'no-such-model' not found locally"),
    ('actor = "x"\nparallel = 0\n', "avet.toml:2: parallel = 0: must be at least 1"),
    ('[models]\nar-fr = "x"\n', "avet.toml:2: [models] has an unknown direction 'ar-fr'"),
    ('actor = "x"\n[model]\nar-en = "x"\n',
     "avet.toml:2: [model] is a table, but setting 'model' must be str (did you mean [models]?"),
    ('[modles]\nar-en = "x"\n', "avet.toml:1: unknown table 'modles' (did you mean [models]?"),
], ids=["table-wrong-direction", "model-missing", "parallel-0", "table-unknown-direction",
        "model-table-typo", "unknown-table"])
def test_config_mistakes_name_the_file_and_line(work: Path, models_dir: Path, toml: str,
                                                message: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (work / "avet.toml").write_text(toml, encoding="utf-8")
    assert _translate("doc.ar.txt", "--out", "o.txt") == 2
    assert message in _one_error(capsys.readouterr().err)
    assert not (work / "o.txt").exists()


@pytest.mark.parametrize(("toml", "signature"), [
    ('[models]\nar-en = "{ct2}"\n', "model:opus-mt-ar-en-ct2+opus-mt-en-vi|engine:pivot"),
    ('[models]\nen-vi = "opus-mt-en-vi"\n', "model:opus-mt-ar-en+opus-mt-en-vi|engine:pivot"),
    ('[models]\nar-en = "{ct2}"\nen-vi = "opus-mt-en-vi"\n',
     "model:opus-mt-ar-en-ct2+opus-mt-en-vi|engine:pivot"),
], ids=["first-leg-ct2", "second-leg", "legs-of-two-formats"])
def test_config_pivot_uses_the_legs_set_each_in_its_own_format(
        work: Path, models_dir: Path, tiny_marian_ct2: Path, toml: str, signature: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    (work / "avet.toml").write_text(toml.format(ct2=tiny_marian_ct2), encoding="utf-8")
    assert main(["translate", "doc.ar.txt", "--from", "ar", "--to", "vi", *FAST, "--json"]) == 0
    assert signature in _signature(capsys)


def test_a_single_model_that_translates_the_direction_comes_before_one_pivot_leg(
        work: Path, models_dir: Path, tiny_marian_ct2: Path, tiny_m2m100: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    (work / "avet.toml").write_text(
        f'model = "{tiny_m2m100}"\n[models]\nar-en = "{tiny_marian_ct2}"\n', encoding="utf-8")
    assert main(["translate", "doc.ar.txt", "--from", "ar", "--to", "vi", *FAST, "--json"]) == 0
    signature = _signature(capsys)
    assert f"model:{tiny_m2m100.name}|" in signature and "pivot" not in signature
    # For ar→en the [models] entry of the direction still wins over the single model.
    assert main(["translate", "doc.ar.txt", "--from", "ar", "--to", "en", *FAST, "--json"]) == 0
    assert f"model:{tiny_marian_ct2.name}|" in _signature(capsys)


@pytest.mark.parametrize(("toml", "message"), [
    ('[models]\nar-en = "/does/not/exist"\n',
     "avet.toml:2: [models] ar-en = '/does/not/exist': model '/does/not/exist' not found"),
    ('actor = "x"\n[models]\nen-vi = "opus-mt-ar-en"\n',
     "avet.toml:3: [models] en-vi = 'opus-mt-ar-en': model opus-mt-ar-en does not translate "
     "en→vi"),
    ('engine = "ctranslate2"\n[models]\nar-en = "{ct2}"\nen-vi = "opus-mt-en-vi"\n',
     "avet.toml:4: [models] en-vi = 'opus-mt-en-vi': is a transformers model, but engine in "
     "avet.toml:1 asks for ctranslate2"),
], ids=["missing-leg-model", "wrong-direction-leg", "engine-conflicts-with-a-leg"])
def test_config_pivot_leg_mistakes_name_the_legs_line(
        work: Path, models_dir: Path, tiny_marian_ct2: Path, toml: str, message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    (work / "avet.toml").write_text(toml.format(ct2=tiny_marian_ct2), encoding="utf-8")
    assert main(["translate", "doc.ar.txt", "--from", "ar", "--to", "vi", *FAST,
                 "--out", "o.txt"]) == 2
    assert message in _one_error(capsys.readouterr().err)
    assert not (work / "o.txt").exists()


def test_a_damaged_model_is_one_line_naming_its_weights(
        work: Path, tiny_marian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import shutil

    shutil.copytree(tiny_marian, work / "copy")
    os.truncate(work / "copy" / "model.safetensors", 5000)
    assert _translate("doc.ar.txt", "--model", "copy", "--out", "o.txt") == 2
    assert _one_error(capsys.readouterr().err) == (
        f"avet: error: {Path('copy') / 'model.safetensors'}: model weights are damaged or "
        "missing (copy/download the model again)\n")


@pytest.mark.parametrize("command", [["translate", "doc.ar.txt"],
                                     ["batch", "translate", ".", "--out", "out"]])
def test_glossary_and_no_glossary_exclude_each_other(
        work: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*command, "--from", "ar", "--to", "en", "--glossary", "g.csv", "--no-glossary"])
    assert caught.value.code == 2
    assert "argument --no-glossary: not allowed with argument --glossary" in (
        capsys.readouterr().err)
