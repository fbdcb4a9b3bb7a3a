"""Accuracy of Arabic -> Vietnamese name recovery on a gold TSV (columns ar, vi, kind)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from glossary.errors import FormatError, NotFoundError
from toolkit.translit.decode import Transliterator
from toolkit.translit.syllables import fold

__all__ = ["Accuracy", "GoldName", "evaluate", "read_gold"]


@dataclass(frozen=True)
class GoldName:
    """One gold pair: the Arabic spelling and the Vietnamese name."""

    ar: str
    vi: str
    kind: str | None = None
    #: The gold reading itself is uncertain (tones or syllables not verifiable).
    ambiguous: bool = False


@dataclass
class Accuracy:
    """Top-1/top-5 accuracy, exact (tones included) and folded (no diacritics)."""

    total: int = 0
    top1: int = 0
    top5: int = 0
    top1_folded: int = 0
    top5_folded: int = 0
    unambiguous: int = 0
    top1_unambiguous: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def ratios(self) -> dict[str, float]:
        """Ratios of hits; ``top1_unambiguous`` counts only names whose gold form is certain."""
        n = max(self.total, 1)
        return {
            "top1": self.top1 / n,
            "top5": self.top5 / n,
            "top1_folded": self.top1_folded / n,
            "top5_folded": self.top5_folded / n,
            "top1_unambiguous": self.top1_unambiguous / max(self.unambiguous, 1),
        }


def read_gold(path: str | Path) -> list[GoldName]:
    """Reads a gold TSV: '#' comments, a header with ``ar`` and ``vi`` columns, ``kind`` optional.

    With a ``type`` column (the corpus gold set) only ``name`` rows are kept, and the
    spellings of a ``variants_ar`` column (``|``-separated) become rows of their own; an
    ``ambiguous`` column (``yes``/``no``) marks gold forms that are not certain.

    Raises:
        NotFoundError: If the file is missing.
        FormatError: If the header lacks ``ar``/``vi`` or a row is short.
    """
    path = Path(path)
    if not path.is_file():
        raise NotFoundError("gold file not found", path=path,
                            hint="give a TSV file with a header that has ar and vi columns")
    header: list[str] | None = None
    out: list[GoldName] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            if "ar" not in header or "vi" not in header:
                raise FormatError("gold header needs columns ar and vi", path=path, line=number,
                                  hint="make the first line that is not a # comment a "
                                       "tab-separated header such as ar<TAB>vi")
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        if not row.get("ar") or not row.get("vi"):
            raise FormatError("row lacks ar or vi", path=path, line=number,
                              hint="give both cells, separated by a tab, or drop the row")
        if row.get("type", "name") != "name":
            continue
        kind = row.get("kind") or None
        if kind not in ("person", "place", "org"):
            kind = None
        vi = unicodedata.normalize("NFC", row["vi"])
        ambiguous = row.get("ambiguous", "").lower() == "yes"
        for ar in [row["ar"], *(v for v in row.get("variants_ar", "").split("|") if v.strip())]:
            out.append(GoldName(ar.strip(), vi, kind, ambiguous))
    return out


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFC", a).casefold() == unicodedata.normalize("NFC", b).casefold()


def evaluate(
    translit: Transliterator, gold: Iterable[GoldName], *, use_kind: bool = True
) -> Accuracy:
    """Decodes every gold Arabic name and counts hits in the top 1 and top 5.

    Args:
        translit: The transliterator to measure.
        gold: Gold pairs.
        use_kind: Pass the gold ``kind`` to the decoder (else decode with kind unknown).
    """
    acc = Accuracy()
    for item in gold:
        cands = [c.text for c in translit.ar_to_vi(item.ar, top=5,
                                                   kind=item.kind if use_kind else None)]
        acc.total += 1
        exact = [_same(c, item.vi) for c in cands]
        folded = [fold(c) == fold(item.vi) for c in cands]
        acc.top1 += bool(exact[:1] and exact[0])
        acc.top5 += any(exact)
        acc.top1_folded += bool(folded[:1] and folded[0])
        acc.top5_folded += any(folded)
        if not item.ambiguous:
            acc.unambiguous += 1
            acc.top1_unambiguous += bool(exact[:1] and exact[0])
        if not (exact and exact[0]):
            acc.misses.append((item.ar, item.vi, cands[0] if cands else ""))
    return acc
