"""``avet translate DIR``: when every document of the folders is named as a translation
(``x.en.txt`` for ``--from ar``), one error says so, not "no documents found"."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.errors import InputError
from toolkit.cli.main import main
from toolkit.translate.document import all_left_out_error

TEXT = "يعد التحول الرقمي أولوية.\n"


def _write(root: Path, rels: list[str]) -> None:
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(TEXT, encoding="utf-8")


@pytest.mark.parametrize(("files", "inputs", "message"), [
    (["in/x.en.txt"], ["in"],
     "{tmp}/in: the only document found is named as a translation (*.en.*), not a --from ar "
     "source (check --from: is it --from en?; or give a file by name to translate it anyway)"),
    (["in/x.en.txt", "in/y.en.md", "more/z.vi.txt"], ["in", "more"],
     "{tmp}/in, {tmp}/more: all 3 documents found are named as translations (*.en.*: 2, "
     "*.vi.*: 1), not --from ar sources (check --from; or give a file by name to translate "
     "it anyway)"),
])
def test_a_folder_of_translations_only_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
        files: list[str], inputs: list[str], message: str) -> None:
    _write(tmp_path, files)
    code = main(["translate", *(str(tmp_path / name) for name in inputs), "--from", "ar",
                 "--to", "vi", "--no-glossary", "--out", str(tmp_path / "out")])
    assert code == 2
    # One line, not "no documents found"; no "left out" warning before it.
    assert capsys.readouterr().err == f"avet: error: {message.format(tmp=tmp_path)}\n"
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
    assert not (tmp_path / "out").exists()


def test_a_folder_with_a_source_left_warns_and_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    # in/ holds only a translation, src/ a source: a warning, then the job goes on (to
    # the model, which is missing here).
    _write(tmp_path, ["in/x.en.txt", "src/a.ar.txt"])
    code = main(["translate", str(tmp_path / "in"), str(tmp_path / "src"), "--from", "ar",
                 "--to", "en", "--no-glossary", "--out", str(tmp_path / "out"),
                 "--model", str(tmp_path / "no-model")])
    err = capsys.readouterr().err
    assert code == 2
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"warning: {tmp_path / 'in'}: 1 document left out: its name carries the tag of "
        "another language than --from ar (*.en.*: 1), as translations do; name a file to "
        "translate it anyway"]
    assert err.startswith(f"avet: error: model '{tmp_path / 'no-model'}' not found locally")


def test_an_empty_folder_still_finds_no_documents(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    code = main(["translate", str(tmp_path / "in"), "--from", "ar", "--to", "vi",
                 "--no-glossary", "--out", str(tmp_path / "out")])
    assert code == 2
    assert capsys.readouterr().err == ("avet: error: no documents found (give .txt or .md "
                                       "files, or folders holding them)\n")


@pytest.mark.parametrize(("left_out", "expected"), [
    ([("a.vi.txt", "vi"), ("b.vi.md", "vi")],
     "in: all 2 documents found are named as translations (*.vi.*), not --from en sources "
     "(check --from: is it --from vi?; or give a file by name to translate it anyway)"),
    ([("a.ar.txt", "ar")],
     "in: the only document found is named as a translation (*.ar.*), not a --from en "
     "source (check --from: is it --from ar?; or give a file by name to translate it "
     "anyway)"),
])
def test_all_left_out_error_names_the_tag_to_try(left_out: list[tuple[str, str]],
                                                 expected: str) -> None:
    error = all_left_out_error(["in"], left_out, "en")
    assert isinstance(error, InputError) and str(error) == expected
