"""The starter termbase and the gazetteer agree on the Arabic spellings of organisations.

An organisation that both list must carry the gazetteer's Arabic spellings in its starter
row, so that a name extracted from Arabic text (ميسا) joins the approved starter entry
(MISA) instead of becoming a second concept that a glossary export refuses.
"""

from __future__ import annotations

from glossary.model import Entry
from glossary.starter import load_starter_rows
from toolkit.gazetteer import load_gazetteer


def _names(entry: Entry) -> set[str]:
    forms = entry.forms
    return {f.lower() for lang in ("vi", "en") for f in (forms[lang].preferred,
                                                         *forms[lang].variants)}


def _shared() -> list[tuple[str, tuple[str, ...], Entry]]:
    rows = load_starter_rows()
    out = []
    for org in load_gazetteer().organisations:
        for row in rows:
            if org.name.lower() in _names(row.entry):
                out.append((org.name, org.ar, row.entry))
    return out


def test_starter_rows_carry_the_gazetteer_arabic_of_their_organisation() -> None:
    shared = _shared()
    assert {"MISA", "MobiFone", "CMC", "VNG", "VNPay", "NAPAS", "Viettel"} <= {
        name for name, _, _ in shared}
    missing: list[str] = []
    for name, ars, entry in shared:
        starter_ar = {entry.forms["ar"].preferred, *entry.forms["ar"].variants}
        missing.extend(f"{name}: {ar}" for ar in ars if ar not in starter_ar)
    assert not missing, "starter rows lack the gazetteer's Arabic: " + ", ".join(missing)
