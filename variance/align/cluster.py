"""Statements: groups of claims, one run per document at most, that report the same thing.

The unit is a claim: a sentence, or a part of one where it joins several claims
(`variance.text.clauses`). Alignment is order-free and corpus-wide, and does not depend on the
reference, so statement ids stay the same when the reference changes. The first pass
(`variance.align.first_pass`) takes documents one at a time (the longest first) and scores each
claim, and each run of adjacent claims, against the centroid of every statement found so far;
statements are numbered in the reading order of the longest. Three repairs follow
(`variance.align.regroup`); then the parts of a sentence that every version keeps together are
joined again, and a place where a version says a statement a second time becomes a repeat of
that statement (`variance.align.claims`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from operator import attrgetter
from typing import Any, NamedTuple

import numpy as np

from ..model import Document, Member, Options, Span, Statement
from ..model.decisions import Constraints
from ..text.clauses import clause_parts
from ..text.normalize import content_words
from .claims import absorb_lone_parts, attach_repeats, carve_parts, rejoin_parts
from .constrain import apply_constraints
from .features import FeatureSpace, centroids, distinct_runs, run_vectors, scale_rows, sums_remembered
from .first_pass import first_pass, processing_order, row_classes
from .meaning import Link, document_languages, link_by_meaning, needs_meaning
from .regroup import absorb_splits, fill_gaps, merge_by_context, merge_disjoint
from .rowsums import column_sums
from .sparse import sparse

__all__ = ["align_statements", "choose_reference"]

class Unit(NamedTuple):
    """One claim: a sentence or a part of one (a tuple: a thousand versions make 50,000)."""

    doc: int
    """Index of the document."""
    sentence: int
    """Index of the sentence it is (part of)."""
    paragraph: int
    start: int
    """Offset of its first character in the document text."""
    end: int
    """Offset one past its last character."""
    first: bool
    """It begins its sentence."""
    last: bool
    """It ends its sentence."""


Progress = Callable[[str, int, int], None]


def align_statements(documents: Sequence[Document], options: Options = Options(),
                     progress: Progress | None = None, *,
                     constraints: Constraints | None = None,
                     warn: Callable[[str], None] | None = None,
                     apart: frozenset[str] = frozenset()) -> tuple[Statement, ...]:
    """Group the body claims of `documents` into statements (see module docstring), keeping
    the editor's `constraints` (`variance.align.constrain`); meaning never links the documents
    named in `apart` (versions of another event) with the others."""
    units, rows_of = _units(documents, warn if options.claims else None, options.claims)
    if not units:
        return ()
    languages = document_languages(documents, options.language)
    space = FeatureSpace([documents[u.doc].text[u.start:u.end] for u in units])
    share = _shares(space, units)
    foreign = np.array([languages[u.doc] != options.language for u in units], dtype=bool)
    classes = row_classes(space.which, share, foreign)
    X = _lexical_rows(space, share, foreign, classes)
    with sums_remembered(X):
        clusters = first_pass(documents, units, rows_of, X, classes, options, progress)
        clusters, links = _repair(clusters, units, rows_of, X, classes, documents, languages, options,
                                  frozenset(i for i, d in enumerate(documents) if d.id in apart))
        clusters, repeats = _claims(clusters, units, X, classes, options)
        if constraints:  # a pin may bring a second place of a document into a statement
            places = apply_constraints([c + r for c, r in zip(clusters, repeats)], units, rows_of,
                                       documents, constraints)
            clusters, repeats = _main_and_repeats(places, units)
        by_row = _links_of_rows(links)
        ids = [d.id for d in documents]
        statements = [_statement(c, r, units, documents, space, X, by_row, classes, ids)
                      for c, r in zip(clusters, repeats)]
    order = _timeline(statements, documents, documents[processing_order(documents)[0]].id)
    return tuple(Statement(i + 1, s.members, s.score, repeats=s.repeats) for i, s in
                 enumerate(sorted(statements, key=lambda s: order[id(s)])))


def _repair(clusters, units, rows_of, X, classes, documents, languages, options: Options,
            apart: frozenset[int]) -> tuple[list, dict[tuple[int, ...], Link]]:
    """The repairs after the first pass (`variance.align.regroup`), then meaning where words
    could not decide (never linking the documents of `apart` with the others): the clusters and
    the `Link` of every run meaning placed."""
    clusters = merge_disjoint(clusters, units, X, options.link_threshold)
    clusters = fill_gaps(clusters, units, rows_of, X)
    clusters = absorb_splits(clusters, units, rows_of, X, options.max_run, classes)
    clusters = merge_by_context(clusters, units, rows_of, X)
    lonely = sum(len(c) == 1 and len(c[0]) == 1 for c in clusters)
    if not needs_meaning(options, languages, lonely):
        return clusters, {}
    from .embed import default_encoder

    return link_by_meaning(clusters, units, rows_of, documents, languages, options,
                           default_encoder().encode, X, apart)


def _claims(clusters, units, X, classes, options: Options):
    """(clusters, repeats of each): parts carved off, repeats found, lone parts given back and
    parts every version keeps together joined again (`variance.align.claims`)."""
    if not options.claims:
        return clusters, [[] for _ in clusters]
    clusters = carve_parts(clusters, units, X, options.link_threshold, classes)
    clusters, repeats = attach_repeats(clusters, units, X, classes)
    clusters, repeats = absorb_lone_parts(clusters, repeats, units, X, options.link_threshold)
    return rejoin_parts(clusters, repeats, units)


def _links_of_rows(links: dict[tuple[int, ...], Link]) -> dict[int, Link]:
    """The meaning link of every claim meaning placed: a member that parts of a sentence
    rejoined afterwards (`variance.align.claims`) still says what linked its part."""
    return {r: link for run, link in links.items() for r in run}


def _main_and_repeats(places, units):
    """Each cluster's first run of a document is its main member, the others its repeats."""
    clusters, repeats = [], []
    for runs in places:
        seen: set[int] = set()
        main, again = [], []
        for run in runs:
            (again if units[run[0]].doc in seen else main).append(run)
            seen.add(units[run[0]].doc)
        clusters.append(main)
        repeats.append(again)
    return clusters, repeats


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


def _units(documents: Sequence[Document], warn, claims: bool = True) -> tuple[list[Unit], list[list[int]]]:
    units: list[Unit] = []
    rows_of: list[list[int]] = []
    for di, doc in enumerate(documents):
        first_row = len(units)
        kept_whole = 0
        text = doc.text
        for s in doc.body_sentences:
            start, end = s.start, s.end
            if not claims:
                units.append(Unit(di, s.index, s.paragraph, start, end, True, True))
                continue
            parts, gave_up = clause_parts(text[start:end])
            kept_whole += gave_up
            if len(parts) == 1:                        # most sentences: one claim
                (a, b), = parts
                units.append(Unit(di, s.index, s.paragraph, start + a, start + b, True, True))
                continue
            last = len(parts) - 1
            units.extend([Unit(di, s.index, s.paragraph, start + a, start + b, k == 0, k == last)
                          for k, (a, b) in enumerate(parts)])
        rows_of.append(list(range(first_row, len(units))))
        if kept_whole and warn:
            warn(f"{doc.path}: {kept_whole} sentence(s) too long or with too many parts to be "
                 f"cut into claims; aligned whole")
    return units, rows_of


def _lexical_rows(space: FeatureSpace, share: np.ndarray, foreign: np.ndarray,
                  classes: np.ndarray) -> sparse.csr_matrix:
    """The aligner's matrix, a row per claim: its text's vector scaled by the square root of
    its share of its sentence, emptied for a document in another language; each class's row
    is made once, then copied."""
    first = np.zeros(int(classes.max()) + 1, dtype=np.int64)
    first[classes[::-1]] = np.arange(len(classes))[::-1]
    rows = scale_rows(space.distinct[space.which[first]], np.sqrt(share[first]))
    return _words_only_in(rows, foreign[first])[classes]


def _words_only_in(X: sparse.csr_matrix, foreign: np.ndarray) -> sparse.csr_matrix:
    """The lexical vectors with the rows of documents in another language emptied: words of
    different languages are no evidence (meaning links them, `variance.align.meaning`)."""
    if not foreign.any():
        return X
    return scale_rows(X, (~foreign).astype(np.float64))


def _shares(space: FeatureSpace, units: list[Unit]) -> np.ndarray:
    """Each part's share of its sentence's features: the part vectors are scaled by its square
    root, so that the parts of one sentence add up to about the sentence's own vector; a
    sentence kept whole keeps unit length."""
    sentence = np.fromiter(((u.doc << 32) + u.sentence for u in units), dtype=np.int64, count=len(units))
    _, group = np.unique(sentence, return_inverse=True)
    sizes = np.maximum(space.sizes, 1.0)
    return sizes / np.bincount(group, weights=sizes)[group]


def _statement(runs, repeats, units, documents, space: FeatureSpace, X, links: dict,
               classes: np.ndarray, ids: list[str]) -> Statement:
    """A statement with each place's confidence: similarity to the rest of the statement (of
    meaning, for a member that meaning linked), and why it was linked. Members whose rows are
    of the same classes (syndicated copies) are featurised and read once; `ids` are the
    documents' ids."""
    distinct, first = distinct_runs(runs, classes)
    firsts = first.tolist()
    confidences = list(_leave_one_out(run_vectors([runs[i] for i in firsts], X), distinct)) \
        if len(runs) > 1 else [0.0]
    said = [_said(runs[i], units, documents, space) for i in firsts]
    reason = _Reasons(said, np.bincount(distinct).tolist(), space)
    because = [reason(ws) for ws in said]
    place = distinct.tolist()
    rounded = [round(float(confidences[i]), 4) for i in firsts]  # the same for every copy
    members = [_member(run, rounded[p], because[p], units, ids) for run, p in zip(runs, place)]
    for k, run in enumerate(runs if links else ()):
        if not links.keys().isdisjoint(run):
            link = next(links[r] for r in run if r in links)
            confidences[k] = link.score
            members[k] = replace(_member(run, round(float(link.score), 4), because[place[k]], units, ids),
                                 evidence=link.evidence, meaning=link.score, nearest=link.nearest)
    members.sort(key=attrgetter("document"))
    again = _repeats(repeats, runs, units, documents, space, X, reason, ids) if repeats else ()
    score = float(np.mean(confidences)) if len(runs) > 1 else 0.0
    return Statement(0, tuple(members), round(score, 4), repeats=again)


def _repeats(repeats, runs, units, documents, space: FeatureSpace, X, reason: _Reasons,
             ids: list[str]) -> tuple[Member, ...]:
    """The places of `repeats`, each with its similarity to the statement of `runs`."""
    R = run_vectors(repeats, X)
    C = centroids([runs], X)
    assert C is not None                     # one cluster given, one centroid back
    sims = (R @ C.T).toarray().ravel()
    return tuple(sorted((_member(run, round(float(sim), 4), reason(_said(run, units, documents, space)), units, ids)
                         for run, sim in zip(repeats, sims)), key=lambda m: (m.document, m.start)))


class _Reasons:
    """Why each place is linked: the five rarest of its words that another place of the
    statement says too (`said`, the words of each distinct place, said by `copies` places)."""

    def __init__(self, said: list[frozenset[str]], copies: list[int], space: FeatureSpace):
        self.carriers: Counter[str] = Counter()
        for ws, n in zip(said, copies):
            for w in ws:
                self.carriers[w] += n
        self.space = space
        self.rarity: dict[str, float] = {}
        self.reasons: dict[frozenset[str], tuple[str, ...]] = {}

    def __call__(self, ws: frozenset[str]) -> tuple[str, ...]:
        if ws not in self.reasons:
            shared = [w for w in ws if self.carriers[w] > 1]
            rarity = self.rarity
            for w in shared:
                if w not in rarity:
                    rarity[w] = self.space.word_idf(w)
            self.reasons[ws] = tuple(sorted(shared, key=lambda w: (-rarity[w], w))[:5])
        return self.reasons[ws]


def _said(run, units, documents, space: FeatureSpace) -> frozenset[str]:
    """The content words of the place at `run` (of its one claim's text, as featurised)."""
    if len(run) == 1:
        return frozenset(space.content_words(run[0]))
    return frozenset(content_words(" ".join(_text(units, documents, r) for r in run)))


def _text(units, documents, row: int) -> str:
    u = units[row]
    return documents[u.doc].text[u.start:u.end]


def _member(run, confidence: float, reason: tuple[str, ...], units, ids: list[str]) -> Member:
    """The member at `run`, its `confidence` rounded already."""
    doc, sentence, _, start, end, opens, closes = units[run[0]]
    if len(run) == 1:
        sentences: tuple[int, ...] = (sentence,)
    else:
        last = units[run[-1]]
        end, closes = last.end, last.last
        sentences = tuple(sorted({units[r].sentence for r in run}))
    return _made(Member, {"document": ids[doc], "sentences": sentences, "start": start, "end": end,
                          "confidence": confidence, "reason": reason,
                          "spans": (_made(Span, {"start": start, "end": end}),), "partial": not (opens and closes),
                          "evidence": _WORDS, "meaning": None, "nearest": None})


_WORDS = next(f.default for f in fields(Member) if f.name == "evidence")
"""A member's evidence unless meaning linked it (`Member`'s default)."""


def _made(cls: type, values: dict) -> Any:
    """A frozen dataclass holding `values`, every field given, made without its `__init__`: it
    sets each field through `object.__setattr__`, and `_member` makes 43,800 members and spans at
    1,000 versions (0.19 s with `__init__`, 0.09 s so). The same object: equal, same hash, same
    pickle. Every field must be given (a field added to the class and not here is an error)."""
    if len(values) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: {sorted(set(cls.__dataclass_fields__) ^ set(values))}")  # type: ignore[attr-defined]
    made: Any = object.__new__(cls)
    object.__setattr__(made, "__dict__", values)
    return made


def _leave_one_out(V: sparse.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """cos(v_i, sum_j v_j - v_i) for every member i, whose vector is row `rows[i]` of V,
    without forming the differences (the sum taken over the members in order)."""
    total = column_sums(V, rows)                       # V[rows].sum(axis=0), to the bit
    dots = (V @ total)[rows]
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
