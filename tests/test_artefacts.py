"""Artefact detection: the seed table (tests/data/seed_artefacts.tsv), one test group per
detector on small texts, and the invariants every artefact keeps."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from variance.artefacts.detect import detect_artefacts
from variance.model import Artefact, ArtefactKind, Document
from variance.pipeline import compare_documents

ROOT = Path(__file__).resolve().parents[1]
TABLE = Path(__file__).parent / "data" / "seed_artefacts.tsv"
K = ArtefactKind


def read_table() -> list[tuple[str, str, str, str]]:
    rows = csv.reader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [tuple(r) for r in rows if r and not r[0].startswith("#")]


@lru_cache(maxsize=1)
def seed_run() -> tuple[dict[str, Document], tuple[Artefact, ...]]:
    docs = [Document(id=p.stem.split("_")[0], path=str(p), text=p.read_text(encoding="utf-8"),
                     sha256="") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    comparison = compare_documents(docs)
    found = detect_artefacts(comparison.documents, comparison.statements)
    return {d.id: d for d in comparison.documents}, found


def locate(doc: Document, text: str, context: str) -> tuple[int, int]:
    assert doc.text.count(context) == 1, f"{context!r} is not unique in {doc.id}"
    start = doc.text.index(context) + context.index(text)
    return start, start + len(text)


def artefacts_of(*texts: str, aligned: bool = False) -> tuple[Artefact, ...]:
    """Artefacts of small texts given as documents a, b, c...; aligned: with statements."""
    docs = [Document(id=chr(ord("a") + i), path="-", text=t, sha256="")
            for i, t in enumerate(texts)]
    if aligned:
        comparison = compare_documents(docs)
        return detect_artefacts(comparison.documents, comparison.statements)
    return detect_artefacts(docs)


def flagged(found, kind: ArtefactKind | None = None, document: str | None = None) -> list[str]:
    return [a.text for a in found if (kind is None or a.kind is kind)
            and (document is None or a.document == document)]


# ---- the seeds -------------------------------------------------------------------------------

@pytest.mark.parametrize("document,kind,text,context", read_table(),
                         ids=lambda v: v[:24] if isinstance(v, str) else None)
def test_seed_table(document, kind, text, context):
    docs, found = seed_run()
    doc = docs[document]
    start, end = locate(doc, text, context)
    mine = [a for a in found if a.document == document]
    if kind == "none":
        overlapping = [a for a in mine if a.start < end and start < a.end]
        assert not overlapping, f"{text!r} must not be flagged: {overlapping}"
    else:
        assert any(a.kind.value == kind and (a.start, a.end) == (start, end) for a in mine), \
            f"{kind} {text!r} not found; near it: {[a for a in mine if abs(a.start - start) < 40]}"


def test_seed_precision():
    """Everything flagged in the seeds is in the table: nothing a reader would call noise."""
    docs, found = seed_run()
    expected = {(d, *locate(docs[d], t, c), k) for d, k, t, c in read_table() if k != "none"}
    unexpected = [a for a in found if (a.document, a.start, a.end, a.kind.value) not in expected]
    precision = 1 - len(unexpected) / len(found)
    assert precision >= 0.95, f"unexpected flags: {unexpected}"


def test_native_english_article_is_quiet():
    _, found = seed_run()
    assert len(flagged(found, document="004")) <= 2


def test_machine_translated_articles_are_not():
    _, found = seed_run()
    assert len(flagged(found, document="000")) >= 10 and len(flagged(found, document="003")) >= 10


def test_every_artefact_is_its_slice_and_in_order():
    docs, found = seed_run()
    order = {doc_id: i for i, doc_id in enumerate(docs)}
    for a in found:
        assert a.text == docs[a.document].text[a.start:a.end] and a.start < a.end
        assert a.message and "\n" not in a.message
    keys = [(order[a.document], a.start) for a in found]
    assert keys == sorted(keys)


def test_loaded_seeds_give_the_same_artefacts(seeds_comparison):
    """Through the loader (datelines and titles as metadata) the findings do not change."""
    loaded = detect_artefacts(seeds_comparison.documents, seeds_comparison.statements)
    _, plain = seed_run()
    assert {(a.document[:3], a.start, a.kind) for a in loaded} == \
        {(a.document, a.start, a.kind) for a in plain}


def test_seed_evidence_quotes_the_other_versions():
    _, found = seed_run()
    by_text = {(a.document, a.text): a for a in found}
    assert '"Antony" in 001, 002, 003, 004' in by_text["000", "Anthony"].evidence
    assert 'reads "China told"' in by_text["000", "Chinatold"].evidence
    assert any("004" in e and "thriving" in e
               for e in by_text["001", "prosperous and prosperous"].evidence)


# ---- glued -----------------------------------------------------------------------------------

def test_glued_words_are_split_into_known_words():
    found = artefacts_of("The United States said the United States would meet in baliand "
                         "the United Statessaid it was ready.")
    assert flagged(found, K.GLUED) == ["baliand", "Statessaid"]
    assert found[0].evidence[0] == 'reads "bali and"'


def test_glued_evidence_quotes_the_same_place_in_other_versions():
    found = artefacts_of("The two leaders met in baliand signed a long trade agreement.",
                         "The two leaders met in Bali and signed a long trade agreement.",
                         aligned=True)
    (glued,) = [a for a in found if a.kind is K.GLUED]
    assert 'b: "Bali and"' in glued.evidence


@pytest.mark.parametrize("text", [
    "They stepped up counternarcotics work.",         # a real, rare word
    "They stepped up counter-narcotics work.",        # a hyphen compound
    "The firm ByteDance owns it. ByteDance said so.",  # a recurring name
    "The antiepidemic effort went on.",               # a prefix, not two words
    "Visit chinanews.com for more.",                  # a web address
])
def test_glued_leaves_real_words_alone(text):
    assert flagged(artefacts_of(text), K.GLUED) == []


# ---- doubled ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("China welcomes a prosperous and prosperous United States.", "prosperous and prosperous"),
    ("They seek win-win and win-win results.", "win-win and win-win"),
    ("He saw the the car.", "the the"),
    ("They set up flood control and flood control teams.", "flood control and flood control"),
])
def test_doubled_phrases(text, expected):
    assert flagged(artefacts_of(text), K.DOUBLED) == [expected]


@pytest.mark.parametrize("text", [
    "More and more people came, again and again, step by step.",
    "It got better and better, over and over.",
    "He said that that was fine, and she had had enough.",
    "Prices grew bigger and bigger and bigger.",
])
def test_doubled_leaves_idioms_alone(text):
    assert flagged(artefacts_of(text), K.DOUBLED) == []


def test_doubled_shared_by_most_versions_comes_from_the_source():
    text = "The actress Ni Ni arrived. She felt tired and tired after the trip."
    found = artefacts_of(text, text, text.replace("Ni Ni", "Nini"))
    assert flagged(found, K.DOUBLED) == []


# ---- stray punctuation -----------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("It must not target, oppose or harm. the other side.", "."),
    ("They assume responsibilities as major countries. , and promote exchanges.", ". ,"),
    ("They want to stabilize , improve and advance relations.", ","),
    ("They want to engage in dialogue. . Then they left.", ". ."),
    ("It is a competition with the PRC ( China) today.", "("),
])
def test_stray_punctuation(text, expected):
    assert flagged(artefacts_of(text), K.STRAY_PUNCTUATION) == [expected]


@pytest.mark.parametrize("text", [
    "U.S. officials met e.g. their counterparts at 5 p.m. on Friday.",
    "The firm (Co. Ltd.) grew, etc. and more.",
    "He said: “We will come.” Then he left.",
    "“We will come,” he said.\n“And we will stay,” he added.",
])
def test_punctuation_that_is_fine(text):
    assert flagged(artefacts_of(text), K.STRAY_PUNCTUATION) == []


def test_quotation_marks_that_dangle():
    found = artefacts_of("He said the opposite,” commented the president.\n"
                         "Wan said: “We have always demanded respect.\n"
                         "They met. ” In the same way, they left.")
    kinds = [a.message.split(":")[0] for a in found if a.kind is K.STRAY_PUNCTUATION]
    assert kinds == ["a closing quotation mark with no opening one",
                     "a quotation that is never closed", "a quotation mark standing alone"]


def test_a_quotation_may_run_over_paragraphs():
    found = artefacts_of("He said: “We will come.\nAnd we will stay for a long time.”\n"
                         "Then he left.")
    assert flagged(found, K.STRAY_PUNCTUATION) == []


# ---- case ------------------------------------------------------------------------------------

def test_a_name_in_lower_case():
    found = artefacts_of("They met in Beijing on Friday. Talks in Beijing went well.",
                         "They met in Beijing on Friday.", "They met in beijing on Friday.")
    assert flagged(found, K.CASE) == ["beijing"]
    assert found[0].evidence[0] == '"Beijing" in a, b'


def test_a_place_name_in_lower_case():
    found = artefacts_of("They met on the island of bali last year. They left bali soon.")
    assert flagged(found, K.CASE) == ["bali", "bali"]


@pytest.mark.parametrize("text,expected", [
    ("The planet is large enough for the common prosperity of China And United States.", ["And"]),
    ("Xi Jinping Meets With the US secretary at the great hall in the city.", ["With"]),
])
def test_a_function_word_capitalised(text, expected):
    assert flagged(artefacts_of(text), K.CASE) == expected


@pytest.mark.parametrize("text", [
    "The study was published in The Lancet on Monday by several researchers.",
    "Talks In Beijing Bring Hope For Peace",
    "Xinhua, Beijing, July 26 (Reporter Wang Li) On July 26, the meeting was held there.",
    "He read “Gone With the Wind” again during his long summer holiday.",
])
def test_case_that_is_fine(text):
    assert flagged(artefacts_of(text), K.CASE) == []


# ---- name variants ---------------------------------------------------------------------------

def test_a_name_spelled_two_ways():
    found = artefacts_of("Xi met Antony Blinken in Beijing.", "Xi met Antony Blinken on Friday.",
                         "Xi met Anthony Blinken in Beijing.", aligned=True)
    (variant,) = [a for a in found if a.kind is K.NAME_VARIANT]
    assert (variant.document, variant.text) == ("c", "Anthony")
    assert variant.evidence[0] == '"Antony" in a, b'


def test_a_truncated_name_in_the_same_document():
    found = artefacts_of("Foreign Minister Wang Yi met the envoy. For this reason, Wan said the "
                         "talks went well. Minister Wang Yi then left.")
    assert flagged(found, K.NAME_VARIANT) == ["Wan"]


@pytest.mark.parametrize("other", ["Chinese", "Chinas", "China's"])
def test_derived_forms_are_not_variants(other):
    found = artefacts_of("They visited China twice.", "They visited China again.",
                         f"They visited {other} markets.", aligned=True)
    assert flagged(found, K.NAME_VARIANT) == []


def test_british_and_american_spellings_are_not_variants():
    found = artefacts_of("The Trade Center opened.", "The Trade Center opened today.",
                         "The Trade Centre opened.", aligned=True)
    assert flagged(found, K.NAME_VARIANT) == []


# ---- fragments -------------------------------------------------------------------------------

def test_fragments():
    found = artefacts_of("We will stay, he said. -he commented.\n"
                         "It was quoted in a press release. Chancellor's statement. Then it ended.")
    assert flagged(found, K.FRAGMENT) == ["-he commented.", "Chancellor's statement."]


@pytest.mark.parametrize("text", [
    "Yichang, China. Chinese President Xi Jinping met the delegation.",
    "Expert Insights\nThe experts said it was a good step.",
    "chinanews.com, July 26. According to reports, it rained.",
    "The talks went on for hours. Then it ended. Everyone left.",
])
def test_short_sentences_that_are_not_fragments(text):
    assert flagged(artefacts_of(text), K.FRAGMENT) == []


# ---- untranslated ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("The United States has not l intention to enter into conflict.", "l"),
    ("He said que the plan was good.", "que"),
    ("Source: Hunan Daily Online - 华声在线 reported it.", "华声在线"),
])
def test_untranslated(text, expected):
    assert flagged(artefacts_of(text), K.UNTRANSLATED) == [expected]


@pytest.mark.parametrize("text", [
    "La Jornada reported that the planet is big enough.",
    "I'd say he went to Côte d'Ivoire in June.",
    "They will pour water and con the guards.",
])
def test_untranslated_leaves_english_alone(text):
    assert flagged(artefacts_of(text), K.UNTRANSLATED) == []


# ---- the API ---------------------------------------------------------------------------------

def test_unsegmented_and_empty_documents():
    found = detect_artefacts([Document(id="x", path="-", text="", sha256=""),
                              Document(id="y", path="-", text="He saw the the car.", sha256="")])
    assert [(a.document, a.text) for a in found] == [("y", "the the")]


_PIECES = ["the", "The", "and", "And", "bali", "baliand", "Beijing", "beijing", ".", ". ,", " ,",
           "“", "”", "-he", "l", "que", "U.S.", "win-win", "prosperous", "\n", "Wang", "Wan"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=30), min_size=1, max_size=3))
def test_artefacts_are_slices_of_any_text(pieces):
    docs = [Document(id=f"d{i}", path="-", text=" ".join(p), sha256="")
            for i, p in enumerate(pieces)]
    found = detect_artefacts(docs)
    texts = {d.id: d.text for d in docs}
    for a in found:
        assert 0 <= a.start < a.end <= len(texts[a.document])
        assert a.text == texts[a.document][a.start:a.end]
    order = {d.id: i for i, d in enumerate(docs)}
    assert [(order[a.document], a.start) for a in found] == \
        sorted((order[a.document], a.start) for a in found)


_SPANS = ["the the", "and and", "win-win and win-win", "the, the", "he he", "Wang Wang"]
_REPEATED = ["the", "The", "the,", "and", "win-win", "he", "he's", "Wang", ".", "\n", "--", "BEIJING --", "well-",
             "-he", "baliand"]


@settings(max_examples=150, deadline=None)
@example([(["the", "the"], [3])], "the the")
@example([(["win-win", "and", "win-win"], [4])], "win-win and win-win")
@given(st.lists(st.tuples(st.lists(st.sampled_from(_REPEATED), max_size=30),
                          st.lists(st.integers(0, 120), max_size=6)), min_size=1, max_size=4),
       st.sampled_from(_SPANS))
def test_versions_carrying_a_repeat_are_counted_as_in_their_whole_text(versions, span):
    """A repeat most versions write is the source's: the versions are counted by their
    sentences where no repeat can run across two (sentences cut anywhere here, as a run too
    long for one is cut at a space), the way reading each whole text counts them."""
    import re

    from variance.artefacts.corpus import Corpus
    from variance.artefacts.rules import _carriers
    from variance.model import Sentence

    docs = []
    for i, (pieces, cuts) in enumerate(versions):
        text = " ".join(pieces)
        edges = sorted({0, len(text)} | {min(c, len(text)) for c in cuts})
        spans = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in zip(edges, edges[1:])]
        sentences = tuple(Sentence(k, a, b, 0) for k, (a, b) in enumerate((a, b) for a, b in spans if a < b))
        docs.append(Document(id=f"d{i}", path="-", text=text, sha256="", sentences=sentences))
    pattern = re.compile(rf"\b{re.escape(span)}\b", re.IGNORECASE)
    assert _carriers(Corpus(docs), span) == sum(1 for d in docs if pattern.search(d.text))
