"""``batch postedit IN --targets IN`` (translations beside their sources) does not take a
source without a translation for its own translation; ``batch translate|postedit`` over
a folder of translations only is refused as ``avet translate`` refuses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.errors import InputError
from tests.functional.batch_fixtures import GLOSSARY_CSV
from tests.upper_engine import UpperEngine
from toolkit.batch import TranslateSpec, run_batch, with_engine_signature
from toolkit.batch.folders import discover
from toolkit.cli.main import main
from toolkit.translate import TranslateOptions

SOURCE = "يعد التحول الرقمي أولوية.\n"
TRANSLATION = "digital conversion is a priority.\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("b_is_link", [False, True])
def test_discover_beside_does_not_give_a_source_as_its_own_translation(
        tmp_path: Path, b_is_link: bool) -> None:
    src = tmp_path / "in"
    _write(src, {"a.ar.txt": SOURCE, "a.en.txt": TRANSLATION, "c.ar.txt": SOURCE})
    if b_is_link:  # b.ar.txt is a.ar.txt under another name: still no translation of b
        (src / "b.ar.txt").symlink_to("a.ar.txt")
    else:
        _write(src, {"b.ar.txt": SOURCE})
    other = tmp_path / "mt"  # a separate folder: a translation under the source's name
    _write(other, {"c.ar.txt": TRANSLATION})
    beside = {rel: target for rel, _path, target in
              discover(src, tmp_path / "out", src, "en", src="ar")}
    assert beside == {"a.ar.txt": str(src / "a.en.txt"), "b.ar.txt": str(src / "b.en.txt"),
                      "c.ar.txt": str(src / "c.en.txt")}  # b, c: the missing name
    apart = {rel: target for rel, _path, target in
             discover(src, tmp_path / "out", other, "en", src="ar")}
    assert apart["c.ar.txt"] == str(other / "c.ar.txt")  # the same name, another folder


def test_batch_postedit_beside_fails_a_source_without_translation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out, glossary = tmp_path / "in", tmp_path / "out", tmp_path / "g.csv"
    _write(src, {"a.ar.txt": SOURCE, "a.en.txt": TRANSLATION, "b.ar.txt": SOURCE})
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    code = main(["batch", "postedit", str(src), "--targets", str(src), "--out", str(out),
                 "--from", "ar", "--to", "en", "--glossary", str(glossary), "--json"])
    assert code == 3
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["totals"]["done"], summary["totals"]["failed"]) == (1, 1)
    assert (out / "a.en.txt").read_text(encoding="utf-8") == \
        "digital transformation is a priority.\n"
    assert not (out / "b.en.txt").exists()  # not the Arabic source, post-edited as itself
    [line] = (out / "failed.txt").read_text(encoding="utf-8").splitlines()
    assert line.startswith("b.ar.txt\t1\t") and "no such file: neither b.en.txt" in line


def _error(tmp: Path, files: str) -> str:
    which = ("the only document found is named as a translation (*.en.*), not a --from ar "
             "source (check --from: is it --from en?" if files == "one" else
             "all 2 documents found are named as translations (*.en.*: 1, *.vi.*: 1), not "
             "--from ar sources (check --from")
    return f"avet: error: {tmp / 'in'}: {which}; or rename a file to have it read)\n"


_ONLY = {"one": {"x.en.txt": TRANSLATION}, "two": {"x.en.txt": TRANSLATION, "y.vi.md": "x\n"}}


@pytest.mark.parametrize("files", ["one", "two"])
@pytest.mark.parametrize("job", ["translate", "postedit"])
def test_batch_over_translations_only_is_refused_as_avet_translate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch, job: str, files: str) -> None:
    src, out, glossary = tmp_path / "in", tmp_path / "out", tmp_path / "g.csv"
    _write(src, _ONLY[files])
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    monkeypatch.setattr("toolkit.cli.translate_cmd.load_engine_for",
                        lambda *_args, **_kw: UpperEngine())
    extra = (["--model", str(tmp_path / "unused")] if job == "translate" else
             ["--targets", str(src)])
    code = main(["batch", job, str(src), "--out", str(out), "--from", "ar", "--to", "en",
                 "--glossary", str(glossary), *extra])
    assert code == 2
    assert capsys.readouterr().err == _error(tmp_path, files)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
    assert not out.exists()  # no manifest: the folder is bound to no job


def _spec(engine: UpperEngine) -> TranslateSpec:
    return with_engine_signature(TranslateSpec(TranslateOptions("ar", "en"), "fake"), engine)


@pytest.mark.parametrize(("files", "documents"), [
    ({}, 0),  # an empty folder: an empty job, as before
    ({"a.ar.txt": SOURCE, "a.en.txt": TRANSLATION}, 1),  # a source left: it goes on
])
def test_run_batch_refuses_only_when_every_document_was_left_out(
        tmp_path: Path, files: dict[str, str], documents: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _write(src, files)
    engine = UpperEngine()
    spec = _spec(engine)
    result = run_batch(spec, src, tmp_path / "out", worker=spec.open(engine))
    assert (result.exit_code, result.report["totals"]["documents"]) == (0, documents)
    (src / "a.ar.txt").unlink(missing_ok=True)
    (src / "b.vi.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"named as (a translation|translations) \(\*\."):
        run_batch(spec, src, tmp_path / "out2", worker=spec.open(engine))
    assert not (tmp_path / "out2").exists()
