"""Omissions that matter: the reference's statements other versions dropped, ranked by what
they contain (a direct quote, numbers, named people) and then by how many versions dropped them."""

from __future__ import annotations

import re

from ..model import Comparison, Omission
from ..quotes.attribution import person_names
from ..text.quotemarks import direct_quotes, quoted_share

__all__ = ["rank_omissions"]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|%)?|\b(?:two|three|four|five|six|seven|eight|"
                     r"nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|"
                     r"billion|trillion|second|third|fourth|fifth|tenth|dozen|half|twice|percent)\b",
                     re.IGNORECASE)


def rank_omissions(comparison: Comparison) -> tuple[Omission, ...]:
    """Statements of the reference that other versions dropped, most telling first: what they
    contain counts most (a direct quote 3, numbers 2, named people 2), then the share of the
    other versions that dropped them. A version of another event drops nothing."""
    ref = comparison.reference
    others = [d.id for d in comparison.documents
              if d.id != ref and comparison.other_event(d.id) is None]
    if ref is None or not others:
        return ()
    doc = comparison.document(ref)
    quotes = direct_quotes(doc)
    ranked = []
    for st in comparison.statements:
        carried = {m.document for m in st.members}   # a set: a thousand versions, each looked up
        dropped = [d for d in others if d not in carried]
        member = next(m for m in st.members if m.document == ref) if ref in carried else None  # st.member(ref)
        if member is None or not dropped:
            continue
        text = doc.text[member.start:member.end]
        weight, reasons = _omission_weight(text, quoted_share(quotes, member.start, member.end))
        share = len(dropped) / len(others)
        reasons.append(f"dropped by {len(dropped)} of {len(others)} versions")
        ranked.append(Omission(st.id, round(weight + share, 4), tuple(reasons), tuple(dropped)))
    return tuple(sorted(ranked, key=lambda o: (-o.score, o.statement)))


def _omission_weight(text: str, quoted: float) -> tuple[int, list[str]]:
    weight, reasons = 0, []
    if quoted > 0:
        weight += 3
        reasons.append("direct quote")
    numbers = list(dict.fromkeys(m.group() for m in _NUMBER.finditer(text)))
    if numbers:
        weight += 2
        reasons.append("numbers: " + ", ".join(numbers[:4]))
    names = list(dict.fromkeys(person_names(text)))
    if names:
        weight += 2
        reasons.append("names: " + ", ".join(names[:4]))
    return weight, reasons
