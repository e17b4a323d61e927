"""Per-petition latency: the transformers backend next to the default (sklearn) one, same texts.

    .venv/bin/python bench/bench_transformers.py                       # tiny BERT (2 layers, hidden 32)
    .venv/bin/python bench/bench_transformers.py --size base --n-train 24 --n-eval 8   # BERT-base shape
    .venv/bin/python bench/bench_transformers.py --base-model /path/to/parsbert --n-train 200

Needs the extra: pip install -e '.[transformers]'. Texts come from corpus/petitions.jsonl, or from
corpus/generate.py into bench/out/ when the corpus has not been generated. Both backends are trained
on the same rows (`screening.training.train`, 2 CV folds) and written as model directories; then each
is loaded by `Screener(model_dir=...)` and timed on the same held-out petitions, one at a time:
- screen(): the whole pipeline (normalise → … → score), what the form and the API pay;
- score(): the model step alone on an already screened Document (reasons included; for the
  transformers backend that is one batched forward pass of the petition and its occluded passages);
- proba: the probability alone (one forward pass), no reasons.
With no --base-model, "tiny" and "base" are randomly initialised BERTs with a tokenizer trained on
the texts: their latency is that of a real checkpoint of the same shape, their accuracy is not.
Prints a table and writes bench/out/bench_transformers.json.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SIZES = {  # name → make_tiny_base_model arguments
    "tiny": dict(hidden_size=32, layers=2, heads=2, intermediate_size=64, vocab_size=2000),
    "base": dict(hidden_size=768, layers=12, heads=12, intermediate_size=3072, vocab_size=8000),
}


def load_texts(n: int) -> list[dict]:
    corpus = ROOT / "corpus" / "petitions.jsonl"
    if not corpus.is_file():
        OUT.mkdir(parents=True, exist_ok=True)
        corpus = OUT / "bench_transformers_corpus.jsonl"
        if not corpus.is_file():
            subprocess.run([sys.executable, str(ROOT / "corpus" / "generate.py"), "--seed", "13", "--n", str(n),
                            "--out", str(corpus)], check=True)
    rows = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append({"text": r["text"], "fruitless": int(r["fruitless"])})
            if len(rows) >= n:
                break
    return rows


def percentiles(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    pick = lambda q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]  # noqa: E731
    return {"mean_ms": round(1000 * statistics.fmean(xs), 2), "p50_ms": round(1000 * pick(0.5), 2),
            "p95_ms": round(1000 * pick(0.95), 2), "max_ms": round(1000 * xs[-1], 2)}


def timed(fn, items, warmup: int = 2) -> list[float]:
    for item in items[:warmup]:
        fn(item)
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-model", help="a real local checkpoint folder (else a random BERT of --size)")
    ap.add_argument("--size", choices=sorted(SIZES), default="tiny")
    ap.add_argument("--n-train", type=int, default=200)
    ap.add_argument("--n-eval", type=int, default=50)
    ap.add_argument("--max-length", type=int, default=512)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch's default)")
    args = ap.parse_args()

    from screening.training import train as T
    from tests.tiny_bert import make_tiny_base_model
    from screening.pipeline import Screener

    rows = load_texts(args.n_train + args.n_eval)
    train_rows, eval_rows = rows[: args.n_train], rows[args.n_train:]
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = args.base_model
        if base is None:
            base = make_tiny_base_model([r["text"] for r in train_rows], tmp / "base", seed=0,
                                        max_positions=max(args.max_length, 512), **SIZES[args.size])
        labelled = T.rows_from_records(train_rows, source="bench")
        factories = {
            "sklearn": lambda: T.make_backend("sklearn", seed=13),
            "transformers": lambda: T.make_backend("transformers", seed=13, base_model=str(base),
                                                   max_length=args.max_length, epochs=args.epochs),
        }
        texts = [r["text"] for r in eval_rows]
        core = Screener(model_dir=None)
        docs = [core.run(t) for t in texts]
        for name, factory in factories.items():
            t0 = time.perf_counter()
            result = T.train(labelled, factory, seed=13, cv_folds=2)
            train_s = time.perf_counter() - t0
            out = T.write_model(result, tmp / name, name=f"bench-{name}", backend_name=name)
            t0 = time.perf_counter()
            screener = Screener(model_dir=out)
            load_s = time.perf_counter() - t0
            scorer = next(s for s in screener.steps if s.name == "score").scorer
            # Score copies of the core-only documents, so that each backend sees exactly the same input.
            results[name] = {
                "train_s": round(train_s, 1),
                "load_s": round(load_s, 2),
                "screen": percentiles(timed(screener.screen, texts)),
                "score": percentiles(timed(lambda d: scorer.score(copy.copy(d)), docs)),
                "proba": percentiles(timed(lambda d: scorer.predict_proba([d]), docs)),
                "test_roc_auc": result.metrics["test"].get("roc_auc"),
            }
            if name == "transformers":
                meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
                results[name]["long_text"] = meta.get("long_text")

    env = {"python": platform.python_version(), "cpus": os.cpu_count(), "base_model": args.base_model or
           f"random {args.size} BERT", "max_length": args.max_length, "n_train": len(train_rows),
           "n_eval": len(eval_rows)}
    try:
        import torch

        env.update(torch=torch.__version__, torch_threads=torch.get_num_threads(),
                   device="cuda" if torch.cuda.is_available() else "cpu")
    except ImportError:
        pass
    print(f"per-petition latency, {len(texts)} petitions, one at a time ({env['base_model']}, window {args.max_length}):")
    print(f"{'backend':<13} {'what':<7} {'mean ms':>9} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, r in results.items():
        for what in ("screen", "score", "proba"):
            s = r[what]
            print(f"{name:<13} {what:<7} {s['mean_ms']:>9} {s['p50_ms']:>9} {s['p95_ms']:>9} {s['max_ms']:>9}")
    for name, r in results.items():
        print(f"{name}: trained in {r['train_s']} s (2-fold CV + final fit), loaded in {r['load_s']} s, "
              f"held-out ROC-AUC {r['test_roc_auc']}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_transformers.json").write_text(json.dumps({"env": env, "results": results}, indent=2,
                                                            ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
