"""A small glossary database for the review app's tests, snapshots and screenshot.

Every name, term and sentence here was written for avet's tests.
"""

from __future__ import annotations

from pathlib import Path

from glossary.model import Candidate, Context, Entry, Forms
from glossary.store import Store

__all__ = ["build_review_db", "review_entries"]


def _entry(kind: str, ar: str, vi: str = "", en: str = "", *, ar_variants: tuple[str, ...] = (),
           vi_candidates: tuple[tuple[str, float], ...] = (), status: str = "candidate",
           frequency: int = 1, score: float = 0.5, contexts: tuple[tuple[str, str, str], ...] = (),
           note: str = "") -> Entry:
    ctx = []
    for doc, snippet, form in contexts:
        start = snippet.find(form)
        ctx.append(Context(doc=doc, start=max(start, 0), end=max(start, 0) + len(form),
                           snippet=snippet, form=form))
    return Entry(
        kind=kind,
        forms={
            "ar": Forms(preferred=ar, variants=list(ar_variants)),
            "vi": Forms(preferred=vi, candidates=[Candidate(t, s) for t, s in vi_candidates]),
            "en": Forms(preferred=en),
        },
        status=status,
        frequency=frequency,
        score=score,
        contexts=ctx,
        note=note,
        source="tests",
        confidence=0.5,
    )


def review_entries() -> list[Entry]:
    """Returns fresh entries (ids are given in this order: 1, 2, …)."""
    return [
        _entry("person", "هو تشي منه", en="Ho Chi Minh", ar_variants=("هوشي منه",),
               vi_candidates=(("Hồ Chí Minh", 0.92), ("Hô Chi Minh", 0.41)),
               frequency=12, score=0.91,
               contexts=(("news1.txt", "زار الوفد متحف هو تشي منه في العاصمة صباح الاثنين.",
                          "هو تشي منه"),
                         ("news2.txt", "قال المسؤول إن مدينة هوشي منه تتصدر التحول الرقمي.",
                          "هوشي منه"))),
        _entry("place", "هانوي", "Hà Nội", "Hanoi", frequency=30, score=0.88,
               contexts=(("news1.txt", "افتتح في هانوي مركز جديد للبيانات.", "هانوي"),)),
        _entry("term", "التحول الرقمي", "chuyển đổi số", "digital transformation",
               status="approved", frequency=25, score=0.95,
               contexts=(("news3.txt", "تسرع الحكومة خطط التحول الرقمي في المحافظات.",
                          "التحول الرقمي"),)),
        _entry("org", "وزارة الإعلام والاتصالات", en="Ministry of Information and Communications",
               vi_candidates=(("Bộ Thông tin và Truyền thông", 0.8),), frequency=8, score=0.7),
        _entry("term", "الحكومة الإلكترونية", "chính phủ điện tử", "e-government",
               frequency=9, score=0.66),
        _entry("person", "فام مينه تشينه", en="Pham Minh Chinh",
               vi_candidates=(("Phạm Minh Chính", 0.88), ("Phạm Minh Chinh", 0.3)),
               frequency=6, score=0.8,
               contexts=(("news2.txt", "ترأس رئيس الوزراء فام مينه تشينه الاجتماع.",
                          "فام مينه تشينه"),)),
        _entry("place", "دا نانغ", en="Da Nang", vi_candidates=(("Đà Nẵng", 0.9),),
               frequency=4, score=0.6),
        _entry("term", "أمن المعلومات", "an toàn thông tin", "information security",
               frequency=5, score=0.62, note="Standard term in ministry documents."),
        _entry("place", "مدينة هو تشي منه", "Thành phố Hồ Chí Minh", "Ho Chi Minh City",
               frequency=7, score=0.75),
        _entry("term", "قَانُون", "luật", "law", frequency=3, score=0.4),
        _entry("acronym", "آسيان", "ASEAN", "ASEAN", frequency=2, score=0.3,
               status="rejected"),
    ]


def build_review_db(path: Path) -> Path:
    """Writes :func:`review_entries` into a new store at ``path`` and returns it."""
    with Store(path, actor="tests") as store:
        store.add_many(review_entries())
    return path
