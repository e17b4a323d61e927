"""Similar-rulings index: query time for one petition and index memory at 10⁴ and 10⁵ rulings.

    .venv/bin/python bench/bench_similar.py [--sizes 10000 100000] [--queries 200]

The rulings are synthetic: each "restated claim" is 4–9 sentences drawn (seeded) from the shipped
synthetic corpus (corpus/petitions.jsonl), about the length of a real ruling's claim part. The
index is built exactly as `screening index` builds it (same vectoriser, saved and loaded through
the same files). For each size it prints
- the time of one query (the `similar` step on a screened petition's claim and facts) with the
  inverted-index sparse product the index uses, and with scikit-learn's NearestNeighbors(cosine,
  brute) on the same vectors, median and 95th percentile of CPU time, one core;
- the memory the loaded index holds (tracemalloc: the vectoriser, the postings and the columns),
  and its files' size on disk;
and, once, `screen()` per petition without an index and with the largest one.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTCOMES = ("accepted", "partially_accepted", "not_heard", "claim_rejected", "invalid", "no_right")
GROUNDS = (None, "84(4)", "CPC 2", "84(10)", "CPC 197", "CC 1257")


def corpus_sentences(limit: int = 3000) -> list[str]:
    sentences: list[str] = []
    with open(ROOT / "corpus" / "petitions.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                break
            for s in re.split(r"[.\n]+", json.loads(line)["text"]):
                if len(s.split()) >= 5:
                    sentences.append(s.strip())
    return sentences


def synthetic_rows(n: int, sentences: list[str], seed: int = 7):
    from screening.training.similar_index import IndexRow

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        outcome = rng.choice(OUTCOMES)
        rows.append(IndexRow(
            id=f"syn-{i}", claim_text=" . ".join(rng.sample(sentences, rng.randint(4, 9))), outcome=outcome,
            fruitless=int(outcome not in ("accepted", "partially_accepted")), ground=rng.choice(GROUNDS),
            date="1402/01/01", court="دادگاه عمومی حقوقی", link=f"https://example.invalid/{i}", claim="مطالبه وجه",
        ))
    return rows


def timed_ms(fn, items) -> tuple[float, float]:
    """Median and 95th percentile CPU time of `fn(item)`: CPU time, because the machine is shared and
    a query preempted by another process would otherwise count the other process's time."""
    times = []
    for item in items:
        start = time.process_time()
        fn(item)
        times.append((time.process_time() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()

    from sklearn.neighbors import NearestNeighbors

    from screening.pipeline import Screener
    from screening.similar.index import load_index
    from screening.similar.step import FindSimilarRulings, claim_text
    from screening.training.similar_index import CollectSummary, build_index

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_model import petitions

    queries = petitions(args.queries, 0)
    plain = Screener(model_dir="default")
    docs = [plain.run(t) for t in queries]
    texts = [claim_text(d) for d in docs]
    sentences = corpus_sentences()
    last_dir = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows = synthetic_rows(n, sentences)
            start = time.perf_counter()
            out = Path(tmp) / f"idx-{n}"
            build_index(rows, CollectSummary(read=n, indexed=n), out)
            built_s = time.perf_counter() - start
            del rows
            tracemalloc.start()
            index = load_index(out)
            held_mb = tracemalloc.get_traced_memory()[0] / 2**20
            tracemalloc.stop()
            disk_mb = sum(p.stat().st_size for p in out.iterdir()) / 2**20
            step = FindSimilarRulings(index)
            dot_med, dot_p95 = timed_ms(step, docs)

            by_row = index.postings.T.tocsr()  # rulings × terms, what NearestNeighbors takes
            nn = NearestNeighbors(n_neighbors=20, metric="cosine", algorithm="brute").fit(by_row)
            vectors = [index.vectorizer.transform([t]) for t in texts]
            nn_med, nn_p95 = timed_ms(lambda q: nn.kneighbors(q), vectors)
            print(f"{n:>7,} rulings: vocabulary {len(index.vectorizer.vocabulary_):,} terms, "
                  f"{index.postings.nnz:,} non-zeros; built in {built_s:.0f} s")
            print(f"         query (similar step), sparse product: median {dot_med:.2f} ms, p95 {dot_p95:.2f} ms")
            print(f"         query, NearestNeighbors(cosine, brute): median {nn_med:.2f} ms, p95 {nn_p95:.2f} ms")
            print(f"         memory held by the loaded index: {held_mb:.0f} MB (files on disk {disk_mb:.0f} MB)")
            del nn, by_row, index, step
            last_dir = out

        with_index = Screener(model_dir="default", index_dir=last_dir)
        for name, screener in (("without an index", plain), (f"with the {args.sizes[-1]:,}-ruling index", with_index)):
            med, p95 = timed_ms(screener.screen, queries)
            print(f"screen() {name}: median {med:.2f} ms, p95 {p95:.2f} ms per petition")
    return 0


if __name__ == "__main__":
    sys.exit(main())
