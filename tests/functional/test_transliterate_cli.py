"""The ``avet transliterate`` command, run through toolkit.cli.main.main."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from toolkit.cli.main import main
from toolkit.cli.transliterate_cmd import EXIT_NO_CANDIDATES, MAX_WORDS

README = Path(__file__).resolve().parents[2] / "README.md"


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
    ("--from", "vi", "--to", "ar", "--kind", "person", "Nguyễn Văn An"),
])
def test_user_errors_exit_2_with_one_line(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("avet: error:") and err.count("\n") == 1


def test_kind_with_vi_to_ar_is_refused_naming_the_fix(capsys):
    code, _, err = _run(capsys, "--from", "vi", "--to", "ar", "--kind", "place", "Hà Nội")
    assert code == 2 and "--kind is for --from ar only" in err and "drop --kind" in err


def test_unsupported_direction_lists_supported(capsys):
    _, _, err = _run(capsys, "--from", "en", "--to", "ar", "Hanoi")
    assert "--from ar --to vi" in err and "--from vi --to ar" in err


@pytest.mark.parametrize(("source", "target", "word"), [
    ("ar", "vi", "نجوين"),
    ("vi", "ar", "Nguyễn"),
])
def test_more_words_than_a_name_are_refused(capsys, source, target, word):
    text = " ".join([word] * (MAX_WORDS + 1))
    code, out, err = _run(capsys, "--from", source, "--to", target, text)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"{MAX_WORDS + 1} words" in err and "avet extract" in err


def test_a_name_of_max_words_is_read(capsys):
    code, out, _ = _run(capsys, "--from", "vi", "--to", "ar", " ".join(["Minh"] * MAX_WORDS),
                        "--top", "1")
    assert code == 0 and out.startswith("1. مينه")


@pytest.mark.parametrize("json_flag", [(), ("--json",)])
def test_no_reading_exits_3_naming_the_word(capsys, json_flag):
    code, out, err = _run(capsys, "--from", "ar", "--to", "vi", "نجوين الحكومة", *json_flag)
    assert code == EXIT_NO_CANDIDATES == 3
    assert err.count("\n") == 1 and "'الحكومة' spells no Vietnamese syllable" in err
    assert (json.loads(out)["candidates"] == []) if json_flag else out == ""


@pytest.mark.parametrize(("text", "first"), [
    ("Nguyen Van Thanh", "1. نجوين فان ثانه  "),
    ("Hà Nội, Minh", "1. هانوي، مينه  "),
])
def test_vi_to_ar_without_marks_and_with_punctuation(capsys, text, first):
    code, out, _ = _run(capsys, "--from", "vi", "--to", "ar", text)
    assert code == 0 and out.startswith(first)


def test_a_word_that_is_not_vietnamese_exits_2_naming_it(capsys):
    code, out, err = _run(capsys, "--from", "vi", "--to", "ar", "John Nguyen")
    assert code == 2 and out == ""
    assert err.startswith("avet: error: 'John' is not a Vietnamese syllable")


def _readme_examples() -> list[tuple[list[str], list[str]]]:
    """The ``$ avet transliterate`` examples of README.md and the lines they show."""
    examples: list[tuple[list[str], list[str]]] = []
    current: list[str] | None = None
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("$ avet transliterate "):
            current = []
            examples.append((shlex.split(line)[3:], current))
        elif line.startswith(("$", "```")):
            current = None
        elif current is not None and re.match(r"\d+\. ", line):
            current.append(line)
    return examples


@pytest.mark.parametrize(("argv", "shown"), _readme_examples())
def test_readme_examples_print_what_the_readme_shows(capsys, argv, shown):
    code, out, _ = _run(capsys, *argv)
    assert code == 0 and shown
    assert out.splitlines()[:len(shown)] == shown
