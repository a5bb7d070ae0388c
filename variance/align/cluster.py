"""Statements: groups of sentences, one run per document at most, that report the same thing.

Alignment is order-free and corpus-wide, and does not depend on the reference, so statement ids
stay the same when the reference changes. Documents are taken one at a time (the longest first);
statements are numbered in the reading order of the longest. Each sentence, and each run of up
to `max_run` adjacent sentences of one paragraph, is scored against the centroid of every
statement found so far with one sparse product (an inverted index in effect: only shared
features cost anything), and the best one-to-one assignment above the threshold wins. What finds
no statement starts one. Centroids are refreshed between batches that double in size, so cost
grows with the number of sentences times the number of statements, not with the number of
sentence pairs. Three repairs follow (`variance.align.regroup`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ..model import Document, Member, Options, Statement
from ..model.decisions import Constraints
from ..text.normalize import content_words
from .constrain import apply_constraints, main_and_repeats
from .features import FeatureSpace, centroids, run_vectors
from .meaning import Link, document_languages, link_by_meaning, needs_meaning
from .regroup import RUN_GAIN, RUN_PART_MIN, absorb_splits, fill_gaps, merge_disjoint

__all__ = ["align_statements", "choose_reference"]

FIRST_BATCHES = 8
"""Documents aligned one at a time before batching starts."""
MAX_BATCH = 64


@dataclass(frozen=True)
class _Unit:
    doc: int
    sentence: int
    paragraph: int


Progress = Callable[[str, int, int], None]


def align_statements(documents: Sequence[Document], options: Options = Options(),
                     progress: Progress | None = None, *,
                     constraints: Constraints | None = None) -> tuple[Statement, ...]:
    """Group the body sentences of `documents` into statements (see module docstring), keeping
    the editor's `constraints` (`variance.align.constrain`)."""
    units, rows_of = _units(documents)
    if not units:
        return ()
    languages = document_languages(documents, options.language)
    space = FeatureSpace([documents[u.doc].sentence_text(u.sentence) for u in units])
    X = _words_only_in(space.matrix, units, languages, options.language)
    clusters = _cluster(documents, units, rows_of, X, options, progress)
    clusters = merge_disjoint(clusters, units, X, options.link_threshold)
    clusters = fill_gaps(clusters, units, rows_of, X)
    clusters = absorb_splits(clusters, units, rows_of, X, options.max_run)
    links: dict[tuple[int, ...], Link] = {}
    lonely = sum(len(c) == 1 and len(c[0]) == 1 for c in clusters)
    if needs_meaning(options, languages, lonely):
        from .embed import default_encoder

        clusters, links = link_by_meaning(clusters, units, rows_of, documents, languages, options,
                                          default_encoder().encode)
    if constraints:
        clusters = apply_constraints(clusters, units, rows_of, documents, constraints)
    statements = [_statement(c, units, documents, space, X, links) for c in clusters]
    order = _timeline(statements, documents, documents[_processing_order(documents)[0]].id)
    ranked = sorted(statements, key=lambda s: order[id(s)])
    if constraints:  # a pin may bring a second place of a document into a statement
        return tuple(Statement(i + 1, main, s.score, repeats=again) for i, s in enumerate(ranked)
                     for main, again in [main_and_repeats(s.members)])
    return tuple(Statement(i + 1, s.members, s.score) for i, s in enumerate(ranked))


def choose_reference(documents: Sequence[Document], statements: Sequence[Statement],
                     requested: str | None = None) -> str | None:
    """The requested document, else the one carrying most statements (then most sentences)."""
    if requested is not None:
        return requested
    if not documents:
        return None
    carried = {d.id: 0 for d in documents}
    for st in statements:
        for m in st.members:
            carried[m.document] += 1
    return min(documents, key=lambda d: (-carried[d.id], -len(d.body_sentences), d.id)).id


def _words_only_in(X: sparse.csr_matrix, units, languages, language: str) -> sparse.csr_matrix:
    """The lexical vectors with the rows of documents in another language emptied: words of
    different languages are no evidence (meaning links them, `variance.align.meaning`)."""
    foreign = np.array([languages[u.doc] != language for u in units], dtype=bool)
    if not foreign.any():
        return X
    return sparse.csr_matrix(sparse.diags((~foreign).astype(np.float64)) @ X)


def _units(documents: Sequence[Document]) -> tuple[list[_Unit], list[list[int]]]:
    units: list[_Unit] = []
    rows_of: list[list[int]] = []
    for di, doc in enumerate(documents):
        rows = []
        for s in doc.body_sentences:
            rows.append(len(units))
            units.append(_Unit(di, s.index, s.paragraph))
        rows_of.append(rows)
    return units, rows_of


def _processing_order(documents: Sequence[Document]) -> list[int]:
    """The longest first (ties: by id), whatever the reference."""
    return sorted(range(len(documents)), key=lambda i: (
        -len(documents[i].body_sentences), documents[i].id))


def _batches(order: list[int]):
    head, rest = order[:FIRST_BATCHES], order[FIRST_BATCHES:]
    yield from ([i] for i in head)
    size = 2
    while rest:
        yield rest[:size]
        rest = rest[size:]
        size = min(size * 2, MAX_BATCH)


def _cluster(documents, units, rows_of, X, options: Options, progress):
    clusters: list[list[tuple[int, ...]]] = []
    done = 0
    for batch in _batches(_processing_order(documents)):
        frozen = centroids(clusters, X)
        first_new = len(clusters)
        for di in batch:
            fresh = centroids(clusters[first_new:], X)
            taken = _assign_document(rows_of[di], units, X, (frozen, fresh), first_new, options)
            for run, t in taken:
                clusters[t].append(run)
            used = {r for run, _ in taken for r in run}
            clusters.extend([(r,)] for r in rows_of[di] if r not in used)
        done += len(batch)
        if progress:
            progress("align", done, len(documents))
    return clusters


def _runs(rows: list[int], units, max_run: int) -> list[tuple[int, ...]]:
    """Every single sentence, then every run of adjacent sentences within one paragraph."""
    runs: list[tuple[int, ...]] = [(r,) for r in rows]
    for length in range(2, max_run + 1):
        for i in range(len(rows) - length + 1):
            run = tuple(rows[i:i + length])
            if units[run[0]].paragraph == units[run[-1]].paragraph:
                runs.append(run)
    return runs


def _assign_document(rows, units, X, centroid_sets, first_new: int, options: Options):
    """Best one-to-one matching of this document's runs to statements, greedy by score."""
    runs = _runs(rows, units, options.max_run)
    if not runs:
        return []
    V = run_vectors(runs, X)
    parts = [(V @ C.T).toarray() for C in centroid_sets if C is not None]
    if not parts:
        return []
    S = np.hstack(parts)
    offset = 0 if centroid_sets[0] is not None else first_new
    single = {run[0]: i for i, run in enumerate(runs) if len(run) == 1}
    cand_i, cand_t = np.nonzero(S >= options.link_threshold)
    order = np.argsort(-S[cand_i, cand_t], kind="stable")
    taken: list[tuple[tuple[int, ...], int]] = []
    used_rows: set[int] = set()
    used_t: set[int] = set()
    for k in order:
        i, t = int(cand_i[k]), int(cand_t[k])
        run = runs[i]
        if t in used_t or used_rows.intersection(run):
            continue
        if len(run) > 1:
            part = [S[single[r], t] for r in run]
            if min(part) < RUN_PART_MIN or S[i, t] < max(part) + RUN_GAIN:
                continue
        taken.append((run, t + offset))
        used_t.add(t)
        used_rows.update(run)
    return taken


def _statement(runs, units, documents, space: FeatureSpace, X, links: dict) -> Statement:
    """A statement with each member's confidence: similarity to the rest of the statement (of
    meaning, for a member that meaning linked), and why it was linked."""
    V = run_vectors(runs, X) if len(runs) > 1 else None
    confidences = _leave_one_out(V) if V is not None else [0.0]
    words = [set(content_words(" ".join(documents[units[r].doc].sentence_text(units[r].sentence)
                                         for r in run))) for run in runs]
    carriers = Counter(w for ws in words for w in ws)
    members = []
    for k, run in enumerate(runs):
        doc = documents[units[run[0]].doc]
        first, last = doc.sentences[units[run[0]].sentence], doc.sentences[units[run[-1]].sentence]
        shared = sorted((w for w in words[k] if carriers[w] > 1), key=lambda w: (-space.word_idf(w), w))[:5]
        link = links.get(run)
        if link is not None:
            confidences[k] = link.score
            members.append(Member(doc.id, tuple(units[r].sentence for r in run), first.start, last.end,
                                  round(float(link.score), 4), tuple(shared), evidence=link.evidence,
                                  meaning=link.score, nearest=link.nearest))
        else:
            members.append(Member(doc.id, tuple(units[r].sentence for r in run), first.start,
                                  last.end, round(float(confidences[k]), 4), tuple(shared)))
    members.sort(key=lambda m: m.document)
    score = float(np.mean(confidences)) if len(runs) > 1 else 0.0
    return Statement(0, tuple(members), round(score, 4))


def _leave_one_out(V: sparse.csr_matrix) -> np.ndarray:
    """cos(v_i, sum_j v_j - v_i) for every row, without forming the differences."""
    total = np.asarray(V.sum(axis=0)).ravel()
    dots = V @ total
    norms_sq = float(total @ total) - 2 * dots + 1.0
    return np.clip((dots - 1.0) / np.sqrt(np.maximum(norms_sq, 1e-12)), 0.0, 1.0)


def _timeline(statements, documents, reference: str | None) -> dict[int, tuple]:
    """Sort key per statement: where it sits in the reference, else on average."""
    lengths = {d.id: max(1, len(d.sentences)) for d in documents}
    keys = {}
    for st in statements:
        ref = next((m for m in st.members if m.document == reference), None)
        if ref is not None:
            pos = ref.sentences[0] / lengths[reference]
        else:
            pos = float(np.mean([m.sentences[0] / lengths[m.document] for m in st.members]))
        keys[id(st)] = (round(pos, 6), st.members[0].document, st.members[0].sentences[0])
    return keys
