"""``avet translate`` end to end through ``main``, on real (tiny) model files.

The models are random Marian checkpoints (tests/tinymodels.py) and their
CTranslate2 conversions made with ``avet models convert``. They translate
nothing useful, so these tests check what the pipeline promises whatever the
model says: layout kept, approved targets present (constrained decoding on
both engines), codes and URLs verbatim, the report and its signature, progress,
errors. The model of this module is built on synthetic text plus a line holding
the codes, so that its vocabulary can spell every approved target.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.tinymodels import build_tiny_marian, synthetic_sentences
from toolkit.cli import translate_cmd
from toolkit.cli.main import main
from toolkit.glossary_source import load_glossary
from toolkit.progress import Progress

CODES = "749/QD-TTg VNeID https://mic.gov.vn/a-b.htm"

# Written for these tests from the tiny lexicon; a Markdown document with a heading,
# a list, a numbered item, a URL and two protected codes.
DOCUMENT = (
    "# حكومة رقمية\n"
    "\n"
    "- مدينة حكومة رقمية بيانات. خدمة جديد https://mic.gov.vn/a-b.htm\n"
    "- القرار 749/QD-TTg مدرسة VNeID.\n"
    "1. طريق كبير\n"
)
MARKERS = ["# ", "", "- ", "- ", "1. "]

GLOSSARY = (
    "ar,en,kind,status,dnt\n"
    "حكومة رقمية,digital government,term,approved,no\n"
    "خدمة جديد,new service,term,approved,no\n"
    "749/QD-TTg,749/QD-TTg,code,approved,yes\n"
    "VNeID,VNeID,term,approved,yes\n"
)
TARGETS = {"digital government", "new service", "749/QD-TTg", "VNeID"}

FAST = ["--max-length", "12", "--beam", "2"]
# --max-length bounds every decode, constraints included: room for the URL (21 tokens of
# this model's vocabulary), the codes and the terms of a sentence.
ROOM = ["--max-length", "48"]


@pytest.fixture(scope="session")
def coded_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random Marian ar→en model whose vocabularies also spell the codes and the URL."""
    texts = (synthetic_sentences("ar", 300, 0) + [CODES] * 3,
             synthetic_sentences("en", 300, 1) + [CODES] * 3)
    return build_tiny_marian(tmp_path_factory.mktemp("models") / "opus-mt-ar-en", "ar", "en",
                             texts=texts)


@pytest.fixture(scope="session")
def coded_marian_ct2(coded_marian: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``coded_marian`` converted with ``avet models convert``."""
    out = tmp_path_factory.mktemp("ct2") / "opus-mt-ar-en-ct2"
    assert main(["models", "convert", str(coded_marian), str(out)]) == 0
    return out


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the document and the glossary; models are looked for nowhere else."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AVET_MODELS_DIR", str(tmp_path / "no-models"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "no-hub"))
    (tmp_path / "doc.md").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def _model(engine: str, request: pytest.FixtureRequest) -> Path:
    name = "coded_marian_ct2" if engine == "ctranslate2" else "coded_marian"
    path: Path = request.getfixturevalue(name)
    return path


def _translate(work: Path, model: Path, engine: str, *extra: str) -> int:
    return main(["translate", str(work / "doc.md"), "--from", "ar", "--to", "en",
                 "--glossary", str(work / "glossary.csv"), "--model", str(model),
                 "--engine", engine, *FAST, *extra])


def _as_word(form: str, text: str) -> bool:
    """Whether ``form`` stands in ``text`` with no letter or digit glued to either end."""
    return re.search(rf"(?<![^\W_]){re.escape(form)}(?![^\W_])", text) is not None


def _report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_translate_keeps_layout_and_enforces_the_glossary(
        work: Path, engine: str, request: pytest.FixtureRequest,
        capsys: pytest.CaptureFixture[str]) -> None:
    model = _model(engine, request)
    out = work / "out" / "doc.en.md"
    assert _translate(work, model, engine, "--out", str(out), *ROOM) == 0
    assert "Signature: avet:" in capsys.readouterr().out

    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert len(lines) == len(DOCUMENT.split("\n"))
    assert lines[1] == "" and text.endswith("\n")
    for line, marker in zip(lines, MARKERS, strict=False):
        assert line.startswith(marker) and (marker or not line)
    assert "https://mic.gov.vn/a-b.htm" in lines[2]
    for target in TARGETS:
        assert target in text, f"{target!r} missing from {text!r}"
    assert sorted(p.name for p in out.parent.iterdir()) == ["doc.en.md", "doc.en.md.report.json"]

    report = _report(out.with_name("doc.en.md.report.json"))
    [doc] = report["documents"]
    assert doc["input"] == str(work / "doc.md") and doc["output"] == str(out)
    assert doc["counts"]["segments"] == 5
    seen = set()
    for seg in doc["segments"]:
        for term in seg["terms"]:
            # The decoder placed every target as a word of its own: both engines keep a
            # subword from gluing onto it ("new serviceccTT"). Protected forms only need
            # be there.
            assert term["expected"] in seg["output"], (term, seg["output"])
            assert term["status"] == "applied" or term["method"] != "protected"
            assert term["status"] != "failed" and _as_word(term["expected"], seg["output"])
            seen.add(term["expected"])
    assert seen == TARGETS | {"https://mic.gov.vn/a-b.htm"}  # the URL: no glossary entry
    assert report["totals"]["failed_terms"] == 0
    methods = {t["expected"]: t["method"] for s in doc["segments"] for t in s["terms"]}
    assert methods["749/QD-TTg"] == methods["VNeID"] == "protected"
    signature = report["signature"]
    assert signature["model"]["engine"] == engine
    assert signature["model"]["model"] == model.name
    assert signature["model"]["weights_sha256"]
    assert signature["glossary"]["hash"] == load_glossary(
        work / "glossary.csv", work / "none.db", src="ar", tgt="en").hash
    assert signature["options"] == {"src": "ar", "tgt": "en", "beam_size": 2, "max_length": 48,
                                    "batch_size": 16, "constrain": True, "repair": True,
                                    "parallel": 1}
    assert f"engine:{engine}" in report["signature_string"]


@pytest.mark.slow
def test_protected_codes_come_back_verbatim(work: Path, coded_marian_ct2: Path) -> None:
    (work / "doc.md").write_text("القرار 749/QD-TTg و VNeID على https://mic.gov.vn/a-b.htm\n",
                                 encoding="utf-8")
    out = work / "doc.en.md"
    assert _translate(work, coded_marian_ct2, "ctranslate2", "--out", str(out), *ROOM) == 0
    text = out.read_text(encoding="utf-8")
    for code in ("749/QD-TTg", "VNeID", "https://mic.gov.vn/a-b.htm"):
        assert code in text, text
    terms = _report(work / "doc.en.md.report.json")["documents"][0]["segments"][0]["terms"]
    assert {(t["expected"], t["status"]) for t in terms} >= {("749/QD-TTg", "applied"),
                                                             ("VNeID", "applied")}


@pytest.mark.slow
@pytest.mark.parametrize("model", ["coded_marian", "tiny_marian"])
def test_codes_of_the_source_come_back_verbatim_or_are_reported_failed(
        work: Path, model: str, request: pytest.FixtureRequest) -> None:
    # tiny_marian cannot spell the codes at all: each must then be reported failed.
    path: Path = request.getfixturevalue(model)
    wanted = ["05-NQ/TU", "749/QD-TTg", "VNeID", "https://mic.gov.vn/a-b.htm", "12,345"]
    (work / "doc.md").write_text("القرار 05-NQ/TU و 749/QD-TTg عبر VNeID على "
                                 "https://mic.gov.vn/a-b.htm لـ 12,345 مستخدم\n",
                                 encoding="utf-8")
    out = work / "doc.en.md"
    assert _translate(work, path, "transformers", "--out", str(out), *ROOM) == 0
    [seg] = _report(work / "doc.en.md.report.json")["documents"][0]["segments"]
    status = {t["source"]: t["status"] for t in seg["terms"]}
    assert set(wanted) <= set(status), status
    for code in wanted[:4]:
        assert (code in seg["output"]) == (status[code] != "failed"), (code, seg["output"])
    assert out.read_text(encoding="utf-8") == seg["output"] + "\n"


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""])
def test_a_utf8_bom_is_kept(work: Path, coded_marian_ct2: Path, bom: bytes) -> None:
    (work / "doc.md").write_bytes(bom + "مدينة كبير\r\n\r\nطريق\r\n".encode())
    out = work / "doc.en.md"
    assert _translate(work, coded_marian_ct2, "ctranslate2", "--out", str(out)) == 0
    data = out.read_bytes()
    assert data.startswith(bom) and data.count(b"\xef\xbb\xbf") == len(bom) // 3
    assert data.count(b"\r\n") == 3


def test_progress_lines_when_not_on_a_terminal(
        work: Path, coded_marian_ct2: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(translate_cmd, "Progress", functools.partial(Progress, interval=0.0))
    assert _translate(work, coded_marian_ct2, "ctranslate2", "--out", str(work / "o.md"),
                      "--batch-size", "2") == 0
    err = capsys.readouterr().err
    counts = [int(n) for n in re.findall(r"^avet: (\d+)/5 segments, [\d.]+/s", err, re.M)]
    assert counts == [2, 4, 5], err  # one line per batch of two sentences
    assert "\x1b[" not in err  # no terminal escapes in a log


def test_json_prints_totals_and_signature(work: Path, coded_marian_ct2: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    report = work / "r.json"
    assert _translate(work, coded_marian_ct2, "ctranslate2", "--out", str(work / "o.md"),
                      "--report", str(report), "--json") == 0
    [line] = capsys.readouterr().out.splitlines()
    printed = json.loads(line)
    assert printed["report"] == str(report)
    assert printed["totals"] == _report(report)["totals"]
    assert printed["totals"]["segments"] == 5
    assert printed["signature"].startswith("avet:") and "|ar-en|beam:2|" in printed["signature"]
    assert printed["text"] is None  # the translation is in --out


def test_json_without_out_carries_the_translation(work: Path, coded_marian_ct2: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert _translate(work, coded_marian_ct2, "ctranslate2") == 0
    plain = capsys.readouterr().out
    assert _translate(work, coded_marian_ct2, "ctranslate2", "--json") == 0
    [line] = capsys.readouterr().out.splitlines()  # one JSON object and nothing else
    printed = json.loads(line)
    assert printed["text"] == plain and plain.startswith("# ")
    assert printed["report"] is None and printed["totals"]["segments"] == 5


def test_several_documents_are_named_as_batch_names_them(work: Path,
                                                         coded_marian_ct2: Path) -> None:
    (work / "one.ar").write_text("مدينة جديد.\n", encoding="utf-8")
    (work / "small.ar.txt").write_text("طريق كبير.\n", encoding="utf-8")
    out = work / "two"
    code = main(["translate", str(work / "one.ar"), str(work / "small.ar.txt"), "--from", "ar",
                 "--to", "en", "--no-glossary", "--model", str(coded_marian_ct2),
                 "--engine", "ctranslate2", "--out", str(out), *FAST])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["one.en", "report.json", "small.en.txt"]
    assert [d["output"] for d in _report(out / "report.json")["documents"]] == [
        str(out / "one.en"), str(out / "small.en.txt")]


def test_stdout_when_no_out(work: Path, coded_marian_ct2: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert _translate(work, coded_marian_ct2, "ctranslate2") == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == DOCUMENT.count("\n")
    assert captured.out.startswith("# ") and "digital government" in captured.out
    assert "Translated 1 document, 5 sentences" in captured.err


def test_folder_in_folder_out_mirrors_the_tree(work: Path, coded_marian_ct2: Path) -> None:
    src = work / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.md").write_text("# مدينة\n", encoding="utf-8")
    (src / "sub" / "b.txt").write_text("خدمة جديد.\nطريق\n", encoding="utf-8")
    out = work / "out"
    code = main(["translate", str(src), "--from", "ar", "--to", "en", "--glossary",
                 str(work / "glossary.csv"), "--model", str(coded_marian_ct2),
                 "--engine", "ctranslate2", "--out", str(out), *FAST])
    assert code == 0
    assert (out / "a.en.md").read_text(encoding="utf-8").startswith("# ")
    b = (out / "sub" / "b.en.txt").read_text(encoding="utf-8")
    assert b.count("\n") == 2 and "new service" in b
    report = _report(out / "report.json")
    assert [d["output"] for d in report["documents"]] == [str(out / "a.en.md"),
                                                         str(out / "sub" / "b.en.txt")]
    assert report["totals"]["documents"] == 2 and report["totals"]["segments"] == 3


def test_no_glossary(work: Path, coded_marian_ct2: Path) -> None:
    out = work / "o.md"
    assert main(["translate", str(work / "doc.md"), "--from", "ar", "--to", "en",
                 "--model", str(coded_marian_ct2), "--engine", "ctranslate2", *FAST,
                 "--out", str(out), "--no-glossary", *ROOM]) == 0
    report = _report(work / "o.md.report.json")
    assert report["signature"]["glossary"] == {"origin": None, "hash": None}
    assert "|glossary:none|" in report["signature_string"]
    # No glossary terms; the codes, acronyms and URL of the document are still reported.
    terms = [t for s in report["documents"][0]["segments"] for t in s["terms"]]
    assert {(t["expected"], t["kind"], t["entry_id"]) for t in terms} == {
        ("https://mic.gov.vn/a-b.htm", "url", None), ("749/QD-TTg", "code", None),
        ("VNeID", "acronym", None)}
    assert "https://mic.gov.vn/a-b.htm" in out.read_text(encoding="utf-8")


def test_options_are_recorded(work: Path, coded_marian_ct2: Path) -> None:
    out = work / "o.md"
    assert _translate(work, coded_marian_ct2, "ctranslate2", "--out", str(out),
                      "--no-constraints", "--no-repair", "--batch-size", "3") == 0
    report = _report(work / "o.md.report.json")
    assert report["signature"]["options"]["constrain"] is False
    assert report["signature"]["options"]["repair"] is False
    assert report["signature"]["options"]["batch_size"] == 3
    assert "constrain:no|repair:no" in report["signature_string"]
    methods = {t["method"] for s in report["documents"][0]["segments"] for t in s["terms"]}
    assert methods <= {"as-is", "protected", "not repaired"}


def test_parallel_batches_translate_like_one_at_a_time(work: Path,
                                                      coded_marian_ct2: Path) -> None:
    outs = {}
    for parallel in ("1", "2", "avet.toml"):
        out = work / f"p{parallel}.md"
        if parallel == "avet.toml":  # the setting from the config file in the current folder
            (work / "avet.toml").write_text("parallel = 2\n", encoding="utf-8")
            extra = []
        else:
            extra = ["--parallel", parallel]
        assert _translate(work, coded_marian_ct2, "ctranslate2", "--out", str(out),
                          "--batch-size", "2", *extra) == 0
        outs[parallel] = out.read_text(encoding="utf-8")
        report = _report(work / f"p{parallel}.md.report.json")
        assert report["signature"]["options"]["parallel"] == (1 if parallel == "1" else 2)
    assert outs["1"] == outs["2"] == outs["avet.toml"]


@pytest.mark.parametrize(("engine", "parallel", "message"), [
    ("ctranslate2", "0", "--parallel 0: must be at least 1"),
    ("transformers", "2", "decodes one batch at a time"),
])
def test_bad_parallel_is_a_user_error(work: Path, request: pytest.FixtureRequest, engine: str,
                                      parallel: str, message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    model = _model(engine, request)
    assert _translate(work, model, engine, "--parallel", parallel) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize("model", ["missing-org/opus-mt-ar-en", "{work}/no/such/dir", None])
def test_missing_model_is_a_user_error_with_how_to_get_one(
        work: Path, model: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    out = work / "o.md"
    out.write_text("previous\n", encoding="utf-8")
    args = ["translate", str(work / "doc.md"), "--from", "ar", "--to", "en", "--glossary",
            str(work / "glossary.csv"), "--out", str(out)]
    if model is not None:
        args += ["--model", model.format(work=work)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("avet: error: ") and err.count("\n") == 1
    assert "hf download" in err and "--model PATH" in err
    assert out.read_text(encoding="utf-8") == "previous\n"  # untouched
    assert sorted(p.name for p in work.iterdir()) == ["doc.md", "glossary.csv", "o.md"]


def test_overlong_sentence_is_refused_before_loading_a_model(
        work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "long.md").write_text("# عنوان\n\n" + "مدينة " * 700 + "\n", encoding="utf-8")
    code = main(["translate", str(work / "long.md"), "--from", "ar", "--to", "en",
                 "--glossary", str(work / "glossary.csv"), "--model", "not/needed"])
    assert code == 2
    assert "long.md:3: a sentence of 4199 characters" in capsys.readouterr().err


@pytest.mark.slow
def test_pivot_ar_en_vi_with_two_models(work: Path, coded_marian: Path, tiny_marian_en_vi: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (work / "glossary.csv").write_text(
        "ar,vi,kind,status,dnt\nحكومة رقمية,chínhphủ số,term,approved,no\n", encoding="utf-8")
    (work / "doc.md").write_text("- مدينة حكومة رقمية بيانات.\n", encoding="utf-8")
    out = work / "doc.vi.md"
    code = main(["translate", str(work / "doc.md"), "--from", "ar", "--to", "vi",
                 "--glossary", str(work / "glossary.csv"),
                 "--model", f"{coded_marian}+{tiny_marian_en_vi}", *FAST, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("- ") and "chínhphủ số" in text
    report = _report(work / "doc.vi.md.report.json")
    model = report["signature"]["model"]
    assert model["engine"] == "pivot" and model["pivot"] == "en"
    assert [leg["model"] for leg in model["legs"]] == [coded_marian.name, tiny_marian_en_vi.name]
    [seg] = report["documents"][0]["segments"]
    assert [(t["expected"], t["status"]) for t in seg["terms"]] == [("chínhphủ số", "applied")]


def test_a_constraint_that_does_not_fit_is_counted_once_per_occurrence(
        work: Path, tiny_marian_en_vi: Path, caplog: pytest.LogCaptureFixture) -> None:
    import gc

    (work / "en.txt").write_text("government data.\nThe city government.\n", encoding="utf-8")
    (work / "g.csv").write_text("en,vi,kind,status\ngovernment,chính phủ,term,approved\n",
                                encoding="utf-8")
    assert main(["translate", "en.txt", "--from", "en", "--to", "vi", "--glossary", "g.csv",
                 "--model", str(tiny_marian_en_vi), "--max-length", "4", "--beam", "1",
                 "--out", "out.txt"]) == 0
    gc.collect()  # the engine logs its counts when it is collected
    notes = [r.getMessage() for r in caplog.records if "'chính phủ'" in r.getMessage()]
    # The term is in two sentences: warned of once, counted twice (not once per decoding).
    assert len(notes) == 2, notes
    assert notes[0].endswith("decoding without it (repeats counted at the end)")
    assert notes[1].endswith("decoding without it: 2 times in all")
    totals = _report(work / "out.txt.report.json")["totals"]
    assert totals["applied"] == 0 and totals["failed_terms"] + totals["repaired"] == 2
