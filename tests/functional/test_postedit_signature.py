"""``avet postedit`` and ``avet check`` carry the signature ``avet batch postedit`` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cli.main import main
from toolkit.cli.postedit_cmd import signature_line

GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "postedit" / "glossary.csv"


@pytest.fixture()
def batch_signature(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    """Writes one source/target pair and returns what ``batch postedit`` signs it with."""
    from toolkit.batch import REPORT_NAME

    for folder, text in (("src", "Chuyển đổi số là động lực.\n"),
                         ("tgt", "Digital conversion is a driver.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    assert main(["batch", "postedit", str(tmp_path / "src"), "--targets", str(tmp_path / "tgt"),
                 "--from", "vi", "--to", "en", "--glossary", str(GLOSSARY),
                 "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    report = json.loads((tmp_path / "out" / REPORT_NAME).read_text(encoding="utf-8"))
    return report["signature"]


def _args(command: str, tmp_path: Path) -> list[str]:
    return [command, "--from", "vi", "--to", "en", "--source", str(tmp_path / "src" / "a.txt"),
            "--target", str(tmp_path / "tgt" / "a.txt"), "--glossary", str(GLOSSARY)]


@pytest.mark.parametrize("command", ["postedit", "check"])
def test_json_summary_has_the_batch_signature(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], batch_signature: dict,
        command: str) -> None:
    assert main([*_args(command, tmp_path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["summary"] is True
    assert summary["signature"] == {**batch_signature, "command": command}
    assert len(batch_signature["glossary"]["hash"]) == 64
    assert batch_signature["glossary"]["origin"] == str(GLOSSARY)
    assert (batch_signature["src"], batch_signature["tgt"]) == ("vi", "en")


@pytest.mark.parametrize(
    ("command", "extra", "stream"),
    [("postedit", [], "err"), ("postedit", ["--out", "{tmp}/post.en"], "out"),
     ("check", [], "out")],
)
def test_text_output_ends_with_the_signature(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], batch_signature: dict,
        command: str, extra: list[str], stream: str) -> None:
    args = [*_args(command, tmp_path), *(a.replace("{tmp}", str(tmp_path)) for a in extra)]
    assert main(args) == 0
    captured = capsys.readouterr()
    line = signature_line({**batch_signature, "command": command})
    assert getattr(captured, stream).splitlines()[-1] == f"signature: {line}"
    assert line.startswith("avet:") and f"|{command}|vi-en|glossary:" in line
