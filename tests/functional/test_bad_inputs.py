"""Bad input across every command: a one-line error naming the file, a non-zero exit
(or, inside a batch, a failed-list entry) and no partial output.

Each case writes its files into ``tmp_path`` and names the command line with
``{tmp}`` (the folder) and ``{model}`` (a tiny MT model, for commands that load
one before they read their input). Decisions recorded here:

* Windows-1256 documents (and UTF-16 with a BOM) are accepted with a notice on
  standard error, by every command that reads documents;
* stray bidi controls are accepted and kept byte for byte, and matching ignores
  them and the other invisible characters (soft hyphen, ZWSP, ZWJ, word joiner, BOM)
  in Arabic, Vietnamese and English alike;
* a 50 MB single line: ``batch translate`` fails that document (a sentence longer
  than :data:`toolkit.batch.MAX_SEGMENT_CHARS` characters, naming the line) and
  ``translate`` refuses it; extraction accepts it (slow test);
* an empty or blank document is no error: both translate commands write it as it
  is, with a notice (tests/functional/test_translate_parity.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from toolkit.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
GLOSSARY = ("ar,en,kind,status,forbidden_en\n"
            "التحول الرقمي,digital transformation,term,approved,digital conversion\n")
TEXT = "يعد التحول الرقمي أولوية.\n"


@dataclass
class Case:
    """One bad input.

    Attributes:
        files: Relative path -> content (str is written as UTF-8, bytes as they are).
        argv: The command line; ``{tmp}`` and ``{model}`` are filled in.
        message: Expected in the error line (or in the failed list / the notice).
        names: The file the error must name (``None``: no file is involved).
        absent: Outputs that must not exist afterwards.
        mode: ``error``, ``failed`` (a batch's failed list) or ``accepted``.
        needs_model: Uses the tiny model fixture.
    """

    files: dict[str, str | bytes]
    argv: list[str]
    message: str
    names: str | None
    absent: list[str] = field(default_factory=list)
    mode: str = "error"
    needs_model: bool = False


def _model_dir(config: str, weights: dict[str, bytes]) -> dict[str, str | bytes]:
    return {"in.txt": TEXT, "m/config.json": config,
            **{f"m/{k}": v for k, v in weights.items()}}


_TRANSLATE = ["translate", "{tmp}/in.txt", "--from", "ar", "--to", "en", "--no-glossary",
              "--model", "{model}", "--out", "{tmp}/out.txt"]
_POSTEDIT = ["postedit", "--from", "ar", "--to", "en", "--source", "{tmp}/s.txt", "--target",
             "{tmp}/t.txt", "--glossary", "{tmp}/g.csv", "--out", "{tmp}/out.txt"]
_BATCH_POSTEDIT = ["batch", "postedit", "{tmp}/src", "--targets", "{tmp}/tgt", "--from", "ar",
                   "--to", "en", "--glossary", "{tmp}/g.csv", "--out", "{tmp}/out"]
_ENTITY_BOMB = DATA / "billion_laughs.tbx"
_XXE = DATA / "xxe.tbx"

CASES: dict[str, Case] = {
    # ---- glossary import / export
    "import-malformed-csv": Case({"g.csv": 'ar,en\n"التحول,digital\n'},
                                 ["glossary", "import", "{tmp}/g.csv", "--db", "{tmp}/g.db"],
                                 "malformed CSV", "g.csv", ["g.db"]),
    "import-unknown-language": Case({"g.csv": "ar,fr\nالتحول,numérique\n"},
                                    ["glossary", "import", "{tmp}/g.csv", "--db", "{tmp}/g.db"],
                                    "unknown language code", "g.csv", ["g.db"]),
    "import-conflicting-duplicates": Case(
        {"g.csv": "ar,en\nالتحول الرقمي,digital transformation\n"
                  "التحول الرقمي,digital conversion\n"},
        ["glossary", "import", "{tmp}/g.csv", "--db", "{tmp}/g.db"], "conflicting", "g.csv",
        ["g.db"]),
    "import-tbx-external-entity": Case(
        {"x.tbx": _XXE.read_bytes() if _XXE.is_file() else b""},
        ["glossary", "import", "{tmp}/x.tbx", "--db", "{tmp}/g.db"], "entit", "x.tbx", ["g.db"]),
    "import-tbx-entity-bomb": Case(
        {"x.tbx": _ENTITY_BOMB.read_bytes() if _ENTITY_BOMB.is_file() else b""},
        ["glossary", "import", "{tmp}/x.tbx", "--db", "{tmp}/g.db"], "entit", "x.tbx", ["g.db"]),
    "import-binary": Case({"g.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00binary"},
                          ["glossary", "import", "{tmp}/g.csv", "--db", "{tmp}/g.db"],
                          "not UTF-8", "g.csv", ["g.db"]),
    "import-utf16-without-bom": Case(
        {"g.csv": "ar,en\nالتحول,digital\n".encode("utf-16-le")},
        ["glossary", "import", "{tmp}/g.csv", "--db", "{tmp}/g.db"], "not UTF-8", "g.csv",
        ["g.db"]),
    "export-unknown-format": Case({}, ["glossary", "export", "{tmp}/out.doc", "--db",
                                       "{tmp}/g.db"], "format", "out.doc", ["out.doc"]),
    "config-not-toml": Case({"bad.toml": "db = [\n"},
                            ["glossary", "export", "{tmp}/o.csv", "--config", "{tmp}/bad.toml"],
                            "not valid TOML", "bad.toml", ["o.csv"]),
    # ---- extract
    "extract-nul-bytes": Case({"d.txt": b"abc\x00def"},
                              ["extract", "{tmp}/d.txt", "--db", "{tmp}/g.db"],
                              "binary file", "d.txt"),
    "extract-utf16-without-bom": Case({"d.txt": "التحول الرقمي".encode("utf-16-le")},
                                      ["extract", "{tmp}/d.txt", "--db", "{tmp}/g.db"],
                                      "binary file", "d.txt"),
    "extract-missing-file": Case({}, ["extract", "{tmp}/nope.txt", "--db", "{tmp}/g.db"],
                                 "no such file", "nope.txt"),
    "extract-windows-1256": Case({"d.txt": "التحول الرقمي في المدينة".encode("cp1256")},
                                 ["extract", "{tmp}/d.txt", "--db", "{tmp}/g.db"],
                                 "decoded as Windows-1256", "d.txt", mode="accepted"),
    # ---- translate (the model loads before the documents are read)
    "translate-overlong-line": Case({"in.txt": "مدينة" * 1000}, _TRANSLATE,
                                    "in.txt:1: a sentence of 5000 characters is longer than "
                                    "the 4000", "in.txt", ["out.txt"], needs_model=True),
    "translate-binary": Case({"in.txt": b"\x00\x01\x02\x03"}, _TRANSLATE, "binary file",
                             "in.txt", ["out.txt"], needs_model=True),
    "translate-missing-file": Case({}, _TRANSLATE, "no such file", "in.txt", ["out.txt"],
                                   needs_model=True),
    # ---- models
    "model-without-weights": Case(_model_dir('{"model_type": "marian"}', {}),
                                  [*_TRANSLATE[:-4], "--model", "{tmp}/m", "--out",
                                   "{tmp}/out.txt"], "no model weights", "m", ["out.txt"]),
    "model-pickle-only": Case(_model_dir('{"model_type": "marian"}',
                                         {"pytorch_model.bin": b"PK\x03\x04pickle"}),
                              [*_TRANSLATE[:-4], "--model", "{tmp}/m", "--out", "{tmp}/out.txt"],
                              "pickle", "m", ["out.txt"]),
    "model-remote-code": Case(_model_dir('{"model_type": "marian", "auto_map": '
                                         '{"AutoModel": "modeling_x.XModel"}}',
                                         {"model.safetensors": b"x"}),
                              [*_TRANSLATE[:-4], "--model", "{tmp}/m", "--out", "{tmp}/out.txt"],
                              "remote code", "m", ["out.txt"]),
    # ---- postedit / check / eval / transliterate
    "postedit-line-count-mismatch": Case({"s.txt": TEXT * 2, "t.txt": "one line\n",
                                          "g.csv": GLOSSARY}, _POSTEDIT, "lines", "t.txt",
                                         ["out.txt"]),
    "postedit-target-windows-1256": Case({"s.txt": TEXT, "t.txt": "التحول".encode("cp1256"),
                                          "g.csv": GLOSSARY}, _POSTEDIT, "", None,
                                         mode="accepted"),
    "postedit-target-damaged-utf8": Case({"s.txt": TEXT, "t.txt": "التحول\nbad \xff\n"
                                          .encode().replace(b"\xc3\xbf", b"\xff"),
                                          "g.csv": GLOSSARY}, _POSTEDIT, "not valid UTF-8",
                                         "t.txt", ["out.txt"]),
    "postedit-source-is-directory": Case({"s.txt/x.txt": TEXT, "t.txt": "x\n",
                                          "g.csv": GLOSSARY}, _POSTEDIT, "s.txt", "s.txt",
                                         ["out.txt"]),
    "postedit-stray-bidi-controls": Case(
        {"s.txt": "يعد التحول\u202b الرقمي أولوية\n",
         "t.txt": "digital conversion\u202e is a priority\n", "g.csv": GLOSSARY},
        _POSTEDIT, "", None, mode="accepted"),
    "check-missing-target": Case({"s.txt": TEXT, "g.csv": GLOSSARY},
                                 ["check", "--from", "ar", "--to", "en", "--source",
                                  "{tmp}/s.txt", "--target", "{tmp}/t.txt", "--glossary",
                                  "{tmp}/g.csv"], "no such file", "t.txt"),
    "eval-mismatched-lines": Case({"s.txt": "a\nb\n", "r.txt": "a\nb\n", "h.txt": "a\n"},
                                  ["eval", "--source", "{tmp}/s.txt", "--reference",
                                   "{tmp}/r.txt", "--hypothesis", "{tmp}/h.txt"],
                                  "lines", "h.txt"),
    "transliterate-unsupported-direction": Case({}, ["transliterate", "--from", "xx", "--to",
                                                     "vi", "تاي"], "unsupported direction",
                                                None),
    # ---- batch
    "batch-missing-input-folder": Case({}, ["batch", "postedit", "{tmp}/nope", "--targets",
                                            "{tmp}", "--from", "ar", "--to", "en", "--out",
                                            "{tmp}/out"], "no such folder", "nope", ["out"]),
    "batch-binary-target": Case({"src/a.txt": TEXT, "tgt/a.txt": b"x\x00y\n",
                                 "g.csv": GLOSSARY}, _BATCH_POSTEDIT, "binary file", "a.txt",
                                ["out/a.en.txt"], mode="failed"),
    "batch-missing-target": Case({"src/a.txt": TEXT, "tgt/b.txt": "x\n", "g.csv": GLOSSARY},
                                 _BATCH_POSTEDIT, "no such file", "a.txt", ["out/a.en.txt"],
                                 mode="failed"),
    "batch-extract-nul-bytes": Case({"src/a.txt": b"abc\x00", "src/b.txt": TEXT},
                                    ["batch", "extract", "{tmp}/src", "--out", "{tmp}/out",
                                     "--db", "{tmp}/g.db", "--no-store"], "binary file",
                                    "a.txt", [], mode="failed"),
}


def _fill(value: str, tmp: Path, model: Path | None) -> str:
    return value.replace("{tmp}", str(tmp)).replace("{model}", str(model))


def _check(case: Case, tmp: Path, run: Callable[[list[str]], int],
           capsys: pytest.CaptureFixture[str], model: Path | None = None) -> None:
    for rel, content in case.files.items():
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    code = run([_fill(a, tmp, model) for a in case.argv])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    if case.mode == "error":
        assert code != 0
        assert len(lines) == 1, err
        assert lines[0].startswith("avet: error:") and case.message in lines[0], lines[0]
        if case.names is not None:
            assert case.names in lines[0]
    elif case.mode == "failed":
        assert code == 3
        assert lines[-1].startswith("avet: 1 document failed; see ")
        assert lines[-1].endswith("; fix the input(s) listed there and rerun (a changed "
                                  "document is redone; --retry-failed cannot help)")
        failed = (tmp / "out" / "failed.txt").read_text(encoding="utf-8")
        assert case.names is not None and failed.startswith(case.names)
        assert case.message in failed and len(failed.splitlines()) == 1
    else:
        assert code == 0
        assert case.message in err
        if case.names is not None:
            assert case.names in err
    for rel in case.absent:
        assert not (tmp / rel).exists(), f"{rel} was written"


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if not c.needs_model])
def test_bad_input(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _check(CASES[name], tmp_path, main, capsys)


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.needs_model])
def test_bad_input_with_model(name: str, tmp_path: Path, tiny_marian: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    _check(CASES[name], tmp_path, main, capsys, tiny_marian)


def test_stray_bidi_controls_are_kept_byte_for_byte(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES["postedit-stray-bidi-controls"]
    _check(case, tmp_path, main, capsys)
    target = (tmp_path / "t.txt").read_text(encoding="utf-8")
    expected = target.replace("digital conversion", "digital transformation")
    assert "\u202e" in expected
    assert (tmp_path / "out.txt").read_bytes() == expected.encode("utf-8")


INVISIBLE_GLOSSARY = (
    "ar,vi,en,kind,status,forbidden_ar,forbidden_vi,forbidden_en\n"
    "التحول الرقمي,chuyển đổi số,digital transformation,term,approved,"
    "التحويل الرقمي,số hóa chuyển đổi,digital conversion\n"
)


@pytest.mark.parametrize(
    ("src", "tgt", "source", "target", "expected"),
    [
        ("ar", "vi", "يعد التحو\u00adل\u200f الرقمي أولوية\n",
         "số hó\u00ada chuyển\u200d đổi\u2060 là ưu tiên\n",
         "chuyển đổi số\u2060 là ưu tiên\n"),
        ("vi", "en", "chuy\u00adển đổi\u200b số là ưu tiên\n",
         "digi\u00adtal\u200e conversion\ufeff is a priority\n",
         "digital transformation\ufeff is a priority\n"),
        ("en", "ar", "digi\u00adtal\u2066 transformation\u2069 is a priority\n",
         "يعد التحو\u00adيل الرقمي\u200f أولوية\n",
         "يعد التحول الرقمي\u200f أولوية\n"),
    ],
    ids=["ar-source-vi-target", "vi-source-en-target", "en-source-ar-target"],
)
def test_matching_ignores_invisible_characters(
        src: str, tgt: str, source: str, target: str, expected: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Invisible characters inside a term hide it from neither the source nor the
    target matcher; the replaced span includes them, the ones outside stay."""
    for name, content in {"s.txt": source, "t.txt": target,
                          "g.csv": INVISIBLE_GLOSSARY}.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    code = main(["postedit", "--from", src, "--to", tgt, "--source", str(tmp_path / "s.txt"),
                 "--target", str(tmp_path / "t.txt"), "--glossary", str(tmp_path / "g.csv"),
                 "--out", str(tmp_path / "out.txt"), "--json"])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == expected


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading")
    doc = tmp_path / "d.txt"
    doc.write_text(TEXT, encoding="utf-8")
    doc.chmod(0)
    try:
        code = main(["extract", str(doc), "--db", str(tmp_path / "g.db")])
    finally:
        doc.chmod(0o644)
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(err) == 1 and "permission denied" in err[0] and "d.txt" in err[0]


@pytest.mark.slow
def test_50mb_line_fails_its_document_in_batch_translate(
        tmp_path: Path, tiny_marian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.txt").write_text(TEXT, encoding="utf-8")
    with (src / "huge.txt").open("w", encoding="utf-8") as handle:
        chunk = "مدينة جديدة " * 100_000
        for _ in range(50_000_000 // len(chunk.encode("utf-8")) + 1):
            handle.write(chunk)
        handle.write("\n")
    assert (src / "huge.txt").stat().st_size > 50_000_000
    out = tmp_path / "out"
    code = main(["batch", "translate", str(src), "--out", str(out), "--from", "ar", "--to", "en",
                 "--no-glossary", "--model", str(tiny_marian), "--max-length", "8"])
    assert code == 3
    failed = (out / "failed.txt").read_text(encoding="utf-8")
    assert failed.startswith("huge.txt\t") and "longer than the 4000" in failed
    assert "huge.txt:1:" in failed
    assert not (out / "huge.en.txt").exists() and (out / "ok.en.txt").is_file()


@pytest.mark.slow
def test_a_line_of_many_blocks_is_accepted_by_batch_extract(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 12 MB on one line (7 million characters): several of the reader's blocks (BLOCK_CHARS).
    src = tmp_path / "src"
    src.mkdir()
    with (src / "huge.txt").open("w", encoding="utf-8") as handle:
        chunk = "التحول الرقمي في مدينة جديدة " * 20_000
        for _ in range(12_000_000 // len(chunk.encode("utf-8")) + 1):
            handle.write(chunk)
        handle.write("\n")
    out = tmp_path / "out"
    code = main(["batch", "extract", str(src), "--out", str(out), "--db",
                 str(tmp_path / "g.db"), "--no-store", "--json"])
    assert code == 0
    assert (out / "glossary.json").is_file()
