"""``avet translate`` and ``avet batch translate`` give the same answer for the same document.

Both read, check and name documents through :mod:`toolkit.translate.document`;
these tests run both commands on the same inputs with a scripted engine (no
model) and compare what they write, refuse and report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from models.base import Translation
from toolkit.cli import translate_cmd
from toolkit.cli.main import main
from toolkit.translate import MAX_SEGMENT_CHARS


class BracketEngine:
    """Translates a sentence as ``[sentence]``; records every sentence it is given."""

    name = "bracket"
    model_id = "test/bracket"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def signature(self) -> dict[str, Any]:
        return {"model": self.model_id, "engine": self.name}

    def translate(self, segments: Sequence[str], src: str, tgt: str, **_: Any
                  ) -> list[Translation]:
        self.seen += segments
        return [Translation(f"[{s}]", [f"[{s}]"]) for s in segments]


@pytest.fixture()
def engine(monkeypatch: pytest.MonkeyPatch) -> BracketEngine:
    fake = BracketEngine()
    # batch_cmd imports load_engine_for from translate_cmd when it runs: one patch serves both.
    monkeypatch.setattr(translate_cmd, "load_engine_for", lambda *a, **k: fake)
    return fake


def _translate(doc: Path, out: Path) -> int:
    return main(["translate", str(doc), "--from", "ar", "--to", "en", "--no-glossary",
                 "--out", str(out)])


def _batch(folder: Path, out: Path) -> int:
    return main(["batch", "translate", str(folder), "--from", "ar", "--to", "en",
                 "--no-glossary", "--out", str(out), "--json"])


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = folder / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    return doc


@pytest.mark.parametrize("text", ["", " \n\t\n", "\n\n\n"], ids=["empty", "blank", "newlines"])
def test_a_document_with_nothing_to_translate_is_written_as_it_is_by_both(
        tmp_path: Path, engine: BracketEngine, caplog: pytest.LogCaptureFixture,
        text: str) -> None:
    doc = _write(tmp_path / "in", text)
    assert _translate(doc, tmp_path / "one" / "doc.en.txt") == 0
    assert _batch(tmp_path / "in", tmp_path / "many") == 0
    one = (tmp_path / "one" / "doc.en.txt").read_text(encoding="utf-8")
    many = (tmp_path / "many" / "doc.en.txt").read_text(encoding="utf-8")
    assert one == many == text
    notices = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(notices) == 2  # one notice from each command
    assert all(n.startswith(f"{doc}: nothing to translate") for n in notices)
    assert engine.seen == []
    report = json.loads((tmp_path / "one" / "doc.en.txt.report.json").read_text("utf-8"))
    assert report["totals"]["segments"] == 0


def test_an_overlong_sentence_is_refused_by_both_naming_its_line(
        tmp_path: Path, engine: BracketEngine, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _write(tmp_path / "in", "أولا.\n" + "ب" * (MAX_SEGMENT_CHARS + 1) + "\n")
    assert _translate(doc, tmp_path / "one.txt") == 2
    err = capsys.readouterr().err.strip().splitlines()
    message = f"doc.txt:2: a sentence of {MAX_SEGMENT_CHARS + 1} characters is longer than"
    assert len(err) == 1 and message in err[0]
    assert not (tmp_path / "one.txt").exists()
    assert _batch(tmp_path / "in", tmp_path / "many") == 3
    assert message in (tmp_path / "many" / "failed.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "many" / "doc.en.txt").exists()
    assert engine.seen == []  # refused before any sentence reached the engine


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_both_write_the_same_translation(tmp_path: Path, engine: BracketEngine,
                                         capsys: pytest.CaptureFixture[str], bom: bytes) -> None:
    (tmp_path / "in").mkdir()
    doc = tmp_path / "in" / "doc.txt"
    doc.write_bytes(bom + "# عنوان\n\nجملة أولى. جملة ثانية\n".encode())
    assert _translate(doc, tmp_path / "one" / "doc.en.txt") == 0
    assert _batch(tmp_path / "in", tmp_path / "many") == 0
    one = (tmp_path / "one" / "doc.en.txt").read_bytes()
    assert one == (tmp_path / "many" / "doc.en.txt").read_bytes()
    assert one == bom + "# [عنوان]\n\n[جملة أولى.] [جملة ثانية]\n".encode()


def test_a_document_not_in_the_from_language_is_refused_by_both(
        tmp_path: Path, engine: BracketEngine, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _write(tmp_path / "in", "The government opened the city data to all. VNeID\n")
    (tmp_path / "in" / "other.txt").write_text("جملة أولى.\n", encoding="utf-8")
    assert _translate(doc, tmp_path / "one.txt") == 2
    err = capsys.readouterr().err.strip().splitlines()
    message = (f"{doc}: only 0% of its letters are Arabic: it looks like English or "
               "Vietnamese (Latin script), not Arabic (--from ar)")
    assert len(err) == 1 and message in err[0] and "give --from en or --from vi" in err[0]
    assert not (tmp_path / "one.txt").exists()
    # In a batch it is a failure of that document (its input must change); the others go on.
    assert _batch(tmp_path / "in", tmp_path / "many") == 3
    failed = (tmp_path / "many" / "failed.txt").read_text(encoding="utf-8").splitlines()
    assert len(failed) == 1 and failed[0].startswith("doc.txt\t1\t") and message in failed[0]
    assert not (tmp_path / "many" / "doc.en.txt").exists()
    assert (tmp_path / "many" / "other.en.txt").read_text(encoding="utf-8") == "[جملة أولى.]\n"
    assert engine.seen == ["جملة أولى."]
