"""The rankings of meaning's lonely sentences, block by block, never one matrix of them all.

`variance.align.meaning` ranks every sentence the words left unlinked against every statement
(meaning and words together, and again without the unlinked claims nothing could link) and reads,
of each row, only its nearest statement, the value there and the runner-up's value. This module
computes exactly those, a block of rows at a time, so memory stays bounded by `BLOCK_CELLS`
however many sentences are unlinked.

A document with many unlinked sentences (`OWN_MANY`, a long text beside a short one) is ranked
only against the statements it can join: the unlinked sentences of its own document are ruled
out of its ranking (-1) anyway, so they are left out of the product and stand in as -1 when the
nearest and the runner-up are read. The cost is then its sentences times the other documents'
statements, not its sentences squared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arrays import among

__all__ = ["BLOCK_CELLS", "OWN_MANY", "Rankings", "rank_lonely"]

BLOCK_CELLS = 1 << 21
"""Rows x statements computed at once (a few float64 matrices of this many cells live together)."""
OWN_MANY = 512
"""A document with more unlinked sentences than this is ranked without its own unlinked ones."""
RULED_OUT = -1.0
"""The value of a candidate ruled out of a ranking."""


@dataclass(frozen=True)
class Rankings:
    """Per lonely row and per ranking: the nearest statement, its value, the runner-up's value."""

    nearest: np.ndarray
    """(rankings x rows) index of the nearest statement (the first on ties, as `np.argmax`)."""
    best: np.ndarray
    """(rankings x rows) the value at the nearest statement."""
    second: np.ndarray
    """(rankings x rows) the second largest value of the row."""
    meaning: np.ndarray
    """(rows) cosine of meaning at the first ranking's nearest (nan where it was ruled out)."""
    words: np.ndarray
    """(rows) cosine of words at the first ranking's nearest (nan where it was ruled out)."""
    V: np.ndarray
    """The lonely rows' unit vectors of meaning."""
    Sv: np.ndarray
    """The statements' unit vectors of meaning."""

    def similarity(self, i: int, columns) -> np.ndarray:
        """Cosine of meaning between lonely row `i` and the statements `columns`."""
        return self.V[i:i + 1] @ self.Sv[columns].T


@dataclass(frozen=True)
class _Setting:
    """What every block reads: the ranking's rules, per row and per statement."""

    lonely: np.ndarray
    """The lonely statements (column of each row's own statement)."""
    lone_doc: np.ndarray
    """Each row's document."""
    col_doc: np.ndarray
    """Each statement's document when it is lonely, else -1."""
    col_lang: np.ndarray
    """Each statement's language when it is lonely, else ''."""
    lang: np.ndarray
    """Each row's language."""
    side: np.ndarray | None
    """Each statement's side of `apart`, None without `apart`."""
    mine: np.ndarray | None
    """Each row's side of `apart`."""


def rank_lonely(runs, lonely, clusters, units, vectors, languages, X, apart, corroborate: bool, chances,
                limits) -> Rankings:
    """The rankings of `runs` (the lonely statements' runs) against all `clusters`; `chances` is
    (meaning chance, words chance), `limits` (MEANING_MIN, CORROBORATED_MIN, WORDS_AGREE,
    ACROSS_MIN) for `_linkable`."""
    from .features import centroids, run_vectors

    n, m, k = len(runs), len(clusters), 2 if corroborate else 1
    V, Sv, C = vectors.runs(runs), vectors.statements(clusters), centroids(clusters, X)
    lone_doc = np.array([units[run[0]].doc for run in runs])
    col_doc = np.full(m, -1)
    col_doc[lonely] = lone_doc
    col_lang = np.full(m, "", dtype=object)
    col_lang[lonely] = [languages[d] for d in lone_doc]
    side = mine = None
    if apart:
        side = np.array([any(units[run[0]].doc in apart for run in members) for members in clusters])
        mine = among(lone_doc, list(apart))
    setting = _Setting(np.array(lonely), lone_doc, col_doc, col_lang, np.array([languages[d] for d in lone_doc],
                       dtype=object), side, mine)
    nearest, best, second = np.zeros((k, n), dtype=np.int64), np.zeros((k, n)), np.zeros((k, n))
    meaning, words = np.full(n, np.nan), np.full(n, np.nan)
    for rows, cols in _blocks(lone_doc, col_doc, m, corroborate):
        step = max(1, BLOCK_CELLS // max(1, len(cols)))
        for at in range(0, len(rows), step):
            chunk = rows[at:at + step]
            S = V[chunk] @ Sv[cols].T
            L = np.zeros((len(chunk), len(cols))) if C is None else \
                (run_vectors([runs[i] for i in chunk], X) @ C[cols].T).toarray()
            K = S / chances[0] + L / chances[1] if corroborate else S.copy()
            _rule_out(K, chunk, cols, setting, corroborate)
            ranked = [K] + ([_linkable(K, S, L, chunk, cols, setting, limits)] if corroborate else [])
            for r, R in enumerate(ranked):
                nearest[r, chunk], best[r, chunk], second[r, chunk] = _top(R, cols, m)
            where = np.searchsorted(cols, nearest[0, chunk])
            found = (where < len(cols)) & (cols[np.minimum(where, len(cols) - 1)] == nearest[0, chunk])
            pos = np.minimum(where, len(cols) - 1)
            meaning[chunk] = np.where(found, S[np.arange(len(chunk)), pos], np.nan)
            words[chunk] = np.where(found, L[np.arange(len(chunk)), pos], np.nan)
    return Rankings(nearest, best, second, meaning, words, V, Sv)


def _blocks(lone_doc: np.ndarray, col_doc: np.ndarray, m: int, corroborate: bool):
    """(rows, statement columns) to compute: a document with many unlinked sentences alone,
    against all statements but its own unlinked ones; every other row against all."""
    everything = np.arange(m)
    docs, counts = np.unique(lone_doc, return_counts=True)
    many = [int(d) for d, c in zip(docs, counts) if c > OWN_MANY] if corroborate else []
    rest = np.flatnonzero(~among(lone_doc, many))
    if len(rest):
        yield rest, everything
    for d in many:
        yield np.flatnonzero(lone_doc == d), np.flatnonzero(col_doc != d)


def _rule_out(K: np.ndarray, chunk: np.ndarray, cols: np.ndarray, s: _Setting, corroborate: bool) -> None:
    """Each row's own statement out; with corroboration, the unlinked sentences of its own
    document and the statements across `apart` too (see `variance.align.meaning`)."""
    own = cols[None, :] == s.lonely[chunk][:, None]
    if corroborate:
        own |= s.col_doc[cols][None, :] == s.lone_doc[chunk][:, None]
    K[own] = RULED_OUT
    if corroborate and s.side is not None and s.mine is not None:
        K[s.mine[chunk][:, None] != s.side[cols][None, :]] = RULED_OUT


def _linkable(K, S, L, chunk, cols, s: _Setting, limits) -> np.ndarray:
    """`K` without the other versions' unlinked claims that no evidence could link to each row."""
    meaning_min, corroborated_min, words_agree, across_min = limits
    pos = np.flatnonzero(s.col_doc[cols] >= 0)
    ss, w = S[:, pos], L[:, pos]
    same = s.lang[chunk][:, None] == s.col_lang[cols[pos]][None, :]
    linkable = np.where(same, (ss >= meaning_min) | ((ss >= corroborated_min) & (w >= words_agree)),
                        ss >= across_min)
    out = K.copy()
    out[:, pos] = np.where(linkable, K[:, pos], RULED_OUT)
    return out


def _top(R: np.ndarray, cols: np.ndarray, m: int):
    """Nearest column, its value and the runner-up's value of each row of the full ranking whose
    columns `cols` are `R` and whose other columns are all `RULED_OUT`."""
    n, width = R.shape
    rows = np.arange(n)
    if width == m:
        arg = np.argmax(R, axis=1)
        return arg, R[rows, arg], np.partition(R, -2, axis=1)[:, -2]
    missing = np.ones(m, dtype=bool)
    missing[cols] = False
    first = int(np.argmax(missing))  # the first column left out
    fill = np.full((n, min(m - width, 2)), RULED_OUT)
    if width == 0:
        return np.full(n, first), np.full(n, RULED_OUT), np.sort(fill, axis=1)[:, -2]
    arg = np.argmax(R, axis=1)
    value = R[rows, arg]
    top = np.partition(R, -2, axis=1)[:, -2:] if width > 1 else R
    both = np.sort(np.concatenate([top, fill], axis=1), axis=1)
    nearest = np.where(value > RULED_OUT, cols[arg],
                       np.where(value == RULED_OUT, np.minimum(cols[arg], first), first))
    return nearest, both[:, -1], both[:, -2]
