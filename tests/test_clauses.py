"""Claim candidates: where a sentence is cut, where it is not, and degenerate text."""

from __future__ import annotations

import pytest

from variance.model import Document, Options
from variance.pipeline import compare_documents
from variance.text.clauses import MAX_CLAUSES, clause_cuts, clause_spans

CUT = [
    ("China and the United States should be partners rather than rivals; helping each other "
     "succeed rather than hurting each other.",
     ["China and the United States should be partners rather than rivals;",
      "helping each other succeed rather than hurting each other."]),
    ("China welcomes a confident, open and prosperous United States, and hopes that the United "
     "States will also view China's development in a positive light.",
     ["China welcomes a confident, open and prosperous United States,",
      "and hopes that the United States will also view China's development in a positive light."]),
    ("Stating that global challenges require the two countries to work together, President Xi "
     "asserted that Beijing and Washington should be partners.",
     ["Stating that global challenges require the two countries to work together,",
      "President Xi asserted that Beijing and Washington should be partners."]),
    ("He urged both nations to be partners rather than rivals, saying the two sides should "
     "help each other succeed.",
     ["He urged both nations to be partners rather than rivals,",
      "saying the two sides should help each other succeed."]),
    # seed 004: an appositive that opens a relative clause carries a claim of its own
    ("This year marks the 45th anniversary of diplomatic relations between China and the U.S., a "
     "milestone that Xi highlighted as an opportunity to draw important lessons from the past.",
     ["This year marks the 45th anniversary of diplomatic relations between China and the U.S.,",
      "a milestone that Xi highlighted as an opportunity to draw important lessons from the past."]),
    # seed 003: a clause of time
    ("Xi urged Blinken for the two powers to be partners rather than rivals at a time when they "
     "are going through a series of confrontations.",
     ["Xi urged Blinken for the two powers to be partners rather than rivals",
      "at a time when they are going through a series of confrontations."]),
    # seed 003: reported speech to a named addressee: who spoke to whom, then what was said
    ("Chinese President Xi Jinping urged US Secretary of State Antony Blinken for the two powers "
     "to be partners rather than rivals.",
     ["Chinese President Xi Jinping urged US Secretary of State Antony Blinken",
      "for the two powers to be partners rather than rivals."]),
    # seed 003: a list of predicates, a modifier kept with its item
    ("Help each other succeed instead of hurting each other, find common ground and keep "
     "differences to yourself, instead of getting into competition, and honor words with deeds.",
     ["Help each other succeed instead of hurting each other,",
      "find common ground and keep differences to yourself, instead of getting into competition,",
      "and honor words with deeds."]),
    ("The ministry does not seek to raise tariffs on steel imports, does not seek to restrict the "
     "sale of farm goods, and has no plan to limit visas for students.",
     ["The ministry does not seek to raise tariffs on steel imports,",
      "does not seek to restrict the sale of farm goods,",
      "and has no plan to limit visas for students."]),
    # seed 004: a list of short items is not cut inside; the claim after it is
    ("China is happy to see a confident, open, prosperous, and thriving U.S., and hopes the U.S. "
     "can also look at China's development in a positive light.",
     ["China is happy to see a confident, open, prosperous, and thriving U.S.,",
      "and hopes the U.S. can also look at China's development in a positive light."]),
    ("The talks covered trade, climate, and fentanyl, and both sides agreed to meet again in "
     "Geneva in June.",
     ["The talks covered trade, climate, and fentanyl,",
      "and both sides agreed to meet again in Geneva in June."]),
    # seed 003: a relative clause after a preposition says a claim of its own
    ("Blinken struck a positive note on recent progress in cooperation, including counter-drugs "
     "and artificial intelligence, on which both parties agreed to begin a dialogue on its risks.",
     ["Blinken struck a positive note on recent progress in cooperation, including counter-drugs "
      "and artificial intelligence,",
      "on which both parties agreed to begin a dialogue on its risks."]),
    # the items of a list too short to be claims are not cut apart
    ("As major countries, we should set a good example of how major countries act, provide "
     "public goods, and contribute to world solidarity.",
     ["As major countries, we should set a good example of how major countries act, provide public goods,",
      "and contribute to world solidarity."]),
]

WHOLE = [
    "Xi proposed three overarching principles for the bilateral relationship: mutual respect, "
    "peaceful coexistence, and win-win cooperation.",  # a list of things, not of claims
    "As an old Chinese saying goes: passengers on the same boat should help each other.",
    "China is willing to cooperate, but cooperation must be bilateral.",  # too short a side
    "BEIJING, June 20, 2023 /PRNewswire/ — Chinese President Xi Jinping met the US Secretary of "
    "State in Beijing on Monday.",  # a dateline is not a claim
    "He urged continued progress on synthetic drugs – including fentanyl and their precursors – "
    "to the United States.",  # two dashes: a parenthesis
    "China welcomes a confident, open, prosperous and stable United States in the region.",
    "Xi told Blinken that the two countries should be partners.",  # too short a head
    "The ministry named the agreement, under which tariffs fall.",  # too short a relative clause
    # what was said has no subject of its own: who conveys is in the head
    "President Xi asked Secretary Blinken to convey his greetings to President Biden.",
]


@pytest.mark.parametrize("sentence,parts", CUT)
def test_a_sentence_that_joins_claims_is_cut_between_them(sentence, parts):
    spans, gave_up = clause_spans(sentence, 0, len(sentence))
    assert [sentence[a:b] for a, b in spans] == parts and not gave_up


@pytest.mark.parametrize("sentence", WHOLE)
def test_one_claim_stays_whole(sentence):
    assert clause_cuts(sentence) == ()


def test_too_many_parts_gives_up_and_says_so():
    sentence = "; ".join(f"the ministry said item number {i} was agreed by both sides" for i in range(20)) + "."
    assert clause_cuts(sentence) is None
    spans, gave_up = clause_spans(sentence, 0, len(sentence))
    assert spans == [(0, len(sentence))] and gave_up
    assert MAX_CLAUSES < 20


def test_degenerate_text_ends_with_a_warning_where_cutting_gave_up():
    """All semicolons, one sentence repeated many times, one endless sentence: the comparison
    finishes, every place is an exact slice, and the version cutting gave up on is named."""
    listy = "; ".join(f"the ministry said item number {i} was agreed by both sides" for i in range(400)) + "."
    docs = [Document("semicolons", "semicolons.txt", ";" * 5000 + "\n" + listy, ""),
            Document("repeated", "repeated.txt", " ".join(["China and the United States should be "
                     "partners; both sides must help each other succeed."] * 500), ""),
            Document("endless", "endless.txt", " ".join(["partners and rivals and peace"] * 2000) + ".", "")]
    c = compare_documents(docs, Options(artefacts=False, quotes=False))
    assert any("semicolons.txt" in w and "cut into claims" in w for w in c.warnings)
    for st in c.statements:
        for m in st.members + st.repeats:
            text = c.document(m.document).text
            assert all(text[p.start:p.end].strip() for p in m.spans)
    repeated = [st for st in c.statements if st.member("repeated")]
    assert len(repeated) <= 500  # the copies are said again, not each a statement of its own
