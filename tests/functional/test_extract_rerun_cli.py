"""A second `avet extract` / `avet batch extract` over unchanged documents changes
nothing: extraction stores only spellings as variants of an approved entry (no
plural, dual or coordination) and counts, in its first run, every occurrence a
re-run counts. The text is written for this test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from glossary.store import Store
from tests.unit.entries import approved
from toolkit.cli.main import main

TEXT = (
    "أعلنت المقاطعة خطة جديدة للخدمة العامة. وقالت المحافظة إن الخدمات العامة ستصل "
    "إلى كل القرى.\n"
    "تعمل المقاطعات على تطوير البنية التحتية والبيانات. وتدعم محافظة الشمال البنية "
    "التحتية للبيانات.\n"
    "وتقدم المحافظات خدمة عامة رقمية للسكان. وزارت اللجنة المقاطعتين في الشهر الماضي.\n"
    "وتخطط المقاطعة لتوسيع الخدمة العامة في المحافظة، وتشرح المحافظة خطتها للسكان.\n"
)
SECOND = "تنشر المقاطعة البيانات المفتوحة. وتقدم المحافظة الخدمات العامة عبر الإنترنت.\n"
#: Terms the term counter never proposes, which the glossary matcher finds: a phrase
#: with ل inside (twice) and جامعة only without the article (twice, and once a dual).
THIRD = ("قال الوزير إن جامعة واحدة لا تكفي، وتتعاون جامعتين على البنية التحتية للبيانات.\n"
         "وتبني المقاطعة جامعة جديدة للبنية التحتية للبيانات.\n")
#: The frequency of these entries after the first run.
FREQUENCIES = {"البنية التحتية للبيانات": 3, "جامعة": 2}
#: Forms in another number or a coordination: never a variant of the entries below.
NOT_VARIANTS = {"المقاطعات", "المحافظات", "المقاطعتين", "البنية التحتية والبيانات",
                "الخدمات العامة", "خدمات عامة", "جامعتين"}


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    (docs / "b.txt").write_text(SECOND, encoding="utf-8")
    (docs / "c.txt").write_text(THIRD, encoding="utf-8")
    db = tmp_path / "g.db"
    with Store(db) as store:
        store.add_many([
            approved("مقاطعة", "tỉnh", "province", variants=("المقاطعة", "محافظة")),
            approved("البنية التحتية للبيانات", "hạ tầng dữ liệu", "data infrastructure"),
            approved("الخدمة العامة", "dịch vụ công", "public service"),
            approved("جامعة", "đại học", "university"),
        ])
    return docs, db


def _state(db: Path) -> dict[str, Any]:
    """Every entry's forms, status, counts and contexts (ids and times aside)."""
    with Store(db) as store:
        entries = [e.to_dict() for e in store.iter_entries()]
    for entry in entries:
        for field in ("id", "created_at", "updated_at"):
            entry.pop(field, None)
    return {json.dumps(e["forms"]["ar"]["preferred"] + "\t" + e["kind"], ensure_ascii=False): e
            for e in entries}


def _entry(state: dict[str, Any], ar: str) -> dict[str, Any]:
    return next(e for e in state.values() if e["forms"]["ar"]["preferred"] == ar)


def _variants(state: dict[str, Any], ar: str) -> list[str]:
    return list(_entry(state, ar)["forms"]["ar"]["variants"])


def _check_first_run(state: dict[str, Any]) -> None:
    province = next(e for e in state.values() if e["forms"]["ar"]["preferred"] == "مقاطعة")
    assert province["frequency"] > 0
    for ar in ("مقاطعة", "البنية التحتية للبيانات", "الخدمة العامة", "جامعة"):
        assert not NOT_VARIANTS & set(_variants(state, ar)), ar
    assert {ar: _entry(state, ar)["frequency"] for ar in FREQUENCIES} == FREQUENCIES
    # A spelling of an admitted form is kept: the article form of محافظة, the
    # indefinite form of الخدمة العامة.
    assert "المحافظة" in _variants(state, "مقاطعة")
    assert "خدمة عامة" in _variants(state, "الخدمة العامة")


@pytest.mark.parametrize("extra", [[], ["--approve-known"]])
def test_extract_twice_changes_nothing(tmp_path: Path, extra: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    docs, db = _setup(tmp_path)
    command = ["extract", str(docs), "--db", str(db), "--no-starter", "--json", *extra]
    assert main(command) == 0
    first = _state(db)
    _check_first_run(first)
    assert main(command) == 0
    assert _state(db) == first
    capsys.readouterr()


def test_batch_extract_twice_skips_every_document(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs, db = _setup(tmp_path)
    out = tmp_path / "out"
    command = ["batch", "extract", str(docs), "--out", str(out), "--db", str(db),
               "--no-starter", "--json"]
    assert main(command) == 0
    first_run = json.loads(capsys.readouterr().out.splitlines()[-1])
    first, glossary = _state(db), (out / "glossary.json").read_bytes()
    _check_first_run(first)
    assert first_run["run"]["done"] == 3
    assert main(command) == 0
    second_run = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (second_run["run"]["done"], second_run["run"]["skipped"]) == (0, 3)
    assert second_run["signature"] == first_run["signature"]
    assert _state(db) == first
    assert (out / "glossary.json").read_bytes() == glossary
