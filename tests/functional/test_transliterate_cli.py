"""The ``avet transliterate`` command, run through toolkit.cli.main.main."""

from __future__ import annotations

import json

import pytest

from toolkit.cli.main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["transliterate", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_ar_to_vi_lines(capsys):
    code, out, _ = _run(capsys, "--from", "ar", "--to", "vi", "نجوين مانه هونغ")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("1. Nguyễn Mạnh Hùng  ")
    assert len(lines) == 5


def test_ar_to_vi_json(capsys):
    code, out, _ = _run(capsys, "--from", "ar", "--to", "vi", "فام مينه تشينه", "--top", "3",
                        "--json")
    assert code == 0
    data = json.loads(out)
    assert data["input"] == "فام مينه تشينه"
    assert data["candidates"][0]["text"] == "Phạm Minh Chính"
    assert len(data["candidates"]) == 3
    assert sum(c["score"] for c in data["candidates"]) <= 1.0 + 1e-6


def test_vi_to_ar_canonical_first(capsys):
    code, out, _ = _run(capsys, "--from", "vi", "--to", "ar", "Thái Nguyên", "--json")
    assert code == 0
    texts = [c["text"] for c in json.loads(out)["candidates"]]
    assert texts[:3] == ["تاي نجوين", "ثاي نجوين", "تاي نغوين"]


def test_vi_to_ar_lines(capsys):
    code, out, _ = _run(capsys, "--from", "vi", "--to", "ar", "Nguyễn Mạnh Hùng", "--top", "2")
    assert code == 0
    assert out.splitlines()[0].startswith("1. نجوين مانه هونغ")


@pytest.mark.parametrize("argv", [
    ("--from", "vi", "--to", "en", "Hà Nội"),
    ("--from", "ar", "--to", "vi", "Nguyen"),
    ("--from", "ar", "--to", "vi", "هونغ", "--top", "0"),
])
def test_user_errors_exit_2_with_one_line(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("avet: error:") and err.count("\n") == 1


def test_unsupported_direction_lists_supported(capsys):
    _, _, err = _run(capsys, "--from", "en", "--to", "ar", "Hanoi")
    assert "--from ar --to vi" in err and "--from vi --to ar" in err
