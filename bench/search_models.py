"""What other models reach on the real rulings: the evidence behind issue 11's ROC-AUC note.

    .venv/bin/python bench/search_models.py RULINGS.jsonl [RULINGS.jsonl ...] [--seeds 13 1 2]

The rows, labels, near-duplicate groups and development split of `screening train --rulings`
(`prepare_rulings`; the holdout fifth is never touched here), and the same StratifiedGroupKFold folds; each
candidate is scored by out-of-fold ROC-AUC, averaged over `--seeds` fold shuffles (one shuffle
moves a figure by about ±0.02 on ~450 rulings). Prints a table and writes
bench/out/search_models.json. A candidate is only a measurement: what ships is what
`screening train` builds. Takes about three minutes on one core.

Candidates: the shipped backend (and without its character n-grams); logistic regression on
word tf-idf (three regularisation strengths), on word uni+bigrams, on character n-grams, on the
«خواسته» phrase alone and on the legal features alone; a rank average of word and character
models; NB-SVM (log-count-ratio scaled n-grams); LSA (200 dimensions fitted on the claim texts
without labels); a three-class model (granted / barred at the door / lost on the merits);
gradient-boosted trees on the legal features.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np
from scipy.stats import rankdata
from sklearn.decomposition import TruncatedSVD
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import normalize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from screening.model.claim_features import ask_phrase  # noqa: E402
from screening.model.features import doc_text, structured_features  # noqa: E402
from screening.model.sklearn_backend import SklearnBackend  # noqa: E402
from screening.model.io import read_metadata  # noqa: E402
from screening.training.train import FRUITLESS, load_rulings, prepare_rulings  # noqa: E402

FitPredict = Callable[[np.ndarray, np.ndarray], np.ndarray]
BARRED = frozenset({"rejected_petition", "not_heard", "claim_rejected"})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rulings", nargs="+")
    ap.add_argument("--seeds", nargs="+", type=int, default=[13, 1, 2])
    args = ap.parse_args()

    data = prepare_rulings(load_rulings(args.rulings))
    docs, y, groups, dev, outcomes = data.docs, data.y, data.groups, data.dev_idx, data.outcomes
    texts = np.array([doc_text(d) for d in docs], dtype=object)
    print(f"{len(dev)} development rulings ({y[dev].mean():.0%} fruitless); holdout not used", file=sys.stderr)

    params = read_metadata(ROOT / "models" / "default")["params"]
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items() if k not in ("seed", "clip")}
    legal = [structured_features(d, legal=True, completeness=False) for d in docs]
    asks = np.array([ask_phrase(t, getattr(d.fields, "claim", None)) for t, d in zip(texts, docs)], dtype=object)

    def backend(**over) -> FitPredict:
        def fp(a, b):
            m = SklearnBackend(seed=13, **dict(params, **over)).fit([docs[i] for i in a], y[a], groups=list(groups[a]))
            return m.predict_proba([docs[i] for i in b])
        return fp

    def text_lr(vec: Callable[[], TfidfVectorizer], C: float, source: np.ndarray = texts) -> FitPredict:
        def fp(a, b):
            m = make_pipeline(vec(), LogisticRegression(C=C, max_iter=3000)).fit(source[a], y[a])
            return m.predict_proba(source[b])[:, 1]
        return fp

    word = lambda: TfidfVectorizer(min_df=2, sublinear_tf=True)  # noqa: E731
    word12 = lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)  # noqa: E731
    char = lambda: TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 6), min_df=2, sublinear_tf=True, max_features=50_000)  # noqa: E731

    def rank_average(a, b):
        return rankdata(text_lr(word, 0.3)(a, b)) + rankdata(text_lr(char, 0.3)(a, b))

    def nbsvm(a, b):
        v = TfidfVectorizer(ngram_range=(1, 2), min_df=2, use_idf=False, norm=None, binary=True)
        Xa, Xb = v.fit_transform(texts[a]), v.transform(texts[b])
        p, q = 1 + Xa[y[a] == 1].sum(0), 1 + Xa[y[a] == 0].sum(0)
        r = np.asarray(np.log((p / p.sum()) / (q / q.sum()))).ravel()
        m = LogisticRegression(C=0.3, max_iter=3000).fit(normalize(Xa.multiply(r).tocsr()), y[a])
        return m.predict_proba(normalize(Xb.multiply(r).tocsr()))[:, 1]

    def lsa(a, b):
        v = TfidfVectorizer(min_df=2, sublinear_tf=True)
        X = v.fit_transform(texts)  # no labels: the claim texts of every ruling shape the space
        Z = normalize(TruncatedSVD(200, random_state=0).fit_transform(X))
        return LogisticRegression(C=0.3, max_iter=3000).fit(Z[a], y[a]).predict_proba(Z[b])[:, 1]

    three = np.array([0 if not f else (1 if o in BARRED else 2) for f, o in zip(y, outcomes)])

    def three_class(a, b):
        v = TfidfVectorizer(min_df=2, sublinear_tf=True)
        m = LogisticRegression(C=0.1, max_iter=3000).fit(v.fit_transform(texts[a]), three[a])
        P = m.predict_proba(v.transform(texts[b]))
        return 1.0 - P[:, list(m.classes_).index(0)]

    def legal_lr(a, b):
        m = make_pipeline(DictVectorizer(), LogisticRegression(C=0.03, max_iter=3000))
        return m.fit([legal[i] for i in a], y[a]).predict_proba([legal[i] for i in b])[:, 1]

    def legal_trees(a, b):
        dv = DictVectorizer(sparse=False)
        m = HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=200, l2_regularization=1.0, random_state=0)
        return m.fit(dv.fit_transform([legal[i] for i in a]), y[a]).predict_proba(dv.transform([legal[i] for i in b]))[:, 1]

    candidates: dict[str, FitPredict] = {
        "shipped backend (word + char n-grams + legal features, Platt)": backend(),
        "shipped backend without character n-grams": backend(use_char=False),
        "word tf-idf + LR, C=0.1": text_lr(word, 0.1),
        "word tf-idf + LR, C=0.3": text_lr(word, 0.3),
        "word tf-idf + LR, C=1": text_lr(word, 1.0),
        "word uni+bigrams + LR, C=0.3": text_lr(word12, 0.3),
        "character 3-6-grams + LR, C=0.3": text_lr(char, 0.3),
        "rank average of word and character LR": rank_average,
        "«خواسته» phrase only + LR": text_lr(word12, 0.1, asks),
        "legal features only + LR": legal_lr,
        "legal features only + boosted trees": legal_trees,
        "NB-SVM (log-count ratio) + LR": nbsvm,
        "LSA 200 + LR": lsa,
    }
    candidates["three classes (granted / barred / lost on merits)"] = three_class

    results = []
    for name, fp in candidates.items():
        start = time.perf_counter()
        aucs = []
        for seed in args.seeds:
            oof = np.zeros(len(dev))
            splits = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed).split(dev, y[dev], groups[dev])
            for a, b in splits:
                oof[b] = fp(dev[a], dev[b])
            aucs.append(float(roc_auc_score(y[dev], oof)))
        results.append({"model": name, "roc_auc_mean": round(float(np.mean(aucs)), 4),
                        "roc_auc_by_seed": [round(a, 4) for a in aucs], "seconds": round(time.perf_counter() - start, 1)})
        print(f"{np.mean(aucs):.3f}  ({', '.join(f'{a:.3f}' for a in aucs)})  {name}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search_models.json").write_text(json.dumps({"rows": int(len(dev)), "fruitless": int(y[dev].sum()),
                                                        "seeds": args.seeds, "fruitless_outcomes": sorted(FRUITLESS),
                                                        "results": results}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
