"""What the store journals: a write that changes nothing is no action (undo passes over
it, redo survives it); new extraction evidence never admits a rival reading; forms that
differ in case only are different forms on a case-sensitive entry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from glossary import Candidate, Context, Entry
from glossary.errors import ConflictError, FormatError
from glossary.merging import add_evidence
from glossary.store import Store

_PICKED, _RIVAL = "Nguyễn Văn Thành", "Nguyễn Văn Thanh"


def make(ar: str = "", vi: str = "", en: str = "", status: str = "candidate",
         **extra: object) -> Entry:
    entry = Entry(kind="person", status=status, **extra)  # type: ignore[arg-type]
    for lang, text in (("ar", ar), ("vi", vi), ("en", en)):
        entry.forms[lang].preferred = text
    return entry


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "g.db", actor="test") as s:
        yield s


def _stored(store: Store) -> int:
    entry = make("هانوي", "Hà Nội", "Hanoi", status="approved")
    entry.forms["en"].forbidden = ["Ha Noi"]
    return store.add(entry)


_NO_OPS: dict[str, Callable[[Store, int], object]] = {
    "approve the approved": lambda s, i: s.set_status([i, i], "approved"),
    "forbid the forbidden": lambda s, i: s.forbid(i, "en", "Ha Noi"),
    "update as stored": lambda s, i: s.update(s.get(i)),
    "modify to the same": lambda s, i: s.modify(i, lambda e: setattr(e, "note", e.note)),
    "same evidence again": lambda s, i: s.upsert_evidence(make("هانوي", "Hà Nội", "Hanoi")),
}
_RESULTS = {"approve the approved": [], "forbid the forbidden": False, "update as stored": False}


@pytest.mark.parametrize("name", list(_NO_OPS))
def test_a_write_that_changes_nothing_is_not_an_action(store: Store, name: str) -> None:
    entry_id = _stored(store)
    other = store.add(make("هاي فونغ", "Hải Phòng"))
    store.set_status([other], "rejected")
    journal = store.stats()["journal"]
    result = _NO_OPS[name](store, entry_id)
    assert _RESULTS.get(name, result) == result
    assert store.stats()["journal"] == journal
    undone = store.undo_action()  # the action before, which changed something
    assert undone is not None and undone.describe() == "rejected (1 entry)"
    assert store.get(other).status == "candidate"


@pytest.mark.parametrize("name", list(_NO_OPS))
def test_a_write_that_changes_nothing_keeps_redo(store: Store, name: str) -> None:
    entry_id = _stored(store)
    store.set_status([entry_id], "rejected")
    assert store.undo_action() is not None and store.get(entry_id).status == "approved"
    _NO_OPS[name](store, entry_id)
    redone = store.redo_action()
    assert redone is not None and redone.label == "rejected"
    assert store.get(entry_id).status == "rejected"


def test_set_status_returns_the_ids_it_changed(store: Store) -> None:
    a, b = _stored(store), store.add(make("هاي فونغ"))
    assert store.set_status([a, b, b], "approved") == [b]
    assert store.undo_action() is not None and store.get(b).status == "candidate"
    assert store.get(a).status == "approved"


# -- evidence: Arabic spellings are seen, Vietnamese and English readings proposed -------

def _evidence(ar: str = "نجوين فان ثانه") -> Entry:
    new = make(ar, _RIVAL, "Nguyen Van Thanh", confidence=0.5)
    new.forms["vi"].candidates = [Candidate(_RIVAL, 0.57), Candidate(_PICKED, 0.38)]
    new.contexts = [Context("d1.txt", 5, 19, "…", ar)]
    return new


@pytest.mark.parametrize("status", ["candidate", "approved"])
def test_new_evidence_keeps_the_picked_reading_and_admits_no_rival(status: str) -> None:
    existing = make("نجوين فان ثانه", _PICKED, "Nguyen Van Thanh", status=status)
    existing.forms["vi"].candidates = [Candidate(_RIVAL, 0.57), Candidate(_PICKED, 0.38)]
    add_evidence(existing, _evidence("نجوين فان تانه"))
    vi = existing.forms["vi"]
    assert (vi.preferred, vi.variants) == (_PICKED, [])
    assert [c.text for c in vi.ranked()] == [_RIVAL, _PICKED]   # still a candidate to pick
    assert existing.forms["ar"].variants == ["نجوين فان تانه"]  # a spelling seen
    assert existing.forms["en"].variants == [] and len(existing.contexts) == 1


@pytest.mark.parametrize(("status", "preferred"), [("candidate", _RIVAL), ("approved", "")])
def test_a_reading_fills_only_an_empty_form_of_an_unapproved_entry(status: str,
                                                                   preferred: str) -> None:
    existing = make("نجوين فان ثانه", status=status)
    add_evidence(existing, _evidence())
    assert existing.forms["vi"].preferred == preferred and existing.forms["vi"].variants == []
    en = existing.forms["en"]
    assert (en.preferred or en.candidates[0].text) == "Nguyen Van Thanh"


def test_a_forbidden_reading_comes_back_neither_preferred_nor_candidate() -> None:
    existing = make("نجوين فان ثانه")
    existing.forms["vi"].forbidden = [_RIVAL]
    add_evidence(existing, _evidence())
    vi = existing.forms["vi"]
    assert vi.preferred == "" and [c.text for c in vi.candidates] == [_PICKED]  # to pick


def test_reextracting_after_a_pick_changes_nothing(store: Store) -> None:
    entry_id = store.upsert_evidence(_evidence(), {"d1.txt": 3})
    store.modify(entry_id, lambda e: setattr(e.forms["vi"], "preferred", _PICKED), "pick")
    journal = store.stats()["journal"]
    assert store.upsert_evidence(_evidence(), {"d1.txt": 3}) == entry_id
    entry = store.get(entry_id)
    assert (entry.term("vi"), entry.forms["vi"].variants, entry.frequency) == (_PICKED, [], 3)
    assert store.stats()["journal"] == journal
    undone = store.undo_action()
    assert undone is not None and undone.label == "pick"


# -- case ---------------------------------------------------------------------------------

@pytest.mark.parametrize("case_sensitive", [True, False])
def test_a_case_variant_can_be_forbidden_on_a_case_sensitive_entry(
        store: Store, case_sensitive: bool) -> None:
    entry = make("VNPT", "VNPT", "VNPT", case_sensitive=case_sensitive)
    entry.kind = "acronym"
    entry_id = store.add(entry)
    entry.forms["en"].forbidden = ["Vnpt"]
    if case_sensitive:
        entry.validate()
        assert store.forbid(entry_id, "vi", "Vnpt") is True
        assert store.get(entry_id).forms["vi"].forbidden == ["Vnpt"]
    else:
        with pytest.raises(FormatError, match="'Vnpt' is both forbidden and the preferred"):
            entry.validate()
        with pytest.raises(ConflictError, match="is the preferred vi form"):
            store.forbid(entry_id, "vi", "Vnpt")
