"""The repairs after the first alignment pass, each on the smallest case that needs it."""

from __future__ import annotations

from types import SimpleNamespace

from variance.align.cluster import align_statements
from variance.align.features import FeatureSpace
from variance.align.regroup import merge_disjoint
from variance.model import Document, Options, Semantic
from variance.text.segment import segment_document


def documents(*texts: str) -> list[Document]:
    return [segment_document(Document(id=f"d{i}", path="", text=t, sha256="")) for i, t in enumerate(texts)]


def grouping(docs, options: Options = Options()) -> list[list[tuple[str, tuple[int, ...]]]]:
    return [[(m.document, m.sentences) for m in st.members] for st in align_statements(docs, options)]


def test_statements_found_twice_in_different_documents_are_merged():
    texts = ["China will cooperate with America on trade.", "China will work with America on trade.",
             "It rained in Paris."]
    X = FeatureSpace(texts).matrix
    units = [SimpleNamespace(doc=0), SimpleNamespace(doc=1), SimpleNamespace(doc=0)]
    merged = merge_disjoint([[(0,)], [(1,)], [(2,)]], units, X, threshold=0.28)
    assert sorted(sorted(c) for c in merged) == [[(0,), (1,)], [(2,)]]


def test_statements_of_one_document_are_never_merged():
    texts = ["China will cooperate with America on trade.", "China will work with America on trade."]
    X = FeatureSpace(texts).matrix
    units = [SimpleNamespace(doc=0), SimpleNamespace(doc=0)]
    assert len(merge_disjoint([[(0,)], [(1,)]], units, X, threshold=0.28)) == 2


FIRST = "The minister arrived in Paris on Monday.\n"
LAST = "\nBoth sides signed a trade accord."
TALKS = "Talks on the fishing quota for the northern waters lasted four hours."


def test_a_loose_paraphrase_between_linked_neighbours_joins_by_context():
    paraphrase = "The quota for the waters was debated all afternoon."
    docs = documents(FIRST + TALKS + LAST, FIRST + TALKS.replace("the northern", "northern") + LAST,
                     FIRST + paraphrase + LAST)
    assert [("d0", (1,)), ("d1", (1,)), ("d2", (1,))] in grouping(docs)


def test_context_alone_does_not_link_unrelated_words():
    """The context repair needs shared words; this sentence shares none with the talks (the
    sentence encoder, which may link it by meaning, is other evidence: off here)."""
    other = "Negotiators spent the afternoon on catch limits in the north."
    docs = documents(FIRST + TALKS + LAST, FIRST + TALKS.replace("the northern", "northern") + LAST,
                     FIRST + other + LAST)
    assert [("d2", (1,))] in grouping(docs, Options(semantic=Semantic.OFF))


SPLIT_A = "China is willing to cooperate, but cooperation must be bilateral and balanced for both sides."
SPLIT_B = "China is willing to cooperate. But cooperation must be bilateral and balanced for both sides."


def test_a_sentence_split_in_two_lines_up_part_by_part():
    docs = documents(SPLIT_A + "\nThe weather in Beijing was sunny.", SPLIT_B + "\nThe weather in Beijing was sunny.")
    statements = align_statements(docs, Options())
    parts = {}
    for st in statements:
        a, b = st.member("d0"), st.member("d1")
        if a and b and b.sentences[0] < 2:
            parts[b.sentences] = (a.partial, docs[0].text[a.start:a.end])
    assert parts == {(0,): (True, "China is willing to cooperate,"),
                     (1,): (True, "but cooperation must be bilateral and balanced for both sides.")}


def test_whole_sentences_line_a_split_up_as_one_member():
    docs = documents(SPLIT_A + "\nThe weather in Beijing was sunny.", SPLIT_B + "\nThe weather in Beijing was sunny.")
    found = [[(m.document, m.sentences) for m in st.members]
             for st in align_statements(docs, Options(claims=False))]
    assert [("d0", (0,)), ("d1", (0, 1))] in found


def drifted_story(versions: int = 12) -> list[str]:
    """Versions of one story whose third sentence drifted into two wordings, half each (few
    words in common); the first version of each wording also opens with that sentence said
    again."""
    head = ("Xi met Blinken at the Great Hall of the People in Beijing on Friday afternoon. "
            "The two sides discussed trade, fentanyl and artificial intelligence at length. ")
    tail = (" Once the general principles are established, the specific questions become easier. "
            "Wang Yi and several senior officials also took part in the long meeting.")
    wordings = ("They should serve as the foundation of Sino-US relations.",
                "They should form the basis of Sino-US relations.")
    texts = []
    for k in range(versions):
        wording = wordings[k % 2]
        lead = f"Xi said {wording[0].lower()}{wording[1:]} " if k < 2 else ""
        texts.append(lead + head + wording + tail)
    return texts


def test_a_statement_whose_wording_drifted_stays_one_even_where_a_version_says_it_twice():
    """With many versions each wording makes a statement of its own; they sit between the same
    neighbours in every version, so they are one."""
    docs = documents(*drifted_story())
    statements = align_statements(docs, Options(semantic=Semantic.OFF))

    def says(m) -> bool:
        return "They should" in docs[int(m.document[1:])].text[m.start:m.end]

    drifted = [st for st in statements if any(says(m) for m in st.members)]
    assert [len(st.members) for st in drifted] == [12]


def test_two_outlets_own_lines_in_one_place_most_versions_skip_stay_apart():
    """Outlets insert lines of their own where the story allows (between the same neighbours);
    two different lines that share a few words there are not one statement drifted apart."""
    head = ("Xi met Blinken at the Great Hall of the People in Beijing on Friday afternoon. "
            "The two sides discussed trade, fentanyl and artificial intelligence at length. ")
    tail = ("Once the general principles are established, the specific questions become easier. "
            "Wang Yi and several senior officials also took part in the long meeting.")
    lines = ("Blinken arrived in Beijing on Wednesday after two days of talks in Shanghai. ",
             "Earlier in the day, Blinken held five hours of talks with Foreign Minister Wang Yi. ")
    texts = [head + (lines[k % 2] if k < 6 else "") + tail for k in range(30)]
    docs = documents(*texts)
    statements = align_statements(docs, Options(semantic=Semantic.OFF))
    holders = [{m.document for m in st.members} for st in statements
               if any("Blinken" in docs[int(m.document[1:])].text[m.start:m.end]
                      and "talks" in docs[int(m.document[1:])].text[m.start:m.end] for m in st.members)]
    assert sorted(map(sorted, holders)) == [["d0", "d2", "d4"], ["d1", "d3", "d5"]]
