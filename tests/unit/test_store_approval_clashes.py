"""Approving checks clashes with the approved entries (Store.set_status): an entry
whose admitted form another approved entry translates differently is refused, the
whole action before anything is written; candidates and rejected entries sharing a
form are no clash. Extraction's storing path approves only what may be approved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.checks import approvable, check_approval
from glossary.errors import ConflictError
from glossary.model import Entry, Forms
from glossary.store import Store
from toolkit.extract.results import Extracted
from toolkit.extract.storing import store_candidates

_AR = "التحول الرقمي"


def _entry(ar: str, en: str, status: str = "candidate", *, ar_variants: tuple[str, ...] = (),
           vi: str = "") -> Entry:
    return Entry(forms={"ar": Forms(ar, list(ar_variants)), "vi": Forms(vi), "en": Forms(en)},
                 status=status)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Entry 1 approved: التحول الرقمي / chuyển đổi số / digital transformation."""
    with Store(tmp_path / "g.db", actor="test") as opened:
        opened.add(_entry(_AR, "digital transformation", "approved", vi="chuyển đổi số"))
        yield opened


# Each candidate shares one form with approved entry 1 and translates it otherwise.
_CLASHES = [
    pytest.param(_entry(_AR, "digital shift"),
                 f"entry 2 cannot be approved: its ar term '{_AR}' is a form of approved "
                 "entry 1, whose en is 'digital transformation', not 'digital shift'",
                 id="same-ar-term"),
    pytest.param(_entry("التحويل الرقمي", "digital shift", ar_variants=(_AR,)),
                 f"entry 2 cannot be approved: its ar variant '{_AR}' is a form of approved "
                 "entry 1, whose en term is 'digital transformation', not 'digital shift'",
                 id="ar-variant"),
    pytest.param(_entry("التحويل الرقمي", "digital conversion", vi="chuyển đổi số"),
                 "entry 2 cannot be approved: its vi term 'chuyển đổi số' is a form of approved "
                 f"entry 1, whose ar is '{_AR}', not 'التحويل الرقمي'", id="vi-term"),
]


@pytest.mark.parametrize(("candidate", "message"), _CLASHES)
def test_approving_a_clashing_candidate_is_refused_and_writes_nothing(
        store: Store, candidate: Entry, message: str) -> None:
    store.add(candidate)
    journal = store.journal(limit=100)
    with pytest.raises(ConflictError) as info:
        store.set_status([2], "approved")
    assert info.value.message.startswith(message)
    assert info.value.message.endswith("; nothing was approved")
    assert info.value.hint == ("merge the two entries (avet glossary merge 1 2), edit one of "
                               "them, or reject one")
    assert store.get(2).status == "candidate"
    assert store.journal(limit=100) == journal


def test_a_refused_bulk_approval_approves_none_and_undo_reverts_the_action_before(
        store: Store) -> None:
    store.add_many([_entry("الحكومة الإلكترونية", "e-government"),
                    _entry(_AR, "digital shift")])
    store.set_status([1], "rejected")
    store.set_status([1], "approved")  # the action undo reverts next
    with pytest.raises(ConflictError, match="entry 3 cannot be approved"):
        store.set_status([2, 3], "approved")
    assert [store.get(i).status for i in (1, 2, 3)] == ["approved", "candidate", "candidate"]
    store.undo()
    assert store.get(1).status == "rejected"


def test_two_candidates_clashing_with_each_other_are_refused_together(store: Store) -> None:
    store.set_status([1], "rejected")
    store.add_many([_entry(_AR, "digital shift"),
                    _entry("التحويل الرقمي", "digital change", ar_variants=(_AR,))])
    with pytest.raises(ConflictError) as info:
        store.set_status([2, 3], "approved")
    assert info.value.message.startswith(
        f"entry 2 cannot be approved: its ar term '{_AR}' is a variant of entry 3 (approved "
        "in the same action), whose ar term is 'التحويل الرقمي'")
    assert [store.get(i).status for i in (2, 3)] == ["candidate", "candidate"]
    assert store.set_status([2], "approved") == [2]  # each alone is fine
    with pytest.raises(ConflictError, match="is a form of approved entry 2"):
        store.set_status([3], "approved")


@pytest.mark.parametrize("partner", ["candidate", "rejected"])
def test_a_clash_with_a_candidate_or_rejected_entry_does_not_stop_approval(
        store: Store, partner: str) -> None:
    store.add(_entry(_AR, "digital shift"))
    store.set_status([1], partner)
    assert store.set_status([2], "approved") == [2]
    assert store.get(2).status == "approved"


@pytest.mark.parametrize("status", ["rejected", "candidate"])
def test_rejecting_or_unapproving_needs_no_check(store: Store, status: str) -> None:
    store.add(_entry(_AR, "digital shift", "approved"))  # a clash stored earlier
    assert store.set_status([1, 2], status) == [1, 2]
    assert {store.get(i).status for i in (1, 2)} == {status}


def test_approving_an_approved_entry_again_changes_nothing(store: Store) -> None:
    store.add(_entry(_AR, "digital shift", "approved"))  # a clash stored earlier
    assert store.set_status([1, 2], "approved") == []


def test_approvable_keeps_the_first_of_two_clashing_candidates(store: Store) -> None:
    store.set_status([1], "rejected")
    store.add_many([_entry(_AR, "digital shift"), _entry(_AR, "digital change"),
                    _entry("الحكومة الإلكترونية", "e-government")])
    entries = [store.get(i) for i in (2, 3, 4)]
    assert [e.id for e in approvable(entries, store.find_by_form)] == [2, 4]
    check_approval([entries[0], entries[2]], store.find_by_form)  # raises nothing


def test_new_evidence_given_as_approved_that_clashes_is_stored_as_a_candidate(
        store: Store) -> None:
    clashing = store.upsert_evidence(_entry("التحويل الرقمي", "digital conversion", "approved",
                                            vi="chuyển đổi số"), {"a.txt": 2})
    fine = store.upsert_evidence(_entry("الحكومة الإلكترونية", "e-government", "approved"),
                                 {"a.txt": 1})
    assert (store.get(clashing).status, store.get(fine).status) == ("candidate", "approved")


def test_extraction_approves_the_known_candidates_that_do_not_clash(store: Store) -> None:
    # Stored first as candidates (an extraction without --approve-known).
    ids = store.add_many([_entry("التحويل الرقمي", "digital conversion", vi="chuyển đổi số"),
                          _entry("الحكومة الإلكترونية", "e-government")])
    found = [Extracted(_entry("التحويل الرقمي", "digital conversion", vi="chuyển đổi số"),
                       "term", {"a.txt": 1}, known=True),
             Extracted(_entry("الحكومة الإلكترونية", "e-government"), "term", {"a.txt": 1},
                       known=True)]
    rows = store_candidates(store, found, approve_known=True)
    assert [(e.id, e.status) for e, _ in rows] == [(ids[0], "candidate"), (ids[1], "approved")]
    assert [store.get(i).status for i in ids] == ["candidate", "approved"]
