"""``a.txt`` and ``a.ar.txt`` would both become ``a.en.txt``: translate and batch refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli.main import main


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    for name in ("a.ar.txt", "a.txt"):
        (tmp_path / "in" / name).write_text("مدينة جديد.\n", encoding="utf-8")
    (tmp_path / "tg").mkdir()
    (tmp_path / "tg" / "a.en.txt").write_text("A new city.\n", encoding="utf-8")
    (tmp_path / "g.csv").write_text("ar,en\nالتحول الرقمي,digital transformation\n",
                                    encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("argv", "output"), [
    (["translate", "in", "--from", "ar", "--to", "en", "--model", "not/needed",
      "--no-glossary", "--out", "out/"], "out/a.en.txt"),
    (["batch", "postedit", "in", "--targets", "tg", "--out", "out", "--from", "ar", "--to", "en",
      "--glossary", "g.csv"], "out/a.en.txt"),
])
def test_two_documents_with_one_output_are_refused(
        work: Path, capsys: pytest.CaptureFixture[str], argv: list[str], output: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (f"avet: error: in/a.txt: its output {output} is also the output of "
                   "in/a.ar.txt (rename one of the two, or translate them into separate"
                   " folders)\n")
    assert not (work / "out").exists()
