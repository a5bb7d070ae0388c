"""Sentence vectors for alignment: TF-IDF over folded words, content-word bigrams and
character 4-grams, so that a statement is recognised across paraphrase ("help each other
succeed instead of hurting each other") and artefacts ("baliand", "Blink") alike."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from .normalize import STOPWORDS, key_words, stem

__all__ = ["FeatureSpace", "sentence_features", "WORD_SHARE"]

WORD_SHARE = 0.65
"""Share of the similarity carried by words and bigrams; characters carry the rest."""


def sentence_features(text: str) -> tuple[list[str], list[str]]:
    """Word-level features (stemmed content words and their bigrams) and character 4-grams."""
    words = [w for w in key_words(text) if w not in STOPWORDS]
    stems = [stem(w) for w in words]
    word_feats = stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]
    grams = []
    for w in words:
        padded = f"#{w}#"
        grams.extend(padded[i:i + 4] for i in range(max(1, len(padded) - 3)))
    return word_feats, grams


class FeatureSpace:
    """A vocabulary with inverse document frequencies, fitted on every sentence compared."""

    def __init__(self, texts: Sequence[str]):
        self._feats = [sentence_features(t) for t in texts]
        self.vocab: dict[str, int] = {}
        df: Counter[int] = Counter()
        for words, grams in self._feats:
            df.update({self._id(f) for f in words})
            df.update({self._id("\0" + g) for g in grams})
        n = len(texts)
        self.idf = np.ones(len(self.vocab), dtype=np.float64)
        for fid, count in df.items():
            self.idf[fid] = math.log((n + 1) / (count + 1)) + 1.0
        self.matrix = self._build()

    def _id(self, feature: str) -> int:
        fid = self.vocab.get(feature)
        if fid is None:
            fid = self.vocab[feature] = len(self.vocab)
        return fid

    def _build(self) -> sparse.csr_matrix:
        """Rows are sentences; each row has unit length, words and characters weighted."""
        indptr, indices, data = [0], [], []
        for words, grams in self._feats:
            for part, share, prefix in ((words, WORD_SHARE, ""), (grams, 1 - WORD_SHARE, "\0")):
                counts = Counter(self.vocab[prefix + f] for f in part)
                if not counts:
                    continue
                ids = np.fromiter(counts, dtype=np.int64, count=len(counts))
                vals = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                vals = (1 + np.log(vals)) * self.idf[ids]
                vals *= math.sqrt(share) / np.linalg.norm(vals)
                indices.extend(ids.tolist())
                data.extend(vals.tolist())
            indptr.append(len(indices))
        shape = (len(self._feats), len(self.vocab))
        matrix = sparse.csr_matrix((data, indices, indptr), shape=shape)
        return normalize_rows(matrix)

    def word_idf(self, word: str) -> float:
        fid = self.vocab.get(stem(word))
        return float(self.idf[fid]) if fid is not None else 0.0


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
