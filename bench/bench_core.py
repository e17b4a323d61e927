"""Core throughput: `screen()` without a model next to hazm's normaliser alone, on the same texts.

    .venv/bin/python bench/bench_core.py [--n 600] [--repeat 3] [--size 0]

One process, one core (the measurement loops are single-threaded). Prints petitions per second
for hazm's default `Normalizer().normalize`, for our normaliser (hazm plus protection), and for
`screen()` (normalise → parse → checks → deadline, no model); then the ratio the core issue sets
a target for (screen ≥ 0.8 × hazm alone), and the wall time of a cold `screening check`.
Runs twice: on the corpus petitions as they are (short: ~840 characters) and on the same
petitions lengthened to `--size` characters (2,000 by default, the size the web benchmark uses),
since the core has a fixed cost per petition that weighs more on short texts.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(n: int, size: int = 0) -> list[str]:
    """The first `n` corpus petitions, lengthened to `size` characters as bench_model.py does."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_model import petitions

    return petitions(n, size)


def rate(fn, texts: list[str], repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        start = time.process_time()
        for t in texts:
            fn(t)
        best = max(best, len(texts) / (time.process_time() - start))
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size", type=int, default=2000, help="characters of the lengthened petitions")
    args = ap.parse_args()

    import hazm

    from screening.text.normalize import get_normaliser
    from screening.pipeline import Screener

    hz = hazm.Normalizer()
    ours = get_normaliser()
    screener = Screener(model_dir=None)
    for size in (0, args.size):
        texts = load_texts(args.n, size)
        print(f"{len(texts)} corpus petitions, mean {sum(map(len, texts)) / len(texts):.0f} characters")
        for t in texts[:20]:  # warm caches
            hz.normalize(t), screener.screen(t)
        r_hazm = rate(hz.normalize, texts, args.repeat)
        r_norm = rate(ours.normalise, texts, args.repeat)
        r_screen = rate(screener.screen, texts, args.repeat)
        print(f"  hazm Normalizer().normalize : {r_hazm:8.0f} petitions/s (CPU time)")
        print(f"  our normaliser             : {r_norm:8.0f} petitions/s")
        print(f"  screen() without a model    : {r_screen:8.0f} petitions/s")
        print(f"  ratio screen / hazm alone   : {r_screen / r_hazm:8.2f}  (target >= 0.80)")

    example = ROOT / "examples" / "cheque_complete.txt"
    exe = Path(sys.executable).parent / "screening"
    start = time.perf_counter()
    subprocess.run([str(exe), "check", str(example)], check=True, capture_output=True, env=dict(os.environ))
    print(f"cold `screening check` (shipped model if present): {time.perf_counter() - start:.2f} s (target < 3 s)")


if __name__ == "__main__":
    main()
