"""``avet batch … --out OUT``: an OUT that cannot be the job's folder is a one-line
user error (exit 2), whichever job runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.functional.batch_fixtures import write_extract_corpus, write_postedit_job
from toolkit.cli.main import main


def _out_is_a_file(root: Path) -> tuple[Path, str]:
    out = root / "out"
    out.write_text("not a folder\n", encoding="utf-8")
    return out, "is a file, not a folder"


def _out_under_a_file(root: Path) -> tuple[Path, str]:
    (root / "file").write_text("not a folder\n", encoding="utf-8")
    return root / "file" / "out", "is a file, not a folder"


def _lock_is_a_folder(root: Path) -> tuple[Path, str]:
    out = root / "out"
    (out / ".avet-batch.lock").mkdir(parents=True)
    return out, "cannot open the job lock"


def _extract(root: Path, out: Path) -> list[str]:
    return ["batch", "extract", str(write_extract_corpus(root)), "--no-store",
            "--db", str(root / "g.db"), "--out", str(out)]


def _postedit(root: Path, out: Path) -> list[str]:
    src, tgt, glossary = write_postedit_job(root, 2)
    return ["batch", "postedit", str(src), "--targets", str(tgt), "--from", "ar", "--to", "en",
            "--glossary", str(glossary), "--out", str(out)]


@pytest.mark.parametrize("spoil", [_out_is_a_file, _out_under_a_file, _lock_is_a_folder])
@pytest.mark.parametrize("command", [_extract, _postedit])
def test_an_unusable_out_is_a_one_line_user_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        spoil: Callable[[Path], tuple[Path, str]],
        command: Callable[[Path, Path], list[str]]) -> None:
    out, message = spoil(tmp_path)
    argv = command(tmp_path, out)
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("avet: ") and err.count("\n") == 1, err
    assert message in err and "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("spoil", [_out_is_a_file, _out_under_a_file])
def test_translate_refuses_an_unusable_out_before_loading_the_model(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        spoil: Callable[[Path], tuple[Path, str]]) -> None:
    out, message = spoil(tmp_path)
    before = out.read_bytes() if out.is_file() else None
    corpus = write_extract_corpus(tmp_path)
    # No model at that path: the error names --out, so nothing was loaded first.
    argv = ["batch", "translate", str(corpus), "--from", "ar", "--to", "en", "--no-glossary",
            "--model", str(tmp_path / "no-model"), "--out", str(out)]
    capsys.readouterr()
    assert main(argv) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"avet: error: {out}: ") and message in line, line
    if before is not None:
        assert out.read_bytes() == before
