"""Could a cheap English encoder take the first look, so the multilingual one reads less?

For every sentence the words leave unlinked (the lone sentences meaning is asked about), on the
seeds and on ref-A beside ref-B re-cut (as in `align_meaning.py`), this prints: how many the
multilingual encoder links, the cheap encoder's cosine and rank for the statement it links, and
how many unlinked sentences and links a first look would keep if it passed on only sentences
whose best cheap score reaches a bar. The cheap encoder is WordLlama (`pip install wordllama`),
loaded from its package folder with downloads disabled. Sockets are refused for the run.

Run: python benchmarks/encoder_first_look.py [--articles N]
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from align_meaning import SEED, recut, refuse_network  # noqa: E402
from conftest import seed_documents  # noqa: E402
from encoder_mqm import candidates  # noqa: E402
from mqm import articles, versions  # noqa: E402

from variance.align import cluster, meaning  # noqa: E402
from variance.align.embed import default_encoder  # noqa: E402
from variance.model import Document, Options  # noqa: E402
from variance.pipeline import compare_documents  # noqa: E402
from variance.text.segment import segment_document  # noqa: E402

BARS = (0.5, 0.55, 0.6, 0.65, 0.7)


def spy(rows: list, cheap, tag: list[str]):
    """link_by_meaning wrapped: after it decides, one row per lone sentence."""
    decide = meaning.link_by_meaning

    def wrapped(clusters, units, rows_of, documents, languages, options, encode):
        before = [list(c) for c in clusters]
        out = decide(clusters, units, rows_of, documents, languages, options, encode)
        lonely = [k for k, c in enumerate(before) if len(c) == 1 and len(c[0]) == 1]
        if not lonely or len(before) < 2:
            return out
        text = lambda r: documents[units[r].doc].text[units[r].start:units[r].end]

        def statements(f):
            M = np.array([f([" ".join(text(r) for r in run) for run in c[:4]]).sum(axis=0) for c in before])
            return M / np.linalg.norm(M, axis=1, keepdims=True)

        use, wl = statements(default_encoder().encode), statements(cheap)
        for k in lonely:
            su, sw = use @ use[k], wl @ wl[k]
            su[k] = sw[k] = -1.0
            top = int(np.argmax(su))
            rows.append((tag[0], float(sw[top]), int((sw > sw[top]).sum()) + 1, float(sw.max()),
                         before[k][0] in out[1]))
        return out
    return wrapped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="only the first N MQM articles")
    args = ap.parse_args()
    refuse_network()
    cheap = next((f for name, f, _ in candidates() if name.startswith("wordllama")), None)
    if cheap is None:
        raise SystemExit("wordllama is not installed (pip install wordllama)")
    rows: list = []
    tag = ["seeds"]
    cluster.link_by_meaning = spy(rows, cheap, tag)
    options = Options(artefacts=False, quotes=False)
    compare_documents(seed_documents(), options)
    tag[0] = "ref-A/ref-B"
    for name in articles()[: args.articles or None]:
        rng = random.Random(f"{SEED}:{name}")
        docs = [segment_document(Document(id=v.system, path=v.system, text=recut(v, rng)[0], sha256=""))
                for v in versions(name) if v.system in ("ref-A", "ref-B")]
        compare_documents(docs, options)
    for corpus in ("seeds", "ref-A/ref-B"):
        all_ = [r for r in rows if r[0] == corpus]
        linked = [r for r in all_ if r[4]]
        print(f"{corpus}: {len(all_)} unlinked sentences, {len(linked)} linked by meaning")
        print(f"  cheap cosine of the statement linked, lowest: {np.round(sorted(r[1] for r in linked)[:6], 2)}")
        print(f"  cheap rank of the statement linked: {dict(sorted(collections.Counter(r[2] for r in linked).items()))}")
        for bar in BARS:
            print(f"  first look at {bar}: keeps {sum(r[3] >= bar for r in all_)}/{len(all_)} sentences, "
                  f"{sum(r[3] >= bar for r in linked)}/{len(linked)} links")


if __name__ == "__main__":
    main()
