"""``avet postedit``, ``avet check`` and ``avet eval`` end to end through ``main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "data" / "postedit"
GLOSSARY = str(DATA / "glossary.csv")

SOURCE = "Chuyển đổi số là động lực.\nBộ trưởng Nguyễn Mạnh Hùng phát biểu.\nTrời đẹp.\n"
# BOM, CRLF endings, trailing spaces and a last line without a line ending.
TARGET = ("\ufeffDigital conversion is a driver.  \r\n"
          "Minister Nguyen Manh Hong spoke.\r\n"
          "Nice weather, digital conversion!\t")
EDITED = ("\ufeffDigital transformation is a driver.  \r\n"
          "Minister Nguyen Manh Hung spoke.\r\n"
          "Nice weather, digital conversion!\t")


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)
    src, tgt = tmp_path / "src.vi", tmp_path / "mt.en"
    src.write_bytes(SOURCE.encode("utf-8"))
    tgt.write_bytes(TARGET.encode("utf-8"))
    return {"src": src, "tgt": tgt, "dir": tmp_path}


def _args(cmd: str, files: dict[str, Path], *extra: str) -> list[str]:
    return [cmd, "--from", "vi", "--to", "en", "--source", str(files["src"]),
            "--target", str(files["tgt"]), "--glossary", GLOSSARY, *extra]


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_postedit_out_file_is_byte_identical_except_edits(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = files["dir"] / "post.en"
    assert main(_args("postedit", files, "--out", str(out))) == 0
    assert out.read_bytes() == EDITED.encode("utf-8")
    assert files["tgt"].read_bytes() == TARGET.encode("utf-8")  # input untouched
    printed = capsys.readouterr().out
    assert "replaced_forbidden" in printed and "fixed_near_miss" in printed


def test_postedit_to_stdout_with_summary_on_stderr(
        files: dict[str, Path], capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(_args("postedit", files)) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == EDITED.encode("utf-8")
    assert b"3 lines, 2 changed" in captured.err


def test_postedit_json_shape(files: dict[str, Path], capsys: pytest.CaptureFixture[str]
                             ) -> None:
    assert main(_args("postedit", files, "--json")) == 0
    records = _json_lines(capsys.readouterr().out)
    edits, summary = records[:-1], records[-1]
    assert [(r["line"], r["action"], r["before"], r["after"]) for r in edits] == [
        (1, "replaced_forbidden", "Digital conversion", "Digital transformation"),
        (2, "fixed_near_miss", "Nguyen Manh Hong", "Nguyen Manh Hung")]
    assert set(edits[0]) == {"line", "entry_id", "action", "before", "after", "start", "end"}
    assert summary["summary"] is True and summary["lines"] == 3
    assert summary["edits"] == {"replaced_forbidden": 1, "replaced_variant": 0,
                                "fixed_near_miss": 1, "restored_code": 0}
    assert summary["missing"] == []


def test_postedit_line_count_mismatch(files: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    files["tgt"].write_text("only one line\n", encoding="utf-8")
    out = files["dir"] / "post.en"
    assert main(_args("postedit", files, "--out", str(out))) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert (f"{files['src']}:2: line 2 has no counterpart: {files['src']} has 3 lines but "
            f"{files['tgt']} has 1 line (give line-aligned files") in err
    assert not out.exists()


@pytest.mark.parametrize(("source", "target", "lines"), [
    ("Hà Nội.\n\n", "Ha Noi.\n", 1),
    ("Hà Nội.\n", "Ha Noi.\r\n\r\n  \n", 1),
    ("Hà Nội.", "Ha Noi.\n\n", 1),
    ("Hà Nội.\n \n\n", "Ha Noi.\n\n", 2),
])
def test_trailing_blank_lines_do_not_count(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           source: str, target: str, lines: int) -> None:
    files = {"src": tmp_path / "m.vi", "tgt": tmp_path / "m.en", "dir": tmp_path}
    files["src"].write_text(source, encoding="utf-8", newline="")
    files["tgt"].write_bytes(target.encode("utf-8"))
    out = tmp_path / "post.en"
    glossary = tmp_path / "g.csv"
    glossary.write_text("vi,en,variants_en\nHà Nội,Hanoi,Ha Noi\n", encoding="utf-8")
    args = ["--from", "vi", "--to", "en", "--source", str(files["src"]), "--target",
            str(files["tgt"]), "--glossary", str(glossary)]
    assert main(["postedit", *args, "--out", str(out)]) == 0
    assert out.read_bytes() == target.replace("Ha Noi", "Hanoi").encode("utf-8")
    capsys.readouterr()
    assert main(["check", *args, "--json"]) == 0
    assert _json_lines(capsys.readouterr().out)[-1]["lines"] == lines


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize("which", ["src", "tgt"])
def test_postedit_and_check_read_what_translate_reads(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str], encoding: str,
        which: str) -> None:
    # UTF-16 with a BOM (utf-16-be gets one written by hand) is read as translate reads it;
    # the output is UTF-8, with a BOM only where the target had a UTF-8 one.
    text = SOURCE if which == "src" else TARGET.removeprefix("\ufeff")
    bom = "\ufeff".encode(encoding) if encoding == "utf-16-be" else b""
    files[which].write_bytes(bom + text.encode(encoding))
    assert main(_args("check", files, "--json")) == 0
    assert _json_lines(capsys.readouterr().out)[-1]["lines"] == 3
    out = files["dir"] / "post.en"
    assert main(_args("postedit", files, "--out", str(out))) == 0
    expected = EDITED if which == "src" else EDITED.removeprefix("\ufeff")
    if which == "tgt" and encoding == "utf-8-sig":
        expected = "\ufeff" + expected
    assert out.read_bytes() == expected.encode("utf-8")


def test_check_reads_a_windows_1256_source_with_a_notice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    source, target = tmp_path / "s.ar", tmp_path / "t.en"
    source.write_bytes("الخطة الرقمية\n".encode("cp1256"))
    target.write_text("the plan\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("ar,en\nالخطة,plan\n", encoding="utf-8")
    assert main(["check", "--from", "ar", "--to", "en", "--source", str(source), "--target",
                 str(target), "--glossary", str(glossary), "--json"]) == 0
    assert _json_lines(capsys.readouterr().out)[-1]["findings"] == 0
    assert f"{source}: decoded as Windows-1256" in caplog.text


def test_postedit_rejects_damaged_utf8_target(files: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    files["tgt"].write_bytes("Hà Nội\nbad \xff byte, Hà Nội\nok\n".encode()
                             .replace(b"\xc3\xbf", b"\xff"))
    assert main(_args("postedit", files)) == 2
    err = capsys.readouterr().err
    assert f"{files['tgt']}:2: not valid UTF-8: byte 0xFF at column 5" in err


def test_postedit_uses_database_when_no_glossary_given(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from glossary.formats import read_glossary
    from glossary.store import Store

    db = files["dir"] / "terms.db"
    with Store(db) as store:
        store.add_many(read_glossary(GLOSSARY))
    args = _args("postedit", files, "--json")
    args = [*args[:args.index("--glossary")], "--json", "--db", str(db)]
    assert main(args) == 0
    assert _json_lines(capsys.readouterr().out)[-1]["edits"]["replaced_forbidden"] == 1


def test_missing_database_is_a_user_error(files: dict[str, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    args = _args("check", files)
    args = args[:args.index("--glossary")]
    assert main(args) == 2
    assert "no glossary database" in capsys.readouterr().err
    assert not (files["dir"] / "avet.db").exists()


@pytest.mark.parametrize(("extra", "code"), [
    ((), 0), (("--fail-on", "error"), 3), (("--fail-on", "warning"), 3)])
def test_check_exit_codes(files: dict[str, Path], capsys: pytest.CaptureFixture[str],
                          extra: tuple[str, ...], code: int) -> None:
    assert main(_args("check", files, *extra)) == code
    assert "2 errors, 1 warning\n" in capsys.readouterr().out


def test_check_fail_on_error_passes_with_warnings_only(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    files["src"].write_text("Trời đẹp.\n", encoding="utf-8")
    files["tgt"].write_text("Nice digital conversion.\n", encoding="utf-8")
    assert main(_args("check", files, "--fail-on", "error")) == 0
    assert main(_args("check", files, "--fail-on", "warning")) == 3
    assert "0 errors, 1 warning\n" in capsys.readouterr().out


def test_check_json_one_object_per_finding(files: dict[str, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args("check", files, "--json")) == 0
    records = _json_lines(capsys.readouterr().out)
    findings, summary = records[:-1], records[-1]
    assert summary.pop("signature")["command"] == "check"
    assert [(f["line"], f["severity"], f["issue"]) for f in findings] == [
        (1, "error", "forbidden_term"), (2, "error", "near_miss"),
        (3, "warning", "forbidden_no_source")]
    assert {"line", "severity", "issue", "source_term", "found", "expected"} <= set(findings[0])
    assert summary == {"summary": True, "lines": 3, "findings": 3, "errors": 2, "warnings": 1,
                       "by_issue": {"forbidden_term": 1, "near_miss": 1,
                                    "forbidden_no_source": 1}}
    assert files["tgt"].read_bytes() == TARGET.encode("utf-8")


@pytest.mark.parametrize("terms", ["none", "real", "random"])
def test_eval_json_per_term_mode(files: dict[str, Path], capsys: pytest.CaptureFixture[str],
                                 terms: str) -> None:
    ref = files["dir"] / "ref.en"
    ref.write_text("Digital transformation is a driver.\nMinister Nguyen Manh Hung spoke.\n"
                   "Nice weather.\n", encoding="utf-8")
    code = main(["eval", "--source", str(files["src"]), "--reference", str(ref),
                 "--hypothesis", str(files["tgt"]), "--glossary", GLOSSARY, "--from", "vi",
                 "--to", "en", "--terms", terms, "--json"])
    assert code == 0
    records = _json_lines(capsys.readouterr().out)
    metrics = {r["metric"]: r for r in records[:-1]}
    assert set(metrics) == {"BLEU", "chrF", "TER", "exact_match", "window_overlap_2",
                            "1-TERm", "consistency"}
    assert all(r["signature"] for r in metrics.values())
    assert metrics["BLEU"]["signature"].startswith("nrefs:1|")
    summary = records[-1]
    assert summary["term_mode"] == terms and f"terms:{terms}" in summary["signature"]
    assert len(summary["glossary_hash"]) == 64
    if terms == "none":
        assert metrics["exact_match"]["value"] is None
    if terms == "real":
        # 2 glossary terms in the source, neither rendered as the glossary says.
        assert metrics["exact_match"]["value"] == 0.0
        assert metrics["exact_match"]["terms"] == 2


def test_eval_table_without_glossary(files: dict[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--source", str(files["src"]), "--reference", str(files["tgt"]),
                 "--hypothesis", str(files["tgt"])]) == 0
    out = capsys.readouterr().out
    assert "BLEU" in out and "100.0000" in out and "n/a" in out


def test_eval_line_count_mismatch(files: dict[str, Path],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    hyp = files["dir"] / "hyp.en"
    hyp.write_text("one\n", encoding="utf-8")
    assert main(["eval", "--source", str(files["src"]), "--reference", str(files["tgt"]),
                 "--hypothesis", str(hyp)]) == 2
    assert f"has 3 lines but {hyp} has 1 line" in capsys.readouterr().err


def test_postedit_writes_an_nfd_vietnamese_target_in_nfc(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import unicodedata

    glossary = tmp_path / "g.csv"
    glossary.write_text("en,vi,kind\nQuang Ninh,Quảng Ninh,place\n", encoding="utf-8")
    src, tgt, out = tmp_path / "s.en", tmp_path / "t.vi", tmp_path / "out.vi"
    src.write_text("Quang Ninh speeds up digital transformation\n", encoding="utf-8")
    tgt.write_text(unicodedata.normalize("NFD", "Tỉnh Quang Ninh đẩy mạnh chuyển đổi số\n"),
                   encoding="utf-8")
    assert main(["postedit", "--from", "en", "--to", "vi", "--source", str(src), "--target",
                 str(tgt), "--glossary", str(glossary), "--out", str(out), "--json"]) == 0
    written = out.read_text(encoding="utf-8")
    assert written == unicodedata.normalize("NFC", "Tỉnh Quảng Ninh đẩy mạnh chuyển đổi số\n")
    [edit, summary] = _json_lines(capsys.readouterr().out)
    assert summary["lines_changed"] == 1
    # Offsets into the target as given (NFD), as check reports them.
    given = tgt.read_text(encoding="utf-8")
    assert given[edit["start"]:edit["end"]] == edit["before"] == "Quang Ninh"
