"""Meaning as evidence in the alignment, where words cannot decide.

The lexical pass (`variance.align.cluster`, `variance.align.regroup`) decides first and its links
stay. The sentence encoder (`variance.align.embed`) then decides two things the words cannot:

- **Another language.** A document whose language is not the comparison's has no lexical
  features at all; its sentences, and runs of up to `max_run` adjacent sentences of one
  paragraph (one sentence of the original translated as two, or two as one), are matched one to
  one to the statements by meaning, best first: "translation of …".
- **Sentences the words left unlinked.** Each joins the statement nearest to it in meaning
  ("same meaning (0.62)") when that is its nearest statement of all by a margin (a statement
  its own document already carries wins nothing: the sentence is then said twice), it is the
  nearest of its document's unlinked sentences to that statement, an unlinked sentence it
  would join is nearest to it in turn, and no document would then carry the statement twice.
  A sentence joining a statement that grew meanwhile must still be near what it now says, so
  links do not chain from one neighbour to the next.
- **Meaning corroborated by words.** Meaning less near (`CORROBORATED_MIN`) links too when the
  words agree a little (`WORDS_AGREE`): "same meaning (0.45) and shared words: …". Statements
  are ranked by meaning and words together; a pair of unlinked sentences is linked only when
  neither side hesitates (each nearer to the other by the margin; for a link meaning alone
  makes, another version's unlinked claim that nothing could link is no rival); another unlinked sentence
  of the same document is no rival (nothing says it twice); and documents that report another
  event (`apart`, from their dates) are not linked by meaning with the others.
- **Meaning corroborated by context** (`variance.align.between`). A sentence still unlinked
  joins, at `CORROBORATED_MIN`, the statement another version says between the same two
  neighbouring statements ("same meaning (0.46) between the same neighbours"), and two
  unlinked sentences in the same stretch of their versions (between the same shared
  statements) that are each other's nearest there are one statement.
- **Piece by piece** (`variance.align.pieces`). A sentence whose words and meaning agree with a
  shared statement joins it when a piece between its commas says that statement; a relative
  clause cut off its sentence is read with the words it is about.
- **Who said it** (`variance.align.speakers`): meaning never links what two versions
  attribute to two people.

A statement's meaning is the mean of its first `STATEMENT_MEMBERS` members' vectors, so the
encoder sees a bounded number of texts per statement however many versions carry it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Document, Evidence, Options, Semantic
from ..text.language import comparison_language
from .speakers import Speakers

__all__ = ["ACROSS_MIN", "MEANING_MIN", "Link", "document_languages", "link_by_meaning", "nearest_document",
           "needs_meaning", "word_agreement"]

MEANING_MIN = 0.5
"""Cosine of meaning at which an unlinked sentence joins a statement in its own language."""
ACROSS_MIN = 0.4
"""Cosine of meaning at which a sentence of another language joins a statement."""
PART_MIN = 0.25
"""Each sentence of a run taken across languages must itself be this near to the statement."""
RUN_GAIN = 0.03
"""How much nearer a run must be than its best single sentence to be taken as one member."""
MARGIN = 0.02
"""An unlinked sentence joins only a statement nearer to it than any other by this much."""
CORROBORATED_MIN = 0.4
"""Cosine of meaning at which an unlinked sentence joins a statement whose words also agree a
little (`WORDS_AGREE`): about the 95th percentile of unrelated pairs of one MQM article, where
`MEANING_MIN` alone is past their 99th."""
WORDS_AGREE = 0.12
"""Cosine of word vectors that corroborates meaning: the agreement `variance.align.regroup`
asks of a sentence between the same neighbours (`GAP_MIN_SIMILARITY`)."""
MEANING_CHANCE = 0.52
"""99th percentile of the cosine of meaning between unrelated pairs: a sentence the words left
unlinked and a statement of other segments of its article (re-cut ref-A/ref-B pairs of MQM)."""
WORDS_CHANCE = 0.15
"""The same percentile for the cosine of word vectors: statements are ranked by the sum of both
cosines, each in units of its own chance level, so neither scale drowns the other."""
CORROBORATE = True
"""Whether words corroborate meaning, both in the acceptance and in the ranking of statements
(off: meaning alone, as before; kept so the benchmarks show both in one run)."""
STATEMENT_MEMBERS = 4
"""Members of a statement whose vectors make its meaning."""

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Link:
    """Why meaning put a run into its statement."""

    evidence: Evidence
    score: float
    """Cosine of meaning between the run and the statement."""
    nearest: str
    """The document whose member the run is nearest to in meaning."""


def document_languages(documents: Sequence[Document], default: str) -> list[str]:
    """Each document's language as compared (`variance.text.language`)."""
    return [comparison_language(doc, default) for doc in documents]


def needs_meaning(options: Options, languages: Sequence[str], lonely: int) -> bool:
    """Whether the encoder is asked: never when off; with auto, only when some document is in
    another language or some sentence was left unlinked among several documents."""
    if options.semantic is Semantic.OFF or len(languages) < 2:
        return False
    return any(lang != options.language for lang in languages) or lonely > 0


def link_by_meaning(clusters, units, rows_of, documents: Sequence[Document], languages: Sequence[str],
                    options: Options, encode: Encode, X, apart: frozenset[int] = frozenset()):
    """Clusters (lists of runs of unit rows) after the meaning links, and the `Link` of every run
    that meaning placed."""
    from .embed import one_thread

    with one_thread():
        return _link(clusters, units, rows_of, documents, languages, options, encode, X, apart)


def _link(clusters, units, rows_of, documents, languages, options: Options, encode: Encode, X, apart):
    from .pieces import claim_texts, place_by_pieces

    texts = claim_texts(units, documents)
    unread = frozenset(i for i, u in enumerate(units) if documents[u.doc].sentences[u.sentence].cut)
    vectors = _Vectors(texts, encode, unread)
    links: dict[tuple[int, ...], Link] = {}
    foreign = [di for di, lang in enumerate(languages) if lang != options.language and rows_of[di]]
    for di in sorted(foreign, key=lambda di: (-len(rows_of[di]), documents[di].id)):
        clusters = _place_document(clusters, di, units, rows_of[di], vectors, options.max_run,
                                   links, documents)
    speakers = Speakers(units, documents)
    clusters = _place_lonely(clusters, units, vectors, languages, links, documents, options.language, X,
                             apart, speakers)
    if CORROBORATE:
        from .between import place_between, place_in_stretch

        for place in (place_between, place_in_stretch):
            clusters = place(clusters, units, rows_of, vectors, languages, links, documents,
                             options.language, apart, speakers)
        clusters = place_by_pieces(clusters, units, vectors, languages, links, documents, options.language,
                                   X, apart, speakers, encode)
    _label_foreign(clusters, units, vectors, languages, links, documents, options.language)
    return clusters, links


def _label_foreign(clusters, units, vectors, languages, links, documents, main: str) -> None:
    """A member in another language that meaning did not place itself (it was there first)
    is still linked by meaning, to the members that joined it."""
    for members in clusters:
        for run in members:
            if len(members) > 1 and run not in links and languages[units[run[0]].doc] != main:
                others = [r for r in members if r != run]
                score = float(np.max(vectors.runs(others) @ vectors.runs([run])[0]))
                links[run] = Link(Evidence.TRANSLATION, round(score, 4),
                                  nearest_document(run, others, units, vectors, documents))


class _Vectors:
    """Sentence vectors encoded on first use, so only what a decision reads is encoded; the
    rows of `unread` (pieces of a run of text with no sentence end) are zero, near nothing."""

    def __init__(self, texts: list[str], encode: Encode, unread: frozenset[int] = frozenset()):
        self.texts, self.encode, self.unread = texts, encode, unread
        self.known: dict[int, np.ndarray] = {}

    def rows(self, rows: Sequence[int]) -> np.ndarray:
        missing = [r for r in dict.fromkeys(rows) if r not in self.known]
        if self.unread and missing:
            from .embed import DIM
            self.known.update((r, np.zeros(DIM, dtype=np.float32)) for r in missing if r in self.unread)
            missing = [r for r in missing if r not in self.unread]
        if missing:
            for r, v in zip(missing, self.encode([self.texts[r] for r in missing])):
                self.known[r] = v
        return np.array([self.known[r] for r in rows], dtype=np.float32).reshape(len(rows), -1)

    def runs(self, runs: Sequence[tuple[int, ...]]) -> np.ndarray:
        flat = self.rows([r for run in runs for r in run])
        return _unit_sums(flat, [len(run) for run in runs])

    def statements(self, clusters) -> np.ndarray:
        """Each statement's unit vector: the sum of its first members' unit run vectors. The
        runs of every statement are read and made unit at once (each row as alone: numpy
        normalises row by row), then summed statement by statement."""
        kept = [members[:STATEMENT_MEMBERS] for members in clusters]
        runs = self.runs([run for members in kept for run in members])
        return _unit_sums(runs, [len(members) for members in kept])


def _unit_sums(rows: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """The unit vector of the sum of each group of consecutive rows, of the given sizes."""
    out, k = [], 0
    for n in sizes:
        out.append(rows[k:k + n].sum(axis=0))
        k += n
    return _unit(np.array(out).reshape(len(sizes), -1))


def _unit(M: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(M, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return M / norms


def _place_document(clusters, di, units, rows, vectors: _Vectors, max_run, links, documents):
    """One document in another language: its runs matched one to one to the statements that
    do not carry it yet, best first."""
    alone = {members[0][0] for members in clusters if len(members) == 1 and len(members[0]) == 1}
    rows = [r for r in rows if r in alone]  # a sentence an earlier document joined stays there
    targets = [t for t, members in enumerate(clusters) if all(units[run[0]].doc != di for run in members)]
    if not targets or not rows:
        return clusters
    runs = _runs(rows, units, max_run)
    S = vectors.runs(runs) @ vectors.statements([clusters[t] for t in targets]).T
    single = {run[0]: i for i, run in enumerate(runs) if len(run) == 1}
    cand_i, cand_t = np.nonzero(S >= ACROSS_MIN)
    used_rows: set[int] = set()
    used_t: set[int] = set()
    for k in np.argsort(-S[cand_i, cand_t], kind="stable"):
        i, j = int(cand_i[k]), int(cand_t[k])
        run = runs[i]
        if j in used_t or used_rows.intersection(run):
            continue
        if len(run) > 1:
            parts = [S[single[r], j] for r in run]
            if min(parts) < PART_MIN or S[i, j] < max(parts) + RUN_GAIN:
                continue
        t = targets[j]
        links[run] = Link(Evidence.TRANSLATION, round(float(S[i, j]), 4),
                          nearest_document(run, clusters[t], units, vectors, documents))
        clusters[t] = clusters[t] + [run]
        used_t.add(j)
        used_rows.update(run)
    aimed = set(targets)
    placed = {t for t, members in enumerate(clusters) if t not in aimed and members
              and all(len(run) == 1 and run[0] in used_rows for run in members)}
    return [members for t, members in enumerate(clusters) if t not in placed]


def _runs(rows, units, max_run: int) -> list[tuple[int, ...]]:
    runs: list[tuple[int, ...]] = [(r,) for r in rows]
    for length in range(2, max_run + 1):
        for i in range(len(rows) - length + 1):
            run = tuple(rows[i:i + length])
            if units[run[0]].paragraph == units[run[-1]].paragraph:
                runs.append(run)
    return runs


def _place_lonely(clusters, units, vectors: _Vectors, languages, links, documents, main: str, X,
                  apart: frozenset[int], speakers: Speakers):
    """Unlinked sentences join the statement nearest in meaning (see the module docstring)."""
    lonely = [t for t, members in enumerate(clusters) if len(members) == 1 and len(members[0]) == 1
              and members[0] not in links]
    if not lonely or len(clusters) < 2:
        return clusters
    from .lonely import rank_lonely

    margin = MARGIN / MEANING_CHANCE if CORROBORATE else MARGIN
    docs = [{units[run[0]].doc for run in members} for members in clusters]
    ranks = rank_lonely([clusters[t][0] for t in lonely], lonely, clusters, units, vectors, languages, X, apart,
                        CORROBORATE, (MEANING_CHANCE, WORDS_CHANCE),
                        (MEANING_MIN, CORROBORATED_MIN, WORDS_AGREE, ACROSS_MIN))
    row = {t: i for i, t in enumerate(lonely)}
    best: dict[tuple[int, int], tuple[float, int, Evidence]] = {}  # (statement, document) -> lonely
    for i, t in enumerate(lonely):
        target, decided = _decided(ranks, margin, row, i, t)
        doc = units[clusters[t][0][0]].doc
        evidence = _evidence(float(ranks.meaning[i]), float(ranks.words[i]), languages, units, clusters, t, target)
        if decided == 1 and evidence is not Evidence.MEANING:
            decided = None
        if (evidence is None or doc in docs[target] or decided is None
                or (CORROBORATE and _both_repeat(ranks, row, docs, doc, t, target))
                or speakers.conflict(clusters[t][0], clusters[target][:STATEMENT_MEMBERS])):
            continue
        if (target, doc) not in best or best[(target, doc)][0] < ranks.best[0, i]:
            best[(target, doc)] = (float(ranks.best[0, i]), t, evidence)
    root = list(range(len(clusters)))

    def find(t: int) -> int:
        while root[t] != t:
            t = root[t]
        return t

    for (target, _), (_, t, evidence) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        into = find(target)
        if into == t or docs[into] & docs[t]:
            continue
        run = clusters[t][0]
        score = float(vectors.runs([run])[0] @ vectors.statements([clusters[into]])[0])
        if into != target:  # the statement grew: the sentence must still mean what it now says
            evidence = _evidence(score, float(word_agreement([run], [clusters[into]], X)[0, 0]),
                                 languages, units, clusters, t, into)
            if evidence is None or speakers.conflict(run, clusters[into][:STATEMENT_MEMBERS]):
                continue
        foreign = languages[units[run[0]].doc] != main
        links[run] = Link(Evidence.TRANSLATION if foreign else evidence, round(score, 4),
                          nearest_document(run, clusters[into], units, vectors, documents))
        clusters[into] = clusters[into] + clusters[t]
        docs[into] |= docs[t]
        clusters[t], root[t] = [], into
    return [members for members in clusters if members]


def _decided(ranks, margin: float, row: dict[int, int], i: int, t: int) -> tuple[int, int | None]:
    """The statement lonely sentence `t` (row `i`) is nearest to by the first ranking, and the
    index of the first ranking by which it is decided: nearest by the margin, and when the
    statement is another lonely sentence, `t` is its nearest too, by the margin (`_clear`);
    None when no ranking decides. The first ranking is meaning and words together; a second,
    without the unlinked claims nothing could link (`variance.align.lonely`), decides only a
    link that meaning alone makes."""
    target = int(ranks.nearest[0, i])
    for k in range(len(ranks.nearest)):
        if int(ranks.nearest[k, i]) != target:
            continue
        theirs = row.get(target)
        mutual = theirs is None or int(ranks.nearest[k, theirs]) == t
        if ranks.best[k, i] - ranks.second[k, i] >= margin and mutual and (
                not CORROBORATE or _clear(ranks, k, row, target, margin)):
            return target, k
    return target, None


def _clear(ranks, k: int, row: dict[int, int], target: int, margin: float) -> bool:
    """When the statement joined is a lonely sentence too (whose nearest is `t`), it must be
    nearer to `t` than to any other by the margin as well: a pair of unlinked sentences is
    linked only when neither side hesitates."""
    if target not in row:
        return True
    theirs = row[target]
    return bool(ranks.best[k, theirs] - ranks.second[k, theirs] >= margin)


def _both_repeat(ranks, row: dict[int, int], docs, doc: int, t: int, target: int) -> bool:
    """Two unlinked sentences whose versions both carry a statement that each is as near in
    meaning as they are to each other say that statement again (two repeats, a lead's rewording
    in two versions), not a statement of their own."""
    if target not in row:
        return False
    other = next(iter(docs[target]))
    both = [u for u, ds in enumerate(docs) if doc in ds and other in ds and u not in (t, target)]
    if not both:
        return False
    near = np.minimum(ranks.similarity(row[t], both), ranks.similarity(row[target], both))
    return bool(near.max() >= ranks.meaning[row[t]] - MARGIN)


def word_agreement(runs, clusters, X) -> np.ndarray:
    """Cosine of the runs' word vectors with the statements' word centroids (runs x statements)."""
    from .features import centroids, run_vectors

    C = centroids(clusters, X)
    if C is None:
        return np.zeros((len(runs), 0))
    return (run_vectors(runs, X) @ C.T).toarray()


def _evidence(meaning: float, words: float, languages, units, clusters, t: int, target: int):
    """What links lonely statement `t` to `target`: meaning alone when near enough, meaning and
    words when each agrees part of the way (same language only), else nothing."""
    if meaning >= _minimum(languages, units, clusters, t, target):
        return Evidence.MEANING
    same = languages[units[clusters[t][0][0]].doc] == languages[units[clusters[target][0][0]].doc]
    if CORROBORATE and same and meaning >= CORROBORATED_MIN and words >= WORDS_AGREE:
        return Evidence.MEANING_WORDS
    return None


def _minimum(languages, units, clusters, t: int, target: int) -> float:
    same = languages[units[clusters[t][0][0]].doc] == languages[units[clusters[target][0][0]].doc]
    return MEANING_MIN if same else ACROSS_MIN


def nearest_document(run, members, units, vectors: _Vectors, documents) -> str:
    sims = vectors.runs(members) @ vectors.runs([run])[0]
    return documents[units[members[int(np.argmax(sims))][0]].doc].id
