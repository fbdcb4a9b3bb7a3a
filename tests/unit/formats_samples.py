"""Sample entries and helpers shared by the glossary format tests."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from glossary.model import Entry, Forms

__all__ = ["DATA", "TBX_NS", "content", "nfc", "sample_entries", "write_file"]

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"
TBX_NS = "{urn:iso:std:iso:30042:ed-2}"


def nfc(text: str) -> str:
    """Returns ``text`` in NFC."""
    return unicodedata.normalize("NFC", text)


def sample_entries() -> list[Entry]:
    """Arabic with diacritics and clitics, Vietnamese tones (NFC), English."""
    org = Entry(kind="org", status="approved", note="cơ quan nhà nước")
    org.forms["ar"] = Forms(
        nfc("وِزَارَةُ المَالِيَّةِ"), [nfc("وزارة المالية"), nfc("بوزارة المالية")],
        [nfc("الوزارة المالية")],
    )
    org.forms["vi"] = Forms(nfc("Bộ Tài chính"), ["BTC"], [nfc("Bộ Tài Chánh")])
    org.forms["en"] = Forms("Ministry of Finance", [], ["Finance Ministry"])
    acronym = Entry(kind="acronym", status="candidate")
    acronym.forms["en"] = Forms("AI", ["A.I."])
    acronym.forms["vi"] = Forms(nfc("trí tuệ nhân tạo"))
    acronym.forms["ar"] = Forms(nfc("الذَّكَاءُ الاصْطِنَاعِيُّ"), [nfc("والذكاء الاصطناعي")])
    person = Entry(kind="person", status="rejected", dnt=True)
    person.forms["vi"] = Forms(nfc("Nguyễn Thị Hường"))
    person.forms["en"] = Forms("Nguyen Thi Huong")
    place = Entry(kind="place", status="approved", note="thủ đô\nViệt Nam")
    place.forms["ar"] = Forms("هانوي", ["بهانوي"], ["هانوى"])
    place.forms["vi"] = Forms(nfc("Hà Nội"))
    return [org, acronym, person, place]


def content(entry: Entry) -> tuple:
    """Returns what a format must keep of ``entry`` (kind, status, dnt, note, forms)."""
    forms = {
        lang: (f.preferred, tuple(f.variants), tuple(f.forbidden))
        for lang, f in sorted(entry.forms.items())
    }
    return (entry.kind, entry.status, entry.dnt, entry.note, forms)


def write_file(path: Path, text: str) -> Path:
    """Writes ``text`` as UTF-8 to ``path`` and returns ``path``."""
    path.write_text(text, encoding="utf-8")
    return path
