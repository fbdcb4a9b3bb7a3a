"""Small corpora for the batch tests, written for avet's tests (no corpus sentences)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["AR_DOCS", "GLOSSARY_CSV", "write_extract_corpus", "write_postedit_job"]

#: An ar→en glossary: approved terms, with forbidden renderings to replace.
GLOSSARY_CSV = (
    "ar,en,kind,status,forbidden_en\n"
    "التحول الرقمي,digital transformation,term,approved,digital conversion\n"
    "الحكومة الرقمية,digital government,term,approved,numerical government\n"
)

_SOURCES = [
    "أطلقت المقاطعة برنامج التحول الرقمي في المدارس",
    "تعمل الوزارة على بناء الحكومة الرقمية",
    "ناقش المجلس خطة العام المقبل",
    "يعد التحول الرقمي أولوية للحكومة الرقمية",
]
_TARGETS = [
    "The province launched a digital conversion programme in schools",
    "The ministry is building the numerical government",
    "The council discussed next year's plan",
    "digital conversion is a priority for the numerical government",
]

#: Arabic documents for extraction: names, a code, multiword terms.
AR_DOCS = {
    "a.txt": "أعلنت حكومة مقاطعة تاي نجوين عن خطة التحول الرقمي لعام 2025.\n"
             "وقال السيد نغوين فان آن إن البنية التحتية الرقمية أولوية.\n",
    "b.txt": "تعمل مدينة هانوي على تطوير الحكومة الرقمية.\n"
             "وأكد السيد نغوين فان آن أهمية التحول الرقمي في القرار 749/QD-TTg.\n",
    "sub/c.txt": "زار وفد من مقاطعة ثاي نجوين مدينة دا نانغ لبحث التحول الرقمي "
                 "والبنية التحتية الرقمية.\n",
    "sub/d.md": "# التحول الرقمي\n\nتطبيق VNeID يخدم المواطنين في مقاطعة تاي نجوين.\n",
}


def write_postedit_job(root: Path, docs: int, lines: int = 4) -> tuple[Path, Path, Path]:
    """Writes ``docs`` source/target pairs and the glossary; returns (src, tgt, glossary)."""
    src, tgt = root / "src", root / "tgt"
    for i in range(docs):
        rel = Path(f"d{i // 10}") / f"doc{i:03d}.txt"
        for base, texts in ((src, _SOURCES), (tgt, _TARGETS)):
            (base / rel).parent.mkdir(parents=True, exist_ok=True)
            body = "\n".join(texts[(i + k) % len(texts)] for k in range(lines))
            (base / rel).write_text(body + "\n", encoding="utf-8")
    glossary = root / "glossary.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    return src, tgt, glossary


def write_extract_corpus(root: Path) -> Path:
    """Writes :data:`AR_DOCS` under ``root/corpus`` and returns that folder."""
    corpus = root / "corpus"
    for rel, text in AR_DOCS.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text, encoding="utf-8")
    return corpus
