"""Meaning read piece by piece: which statement a long sentence's part says.

A sentence that lists several things ("They hope to maintain communication with the Chinese
side, follow through on the agreements ..., avoid misunderstandings and miscalculations, handle
disputes responsibly, and achieve stable development ...", seed 001) has one vector for all of
them, near every statement any of them says and near none by much: the encoder averages.
Where the words and meaning of the whole sentence already agree with a statement (the
corroborated link of `variance.align.meaning`, at `CORROBORATED_MIN` and `WORDS_AGREE`) but the
sentence stayed unlinked because it hesitated between statements, its pieces decide: the
stretches between its commas and semicolons, one or two at a time, each with enough content
words to say something. The sentence joins the statement when one of its pieces is as near to
it as meaning alone asks (`MEANING_MIN`) and nearer to it than to any other statement by the
margin; the piece says which statement the sentence carries ("avoid misunderstandings and
miscalculations, handle disputes responsibly" / 003's "addressing our differences responsibly
to avoid any miscommunication, any misperception, any miscalculation", 0.54).

The other rules of meaning hold: one member per document, not across versions of another
event (`apart`), not what two versions attribute to two people (`variance.align.speakers`), and
the statement's nearest unlinked claim of the sentence's version is the sentence. Only the
sentences with such a candidate have their pieces encoded.

A claim cut off a sentence at a relative clause (`variance.text.clauses`: "..., on which both
parties agreed to begin a dialogue on how to reduce the risks ...", seed 003) is about the words
before it; alone, its vector has lost what it speaks of. The encoder reads it with the last
piece of the part before ("counter-drugs and artificial intelligence, on which ..."): 0.44 with
002's "initiate discussions on managing the security risks ... of artificial intelligence"
alone, 0.56 so (`claim_texts`). Its offsets and its words stay the claim's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..model import Document, Evidence
from ..text.normalize import content_words
from .between import join_by_meaning
from .meaning import (
    CORROBORATED_MIN,
    MARGIN,
    MEANING_MIN,
    STATEMENT_MEMBERS,
    WORDS_AGREE,
    word_agreement,
)

__all__ = ["PIECE_WORDS", "claim_texts", "place_by_pieces", "sentence_pieces"]

PIECE_WORDS = 3
"""Content words a piece needs to say something (as a claim's part does, `text.clauses`)."""
_GAP = re.compile(r"[,;:]\s+")
_RELATIVE = re.compile(r"(?:on|in|under|through|for|with|by|from|at|to)\s+which\s")
"""How a part cut off at a relative clause begins (`variance.text.clauses`)."""
_LAST_PIECE = re.compile(r"[^,;:]*[,;:]?\s*$")


def claim_texts(units, documents: Sequence[Document]) -> list[str]:
    """What each claim says, as the encoder reads it: its text, and for a part of a sentence
    that opens a relative clause ("on which both parties agreed to begin a dialogue ...") the
    words before it that it is about ("counter-drugs and artificial intelligence, on which
    ..."), the last piece of the part before; the offsets and the words compared stay the
    claim's own."""
    texts = [documents[u.doc].text[u.start:u.end] for u in units]
    out = list(texts)
    for i in (i for i, u in enumerate(units) if not u.first and i and _RELATIVE.match(texts[i])):
        found = _LAST_PIECE.search(texts[i - 1])
        out[i] = (found.group().strip() + " " if found else "") + texts[i]
    return out


def sentence_pieces(text: str) -> list[str]:
    """The stretches of `text` between commas, semicolons and colons, one or two adjacent at a
    time, with `PIECE_WORDS` content words at least; none when the text has no such break."""
    bounds = [0] + [m.end() for m in _GAP.finditer(text)] + [len(text)]
    segments = [text[a:b].strip(" ,;:") for a, b in zip(bounds, bounds[1:])]
    if len(segments) < 2:
        return []
    pieces = [" ".join(segments[i:i + k]) for k in (1, 2) for i in range(len(segments) - k + 1)]
    return [p for p in dict.fromkeys(pieces) if len(content_words(p)) >= PIECE_WORDS
            and len(p) < len(text) - 2]


def place_by_pieces(clusters, units, vectors, languages, links, documents, main: str, X,
                    apart: frozenset[int], speakers, encode):
    """An unlinked claim whose words and meaning agree with a statement joins it when one of its
    pieces says that statement (see the module docstring)."""
    doc_of = [units[members[0][0]].doc for members in clusters]
    docs = [{units[run[0]].doc for run in members} for members in clusters]
    lonely = [t for t, members in enumerate(clusters) if len(members) == 1 and len(members[0]) == 1
              and members[0] not in links and languages[doc_of[t]] == main]
    if not lonely:
        return clusters
    runs = [clusters[t][0] for t in lonely]
    meanings = vectors.statements(clusters)
    shared = [u for u, ds in enumerate(docs) if len(ds) > 1]  # the only candidates (`_candidates`)
    column = {u: j for j, u in enumerate(shared)}
    S = vectors.runs(runs) @ meanings[shared].T
    L = word_agreement(runs, [clusters[u] for u in shared], X)
    asked = []  # (row of `lonely`, its candidate statements, its pieces)
    for i, t in enumerate(lonely):
        fit = _candidates(S[i], L[i], shared, t, doc_of, docs, languages, main, apart)
        pieces = sentence_pieces(vectors.texts[runs[i][0]]) if fit else []
        if pieces:
            asked.append((i, fit, pieces))
    if not asked:
        return clusters
    P = np.asarray(encode([p for _, _, pieces in asked for p in pieces]), dtype=np.float32) @ meanings.T
    pairs, k = [], 0
    for i, fit, pieces in asked:
        said = _said(P[k:k + len(pieces)], fit, [u for u, ds in enumerate(docs) if doc_of[lonely[i]] in ds])
        pairs += [(score, lonely[i], u, float(S[i, column[u]])) for u, score in said]
        k += len(pieces)
    return _join_best(pairs, clusters, docs, doc_of, S, column, lonely, units, vectors, links, documents,
                      speakers)


def _said(P: np.ndarray, fit: list[int], own: list[int]) -> list[tuple[int, float]]:
    """The statements of `fit` that a piece says (pieces x statements cosines `P`): at least
    `MEANING_MIN`, and nearer than to any other statement by the margin; the statements of the
    claim's own version are no rivals (another of its pieces may say one of them)."""
    P = P.copy()
    P[:, own] = -1.0
    out = []
    for u in fit:
        best = P[:, u]
        rivals = np.delete(P, u, axis=1).max(axis=1) if P.shape[1] > 1 else np.full(len(best), -1.0)
        says = (best >= MEANING_MIN) & (best - rivals >= MARGIN)
        if says.any():
            out.append((u, float(best[says].max())))
    return out


def _candidates(s, words, shared: list[int], t: int, doc_of, docs, languages, main: str, apart) -> list[int]:
    """The statements `t` could be linked to by meaning and words together (`s` and `words`: its
    cosines with the `shared` statements): statements other versions share (two unlinked claims
    are paired by the whole sentences' rules alone), in the comparison's language, on the same
    side of `apart`."""
    mine = doc_of[t]
    return [u for u in (shared[j] for j in np.nonzero((s >= CORROBORATED_MIN) & (words >= WORDS_AGREE))[0])
            if mine not in docs[u] and languages[doc_of[u]] == main
            and (mine in apart) == bool(docs[u] & apart)]


def _join_best(pairs, clusters, docs, doc_of, S, column, lonely, units, vectors, links, documents, speakers):
    """The pairs best first, one member per document, each statement's nearest unlinked claim of
    that version (`S`: the unlinked claims' cosines with the shared statements, `column` of each)."""
    row = {t: i for i, t in enumerate(lonely)}
    for _, t, u, whole in sorted(pairs, key=lambda p: -p[0]):
        if not clusters[t] or not clusters[u] or docs[u] & docs[t]:
            continue
        rivals = [row[o] for o in lonely if o != t and doc_of[o] == doc_of[t] and clusters[o]]
        if rivals and S[rivals, column[u]].max() >= whole:
            continue
        if speakers.conflict(clusters[t][0], clusters[u][:STATEMENT_MEMBERS]):
            continue
        join_by_meaning(clusters, docs, links, t, u, whole, units, vectors, documents, Evidence.MEANING_WORDS)
    return [members for members in clusters if members]
