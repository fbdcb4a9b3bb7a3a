"""Output streams that cannot encode Arabic or Vietnamese (``PYTHONIOENCODING=ascii``)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from toolkit.cli.main import main


class _Streams:
    def __init__(self, encoding: str) -> None:
        self.out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, write_through=True)
        self.err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, write_through=True,
                                    errors="backslashreplace")

    monkeypatch: pytest.MonkeyPatch

    def read(self) -> tuple[bytes, bytes]:
        out, err = self.out.buffer, self.err.buffer
        assert isinstance(out, io.BytesIO) and isinstance(err, io.BytesIO)
        return out.getvalue(), err.getvalue()


@pytest.fixture(params=["ascii", "latin-1"])
def streams(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> _Streams:
    """Streams in the given encoding; installed by :func:`_run` during the test itself
    (pytest puts its own capture back between a fixture's setup and the test)."""
    given = _Streams(request.param)
    given.monkeypatch = monkeypatch
    return given


def _run(streams: _Streams, *argv: str) -> int:
    streams.monkeypatch.setattr(sys, "stdout", streams.out)
    streams.monkeypatch.setattr(sys, "stderr", streams.err)
    try:
        return main(list(argv))
    finally:
        streams.monkeypatch.undo()


def test_plain_output_escapes_what_the_stream_cannot_hold(streams: _Streams) -> None:
    code = _run(streams, "transliterate", "--from", "vi", "--to", "ar", "Hà Nội")
    out, err = streams.read()
    assert code == 0, err
    assert b"\\u0647" in out and b"Traceback" not in err


def test_json_output_stays_valid_json(streams: _Streams) -> None:
    code = _run(streams, "transliterate", "--from", "vi", "--to", "ar", "Hà Nội 😀", "--json")
    out, _ = streams.read()
    assert code == 0
    data = json.loads(out.decode(streams.out.encoding))
    assert data["input"] == "Hà Nội 😀"
    assert any("ها" in c["text"] for c in data["candidates"])


def test_errors_and_files_written_stay_whole(streams: _Streams, db: Path, tmp_path: Path
                                            ) -> None:
    code = _run(streams, "glossary", "show", "2", "--db", str(db))
    out, err = streams.read()
    assert code == 0 and b"Traceback" not in err
    assert b"\\u0647\\u0627\\u0646\\u0648\\u064a" in out  # هانوي
    export = tmp_path / "out.tsv"
    assert _run(streams, "glossary", "export", str(export), "--format", "tsv", "--db", str(db)) == 0
    assert "chuyển đổi số\t" in export.read_text(encoding="utf-8")  # files stay UTF-8
    assert _run(streams, "glossary", "show", "1", "--db", str(tmp_path / "nothere" / "ü.db")) == 2
    _, err = streams.read()
    assert err.count(b"\n") == 1 and b"Traceback" not in err
