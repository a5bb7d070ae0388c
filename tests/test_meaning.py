"""Meaning as evidence: originals in another language aligned with their English version,
paraphrases the words missed, and nothing of it when the words decide or `--semantic off`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from seedgold import find_sentence, read_gold, score, statement_of, statements_saying

from variance.align import embed
from variance.cli import main
from variance.model import Document, Evidence, Options, Semantic
from variance.pipeline import compare, compare_documents

PORT = Path(__file__).parent / "data" / "port"
"""One announcement written for these tests in English, Chinese and Spanish, each sentence of
one a translation of one sentence of the others, in another order and other paragraphs."""
PORT_FILES = [str(PORT / name) for name in ("en.txt", "zh.txt", "es.txt")]
TRANSLATIONS = [  # (English, Chinese, Spanish): pieces of the sentences that say the same
    ("close its eastern terminal", "东码头将从三月起关闭六个月", "cerrará su terminal este"),
    ("redirected to the western terminal", "货船将改道前往", "serán desviados a la terminal oeste"),
    ("Fishermen's groups criticised", "渔民团体批评了这一决定", "Las asociaciones de pescadores"),
    ("Repairing the sea wall", "防波堤的维修费用", "Las reparaciones del rompeolas"),
    ("no jobs would be lost", "不会有人失去工作", "no se perderá ningún empleo"),
]
QUIET = Options(artefacts=False, quotes=False)
TIER = Path(__file__).parent / "data" / "seed_paraphrase.tsv"


@pytest.fixture(scope="module")
def port():
    return compare(PORT_FILES, QUIET)


def test_a_chinese_and_a_spanish_original_are_aligned_with_their_english_version(port):
    where = statement_of(port)
    for en, zh, es in TRANSLATIONS:
        places = [where[find_sentence(port, doc, text)] for doc, text in (("en", en), ("zh", zh), ("es", es))]
        assert places[0] & places[1] & places[2], (en, places)


def test_a_translation_is_shown_in_its_own_script_not_diffed_and_says_why(port):
    zh = port.document("zh")
    st = next(st for st in port.statements if st.member("zh") and st.member("en")
              and "货船将改道前往" in zh.text[st.member("zh").start:st.member("zh").end])
    member = st.member("zh")
    assert zh.text[member.start:member.end] == "货船将改道前往已经扩建的西码头。"
    assert member.evidence is Evidence.TRANSLATION and member.because().startswith("translation of ")
    assert st.diff("zh") is None and st.diff("es") is None
    text = CliRunner().invoke(main, ["align", "-q", *PORT_FILES]).stdout
    assert "original language, not diffed; translation of" in text


def test_nothing_is_downloaded_to_align_across_languages(no_network, monkeypatch, tmp_path):
    monkeypatch.setenv(embed.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(embed, "_DEFAULT", None)
    comparison = compare(PORT_FILES, QUIET)
    assert embed.default_encoder().encoded > 0 and not no_network
    assert any(st.member("zh") and st.member("en") for st in comparison.statements)


def test_vectors_come_from_the_cache_on_the_second_run(monkeypatch, tmp_path):
    monkeypatch.setenv(embed.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(embed, "_DEFAULT", None)
    first = compare(PORT_FILES, QUIET)
    monkeypatch.setattr(embed, "_DEFAULT", None)
    second = compare(PORT_FILES, QUIET)
    assert not embed.default_encoder().loaded
    assert [st.members for st in first.statements] == [st.members for st in second.statements]


def test_semantic_off_gives_the_words_only_result_without_the_encoder(monkeypatch):
    def unavailable():
        raise AssertionError("the encoder was asked for")

    off = CliRunner().invoke(main, ["align", "--semantic", "off", "-q", "--json", str(SEEDS)])
    monkeypatch.setattr(embed, "default_encoder", unavailable)
    again = CliRunner().invoke(main, ["align", "--semantic", "off", "-q", "--json", str(SEEDS)])
    assert off.exit_code == again.exit_code == 0 and off.stdout == again.stdout
    assert '"evidence": "meaning"' not in off.stdout and '"semantic": "off"' in off.stdout
    assert compare(PORT_FILES, Options(artefacts=False, quotes=False, semantic=Semantic.OFF)).unaligned


def test_auto_leaves_the_encoder_alone_when_the_words_decide(monkeypatch):
    def unavailable():
        raise AssertionError("the encoder was asked for")

    monkeypatch.setattr(embed, "default_encoder", unavailable)
    a = Document(id="a", path="a", text="Xi met Blinken in Beijing on Friday.\nThey spoke for five hours.\n", sha256="a")
    b = Document(id="b", path="b", text="They spoke for five hours.\nXi met Blinken in Beijing on Friday.\n", sha256="b")
    comparison = compare_documents([a, b], QUIET)
    assert all(len(st.members) == 2 and all(m.evidence is Evidence.WORDS for m in st.members)
               for st in comparison.statements)


def test_a_run_of_text_with_no_sentence_end_is_not_read_for_meaning(monkeypatch):
    """A line of two megabytes with no full stop, cut into pieces at spaces, cost a minute of
    encoding in `auto` (nothing links to it); its pieces are compared by their words only."""
    asked: list[str] = []
    real = embed.default_encoder()

    class Recording:
        def __getattr__(self, name):
            return getattr(real, name)

        def encode(self, texts):
            asked.extend(texts)
            return real.encode(texts)

    monkeypatch.setattr(embed, "default_encoder", lambda: Recording())
    run_on = " ".join(f"word{i % 97} term{i % 89}" for i in range(2000))
    a = Document(id="a", path="a", text="Xi met Blinken in Beijing on Friday.\n" + run_on + "\n", sha256="a")
    b = Document(id="b", path="b", text="Xi met Blinken in Beijing on Friday.\nThey spoke for hours.\n",
                 sha256="b")
    comparison = compare_documents([a, b], QUIET)
    assert asked and not [t for t in asked if t in run_on]       # the other sentence was read
    assert comparison.statements[0].member("b") and comparison.statements[0].member("a")


def test_paraphrases_the_words_missed_are_linked_and_look_alikes_stay_apart():
    # Loaded as a user loads them: the dates found at load keep 000 (another meeting) apart,
    # so its look-alikes of the 2024 statements stay unlinked with or without meaning.
    from variance.load import load_paths

    docs = load_paths([str(SEEDS)], QUIET)
    words = compare_documents(docs, Options(artefacts=False, quotes=False, semantic=Semantic.OFF))
    both = compare_documents(docs, QUIET)
    tier = read_gold(TIER)
    # 17 links: meaning corroborated takes 14 (0.82), meaning alone 10, the words 7 (0.41)
    assert score(both, tier)["recall"] >= 0.8 > 0.5 > score(words, tier)["recall"]
    # read piece by piece: 001's list of hopes carries the statement of 003's lines of
    # communication; 003's relative clause, read with what it is about, is 002's AI discussions
    for a, text_a, b, text_b in (("001", "They hope to maintain communication", "003", "addressing our differences"),
                                 ("002", "initiate discussions on managing", "003", "on which both parties agreed")):
        assert statements_saying(both, a, text_a) & statements_saying(both, b, text_b)
        assert not statements_saying(words, a, text_a) & statements_saying(words, b, text_b)
    hopes = next(st for st in both.statements if st.id in statements_saying(both, "001", "They hope to maintain"))
    member = next(m for m in hopes.members if m.document.startswith("001"))
    assert member.evidence is Evidence.MEANING_WORDS and member.because().startswith("same meaning (0.4")
    look_alikes = [p for p in read_gold() + tier if not p.same]
    # meaning alone links a look-alike of meaning (a US assurance and a Chinese demand on
    # China's development); corroborated, none. Neither links the parts of two sentences on
    # peace and stability (0.53): one version says Xi said it, the other Wang Yi
    assert _linked(both, look_alikes) <= _linked(words, look_alikes)
    assert len(_linked(_meaning_alone(docs), look_alikes) - _linked(words, look_alikes)) == 1
    gold = score(both, read_gold())
    assert gold["precision"] >= score(words, read_gold())["precision"] - 0.01
    assert gold["recall"] >= score(words, read_gold())["recall"]
    # 0.94 was measured on whole-sentence links; the partial tier has its own figure (claims)
    sentences = [p for p in read_gold() if p.tier == "sentence"]
    assert score(both, sentences)["recall"] >= 0.94


def _meaning_alone(docs):
    from variance.align import meaning

    meaning.CORROBORATE = False
    try:
        return compare_documents(docs, QUIET)
    finally:
        meaning.CORROBORATE = True


def _linked(comparison, pairs) -> set:
    where = statement_of(comparison)
    out = set()
    for p in pairs:
        a, b = find_sentence(comparison, p.doc_a, p.text_a), find_sentence(comparison, p.doc_b, p.text_b)
        if where.get(a, set()) & where.get(b, set()):
            out.add((a, b))
    return out


REMEMBERED = "China does not fear rivalry, but wants both sides to progress together instead of a zero-sum contest"


def test_a_remembered_paraphrase_is_found_through_its_meaning():
    from variance.quotes.check import check_quote

    with_meaning = {r.document[:3]: r for r in check_quote(compare([str(SEEDS)], QUIET), REMEMBERED).results}
    words = {r.document[:3]: r for r in check_quote(
        compare([str(SEEDS)], Options(artefacts=False, quotes=False, semantic=Semantic.OFF)), REMEMBERED).results}
    for doc in ("001", "002"):
        found = with_meaning[doc]
        assert found.verdict.value == "paraphrased" and found.meaning >= 0.6
        assert "zero-sum game" in compare([str(SEEDS)], QUIET).document(found.document).text[found.start:found.end]
        assert words[doc].verdict.value == "absent"
    assert with_meaning["000"].verdict.value == "absent" and with_meaning["000"].meaning is None


def test_the_link_picker_offers_a_paraphrase_the_words_rank_low(monkeypatch):
    # 003 speaks of "economic pressure from the Biden administration", 004 says Wang "criticized
    # U.S. measures perceived as suppressing China's economy": few words in common. The aligner
    # links them by their place in the stretch after the talks with Wang Yi; without it, where
    # an editor would have to link them, the picker offers the one for the other
    from variance.align import between
    from variance.decisions import link_candidates
    from variance.load import load_paths

    monkeypatch.setattr(between, "place_in_stretch", lambda clusters, *args: clusters)
    docs = load_paths([str(SEEDS)], QUIET)

    def rank(semantic: Semantic) -> int | None:
        c = compare_documents(docs, Options(artefacts=False, quotes=False, semantic=semantic))
        doc, index = find_sentence(c, "004", "Wang also criticized U.S. measures")
        start = c.document(doc).sentences[index].start
        st = next(st for st in c.statements if any("economic pressure from the Biden administration" in
                                                   c.document(m.document).text[m.start:m.end] for m in st.members))
        offered = link_candidates(c, st)
        assert all((k.meaning is None) is (semantic is Semantic.OFF) for k in offered)
        return next((i for i, k in enumerate(offered, 1) if k.document == doc and k.start == start), None)

    assert rank(Semantic.OFF) is None and rank(Semantic.AUTO) <= 3


HARBOUR = (  # two versions of one notice; the third sentence of A and the second of B say the same
    "The harbour of Porto Novo will close its eastern quay for six months from March.\n"
    "Cargo ships will be sent to the western quay, which has been extended.\n"
    "The harbour board held frank, detailed and useful talks on the timetable and on the cost of the works.\n"
    "Repairing the sea wall will cost 40 million euros, paid by the region.\n"
    "The mayor promised that no jobs would be lost on the quays.\n",
    "The mayor promised that no jobs would be lost on the quays.\n"
    "We had a detailed conversation about the timetable and the families who live by the quays.\n"
    "Porto Novo's harbour will close the eastern quay for six months from March.\n"
    "Repairing the sea wall will cost 40 million euros, which the region pays.\n"
    "Cargo ships will go to the western quay, now extended.\n")


def test_meaning_not_near_enough_alone_links_when_the_words_agree_a_little(monkeypatch):
    from variance.align import meaning

    docs = [Document(id=name, path=name, text=text, sha256=name) for name, text in zip("ab", HARBOUR)]

    def talks(comparison):
        return next((st for st in comparison.statements if len(st.members) == 2
                     and "conversation" in comparison.document("b").text[st.member("b").start:st.member("b").end]), None)

    assert talks(compare_documents(docs, Options(artefacts=False, quotes=False, semantic=Semantic.OFF))) is None
    monkeypatch.setattr(meaning, "CORROBORATE", False)
    assert talks(compare_documents(docs, QUIET)) is None          # meaning alone: under MEANING_MIN
    monkeypatch.setattr(meaning, "CORROBORATE", True)
    st = talks(compare_documents(docs, QUIET))
    member = st.member("b") if st.member("b").evidence is Evidence.MEANING_WORDS else st.member("a")
    assert member.evidence is Evidence.MEANING_WORDS and meaning.CORROBORATED_MIN <= member.meaning < meaning.MEANING_MIN
    assert member.because().startswith(f"same meaning ({member.meaning:.2f}) and shared words: ")
    assert "timetable" in member.because()


QUAYS = ("The harbour of Porto Novo will close its eastern quay for six months from March.\n"
         "Cargo ships will be sent to the western quay, which has been extended.\n"
         "Fishermen say nobody asked them before the decision was taken.\n"
         "Repairing the sea wall will cost 40 million euros, paid by the region.\n"
         "The mayor promised that no jobs would be lost on the quays.\n")
FISHERMEN = "The fishing crews were left out of the talks, their union protested.\n"
"""Says what QUAYS' third sentence says, with no word in common and a cosine of meaning of 0.43."""


def _shared_with_b(comparison, words: str):
    """The statement carried by versions a and b whose member in b holds `words`, or None."""
    b = comparison.document("b").text
    return next((st for st in comparison.statements if st.member("a") and st.member("b")
                 and words in b[st.member("b").start:st.member("b").end]), None)


def _fishermen_corroborated(monkeypatch, docs):
    """The fishermen's statement once meaning is corroborated, after checking that meaning alone
    (under MEANING_MIN) does not link it."""
    from variance.align import meaning

    monkeypatch.setattr(meaning, "CORROBORATE", False)
    assert _shared_with_b(compare_documents(docs, QUIET), "union") is None
    monkeypatch.setattr(meaning, "CORROBORATE", True)
    return _shared_with_b(compare_documents(docs, QUIET), "union")


@pytest.mark.parametrize("between", [True, False])
def test_a_paraphrase_between_the_same_neighbours_is_linked_and_elsewhere_not(monkeypatch, between):
    rest = ["The mayor promised that no jobs would be lost on the quays.\n",
            "Porto Novo's harbour will close the eastern quay for six months from March.\n",
            "Cargo ships will go to the western quay, now extended.\n",
            "Repairing the sea wall will cost 40 million euros, which the region pays.\n"]
    other = rest[:3] + [FISHERMEN] + rest[3:] if between else [FISHERMEN] + rest
    docs = [Document(id="a", path="a", text=QUAYS, sha256="a"), Document(id="b", path="b", text="".join(other), sha256="b")]

    st = _fishermen_corroborated(monkeypatch, docs)
    if not between:
        assert st is None
        return
    linked = next(m for m in st.members if m.evidence is not Evidence.WORDS)
    assert linked.evidence is Evidence.MEANING_CONTEXT
    assert linked.because() == f"same meaning ({linked.meaning:.2f}) between the same neighbours"


LAYOFFS = ("The harbour of Porto Novo will close its eastern quay for six months from March, port "
           "director Elena Marsh announced.\n"
           "Cargo ships will be sent to the western quay, which has been extended.\n"
           "No one working on the quays would lose their job, Marsh said.\n"
           "Union leader Tomás Korb asked for talks on the timetable.\n"
           "Repairing the sea wall will cost 40 million euros, paid by the region.\n")


def _layoffs(speaker: str) -> str:
    """LAYOFFS' third sentence in other words (cosine of meaning 0.55), said by `speaker`."""
    return ("Port director Elena Marsh announced that Porto Novo's harbour will close the eastern "
            "quay for six months from March.\n"
            "Cargo ships will go to the western quay, now extended.\n"
            f"Nobody employed at the docks will be laid off, {speaker} said.\n"
            "Union leader Tomás Korb wants talks on the timetable.\n"
            "Repairing the sea wall will cost 40 million euros, which the region pays.\n")


@pytest.mark.parametrize("speaker", ["Marsh", "Korb"])
def test_meaning_does_not_link_what_two_versions_attribute_to_two_people(monkeypatch, speaker):
    from variance.align import speakers

    docs = [Document(id="a", path="a", text=LAYOFFS, sha256="a"),
            Document(id="b", path="b", text=_layoffs(speaker), sha256="b")]
    st = _shared_with_b(compare_documents(docs, QUIET), "laid off")
    if speaker == "Marsh":  # one person: linked, by meaning
        assert st is not None and any(m.evidence is Evidence.MEANING for m in st.members)
        return
    assert st is None       # Marsh's words and Korb's, both named in both versions: two statements
    monkeypatch.setattr(speakers.Speakers, "conflict", lambda self, run, members: False)
    linked = _shared_with_b(compare_documents(docs, QUIET), "laid off")
    assert linked is not None and any(m.evidence is Evidence.MEANING for m in linked.members)


STORM = ("The harbour of Porto Novo will close its eastern quay for six months from March.\n"
         "Cargo ships will be sent to the western quay, which has been extended.\n"
         "A storm in January damaged the old breakwater beyond repair.\n"
         "Fishermen say nobody asked them before the decision was taken.\n"
         "Repairing the sea wall will cost 40 million euros, paid by the region.\n"
         "The mayor promised that no jobs would be lost on the quays.\n")


@pytest.mark.parametrize("same_stretch", [True, False])
def test_two_paraphrases_in_the_same_stretch_of_their_versions_are_linked(monkeypatch, same_stretch):
    # each version tells the passage after the cargo ships in its own words, one sentence of
    # its own beside the fishermen's (0.43 in meaning, no word in common): not between the
    # same neighbours, but after the same statement and before the same one
    from variance.align import meaning

    shared = ["Porto Novo's harbour will close the eastern quay for six months from March.\n",
              "Cargo ships will go to the western quay, now extended.\n",
              "Repairing the sea wall will cost 40 million euros, which the region pays.\n",
              "The mayor promised that no jobs would be lost on the quays.\n"]
    tourists = "Tourist boats may still use the marina during the works.\n"
    other = (shared[:2] + [FISHERMEN, tourists] + shared[2:] if same_stretch
             else shared[:2] + [tourists] + shared[2:3] + [FISHERMEN] + shared[3:])
    docs = [Document(id="a", path="a", text=STORM, sha256="a"),
            Document(id="b", path="b", text="".join(other), sha256="b")]

    st = _fishermen_corroborated(monkeypatch, docs)
    if not same_stretch:
        assert st is None
        return
    linked = next(m for m in st.members if m.evidence is not Evidence.WORDS)
    assert linked.evidence is Evidence.MEANING_CONTEXT and meaning.CORROBORATED_MIN <= linked.meaning < meaning.MEANING_MIN
    statement_of_storm = [s for s in compare_documents(docs, QUIET).statements
                          if any("storm" in docs[0].text[m.start:m.end] for m in s.members if m.document == "a")]
    assert all(len(s.members) == 1 for s in statement_of_storm)   # the sentences of their own stay so
