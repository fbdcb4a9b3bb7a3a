"""Path mistakes on the command line: one error line naming the path, exit 2, nothing written.

Each case writes its files into ``tmp_path`` (a name ending in ``/`` is a
folder) and fills ``{tmp}`` in its command line. None needs a model: every
check runs before one is loaded.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from toolkit.batch.jobs import TranslateSpec
from toolkit.cli import translate_cmd
from toolkit.cli.main import main
from toolkit.translate import TranslateOptions

GLOSSARY = "ar,en,kind,status\nالتحول الرقمي,digital transformation,term,approved\n"
TEXT = "يعد التحول الرقمي أولوية.\n"


@dataclass
class Case:
    """One path mistake.

    Attributes:
        argv: The command line (``{tmp}`` is filled in).
        message: Expected in the error line.
        names: The path the error line must name (relative to ``{tmp}``).
        files: Relative path -> content; a path ending in ``/`` is a folder.
        absent: Paths that must not exist afterwards.
        setup: A command line run first (it must succeed).
    """

    argv: list[str]
    message: str
    names: str
    files: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)


_IMPORT = ["glossary", "import", "{tmp}/g.csv", "--db", "{tmp}/g.db"]
_POSTEDIT = ["postedit", "--from", "ar", "--to", "en", "--source", "{tmp}/s.txt",
             "--target", "{tmp}/t.txt", "--glossary", "{tmp}/g.csv"]
_TRANSLATE = ["translate", "--from", "ar", "--to", "en", "--no-glossary", "--model",
              "{tmp}/no-model"]
_PAIR = {"s.txt": TEXT, "t.txt": "digital conversion is a priority.\n", "g.csv": GLOSSARY}
_TWO = {"one.ar": TEXT, "small.ar.txt": TEXT}

CASES: dict[str, Case] = {
    "postedit-out-is-a-folder": Case(
        [*_POSTEDIT, "--out", "{tmp}/emptydir"], "is a folder (give a file path, not a folder)",
        "emptydir", {**_PAIR, "emptydir/": ""}),
    "postedit-out-parent-is-a-file": Case(
        [*_POSTEDIT, "--out", "{tmp}/empty.txt/o.txt"], "empty.txt is a file, not a folder",
        "empty.txt/o.txt", {**_PAIR, "empty.txt": ""}),
    "export-to-a-folder": Case(
        ["glossary", "export", "{tmp}/emptydir", "--format", "tbx", "--db", "{tmp}/g.db"],
        "is a folder", "emptydir", {"g.csv": GLOSSARY, "emptydir/": ""}, setup=_IMPORT),
    "export-parent-is-a-file": Case(
        ["glossary", "export", "{tmp}/empty.txt/g.tbx", "--db", "{tmp}/g.db"],
        "empty.txt is a file, not a folder", "empty.txt/g.tbx",
        {"g.csv": GLOSSARY, "empty.txt": ""}, setup=_IMPORT),
    "demo-out-is-a-file": Case(["demo", "--out", "{tmp}/empty.txt"],
                               "is a file, not a folder", "empty.txt", {"empty.txt": ""}),
    "extract-db-parent-is-a-file": Case(
        ["extract", "{tmp}/x.txt", "--db", "{tmp}/empty.txt/x.db"],
        "empty.txt is a file, not a folder", "empty.txt/x.db", {"x.txt": TEXT, "empty.txt": ""}),
    "config-is-a-folder": Case(["glossary", "stats", "--config", "{tmp}/emptydir"],
                               "is a folder, not a config file", "emptydir", {"emptydir/": ""}),
    "config-unknown-device": Case(["glossary", "stats", "--config", "{tmp}/avet.toml"],
                                  "unknown device 'gpu'", "avet.toml:1",
                                  {"avet.toml": 'device = "gpu"\n'}),
    "eval-empty-files": Case(["eval", "--source", "{tmp}/empty.txt", "--reference",
                              "{tmp}/r.txt", "--hypothesis", "{tmp}/h.txt"],
                             "has no lines", "empty.txt",
                             {"empty.txt": "", "r.txt": "", "h.txt": ""}),
    "extract-nothing-readable-creates-no-database": Case(
        ["extract", "{tmp}/nonexist.txt", "--db", "{tmp}/z.db"], "no such file",
        "nonexist.txt", absent=["z.db"]),
    "extract-folder-without-documents": Case(
        ["extract", "{tmp}/emptydir", "--db", "{tmp}/z.db"], "no documents found",
        "emptydir", {"emptydir/": ""}, absent=["z.db"]),
    "translate-report-is-a-folder": Case(
        [*_TRANSLATE, "{tmp}/one.ar", "--out", "{tmp}/o.txt", "--report", "{tmp}/emptydir"],
        "is a folder", "emptydir", {"one.ar": TEXT, "emptydir/": ""}, absent=["o.txt"]),
    "translate-several-inputs-out-is-a-file": Case(
        [*_TRANSLATE, "{tmp}/one.ar", "{tmp}/small.ar.txt", "--out", "{tmp}/empty.txt"],
        "is a file, but several documents need --out FOLDER", "empty.txt",
        {**_TWO, "empty.txt": ""}),
    "translate-several-inputs-out-looks-like-a-file": Case(
        [*_TRANSLATE, "{tmp}/one.ar", "{tmp}/small.ar.txt", "--out", "{tmp}/two.en.txt"],
        "several documents need --out FOLDER", "two.en.txt", _TWO, absent=["two.en.txt"]),
    "translate-folder-input-out-is-a-file": Case(
        [*_TRANSLATE, "{tmp}/in", "--out", "{tmp}/empty.txt"],
        "a folder of documents need --out FOLDER", "empty.txt",
        {"in/a.txt": TEXT, "empty.txt": ""}),
}


def _write(tmp: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = tmp / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def _snapshot(tmp: Path) -> dict[str, bytes | None]:
    return {p.relative_to(tmp).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(tmp.rglob("*"))}


@pytest.mark.parametrize("name", list(CASES))
def test_path_mistake(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, case.files)
    fill = [a.replace("{tmp}", str(tmp_path)) for a in case.setup]
    if fill:
        assert main(fill) == 0
    capsys.readouterr()
    before = _snapshot(tmp_path)
    code = main([a.replace("{tmp}", str(tmp_path)) for a in case.argv])
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"avet: error: {tmp_path / case.names}: "), lines[0]
    assert case.message in lines[0]
    for rel in case.absent:
        assert not (tmp_path / rel).exists(), f"{rel} was written"
    assert _snapshot(tmp_path) == before  # nothing written, nothing changed


def test_extract_names_every_unreadable_file_and_creates_no_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                 "--db", str(tmp_path / "z.db")])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert captured.err.splitlines() == [f"avet: error: {tmp_path / n}: no such file "
                                         "(check the path)" for n in ("a.txt", "b.txt")]
    assert list(tmp_path.iterdir()) == []


def test_extract_goes_on_when_some_files_are_read(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    code = main(["extract", str(tmp_path / "nonexist.txt"), str(tmp_path / "x.txt"),
                 "--db", str(tmp_path / "z.db")])
    captured = capsys.readouterr()
    assert code == 2 and (tmp_path / "z.db").is_file()
    assert "read 1 document:" in captured.out and "nonexist.txt: no such file" in captured.err


def _no_cuda(monkeypatch: pytest.MonkeyPatch) -> None:
    """Makes torch and ctranslate2 report no CUDA device, whatever the machine has."""
    torch = types.SimpleNamespace(cuda=types.SimpleNamespace(is_available=lambda: False))
    ct2 = types.SimpleNamespace(get_cuda_device_count=lambda: 0)
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "ctranslate2", ct2)


@pytest.mark.parametrize("command", [["translate", "{tmp}/one.ar"],
                                     ["batch", "translate", "{tmp}/in", "--out", "{tmp}/out"]])
@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_cuda_without_a_device_is_a_user_error(
        command: list[str], engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _no_cuda(monkeypatch)
    _write(tmp_path, {"one.ar": TEXT, "in/a.txt": TEXT})
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code = main([*argv, "--from", "ar", "--to", "en", "--no-glossary", "--engine", engine,
                 "--device", "cuda", "--model", str(tmp_path / "no-model")])
    assert code == 2
    assert capsys.readouterr().err == ("avet: error: --device cuda: no CUDA device is visible "
                                       "(use --device cpu)\n")
    assert not (tmp_path / "out").exists()


def test_cpu_does_not_import_torch() -> None:
    import subprocess

    code = ("import sys\nfrom toolkit.cli.translate_cmd import check_device\n"
            "check_device('cpu', 'transformers'); check_device('cpu', 'ctranslate2')\n"
            "assert 'torch' not in sys.modules and 'ctranslate2' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("rel", "expected"), [
    ("one.ar", "one.TGT"), ("small.ar.txt", "small.TGT.txt"), ("doc.md", "doc.TGT.md"),
    ("README", "README.TGT.txt"), ("sub/a.b.txt", "sub/a.b.TGT.txt"),
    ("sub/deep/x", "sub/deep/x.TGT.txt")])
@pytest.mark.parametrize("tgt", ["en", "vi"])
def test_translate_names_outputs_as_batch_does(rel: str, expected: str, tgt: str) -> None:
    spec = TranslateSpec(TranslateOptions(src="ar", tgt=tgt), model=None)
    want = expected.replace("TGT", tgt)
    assert spec.output_rel(rel) == want
    assert translate_cmd._outputs([(Path(rel), Path(rel))], "out/", tgt,
                                  folder_given=True) == [Path("out") / want]
